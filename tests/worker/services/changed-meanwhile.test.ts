import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { listPartners, readPartner } from '../../../worker/db/programmes.ts'
import { readWaveChanges } from '../../../worker/db/publications.ts'
import type { User } from '../../../worker/db/users.ts'
import { importPartners } from '../../../worker/services/partner-import.ts'
import { changePartner, dropPartner } from '../../../worker/services/partner-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, meanwhile, programmeWith, trailOf, waveBody } from './d1-fixtures.ts'

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
