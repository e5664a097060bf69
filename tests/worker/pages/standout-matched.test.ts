import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import type { Wave } from '../../../worker/db/waves.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { Standouts } from '../../../worker/pages/results-standouts.tsx'
import { TrendTable } from '../../../worker/pages/results-tables.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor, trendOf } from '../../../worker/services/results-service.ts'
import { pagePartner, pageProgramme, pageText, pageWave, scoreStats, wavesData } from '../fixtures.ts'

/**
 * The programme's clear change where its total holds other partners than the wave before: five
 * partners, each a point up on every dimension, the fifth hidden in Najaar (3 answer sets). A lead
 * read "not comparable" for every dimension (a 40-partner walk-through); the stand-outs now name
 * the change over the four shown in both waves, as theirs, and a viewer limited to one partner
 * still reads "not comparable" (domain/standouts.ts `matched`).
 */
const ins = findInstrument('coachende-manager', 1)!
const role: Role = 'medewerker'
const partners = ['a', 'b', 'c', 'd', 'e'].map((id) => pagePartner(id, `Partner ${id.toUpperCase()}`))
const ids = partners.map((p) => p.id)
const bases = [1.5, 1.7, 1.9, 2.1, 2.3]
function cell(partnerId: string, n: number, mean: number): Cell {
  const stats: Record<string, number[]> = {}
  for (const d of dimensionsFor(ins, role))
    stats[d] = scoreStats(
      ins,
      Array.from({ length: n }, (_, i) => mean + (i % 2 ? 0.5 : -0.5)),
    )
  return { partnerId, role, n, stats }
}
const publication = (up: number, hideE: boolean) =>
  publishWave(
    ins,
    ids,
    ids.map((id, i) => cell(id, hideE && id === 'e' ? 3 : 30, bases[i]! + up)),
    5,
  )
const wave = (id: string, label: string, month: number): Wave =>
  pageWave({
    id,
    label,
    instrumentVersion: 1,
    opensAt: `2026-0${month}-01T00:00:00.000Z`,
    closesAt: `2026-0${month + 1}-01T00:00:00.000Z`,
  })
const [before, after] = [publication(0, false), publication(1, true)]
const twoWaves = [wave('w0', 'Voorjaar', 1), wave('w1', 'Najaar', 4)]
const data = wavesData(
  partners,
  twoWaves,
  new Map([
    ['w0', before],
    ['w1', after],
  ]),
)
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
async function programmeLine(lang: 'nl' | 'en', onlyPartner: string | null) {
  const d = resultsFor(pageProgramme, data, { waveId: 'w1', role, k: 5, onlyPartner })
  const html = String(await Standouts({ lang, d, trendKey: 'programme', actions: [] })?.toString())
  return { d, html: text(html) }
}

describe("the programme's stand-out change over the partners shown in both waves", () => {
  it.each([
    ['nl', 'van 1,8 naar 2,8 (+1,0), over de 4 partners in beide rondes ▲ duidelijk hoger', 'niet te vergelijken'],
    ['en', 'from 1.8 to 2.8 (+1.0), over the 4 partners in both waves ▲ clearly higher', 'Not comparable'],
  ] as const)('names it for a lead as theirs, with their means as shown (%s)', async (lang, said, notSaid) => {
    const { d, html } = await programmeLine(lang, null)
    // By hand: the four partners in both waves, 30 answer sets each: (1,5 + 1,7 + 1,9 + 2,1) / 4 = 1,8,
    // then each a point up; the fifth (2,3, then hidden) is in neither number.
    const mean = (w: 'w0' | 'w1') => {
      const pub = data.publications.get(w)!.roles.medewerker!
      const ms = ['a', 'b', 'c', 'd'].map((id) => {
        const s = pub.partners[id]!.stats!.coaching!
        return s[1]! / s[0]!
      })
      return ms.reduce((x, y) => x + y, 0) / ms.length
    }
    expect(Math.round(mean('w0') * 10) / 10).toBe(1.8)
    expect(Math.round(mean('w1') * 10) / 10).toBe(2.8)
    const programme = d.standouts.find((g) => g.subject.kind === 'programme')!
    expect(programme.partnersChanged).toBeNull()
    expect(html).toContain(said)
    expect(html).not.toContain(notSaid)
  })

  it('reads "not comparable" for a viewer limited to one partner, and no change of those partners', async () => {
    const { d, html } = await programmeLine('nl', 'a')
    expect(html).not.toContain('beide rondes')
    expect(html).toContain('Sinds Voorjaar niet te vergelijken op elke dimensie')
    const programme = d.standouts.find((g) => g.subject.kind === 'programme')!
    expect(programme.items.some((x) => x.kind === 'change')).toBe(false)
  })

  it('counts each among the changes tested, as the sentence on chance says', () => {
    const { headlines } = resultsFor(pageProgramme, data, { waveId: 'w1', role, k: 5, onlyPartner: null })
    // Four partners shown in both waves, tested per dimension, and the programme's change over them.
    const more = headlines.find((h) => h.kind === 'more' && h.of === 'change')
    expect(more).toMatchObject({ tested: 5 * dimensionsFor(ins, role).length })
  })
})

describe('a clear change whose two means read alike is told as no change', () => {
  // Eleven partners of 400, 3,051 → 3,099 (the eleventh hidden in Najaar): the test over the ten in
  // both waves calls +0,05 real, and the two means both read 3,1 (a hostile review): "3,1 → 3,1 ▲"
  // cannot be checked by hand, so neither the trend nor the stand-outs mark it.
  const eleven = Array.from({ length: 11 }, (_, i) => pagePartner(`q${i}`, `Partner ${i}`))
  const wide = (base: number, hideLast: boolean) =>
    publishWave(
      ins,
      eleven.map((p) => p.id),
      eleven.map((p, i) => cell(p.id, hideLast && i === 10 ? 3 : 400, base)),
      5,
    )
  const close = wavesData(
    eleven,
    twoWaves,
    new Map([
      ['w0', wide(3.051, false)],
      ['w1', wide(3.099, true)],
    ]),
  )

  it.each([
    ['nl', 'van 3,1 naar 3,1, niet duidelijk veranderd'],
    ['en', 'from 3.1 to 3.1, not clearly changed'],
  ] as const)('in the trend: its note without an arrow (%s)', async (lang, said) => {
    const trend = trendOf(close, { role, k: 5, onlyPartner: null })
    const m = trend.waves[1]!.change!.coaching
    expect(m?.partnersChanged && m.matched?.significant).toBe(true)
    const d = resultsFor(pageProgramme, close, { waveId: 'w1', role, k: 5, onlyPartner: null })
    const table = await pageText(TrendTable({ lang, d, trend, caption: 'trend' }))
    expect(table).toContain(said)
    expect(table).not.toMatch(/[▲▼]/)
  })

  it('in the stand-outs: not named, yet tested', () => {
    const d = resultsFor(pageProgramme, close, { waveId: 'w1', role, k: 5, onlyPartner: null })
    const programme = d.standouts.find((g) => g.subject.kind === 'programme')!
    expect(programme.items.filter((x) => x.kind === 'change')).toEqual([])
    expect(programme.partnersChanged).toBeNull()
  })
})
