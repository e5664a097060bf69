import type { Instrument, Role } from '../../schema/instrument.ts'
import { cellDelta } from '../domain/rollup.ts'
import { canonicalAnswers, type Answers, type Scores } from '../domain/scoring.ts'
import { GROUP_HEADCOUNT_SQL } from './headcount-sql.ts'
import { addToPool } from './pool-moments.ts'
import { addQuestionCounts } from './question-rollups.ts'
import { WAVE_OPEN_SQL, WAVE_PLANNED_SQL } from './wave-state-sql.ts'

/**
 * Adds the delta held in `excluded.stats` to the stored moments, element by element, in SQL:
 * the increment happens inside D1's single writer, so concurrent submissions lose nothing. Each
 * of the delta's keys (worker/domain/rollup.ts `cellDelta`: a validated instrument's dimension keys
 * `[a-z][a-z0-9_]*` and the `@` keys, never a request's) becomes the stored array plus the
 * delta's, in position order, quoted in the JSON path; `json_patch` puts them over the stored
 * object and keeps any key the delta lacks. A key the stored cell lacks (a group counted before
 * it was kept) starts from 0. One text for every instrument and role: spelling out every
 * position (about 85 `json_extract` pairs, 9 KB) made a statement that cost more to prepare than
 * to run, and Miniflare's D1 prepares every statement of every batch again (BENCHMARKS.md,
 * "A submission's cost (2026-12-07)"). The arrays are short (8 numbers a dimension, k + 2 for
 * `@items`), so reading the stored one by position is cheap.
 */
const MERGE_STATS_SQL = `json_patch(rollups.stats, (SELECT json_group_object(d.key, json((
    SELECT json_group_array(coalesce(json_extract(rollups.stats, '$."' || d.key || '"[' || e.key || ']'), 0) + e.value ORDER BY e.key)
    FROM json_each(d.value) e))) FROM json_each(excluded.stats) d))`

export type StoredResponse = { waveId: string; partnerId: string; role: string; answers: string }

export async function readResponse(db: D1Database, id: string): Promise<StoredResponse | null> {
  const row = await db
    .prepare('SELECT wave_id, partner_id, role, answers FROM responses WHERE id = ?1')
    .bind(id)
    .first<{ wave_id: string; partner_id: string; role: string; answers: string }>()
  return row ? { waveId: row.wave_id, partnerId: row.partner_id, role: row.role, answers: row.answers } : null
}

/**
 * The stored answer sets of a wave × role's partners `partnerIds`, for a pool made again once the
 * wave is published (worker/services/quality-service.ts); null when any of them can no longer be
 * read (overwritten by the retention's purge, worker/db/retention.ts), so no pool is made of part.
 */
export async function readAnswerSets(
  db: D1Database,
  waveId: string,
  role: Role,
  partnerIds: ReadonlySet<string>,
): Promise<{ partnerId: string; answers: Answers }[] | null> {
  const { results } = await db
    .prepare('SELECT partner_id, answers FROM responses WHERE wave_id = ?1 AND role = ?2')
    .bind(waveId, role)
    .all<{ partner_id: string; answers: string }>()
  const sets: { partnerId: string; answers: Answers }[] = []
  for (const r of results) {
    if (!partnerIds.has(r.partner_id)) continue
    try {
      sets.push({ partnerId: r.partner_id, answers: JSON.parse(r.answers) as Answers })
    } catch {
      return null
    }
  }
  return sets
}

/**
 * Stores one answer set and adds it to its rollup cell in ONE batch (D1's only transaction), if
 * the group may take it, checked in the statement itself: the link is not withdrawn; its wave is
 * open by D1's own clock (the clock a publication is read under, see worker/db/publications.ts),
 * not published, and still of the instrument version the answers were checked against; and the
 * group holds fewer answer sets than its headcount. What a Worker isolate remembers of a link
 * (worker/services/link-service.ts) may be seconds old; this is not. The rollup statement runs only when
 * the answer set was stored (`changes()`). The plain INSERT fails on a duplicate id, which rolls
 * back the whole batch: a concurrent retry can never be counted twice. False when the group may
 * not take it.
 */
export async function storeResponse(
  db: D1Database,
  ins: Instrument,
  cell: { linkId: string; waveId: string; partnerId: string; role: Role },
  id: string,
  answers: Answers,
  scores: Scores,
): Promise<boolean> {
  const delta = cellDelta(ins, cell.role, answers, scores)
  const [stored] = await db.batch([
    db
      .prepare(
        `INSERT INTO responses (id, wave_id, partner_id, role, answers, scores) SELECT ?1, ?2, ?3, ?4, ?5, ?6
         WHERE EXISTS (SELECT 1 FROM links WHERE token_hash = ?7 AND wave_id = ?2 AND revoked = 0)
           AND EXISTS (SELECT 1 FROM waves WHERE id = ?2 AND ${WAVE_OPEN_SQL(null)} AND instrument_version = ?8)
           AND NOT EXISTS (SELECT 1 FROM publications WHERE wave_id = ?2)
           AND coalesce((SELECT n FROM rollups WHERE wave_id = ?2 AND partner_id = ?3 AND role = ?4), 0)
             < coalesce(${GROUP_HEADCOUNT_SQL('?2', '?3', '?4')}, 0)`,
      )
      .bind(
        id,
        cell.waveId,
        cell.partnerId,
        cell.role,
        canonicalAnswers(answers),
        JSON.stringify(scores),
        cell.linkId,
        ins.version,
      ),
    db
      .prepare(
        `INSERT INTO rollups (wave_id, partner_id, role, n, stats) SELECT ?1, ?2, ?3, 1, ?4 WHERE changes() = 1
         ON CONFLICT (wave_id, partner_id, role) DO UPDATE SET n = n + 1, stats = ${MERGE_STATS_SQL}`,
      )
      .bind(cell.waveId, cell.partnerId, cell.role, JSON.stringify(delta)),
    // Pooled moments per wave × role: runs only when the rollup above did, and changes one row itself.
    addToPool(db, ins, cell, answers),
    // Question detail: runs only when the pool statement above did, so only for a stored answer set.
    addQuestionCounts(db, ins, cell, answers),
  ])
  return stored!.meta.changes === 1
}

/**
 * What the statement that stores an answer set found, when it stored nothing: enough to answer
 * as a request that had read the link first would have, without reading it first. Null link
 * fields: the token names no link.
 */
type SubmitFinding = {
  link: null | {
    revoked: boolean
    waveId: string
    partnerId: string
    role: Role
    instrument: string
    instrumentVersion: number
    opensAt: string
    closesAt: string
    /** By D1's clock, the one the store checks. */
    state: 'planned' | 'open' | 'closed'
    published: boolean
    answered: number
    headcount: number | null
  }
  /** The answer set already stored under the request's id, if any (a retry, or an id reused). */
  earlier: StoredResponse | null
}

type FindingRow = {
  found: number | null
  revoked: number | null
  wave_id: string | null
  partner_id: string | null
  role: Role | null
  instrument_id: string | null
  instrument_version: number | null
  opens_at: string | null
  closes_at: string | null
  planned: number | null
  open: number | null
  published: number | null
  answered: number | null
  headcount: number | null
  earlier_wave: string | null
  earlier_partner: string | null
  earlier_role: string | null
  earlier_answers: string | null
}

/**
 * Stores an answer set in ONE round trip, without reading its link first: the answers were
 * checked against the instrument version and role the survey page served (`claim`), and the
 * statement stores them only if the link the token hash names is that role's, not withdrawn, of
 * a wave open by D1's clock, of that instrument and version, not published, and its group holds
 * fewer answer sets than its headcount — the guard of `storeResponse`, with the link joined by
 * its token hash instead of looked up before. An id already stored is not stored again (and the
 * primary key still refuses a race past that check, rolling the batch back). The rollup
 * statement runs only when the answer set was stored (`changes()`), from the row just stored.
 * When nothing was stored, a last statement (which runs only then) says what it found: the link
 * and the answer set stored under this id, so the caller can tell a retry (200), an unknown or
 * withdrawn link (404), a closed wave (410), a full group (409) or a survey changed since the page
 * was served. Nothing about the request but the answers, their scores and the cell goes into D1.
 * `ready` is awaited once the statements are made and before the batch is sent (the caller's rate
 * limiter, worker/services/response-service.ts): what it throws stops the batch, so nothing is stored.
 */
export async function storeClaimedResponse(
  db: D1Database,
  claim: { instrument: Instrument; role: Role },
  tokenHash: string,
  id: string,
  answers: Answers,
  scores: Scores,
  ready: () => Promise<void> = async () => {},
): Promise<{ stored: true } | { stored: false; finding: SubmitFinding }> {
  const { instrument: ins, role } = claim
  const delta = cellDelta(ins, role, answers, scores)
  const statements = [
    db
      .prepare(
        `INSERT INTO responses (id, wave_id, partner_id, role, answers, scores)
         SELECT ?1, l.wave_id, l.partner_id, l.role, ?2, ?3 FROM links l JOIN waves w ON w.id = l.wave_id
         WHERE l.token_hash = ?4 AND l.revoked = 0 AND l.role = ?5
           AND ${WAVE_OPEN_SQL('w')} AND w.instrument_id = ?6 AND w.instrument_version = ?7
           AND NOT EXISTS (SELECT 1 FROM publications WHERE wave_id = l.wave_id)
           AND NOT EXISTS (SELECT 1 FROM responses WHERE id = ?1)
           AND coalesce((SELECT n FROM rollups r WHERE r.wave_id = l.wave_id AND r.partner_id = l.partner_id AND r.role = l.role), 0)
             < coalesce(${GROUP_HEADCOUNT_SQL('l.wave_id', 'l.partner_id', 'l.role')}, 0)`,
      )
      .bind(id, canonicalAnswers(answers), JSON.stringify(scores), tokenHash, role, ins.id, ins.version),
    db
      .prepare(
        `INSERT INTO rollups (wave_id, partner_id, role, n, stats) SELECT wave_id, partner_id, role, 1, ?2 FROM responses WHERE id = ?1 AND changes() = 1
         ON CONFLICT (wave_id, partner_id, role) DO UPDATE SET n = n + 1, stats = ${MERGE_STATS_SQL}`,
      )
      .bind(id, JSON.stringify(delta)),
    // Pooled moments per wave × role: runs only when the rollup above did, and changes one row itself.
    addToPool(db, ins, { responseId: id, role }, answers),
    // Question detail: runs only when the pool statement above did, and changes one row itself.
    addQuestionCounts(db, ins, { responseId: id, role }, answers),
    // changes() is now the question counts' statement's, which ran exactly when the rollup's did: 0 exactly when nothing was stored.
    db
      .prepare(
        `SELECT l.token_hash IS NOT NULL AS found, l.revoked, l.wave_id, l.partner_id, l.role, w.instrument_id, w.instrument_version, w.opens_at, w.closes_at,
                ${WAVE_PLANNED_SQL('w')} AS planned, ${WAVE_OPEN_SQL('w')} AS open,
                EXISTS (SELECT 1 FROM publications WHERE wave_id = l.wave_id) AS published,
                coalesce((SELECT n FROM rollups r WHERE r.wave_id = l.wave_id AND r.partner_id = l.partner_id AND r.role = l.role), 0) AS answered,
                ${GROUP_HEADCOUNT_SQL('l.wave_id', 'l.partner_id', 'l.role')} AS headcount,
                e.wave_id AS earlier_wave, e.partner_id AS earlier_partner, e.role AS earlier_role, e.answers AS earlier_answers
         FROM (SELECT 1) one LEFT JOIN links l ON l.token_hash = ?1 LEFT JOIN waves w ON w.id = l.wave_id
              LEFT JOIN responses e ON e.id = ?2
         WHERE changes() = 0`,
      )
      .bind(tokenHash, id),
  ]
  await ready()
  const [stored, , , , found] = await db.batch<FindingRow>(statements)
  if (stored!.meta.changes === 1) return { stored: true }
  const row = found!.results[0]
  if (!row) throw new Error('storeClaimedResponse: nothing stored and nothing found')
  const earlier =
    row.earlier_wave === null
      ? null
      : {
          waveId: row.earlier_wave,
          partnerId: row.earlier_partner!,
          role: row.earlier_role!,
          answers: row.earlier_answers!,
        }
  if (!row.found) return { stored: false, finding: { link: null, earlier } }
  return {
    stored: false,
    finding: {
      link: {
        revoked: row.revoked === 1,
        waveId: row.wave_id!,
        partnerId: row.partner_id!,
        role: row.role!,
        instrument: row.instrument_id!,
        instrumentVersion: row.instrument_version!,
        opensAt: row.opens_at!,
        closesAt: row.closes_at!,
        state: row.planned ? 'planned' : row.open ? 'open' : 'closed',
        published: row.published === 1,
        answered: row.answered ?? 0,
        headcount: row.headcount,
      },
      earlier,
    },
  }
}
