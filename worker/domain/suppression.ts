/**
 * Which cells of one margin (cells that add up to a shown total) must be hidden so that no
 * hidden count can be worked out — neither directly (n < k) nor by subtracting the visible
 * cells from the total. The rule: whatever is hidden must add up to 0 responses (nobody to
 * protect) or to at least k, so the difference reveals nothing about a group of 1 to k−1 people.
 * When it does not, the next smallest visible cell is hidden too (complementary suppression).
 * When even all cells together are fewer than k, the total is hidden as well.
 *
 * `alwaysHidden` marks cells hidden for another reason (a partner hidden at response level, on
 * each dimension's margin): they count as hidden for the rule. Never who reads: a publication is
 * the same for every reader (worker/domain/dashboard.ts, `publishRole`).
 */
export function suppressMargin(
  cells: { key: string; n: number }[],
  k: number,
  alwaysHidden: ReadonlySet<string> = new Set(),
): { hidden: Set<string>; totalShown: boolean } {
  const total = cells.reduce((a, c) => a + c.n, 0)
  const hidden = new Set(cells.filter((c) => c.n < k || alwaysHidden.has(c.key)).map((c) => c.key))
  if (total < k) return { hidden: new Set(cells.map((c) => c.key)), totalShown: false }
  const residual = () => cells.reduce((a, c) => a + (hidden.has(c.key) ? c.n : 0), 0)
  // Smallest first: hide as little as possible. Ties by key, so every view hides the same cells.
  const visible = cells.filter((c) => !hidden.has(c.key)).sort((a, b) => a.n - b.n || (a.key < b.key ? -1 : 1))
  while (residual() > 0 && residual() < k && visible.length > 0) hidden.add(visible.shift()!.key)
  return { hidden, totalShown: true }
}
