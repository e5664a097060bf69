import { inOneBatch } from '../db/one-batch.ts'
import { readMembership } from '../db/people.ts'
import { listProgrammesOf, readProgramme, type Programme } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import { accessOf, type AccessVerdict, needsMembership } from '../domain/access.ts'
import { readWave, type Wave } from '../db/waves.ts'
import { refuse, type Refusal } from './refusal.ts'

/**
 * May this user see, or lead, this programme: asked in one place for the API, the setup page and
 * the results page. Unknown and forbidden look the same from outside, so ids cannot be probed.
 */

/** What `user` may do in the programme `pid`, by `accessOf` (worker/domain/access.ts) on its membership. */
async function accessIn(db: D1Database, user: User, pid: string): Promise<AccessVerdict> {
  // An administrator needs no membership, so none is read.
  return accessOf(user, needsMembership(user) ? await readMembership(db, user.id, pid) : null)
}

/**
 * The programmes `user` may see, by name, each with whether they may lead it: for the API's list
 * and the programme list page, by `accessOf` on each membership, as `accessTo` decides one.
 */
export async function visibleProgrammes(db: D1Database, user: User): Promise<(Programme & { canLead: boolean })[]> {
  return (await listProgrammesOf(db, user)).flatMap(({ programme, membership }) => {
    const access = accessOf(user, membership)
    return access.canRead ? [{ ...programme, canLead: access.canLead }] : []
  })
}

export type ProgrammeAccess = {
  programme: Programme
  partnerId: string | null
  canLead: boolean
  /**
   * Whether they may read measurement quality and its moments export: an administrator only. Its
   * pooled cross-products and floor and ceiling shares, less answer sets a lead made up through
   * partners of their own, are a real small group's (README, "What remains possible").
   */
  readsQuality: boolean
}

/** The programme with what `user` may do in it, or null when it does not exist or is not theirs to see. */
export async function accessTo(db: D1Database, user: User, pid: string): Promise<ProgrammeAccess | null> {
  // Both at once: one round trip to D1, not two in a row (BENCHMARKS.md, "Storage, round trips and capacity").
  const [programme, access] = await Promise.all([readProgramme(db, pid), accessIn(db, user, pid)])
  if (!programme || !access.canRead) return null
  return { programme, partnerId: access.partnerId, canLead: access.canLead, readsQuality: !needsMembership(user) }
}

/** A refused lead-only request, logged by its route pattern (".../:pid/..."), not the URL: no ids or tokens in logs. */
function notLead(route: string, code: 'lead-only' | 'wave-lead-only'): Refusal {
  console.warn('permission refused', { route })
  return refuse(code)
}

/**
 * The programme `pid`, when `user` may lead it (or, with `read`, see it): 404 when it is unknown
 * or hidden from them, 403 when they may see it but not lead it.
 */
export async function requireProgramme(
  db: D1Database,
  user: User,
  pid: string,
  need: 'lead' | 'read',
  route: string,
): Promise<ProgrammeAccess> {
  const access = await accessTo(db, user, pid)
  if (!access) {
    throw refuse('programme-not-found', { programmeId: pid.slice(0, 60) })
  }
  if (need === 'lead' && !access.canLead) throw notLead(route, 'lead-only')
  return access
}

/**
 * The access check with what `read` reads of the programme, as ONE D1 batch with `also`
 * (worker/db/one-batch.ts): one round trip where each statement on its own cost one (BENCHMARKS.md,
 * "One batch per read"). `read` gets the check as `cleared`, so whatever it writes after its reads
 * (a closed wave's publication, worker/services/results-service.ts loadProgramme) waits for it and
 * a refused reader changes nothing; what it read is returned only once access is clear.
 */
export async function readWithAccess<T>(
  db: D1Database,
  ask: { user: User; pid: string; need: 'lead' | 'read'; route: string },
  read: (db: D1Database, cleared: Promise<ProgrammeAccess>) => Promise<T>,
  also: D1PreparedStatement[] = [],
): Promise<{ access: ProgrammeAccess; value: T; also: D1Result[] }> {
  const {
    value: [access, value],
    also: results,
  } = await inOneBatch(
    db,
    (held) => {
      const cleared = requireProgramme(held, ask.user, ask.pid, ask.need, ask.route)
      return Promise.all([cleared, read(held, cleared)])
    },
    also,
  )
  return { access, value, also: results }
}

/** The wave `wid`, when `user` leads its programme: 404 when it is unknown or hidden, 403 when they only see it. */
export async function requireWaveToLead(db: D1Database, user: User, wid: string, route: string): Promise<Wave> {
  const wave = await readWave(db, wid)
  const access = wave ? await accessIn(db, user, wave.programmeId) : null
  if (!wave || !access?.canRead) throw refuse('wave-not-found', { waveId: wid.slice(0, 60) })
  if (!access.canLead) throw notLead(route, 'wave-lead-only')
  return wave
}
