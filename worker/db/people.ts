import { DAY_MS } from '../../schema/format.ts'
import { randomToken, sha256Hex } from './ids.ts'
import { roleIn, type Membership } from '../domain/access.ts'
import type { Account, AccountRole } from '../domain/password-link-rule.ts'
import { readUserByEmail, type User } from './users.ts'

/** Someone with access to a programme, as its lead sees them. */
export type Person = {
  id: string
  email: string
  role: 'lead' | 'viewer'
  partnerId: string | null
  /** False until the person has set a password through their invitation. */
  active: boolean
  /** True while the access waits for the account to accept it (granted to an account that existed). */
  pending: boolean
}

/** How long a one-time password link works: long enough to reach someone on leave for a week. */
export const PASSWORD_LINK_MS = 7 * DAY_MS

/** A membership's role as stored, beside the account's own (`roleIn` in worker/domain/access.ts weighs them). */
type RoleColumns = { member_role: 'lead' | 'viewer' | null; account_role: AccountRole }
// Only an administrator's membership from before roles were per programme reads 'admin' here, as it always did.
const roleOf = (r: RoleColumns) => roleIn(r.account_role, r.member_role) as 'lead' | 'viewer'

type PersonRow = RoleColumns & {
  id: string
  email: string
  partner_id: string | null
  password_hash: string | null
  pending: number
}
const toPerson = (r: PersonRow): Person => ({
  id: r.id,
  email: r.email,
  role: roleOf(r),
  partnerId: r.partner_id,
  active: r.password_hash !== null,
  pending: r.pending === 1,
})

const PERSON_SELECT = `SELECT u.id, u.email, m.role AS member_role, u.role AS account_role, m.partner_id, u.password_hash, m.pending
  FROM memberships m JOIN users u ON u.id = m.user_id`

export async function listPeople(db: D1Database, programmeId: string): Promise<Person[]> {
  const { results } = await db
    .prepare(`${PERSON_SELECT} WHERE m.programme_id = ?1 ORDER BY u.email`)
    .bind(programmeId)
    .all<PersonRow>()
  return results.map(toPerson)
}

export async function readPerson(db: D1Database, programmeId: string, userId: string): Promise<Person | null> {
  const row = await db
    .prepare(`${PERSON_SELECT} WHERE m.programme_id = ?1 AND u.id = ?2`)
    .bind(programmeId, userId)
    .first<PersonRow>()
  return row ? toPerson(row) : null
}

/** The membership of `userId` in a programme, pending or not; null when there is none. */
export async function readMembership(db: D1Database, userId: string, programmeId: string): Promise<Membership | null> {
  const row = await db
    .prepare('SELECT partner_id, role, pending FROM memberships WHERE user_id = ?1 AND programme_id = ?2')
    .bind(userId, programmeId)
    .first<{ partner_id: string | null; role: 'lead' | 'viewer' | null; pending: number }>()
  return row ? { role: row.role, partnerId: row.partner_id, pending: row.pending === 1 } : null
}

/** An account with every access it has, pending included: what the password-link rule weighs. */
export async function readAccount(db: D1Database, userId: string): Promise<Account | null> {
  const [user, access] = await db.batch<RoleColumns & { role: AccountRole; programme_id: string; pending: number }>([
    db.prepare('SELECT role FROM users WHERE id = ?1').bind(userId),
    db
      .prepare(
        'SELECT m.programme_id, m.role AS member_role, u.role AS account_role, m.pending FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.user_id = ?1',
      )
      .bind(userId),
  ])
  const role = user!.results[0]?.role
  if (!role) return null
  return {
    role,
    access: access!.results.map((a) => ({
      programmeId: a.programme_id,
      role: roleOf(a),
      pending: a.pending === 1,
    })),
  }
}

/**
 * Gives an e-mail address access to a programme. A new address gets an account without a password
 * (set through the invitation), whose own role is at most the granter's, so nobody hands out more
 * than they have. An account that exists already gets the access pending, whoever grants it (an
 * administrator too): someone else may hold that account (a lead who invited the address into a
 * programme of their own first), and only the link the granter passes on to the address makes
 * the access real. Null when the address already has access (pending or not).
 */
export async function addPerson(
  db: D1Database,
  programmeId: string,
  email: string,
  role: 'lead' | 'viewer',
  partnerId: string | null,
  granter: { role: AccountRole },
  guards: D1PreparedStatement[] = [],
): Promise<{ user: User; created: boolean; pending: boolean } | null> {
  const accountRole = granter.role === 'viewer' ? 'viewer' : role
  const id = crypto.randomUUID()
  // One batch after `guards` (worker/db/meanwhile.ts: the partner of the limit still there): a
  // refused grant leaves no account behind. The access is pending unless the account is the one made here.
  const results = await db.batch([
    ...guards,
    db
      .prepare(
        'INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, NULL, ?4) ON CONFLICT (email) DO NOTHING',
      )
      .bind(id, email, accountRole, new Date().toISOString()),
    db
      .prepare(
        'INSERT INTO memberships (user_id, programme_id, partner_id, role, pending) SELECT id, ?2, ?3, ?4, id <> ?5 FROM users WHERE email = ?1 ON CONFLICT DO NOTHING',
      )
      .bind(email, programmeId, partnerId, role, id),
  ])
  const [made, granted] = results.slice(guards.length)
  if (granted!.meta.changes === 0) return null
  const created = made!.meta.changes === 1
  const user = (await readUserByEmail(db, email))!
  return { user, created, pending: !created }
}

/** Sets a person's role and partner limit in the programme, in one batch after `guards` (worker/db/meanwhile.ts). */
export async function updateMembership(
  db: D1Database,
  programmeId: string,
  userId: string,
  role: 'lead' | 'viewer',
  partnerId: string | null,
  guards: D1PreparedStatement[] = [],
): Promise<void> {
  await db.batch([
    ...guards,
    db
      .prepare('UPDATE memberships SET role = ?3, partner_id = ?4 WHERE programme_id = ?1 AND user_id = ?2')
      .bind(programmeId, userId, role, partnerId),
  ])
}

/**
 * Takes a person's access to a programme away, pending or not, with the acceptance link that came
 * with it. Someone left with no programme at all (and not an administrator) is removed altogether,
 * sessions and pending links included.
 */
export async function removePerson(
  db: D1Database,
  programmeId: string,
  userId: string,
  guards: D1PreparedStatement[] = [],
): Promise<void> {
  await db.batch([
    ...guards,
    db.prepare('DELETE FROM memberships WHERE programme_id = ?1 AND user_id = ?2').bind(programmeId, userId),
    db
      .prepare("DELETE FROM password_links WHERE programme_id = ?1 AND user_id = ?2 AND purpose = 'accept'")
      .bind(programmeId, userId),
    db
      .prepare(
        "DELETE FROM users WHERE id = ?1 AND role <> 'admin' AND NOT EXISTS (SELECT 1 FROM memberships WHERE user_id = ?1)",
      )
      .bind(userId),
  ])
}

export type PasswordPurpose = 'invite' | 'reset' | 'accept'

/**
 * Makes a one-time link: to set a password (`invite`, `reset`) or to accept pending access to the
 * programme (`accept`). An earlier link of the same kind stops working: a new invitation or reset
 * replaces the person's last one, a new acceptance link the last one for this programme.
 */
export async function createPasswordLink(
  db: D1Database,
  link: { userId: string; purpose: PasswordPurpose; programmeId: string; issuedBy: string },
  now = new Date(),
  guards: D1PreparedStatement[] = [],
): Promise<{ token: string; expiresAt: string }> {
  const token = randomToken()
  const expiresAt = new Date(now.getTime() + PASSWORD_LINK_MS).toISOString()
  await db.batch([
    ...guards,
    link.purpose === 'accept'
      ? db
          .prepare("DELETE FROM password_links WHERE user_id = ?1 AND purpose = 'accept' AND programme_id = ?2")
          .bind(link.userId, link.programmeId)
      : db.prepare("DELETE FROM password_links WHERE user_id = ?1 AND purpose <> 'accept'").bind(link.userId),
    db
      .prepare(
        'INSERT INTO password_links (token_hash, user_id, purpose, programme_id, issued_by, expires_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
      )
      .bind(await sha256Hex(token), link.userId, link.purpose, link.programmeId, link.issuedBy, expiresAt),
  ])
  return { token, expiresAt }
}

export type PasswordLink = {
  userId: string
  email: string
  purpose: PasswordPurpose
  programmeId: string
  programmeName: string
  /** Who issued it, null when that administrator has gone; `issuer` is their e-mail address. */
  issuedBy: string | null
  issuer: string | null
  /** For an acceptance link: the access it accepts (null when it was taken away meanwhile). */
  role: 'lead' | 'viewer' | null
  expiresAt: string
}

export async function findPasswordLink(db: D1Database, token: string): Promise<PasswordLink | null> {
  const row = await db
    .prepare(
      `SELECT l.user_id, u.email, l.purpose, l.programme_id, p.name AS programme_name, l.issued_by, i.email AS issuer, m.role AS member_role, u.role AS account_role, m.user_id AS member, l.expires_at
       FROM password_links l JOIN users u ON u.id = l.user_id JOIN programmes p ON p.id = l.programme_id
       LEFT JOIN users i ON i.id = l.issued_by LEFT JOIN memberships m ON m.user_id = l.user_id AND m.programme_id = l.programme_id
       WHERE l.token_hash = ?1`,
    )
    .bind(await sha256Hex(token))
    .first<
      RoleColumns & {
        user_id: string
        email: string
        purpose: PasswordPurpose
        programme_id: string
        programme_name: string
        issued_by: string | null
        issuer: string | null
        member: string | null
        expires_at: string
      }
    >()
  return row
    ? {
        userId: row.user_id,
        email: row.email,
        purpose: row.purpose,
        programmeId: row.programme_id,
        programmeName: row.programme_name,
        issuedBy: row.issued_by,
        issuer: row.issuer,
        role: row.member ? roleOf(row) : null,
        expiresAt: row.expires_at,
      }
    : null
}

/**
 * Sets the password and uses the link up, in one transaction: the link works once. Every session of
 * the person ends, so a reset also signs out whoever knew the old password. An acceptance link
 * accepts its pending access in the same transaction. False when the link was used (or replaced)
 * in the meantime.
 */
export async function usePasswordLink(
  db: D1Database,
  token: string,
  link: Pick<PasswordLink, 'userId' | 'programmeId' | 'purpose'>,
  passwordHash: string,
): Promise<boolean> {
  const hash = await sha256Hex(token)
  // The new hash is salted, so "the account's hash is this one" means this batch set it.
  const setHere = '(SELECT password_hash FROM users WHERE id = ?1) = ?2'
  const [used] = await db.batch([
    db.prepare('DELETE FROM password_links WHERE token_hash = ?1 AND user_id = ?2').bind(hash, link.userId),
    db.prepare('UPDATE users SET password_hash = ?2 WHERE id = ?1 AND changes() = 1').bind(link.userId, passwordHash),
    db.prepare(`DELETE FROM sessions WHERE user_id = ?1 AND ${setHere}`).bind(link.userId, passwordHash),
    db
      .prepare(
        `UPDATE memberships SET pending = 0 WHERE ?4 = 'accept' AND user_id = ?1 AND programme_id = ?3 AND ${setHere}`,
      )
      .bind(link.userId, passwordHash, link.programmeId, link.purpose),
  ])
  return used!.meta.changes === 1
}

/** Accepts pending access through its link, which is used up; false when it was used meanwhile. */
export async function acceptThroughLink(
  db: D1Database,
  token: string,
  link: Pick<PasswordLink, 'userId' | 'programmeId'>,
): Promise<boolean> {
  const [used] = await db.batch([
    db
      .prepare("DELETE FROM password_links WHERE token_hash = ?1 AND user_id = ?2 AND purpose = 'accept'")
      .bind(await sha256Hex(token), link.userId),
    db
      .prepare('UPDATE memberships SET pending = 0 WHERE user_id = ?1 AND programme_id = ?2 AND changes() = 1')
      .bind(link.userId, link.programmeId),
  ])
  return used!.meta.changes === 1
}
