import { describe, expect, it } from 'vitest'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import {
  addAnswerSet,
  emptyPool,
  poolQuality,
  scaleQuality,
  withinScaleQuality,
  withinScales,
} from '../../../worker/domain/measurement-quality.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'

/**
 * α within partners from pooled moments (measurement-quality.ts `withinScales`) against α worked
 * straight from the raw answer sets with each set less its own partner's item means. Answers have
 * a known partner effect: keyed answer = round(3 + 0,6·(person + partner) + 0,6·noise) on 1–5, the
 * person's and the partner's effect of equal variance, so about half of what the questions share
 * lies between partners (ICC(1) near .5, as in a psychometrician's review), and 3% "don't know".
 */
const ins = findInstrument('coachende-manager')!
const role = 'medewerker' as const

function answerSets(partners: number, size: number, seed: number): Answers[][] {
  const random = rng(seed)
  const normal = () => Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random())
  const qs = scoredQuestions(ins, role)
  return Array.from({ length: partners }, () => {
    const u = normal()
    return Array.from({ length: size }, () => {
      const person = normal()
      const a: Answers = {}
      for (const q of qs) {
        if (random() < 0.03) {
          a[q.name] = ins.scale.dontKnow.value
          continue
        }
        const keyed = Math.min(5, Math.max(1, Math.round(3 + 0.6 * (person + u) + 0.6 * normal())))
        a[q.name] = q.reverse ? 6 - keyed : keyed
      }
      return a
    })
  })
}

/** α and item–rest r of a covariance matrix, straight from its definition. */
function direct(c: number[][]) {
  const k = c.length
  const sumAll = (m: number[][]) => m.flat().reduce((a, x) => a + x, 0)
  const total = sumAll(c)
  const trace = c.reduce((a, row, i) => a + row[i]!, 0)
  const alpha = (k / (k - 1)) * (1 - trace / total)
  const itemRest = c.map((row, i) => {
    const cov = row.reduce((a, x, j) => a + (j === i ? 0 : x), 0)
    const restVar = total - 2 * row.reduce((a, x) => a + x, 0) + c[i]![i]!
    return cov / Math.sqrt(c[i]![i]! * restVar)
  })
  return { alpha, itemRest }
}

describe('α within partners', () => {
  const byPartner = answerSets(6, 60, 20260)
  const pool = emptyPool(ins, role)
  for (const sets of byPartner) for (const a of sets) addAnswerSet(ins, role, pool, a)
  const within = withinScales(ins, role, byPartner, 5)

  it('equals α from the raw answer sets, each less its own partner’s means, to 1e-9, on every scale', () => {
    const qs = scoredQuestions(ins, role)
    for (const [key, m] of Object.entries(pool.scales)) {
      const items = m.items.map((name) => qs.find((q) => q.name === name)!)
      // Each partner's complete answer sets on the scale, keyed.
      const groups = byPartner.map((sets) =>
        sets
          .filter((a) => items.every((q) => typeof a[q.name] === 'number'))
          .map((a) => items.map((q) => (q.reverse ? 6 - (a[q.name] as number) : (a[q.name] as number)))),
      )
      const N = groups.reduce((a, g) => a + g.length, 0)
      const G = groups.filter((g) => g.length > 0).length
      const k = items.length
      const c = Array.from({ length: k }, () => new Array<number>(k).fill(0))
      for (const g of groups) {
        const means = items.map((_, i) => g.reduce((a, x) => a + x[i]!, 0) / g.length)
        for (const x of g)
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) c[i]![j]! += ((x[i]! - means[i]!) * (x[j]! - means[j]!)) / (N - G)
      }
      const want = direct(c)
      const got = withinScaleQuality(m, within[key]!)
      expect(got.basis).toBe('within')
      expect(got.n).toBe(N)
      expect(Math.abs(got.alpha! - want.alpha), key).toBeLessThan(1e-9)
      for (const [i, item] of got.items.entries())
        expect(Math.abs(item.itemRest! - want.itemRest[i]!), `${key} ${item.name}`).toBeLessThan(1e-9)
      // The same through the view's path (`poolQuality` with the within moments).
      expect(poolQuality(pool, within)!.scales[key]!.alpha).toBe(got.alpha)
      // Over all partners together α is higher: the partner effect counts as if the questions agreed.
      expect(scaleQuality(m).alpha! - got.alpha!, key).toBeGreaterThan(0.03)
    }
  })

  it('is withheld for a scale where a partner has fewer than k complete answer sets on it, or fewer than two partners have any', () => {
    const small = [...byPartner.slice(0, 3), byPartner[3]!.slice(0, 4)]
    for (const w of Object.values(withinScales(ins, role, small, 5))) expect(w).toBeNull()
    for (const w of Object.values(withinScales(ins, role, [byPartner[0]!], 5))) expect(w).toBeNull()
    // And poolQuality without them is over all partners together, and says so.
    expect(Object.values(poolQuality(pool)!.scales).every((s) => s.basis === 'total')).toBe(true)
  })
})
