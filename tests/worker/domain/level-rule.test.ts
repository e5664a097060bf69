import { describe, expect, it } from 'vitest'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { bandOf, MIN_N_FOR_LEVEL, shown } from '../../../worker/domain/levels.ts'
import { cellView } from '../../../worker/domain/publication.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { normal } from '../fixtures.ts'
import { AT_MIN_N, LEVEL_TABLE, MC_SE, SENSITIVITY_SD_1, TOLERANCE, withinFigure } from './simulation-figures.ts'

/**
 * How often a named level is wrong, by simulation, for the rule "name a level only when the 95%
 * interval lies within one band, or n ≥ N" (worker/domain/levels.ts, MIN_N_FOR_LEVEL).
 *
 * Where the groups are. A programme lead's cells are not at band centres, so the groups' true
 * means lie evenly over the scale: a grid of 800, every 0.004 from the centre of the lowest band
 * (1.4) to the centre of the highest (4.6), a quarter step off so that no true mean is a rounding
 * tie. Over that range every point's distance to its nearest band edge is spread evenly from 0 to
 * half a band (0.4), so every band edge counts alike; the outer halves of the two outer bands are
 * left out, as there a group with this spread has its scores piled at 1 or 5 (its SD is no longer
 * 0.8) and its level is nearly always right, which would flatter the rule. The review's own draw
 * (centres 1.2–4.8 of the unclipped normal) gives within 0.1 point of the same figures at 55 and 60.
 *
 * The scores. Each respondent's scale score is drawn from a normal distribution with SD 0.8,
 * clipped to 1–5, whose centre is set (by bisection on the clipped normal's mean) so that the
 * clipped scores' population mean is the group's true mean. Why 0.8: a scale score is the mean of
 * 4–5 items on five options; items of such scales have SDs about 0.9–1.1 and correlate about
 * .4–.5, which gives a scale SD of about 1.0 · √((1 + 4 · .45) / 5) ≈ 0.75, and 0.8 is the wider
 * end of what such scales show. A wider spread makes more levels wrong, so SD 1.0 is run as well
 * (`SENSITIVITY_SD_1`). Scores are independent within a group: see README, "Levels and agreement",
 * for what the nesting of staff under team managers does to that.
 *
 * The rule is the product's: each group goes through publication.ts `cellView` (levels.ts
 * `levelVerdict`, `shownInterval`, `shown`), and the named level is its verdict's level, the band
 * of the shown mean. The true level is the band of the true mean as shown (one decimal), as the
 * product reads a level off the shown value (levels.ts `SHOWN_DIGITS`). Seeded, so the same each run.
 *
 * Monte Carlo error: the standard error of a share p of N groups is √(p(1 − p)/N), which over a
 * fixed grid of true means is an upper bound (the positions are not drawn). With 240 groups at each
 * of the 800 positions (192,000) it is 0.07 point at 10%; the choice of N needs the share named
 * wrongly at N to be under 10% by more than two standard errors, and at N − 5 not under 10%.
 *
 * Found (tests/worker/domain/simulation-figures.ts): with every cell named, 10.7% are wrong at
 * n = 45, 10.3% at 50, 9.6% at 55 and 9.3% at 60 (`LEVEL_TABLE`, 48,000 groups a row), and 9.8% at
 * 55 in the run of 192,000 groups the choice rests on (`AT_MIN_N`, ± 0.07), so N = 55 on a grid of
 * steps of 5 (with SD 1.0, 11.8% at 55, `SENSITIVITY_SD_1`). The interval part of the rule names fewer cells at small n and
 * is wrong in about 11% of them at n = 5 (a tiny sample's SD can be near 0, so its interval is too
 * narrow), about 4% at n = 10. From N on a level whose interval still reaches another band is
 * marked in every view (levels.ts `reaches`): those are wrong in about 14–16% (n = 55 to 200),
 * which more data barely lowers (they are the groups whose true mean lies near an edge), and
 * unmarked ones in under 1%.
 */
const ins = findInstrument('coachende-manager', 2)!
const SD = 0.8
/** Groups per position: 240 where the 10% verdict is taken, 60 for the table's rows from n = 45 on, 250 below (few cells are named there). */
const REPS = { verdict: 240, table: 60, small: 250 }

const edges = ins.levels.slice(1).map((l) => l.from)
const centre = (l: { from: number; to: number }) => (l.from + l.to) / 2
const lowest = centre(ins.levels[0]!)
const highest = centre(ins.levels.at(-1)!)
const STEP = 0.004
/** The true means: every STEP from the lowest band's centre to the highest's, a quarter step off the grid. */
const trueMeans = Array.from({ length: Math.round((highest - lowest) / STEP) }, (_, k) => lowest + (k + 0.25) * STEP)
/** Near an edge: a true mean within 0.15 of a band edge (over 1.4–4.6, 37.5% of the groups). */
const nearEdge = (mu: number) => edges.some((e) => Math.abs(mu - e) < 0.15)

/** The standard normal distribution function (Abramowitz and Stegun 7.1.26, error under 1.5e-7). */
function Phi(z: number): number {
  const x = Math.abs(z) / Math.SQRT2
  const t = 1 / (1 + 0.3275911 * x)
  const poly = ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t
  const erf = 1 - poly * Math.exp(-x * x)
  return 0.5 * (1 + Math.sign(z) * erf)
}
const phi = (z: number) => Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI)
const { min: lo, max: hi } = ins.scale
/** The mean of a normal(c, sd) clipped to the scale. */
function clippedMean(c: number, sd: number): number {
  const a = (lo - c) / sd
  const b = (hi - c) / sd
  return lo * Phi(a) + hi * (1 - Phi(b)) + c * (Phi(b) - Phi(a)) + sd * (phi(a) - phi(b))
}
/** The centre of the normal whose clipped scores have population mean `mu`. */
function centreFor(mu: number, sd: number): number {
  let below = lo - 6 * sd
  let above = hi + 6 * sd
  for (let i = 0; i < 60; i++) {
    const c = (below + above) / 2
    if (clippedMean(c, sd) < mu) below = c
    else above = c
  }
  return (below + above) / 2
}
const clip = (x: number) => Math.min(hi, Math.max(lo, x))

type Rates = { named: number; wrong: number }
const zero = (): Rates => ({ named: 0, wrong: 0 })
const count = (r: Rates, wrong: boolean) => {
  r.named += 1
  if (wrong) r.wrong += 1
}
const rate = (r: Rates) => (r.named === 0 ? 0 : r.wrong / r.named)
/** The standard error of `rate(r)` (binomial; an upper bound over the fixed grid). */
const se = (r: Rates) => Math.sqrt((rate(r) * (1 - rate(r))) / r.named)
/** The verdict every view gives a group of these moments (publication.ts `cellView`). */
const verdictOf = (m: { n: number; sum: number; sumsq: number }) =>
  cellView(ins, { n: m.n, hidden: null, stats: { autonomie: [m.n, m.sum, m.sumsq] } }).scores!.autonomie!.verdict

/**
 * Groups of n at every true mean, `reps` each: `every`, each cell as if named (the band of its shown
 * mean), which is what the product names from MIN_N_FOR_LEVEL on; `unmarked`, the cells named
 * because their interval lies within one band (`unmarkedEdge` the same near an edge); `marked`, the
 * cells named from MIN_N_FOR_LEVEL on although the interval reaches another band (none below).
 */
function simulate(n: number, reps: number, seed: number, sd = SD) {
  const random = rng(seed)
  const t = { every: zero(), unmarked: zero(), unmarkedEdge: zero(), marked: zero(), unclear: 0 }
  for (const mu of trueMeans) {
    const c = centreFor(mu, sd)
    const truth = bandOf(ins, shown(mu))
    const edge = nearEdge(mu)
    for (let r = 0; r < reps; r++) {
      let sum = 0
      let sumsq = 0
      for (let i = 0; i < n; i++) {
        const x = clip(c + sd * normal(random))
        sum += x
        sumsq += x * x
      }
      const v = verdictOf({ n, sum, sumsq })
      const wrong = bandOf(ins, shown(sum / n)) !== truth
      if (v.level !== null) expect(v.level).toBe(bandOf(ins, shown(sum / n)))
      count(t.every, wrong)
      if (v.because === 'interval') {
        count(t.unmarked, wrong)
        if (edge) count(t.unmarkedEdge, wrong)
      } else if (v.because === 'n') count(t.marked, wrong)
      else t.unclear += 1
    }
  }
  return t
}
const pct = (r: Rates) => `${(100 * rate(r)).toFixed(2)}% ± ${(100 * se(r)).toFixed(2)} (${r.named})`

describe('the level rule, by simulation over true means spread evenly over the scale', () => {
  it(`from n = ${MIN_N_FOR_LEVEL} on every cell is named, wrongly in under 10% beyond twice the Monte Carlo error; from ${MIN_N_FOR_LEVEL - 5} it would not be under 10%`, () => {
    const at = simulate(MIN_N_FOR_LEVEL, REPS.verdict, 1)
    // From N on nothing is "not yet clear": every cell is named, marked or not.
    expect(at.unclear).toBe(0)
    expect(at.every.named).toBe(at.unmarked.named + at.marked.named)
    expect(rate(at.every) + 2 * se(at.every), pct(at.every)).toBeLessThan(0.1)
    expect(se(at.every) * 100).toBeLessThanOrEqual(MC_SE)
    expect(AT_MIN_N.n).toBe(MIN_N_FOR_LEVEL)
    expect(withinFigure(rate(at.every), AT_MIN_N.every), pct(at.every)).toBe(true)
    // Five fewer, on the same grid of n: not under 10%, so N is the smallest in steps of 5.
    const fewer = simulate(MIN_N_FOR_LEVEL - 5, REPS.verdict, 2)
    expect(rate(fewer.every), pct(fewer.every)).toBeGreaterThanOrEqual(0.1)
  }, 120_000)

  it(`with scores of SD 1.0 instead, more levels named from ${MIN_N_FOR_LEVEL} on are wrong (the figure the README states)`, () => {
    expect(SENSITIVITY_SD_1.n).toBe(MIN_N_FOR_LEVEL)
    const t = simulate(SENSITIVITY_SD_1.n, REPS.table, 3, 1.0)
    expect(withinFigure(rate(t.every), SENSITIVITY_SD_1.every), pct(t.every)).toBe(true)
    expect(rate(t.every)).toBeGreaterThan(0.1)
  }, 300_000)

  it('below that n, a level named only because its interval lies within one band is wrong in under 10% of the cells it is named for from n = 10, and in about 11% at n = 5', () => {
    for (const n of [10, 20]) {
      const t = simulate(n, REPS.small, 100 + n)
      expect(t.marked.named, `n = ${n}`).toBe(0)
      expect(rate(t.unmarked), `n = ${n} ${pct(t.unmarked)}`).toBeLessThan(0.1)
    }
    // At n = 5 a tiny sample's SD can be near 0, so its interval is too narrow; the glossary says so.
    const five = simulate(5, REPS.small, 105)
    expect(rate(five.unmarked), pct(five.unmarked)).toBeLessThan(0.15)
  }, 300_000)

  it(`a level named from ${MIN_N_FOR_LEVEL} on whose interval reaches another band is wrong in more than one cell in ten, which is why every view marks it; one without a mark in under 1%`, () => {
    for (const n of [MIN_N_FOR_LEVEL, 100]) {
      const t = simulate(n, REPS.table, 300 + n)
      expect(t.marked.named, `n = ${n}`).toBeGreaterThan(0)
      expect(rate(t.marked), `n = ${n} ${pct(t.marked)}`).toBeGreaterThan(0.1)
      expect(rate(t.marked), `n = ${n} ${pct(t.marked)}`).toBeLessThan(0.2)
      expect(rate(t.unmarked), `n = ${n} ${pct(t.unmarked)}`).toBeLessThan(0.01)
    }
    // Below MIN_N_FOR_LEVEL nothing is marked: such a cell is not yet clear.
    expect(simulate(MIN_N_FOR_LEVEL - 1, 10, 400).marked.named).toBe(0)
  }, 300_000)
})

describe('the level rule near band edges and for the programme', () => {
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
    // Its widened interval reaches another band: from MIN_N_FOR_LEVEL raw answers that would be a
    // marked level, from 22 effective ones the level is not yet clear.
    expect(N).toBeGreaterThanOrEqual(MIN_N_FOR_LEVEL)
    expect(programme(4.6)).toEqual({ level: null, because: 'not-yet-clear' })
    // With partners no more alike than chance (deff 1) the 100 answers count in full.
    expect(programme(1).because).toBe('n')
  })
})

describe('the figures the README and the glossary state (tests/worker/domain/simulation-figures.ts)', () => {
  it(`reproduces the table of wrong levels within ${TOLERANCE} points: ${REPS.small} groups per position up to n = 20, ${REPS.table} above`, () => {
    for (const row of LEVEL_TABLE) {
      const t = simulate(row.n, row.n <= 20 ? REPS.small : REPS.table, 900 + row.n)
      const say = (what: string, r: Rates) => `n = ${row.n} ${what} ${pct(r)}`
      expect(withinFigure(rate(t.every), row.every), say('every', t.every)).toBe(true)
      expect(withinFigure(rate(t.unmarked), row.unmarked), say('unmarked', t.unmarked)).toBe(true)
      expect(withinFigure(rate(t.unmarkedEdge), row.edge), say('edge', t.unmarkedEdge)).toBe(true)
      if (row.marked === null) expect(t.marked.named, `n = ${row.n}: nothing marked`).toBe(0)
      else expect(withinFigure(rate(t.marked), row.marked), say('marked', t.marked)).toBe(true)
      // The table's rows from MIN_N_FOR_LEVEL on are the product's; those below it name every cell only as the alternative.
      expect(row.marked === null, `n = ${row.n}`).toBe(row.n < MIN_N_FOR_LEVEL)
    }
  }, 180_000)
})
