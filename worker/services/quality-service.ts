import type { Instrument, Role } from '../../schema/instrument.ts'
import { keepShownPool, readPools, readShownPool, type ShownPool } from '../db/pool-moments.ts'
import { readAnswerSets } from '../db/responses.ts'
import { listAnswersDue } from '../db/retention.ts'
import type { Wave } from '../db/waves.ts'
import {
  icc,
  MIN_POOLED_RESPONDENTS,
  poolQuality,
  type Icc,
  type PoolMoments,
  type PoolQuality,
  withheldScale,
  withinScales,
} from '../domain/measurement-quality.ts'
import { withheldExportFigures } from '../domain/pool-differences.ts'
import { poolVectorsOf } from '../domain/pooled-covariance.ts'
import { moments, type PublishedCell, type RolePublication } from '../domain/publication.ts'
import type { ProgrammeAccess } from './programme-access.ts'
import { refuse } from './refusal.ts'
import { instrumentOf, loadProgramme, pickWave } from './results-service.ts'
import type { ProgrammeData } from '../domain/wave-results.ts'

/**
 * How well the instrument measured in one wave and role, for its leads and administrators:
 * from the pooled moments (worker/db/pool-moments.ts) and, for ICC, the published
 * partner cells. Shown only when nothing in it can be narrowed to a partner or a small group:
 *  - the wave is published (closed): an open wave's numbers are no one's to read;
 *  - the shown cells hold at least MIN_POOLED_RESPONDENTS answer sets;
 *  - at least MIN_QUALITY_PARTNERS partners have a shown cell (k answer sets or more) in that
 *    role: a pool one or two partners answered is their cross-products;
 *  - the pool holds exactly the answer sets of the shown cells: the publication's programme total
 *    is the sum of what is shown (worker/domain/publication.ts), so a pool that also held a hidden
 *    group's answer sets would give that group away as pool minus shown cells. Whether any hidden
 *    group has answers at all is already told to its leads (participation while the wave is open);
 *  - no dimension or question is hidden inside a shown cell (fewer than k scores or answers on the
 *    scale): those answers are in the pool but in no published total either.
 */

/** Partners with a shown cell a pool must span before its quality is shown. */
const MIN_QUALITY_PARTNERS = 3

type QualityRefusal = 'open' | 'respondents' | 'partners' | 'hidden-groups'

type ScaleIcc = Icc | null

export type Quality =
  | { shown: false; because: QualityRefusal; wave: Wave; role: Role; minRespondents: number; minPartners: number }
  | {
      shown: true
      wave: Wave
      role: Role
      instrument: Instrument
      partners: number
      quality: PoolQuality
      icc: Record<string, ScaleIcc>
      pool: PoolMoments
      /**
       * Per scale, the counts of the published programme figures its complete answer sets lie inside
       * (worker/domain/pool-differences.ts): the dimension's scores and, for staff, their scores on
       * the questions team managers are also asked (`shared`).
       */
      scored: Record<string, number[]>
      complete: CompleteAnswerSets
      /**
       * The scales whose α and item statistics are withheld for a small difference: their complete
       * answer sets differ by 1 to k − 1 from their dimension's scores or one of their questions'
       * answers (worker/domain/pool-differences.ts), the scales the export withholds too.
       */
      smallDifference: string[]
      /** The partners whose cell of this role is shown whole, those the pool is over: the export's two-level matrices are over these only (worker/domain/pooled-covariance.ts `twoLevel`). Never in the view's JSON. */
      shownPartnerIds: string[]
      /** Shown cells left out of the pool for a dimension, question or shared score hidden inside them (`wholeCell`). */
      partnersLeftOut: number
      /** The pool made again over the cells shown whole, with its all-items and pairwise moments; null when the wave's own pool is over exactly those. */
      kept: ShownPool | null
    }

/**
 * How many answer sets answered every question of a scale, and of the whole role: α and the
 * per-scale matrices rest on the first, the listwise all-items matrices of the export on the second, so the view says how much of the pool each of them leaves out. Shares of the pool's
 * answer sets; `allItems` null for a pool counted before those were kept.
 */
type CompleteAnswerSets = {
  respondents: number
  scales: Record<string, { n: number; share: number }>
  allItems: { n: number; share: number } | null
}

function completeAnswerSets(pool: PoolMoments, completeAll: number | null): CompleteAnswerSets {
  const share = (n: number) => ({ n, share: pool.respondents > 0 ? n / pool.respondents : 0 })
  return {
    respondents: pool.respondents,
    scales: Object.fromEntries(Object.entries(pool.scales).map(([key, s]) => [key, share(s.n)])),
    allItems: completeAll === null ? null : share(completeAll),
  }
}

/**
 * The quality view of a wave and role for `access`'s reader, who must be an administrator
 * (`ProgrammeAccess.readsQuality`; anyone else is refused with `quality-admin-only`, for the API
 * and the page alike). Not a lead: a lead can add partners, make their links and answer through
 * them, and the pool less those known answer sets is one real partner's item cross-products and
 * extreme answers, which with its answers per question give back its answer sets
 * (tests/worker/anonymity/fake-partners.test.ts).
 */
export async function qualityOf(
  db: D1Database,
  access: Pick<ProgrammeAccess, 'readsQuality'>,
  data: ProgrammeData,
  opts: { waveId?: string; role: Role },
): Promise<Quality> {
  if (!access.readsQuality) throw refuse('quality-admin-only')
  const wave = pickWave(data, opts.waveId)
  const role = opts.role
  const notShown = (because: QualityRefusal): Quality => ({
    shown: false,
    because,
    wave,
    role,
    minRespondents: MIN_POOLED_RESPONDENTS,
    minPartners: MIN_QUALITY_PARTNERS,
  })
  const publication = data.publications.get(wave.id)
  if (!publication) return notShown('open')
  const instrument = instrumentOf(wave)
  const rolePub = publication.roles[role]
  const shownEntries = Object.entries(rolePub?.partners ?? {}).filter(([, c]) => c.n !== null && c.stats)
  const shownCells = shownEntries.map(([, c]) => c)
  // Every reason before 'hidden-groups' is read from the published cells, never from the pool: a
  // pool's count would make the reason a threshold test of the hidden groups' answer sets (96
  // shown and a hidden group of 4 reach 100, of 1 do not; tests/worker/anonymity/quality.test.ts).
  const shownTotal = rolePub?.programme.n ?? 0
  if (shownTotal < MIN_POOLED_RESPONDENTS) return notShown('respondents')
  if (shownCells.length < MIN_QUALITY_PARTNERS) return notShown('partners')
  const full = (await readPools(db, instrument, wave.id))[role]
  // No pool: a wave answered before pools were kept (schema/migrations/0008_pool_moments.sql).
  if (!full) return notShown('respondents')
  // A dimension or question hidden inside a shown cell is in the pool but in no published total, so
  // the pool minus the programme's totals would give its few answers away (a hostile reader's review,
  // tests/worker/anonymity/quality.test.ts replays both); and so would a hidden group's
  // answer sets. Not per scale or per question: withholding only what holds a hidden dimension or
  // question is not shown safe (a question skipped inside a scored dimension makes that scale's
  // complete answer sets fewer than its scores, in a way no published count gives). So such cells
  // are left out whole: the view is then over the cells with nothing hidden inside, pooled again
  // from their stored answer sets (`wholeCellsPool`), and says how many partners it is over. Which
  // cells those are is read from the publication alone, and the pool is always made that way, never
  // the wave's own pool where nothing is left out: choosing by whether that pool holds more than the
  // shown cells would tell whether a hidden group answered, once its answer sets are purged (a hostile
  // reader's review; tests/worker/anonymity/quality-purge.test.ts). The scheduled purge keeps
  // this pool first (`keepPoolsBeforePurge`).
  const { whole, total: wholeTotal } = wholeCellsOf(rolePub)
  const leftOut = shownEntries.length - whole.length
  if (wholeTotal < MIN_POOLED_RESPONDENTS || whole.length < MIN_QUALITY_PARTNERS) return notShown('hidden-groups')
  const kept = await wholeCellsPool(db, instrument, { waveId: wave.id, role }, whole, wholeTotal, publication.k)
  // The answer sets were purged (worker/db/retention.ts) before the pool was made again.
  if (!kept) return notShown('hidden-groups')
  const pool = kept.pool
  const cells = whole.map((id) => rolePub!.partners[id]!)
  // α and its item statistics within partners where the kept pool has the scale's within moments.
  const poolStats = poolQuality(pool, kept.within)
  if (!poolStats) return notShown('respondents')
  // The published scores the pool's answer sets lie inside: the sums over the cells it is over
  // (with every cell shown whole, the programme's own totals).
  const summed = (of: (c: PublishedCell) => number[] | null | undefined) => {
    const ms = cells.map(of)
    return ms.every((m) => m) ? [ms.reduce((a, m) => a + moments(m!).n, 0)] : []
  }
  const scored = Object.fromEntries(
    Object.keys(pool.scales).map((key) => [key, [...summed((c) => c.stats?.[key]), ...summed((c) => c.shared?.[key])]]),
  )
  // α, item–rest r and α if dropped are functions of a scale's covariance matrix, which the export
  // withholds where the scale's complete answer sets are a few short of its scores' or a question's
  // (tests/worker/anonymity/pairwise.test.ts): shown here, they would be equations in those few's
  // answers. Scales are decided before, and apart from, the figures over all items and the pairs
  // (`withheldExportFigures`), so these are exactly the export's withheld scales.
  const differences = withheldExportFigures(
    {
      scored,
      answered: Object.fromEntries(Object.entries(pool.questions).map(([name, c]) => [name, c.asked - c.dontKnow])),
      scales: pool.scales,
      items: null,
      pairs: null,
    },
    publication.k,
  )
  const smallDifference = Object.keys(pool.scales).filter((key) => differences.has(`scale:${key}`))
  // And its questions' floor and ceiling shares: with the results' question detail they are each
  // question's whole distribution, so its exact sum, and 12 × the published scores' sum − 3 × a
  // four-item scale's question sums is what the few incompletely answered answer sets answered
  // (tests/worker/anonymity/pairwise.test.ts `scoresVersusQuestions`).
  const fewShort = new Set(smallDifference.flatMap((key) => pool.scales[key]!.items))
  const quality: PoolQuality = {
    ...poolStats,
    questions: poolStats.questions.map((x) =>
      fewShort.has(x.name) ? { ...x, floorShare: null, ceilingShare: null } : x,
    ),
    scales: Object.fromEntries(
      Object.entries(poolStats.scales).map(([key, s]) => [
        key,
        smallDifference.includes(key) ? withheldScale(pool.scales[key]!, s.basis) : s,
      ]),
    ),
  }
  // ICC from the published partner cells' scale moments only: a dimension hidden in a cell is left out of it.
  const iccs = Object.fromEntries(
    Object.keys(pool.scales).map((key) => {
      const groups = shownCells.flatMap((c) => (c.stats?.[key] ? [moments(c.stats[key])] : []))
      return [key, groups.length >= MIN_QUALITY_PARTNERS ? icc(groups) : null]
    }),
  )
  const { completeAll, ...pooled } = pool
  return {
    shown: true,
    wave,
    role,
    instrument,
    partners: cells.length,
    partnersLeftOut: leftOut,
    quality,
    icc: iccs,
    pool: pooled,
    scored,
    complete: completeAnswerSets(pooled, completeAll),
    smallDifference,
    shownPartnerIds: whole,
    kept,
  }
}

/** The shown cells of a role's publication with nothing hidden inside them, by partner id, and their answer sets in all. */
function wholeCellsOf(rolePub: RolePublication | undefined): { whole: string[]; total: number } {
  const whole = Object.entries(rolePub?.partners ?? {}).filter(([, c]) => c.n !== null && c.stats && wholeCell(c))
  return { whole: whole.map(([id]) => id), total: whole.reduce((a, [, c]) => a + c.n!, 0) }
}

/**
 * Before the scheduled purge deletes a published wave's answer sets (worker/scheduled.ts), the pool
 * over each role's cells shown whole is kept, so the quality view still reads after it, the same
 * whether or not a hidden group answered. Only where the view could show it (its thresholds).
 */
export async function keepPoolsBeforePurge(db: D1Database, minGroupSize: number, now: Date): Promise<number> {
  const due = await listAnswersDue(db, now)
  let kept = 0
  for (const programmeId of new Set(due.map((w) => w.programmeId))) {
    const data = await loadProgramme(db, programmeId, minGroupSize, now)
    for (const w of due.filter((x) => x.programmeId === programmeId)) {
      const wave = data.waves.find((x) => x.id === w.id)
      const publication = data.publications.get(w.id)
      if (!wave || !publication) continue
      for (const [role, rolePub] of Object.entries(publication.roles) as [Role, RolePublication][]) {
        const { whole, total } = wholeCellsOf(rolePub)
        if (total < MIN_POOLED_RESPONDENTS || whole.length < MIN_QUALITY_PARTNERS) continue
        if (await wholeCellsPool(db, instrumentOf(wave), { waveId: w.id, role }, whole, total, publication.k)) kept++
      }
    }
  }
  return kept
}

/** A shown cell with nothing hidden inside it: every dimension, question and shared score it holds is shown. */
const wholeCell = (c: PublishedCell) =>
  [c.stats, c.questions, c.shared].every((part) => Object.values(part ?? {}).every((x) => x !== null))

/**
 * The pool of a published wave × role over the cells `partners` (`n` answer sets in all): kept once
 * made (worker/db/pool-moments.ts `keepShownPool`), else made from their stored answer sets; null
 * when those no longer add up to `n` (purged).
 */
async function wholeCellsPool(
  db: D1Database,
  ins: Instrument,
  group: { waveId: string; role: Role },
  partners: string[],
  n: number,
  k: number,
): Promise<ShownPool | null> {
  const same = (p: ShownPool) =>
    p.partners.length === partners.length && p.partners.every((id, i) => id === partners[i])
  const before = await readShownPool(db, ins, group.waveId, group.role)
  if (before && same(before) && before.pool.respondents === n) return before
  const sets = await readAnswerSets(db, group.waveId, group.role, new Set(partners))
  if (!sets || sets.length !== n) return null
  // With each scale's cross-products pooled within partners (`withinScales`): one sum over the
  // partners, each partner's own sums dropped as soon as they are added.
  const byPartner = partners.map((id) => sets.filter((s) => s.partnerId === id).map((s) => s.answers))
  await keepShownPool(db, group.waveId, group.role, {
    partners,
    ...poolVectorsOf(
      ins,
      group.role,
      sets.map((s) => s.answers),
    ),
    within: withinScales(ins, group.role, byPartner, k),
  })
  const made = await readShownPool(db, ins, group.waveId, group.role)
  return made && same(made) ? made : null
}

/** The view as the API gives it: the statistics, never the raw moments (those are the export's). */
export function qualityJson(q: Quality) {
  const wave = { id: q.wave.id, label: q.wave.label }
  if (!q.shown)
    return {
      shown: false as const,
      because: q.because,
      wave,
      role: q.role,
      minRespondents: q.minRespondents,
      minPartners: q.minPartners,
    }
  return {
    shown: true as const,
    wave,
    role: q.role,
    instrument: { id: q.instrument.id, version: q.instrument.version },
    respondents: q.quality.respondents,
    partners: q.partners,
    /** Shown partners the pool leaves out, for something hidden inside their results (`wholeCell`). */
    partnersLeftOut: q.partnersLeftOut,
    questions: q.quality.questions,
    scales: Object.fromEntries(
      Object.entries(q.quality.scales).map(([key, s]) => [
        key,
        // `withheld` only where it is: absent, α and the rest are as computed (or too few complete answer sets).
        {
          ...s,
          icc: q.icc[key] ?? null,
          ...(q.smallDifference.includes(key) ? { withheld: 'small-difference' as const } : {}),
        },
      ]),
    ),
    completeAnswerSets: q.complete,
  }
}
export type QualityJson = ReturnType<typeof qualityJson>
