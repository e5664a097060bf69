import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { byNameIn } from '../../../schema/format.ts'
import { listPartners, readPartner } from '../../../worker/db/programmes.ts'
import { readWaveChanges } from '../../../worker/db/publications.ts'
import type { User } from '../../../worker/db/users.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { linkFor } from '../../../worker/services/link-service.ts'
import { addPartner, changePartner, dropPartner, partnerOf } from '../../../worker/services/partner-service.ts'
import { submitResponse } from '../../../worker/services/response-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, member, programmeWith, trailOf, waveBody as wave } from './d1-fixtures.ts'

/**
 * A programme's partners (worker/services/partner-service.ts) on real rows: `partnerOf` is the one
 * check that a partner is the programme's; adding, renaming and changing headcounts keep names
 * unique and write the trail, a headcount changed in an open wave is recorded for that wave; a
 * partner is removed only while nothing depends on it, with what to do instead.
 */

let lead: User
const K = 5

beforeAll(async () => {
  lead = await account('admin')
})

describe('partnerOf', () => {
  it("gives the programme's own partner, and refuses another programme's as one that does not exist", async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const other = await programmeWith(['SVB'])
    expect(await partnerOf(env.DB, programme.id, partners[0]!.id)).toEqual(partners[0])
    await expect(partnerOf(env.DB, programme.id, other.partners[0]!.id)).rejects.toMatchObject({
      code: 'partner-not-found',
    })
    await expect(partnerOf(env.DB, programme.id, 'nope')).rejects.toMatchObject({ code: 'partner-not-found' })
    const own = () => new Error('own refusal')
    await expect(partnerOf(env.DB, programme.id, 'nope', own as never)).rejects.toThrow('own refusal')
  })
})

describe('listPartners', () => {
  it("lists a programme's partners alphabetically as a reader sorts them, in both languages' order, not by code point", async () => {
    const names = [
      'UWV regio Zwolle',
      'GGD Almelo',
      'gemeente Ede',
      'Gemeente Alkmaar',
      'Überlingen',
      "'s-Hertogenbosch",
      "Gemeente 's-Gravenhage",
    ]
    const { programme } = await programmeWith(names)
    const listed = (await listPartners(env.DB, programme.id)).map((p) => p.name)
    // SQL's ORDER BY name gave GGD before Gemeente, capitals first, Ü after UWV: the heatmap's order differed.
    // And "'s-" set aside, as Dutch looks it up: 's-Hertogenbosch under H, 's-Gravenhage under G.
    expect(listed).toEqual([
      'Gemeente Alkmaar',
      'gemeente Ede',
      "Gemeente 's-Gravenhage",
      'GGD Almelo',
      "'s-Hertogenbosch",
      'Überlingen',
      'UWV regio Zwolle',
    ])
    for (const lang of ['nl', 'en'] as const) expect([...listed].sort(byNameIn(lang))).toEqual(listed)
  })
})

describe('addPartner', () => {
  it('adds a partner with its headcounts, each role left out unknown, and records it in the trail', async () => {
    const { programme } = await programmeWith([])
    const added = await addPartner(
      env.DB,
      programme.id,
      { name: 'Gemeente', headcount: 30, headcounts: { tactisch: 4 } },
      actorOf(lead),
    )
    expect(added.headcounts).toEqual({ medewerker: 30, teammanager: null, tactisch: 4 })
    expect(await readPartner(env.DB, added.id)).toMatchObject({ name: 'Gemeente', programmeId: programme.id })
    expect(await trailOf(programme.id)).toEqual([{ action: 'partner.added', target: 'Gemeente' }])
  })

  it('refuses a name the programme has, adding nothing; another programme may have it', async () => {
    const { programme } = await programmeWith(['UWV'])
    await expect(addPartner(env.DB, programme.id, { name: 'UWV' }, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-exists',
      params: { name: 'UWV' },
    })
    expect((await listPartners(env.DB, programme.id)).length).toBe(1)
    expect(await trailOf(programme.id)).toEqual([])
    const other = await programmeWith([])
    await addPartner(env.DB, other.programme.id, { name: 'UWV' }, actorOf(lead))
  })

  it('refuses a name that differs only in case or spaces, naming the partner it reads as', async () => {
    const { programme } = await programmeWith(['Politie Eenheid Midden', 'Gemeente Ede'])
    for (const name of ['politie eenheid midden', 'POLITIE  Eenheid Midden'])
      await expect(addPartner(env.DB, programme.id, { name }, actorOf(lead))).rejects.toMatchObject({
        code: 'partner-exists',
        params: { name: 'Politie Eenheid Midden' },
      })
    const [ede] = (await listPartners(env.DB, programme.id)).filter((p) => p.name === 'Gemeente Ede')
    await expect(
      changePartner(env.DB, programme.id, ede!.id, { name: 'politie eenheid midden' }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'partner-exists', params: { name: 'Politie Eenheid Midden' } })
    // Its own name in another case is a rename, not a clash.
    expect((await changePartner(env.DB, programme.id, ede!.id, { name: 'Gemeente EDE' }, actorOf(lead))).name).toBe(
      'Gemeente EDE',
    )
    expect((await listPartners(env.DB, programme.id)).length).toBe(2)
  })

  it('still changes the headcount of one of two partners that read alike from before the check', async () => {
    const { programme, partners } = await programmeWith(['UWV', 'uwv'])
    const [first] = partners
    expect((await changePartner(env.DB, programme.id, first!.id, { headcount: 33 }, actorOf(lead))).headcount).toBe(33)
    // Its own name sent back unchanged is no rename either.
    await changePartner(env.DB, programme.id, first!.id, { name: first!.name, headcount: 34 }, actorOf(lead))
    expect((await readPartner(env.DB, first!.id))!.headcount).toBe(34)
  })
})

describe('changePartner', () => {
  it('renames and recounts, each in the trail, keeping what the body leaves out', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const id = partners[0]!.id
    const renamed = await changePartner(env.DB, programme.id, id, { name: 'UWV Noord' }, actorOf(lead))
    expect(renamed).toMatchObject({ name: 'UWV Noord', headcounts: partners[0]!.headcounts })
    const recounted = await changePartner(env.DB, programme.id, id, { headcounts: { teammanager: 9 } }, actorOf(lead))
    expect(recounted.headcounts).toEqual({ ...partners[0]!.headcounts, teammanager: 9 })
    expect(recounted.headcount).toBe(partners[0]!.headcounts.medewerker)
    expect(await readPartner(env.DB, id)).toMatchObject({ name: 'UWV Noord', headcounts: recounted.headcounts })
    expect(await trailOf(programme.id)).toEqual([
      { action: 'partner.renamed', target: 'UWV Noord' },
      { action: 'headcount.changed', target: 'UWV Noord' },
    ])
  })

  it("refuses another partner's name with no change at all, and a partner of another programme", async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    await planWave(env.DB, programme, wave('Nu', inDays(-1), inDays(10)), K, actorOf(lead))
    const before = await trailOf(programme.id)
    await expect(
      changePartner(env.DB, programme.id, partners[0]!.id, { name: 'SVB', headcount: 99 }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'partner-exists', params: { name: 'SVB' } })
    expect(await readPartner(env.DB, partners[0]!.id)).toEqual(partners[0])
    expect(await trailOf(programme.id)).toEqual(before)
    expect((await readWaveChanges(env.DB, programme.id)).size).toBe(0)
    const other = await programmeWith(['X'])
    await expect(
      changePartner(env.DB, other.programme.id, partners[0]!.id, { name: 'Y' }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'partner-not-found' })
  })

  it('records a headcount changed while a wave is open for that wave, and none for a planned wave', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const open = await planWave(env.DB, programme, wave('Open', inDays(-1), inDays(10)), K, actorOf(lead))
    await planWave(env.DB, programme, wave('Later', inDays(20), inDays(30)), K, actorOf(lead))
    const p = partners[0]!
    await changePartner(env.DB, programme.id, p.id, { headcount: 25, headcounts: { tactisch: 5 } }, actorOf(lead))
    const changes = await readWaveChanges(env.DB, programme.id)
    expect([...changes.keys()]).toEqual([open.id])
    expect(changes.get(open.id)!.map(({ day: _, ...c }) => c)).toEqual([
      { partnerId: p.id, role: 'medewerker', kind: 'headcount', headcountFrom: 20, headcountTo: 25 },
    ])
  })
})

describe('dropPartner', () => {
  it('removes a partner nothing depends on, with the links of a planned wave, in the trail', async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const planned = await planWave(env.DB, programme, wave('Later', inDays(5), inDays(15)), K, actorOf(lead))
    await linkFor(env.DB, planned, { partnerId: partners[0]!.id, role: 'medewerker' }, actorOf(lead))
    await dropPartner(env.DB, programme.id, partners[0]!.id, actorOf(lead))
    expect(await readPartner(env.DB, partners[0]!.id)).toBeNull()
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['SVB'])
    expect((await trailOf(programme.id)).at(-1)).toEqual({ action: 'partner.removed', target: 'UWV' })
  })

  it('keeps a partner with a working link in an open wave, one with answers, and one with viewers, saying why', async () => {
    const { programme, partners } = await programmeWith(['Links', 'Answers', 'Viewers'])
    const [withLink, withAnswers, withViewer] = partners as [
      (typeof partners)[0],
      (typeof partners)[0],
      (typeof partners)[0],
    ]
    const open = await planWave(env.DB, programme, wave('Open', inDays(-1), inDays(10)), K, actorOf(lead))
    await linkFor(env.DB, open, { partnerId: withLink.id, role: 'medewerker' }, actorOf(lead))
    const answered = await linkFor(env.DB, open, { partnerId: withAnswers.id, role: 'medewerker' }, actorOf(lead))
    const ins = findInstrument('coachende-manager')!
    await submitResponse(
      env.DB,
      answered.token,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(7), () => 3) },
      async () => null,
    )
    await member(await account('viewer'), programme.id, { role: 'viewer', partnerId: withViewer.id })
    const cases = [
      [withLink, 'partner-has-links'],
      [withAnswers, 'partner-has-answers'],
      [withViewer, 'partner-has-viewers'],
    ] as const
    for (const [p, code] of cases) {
      await expect(dropPartner(env.DB, programme.id, p.id, actorOf(lead))).rejects.toMatchObject({
        code,
        params: { name: p.name },
      })
      expect(await readPartner(env.DB, p.id), p.name).not.toBeNull()
    }
    expect((await trailOf(programme.id)).filter((e) => e.action === 'partner.removed')).toEqual([])
  })
})
