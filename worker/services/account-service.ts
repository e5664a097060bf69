import { findPasswordLink, readAccount, type PasswordLink } from '../db/people.ts'
import { deleteSession, readSession, touchSession, type User } from '../db/users.ts'
import { mayIssuePasswordLink, type IssueDecision } from '../domain/password-link-rule.ts'
import { sessionVerdict } from '../domain/session-rule.ts'
import { refuse, type Refusal } from './refusal.ts'

/**
 * The password-link rule (worker/domain/password-link-rule.ts) applied to accounts in D1: when a
 * link is issued, and again when it is used, since the target's access may have grown in between.
 */
export async function issueDecision(db: D1Database, issuerId: string | null, targetId: string): Promise<IssueDecision> {
  const [issuer, target] = await Promise.all([issuerId ? readAccount(db, issuerId) : null, readAccount(db, targetId)])
  // A link whose issuer has gone vouches for nobody.
  if (!issuer || !target) return { ok: false, reason: 'other-programme' }
  return mayIssuePasswordLink(issuer, target)
}

/** Why a lead may not issue a password link to this person, said so they know whom to ask instead. */
export function refusal(decision: Exclude<IssueDecision, { ok: true }>, email: string): Refusal {
  return refuse('ask-an-administrator', { email, reason: decision.reason })
}

/** Throws the refusal unless the issuer may issue a password link to the target now. */
export async function requireMayIssue(
  db: D1Database,
  issuerId: string,
  target: { id: string; email: string },
): Promise<void> {
  const decision = await issueDecision(db, issuerId, target.id)
  if (!decision.ok) throw refusal(decision, target.email)
}

/**
 * Whether a link may set the password of its account now: the rule holds for its issuer today.
 * Behind Cloudflare Access there are no passwords at all.
 */
export async function linkSetsPassword(db: D1Database, link: PasswordLink, accessMode: boolean): Promise<boolean> {
  if (accessMode) return false
  return (await issueDecision(db, link.issuedBy, link.userId)).ok
}

/**
 * The password link `token` while it can be used: refused as unknown (404) when there is none,
 * as expired (410) from its `expiresAt` on. The API and the page where a password is set ask this.
 */
export async function usablePasswordLink(db: D1Database, token: string, now = new Date()): Promise<PasswordLink> {
  const link = await findPasswordLink(db, token)
  if (!link) throw refuse('link-not-found')
  if (link.expiresAt <= now.toISOString()) throw refuse('link-expired')
  return link
}

/**
 * The signed-in user of a session token, or null when the session is unknown or has ended by
 * `sessionVerdict` (worker/domain/session-rule.ts), in which case it is removed.
 */
export async function sessionUser(db: D1Database, token: string, now = new Date()): Promise<User | null> {
  const session = await readSession(db, token)
  if (!session) return null
  const verdict = sessionVerdict(session, now)
  if (verdict === 'ended') {
    await deleteSession(db, token)
    return null
  }
  if (verdict === 'renew') await touchSession(db, token, now)
  return { id: session.id, email: session.email, role: session.role, passwordHash: session.passwordHash }
}
