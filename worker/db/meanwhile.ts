/**
 * Guards for a write that reads a row and then writes by what it read: put first in the write's
 * batch, a guard fails the whole batch when its row is no longer there as read, naming the kind
 * of row (schema/migrations/0020_changed_meanwhile.sql), so a row removed or changed between the
 * read and the write leaves nothing written and no missing row met halfway. The service asks
 * `changedMeanwhile` of the failure and refuses with what to do.
 */
import type { Partner } from '../domain/records.ts'
import type { Action } from './actions.ts'

/** The kinds of row a guard keeps, each with its own trigger in the migration. */
type Guarded = 'partner' | 'person' | 'action' | 'wave'

/** The guard of `what`: fails its batch unless `condition` (SQL, its parameters from ?2 on) holds. */
function guard(db: D1Database, what: Guarded, condition: string, ...params: unknown[]): D1PreparedStatement {
  return db.prepare(`INSERT INTO changed_meanwhile (what) SELECT ?1 WHERE NOT (${condition})`).bind(what, ...params)
}

/** Each partner of `partnerIds` is still a partner of programme `programmeId` (its name and headcounts may have changed). */
export function partnersThere(db: D1Database, programmeId: string, partnerIds: string[]): D1PreparedStatement {
  const ids = [...new Set(partnerIds)]
  return guard(
    db,
    'partner',
    '(SELECT count(*) FROM json_each(?2) j JOIN partners p ON p.id = j.value AND p.programme_id = ?3) = ?4',
    JSON.stringify(ids),
    programmeId,
    ids.length,
  )
}

/**
 * Each of `partners` is still there with the name and headcounts read: what a change of them
 * writes from. One statement for all, the partners as one JSON parameter: a paste updates up to
 * 200 in one batch, and a statement takes at most 100 parameters.
 */
export function partnersAsRead(db: D1Database, partners: Partner[]): D1PreparedStatement {
  const read = partners.map((p) => [
    p.id,
    p.programmeId,
    p.name,
    p.headcounts.medewerker,
    p.headcounts.teammanager,
    p.headcounts.tactisch,
  ])
  const at = (i: number) => `json_extract(j.value, '$[${i}]')`
  return guard(
    db,
    'partner',
    `(SELECT count(*) FROM json_each(?2) j JOIN partners p ON p.id = ${at(0)} AND p.programme_id = ${at(1)} AND p.name = ${at(2)} AND p.headcount IS ${at(3)} AND p.headcount_teammanager IS ${at(4)} AND p.headcount_tactisch IS ${at(5)}) = ?3`,
    JSON.stringify(read),
    read.length,
  )
}

/** Person `userId` still has access to programme `programmeId`, pending or not. */
export const personThere = (db: D1Database, programmeId: string, userId: string): D1PreparedStatement =>
  guard(
    db,
    'person',
    'EXISTS (SELECT 1 FROM memberships WHERE programme_id = ?2 AND user_id = ?3)',
    programmeId,
    userId,
  )

/** Person `p.id` still has the access read to programme `programmeId`: role, partner limit, pending. */
export const personAsRead = (
  db: D1Database,
  programmeId: string,
  p: { id: string; role: 'lead' | 'viewer'; partnerId: string | null; pending: boolean },
): D1PreparedStatement =>
  guard(
    db,
    'person',
    'EXISTS (SELECT 1 FROM memberships WHERE programme_id = ?2 AND user_id = ?3 AND role IS ?4 AND partner_id IS ?5 AND pending = ?6)',
    programmeId,
    p.id,
    p.role,
    p.partnerId,
    p.pending ? 1 : 0,
  )

/** Agreed action `a.id` is still there, and with `asRead` as it was read: what, who, by when, status. */
export function actionThere(db: D1Database, a: Action, asRead = false): D1PreparedStatement {
  const same = asRead ? ' AND what = ?4 AND owner IS ?5 AND due IS ?6 AND status = ?7' : ''
  const params = asRead ? [a.what, a.owner, a.due, a.status] : []
  return guard(
    db,
    'action',
    `EXISTS (SELECT 1 FROM actions WHERE programme_id = ?2 AND id = ?3${same})`,
    a.programmeId,
    a.id,
    ...params,
  )
}

/** Wave `waveId` is still there. */
export const waveThere = (db: D1Database, waveId: string): D1PreparedStatement =>
  guard(db, 'wave', 'EXISTS (SELECT 1 FROM waves WHERE id = ?2)', waveId)

/** Which guard failed a write (`guard`), or null when it failed otherwise. */
export function changedMeanwhile(error: unknown): Guarded | null {
  const found = error instanceof Error ? /changed meanwhile: (partner|person|action|wave)\b/.exec(error.message) : null
  return (found?.[1] as Guarded | undefined) ?? null
}
