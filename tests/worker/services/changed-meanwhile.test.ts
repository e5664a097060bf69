import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { listPartners, readPartner } from '../../../worker/db/programmes.ts'
import { readWaveChanges } from '../../../worker/db/publications.ts'
import type { User } from '../../../worker/db/users.ts'
import { type Action, insertAction, readAction } from '../../../worker/db/actions.ts'
import { listLinks } from '../../../worker/db/links.ts'
import { changeAction, removeAction } from '../../../worker/services/action-service.ts'
import { accessTo } from '../../../worker/services/programme-access.ts'
import { linkFor, linkSet } from '../../../worker/services/link-service.ts'
import { importPartners } from '../../../worker/services/partner-import.ts'
import {
  changePersonAccess,
  givePersonAccess,
  newPersonLink,
  takePersonAccess,
} from '../../../worker/services/people-service.ts'
import { changePartner, dropPartner } from '../../../worker/services/partner-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, meanwhile, member, programmeWith, trailOf, waveBody } from './d1-fixtures.ts'

/**
 * A write that reads a row and then writes by it, with the row removed or changed by someone else
 * between the read and the write (`meanwhile`, on the real D1): refused with what to do, nothing
 * written, never a missing row met halfway (a 500).
 */

const K = 5
let lead: User
beforeAll(async () => {
  lead = await account('admin')
})

const removed = (id: string) => () => env.DB.prepare('DELETE FROM partners WHERE id = ?1').bind(id).run()
const recounted = (id: string) => () =>
  env.DB.prepare('UPDATE partners SET headcount = 33 WHERE id = ?1').bind(id).run()

describe("the partners' paste with headcounts 'update'", () => {
  it('refuses when a partner it updates is removed before its batch, adding none of the new ones', async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    await planWave(env.DB, programme, waveBody('Open', inDays(-1), inDays(10)), K, actorOf(lead))
    const trail = await trailOf(programme.id)
    const db = meanwhile(removed(partners[0]!.id))
    await expect(importPartners(db, programme.id, 'UWV\t30\nGGD\t12', actorOf(lead), 'update')).rejects.toMatchObject({
      code: 'partner-removed-meanwhile',
      params: { name: 'UWV' },
    })
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['SVB'])
    expect(await trailOf(programme.id)).toEqual(trail)
    expect((await readWaveChanges(env.DB, programme.id)).size).toBe(0)
  })

  it('refuses when a partner it updates is removed meanwhile with no wave open, writing no trail for it', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const db = meanwhile(removed(partners[0]!.id))
    await expect(importPartners(db, programme.id, 'UWV\t30', actorOf(lead), 'update')).rejects.toMatchObject({
      code: 'partner-removed-meanwhile',
    })
    expect(await trailOf(programme.id)).toEqual([])
  })

  it('refuses when the headcounts it read changed meanwhile, keeping the other change', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const db = meanwhile(recounted(partners[0]!.id))
    await expect(importPartners(db, programme.id, 'UWV\t30', actorOf(lead), 'update')).rejects.toMatchObject({
      code: 'partner-changed-meanwhile',
      params: { name: 'UWV' },
    })
    expect((await readPartner(env.DB, partners[0]!.id))?.headcount).toBe(33)
    expect(await trailOf(programme.id)).toEqual([])
  })
})

describe('the guard of partners as read', () => {
  it('passes for 200 partners as read, and fails for one of them changed', async () => {
    const { programme } = await programmeWith([])
    const lines = Array.from({ length: 200 }, (_, i) => `Partner ${i + 1}\t10`)
    await importPartners(env.DB, programme.id, lines.join('\n'), actorOf(lead))
    const more = lines.map((l) => l.replace('\t10', '\t11')).join('\n')
    const { updated } = await importPartners(env.DB, programme.id, more, actorOf(lead), 'update')
    expect(updated).toHaveLength(200)
    const last = (await listPartners(env.DB, programme.id)).find((p) => p.name === 'Partner 200')!
    const db = meanwhile(() =>
      env.DB.prepare('UPDATE partners SET headcount_tactisch = 1 WHERE id = ?1').bind(last.id).run(),
    )
    const again = lines.map((l) => l.replace('\t10', '\t12')).join('\n')
    await expect(importPartners(db, programme.id, again, actorOf(lead), 'update')).rejects.toMatchObject({
      code: 'partner-changed-meanwhile',
      params: { name: 'Partner 200' },
    })
    expect((await listPartners(env.DB, programme.id)).every((p) => p.headcount === 11)).toBe(true)
  })
})

describe("a partner's edit and removal", () => {
  it('refuses a headcount change of a partner removed meanwhile while a wave is open, writing nothing', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    await planWave(env.DB, programme, waveBody('Open', inDays(-1), inDays(10)), K, actorOf(lead))
    const trail = await trailOf(programme.id)
    const db = meanwhile(removed(partners[0]!.id))
    await expect(
      changePartner(db, programme.id, partners[0]!.id, { headcount: 30 }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'partner-removed-meanwhile', params: { name: 'UWV' } })
    expect((await readWaveChanges(env.DB, programme.id)).size).toBe(0)
    expect(await trailOf(programme.id)).toEqual(trail)
  })

  it('refuses a rename of a partner removed meanwhile as removed, not as a name taken', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const db = meanwhile(removed(partners[0]!.id))
    await expect(
      changePartner(db, programme.id, partners[0]!.id, { name: 'UWV Utrecht' }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'partner-removed-meanwhile', params: { name: 'UWV' } })
    expect(await trailOf(programme.id)).toEqual([])
  })

  it('refuses a change of a partner whose headcounts changed meanwhile, keeping the other change', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const open = await planWave(env.DB, programme, waveBody('Open', inDays(-1), inDays(10)), K, actorOf(lead))
    const trail = await trailOf(programme.id)
    const db = meanwhile(recounted(partners[0]!.id))
    await expect(
      changePartner(db, programme.id, partners[0]!.id, { headcounts: { teammanager: 9 } }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'partner-changed-meanwhile', params: { name: 'UWV' } })
    expect((await readPartner(env.DB, partners[0]!.id))?.headcounts).toEqual({
      medewerker: 33,
      teammanager: 5,
      tactisch: 5,
    })
    expect((await readWaveChanges(env.DB, programme.id)).get(open.id)).toBeUndefined()
    expect(await trailOf(programme.id)).toEqual(trail)
  })

  it('refuses to remove a partner removed meanwhile, with no second trail entry', async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const db = meanwhile(removed(partners[0]!.id))
    await expect(dropPartner(db, programme.id, partners[0]!.id, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-removed-meanwhile',
      params: { name: 'UWV' },
    })
    expect(await trailOf(programme.id)).toEqual([])
  })
})

describe("a wave's links", () => {
  const settings = { secret: 'test-link-secret', minGroupSize: K }
  const waveRemoved = (id: string) => () => env.DB.prepare('DELETE FROM waves WHERE id = ?1').bind(id).run()

  it('refuses a link for a partner removed meanwhile, and one for a wave removed meanwhile, making none', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const planned = await planWave(env.DB, programme, waveBody('Later', inDays(5), inDays(15)), K, actorOf(lead))
    const trail = await trailOf(programme.id)
    const asked = { partnerId: partners[0]!.id, role: 'medewerker' as const }
    await expect(linkFor(meanwhile(waveRemoved(planned.id)), planned, asked, actorOf(lead))).rejects.toMatchObject({
      code: 'wave-removed-meanwhile',
      params: { label: 'Later' },
    })
    const next = await planWave(env.DB, programme, waveBody('Later 2', inDays(5), inDays(15)), K, actorOf(lead))
    const trail2 = await trailOf(programme.id)
    expect(trail2.slice(0, trail.length)).toEqual(trail)
    await expect(linkFor(meanwhile(removed(partners[0]!.id)), next, asked, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-removed-meanwhile',
      params: { name: 'UWV' },
    })
    expect(await listLinks(env.DB, next.id)).toEqual([])
    expect(await trailOf(programme.id)).toEqual(trail2)
  })

  it('skips, naming it, a partner removed while a working link is made for every group', async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const planned = await planWave(env.DB, programme, waveBody('Later', inDays(5), inDays(15)), K, actorOf(lead))
    const svb = partners.find((p) => p.name === 'SVB')!
    const { made, skipped } = await linkSet(meanwhile(removed(svb.id)), planned, {}, settings, actorOf(lead))
    expect(new Set(made.map((m) => m.partnerId))).toEqual(new Set([partners.find((p) => p.name === 'UWV')!.id]))
    expect(made).toHaveLength(3)
    expect(skipped.map((s) => [s.partnerId, s.refusal.code])).toContainEqual([svb.id, 'partner-removed-meanwhile'])
    expect((await listLinks(env.DB, planned.id)).every((l) => l.partnerId !== svb.id)).toBe(true)
  })

  it('refuses to replace the links of a partner removed meanwhile, replacing none', async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const planned = await planWave(env.DB, programme, waveBody('Later', inDays(5), inDays(15)), K, actorOf(lead))
    await linkSet(env.DB, planned, {}, settings, actorOf(lead))
    const before = await listLinks(env.DB, planned.id)
    const trail = await trailOf(programme.id)
    const uwv = partners.find((p) => p.name === 'UWV')!
    const db = meanwhile(removed(uwv.id))
    await expect(linkSet(db, planned, { replace: true }, settings, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-removed-meanwhile',
      params: { name: 'UWV' },
    })
    // The removal took UWV's links with it (the schema's cascade); SVB's are as they were.
    expect(await listLinks(env.DB, planned.id)).toEqual(before.filter((l) => l.partnerId !== uwv.id))
    expect(await trailOf(programme.id)).toEqual(trail)
  })
})

describe("a programme's people", () => {
  const opts = { adminEmail: 'beheer@ketenradar.test', accessMode: false }
  const email = () => `${crypto.randomUUID().slice(0, 8)}@meanwhile.test`
  const account_ = (address: string) =>
    env.DB.prepare('SELECT id FROM users WHERE email = ?1').bind(address).first<{ id: string }>()
  const accessTakenAway = (programmeId: string, userId: string) => () =>
    env.DB.prepare('DELETE FROM memberships WHERE programme_id = ?1 AND user_id = ?2').bind(programmeId, userId).run()

  it('refuses a viewer limited to a partner removed meanwhile, making no account', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const address = email()
    const db = meanwhile(removed(partners[0]!.id))
    const body = { email: address, role: 'viewer', partnerId: partners[0]!.id } as const
    await expect(givePersonAccess(db, programme, lead, body, opts)).rejects.toMatchObject({
      code: 'partner-removed-meanwhile',
      params: { name: 'UWV' },
    })
    expect(await account_(address)).toBeNull()
    expect(await trailOf(programme.id)).toEqual([])
  })

  it("refuses a viewer's limit to a partner removed meanwhile, and a change of access taken away meanwhile", async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const viewer = await account('viewer')
    await member(viewer, programme.id, { role: 'viewer', partnerId: partners[1]!.id })
    await expect(
      changePersonAccess(meanwhile(removed(partners[0]!.id)), programme, lead, viewer.id, {
        partnerId: partners[0]!.id,
      }),
    ).rejects.toMatchObject({ code: 'partner-removed-meanwhile', params: { name: 'UWV' } })
    await expect(
      changePersonAccess(meanwhile(accessTakenAway(programme.id, viewer.id)), programme, lead, viewer.id, {
        role: 'lead',
      }),
    ).rejects.toMatchObject({ code: 'person-changed-meanwhile', params: { email: viewer.email } })
    expect(await trailOf(programme.id)).toEqual([])
  })

  it('refuses to take away access taken away meanwhile, and a link for it, with no trail entry', async () => {
    const { programme } = await programmeWith([])
    const viewer = await account('viewer')
    await member(viewer, programme.id, { role: 'viewer' })
    await expect(
      takePersonAccess(meanwhile(accessTakenAway(programme.id, viewer.id)), programme, lead, viewer.id),
    ).rejects.toMatchObject({ code: 'person-changed-meanwhile', params: { email: viewer.email } })
    await member(viewer, programme.id, { role: 'viewer' })
    await expect(
      newPersonLink(meanwhile(accessTakenAway(programme.id, viewer.id)), programme, lead, viewer.id, false),
    ).rejects.toMatchObject({ code: 'person-changed-meanwhile', params: { email: viewer.email } })
    const links = await env.DB.prepare('SELECT count(*) AS n FROM password_links WHERE user_id = ?1')
      .bind(viewer.id)
      .first<{ n: number }>('n')
    expect(links).toBe(0)
    expect(await trailOf(programme.id)).toEqual([])
  })
})

describe("a partner's agreed actions", () => {
  async function anAction() {
    const { programme, partners } = await programmeWith(['UWV'])
    const wave = await planWave(env.DB, programme, waveBody('Voorjaar', inDays(-20), inDays(-10)), K, actorOf(lead))
    const action: Action = {
      id: crypto.randomUUID(),
      programmeId: programme.id,
      waveId: wave.id,
      partnerId: partners[0]!.id,
      dimension: 'coaching',
      what: 'Wekelijks overleg',
      owner: null,
      due: null,
      status: 'planned',
      recordedOn: '2026-01-05',
    }
    await insertAction(env.DB, action).run()
    const writer = {
      access: (await accessTo(env.DB, lead, programme.id))!,
      actor: actorOf(lead),
      partnerViewers: false,
    }
    return { programme, action, writer, trail: await trailOf(programme.id) }
  }
  const gone = (a: Action) => () => env.DB.prepare('DELETE FROM actions WHERE id = ?1').bind(a.id).run()

  it('refuses a change of an action removed meanwhile, and of one changed meanwhile, with no trail entry', async () => {
    const { programme, action, writer, trail } = await anAction()
    const elsewhere = () => env.DB.prepare("UPDATE actions SET owner = 'Anna' WHERE id = ?1").bind(action.id).run()
    await expect(changeAction(meanwhile(elsewhere), writer, action.id, { status: 'done' })).rejects.toMatchObject({
      code: 'action-changed-meanwhile',
      params: { what: 'Wekelijks overleg' },
    })
    expect(await readAction(env.DB, programme.id, action.id)).toMatchObject({ owner: 'Anna', status: 'planned' })
    await expect(changeAction(meanwhile(gone(action)), writer, action.id, { status: 'done' })).rejects.toMatchObject({
      code: 'action-removed-meanwhile',
      params: { what: 'Wekelijks overleg' },
    })
    expect(await trailOf(programme.id)).toEqual(trail)
  })

  it('refuses to remove an action removed meanwhile, with no second trail entry', async () => {
    const { programme, action, writer, trail } = await anAction()
    await expect(removeAction(meanwhile(gone(action)), writer, action.id)).rejects.toMatchObject({
      code: 'action-removed-meanwhile',
    })
    expect(await trailOf(programme.id)).toEqual(trail)
  })
})
