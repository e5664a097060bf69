/**
 * Descriptive and inferential statistics computed from rollup moments alone, so the dashboard
 * never needs individual scores: the database keeps count, sum and sum of squares per cell.
 */

/** What a rollup stores per cell: count, sum and sum of squares of per-respondent scores. */
export type Moments = { n: number; sum: number; sumsq: number }

/** Arithmetic mean; null for an empty cell. */
export function mean(m: Moments): number | null {
  return m.n === 0 ? null : m.sum / m.n
}

/** Sample standard deviation (n − 1 denominator); null below two scores. */
export function sampleSd(m: Moments): number | null {
  if (m.n < 2) return null
  const ss = m.sumsq - (m.sum * m.sum) / m.n
  // sumsq − sum²/n cancels badly when all scores are (nearly) equal: a remainder below the
  // rounding error of accumulating sumsq is noise (possibly negative), not spread.
  if (ss <= m.n * Number.EPSILON * m.sumsq) return 0
  return Math.sqrt(ss / (m.n - 1))
}

/** 95% confidence interval for the mean (Student's t); null below two scores. */
export function ci95(m: Moments): [number, number] | null {
  const sd = sampleSd(m)
  if (sd === null) return null
  const mu = m.sum / m.n
  const half = (t975(m.n - 1) * sd) / Math.sqrt(m.n)
  return [mu - half, mu + half]
}

/**
 * tQuantile(0.975, df) for a whole df, worked out once per df: every shown score's interval asks
 * for it, and solving for it takes tens of microseconds at large df (BENCHMARKS.md, "Derived once
 * per publication"). The value is tQuantile's own, so nothing shown changes.
 */
const t975s = new Map<number, number>()
function t975(df: number): number {
  if (!Number.isInteger(df)) return tQuantile(0.975, df)
  let t = t975s.get(df)
  if (t === undefined) {
    if (t975s.size >= 20_000) t975s.clear()
    t = tQuantile(0.975, df)
    t975s.set(df, t)
  }
  return t
}

/**
 * Welch's unequal-variances t-test of b against a (b is the later wave, so diff = mean(b) − mean(a)),
 * with Welch–Satterthwaite degrees of freedom and a two-sided p. Null when either side has n < 2.
 */
export function welch(a: Moments, b: Moments): { diff: number; t: number; df: number; p: number } | null {
  const w = welchParts(a, b)
  if (!w) return null
  const { diff, se2, df } = w
  if (se2 === 0) {
    // No spread on either side: any difference is certain, none is certainly none.
    return diff === 0 ? { diff, t: 0, df, p: 1 } : { diff, t: diff > 0 ? Infinity : -Infinity, df, p: 0 }
  }
  const t = diff / Math.sqrt(se2)
  return { diff, t, df, p: twoSidedP(t, df) }
}

/**
 * The 95% interval of mean(b) − mean(a) that Welch's test inverts: diff ± t(0.975, df) × se, with
 * the same Welch–Satterthwaite df, so the interval excludes 0 exactly when `welch` gives p < 0.05.
 * `half` is the half-width (0 when neither side has spread). Null when either side has n < 2.
 */
export function welchCi95(a: Moments, b: Moments): { diff: number; half: number; df: number } | null {
  const w = welchParts(a, b)
  if (!w) return null
  return { diff: w.diff, half: w.se2 === 0 ? 0 : tQuantile(0.975, w.df) * Math.sqrt(w.se2), df: w.df }
}

/** The difference, its squared standard error and the Welch–Satterthwaite df (n_a + n_b − 2 without spread). */
function welchParts(a: Moments, b: Moments): { diff: number; se2: number; df: number } | null {
  const sdA = sampleSd(a)
  const sdB = sampleSd(b)
  if (sdA === null || sdB === null) return null
  const diff = b.sum / b.n - a.sum / a.n
  const va = (sdA * sdA) / a.n
  const vb = (sdB * sdB) / b.n
  const se2 = va + vb
  if (se2 === 0) return { diff, se2, df: a.n + b.n - 2 }
  return { diff, se2, df: (se2 * se2) / ((va * va) / (a.n - 1) + (vb * vb) / (b.n - 1)) }
}

/** Cumulative distribution function of Student's t with df (> 0, not necessarily integer) degrees of freedom. */
export function tCdf(t: number, df: number): number {
  if (Number.isNaN(t)) return NaN
  const tail = twoSidedP(t, df) / 2
  return t >= 0 ? 1 - tail : tail
}

/** Quantile (inverse CDF) of Student's t: the t with tCdf(t, df) = p. */
export function tQuantile(p: number, df: number): number {
  if (!(p >= 0 && p <= 1) || !(df > 0)) return NaN
  if (p === 0.5) return 0
  if (p === 0) return -Infinity
  if (p === 1) return Infinity
  // Solve on the upper tail in terms of the tail mass, so p close to 1 keeps its precision.
  const tail = p > 0.5 ? 1 - p : p
  const sign = p > 0.5 ? 1 : -1
  const excess = (t: number) => twoSidedP(t, df) / 2 - tail // decreasing in t ≥ 0
  let lo = 0
  let hi = 1
  while (excess(hi) > 0) {
    lo = hi
    hi *= 2
  }
  // Newton on the tail, falling back to bisection whenever a step would leave the bracket.
  let t = (lo + hi) / 2
  for (let i = 0; i < 200; i++) {
    const f = excess(t)
    if (f === 0) break
    if (f > 0) lo = t
    else hi = t
    const next = t + f / tDensity(t, df)
    const stepped = next > lo && next < hi ? next : (lo + hi) / 2
    if (Math.abs(stepped - t) <= 1e-14 * Math.max(1, t)) {
      t = stepped
      break
    }
    t = stepped
  }
  return sign * t
}

/**
 * Cumulative distribution function of Snedecor's F with d1 and d2 (> 0) degrees of freedom:
 * P(F ≤ f) = I_x(d1/2, d2/2) with x = d1·f / (d1·f + d2). The one-way analysis of variance's test
 * of whether partners differ (worker/domain/measurement-quality.ts `icc`) reads its p from this.
 */
export function fCdf(f: number, d1: number, d2: number): number {
  if (Number.isNaN(f) || !(d1 > 0) || !(d2 > 0)) return NaN
  if (f <= 0) return 0
  if (f === Infinity) return 1
  return regularizedBeta((d1 * f) / (d1 * f + d2), d1 / 2, d2 / 2)
}

/** Quantile of F: the f with fCdf(f, d1, d2) = p, by bisection on the CDF (increasing in f). */
export function fQuantile(p: number, d1: number, d2: number): number {
  if (!(p >= 0 && p <= 1) || !(d1 > 0) || !(d2 > 0)) return NaN
  if (p === 0) return 0
  if (p === 1) return Infinity
  let lo = 0
  let hi = 1
  while (fCdf(hi, d1, d2) < p) {
    lo = hi
    hi *= 2
  }
  for (let i = 0; i < 200 && hi - lo > 1e-13 * Math.max(1, hi); i++) {
    const mid = (lo + hi) / 2
    if (fCdf(mid, d1, d2) < p) lo = mid
    else hi = mid
  }
  return (lo + hi) / 2
}

/** The regularized incomplete beta I_x(a, b) (exported for its own tests, tests/worker/domain/stats.test.ts). */
export const incompleteBeta = (x: number, a: number, b: number): number => regularizedBeta(x, a, b)

/** P(|T| ≥ |t|) = I_x(df/2, 1/2) with x = df / (df + t²). */
function twoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return 0
  return regularizedBeta(df / (df + t * t), df / 2, 0.5)
}

function tDensity(t: number, df: number): number {
  const logC = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI)
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df))
}

/** Regularized incomplete beta I_x(a, b), after Numerical Recipes' betai. */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0
  if (x >= 1) return 1
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log1p(-x))
  // The continued fraction converges quickly only below this point; beyond it use the symmetry
  // I_x(a, b) = 1 − I_{1−x}(b, a).
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b
}

/** Continued fraction for the incomplete beta, evaluated with the modified Lentz method (NR betacf). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300
  const qab = a + b
  const qap = a + 1
  const qam = a - 1
  let c = 1
  let d = 1 - (qab * x) / qap
  if (Math.abs(d) < tiny) d = tiny
  d = 1 / d
  let h = d
  for (let m = 1; m <= 10_000; m++) {
    const m2 = 2 * m
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    h *= d * c
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2))
    d = 1 + aa * d
    if (Math.abs(d) < tiny) d = tiny
    c = 1 + aa / c
    if (Math.abs(c) < tiny) c = tiny
    d = 1 / d
    const del = d * c
    h *= del
    if (Math.abs(del - 1) < 1e-15) break
  }
  return h
}

// Lanczos approximation (g = 7, n = 9), good to about 15 significant digits.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
]

/** ln Γ(x) for x > 0. */
function logGamma(x: number): number {
  // Reflection keeps the series in its accurate range for small arguments.
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x)
  const z = x - 1
  let sum = LANCZOS[0]!
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i)
  const w = z + 7.5
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(w) - w + Math.log(sum)
}
