import type { SessionTimes } from '../domain/session-rule.ts'
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
