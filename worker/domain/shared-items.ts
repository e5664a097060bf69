import type { Instrument, Role, ScoredQuestion } from '../../schema/instrument.ts'
import { scoredQuestions } from './instrument-rules.ts'
import { scoreOfItems, type Answers, type Scores } from './scoring.ts'

/**
 * The questions a dimension's manager–staff gap is computed on: where staff answer
 * questions of a dimension that team managers are not asked (version 2 and 3: the reverse-keyed
 * `autonomie_5` and `steun_5`), the gap compares team managers' score with staff's score on the
 * questions both answer, not with staff's whole score, which rests on other questions. Each staff
 * answer set's score on those shared questions is kept in its rollup cell as one more moment, under
 * `sharedKey(dimension)` (worker/domain/rollup.ts `cellDelta`), and published under the same
 * suppression as the dimension (worker/domain/publication.ts `withShared`).
 */

/** The rollup key of a dimension's shared-questions moment: `@` is in no dimension key (`[a-z][a-z0-9_]*`). */
export const sharedKey = (dimension: string) => `${dimension}@shared`

type SharedItems = { dimension: string; shared: ScoredQuestion[]; staffOnly: ScoredQuestion[]; managers: number }

const made = new WeakMap<Instrument, SharedItems[]>()

/**
 * The dimensions whose staff questions are not the team managers' questions, with staff's
 * questions split into those team managers are also asked (an item worded for both roles) and the
 * rest; only where both roles have questions of it. Once per instrument.
 */
export function sharedItemsOf(ins: Instrument): SharedItems[] {
  let out = made.get(ins)
  if (out) return out
  const staff = scoredQuestions(ins, 'medewerker')
  const managers = scoredQuestions(ins, 'teammanager')
  out = ins.dimensions.flatMap((d) => {
    const s = staff.filter((q) => q.dimension === d.key)
    const m = new Set(managers.filter((q) => q.dimension === d.key).map((q) => q.name))
    const shared = s.filter((q) => m.has(q.name))
    const staffOnly = s.filter((q) => !m.has(q.name))
    if (s.length === 0 || m.size === 0 || (staffOnly.length === 0 && shared.length === m.size)) return []
    return [{ dimension: d.key, shared, staffOnly, managers: m.size }]
  })
  made.set(ins, out)
  return out
}

/**
 * A staff answer set's score per such dimension on the shared questions alone, by the rule every
 * score is made by (worker/domain/scoring.ts `scoreOfItems`: "don't know" left out, at least the
 * instrument's share of the questions answered); nothing for another role.
 */
export function sharedScores(ins: Instrument, role: Role, answers: Answers): Scores {
  if (role !== 'medewerker') return {}
  return Object.fromEntries(sharedItemsOf(ins).map((s) => [s.dimension, scoreOfItems(ins, s.shared, answers)]))
}
