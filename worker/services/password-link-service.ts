import {
  acceptThroughLink,
  createPasswordLink,
  findPasswordLink,
  readAccount,
  usePasswordLink,
  type PasswordLink,
  type PasswordPurpose,
} from '../db/people.ts'
import type { User } from '../db/users.ts'
import { changedMeanwhile, personThere } from '../db/meanwhile.ts'
import { hashPassword } from '../auth/password-hash.ts'
import { type Change, wordDetail } from '../domain/audit-changes.ts'
import { mayIssuePasswordLink, type IssueDecision } from '../domain/password-link-rule.ts'
import { actorOf, recordChanges } from './audit-trail.ts'
import { refuse, type Refusal } from './refusal.ts'

/**
 * One-time links: the invitation of a new person, a reset, or the acceptance of access a lead
 * granted to an account that existed already. The password-link rule
 * (worker/domain/password-link-rule.ts) is applied to the accounts in D1 when a link is issued,
 * and again when it is used, since the target's access may have grown in between.
 */

async function issueDecision(db: D1Database, issuerId: string | null, targetId: string): Promise<IssueDecision> {
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

/** A link as it is handed to its issuer, once: the token for its address, and until when it works. */
export type IssuedLink = { token: string; expiresAt: string; purpose: PasswordPurpose }

/** Issues a one-time link in programme `programmeId` and records for whom and by whom (never the token). */
export async function issuePasswordLink(
  db: D1Database,
  programmeId: string,
  by: User,
  person: { id: string; email: string },
  purpose: PasswordPurpose,
): Promise<IssuedLink> {
  // The person's access still there (worker/db/meanwhile.ts): a link for someone taken out of the
  // programme meanwhile would let its lead set the password of an account of other programmes.
  const guard = personThere(db, programmeId, person.id)
  let link: { token: string; expiresAt: string }
  try {
    link = await createPasswordLink(db, { userId: person.id, purpose, programmeId, issuedBy: by.id }, new Date(), [
      guard,
    ])
  } catch (error) {
    if (changedMeanwhile(error) === 'person') throw refuse('person-changed-meanwhile', { email: person.email })
    throw error
  }
  await recordChanges(db, programmeId, actorOf(by), {
    action: 'password-link.issued',
    target: person.email,
    detail: wordDetail(purpose),
  })
  return { token: link.token, expiresAt: link.expiresAt, purpose }
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

const usedUp = () => refuse('link-used')

/**
 * Sets a password through link `token` (accepting its access, if any), which is used up; every
 * session of the person ends. The person acts through the link without signing in, so the trail
 * names them, not a session.
 */
export async function setPasswordThroughLink(
  db: D1Database,
  token: string,
  password: string,
  accessMode: boolean,
): Promise<void> {
  const link = await usablePasswordLink(db, token)
  // Checked again now: the account may have gained access since, that its issuer does not lead.
  if (!(await linkSetsPassword(db, link, accessMode))) {
    throw refuse('link-cannot-set-password', {
      email: link.email,
      issuer: link.issuer ?? null,
      accept: link.purpose === 'accept',
    })
  }
  if (!(await usePasswordLink(db, token, link, await hashPassword(password)))) throw usedUp()
  const changes: Change[] = [{ action: 'password.set', target: link.email, detail: wordDetail(link.purpose) }]
  if (link.purpose === 'accept')
    changes.push({ action: 'person.accepted', target: link.email, detail: wordDetail(link.role) })
  await recordChanges(db, link.programmeId, { id: link.userId, email: link.email }, changes)
}

/** Accepts pending access through link `token`, signed in as `user`, the account it was granted to; its programme's id. */
export async function acceptLink(db: D1Database, token: string, user: User): Promise<string> {
  const link = await usablePasswordLink(db, token)
  if (link.purpose !== 'accept') {
    throw refuse('nothing-to-accept')
  }
  if (link.userId !== user.id) {
    throw refuse('link-for-someone-else', { linkEmail: link.email, userEmail: user.email })
  }
  if (!(await acceptThroughLink(db, token, link))) throw usedUp()
  await recordChanges(db, link.programmeId, actorOf(user), {
    action: 'person.accepted',
    target: link.email,
    detail: wordDetail(link.role),
  })
  return link.programmeId
}
