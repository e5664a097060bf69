-- Ketenradar initial schema. Append-only: never edit once on main; add 0002_… instead.

CREATE TABLE programmes (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  -- Days individual answer sets are kept after a wave closes; afterwards only rollups remain.
  retention_days INTEGER NOT NULL DEFAULT 90 CHECK (retention_days >= 0),
  created_at TEXT NOT NULL
);

CREATE TABLE partners (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  -- Staff headcount, when the lead knows it: the denominator of the response rate.
  headcount INTEGER CHECK (headcount IS NULL OR headcount >= 0),
  UNIQUE (programme_id, name)
);

CREATE TABLE waves (
  id TEXT PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  label TEXT NOT NULL,
  instrument_id TEXT NOT NULL,
  instrument_version INTEGER NOT NULL,
  opens_at TEXT NOT NULL,
  closes_at TEXT NOT NULL,
  CHECK (closes_at > opens_at)
);
CREATE INDEX waves_by_programme ON waves (programme_id, opens_at);

-- A collector link names (wave, partner, role) and nobody. Only a hash of its token is kept.
CREATE TABLE links (
  token_hash TEXT PRIMARY KEY,
  wave_id TEXT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('medewerker', 'teammanager', 'tactisch')),
  revoked INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE INDEX links_by_wave ON links (wave_id, partner_id, role);

-- One answer set. No time, IP, user agent or token: the wave is the only time.
-- WITHOUT ROWID and a random UUID key, so neither id nor storage order tells the order of submission.
CREATE TABLE responses (
  id TEXT PRIMARY KEY,
  wave_id TEXT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  answers TEXT NOT NULL,
  scores TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX responses_by_cell ON responses (wave_id, partner_id, role);

-- What the dashboard reads: one row per wave × partner × role, with per-dimension moments in `stats`:
-- { "<dimension>": [n, sum, sumsq, l1, l2, l3, l4, l5] } — n, sum and sum of squares of the
-- respondents' dimension scores and how many respondents fell in each level band.
-- One row per cell keeps a submission at two written rows and a dashboard read at cells, not dimensions.
CREATE TABLE rollups (
  wave_id TEXT NOT NULL REFERENCES waves(id) ON DELETE CASCADE,
  partner_id TEXT NOT NULL REFERENCES partners(id) ON DELETE CASCADE,
  role TEXT NOT NULL,
  n INTEGER NOT NULL,
  stats TEXT NOT NULL,
  PRIMARY KEY (wave_id, partner_id, role)
) WITHOUT ROWID;

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT,
  role TEXT NOT NULL CHECK (role IN ('admin', 'lead', 'viewer')),
  password_hash TEXT,
  created_at TEXT NOT NULL
);

-- Which programmes a lead or viewer may see; a viewer may be limited to one partner.
CREATE TABLE memberships (
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  partner_id TEXT REFERENCES partners(id) ON DELETE CASCADE,
  PRIMARY KEY (user_id, programme_id)
);

-- Sessions are found by a hash of the cookie's random token, so a leaked table opens no session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL,
  last_seen_at TEXT NOT NULL
) WITHOUT ROWID;
