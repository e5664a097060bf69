import type { Instrument, Role } from '../../schema/instrument.ts'
import { readPools } from '../db/pool-moments.ts'
import type { Wave } from '../db/waves.ts'
import {
  icc,
  MIN_POOLED_RESPONDENTS,
  poolQuality,
  type Icc,
  type PoolMoments,
  type PoolQuality,
  withheldScale,
} from '../domain/measurement-quality.ts'
import { withheldExportFigures } from '../domain/pool-differences.ts'
import { moments } from '../domain/publication.ts'
import type { ProgrammeAccess } from './programme-access.ts'
import { refuse } from './refusal.ts'
import { instrumentOf, pickWave, type ProgrammeData } from './results-service.ts'

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

/**
 * Whether a reader may read measurement quality: it is pooled over partners, so a lead or
 * administrator of the programme, never a reader limited to one partner (`qualityOf` refuses
 * anyone else with `quality-not-pooled`, for the API and the page alike).
 */
const readsQuality = (access: Pick<ProgrammeAccess, 'canLead' | 'partnerId'>) =>
  access.canLead && access.partnerId === null

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
      /** The partners whose cell of this role is shown: the export's two-level matrices are over these only (worker/domain/pooled-covariance.ts `twoLevel`). Never in the view's JSON. */
      shownPartnerIds: string[]
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

/** The quality view of a wave and role for `access`'s reader, who must read quality (`readsQuality`). */
export async function qualityOf(
  db: D1Database,
  access: Pick<ProgrammeAccess, 'canLead' | 'partnerId'>,
  data: ProgrammeData,
  opts: { waveId?: string; role: Role },
): Promise<Quality> {
  if (!readsQuality(access)) throw refuse('quality-not-pooled')
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
  const pool = (await readPools(db, instrument, wave.id))[role]
  // No pool: a wave answered before pools were kept (schema/migrations/0008_pool_moments.sql).
  if (!pool) return notShown('respondents')
  if (pool.respondents !== shownTotal) return notShown('hidden-groups')
  // A dimension or question hidden inside a shown cell is in the pool but in no published total, so
  // the pool minus the programme's totals would give its few answers away (a hostile reader's review,
  // session 7; tests/worker/anonymity/quality.test.ts replays both): the view is not shown then.
  //
  // Not per scale or per question: withholding only what holds a hidden dimension or question is
  // not shown safe. A question skipped inside a scored dimension (the two-thirds rule) makes that
  // scale's complete answer sets fewer than its scores, in a way no published count gives: in the
  // replayed attack the scale's n was the others' 75 plus the hidden question's 3. So a scale holding
  // such a question would have to go too, and so would the matrices over every item
  // (worker/services/export-service.ts), while the Observer's equations (tests/worker/anonymity/
  // adversary.ts) model a scale's complete answer sets only where a dimension is answered whole or
  // not at all: for the partly answered scales it cannot show what the rest still gives away.
  const hiddenInside = shownCells.some(
    (c) =>
      Object.values(c.stats ?? {}).some((m) => m === null) || Object.values(c.questions ?? {}).some((q) => q === null),
  )
  if (hiddenInside) return notShown('hidden-groups')
  const poolStats = poolQuality(pool)
  if (!poolStats) return notShown('respondents')
  const published = rolePub?.programme
  const scored = Object.fromEntries(
    Object.keys(pool.scales).map((key) => [
      key,
      [published?.stats?.[key], published?.shared?.[key]].flatMap((m) => (m ? [moments(m).n] : [])),
    ]),
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
        smallDifference.includes(key) ? withheldScale(pool.scales[key]!) : s,
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
    partners: shownCells.length,
    quality,
    icc: iccs,
    pool: pooled,
    scored,
    complete: completeAnswerSets(pooled, completeAll),
    smallDifference,
    shownPartnerIds: shownEntries.map(([id]) => id),
  }
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
