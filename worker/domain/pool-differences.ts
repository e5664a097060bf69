import { crossIndex } from './measurement-quality.ts'

/**
 * Small-difference withholding: a pooled figure (a count with sums, or sums and cross-products, over
 * a set of answer sets) whose answer sets lie inside those of another published figure gives away
 * the answer sets in one and not the other, as the larger figure minus the smaller, wherever the
 * two share a moment (the same item's sum, the same dimension's score sum). The measurement-quality
 * export pools nest this way: the answer sets complete on every item lie inside those complete on
 * each scale, and those inside the ones scored on its dimension (the two-thirds rule scores a
 * dimension with a question skipped), which the published programme cell sums
 * (worker/services/export-service.ts `momentsExport`, tests/worker/anonymity/small-difference.test.ts
 * replays the attack). A difference of 1 to k − 1 answer sets is a group below the minimum size
 * (README, "Anonymity"), so a figure is withheld when its count differs from a nested published
 * figure's by that much; nothing at all (0 answer sets) is a figure every other lies over, so a
 * figure of 1 to k − 1 answer sets goes too.
 */

/**
 * One pooled figure: its key, how many answer sets it rests on, and the keys of the figures whose
 * answer sets hold all of its own and share a moment with it. `fixed`: published whatever this rule
 * says (the results' programme cell), so only the others can be withheld.
 */
export type PooledFigure = { key: string; n: number; within: readonly string[]; fixed?: boolean }

/** Every figure whose answer sets hold all of `key`'s, directly or through others. */
function containing(byKey: Map<string, PooledFigure>, key: string): Set<string> {
  const out = new Set<string>()
  const todo = [...(byKey.get(key)?.within ?? [])]
  while (todo.length) {
    const next = todo.pop()!
    if (out.has(next) || !byKey.has(next)) continue
    out.add(next)
    todo.push(...byKey.get(next)!.within)
  }
  return out
}

/**
 * The keys of the figures to withhold, deciding each figure that is not fixed in the order given
 * (so a caller lists first what it would rather keep): withheld when its count is 1 to k − 1, or
 * differs by 1 to k − 1 from a figure still published that holds it or that it holds. A withheld
 * figure is no longer compared with: what is not published is no term of a difference.
 */
export function smallDifferences(figures: readonly PooledFigure[], k: number): Set<string> {
  const byKey = new Map(figures.map((f) => [f.key, f]))
  const above = new Map(figures.map((f) => [f.key, containing(byKey, f.key)]))
  const published = new Set(figures.filter((f) => f.fixed).map((f) => f.key))
  const withheld = new Set<string>()
  const small = (d: number) => d > 0 && d < k
  for (const f of figures) {
    if (f.fixed) continue
    const nested = [...published].filter((g) => above.get(f.key)!.has(g) || above.get(g)!.has(f.key))
    if (small(f.n) || nested.some((g) => small(Math.abs(byKey.get(g)!.n - f.n)))) withheld.add(f.key)
    else published.add(f.key)
  }
  return withheld
}

/**
 * The answer-set counts of the moments export's pooled figures (worker/services/export-service.ts
 * `momentsExport`) and of what else is published over the same answer sets: per dimension the
 * programme cell's scores (and, for staff, their scores on the questions team managers are also
 * asked: each a figure of its own), per question the answer sets that answered it (`answered`: the results'
 * question detail with the quality view's floor and ceiling shares is that question's whole
 * distribution over them, so their sum and sum of squares), per scale its complete answer sets, the
 * answer sets complete on every item (`items`, null when not given for another reason) and per
 * pair of items i ≤ j those that answered both (`pairs`, `n` in worker/domain/measurement-quality.ts
 * `crossIndex` order, null when not given for another reason).
 */
export type ExportCounts = {
  scored: Record<string, readonly number[]>
  answered: Record<string, number>
  scales: Record<string, { items: readonly string[]; n: number }>
  items: number | null
  pairs: { items: readonly string[]; n: readonly number[] } | null
}

const pairKey = (a: string, b: string) => (a === b ? `question:${a}` : `pair:${a}:${b}`)

/**
 * The export's figures to withhold: `scale:<dimension>`, `items`, and `pairs` for the whole
 * pairwise block. How they nest: a scale's complete answer sets lie inside its dimension's scores,
 * inside each of its questions' answer sets and inside every pair of its items; those complete on
 * every item inside every scale, question and pair; and a pair's inside each of its two questions'
 * (the pairwise diagonal is the question's own answer sets). Each shares a moment with what holds
 * it (an item's sum, a pair's cross-products), and the dimensions and questions are published
 * whatever the export does (fixed). So a question's sum minus a scale's is the few who answered that
 * question but not the whole scale, and a question minus a pair the few who answered the one and
 * not the other (tests/worker/anonymity/pairwise.test.ts replays both).
 *
 * The pairs go all together or not at all: `nobs` is the harmonic mean of every pair's n and `minN`
 * the least of them, so with one pair held back the others' n would give its n, and its place in
 * the matrix would say which two questions 1 to k − 1 answer sets answered one of. Scales are decided
 * first, then the figures over all items, then the pairs: the first two only against each other and
 * the fixed figures (no pair is published yet when they are decided), so the block going changes
 * nothing of theirs.
 */
export function withheldExportFigures(c: ExportCounts, k: number): Set<string> {
  const scales = Object.entries(c.scales)
  const names = c.pairs?.items ?? []
  const index = new Map(names.map((name, i) => [name, i]))
  const pairsOf = (of: readonly string[]) =>
    c.pairs
      ? of.flatMap((a, i) =>
          of.slice(i + 1).map((b) => (index.get(a)! <= index.get(b)! ? pairKey(a, b) : pairKey(b, a))),
        )
      : []
  const questions = Object.keys(c.answered).map((name) => `question:${name}`)
  const figures: PooledFigure[] = [
    ...Object.entries(c.scored).flatMap(([key, ns]) =>
      ns.map((n, i) => ({ key: `dimension:${key}:${i}`, n, within: [], fixed: true })),
    ),
    ...Object.entries(c.answered).map(([name, n]) => ({ key: `question:${name}`, n, within: [], fixed: true })),
    ...scales.map(([key, s]) => ({
      key: `scale:${key}`,
      n: s.n,
      within: [
        ...(c.scored[key] ?? []).map((_, i) => `dimension:${key}:${i}`),
        ...s.items.map((name) => `question:${name}`),
        ...pairsOf(s.items),
      ],
    })),
    ...(c.items === null
      ? []
      : [
          {
            key: 'items',
            n: c.items,
            within: [...scales.map(([key]) => `scale:${key}`), ...questions, ...pairsOf(names)],
          },
        ]),
    ...names.flatMap((a, i) =>
      names.slice(i + 1).map((b, d) => ({
        key: pairKey(a, b),
        n: c.pairs!.n[crossIndex(names.length, i, i + 1 + d)]!,
        within: [`question:${a}`, `question:${b}`],
      })),
    ),
  ]
  const decided = [...smallDifferences(figures, k)]
  const withheld = new Set(decided.filter((key) => !key.startsWith('pair:')))
  // A diagonal's n that is not its question's (a pool counted otherwise) is a pair of its own to compare.
  const diagonalOff = names.some((name, i) => c.pairs!.n[crossIndex(names.length, i, i)] !== c.answered[name])
  return withheld.size < decided.length || diagonalOff ? withheld.add('pairs') : withheld
}
