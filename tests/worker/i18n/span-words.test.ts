import { describe, expect, it } from 'vitest'
import { messages, spanWords } from '../../../worker/i18n/messages.ts'

/**
 * The levels a "not yet clear" score's interval spans, as the heatmap and the CSV say them
 * (worker/i18n/messages.ts `spanWords`): a programme of fewer than four shown partners names no level
 * from its interval, so its interval may lie in one band, which read "tussen niveau 3 en 3".
 */
describe('the levels an interval spans, in words', () => {
  it('names a range of two or more levels', () => {
    expect(spanWords(messages.nl, [2, 3])).toBe('(tussen niveau 2 en 3)')
    expect(spanWords(messages.en, [1, 4])).toBe('(between level 1 and 4)')
  })

  it('says "within" for one level, never "between 3 and 3"', () => {
    expect(spanWords(messages.nl, [3, 3])).toBe('(binnen niveau 3)')
    expect(spanWords(messages.en, [5, 5])).toBe('(within level 5)')
  })
})
