/**
 * Who may see a programme, who may lead it, and which partner a viewer is held to: the one rule,
 * decided here from the rows worker/db/ reads (the account's own role and its membership of the
 * programme). Pure: the access service (worker/services/programme-access.ts), the programme list
 * and the people views ask it instead of deciding for themselves.
 */
import type { AccountRole } from './password-link-rule.ts'

/** A membership of one programme as stored: its role (null on rows from before roles were per programme). */
export type Membership = { role: 'lead' | 'viewer' | null; partnerId: string | null; pending: boolean }

/** What an account may do in one programme; `partnerId` is the one partner a limited viewer sees. */
export type AccessVerdict = { canRead: boolean; canLead: boolean; partnerId: string | null }

/**
 * The role an account has in a programme: its membership's, or, for rows from before memberships
 * had one, the account's own.
 */
export function roleIn(accountRole: AccountRole, membershipRole: 'lead' | 'viewer' | null): AccountRole {
  return membershipRole ?? accountRole
}

const NONE: AccessVerdict = { canRead: false, canLead: false, partnerId: null }

/**
 * Whether what `account` may do rests on its memberships: not for an administrator, who sees and
 * leads every programme. The one place that says so, so that the reads which skip the membership
 * for an administrator (worker/services/programme-access.ts, worker/db/programmes.ts
 * `listProgrammesOf`) follow `accessOf` when the rule changes.
 */
export const needsMembership = (account: { role: AccountRole }): boolean => account.role !== 'admin'

/**
 * An administrator sees and leads every programme. Anyone else needs an accepted membership (a
 * pending one, granted but not yet accepted by the account, gives nothing at all); a lead sees
 * every partner, a viewer with a partner only that partner.
 */
export function accessOf(account: { role: AccountRole }, membership: Membership | null): AccessVerdict {
  if (!needsMembership(account)) return { canRead: true, canLead: true, partnerId: null }
  if (!membership || membership.pending) return NONE
  const role = roleIn(account.role, membership.role)
  return { canRead: true, canLead: role === 'lead', partnerId: role === 'viewer' ? membership.partnerId : null }
}
