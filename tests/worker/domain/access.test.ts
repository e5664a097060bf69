import { describe, expect, it } from 'vitest'
import { accessOf, needsMembership, roleIn, type Membership } from '../../../worker/domain/access.ts'

/** Who may see and lead a programme, and which partner a viewer is held to: every case, by hand. */

const member = (role: Membership['role'], partnerId: string | null = null, pending = false): Membership => ({
  role,
  partnerId,
  pending,
})
const none = { canRead: false, canLead: false, partnerId: null }

describe('accessOf', () => {
  it('lets an administrator see and lead every programme, with or without a membership', () => {
    const all = { canRead: true, canLead: true, partnerId: null }
    expect(accessOf({ role: 'admin' }, null)).toEqual(all)
    expect(accessOf({ role: 'admin' }, member('viewer', 'p1', true))).toEqual(all)
  })

  it('gives nobody else anything without a membership, or with a pending one', () => {
    expect(accessOf({ role: 'lead' }, null)).toEqual(none)
    expect(accessOf({ role: 'viewer' }, null)).toEqual(none)
    expect(accessOf({ role: 'lead' }, member('lead', null, true))).toEqual(none)
    expect(accessOf({ role: 'viewer' }, member('viewer', 'p1', true))).toEqual(none)
  })

  it("takes the membership's role over the account's own", () => {
    expect(accessOf({ role: 'viewer' }, member('lead'))).toEqual({ canRead: true, canLead: true, partnerId: null })
    expect(accessOf({ role: 'lead' }, member('viewer', 'p1'))).toEqual({
      canRead: true,
      canLead: false,
      partnerId: 'p1',
    })
  })

  it("holds a viewer to their partner, and never a lead (a partner on a lead's row is ignored)", () => {
    expect(accessOf({ role: 'viewer' }, member('viewer', 'p1')).partnerId).toBe('p1')
    expect(accessOf({ role: 'viewer' }, member('viewer', null))).toEqual({
      canRead: true,
      canLead: false,
      partnerId: null,
    })
    expect(accessOf({ role: 'lead' }, member('lead', 'p1')).partnerId).toBeNull()
  })

  it("falls back to the account's role for rows from before memberships had one", () => {
    expect(accessOf({ role: 'lead' }, member(null, 'p1'))).toEqual({ canRead: true, canLead: true, partnerId: null })
    expect(accessOf({ role: 'viewer' }, member(null, 'p1'))).toEqual({
      canRead: true,
      canLead: false,
      partnerId: 'p1',
    })
  })
})

describe('roleIn', () => {
  it("is the membership's role, or the account's own when the membership has none", () => {
    expect(roleIn('viewer', 'lead')).toBe('lead')
    expect(roleIn('lead', 'viewer')).toBe('viewer')
    expect(roleIn('lead', null)).toBe('lead')
    expect(roleIn('admin', null)).toBe('admin')
  })
})

describe('needsMembership', () => {
  it('is false for an administrator only, whom accessOf lets in without a membership', () => {
    expect(needsMembership({ role: 'admin' })).toBe(false)
    expect(accessOf({ role: 'admin' }, null).canLead).toBe(true)
    for (const role of ['lead', 'viewer'] as const) {
      expect(needsMembership({ role })).toBe(true)
      expect(accessOf({ role }, null).canRead).toBe(false)
    }
  })
})
