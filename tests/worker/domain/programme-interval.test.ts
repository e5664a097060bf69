import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { sampleSd, tQuantile } from '../../../worker/domain/stats.ts'
import { cellView, designEffects, MIN_CLUSTERS, publishRole, withDesign } from '../../../worker/domain/publication.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { cellOf as cellOfAll, normal } from './simulated-cells.ts'
import { PROGRAMME_INTERVAL, withinFigure } from './simulation-figures.ts'

/**
 * The programme's 95% interval accounts for its answers coming in partners: widened by
 * the design effect 1 + (m̄ − 1) · ICC(1) (worker/domain/publication.ts `designEffects`), with
 * m̄ = Σn²/N. Partners differ (ICC(1) of .05–.20 is usual between organisations), so answers within
 * a partner are more alike than across partners, and an interval that treats N answers as N
 * independent ones is too narrow for the programme's mean: the simulation below shows how often
 * each interval holds the mean the programme's partners are drawn around.
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'
const d = 'kader'
const cellOf = (partnerId: string, scores: number[]) => cellOfAll(ins, role, d, partnerId, scores)

/** ICC(1) straight from the raw scores (one-way ANOVA, n₀ for unequal sizes), the reference. */
function iccDirect(groups: number[][]): number {
  const all = groups.flat()
  const N = all.length
  const G = groups.length
  const grand = all.reduce((a, b) => a + b, 0) / N
  const means = groups.map((g) => g.reduce((a, b) => a + b, 0) / g.length)
  const ssb = groups.reduce((a, g, i) => a + g.length * (means[i]! - grand) ** 2, 0)
  const ssw = groups.reduce((a, g, i) => a + g.reduce((b, x) => b + (x - means[i]!) ** 2, 0), 0)
  const msb = ssb / (G - 1)
  const msw = ssw / (N - G)
  const n0 = (N - groups.reduce((a, g) => a + g.length ** 2, 0) / N) / (G - 1)
  return (msb - msw) / (msb + (n0 - 1) * msw)
}

/** Partners around 3 with a partner effect of SD `between` and staff around it with SD `within`, clipped to 1–5. */
function draw(random: () => number, sizes: number[], between: number, within: number): number[][] {
  return sizes.map((size) => {
    const effect = between * normal(random)
    return Array.from({ length: size }, () => Math.min(5, Math.max(1, 3 + effect + within * normal(random))))
  })
}
const ids = (groups: number[][]) => groups.map((_, i) => `p${i}`)
const publish = (groups: number[][], k = 5) =>
  publishRole(
    ins,
    ids(groups),
    groups.map((g, i) => cellOf(`p${i}`, g)),
    role,
    k,
  )

describe("the programme's interval and its design effect", () => {
  it('is 1 + (Σn²/N − 1) · ICC(1) of the shown partners, ICC(1) as the raw scores give it', () => {
    const groups = draw(rng(5), [12, 30, 8, 20, 15, 40], 0.35, 0.75)
    const pub = publish(groups)
    const N = groups.flat().length
    const mBar = groups.reduce((a, g) => a + g.length ** 2, 0) / N
    const icc1 = iccDirect(groups)
    expect(icc1).toBeGreaterThan(0.05)
    expect(designEffects(pub)[d]!.deff).toBeCloseTo(1 + (mBar - 1) * icc1, 9)
    expect(pub.programme.design?.[d]).toEqual({ deff: designEffects(pub)[d]!.deff, partners: 6 })
    // The programme's half-width: t on the partners' degrees of freedom × sd × √(deff / N), around the same mean.
    const simple = cellView(ins, { ...pub.programme, design: undefined }, 'programme').scores![d]!
    const widened = cellView(ins, pub.programme, 'programme').scores![d]!
    const deff = pub.programme.design![d]!.deff
    const all = groups.flat()
    const sd = sampleSd({ n: N, sum: all.reduce((a, b) => a + b, 0), sumsq: all.reduce((a, b) => a + b * b, 0) })!
    expect(widened.mean).toBe(simple.mean)
    expect(widened.designEffect).toBe(deff)
    expect(widened.ci95![1] - widened.mean).toBeCloseTo((tQuantile(0.975, 5) * sd * Math.sqrt(deff)) / Math.sqrt(N), 9)
    expect(widened.ci95![0]).toBeLessThan(simple.ci95![0])
    const partner = cellView(ins, pub.partners.p0, 'partner').scores![d]!
    expect(partner.designEffect).toBeUndefined()
  })

  it(`is taken as 1 where partners differ less than chance, and not made below ${MIN_CLUSTERS} shown partners or from a hidden one`, () => {
    // Every partner the same scores: no between-partner variance, ICC(1) below 0.
    const same = [1, 2, 3, 4, 5].map(() => [2, 3, 4, 3, 2, 4, 3])
    expect(designEffects(publish(same))[d]!.deff).toBe(1)
    const groups = draw(rng(6), [20, 20, 20, 20], 0.5, 0.7)
    expect(publish(groups).programme.design![d]!.deff).toBeGreaterThan(1)
    expect(publish(groups.slice(0, MIN_CLUSTERS - 1)).programme.design).toBeUndefined()
    // A fifth partner of 3 (below k = 5) is in no published number, nor in the design effect.
    const withHidden = publish([...groups, [5, 5, 5]])
    expect(withHidden.partners.p4!.n).toBeNull()
    expect(withHidden.programme.design![d]).toEqual(publish(groups).programme.design![d])
    // Worked out again on read (worker/db/publications.ts), whatever a stored publication held.
    expect(
      withDesign({
        ...publish(groups),
        programme: { ...publish(groups).programme, design: { [d]: { deff: 99, partners: 4 } } },
      }).programme.design![d],
    ).toEqual(publish(groups).programme.design![d])
  })

  it('holds the mean the partners are drawn around in about 95% of programmes; without it, far fewer', () => {
    // 10 partners of 25, ICC(1) about .15 (between SD 0.31, within SD 0.74): a usual chain.
    const random = rng(2026)
    const reps = 600
    let simpleHolds = 0
    let widenedHolds = 0
    for (let r = 0; r < reps; r++) {
      const pub = publish(draw(random, new Array(10).fill(25), 0.31, 0.74))
      const truth = 3
      const widened = cellView(ins, pub.programme, 'programme').scores![d]!.ci95!
      const simple = cellView(ins, { ...pub.programme, design: undefined }, 'programme').scores![d]!.ci95!
      if (simple[0] <= truth && truth <= simple[1]) simpleHolds++
      if (widened[0] <= truth && truth <= widened[1]) widenedHolds++
    }
    // Found: the simple interval holds it in 64% of programmes, the widened one (t on 9 degrees of
    // freedom) in 93.5%, a little under 95% as ICC(1) is itself estimated from ten partners.
    expect(withinFigure(simpleHolds / reps, PROGRAMME_INTERVAL.simple), `simple ${simpleHolds / reps}`).toBe(true)
    expect(withinFigure(widenedHolds / reps, PROGRAMME_INTERVAL.widened), `widened ${widenedHolds / reps}`).toBe(true)
    expect(simpleHolds / reps).toBeLessThan(0.75)
    expect(widenedHolds / reps).toBeGreaterThan(0.9)
    expect(widenedHolds / reps).toBeLessThan(0.99)
  })
  it(`names no programme level below ${MIN_CLUSTERS} shown partners, however narrow its simple interval`, () => {
    // Three partners of 60 whose scores all lie around 3,0: the simple interval lies well within
    // level 3, but it holds the programme's mean in about two programmes of three at ICC .15 (the
    // review's simulation of 3 × 25), so it names no level. From four partners on it does.
    const alike = (p: number) => Array.from({ length: 60 }, (_, i) => 3 + (i % 2 ? 0.3 : -0.3) + p * 0.01)
    const three = cellView(ins, publish([0, 1, 2].map(alike)).programme, 'programme').scores![d]!
    expect(three.designEffect).toBeUndefined()
    expect(three.ci95![1] - three.ci95![0]).toBeLessThan(0.1)
    expect(three.verdict).toEqual({ level: null, because: 'not-yet-clear' })
    expect(three.level).toBeNull()
    // A partner of the same scores is named: the rule is the programme's.
    expect(cellView(ins, publish([0, 1, 2].map(alike)).partners.p0, 'partner').scores![d]!.verdict.level).toBe(3)
    const four = cellView(ins, publish([0, 1, 2, 3].map(alike)).programme, 'programme').scores![d]!
    expect(four.verdict).toEqual({ level: 3, because: 'interval' })
  })
})
