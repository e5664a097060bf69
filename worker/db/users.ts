import { DAY_MS } from '../../schema/format.ts'
import { randomToken, sha256Hex } from './ids.ts'

export type UserRole = 'admin' | 'lead' | 'viewer'
export type User = { id: string; email: string; role: UserRole; passwordHash: string | null }

type UserRow = { id: string; email: string; role: UserRole; password_hash: string | null }
const toUser = (r: UserRow): User => ({ id: r.id, email: r.email, role: r.role, passwordHash: r.password_hash })

/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000
/** …and after this long in any case. */
export const SESSION_MAX_MS = 7 * DAY_MS

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

/** The signed-in user, or null when the session is unknown, idle too long or too old (then it is removed). */
export async function readSession(db: D1Database, token: string, now = new Date()): Promise<User | null> {
  const hash = await sha256Hex(token)
  const row = await db
    .prepare(
      `SELECT u.id, u.email, u.role, u.password_hash, s.created_at, s.last_seen_at
       FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1`,
    )
    .bind(hash)
    .first<UserRow & { created_at: string; last_seen_at: string }>()
  if (!row) return null
  const t = now.getTime()
  if (t - Date.parse(row.last_seen_at) > SESSION_IDLE_MS || t - Date.parse(row.created_at) > SESSION_MAX_MS) {
    await deleteSession(db, token)
    return null
  }
  // Refresh at most once a minute: a write per request would cost more than it tells.
  if (t - Date.parse(row.last_seen_at) > 60_000) {
    await db.prepare('UPDATE sessions SET last_seen_at = ?2 WHERE token_hash = ?1').bind(hash, now.toISOString()).run()
  }
  return toUser(row)
}

export async function deleteSession(db: D1Database, token: string): Promise<void> {
  await db
    .prepare('DELETE FROM sessions WHERE token_hash = ?1')
    .bind(await sha256Hex(token))
    .run()
}

/** Whether a user may set up and read a programme (`lead`) or only read it (`viewer`). */
export async function programmeAccess(
  db: D1Database,
  user: User,
  programmeId: string,
): Promise<{ canRead: boolean; canLead: boolean; partnerId: string | null }> {
  if (user.role === 'admin') return { canRead: true, canLead: true, partnerId: null }
  const row = await db
    // A pending membership (granted, not yet accepted by the account) gives no access at all.
    .prepare('SELECT partner_id, role FROM memberships WHERE user_id = ?1 AND programme_id = ?2 AND pending = 0')
    .bind(user.id, programmeId)
    .first<{ partner_id: string | null; role: UserRole | null }>()
  if (!row) return { canRead: false, canLead: false, partnerId: null }
  // The role is per programme; rows from before memberships had one take the person's own.
  const role = row.role ?? user.role
  return { canRead: true, canLead: role === 'lead', partnerId: role === 'viewer' ? row.partner_id : null }
}
