import { toMinute } from '../../schema/format.ts'
import type { Instrument, Role } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import {
  cellView,
  cellViews,
  changeBetween,
  matchedChange,
  partnersChangedBetween,
  type CellView,
  type Publication,
  type RolePublication,
  type ViewOf,
} from './publication.ts'
import { comparableDimensions } from './instrument-rules.ts'
import { detailOfDimension, questionDetailOf, questionHiddenIn, type QuestionDetail } from './question-detail.ts'
import {
  askedKey,
  type Partner,
  type Programme,
  type PublicationMeta,
  type PublicationScope,
  type Wave,
  type WaveChangeRecord,
} from './records.ts'
import { groupBound, groupSizeOf, takesPart, waveState } from './wave-lifecycle.ts'
import { shownBands } from './levels.ts'
import { gapBases, partnerGaps, programmeGaps, whyNoGap, type PartnerGap } from './gap.ts'
import { standoutsAndHeadlines } from './standouts.ts'
import { participationOf, type Participation } from './participation.ts'

/**
 * What a wave's results show a reader, and how they changed from wave to wave: composed once
 * from a programme's stored data (`ProgrammeData`, read by worker/services/results-service.ts
 * `loadProgramme`) for the JSON API, the page, the report and the export. Every number of a wave
 * comes from its one publication, made when the wave closed and the same for every reader; a
 * reader limited to one partner gets a subset of its cells, never a different cut (README,
 * "Threat model"). While a wave is open nobody reads its scores: a lead sees only participation.
 *
 * Pure: the service looks up each wave's instrument (`InstrumentOf`), refuses what a request
 * may not ask, and keeps what is derived from a publication read from D1 across reads (`Memo`).
 */

/** The instrument version a wave was asked with (worker/services/instrument-catalogue.ts `findInstrument`). */
export type InstrumentOf = (wave: Wave) => Instrument

/**
 * How a read views cells and keeps what it derives: by default afresh for each read; for a
 * publication that never changes, the service keeps both across reads (results-service.ts `memoFor`).
 */
export type Memo = { cells: ViewOf; derive: <T>(key: string, make: () => T) => T }
const fresh = (): Memo => ({ cells: cellViews(), derive: (_key, make) => make() })

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
  /** The groups that have or had a link (`askedKey`): a role not asked of a partner says so. */
  asked: Set<string>
  /** When set, `asked` holds this wave's groups only (null: none), as a read of one wave's results reads them. */
  askedOnly?: string | null
}

/** The wave shown for `waveId` and the published wave before it (for the stand-outs), as ids; none for a wave not of the programme. */
export function shownWith(data: ProgrammeData, waveId: string | undefined): string[] {
  const wave = waveId ? data.waves.find((w) => w.id === waveId) : latestShown(data)
  if (!wave) return []
  const before = previousPublished(data, wave)
  return before ? [wave.id, before.id] : [wave.id]
}

/**
 * The latest published wave that shows anything, else the latest that has opened: a wave that
 * is open has no results yet, and the lead wants the last real result.
 */
export function latestShown(data: ProgrammeData): Wave | undefined {
  const opened = data.waves.filter((w) => waveState(w) !== 'planned')
  const shows = (w: Wave) => data.published.get(w.id)?.shows === true
  return opened.filter(shows).at(-1) ?? opened.at(-1) ?? data.waves.at(-1)
}

/** The latest published wave before `wave`: what the stand-outs call "since the last wave". */
export function previousPublished(data: ProgrammeData, wave: Wave): Wave | undefined {
  return data.waves
    .slice(
      0,
      data.waves.findIndex((w) => w.id === wave.id),
    )
    .filter((w) => data.published.has(w.id))
    .at(-1)
}

/** A publication this read parsed; an error in the code (not the request) when its scope left it out. */
export function parsedOf(data: ProgrammeData, wave: Wave): Publication | undefined {
  const pub = data.publications.get(wave.id)
  if (!pub && data.published.has(wave.id)) throw new Error(`publication of wave ${wave.id} not read in this scope`)
  return pub
}

const EMPTY: RolePublication = { dimensions: [], programme: { n: null, hidden: 'few', stats: null }, partners: {} }
export const roleOf = (pub: Publication | undefined, role: Role): RolePublication => pub?.roles[role] ?? EMPTY

/**
 * The levels as a role's view shows them: where the file words a level for the role (version 4:
 * tactical management, whose conduct is not a team manager's), its description and behaviour lines
 * in place of the general ones.
 */
export function levelsFor(instrument: Instrument, role: Role) {
  return instrument.levels.map(({ level, name, from, to, description, behaviour, descriptionFor, behaviourFor }) => ({
    level,
    name,
    from,
    to,
    description: descriptionFor?.[role] ?? description,
    behaviour: { ...behaviour, ...behaviourFor?.[role] },
  }))
}

/** The dimensions a role shows in a wave: those its publication holds, or, before publication, all of the instrument's. */
export const dimensionsShown = (instrument: Instrument, publication: Publication | undefined, role: Role) => {
  if (!publication) return instrument.dimensions
  const asked = new Set(roleOf(publication, role).dimensions)
  return instrument.dimensions.filter((d) => asked.has(d.key))
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

/**
 * Each taking-part partner's participation per role in an open wave, for its lead only; a group
 * without a link says so. A read of another wave's results holds only that wave's asked groups
 * (`askedOnly`), and there every group of this one reads as asked: such a read shows none of this
 * wave's participation, only its key has it (worker/services/answer-cache.ts `programmeKey`).
 */
export function participationIn(data: ProgrammeData, wave: Wave, k: number) {
  const counts = data.participation.filter((c) => c.waveId === wave.id)
  const knowsAsked = data.askedOnly === undefined || data.askedOnly === wave.id
  return data.partners
    .filter((p) => takesPart(p, wave))
    .map((p) => ({
      id: p.id,
      name: p.name,
      roles: Object.fromEntries(
        ROLES.map((r) => [
          r,
          participationOf(
            counts.find((c) => c.partnerId === p.id && c.role === r)?.n ?? 0,
            k,
            groupBound(p, r, data.changes.get(wave.id)),
            !knowsAsked || data.asked.has(askedKey(wave.id, p.id, r)),
          ),
        ]),
      ) as Record<Role, Participation>,
    }))
}

/**
 * What a reader of the dashboard `d` sees of its wave's participation: a lead, while the wave is
 * open, to chase the response rate (never scores); no one else, and no one once it has closed.
 */
export const participationFor = (data: ProgrammeData, d: Pick<Results, 'wave' | 'k'>, canLead: boolean) =>
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

/** What a read of a wave's results asks for. */
/**
 * Whether a role was asked of a partner in a wave: its group had a link, or its cell shows answers
 * (which came through one). The results' "not asked" and the CSV's alike.
 */
export function askedIn(data: ProgrammeData, waveId: string, partnerId: string, role: Role, cell: CellView): boolean {
  if (data.askedOnly !== undefined && data.askedOnly !== waveId)
    throw new Error(`groups asked in wave ${waveId} not read in this scope`)
  return data.asked.has(askedKey(waveId, partnerId, role)) || !cell.suppressed
}

export type ResultsOptions = {
  role: Role
  k: number
  onlyPartner: string | null
  /**
   * Whom a partner's gap is set against: the other partners shown (the default), or every partner
   * of the wave, for a partner's report read by someone who may see them all (report-service.ts).
   */
  gapPeers?: 'shown' | 'all'
  /**
   * Question detail for every dimension of the role ("all", the default), for one, or none (left
   * out of the answer); one the role does not show is the caller's to refuse (`dimensionsShown`).
   */
  questions?: 'all' | 'none' | (string & {})
}

/**
 * The results of `wave` (picked by the service: results-service.ts `pickWave`) for a reader shown
 * every partner, or only `onlyPartner`, in one role: scores, levels, gaps, question detail, what
 * stands out and what changed around the numbers.
 */
export function resultsOf(
  programme: Programme,
  data: ProgrammeData,
  wave: Wave,
  instrumentOf: InstrumentOf,
  opts: ResultsOptions,
  memo: Memo = fresh(),
) {
  const instrument = instrumentOf(wave)
  const publication = parsedOf(data, wave)
  const before = publication ? previousPublished(data, wave) : undefined
  const k = publication?.k ?? groupSizeOf(wave, opts.k)
  const inWave = data.partners.filter((p) =>
    publication
      ? p.id in roleOf(publication, opts.role).partners || ROLES.some((r) => p.id in roleOf(publication, r).partners)
      : takesPart(p, wave),
  )
  // Each published cell's view made once: the role shown is also one of staff and managers, and
  // the stand-outs read most of these cells again (BENCHMARKS.md, "The results API in parts").
  const { cells, derive } = memo
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
  const askedOf = (partnerId: string, role: Role) =>
    askedIn(data, wave.id, partnerId, role, cells(instrument, roleOf(publication, role).partners[partnerId]))
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
  const dimensions = dimensionsShown(instrument, publication, opts.role)
  // Whether the reader sees every partner is in the key: the matched change is for such a reader alone
  // (the partners in the key tell a limited viewer from a lead already; this says why they must).
  const everyPartner = opts.onlyPartner === null
  const told = derive(`standouts|${before?.id}|${opts.role}|${whom(shown)}|${everyPartner}`, () =>
    standoutsFor(data, wave, instrumentOf, publication, opts.role, shown, cells, everyPartner),
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
    levels: levelsFor(instrument, opts.role),
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
    gap: derive(`gap|${whom(shown)}|${opts.gapPeers === 'all' ? whom(inWave) : ''}`, () =>
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
        // A wave's own partners all took part in it: only a trend says `not-partner` (`trendCell`).
        return c.suppressed ? (c.hiddenBecause === 'not-asked' ? ('not-asked' as const) : ('few' as const)) : null
      }
      return { id: p.id, staff: why(staff, 'medewerker'), managers: why(managers, 'teammanager') }
    }),
    /**
     * How many partners shown have both groups shown, and per dimension of both roles those of them
     * without a gap there, each with why (domain/gap.ts `whyNoGap`): the programme's gap counts
     * only partners with one, and a partner left out on one dimension was left out unsaid (a lead's
     * review). Read off what the cells show, as the CSV's reasons, so nothing new is told.
     */
    gapMissing: derive(`gapMissing|${whom(shown)}`, () =>
      gapMissingOf(instrument, publication, shown, staff.partners, managers.partners),
    ),
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
    questions: derive(`questions|${opts.role}|${opts.questions ?? 'all'}|${whom(shown)}`, () =>
      questionsFor(instrument, publication, opts.role, opts.questions ?? 'all', shown),
    ),
    /** What stands out, per programme and partner shown (domain/standouts.ts); empty before publication. */
    standouts: told.groups,
    /** The programme-wide sentences above them (domain/standouts.ts `headlinesOf`); empty before publication. */
    headlines: told.headlines,
  }
}

/** The partners shown with both groups shown, and per dimension of both roles those without a gap there and why. */
function gapMissingOf(
  ins: Instrument,
  publication: Publication | undefined,
  shown: Partner[],
  staff: Map<string, CellView>,
  managers: Map<string, CellView>,
) {
  const both = shown.filter((p) => !staff.get(p.id)?.suppressed && !managers.get(p.id)?.suppressed)
  const managerDims = new Set(roleOf(publication, 'teammanager').dimensions)
  const dims = roleOf(publication, 'medewerker').dimensions.filter((d) => managerDims.has(d))
  const published = roleOf(publication, 'medewerker').partners
  return {
    partners: both.length,
    dimensions: dims.flatMap((dimension) => {
      const partners = both.flatMap((p) => {
        const why = whyNoGap(
          ins,
          managers.get(p.id)!,
          staff.get(p.id)!,
          dimension,
          questionHiddenIn(ins, published[p.id]?.questions),
        )
        return why ? [{ id: p.id, name: p.name, why }] : []
      })
      return partners.length > 0 ? [{ dimension, partners }] : []
    }),
  }
}

/** The question detail a read asked for: every dimension's, one dimension's, or none. */
function questionsFor(
  instrument: Instrument,
  publication: Publication | undefined,
  role: Role,
  which: string,
  shown: Partner[],
): QuestionDetail | null | undefined {
  if (which === 'none') return undefined
  if (!publication) return null
  const detail = questionDetailOf(
    instrument,
    role,
    publication.roles[role],
    shown.map((p) => p.id),
  )
  return which === 'all' ? detail : detailOfDimension(detail, which)
}

/** The stand-outs of a published wave against the latest published wave before it. */
function standoutsFor(
  data: ProgrammeData,
  wave: Wave,
  instrumentOf: InstrumentOf,
  publication: Publication | undefined,
  role: Role,
  shownPartners: Partner[],
  view: ViewOf,
  matched: boolean,
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
    matched,
  })
}
export type Results = ReturnType<typeof resultsOf>

/**
 * A trend's hidden cell with its reason, as the dashboard gives a wave's (`resultsOf`): a partner
 * added after the wave began took no part in it (`not-partner`, worker/domain/wave-lifecycle.ts
 * `takesPart`), a group without a link was not asked (`not-asked`, `askedIn`), and the programme
 * was not asked the role when none of its partners was. Whether a partner took part and a link
 * existed is what the lead made, never a count (worker/db/links.ts `listAskedGroups`): a group that
 * had a link reads "few" alike with 0 answers and with k − 1.
 */
function trendCell(
  ins: Instrument,
  data: ProgrammeData,
  wave: Wave,
  role: Role,
  partner: Partner | undefined,
  cell: CellView,
): CellView {
  if (!cell.suppressed) return cell
  if (partner && !takesPart(partner, wave)) return { ...cell, hiddenBecause: 'not-partner' }
  const pub = roleOf(data.publications.get(wave.id), role)
  const asked = partner
    ? askedIn(data, wave.id, partner.id, role, cell)
    : Object.keys(pub.partners).some((id) => askedIn(data, wave.id, id, role, cellView(ins, pub.partners[id])))
  return asked ? cell : { ...cell, hiddenBecause: 'not-asked' }
}

/**
 * Every published wave's scores of the programme as a whole, or of one `partner` (the service
 * checks the reader may see it), in one role, each with its change from the wave before where
 * the two instruments measure a dimension alike (domain/instrument-rules.ts `comparableDimensions`).
 */
export function waveTrend(
  data: ProgrammeData,
  instrumentOf: InstrumentOf,
  opts: { partner: Partner | undefined; role: Role; k: number; matched?: boolean },
) {
  const { partner } = opts
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
        cell: trendCell(ins, data, w, opts.role, partner, cellView(ins, published, partner ? 'partner' : 'programme')),
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
          // To the minute, as every answer gives a wave's moments (schema/format.ts `waveToMinute`).
          opensAt: toMinute(s.wave.opensAt),
          closesAt: toMinute(s.wave.closesAt),
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
                    ...(opts.matched ? { matched: (d: string) => matchedChange(prev.pub, s.pub, d) } : {}),
                  },
            )
          : null,
        notComparable: prev ? s.ins.dimensions.map((d) => d.key).filter((d) => !comparable.has(d)) : [],
      }
    }),
  }
}
export type Trend = ReturnType<typeof waveTrend>
