import { describe, expect, it } from 'vitest'
import { levelVerdict, MIN_N_FOR_LEVEL } from '../../../worker/domain/levels.ts'
import { cellView } from '../../../worker/domain/publication.ts'
import { ci95 } from '../../../worker/domain/stats.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'

// Bands of both versions: 1 [1, 1.8), 2 [1.8, 2.6), 3 [2.6, 3.4), 4 [3.4, 4.2), 5 [4.2, 5].
const ins = findInstrument('coachende-manager', 2)!

describe('levelVerdict: a level only where the data can tell it', () => {
  it('has the bands these hand-computed cases assume', () => {
    expect(ins.levels.map((l) => [l.level, l.from, l.to])).toEqual([
      [1, 1, 1.8],
      [2, 1.8, 2.6],
      [3, 2.6, 3.4],
      [4, 3.4, 4.2],
      [5, 4.2, 5],
    ])
  })

  it('names the level when the interval lies within one band, at any n', () => {
    // n = 10, mean 3.0, sd 0.2: half-width t(0.975, 9) · 0.2 / √10 = 2.2622 · 0.0632 = 0.143 → [2.857, 3.143], inside band 3.
    const m = { n: 10, sum: 30, sumsq: 9 * 0.04 + 10 * 9 }
    const ci = ci95(m)!
    expect(ci[0]).toBeCloseTo(2.857, 3)
    expect(ci[1]).toBeCloseTo(3.143, 3)
    expect(levelVerdict(ins, 3.0, ci, 10)).toEqual({ level: 3, because: 'interval' })
  })

  it('says "not yet clear" when the interval spans two bands below the minimum n', () => {
    // The case: n = 5, sd 0.8 → half-width 2.7764 · 0.8 / √5 = 0.993: 3.0 ± 1.0 spans bands 2 to 4.
    const m = { n: 5, sum: 15, sumsq: 4 * 0.64 + 5 * 9 }
    const ci = ci95(m)!
    expect(ci[1] - 3).toBeCloseTo(0.9933, 3)
    expect(levelVerdict(ins, 3.0, ci, 5)).toEqual({ level: null, because: 'not-yet-clear' })
    // Just over an edge: [3.35, 3.45] crosses 3.4.
    expect(levelVerdict(ins, 3.4, [3.35, 3.45], 44)).toEqual({ level: null, because: 'not-yet-clear' })
  })

  it(`names the band of the mean from n = ${MIN_N_FOR_LEVEL} on, even when the interval spans two bands`, () => {
    expect(levelVerdict(ins, 3.4, [3.35, 3.45], MIN_N_FOR_LEVEL)).toEqual({ level: 4, because: 'n' })
    expect(levelVerdict(ins, 3.39, [3.3, 3.48], MIN_N_FOR_LEVEL + 100)).toEqual({ level: 3, because: 'n' })
  })

  it('clips the interval to the scale, so a top or bottom cell is not refused for a bound past the end', () => {
    expect(levelVerdict(ins, 4.8, [4.5, 5.2], 8)).toEqual({ level: 5, because: 'interval' })
    expect(levelVerdict(ins, 1.2, [0.7, 1.7], 8)).toEqual({ level: 1, because: 'interval' })
  })

  it('names no level without an interval (one score) below the minimum n', () => {
    expect(levelVerdict(ins, 3.0, null, 1)).toEqual({ level: null, because: 'not-yet-clear' })
  })
})

describe('cellView carries the verdict beside the level', () => {
  it('not yet clear for five scores of SD 0.8 around 3; named for 60 scores even where the interval spans an edge', () => {
    const five = cellView(ins, { n: 5, hidden: null, stats: { autonomie: [5, 15, 4 * 0.64 + 45] } })
    expect(five.scores!.autonomie!.verdict).toEqual({ level: null, because: 'not-yet-clear' })
    expect(five.scores!.autonomie!.level).toBe(3)
    // n = 60, mean 3.4, SD 0.8: 3.4 ± 0.21 spans bands 3 and 4; from MIN_N_FOR_LEVEL the mean's band is named.
    const sixty = cellView(ins, { n: 60, hidden: null, stats: { autonomie: [60, 204, 59 * 0.64 + 60 * 3.4 * 3.4] } })
    expect(sixty.scores!.autonomie!.verdict).toEqual({ level: 4, because: 'n' })
  })
})
