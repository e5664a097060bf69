import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { welch } from '../../../worker/domain/stats.ts'
import {
  cellView,
  changeBetween,
  matchedChange,
  MIN_CLUSTERS,
  moments,
  partnersChangedBetween,
  publishRole,
  type RolePublication,
} from '../../../worker/domain/publication.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { cellOf as cellOfAll, normal } from './simulated-cells.ts'
import { PROGRAMME_TREND, withinFigure } from './simulation-figures.ts'

/**
 * The programme's change between two waves is tested on the model its interval rests on: each
 * wave's variance sd² · deff / N with that wave's design effect, on J − 1
 * degrees of freedom (worker/domain/publication.ts `clusteredChange`). A programme's partners differ,
 * and by how much differs from wave to wave (a new team manager, a reorganisation), so with no
 * change in the programme its mean still moves by the partners' effects. Welch's test on the
 * programme's totals counts every answer as independent and calls that movement a change.
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'
const d = 'kader'
const cellOf = (partnerId: string, scores: number[]) => cellOfAll(ins, role, d, partnerId, scores)

/**
 * One wave: partners around 3 with an effect of SD `between` (`stable` of its variance kept from the
 * partner's lasting effect `lasting`, the rest drawn again), staff around it with SD `within`.
 */
function wave(random: () => number, sizes: number[], lasting: number[], stable: number): RolePublication {
  const between = 0.31
  const within = 0.74
  const groups = sizes.map((size, j) => {
    const effect = Math.sqrt(stable) * lasting[j]! + Math.sqrt(1 - stable) * between * normal(random)
    return Array.from({ length: size }, () => Math.min(5, Math.max(1, 3 + effect + within * normal(random))))
  })
  return publishRole(
    ins,
    groups.map((_, i) => `p${i}`),
    groups.map((g, i) => cellOf(`p${i}`, g)),
    role,
    5,
  )
}

/**
 * The programme's change on `d` between two waves' publications, as the trend and the stand-outs
 * test it; `matched`, with the change over the partners in both, as the trend gives a lead.
 */
function programmeChange(prev: RolePublication, next: RolePublication, matched = false) {
  return changeBetween(
    cellView(ins, prev.programme, 'programme'),
    cellView(ins, next.programme, 'programme'),
    () => true,
    { prev: prev.programme.stats!, next: next.programme.stats! },
    {
      partnersChanged: (dim) => partnersChangedBetween(prev, next, dim),
      design: { prev: prev.programme.design, next: next.programme.design },
      ...(matched ? { matched: (dim: string) => matchedChange(prev, next, dim) } : {}),
    },
  )![d]!
}

/** How often a programme with no true change is called changed, by the programme's test and by Welch's on its totals. */
function typeOne(seed: number, sizes: number[], stable: number, reps: number) {
  const random = rng(seed)
  let clustered = 0
  let naive = 0
  for (let r = 0; r < reps; r++) {
    const lasting = sizes.map(() => 0.31 * normal(random))
    const prev = wave(random, sizes, lasting, stable)
    const next = wave(random, sizes, lasting, stable)
    if (programmeChange(prev, next)!.significant) clustered++
    const w = welch(moments(prev.programme.stats![d]), moments(next.programme.stats![d]))!
    if (w.p < 0.05) naive++
  }
  return { clustered: clustered / reps, naive: naive / reps }
}

describe("the programme's change between waves", () => {
  it('is called real in at most 6% of programmes without a change, where Welch on the totals says so far more often', () => {
    // 10 partners of 25, ICC(1) about .15, partner effects drawn again each wave.
    const even = typeOne(16, new Array(10).fill(25), 0, 1500)
    // Found: 4.1% by the programme's test, 36.5% by Welch's on the totals (the review's own simulation: 36%).
    expect(even.clustered).toBeLessThanOrEqual(0.06)
    expect(even.naive).toBeGreaterThan(0.25)
    // Eight unequal partners, half the partner variance lasting: 1.4%, against 30.5% by Welch's.
    const uneven = typeOne(17, [60, 40, 30, 20, 15, 12, 10, 8], 0.5, 1500)
    expect(uneven.clustered).toBeLessThanOrEqual(0.06)
    expect(uneven.naive).toBeGreaterThan(0.12)
    for (const [what, got] of Object.entries({ even, uneven }) as ['even' | 'uneven', typeof even][]) {
      expect(withinFigure(got.clustered, PROGRAMME_TREND[what].clustered), `${what} clustered ${got.clustered}`).toBe(
        true,
      )
      expect(withinFigure(got.naive, PROGRAMME_TREND[what].naive), `${what} naive ${got.naive}`).toBe(true)
    }
  })

  it('still finds a real change of half a point in a usual programme', () => {
    const random = rng(18)
    const sizes = new Array(10).fill(25)
    let found = 0
    const reps = 200
    for (let r = 0; r < reps; r++) {
      const lasting = sizes.map(() => 0.31 * normal(random))
      const prev = wave(random, sizes, lasting, 0)
      const next = wave(random, sizes, lasting, 0)
      // Every score half a point up: the same programme a wave later, better by 0.5 on the mean.
      for (const c of Object.values(next.partners)) {
        const [n, sum, sumsq] = c.stats![d]!
        c.stats![d]!.splice(0, 3, n!, sum! + 0.5 * n!, sumsq! + sum! + 0.25 * n!)
      }
      const total = next.programme.stats![d]!
      const [n, sum, sumsq] = total
      total.splice(0, 3, n!, sum! + 0.5 * n!, sumsq! + sum! + 0.25 * n!)
      if (programmeChange(prev, next)!.significant) found++
    }
    // Found: 84% of such programmes.
    expect(found / reps).toBeGreaterThan(0.7)
    expect(withinFigure(found / reps, PROGRAMME_TREND.found), `found ${found / reps}`).toBe(true)
  })

  it(`is not tested below ${MIN_CLUSTERS} shown partners, where no design effect can be worked out`, () => {
    const random = rng(19)
    const sizes = new Array(MIN_CLUSTERS - 1).fill(40)
    const lasting = sizes.map(() => 0)
    const prev = wave(random, sizes, lasting, 1)
    const next = wave(random, sizes, lasting, 1)
    // A change as large as 1 on the whole scale: Welch's test would call it real at any p.
    for (const cell of [next.programme, ...Object.values(next.partners)]) {
      const [n, sum, sumsq] = cell.stats![d]!
      cell.stats![d]!.splice(0, 3, n!, sum! + n!, sumsq! + 2 * sum! + n!)
    }
    expect(welch(moments(prev.programme.stats![d]), moments(next.programme.stats![d]))!.p).toBeLessThan(0.001)
    const change = programmeChange(prev, next)!
    expect(change).toMatchObject({ p: null, significant: false, fewPartners: true })
    expect(change.diff).toBeGreaterThan(0.5)
  })

  it('tests the change over the partners shown in both waves where the total holds other partners, as a programme of those partners alone is tested', () => {
    const random = rng(23)
    for (const shift of [0, 1]) {
      const sizes = [12, 20, 8, 30, 15, 10, 25]
      const lasting = sizes.map(() => 0.31 * normal(random))
      const draw = (extra: number) =>
        sizes.map((size, j) =>
          Array.from({ length: size }, () => Math.min(5, Math.max(1, 3 + extra + lasting[j]! + 0.74 * normal(random)))),
        )
      const [was, now] = [draw(0), draw(shift)]
      const ids = sizes.map((_, i) => `p${i}`)
      // p7 shown before (9 scores), hidden now (3, below k = 5); p8 hidden before, shown now.
      const before = publishRole(
        ins,
        [...ids, 'p7', 'p8'],
        [...was.map((g, i) => cellOf(`p${i}`, g)), cellOf('p7', new Array(9).fill(1)), cellOf('p8', [5, 5])],
        role,
        5,
      )
      const after = publishRole(
        ins,
        [...ids, 'p7', 'p8'],
        [...now.map((g, i) => cellOf(`p${i}`, g)), cellOf('p7', [1, 1, 1]), cellOf('p8', new Array(9).fill(5))],
        role,
        5,
      )
      expect(partnersChangedBetween(before, after, d)).toBe(true)
      // The same partners alone, published as a programme of their own: what the matched change must equal.
      const alone = (groups: number[][]) =>
        publishRole(
          ins,
          ids,
          groups.map((g, i) => cellOf(`p${i}`, g)),
          role,
          5,
        )
      const [a, b] = [alone(was), alone(now)]
      const expected = programmeChange(a, b)!
      expect(expected.p).not.toBeNull()
      const matched = matchedChange(before, after, d)!
      expect(matched.partners).toBe(7)
      expect(matched.diff).toBeCloseTo(expected.diff, 12)
      expect(matched.p).toBeCloseTo(expected.p!, 12)
      expect(matched.significant).toBe(expected.significant)
      expect(matched.from).toBeCloseTo(cellView(ins, a.programme, 'programme').scores![d]!.mean, 12)
      expect(matched.to).toBeCloseTo(cellView(ins, b.programme, 'programme').scores![d]!.mean, 12)
      // The programme's own change stays untested; the matched one rides beside it.
      const change = programmeChange(before, after, true)
      expect(change).toMatchObject({ p: null, significant: false, partnersChanged: true, matched })
      // A whole point up, on 6 degrees of freedom: real.
      if (shift > 0) expect(matched.significant).toBe(true)
    }
    // Fewer than MIN_CLUSTERS partners in both: none.
    const few = (scores: number) =>
      publishRole(
        ins,
        ['a', 'b', 'c', 'x'],
        [
          ...['a', 'b', 'c'].map((id) => cellOf(id, new Array(8).fill(scores))),
          cellOf('x', scores === 3 ? new Array(8).fill(3) : [3]),
        ],
        role,
        5,
      )
    expect(matchedChange(few(3), few(4), d)).toBeNull()
  })

  it('gives a margin that leaves 0 out exactly when it calls the change real, for the programme and for a partner', () => {
    const random = rng(20)
    const seen = { real: 0, chance: 0 }
    for (let r = 0; r < 400; r++) {
      const sizes = Array.from({ length: MIN_CLUSTERS + Math.floor(random() * 8) }, () => 5 + Math.floor(random() * 30))
      const lasting = sizes.map(() => 0.31 * normal(random))
      const prev = wave(random, sizes, lasting, 0.5)
      const next = wave(random, sizes, lasting, 0.5)
      const shift = random() * 0.8
      for (const cell of [next.programme, ...Object.values(next.partners)]) {
        const [n, sum, sumsq] = cell.stats![d]!
        cell.stats![d]!.splice(0, 3, n!, sum! + shift * n!, sumsq! + 2 * shift * sum! + shift * shift * n!)
      }
      const partner = changeBetween(
        cellView(ins, prev.partners.p0!, 'partner'),
        cellView(ins, next.partners.p0!, 'partner'),
        () => true,
        { prev: prev.partners.p0!.stats!, next: next.partners.p0!.stats! },
      )![d]!
      for (const c of [programmeChange(prev, next)!, partner]) {
        if (c.p === null) continue
        expect(c.margin).toBeGreaterThanOrEqual(0)
        expect(Math.abs(c.diff) > c.margin).toBe(c.significant)
        seen[c.significant ? 'real' : 'chance']++
      }
    }
    expect(seen.real).toBeGreaterThan(50)
    expect(seen.chance).toBeGreaterThan(50)
  })
})
