import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { readPerson } from '../../../worker/db/people.ts'
import type { User } from '../../../worker/db/users.ts'
import {
  changePersonAccess,
  givePersonAccess,
  listPeople,
  newPersonLink,
  takePersonAccess,
} from '../../../worker/services/people-service.ts'
import { accessTo } from '../../../worker/services/programme-access.ts'
import { account, member, programmeWith, trailOf } from './d1-fixtures.ts'

/**
 * Who has access to a programme (worker/services/people-service.ts) on real rows: a new address
 * gets an invitation, an existing account the access pending with a link to accept it; a viewer
 * may be limited to one of the programme's partners, a lead to none; nobody changes their own
 * access; each change in the trail.
 */

let admin: User
const opts = { adminEmail: 'beheer@ketenradar.test', accessMode: false }

beforeAll(async () => {
  admin = await account('admin')
})

const email = () => `${crypto.randomUUID().slice(0, 8)}@people.test`

describe('givePersonAccess', () => {
  it('invites a new address, and gives an existing account the access pending, with a link to accept', async () => {
    const { programme } = await programmeWith(['UWV'])
    const fresh = await givePersonAccess(env.DB, programme, admin, { email: email(), role: 'lead' }, opts)
    expect(fresh).toMatchObject({ pending: false, acceptance: null, invitation: { purpose: 'invite' } })
    const existing = await account('viewer')
    const pending = await givePersonAccess(env.DB, programme, admin, { email: existing.email, role: 'viewer' }, opts)
    expect(pending).toMatchObject({
      id: existing.id,
      pending: true,
      invitation: null,
      acceptance: { purpose: 'accept' },
    })
    // Pending access gives nothing yet.
    expect(await accessTo(env.DB, existing, programme.id)).toBeNull()
    // Each link issued is in the trail too (whom for, by whom; never the token).
    expect((await trailOf(programme.id)).map((e) => e.action)).toEqual([
      'person.added',
      'password-link.issued',
      'person.added',
      'password-link.issued',
    ])
    // Behind Cloudflare Access there is no password to set, so no invitation.
    const behindAccess = await givePersonAccess(
      env.DB,
      programme,
      admin,
      { email: email(), role: 'viewer' },
      { ...opts, accessMode: true },
    )
    expect(behindAccess.invitation).toBeNull()
  })

  it("limits a viewer to one of the programme's partners, refusing a lead's limit, a strange partner and a second grant", async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const other = await programmeWith(['SVB'])
    const address = email()
    const added = await givePersonAccess(
      env.DB,
      programme,
      admin,
      { email: address, role: 'viewer', partnerId: partners[0]!.id },
      opts,
    )
    expect(await readPerson(env.DB, programme.id, added.id)).toMatchObject({
      role: 'viewer',
      partnerId: partners[0]!.id,
    })
    const tries = [
      [{ email: email(), role: 'lead', partnerId: partners[0]!.id }, { code: 'lead-sees-every-partner' }],
      [{ email: email(), role: 'viewer', partnerId: other.partners[0]!.id }, { code: 'unknown-partner' }],
      [{ email: address, role: 'lead' }, { code: 'already-has-access' }],
    ] as const
    for (const [body, refusal] of tries)
      await expect(givePersonAccess(env.DB, programme, admin, body, opts)).rejects.toMatchObject(refusal)
    expect((await listPeople(env.DB, programme.id)).map((p) => p.email)).toEqual([address])
  })

  it("refuses a lead who would add the administrator's address, which the administrator may add", async () => {
    const { programme } = await programmeWith([])
    const lead = await account('lead')
    await member(lead, programme.id, { role: 'lead' })
    await expect(
      givePersonAccess(env.DB, programme, lead, { email: ' Beheer@ketenradar.test ', role: 'viewer' }, opts),
    ).rejects.toMatchObject({ code: 'administrator-address' })
    await givePersonAccess(env.DB, programme, admin, { email: opts.adminEmail, role: 'viewer' }, opts)
  })
})

describe('changePersonAccess and takePersonAccess', () => {
  it("change a person's role and limit, a lead losing the limit, and take access away, each in the trail", async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const person = await account('viewer')
    await member(person, programme.id, { role: 'viewer', partnerId: partners[0]!.id })
    const lead = await changePersonAccess(env.DB, programme, admin, person.id, { role: 'lead' })
    expect(lead).toMatchObject({ role: 'lead', partnerId: null })
    expect(await accessTo(env.DB, person, programme.id)).toMatchObject({ canLead: true, partnerId: null })
    // Nothing changed, nothing recorded.
    await changePersonAccess(env.DB, programme, admin, person.id, { role: 'lead' })
    await takePersonAccess(env.DB, programme, admin, person.id)
    expect(await accessTo(env.DB, person, programme.id)).toBeNull()
    expect((await trailOf(programme.id)).map((e) => e.action)).toEqual(['person.changed', 'person.removed'])
  })

  it('refuse a lead changing their own access, and a person who is not in the programme', async () => {
    const { programme } = await programmeWith([])
    const lead = await account('lead')
    await member(lead, programme.id, { role: 'lead' })
    await expect(changePersonAccess(env.DB, programme, lead, lead.id, { role: 'viewer' })).rejects.toMatchObject({
      code: 'that-is-you',
    })
    await expect(takePersonAccess(env.DB, programme, lead, lead.id)).rejects.toMatchObject({ code: 'that-is-you' })
    const stranger = await account('viewer')
    await expect(takePersonAccess(env.DB, programme, lead, stranger.id)).rejects.toMatchObject({
      code: 'person-not-found',
    })
    expect(await accessTo(env.DB, lead, programme.id)).toMatchObject({ canLead: true })
  })
})

describe('newPersonLink', () => {
  it('gives pending access a new acceptance link, and none behind Cloudflare Access for a password', async () => {
    const { programme } = await programmeWith([])
    const existing = await account('viewer')
    await givePersonAccess(env.DB, programme, admin, { email: existing.email, role: 'viewer' }, opts)
    expect(await newPersonLink(env.DB, programme, admin, existing.id, false)).toMatchObject({ purpose: 'accept' })
    const invited = await givePersonAccess(env.DB, programme, admin, { email: email(), role: 'viewer' }, opts)
    expect(await newPersonLink(env.DB, programme, admin, invited.id, false)).toMatchObject({ purpose: 'invite' })
    await expect(newPersonLink(env.DB, programme, admin, invited.id, true)).rejects.toMatchObject({
      code: 'no-passwords-behind-access',
    })
  })
})
