import { describe, expect, it } from 'vitest'
import type { Score } from '../../../worker/domain/publication.ts'
import { strongestWeakest } from '../../../worker/services/report-service.ts'

/** What the report (worker/services/report-service.ts) picks out of a partner's scores. */

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
    })
    expect(strongestWeakest({ a: s(3), b: s(4), c: s(2) }, ['a', 'b', 'c'])).toEqual({
      strongest: [{ key: 'b', score: s(4) }],
      weakest: [{ key: 'c', score: s(2) }],
    })
    expect(strongestWeakest({ a: s(3), b: null }, ['a', 'b'])).toEqual({ strongest: [], weakest: [] })
    expect(strongestWeakest(null, ['a'])).toEqual({ strongest: [], weakest: [] })
  })
})
