-- A publication read in parts (BENCHMARKS.md, "The results API in parts (2026-12-02, session 6)"): the results API
-- shows one wave, and parsed every wave's publication, question counts and all, on every read.
--
-- `questions`: the question counts of the publication's shown groups, kept apart from the
-- moments in `body`, { "<role>": { "programme": {…}, "partners": { "<id>": {…} } } } with each
-- group's counts as worker/domain/question-detail.ts publishQuestions made them; a read parses
-- them only for the waves it shows. NULL for a publication made before this migration: its
-- counts (where it has any) stay in `body`, where every reader still finds them.
ALTER TABLE publications ADD COLUMN questions TEXT;

-- `shows`: 1 when the programme as a whole shows a number in any role, so a read can pick the
-- wave it shows (the latest that shows anything, worker/services/results-service.ts pickWave)
-- without parsing every body. Like the body it is decided once, when the wave is published.
ALTER TABLE publications ADD COLUMN shows INTEGER NOT NULL DEFAULT 0 CHECK (shows IN (0, 1));
UPDATE publications SET shows = (
  json_extract(body, '$.roles.medewerker.programme.n') IS NOT NULL
  OR json_extract(body, '$.roles.teammanager.programme.n') IS NOT NULL
  OR json_extract(body, '$.roles.tactisch.programme.n') IS NOT NULL
);
