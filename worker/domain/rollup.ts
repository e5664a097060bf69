import type { Instrument, Role } from '../../schema/instrument.ts'
import { bandOf } from './levels.ts'
import type { Scores } from './scoring.ts'

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
