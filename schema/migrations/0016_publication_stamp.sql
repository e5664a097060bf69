-- A stamp per stored publication text, so that a results read can ask D1 for the text only when
-- the Worker's isolate does not hold it already (worker/db/publications.ts `readPublications`:
-- about 320 KB of text per request at 40 partners otherwise; BENCHMARKS.md, "One round trip per
-- read"). The stamp is random and renewed by the database whenever the text is written, whoever
-- writes it (the Worker, an import, a hand edit), so one stamp always names one text: an insert
-- without one gets one, and an update of the body or the question counts gets a new one.
ALTER TABLE publications ADD COLUMN stamp TEXT;
UPDATE publications SET stamp = lower(hex(randomblob(16)));
CREATE TRIGGER publications_stamp_insert AFTER INSERT ON publications WHEN NEW.stamp IS NULL
BEGIN
  UPDATE publications SET stamp = lower(hex(randomblob(16))) WHERE wave_id = NEW.wave_id;
END;
CREATE TRIGGER publications_stamp_update AFTER UPDATE OF body, questions ON publications
BEGIN
  UPDATE publications SET stamp = lower(hex(randomblob(16))) WHERE wave_id = NEW.wave_id;
END;
