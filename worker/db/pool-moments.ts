import type { Instrument, Role } from '../../schema/instrument.ts'
import {
  answerSetVector,
  emptyPool,
  poolFromVector,
  type PoolMoments,
  type ScaleMoments,
  type WithinScale,
} from '../domain/measurement-quality.ts'
import {
  ITEMS_KEY,
  itemsFromVector,
  itemsVector,
  pairsFromVector,
  pairsVector,
  partnerItemsOf,
  type PairMoments,
  roleItems,
  type PartnerItems,
} from '../domain/pooled-covariance.ts'
import type { Answers } from '../domain/scoring.ts'

/**
 * The pooled moments of a wave × role (schema/migrations/0008_pool_moments.sql): one row, one
 * JSON array, added to by every submission of that role.
 */

/**
 * SQL for the element-by-element sum of a pool column and the submission's delta `param`, both
 * number arrays of one layout: one pass over the stored array's `json_each`, each position's delta
 * read at its offset in a fixed-width text (`fixedWidth`: every number padded to `?6` characters,
 * so position i starts at byte 2 + i·(?6 + 1)). Linear in the array's length and the same text
 * whatever the answers. `CAST(… AS BLOB)` of a bound value is constant, so SQLite makes it once
 * per statement, and `substr` of a blob counts bytes, not characters, so each read is direct;
 * `substr` of the text itself would walk it from its start for every position (quadratic).
 *
 * The sums come back in position order: `json_each` gives an array's elements in that order, and
 * an aggregate over one scan, with no GROUP BY, takes its rows as the scan gives them
 * (tests/worker/db/pool-moments.test.ts checks every position against the sums made in JS); an
 * `ORDER BY key` in the aggregate sorted them again and took 40 % of the statement. The form before
 * (the two arrays' `json_each` rows grouped by position, `UNION ALL` + `GROUP BY`) sorted twice the
 * rows (BENCHMARKS.md, "A submission's cost (2026-12-07)"), and reading position i of a JSON array
 * for each i is quadratic too (BENCHMARKS.md, "The extra moments of issue 16's review").
 */
const addArrays = (column: 'moments' | 'items' | 'pairs', param: '?3' | '?4' | '?5') =>
  `(SELECT json_group_array(value + CAST(substr(CAST(${param} AS BLOB), 2 + key * (?6 + 1), ?6) AS NUMERIC)) FROM json_each(pool_moments.${column}))`

/**
 * The vectors as JSON arrays whose numbers all take the same width (padded with spaces, which
 * JSON allows), and that width: what `addArrays` reads by offset, and what the first answer set
 * of a pool stores as it is (the second one's sum is written without the spaces). Minifying it in
 * the statement (`json(?3)`) would be done for every submission, since SQLite makes the row to
 * insert before it finds the conflict: a quarter of the statement.
 */
function fixedWidth(vectors: number[][]): { width: number; texts: string[] } {
  let width = 1
  const texts = vectors.map((v) => v.map(String))
  for (const t of texts) for (const x of t) if (x.length > width) width = x.length
  return { width, texts: texts.map((t) => `[${t.map((x) => x.padStart(width)).join(',')}]`) }
}

/**
 * The statement that adds one answer set to its wave × role pool, for the submission's batch
 * (worker/db/responses.ts). Like the rollup upsert it runs only when the statement before it
 * changed exactly one row (`changes() = 1`, set when that statement ends, so it holds for the
 * whole of this one), and it changes exactly one row itself: it can stand anywhere in that chain
 * of guarded statements without breaking the guard of the one after it. The first answer set of a
 * pool writes its whole vector; later ones are added element by element in SQL (`addArrays`;
 * the vectors come from the validated instrument, never from a request), so SQLite adds in its
 * single writer and concurrent submissions lose nothing.
 *
 * The cross-products over all items (`items`, schema/migrations/0012_pool_items.sql): an answer
 * set that is not complete adds nothing, and a pool counted before they were kept stays NULL.
 * The pairwise moments (`pairs`, schema/migrations/0013_pool_pairs.sql) likewise: every answer set
 * adds its pairs, and a pool counted before they were kept stays NULL. Still one statement and one
 * row; what it writes grows by 4·k(k + 1)/2 numbers (1 200 for 24 staff items, beside the 325 of
 * `items`), added in the same one pass of SQL.
 */
export function addToPool(
  db: D1Database,
  ins: Instrument,
  cell: { waveId: string; role: Role } | { responseId: string; role: Role },
  answers: Answers,
): D1PreparedStatement {
  const v = answerSetVector(ins, cell.role, answers)
  const items = itemsVector(ins, cell.role, answers)
  const mergedItems =
    items[0] === 0 ? 'items' : `CASE WHEN items IS NULL THEN NULL ELSE ${addArrays('items', '?4')} END`
  const mergedPairs = `CASE WHEN pairs IS NULL THEN NULL ELSE ${addArrays('pairs', '?5')} END`
  const { width, texts } = fixedWidth([v, items, pairsVector(ins, cell.role, answers)])
  // The wave is known, or (one round trip, worker/db/responses.ts storeClaimedResponse) read from the answer set just stored.
  const source =
    'waveId' in cell
      ? 'SELECT ?1, ?2, ?3, ?4, ?5 WHERE changes() = 1'
      : 'SELECT wave_id, ?2, ?3, ?4, ?5 FROM responses WHERE id = ?1 AND changes() = 1'
  return db
    .prepare(
      `INSERT INTO pool_moments (wave_id, role, moments, items, pairs) ${source}
       ON CONFLICT (wave_id, role) DO UPDATE SET moments = ${addArrays('moments', '?3')}, items = ${mergedItems}, pairs = ${mergedPairs}`,
    )
    .bind('waveId' in cell ? cell.waveId : cell.responseId, cell.role, ...texts, width)
}

/**
 * The pooled moments of a wave's roles; a role nobody answered has no entry. `completeAll` is how
 * many of its answer sets answered every scored question of the role on the scale (the n of the
 * listwise all-items matrices, `itemsVector`'s first number), null for a pool counted before those
 * were kept (schema/migrations/0012_pool_items.sql).
 */
export async function readPools(
  db: D1Database,
  ins: Instrument,
  waveId: string,
): Promise<Partial<Record<Role, PoolMoments & { completeAll: number | null }>>> {
  const { results } = await db
    .prepare("SELECT role, moments, json_extract(items, '$[0]') AS complete_all FROM pool_moments WHERE wave_id = ?1")
    .bind(waveId)
    .all<{ role: Role; moments: string; complete_all: number | null }>()
  return Object.fromEntries(
    results.map((r) => [
      r.role,
      { ...poolFromVector(ins, r.role, JSON.parse(r.moments) as number[]), completeAll: r.complete_all ?? null },
    ]),
  )
}

/**
 * A wave × role's cross-products over all its items (worker/domain/pooled-covariance.ts) and the
 * item sums its partner cells keep, for the researcher's export: null items when the pool was
 * counted before they were kept (or nobody answered), and likewise null pairwise moments
 * (`pairs`). Each partner with its cell's answer sets.
 */
export async function readPoolItems(
  db: D1Database,
  ins: Instrument,
  waveId: string,
  role: Role,
): Promise<{
  items: ScaleMoments | null
  pairs: PairMoments | null
  partners: { partnerId: string; items: PartnerItems | null; answerSets: number }[]
}> {
  const [pool, cells] = await db.batch([
    db.prepare('SELECT items, pairs FROM pool_moments WHERE wave_id = ?1 AND role = ?2').bind(waveId, role),
    db
      .prepare(
        `SELECT partner_id, n, json_extract(stats, '$."${ITEMS_KEY}"') AS items FROM rollups WHERE wave_id = ?1 AND role = ?2 AND n > 0`,
      )
      .bind(waveId, role),
  ])
  const row = pool!.results[0] as { items: string | null; pairs: string | null } | undefined
  const k = roleItems(ins, role).length
  return {
    items: row?.items ? itemsFromVector(ins, role, JSON.parse(row.items) as number[]) : null,
    pairs: row?.pairs ? pairsFromVector(ins, role, JSON.parse(row.pairs) as number[]) : null,
    partners: (cells!.results as { partner_id: string; n: number; items: string | null }[]).map((r) => ({
      partnerId: r.partner_id,
      answerSets: r.n,
      items: partnerItemsOf(r.items ? (JSON.parse(r.items) as number[]) : null, k),
    })),
  }
}

/**
 * A published wave × role's pool over the partner cells it shows whole (schema/migrations/0014_pool_shown.sql):
 * the partners, the pool in `moments`' layout with how many answered every item, and the all-items
 * and pairwise moments. Null until kept, or for a role nobody answered.
 */
export type ShownPool = {
  partners: string[]
  pool: PoolMoments & { completeAll: number }
  items: ScaleMoments
  pairs: PairMoments
  /**
   * Per scale its cross-products pooled within partners (worker/domain/measurement-quality.ts
   * `withinScales`), what α within partners is computed from; null for a pool kept before they were
   * (the view then gives α over all partners together and says so).
   */
  within: Record<string, WithinScale | null> | null
}

type ShownVectors = {
  partners: string[]
  moments: number[]
  items: number[]
  pairs: number[]
  within?: Record<string, WithinScale | null>
}

export async function readShownPool(
  db: D1Database,
  ins: Instrument,
  waveId: string,
  role: Role,
): Promise<ShownPool | null> {
  const row = await db
    .prepare('SELECT shown FROM pool_moments WHERE wave_id = ?1 AND role = ?2')
    .bind(waveId, role)
    .first<{ shown: string | null }>()
  if (!row?.shown) return null
  const v = JSON.parse(row.shown) as ShownVectors
  return {
    partners: v.partners,
    pool: { ...poolFromVector(ins, role, v.moments), completeAll: v.items[0]! },
    items: itemsFromVector(ins, role, v.items),
    pairs: pairsFromVector(ins, role, v.pairs),
    within: withinOf(ins, role, v.within),
  }
}

/** The kept within-partner moments if they fit the role's scales (each scale's n, groups and k(k + 1)/2 cross-products), else null. */
function withinOf(ins: Instrument, role: Role, v: unknown): Record<string, WithinScale | null> | null {
  if (!v || typeof v !== 'object') return null
  const scales = emptyPool(ins, role).scales
  const out: Record<string, WithinScale | null> = {}
  for (const [key, shape] of Object.entries(scales)) {
    const w = (v as Record<string, unknown>)[key] as WithinScale | null | undefined
    if (w === null) {
      out[key] = null
      continue
    }
    const fits =
      w &&
      Number.isInteger(w.n) &&
      Number.isInteger(w.groups) &&
      Array.isArray(w.cross) &&
      w.cross.length === shape.cross.length &&
      w.cross.every((x) => typeof x === 'number' && Number.isFinite(x))
    if (!fits) return null
    out[key] = { n: w.n, groups: w.groups, cross: [...w.cross] }
  }
  return out
}

/** Keeps a wave × role's pool over the cells shown whole, once: a publication never changes, so neither does it. */
export async function keepShownPool(db: D1Database, waveId: string, role: Role, v: ShownVectors): Promise<void> {
  await db
    .prepare('UPDATE pool_moments SET shown = ?3 WHERE wave_id = ?1 AND role = ?2 AND shown IS NULL')
    .bind(waveId, role, JSON.stringify(v))
    .run()
}
