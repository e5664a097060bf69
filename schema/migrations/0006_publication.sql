-- Results are published once, when a wave closes, the same for every reader (README, "Threat model").

-- The publication of a closed wave: per role, which cells are shown and the moments behind them,
-- decided once from the rollups with the wave's threshold `k`. Hidden cells carry no numbers at
-- all. Never updated: a later version of the code may derive levels or intervals differently from
-- these moments, but which cells are shown and what they add up to stay as published.
CREATE TABLE publications (
  wave_id TEXT PRIMARY KEY REFERENCES waves(id) ON DELETE CASCADE,
  k INTEGER NOT NULL CHECK (k >= 3),
  body TEXT NOT NULL
) WITHOUT ROWID;

-- When a partner joined the programme (minute precision), and when a wave was made: a partner
-- takes part in a wave only if it was there when the wave opened (max of opens_at, created_at),
-- so a partner added later cannot change which siblings the wave's suppression hides. NULL for
-- rows from before this migration: those partners take part, those waves opened at opens_at.
ALTER TABLE partners ADD COLUMN added_at TEXT;
ALTER TABLE waves ADD COLUMN created_at TEXT;

-- What changed in a group (wave, partner, role) after its wave opened: a link made or a headcount
-- changed. Every reader of the wave's results sees these beside the numbers, with the day, so a
-- lead who adds links or raises a headcount to answer through them cannot do it unseen.
-- Nothing about respondents: the day is that of the lead's action.
CREATE TABLE wave_changes (
  wave_id TEXT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('medewerker', 'teammanager', 'tactisch')),
  kind TEXT NOT NULL CHECK (kind IN ('link', 'headcount')),
  headcount_from INTEGER,
  headcount_to INTEGER,
  day TEXT NOT NULL
);
CREATE INDEX wave_changes_by_wave ON wave_changes (wave_id);
