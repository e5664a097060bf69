import type { Instrument, Role } from '../../schema/instrument.ts'
import { bandOf } from './levels.ts'
import { ITEMS_KEY, partnerItemsDelta } from './pooled-covariance.ts'
import type { Answers, Scores } from './scoring.ts'
import { sharedKey, sharedScores } from './shared-items.ts'

/**
 * What a rollup cell holds: per dimension the moments of the scores given in one group (wave ×
 * partner × role). worker/db/responses.ts adds each answer set's delta to its cell inside D1.
 */

/** Moments of one dimension in one cell: [n, sum, sumsq, count in level 1, …, count in level L]. */
export type DimensionStats = number[]
export type RollupCell = {
  waveId: string
  partnerId: string
  role: Role
  n: number
  stats: Record<string, DimensionStats>
  /** Per question, how many gave each answer (worker/domain/question-detail.ts); absent for groups counted before it was kept. */
  questions?: Record<string, number[]>
}

/** One respondent's contribution to a rollup cell. */
export function rollupDelta(ins: Instrument, scores: Scores): Record<string, DimensionStats> {
  const delta: Record<string, DimensionStats> = {}
  for (const [key, score] of Object.entries(scores)) {
    const stats = new Array<number>(3 + ins.levels.length).fill(0)
    if (score !== null) {
      stats[0] = 1
      stats[1] = score
      stats[2] = score * score
      stats[2 + bandOf(ins, score)] = 1
    }
    delta[key] = stats
  }
  return delta
}

/**
 * Everything one answer set adds to its rollup cell: its dimension scores' moments
 * (`rollupDelta`), for staff the moments of its score on the questions team managers are also
 * asked (worker/domain/shared-items.ts, under `sharedKey`; the level counts left 0, as no level is
 * named on them), and its complete answer set's item values (worker/domain/pooled-covariance.ts,
 * under `ITEMS_KEY`). Only the dimensions' entries are ever published as dimensions
 * (worker/domain/publication.ts reads the instrument's dimensions, never the cell's keys).
 */
export function cellDelta(ins: Instrument, role: Role, answers: Answers, scores: Scores): Record<string, number[]> {
  const delta: Record<string, number[]> = rollupDelta(ins, scores)
  for (const [d, score] of Object.entries(sharedScores(ins, role, answers))) {
    const stats = new Array<number>(3 + ins.levels.length).fill(0)
    if (score !== null) {
      stats[0] = 1
      stats[1] = score
      stats[2] = score * score
    }
    delta[sharedKey(d)] = stats
  }
  delta[ITEMS_KEY] = partnerItemsDelta(ins, role, answers)
  return delta
}
