import { describe, expect, it } from 'vitest'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { bandOf, MIN_N_FOR_LEVEL, shown } from '../../../worker/domain/levels.ts'
import { cellView } from '../../../worker/domain/publication.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { normal } from '../fixtures.ts'
import { EVERY_CELL_AT_45, LEVEL_TABLE, TOLERANCE, withinFigure } from './simulation-figures.ts'

/**
 * How often a named level is wrong, by simulation, for the rule "name a level only when the 95%
 * interval lies within one band, or n ≥ N" (worker/domain/levels.ts, MIN_N_FOR_LEVEL).
 *
 * A group's respondents have scale scores drawn from a normal distribution around the group's
 * true mean with SD 0.8 (a usual spread of a 4–5 item scale on five options), clipped to 1–5.
 * Groups sit at each band's centre and 0.15 inside each edge between two bands. The true level
 * is the band of the population mean of the clipped scores; the named level is the band of the
 * shown mean (rounded to one decimal, as the dashboard shows it). Seeded, so the same each run.
 *
 * Found: with every cell named, n = 5 is wrong in 23% of centre and 37% of edge cells; n = 35 in
 * 11.3% over all 13 positions, n = 45 in 9.6% (edges alone still 15.5%), so N = 45. The interval
 * rule alone names few cells at small n (5% at n = 5, 6.5% at n = 10) and is wrong in about 7% of
 * those at n = 5 (a tiny sample's SD can be near 0), under 4% from n = 10.
 *
 * From N on, a level whose interval still reaches another band is marked in every view
 * (levels.ts `reaches`): unmarked levels (interval within one band) are wrong in under 1% of the
 * cells they are named for at n = 45 and 100, marked ones in 14.0% at n = 45, 12.4% at 100 and
 * 11.2% at 200 (1500 groups per position).
 */
const ins = findInstrument('coachende-manager', 2)!
const SD = 0.8
const centres = ins.levels.map((l) => (l.from + l.to) / 2)
const edges = ins.levels.slice(1).flatMap((l) => [l.from - 0.15, l.from + 0.15])
const clip = (x: number) => Math.min(ins.scale.max, Math.max(ins.scale.min, x))
/** The moments of one group of n drawn around mu, as a cell holds them. */
function drawGroup(mu: number, n: number, random: () => number) {
  let sum = 0
  let sumsq = 0
  for (let i = 0; i < n; i++) {
    const x = clip(mu + SD * normal(random))
    sum += x
    sumsq += x * x
  }
  return { n, sum, sumsq }
}

/** The true level of a group around mu: the band of its clipped population mean (by a large draw). */
function trueLevel(mu: number): number {
  const random = rng(Math.round(mu * 1000))
  let sum = 0
  const draws = 200_000
  for (let i = 0; i < draws; i++) sum += clip(mu + SD * normal(random))
  return bandOf(ins, shown(sum / draws))
}

type Rates = { named: number; wrong: number }
/** Groups of n at each position: how many got a named level by `names`, and how many of those were wrong. */
function simulate(
  positions: number[],
  n: number,
  reps: number,
  names: (m: { n: number; sum: number; sumsq: number }) => boolean,
  seed: number,
): Rates {
  const random = rng(seed)
  let named = 0
  let wrong = 0
  for (const mu of positions) {
    const truth = trueLevel(mu)
    for (let r = 0; r < reps; r++) {
      const m = drawGroup(mu, n, random)
      if (!names(m)) continue
      named += 1
      if (bandOf(ins, shown(m.sum / n)) !== truth) wrong += 1
    }
  }
  return { named, wrong }
}
const rate = (r: Rates) => (r.named === 0 ? 0 : r.wrong / r.named)
const always = () => true
/**
 * The interval part of the rule as every view applies it (publication.ts `cellView`, levels.ts
 * `levelVerdict`): the 95% interval, clipped to the scale and with its ends as shown, lies within
 * the band of the shown mean.
 */
const verdictOf = (m: { n: number; sum: number; sumsq: number }) =>
  cellView(ins, { n: m.n, hidden: null, stats: { autonomie: [m.n, m.sum, m.sumsq] } }).scores!.autonomie!.verdict
const intervalWithinBand = (m: { n: number; sum: number; sumsq: number }) => verdictOf(m).because === 'interval'
/** A level named from MIN_N_FOR_LEVEL on although its interval reaches another band: every view marks it. */
const marked = (m: { n: number; sum: number; sumsq: number }) => verdictOf(m).because === 'n'

describe('the level rule, by simulation', () => {
  it('names a wrong level in about a quarter of centre cells and nearly half of edge cells at n = 5 when every cell is named', () => {
    const centre = rate(simulate(centres, 5, 2000, always, 1))
    const edge = rate(simulate(edges, 5, 2000, always, 2))
    expect(centre).toBeGreaterThan(0.15)
    expect(edge).toBeGreaterThan(0.35)
  })

  it(`from n = ${MIN_N_FOR_LEVEL} on, a level named for every cell is wrong in under 10% of cells (centres and edges together), and not from ten fewer`, () => {
    const all = [...centres, ...edges]
    // Errors only fall as n grows, so n = N is the worst case of every n ≥ N.
    const at = (n: number) => rate(simulate(all, n, 1500, always, n))
    expect(at(MIN_N_FOR_LEVEL)).toBeLessThan(0.1)
    expect(at(MIN_N_FOR_LEVEL - 10)).toBeGreaterThanOrEqual(0.1)
  })

  it('below that n, a level named only because its interval lies within one band is wrong in under 10% of the cells it is named for', () => {
    for (const n of [5, 10, 20]) {
      const r = simulate([...centres, ...edges], n, 1500, intervalWithinBand, 100 + n)
      expect(rate(r), `n = ${n}`).toBeLessThan(0.1)
    }
  })

  it(`a level named without a mark (its interval within one band) is wrong in under 10% of the cells it is named for, below ${MIN_N_FOR_LEVEL} and from it`, () => {
    for (const n of [MIN_N_FOR_LEVEL, 100]) {
      const r = simulate([...centres, ...edges], n, 800, intervalWithinBand, 200 + n)
      expect(r.named, `n = ${n}`).toBeGreaterThan(0)
      expect(rate(r), `n = ${n}`).toBeLessThan(0.1)
    }
  }, 60_000)

  it(`a level named from ${MIN_N_FOR_LEVEL} on whose interval reaches another band is wrong in more than one cell in ten, which is why every view marks it`, () => {
    // Found (1500 groups per position): 14.0% at n = 45, 12.4% at n = 100, 11.2% at n = 200: under
    // the 15.5% of every edge cell named at n = 45, above the 10% an unmarked level is held to.
    for (const n of [MIN_N_FOR_LEVEL, 100]) {
      const r = simulate([...centres, ...edges], n, 800, marked, 300 + n)
      expect(r.named, `n = ${n}`).toBeGreaterThan(0)
      expect(rate(r), `n = ${n}`).toBeGreaterThan(0.1)
      expect(rate(r), `n = ${n}`).toBeLessThan(0.2)
    }
    // Below MIN_N_FOR_LEVEL nothing is marked: such a cell is not yet clear.
    expect(simulate([...centres, ...edges], 20, 200, marked, 400).named).toBe(0)
  }, 60_000)
})

describe('the level rule near band edges and for the programme', () => {
  it('names an unmarked level wrongly in about one edge cell in five at n = 5 and one in ten at n = 10', () => {
    // Found (1500 groups per edge position): 21.1% at n = 5 and 8.9% at n = 10: above the under-10%
    // over all positions, which is why the glossary states the edge rate too (worker/i18n nl.ts, en.ts).
    const at = (n: number) => rate(simulate(edges, n, 1500, intervalWithinBand, 500 + n))
    const five = at(5)
    const ten = at(10)
    expect(five).toBeGreaterThan(0.15)
    expect(five).toBeLessThan(0.28)
    expect(ten).toBeGreaterThan(0.04)
    expect(ten).toBeLessThan(0.15)
  })

  it(`counts a programme's effective n, N / deff, against ${MIN_N_FOR_LEVEL}: its answers come in partners`, () => {
    // 100 answers from 4 partners of 25 at ICC(1) .15: deff 4,6, so as much as 22 independent ones.
    const N = 100
    const mu = 3.45
    const sd = 0.8
    const programme = (deff: number) =>
      cellView(
        ins,
        {
          n: N,
          hidden: null,
          stats: { autonomie: [N, N * mu, N * (mu * mu + sd * sd * ((N - 1) / N))] },
          design: { autonomie: { deff, partners: 4 } },
        },
        'programme',
      ).scores!.autonomie!.verdict
    // Its widened interval reaches another band: from 45 raw answers that would be a marked level,
    // from 22 effective ones the level is not yet clear.
    expect(programme(4.6)).toEqual({ level: null, because: 'not-yet-clear' })
    // With partners no more alike than chance (deff 1) the 100 answers count in full.
    expect(programme(1).because).toBe('n')
  })
})

/**
 * One pass of groups of n at every position: per verdict kind, how many cells were named and how
 * many of those wrong, the edge positions counted apart as well.
 */
function tally(n: number, reps: number, seed: number) {
  const random = rng(seed)
  const zero = (): Rates => ({ named: 0, wrong: 0 })
  const t = { unmarked: zero(), edge: zero(), marked: zero(), every: zero(), everyEdge: zero() }
  const count = (r: Rates, wrong: boolean) => {
    r.named += 1
    if (wrong) r.wrong += 1
  }
  for (const mu of [...centres, ...edges]) {
    const truth = trueLevel(mu)
    const atEdge = edges.includes(mu)
    for (let r = 0; r < reps; r++) {
      const m = drawGroup(mu, n, random)
      const wrong = bandOf(ins, shown(m.sum / n)) !== truth
      count(t.every, wrong)
      if (atEdge) count(t.everyEdge, wrong)
      const because = verdictOf(m).because
      if (because === 'interval') {
        count(t.unmarked, wrong)
        if (atEdge) count(t.edge, wrong)
      } else if (because === 'n') count(t.marked, wrong)
    }
  }
  return t
}

describe('the figures the README and the glossary state (tests/worker/domain/simulation-figures.ts)', () => {
  it(`reproduces the table of wrong levels within ${TOLERANCE} points: 10,000 groups per position up to n = 20 (where few cells are named), 1,500 above`, () => {
    for (const row of LEVEL_TABLE) {
      const t = tally(row.n, row.n <= 20 ? 10_000 : 1500, 900 + row.n)
      expect(withinFigure(rate(t.unmarked), row.unmarked), `n = ${row.n} unmarked ${rate(t.unmarked)}`).toBe(true)
      expect(withinFigure(rate(t.edge), row.edge), `n = ${row.n} edge ${rate(t.edge)}`).toBe(true)
      if (row.marked === null) expect(t.marked.named, `n = ${row.n}: nothing marked`).toBe(0)
      else expect(withinFigure(rate(t.marked), row.marked), `n = ${row.n} marked ${rate(t.marked)}`).toBe(true)
      if (row.n === 45) {
        expect(withinFigure(rate(t.every), EVERY_CELL_AT_45.all), `every cell ${rate(t.every)}`).toBe(true)
        expect(withinFigure(rate(t.everyEdge), EVERY_CELL_AT_45.edges), `every edge ${rate(t.everyEdge)}`).toBe(true)
      }
    }
  }, 120_000)
})
