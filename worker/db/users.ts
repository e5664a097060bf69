import type { Membership } from '../domain/access.ts'
import { SESSION_IDLE_MS, SESSION_MAX_MS, type SessionTimes } from '../domain/session-rule.ts'
import type { SqlGate } from './one-batch.ts'
import { randomToken, sha256Hex } from './ids.ts'

type UserRole = 'admin' | 'lead' | 'viewer'
export type User = { id: string; email: string; role: UserRole; passwordHash: string | null }

type UserRow = { id: string; email: string; role: UserRole; password_hash: string | null }
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, role: r.role, passwordHash: r.password_hash })

export async function readUserByEmail(db: D1Database, email: string): Promise<User | null> {
  const row = await db
    .prepare('SELECT id, email, role, password_hash FROM users WHERE email = ?1')
    .bind(email)
    .first<UserRow>()
  return row ? toUser(row) : null
}

export async function createUser(
  db: D1Database,
  email: string,
  role: UserRole,
  passwordHash: string | null,
): Promise<User> {
  const id = crypto.randomUUID()
  await db
    .prepare(
      'INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (email) DO NOTHING',
    )
    .bind(id, email, role, passwordHash, new Date().toISOString())
    .run()
  return (await readUserByEmail(db, email))!
}

/** Starts a session and returns the cookie's token; only its hash is stored. */
export async function createSession(db: D1Database, userId: string, now = new Date()): Promise<string> {
  const token = randomToken() + randomToken()
  await db
    .prepare('INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?1, ?2, ?3, ?3)')
    .bind(await sha256Hex(token), userId, now.toISOString())
    .run()
  return token
}

/**
 * The session's user with when it started and was last used, or null when the token is unknown.
 * Whether it still holds is `sessionVerdict`'s (worker/domain/session-rule.ts) to say.
 */
export async function readSession(db: D1Database, token: string): Promise<(User & SessionTimes) | null> {
  const row = await db
    .prepare(
      `SELECT u.id, u.email, u.role, u.password_hash, s.created_at, s.last_seen_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1`,
    )
    .bind(await sha256Hex(token))
    .first<UserRow & { created_at: string; last_seen_at: string }>()
  return row ? { ...toUser(row), createdAt: row.created_at, lastSeenAt: row.last_seen_at } : null
}

/** Writes down that the session was used at `now`. */
export async function touchSession(db: D1Database, token: string, now: Date): Promise<void> {
  await db
    .prepare('UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1')
    .bind(await sha256Hex(token), now.toISOString())
    .run()
}

export async function deleteSession(db: D1Database, token: string): Promise<void> {
  await db
    .prepare('DELETE FROM sessions WHERE token_hash = ?1')
    .bind(await sha256Hex(token))
    .run()
}

/**
 * Who asks, as a request names them before anything is read: a session cookie's token (with its
 * hash, the key sessions are stored under), or, behind Cloudflare Access, the e-mail address the
 * Access token names.
 */
export type Asker = { token: string; tokenHash: string } | { email: string }

/** The asker's account with its session's times (none behind Access) and its membership of one programme. */
export type AskerRow = User &
  Partial<SessionTimes> & {
    membership: Membership | null
    /** What `askerGate` said of this asker and programme, in the same transaction. */
    cleared: boolean
  }

/**
 * The access check in SQL, for the statements read with it (worker/db/one-batch.ts `SqlGate`): the
 * asker is a live session's account (`sessionVerdict`'s rule, worker/domain/session-rule.ts: used
 * within SESSION_IDLE_MS and started within SESSION_MAX_MS, both to the millisecond, as ISO
 * strings compare) or, behind Access, the account of the address; and `accessOf`'s rule
 * (worker/domain/access.ts): an administrator, or an accepted membership of the programme.
 * `readAsker` returns what it says beside the row, so the Worker sees when the two rules part.
 */
/**
 * `askerGate` for a user already known (its session settled by the API's guard): an
 * administrator, or an accepted membership of the programme, so that a refused signed-in reader's
 * batch reads nothing of the programme either (the export read it whole: a hostile review).
 */
export function memberGate(user: { id: string; role: string }, programmeId: string): SqlGate {
  return {
    where: (n) =>
      `(?${n + 1} = 'admin' OR EXISTS (SELECT 1 FROM memberships gm WHERE gm.user_id = ?${n + 2} AND gm.programme_id = ?${n} AND gm.pending = 0))`,
    params: [programmeId, user.role, user.id],
  }
}

export function askerGate(asker: Asker, programmeId: string, now: Date): SqlGate {
  const member = (n: number) =>
    `(gu.role = 'admin' OR EXISTS (SELECT 1 FROM memberships gm WHERE gm.user_id = gu.id AND gm.programme_id = ?${n} AND gm.pending = 0))`
  if ('email' in asker)
    return {
      where: (n) => `EXISTS (SELECT 1 FROM users gu WHERE gu.email = ?${n + 1} AND ${member(n)})`,
      params: [programmeId, asker.email],
    }
  return {
    where: (n) =>
      `EXISTS (SELECT 1 FROM sessions gs JOIN users gu ON gu.id = gs.user_id
        WHERE gs.token_hash = ?${n + 1} AND gs.last_seen_at >= ?${n + 2} AND gs.created_at >= ?${n + 3} AND ${member(n)})`,
    params: [
      programmeId,
      asker.tokenHash,
      new Date(now.getTime() - SESSION_IDLE_MS).toISOString(),
      new Date(now.getTime() - SESSION_MAX_MS).toISOString(),
    ],
  }
}

type AskerRowRaw = UserRow & {
  created_at: string | null
  last_seen_at: string | null
  partner_id: string | null
  member_role: 'lead' | 'viewer' | null
  pending: number | null
  cleared: number
}

/**
 * The asker's account, session and membership of `programmeId`, whether or not the session still
 * holds (that is `sessionVerdict`'s to say, and the row is needed to end it), with `askerGate`'s
 * verdict: null when the token or address names no account.
 */
export async function readAsker(
  db: D1Database,
  asker: Asker,
  programmeId: string,
  now: Date,
): Promise<AskerRow | null> {
  const gate = askerGate(asker, programmeId, now)
  const who =
    'email' in asker
      ? 'NULL AS created_at, NULL AS last_seen_at FROM users u'
      : 's.created_at, s.last_seen_at FROM sessions s JOIN users u ON u.id = s.user_id'
  const row = await db
    .prepare(
      `SELECT u.id, u.email, u.role, u.password_hash, m.partner_id, m.role AS member_role, m.pending,
         ${gate.where(3)} AS cleared, ${who}
       LEFT JOIN memberships m ON m.user_id = u.id AND m.programme_id = ?1
       WHERE ${'email' in asker ? 'u.email' : 's.token_hash'} = ?2`,
    )
    .bind(programmeId, 'email' in asker ? asker.email : asker.tokenHash, ...gate.params)
    .first<AskerRowRaw>()
  if (!row) return null
  return {
    ...toUser(row),
    ...(row.created_at !== null && row.last_seen_at !== null
      ? { createdAt: row.created_at, lastSeenAt: row.last_seen_at }
      : {}),
    membership:
      row.pending === null ? null : { role: row.member_role, partnerId: row.partner_id, pending: row.pending === 1 },
    cleared: row.cleared === 1,
  }
}
