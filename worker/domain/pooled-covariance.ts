import type { Instrument, Role } from '../../schema/instrument.ts'
import { scoredQuestions } from './instrument-rules.ts'
import { answerSetVector, covariance, crossIndex, type ScaleMoments } from './measurement-quality.ts'
import type { Answers } from './scoring.ts'

/**
 * Cross-products over all of a role's items, for a researcher's confirmatory factor
 * analysis across scales: whether the scales are distinct needs the covariances between them, and
 * a two-level analysis the covariance within partners. Two additive moments, both over complete
 * answer sets (every scored question of the role answered on the scale, reverse-keyed questions
 * reversed), so each matrix is one sample of one n, positive semi-definite, as lavaan's
 * `sample.cov` wants:
 *
 *  - per instrument version × wave × role, pooled over partners and never kept per partner
 *    (schema/migrations/0012_pool_items.sql): n, Σx per item and Σxᵢxⱼ for i ≤ j, the layout
 *    of worker/domain/measurement-quality.ts `ScaleMoments` over every item, in one vector
 *    (`itemsVector`);
 *  - per partner cell only first moments (`partnerItemsDelta`, kept in the rollup cell under
 *    `ITEMS_KEY`): how many answer sets were counted with them, how many were complete, and Σx per
 *    item of the complete ones. Cross-products of a small group are never kept.
 *
 * The pooled-within-partner matrix is then S_W = (Σxxᵀ − Σ_g s_g s_gᵀ / n_g) / (N − G), s_g the
 * item sums of partner g's n_g complete answer sets: the total cross-products less what the
 * partner means explain. What it adds to the total matrix is Σ_g n_g m_g m_gᵀ, made of partner
 * means m_g of complete answer sets; `pooledWithin` gives it only where every partner's complete
 * answer sets number at least k, so it holds means of k or more answer sets, never fewer, which is
 * the grain every shown cell publishes anyway (a question's counts are its answers' distribution).
 */

/** The rollup key of a partner cell's item sums: `@` is in no dimension key. */
export const ITEMS_KEY = '@items'

/** A role's scored questions in survey order: the rows and columns of its matrices. */
export const roleItems = (ins: Instrument, role: Role): string[] => scoredQuestions(ins, role).map((q) => q.name)

/** An answer set's keyed values of every item of the role, or null unless it answered every one on the scale. */
function keyedComplete(ins: Instrument, role: Role, answers: Answers): number[] | null {
  const x: number[] = []
  for (const q of scoredQuestions(ins, role)) {
    const v = answers[q.name]
    if (typeof v !== 'number') return null
    x.push(q.reverse ? ins.scale.min + ins.scale.max - v : v)
  }
  return x
}

/** Length of the pooled vector for k items: n, k sums, k(k + 1)/2 cross-products. */
const itemsWidth = (k: number) => 1 + k + (k * (k + 1)) / 2

/** What one answer set adds to its wave × role's pooled cross-products: all zeros unless complete. */
export function itemsVector(ins: Instrument, role: Role, answers: Answers): number[] {
  const k = scoredQuestions(ins, role).length
  const v = new Array<number>(itemsWidth(k)).fill(0)
  const x = keyedComplete(ins, role, answers)
  if (!x) return v
  v[0] = 1
  for (let i = 0; i < k; i++) {
    v[1 + i] = x[i]!
    for (let j = i; j < k; j++) v[1 + k + crossIndex(k, i, j)] = x[i]! * x[j]!
  }
  return v
}

/** The pooled cross-products a vector of `itemsVector`'s layout holds; throws on another layout. */
export function itemsFromVector(ins: Instrument, role: Role, v: readonly number[]): ScaleMoments {
  const items = roleItems(ins, role)
  const k = items.length
  if (v.length !== itemsWidth(k) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
    throw new Error(
      `pooled item moments of ${ins.id} v${ins.version} (${role}): expected ${itemsWidth(k)} numbers, got ${v.length}`,
    )
  return { items, n: v[0]!, sum: v.slice(1, 1 + k), cross: v.slice(1 + k) }
}

/** What one answer set adds to its partner cell's `ITEMS_KEY`: [1 (counted), 1 if complete, its keyed values if complete]. */
export function partnerItemsDelta(ins: Instrument, role: Role, answers: Answers): number[] {
  const k = scoredQuestions(ins, role).length
  const x = keyedComplete(ins, role, answers)
  return x ? [1, 1, ...x] : [1, ...new Array<number>(k + 1).fill(0)]
}

/** A partner cell's item sums as kept: answer sets counted with them, complete ones, and their item sums. */
export type PartnerItems = { counted: number; n: number; sum: number[] }

export function partnerItemsOf(v: readonly number[] | null | undefined, k: number): PartnerItems | null {
  if (!v || v.length !== k + 2 || v.some((x) => typeof x !== 'number' || !Number.isFinite(x))) return null
  return { counted: v[0]!, n: v[1]!, sum: v.slice(2) }
}

/**
 * Why the pooled-within matrix is not given: sums not kept for every answer set, or 'withheld' for
 * fewer than two partners with complete answer sets and for a partner with fewer than k of them
 * alike. One word for both: a reason of its own for a small partner would tell the reader that
 * some shown partner has fewer than k complete answer sets, a fact about one group.
 */
type WithinWithheld = 'withheld' | 'not-kept'

/**
 * The pooled-within-partner covariance matrix (denominator N − G) from the pooled cross-products
 * and each partner's complete answer sets' item sums; withheld (with why) unless every partner's
 * sums were kept for every one of its answer sets (`answerSets`, the cells' n) and add up to the
 * pool, at least two partners have complete answer sets and every one that has has at least k.
 */
export function pooledWithin(
  total: ScaleMoments,
  partners: { items: PartnerItems | null; answerSets: number }[],
  k: number,
): { covariance: number[][]; groups: number; df: number } | { withheld: WithinWithheld } {
  if (partners.some((p) => !p.items || p.items.counted !== p.answerSets)) return { withheld: 'not-kept' }
  const groups = partners.map((p) => p.items!).filter((p) => p.n > 0)
  if (groups.reduce((a, g) => a + g.n, 0) !== total.n) return { withheld: 'not-kept' }
  if (groups.some((g) => g.n < k)) return { withheld: 'withheld' }
  const G = groups.length
  if (G < 2 || total.n - G < 1) return { withheld: 'withheld' }
  const m = total.items.length
  const c: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0))
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const between = groups.reduce((a, g) => a + (g.sum[i]! * g.sum[j]!) / g.n, 0)
      const v = (total.cross[crossIndex(m, i, j)]! - between) / (total.n - G)
      c[i]![j] = v
      c[j]![i] = v
    }
  }
  return { covariance: c, groups: G, df: total.n - G }
}

/** The total covariance matrix (n − 1) and item means of the pooled complete answer sets; null below two. */
export function totalCovariance(total: ScaleMoments): { covariance: number[][]; means: number[] } | null {
  const c = covariance(total)
  return c ? { covariance: c, means: total.sum.map((x) => x / total.n) } : null
}

/**
 * Pairwise moments over all of a role's items: the all-items matrices
 * above rest on listwise deletion, and with 5% "don't know" per question only about 29% of 24-item
 * staff answer sets are complete (0.95²⁴), so those matrices are usually withheld and, when given,
 * describe the staff who never say "don't know". Per pair of items i ≤ j, over the answer sets that
 * answered both: n, Σxᵢ, Σxⱼ and Σxᵢxⱼ (on the diagonal: n, Σxᵢ twice and Σxᵢ²), four numbers a
 * pair in `crossIndex` order, pooled per instrument version × wave × role and never per partner
 * (schema/migrations/0013_pool_pairs.sql). 4·k(k + 1)/2 numbers: 1 200 for 24 items.
 */
export type PairMoments = { items: string[]; n: number[]; sumI: number[]; sumJ: number[]; cross: number[] }

const pairsWidth = (k: number) => 2 * k * (k + 1)

/** An answer set's keyed value per item of the role, null where it answered "don't know". */
function keyedValues(ins: Instrument, role: Role, answers: Answers): (number | null)[] {
  return scoredQuestions(ins, role).map((q) => {
    const v = answers[q.name]
    return typeof v !== 'number' ? null : q.reverse ? ins.scale.min + ins.scale.max - v : v
  })
}

/** What one answer set adds to its wave × role's pairwise moments: per pair it answered both of, [1, xᵢ, xⱼ, xᵢxⱼ]. */
export function pairsVector(ins: Instrument, role: Role, answers: Answers): number[] {
  const x = keyedValues(ins, role, answers)
  const k = x.length
  const v = new Array<number>(pairsWidth(k)).fill(0)
  for (let i = 0; i < k; i++) {
    const xi = x[i]
    if (xi === null || xi === undefined) continue
    for (let j = i; j < k; j++) {
      const xj = x[j]
      if (xj === null || xj === undefined) continue
      const at = 4 * crossIndex(k, i, j)
      v[at] = 1
      v[at + 1] = xi
      v[at + 2] = xj
      v[at + 3] = xi * xj
    }
  }
  return v
}

/** The pairwise moments a vector of `pairsVector`'s layout holds; throws on another layout. */
export function pairsFromVector(ins: Instrument, role: Role, v: readonly number[]): PairMoments {
  const items = roleItems(ins, role)
  const k = items.length
  if (v.length !== pairsWidth(k) || v.some((x) => typeof x !== 'number' || !Number.isFinite(x)))
    throw new Error(
      `pairwise item moments of ${ins.id} v${ins.version} (${role}): expected ${pairsWidth(k)} numbers, got ${v.length}`,
    )
  const field = (f: number) => Array.from({ length: pairsWidth(k) / 4 }, (_, p) => v[4 * p + f]!)
  return { items, n: field(0), sumI: field(1), sumJ: field(2), cross: field(3) }
}

/** Whether a symmetric matrix is positive definite: its Cholesky factorisation has positive pivots throughout. */
function isPositiveDefinite(c: readonly (readonly number[])[]): boolean {
  const k = c.length
  const l: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let s = c[i]![j]!
      for (let m = 0; m < j; m++) s -= l[i]![m]! * l[j]![m]!
      if (i === j) {
        // Relative to the diagonal, so rounding in a singular matrix does not pass for a pivot.
        if (s <= 1e-12 * Math.max(1, Math.abs(c[i]![i]!))) return false
        l[i]![i] = Math.sqrt(s)
      } else l[i]![j] = s / l[j]![j]!
    }
  }
  return true
}

/**
 * The numerical rank of a symmetric positive semi-definite matrix: the pivots of a Cholesky
 * factorisation with diagonal pivoting that stay above rounding, relative to the largest diagonal.
 * The between-partner matrix of G partners has rank at most G − 1 (a sum of G outer products of
 * deviations that sum to zero), which `twoLevel` reports so a reader sees why it cannot be fitted.
 */
function numericRank(c: readonly (readonly number[])[]): number {
  const k = c.length
  const a = c.map((row) => [...row])
  const scale = Math.max(0, ...a.map((row, i) => Math.abs(row[i]!)))
  if (scale === 0) return 0
  const free = new Set(Array.from({ length: k }, (_, i) => i))
  let rank = 0
  while (free.size > 0) {
    let p = -1
    for (const i of free) if (p < 0 || a[i]![i]! > a[p]![p]!) p = i
    const d = a[p]![p]!
    if (d <= 1e-10 * scale) break
    free.delete(p)
    rank++
    for (const i of free) for (const j of free) a[i]![j] = a[i]![j]! - (a[i]![p]! * a[p]![j]!) / d
  }
  return rank
}

/**
 * The pairwise covariance matrix: element (i, j) the sample covariance (n − 1) of items i and j over
 * the answer sets that answered both, its n in `n`; `means` each item's mean over those that answered
 * it. Not one sample: a pairwise matrix need not be positive definite (`positiveDefinite` says
 * whether it is; lavaan refuses a `sample.cov` that is not). `nobs`, for lavaan's `sample.nobs`, is
 * the harmonic mean of the n of every pair i ≤ j (the usual single n for a pairwise matrix; the
 * smallest pair n, `minN`, is the conservative alternative). Null where a pair has fewer than two.
 */
export function pairwiseCovariance(p: PairMoments): {
  covariance: number[][]
  n: number[][]
  means: number[]
  nobs: number
  minN: number
  positiveDefinite: boolean
} | null {
  const k = p.items.length
  if (k === 0 || p.n.some((n) => n < 2)) return null
  const c: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  const n: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < k; i++) {
    for (let j = i; j < k; j++) {
      const at = crossIndex(k, i, j)
      const nij = p.n[at]!
      const v = (p.cross[at]! - (p.sumI[at]! * p.sumJ[at]!) / nij) / (nij - 1)
      c[i]![j] = v
      c[j]![i] = v
      n[i]![j] = nij
      n[j]![i] = nij
    }
  }
  const means = Array.from({ length: k }, (_, i) => p.sumI[crossIndex(k, i, i)]! / p.n[crossIndex(k, i, i)]!)
  const nobs = p.n.length / p.n.reduce((a, x) => a + 1 / x, 0)
  return { covariance: c, n, means, nobs, minN: Math.min(...p.n), positiveDefinite: isPositiveDefinite(c) }
}

/**
 * A partner cell as the two-level export reads it: its kept item sums, its answer sets, and whether
 * the publication shows it (worker/services/quality-service.ts `shownPartnerIds`).
 */
export type TwoLevelCell = { items: PartnerItems | null; answerSets: number; shown: boolean }

/**
 * The two-level moments: the pooled-within matrix S_W (`pooledWithin`),
 * the between-partner matrix S_B = Σ_g n_g (m_g − m)(m_g − m)ᵀ / (G − 1) = (Σ_g s_g s_gᵀ / n_g −
 * s sᵀ / N) / (G − 1), and the scaling constant c = (N² − Σ_g n_g²) / (N (G − 1)), for which
 * E(S_B) = Σ_W + c Σ_B (Muthén's MUML). Computed over shown partners only, and withheld
 * (`hidden-partners`) where a partner whose cell is not shown has answer sets: over all cells, c and
 * G with the pool's N give Σ n_g and Σ n_g² of the hidden partners, which for two of them are their
 * sizes (tests/worker/anonymity/between.test.ts replays it).
 *
 * `nobs` for lavaan's `sample.nobs`: lavaan takes a `sample.cov` as unbiased, with divisor
 * nobs − 1 (its `sample.cov.rescale`), so a matrix with df degrees of freedom goes in with
 * nobs = df + 1: N − G + 1 within (README, "Measurement quality and the researcher's export":
 * `within.df` is N − G), G between.
 *
 * S_B has rank at most G − 1, so over all m items it is singular wherever G ≤ m, which is every
 * chain of 3 to 15 partners (m is 13 to 31 items a role): `rank` and `positiveDefinite` say so, and
 * lavaan refuses such a `sample.cov`. `scales` gives, per scale, the rank of S_B's block over that
 * scale's items, which a two-level model of one scale at a time can use where it is positive definite.
 */
export function twoLevel(
  total: ScaleMoments,
  cells: readonly TwoLevelCell[],
  k: number,
  scales: Readonly<Record<string, readonly string[]>> = {},
):
  | {
      within: { covariance: number[][]; groups: number; df: number; nobs: number }
      between: {
        covariance: number[][]
        groups: number
        df: number
        nobs: number
        c: number
        rank: number
        positiveDefinite: boolean
        scales: Record<string, { items: string[]; rank: number; positiveDefinite: boolean }>
      }
    }
  | { withheld: WithinWithheld | 'hidden-partners' } {
  if (cells.some((c) => !c.shown && c.answerSets > 0)) return { withheld: 'hidden-partners' }
  const shown = cells.filter((c) => c.shown)
  const within = pooledWithin(total, shown, k)
  if (!('covariance' in within)) return within
  const groups = shown.map((c) => c.items!).filter((g) => g.n > 0)
  const G = groups.length
  const N = total.n
  const m = total.items.length
  const b: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0))
  for (let i = 0; i < m; i++) {
    for (let j = i; j < m; j++) {
      const partnerMeans = groups.reduce((a, g) => a + (g.sum[i]! * g.sum[j]!) / g.n, 0)
      const v = (partnerMeans - (total.sum[i]! * total.sum[j]!) / N) / (G - 1)
      b[i]![j] = v
      b[j]![i] = v
    }
  }
  const c = (N * N - groups.reduce((a, g) => a + g.n * g.n, 0)) / (N * (G - 1))
  // Per scale, the block of the between matrix over its items: 4 or 5 items, which G ≥ 6 partners
  // can carry where all of a role's 13 to 31 items cannot.
  const blocks = Object.fromEntries(
    Object.entries(scales).map(([key, names]) => {
      const at = names.map((n) => total.items.indexOf(n)).filter((i) => i >= 0)
      const sub = at.map((i) => at.map((j) => b[i]![j]!))
      const rank = numericRank(sub)
      return [key, { items: at.map((i) => total.items[i]!), rank, positiveDefinite: rank === sub.length }]
    }),
  )
  const rank = numericRank(b)
  return {
    within: { ...within, nobs: within.df + 1 },
    between: { covariance: b, groups: G, df: G - 1, nobs: G, c, rank, positiveDefinite: rank === m, scales: blocks },
  }
}

/**
 * The pool of `answerSets` in the three layouts a wave × role's pool is kept in (`moments`, `items`,
 * `pairs`; worker/db/pool-moments.ts): the sums of what each would have added on submission, so a
 * pool made again from stored answer sets equals the one counted as they came.
 */
export function poolVectorsOf(
  ins: Instrument,
  role: Role,
  answerSets: readonly Answers[],
): { moments: number[]; items: number[]; pairs: number[] } {
  const add = (sum: number[] | null, v: number[]) => (sum ? sum.map((x, i) => x + v[i]!) : v)
  let moments: number[] | null = null
  let items: number[] | null = null
  let pairs: number[] | null = null
  for (const a of answerSets) {
    moments = add(moments, answerSetVector(ins, role, a))
    items = add(items, itemsVector(ins, role, a))
    pairs = add(pairs, pairsVector(ins, role, a))
  }
  const none: Answers = {}
  return {
    moments: moments ?? answerSetVector(ins, role, none).map(() => 0),
    items: items ?? itemsVector(ins, role, none),
    pairs: pairs ?? pairsVector(ins, role, none),
  }
}
