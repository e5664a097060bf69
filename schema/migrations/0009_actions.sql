-- Agreed actions: after a wave's results are published, what a partner agreed to do
-- about one dimension, who does it (a role or a name as text, not an account), by when, and how
-- far it got. Written by staff about their own work: nothing about any respondent. Only the day
-- it was recorded is kept, as in the trail.
CREATE TABLE actions (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  -- The wave whose results it answers; the next wave's change of the dimension is shown beside it.
  wave_id TEXT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  dimension TEXT NOT NULL,
  what TEXT NOT NULL,
  owner TEXT,
  due TEXT,
  status TEXT NOT NULL CHECK (status IN ('planned', 'in-progress', 'done', 'dropped')),
  recorded_on TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX actions_by_programme ON actions (programme_id, wave_id, partner_id);

-- Whether a viewer limited to one partner may record and change that partner's actions (the lead
-- decides per programme); leads always may.
ALTER TABLE programmes ADD COLUMN partner_actions INTEGER NOT NULL DEFAULT 0 CHECK (partner_actions IN (0, 1));
