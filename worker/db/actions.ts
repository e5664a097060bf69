import type { ACTION_STATUSES } from '../../schema/api.ts'

/** Agreed actions (table `actions`, migration 0008): per partner and dimension, after a published wave. */

export type ActionStatus = (typeof ACTION_STATUSES)[number]
export type Action = {
  id: string
  programmeId: string
  waveId: string
  partnerId: string
  dimension: string
  what: string
  /** Who does it: a role or a name, as text; not necessarily an account. */
  owner: string | null
  /** By when, a day (YYYY-MM-DD). */
  due: string | null
  status: ActionStatus
  /** The day it was recorded: no finer, as the trail. */
  recordedOn: string
}

type ActionRow = {
  id: string
  programme_id: string
  wave_id: string
  partner_id: string
  dimension: string
  what: string
  owner: string | null
  due: string | null
  status: ActionStatus
  recorded_on: string
}
const toAction = (r: ActionRow): Action => ({
  id: r.id,
  programmeId: r.programme_id,
  waveId: r.wave_id,
  partnerId: r.partner_id,
  dimension: r.dimension,
  what: r.what,
  owner: r.owner,
  due: r.due,
  status: r.status,
  recordedOn: r.recorded_on,
})
const COLUMNS = 'id, programme_id, wave_id, partner_id, dimension, what, owner, due, status, recorded_on'

/**
 * A programme's actions, optionally of one partner, in the order of their waves, then by partner
 * name, dimension, day recorded and text: by what a reader sees, not by random ids, which ordered
 * two programmes alike in what they show differently (a hostile review; tests/worker/anonymity).
 */
export async function listActions(
  db: D1Database,
  programmeId: string,
  partnerId: string | null = null,
): Promise<Action[]> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS.split(', ')
        .map((c) => `a.${c}`)
        .join(', ')} FROM actions a JOIN waves w ON w.id = a.wave_id JOIN partners p ON p.id = a.partner_id
       WHERE a.programme_id = ?1 AND (?2 IS NULL OR a.partner_id = ?2)
       ORDER BY w.opens_at, p.name, a.partner_id, a.dimension, a.recorded_on, a.what, a.id`,
    )
    .bind(programmeId, partnerId)
    .all<ActionRow>()
  return results.map(toAction)
}

export async function readAction(db: D1Database, programmeId: string, id: string): Promise<Action | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM actions WHERE programme_id = ?1 AND id = ?2`)
    .bind(programmeId, id)
    .first<ActionRow>()
  return row ? toAction(row) : null
}

/** The INSERT of a new action, for a `batch()` with its trail entry. */
export function insertAction(db: D1Database, a: Action): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO actions (${COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`)
    .bind(a.id, a.programmeId, a.waveId, a.partnerId, a.dimension, a.what, a.owner, a.due, a.status, a.recordedOn)
}

export function updateAction(db: D1Database, a: Action): D1PreparedStatement {
  return db
    .prepare('UPDATE actions SET what = ?3, owner = ?4, due = ?5, status = ?6 WHERE programme_id = ?1 AND id = ?2')
    .bind(a.programmeId, a.id, a.what, a.owner, a.due, a.status)
}

export function deleteAction(db: D1Database, programmeId: string, id: string): D1PreparedStatement {
  return db.prepare('DELETE FROM actions WHERE programme_id = ?1 AND id = ?2').bind(programmeId, id)
}

/** Whether viewers limited to one partner may record that partner's actions. */
/** The wave's label and the partner's name an action is about, as they are called now. */
export function readActionPlace(db: D1Database, a: Pick<Action, 'waveId' | 'partnerId'>) {
  return db
    .prepare('SELECT w.label, p.name FROM waves w, partners p WHERE w.id = ?1 AND p.id = ?2')
    .bind(a.waveId, a.partnerId)
    .first<{ label: string; name: string }>()
}

export async function readActionPolicy(db: D1Database, programmeId: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT partner_actions FROM programmes WHERE id = ?1')
    .bind(programmeId)
    .first<{ partner_actions: number }>()
  return row?.partner_actions === 1
}

export function setActionPolicy(db: D1Database, programmeId: string, partnerViewers: boolean): D1PreparedStatement {
  return db
    .prepare('UPDATE programmes SET partner_actions = ?2 WHERE id = ?1')
    .bind(programmeId, partnerViewers ? 1 : 0)
}
