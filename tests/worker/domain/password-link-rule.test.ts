import { describe, expect, it } from 'vitest'
import { mayIssuePasswordLink, type Account, type Access } from '../../../worker/domain/password-link-rule.ts'

/** Who may issue a password link to whom: every (issuer, target) pair that matters, by hand. */

const lead = (programmeId: string, pending = false): Access => ({ programmeId, role: 'lead', pending })
const viewer = (programmeId: string, pending = false): Access => ({ programmeId, role: 'viewer', pending })

const admin: Account = { role: 'admin', access: [] }
const leadA: Account = { role: 'lead', access: [lead('A')] }
const leadAB: Account = { role: 'lead', access: [lead('A'), lead('B')] }
/** A viewer account that leads A: invited as viewer, promoted in A. It may not start programmes. */
const promotedA: Account = { role: 'viewer', access: [lead('A')] }
/** Leads A only once accepted: leads nothing yet. */
const pendingLeadA: Account = { role: 'lead', access: [lead('A', true)] }
/** Views A and leads C: as an issuer for A's people, only a viewer there. */
const viewerA: Account = { role: 'viewer', access: [viewer('A')] }

const cases: {
  issuer: [string, Account]
  target: [string, Account]
  ok: true | 'administrator' | 'more-access' | 'other-programme'
}[] = [
  // An administrator may reset anyone, an administrator included.
  { issuer: ['admin', admin], target: ['another administrator', { role: 'admin', access: [] }], ok: true },
  {
    issuer: ['admin', admin],
    target: ['a viewer of A and C', { role: 'viewer', access: [viewer('A'), viewer('C')] }],
    ok: true,
  },
  // A lead: only people wholly inside programmes they lead.
  { issuer: ['lead of A', leadA], target: ['a viewer of A', { role: 'viewer', access: [viewer('A')] }], ok: true },
  { issuer: ['lead of A', leadA], target: ['another lead of A', { role: 'lead', access: [lead('A')] }], ok: true },
  {
    issuer: ['lead of A and B', leadAB],
    target: ['a viewer of A and of B', { role: 'viewer', access: [viewer('A'), viewer('B')] }],
    ok: true,
  },
  {
    issuer: ['lead of A', leadA],
    target: ['a viewer of A and of C', { role: 'viewer', access: [viewer('A'), viewer('C')] }],
    ok: 'other-programme',
  },
  {
    issuer: ['lead of A', leadA],
    target: ['a lead of C who views A', { role: 'lead', access: [viewer('A'), lead('C')] }],
    ok: 'other-programme',
  },
  // The administrator, even as a member of the lead's own programme (README, "Accounts nobody else can take over").
  {
    issuer: ['lead of A', leadA],
    target: ['the administrator, viewer of A', { role: 'admin', access: [viewer('A')] }],
    ok: 'administrator',
  },
  {
    issuer: ['lead of A and B', leadAB],
    target: ['the administrator, pending in A', { role: 'admin', access: [viewer('A', true)] }],
    ok: 'administrator',
  },
  // More access than the issuer: an account that may start programmes, from one that may not.
  {
    issuer: ['viewer account leading A', promotedA],
    target: ['a lead account of A', { role: 'lead', access: [lead('A')] }],
    ok: 'more-access',
  },
  {
    issuer: ['viewer account leading A', promotedA],
    target: ['a viewer of A', { role: 'viewer', access: [viewer('A')] }],
    ok: true,
  },
  // Pending access counts on neither side.
  {
    issuer: ['pending lead of A', pendingLeadA],
    target: ['a viewer of A', { role: 'viewer', access: [viewer('A')] }],
    ok: 'other-programme',
  },
  {
    issuer: ['lead of A', leadA],
    target: ['a viewer of A, pending in C', { role: 'viewer', access: [viewer('A'), viewer('C', true)] }],
    ok: true,
  },
  {
    issuer: ['lead of C', { role: 'lead', access: [lead('C')] }],
    target: ['a viewer of A, pending in C', { role: 'viewer', access: [viewer('A'), viewer('C', true)] }],
    ok: 'other-programme',
  },
  // A viewer leads nothing.
  {
    issuer: ['viewer of A', viewerA],
    target: ['another viewer of A', { role: 'viewer', access: [viewer('A')] }],
    ok: 'other-programme',
  },
]

describe('mayIssuePasswordLink', () => {
  it.each(cases)('$issuer.0 → $target.0: $ok', ({ issuer, target, ok }) => {
    expect(mayIssuePasswordLink(issuer[1], target[1])).toEqual(ok === true ? { ok: true } : { ok: false, reason: ok })
  })

  it('never lets anyone but an administrator issue a link to an administrator', () => {
    for (const issuer of [leadA, leadAB, promotedA, pendingLeadA, viewerA]) {
      expect(mayIssuePasswordLink(issuer, { role: 'admin', access: issuer.access }).ok).toBe(false)
    }
  })
})
