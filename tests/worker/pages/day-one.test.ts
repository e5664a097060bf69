import { beforeAll, describe, expect, it } from 'vitest'
import { addWave, call, postJson, signInAdmin } from '../helpers.ts'

/**
 * A programme's first day, as a lead with some links made reads it (a new user's walk-through
 * with 40 partners): a group without a link says "geen link", not "nog geen" as if its people had
 * not answered yet; a reminder names only the roles that have a link; and the trend, before any
 * wave has closed, says when it comes instead of drawing an empty chart.
 */

let admin: string
let programmeId: string
let waveId: string
const LABEL = 'Voorjaar 2027'

beforeAll(async () => {
  admin = await signInAdmin()
  ;({ id: programmeId } = await postJson(
    '/api/programmes',
    { name: `Keten ${crypto.randomUUID().slice(0, 8)}` },
    admin,
  ))
  const uwv = await postJson(
    `/api/programmes/${programmeId}/partners`,
    { name: 'UWV', headcount: 40, headcounts: { teammanager: 8, tactisch: 4 } },
    admin,
  )
  await postJson(`/api/programmes/${programmeId}/partners`, { name: 'SVB', headcount: 30 }, admin)
  waveId = await addWave(admin, programmeId, { label: LABEL })
  // UWV's staff only: its managers and all of SVB have no link.
  await postJson(`/api/waves/${waveId}/links`, { partnerId: uwv.id, role: 'medewerker' }, admin)
})

/** A table's body rows as their cells' text, the row's heading first. */
const rowsOf = (html: string, tableId: string) => {
  const table = html.match(new RegExp(`<table id="${tableId}"[\\s\\S]*?</table>`))?.[0] ?? ''
  return [...table.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)]
    .map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((c) => c[1]!.trim()))
    .slice(1)
}

describe('the first day of a programme', () => {
  it('says "no link" for a group without one in the dashboard, the results page and the setup page, in both languages', async () => {
    const res = await call(`/api/programmes/${programmeId}/dashboard?wave=${waveId}`, { cookie: admin })
    expect(res.status).toBe(200)
    const body = (await res.json()) as {
      participation: { name: string; roles: Record<string, { status: string; n: number | null }> }[]
    }
    expect(
      body.participation.map((p) => [
        p.name,
        p.roles.medewerker!.status,
        p.roles.teammanager!.status,
        p.roles.tactisch!.status,
      ]),
    ).toEqual([
      ['SVB', 'unasked', 'unasked', 'unasked'],
      ['UWV', 'none', 'unasked', 'unasked'],
    ])
    for (const p of body.participation) for (const r of Object.values(p.roles)) expect(r.n).toBeNull()

    for (const [lang, none, unasked] of [
      ['nl', 'nog geen', 'geen link'],
      ['en', 'none yet', 'no link'],
    ] as const) {
      const results = await (
        await call(`/app/programmes/${programmeId}?wave=${waveId}&lang=${lang}`, { cookie: admin })
      ).text()
      expect(rowsOf(results, 'participation')).toEqual([
        ['SVB', unasked, unasked, unasked],
        ['UWV', none, unasked, unasked],
      ])
      const setup = await (
        await call(`/app/programmes/${programmeId}/setup?wave=${waveId}&lang=${lang}`, { cookie: admin })
      ).text()
      expect(rowsOf(setup, 'setup-participation').map((r) => r.slice(1))).toEqual([
        [unasked, unasked, unasked],
        [lang === 'nl' ? 'nog geen' : 'none yet', unasked, unasked],
      ])
    }
  })

  it('writes a reminder only for the roles with a link, and none for a partner without any', async () => {
    const setup = await (
      await call(`/app/programmes/${programmeId}/setup?wave=${waveId}&lang=nl`, { cookie: admin })
    ).text()
    const reminders = [...setup.matchAll(/<textarea id="reminder-[^"]+"[^>]*>([\s\S]*?)<\/textarea>/g)].map(
      (m) => m[1]!,
    )
    expect(reminders).toHaveLength(1)
    expect(reminders[0]).toContain('UWV')
    expect(reminders[0]).toContain('Tot nu toe: medewerker: nog geen antwoorden.')
    expect(reminders[0]).not.toMatch(/teammanager|tactisch/)
    expect(setup).not.toContain('Herinnering voor SVB')
  })

  it('says when the trend comes before any wave has closed, with no empty chart or table', async () => {
    for (const [lang, words] of [
      ['nl', `Nog geen ronde gesloten. De ontwikkeling over de rondes staat hier zodra ${LABEL} gesloten is (na `],
      ['en', `No wave has closed yet. The change across waves appears here once ${LABEL} has closed (after `],
    ] as const) {
      const page = await (
        await call(`/app/programmes/${programmeId}?wave=${waveId}&lang=${lang}`, { cookie: admin })
      ).text()
      const trend = page.slice(
        page.indexOf('id="trend-heading"'),
        page.indexOf('</section>', page.indexOf('id="trend-heading"')),
      )
      expect(trend).toContain(words)
      expect(trend).toMatch(/\(\w+ \d{1,2} \w+ \d{4}\)|\(na \d{1,2} [a-z]+ \d{4}\)|\(after \d{1,2} \w+ \d{4}\)/)
      expect(trend).not.toContain('<canvas')
      expect(trend).not.toContain('id="trend-table"')
      expect(trend).not.toContain('id="pick-trend"')
    }
  })
})
