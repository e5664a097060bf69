import type { Instrument, Role } from '../../schema/instrument.ts'
import { rollupDelta } from '../domain/rollup.ts'
import { canonicalAnswers, type Answers, type Scores } from '../domain/scoring.ts'
import { HEADCOUNT_COLUMN } from './programmes.ts'
import { addQuestionCounts } from './question-rollups.ts'
import { DB_NOW } from './publications.ts'

/**
 * Adds the delta held in `excluded.stats` to the stored moments, element by element, in SQL:
 * the increment happens inside D1's single writer, so concurrent submissions lose nothing.
 * Dimension keys come from a validated instrument (`[a-z][a-z0-9_]*`), never from a request.
 */
function mergeSql(ins: Instrument, dimensions: string[]): string {
  const width = 3 + ins.levels.length
  const parts = dimensions.map((key) => {
    const cells = Array.from(
      { length: width },
      (_, i) => `coalesce(json_extract(stats, '$.${key}[${i}]'), 0) + json_extract(excluded.stats, '$.${key}[${i}]')`,
    )
    return `'$.${key}', json_array(${cells.join(', ')})`
  })
  return `json_set(stats, ${parts.join(', ')})`
}

export type StoredResponse = { waveId: string; partnerId: string; role: string; answers: string }

export async function readResponse(db: D1Database, id: string): Promise<StoredResponse | null> {
  const row = await db
    .prepare('SELECT wave_id, partner_id, role, answers FROM responses WHERE id = ?1')
    .bind(id)
    .first<{ wave_id: string; partner_id: string; role: string; answers: string }>()
  return row ? { waveId: row.wave_id, partnerId: row.partner_id, role: row.role, answers: row.answers } : null
}

/**
 * Stores one answer set and adds it to its rollup cell in ONE batch (D1's only transaction), if
 * the group may take it, checked in the statement itself: the link is not withdrawn; its wave is
 * open by D1's own clock (the clock a publication is read under, see worker/db/publications.ts),
 * not published, and still of the instrument version the answers were checked against; and the
 * group holds fewer answer sets than its headcount. What a Worker isolate remembers of a link
 * (worker/services/survey-link-service.ts) may be seconds old; this is not. The rollup statement runs only when
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
  const delta = rollupDelta(ins, scores)
  const [stored] = await db.batch([
    db
      .prepare(
        `INSERT INTO responses (id, wave_id, partner_id, role, answers, scores) SELECT ?1, ?2, ?3, ?4, ?5, ?6
         WHERE EXISTS (SELECT 1 FROM links WHERE token_hash = ?7 AND wave_id = ?2 AND revoked = 0)
           AND EXISTS (SELECT 1 FROM waves WHERE id = ?2 AND opens_at <= ${DB_NOW} AND closes_at > ${DB_NOW} AND instrument_version = ?8)
           AND NOT EXISTS (SELECT 1 FROM publications WHERE wave_id = ?2)
           AND coalesce((SELECT n FROM rollups WHERE wave_id = ?2 AND partner_id = ?3 AND role = ?4), 0)
             < coalesce((SELECT ${HEADCOUNT_COLUMN[cell.role]} FROM partners WHERE id = ?3), 0)`,
      )
      .bind(id, cell.waveId, cell.partnerId, cell.role, canonicalAnswers(answers), JSON.stringify(scores), cell.linkId, ins.version),
    db
      .prepare(
        `INSERT INTO rollups (wave_id, partner_id, role, n, stats) SELECT ?1, ?2, ?3, 1, ?4 WHERE changes() = 1
         ON CONFLICT (wave_id, partner_id, role) DO UPDATE SET n = n + 1, stats = ${mergeSql(ins, Object.keys(delta))}`,
      )
      .bind(cell.waveId, cell.partnerId, cell.role, JSON.stringify(delta)),
    // Question detail (issue 14): runs only when the rollup above did, so only for a stored answer set.
    addQuestionCounts(db, ins, cell, answers),
  ])
  return stored!.meta.changes === 1
}
