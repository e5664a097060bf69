import { describe, expect, it } from 'vitest'
import {
  levelVerdict,
  MIN_N_FOR_LEVEL,
  shown,
  shownAgreement,
  shownDiff,
  shownInterval,
} from '../../../worker/domain/levels.ts'
import { decimal } from '../../../schema/format.ts'
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
    // `reaches`: the other level the shown interval reaches, which every view marks beside the level.
    expect(levelVerdict(ins, 3.4, [3.35, 3.45], MIN_N_FOR_LEVEL)).toEqual({ level: 4, because: 'n', reaches: [3] })
    expect(levelVerdict(ins, 3.39, [3.3, 3.48], MIN_N_FOR_LEVEL + 100)).toEqual({
      level: 3,
      because: 'n',
      reaches: [4],
    })
    // An interval over three bands reaches both others.
    expect(levelVerdict(ins, 3.0, [2.5, 3.5], MIN_N_FOR_LEVEL)).toEqual({ level: 3, because: 'n', reaches: [2, 4] })
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
    // The level every view shows is the verdict's: none, not the band of the mean (3).
    expect(five.scores!.autonomie!.level).toBeNull()
    // n = 60, mean 3.4, SD 0.8: 3.4 ± 0.21 spans bands 3 and 4; from MIN_N_FOR_LEVEL the mean's band is named.
    const sixty = cellView(ins, { n: 60, hidden: null, stats: { autonomie: [60, 204, 59 * 0.64 + 60 * 3.4 * 3.4] } })
    expect(sixty.scores!.autonomie!.verdict).toEqual({ level: 4, because: 'n', reaches: [3] })
    expect(sixty.scores!.autonomie!.level).toBe(4)
  })

  it('decides on the interval as shown, its ends rounded outward: 3.36–4.04 reads "3,3–4,1" and names no level', () => {
    // n = 20, SD chosen so the half-width t(0.975, 19) · SD / √20 is `hw`.
    const cellAt = (mean: number, hw: number) => {
      const sd = (hw * Math.sqrt(20)) / 2.093024
      const m = { n: 20, sum: 20 * mean, sumsq: 19 * sd * sd + 20 * mean * mean }
      return {
        ci: ci95(m)!,
        score: cellView(ins, { n: 20, hidden: null, stats: { autonomie: [m.n, m.sum, m.sumsq] } }).scores!.autonomie!,
      }
    }
    const edge = cellAt(3.7, 0.34)
    expect(edge.ci[0]).toBeCloseTo(3.36, 4)
    expect(shownInterval(edge.ci)).toEqual([3.3, 4.1])
    // Rounded to nearest it would read 3,4–4,0, inside level 4, although its exact end lies in level 3.
    expect(edge.score.verdict).toEqual({ level: null, because: 'not-yet-clear' })
    expect(edge.score.level).toBeNull()
    // 3.41–4.03 reads 3,4–4,1: inside level 4 (3,4–4,1) as shown, and so exactly too.
    const inside = cellAt(3.72, 0.31)
    expect(shownInterval(inside.ci)).toEqual([3.4, 4.1])
    expect(inside.score.verdict).toEqual({ level: 4, because: 'interval' })
    expect(shownInterval([3, 3.4000000000000004])).toEqual([3, 3.4])
  })
})

describe("rule set 1's dispersion cap lowers only a level that is named", () => {
  const v1 = findInstrument('coachende-manager', 1)!
  // Mean 4.5, SD 1.25 (above the cap's 1.2): band 5.
  const cellOf = (n: number) =>
    cellView(v1, { n, hidden: null, stats: { coaching: [n, 4.5 * n, (n - 1) * 1.25 ** 2 + n * 4.5 ** 2] } }).scores!
      .coaching!
  it('caps a level named from 60 scores at 3, and names none (and no cap) for 8 scores', () => {
    expect(cellOf(60)).toMatchObject({ level: 3, capped: true, verdict: { level: 5, because: 'n' } })
    expect(cellOf(8)).toMatchObject({ level: null, capped: false, verdict: { level: null, because: 'not-yet-clear' } })
  })
})

describe('shown values are the printed ones', () => {
  it('rounds every mean of up to 60 answers (and its negative) as the page prints it, at one decimal, and agreement down at two', () => {
    // 23/20 = 1.15 prints "1,2"; toFixed and Math.round(x * 10) / 10 gave 1.1, so a level or a
    // difference could be made from a value other than the one on screen.
    const one = decimal('nl', 1)
    const two = decimal('nl', 2)
    const differs: string[] = []
    for (let n = 1; n <= 60; n++) {
      for (let s = -5 * n; s <= 5 * n; s++) {
        const x = s / n
        const printed = (f: Intl.NumberFormat, v: number) => Number(f.format(v).replace(',', '.')) + 0
        if (shown(x) !== printed(one, x)) differs.push(`${s}/${n}: ${shown(x)} vs ${one.format(x)}`)
        // Agreement is shown rounded down (levels.ts `shownAgreement`): the page prints that value unchanged, and it is the largest two-decimal value not above the agreement.
        const a = shownAgreement(x / 5)
        if (a !== printed(two, a) || a > x / 5 + 1e-9 || a + 0.01 <= x / 5 - 1e-9)
          differs.push(`${s}/${5 * n} at two decimals: ${a}`)
      }
    }
    expect(differs).toEqual([])
    expect(shown(23 / 20)).toBe(1.2)
    expect(shownDiff(3.45, 23 / 20)).toBe(shown(shown(3.45) - 1.2))
  })
})
