import { describe, expect, it } from 'vitest'
import { sizeVersusTypical, type Gap } from '../../../worker/domain/gap.ts'

const gap = (g: number, ci95: [number, number] | null): Gap => ({
  manager: 3 + g,
  staff: 3,
  gap: g,
  ci95,
  reading: 'unclear',
})

describe('sizeVersusTypical: nearer to 0 than the usual gap, or further, by size not sign', () => {
  it.each([
    // −0,1 (−0,7 to 0,5) against +0,6: the interval reaches −0,6, so which is nearer 0 is not told.
    [-0.1, [-0.7, 0.5], 0.6, null],
    [-0.1, [-0.4, 0.2], 0.6, 'closer'],
    [0.1, [-0.2, 0.4], -0.6, 'closer'],
    [-0.9, [-1.5, -0.3], 0.6, null],
    [-0.9, [-1.2, -0.7], 0.6, 'further'],
    [1.2, [0.8, 1.6], 0.6, 'further'],
    [1.2, [0.8, 1.6], -0.6, 'further'],
    // Edges included, as versusTypical's: an interval that reaches ±|typical| does not tell them apart.
    [0.3, [0, 0.6], 0.6, null],
    [0.9, [0.6, 1.2], 0.6, null],
    // A usual gap of 0: nothing is nearer 0; further when the interval excludes 0.
    [0.4, [0.1, 0.7], 0, 'further'],
    [0, [-0.3, 0.3], 0, null],
  ] as const)('gap %d, interval %j, typical %d → %s', (g, ci, typical, want) => {
    expect(sizeVersusTypical(gap(g, [...ci]), typical)).toBe(want)
  })

  it('says nothing without an interval or a typical gap', () => {
    expect(sizeVersusTypical(gap(0.5, null), 0.2)).toBe(null)
    expect(sizeVersusTypical(gap(0.5, [0.1, 0.9]), null)).toBe(null)
  })
})
