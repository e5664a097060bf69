/**
 * The researcher's moments export (worker/services/export-service.ts `momentsExport`) attacked by
 * small differences (worker/domain/pool-differences.ts): its pools nest, answer sets complete on
 * every item inside those complete on a scale, those inside the ones the programme cell scores on
 * the dimension, so one figure minus another is the answer sets in the one and not the other. Here
 * one staff member of 104 answers "don't know" on kader_1 and everything else: the all-items pool
 * holds 103, the coaching scale 104, so the coaching sums and cross-products minus the all-items
 * ones were that one person's coaching answers; and the programme's published kader scores (104)
 * minus the kader scale's complete answer sets (103) were that person's kader score. The lead reads
 * the dashboard, the quality view and the export; the solver (solver.ts) holds the equations.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { readPoolItems, readPools } from '../../../worker/db/pool-moments.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { sharedItemsOf } from '../../../worker/domain/shared-items.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { signInAdmin } from '../helpers.ts'
import { answersFor, ins, ok, req, type ResultsJson } from './adversary.ts'
import { Frac, LinearSystem } from './solver.ts'
import { staffWave } from './staff-wave.ts'

type Pooled = { n: number | null; means: number[] | null; items?: string[] }
type ExportJson = {
  scales: Record<string, Pooled & { items: string[]; withheld: string | null }>
  items: {
    names: string[]
    n: number | null
    means: number[] | null
    withheld: string | null
    withinWithheld: string | null
  }
}

const items = scoredQuestions(ins, 'medewerker')
const keyOf = (name: string) => items.find((q) => q.name === name)!
/** The one who skips kader_1: coaching answered 1, 5, 2, 4, 1; kader 2, 3, 4 on the other three (score 3). */
const coaching = [1, 5, 2, 4, 1]
function target(): Answers {
  const a = answersFor('medewerker', { kader: 3 })
  for (const [i, q] of items.filter((x) => x.dimension === 'coaching').entries())
    a[q.name] = q.reverse ? ins.scale.min + ins.scale.max - coaching[i]! : coaching[i]!
  a.kader_1 = ins.scale.dontKnow.value
  for (const [i, name] of ['kader_2', 'kader_3', 'kader_4'].entries())
    a[name] = keyOf(name).reverse ? ins.scale.min + ins.scale.max - (2 + i) : 2 + i
  return a
}

/**
 * The equations a lead holds from a pooled scale (its sums over its complete answer sets), the
 * figures over all items and the dashboard's kader scores: unknowns `all:*` for the answer sets
 * complete on every item, `few:*` for the coaching-complete ones outside them, `kader:*` for the
 * kader scores outside the kader scale's complete answer sets.
 */
function attack(scales: Record<string, Pooled>, all: Pooled & { names: string[] }, kader: { n: number; mean: number }) {
  const s = new LinearSystem()
  const sums = (p: Pooled) => (p.means ?? []).map((m) => Math.round(m * p.n!))
  const c = scales.coaching
  if (c?.n != null && c.means && all.n != null && all.means) {
    s.add({ 'all:n': 1, 'few:n': 1 }, c.n).add({ 'all:n': 1 }, all.n)
    const allSums = sums(all)
    for (const [i, name] of c.items!.entries()) {
      s.add({ [`all:${name}`]: 1, [`few:${name}`]: 1 }, sums(c)[i]!)
      s.add({ [`all:${name}`]: 1 }, allSums[all.names.indexOf(name)]!)
    }
  }
  const k = scales.kader
  if (k?.n != null && k.means) {
    // 12 × a score sum: the complete answer sets' kader scores are their items' mean.
    const twelve = Math.round((12 * sums(k).reduce((a, b) => a + b, 0)) / k.items!.length)
    s.add({ 'kader:n': 1 }, kader.n - k.n).add({ 'kader:12sum': 1 }, Math.round(12 * kader.n * kader.mean) - twelve)
  }
  return s.determined()
}

let lead: string
beforeAll(async () => {
  lead = await signInAdmin()
})

/** The closed wave of staffWave (staff-wave.ts), the first of partner A's `first`. */
async function answered(first: Answers): Promise<{ programmeId: string; waveId: string }> {
  const [programmeId, waveId] = await staffWave(lead, 'Verschil', first)
  return { programmeId, waveId }
}

// Each case answers 104 answer sets over HTTP: seconds on a busy machine.
describe("small differences in the researcher's moments export", { timeout: 60_000 }, () => {
  it('gives away nothing of the one who skipped kader_1, where the raw pools gave their coaching answers and kader score', async () => {
    const { programmeId, waveId } = await answered(target())
    const dashboard = await ok<ResultsJson>(
      req(`/api/programmes/${programmeId}/dashboard?wave=${waveId}&role=medewerker`, { cookie: lead }),
    )
    const kader = dashboard.programme.scores!.kader!
    expect(kader.n).toBe(104)
    const view = await ok<{ shown: boolean }>(
      req(`/api/programmes/${programmeId}/quality?wave=${waveId}&role=medewerker`, { cookie: lead }),
    )
    expect(view.shown).toBe(true)
    const file = await ok<ExportJson>(
      req(`/api/programmes/${programmeId}/quality/moments.json?wave=${waveId}&role=medewerker`, { cookie: lead }),
    )
    // The pools, as D1 holds them and the export gave them before small-difference withholding.
    const pool = (await readPools(env.DB, ins, waveId)).medewerker!
    const { items: raw } = await readPoolItems(env.DB, ins, waveId, 'medewerker')
    const rawScales = Object.fromEntries(
      Object.entries(pool.scales).map(([key, s]) => [
        key,
        { n: s.n, means: s.sum.map((x) => x / s.n), items: s.items },
      ]),
    )
    expect([pool.scales.coaching!.n, pool.scales.kader!.n, raw!.n]).toEqual([104, 103, 103])
    const before = attack(rawScales, { n: raw!.n, means: raw!.sum.map((x) => x / raw!.n), names: raw!.items }, kader)
    const coachingItems = pool.scales.coaching!.items
    expect(Object.fromEntries(coachingItems.map((name) => [name, before.get(`few:${name}`)?.toString()]))).toEqual(
      Object.fromEntries(coachingItems.map((name, i) => [name, String(coaching[i])])),
    )
    expect(before.get('few:n')).toEqual(new Frac(1n))
    expect(before.get('kader:12sum')).toEqual(new Frac(36n))
    // What the export gives the same solver: nothing of anyone (first, so a release that gave the
    // pools fails on what they give away).
    const after = attack(file.scales, file.items, kader)
    expect([...after.keys()].filter((x) => !x.startsWith('all:'))).toEqual([])
    // Because the kader scale (103 of the dimension's 104) and everything over all items (103 of the
    // coaching scale's 104) are withheld.
    expect(file.scales.kader).toMatchObject({ n: null, means: null, covariance: null, withheld: 'small-difference' })
    expect(file.scales.coaching).toMatchObject({ n: 104, withheld: null })
    expect(file.items).toMatchObject({
      n: null,
      means: null,
      withheld: 'small-difference',
      withinWithheld: 'small-difference',
    })
  })

  it("gives away nothing of the shared score of one who skipped autonomie_1 and autonomie_5: in staff's shared scores, not in the dimension's", async () => {
    // 3 of autonomie's 5 questions: no autonomie score (two thirds); 3 of the 4 shared ones: a shared
    // score (2, 4, 5: 11/3). So the dimension's scores are the scale's complete answer sets, and the
    // published shared scores one more: theirs, as the shared sum minus the scale's shared item sums.
    const shared = sharedItemsOf(ins)
      .find((d) => d.dimension === 'autonomie')!
      .shared.map((q) => q.name)
    const a = answersFor('medewerker', {})
    a.autonomie_1 = ins.scale.dontKnow.value
    a.autonomie_5 = ins.scale.dontKnow.value
    for (const [i, name] of shared.filter((x) => x !== 'autonomie_1').entries())
      a[name] = keyOf(name).reverse ? ins.scale.min + ins.scale.max - [2, 4, 5][i]! : [2, 4, 5][i]!
    const { programmeId, waveId } = await answered(a)
    const dashboard = await ok<ResultsJson>(
      req(`/api/programmes/${programmeId}/dashboard?wave=${waveId}&role=medewerker`, { cookie: lead }),
    )
    const published = dashboard.programme.shared!.autonomie!
    expect([dashboard.programme.scores!.autonomie!.n, published.n]).toEqual([103, 104])
    const solve = (scale: Pooled & { items: string[] }) => {
      const s = new LinearSystem()
      if (scale.n !== null && scale.means) {
        const sum = shared.reduce(
          (acc, name) => acc + Math.round(scale.means![scale.items.indexOf(name)]! * scale.n!),
          0,
        )
        s.add({ 'shared:n': 1 }, published.n - scale.n)
        s.add(
          { 'shared:12sum': 1 },
          Math.round(12 * published.n * published.mean) - Math.round((12 * sum) / shared.length),
        )
      }
      return s.determined()
    }
    const pool = (await readPools(env.DB, ins, waveId)).medewerker!.scales.autonomie!
    const before = solve({ n: pool.n, means: pool.sum.map((x) => x / pool.n), items: pool.items })
    expect(before.get('shared:n')).toEqual(new Frac(1n))
    expect(before.get('shared:12sum')).toEqual(new Frac(44n))
    const file = await ok<ExportJson>(
      req(`/api/programmes/${programmeId}/quality/moments.json?wave=${waveId}&role=medewerker`, { cookie: lead }),
    )
    expect([...solve(file.scales.autonomie!).keys()]).toEqual([])
    expect(file.scales.autonomie).toMatchObject({ n: null, means: null, withheld: 'small-difference' })
  })
})
