import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { TrendAnswer } from '../../../schema/api-answers.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { messages, type Lang } from '../../../worker/i18n/messages.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { addWave, call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'
import { pageText } from '../fixtures.ts'

/**
 * Why a partner's trend hides a wave, on real D1, in the trend API, the results page's trend and
 * the partner report's: Halt, added after the first wave closed, took no part in it ("not yet a
 * partner", not "fewer than 5 answers", as a lead of 40 partners read it in every cell); SVB had no
 * staff link in the second wave ("not asked"); Leeg had a link in both, with 0 answers and with
 * k − 1 = 4, and reads "fewer than 5" alike in both, byte for byte: whether a partner took part
 * or a link existed is what the lead made, the answers behind a hidden cell never show. Each wave's
 * reason is said once, in one cell spanning its column (the count's row and every dimension's), not
 * in each row of it.
 */

const ins = findInstrument('coachende-manager')!
const day = 24 * 60 * 60 * 1000
let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let halt: string
let later: string
let seed = 1
const id = (name: string) =>
  name === 'Halt' ? halt : name === 'Later' ? later : ctx.partners.find((p) => p.name === name)!.id

async function answer(token: string, count: number) {
  for (let i = 0; i < count; i++)
    await postJson(
      `/api/s/${token}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(seed++), () => 3.5) },
      '',
    )
}

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['UWV', 'SVB', 'Leeg'], { label: 'Ronde 1' })
  await answer(ctx.links[id('UWV')]!.medewerker!, 6)
  await answer(ctx.links[id('SVB')]!.medewerker!, 6)
  await closeWave(cookie, ctx.waveId)
  // The first wave moved back a month, to make room for a second.
  await env.DB.prepare('UPDATE waves SET opens_at = ?1, closes_at = ?2 WHERE id = ?3')
    .bind(new Date(Date.now() - 40 * day).toISOString(), new Date(Date.now() - 30 * day).toISOString(), ctx.waveId)
    .run()
  // Added after the first wave closed: it takes no part in it (worker/domain/wave-lifecycle.ts `takesPart`).
  const add = async (name: string) =>
    (
      await postJson(
        `/api/programmes/${ctx.programmeId}/partners`,
        { name, headcount: 40, headcounts: { teammanager: 40, tactisch: 40 } },
        cookie,
      )
    ).id
  halt = await add('Halt')
  later = await add('Later')
  const second = await addWave(cookie, ctx.programmeId, { label: 'Ronde 2' })
  const link = async (name: string) =>
    (
      await postJson<{ token: string }>(
        `/api/waves/${second}/links`,
        { partnerId: id(name), role: 'medewerker' },
        cookie,
      )
    ).token
  await answer(await link('UWV'), 6)
  await answer(await link('Halt'), 6)
  await answer(await link('Leeg'), 4)
  await answer(await link('Later'), 2)
  await closeWave(cookie, second)
})

const trendOf = async (name: string) => {
  const res = await call(`/api/programmes/${ctx.programmeId}/trend?partner=${id(name)}&role=medewerker`, { cookie })
  expect(res.status).toBe(200)
  return TrendAnswer.parse(await res.json())
}

describe('GET /api/programmes/:pid/trend?partner=: why a wave is hidden', () => {
  it('says not-partner for a wave before the partner was added, not-asked for one without a link', async () => {
    const halt = await trendOf('Halt')
    expect(halt.waves.map((w) => [w.wave.label, w.suppressed, w.hiddenBecause])).toEqual([
      ['Ronde 1', true, 'not-partner'],
      ['Ronde 2', false, null],
    ])
    const svb = await trendOf('SVB')
    expect(svb.waves.map((w) => [w.suppressed, w.hiddenBecause])).toEqual([
      [false, null],
      [true, 'not-asked'],
    ])
  })

  it('gives a group with a link and 0 answers exactly what it gives one with k − 1', async () => {
    const leeg = await trendOf('Leeg')
    const cell = ({ wave: _w, change: _c, notComparable: _n, ...rest }: (typeof leeg.waves)[number]) => rest
    expect(leeg.waves.map((w) => w.hiddenBecause)).toEqual(['few', 'few'])
    expect(JSON.stringify(cell(leeg.waves[0]!))).toBe(JSON.stringify(cell(leeg.waves[1]!)))
  })
})

/**
 * The trend table of the page at `path`, per row (the count's, then each dimension's): each wave's
 * cell text as a screen reader resolves the table, a cell spanning rows in each of them; and how
 * many cells the table's HTML has for each wave's column, so a reason said once shows as one.
 */
async function trendCells(path: string) {
  const res = await call(path, { cookie })
  expect(res.status).toBe(200)
  const html = await res.text()
  const from = html.indexOf('id="trend-table"')
  expect(from).toBeGreaterThan(-1)
  const table = html.slice(from, html.indexOf('</table>', from))
  const rows = table.split('<tr').slice(2)
  const grid: string[][] = rows.map(() => [])
  const written = new Map<number, number>()
  for (const [y, r] of rows.entries()) {
    let x = 0
    for (const c of r.split('<td').slice(1)) {
      while (grid[y]![x] !== undefined) x++
      const span = Number(/^[^>]*rowspan="(\d+)"/.exec(c)?.[1] ?? 1)
      const words = await pageText(`<td${c}`)
      for (let dy = 0; dy < span; dy++) grid[y + dy]![x] = words
      written.set(x, (written.get(x) ?? 0) + 1)
      x++
    }
  }
  return Object.assign(grid, { written: (x: number) => written.get(x) ?? 0 })
}

describe.each(['nl', 'en'] as Lang[])('the trend tables say each wave its own reason (%s)', (lang) => {
  const t = messages[lang]
  const few = ` ${t.suppressed.replace('{k}', '5')} `

  it("reads 'not yet a partner' in every cell of the results page's trend for a wave before Halt was added", async () => {
    const rows = await trendCells(`/app/programmes/${ctx.programmeId}?role=medewerker&trend=${halt}&lang=${lang}`)
    expect(rows.length).toBeGreaterThan(1)
    for (const cells of rows) {
      expect(cells[0]).toBe(` ${t.notPartner} `)
      expect(cells[1]).not.toContain(t.notPartner)
      expect(cells[1]).not.toBe(few)
    }
    // Said once, in one cell down the wave's column, not in every row of it.
    expect(rows.written(0)).toBe(1)
    expect(rows.written(1)).toBe(rows.length)
  })

  it("reads 'not asked' in the results page's trend for SVB's wave without a link, and the same 'fewer than 5' for 0 and 4 answers", async () => {
    const svb = await trendCells(`/app/programmes/${ctx.programmeId}?role=medewerker&trend=${id('SVB')}&lang=${lang}`)
    for (const cells of svb) expect(cells[1]).toBe(` ${t.notAsked} `)
    expect(svb.written(1)).toBe(1)
    const leeg = await trendCells(`/app/programmes/${ctx.programmeId}?role=medewerker&trend=${id('Leeg')}&lang=${lang}`)
    for (const cells of leeg) expect(cells).toEqual([few, few])
    expect([leeg.written(0), leeg.written(1)]).toEqual([1, 1])
  })

  it("says each wave's reason in the reports of Halt and of Later (hidden in both waves), and Leeg's one sentence", async () => {
    const halt = await trendCells(`/app/programmes/${ctx.programmeId}/partners/${id('Halt')}/report?lang=${lang}`)
    for (const cells of halt) expect(cells[0]).toBe(` ${t.notPartner} `)
    expect(halt.written(0)).toBe(1)
    const res = await call(`/app/programmes/${ctx.programmeId}/partners/${id('Leeg')}/report?lang=${lang}`, {
      cookie,
    })
    // Hidden in every wave, for other reasons: each wave's own, not "fewer than 5 in every wave".
    const both = await pageText(
      await (
        await call(`/app/programmes/${ctx.programmeId}/partners/${id('Later')}/report?lang=${lang}`, { cookie })
      ).text(),
    )
    expect(both).toContain(
      t.report_trendHiddenWhy
        .replace('{partner}', 'Later')
        .replace('{waves}', `Ronde 1: ${t.notPartner}; Ronde 2: ${t.suppressed.replace('{k}', '5')}`),
    )
    // Hidden in every wave for too few answers: the one sentence it always was.
    const html = await pageText(await res.text())
    expect(html).toContain(
      lang === 'nl' ? 'In geen van de 2 gepubliceerde rondes heeft Leeg' : 'In none of the 2 published waves does Leeg',
    )
  })
})
