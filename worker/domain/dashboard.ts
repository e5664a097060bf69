import type { Instrument, Role } from '../../schema/instrument.ts'
import { levelOf } from './levels.ts'
import { ci95, mean, sampleSd, welch, type Moments } from './stats.ts'
import { suppressMargin } from './suppression.ts'

/** A rollup row as the dashboard reads it: per dimension [n, sum, sumsq, level counts…]. */
export type Cell = { partnerId: string; role: Role; n: number; stats: Record<string, number[]> }

export type Score = { n: number; mean: number; sd: number | null; ci95: [number, number] | null; level: number; capped: boolean }
export type CellView = { n: number | null; suppressed: boolean; scores: Record<string, Score | null> | null }

const PROGRAMME = '*programme*'

const moments = (s: number[] | undefined): Moments => ({ n: s?.[0] ?? 0, sum: s?.[1] ?? 0, sumsq: s?.[2] ?? 0 })

/** Adds one cell's per-dimension moments into an accumulator, element by element. */
export function addStats(into: Record<string, number[]>, from: Record<string, number[]>): void {
  for (const [key, values] of Object.entries(from)) {
    const acc = (into[key] ??= new Array<number>(values.length).fill(0))
    values.forEach((v, i) => (acc[i] = (acc[i] ?? 0) + v))
  }
}

/** Mean, spread, interval and level of one dimension in one cell; null below two scored answers' worth of meaning. */
export function scoreOf(ins: Instrument, m: Moments): Score | null {
  const mu = mean(m)
  if (mu === null) return null
  const sd = sampleSd(m)
  const { level, capped } = levelOf(ins, mu, sd)
  // A score cannot leave the scale, so neither may the interval around it (small, split groups would).
  const ci = ci95(m)
  const clip = (x: number) => Math.min(ins.scale.max, Math.max(ins.scale.min, x))
  return { n: m.n, mean: mu, sd, ci95: ci ? [clip(ci[0]), clip(ci[1])] : null, level, capped }
}

/**
 * Every partner's cell and the programme's for one wave and role, with primary and complementary
 * suppression applied to the response counts and, separately, to each dimension's count (a
 * dimension's moments add up across partners too). Works only from rollups.
 */
export function waveView(
  ins: Instrument,
  partnerIds: string[],
  cells: Cell[],
  role: Role,
  k: number,
  onlyPartner: string | null = null,
): { partners: Map<string, CellView>; programme: CellView } {
  const byPartner = new Map(cells.filter((c) => c.role === role).map((c) => [c.partnerId, c]))
  const outside = new Set(onlyPartner ? partnerIds.filter((id) => id !== onlyPartner) : [])
  const counts = partnerIds.map((id) => ({ key: id, n: byPartner.get(id)?.n ?? 0 }))
  const responses = suppressMargin(counts, k, outside)

  const total: Record<string, number[]> = {}
  for (const id of partnerIds) addStats(total, byPartner.get(id)?.stats ?? {})
  const dimensions = ins.dimensions.map((d) => d.key).filter((key) => key in total || cells.some((c) => key in c.stats))

  const perDimension = new Map(
    dimensions.map((key) => [
      key,
      suppressMargin(
        partnerIds.map((id) => ({ key: id, n: moments(byPartner.get(id)?.stats[key]).n })),
        k,
        // A partner hidden at response level stays hidden on every dimension.
        new Set([...responses.hidden]),
      ),
    ]),
  )

  const view = (key: string, stats: Record<string, number[]>, n: number, hidden: boolean): CellView => {
    if (hidden) return { n: null, suppressed: true, scores: null }
    const scores: Record<string, Score | null> = {}
    for (const d of dimensions) {
      const margin = perDimension.get(d)!
      const shown = key === PROGRAMME ? margin.totalShown : !margin.hidden.has(key)
      scores[d] = shown ? scoreOf(ins, moments(stats[d])) : null
    }
    return { n, suppressed: false, scores }
  }

  const partners = new Map(partnerIds.map((id) => [id, view(id, byPartner.get(id)?.stats ?? {}, byPartner.get(id)?.n ?? 0, responses.hidden.has(id))]))
  const programme = view(PROGRAMME, total, counts.reduce((a, c) => a + c.n, 0), !responses.totalShown)
  return { partners, programme }
}

export type Change = { diff: number; p: number; significant: boolean } | null

/** Welch's test per dimension between two visible cells; null where either side is hidden or too small. */
export function changeBetween(prev: CellView, next: CellView, comparable: (dimension: string) => boolean, stats: { prev: Record<string, number[]>; next: Record<string, number[]> }): Record<string, Change> | null {
  if (prev.suppressed || next.suppressed || !prev.scores || !next.scores) return null
  const change: Record<string, Change> = {}
  for (const d of Object.keys(next.scores)) {
    if (!prev.scores[d] || !next.scores[d] || !comparable(d)) {
      change[d] = null
      continue
    }
    const t = welch(moments(stats.prev[d]), moments(stats.next[d]))
    change[d] = t ? { diff: t.diff, p: t.p, significant: t.p < 0.05 } : null
  }
  return change
}
