import type { Role } from '../../schema/instrument.ts'
import type { Action } from '../db/actions.ts'
import type { Programme } from '../db/programmes.ts'
import { actionOutcomes, type TrendStep } from '../domain/action-outcomes.ts'
import { dimensionsFor } from '../domain/instrument-rules.ts'
import { reportFocus } from '../domain/partner-report.ts'
import { refuse } from './refusal.ts'
import { resultsFor, instrumentOf, trendOf } from './results-service.ts'
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
    hiddenBecause: w.suppressed ? (w.hiddenBecause ?? 'few') : null,
    notComparable: w.notComparable,
  }))

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
  const d = resultsFor(programme, data, {
    waveId: opts.waveId,
    role: opts.role,
    k: opts.k,
    onlyPartner: partner.id,
    gapPeers: opts.onlyPartner ? 'shown' : 'all',
  })
  const cell = d.partners.find((p) => p.id === partner.id) ?? null
  const trend = trendOf(data, { partnerId: partner.id, role: opts.role, k: opts.k, onlyPartner: partner.id })
  const focus = reportFocus(
    cell?.scores ?? null,
    d.dimensions.map((x) => x.key),
  )
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
    ...focus,
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
