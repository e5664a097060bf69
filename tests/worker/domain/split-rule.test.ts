import { describe, expect, it } from 'vitest'
import type { Instrument } from '../../../schema/instrument.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { MIN_SPLIT_GROUP_SIZE } from '../../../worker/domain/instrument-rules.ts'
import { agreementOf, bandOf, heldBack, levelVerdict, splitOf } from '../../../worker/domain/levels.ts'
import type { QuestionCounts } from '../../../worker/domain/question-detail.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { SPLIT_TABLE, SPLIT_WORST_MEAN, RWG_AT_SD_1, withinFigure } from './simulation-figures.ts'
import { normal } from '../fixtures.ts'

/**
 * The split rule of version 3 (schema/instrument.ts `BandSplit`, worker/domain/levels.ts `splitOf`):
 * a partner's level is held back where at least 30% of its person scores lie below some band and
 * at least 30% above it, with at most 20% in it, from 20 scores on. Why that rule, by simulation
 * (the mean item r_wg below .50 of version 2 flagged ordinary
 * groups whose item SD is just above 1.0, most at the middle of the scale).
 *
 * A group of n answers J items (4 and 5). A person's view is the group's mean plus a personal part;
 * each answer adds item noise and is rounded to a scale point, clipped to 1–5. "Ordinary" groups:
 * person SD 0.66, noise 0.8, an item SD of about 1.0, the usual spread of a five-point item, and
 * (`wide`) person 0.7, noise 0.85, item SD about 1.03. Split groups: two equal camps 2 points apart
 * (half around 2 and half around 4 at a mean of 3), each person SD 0.55 and noise 0.67. Group
 * means 2.2, 3.0 and 3.8; 2,000 groups each, seeded. The person score is the mean of the J answers.
 */
const ins = findInstrument('coachende-manager', 3)!
const rule = ins.agreement!
if (rule.index !== 'band_split') throw new Error('version 3 has the split rule')
/** The rule at any n, to see where it becomes stable; the shipped rule starts at rule.minGroupSize. */
const open: Instrument = { ...ins, agreement: { ...rule, minGroupSize: 2 } }
/** Version 2's r_wg rule at any n, on the same groups. */
const v2 = findInstrument('coachende-manager', 2)!
const rwg: Instrument = { ...v2, agreement: { ...v2.agreement!, minGroupSize: 2 } }

const answer = (x: number) => Math.min(ins.scale.max, Math.max(ins.scale.min, Math.round(x)))
const MEANS = [2.2, 3.0, 3.8]

/** Per group mean, the share of groups the split rule flags, and (same groups) version 2's r_wg rule. */
function simulate(n: number, J: number, split: number, person: number, noise: number, seed: number) {
  const random = rng(seed)
  const perMean: number[] = []
  let flagged = 0
  let flaggedRwg = 0
  for (const mu of MEANS) {
    let here = 0
    for (let g = 0; g < 2000; g++) {
      const levels = new Array<number>(ins.levels.length).fill(0)
      const items: QuestionCounts[] = Array.from({ length: J }, () => new Array<number>(6).fill(0))
      for (let p = 0; p < n; p++) {
        const camp = split === 0 ? mu : p % 2 === 0 ? mu - split / 2 : mu + split / 2
        const view = camp + person * normal(random)
        let sum = 0
        for (const c of items) {
          const a = answer(view + noise * normal(random))
          c[a - ins.scale.min]! += 1
          sum += a
        }
        levels[bandOf(ins, sum / J) - 1]! += 1
      }
      if (heldBack(open, splitOf(open, levels)!)) here += 1
      if (heldBack(rwg, agreementOf(rwg, items)!)) flaggedRwg += 1
    }
    perMean.push(here / 2000)
    flagged += here
  }
  return { rate: flagged / 6000, worst: Math.max(...perMean), rwg: flaggedRwg / 6000 }
}

describe('the split rule, by simulation', () => {
  it('ships 30% on each side of a band holding at most 20%, from 20 scores', () => {
    expect(rule).toEqual({ index: 'band_split', minGroupSize: 20, flank: 0.3, middle: 0.2 })
    expect(rule.minGroupSize).toBe(MIN_SPLIT_GROUP_SIZE)
  })

  it('flags ordinary groups (item SD about 1.0) and catches split ones as README "Levels and agreement" says', () => {
    for (const row of SPLIT_TABLE)
      row.flagged.forEach((figure, at) => {
        const J = at + 4
        const ordinary = simulate(row.n, J, 0, 0.66, 0.8, 100 * row.n + J)
        const split = simulate(row.n, J, 2, 0.55, 0.67, 200 * row.n + J)
        expect(withinFigure(ordinary.rate, figure), `n = ${row.n}, J = ${J}: ordinary flagged ${ordinary.rate}`).toBe(
          true,
        )
        expect(withinFigure(split.rate, row.caught[at]!), `n = ${row.n}, J = ${J}: split caught ${split.rate}`).toBe(
          true,
        )
      })
  })

  it('from 20 scores on flags under 10% of somewhat wider ordinary groups at every mean, where r_wg flagged far more', () => {
    for (const J of [4, 5]) {
      const wide = simulate(20, J, 0, 0.7, 0.85, 300 + J)
      expect(wide.worst, `J = ${J}: worst mean`).toBeLessThan(0.1)
      expect(withinFigure(wide.worst, SPLIT_WORST_MEAN[J - 4]!), `J = ${J}: worst mean ${wide.worst}`).toBe(true)
      const ordinary = simulate(20, J, 0, 0.66, 0.8, 400 + J)
      expect(withinFigure(ordinary.rwg, RWG_AT_SD_1[J - 4]!), `J = ${J}: r_wg flagged ${ordinary.rwg}`).toBe(true)
    }
  })

  it('at 10 scores flags too many ordinary groups: why minGroupSize is 20', () => {
    expect(simulate(10, 4, 0, 0.7, 0.85, 510).rate).toBeGreaterThan(0.15)
  })

  it('holds the level back for a clean split and never for a unanimous or evenly spread group', () => {
    // Half in level 2, half in level 4, nobody in 3: held back, whatever the mean and interval say.
    const split = [0, 10, 0, 10, 0]
    expect(splitOf(ins, split)).toBe(0.5)
    expect(levelVerdict(ins, 3.0, [2.9, 3.1], 20, splitOf(ins, split)).because).toBe('disagree')
    // 6 of 20 (exactly 30%) on each side and 4 (20%) in the middle: held back; one more in the middle is not.
    expect(heldBack(ins, splitOf(ins, [0, 6, 4, 10, 0])!)).toBe(true)
    expect(heldBack(ins, splitOf(ins, [0, 6, 5, 9, 0])!)).toBe(false)
    // An empty band between 6 in level 1 and the rest: a split too.
    expect(heldBack(ins, splitOf(ins, [6, 0, 5, 0, 9])!)).toBe(true)
    expect(heldBack(ins, splitOf(ins, [0, 0, 20, 0, 0])!)).toBe(false)
    // Ordinary spread over three bands around the mean: one group.
    expect(heldBack(ins, splitOf(ins, [0, 6, 8, 6, 0])!)).toBe(false)
    // Below 20 scores the rule is silent.
    expect(splitOf(ins, [0, 9, 0, 10, 0])).toBeNull()
  })
})
