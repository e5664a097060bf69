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
    const { added, skipped } = await importPartners(env.DB, programme.id, text, actorOf(lead))
    expect(added.map((p) => p.name)).toEqual(['UWV', 'Gemeente Utrecht', 'SVB', 'Politie   Midden'])
    expect(skipped).toEqual([])
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

  it('reads a cell Excel or LibreOffice quoted as the sheet holds it, tab-separated or a Dutch CSV, its header skipped', async () => {
    const { programme } = await programmeWith([])
    // Excel's copy (tab between cells): a cell with a separator, a quote or a line break is quoted, its quotes doubled.
    const excel = [
      '"Naam"\t"Aantal medewerkers"\tTeammanagers',
      '"Gemeente ""Noord"", afdeling Jeugd"\t1200\t"40"',
      '"Stichting\tPlus"\t80',
      '"Veiligheidsregio',
      'Noord-Holland"\t300',
      'GGD "West"\t12\t\t',
      '"Reclassering;Noord"\t5',
    ].join('\r\n')
    const { added } = await importPartners(env.DB, programme.id, excel, actorOf(lead))
    expect(added.map((p) => [p.name, p.headcounts.medewerker, p.headcounts.teammanager])).toEqual([
      ['Gemeente "Noord", afdeling Jeugd', 1200, 40],
      ['Stichting\tPlus', 80, null],
      // A line break in a cell reads as a space; an unquoted cell keeps its quotes.
      ['Veiligheidsregio Noord-Holland', 300, null],
      ['GGD "West"', 12, null],
      ['Reclassering;Noord', 5, null],
    ])
    // A Dutch CSV (semicolons): a comma and a semicolon inside quotes are the cell's; the header is quoted too.
    const csv = [
      '"Naam";"Medewerkers";"Teammanagers";"Tactisch"',
      '"Politie Midden, district Utrecht";"1.500";;3',
      '"Gemeente; Zeist";20',
      '"OM ""Midden""";"7"',
    ].join('\n')
    const second = await importPartners(env.DB, programme.id, csv, actorOf(lead))
    expect(second.added.map((p) => [p.name, p.headcounts])).toEqual([
      ['Politie Midden, district Utrecht', { medewerker: 1500, teammanager: null, tactisch: 3 }],
      ['Gemeente; Zeist', { medewerker: 20, teammanager: null, tactisch: null }],
      ['OM "Midden"', { medewerker: 7, teammanager: null, tactisch: null }],
    ])
  })

  it('names a failing row by the line it begins on, past a quoted cell over two lines, and leaves a lone quote as typed', async () => {
    const { programme } = await programmeWith([])
    // Line 2 is the end of line 1's quoted cell, its semicolon the name's; its row is line 1's.
    const text = ['"Gemeente', 'Utrecht; Zeist";40', 'SVB;veel', '"UWV;12', 'GGD;twaalf'].join('\n')
    await expect(importPartners(env.DB, programme.id, text, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-lines-invalid',
      params: {
        faults: [
          { line: 3, kind: 'field', cell: 'veel' },
          { line: 5, kind: 'field', cell: 'twaalf' },
        ],
      },
    })
    // An opening quote nothing closes is an ordinary character: the rest of the paste stays rows of its own.
    const { added } = await importPartners(env.DB, programme.id, '"UWV;12\nSVB;80', actorOf(lead))
    expect(added.map((p) => p.name)).toEqual(['"UWV', 'SVB'])
  })

  it('refuses a name twice in the paste, however its capitals and spaces differ, even one the programme has', async () => {
    const { programme } = await programmeWith(['Politie Midden'])
    const text = 'UWV\nSVB\n uwv \npolitie  MIDDEN\t10\nSvb\nPOLITIE MIDDEN'
    await expect(importPartners(env.DB, programme.id, text, actorOf(lead))).rejects.toMatchObject({
      code: 'partner-lines-invalid',
      params: {
        faults: [
          { line: 3, kind: 'same-as-line', other: 1 },
          { line: 5, kind: 'same-as-line', other: 2 },
          { line: 6, kind: 'same-as-line', other: 4 },
        ],
      },
    })
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['Politie Midden'])
    expect(await trailOf(programme.id)).toEqual([])
  })

  it('skips the names the programme has when the whole sheet is pasted again, naming each headcount it gives otherwise', async () => {
    // A lead with 38 partners in a sheet adds two rows to it and pastes all 40 (each stored with 20, 5, 5).
    const names = Array.from({ length: 38 }, (_, i) => `Partner ${String(i + 1).padStart(2, '0')}`)
    const { programme, partners } = await programmeWith(names)
    const rows = names.map((n) => `${n}\t20\t5\t5`)
    rows[3] = 'partner  04\t1250\t5\t5' // capitals and spaces aside, Partner 04: another staff count
    rows[7] = 'Partner 08\t\t\t' // empty cells say "not known", which differs from nothing
    rows[9] = 'Partner 10\t20\t6\t4'
    const text = ['Naam\tMedewerkers\tTeammanagers\tTactisch', ...rows, 'GGD\t80', 'UWV\t1.200\t40\t5'].join('\n')
    const { added, skipped } = await importPartners(env.DB, programme.id, text, actorOf(lead))
    expect(added.map((p) => p.name)).toEqual(['GGD', 'UWV'])
    expect(skipped).toHaveLength(38)
    expect(skipped.filter((s) => s.differences.length)).toEqual([
      {
        line: 5,
        partner: expect.objectContaining({ id: partners[3]!.id, name: 'Partner 04' }),
        differences: [{ role: 'medewerker', stored: 20, pasted: 1250 }],
      },
      {
        line: 11,
        partner: expect.objectContaining({ name: 'Partner 10' }),
        differences: [
          { role: 'teammanager', stored: 5, pasted: 6 },
          { role: 'tactisch', stored: 5, pasted: 4 },
        ],
      },
    ])
    // Nothing of a skipped partner changes, and the trail has the two added alone.
    const stored = await listPartners(env.DB, programme.id)
    expect(stored.find((p) => p.name === 'Partner 04')!.headcounts).toEqual({
      medewerker: 20,
      teammanager: 5,
      tactisch: 5,
    })
    expect(stored).toHaveLength(40)
    expect(await trailOf(programme.id)).toEqual([
      { action: 'partner.added', target: 'GGD' },
      { action: 'partner.added', target: 'UWV' },
    ])
  })

  it('adds nothing and refuses nothing when every line is there already, and says where a headcount is not filled in', async () => {
    const { programme } = await programmeWith(['UWV', 'SVB'])
    await env.DB.prepare("UPDATE partners SET headcount_teammanager = NULL WHERE programme_id = ?1 AND name = 'SVB'")
      .bind(programme.id)
      .run()
    const { added, skipped } = await importPartners(env.DB, programme.id, 'uwv;20\nSVB;20;7', actorOf(lead))
    expect(added).toEqual([])
    expect(skipped.map((s) => [s.line, s.partner.name, s.differences])).toEqual([
      [1, 'UWV', []],
      [2, 'SVB', [{ role: 'teammanager', stored: null, pasted: 7 }]],
    ])
    expect(await trailOf(programme.id)).toEqual([])
  })

  it('still refuses the whole paste for a wrong line beside names the programme has', async () => {
    const { programme } = await programmeWith(['UWV'])
    await expect(
      importPartners(env.DB, programme.id, 'UWV\t1200\nSVB\tveel\nGGD\t80', actorOf(lead)),
    ).rejects.toMatchObject({ code: 'partner-lines-invalid', params: { faults: [{ line: 2, cell: 'veel' }] } })
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['UWV'])
    expect(await trailOf(programme.id)).toEqual([])
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
    expect(
      (await importPartners(env.DB, programme.id, lines.slice(0, 200).join('\n'), actorOf(lead))).added,
    ).toHaveLength(200)
  })

  it('skips a name a partner is stored under meanwhile, adding the others in a second try, with their trail alone', async () => {
    const { programme } = await programmeWith([])
    // Between the service's check and its batch: before the first batch runs, "uwv" is stored (a concurrent
    // add), so only the name's key in the database can refuse the paste's "UWV"; nothing of that batch stays.
    let batches = 0
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch')
          return async (statements: D1PreparedStatement[]) => {
            if (batches++ === 0)
              await target
                .prepare(
                  "INSERT INTO partners (id, programme_id, name, name_key, headcount) VALUES (?1, ?2, 'uwv', 'uwv', 15)",
                )
                .bind(crypto.randomUUID(), programme.id)
                .run()
            return target.batch(statements)
          }
        const value = Reflect.get(target, prop) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const { added, skipped } = await importPartners(db, programme.id, 'SVB\t10\nUWV\t20', actorOf(lead))
    expect(batches).toBe(2)
    expect(added.map((p) => p.name)).toEqual(['SVB'])
    expect(skipped).toEqual([
      {
        line: 2,
        partner: expect.objectContaining({ name: 'uwv' }),
        differences: [{ role: 'medewerker', stored: 15, pasted: 20 }],
      },
    ])
    expect((await listPartners(env.DB, programme.id)).map((p) => p.name)).toEqual(['SVB', 'uwv'])
    expect(await trailOf(programme.id)).toEqual([{ action: 'partner.added', target: 'SVB' }])
  })
})
