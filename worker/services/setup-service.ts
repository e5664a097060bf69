import type { Lang } from '../../schema/format.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { listAudit, type AuditRow } from '../db/audit.ts'
import { listLinks, type LinkSummary } from '../db/links.ts'
import { listPeople, type Person } from '../db/people.ts'
import { listPartners, type Partner, type Programme } from '../db/programmes.ts'
import { listWaves, type Wave } from '../db/waves.ts'
import { comingWaves } from '../domain/cadence.ts'
import type { WaveChangeRecord } from '../domain/records.ts'
import { questionsFor } from '../domain/instrument-rules.ts'
import { referencePeriodMonths } from '../domain/instrument-wording.ts'
import { groupSizeOf, type WaveState, waveState } from '../domain/wave-lifecycle.ts'
import { cadenceInstrument } from './cadence-service.ts'
import { findInstrument, listInstruments } from './instrument-catalogue.ts'
import { loadProgramme } from './results-service.ts'
import { participationIn } from '../domain/wave-results.ts'
import { cadenceOf } from './wave-service.ts'

/** What the lead's setup page (worker/pages/setup-page.tsx) shows of one programme. */
export type SetupData = {
  programme: Programme
  partners: Partner[]
  waves: (Wave & { state: WaveState })[]
  /** The wave whose links are shown, with its state, and its links (no tokens: those exist only when made). */
  linkWave: (Wave & { state: WaveState }) | null
  /** The smallest group shown: the wave's for links, else what a new wave would promise. */
  groupSize: number
  /** While the shown wave is open: participation per partner and role, by the dashboard's rule. */
  participation: { k: number; partners: ReturnType<typeof participationIn> } | null
  /** The headcounts recorded in the shown wave while it is open, by which a group is below k in it (`belowGroupSize`). */
  linkChanges: WaveChangeRecord[]
  /** How many questions each role is asked in the shown wave's instrument version. */
  questions: Record<Role, number>
  links: LinkSummary[]
  people: Person[]
  coming: { opensAt: string; closesAt: string }[]
  instruments: { id: string; version: number; title: string }[]
  /** The signed-in person: they cannot change their own access here. */
  userId: string
  /**
   * The months the instrument of the cadence's next wave asks respondents to think back over
   * (`referencePeriodMonths`), or null where it names none: a cadence shorter than it is warned of.
   */
  referenceMonths: number | null
  /** False behind Cloudflare Access, where nobody has a password to invite to or reset. */
  passwords: boolean
  /** The dimensions of the instruments of the programme's waves, by key: the trail names an action's dimension with them. */
  dimensions: { key: string; label: Record<Lang, string> }[]
  /** One page of the programme's trail, newest first. */
  trail: { entries: AuditRow[]; page: number; more: boolean }
}

/**
 * Everything the setup page shows of a programme its reader may lead: partners, waves, people
 * and a page of the trail at once, then the links (and, while open, participation) of the wave
 * asked for, else the open one, else the latest.
 */
export async function setupOf(
  db: D1Database,
  programme: Programme,
  opts: {
    auditPage: number
    linkWaveId?: string
    minGroupSize: number
    userId: string
    passwords: boolean
    lang: Lang
  },
): Promise<SetupData> {
  const [partners, waves, people, trail] = await Promise.all([
    listPartners(db, programme.id),
    listWaves(db, programme.id),
    listPeople(db, programme.id),
    listAudit(db, programme.id, opts.auditPage),
  ])
  // Each wave's state is decided once, here, by the wave lifecycle; the page shows what it was told.
  const withState = waves.map((w) => ({ ...w, state: waveState(w) }))
  const linkWave =
    withState.find((w) => w.id === opts.linkWaveId) ??
    withState.find((w) => w.state === 'open') ??
    withState.at(-1) ??
    null
  const cadence = cadenceOf(programme)
  // While the shown wave is open, its participation per partner and role, by the results page's rule.
  const k = linkWave ? groupSizeOf(linkWave, opts.minGroupSize) : 0
  const open = linkWave?.state === 'open' ? await loadProgramme(db, programme.id, k) : null
  const participation = open && linkWave ? { k, partners: participationIn(open, linkWave, k) } : null
  // What each role is asked in the wave's instrument version, for the time the invitation promises.
  const linkInstrument = linkWave ? findInstrument(linkWave.instrument, linkWave.instrumentVersion) : undefined
  const questions = Object.fromEntries(
    ROLES.map((r) => [r, linkInstrument ? questionsFor(linkInstrument, r).length : 0]),
  ) as Record<Role, number>
  const instruments = listInstruments().flatMap((i) =>
    i.versions.map((version) => ({ id: i.id, version, title: findInstrument(i.id, version)!.title[opts.lang] })),
  )
  const dimensions = new Map<string, { key: string; label: Record<Lang, string> }>()
  for (const w of waves)
    for (const dim of findInstrument(w.instrument, w.instrumentVersion)?.dimensions ?? [])
      if (!dimensions.has(dim.key)) dimensions.set(dim.key, { key: dim.key, label: dim.label })
  return {
    programme,
    partners,
    waves: withState,
    dimensions: [...dimensions.values()],
    linkWave,
    groupSize: linkWave ? k : opts.minGroupSize,
    participation,
    linkChanges: (open && linkWave && open.changes.get(linkWave.id)) || [],
    questions,
    links: linkWave ? linksInOrder(await listLinks(db, linkWave.id), partners) : [],
    people,
    coming: cadence ? comingWaves(cadence, 3) : [],
    instruments,
    referenceMonths: referencePeriodMonths(cadenceInstrument(waves)),
    userId: opts.userId,
    passwords: opts.passwords,
    trail: { ...trail, page: opts.auditPage },
  }
}

/**
 * A wave's links in the order of the partner table above them (as a reader sorts names,
 * schema/format.ts `sortedByName`) and each partner's roles in the instrument's order: SQL's
 * ORDER BY put "GGD" before "Gemeente" and "tactisch" before "teammanager", so a lead with 40
 * partners looked for one in two orders on one page (a lead's walk-through).
 */
function linksInOrder(links: LinkSummary[], partners: Partner[]): LinkSummary[] {
  const at = new Map(partners.map((p, i) => [p.id, i]))
  return links.sort(
    (a, b) => (at.get(a.partnerId) ?? 0) - (at.get(b.partnerId) ?? 0) || ROLES.indexOf(a.role) - ROLES.indexOf(b.role),
  )
}
