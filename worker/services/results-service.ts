import type { Role } from '../../schema/instrument.ts'
import {
  cellView,
  cellViews,
  publishWave,
  type CellView,
  type Publication,
  type PublishedCell,
} from '../domain/publication.ts'
import { listPartners } from '../db/programmes.ts'
import {
  readClosedRollups,
  readParticipation,
  readPublications,
  readPublicationsOf,
  readWaveChanges,
  isShared,
  storePublication,
} from '../db/publications.ts'
import { listWaves } from '../db/waves.ts'
import { listAskedGroups, listAskedGroupsOfWave } from '../db/links.ts'
import type { Partner, Programme, PublicationScope, Wave } from '../domain/records.ts'
import { groupSizeOf, takesPart, waveState } from '../domain/wave-lifecycle.ts'
import { intervalLevels, marginReaches, shown, shownAgreement, shownBands, shownInterval } from '../domain/levels.ts'
import { showsAnything } from '../domain/publication-parts.ts'
import {
  askedIn,
  dimensionsShown,
  latestShown,
  parsedOf,
  previousPublished,
  resultsOf,
  roleOf,
  shownWith,
  waveTrend,
  type Results,
  type InstrumentOf,
  type Memo,
  type ProgrammeData,
  type ResultsOptions,
  type Trend,
} from '../domain/wave-results.ts'
import { findInstrument } from './instrument-catalogue.ts'
import { refuse } from './refusal.ts'
import { fill } from '../../schema/format.ts'
import { type Lang, levelMarginWords, messages, spanWords } from '../i18n/messages.ts'
import { csvHeaderIn } from '../i18n/csv-header.ts'
import type { Action } from '../db/actions.ts'
import { sharedItemsOf } from '../domain/shared-items.ts'
import { questionHiddenIn } from '../domain/question-detail.ts'

/**
 * A programme's results as a reader asks for them: read from D1 once (`loadProgramme`), a wave
 * published from its rollups when it has closed (`publish`), and composed by the pure rules of
 * worker/domain/wave-results.ts, with the wave looked up, what may not be asked refused, and
 * what a publication read from D1 gives kept across reads (`memoFor`). The CSV rows are here too
 * (`exportRows`): they are worded in the reader's language.
 */

export const instrumentOf: InstrumentOf = (w) => findInstrument(w.instrument, w.instrumentVersion)!

/**
 * One read of everything a programme's dashboard needs: rows grow with waves × partners × roles.
 * A wave that has closed but has no publication yet gets it now, from its rollups, once. With the
 * scope `{ wave }` only the publications of the wave shown and of the published wave before it
 * are parsed (what `resultsFor` and `exportRows` read), and only the shown wave's asked groups
 * are read (`askedOnly`); every other wave is known only as published, so `trendOf` refuses such
 * data. `cleared`, when given, is the reader's access check read alongside
 * (worker/http/page-reader.tsx `programmeReader`): nothing is published until it has passed, so a
 * refused reader changes nothing.
 */
export async function loadProgramme(
  db: D1Database,
  programmeId: string,
  configuredK: number,
  now = new Date(),
  scope: PublicationScope = { all: true },
  cleared?: Promise<unknown>,
): Promise<ProgrammeData> {
  const [partners, waves, { meta: published, parsed: publications }, changes, participation, groups] =
    await Promise.all([
      listPartners(db, programmeId),
      listWaves(db, programmeId),
      readPublications(db, programmeId, scope),
      readWaveChanges(db, programmeId),
      readParticipation(db, programmeId),
      // One wave's results need that wave's asked groups only.
      'all' in scope
        ? listAskedGroups(db, programmeId).then((asked) => ({ asked }))
        : listAskedGroupsOfWave(db, programmeId, scope.wave).then(({ wave, asked }) => ({ asked, askedOnly: wave })),
    ])
  const unpublished = waves.filter((w) => waveState(w, now) === 'closed' && !published.has(w.id))
  if (unpublished.length > 0) await cleared
  await Promise.all(
    unpublished.map(async (w) => {
      const made = await publish(db, w, partners, configuredK)
      if (!made) return
      publications.set(w.id, made)
      published.set(w.id, { k: made.k, shows: showsAnything(made) })
    }),
  )
  const data: ProgrammeData = { partners, waves, published, publications, changes, participation, scope, ...groups }
  if (!('all' in scope)) {
    // The SQL picks the waves as pickWave does, by D1's clock; where the Worker's picks another
    // (a wave published by this request, or the clocks disagree at an opening), read it now.
    const missing = shownWith(data, scope.wave).filter((id) => published.has(id) && !publications.has(id))
    for (const [id, pub] of await readPublicationsOf(db, missing)) publications.set(id, pub)
    const [shown] = shownWith(data, scope.wave)
    if (shown !== undefined && data.askedOnly !== shown)
      Object.assign(
        data,
        await listAskedGroupsOfWave(db, programmeId, shown).then(({ wave, asked }) => ({ asked, askedOnly: wave })),
      )
  }
  return data
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
 * The results of the wave named (or the latest shown, `pickWave`) for a reader, as the API, the
 * page and the report show them (domain/wave-results.ts `resultsOf`); refused for a wave not of
 * the programme, and for question detail of a dimension the role does not show.
 */
export function resultsFor(
  programme: Programme,
  data: ProgrammeData,
  opts: ResultsOptions & { waveId?: string },
): Results {
  const wave = pickWave(data, opts.waveId)
  const which = opts.questions ?? 'all'
  if (which !== 'all' && which !== 'none') {
    const dimensions = dimensionsShown(instrumentOf(wave), parsedOf(data, wave), opts.role)
    if (!dimensions.some((d) => d.key === which)) {
      throw refuse('questions-unknown-dimension', {
        dimension: which,
        role: opts.role,
        dimensions: dimensions.map((d) => d.key).join(', '),
      })
    }
  }
  return resultsOf(programme, data, wave, instrumentOf, opts, memoFor(data, wave))
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

/**
 * How the read of `wave` views cells and keeps what it derives: each published cell's view made
 * once per isolate when the wave's publication and the one before it (which the stand-outs read)
 * were read from D1, else once for this read; what is derived from a publication, as `derived`.
 */
function memoFor(data: ProgrammeData, wave: Wave): Memo {
  const publication = parsedOf(data, wave)
  const before = publication ? previousPublished(data, wave) : undefined
  const beforePub = before ? parsedOf(data, before) : undefined
  const shared = publication !== undefined && isShared(publication) && (!beforePub || isShared(beforePub))
  return {
    cells: shared ? sharedViews : cellViews(),
    derive: (key, make) => derived(publication, key, make),
  }
}

/** The trend of the programme, or of one partner the reader may see (refused otherwise), across every published wave. */
export function trendOf(
  data: ProgrammeData,
  opts: { partnerId?: string; role: Role; k: number; onlyPartner: string | null },
): Trend {
  const partner = opts.partnerId ? data.partners.find((p) => p.id === opts.partnerId) : undefined
  if (opts.partnerId && (!partner || (opts.onlyPartner && opts.onlyPartner !== opts.partnerId))) {
    throw refuse('no-such-partner', { partner: opts.partnerId.slice(0, 60) })
  }
  // The change over the partners shown in both waves only for a reader who sees every partner: beside
  // the whole total, a viewer limited to one partner would read the sum of the partners left out,
  // cells they may not see (README, "Levels and agreement").
  return waveTrend(data, instrumentOf, { partner, role: opts.role, k: opts.k, matched: opts.onlyPartner === null })
}

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
    const asked = (id: string, c: CellView) => askedIn(data, wave.id, id, role, c)
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
      const questionHidden = questionHiddenIn(instrument, published?.questions)
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
                  : (staffOnly.get(d.key) ?? []).some((q) => questionHidden(q.name))
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
              ? fill(t.heatmap_level, { level: s.level }) + levelMarginWords(t, reaches)
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
