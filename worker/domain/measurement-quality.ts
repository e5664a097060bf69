import type { Instrument, Role } from '../../schema/instrument.ts'
import { scoredQuestions } from './instrument-rules.ts'
import type { Answers } from './scoring.ts'
import { sampleSd, type Moments } from './stats.ts'

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
 */
type ScaleQuality = { n: number; alpha: number | null; items: ItemQuality[]; enough: boolean }

/** α, item–rest correlations and α if an item is dropped, from a scale's pooled moments. */
export function scaleQuality(m: ScaleMoments): ScaleQuality {
  const c = covariance(m)
  const k = m.items.length
  const all = [...Array(k).keys()]
  if (!c) return withheldScale(m)
  const total = all.reduce((acc, i) => acc + all.reduce((a, j) => a + c[i]![j]!, 0), 0)
  return {
    n: m.n,
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

/** A scale's statistics as the view shows them: α only from MIN_COMPLETE_CASES complete answer sets of the scale (what α is computed on), not from the pool's count. */
export function shownScaleQuality(m: ScaleMoments): ScaleQuality {
  return m.n >= MIN_COMPLETE_CASES ? scaleQuality(m) : withheldScale(m)
}

/** A scale's statistics withheld: its complete answer sets counted, nothing computed from them. */
export function withheldScale(m: ScaleMoments): ScaleQuality {
  return {
    n: m.n,
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
}

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

/** Everything the pool can tell about its questions and scales; null below MIN_POOLED_RESPONDENTS answer sets. */
export function poolQuality(pool: PoolMoments): PoolQuality | null {
  if (pool.respondents < MIN_POOLED_RESPONDENTS) return null
  return {
    respondents: pool.respondents,
    questions: Object.entries(pool.questions).map(([name, q]) => questionQuality(name, q)),
    scales: Object.fromEntries(Object.entries(pool.scales).map(([key, m]) => [key, shownScaleQuality(m)])),
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
 * Plain words for the partner differences on a scale. Whether they are mostly chance is a question
 * of ICC(2), the reliability of a partner's mean (below .50 most of the spread of partner means is
 * noise), not of ICC(1): with large groups a small ICC(1) still gives reliable partner means
 * (`meanReliability`: ICC(1) .03 at 40 scores is ICC(2) .55). Where the means are reliable, ICC(1)
 * says how large the differences are: from .10 clearly, from .05 somewhat, below that small.
 */
export const iccVerdict = (
  icc1: number,
  icc2: number,
  groups: number,
): 'differ' | 'some' | 'small' | 'chance' | 'unclear' =>
  groups < MIN_ICC_WORDS_PARTNERS
    ? 'unclear'
    : icc2 < 0.5
      ? 'chance'
      : icc1 >= 0.1
        ? 'differ'
        : icc1 >= 0.05
          ? 'some'
          : 'small'

/**
 * From this many partners the ICC gets words (`iccVerdict`); below it "cannot tell yet", with the
 * numbers still shown. From three partners of 25, the point estimates alone read "mostly chance"
 * for about three in ten scales whose partners really differ (ICC(1) .15) and "clearly differ" for
 * about one in five whose partners barely do (.05), as a simulation found:
 * a coin toss. Six partners is the smallest number that simulation supported; an interval would be better.
 */
export const MIN_ICC_WORDS_PARTNERS = 6
