import type { Instrument, Role } from '../../schema/instrument.ts'
import { scoredQuestions } from './instrument-rules.ts'
import type { Answers } from './scoring.ts'
import { fCdf, fQuantile, sampleSd, type Moments } from './stats.ts'

/**
 * How well the instrument measures, from additive moments only: every statistic here is a
 * function of sums that a rollup can keep by adding one answer set at a time, so no individual
 * answer set needs to be kept or read.
 *
 * Item-level cross-products are pooled per instrument version × wave × role and never kept per
 * partner: the cross-products of a small group come close to giving its answers away. The
 * per-partner inputs (ICC, r_wg) are only per-item or per-scale count, sum and sum of squares,
 * which is what a rollup cell already holds for its dimensions (worker/domain/publication.ts).
 */

/** Pooled moments are shown from this many answer sets on, never fewer. */
export const MIN_POOLED_RESPONDENTS = 100

/** Counts of one question in a pool: how often it was asked, answered "don't know", and at the scale's ends. */
export type QuestionCounts = { asked: number; dontKnow: number; floor: number; ceiling: number }

/**
 * Moments of one scale's items over the answer sets that answered every one of them (complete
 * cases, as Cronbach's α is defined on): n, per-item sums of the keyed values (after
 * reverse-keying), and the cross-product sums Σ xᵢxⱼ for i ≤ j in row-major upper-triangle
 * order, so the diagonal holds each item's sum of squares. Items are in survey order.
 */
export type ScaleMoments = { items: string[]; n: number; sum: number[]; cross: number[] }

/** Everything kept for one instrument version × wave × role. Adding two pools adds their fields. */
export type PoolMoments = {
  respondents: number
  questions: Record<string, QuestionCounts>
  scales: Record<string, ScaleMoments>
}

/** Index of (i, j), i ≤ j, in a k-item upper triangle stored row by row. */
export const crossIndex = (k: number, i: number, j: number): number => {
  const [a, b] = i <= j ? [i, j] : [j, i]
  return a * k - (a * (a - 1)) / 2 + (b - a)
}

/** An empty pool for the role's scales, with every item in place so pools of one role add field by field. */
export function emptyPool(ins: Instrument, role: Role): PoolMoments {
  const questions: Record<string, QuestionCounts> = {}
  const scales: Record<string, ScaleMoments> = {}
  for (const q of scoredQuestions(ins, role)) {
    questions[q.name] = { asked: 0, dontKnow: 0, floor: 0, ceiling: 0 }
    const s = (scales[q.dimension] ??= { items: [], n: 0, sum: [], cross: [] })
    s.items.push(q.name)
  }
  for (const s of Object.values(scales)) {
    const k = s.items.length
    s.sum = new Array<number>(k).fill(0)
    s.cross = new Array<number>((k * (k + 1)) / 2).fill(0)
  }
  return { respondents: 0, questions, scales }
}

/** Adds one validated answer set (worker/domain/scoring.ts `validateAnswers`) to the pool, in place. */
export function addAnswerSet(ins: Instrument, role: Role, pool: PoolMoments, answers: Answers): void {
  pool.respondents += 1
  const keyed = new Map<string, number>()
  for (const q of scoredQuestions(ins, role)) {
    const counts = pool.questions[q.name]!
    counts.asked += 1
    const v = answers[q.name]
    if (typeof v !== 'number') {
      counts.dontKnow += 1
      continue
    }
    if (v === ins.scale.min) counts.floor += 1
    if (v === ins.scale.max) counts.ceiling += 1
    keyed.set(q.name, q.reverse ? ins.scale.min + ins.scale.max - v : v)
  }
  for (const s of Object.values(pool.scales)) {
    const x = s.items.map((name) => keyed.get(name))
    if (x.some((v) => v === undefined)) continue
    const k = x.length
    s.n += 1
    for (let i = 0; i < k; i++) {
      s.sum[i]! += x[i]!
      for (let j = i; j < k; j++) s.cross[crossIndex(k, i, j)]! += x[i]! * x[j]!
    }
  }
}

/** The sum of two pools of the same instrument version and role (e.g. two batches of one wave). */
export function addPools(a: PoolMoments, b: PoolMoments): PoolMoments {
  const questions: Record<string, QuestionCounts> = {}
  for (const [name, qa] of Object.entries(a.questions)) {
    const qb = b.questions[name] ?? { asked: 0, dontKnow: 0, floor: 0, ceiling: 0 }
    questions[name] = {
      asked: qa.asked + qb.asked,
      dontKnow: qa.dontKnow + qb.dontKnow,
      floor: qa.floor + qb.floor,
      ceiling: qa.ceiling + qb.ceiling,
    }
  }
  const scales: Record<string, ScaleMoments> = {}
  for (const [key, sa] of Object.entries(a.scales)) {
    const sb = b.scales[key]
    if (!sb || sb.items.join() !== sa.items.join())
      throw new Error(`scale "${key}": pools of different item sets cannot be added`)
    scales[key] = {
      items: [...sa.items],
      n: sa.n + sb.n,
      sum: sa.sum.map((v, i) => v + sb.sum[i]!),
      cross: sa.cross.map((v, i) => v + sb.cross[i]!),
    }
  }
  return { respondents: a.respondents + b.respondents, questions, scales }
}

/** Sample covariance matrix (n − 1) of a scale's items from its moments; null below two complete answer sets. */
export function covariance(m: ScaleMoments): number[][] | null {
  if (m.n < 2) return null
  const k = m.items.length
  const c: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const v = (m.cross[crossIndex(k, i, j)]! - (m.sum[i]! * m.sum[j]!) / m.n) / (m.n - 1)
      c[i]![j] = v
      c[j]![i] = v
    }
  }
  return c
}

/**
 * A scale's cross-products pooled within partners over its complete answer sets: Σ_g Σ (x − m_g)(x − m_g)ᵀ,
 * each answer set less its own partner's item means, summed over the partners, in `ScaleMoments`'
 * upper-triangle order; `n` the complete answer sets, `groups` the partners with any. One pooled
 * sum, never a partner's own: each partner's sums are added and dropped as they are made
 * (`withinScales`), as a small group's cross-products come close to giving its answers away.
 */
export type WithinScale = { n: number; groups: number; cross: number[] }

/**
 * Every scale's `WithinScale` from the answer sets of each partner (one array per partner), made
 * where the view pools the shown cells again from their stored answer sets
 * (worker/services/quality-service.ts `wholeCellsPool`). Null for a scale where fewer than two
 * partners have complete answer sets on it, or one has fewer than `k`: what the within matrix adds
 * to the total is made of partner means (Σ_g n_g m_g m_gᵀ), and a mean of fewer than k answer sets is
 * a grain nothing published has (as worker/domain/pooled-covariance.ts `pooledWithin` rules).
 */
export function withinScales(
  ins: Instrument,
  role: Role,
  byPartner: readonly (readonly Answers[])[],
  k: number,
): Record<string, WithinScale | null> {
  const pooled: Record<string, WithinScale | null> = {}
  const pools = byPartner.map((sets) => {
    const pool = emptyPool(ins, role)
    for (const a of sets) addAnswerSet(ins, role, pool, a)
    return pool
  })
  for (const [key, shape] of Object.entries(emptyPool(ins, role).scales)) {
    const m = shape.items.length
    const groups = pools.map((p) => p.scales[key]!).filter((g) => g.n > 0)
    if (groups.length < 2 || groups.some((g) => g.n < k)) {
      pooled[key] = null
      continue
    }
    const cross = new Array<number>(shape.cross.length).fill(0)
    for (const g of groups)
      for (let i = 0; i < m; i++)
        for (let j = i; j < m; j++)
          cross[crossIndex(m, i, j)]! += g.cross[crossIndex(m, i, j)]! - (g.sum[i]! * g.sum[j]!) / g.n
    pooled[key] = { n: groups.reduce((a, g) => a + g.n, 0), groups: groups.length, cross }
  }
  return pooled
}

/** The covariance matrix pooled within partners (denominator N − G) from `WithinScale`; null without a degree of freedom. */
function withinCovariance(w: WithinScale): number[][] | null {
  const df = w.n - w.groups
  if (df < 1) return null
  const k = (Math.sqrt(8 * w.cross.length + 1) - 1) / 2
  const c: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < k; i++)
    for (let j = i; j < k; j++) {
      const v = w.cross[crossIndex(k, i, j)]! / df
      c[i]![j] = v
      c[j]![i] = v
    }
  return c
}

/** Cronbach's α of items with covariance matrix c: k/(k−1) · (1 − Σ var / var of the sum). */
function alphaOf(c: number[][], items: number[]): number | null {
  const k = items.length
  if (k < 2) return null
  let total = 0
  let diag = 0
  for (const i of items) {
    diag += c[i]![i]!
    for (const j of items) total += c[i]![j]!
  }
  if (total <= 0) return null
  return (k / (k - 1)) * (1 - diag / total)
}

export type ItemQuality = {
  name: string
  /** Correlation of the item with the sum of the scale's other items. */
  itemRest: number | null
  /** α of the scale without this item; null for a scale of two items. */
  alphaIfDropped: number | null
}
/**
 * `n` is the scale's complete answer sets (every item answered), what α is computed on; `enough`
 * is false below MIN_COMPLETE_CASES of them, where `poolQuality` withholds α and its item statistics.
 * `basis` says which covariance they are of: `within`, pooled within partners (`withinScales`),
 * or `total`, over all partners together, which also holds the differences between partners and
 * so reads α too high where partners differ (ICC(1) .5 made a within-partner α of .77 read .85).
 */
export type ScaleQuality = {
  n: number
  alpha: number | null
  items: ItemQuality[]
  enough: boolean
  basis: 'within' | 'total'
}

/** α, item–rest correlations and α if an item is dropped, from a scale's pooled moments (over all partners together). */
export function scaleQuality(m: ScaleMoments): ScaleQuality {
  const c = covariance(m)
  return c ? qualityOf(m, c, 'total') : withheldScale(m)
}

/**
 * The same from the scale's covariance pooled within partners (`withinScales`, denominator N − G),
 * over the same complete answer sets as `m`: the α of one person's score against the others of
 * their own partner, which is what the scale measures when partners differ.
 */
export function withinScaleQuality(m: ScaleMoments, w: WithinScale): ScaleQuality {
  const c = withinCovariance(w)
  return c && w.n === m.n ? qualityOf(m, c, 'within') : withheldScale(m)
}

function qualityOf(m: ScaleMoments, c: number[][], basis: ScaleQuality['basis']): ScaleQuality {
  const k = m.items.length
  const all = [...Array(k).keys()]
  const total = all.reduce((acc, i) => acc + all.reduce((a, j) => a + c[i]![j]!, 0), 0)
  return {
    n: m.n,
    basis,
    alpha: alphaOf(c, all),
    enough: m.n >= MIN_COMPLETE_CASES,
    items: m.items.map((name, i) => {
      const row = all.reduce((a, j) => a + c[i]![j]!, 0)
      const varI = c[i]![i]!
      // The rest is the sum of the other items: cov(xᵢ, rest) = Σⱼ cᵢⱼ − cᵢᵢ, var(rest) = total − 2Σⱼ cᵢⱼ + cᵢᵢ.
      const covRest = row - varI
      const varRest = total - 2 * row + varI
      const itemRest = varI > 0 && varRest > 0 ? covRest / Math.sqrt(varI * varRest) : null
      return {
        name,
        itemRest,
        alphaIfDropped:
          k > 2
            ? alphaOf(
                c,
                all.filter((j) => j !== i),
              )
            : null,
      }
    }),
  }
}

/**
 * A scale's statistics as the view shows them: α only from MIN_COMPLETE_CASES complete answer sets
 * of the scale (what α is computed on), not from the pool's count; within partners where `within`
 * holds the scale's pooled within-partner moments, else over all partners together.
 */
export function shownScaleQuality(m: ScaleMoments, within?: WithinScale | null): ScaleQuality {
  if (m.n < MIN_COMPLETE_CASES) return withheldScale(m, within ? 'within' : 'total')
  return within ? withinScaleQuality(m, within) : scaleQuality(m)
}

/** A scale's statistics withheld: its complete answer sets counted, nothing computed from them. */
export function withheldScale(m: ScaleMoments, basis: ScaleQuality['basis'] = 'total'): ScaleQuality {
  return {
    n: m.n,
    basis,
    alpha: null,
    enough: m.n >= MIN_COMPLETE_CASES,
    items: m.items.map((name) => ({ name, itemRest: null, alphaIfDropped: null })),
  }
}

/**
 * α, item–rest r and α if dropped are shown for a scale from this many complete answer sets of it
 * on. The pool's MIN_POOLED_RESPONDENTS counts answer sets, but α is computed on those that answered
 * every item of the scale, which "don't know" can bring far below that: 100 answer sets with 5%
 * "don't know" on each of five items leave about 77 complete. Even at 100 complete cases α's own
 * 95% interval around .75 on five items is about ±.08, the width of one verdict band (.70–.80).
 */
export const MIN_COMPLETE_CASES = 100

type QuestionQuality = {
  name: string
  asked: number
  dontKnowRate: number | null
  floorShare: number | null
  ceilingShare: number | null
}

/** Per question: the share answering "don't know", and of those who answered, the shares at the scale's bottom and top. */
export function questionQuality(name: string, q: QuestionCounts): QuestionQuality {
  const answered = q.asked - q.dontKnow
  return {
    name,
    asked: q.asked,
    dontKnowRate: q.asked > 0 ? q.dontKnow / q.asked : null,
    floorShare: answered > 0 ? q.floor / answered : null,
    ceilingShare: answered > 0 ? q.ceiling / answered : null,
  }
}

/**
 * `icc2` is the reliability of a partner's mean at `n0` scores, the ANOVA's adjusted group size
 * (below the mean group size `meanSize` when partners differ in size); `icc2AtMean` the same at
 * the mean group size, by Spearman–Brown from ICC(1) (`meanReliability`).
 */
export type Icc = {
  icc1: number
  icc2: number
  n0: number
  meanSize: number
  icc2AtMean: number
  groups: number
  n: number
  msb: number
  msw: number
  /** The one-way analysis of variance's F = MSB/MSW on `df1` = G − 1 and `df2` = N − G degrees of freedom, and its p. */
  f: number
  df1: number
  df2: number
  p: number
  /**
   * The 90% interval of ICC(1) from F (Searle's, with n₀ for unequal groups): its lower bound is
   * the one-sided 95% bound, above 0 exactly when the F test says the partners differ (p < .05),
   * so the words (`iccVerdict`) say no more than the test does.
   */
  ci90: [number, number]
}

/** The one-sided level of the F test of partner differences, and of the interval's lower bound (`Icc.ci90`). */
const ICC_TEST_LEVEL = 0.05

/**
 * ICC(1) and ICC(2) of a scale from each partner's count, sum and sum of squares of scale scores
 * (one-way random-effects ANOVA, unequal group sizes through the usual n₀): ICC(1) is the share
 * of the variance that lies between partners, ICC(2) = (MSB − MSW)/MSB how reliable a partner's
 * mean is at n₀ scores, which is what Spearman–Brown gives from ICC(1) at n₀, not at the mean group
 * size (tests/worker/domain/measurement-quality.test.ts); `icc2AtMean` is that at N/G. Null with fewer than two groups of which one has two scores, or no spread.
 */
export function icc(groups: Moments[]): Icc | null {
  const gs = groups.filter((g) => g.n > 0)
  const G = gs.length
  const N = gs.reduce((a, g) => a + g.n, 0)
  if (G < 2 || N - G < 1) return null
  const grand = gs.reduce((a, g) => a + g.sum, 0)
  const between = gs.reduce((a, g) => a + (g.sum * g.sum) / g.n, 0) - (grand * grand) / N
  const within = gs.reduce((a, g) => a + g.sumsq - (g.sum * g.sum) / g.n, 0)
  const msb = between / (G - 1)
  const msw = within / (N - G)
  const n0 = (N - gs.reduce((a, g) => a + g.n * g.n, 0) / N) / (G - 1)
  if (msb <= 0 || msb + (n0 - 1) * msw <= 0) return null
  const icc1 = (msb - msw) / (msb + (n0 - 1) * msw)
  const [df1, df2] = [G - 1, N - G]
  const f = msb / msw
  // ICC(1) as a function of F at n₀, (F − 1)/(F + n₀ − 1), at F's bounds: F over the upper 5%
  // point of F(df1, df2) for the lower, F times that of F(df2, df1) for the upper.
  const at = (x: number) => (x - 1) / (x + n0 - 1)
  const ci90: [number, number] =
    msw === 0
      ? [1, 1]
      : [at(f / fQuantile(1 - ICC_TEST_LEVEL, df1, df2)), at(f * fQuantile(1 - ICC_TEST_LEVEL, df2, df1))]
  return {
    icc1,
    icc2: (msb - msw) / msb,
    n0,
    meanSize: N / G,
    icc2AtMean: meanReliability(icc1, N / G),
    groups: G,
    n: N,
    msb,
    msw,
    f,
    df1,
    df2,
    p: msw === 0 ? 0 : 1 - fCdf(f, df1, df2),
    ci90,
  }
}

/** Reliability of a mean of n scores given ICC(1) (Spearman–Brown): ICC(2) at that n. */
export const meanReliability = (icc1: number, n: number): number => (n * icc1) / (1 + (n - 1) * icc1)

/** Variance of a uniform ("no agreement at all") answer over A equally likely options: (A² − 1)/12; 2 for five. */
const uniformNullVariance = (options: number): number => (options * options - 1) / 12

/**
 * The mean single-item r_wg of one group on a scale (James, Demaree & Wolf's r_wg per item, then
 * averaged; LeBreton & Senter, "Answers to 20 questions about interrater reliability and
 * interrater agreement", Organizational Research Methods 11(4), 2008): per item
 * r_wg = 1 − s²/σ²_EU, s² the item's sample variance within the group and σ²_EU = (A² − 1)/12
 * the variance of answering at random over A options (2 for five), set to 0 where s² > σ²_EU (more
 * spread than random answering is no agreement, not negative agreement); then the mean over the
 * scale's items. From the per-item count, sum and sum of squares alone.
 *
 * Why not r_wg(j), which this replaced: r_wg(j) turns the same ratio into
 * J(1 − s̄²/σ²) / (J(1 − s̄²/σ²) + s̄²/σ²), Spearman–Brown's step-up, so it rises with the number of
 * items without the group agreeing any more: a pure split (half at 2, half at 4, s² = 10/9 for ten
 * people) reads .76 on four items and .80 on five, above the usual .70, where each item's r_wg is
 * .44. The mean of the single-item values does not grow with J; that split is below .50 at any
 * group size (s² = n/(n − 1) > 1). Null when an item has fewer than two answers.
 */
export function meanItemRwg(items: Moments[], options: number): number | null {
  const J = items.length
  if (J === 0 || items.some((m) => m.n < 2)) return null
  const null2 = uniformNullVariance(options)
  let total = 0
  for (const m of items) {
    const sd = sampleSd(m)!
    total += Math.max(0, 1 - (sd * sd) / null2)
  }
  return total / J
}

export type PoolQuality = { respondents: number; questions: QuestionQuality[]; scales: Record<string, ScaleQuality> }

/**
 * Everything the pool can tell about its questions and scales; null below MIN_POOLED_RESPONDENTS
 * answer sets. α and its item statistics within partners for the scales `within` holds, else over
 * all partners together.
 */
export function poolQuality(
  pool: PoolMoments,
  within: Record<string, WithinScale | null> | null = null,
): PoolQuality | null {
  if (pool.respondents < MIN_POOLED_RESPONDENTS) return null
  return {
    respondents: pool.respondents,
    questions: Object.entries(pool.questions).map(([name, q]) => questionQuality(name, q)),
    scales: Object.fromEntries(
      Object.entries(pool.scales).map(([key, m]) => [key, shownScaleQuality(m, within?.[key])]),
    ),
  }
}

/**
 * A pool as one flat array of numbers, the form worker/db/pool-moments.ts keeps in D1 so one
 * submission adds to one row element by element: [respondents, then per question in survey order
 * its "don't know", floor and ceiling counts, then per scale its n, item sums and cross-products].
 * "Asked" is not kept: every scored question of a role is asked of every answer set of that role
 * (`addAnswerSet`), so it equals the respondents.
 */
export function poolVector(pool: PoolMoments): number[] {
  const v = [pool.respondents]
  for (const q of Object.values(pool.questions)) v.push(q.dontKnow, q.floor, q.ceiling)
  for (const s of Object.values(pool.scales)) v.push(s.n, ...s.sum, ...s.cross)
  return v
}

/** The pool a vector of `poolVector`'s layout holds, for the role's scales; throws on a vector of another layout. */
export function poolFromVector(ins: Instrument, role: Role, v: readonly number[]): PoolMoments {
  const pool = emptyPool(ins, role)
  const width = poolVector(pool).length
  if (v.length !== width || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) {
    throw new Error(`pooled moments of ${ins.id} v${ins.version} (${role}): expected ${width} numbers, got ${v.length}`)
  }
  let at = 0
  pool.respondents = v[at++]!
  for (const q of Object.values(pool.questions)) {
    q.asked = pool.respondents
    q.dontKnow = v[at++]!
    q.floor = v[at++]!
    q.ceiling = v[at++]!
  }
  for (const s of Object.values(pool.scales)) {
    s.n = v[at++]!
    s.sum = s.sum.map(() => v[at++]!)
    s.cross = s.cross.map(() => v[at++]!)
  }
  return pool
}

/** One answer set as a pool vector: what a submission adds to its wave × role row. */
export function answerSetVector(ins: Instrument, role: Role, answers: Answers): number[] {
  const pool = emptyPool(ins, role)
  addAnswerSet(ins, role, pool, answers)
  return poolVector(pool)
}

/**
 * Plain words for α: from .80 the questions agree well, from .70 sufficiently (the usual floor
 * for comparing groups), below that poorly.
 */
/**
 * α over all partners together (`ScaleQuality.basis` 'total') is judged only where the partners
 * differ this little (ICC(1) at most .05): above it, the differences between partners it counts
 * read the questions as hanging together better than they do within a partner.
 */
export const ALPHA_TOTAL_MAX_ICC = 0.05

export const alphaVerdict = (alpha: number | null): 'well' | 'fair' | 'poor' | 'unknown' =>
  alpha === null ? 'unknown' : alpha >= 0.8 ? 'well' : alpha >= 0.7 ? 'fair' : 'poor'

/** An item–rest correlation below this says the question goes poorly with the rest of its scale (the usual .30). */
export const WEAK_ITEM_REST = 0.3

/**
 * Plain words for one question of a scale whose α is shown: `weak` where its correlation with the
 * rest of the scale is below WEAK_ITEM_REST, `raises` where the scale without it has an α higher
 * by at least ALPHA_GAIN as shown (two decimals, so ",78 instead of ,78" is never said), both, or
 * `fits`; `unknown` without α.
 */
/**
 * The rise in α (as shown, in hundredths) from which a question is said to lower it: α's own
 * standard error is about .04 at 100 complete cases (`MIN_COMPLETE_CASES`), so a rise of .01 or
 * .02 is noise and would put sound questions on the list to look at.
 */
export const ALPHA_GAIN = 0.03

export function itemVerdict(
  item: ItemQuality,
  alpha: number | null,
): 'fits' | 'weak' | 'raises' | 'weak-raises' | 'unknown' {
  if (alpha === null || item.itemRest === null) return 'unknown'
  const weak = item.itemRest < WEAK_ITEM_REST
  const raises =
    item.alphaIfDropped !== null &&
    Math.round(item.alphaIfDropped * 100) - Math.round(alpha * 100) >= Math.round(ALPHA_GAIN * 100)
  return weak && raises ? 'weak-raises' : weak ? 'weak' : raises ? 'raises' : 'fits'
}

/**
 * Plain words for the partner differences on a scale, from the F test and ICC(1)'s interval only
 * (`Icc.p`, `Icc.ci90`), never from the point estimates: read from ICC(1) and ICC(2) alone, six
 * partners of 25 with a true ICC(1) of .05 read "clearly differ" one time in six, and with none
 * "differ" one time in thirteen, while five partners at ICC(1) .53 and ICC(2) .99 read "cannot yet
 * be told" for too few partners (a psychometrician's review; tests/worker/domain/icc-verdict.test.ts
 * replays both). `chance`: the test does not tell the partners' means from chance (p ≥ .05);
 * otherwise they differ, and by how much the interval says: `differ` (clearly) when even its lower
 * bound is at least CLEAR_ICC, `small` when even its upper bound is below it, `some` between. The
 * test holds its 5% at any number of partners from two on, so no minimum is needed for words; with
 * few partners it simply finds less.
 */
export function iccVerdict(x: Pick<Icc, 'p' | 'ci90'>): 'differ' | 'some' | 'small' | 'chance' {
  if (!(x.p < ICC_TEST_LEVEL)) return 'chance'
  if (x.ci90[0] >= CLEAR_ICC) return 'differ'
  if (x.ci90[1] < CLEAR_ICC) return 'small'
  return 'some'
}

/** ICC(1) from which partners are said to differ clearly: a twentieth of the differences between partners. */
export const CLEAR_ICC = 0.05
