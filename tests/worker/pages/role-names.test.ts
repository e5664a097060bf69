import { beforeAll, describe, expect, it } from 'vitest'
import { answersFor, submit } from '../anonymity/adversary.ts'
import { call, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * A role's name at the start of a table's cell or column is the catalogue's label capitalised, in
 * every table of the setup and results pages (a new lead's walk-through read 'Medewerker' in the
 * partners table, 'medewerker' in the participation table); and an open wave's participation
 * reads alike on both pages, "5 antwoorden (13% van 40)", where the results page said "5 (13%)".
 */

let admin: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>

beforeAll(async () => {
  admin = await signInAdmin()
  // 40 in every role and a link for each group (tests/worker/helpers.ts); five of UWV's staff answer.
  ctx = await setupProgramme(admin, ['UWV'])
  const staff = ctx.links[ctx.partners[0]!.id]!.medewerker!
  for (let i = 0; i < 5; i++)
    expect((await submit(staff, answersFor('medewerker', { coaching: 1 + i }))).status).toBe(201)
})

/** A table's rows (its head's first) as their cells' text, tags left out. */
const rowsOf = (html: string, tableId: string) => {
  const table = html.match(new RegExp(`<table[^>]*id="${tableId}"[\\s\\S]*?</table>`))?.[0] ?? ''
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((m) =>
    [...m[1]!.matchAll(/<t([hd])[^>]*>([\s\S]*?)<\/t\1>/g)].map((c) => c[2]!.replace(/<[^>]+>/g, '').trim()),
  )
}

const page = async (path: string) => (await call(path, { cookie: admin })).text()

describe('role names in the tables, and participation in the same words', () => {
  for (const [lang, roles, answered] of [
    ['nl', ['Medewerker', 'Teammanager', 'Tactisch management'], '5 antwoorden (13% van 40)'],
    ['en', ['Staff member', 'Team manager', 'Tactical management'], '5 answers (13% of 40)'],
  ] as const) {
    it(`capitalises a role's label where a cell starts with it and words participation alike on both pages (${lang})`, async () => {
      const setup = await page(`/app/programmes/${ctx.programmeId}/setup?wave=${ctx.waveId}&lang=${lang}`)
      const results = await page(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&lang=${lang}`)
      expect(rowsOf(setup, 'partners-table')[0]!.slice(1, 4)).toEqual(roles)
      for (const [html, id] of [
        [setup, 'setup-participation'],
        [results, 'participation'],
      ] as const) {
        const [head, uwv] = rowsOf(html, id)
        expect(head, id).toEqual(['Partner', ...roles])
        expect(uwv!.slice(0, 2), id).toEqual(['UWV', answered])
      }
      // The links made, one row per group: its role as the cell's start.
      expect(
        rowsOf(setup, 'links-made')
          .slice(1)
          .map((r) => r[1]),
      ).toEqual(roles)
      // Within a sentence the label stays as written: the revoke button's question.
      expect(setup).toContain(lang === 'nl' ? 'UWV, tactisch management' : 'UWV, tactical management')
    })
  }
})
