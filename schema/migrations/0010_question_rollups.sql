-- Question detail: per group (wave × partner × role) how many gave each answer to each
-- question, so the results can show per question who disagree, are neutral, agree or don't know.
-- One row per group, as `rollups` is, so a submission writes one row more, not one per question:
-- `counts` is { "<question>": [count at scale min, …, count at scale max, count of "don't know"] }.
-- Written in the submission's one batch right after its rollup, and only when the answer set was
-- stored (worker/db/question-rollups.ts); read once, when the wave's publication is made.
CREATE TABLE question_rollups (
  wave_id TEXT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  counts TEXT NOT NULL,
  PRIMARY KEY (wave_id, partner_id, role)
) WITHOUT ROWID;
