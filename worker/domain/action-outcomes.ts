/**
 * Agreed actions beside the trend: an action recorded after one wave is shown with the change of
 * its dimension at the next published wave ("agreed in Autumn 2025 → +0.4, significant"). Pure:
 * the trend's waves and the actions in, rows out. The change is the trend's own, which is null
 * wherever either wave's cell or dimension is hidden: an action says nothing about a hidden group.
 */
import { clearAsShown, shownDiff } from './levels.ts'
import type { HiddenBecause } from './publication.ts'

export type TrendStep = {
  waveId: string
  label: string
  change: Record<string, { diff: number; significant: boolean } | null> | null
  /** The means as shown (null where hidden): the difference named is of these, rounded as the page rounds them. */
  means: Record<string, number | null>
  /** Why the wave's cell is hidden, as the trend says it per wave (wave-results.ts `trendCell`); none where shown. */
  hiddenBecause?: HiddenBecause | null
  /** The dimensions whose questions changed since the wave before (the trend's `notComparable`). */
  notComparable?: readonly string[]
}

/**
 * Why an action's change is not shown, and in which wave: its cell or its dimension hidden there
 * (`few`, `not-asked`, `not-partner`: what the trend's cell of that wave says already), or the
 * dimension's questions changed between the two waves (`not-comparable`, said at the later one).
 * "Too few answers in one of the two waves, or not comparable" left a lead to find out which.
 */
type NoChangeBecause = { because: HiddenBecause | 'not-comparable'; wave: string }

function noChangeBecause(here: TrendStep, next: TrendStep, dimension: string): NoChangeBecause | null {
  for (const step of [here, next]) if (step.hiddenBecause) return { because: step.hiddenBecause, wave: step.label }
  if (next.notComparable?.includes(dimension)) return { because: 'not-comparable', wave: next.label }
  for (const step of [here, next])
    if ((step.means[dimension] ?? null) === null) return { because: 'few', wave: step.label }
  return null
}

export type ActionLike = { id: string; waveId: string; dimension: string; what: string; status: string }

export type ActionOutcome<A extends ActionLike = ActionLike> = {
  action: A
  /** The wave the action answers, as the trend names it. */
  agreedIn: string
  /** The next published wave, null while there is none yet. */
  next: { waveId: string; label: string } | null
  /** The change of the dimension at that wave, of the shown means, and whether Welch's test finds it: null when not shown (hidden, not comparable or no next wave). */
  change: { diff: number; significant: boolean } | null
  /**
   * The same subject's other dimensions over the same two waves, where shown and comparable: the
   * smallest and largest change of their shown means. A change read beside an action is not its
   * effect when every dimension moved as much; null when no other dimension has a change.
   */
  others: { min: number; max: number; count: number } | null
  /** Where there is a next wave and no change: why (`noChangeBecause`), null where it cannot be told. */
  why?: NoChangeBecause | null
}

export function actionOutcomes<A extends ActionLike>(steps: TrendStep[], actions: A[]): ActionOutcome<A>[] {
  const at = new Map(steps.map((s, i) => [s.waveId, i]))
  return actions
    .filter((a) => at.has(a.waveId))
    .map((action) => {
      const i = at.get(action.waveId)!
      const here = steps[i]!
      const next = steps[i + 1]
      const test = next?.change?.[action.dimension] ?? null
      const before = here.means[action.dimension] ?? null
      const after = next?.means[action.dimension] ?? null
      const others = Object.keys(next?.change ?? {}).flatMap((d) => {
        const b = here.means[d] ?? null
        const a = next?.means[d] ?? null
        return d !== action.dimension && next?.change?.[d] && b !== null && a !== null ? [shownDiff(a, b)] : []
      })
      const change =
        test && before !== null && after !== null
          ? { diff: shownDiff(after, before), significant: clearAsShown(test.significant, before, after) }
          : null
      return {
        action,
        agreedIn: here.label,
        next: next ? { waveId: next.waveId, label: next.label } : null,
        change,
        ...(next && !change ? { why: noChangeBecause(here, next, action.dimension) } : {}),
        others: others.length ? { min: Math.min(...others), max: Math.max(...others), count: others.length } : null,
      }
    })
}

/**
 * The agreed actions a view of wave `shownId` shows, by one rule for the heatmap's markers and the
 * list of actions beside it (the list once said "none" while a cell's marker showed the
 * previous wave's action): those of the shown wave, and those agreed in an earlier wave of
 * `waves` (oldest first), carried over, each with its wave. A later wave's action is not in an
 * earlier wave's view; an action of a wave not listed is in none.
 */
export function actionsInView<A extends { waveId: string }>(
  actions: readonly A[],
  waves: readonly { id: string; label: string }[],
  shownId: string,
): { action: A; wave: { id: string; label: string }; carried: boolean }[] {
  const upTo = waves.slice(0, waves.findIndex((w) => w.id === shownId) + 1)
  return actions.flatMap((action) => {
    const wave = upTo.find((w) => w.id === action.waveId)
    return wave ? [{ action, wave, carried: wave.id !== shownId }] : []
  })
}

/**
 * Whether an action is overdue on `today` (YYYY-MM-DD): its due date has passed and it is still
 * planned or in progress.
 * A due date is a calendar day, so the action is due through that whole day.
 */
export const isOverdue = (a: { due: string | null; status: string }, today: string): boolean =>
  a.due !== null && a.due < today && (a.status === 'planned' || a.status === 'in-progress')
