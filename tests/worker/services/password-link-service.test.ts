import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD_LINK_MS } from '../../../worker/db/people.ts'
import type { User } from '../../../worker/db/users.ts'
import { signIn } from '../../../worker/services/account-service.ts'
import {
  acceptLink,
  issuePasswordLink,
  requireMayIssue,
  setPasswordThroughLink,
  usablePasswordLink,
} from '../../../worker/services/password-link-service.ts'
import { accessTo } from '../../../worker/services/programme-access.ts'
import { account, member, programmeWith, trailOf } from './d1-fixtures.ts'

/**
 * One-time password links (worker/services/password-link-service.ts) on real rows: a link works
 * once (used, it is gone) and until it expires; it sets a password only while its issuer may issue it, checked again
 * when it is used; an acceptance link is for its own account; each step is in the trail.
 */

const noAdmin = { email: undefined, password: undefined }
let admin: User

beforeAll(async () => {
  admin = await account('admin')
})

describe('issuing and using a link', () => {
  it('sets the password once through an invitation, in the trail, and the person signs in with it', async () => {
    const { programme } = await programmeWith([])
    const person = await account('viewer')
    await member(person, programme.id, { role: 'viewer' })
    const link = await issuePasswordLink(env.DB, programme.id, admin, person, 'invite')
    expect(link.purpose).toBe('invite')
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(PASSWORD_LINK_MS - 60_000)
    await setPasswordThroughLink(env.DB, link.token, 'a long new password', false)
    await signIn(env.DB, person.email, 'a long new password', undefined, noAdmin)
    // Used up, it is gone: it opens nothing a second time.
    await expect(setPasswordThroughLink(env.DB, link.token, 'another password', false)).rejects.toMatchObject({
      code: 'link-not-found',
    })
    expect((await trailOf(programme.id)).map((e) => e.action)).toEqual(['password-link.issued', 'password.set'])
  })

  it('refuses an unknown link and an expired one', async () => {
    const { programme } = await programmeWith([])
    const person = await account('viewer')
    // A link is issued for a person of the programme (worker/db/meanwhile.ts `personThere`).
    await member(person, programme.id, { role: 'viewer' })
    const link = await issuePasswordLink(env.DB, programme.id, admin, person, 'reset')
    await expect(usablePasswordLink(env.DB, 'no-such-link')).rejects.toMatchObject({ code: 'link-not-found' })
    await expect(
      usablePasswordLink(env.DB, link.token, new Date(Date.now() + PASSWORD_LINK_MS + 60_000)),
    ).rejects.toMatchObject({ code: 'link-expired' })
    expect(await usablePasswordLink(env.DB, link.token)).toMatchObject({ userId: person.id, purpose: 'reset' })
  })

  it('sets no password behind Cloudflare Access, nor once the account reads a programme its issuer does not lead', async () => {
    const { programme } = await programmeWith([])
    const other = await programmeWith([])
    const lead = await account('lead')
    await member(lead, programme.id, { role: 'lead' })
    const person = await account('viewer')
    await member(person, programme.id, { role: 'viewer' })
    await requireMayIssue(env.DB, lead.id, person)
    const link = await issuePasswordLink(env.DB, programme.id, lead, person, 'reset')
    await expect(setPasswordThroughLink(env.DB, link.token, 'a long new password', true)).rejects.toMatchObject({
      code: 'link-cannot-set-password',
    })
    // Access gained meanwhile, in a programme the lead does not lead: the link no longer vouches for it.
    await member(person, other.programme.id, { role: 'viewer' })
    await expect(setPasswordThroughLink(env.DB, link.token, 'a long new password', false)).rejects.toMatchObject({
      code: 'link-cannot-set-password',
    })
    await expect(requireMayIssue(env.DB, lead.id, person)).rejects.toMatchObject({
      code: 'ask-an-administrator',
      params: { reason: 'other-programme' },
    })
    await expect(requireMayIssue(env.DB, lead.id, admin)).rejects.toMatchObject({
      params: { reason: 'administrator' },
    })
  })
})

describe('acceptLink', () => {
  it("gives pending access to the account it was granted to, once, and refuses anyone else's or a link of another purpose", async () => {
    const { programme } = await programmeWith([])
    const person = await account('viewer')
    await member(person, programme.id, { role: 'viewer', pending: true })
    const link = await issuePasswordLink(env.DB, programme.id, admin, person, 'accept')
    const stranger = await account('viewer')
    await expect(acceptLink(env.DB, link.token, stranger)).rejects.toMatchObject({ code: 'link-for-someone-else' })
    const reset = await issuePasswordLink(env.DB, programme.id, admin, person, 'reset')
    await expect(acceptLink(env.DB, reset.token, person)).rejects.toMatchObject({ code: 'nothing-to-accept' })
    expect(await accessTo(env.DB, person, programme.id)).toBeNull()
    expect(await acceptLink(env.DB, link.token, person)).toBe(programme.id)
    expect(await accessTo(env.DB, person, programme.id)).toMatchObject({ canLead: false })
    await expect(acceptLink(env.DB, link.token, person)).rejects.toMatchObject({ code: 'link-not-found' })
    expect((await trailOf(programme.id)).at(-1)).toEqual({ action: 'person.accepted', target: person.email })
  })
})
