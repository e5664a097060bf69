import type { Instrument, Role } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import {
  cellView,
  cellViews,
  changeBetween,
  partnersChangedBetween,
  publishWave,
  type CellView,
  type Publication,
  type PublishedCell,
  type RolePublication,
  type ViewOf,
} from '../domain/publication.ts'
import { comparableDimensions } from '../domain/instrument-rules.ts'
import { detailOfDimension, questionDetailOf, type QuestionDetail } from '../domain/question-detail.ts'
import { listPartners, type Partner, type Programme } from '../db/programmes.ts'
import {
  readClosedRollups,
  readParticipation,
  readPublications,
  readPublicationsOf,
  readWaveChanges,
  isShared,
  storePublication,
  type PublicationMeta,
  type PublicationScope,
  type WaveChangeRecord,
} from '../db/publications.ts'
import { listWaves, type Wave } from '../db/waves.ts'
import { askedKey, listAskedGroups } from '../db/links.ts'
import { groupSizeOf, takesPart, waveState } from '../domain/wave-lifecycle.ts'
import { intervalLevels, marginReaches, shown, shownAgreement, shownBands, shownInterval } from '../domain/levels.ts'
import { gapBases, partnerGaps, programmeGaps, type PartnerGap } from '../domain/gap.ts'
import { standoutsAndHeadlines } from '../domain/standouts.ts'
import { showsAnything } from '../domain/publication-parts.ts'
import { findInstrument } from './instrument-catalogue.ts'
import { refuse } from './refusal.ts'
import { fill } from '../../schema/format.ts'
import { type Lang, messages, spanWords } from '../i18n/messages.ts'
import { csvHeaderIn } from '../i18n/csv-header.ts'
import type { Action } from '../db/actions.ts'
import { sharedItemsOf } from '../domain/shared-items.ts'
import { participationOf, type Participation } from '../domain/participation.ts'

/**
 * What the dashboard shows, composed once for the JSON API, the page and the export. Every
 * number of a wave comes from its one publication, made when the wave closed and the same for
 * every reader; a reader limited to one partner gets a subset of its cells, never a different
 * cut (README, "Threat model"). While a wave is open nobody reads its scores: a lead sees only
 * participation.
 */

export const instrumentOf = (w: Wave): Instrument => findInstrument(w.instrument, w.instrumentVersion)!

export type ProgrammeData = {
  partners: Partner[]
  waves: Wave[]
  /** Every published wave, parsed or not: its threshold and whether it shows anything. */
  published: Map<string, PublicationMeta>
  /** The publications parsed: every one, or for the scope `{ wave }` those of the wave shown and the one before it. */
  publications: Map<string, Publication>
  scope: PublicationScope
  changes: Map<string, WaveChangeRecord[]>
  /** Answer sets per group of the waves that are open: participation, never scores. */
  participation: { waveId: string; partnerId: string; role: Role; n: number }[]
  /** The groups that have or had a link (db/links.ts `askedKey`): a role not asked of a partner says so. */
  asked: Set<string>
}

/**
 * One read of everything a programme's dashboard needs: rows grow with waves × partners × roles.
 * A wave that has closed but has no publication yet gets it now, from its rollups, once. With the
 * scope `{ wave }` only the publications of the wave shown and of the published wave before it
 * are parsed (what `dashboardOf` and `exportRows` read); every other wave is known only as
 * published, so `trendOf` refuses such data.
 */
export async function loadProgramme(
  db: D1Database,
  programmeId: string,
  configuredK: number,
  now = new Date(),
  scope: PublicationScope = { all: true },
): Promise<ProgrammeData> {
  const [partners, waves, { meta: published, parsed: publications }, changes, participation, asked] = await Promise.all(
    [
      listPartners(db, programmeId),
      listWaves(db, programmeId),
      readPublications(db, programmeId, scope),
      readWaveChanges(db, programmeId),
      readParticipation(db, programmeId),
      listAskedGroups(db, programmeId),
    ],
  )
  const unpublished = waves.filter((w) => waveState(w, now) === 'closed' && !published.has(w.id))
  await Promise.all(
    unpublished.map(async (w) => {
      const made = await publish(db, w, partners, configuredK)
      if (!made) return
      publications.set(w.id, made)
      published.set(w.id, { k: made.k, shows: showsAnything(made) })
    }),
  )
  const data: ProgrammeData = { partners, waves, published, publications, changes, participation, scope, asked }
  if (!('all' in scope)) {
    // The SQL picks the waves as pickWave does, by D1's clock; where the Worker's picks another
    // (a wave published by this request, or the clocks disagree at an opening), read it now.
    const missing = shownWith(data, scope.wave).filter((id) => published.has(id) && !publications.has(id))
    for (const [id, pub] of await readPublicationsOf(db, missing)) publications.set(id, pub)
  }
  return data
}

/** The wave shown for `waveId` and the published wave before it (for the stand-outs), as ids; none for a wave not of the programme. */
function shownWith(data: ProgrammeData, waveId: string | undefined): string[] {
  const wave = waveId ? data.waves.find((w) => w.id === waveId) : latestShown(data)
  if (!wave) return []
  const before = previousPublished(data, wave)
  return before ? [wave.id, before.id] : [wave.id]
}

/** Makes and stores a closed wave's publication; null while D1's clock still has it open. */
export async function publish(
  db: D1Database,
  wave: Wave,
  partners: Partner[],
  configuredK: number,
): Promise<Publication | null> {
  const cells = await readClosedRollups(db, wave.id)
  if (!cells) return null
  const ids = partners.filter((p) => takesPart(p, wave)).map((p) => p.id)
  return storePublication(db, wave.id, publishWave(instrumentOf(wave), ids, cells, groupSizeOf(wave, configuredK)))
}

const EMPTY: RolePublication = { dimensions: [], programme: { n: null, hidden: 'few', stats: null }, partners: {} }
const roleOf = (pub: Publication | undefined, role: Role): RolePublication => pub?.roles[role] ?? EMPTY

export function pickWave(data: ProgrammeData, id: string | undefined): Wave {
  if (id) {
    const wave = data.waves.find((w) => w.id === id)
    if (!wave) throw refuse('no-such-wave', { wave: id.slice(0, 60) })
    return wave
  }
  const wave = latestShown(data)
  if (!wave) throw refuse('no-waves')
  return wave
}

/**
 * The latest published wave that shows anything, else the latest that has opened: a wave that
 * is open has no results yet, and the lead wants the last real result.
 */
function latestShown(data: ProgrammeData): Wave | undefined {
  const opened = data.waves.filter((w) => waveState(w) !== 'planned')
  const shows = (w: Wave) => data.published.get(w.id)?.shows === true
  return opened.filter(shows).at(-1) ?? opened.at(-1) ?? data.waves.at(-1)
}

/** The latest published wave before `wave`: what the stand-outs call "since the last wave". */
function previousPublished(data: ProgrammeData, wave: Wave): Wave | undefined {
  return data.waves
    .slice(
      0,
      data.waves.findIndex((w) => w.id === wave.id),
    )
    .filter((w) => data.published.has(w.id))
    .at(-1)
}

/** A publication this read parsed; an error in the code (not the request) when its scope left it out. */
function parsedOf(data: ProgrammeData, wave: Wave): Publication | undefined {
  const pub = data.publications.get(wave.id)
  if (!pub && data.published.has(wave.id)) throw new Error(`publication of wave ${wave.id} not read in this scope`)
  return pub
}

/**
 * Managers' self-view minus staff view per partner and dimension, where both cells are shown,
 * largest first, each with its interval and against the median gap of the other partners the
 * reader is shown (domain/gap.ts `partnerGaps`): a limited viewer, shown one partner, gets no
 * comparison, as the others' gaps are not theirs to read.
 */
function gaps(
  ins: Instrument,
  partners: Partner[],
  peers: Partner[],
  staff: Map<string, CellView>,
  managers: Map<string, CellView>,
) {
  const rows: ({ partnerId: string; partner: string; dimension: string } & PartnerGap)[] = []
  const dims = ins.dimensions.map((d) => d.key)
  const all = partnerGaps(
    ins,
    peers.map((p) => ({ id: p.id, managers: managers.get(p.id), staff: staff.get(p.id) })),
    dims,
  )
  for (const p of partners) {
    for (const [dimension, g] of all.get(p.id) ?? []) rows.push({ partnerId: p.id, partner: p.name, dimension, ...g })
  }
  return rows.sort((a, b) => b.gap - a.gap)
}

/** Each taking-part partner's participation per role in an open wave, for its lead only. */
export function participationIn(data: ProgrammeData, wave: Wave, k: number) {
  const counts = data.participation.filter((c) => c.waveId === wave.id)
  return data.partners
    .filter((p) => takesPart(p, wave))
    .map((p) => ({
      id: p.id,
      name: p.name,
      roles: Object.fromEntries(
        ROLES.map((r) => [
          r,
          participationOf(counts.find((c) => c.partnerId === p.id && c.role === r)?.n ?? 0, k, p.headcounts[r]),
        ]),
      ) as Record<Role, Participation>,
    }))
}

/**
 * What a reader of the dashboard `d` sees of its wave's participation: a lead, while the wave is
 * open, to chase the response rate (never scores); no one else, and no one once it has closed.
 */
export const participationFor = (data: ProgrammeData, d: Pick<Dashboard, 'wave' | 'k'>, canLead: boolean) =>
  canLead && d.wave.state === 'open' ? participationIn(data, d.wave, d.k) : null

/**
 * The open wave a lead of the dashboard `d` is pointed to, to see its participation, when the
 * dashboard shows another wave (its latest result); none for anyone else.
 */
export function openWaveBeside(data: ProgrammeData, d: { wave: { id: string } }, canLead: boolean) {
  const open = canLead ? data.waves.find((w) => waveState(w) === 'open' && w.id !== d.wave.id) : undefined
  return open ? { id: open.id, label: open.label } : null
}

/**
 * The record of a wave shown beside its numbers, with the partner's name: the whole record to
 * every reader, a limited viewer too, since answers added to another partner's group change what
 * the totals around their own partner can give away.
 */
const changesOf = (data: ProgrammeData, wave: Wave) =>
  (data.changes.get(wave.id) ?? []).map((c) => ({
    ...c,
    partner: data.partners.find((p) => p.id === c.partnerId)?.name ?? '',
  }))

export function dashboardOf(
  programme: Programme,
  data: ProgrammeData,
  opts: {
    waveId?: string
    role: Role
    k: number
    onlyPartner: string | null
    /**
     * Whom a partner's gap is set against: the other partners shown (the default), or every partner
     * of the wave, for a partner's report read by someone who may see them all (report-service.ts).
     */
    gapPeers?: 'shown' | 'all'
    /** Question detail for every dimension of the role ("all", the default), for one, or none (left out of the answer). */
    questions?: 'all' | 'none' | (string & {})
  },
) {
  const wave = pickWave(data, opts.waveId)
  const instrument = instrumentOf(wave)
  const publication = parsedOf(data, wave)
  const before = publication ? previousPublished(data, wave) : undefined
  const beforePub = before ? parsedOf(data, before) : undefined
  const k = publication?.k ?? groupSizeOf(wave, opts.k)
  const inWave = data.partners.filter((p) =>
    publication
      ? p.id in roleOf(publication, opts.role).partners || ROLES.some((r) => p.id in roleOf(publication, r).partners)
      : takesPart(p, wave),
  )
  // Each published cell's view made once: the role shown is also one of staff and managers, and
  // the stand-outs read most of these cells again (BENCHMARKS.md, "The results API in parts"); for
  // publications read from D1, once per isolate (`derived`), else once for this request.
  const shared = publication !== undefined && isShared(publication) && (!beforePub || isShared(beforePub))
  const cells = shared ? sharedViews : cellViews()
  // What this reader is shown, as a key of what is derived from the publication for them.
  const whom = (list: Partner[]) => list.map((p) => `${p.id}\u0000${p.name}`).join('\u0001')
  const viewFor = (role: Role) => {
    const pub = roleOf(publication, role)
    return {
      programme: cells(instrument, pub.programme, 'programme'),
      partners: new Map(inWave.map((p) => [p.id, cells(instrument, pub.partners[p.id])])),
    }
  }
  const view = viewFor(opts.role)
  // A role is asked of a partner when its group had a link, or shows answers (which came through one).
  const askedOf = (partnerId: string, role: Role) =>
    data.asked.has(askedKey(wave.id, partnerId, role)) ||
    !cells(instrument, roleOf(publication, role).partners[partnerId]).suppressed
  const notAsked = (c: CellView, asked: boolean): CellView =>
    c.suppressed && !asked ? { ...c, hiddenBecause: 'not-asked' } : c
  const rolesAsked = Object.fromEntries(ROLES.map((r) => [r, inWave.some((p) => askedOf(p.id, r))])) as Record<
    Role,
    boolean
  >
  const staff = viewFor('medewerker')
  const managers = viewFor('teammanager')
  // A restricted reader gets a subset of the published cells, with the same numbers.
  const shown = opts.onlyPartner ? inWave.filter((p) => p.id === opts.onlyPartner) : inWave
  const asked = new Set(roleOf(publication, opts.role).dimensions)
  const dimensions = publication ? instrument.dimensions.filter((d) => asked.has(d.key)) : instrument.dimensions
  const told = derived(publication, `standouts|${before?.id}|${opts.role}|${whom(shown)}`, () =>
    standoutsFor(data, wave, publication, opts.role, shown, cells),
  )
  // Over the partners whose gaps the reader may compare with (as the median, `gap[].typical`): a
  // number made of other partners' gaps is not for a reader limited to one (domain/gap.ts `programmeGaps`).
  const typical = programmeGaps(
    instrument,
    (opts.gapPeers === 'all' ? inWave : shown).map((p) => ({
      managers: managers.partners.get(p.id),
      staff: staff.partners.get(p.id),
    })),
    instrument.dimensions.map((d) => d.key),
  )
  // The programme's response rate: its n is the sum of the shown partners'
  // (worker/domain/publication.ts `publishRole`), so it is over their headcounts, and only where every
  // one of them has one for the role; none for a reader limited to one partner, whom the other
  // partners' headcounts are not for.
  const counted = inWave.filter((p) => !view.partners.get(p.id)!.suppressed)
  const heads = counted.map((p) => p.headcounts[opts.role])
  const programmeRate =
    !opts.onlyPartner && view.programme.n !== null && counted.length > 0 && heads.every((h) => h)
      ? view.programme.n / heads.reduce<number>((a, h) => a + h!, 0)
      : null
  return {
    programme: {
      id: programme.id,
      name: programme.name,
      ...notAsked(view.programme, rolesAsked[opts.role]),
      responseRate: programmeRate,
    },
    /**
     * Per role, whether any partner of the wave was asked it (had a link): a role asked of nobody
     * is offered as a view only with that reason. Links are what the lead made, not counts.
     */
    rolesAsked,
    wave: { ...wave, state: waveState(wave) },
    /** Whether the wave's results are published; before that every cell is empty for everyone. */
    published: publication !== undefined,
    waves: data.waves.map((w) => ({ id: w.id, label: w.label, state: waveState(w) })),
    role: opts.role,
    k,
    dimensions,
    levels: instrument.levels.map(({ level, name, from, to, description, behaviour }) => ({
      level,
      name,
      from,
      to,
      description,
      behaviour,
    })),
    /** Rule set 1's standard-deviation cap (version 1); null from rule set 2 on. */
    dispersionCap: instrument.dispersionCap ?? null,
    /** The agreement rule a level is held back by (rule set 2 on); null for version 1. */
    agreement: instrument.agreement ?? null,
    /** The level bands at the shown precision, for every legend: no shown value in two bands. */
    bands: shownBands(instrument),
    partners: shown.map((p) => {
      const cell = notAsked(view.partners.get(p.id)!, askedOf(p.id, opts.role))
      const headcount = p.headcounts[opts.role]
      return {
        id: p.id,
        name: p.name,
        ...cell,
        headcount: p.headcount,
        headcounts: p.headcounts,
        // The response rate of the role shown, when the lead entered its headcount; hidden with the count.
        responseRate: headcount && cell.n !== null ? cell.n / headcount : null,
      }
    }),
    gap: derived(publication, `gap|${whom(shown)}|${opts.gapPeers === 'all' ? whom(inWave) : ''}`, () =>
      gaps(instrument, shown, opts.gapPeers === 'all' ? inWave : shown, staff.partners, managers.partners),
    ),
    /**
     * The programme's own gap per dimension: the mean of the partners' gaps where both groups are
     * shown, from four such partners on, with an interval from their spread (domain/gap.ts
     * `programmeGaps`), over the partners the reader compares with (as `gap[].typical`), and absent
     * for a dimension with fewer. Partners are compared with the other partners' median, not with this.
     */
    /**
     * Per partner shown, why its staff or its managers are not shown (null: shown): what keeps a
     * partner without gaps, which its report says about that partner only.
     * The same reasons as the heatmap's cells, so nothing new is told.
     */
    gapGroups: shown.map((p) => {
      const why = (v: typeof staff, role: Role) => {
        const c = notAsked(v.partners.get(p.id)!, askedOf(p.id, role))
        return c.suppressed ? (c.hiddenBecause ?? 'few') : null
      }
      return { id: p.id, staff: why(staff, 'medewerker'), managers: why(managers, 'teammanager') }
    }),
    /** Every dimension's name, for the gap tables: a gap compares dimensions of two roles, which need not be the role shown. */
    gapLabels: Object.fromEntries(instrument.dimensions.map((x) => [x.key, x.label])),
    gapTypical: [...typical].map(([dimension, g]) => ({
      dimension,
      // Its name too: the gap compares dimensions of two roles, which need not be the role shown.
      label: instrument.dimensions.find((x) => x.key === dimension)!.label,
      ...g,
    })),
    /** Per gap dimension whose two roles' scores rest on different questions: what the gap is computed on (domain/gap.ts `gapBases`). */
    gapBasis: gapBases(
      instrument,
      instrument.dimensions.map((x) => x.key),
      // What the gap compares: staff's score on the shared questions, where the publication keeps it.
      Object.values(roleOf(publication, 'medewerker').partners).some((p) => p.shared !== undefined) ? 'shared' : 'all',
    ),
    /** Links made and headcounts changed after the wave opened, for every reader, beside the numbers. */
    changes: changesOf(data, wave),
    /**
     * Per question of the role, its shares per group shown; null before the wave is
     * published; absent when not asked for.
     */
    questions: derived(publication, `questions|${opts.role}|${opts.questions ?? 'all'}|${whom(shown)}`, () =>
      questionsFor(instrument, publication, opts.role, dimensions, opts.questions ?? 'all', shown),
    ),
    /** What stands out, per programme and partner shown (domain/standouts.ts); empty before publication. */
    standouts: told.groups,
    /** The programme-wide sentences above them (domain/standouts.ts `headlinesOf`); empty before publication. */
    headlines: told.headlines,
  }
}

/** The question detail a dashboard was asked for: every dimension's, one dimension's (refused when the role was not asked it), or none. */
function questionsFor(
  instrument: Instrument,
  publication: Publication | undefined,
  role: Role,
  dimensions: { key: string }[],
  which: string,
  shown: Partner[],
): QuestionDetail | null | undefined {
  if (which === 'none') return undefined
  if (which !== 'all' && !dimensions.some((d) => d.key === which)) {
    throw refuse('questions-unknown-dimension', {
      dimension: which,
      role,
      dimensions: dimensions.map((d) => d.key).join(', '),
    })
  }
  if (!publication) return null
  const detail = questionDetailOf(
    instrument,
    role,
    publication.roles[role],
    shown.map((p) => p.id),
  )
  return which === 'all' ? detail : detailOfDimension(detail, which)
}

/**
 * Views of cells of publications read from D1 (worker/db/publications.ts `isShared`), made once
 * per isolate: such a publication never changes, and every read of its wave gets the same object.
 */
const sharedViews = cellViews()
const kept = new WeakMap<Publication, Map<string, unknown>>()
/** At most this many derived results per publication (readers × roles × question choices), the least recently used dropped. */
const KEPT_PER_PUBLICATION = 48

/**
 * What a read derives from a publication, made once per isolate when the publication is shared
 * (read from D1, never changed): the stand-outs, the gap table and the question detail of a
 * closed wave are the same for every reader shown the same partners under the same names, so
 * `key` holds everything besides the publication they depend on (the previous wave, the role,
 * the partners shown with their names). Anything else (a publication a caller built, none) is
 * made each time. The value is shared between reads: never change it.
 */
function derived<T>(publication: Publication | undefined, key: string, make: () => T): T {
  if (!publication || !isShared(publication)) return make()
  let map = kept.get(publication)
  if (!map) kept.set(publication, (map = new Map()))
  if (map.has(key)) {
    const value = map.get(key) as T
    map.delete(key)
    map.set(key, value)
    return value
  }
  const value = make()
  map.set(key, value)
  if (map.size > KEPT_PER_PUBLICATION) map.delete(map.keys().next().value!)
  return value
}

/** The stand-outs of a published wave against the latest published wave before it. */
function standoutsFor(
  data: ProgrammeData,
  wave: Wave,
  publication: Publication | undefined,
  role: Role,
  shownPartners: Partner[],
  view: ViewOf,
) {
  if (!publication) return { groups: [], headlines: [] }
  const before = previousPublished(data, wave)
  const previous = before
    ? { label: before.label, ins: instrumentOf(before), publication: parsedOf(data, before)! }
    : null
  return standoutsAndHeadlines({
    ins: instrumentOf(wave),
    publication,
    previous,
    role,
    partners: shownPartners.map((p) => ({ id: p.id, name: p.name })),
    view,
  })
}
export type Dashboard = ReturnType<typeof dashboardOf>

export function trendOf(
  data: ProgrammeData,
  opts: { partnerId?: string; role: Role; k: number; onlyPartner: string | null },
) {
  const partner = opts.partnerId ? data.partners.find((p) => p.id === opts.partnerId) : undefined
  if (opts.partnerId && (!partner || (opts.onlyPartner && opts.onlyPartner !== opts.partnerId))) {
    throw refuse('no-such-partner', { partner: opts.partnerId.slice(0, 60) })
  }
  if (!('all' in data.scope)) throw new Error('the trend reads every publication: load the programme with every one')
  // Published waves only: an open wave has no scores for anyone.
  const series = data.waves
    .filter((w) => data.publications.has(w.id))
    .map((w) => {
      const ins = instrumentOf(w)
      const pub = roleOf(data.publications.get(w.id), opts.role)
      const published = partner ? pub.partners[partner.id] : pub.programme
      // The moments behind the shown cell, for Welch's test: only what the publication holds.
      return {
        wave: w,
        ins,
        pub,
        cell: cellView(ins, published, partner ? 'partner' : 'programme'),
        stats: published?.stats ?? {},
        k: data.publications.get(w.id)!.k,
      }
    })
  return {
    partner: partner ? { id: partner.id, name: partner.name } : null,
    role: opts.role,
    // The largest threshold of the waves shown, for the "fewer than k" wording.
    k: Math.max(opts.k, ...series.map((s) => s.k)),
    waves: series.map((s, i) => {
      const prev = series[i - 1]
      const comparable = prev ? comparableDimensions(prev.ins, s.ins) : new Set<string>()
      return {
        wave: {
          id: s.wave.id,
          label: s.wave.label,
          opensAt: s.wave.opensAt,
          closesAt: s.wave.closesAt,
          instrumentVersion: s.wave.instrumentVersion,
        },
        ...s.cell,
        // The programme's change only between totals of the same partners (publication.ts `Change`).
        change: prev
          ? changeBetween(
              prev.cell,
              s.cell,
              (d) => comparable.has(d),
              { prev: prev.stats, next: s.stats },
              partner
                ? undefined
                : {
                    partnersChanged: (d) => partnersChangedBetween(prev.pub, s.pub, d),
                    design: { prev: prev.pub.programme.design, next: s.pub.programme.design },
                  },
            )
          : null,
        notComparable: prev ? s.ins.dimensions.map((d) => d.key).filter((d) => !comparable.has(d)) : [],
      }
    }),
  }
}
export type Trend = ReturnType<typeof trendOf>

/**
 * Why a CSV row shows no score (worker/i18n/csv-header.ts `hiddenReason`): too few answers (`few`),
 * held back although there are k, so that a small group cannot be worked out from it beside what
 * else is shown (`hidden`: a shared-questions score, worker/domain/publication.ts `withShared`,
 * rule 3), never asked (`not-asked`: no link was made for the group), or, for a shared-questions
 * score, not kept for this wave (`not-kept`: the group's rollup did not keep it for every answer
 * set, so `withShared` names no dimension of the group). Null where it is shown.
 */
type RowReason = 'few' | 'hidden' | 'not-asked' | 'not-kept' | null
const REASON_WORDS = {
  few: 'csvReason_few',
  hidden: 'csvReason_hidden',
  'not-asked': 'csvReason_notAsked',
  'not-kept': 'csvReason_notKept',
} as const

/**
 * Rows of the CSV export: every published cell of a wave for every role; nothing for a wave not
 * yet published. Beside each score, why it is missing where it is (`RowReason`); for staff, where
 * the dashboard shows it (the publication's `shared`, under the same suppression), the score on
 * the questions team managers are also asked, which the gap is computed on; and the agreed actions
 * of the wave for the partner and dimension, where the score is shown (an action says nothing
 * about a hidden group, worker/domain/action-outcomes.ts).
 */
export function exportRows(
  data: ProgrammeData,
  opts: { waveId?: string; onlyPartner: string | null; lang: Lang; actions?: readonly Action[] },
) {
  const wave = pickWave(data, opts.waveId)
  const instrument = instrumentOf(wave)
  const publication = parsedOf(data, wave)
  if (!publication) {
    throw refuse('wave-not-closed', { label: wave.label })
  }
  const { lang } = opts
  const t = messages[lang]
  const k = publication.k
  const staffOnly = new Map(sharedItemsOf(instrument).map((x) => [x.dimension, x.staffOnly]))
  const actionsOf = (partnerId: string | null, dimension: string) =>
    partnerId === null
      ? ''
      : (opts.actions ?? [])
          .filter((a) => a.waveId === wave.id && a.partnerId === partnerId && a.dimension === dimension)
          .map((a) => {
            const by = [a.owner, a.due].filter(Boolean).join(', ')
            return `${t[`actions_status_${a.status}`]}: ${a.what}${by ? ` (${by})` : ''}`
          })
          .join(' | ')
  const reasonText = (r: RowReason) => (r === null ? null : t[REASON_WORDS[r]])
  // One number format per column: exact values at four decimals, even a
  // mean of exactly 3 ("3,0000"), and what the pages show at their one decimal ("2,8").
  const exact = (x: number | null | undefined) => (x == null ? null : { fixed: x, digits: 4 })
  const asShown = (x: number | null | undefined) => (x == null ? null : { fixed: x, digits: 1 })
  const bands = shownBands(instrument)
  const rows: (string | number | null | { fixed: number; digits: number })[][] = []
  for (const role of instrument.roles as Role[]) {
    const pub = roleOf(publication, role)
    const partners = data.partners.filter(
      (p) => p.id in pub.partners && (!opts.onlyPartner || p.id === opts.onlyPartner),
    )
    // Staff's publication keeps shared scores (a wave published before they were kept, another role: none).
    const keepsShared = pub.programme.shared !== undefined || Object.values(pub.partners).some((c) => c.shared)
    // The dashboard's rule: asked when the group had a link, or shows answers (which came through one).
    const asked = (id: string, c: CellView) => data.asked.has(askedKey(wave.id, id, role)) || !c.suppressed
    const views = partners.map((p) => ({ p, cell: cellView(instrument, pub.partners[p.id]) }))
    const anyAsked = Object.keys(pub.partners).some((id) => asked(id, cellView(instrument, pub.partners[id])))
    const entries: { name: string; id: string | null; cell: CellView; published?: PublishedCell; asked: boolean }[] = [
      { name: t.programmeWhole, id: null, cell: cellView(instrument, pub.programme, 'programme'), asked: anyAsked },
      ...views.map(({ p, cell }) => ({
        name: p.name,
        id: p.id,
        cell,
        published: pub.partners[p.id],
        asked: asked(p.id, cell),
      })),
    ]
    for (const { name, id, cell, published, asked: wasAsked } of entries) {
      for (const d of instrument.dimensions.filter((x) => pub.dimensions.includes(x.key))) {
        const s = cell.scores?.[d.key] ?? null
        const level = s ? instrument.levels.find((l) => l.level === s.level) : undefined
        const reason: RowReason = s ? null : wasAsked ? 'few' : 'not-asked'
        const shared = cell.shared?.[d.key]
        // Shown beside a shown score only; held back there for too few shared scores, or because
        // a question only staff are asked hides its counts (`withShared`, rule 3); or never kept
        // for the group, whose `shared` then names no dimension (a null is one held back).
        const sharedReason: RowReason =
          !keepsShared || !staffOnly.has(d.key)
            ? null
            : !s
              ? reason
              : shared
                ? null
                : cell.shared && !(d.key in cell.shared)
                  ? 'not-kept'
                  : (staffOnly.get(d.key) ?? []).some((q) => published?.questions?.[q.name] === null)
                    ? 'hidden'
                    : 'few'
        // What the pages show, so a reader can check them by hand from the CSV:
        // the interval rounded outward (levels.ts `shownInterval`, which the verdict is taken on),
        // the levels its ends lie in (`intervalLevels`, as the heatmap tints and names a not-yet-clear
        // cell), and the level in the heatmap's words with its margin, or why there is none. A group
        // that agrees too little gets no span: the pages name no level for it, not even a range.
        const ci = s?.ci95 ? shownInterval(s.ci95) : null
        const held = s?.verdict.because === 'disagree'
        const span = s?.ci95 && !held ? intervalLevels(bands, s.ci95) : null
        const reaches = s ? marginReaches(s.verdict) : []
        const words = !s
          ? null
          : held
            ? t.levelDisagreeShort
            : s.level !== null
              ? fill(t.heatmap_level, { level: s.level }) +
                (reaches.length ? ` ${fill(t.levelMargin, { levels: reaches.join(t.levelsAnd) })}` : '')
              : span
                ? `${t.levelNotYetClearShort} ${spanWords(t, span)}`
                : t.levelNotYetClearShort
        rows.push([
          wave.label,
          role,
          name,
          cell.suppressed ? (wasAsked ? `<${k}` : null) : cell.n,
          d.key,
          d.label[lang],
          s?.n ?? null,
          exact(s?.mean),
          exact(s?.sd),
          exact(s?.ci95?.[0]),
          exact(s?.ci95?.[1]),
          s?.level ?? null,
          level?.name[lang] ?? null,
          s ? (s.capped ? 1 : 0) : null,
          // The agreement (mean item r_wg) as the page shows it, and 1 where the level is held back for it; `level` is empty
          // wherever the page names none, and `level_clear` says whether the data could tell it.
          // The split rule's share (version 3 on) is not printed on the pages, so not here either.
          s?.agreement != null && instrument.agreement?.index === 'rwg_mean' ? shownAgreement(s.agreement) : null,
          s ? (s.verdict.because === 'disagree' ? 1 : 0) : null,
          s ? (s.level === null ? 0 : 1) : null,
          // The other levels a level named from enough scores still reaches (levels.ts `marginReaches`), as the pages mark it.
          s && s.level !== null ? marginReaches(s.verdict).join(' ') : null,
          reasonText(reason),
          s && shared ? shared.n : null,
          s && shared ? exact(shared.mean) : null,
          reasonText(sharedReason),
          s ? actionsOf(id, d.key) || null : null,
          asShown(s ? shown(s.mean) : null),
          asShown(ci?.[0]),
          asShown(ci?.[1]),
          span?.[0] ?? null,
          span?.[1] ?? null,
          words,
        ])
      }
    }
  }
  const header = csvHeaderIn(lang)
  return { wave, rows: [header, ...rows] }
}
