import { randomToken, sha256Hex } from './ids.ts'
import { readUserByEmail, type User } from './users.ts'

/** Someone with access to a programme, as its lead sees them. */
export type Person = {
  id: string
  email: string
  role: 'lead' | 'viewer'
  partnerId: string | null
  /** False until the person has set a password through their invitation. */
  active: boolean
}

/** How long a one-time password link works: long enough to reach someone on leave for a week. */
export const PASSWORD_LINK_MS = 7 * 24 * 60 * 60 * 1000

type PersonRow = { id: string; email: string; role: 'lead' | 'viewer'; partner_id: string | null; password_hash: string | null }
const toPerson = (r: PersonRow): Person => ({ id: r.id, email: r.email, role: r.role, partnerId: r.partner_id, active: r.password_hash !== null })

const PERSON_SELECT = `SELECT u.id, u.email, COALESCE(m.role, u.role) AS role, m.partner_id, u.password_hash
  FROM memberships m JOIN users u ON u.id = m.user_id`

export async function listPeople(db: D1Database, programmeId: string): Promise<Person[]> {
  const { results } = await db.prepare(`${PERSON_SELECT} WHERE m.programme_id = ?1 ORDER BY u.email`).bind(programmeId).all<PersonRow>()
  return results.map(toPerson)
}

export async function readPerson(db: D1Database, programmeId: string, userId: string): Promise<Person | null> {
  const row = await db.prepare(`${PERSON_SELECT} WHERE m.programme_id = ?1 AND u.id = ?2`).bind(programmeId, userId).first<PersonRow>()
  return row ? toPerson(row) : null
}

/**
 * Gives an e-mail address access to a programme, making the person when they are new (without a
 * password: they set one through their invitation). Null when they already have access.
 */
export async function addPerson(
  db: D1Database,
  programmeId: string,
  email: string,
  role: 'lead' | 'viewer',
  partnerId: string | null,
): Promise<User | null> {
  const id = crypto.randomUUID()
  await db
    .prepare("INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, NULL, ?4) ON CONFLICT (email) DO NOTHING")
    .bind(id, email, role, new Date().toISOString())
    .run()
  const user = (await readUserByEmail(db, email))!
  const res = await db
    .prepare('INSERT INTO memberships (user_id, programme_id, partner_id, role) VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING')
    .bind(user.id, programmeId, partnerId, role)
    .run()
  if (res.meta.changes === 0) return null
  return user
}

export async function updateMembership(db: D1Database, programmeId: string, userId: string, role: 'lead' | 'viewer', partnerId: string | null): Promise<void> {
  await db
    .prepare('UPDATE memberships SET role = ?3, partner_id = ?4 WHERE programme_id = ?1 AND user_id = ?2')
    .bind(programmeId, userId, role, partnerId)
    .run()
}

/**
 * Takes a person's access to a programme away. Someone left with no programme at all (and not an
 * administrator) is removed altogether, sessions and pending links included.
 */
export async function removePerson(db: D1Database, programmeId: string, userId: string): Promise<void> {
  await db.batch([
    db.prepare('DELETE FROM memberships WHERE programme_id = ?1 AND user_id = ?2').bind(programmeId, userId),
    db
      .prepare("DELETE FROM users WHERE id = ?1 AND role <> 'admin' AND NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = ?1)")
      .bind(userId),
  ])
}

/** Whether the user has access to any programme other than this one (then only an admin may reset them). */
export async function hasOtherProgrammes(db: D1Database, programmeId: string, userId: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS x FROM memberships WHERE user_id = ?1 AND programme_id <> ?2 LIMIT 1')
    .bind(userId, programmeId)
    .first()
  return row !== null
}

/** Makes a one-time link to set a password; earlier links of the same person stop working. */
export async function createPasswordLink(db: D1Database, userId: string, purpose: 'invite' | 'reset', now = new Date()): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken()
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_MS).toISOString()
  await db.batch([
    db.prepare('DELETE FROM password_links WHERE user_id = ?1').bind(userId),
    db.prepare('INSERT INTO password_links (token_hash, user_id, purpose, expires_at) VALUES (?1, ?2, ?3, ?4)').bind(await sha256Hex(token), userId, purpose, expiresAt),
  ])
  return { token, expiresAt }
}

export type PasswordLink = { userId: string; email: string; purpose: 'invite' | 'reset'; expiresAt: string }

export async function findPasswordLink(db: D1Database, token: string): Promise<PasswordLink | null> {
  const row = await db
    .prepare('SELECT l.user_id, u.email, l.purpose, l.expires_at FROM password_links l JOIN users u ON u.id = l.user_id WHERE l.token_hash = ?1')
    .bind(await sha256Hex(token))
    .first<{ user_id: string; email: string; purpose: 'invite' | 'reset'; expires_at: string }>()
  return row ? { userId: row.user_id, email: row.email, purpose: row.purpose, expiresAt: row.expires_at } : null
}

/**
 * Sets the password and uses the link up, in one transaction: the link works once. Every session of
 * the person ends, so a reset also signs out whoever knew the old password.
 * False when the link was used (or replaced) in the meantime.
 */
export async function usePasswordLink(db: D1Database, token: string, userId: string, passwordHash: string): Promise<boolean> {
  const hash = await sha256Hex(token)
  const [used] = await db.batch([
    db.prepare('DELETE FROM password_links WHERE token_hash = ?1 AND user_id = ?2').bind(hash, userId),
    db.prepare('UPDATE users SET password_hash = ?2 WHERE id = ?1 AND changes() = 1').bind(userId, passwordHash),
    db.prepare('DELETE FROM sessions WHERE user_id = ?1 AND (SELECT password_hash FROM users WHERE id = ?1) = ?2').bind(userId, passwordHash),
  ])
  return used!.meta.changes === 1
}
