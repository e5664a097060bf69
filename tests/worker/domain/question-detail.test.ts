import { describe, expect, it } from 'vitest'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import {
  onScale,
  publishQuestions,
  questionCellOf,
  questionDelta,
  questionDetailOf,
  sharesOf,
  wholePercents,
} from '../../../worker/domain/question-detail.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'

// Version 1, whose questions these tests name; waves made here are of version 1 too.
const ins = findInstrument('coachende-manager', 1)!
const staffQuestions = scoredQuestions(ins, 'medewerker')

/** A staff answer set: `value` on every question, or "don't know". */
const all = (value: number | 'nvt'): Answers => Object.fromEntries(staffQuestions.map((q) => [q.name, value]))

/** The question counts of several answer sets added up, as the rollup holds them. */
function countsOf(sets: Answers[]): Record<string, number[]> {
  const acc: Record<string, number[]> = {}
  for (const a of sets)
    for (const [q, c] of Object.entries(questionDelta(ins, 'medewerker', a)))
      acc[q] = (acc[q] ?? c.map(() => 0)).map((x, i) => x + c[i]!)
  return acc
}

describe('question counts', () => {
  it('an answer set adds one answer to each question its role is asked, at its scale point or at "don\'t know"', () => {
    const d = questionDelta(ins, 'medewerker', { ...all(4), coaching_1: 1, coaching_2: 'nvt' })
    expect(Object.keys(d)).toEqual(staffQuestions.map((q) => q.name))
    expect(d.coaching_1).toEqual([1, 0, 0, 0, 0, 0])
    expect(d.coaching_2).toEqual([0, 0, 0, 0, 0, 1])
    // A reverse-keyed question is counted as answered, not turned round: the shares are about its wording.
    expect(staffQuestions.find((q) => q.name === 'coaching_3')!.reverse).toBe(true)
    expect(d.coaching_3).toEqual([0, 0, 0, 1, 0, 0])
    // Tactical managers are asked only the tactical questions.
    expect(Object.keys(questionDelta(ins, 'tactisch', {}))).toEqual(scoredQuestions(ins, 'tactisch').map((q) => q.name))
  })

  it("shares: disagree 1–2, neutral 3, agree 4–5, and don't know, each a whole percent of its own count", () => {
    const s = sharesOf(ins, [1, 2, 1, 2, 1, 0])
    expect(s).toEqual({
      n: 7,
      onScale: 7,
      disagree: { count: 3, percent: 43 },
      neutral: { count: 1, percent: 14 },
      agree: { count: 3, percent: 43 },
      dontKnow: { count: 0, percent: 0 },
    })
    // Equal counts read equal percentages (largest remainder gave 34, 33, 33), and a half rounds up.
    expect(wholePercents([1, 1, 1])).toEqual([33, 33, 33])
    expect(wholePercents([1, 7])).toEqual([13, 88])
    expect(wholePercents([0, 0])).toEqual([0, 0])
    // One "don't know" and one answer of each other part among 6: 17% beside every count of 1,
    // not 17% beside some and 16% beside others; the four then add up to 101, which the page says may happen.
    // Four eighths at a half each: 13 + 13 + 38 + 38 = 102.
    expect(wholePercents([1, 1, 3, 3])).toEqual([13, 13, 38, 38])
    const sixths = sharesOf(ins, [1, 0, 1, 1, 2, 1])
    expect([sixths.disagree, sixths.neutral, sixths.agree, sixths.dontKnow]).toEqual([
      { count: 1, percent: 17 },
      { count: 1, percent: 17 },
      { count: 3, percent: 50 },
      { count: 1, percent: 17 },
    ])
    for (const counts of [
      [1, 1, 1, 1, 1, 1],
      [3, 0, 2, 0, 1, 1],
      [0, 0, 0, 0, 5, 2],
      [1, 0, 1, 1, 2, 1],
      [2, 0, 3, 1, 0, 1],
    ]) {
      const x = sharesOf(ins, counts)
      const parts = [x.disagree, x.neutral, x.agree, x.dontKnow]
      // Each percentage is checkable by hand from its count; four parts each off by at most a half.
      for (const p of parts) expect(p.percent).toBe(Math.round((p.count * 100) / x.n))
      const sum = parts.reduce((a, p) => a + p.percent, 0)
      expect(Math.abs(sum - 100)).toBeLessThan(2)
      expect(parts.reduce((a, p) => a + p.count, 0)).toBe(x.n)
    }
  })

  it('a question shows from k answers on the scale: "don\'t know" does not count, as for a dimension\'s scores', () => {
    expect(onScale([1, 1, 1, 1, 0, 3])).toBe(4)
    const shown = publishQuestions(
      ins,
      'medewerker',
      {
        ...Object.fromEntries(
          ['coaching_1', 'coaching_2', 'coaching_3', 'coaching_4'].map((q) => [q, [1, 1, 1, 1, 1, 0]]),
        ),
        ruimte_1: [1, 1, 1, 1, 0, 3],
      },
      5,
    )
    expect(shown.coaching_1).toEqual([1, 1, 1, 1, 1, 0])
    // Seven answers, four on the scale: hidden, with no number at all (not even "don't know").
    expect(shown.ruimte_1).toBeNull()
    // A question never counted is hidden too.
    expect(shown.leren_1).toBeNull()
  })
})

describe('question counts in the publication', () => {
  const k = 5
  const cell = (partnerId: string, sets: Answers[]): Cell => ({
    partnerId,
    role: 'medewerker',
    n: sets.length,
    stats: {},
    questions: countsOf(sets),
  })

  it("a question with fewer than k answers on the scale is hidden with every other question of its dimension, while the dimension's score shows; and a dimension's questions show while its score is hidden", () => {
    // Six staff: two say "don't know" to coaching_1 only, so coaching has six scores (3 of 4 items
    // answered is enough) and coaching_1 four answers on the scale. Its dimension's score is made
    // of its answers: beside coaching_2–4 it would give coaching_1 away, so they are hidden too.
    const sets = [
      ...Array.from({ length: 4 }, () => all(4)),
      ...Array.from({ length: 2 }, () => ({ ...all(4), coaching_1: 'nvt' as const })),
    ]
    // Ruimte's score hidden (three scores, as the rollup is given here) while each of its questions
    // has six answers on the scale: a question tells its own count, not the dimension's scores.
    const stats = { coaching: [6, 24, 96, 0, 0, 0, 6, 0], ruimte: [3, 12, 48, 0, 0, 0, 3, 0] }
    const pub = publishWave(ins, ['a'], [{ ...cell('a', sets), stats }], k)
    const a = pub.roles.medewerker!.partners.a!
    expect(a.stats!.coaching).not.toBeNull()
    for (const q of ['coaching_1', 'coaching_2', 'coaching_3', 'coaching_4']) expect(a.questions![q], q).toBeNull()
    expect(a.stats!.ruimte).toBeNull()
    for (const q of ['ruimte_1', 'ruimte_2', 'ruimte_3']) expect(a.questions![q], q).toEqual([0, 0, 0, 6, 0, 0])
    const shares = questionCellOf(ins, a)!
    expect(shares.coaching_2).toBeNull()
    expect(shares.ruimte_1).toMatchObject({ n: 6, agree: { count: 6, percent: 100 } })
  })

  it('a publication stored before that rule reads by it: the other questions of a hidden one hidden, and the programme summed again without them', () => {
    const counts = (agree: number) => [0, 0, 0, agree, 0, 0]
    // As publishQuestions stored them before: only coaching_1 hidden in a, its other questions shown and in the programme.
    const a = { n: 6, questions: { coaching_1: null, coaching_2: counts(6), ruimte_1: counts(6) } }
    const b = { n: 7, questions: { coaching_1: counts(7), coaching_2: counts(7), ruimte_1: counts(7) } }
    const programme = { n: 13, questions: { coaching_1: counts(7), coaching_2: counts(13), ruimte_1: counts(13) } }
    const detail = questionDetailOf(ins, 'medewerker', { programme, partners: { a, b } }, ['a', 'b'])
    expect(detail.partners.a!.coaching_2).toBeNull()
    expect(detail.partners.a!.ruimte_1).toMatchObject({ n: 6 })
    expect(detail.partners.b!.coaching_2).toMatchObject({ n: 7 })
    expect(detail.programme!.coaching_2).toMatchObject({ n: 7, agree: { count: 7 } })
    expect(detail.programme!.ruimte_1).toMatchObject({ n: 13 })
  })

  it("the programme is the sum of the shown partners' shown questions: a hidden group or question is in no total", () => {
    const six = Array.from({ length: 6 }, () => all(2))
    const seven = Array.from({ length: 7 }, () => all(5))
    // c: six staff, but only four on the scale for coaching_1: that question hidden there.
    const c = [
      ...Array.from({ length: 4 }, () => all(3)),
      ...Array.from({ length: 2 }, () => ({ ...all(3), coaching_1: 'nvt' as const })),
    ]
    const small = Array.from({ length: 4 }, () => all(1)) // hidden group: fewer than k
    const pub = publishWave(
      ins,
      ['a', 'b', 'c', 'd'],
      [cell('a', six), cell('b', seven), cell('c', c), cell('d', small)],
      k,
    )
    const role = pub.roles.medewerker!
    expect(role.partners.d).toEqual({ n: null, hidden: 'few', stats: null })
    expect(role.programme.n).toBe(19)
    // In c, coaching_1 is hidden, and with it the rest of coaching: a and b's sums only.
    expect(role.programme.questions!.coaching_1).toEqual([0, 6, 0, 0, 7, 0])
    expect(role.programme.questions!.coaching_2).toEqual([0, 6, 0, 0, 7, 0])
    expect(role.programme.questions!.ruimte_1).toEqual([0, 6, 6, 0, 7, 0])
    // Every programme count is a sum of shown counts.
    for (const q of staffQuestions) {
      const parts = ['a', 'b', 'c'].map((id) => role.partners[id]!.questions![q.name]).filter((x) => x !== null)
      expect(role.programme.questions![q.name]).toEqual(parts.reduce((acc, x) => acc!.map((v, i) => v + x![i]!)))
    }
  })

  it('a group counted in part before question counts were kept shows none, and then neither does the programme', () => {
    const six = Array.from({ length: 6 }, () => all(4))
    const pub = publishWave(ins, ['a', 'b'], [cell('a', six), { ...cell('b', six), n: 7 }], k)
    const role = pub.roles.medewerker!
    expect(role.partners.a!.questions).toBeDefined()
    expect(role.partners.b!.questions).toBeUndefined()
    expect(role.programme.questions).toBeUndefined()
    expect(questionCellOf(ins, role.programme)).toBeNull()
  })

  it('a publication made before question counts were kept still reads: no question cell', () => {
    const old: { n: number; stats: Record<string, number[]> } = {
      n: 12,
      stats: { coaching: [12, 48, 192, 0, 0, 0, 12, 0] },
    }
    expect(questionCellOf(ins, old)).toBeNull()
    expect(questionCellOf(ins, { n: null })).toBeNull()
  })
})
