import { shown } from './levels.ts'
import type { Score } from './publication.ts'
import { closeTogether, strongestAndWeakest } from './standouts.ts'

/**
 * What a partner's report (worker/services/report-service.ts `reportOf`) picks out of the
 * partner's shown scores: its strongest and weakest dimensions, and the dimensions whose questions
 * it details. Pure: the service hands it the cell of a reader limited to that partner.
 */

type RankedDimension = { key: string; score: Score }

/**
 * The strongest and the weakest of the shown dimensions, by shown mean, by the stand-outs' rule
 * (worker/domain/standouts.ts `strongestAndWeakest`: ties as shown across the cut are named together). Hidden
 * dimensions are in neither.
 */
export function strongestWeakest(
  scores: Record<string, Score | null> | null,
  order: string[],
): { strongest: RankedDimension[]; weakest: RankedDimension[]; allClose: { min: number; max: number } | null } {
  const visible = order.flatMap((key) =>
    scores?.[key] ? [{ key, score: scores[key]!, mean: shown(scores[key]!.mean) }] : [],
  )
  // The report is about one partner, so a tie of any width is named whole (a lead's weakest
  // partner, 1,9 on four of five dimensions, read an empty "Zwakste dimensies" list).
  const { high, low } = strongestAndWeakest(visible, { wholeTies: true })
  const ranked = (xs: typeof visible) => xs.map(({ key, score }) => ({ key, score }))
  // Every shown dimension equal or a step apart (as shown): neither strong nor weak, and the report says so.
  return { strongest: ranked(high), weakest: ranked(low), allClose: closeTogether(visible) }
}

/**
 * The report's focus: the strongest and weakest shown dimensions (`strongestWeakest`), and the
 * dimensions whose questions it details, with what the report says of them.
 */
export function reportFocus(scores: Record<string, Score | null> | null, order: string[]) {
  const { strongest, weakest, allClose } = strongestWeakest(scores, order)
  // Question detail: the weakest dimensions, or, when every shown dimension is close to the others
  // (no weakest), the first two at the lowest shown mean, so a partner whose scores are all alike still
  // reads which questions pull it down (a report of such a partner had no question detail at all).
  const atLowest = allClose ? order.filter((key) => scores?.[key] && shown(scores[key]!.mean) === allClose.min) : []
  const lowest = atLowest.slice(0, 2)
  // Of the weakest (lowest first), the two lowest, a tie with the second named whole (never one
  // of equals): a third table of questions ran the printed report a page longer.
  const second = weakest[1] ? shown(weakest[1].score.mean) : undefined
  const lowestWeak = weakest.filter((w) => second === undefined || shown(w.score.mean) <= second)
  const questionDims = weakest.length > 0 ? lowestWeak.map((w) => w.key) : lowest
  return {
    strongest,
    weakest,
    /** The shown mean of every shown dimension when they are all equal: nothing is strongest or weakest. */
    allClose,
    /** The dimensions whose questions the report details: the two weakest (ties whole), or up to two at the lowest mean when all are close. */
    questionDims,
    /** Whether `questionDims` are the lowest of dimensions all close together rather than the weakest. */
    questionsLowest: weakest.length === 0 && lowest.length > 0,
    /** How many dimensions share that lowest shown mean (more than `questionDims` when over two). */
    lowestCount: atLowest.length,
  }
}
