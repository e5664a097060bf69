import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  ci95,
  fCdf,
  fQuantile,
  incompleteBeta,
  mean,
  sampleSd,
  tCdf,
  tQuantile,
  welch,
  type Moments,
} from '../../../worker/domain/stats.ts'

const moments = (xs: number[]): Moments => ({
  n: xs.length,
  sum: xs.reduce((a, x) => a + x, 0),
  sumsq: xs.reduce((a, x) => a + x * x, 0),
})

describe('mean, sampleSd and ci95', () => {
  // [2,4,4,4,5,5,7,9]: n = 8, sum = 40, sumsq = 232 → mean 5, Σ(x − 5)² = 232 − 1600/8 = 32,
  // variance 32/7, sd = √(32/7) = 2.1380899…; t(0.975, 7) = 2.3646243, half-width
  // 2.3646243 · 2.1380899 / √8 = 1.7874879 → [3.2125121, 6.7874879].
  const m = moments([2, 4, 4, 4, 5, 5, 7, 9])

  it('matches the hand-computed values', () => {
    expect(m).toEqual({ n: 8, sum: 40, sumsq: 232 })
    expect(mean(m)).toBe(5)
    expect(sampleSd(m)).toBeCloseTo(Math.sqrt(32 / 7), 12)
    expect(sampleSd(m)).toBeCloseTo(2.1380899353, 9)
    const ci = ci95(m)!
    expect(ci[0]).toBeCloseTo(3.2125120818, 6)
    expect(ci[1]).toBeCloseTo(6.7874879182, 6)
  })

  it('has no mean for an empty cell, and no sd or interval below two scores', () => {
    const empty = moments([])
    expect(mean(empty)).toBeNull()
    expect(sampleSd(empty)).toBeNull()
    expect(ci95(empty)).toBeNull()
    const one = moments([4])
    expect(mean(one)).toBe(4)
    expect(sampleSd(one)).toBeNull()
    expect(ci95(one)).toBeNull()
  })

  it('gives zero spread for identical scores, also when float rounding would make it negative or tiny', () => {
    expect(sampleSd(moments([3, 3, 3]))).toBe(0)
    expect(ci95(moments([3, 3, 3]))).toEqual([3, 3])
    // 0.1 and 1/3 are not exact in binary, so sumsq − sum²/n is a rounding remainder, not 0.
    expect(sampleSd(moments([0.1, 0.1, 0.1]))).toBe(0)
    expect(sampleSd(moments(Array(7).fill(4 / 3)))).toBe(0)
    expect(sampleSd({ n: 3, sum: 3, sumsq: 3 - 1e-15 })).toBe(0)
  })
})

describe('Student t distribution', () => {
  it('has the tabulated 97.5% quantiles', () => {
    expect(tQuantile(0.975, 1)).toBeCloseTo(12.7062047, 6)
    expect(tQuantile(0.975, 4)).toBeCloseTo(2.7764451, 6)
    expect(tQuantile(0.975, 10)).toBeCloseTo(2.2281389, 6)
    expect(tQuantile(0.975, 30)).toBeCloseTo(2.0422725, 6)
    expect(tQuantile(0.975, 1000)).toBeCloseTo(1.9623391, 6)
  })

  it('handles non-integer df and both tails (reference: scipy.stats.t)', () => {
    expect(tQuantile(0.975, 6.4248)).toBeCloseTo(2.4082242, 6)
    expect(tQuantile(0.999, 2.5)).toBeCloseTo(13.8221931, 5)
    expect(tQuantile(0.01, 3.7)).toBeCloseTo(-3.9205078, 6)
    expect(tCdf(-2.5, 7.3)).toBeCloseTo(0.0198251173, 9)
  })

  it('has closed-form values for small df', () => {
    // df 1 is Cauchy: F(1) = 1/2 + atan(1)/π = 3/4. df 2: F(t) = 1/2 + t / (2√(t² + 2)).
    expect(tCdf(1, 1)).toBeCloseTo(0.75, 12)
    expect(tCdf(2, 2)).toBeCloseTo(0.5 + 2 / (2 * Math.sqrt(6)), 12)
    expect(tQuantile(0.9, 1)).toBeCloseTo(Math.tan(Math.PI * 0.4), 8)
  })

  it('is symmetric around 0 and inverts tCdf', () => {
    for (const df of [1, 2.5, 7, 40, 500]) {
      expect(tCdf(0, df)).toBe(0.5)
      expect(tQuantile(0.5, df)).toBe(0)
      for (const t of [0.3, 1, 2.2, 6]) {
        expect(tCdf(-t, df) + tCdf(t, df)).toBeCloseTo(1, 12)
        expect(tQuantile(tCdf(t, df), df)).toBeCloseTo(t, 6)
      }
      expect(tQuantile(0.025, df)).toBeCloseTo(-tQuantile(0.975, df), 10)
    }
  })

  it('has the right limits', () => {
    expect(tCdf(Infinity, 3)).toBe(1)
    expect(tCdf(-Infinity, 3)).toBe(0)
    expect(tQuantile(1, 3)).toBe(Infinity)
    expect(tQuantile(0, 3)).toBe(-Infinity)
  })
})

describe('welch', () => {
  // a = [3,4,5,4,3]: n 5, sum 19, sumsq 75 → mean 3.8, variance (75 − 72.2)/4 = 0.7.
  // b = [4,5,5,4,5,5]: n 6, sum 28, sumsq 132 → mean 14/3, variance (132 − 784/6)/5 = 4/15.
  // diff = 14/3 − 19/5 = 13/15 = 0.866667.
  // SE² = 0.7/5 + (4/15)/6 = 0.14 + 0.044444 = 83/450 → SE = 0.429470.
  // t = 0.866667 / 0.429470 = 2.017991.
  // df = (83/450)² / (0.14²/4 + 0.044444²/5) = 0.0340198 / (0.0049 + 0.000395062) = 6.424808.
  // t lies between t(0.95, 6.42) ≈ 1.92 and t(0.975, 6.42) ≈ 2.41, so the two-sided p is between
  // 0.05 and 0.10; scipy.stats.ttest_ind(b, a, equal_var=False) gives p = 0.0870154.
  const a = moments([3, 4, 5, 4, 3])
  const b = moments([4, 5, 5, 4, 5, 5])

  it('matches the hand-computed test', () => {
    const r = welch(a, b)!
    expect(r.diff).toBeCloseTo(13 / 15, 12)
    expect(r.t).toBeCloseTo(2.0179913668, 8)
    expect(r.df).toBeCloseTo(6.4248076475, 8)
    expect(r.p).toBeCloseTo(0.0870154095, 7)
  })

  it('reverses sign but not p when the waves swap', () => {
    const r = welch(b, a)!
    expect(r.diff).toBeCloseTo(-13 / 15, 12)
    expect(r.t).toBeCloseTo(-2.0179913668, 8)
    expect(r.p).toBeCloseTo(0.0870154095, 7)
  })

  it('needs two scores on each side', () => {
    expect(welch(moments([4]), b)).toBeNull()
    expect(welch(a, moments([]))).toBeNull()
  })

  it('is certain when neither side varies', () => {
    expect(welch(moments([3, 3, 3]), moments([3, 3]))).toEqual({ diff: 0, t: 0, df: 3, p: 1 })
    expect(welch(moments([3, 3, 3]), moments([4, 4]))).toEqual({ diff: 1, t: Infinity, df: 3, p: 0 })
    expect(welch(moments([4, 4]), moments([3, 3, 3]))).toEqual({ diff: -1, t: -Infinity, df: 3, p: 0 })
  })

  it('takes its df from the varying side when only one side varies', () => {
    // With va = 0, Welch–Satterthwaite reduces to n_b − 1.
    const r = welch(moments([3, 3, 3]), b)!
    expect(r.df).toBeCloseTo(5, 12)
    expect(r.p).toBeGreaterThan(0)
    expect(r.p).toBeLessThan(1)
  })
})

describe('properties', () => {
  // Per-respondent dimension scores are means of 3–4 items on a 1–5 scale: multiples of 1/12 in [1, 5].
  const score = fc.integer({ min: 12, max: 60 }).map((k) => k / 12)
  const scores = fc.array(score, { minLength: 2, maxLength: 300 })

  it('mean lies within the scores, the interval contains it, and sd from moments matches two passes', () => {
    fc.assert(
      fc.property(scores, (xs) => {
        const m = moments(xs)
        const mu = mean(m)!
        // sum/n may land an ulp outside the range when all scores are equal.
        expect(mu).toBeGreaterThanOrEqual(Math.min(...xs) - 1e-12)
        expect(mu).toBeLessThanOrEqual(Math.max(...xs) + 1e-12)
        const [lo, hi] = ci95(m)!
        expect(lo).toBeLessThanOrEqual(mu)
        expect(hi).toBeGreaterThanOrEqual(mu)
        const direct = xs.reduce((a, x) => a + x, 0) / xs.length
        const twoPass = Math.sqrt(xs.reduce((a, x) => a + (x - direct) ** 2, 0) / (xs.length - 1))
        expect(Math.abs(sampleSd(m)! - twoPass)).toBeLessThan(1e-9)
      }),
    )
  })
})

describe('the regularized incomplete beta and the F distribution', () => {
  const xs = [0.01, 0.1, 0.3, 0.5, 0.7, 0.9, 0.99]

  it('matches the incomplete beta in closed form where there is one, and its symmetry', () => {
    for (const x of xs) {
      // I_x(a, 1) = x^a, I_x(1, b) = 1 − (1 − x)^b, I_x(2, 2) = 3x² − 2x³.
      for (const a of [0.5, 1, 2.5, 7]) expect(incompleteBeta(x, a, 1)).toBeCloseTo(x ** a, 12)
      for (const b of [0.5, 3, 12.5]) expect(incompleteBeta(x, 1, b)).toBeCloseTo(1 - (1 - x) ** b, 12)
      expect(incompleteBeta(x, 2, 2)).toBeCloseTo(3 * x * x - 2 * x ** 3, 12)
      // I_x(a, b) = 1 − I_{1−x}(b, a), on both sides of the continued fraction's switch.
      for (const [a, b] of [
        [2.5, 72],
        [0.5, 0.5],
        [30, 4],
      ] as const)
        expect(incompleteBeta(x, a, b) + incompleteBeta(1 - x, b, a)).toBeCloseTo(1, 12)
    }
    for (const a of [0.5, 3, 40]) expect(incompleteBeta(0.5, a, a)).toBeCloseTo(0.5, 12)
    expect(incompleteBeta(0, 2, 3)).toBe(0)
    expect(incompleteBeta(1, 2, 3)).toBe(1)
  })

  it("gives F's CDF in closed form for 2 numerator degrees of freedom, and as t² for 1", () => {
    for (const d2 of [3, 10, 144])
      for (const f of [0.2, 1, 2.5, 8]) {
        expect(fCdf(f, 2, d2)).toBeCloseTo(1 - (1 + (2 * f) / d2) ** (-d2 / 2), 12)
        // F(1, d) is t(d)²: P(F ≤ t²) = P(|T| ≤ t) = 2·tCdf(t) − 1.
        expect(fCdf(f * f, 1, d2)).toBeCloseTo(2 * tCdf(f, d2) - 1, 12)
      }
    expect(fCdf(0, 4, 20)).toBe(0)
    expect(fCdf(-1, 4, 20)).toBe(0)
  })

  it('inverts the CDF: the quantile is t² for 1 degree of freedom, and the printed table values', () => {
    for (const d of [5, 10, 30, 144]) expect(fQuantile(0.95, 1, d)).toBeCloseTo(tQuantile(0.975, d) ** 2, 9)
    for (const [p, d1, d2] of [
      [0.95, 5, 144],
      [0.05, 3, 12],
      [0.99, 9, 40],
      [0.5, 2, 2],
    ] as const)
      expect(fCdf(fQuantile(p, d1, d2), d1, d2)).toBeCloseTo(p, 12)
    // Upper 5% points as printed in F tables (to two decimals): F(3, 10) 3.71, F(5, 10) 3.33, F(10, 10) 2.98, F(4, 20) 2.87.
    expect(fQuantile(0.95, 3, 10)).toBeCloseTo(3.71, 2)
    expect(fQuantile(0.95, 5, 10)).toBeCloseTo(3.33, 2)
    expect(fQuantile(0.95, 10, 10)).toBeCloseTo(2.98, 2)
    expect(fQuantile(0.95, 4, 20)).toBeCloseTo(2.87, 2)
  })
})
