import type { Role } from '../../schema/instrument.ts'
import type { Action } from '../db/actions.ts'
import type { Programme } from '../db/programmes.ts'
import { actionOutcomes, type TrendStep } from '../domain/action-outcomes.ts'
import { dimensionsFor } from '../domain/instrument-rules.ts'
import { shown } from '../domain/levels.ts'
import type { Score } from '../domain/publication.ts'
import { closeTogether, strongestAndWeakest } from '../domain/standouts.ts'
import { refuse } from './refusal.ts'
import { dashboardOf, instrumentOf, trendOf } from './results-service.ts'
import type { ProgrammeData } from '../domain/wave-results.ts'

/**
 * One partner's report for its management: the dashboard's cells of that partner and of the
 * programme, cut from the same publication (the dashboard of a reader limited to that partner,
 * so it holds nothing such a reader could not see), with the trend and the agreed actions.
 */

const partnerNotFound = (id: string) => refuse('report-partner-not-found', { partner: id.slice(0, 60) })

/** A partner's trend as the steps its actions are shown beside: the change and the shown means per wave. */
const stepsOf = (trend: ReturnType<typeof trendOf>): TrendStep[] =>
  trend.waves.map((w) => ({
    waveId: w.wave.id,
    label: w.wave.label,
    change: w.change,
    means: Object.fromEntries(Object.entries(w.scores ?? {}).map(([d, s]) => [d, s?.mean ?? null])),
  }))

type RankedDimension = { key: string; score: Score }

/**
 * The strongest and the weakest of the shown dimensions, by shown mean, by the stand-outs' rule
 * (worker/domain/standouts.ts `strongestAndWeakest`: ties as shown across the cut are named together). Hidden
 * dimensions are in neither.
 */
export function strongestWeakest(
  scores: Record<string, Score | null> | null,
  order: string[],
): { strongest: RankedDimension[]; weakest: RankedDimension[]; allClose: { min: number; max: number } | null } {
  const visible = order.flatMap((key) =>
    scores?.[key] ? [{ key, score: scores[key]!, mean: shown(scores[key]!.mean) }] : [],
  )
  // The report is about one partner, so a tie of any width is named whole (a lead's weakest
  // partner, 1,9 on four of five dimensions, read an empty "Zwakste dimensies" list).
  const { high, low } = strongestAndWeakest(visible, { wholeTies: true })
  const ranked = (xs: typeof visible) => xs.map(({ key, score }) => ({ key, score }))
  // Every shown dimension equal or a step apart (as shown): neither strong nor weak, and the report says so.
  return { strongest: ranked(high), weakest: ranked(low), allClose: closeTogether(visible) }
}

export function reportOf(
  programme: Programme,
  data: ProgrammeData,
  opts: { partnerId: string; waveId?: string; role: Role; k: number; onlyPartner: string | null; actions: Action[] },
) {
  if (opts.onlyPartner && opts.onlyPartner !== opts.partnerId) throw partnerNotFound(opts.partnerId)
  const partner = data.partners.find((p) => p.id === opts.partnerId)
  if (!partner) throw partnerNotFound(opts.partnerId)
  // The report shows its own partner only; its gap is set against the other partners' median
  // when the reader may see them all, and against nothing for a viewer limited to this partner.
  const d = dashboardOf(programme, data, {
    waveId: opts.waveId,
    role: opts.role,
    k: opts.k,
    onlyPartner: partner.id,
    gapPeers: opts.onlyPartner ? 'shown' : 'all',
  })
  const cell = d.partners.find((p) => p.id === partner.id) ?? null
  const trend = trendOf(data, { partnerId: partner.id, role: opts.role, k: opts.k, onlyPartner: partner.id })
  const { strongest, weakest, allClose } = strongestWeakest(
    cell?.scores ?? null,
    d.dimensions.map((x) => x.key),
  )
  // Question detail: the weakest dimensions, or, when every shown dimension is close to the others
  // (no weakest), the first two at the lowest shown mean, so a partner whose scores are all alike still
  // reads which questions pull it down (a report of such a partner had no question detail at all).
  const atLowest = allClose
    ? d.dimensions
        .map((x) => x.key)
        .filter((key) => cell?.scores?.[key] && shown(cell.scores[key]!.mean) === allClose.min)
    : []
  const lowest = atLowest.slice(0, 2)
  // Of the weakest (lowest first), the two lowest, a tie with the second named whole (never one
  // of equals): a third table of questions ran the printed report a page longer.
  const second = weakest[1] ? shown(weakest[1].score.mean) : undefined
  const lowestWeak = weakest.filter((w) => second === undefined || shown(w.score.mean) <= second)
  const questionDims = weakest.length > 0 ? lowestWeak.map((w) => w.key) : lowest
  const steps = stepsOf(trend)
  const mine = opts.actions.filter((a) => a.partnerId === partner.id)
  const wave = data.waves.find((w) => w.id === d.wave.id)!
  const ins = instrumentOf(wave)
  return {
    d,
    partner: { id: partner.id, name: partner.name },
    /** The partner's cell in the wave shown; null when it did not take part in it. */
    cell,
    /**
     * How many dimensions both team managers and staff are asked: the gaps the partner could have,
     * shown or hidden. "On no dimension" is said only when every one of them is shown and reads alike.
     */
    gapDimensions: dimensionsFor(ins, 'teammanager').filter((x) => dimensionsFor(ins, 'medewerker').includes(x)).length,
    trend,
    strongest,
    weakest,
    /** The shown mean of every shown dimension when they are all equal: nothing is strongest or weakest. */
    allClose,
    /** The dimensions whose questions the report details: the two weakest (ties whole), or up to two at the lowest mean when all are close. */
    questionDims,
    /** Whether `questionDims` are the lowest of dimensions all close together rather than the weakest. */
    questionsLowest: weakest.length === 0 && lowest.length > 0,
    /** How many dimensions share that lowest shown mean (more than `questionDims` when over two). */
    lowestCount: atLowest.length,
    /** The wave's instrument and the partner's published cell: the question detail of its weakest dimensions, as published. */
    instrument: ins,
    published: data.publications.get(d.wave.id)?.roles[opts.role]?.partners[partner.id],
    /** The partner's actions, each with the next wave's change of its dimension (null where not shown). */
    actions: actionOutcomes(steps, mine),
    /** Actions recorded for the wave shown, also when the trend has no step for it yet. */
    actionsOfWave: mine.filter((a) => a.waveId === d.wave.id),
  }
}
export type Report = ReturnType<typeof reportOf>

/**
 * Every action a reader may see, each with the change of its dimension at the next wave in its
 * partner's trend for `role`: what the results page lists beside the trend. A partner's trend is
 * cut from the publications exactly as the report's, so a hidden cell gives no change.
 */
export function outcomesOf(data: ProgrammeData, actions: Action[], role: Role, k: number) {
  const byPartner = new Map<string, Action[]>()
  for (const a of actions) byPartner.set(a.partnerId, [...(byPartner.get(a.partnerId) ?? []), a])
  return [...byPartner].flatMap(([partnerId, mine]) => {
    if (!data.partners.some((p) => p.id === partnerId)) return []
    const trend = trendOf(data, { partnerId, role, k, onlyPartner: partnerId })
    return actionOutcomes(stepsOf(trend), mine)
  })
}
