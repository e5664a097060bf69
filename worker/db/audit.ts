/**
 * The append-only trail of who did what in a programme (table `audit`, migration 0007). Entries
 * name staff and what they changed — people, password links issued, survey links, headcounts,
 * waves, cadence, exports — and never a respondent, an answer, a token or a client address.
 */

import type { AuditAction } from '../domain/audit-changes.ts'

/** Who acted: a signed-in person, or the cadence (the scheduled handler) with no id. */
export type Actor = { id: string | null; email: string }
export const CADENCE_ACTOR: Actor = { id: null, email: 'cadence' }

export type AuditEntry = { programmeId: string; actor: Actor; action: AuditAction; target?: string | null; detail?: string | null }
export type AuditRow = { at: string; actor: string; action: AuditAction; target: string | null; detail: string | null }

/** The time of an entry, to the minute: enough to tell what happened when, and no finer. */
export const auditTime = (now = new Date()) => `${now.toISOString().slice(0, 16)}Z`

/** The INSERT of one entry, for a `batch()` that makes the change itself. */
export function auditStatement(db: D1Database, e: AuditEntry, now = new Date()): D1PreparedStatement {
  return db
    .prepare('INSERT INTO audit (programme_id, at, actor_id, actor, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)')
    .bind(e.programmeId, auditTime(now), e.actor.id, e.actor.email, e.action, e.target ?? null, e.detail ?? null)
}

/** The INSERT of one entry that runs only when wave `waveId` exists: the cadence's, in the batch that made the wave. */
export function auditStatementIfWave(db: D1Database, e: AuditEntry, waveId: string, now = new Date()): D1PreparedStatement {
  return db
    .prepare('INSERT INTO audit (programme_id, at, actor_id, actor, action, target, detail) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7 WHERE EXISTS (SELECT 1 FROM waves WHERE id = ?8)')
    .bind(e.programmeId, auditTime(now), e.actor.id, e.actor.email, e.action, e.target ?? null, e.detail ?? null, waveId)
}

export async function writeAudit(db: D1Database, entries: AuditEntry[]): Promise<void> {
  if (entries.length) await db.batch(entries.map((e) => auditStatement(db, e)))
}

/** How many entries a page of the trail shows. */
export const AUDIT_PAGE_SIZE = 25

/** One page of a programme's trail, newest first; `more` when an older page exists. Pages count from 1. */
export async function listAudit(db: D1Database, programmeId: string, page: number): Promise<{ entries: AuditRow[]; more: boolean }> {
  const { results } = await db
    .prepare('SELECT at, actor, action, target, detail FROM audit WHERE programme_id = ?1 ORDER BY seq DESC LIMIT ?2 OFFSET ?3')
    .bind(programmeId, AUDIT_PAGE_SIZE + 1, (page - 1) * AUDIT_PAGE_SIZE)
    .all<AuditRow>()
  return { entries: results.slice(0, AUDIT_PAGE_SIZE), more: results.length > AUDIT_PAGE_SIZE }
}
