-- Headcount per role, so the dashboard can show a response rate for managers' and tactical
-- managers' self-assessments as well as for staff (`headcount`).
ALTER TABLE partners ADD COLUMN headcount_teammanager INTEGER CHECK (headcount_teammanager IS NULL OR headcount_teammanager >= 0);
ALTER TABLE partners ADD COLUMN headcount_tactisch INTEGER CHECK (headcount_tactisch IS NULL OR headcount_tactisch >= 0);
