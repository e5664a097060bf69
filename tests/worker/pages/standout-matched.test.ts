import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import type { Wave } from '../../../worker/db/waves.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { showsAnything } from '../../../worker/domain/publication-parts.ts'
import type { ProgrammeData } from '../../../worker/domain/wave-results.ts'
import { Standouts } from '../../../worker/pages/results-standouts.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor } from '../../../worker/services/results-service.ts'
import { pagePartner, pageProgramme, pageWave, scoreStats } from '../fixtures.ts'

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
const data: ProgrammeData = {
  partners,
  waves: [wave('w0', 'Voorjaar', 1), wave('w1', 'Najaar', 4)],
  published: new Map([
    ['w0', { k: 5, shows: showsAnything(before) }],
    ['w1', { k: 5, shows: showsAnything(after) }],
  ]),
  publications: new Map([
    ['w0', before],
    ['w1', after],
  ]),
  scope: { all: true },
  changes: new Map(),
  participation: [],
  asked: new Set<string>(),
}
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
    const { html } = await programmeLine('nl', 'a')
    expect(html).not.toContain('beide rondes')
    const { d } = await programmeLine('en', 'a')
    const programme = d.standouts.find((g) => g.subject.kind === 'programme')
    if (programme) expect(programme.items.some((x) => x.kind === 'change')).toBe(false)
  })
})
