import { describe, expect, it } from 'vitest'
import { icc, iccVerdict } from '../../../worker/domain/measurement-quality.ts'
import type { Moments } from '../../../worker/domain/stats.ts'

/**
 * The words for partner differences (measurement-quality.ts `iccVerdict`) replayed on simulated
 * scale scores with a known ICC(1): each score is 3 + u_g + e, u_g ~ N(0, ρσ²) per partner and
 * e ~ N(0, (1 − ρ)σ²), σ = 0,8, so ρ is the true share between partners. Seeded (Park–Miller), so
 * every run draws the same samples and the rates below are fixed numbers, not chances.
 */
function simulate(seed: number) {
  let s = seed
  const uniform = () => {
    s = (s * 16807) % 2147483647
    return s / 2147483647
  }
  const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
  return (sizes: readonly number[], rho: number): Moments[] =>
    sizes.map((n) => {
      const u = normal() * Math.sqrt(rho) * 0.8
      let sum = 0
      let sumsq = 0
      for (let i = 0; i < n; i++) {
        const x = 3 + u + normal() * Math.sqrt(1 - rho) * 0.8
        sum += x
        sumsq += x * x
      }
      return { n, sum, sumsq }
    })
}

/** The share of `reps` simulated scales whose words are each verdict. */
function rates(sizes: readonly number[], rho: number, reps: number, seed: number) {
  const draw = simulate(seed)
  const counts = { differ: 0, some: 0, small: 0, chance: 0 }
  for (let r = 0; r < reps; r++) counts[iccVerdict(icc(draw(sizes, rho))!)] += 1
  return Object.fromEntries(Object.entries(counts).map(([k, c]) => [k, c / reps])) as typeof counts
}

const six = [25, 25, 25, 25, 25, 25]

describe('the words for partner differences, from the F test and ICC(1)’s interval', () => {
  it('says partners differ about one time in twenty where they do not (the F test’s 5%), not more', () => {
    const none = rates(six, 0, 4000, 777)
    const differ = 1 - none.chance
    expect(differ).toBeLessThanOrEqual(0.08)
    // And not far below: a test that never says "differ" would pass the line above.
    expect(differ).toBeGreaterThanOrEqual(0.03)
    // Unequal partners and only three of them: the test holds its level there too.
    const few = rates([10, 30, 60], 0, 4000, 4242)
    expect(1 - few.chance).toBeLessThanOrEqual(0.08)
  })

  it('says "clearly differ" seldom where the true share between partners is only .05', () => {
    // Read from ICC(1) ≥ .10 this was 15.8% (a psychometrician's review); the interval's lower bound
    // reaches .05 at a true .05 at most one time in twenty.
    const small = rates(six, 0.05, 4000, 99)
    expect(small.differ).toBeLessThanOrEqual(0.08)
  })

  it('finds partners that really differ: true ICC(1) .15 over six partners of 25 reads "differ" four times in five', () => {
    const real = rates(six, 0.15, 2000, 31337)
    // 83% with this seed: the test's power at these sizes.
    expect(1 - real.chance).toBeGreaterThanOrEqual(0.75)
  })

  it('says that five partners at ICC(1) .53 and ICC(2) .99 clearly differ (it said "cannot yet be told")', () => {
    const groups = simulate(2024)([88, 88, 88, 88, 88], 0.53)
    const x = icc(groups)!
    expect(x.groups).toBe(5)
    expect(x.icc1).toBeGreaterThan(0.4)
    expect(x.icc2).toBeGreaterThan(0.98)
    expect(x.p).toBeLessThan(1e-6)
    expect(x.ci90[0]).toBeGreaterThanOrEqual(0.05)
    expect(iccVerdict(x)).toBe('differ')
  })
})
