import { describe, expect, it } from 'vitest'
import { smallDifferences, type PooledFigure } from '../../../worker/domain/pool-differences.ts'

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
