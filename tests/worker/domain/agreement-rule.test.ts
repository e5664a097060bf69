import { describe, expect, it } from 'vitest'
import type { Instrument } from '../../../schema/instrument.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { MIN_AGREEMENT_GROUP_SIZE, dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { decimal } from '../../../schema/format.ts'
import { agreementOf, levelVerdict, MIN_N_FOR_LEVEL, shownAgreement } from '../../../worker/domain/levels.ts'
import { cellView, publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { questionDelta, questionsOf, type QuestionCounts } from '../../../worker/domain/question-detail.ts'
import { rollupDelta } from '../../../worker/domain/rollup.ts'
import { scoreAnswers, type Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { agreementSets, normal } from '../fixtures.ts'
import { AGREEMENT_TABLE, RWG_J_AT_10, TOLERANCE, withinFigure } from './simulation-figures.ts'

/**
 * The agreement rule of rule set 2 (worker/domain/levels.ts `agreementOf`, `levelVerdict`): a
 * partner's level is held back where the mean single-item r_wg of its group on the dimension is
 * below the instrument's threshold, from the instrument's minimum group size on.
 */
const ins = findInstrument('coachende-manager', 2)!
const rule = ins.agreement as Extract<Instrument['agreement'], { index: 'rwg_mean' }>
const answer = (x: number) => Math.min(ins.scale.max, Math.max(ins.scale.min, Math.round(x)))

/** The rule at any n, to see where it becomes stable; the shipped rule starts at rule.minGroupSize. */
const open: Instrument = { ...ins, agreement: { ...rule, minGroupSize: 2 } }

/**
 * Why minGroupSize is 10 (and the validator's floor, MIN_AGREEMENT_GROUP_SIZE), and why .50, by
 * simulation.
 *
 * A group of n answers J items (4 and 5: the sizes rule set 2 allows). A person's view is the
 * group's mean plus a personal part of SD 0.55; each answer adds item noise of SD 0.67 and is
 * rounded to a scale point, clipped to 1–5: an item SD of about 0.9 and inter-item r of about .4,
 * usual for a group that shares its view. A split group is two equal camps 2 points apart (half
 * around 2, half around 4 when the mean is 3), each like an agreeing group. Group means at 2.2,
 * 3.0 and 3.8 (band centres 2–4), 3000 groups each, seeded. Flagged: the mean item r_wg below .50.
 *
 * Found (four items / five items):
 *   n = 5:  agreeing groups flagged 17.5% / 16.5%, split groups caught 85% / 87%
 *   n = 10: agreeing groups flagged 12.4% / 10.7%, split groups caught 94% / 95%
 *   n = 30: agreeing groups flagged 3.0% / 2.1%,  split groups caught 99.6% / 99.6%
 * The agreeing group's item r_wg is about .58 (1 − 0.84/2): "moderate agreement" in LeBreton &
 * Senter's bands (.51–.70), close to the .50 below which agreement is at most weak, so at n = 10
 * about one such group in nine falls below by chance; a group that agrees a little more (item SD
 * about 0.7, r_wg about .75) is flagged in under 1%. .50 rather than .70 because the single-item values are not
 * stepped up by the number of items as r_wg(j) was: .70 would flag most groups of SD 0.9. A pure
 * split (half at 2, half at 4) has item r_wg 1 − n/(2(n − 1)), below .50 at every n.
 * The r_wg(j) this replaced flagged fewer agreeing groups (1.6% at n = 10) only because it grows
 * with J: it passed the pure split at .76, and caught 77% / 68% of the split groups above.
 * Split groups near the ends of the scale are caught less often, as the floor and ceiling squeeze
 * their answers together. Small groups are seldom named a level anyway: a split group's interval
 * spans bands below MIN_N_FOR_LEVEL.
 */
function flagged(
  n: number,
  J: number,
  split: number,
  seed: number,
  person = 0.55,
  noise = 0.67,
  isFlagged: (counts: QuestionCounts[]) => boolean = (counts) => agreementOf(open, counts)! < rule.threshold,
): number {
  const random = rng(seed)
  let hits = 0
  let groups = 0
  for (const mu of [2.2, 3.0, 3.8]) {
    for (let g = 0; g < 3000; g++) {
      const counts: QuestionCounts[] = Array.from({ length: J }, () => new Array<number>(6).fill(0))
      for (let p = 0; p < n; p++) {
        const camp = split === 0 ? mu : p % 2 === 0 ? mu - split / 2 : mu + split / 2
        const view = camp + person * normal(random)
        for (const c of counts) c[answer(view + noise * normal(random)) - ins.scale.min]! += 1
      }
      groups += 1
      if (isFlagged(counts)) hits += 1
    }
  }
  return hits / groups
}

describe('the agreement rule, by simulation', () => {
  it('ships the mean item r_wg against a uniform null, threshold .50, from 10 answers per item', () => {
    expect(rule).toEqual({ index: 'rwg_mean', null: 'uniform', minGroupSize: 10, threshold: 0.5 })
    expect(rule.minGroupSize).toBe(MIN_AGREEMENT_GROUP_SIZE)
  })

  it('at n = 10, catches over 93% of split groups and flags under 13% of agreeing ones (four and five items); at n = 30 under 4%', () => {
    const n = rule.minGroupSize
    for (const J of [4, 5]) {
      const wrong = flagged(n, J, 0, 10 * J + n)
      const caught = flagged(n, J, 2, 20 * J + n)
      expect(wrong, `J = ${J}: agreeing groups flagged`).toBeLessThan(0.13)
      expect(caught, `J = ${J}: split groups caught`).toBeGreaterThan(0.93)
      expect(flagged(30, J, 0, 10 * J + 30), `J = ${J}: agreeing groups flagged at n = 30`).toBeLessThan(0.04)
      // A group that agrees a little more (person SD 0.45, item noise 0.5: item SD about 0.7) is hardly ever flagged.
      expect(flagged(n, J, 0, 30 * J + n, 0.45, 0.5), `J = ${J}: closer groups flagged`).toBeLessThan(0.01)
    }
  })

  it('at n = 5, catches under 90% of split four-item groups and flags over 15% of agreeing ones: too unstable to hold a level back', () => {
    expect(flagged(5, 4, 2, 85)).toBeLessThan(0.9)
    expect(flagged(5, 4, 0, 45)).toBeGreaterThan(0.15)
  })

  it('flags a pure split (half at 2, half at 4) on four and five items at every group size up to 2000, and never a unanimous group', () => {
    // From n = 102 on the split's r_wg (.4950 and up) rounded to nearest read "0,50" and passed.
    for (const J of [4, 5])
      for (let half = 5; half <= 1000; half++) {
        const split = Array.from({ length: J }, () => [0, half, 0, half, 0, 0])
        const split1 = 1 - (2 * half) / (2 * half - 1) / 2
        expect(agreementOf(ins, split), `J = ${J}, n = ${2 * half}`).toBeCloseTo(split1, 12)
        expect(levelVerdict(ins, 3.0, [2.9, 3.1], 2 * half, agreementOf(ins, split)).because).toBe('disagree')
        for (const at of [0, 2, 4]) {
          const same = Array.from({ length: J }, () => [0, 0, 0, 0, 0, 0].map((_, i) => (i === at ? 2 * half : 0)))
          expect(agreementOf(ins, same), `unanimous at ${at + 1}`).toBe(1)
        }
      }
  })
})

/** A group's answer sets: each person's view around `centre(p)` with the noise above, "weet ik niet" with chance `dk`. */
const answerSets = (n: number, centre: (p: number) => number, dk: number, seed: number): Answers[] =>
  agreementSets(ins, n, centre, seed, dk)

/** A rollup cell as the submission path builds it: the sum of each answer set's score and question deltas. */
function cellOf(partnerId: string, sets: Answers[]): Cell {
  const stats: Record<string, number[]> = {}
  const questions: Record<string, number[]> = {}
  for (const a of sets) {
    for (const [d, v] of Object.entries(rollupDelta(ins, scoreAnswers(ins, 'medewerker', a))))
      stats[d] = (stats[d] ?? v.map(() => 0)).map((x, i) => x + v[i]!)
    for (const [q, v] of Object.entries(questionDelta(ins, 'medewerker', a)))
      questions[q] = (questions[q] ?? v.map(() => 0)).map((x, i) => x + v[i]!)
  }
  return { partnerId, role: 'medewerker', n: sets.length, stats, questions }
}

/** The mean item r_wg straight from the answer sets: per item 1 − (sample variance of its answers on the scale)/2, (A² − 1)/12 = 2, at least 0. */
function rawRwg(sets: Answers[], dimension: string): number {
  const items = questionsOf(ins, 'medewerker', dimension)
  const rwgs = items.map((q) => {
    const x = sets.map((a) => a[q.name]).filter((v): v is number => typeof v === 'number')
    const m = x.reduce((s, v) => s + v, 0) / x.length
    return Math.max(0, 1 - x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1) / 2)
  })
  return rwgs.reduce((s, v) => s + v, 0) / rwgs.length
}

describe('the mean item r_wg from the published question counts', () => {
  const agreeing = answerSets(24, () => 3.8, 0.1, 1)
  const split = answerSets(24, (p) => (p % 2 ? 2 : 4.2), 0.1, 2)
  const pub = publishWave(ins, ['a', 's'], [cellOf('a', agreeing), cellOf('s', split)], 5).roles.medewerker!

  it('equals the mean item r_wg computed from the raw answer sets to 1e-9, on every dimension, "weet ik niet" left out', () => {
    for (const [id, sets] of [
      ['a', agreeing],
      ['s', split],
    ] as const) {
      const view = cellView(ins, pub.partners[id])
      for (const d of dimensionsFor(ins, 'medewerker')) {
        expect(view.scores![d]!.agreement, `${id} ${d}`).toBeCloseTo(rawRwg(sets, d), 9)
      }
    }
  })

  it('holds back the level of the split group on every dimension, and names the agreeing group’s', () => {
    const a = cellView(ins, pub.partners.a)
    const s = cellView(ins, pub.partners.s)
    for (const d of dimensionsFor(ins, 'medewerker')) {
      expect(a.scores![d]!.agreement!, d).toBeGreaterThanOrEqual(rule.threshold)
      expect(a.scores![d]!.verdict.because, d).not.toBe('disagree')
      expect(s.scores![d]!.agreement!, d).toBeLessThan(rule.threshold)
      expect(s.scores![d]!.verdict, d).toEqual({ level: null, because: 'disagree' })
    }
  })

  it('gives the programme as a whole no agreement: it is not one group, and its spread holds the partners’ real differences', () => {
    const whole = cellView(ins, pub.programme, 'programme')
    for (const d of dimensionsFor(ins, 'medewerker')) {
      expect(whole.scores![d]!.agreement, d).toBeNull()
      expect(whole.scores![d]!.verdict.because, d).not.toBe('disagree')
    }
  })

  it('computes none below the minimum group size, nor where an item of the dimension is hidden or counts are missing', () => {
    const small = publishWave(ins, ['x'], [cellOf('x', split.slice(0, 9))], 5).roles.medewerker!
    const view = cellView(ins, small.partners.x)
    for (const d of dimensionsFor(ins, 'medewerker')) expect(view.scores![d]!.agreement, d).toBeNull()
    const d = dimensionsFor(ins, 'medewerker')[0]!
    const items = questionsOf(ins, 'medewerker', d).map((q) => pub.partners.s!.questions![q.name]!)
    expect(agreementOf(ins, items)).not.toBeNull()
    expect(agreementOf(ins, [...items.slice(1), null])).toBeNull()
    const { questions: _, ...before } = pub.partners.s!
    expect(cellView(ins, before).scores![d]!.agreement).toBeNull()
  })

  it('keeps version 1 on its dispersion cap: no agreement there, the same levels as before', () => {
    const v1 = findInstrument('coachende-manager', 1)!
    expect(v1.agreement).toBeUndefined()
    expect(v1.dispersionCap).toEqual({ sdAbove: 1.2, maxLevel: 3 })
    const counts = [[3, 3, 0, 3, 3, 0]]
    expect(agreementOf(v1, counts)).toBeNull()
  })
})

describe('levelVerdict with agreement', () => {
  it('holds the level back below the threshold, whatever the interval or n; at or above it the usual rule applies', () => {
    expect(levelVerdict(ins, 3.0, [2.9, 3.1], 200, 0.49)).toEqual({ level: null, because: 'disagree' })
    expect(levelVerdict(ins, 3.0, [2.9, 3.1], 200, 0.5)).toEqual({ level: 3, because: 'interval' })
    expect(levelVerdict(ins, 3.4, [3.35, 3.45], MIN_N_FOR_LEVEL, 0.51)).toEqual({
      level: 4,
      because: 'n',
      reaches: [3],
    })
    expect(levelVerdict(ins, 3.4, [3.35, 3.45], MIN_N_FOR_LEVEL, null)).toEqual({
      level: 4,
      because: 'n',
      reaches: [3],
    })
  })

  it('compares agreement as shown, at two decimals rounded down: 0.4995 reads 0,49 and is held back, an exact .50 reads 0,50 and is not', () => {
    expect(levelVerdict(ins, 3.0, [2.9, 3.1], 200, 0.4995).level).toBeNull()
    expect(levelVerdict(ins, 3.0, [2.9, 3.1], 200, 0.496).level).toBeNull()
    expect(levelVerdict(ins, 3.0, [2.9, 3.1], 200, 0.5).level).toBe(3)
    // .5 as the arithmetic may leave it, a hair below.
    expect(levelVerdict(ins, 3.0, [2.9, 3.1], 200, 0.5 - 1e-13).level).toBe(3)
    expect(shownAgreement(0.4995)).toBe(0.49)
    expect(shownAgreement(0.29)).toBe(0.29)
    expect(decimal('nl', 2).format(shownAgreement(0.4995))).toBe('0,49')
  })

  it('by hand: four items, ten answers each, five at 2 and five at 4: s² = 10/9, each item 1 − (10/9)/2 = 4/9 (r_wg(j) passed it at 16/21)', () => {
    const item = [0, 5, 0, 5, 0, 0]
    expect(agreementOf(ins, [item, item, item, item])).toBeCloseTo(4 / 9, 12)
    // "weet ik niet" is left out: the same with three of each item's answers "don't know".
    expect(agreementOf(ins, [[0, 5, 0, 5, 0, 3], item, item, item])).toBeCloseTo(4 / 9, 12)
    // An item spread more than random answering counts 0, not below: 5 at 1 and 5 at 5, s² = 40/9.
    expect(agreementOf(ins, [[5, 0, 0, 0, 5, 0], item, item, item])).toBeCloseTo((3 * 4) / 9 / 4, 12)
  })
})

/**
 * r_wg(j) (James, Demaree & Wolf), which version 2 first used at .70: the mean item variance s̄²
 * against σ²_EU = 2, stepped up by Spearman–Brown over the J items, J(1 − s̄²/2) / (J(1 − s̄²/2) + s̄²/2),
 * with s̄²/2 taken at most 1. From question counts with no "don't know".
 */
function rwgJ(counts: QuestionCounts[]): number {
  const variances = counts.map((c) => {
    const x = c.slice(0, 5).flatMap((k, i) => new Array<number>(k).fill(ins.scale.min + i))
    const m = x.reduce((a, v) => a + v, 0) / x.length
    return x.reduce((a, v) => a + (v - m) ** 2, 0) / (x.length - 1)
  })
  const r = Math.min(1, variances.reduce((a, v) => a + v, 0) / variances.length / 2)
  const J = counts.length
  return (J * (1 - r)) / (J * (1 - r) + r)
}

describe('the figures the README states of the agreement rule (tests/worker/domain/simulation-figures.ts)', () => {
  it(`reproduces the table of agreeing groups flagged and split groups caught within ${TOLERANCE} points`, () => {
    for (const row of AGREEMENT_TABLE) {
      ;[4, 5].forEach((J, k) => {
        const wrong = flagged(row.n, J, 0, 1000 + 10 * J + row.n)
        const caught = flagged(row.n, J, 2, 2000 + 10 * J + row.n)
        expect(withinFigure(wrong, row.flagged[k]!), `n = ${row.n}, J = ${J}: flagged ${wrong}`).toBe(true)
        expect(withinFigure(caught, row.caught[k]!), `n = ${row.n}, J = ${J}: caught ${caught}`).toBe(true)
      })
    }
  }, 60_000)

  it(`reproduces what r_wg(j) at .70 flagged and caught at n = 10, within ${TOLERANCE} points`, () => {
    ;[4, 5].forEach((J, k) => {
      const byRwgJ = (counts: QuestionCounts[]) => rwgJ(counts) < 0.7
      const wrong = flagged(10, J, 0, 3000 + J, 0.55, 0.67, byRwgJ)
      const caught = flagged(10, J, 2, 4000 + J, 0.55, 0.67, byRwgJ)
      expect(withinFigure(wrong, RWG_J_AT_10.flagged[k]!), `J = ${J}: flagged ${wrong}`).toBe(true)
      expect(withinFigure(caught, RWG_J_AT_10.caught[k]!), `J = ${J}: caught ${caught}`).toBe(true)
    })
    // The pure split of ten on four items, by hand: s² = 10/9, r_wg(j) = 16/21, which passed .70.
    expect(rwgJ([0, 1, 2, 3].map(() => [0, 5, 0, 5, 0, 0]))).toBeCloseTo(16 / 21, 12)
  })
})
