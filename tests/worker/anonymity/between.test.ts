/**
 * The export's between-partner matrix and its scaling constant c
 * (worker/domain/pooled-covariance.ts `twoLevel`) are over shown partners only. The attack this
 * guards against: over every cell, c = (N² − Σ n_g²) / (N(G − 1)) with G and the pool's N gives
 * the hidden partners' Σ n_g and Σ n_g², and for two hidden partners those are their two sizes.
 * Replayed here on the real moments: it recovers both sizes when the hidden cells are counted,
 * and the guard withholds the two-level matrices instead.
 */
import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import {
  itemsFromVector,
  itemsVector,
  partnerItemsDelta,
  partnerItemsOf,
  roleItems,
  twoLevel,
  type TwoLevelCell,
} from '../../../worker/domain/pooled-covariance.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'

const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'

/** Complete answer sets (no "don't know"), so a cell's complete count is its published n. */
function answerSets(random: () => number, size: number): Answers[] {
  const effect = random() * 2 - 1
  return Array.from({ length: size }, () => {
    const out: Answers = {}
    for (const q of scoredQuestions(ins, role))
      out[q.name] = Math.min(5, Math.max(1, Math.round(3 + effect + 2 * (random() - 0.5))))
    return out
  })
}

/** The pool and the cells as D1 keeps them; `shown` as the publication says. */
function moments(groups: { answers: Answers[]; shown: boolean }[]) {
  const k = roleItems(ins, role).length
  const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!)
  let pooled = itemsVector(ins, role, groups[0]!.answers[0]!).map(() => 0)
  const cells: TwoLevelCell[] = groups.map((g) => {
    let sums = new Array<number>(k + 2).fill(0)
    for (const a of g.answers) {
      pooled = add(pooled, itemsVector(ins, role, a))
      sums = add(sums, partnerItemsDelta(ins, role, a))
    }
    return { items: partnerItemsOf(sums, k), answerSets: g.answers.length, shown: g.shown }
  })
  return { pool: itemsFromVector(ins, role, pooled), cells }
}

/** The reader's arithmetic: hidden sizes from N, G, c and the shown cells' published n; null unless two whole sizes come out. */
function hiddenSizes(N: number, G: number, c: number, shownSizes: number[]): number[] | null {
  const sum = N - shownSizes.reduce((a, n) => a + n, 0)
  const sumSq = N * N - c * N * (G - 1) - shownSizes.reduce((a, n) => a + n * n, 0)
  // a + b = sum, a² + b² = sumSq: a and b are the roots of t² − sum·t + (sum² − sumSq)/2.
  const product = (sum * sum - sumSq) / 2
  const d = sum * sum - 4 * product
  if (d < -1e-6) return null
  const roots = [(sum - Math.sqrt(Math.max(0, d))) / 2, (sum + Math.sqrt(Math.max(0, d))) / 2].map(
    (x) => Math.round(x * 1e6) / 1e6,
  )
  return roots.every(Number.isInteger) ? roots : null
}

describe('the between matrix and c over shown partners only', () => {
  const random = rng(808)
  const shownSizes = [30, 25, 40, 20]
  const hidden = [6, 9]
  const groups = [
    ...shownSizes.map((n) => ({ answers: answerSets(random, n), shown: true })),
    ...hidden.map((n) => ({ answers: answerSets(random, n), shown: false })),
  ]
  const { pool, cells } = moments(groups)

  it('without the guard, N, G and c give the two hidden partners their sizes', () => {
    const unguarded = twoLevel(
      pool,
      cells.map((c) => ({ ...c, shown: true })),
      5,
    )
    if (!('between' in unguarded)) throw new Error(`withheld: ${unguarded.withheld}`)
    expect(unguarded.between.groups).toBe(6)
    expect(hiddenSizes(pool.n, unguarded.between.groups, unguarded.between.c, shownSizes)).toEqual(hidden)
  })

  it('with it, a pool holding answer sets of partners not shown has no two-level matrices', () => {
    expect(twoLevel(pool, cells, 5)).toEqual({ withheld: 'hidden-partners' })
    // Only the shown partners' pool: given, and c tells nothing beyond their published sizes.
    const onlyShown = moments(groups.filter((g) => g.shown))
    const levels = twoLevel(onlyShown.pool, onlyShown.cells, 5)
    if (!('between' in levels)) throw new Error(`withheld: ${levels.withheld}`)
    const N = shownSizes.reduce((a, n) => a + n, 0)
    expect(levels.between.c).toBeCloseTo((N * N - shownSizes.reduce((a, n) => a + n * n, 0)) / (N * 3), 12)
  })
})
