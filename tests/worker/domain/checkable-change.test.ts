import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHECK_DIGITS, checkableChange, shownDiff } from '../../../worker/domain/levels.ts'
import { printedSteps } from '../fixtures.ts'

/**
 * A change without an arrow as the trend's sentence says it (worker/pages/results-tables.tsx
 * `TrendWhy`): every number the true rounding of its exact one, as the page prints it, and the
 * printed change within the printed margin, so "the change may also be 0" checks by hand. The
 * margin used to be rounded up to tenths: 0.247 printed "± 0,3", rounded up, which a lead compared with the trend API.
 */

const steps = printedSteps

describe('checkableChange', () => {
  it('says the margin of 0.247 as 0,25, not 0,3, beside the two means at two decimals', () => {
    expect(checkableChange(3.1512, 3.3934, 0.247, shownDiff(3.3934, 3.1512))).toEqual({
      digits: 2,
      from: 3.15,
      to: 3.39,
      diff: 0.24,
      margin: 0.25,
    })
  })

  it('takes a third decimal where two set the printed change past the printed margin', () => {
    // 3,15 → 3,40 is +0,25 against ± 0,24, though 0.242 is within 0.244.
    expect(checkableChange(3.154, 3.396, 0.244, shownDiff(3.396, 3.154))).toEqual({
      digits: 3,
      from: 3.154,
      to: 3.396,
      diff: 0.242,
      margin: 0.244,
    })
  })

  it('takes a third decimal where two print 0,00 for a change the table shows as 0,1', () => {
    // The table: 3,1 → 3,2; at two decimals 3,15 → 3,15.
    const said = checkableChange(3.1491, 3.1504, 0.3, shownDiff(3.1504, 3.1491))
    expect(said).toMatchObject({ digits: 3, from: 3.149, to: 3.15, margin: 0.3 })
    expect(said.diff).toBeCloseTo(0.001, 12)
  })

  it('adds up by hand, every number a true rounding, for any change within its margin', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1, max: 5, noNaN: true }),
        fc.double({ min: 1, max: 5, noNaN: true }),
        // From 0.0002 on four decimals always check: each rounding is off by half a step at most.
        fc.double({ min: 0.0002, max: 3, noNaN: true }),
        (from, to, slack) => {
          const margin = Math.abs(to - from) + slack
          const s = checkableChange(from, to, margin, shownDiff(to, from))
          const k = s.digits
          expect(k).toBeGreaterThanOrEqual(CHECK_DIGITS.from)
          expect(k).toBeLessThanOrEqual(CHECK_DIGITS.to)
          expect(steps(s.from, k)).toBe(steps(from, k))
          expect(steps(s.to, k)).toBe(steps(to, k))
          expect(steps(s.margin, k)).toBe(steps(margin, k))
          expect(steps(s.diff, k)).toBe(steps(s.to, k) - steps(s.from, k))
          expect(Math.abs(steps(s.diff, k))).toBeLessThanOrEqual(steps(s.margin, k))
          // Moved in the table, moved as said (but for two means within a hair of a tenths' edge, at the most decimals).
          if (shownDiff(to, from) !== 0 && k < CHECK_DIGITS.to) expect(s.diff).not.toBe(0)
          // The fewest decimals: at two wherever two already check.
          const two = steps(to, 2) - steps(from, 2)
          if (Math.abs(two) <= steps(margin, 2) && (two !== 0 || shownDiff(to, from) === 0)) expect(k).toBe(2)
        },
      ),
      { numRuns: 5000 },
    )
  })
})
