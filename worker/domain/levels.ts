import type { Instrument } from '../../schema/instrument.ts'

/** The level whose score band holds `score`; the top band includes the scale maximum. */
export function bandOf(ins: Instrument, score: number): number {
  for (const l of ins.levels) {
    if (score >= l.from && score < l.to) return l.level
  }
  return score >= ins.levels.at(-1)!.to ? ins.levels.at(-1)!.level : ins.levels[0]!.level
}

export type LevelResult = { level: number; capped: boolean }

/**
 * A cell's maturity level: the band of its mean, capped when respondents disagree too much —
 * a high mean with a wide spread is not "embedded" (the instrument's `dispersionCap`, see
 * surveys/coachende-manager.v1.json).
 */
export function levelOf(ins: Instrument, mean: number, sd: number | null): LevelResult {
  const band = bandOf(ins, mean)
  const { sdAbove, maxLevel } = ins.dispersionCap
  if (sd !== null && sd > sdAbove && band > maxLevel) return { level: maxLevel, capped: true }
  return { level: band, capped: false }
}
