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
