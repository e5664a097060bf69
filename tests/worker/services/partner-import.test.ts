import { lineErrorsIn } from '../../../worker/i18n/field-messages.ts'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { listPartners } from '../../../worker/db/programmes.ts'
import type { User } from '../../../worker/db/users.ts'
import { importPartners } from '../../../worker/services/partner-import.ts'
import { account, actorOf, programmeWith, trailOf } from './d1-fixtures.ts'

/**
 * Many partners in one paste (worker/services/partner-import.ts) on real rows: all of them with a
 * trail entry each, as a single add writes it, or none of them, with every failing line named.
 */

let lead: User
beforeAll(async () => {
  lead = await account('admin')
})

const detailsOf = async (programmeId: string) =>
  (
    await env.DB.prepare(
      "SELECT target, detail FROM audit WHERE programme_id = ?1 AND action = 'partner.added' ORDER BY seq",
    )
      .bind(programmeId)
      .all<{ target: string; detail: string | null }>()
  ).results

describe('importPartners', () => {
  it('adds every line of a paste with its headcounts, each with the trail entry of a single add', async () => {
    const { programme } = await programmeWith([])
    const text = 'UWV\t1200\t40\t5\r\n\nGemeente Utrecht;1.500;;3\nSVB, 80\n  Politie   Midden  \n'
    const added = await importPartners(env.DB, programme.id, text, actorOf(lead))
    expect(added.map((p) => p.name)).toEqual(['UWV', 'Gemeente Utrecht', 'SVB', 'Politie   Midden'])
    const stored = await listPartners(env.DB, programme.id)
    expect(Object.fromEntries(stored.map((p) => [p.name, p.headcounts]))).toEqual({
      UWV: { medewerker: 1200, teammanager: 40, tactisch: 5 },
      'Gemeente Utrecht': { medewerker: 1500, teammanager: null, tactisch: 3 },
      SVB: { medewerker: 80, teammanager: null, tactisch: null },
      'Politie   Midden': { medewerker: null, teammanager: null, tactisch: null },
    })
    expect(await trailOf(programme.id)).toEqual(added.map((p) => ({ action: 'partner.added', target: p.name })))
    expect((await detailsOf(programme.id)).map((r) => r.detail)).toEqual([
      JSON.stringify([
        { field: 'medewerker', to: 1200 },
        { field: 'teammanager', to: 40 },
        { field: 'tactisch', to: 5 },
      ]),
      JSON.stringify([
        { field: 'medewerker', to: 1500 },
        { field: 'tactisch', to: 3 },
      ]),
      JSON.stringify([{ field: 'medewerker', to: 80 }]),
      null,
    ])
  })

  it('stores nothing when one line is wrong, and names each failing line with its column', async () => {
    const { programme } = await programmeWith(['UWV'])
    const text = ['SVB\t80', '\t12', 'GGD\ttwaalf', 'Gemeente Ede\t-3\t4\t5', 'Veel;1;2;3;4'].join('\n')
    await expect(importPartners(env.DB, programme.id, text, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-lines-invalid',
      params: {
        faults: [
          { line: 2, kind: 'field', issue: { path: ['name'], message: 'not-empty' } },
          {
            line: 3,
            kind: 'field',
            issue: { path: ['headcounts', 'medewerker'], message: 'whole-number' },
            cell: 'twaalf',
          },
          { line: 4, kind: 'field', issue: { path: ['headcounts', 'medewerker'], code: 'too_small' }, cell: '-3' },
          { line: 5, kind: 'too-many-columns', columns: 5 },
        ],
      },
    })
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['UWV'])
    expect(await trailOf(programme.id)).toEqual([])
  })

  it("skips a sheet's header row, and quotes the cell a message is about", async () => {
    const { programme } = await programmeWith([])
    const header = 'Naam;Medewerkers;Teammanagers;Tactisch management'
    await importPartners(env.DB, programme.id, `${header}\nSVB;80;4;2\nUWV;1.200`, actorOf(lead))
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name).sort()).toEqual(['SVB', 'UWV'])
    // A header alone adds nothing, as an empty paste; a first line with a number in it is a partner's.
    await expect(importPartners(env.DB, programme.id, header, actorOf(lead))).rejects.toMatchObject({
      code: 'no-partner-lines',
    })
    await expect(importPartners(env.DB, programme.id, 'GGD;12.5', actorOf(lead))).rejects.toMatchObject({
      params: { faults: [{ line: 1, kind: 'field', cell: '12.5' }] },
    })
    const nl = lineErrorsIn('nl', [
      {
        line: 5,
        kind: 'field',
        issue: { code: 'custom', path: ['headcounts', 'medewerker'], message: 'whole-number' },
        cell: '12.5',
      },
    ])
    expect(nl[0]!.message).toMatch(/^Regel 5, [^:]+ \(“12\.5”\): /)
  })

  it('refuses a name twice in the paste or one the programme has, however its capitals and spaces differ', async () => {
    const { programme } = await programmeWith(['Politie Midden'])
    const text = 'UWV\nSVB\n uwv \npolitie  MIDDEN\t10\nSvb'
    await expect(importPartners(env.DB, programme.id, text, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-lines-invalid',
      params: {
        faults: [
          { line: 3, kind: 'same-as-line', other: 1 },
          { line: 4, kind: 'partner-exists', name: 'Politie Midden' },
          { line: 5, kind: 'same-as-line', other: 2 },
        ],
      },
    })
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['Politie Midden'])
  })

  it('refuses more than 200 partners at once, and a paste with none, adding nothing', async () => {
    const { programme } = await programmeWith([])
    const lines = Array.from({ length: 201 }, (_, i) => `Partner ${i + 1}\t10`)
    await expect(importPartners(env.DB, programme.id, lines.join('\n'), actorOf(lead))).rejects.toMatchObject({
      code: 'too-many-partner-lines',
      params: { count: 201, max: 200 },
    })
    await expect(importPartners(env.DB, programme.id, '\n  \n\t\n', actorOf(lead))).rejects.toMatchObject({
      code: 'no-partner-lines',
    })
    expect(await listPartners(env.DB, programme.id)).toEqual([])
    // 200 is not too many: one batch of 400 statements.
    expect(await importPartners(env.DB, programme.id, lines.slice(0, 200).join('\n'), actorOf(lead))).toHaveLength(200)
  })

  it('keeps nothing of a paste when a partner of the same name is stored meanwhile, and names its line', async () => {
    const { programme } = await programmeWith([])
    // Between the service's check and its batch: the batch's first statement stores "uwv" before the paste's
    // "UWV" (a concurrent add), so only the name's key in the database can refuse it.
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch')
          return async (statements: D1PreparedStatement[]) => {
            await target
              .prepare("INSERT INTO partners (id, programme_id, name, name_key) VALUES (?1, ?2, 'uwv', 'uwv')")
              .bind(crypto.randomUUID(), programme.id)
              .run()
            return target.batch(statements)
          }
        const value = Reflect.get(target, prop) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    await expect(importPartners(db, programme.id, 'SVB\t10\nUWV\t20', actorOf(lead))).rejects.toMatchObject({
      code: 'partner-lines-invalid',
      params: { faults: [{ line: 2, kind: 'partner-exists', name: 'uwv' }] },
    })
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['uwv'])
    expect(await trailOf(programme.id)).toEqual([])
  })
})
