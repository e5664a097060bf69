import type { z } from 'zod'
import type { ExportQuery } from '../../schema/api.ts'
import { downloadName, type Lang, toCsv } from '../../schema/format.ts'
import { type Actor, exportAuditStatements, writeAudit } from '../db/audit.ts'
import { listActions } from '../db/actions.ts'
import { readPoolItems } from '../db/pool-moments.ts'
import type { Programme } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import { exportDetail } from '../domain/audit-changes.ts'
import { covariance, MIN_POOLED_RESPONDENTS } from '../domain/measurement-quality.ts'
import { withheldExportFigures } from '../domain/pool-differences.ts'
import { type PairMoments, pairwiseCovariance, totalCovariance, twoLevel } from '../domain/pooled-covariance.ts'
import { messages } from '../i18n/messages.ts'
import { recordChanges } from './audit-trail.ts'
import { readWithAccess } from './programme-access.ts'
import { refuse } from './refusal.ts'
import type { Quality } from './quality-service.ts'
import { exportRows, loadProgramme } from './results-service.ts'

/** A file to download: its text and the name a browser saves it under. */
export type Download = { body: string; filename: string }

/**
 * The visible cells of a wave as CSV, for a lead of programme `pid`, recorded in its trail. Access,
 * data and the trail's entry go in one batch, so that the export waits for D1 twice (the session,
 * then this) and is recorded in the transaction that read it (worker/db/audit.ts).
 */
export async function exportCsv(
  db: D1Database,
  user: User,
  pid: string,
  query: z.output<typeof ExportQuery>,
  k: number,
  route: string,
): Promise<Download> {
  const { wave: waveId, sep, lang } = query
  const detail = exportDetail({ kind: 'csv', lang, sep })
  const {
    access: { programme, partnerId },
    value: [data, actions],
    also: [recorded, chosen],
  } = await readWithAccess(
    db,
    { user, pid, need: 'lead', route },
    // Only the exported wave's publication is parsed (and the one before it; worker/db/publications.ts).
    (held, cleared) =>
      Promise.all([
        loadProgramme(held, pid, k, undefined, { wave: waveId }, cleared),
        // Read in the same batch: the export's actions column (`exportRows`).
        listActions(held, pid),
      ]),
    exportAuditStatements(db, { programmeId: pid, user, waveId: waveId ?? null, detail }),
  )
  const written = recorded!.meta.changes === 1
  // Written: the wave it names is the one exported (the same one the Worker would pick from these reads).
  const exportedWave = written ? (chosen!.results[0] as { wave_id: string }).wave_id : waveId
  const { wave, rows } = exportRows(data, { waveId: exportedWave, onlyPartner: partnerId, lang, actions })
  // Not written: the wave was published by this request (or D1's clock and the Worker's disagreed at
  // an opening or closing): recorded now, after the reads, as every export was before.
  if (!written) {
    await writeAudit(db, [
      {
        programmeId: programme.id,
        actor: { id: user.id, email: user.email },
        action: 'export.downloaded',
        target: wave.label,
        detail,
      },
    ])
  }
  return {
    body: toCsv(rows, sep === 'semicolon' ? ';' : ','),
    filename: downloadName([programme.name, wave.label], 'csv'),
  }
}

/**
 * Why the matrices over all items are not in the export: not kept for this wave, fewer complete
 * answer sets than MIN_POOLED_RESPONDENTS, or a small difference (`withheldFigures`).
 */
type ItemsWithheld = 'not-kept' | 'few-complete' | 'small-difference'

/**
 * The export's pooled figures that small-difference withholding takes out
 * (worker/domain/pool-differences.ts `withheldExportFigures`): per dimension the published programme
 * cell's scores (and staff's on the shared questions) and per question its answer sets (fixed: the results and the quality view give
 * them), inside them the scale's complete answer sets, inside every scale the answer sets complete
 * on every item, and the pairs of items, which hold a scale's complete answer sets and are held by
 * each of their questions'. The pairs only where their block is not withheld for another reason
 * (what is not published is no term of a difference).
 */
function withheldFigures(
  q: Extract<Quality, { shown: true }>,
  items: { n: number } | null,
  pairs: PairMoments | null,
  k: number,
) {
  return withheldExportFigures(
    {
      scored: q.scored,
      answered: Object.fromEntries(Object.entries(q.pool.questions).map(([name, c]) => [name, c.asked - c.dontKnow])),
      scales: q.pool.scales,
      items: items?.n ?? null,
      pairs: pairs && !pairsWithheld(pairs) ? pairs : null,
    },
    k,
  )
}

/**
 * Why the pairwise matrix is not in the export: not kept for this wave, a pair of items answered
 * together by fewer than MIN_POOLED_RESPONDENTS, or a small difference (`withheldFigures`): then
 * the whole block goes, never one pair.
 */
type PairsWithheld = 'not-kept' | 'few-pairs' | 'small-difference'

const pairsWithheld = (pairs: PairMoments | null): PairsWithheld | null =>
  !pairs ? 'not-kept' : Math.min(...pairs.n) < MIN_POOLED_RESPONDENTS ? 'few-pairs' : null

/**
 * The pairwise block of the export: each covariance over the answer sets
 * that answered both items, with its n, so that "don't know" on a few questions does not withhold
 * the matrix. Only where every pair was answered together by MIN_POOLED_RESPONDENTS or more (the
 * cross-products of fewer would be a few people's). A pairwise matrix need not be positive definite:
 * `positiveDefinite` says whether this one is.
 */
function pairwiseBlock(pairs: PairMoments | null, smallDifference: boolean) {
  const names = pairs?.items ?? []
  const withheld = pairsWithheld(pairs) ?? (smallDifference ? 'small-difference' : null)
  const m = pairs && !withheld ? pairwiseCovariance(pairs) : null
  return {
    method: 'pairwise' as const,
    names,
    withheld: m ? null : (withheld ?? 'few-pairs'),
    n: m?.n ?? null,
    means: m?.means ?? null,
    covariance: m?.covariance ?? null,
    nobs: m?.nobs ?? null,
    nobsRule: 'harmonic mean of the pair n (i ≤ j)',
    minN: m?.minN ?? null,
    positiveDefinite: m?.positiveDefinite ?? null,
  }
}

/**
 * The researcher's export of a shown measurement-quality view (worker/services/quality-service.ts
 * decides whether it is shown: a published wave, 100 answer sets, 3 shown partners, nothing hidden
 * in the pool), in the form lavaan reads (`sample.cov`, `sample.mean`, `sample.nobs`):
 *  - per scale, as before, the items' means, covariance matrix and n of the answer sets complete
 *    on that scale;
 *  - over all of the role's items (worker/domain/pooled-covariance.ts), of the answer sets complete
 *    on every one: the means, the total covariance matrix (n − 1) with its n, and the
 *    pooled-within-partner covariance matrix (N − G) with the number of partners G, so that
 *    between-scale covariances and a two-level model (within and between partners) can be fitted.
 *    Both only from MIN_POOLED_RESPONDENTS complete answer sets (fewer would be the cross-products
 *    of a few people), and the within matrix only where every partner's complete answer sets
 *    number k or more (`pooledWithin`); beside it the between-partner matrix and the scaling
 *    constant c (`twoLevel`), both over the shown partners only (`q.shownPartnerIds`) and withheld
 *    where another partner has answer sets. Nothing in it is per partner: no partner's n, sums or
 *    name (c is one number over all shown partners' complete answer sets);
 *  - over all items pairwise (`pairwiseBlock`), each covariance over the answer sets that answered both.
 *  - a scale, or the figures over all items, whose answer sets differ from a published figure's
 *    holding them by 1 to k − 1 are withheld (`withheldFigures`): the difference would be those
 *    few answer sets' sums and cross-products. Why the within matrix is missing is said in one
 *    word for every reason that rests on the partners' counts ('withheld'), since "a partner has
 *    fewer than k complete answer sets" is a fact about one shown group.
 */
export async function momentsExport(db: D1Database, q: Extract<Quality, { shown: true }>, k: number) {
  // Over the cells shown whole when the view's pool was made again over those (quality-service.ts `wholeCellsPool`):
  // its own all-items and pairwise moments, and the partners' item sums of those cells only.
  const read = await readPoolItems(db, q.instrument, q.wave.id, q.role)
  const { items, pairs } = q.kept ?? read
  const partners = q.kept ? read.partners.filter((p) => q.kept!.partners.includes(p.partnerId)) : read.partners
  const differences = withheldFigures(q, items, pairs, k)
  const withheld: ItemsWithheld | null = !items
    ? 'not-kept'
    : items.n < MIN_POOLED_RESPONDENTS
      ? 'few-complete'
      : differences.has('items')
        ? 'small-difference'
        : null
  const total = items && !withheld ? totalCovariance(items) : null
  // Over the shown partners only, withheld if any other partner has answer sets (`twoLevel`).
  const shown = new Set(q.shownPartnerIds)
  const levels =
    items && total
      ? twoLevel(
          items,
          partners.map((p) => ({ ...p, shown: shown.has(p.partnerId) })),
          k,
          Object.fromEntries(Object.entries(q.pool.scales).map(([key, s]) => [key, s.items])),
        )
      : null
  return {
    format: 'ketenradar-pooled-moments',
    instrument: { id: q.instrument.id, version: q.instrument.version },
    wave: { id: q.wave.id, label: q.wave.label },
    role: q.role,
    respondents: q.pool.respondents,
    partners: q.partners,
    scales: Object.fromEntries(
      Object.entries(q.pool.scales).map(([key, s]) =>
        differences.has(`scale:${key}`)
          ? [key, { items: s.items, n: null, means: null, covariance: null, withheld: 'small-difference' as const }]
          : [
              key,
              {
                items: s.items,
                n: s.n,
                means: s.n > 0 ? s.sum.map((x) => x / s.n) : null,
                covariance: covariance(s),
                withheld: null,
              },
            ],
      ),
    ),
    items: {
      method: 'listwise' as const,
      names: items?.items ?? [],
      n: items && withheld !== 'small-difference' ? items.n : null,
      withheld,
      means: total?.means ?? null,
      total: total ? { covariance: total.covariance, nobs: items!.n } : null,
      within: levels && 'within' in levels ? levels.within : null,
      between: levels && 'between' in levels ? levels.between : null,
      withinWithheld: levels && 'withheld' in levels ? levels.withheld : withheld,
    },
    pairwise: pairwiseBlock(pairs, differences.has('pairs')),
  }
}

/**
 * The moments export of a measurement-quality view of `programme` (`momentsExport`), for the lead
 * `actor`, recorded in its trail, with a note on what it holds in `lang`: refused, naming what is
 * missing, while the view is not shown.
 */
export async function exportMoments(
  db: D1Database,
  programme: Programme,
  quality: Quality,
  k: number,
  actor: Actor,
  lang: Lang,
): Promise<Download> {
  if (!quality.shown) {
    throw refuse('quality-not-available', {
      label: quality.wave.label,
      respondents: quality.minRespondents,
      partners: quality.minPartners,
    })
  }
  await recordChanges(db, programme.id, actor, {
    action: 'export.downloaded',
    target: quality.wave.label,
    detail: exportDetail({ kind: 'moments', role: quality.role }),
  })
  return {
    body: JSON.stringify({ note: messages[lang].momentsNote, ...(await momentsExport(db, quality, k)) }, null, 2),
    filename: downloadName([programme.name, quality.wave.label, quality.role, 'moments'], 'json'),
  }
}
