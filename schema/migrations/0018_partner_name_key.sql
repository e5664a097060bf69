-- A partner's name as the reader reads it (`nameKey` in schema/partner-names.ts: NFC, lower case
-- in Dutch, runs of white space as one space, trimmed), unique per programme. The Worker asked it
-- in JavaScript before it wrote (worker/services/partner-service.ts), so two adds of "Politie
-- Midden" and "politie midden" at the same moment could both pass; the index refuses the second.
-- The Worker writes the key on every insert and rename (worker/db/programmes.ts).
ALTER TABLE partners ADD COLUMN name_key TEXT;

-- Rows from before: SQLite cannot run the Worker's key, so they get the nearest SQL can write:
-- lower() folds A–Z only and only spaces collapse (names were trimmed on the way in, six halvings
-- collapse a run of up to 64). Where that differs from the Worker's key (a capital such as É, a
-- decomposed accent, a tab or no-break space inside), the stored key has a character no key the
-- Worker writes has, so it refuses no new name wrongly; the check by name before each write still
-- finds such a partner's namesakes, and the race the index closes is between two new rows, both
-- keyed by the Worker.
UPDATE partners SET name_key = replace(replace(replace(replace(replace(replace(lower(trim(name)), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' '), '  ', ' ');

-- Two partners of one programme that read alike from before the check existed must not stop the
-- migration, and neither may be renamed or dropped unasked (one may hold answer sets): the first
-- stored keeps the key, each later one gets it followed by " #" and its own id, which no name
-- typed in keys to. Both stay as they are until a lead renames or removes one.
UPDATE partners SET name_key = name_key || ' #' || id
WHERE EXISTS (
  SELECT 1 FROM partners o
  WHERE o.programme_id = partners.programme_id AND o.name_key = partners.name_key AND o.rowid < partners.rowid
);

CREATE UNIQUE INDEX partners_by_name_key ON partners (programme_id, name_key);
