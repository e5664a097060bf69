/**
 * The append-only trail of who did what in a programme (table `audit`, migration 0007). Entries
 * name staff and what they changed — people, password links issued, survey links, headcounts,
 * waves, cadence, exports — and never a respondent, an answer, a token or a client address.
 */
import { LATEST_SHOWN_WAVE_SQL } from './shown-wave-sql.ts'
import { WAVE_CLOSED_SQL } from './wave-state-sql.ts'

import type { AuditAction, AuditDetail } from '../domain/audit-changes.ts'

/** Who acted: a signed-in person, or the cadence (the scheduled handler) with no id. */
export type Actor = { id: string | null; email: string }
export const CADENCE_ACTOR: Actor = { id: null, email: 'cadence' }

type AuditEntry = {
  programmeId: string
  actor: Actor
  action: AuditAction
  target?: string | null
  detail?: AuditDetail | null
}
/**
 * An entry as read: its detail as data (worker/domain/audit-changes.ts), or as the text an entry
 * written before details were data holds (words such as 'partner viewers' among codes and names).
 */
export type AuditRow = {
  at: string
  actor: string
  action: AuditAction
  target: string | null
  detail: AuditDetail | string | null
}

/** A detail as the `detail` column holds it: JSON, so the words are chosen when it is read. */
const stored = (detail: AuditDetail | null | undefined) => (detail?.length ? JSON.stringify(detail) : null)

/** The `detail` column as data: a JSON array since details are data, else the older text as it is. */
function detailOf(text: string | null): AuditDetail | string | null {
  if (text === null || !text.startsWith('[')) return text
  try {
    const value: unknown = JSON.parse(text)
    return Array.isArray(value) ? (value as AuditDetail) : text
  } catch {
    return text // an older detail that merely starts with '[', such as a renamed "[test]" wave
  }
}

/** The time of an entry, to the minute: enough to tell what happened when, and no finer. */
const auditTime = (now = new Date()) => `${now.toISOString().slice(0, 16)}Z`

/** The INSERT of one entry, for a `batch()` that makes the change itself. */
export function auditStatement(db: D1Database, e: AuditEntry, now = new Date()): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO audit (programme_id, at, actor_id, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
    )
    .bind(e.programmeId, auditTime(now), e.actor.id, e.actor.email, e.action, e.target ?? null, stored(e.detail))
}

/** The INSERT of one entry that runs only when wave `waveId` exists: the cadence's, in the batch that made the wave. */
export function auditStatementIfWave(
  db: D1Database,
  e: AuditEntry,
  waveId: string,
  now = new Date(),
): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO audit (programme_id, at, actor_id, actor, action, target, detail) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM waves WHERE id = ?8)',
    )
    .bind(
      e.programmeId,
      auditTime(now),
      e.actor.id,
      e.actor.email,
      e.action,
      e.target ?? null,
      stored(e.detail),
      waveId,
    )
}

export async function writeAudit(db: D1Database, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await db.batch(entries.map((e) => auditStatement(db, e)))
}

/** How many entries a page of the trail shows. */
export const AUDIT_PAGE_SIZE = 25

/** One page of a programme's trail, newest first; `more` when an older page exists. Pages count from 1. */
export async function listAudit(
  db: D1Database,
  programmeId: string,
  page: number,
): Promise<{ entries: AuditRow[]; more: boolean }> {
  const { results } = await db
    .prepare(
      'SELECT at, actor, action, target, detail FROM audit WHERE programme_id = ?1 ORDER BY seq DESC LIMIT ?2 OFFSET ?3',
    )
    .bind(programmeId, AUDIT_PAGE_SIZE + 1, (page - 1) * AUDIT_PAGE_SIZE)
    .all<Omit<AuditRow, 'detail'> & { detail: string | null }>()
  return {
    entries: results.slice(0, AUDIT_PAGE_SIZE).map((r) => ({ ...r, detail: detailOf(r.detail) })),
    more: results.length > AUDIT_PAGE_SIZE,
  }
}

/**
 * An export's entry, for the batch that reads the data exported (worker/db/one-batch.ts): written
 * in that transaction if and only if the export will be given, so no export goes unrecorded and
 * none is recorded that was not given, without a round trip of its own after the reads. SQL
 * therefore asks what the Worker decides from the same reads:
 *
 * - the programme exists and `user` may lead it: an administrator, or an accepted membership
 *   whose role (the person's own for rows from before roles were per programme) is lead, as
 *   `accessOf` in worker/domain/access.ts decides;
 * - the wave asked for is the programme's, or with none asked for, the one the Worker would pick
 *   (`pickWave` in worker/services/results-service.ts: the latest opened wave whose publication
 *   shows a number, else the latest opened, else the latest; in SQL once, worker/db/shown-wave-sql.ts);
 * - that wave has its publication already. With none asked for, also no wave of the programme is
 *   waiting to be published (closed by D1's clock, no publication): this request publishes it,
 *   which may change which wave is the latest with results.
 *
 * tests/worker/db/export-audit-access.test.ts holds the first to `accessOf` for every kind of
 * account and membership; a wave's state is written once, in worker/db/wave-state-sql.ts.
 *
 * The second statement names the wave the first would record: the Worker exports that one when
 * the entry was written. When it was not (the wave is published by this very request, or the
 * export is refused), the Worker records a successful export afterwards, as before.
 */
export function exportAuditStatements(
  db: D1Database,
  e: {
    programmeId: string
    user: { id: string; email: string; role: string }
    waveId: string | null
    detail: AuditDetail
  },
  now = new Date(),
): [record: D1PreparedStatement, wave: D1PreparedStatement] {
  // Whoever may export: an administrator or a lead of the programme. The wave is looked up only for
  // them (a CASE is evaluated lazily): else a refused reader's export read as many rows of the
  // programme's waves as it has (tests/worker/anonymity/refused-read.test.ts).
  const mayExport = `(?6 = 'admin' OR EXISTS (SELECT 1 FROM memberships m WHERE m.user_id = ?3 AND m.programme_id = ?1 AND m.pending = 0 AND coalesce(m.role, ?6) = 'lead'))`
  const chosen = `CASE WHEN NOT ${mayExport} THEN NULL WHEN ?7 IS NOT NULL THEN (SELECT id FROM waves WHERE id = ?7 AND programme_id = ?1) ELSE ${LATEST_SHOWN_WAVE_SQL('?1')} END`
  const record = db
    .prepare(
      `INSERT INTO audit (programme_id, at, actor_id, actor, action, target, detail)
       SELECT ?1, ?2, ?3, ?4, 'export.downloaded', w.label, ?5 FROM waves w JOIN publications p ON p.wave_id = w.id
       WHERE w.id = (${chosen})
         AND EXISTS (SELECT 1 FROM programmes WHERE id = ?1)
         AND ${mayExport}
         AND (?7 IS NOT NULL OR NOT EXISTS (
           SELECT 1 FROM waves u WHERE u.programme_id = ?1 AND ${WAVE_CLOSED_SQL('u')} AND NOT EXISTS (SELECT 1 FROM publications q WHERE q.wave_id = u.id)))`,
    )
    .bind(e.programmeId, auditTime(now), e.user.id, e.user.email, stored(e.detail), e.user.role, e.waveId)
  // The same parameters: SQLite counts them up to the highest number used (?7), so ?1 and ?7 mean what they mean above.
  const wave = db
    .prepare(`SELECT (${chosen}) AS wave_id`)
    .bind(e.programmeId, auditTime(now), e.user.id, e.user.email, stored(e.detail), e.user.role, e.waveId)
  return [record, wave]
}
