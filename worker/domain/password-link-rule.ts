/**
 * Who may issue a password link (an invitation, a reset, or an acceptance link that sets a
 * password) to whom. Whoever holds such a link can become the account, so issuing one is as good
 * as holding the account: a lead may do it only for an account that could not do more than the
 * lead can already do. Pure: the callers read the accounts, this decides.
 */

export type AccountRole = 'admin' | 'lead' | 'viewer'

/** One access of an account: a membership of a programme, accepted or still pending. */
export type Access = { programmeId: string; role: 'lead' | 'viewer'; pending: boolean }

/** An account as the rule sees it: its own role (what it may do outside programmes) and every access. */
export type Account = { role: AccountRole; access: Access[] }

export type IssueDecision =
  | { ok: true }
  /** `administrator`: the target is one; `more-access`: the target's own role outranks the issuer's
   * (a lead account may start programmes, a viewer account may not); `other-programme`: the target has
   * access in a programme the issuer does not lead. */
  | { ok: false; reason: 'administrator' | 'more-access' | 'other-programme' }

const RANK: Record<AccountRole, number> = { viewer: 0, lead: 1, admin: 2 }

/**
 * An administrator may issue a link to anyone. Anyone else only to an account that is not an
 * administrator, whose own role is not above the issuer's, and whose every access lies in
 * programmes the issuer leads. Pending access counts on neither side: the issuer's leads nothing
 * yet, and the target's gives nothing until accepted through its own granter's link — so holding
 * the account still does not open it.
 */
export function mayIssuePasswordLink(issuer: Account, target: Account): IssueDecision {
  if (issuer.role === 'admin') return { ok: true }
  if (target.role === 'admin') return { ok: false, reason: 'administrator' }
  if (RANK[target.role] > RANK[issuer.role]) return { ok: false, reason: 'more-access' }
  const led = new Set(issuer.access.filter((a) => a.role === 'lead' && !a.pending).map((a) => a.programmeId))
  if (target.access.some((a) => !a.pending && !led.has(a.programmeId))) return { ok: false, reason: 'other-programme' }
  return { ok: true }
}
