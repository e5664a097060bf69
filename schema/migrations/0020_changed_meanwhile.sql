-- A write that reads a row and then writes by what it read (a partner's headcounts, a person's
-- access, an agreed action) puts first in its batch a guard: an INSERT into this view of the kind
-- of row, made only when the row is no longer there as read (worker/db/meanwhile.ts). The insert
-- fails the batch with the kind named, so nothing of it stays, and the Worker refuses the request
-- with what to do (reload) instead of meeting a missing row halfway (a foreign key, an UPDATE of
-- nothing). A view, not a table: it holds no row, and the backup and the dumps see no table.
CREATE VIEW changed_meanwhile AS SELECT NULL AS what WHERE 0;

CREATE TRIGGER changed_meanwhile_partner INSTEAD OF INSERT ON changed_meanwhile WHEN NEW.what = 'partner'
BEGIN SELECT RAISE(ABORT, 'changed meanwhile: partner'); END;

CREATE TRIGGER changed_meanwhile_person INSTEAD OF INSERT ON changed_meanwhile WHEN NEW.what = 'person'
BEGIN SELECT RAISE(ABORT, 'changed meanwhile: person'); END;

CREATE TRIGGER changed_meanwhile_action INSTEAD OF INSERT ON changed_meanwhile WHEN NEW.what = 'action'
BEGIN SELECT RAISE(ABORT, 'changed meanwhile: action'); END;

CREATE TRIGGER changed_meanwhile_wave INSTEAD OF INSERT ON changed_meanwhile WHEN NEW.what = 'wave'
BEGIN SELECT RAISE(ABORT, 'changed meanwhile: wave'); END;
