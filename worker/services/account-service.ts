import { hashPassword, verifyPassword } from '../auth/password-hash.ts'
import {
  createSession,
  createUser,
  deleteSession,
  readSession,
  readUserByEmail,
  touchSession,
  type User,
} from '../db/users.ts'
import { type SessionTimes, sessionVerdict } from '../domain/session-rule.ts'
import { refuse } from './refusal.ts'

/**
 * Accounts and their sessions: signing in with a password, signing out, and who a session is.
 * One-time password links are `password-link-service.ts`'s.
 */

/** A well-formed hash no password matches; checked against when the account does not exist. */
const UNKNOWN_ACCOUNT_HASH = `pbkdf2-sha256$100000$${'A'.repeat(22)}==$${'A'.repeat(43)}=`

/** The first administrator, from ADMIN_EMAIL / ADMIN_PASSWORD (.dev.vars locally, secrets in production). */
type FirstAdmin = { email: string | undefined; password: string | undefined }

/**
 * Signs in with `email` and `password`: a new session token, and the session `oldToken` (the one
 * the browser brought, if any) ended, so a session fixed before sign-in is worth nothing after
 * it. The first administrator's account is made at their first sign-in. Refused alike whether
 * the account is unknown or the password wrong, at the same cost of hashing, so neither timing
 * nor wording tells which accounts exist. Throttling is the route's (worker/http/ratelimit.ts).
 */
export async function signIn(
  db: D1Database,
  email: string,
  password: string,
  oldToken: string | undefined,
  admin: FirstAdmin,
): Promise<string> {
  let user = await readUserByEmail(db, email)
  if (
    !user &&
    admin.email &&
    admin.password &&
    email.toLowerCase() === admin.email.toLowerCase() &&
    password === admin.password
  ) {
    user = await createUser(db, admin.email, 'admin', await hashPassword(admin.password))
  }
  if (!(await verifyPassword(password, user?.passwordHash ?? UNKNOWN_ACCOUNT_HASH)) || !user?.passwordHash) {
    console.warn('sign-in refused', { admin: user?.role === 'admin' })
    throw refuse('sign-in-failed')
  }
  if (oldToken) await deleteSession(db, oldToken)
  return createSession(db, user.id)
}

/** Ends the session `token`, if there is one. */
export async function signOut(db: D1Database, token: string | undefined): Promise<void> {
  if (token) await deleteSession(db, token)
}

/**
 * The signed-in user of a session token, or null when the session is unknown or has ended by
 * `sessionVerdict` (worker/domain/session-rule.ts), in which case it is removed.
 */
export async function sessionUser(db: D1Database, token: string, now = new Date()): Promise<User | null> {
  const session = await readSession(db, token)
  return session ? settleSession(db, token, session, now) : null
}

/**
 * What a session read says, by `sessionVerdict`: its user, its last use written down when that is
 * due (at most once a minute: the one write a read may cost), or null, the session removed, when it
 * has ended. For a session read on its own (`sessionUser`) or in a reader's batch
 * (worker/services/programme-access.ts `readAsAsker`).
 */
export async function settleSession(
  db: D1Database,
  token: string,
  session: User & SessionTimes,
  now: Date,
): Promise<User | null> {
  const verdict = sessionVerdict(session, now)
  if (verdict === 'ended') {
    await deleteSession(db, token)
    return null
  }
  if (verdict === 'renew') await touchSession(db, token, now)
  return { id: session.id, email: session.email, role: session.role, passwordHash: session.passwordHash }
}
