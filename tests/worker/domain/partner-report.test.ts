import { describe, expect, it } from 'vitest'
import type { Score } from '../../../worker/domain/publication.ts'
import { strongestWeakest } from '../../../worker/domain/partner-report.ts'

/** What the report (worker/domain/partner-report.ts) picks out of a partner's scores. */

describe('strongest and weakest dimensions', () => {
  const s = (mean: number): Score => ({
    n: 9,
    mean,
    sd: 0.5,
    ci95: null,
    level: 3,
    capped: false,
    agreement: null,
    verdict: { level: null, because: 'not-yet-clear' },
  })
  it('names up to two of each, never one dimension in both, and none that is hidden', () => {
    expect(strongestWeakest({ a: s(3), b: s(4), c: null, d: s(2), e: s(3.5) }, ['a', 'b', 'c', 'd', 'e'])).toEqual({
      strongest: [
        { key: 'b', score: s(4) },
        { key: 'e', score: s(3.5) },
      ],
      weakest: [
        { key: 'd', score: s(2) },
        { key: 'a', score: s(3) },
      ],
      allClose: null,
    })
    expect(strongestWeakest({ a: s(3), b: s(4), c: s(2) }, ['a', 'b', 'c'])).toEqual({
      strongest: [{ key: 'b', score: s(4) }],
      weakest: [{ key: 'c', score: s(2) }],
      allClose: null,
    })
    expect(strongestWeakest({ a: s(3), b: null }, ['a', 'b'])).toEqual({ strongest: [], weakest: [], allClose: null })
    expect(strongestWeakest(null, ['a'])).toEqual({ strongest: [], weakest: [], allClose: null })
  })
  it('names a tie of any width whole: four of five dimensions at 1,9 are the weakest', () => {
    const r = strongestWeakest({ a: s(1.9), b: s(1.92), c: s(2.3), d: s(1.88), e: s(1.9) }, ['a', 'b', 'c', 'd', 'e'])
    expect(r.strongest.map((x) => x.key)).toEqual(['c'])
    expect(r.weakest.map((x) => x.key).sort()).toEqual(['a', 'b', 'd', 'e'])
    expect(r.allClose).toBeNull()
  })
  it('says all dimensions are equal rather than naming none', () => {
    const r = strongestWeakest({ a: s(4.3), b: s(4.31), c: s(4.27), d: s(4.3), e: s(4.3) }, ['a', 'b', 'c', 'd', 'e'])
    expect(r).toEqual({ strongest: [], weakest: [], allClose: { min: 4.3, max: 4.3 } })
    // A step apart as shown is close together, neither strong nor weak.
    expect(strongestWeakest({ a: s(4.3), b: s(4.24), c: s(4.3) }, ['a', 'b', 'c']).allClose).toEqual({
      min: 4.2,
      max: 4.3,
    })
  })
})
