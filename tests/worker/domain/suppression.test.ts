import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { suppressMargin } from '../../../worker/domain/suppression.ts'

const cells = (...ns: number[]) => ns.map((n, i) => ({ key: `p${i}`, n }))

describe('suppressMargin', () => {
  it('shows every cell of at least k', () => {
    expect(suppressMargin(cells(5, 9, 12), 5)).toEqual({ hidden: new Set(), totalShown: true })
  })

  it('hides a cell of k−1 and, as it alone could be worked out from the total, the next smallest too', () => {
    expect(suppressMargin(cells(4, 9, 7, 12), 5)).toEqual({ hidden: new Set(['p0', 'p2']), totalShown: true })
  })

  it('needs no complementary cell when the hidden cells already add up to k', () => {
    expect(suppressMargin(cells(3, 2, 9, 12), 5)).toEqual({ hidden: new Set(['p0', 'p1']), totalShown: true })
  })

  it('hides another cell when two hidden cells add up to less than k', () => {
    expect(suppressMargin(cells(1, 2, 9, 12), 5).hidden).toEqual(new Set(['p0', 'p1', 'p2']))
  })

  it('needs no complementary cell for an empty cell: a difference of 0 singles nobody out', () => {
    expect(suppressMargin(cells(0, 6, 8), 5).hidden).toEqual(new Set(['p0']))
    expect(suppressMargin(cells(0, 1, 6, 8), 5).hidden).toEqual(new Set(['p0', 'p1', 'p2']))
  })

  it('hides the total when all cells together are fewer than k', () => {
    expect(suppressMargin(cells(1, 2, 1), 5)).toEqual({ hidden: new Set(['p0', 'p1', 'p2']), totalShown: false })
  })

  it('treats cells hidden for another reason as hidden', () => {
    // p0 is hidden already (at response level, say); alone it would be derivable from the total: hide its complement.
    expect(suppressMargin(cells(3, 10), 5, new Set(['p0'])).hidden).toEqual(new Set(['p0', 'p1']))
    expect(suppressMargin(cells(7, 10), 5, new Set(['p0'])).hidden).toEqual(new Set(['p0']))
  })

  it('never lets a hidden group below k be worked out from total minus visible cells (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.nat({ max: 30 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 3, max: 10 }), (ns, k) => {
        const cs = cells(...ns)
        const { hidden, totalShown } = suppressMargin(cs, k)
        for (const c of cs) if (!hidden.has(c.key)) expect(c.n).toBeGreaterThanOrEqual(k)
        if (!totalShown) {
          expect(hidden.size).toBe(cs.length)
          return
        }
        const residual = cs.filter((c) => hidden.has(c.key)).reduce((a, c) => a + c.n, 0)
        expect(residual === 0 || residual >= k).toBe(true)
      }),
      { numRuns: 2000 },
    )
  })
})
