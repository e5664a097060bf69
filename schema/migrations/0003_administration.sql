-- Programme administration: per-programme roles, one-time invitation and reset links, link revocation
-- bookkeeping, and the cadence on which the scheduled handler opens waves.

-- A person may lead one programme and only read another: the role belongs to the membership.
-- NULL (rows from before this migration) falls back to the user's own role.
ALTER TABLE memberships ADD COLUMN role TEXT CHECK (role IS NULL OR role IN ('lead', 'viewer'));
UPDATE memberships SET role = (SELECT u.role FROM users u WHERE u.id = memberships.user_id AND u.role IN ('lead', 'viewer'));

-- One-time links to set a password: an invitation for a new person, or a reset. Only a hash of the
-- token is kept; the row is deleted when used.
CREATE TABLE password_links (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset')),
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX password_links_by_user ON password_links (user_id);

-- Links made by the scheduled handler are seen by nobody at that moment: their token waits here,
-- encrypted with LINK_SECRET, until a lead reveals it once; then it is cleared like any other.
ALTER TABLE links ADD COLUMN sealed TEXT;

-- Cadence: every `cadence_months` months a wave opens for `cadence_open_days` days, the next on
-- `next_wave_at`. The scheduled handler moves `next_wave_at` on as it opens each wave, which is
-- what makes a second or late run do nothing twice.
ALTER TABLE programmes ADD COLUMN cadence_months INTEGER CHECK (cadence_months IS NULL OR cadence_months BETWEEN 1 AND 60);
ALTER TABLE programmes ADD COLUMN cadence_open_days INTEGER CHECK (cadence_open_days IS NULL OR cadence_open_days BETWEEN 1 AND 365);
ALTER TABLE programmes ADD COLUMN next_wave_at TEXT;
