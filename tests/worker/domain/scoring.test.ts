import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { bandOf, levelOf } from '../../../worker/domain/levels.ts'
import { scoreAnswers, validateAnswers } from '../../../worker/domain/scoring.ts'
import { mini } from '../fixtures.ts'

describe('scoreAnswers', () => {
  it('averages the answered items after reverse-keying', () => {
    // a: a1=4, a2=2 reversed → 4, a3=5 → (4+4+5)/3 = 4.333…; b: b1=1, b2=2, b3=5 reversed → 1, b4=3 → 7/4 = 1.75
    const scores = scoreAnswers(mini, 'medewerker', { a1: 4, a2: 2, a3: 5, b1: 1, b2: 2, b3: 5, b4: 3 })
    expect(scores.a).toBeCloseTo(13 / 3, 12)
    expect(scores.b).toBe(1.75)
  })

  it('leaves "don\'t know" out of the mean', () => {
    // a: a1=nvt, a2=1 reversed → 5, a3=3 → (5+3)/2 = 4
    expect(scoreAnswers(mini, 'medewerker', { a1: 'nvt', a2: 1, a3: 3, b1: 2, b2: 2, b3: 'nvt', b4: 'nvt' })).toEqual({
      a: 4,
      b: 2,
    })
  })

  it('gives no score when fewer than half the items are answered', () => {
    // b: 1 of 4 answered (< half) → null; a: 2 of 3 → scored; exactly half (2 of 4) would count
    expect(
      scoreAnswers(mini, 'medewerker', { a1: 'nvt', a2: 5, a3: 5, b1: 'nvt', b2: 'nvt', b3: 'nvt', b4: 4 }),
    ).toEqual({ a: 3, b: null })
    expect(scoreAnswers(mini, 'medewerker', { a1: 1, a2: 5, a3: 1, b1: 'nvt', b2: 'nvt', b3: 4, b4: 4 }).b).toBe(3)
  })

  it('scores only the dimensions a role is asked about', () => {
    expect(scoreAnswers(mini, 'tactisch', { b1: 5, b2: 5, b3: 1, b4: 5 })).toEqual({ b: 5 })
  })
})

describe('validateAnswers', () => {
  it('accepts a complete answer set and refuses what is outside the instrument', () => {
    expect(validateAnswers(mini, 'tactisch', { b1: 5, b2: 'nvt', b3: 1, b4: 2 }).ok).toBe(true)
    const refused = validateAnswers(mini, 'tactisch', { a1: 3, b1: 6, b2: 2.5, b3: '1', b4: null })
    expect(refused.ok).toBe(false)
    if (!refused.ok) expect(refused.problems).toHaveLength(5)
  })

  it('any answer set that passes scores within the scale (property)', () => {
    const value = fc.oneof(fc.integer({ min: -3, max: 9 }), fc.constant('nvt'), fc.double(), fc.string())
    const names = ['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4', 'x', '__proto__', 'constructor']
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), value), (answers) => {
        const checked = validateAnswers(mini, 'medewerker', answers)
        if (!checked.ok) return true
        for (const key of Object.keys(checked.answers))
          expect(['a1', 'a2', 'a3', 'b1', 'b2', 'b3', 'b4']).toContain(key)
        for (const s of Object.values(scoreAnswers(mini, 'medewerker', checked.answers))) {
          if (s !== null) expect(s >= 1 && s <= 5).toBe(true)
        }
        return true
      }),
      { numRuns: 500 },
    )
  })
})

describe('levels', () => {
  it('puts each band edge in the upper band, and 5 in the top band', () => {
    expect([1, 1.79, 1.8, 2.59, 2.6, 3.39, 3.4, 4.19, 4.2, 5].map((s) => bandOf(mini, s))).toEqual([
      1, 1, 2, 2, 3, 3, 4, 4, 5, 5,
    ])
  })

  it('caps a level at 3 when the spread is above 1.2, and only then', () => {
    expect(levelOf(mini, 4.5, 1.2)).toEqual({ level: 5, capped: false })
    expect(levelOf(mini, 4.5, 1.21)).toEqual({ level: 3, capped: true })
    expect(levelOf(mini, 3.0, 1.5)).toEqual({ level: 3, capped: false })
    expect(levelOf(mini, 4.5, null)).toEqual({ level: 5, capped: false })
  })
})
