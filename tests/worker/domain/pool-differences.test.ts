import { describe, expect, it } from 'vitest'
import {
  type ExportCounts,
  smallDifferences,
  type PooledFigure,
  withheldExportFigures,
} from '../../../worker/domain/pool-differences.ts'

/** Small-difference withholding on hand-made nests of pooled figures (k = 5); over HTTP in tests/worker/anonymity/small-difference.test.ts. */

const dims = (n: number): PooledFigure => ({ key: 'dimension', n, within: [], fixed: true })
const scale = (n: number): PooledFigure => ({ key: 'scale', n, within: ['dimension'] })
const items = (n: number): PooledFigure => ({ key: 'items', n, within: ['scale'] })

describe('small-difference withholding', () => {
  it('keeps figures whose differences are 0 or k and more', () => {
    expect(smallDifferences([dims(100), scale(100), items(95)], 5)).toEqual(new Set())
    expect(smallDifferences([dims(100), scale(90), items(90)], 5)).toEqual(new Set())
  })

  it('withholds a figure 1 to k − 1 inside a published one, and one 1 to k − 1 larger than a published one inside it', () => {
    expect(smallDifferences([dims(100), scale(99), items(90)], 5)).toEqual(new Set(['scale']))
    expect(smallDifferences([dims(100), scale(96), items(90)], 5)).toEqual(new Set(['scale']))
    expect(smallDifferences([dims(100), scale(100), items(99)], 5)).toEqual(new Set(['items']))
    // Listed the other way round, the larger goes: the order says what a caller would rather keep.
    expect(
      smallDifferences(
        [
          { key: 'inner', n: 50, within: ['outer'] },
          { key: 'outer', n: 53, within: [] },
        ],
        5,
      ),
    ).toEqual(new Set(['outer']))
  })

  it('compares through a withheld figure with what is still published, and never a fixed one away', () => {
    // The scale goes (1 inside the dimension); the items then differ from the dimension by 8: kept.
    expect(smallDifferences([dims(100), scale(99), items(92)], 5)).toEqual(new Set(['scale']))
    // The items are inside the dimension through the scale: 3 from it is small even with the scale gone.
    expect(smallDifferences([dims(100), scale(99), items(97)], 5)).toEqual(new Set(['scale', 'items']))
    expect(smallDifferences([dims(3), scale(3)], 5)).toEqual(new Set(['scale']))
  })

  it('withholds a figure of 1 to k − 1 answer sets on its own: it is that many minus nothing', () => {
    expect(smallDifferences([{ key: 'few', n: 4, within: [] }], 5)).toEqual(new Set(['few']))
    expect(smallDifferences([{ key: 'none', n: 0, within: [] }], 5)).toEqual(new Set())
    expect(smallDifferences([{ key: 'enough', n: 5, within: [] }], 5)).toEqual(new Set())
  })

  it('leaves figures that are not nested alone, whatever their counts', () => {
    const a: PooledFigure = { key: 'a', n: 50, within: [] }
    const b: PooledFigure = { key: 'b', n: 51, within: [] }
    expect(smallDifferences([a, b], 5)).toEqual(new Set())
  })
})

/**
 * The export's nest (k = 5): scale a of items a1, a2 and scale b of b1; pair n in crossIndex order
 * (a1a1, a1a2, a1b1, a2a2, a2b1, b1b1). Over HTTP in tests/worker/anonymity/pairwise.test.ts.
 */
function counts(pairs: number[] | null, over: Partial<ExportCounts> = {}): ExportCounts {
  return {
    scored: { a: [110], b: [120] },
    // Each question's answer sets: a pair list's diagonal.
    answered: pairs ? { a1: pairs[0]!, a2: pairs[3]!, b1: pairs[5]! } : { a1: 110, a2: 110, b1: 120 },
    scales: { a: { items: ['a1', 'a2'], n: 110 }, b: { items: ['b1'], n: 120 } },
    items: 100,
    pairs: pairs && { items: ['a1', 'a2', 'b1'], n: pairs },
    ...over,
  }
}

describe("small-difference withholding of the export's pairs", () => {
  it('keeps every pair where no two nested figures differ by 1 to k − 1', () => {
    expect(withheldExportFigures(counts([110, 110, 100, 110, 100, 120]), 5)).toEqual(new Set())
    expect(withheldExportFigures(counts([120, 110, 110, 115, 110, 120]), 5)).toEqual(new Set())
  })

  it('withholds a scale 1 to k − 1 inside one of its questions, with or without pairs', () => {
    // a2 was answered by scale a's 110 complete answer sets and 2 more: its published sum minus the scale's is theirs.
    expect(withheldExportFigures(counts(null, { answered: { a1: 110, a2: 112, b1: 120 } }), 5)).toEqual(
      new Set(['scale:a']),
    )
    // With pairs, a1 with a2 (110) is 2 inside a2 (112) as well: the whole block goes.
    expect(withheldExportFigures(counts([110, 110, 100, 112, 100, 120]), 5)).toEqual(new Set(['scale:a', 'pairs']))
  })

  it('withholds it for a pair 1 to k − 1 inside an item, and for the figures over all items 1 to k − 1 inside a pair', () => {
    // a1 with b1: 117 of b1's 120 and of a1's 120; nothing else is within 1 to 4.
    expect(withheldExportFigures(counts([120, 110, 117, 110, 100, 120]), 5)).toEqual(new Set(['pairs']))
    // a2 with b1: 103, the 100 complete on every item and 3 more.
    expect(withheldExportFigures(counts([110, 110, 100, 110, 103, 120]), 5)).toEqual(new Set(['pairs']))
  })

  it('decides the scales and the figures over all items before the pairs, and without pairs as with', () => {
    // Scale a 108 inside its dimension's 110 goes; a1's 110 over it is then no difference, so the pairs stay.
    expect(
      withheldExportFigures(
        counts([110, 110, 100, 110, 100, 120], {
          scales: { a: { items: ['a1', 'a2'], n: 108 }, b: counts(null).scales.b! },
        }),
        5,
      ),
    ).toEqual(new Set(['scale:a']))
    expect(withheldExportFigures(counts(null, { items: 118 }), 5)).toEqual(new Set(['items']))
    expect(withheldExportFigures(counts(null, { items: null }), 5)).toEqual(new Set())
  })

  it('withholds the pairs whose diagonal is not the questions’ answer sets: a pool counted otherwise', () => {
    expect(
      withheldExportFigures(counts([110, 110, 100, 110, 100, 120], { answered: { a1: 110, a2: 110, b1: 130 } }), 5),
    ).toEqual(new Set(['pairs']))
  })
})
