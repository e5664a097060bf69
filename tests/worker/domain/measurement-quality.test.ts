import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import {
  addAnswerSet,
  addPools,
  emptyPool,
  icc,
  iccVerdict,
  ALPHA_GAIN,
  itemVerdict,
  meanReliability,
  MIN_COMPLETE_CASES,
  MIN_POOLED_RESPONDENTS,
  poolQuality,
  questionQuality,
  meanItemRwg,
  scaleQuality,
  type PoolMoments,
} from '../../../worker/domain/measurement-quality.ts'
import { scoreAnswers, validateAnswers, type Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { normal } from '../fixtures.ts'

/** Version 2, on which these were first written, and the current version (the latest released: in version 5 staff are asked 25 items, team managers 32, tactical managers 14). */
const VERSIONS = [...new Set([2, findInstrument('coachende-manager')!.version])]

for (const version of VERSIONS)
  describe(`instrument version ${version}`, () => {
    const ins = findInstrument('coachende-manager', version)!
    const role: Role = 'medewerker'
    const questions = scoredQuestions(ins, role)
    const scales = [...new Set(questions.map((q) => q.dimension))]

    /**
     * Answer sets with known structure: per scale, a partner effect (sd `between`), a person's own
     * level (sd `person`) and item noise (sd `noise`) around 3, rounded onto 1–5; reverse-keyed
     * items answered the other way round; "don't know" at 5%.
     */
    function simulate(seed: number, sizes: number[], sd: { between: number; person: number; noise: number }) {
      const random = rng(seed)
      const sets: { partner: number; answers: Answers }[] = []
      sizes.forEach((size, partner) => {
        const effect = Object.fromEntries(scales.map((s) => [s, sd.between * normal(random)]))
        for (let r = 0; r < size; r++) {
          const level = Object.fromEntries(scales.map((s) => [s, 3 + effect[s]! + sd.person * normal(random)]))
          const answers: Answers = {}
          for (const q of questions) {
            if (random() < 0.05) {
              answers[q.name] = 'nvt'
              continue
            }
            const x = Math.min(5, Math.max(1, Math.round(level[q.dimension]! + sd.noise * normal(random))))
            answers[q.name] = q.reverse ? 6 - x : x
          }
          const checked = validateAnswers(ins, role, answers)
          if (!checked.ok) throw new Error(JSON.stringify(checked.problems))
          sets.push({ partner, answers: checked.answers })
        }
      })
      return sets
    }

    // Two-pass statistics straight from raw values, the reference the moments must equal.
    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length
    const variance = (xs: number[]) => {
      const m = avg(xs)
      return xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1)
    }
    const pearson = (xs: number[], ys: number[]) => {
      const mx = avg(xs)
      const my = avg(ys)
      let sxy = 0
      let sxx = 0
      let syy = 0
      xs.forEach((x, i) => {
        sxy += (x - mx) * (ys[i]! - my)
        sxx += (x - mx) ** 2
        syy += (ys[i]! - my) ** 2
      })
      return sxy / Math.sqrt(sxx * syy)
    }
    /** Cronbach's α of the columns of a complete-case matrix. */
    const alphaDirect = (rows: number[][]) => {
      const k = rows[0]!.length
      const itemVars = [...Array(k).keys()].map((i) => variance(rows.map((r) => r[i]!)))
      return (
        (k / (k - 1)) *
        (1 - itemVars.reduce((a, b) => a + b, 0) / variance(rows.map((r) => r.reduce((a, b) => a + b, 0))))
      )
    }
    const keyed = (name: string, v: number) => (questions.find((q) => q.name === name)!.reverse ? 6 - v : v)
    /** The complete-case matrix of a scale's keyed answers, in survey order. */
    const matrix = (sets: { answers: Answers }[], scale: string) => {
      const items = questions.filter((q) => q.dimension === scale).map((q) => q.name)
      return sets
        .filter((s) => items.every((n) => typeof s.answers[n] === 'number'))
        .map((s) => items.map((n) => keyed(n, s.answers[n] as number)))
    }
    const poolOf = (sets: { answers: Answers }[]): PoolMoments => {
      const pool = emptyPool(ins, role)
      for (const s of sets) addAnswerSet(ins, role, pool, s.answers)
      return pool
    }

    const sizes = [12, 30, 45, 8, 60, 25, 40, 20, 15, 35, 10, 50]
    const sets = simulate(20261201, sizes, { between: 0.6, person: 0.75, noise: 0.6 })
    const pool = poolOf(sets)

    describe('scale statistics from pooled moments equal the same statistics from the raw answer sets', () => {
      for (const scale of scales) {
        it(`Cronbach's α, item–rest r and α if dropped of "${scale}"`, () => {
          const rows = matrix(sets, scale)
          const q = scaleQuality(pool.scales[scale]!)
          expect(q.n).toBe(rows.length)
          expect(q.alpha!).toBeCloseTo(alphaDirect(rows), 9)
          q.items.forEach((item, i) => {
            const rest = rows.map((r) => r.reduce((a, b) => a + b, 0) - r[i]!)
            expect(item.itemRest!, item.name).toBeCloseTo(
              pearson(
                rows.map((r) => r[i]!),
                rest,
              ),
              9,
            )
            expect(item.alphaIfDropped!, item.name).toBeCloseTo(
              alphaDirect(rows.map((r) => r.filter((_, j) => j !== i))),
              9,
            )
          })
          // The structure simulated: items that share a person's level agree well.
          expect(q.alpha!).toBeGreaterThan(0.75)
          for (const item of q.items) expect(item.itemRest!).toBeGreaterThan(0.4)
        })
      }

      it('finds no agreement in a scale whose items share nothing', () => {
        const noise = simulate(7, [300], { between: 0, person: 0, noise: 1.2 })
        const q = scaleQuality(poolOf(noise).scales.coaching!)
        expect(q.alpha!).toBeCloseTo(alphaDirect(matrix(noise, 'coaching')), 9)
        expect(Math.abs(q.alpha!)).toBeLessThan(0.25)
      })

      it('per question: the "don\'t know" rate and the floor and ceiling shares', () => {
        for (const q of questions) {
          const asked = sets.map((s) => s.answers[q.name]!)
          const answered = asked.filter((v): v is number => typeof v === 'number')
          const got = questionQuality(q.name, pool.questions[q.name]!)
          expect(got.asked).toBe(sets.length)
          expect(got.dontKnowRate!).toBeCloseTo((asked.length - answered.length) / asked.length, 12)
          expect(got.floorShare!).toBeCloseTo(answered.filter((v) => v === 1).length / answered.length, 12)
          expect(got.ceilingShare!).toBeCloseTo(answered.filter((v) => v === 5).length / answered.length, 12)
        }
      })

      it('adds: two batches pooled equal the whole, so rollups can keep them one answer set at a time', () => {
        expect(addPools(poolOf(sets.slice(0, 97)), poolOf(sets.slice(97)))).toEqual(pool)
      })

      it(`shows nothing below ${MIN_POOLED_RESPONDENTS} answer sets`, () => {
        expect(poolQuality(poolOf(sets.slice(0, MIN_POOLED_RESPONDENTS - 1)))).toBeNull()
        const shown = poolQuality(poolOf(sets.slice(0, MIN_POOLED_RESPONDENTS)))!
        expect(shown.respondents).toBe(MIN_POOLED_RESPONDENTS)
        expect(Object.keys(shown.scales)).toEqual(scales)
      })
    })

    describe("α is shown on a scale's complete answer sets, with a verdict per question", () => {
      it(`withholds α, item–rest r and α if dropped below ${MIN_COMPLETE_CASES} complete answer sets of the scale, though the pool has ${MIN_POOLED_RESPONDENTS} answer sets`, () => {
        // 100 answer sets with 5% "don't know" per question: each scale has fewer than 100 complete ones.
        const few = poolOf(sets.slice(0, MIN_POOLED_RESPONDENTS))
        const q = poolQuality(few)!
        expect(q.respondents).toBe(MIN_POOLED_RESPONDENTS)
        for (const scale of scales) {
          const m = few.scales[scale]!
          expect(m.n, scale).toBeLessThan(MIN_COMPLETE_CASES)
          expect(m.n, scale).toBe(matrix(sets.slice(0, MIN_POOLED_RESPONDENTS), scale).length)
          // The moments could give an α (scaleQuality does), but the view is not given one.
          expect(scaleQuality(m).alpha, scale).not.toBeNull()
          expect(q.scales[scale], scale).toEqual({
            n: m.n,
            basis: 'total',
            alpha: null,
            enough: false,
            items: m.items.map((name) => ({ name, itemRest: null, alphaIfDropped: null })),
          })
        }
        // The whole pool: every scale over 100 complete answer sets, α as computed from the moments.
        const all = poolQuality(pool)!
        for (const scale of scales) {
          expect(pool.scales[scale]!.n, scale).toBeGreaterThanOrEqual(MIN_COMPLETE_CASES)
          expect(all.scales[scale]).toEqual(scaleQuality(pool.scales[scale]!))
          expect(all.scales[scale]!.enough).toBe(true)
        }
      })

      it('says of a question answered at random that it goes poorly with the rest and that α rises without it; of the others that they fit', () => {
        const random = rng(99)
        const noisy = sets.map((s) => ({
          answers:
            typeof s.answers.kader_1 === 'number' ? { ...s.answers, kader_1: 1 + Math.floor(random() * 5) } : s.answers,
        }))
        const kader = poolQuality(poolOf(noisy))!.scales.kader!
        const verdicts = Object.fromEntries(kader.items.map((i) => [i.name, itemVerdict(i, kader.alpha)]))
        expect(verdicts.kader_1).toBe('weak-raises')
        for (const [name, v] of Object.entries(verdicts)) if (name !== 'kader_1') expect(v, name).toBe('fits')
      })

      it(`words the verdict on the numbers as shown: a rise that rounds to the same α is no rise, nor one below ${ALPHA_GAIN}`, () => {
        const item = (itemRest: number, alphaIfDropped: number) => ({ name: 'x', itemRest, alphaIfDropped })
        expect(itemVerdict(item(0.5, 0.784), 0.781)).toBe('fits')
        // ,79 and ,80 instead of ,78: within α's own standard error (about ,04 at 100 cases), no rise.
        expect(itemVerdict(item(0.5, 0.79), 0.781)).toBe('fits')
        expect(itemVerdict(item(0.5, 0.8), 0.781)).toBe('fits')
        expect(itemVerdict(item(0.5, 0.81), 0.781)).toBe('raises')
        expect(itemVerdict(item(0.29, 0.7), 0.78)).toBe('weak')
        expect(itemVerdict(item(0.3, 0.7), 0.78)).toBe('fits')
        expect(itemVerdict(item(0.5, 0.7), null)).toBe('unknown')
      })
    })

    describe('between-partner statistics from per-partner moments equal the raw computation', () => {
      /** Each partner's scale scores, as worker/domain/scoring.ts gives them (two-thirds rule). */
      const scoresOf = (scale: string) =>
        sizes.map((_, g) =>
          sets
            .filter((s) => s.partner === g)
            .map((s) => scoreAnswers(ins, role, s.answers)[scale])
            .filter((x): x is number => typeof x === 'number'),
        )

      for (const scale of scales) {
        it(`ICC(1) and ICC(2) of "${scale}" (one-way ANOVA)`, () => {
          const groups = scoresOf(scale)
          const all = groups.flat()
          const grand = avg(all)
          const N = all.length
          const G = groups.length
          const msb = groups.reduce((a, g) => a + g.length * (avg(g) - grand) ** 2, 0) / (G - 1)
          const msw = groups.reduce((a, g) => a + g.reduce((b, x) => b + (x - avg(g)) ** 2, 0), 0) / (N - G)
          const n0 = (N - groups.reduce((a, g) => a + g.length ** 2, 0) / N) / (G - 1)
          const got = icc(
            groups.map((g) => ({
              n: g.length,
              sum: g.reduce((a, b) => a + b, 0),
              sumsq: g.reduce((a, b) => a + b * b, 0),
            })),
          )!
          expect(got.icc1).toBeCloseTo((msb - msw) / (msb + (n0 - 1) * msw), 9)
          expect(got.icc2).toBeCloseTo((msb - msw) / msb, 9)
          // Partners were simulated to differ: a real share of the variance lies between them.
          expect(got.icc1).toBeGreaterThan(0.05)
          expect(got.icc1).toBeLessThan(0.6)
          // ICC(2) is ICC(1) stepped up to n₀, the ANOVA's adjusted group size, not to the mean group size;
          // the page says so and gives the value at the mean size N/G beside it.
          expect(meanReliability(got.icc1, n0)).toBeCloseTo(got.icc2, 9)
          expect(got.n0).toBeCloseTo(n0, 9)
          expect(got.meanSize).toBeCloseTo(N / G, 9)
          expect(got.icc2AtMean).toBeCloseTo(((N / G) * got.icc1) / (1 + (N / G - 1) * got.icc1), 9)
          // The simulated partners differ in size, so n₀ is below N/G and the two readings differ.
          expect(got.n0).toBeLessThan(N / G)
        })
      }

      it('the mean item r_wg per partner and scale, against a five-option uniform null (σ² = 2)', () => {
        for (const scale of scales) {
          const items = questions.filter((q) => q.dimension === scale).map((q) => q.name)
          sizes.forEach((_, g) => {
            const columns = items.map((n) =>
              sets
                .filter((s) => s.partner === g && typeof s.answers[n] === 'number')
                .map((s) => keyed(n, s.answers[n] as number)),
            )
            const direct = avg(columns.map((c) => Math.max(0, 1 - variance(c) / 2)))
            const got = meanItemRwg(
              columns.map((c) => ({
                n: c.length,
                sum: c.reduce((a, b) => a + b, 0),
                sumsq: c.reduce((a, b) => a + b * b, 0),
              })),
              5,
            )!
            expect(got, `${scale} partner ${g}`).toBeCloseTo(direct, 9)
            // Not clipped at 0: the raw formula is compared on its whole range.
            expect(got).toBeGreaterThan(0)
          })
        }
      })

      it('the mean item r_wg is 1 for a group that agrees perfectly and 0 for one split between the ends', () => {
        const same = { n: 6, sum: 24, sumsq: 96 }
        expect(meanItemRwg([same, same, same, same], 5)).toBe(1)
        const split = { n: 6, sum: 18, sumsq: 3 * 1 + 3 * 25 }
        expect(meanItemRwg([split, split, split, split], 5)).toBe(0)
      })
    })

    describe('the plain words for partner differences', () => {
      it('says "differ" only from the F test, and how much only from ICC(1)’s interval (tests/worker/domain/icc-verdict.test.ts simulates it)', () => {
        expect(iccVerdict({ p: 0.05, ci90: [0, 0.3] })).toBe('chance')
        expect(iccVerdict({ p: 0.2, ci90: [-0.02, 0.4] })).toBe('chance')
        expect(iccVerdict({ p: 0.049, ci90: [0.05, 0.4] })).toBe('differ')
        expect(iccVerdict({ p: 0.01, ci90: [0.01, 0.4] })).toBe('some')
        expect(iccVerdict({ p: 0.001, ci90: [0.005, 0.049] })).toBe('small')
      })

      it("gives F, its p and ICC(1)'s interval, whose lower bound is above 0 exactly where p < .05", () => {
        // Three partners of ten: means 2, 3, 4 with within sd 1 → MSB = 10 · 2 / 2 = 10, MSW = 1, F = 10
        // on 2 and 27 df: p = (1 + 2F/27)^(−27/2) (F with 2 numerator df in closed form).
        const g = (m: number) => ({ n: 10, sum: 10 * m, sumsq: 9 + 10 * m * m })
        const x = icc([g(2), g(3), g(4)])!
        expect(x.f).toBeCloseTo(10, 12)
        expect([x.df1, x.df2]).toEqual([2, 27])
        expect(x.p).toBeCloseTo((1 + 20 / 27) ** -13.5, 12)
        expect(x.ci90[0]).toBeGreaterThan(0)
        expect(x.ci90[0]).toBeLessThan(x.icc1)
        expect(x.ci90[1]).toBeGreaterThan(x.icc1)
        // A small F (0,1 here): p far above .05, and the lower bound below 0.
        const flat = icc([g(2.9), g(3), g(3.1)])!
        expect(flat.p).toBeGreaterThan(0.05)
        expect(flat.ci90[0]).toBeLessThan(0)
      })
    })
  })
