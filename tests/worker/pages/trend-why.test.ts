import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import type { Wave } from '../../../worker/db/waves.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import type { Lang } from '../../../worker/i18n/messages.ts'
import { TrendTable } from '../../../worker/pages/results-tables.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor, trendOf } from '../../../worker/services/results-service.ts'
import type { ProgrammeData } from '../../../worker/domain/wave-results.ts'
import { normal } from '../domain/simulated-cells.ts'
import { pagePartner, pageProgramme, pageWave, scoreStats, wavesData } from '../fixtures.ts'

/**
 * Under the trend, why a change has no arrow (a lead saw the programme +0,3 on every dimension and
 * no arrow, with no reason given): the largest change without one, as the table's two means show it,
 * with a margin that reaches 0 when a reader checks it by hand; for the programme, that its margin
 * holds how much the partners differ. Nothing where every tested change has its arrow.
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'
const dims = dimensionsFor(ins, role)

const partner = (id: string) => pagePartner(id, `Partner ${id}`)
const wave = (id: string, label: string, month: number): Wave =>
  pageWave({
    id,
    label,
    instrumentVersion: 3,
    opensAt: `2026-0${month}-01T00:00:00.000Z`,
    closesAt: `2026-0${month}-20T00:00:00.000Z`,
  })
const programme = pageProgramme

/** Two waves of `partners` partners of `size` staff, each partner's mean `effect(j)` + `shift` in the second wave. */
function programmeData(seed: number, partners: number, size: number, shift: (j: number) => number) {
  const random = rng(seed)
  const ids = Array.from({ length: partners }, (_, j) => `p${j}`)
  const effects = ids.map(() => 3 + 0.35 * normal(random))
  const waves = [wave('w1', 'Najaar', 1), wave('w2', 'Voorjaar', 3)]
  const publications = new Map(
    waves.map((w, i) => {
      const cells: Cell[] = ids.map((id, j) => {
        const stats: Record<string, number[]> = {}
        for (const d of dims)
          stats[d] = scoreStats(
            ins,
            Array.from({ length: size }, () =>
              Math.min(5, Math.max(1, effects[j]! + (i === 1 ? shift(j) : 0) + 0.7 * normal(random))),
            ),
          )
        return { partnerId: id, role, n: size, stats }
      })
      return [w.id, publishWave(ins, ids, cells, 5)] as const
    }),
  )
  return wavesData(ids.map(partner), waves, publications)
}

const html = async (node: unknown) => String(await (node as { toString(): string | Promise<string> }).toString())
const text = (s: string) =>
  s
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ')
const tenths = (s: string) => Math.round(Number(s.replace('−', '-').replace(',', '.')) * 10)

async function render(data: ProgrammeData, lang: Lang, partnerId?: string) {
  const d = resultsFor(programme, data, { role, k: 5, onlyPartner: null })
  const trend = trendOf(data, { role, k: 5, onlyPartner: null, ...(partnerId ? { partnerId } : {}) })
  const out = await html(TrendTable({ lang, d, trend, caption: 'trend' }))
  // Each dimension's row: its label and its two shown means, with or without an arrow.
  const rows = new Map(
    d.dimensions.map((dim) => {
      const row = new RegExp(`<tr id="trend-row-${dim.key}"[^>]*>(.*?)</tr>`, 's').exec(out)![1]!
      const means = [...row.matchAll(/<span class="mean">([^<]+)<\/span>/g)].map((m) => tenths(m[1]!))
      return [dim.label[lang], { means, arrow: /class="(up|down)"/.test(row) }]
    }),
  )
  const why = /<p class="trend-why" id="trend-why">(.*?)<\/p>/s.exec(out)?.[1]
  return { rows, why: why === undefined ? null : text(why), trend }
}

describe('why a change has no arrow, under the trend', () => {
  it.each(['nl', 'en'] as Lang[])(
    'names the largest change without one, as the two means show it, with a margin reaching 0 (%s)',
    async (lang) => {
      // Five partners of 14, all a third of a point up: real, but too few partners to tell it from
      // how they differ (the lead's demo: 67 answers, +0,3 everywhere, no arrow).
      const { rows, why } = await render(
        programmeData(7, 5, 14, () => 0.3),
        lang,
      )
      expect(why).not.toBeNull()
      const m =
        lang === 'nl'
          ? /De grootste zonder pijl: ([+−]?\d,\d) bij (.+?) \(Najaar → Voorjaar\), met een marge van ± (\d,\d); de verandering kan dus ook 0 zijn\.(?: Even groot en ook zonder pijl: .+?\.)? Bij het programma als geheel telt naast het aantal antwoorden ook hoe verschillend de partners onderling zijn/.exec(
              why!,
            )
          : /The largest without one: ([+−]?\d\.\d) for (.+?) \(Najaar → Voorjaar\), with a margin of ± (\d\.\d); so the change may also be 0\.(?: As large and also without one: .+?\.)? For the programme as a whole, how much the partners differ/.exec(
              why!,
            )
      expect(m, why!).not.toBeNull()
      const [, diff, dimension, margin] = m!
      const row = rows.get(dimension!)!
      expect(row.arrow).toBe(false)
      // By hand: the change is the later mean less the earlier, as shown, and the margin reaches 0.
      expect(tenths(diff!)).toBe(row.means[1]! - row.means[0]!)
      expect(tenths(margin!)).toBeGreaterThanOrEqual(Math.abs(tenths(diff!)))
      // The largest of those without an arrow.
      for (const r of rows.values())
        if (!r.arrow) expect(Math.abs(r.means[1]! - r.means[0]!)).toBeLessThanOrEqual(Math.abs(tenths(diff!)))
    },
  )

  it("adds up by hand in 300 random programmes and partners' trends, and says nothing where every change has its arrow", async () => {
    let said = 0
    let silent = 0
    let ties = 0
    for (let seed = 0; seed < 150; seed++) {
      const random = rng(1000 + seed)
      const partners = 4 + Math.floor(random() * 6)
      const data = programmeData(
        seed,
        partners,
        6 + Math.floor(random() * 20),
        // A third of them a point up everywhere: every change has its arrow there.
        seed % 3 === 0 ? () => 1 : (j) => (j % 2) * random() * 0.8,
      )
      for (const partnerId of [undefined, 'p1']) {
        const { rows, why, trend } = await render(data, 'nl', partnerId)
        const tested = dims.filter((d) => {
          const c = trend.waves[1]!.change?.[d]
          return c && c.p !== null
        })
        const unmarked = tested.filter((d) => !trend.waves[1]!.change![d]!.significant)
        // As shown, in tenths: where every change without an arrow reads 0,0 there is nothing to explain.
        const moved = [...rows.values()].some((r) => !r.arrow && r.means[1] !== r.means[0])
        if (unmarked.length === 0 || !moved) {
          expect(why).toBeNull()
          silent++
          continue
        }
        said++
        const [, diff, dimension, margin] =
          /([+−]?\d,\d) bij (.+?) \(Najaar → Voorjaar\), met een marge van ± (\d,\d)/.exec(why!)!
        const row = rows.get(dimension!)!
        expect(row.arrow).toBe(false)
        expect(tenths(diff!)).toBe(row.means[1]! - row.means[0]!)
        expect(tenths(margin!)).toBeGreaterThanOrEqual(Math.abs(tenths(diff!)))
        expect(why!.includes('Bij het programma als geheel')).toBe(partnerId === undefined)
        // Every other dimension as large, without an arrow, is named with it: none is left out.
        const size = Math.abs(tenths(diff!))
        const equals = [...rows.entries()]
          .filter(([name, r]) => name !== dimension && !r.arrow && Math.abs(r.means[1]! - r.means[0]!) === size)
          .map(([name]) => name)
        const tied = /Even groot en ook zonder pijl: (.+?)\./.exec(why!)?.[1]
        if (equals.length === 0) expect(tied).toBeUndefined()
        else {
          ties++
          // Each with its own change, as its two means show it: a rise beside a fall reads as one.
          for (const name of equals) {
            const r = rows.get(name)!
            const change = (r.means[1]! - r.means[0]!) / 10
            const sign = change > 0 ? '+' : '−'
            expect(tied, why!).toContain(`${name} (${sign}${Math.abs(change).toFixed(1).replace('.', ',')})`)
          }
        }
      }
    }
    // Both cases were met.
    expect(said).toBeGreaterThan(50)
    expect(silent).toBeGreaterThan(5)
    expect(ties).toBeGreaterThan(5)
  })
})

/** Eight partners of 14 staff; in the second wave all a point up, and p7 with 3 answer sets (hidden). */
function dropped(seed: number, shift = 1) {
  const random = rng(seed)
  const ids = Array.from({ length: 8 }, (_, j) => `p${j}`)
  const effects = ids.map(() => 3 + 0.35 * normal(random))
  const waves = [wave('w1', 'Najaar', 1), wave('w2', 'Voorjaar', 3)]
  const publications = new Map(
    waves.map((w, i) => {
      const cells: Cell[] = ids.map((id, j) => {
        const size = i === 1 && id === 'p7' ? 3 : 14
        const stats: Record<string, number[]> = {}
        for (const d of dims)
          stats[d] = scoreStats(
            ins,
            Array.from({ length: size }, () =>
              Math.min(5, Math.max(1, effects[j]! + i * shift + 0.5 * normal(random))),
            ),
          )
        return { partnerId: id, role, n: size, stats }
      })
      return [w.id, publishWave(ins, ids, cells, 5)] as const
    }),
  )
  return wavesData(ids.map(partner), waves, publications)
}

describe("the programme's trend where a partner is shown in one wave only", () => {
  it.each([
    ['nl', 'andere partners dan in Najaar; de 7 partners in beide rondes: van', '▲ duidelijk hoger'],
    ['en', 'other partners than in Najaar; the 7 partners in both waves: from', '▲ clearly higher'],
  ] as const)(
    'tests the change over the partners shown in both, with their own two means (%s)',
    async (lang, words, up) => {
      const { trend } = await render(dropped(3), lang)
      const out = await html(
        TrendTable({
          lang,
          d: resultsFor(programme, dropped(3), { role, k: 5, onlyPartner: null }),
          trend,
          caption: 't',
        }),
      )
      const f = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      })
      for (const dim of dims) {
        const change = trend.waves[1]!.change![dim]!
        expect(change).toMatchObject({ partnersChanged: true, significant: false })
        const matched = (change as { matched?: { from: number; to: number; significant: boolean } }).matched!
        expect(matched.significant).toBe(true)
        const row = text(new RegExp(`<tr id="trend-row-${dim}"[^>]*>(.*?)</tr>`, 's').exec(out)![1]!)
        // The means it names are those seven partners', not the programme's beside it.
        expect(row).toContain(
          `${words} ${f.format(matched.from)} ${lang === 'nl' ? 'naar' : 'to'} ${f.format(matched.to)}, ${up}`,
        )
        expect(row).not.toContain(lang === 'nl' ? 'geen verandering getoetst' : 'no change tested')
      }
    },
  )
})

describe('why a change over the partners in both waves has no arrow, under the trend', () => {
  it.each([
    [
      'nl',
      /De grootste zonder pijl: ([+−]?\d,\d) bij (.+?), over de 7 partners in beide rondes \(Najaar → Voorjaar\), met een marge van ± (\d,\d);/,
    ],
    [
      'en',
      /The largest without one: ([+−]?\d\.\d) for (.+?), over the 7 partners in both waves \(Najaar → Voorjaar\), with a margin of ± (\d\.\d);/,
    ],
  ] as const)('names it with its own two means and margin, as its note shows them (%s)', async (lang, sentence) => {
    const data = dropped(11, 0)
    const { why, trend } = await render(data, lang)
    const m = sentence.exec(why ?? '')
    expect(m, why ?? 'no sentence').not.toBeNull()
    const [, diff, label, margin] = m!
    const dim = dims.find((x) => ins.dimensions.find((y) => y.key === x)!.label[lang] === label)!
    const matched = (
      trend.waves[1]!.change![dim] as { matched: { from: number; to: number; margin: number; significant: boolean } }
    ).matched
    expect(matched.significant).toBe(false)
    // By hand: the later of its two shown means less the earlier, and a margin that reaches 0.
    // As the page prints a mean (Intl rounds as the reader reads it, not as toFixed does).
    const shownTenths = (x: number) =>
      tenths(new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(x))
    expect(tenths(diff!)).toBe(shownTenths(matched.to) - shownTenths(matched.from))
    expect(tenths(margin!)).toBeGreaterThanOrEqual(Math.abs(tenths(diff!)))
  })
})

describe("the programme's trend for a viewer limited to one partner, where a partner is shown in one wave only", () => {
  it('gives no change over the partners in both waves: beside the whole total it would give the sum of the partners left out', async () => {
    const data = dropped(5)
    const lead = trendOf(data, { role, k: 5, onlyPartner: null })
    const viewer = trendOf(data, { role, k: 5, onlyPartner: 'p0' })
    for (const dim of dims) {
      expect(lead.waves[1]!.change![dim]).toHaveProperty('matched')
      expect(viewer.waves[1]!.change![dim]).toEqual({ ...lead.waves[1]!.change![dim], matched: undefined })
      expect(viewer.waves[1]!.change![dim]).not.toHaveProperty('matched')
    }
    const out = text(
      await html(
        TrendTable({
          lang: 'nl',
          d: resultsFor(programme, data, { role, k: 5, onlyPartner: 'p0' }),
          trend: viewer,
          caption: 't',
        }),
      ),
    )
    expect(out).toContain('andere partners dan in Najaar: geen verandering getoetst')
    expect(out).not.toContain('partners in beide rondes')
  })
})
