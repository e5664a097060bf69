-- Accounts nobody else can take over: access a lead grants to an existing account waits
-- until that account accepts it; password links remember who issued them and where; and an
-- append-only trail per programme of who did what.

-- Access granted by a lead to an account that already exists is pending until the account accepts
-- it through the link that lead passed on. A pending membership gives no access at all.
ALTER TABLE memberships ADD COLUMN pending INTEGER NOT NULL DEFAULT 0 CHECK (pending IN (0, 1));

-- Password links are rebuilt: a third purpose ('accept'), the programme a link was issued in, and
-- who issued it, so the rule of who may issue one to whom is checked again when it is used.
-- Links issued before this migration were issued under the rule the review broke (a lead could
-- reset an administrator); they are not carried over, and a lead issues a new one where needed.
DROP TABLE password_links;
CREATE TABLE password_links (
  token_hash TEXT PRIMARY KEY,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  purpose TEXT NOT NULL CHECK (purpose IN ('invite', 'reset', 'accept')),
  programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  -- NULL only for an administrator's link whose administrator has since gone; such a link stops working.
  issued_by TEXT REFERENCES users(id) ON DELETE SET NULL,
  expires_at TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX password_links_by_user ON password_links (user_id, purpose, programme_id);

-- The trail: one row per change, in the order made (seq). The time only to the minute, the actor
-- by id and by e-mail as it was then (the trail outlives the account), never a respondent, an
-- answer, a token or a client address. Kept as long as its programme.
CREATE TABLE audit (
  seq INTEGER PRIMARY KEY,
  programme_id TEXT NOT NULL REFERENCES programmes(id) ON DELETE CASCADE,
  at TEXT NOT NULL,
  actor_id TEXT,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  target TEXT,
  detail TEXT
);
CREATE INDEX audit_by_programme ON audit (programme_id, seq);

-- Append-only: no row is changed, and none deleted while its programme exists (deleting the
-- programme takes its trail with it, through the foreign key).
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit WHEN EXISTS (SELECT 1 FROM programmes WHERE id = OLD.programme_id)
BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END;
