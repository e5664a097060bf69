import type { Instrument, Role } from '../../../schema/instrument.ts'
import type { Cell } from '../../../worker/domain/publication.ts'
import { rollupDelta } from '../../../worker/domain/rollup.ts'

// The programme simulations draw with the one standard normal draw of tests/worker/fixtures.ts.
export { normal } from '../fixtures.ts'

/**
 * A rollup cell of one partner whose group of `role` scored `scores` on dimension `d` (every other
 * dimension left out): the sum of each score's moments as a submission adds them
 * (worker/domain/rollup.ts `rollupDelta`).
 */
export function cellOf(ins: Instrument, role: Role, d: string, partnerId: string, scores: number[]): Cell {
  const s = new Array<number>(3 + ins.levels.length).fill(0)
  for (const x of scores)
    rollupDelta(ins, { [d]: x })[d]!.forEach((v, i) => {
      s[i]! += v
    })
  return { partnerId, role, n: scores.length, stats: { [d]: s } }
}
