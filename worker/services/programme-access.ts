import { inOneBatch } from '../db/one-batch.ts'
import { readMembership } from '../db/people.ts'
import { listProgrammesOf, readProgramme, type Programme } from '../db/programmes.ts'
import { type Asker, type AskerRow, askerGate, memberGate, readAsker, type User } from '../db/users.ts'
import { settleSession } from './account-service.ts'
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
    // Every statement gated on the same rule `requireProgramme` applies, as `readAsAsker`'s are.
    memberGate(ask.user, ask.pid),
  )
  return { access, value, also: results }
}

/** What a reader's batch found of the asker: the signed-in user with their access to the programme. */
type AskerAccess = { user: User; access: ProgrammeAccess }

/**
 * The asker's session (or Access identity), the access check and what `read` reads of the
 * programme, as ONE D1 batch: one round trip (BENCHMARKS.md, "One round trip per read"), where the
 * session had one of its own before. Whatever the session rule does still happens
 * (`settleSession`): an ended session is removed and refused, a renewal is written, both after the
 * batch and only when due. Every statement of `read` is gated in SQL on the same check
 * (worker/db/users.ts `askerGate`), so a refused reader's batch reads nothing of the programme,
 * whatever it holds, and whatever `read` makes of the empty rows is dropped: the refusal is
 * decided from the asker's row alone. Refused as `requireProgramme` refuses (404, or 403 for a
 * lead's page), and an asker with no live session as the API's guard refuses them (401, or
 * `no-account` behind Access).
 */
export async function readAsAsker<T>(
  db: D1Database,
  ask: AskerAsks & { now?: Date },
  read: (db: D1Database, cleared: Promise<ProgrammeAccess>) => Promise<T>,
): Promise<AskerAccess & { value: T }> {
  const now = ask.now ?? new Date()
  const { value } = await inOneBatch(
    db,
    async (held, ungated) => {
      const row = readAsker(ungated, ask.asker, ask.pid, now)
      const programme = readProgramme(held, ask.pid)
      const cleared = row.then((r) => askerAccess(db, ask, r, programme, now))
      const access = cleared.then((c) => c.access)
      // `read` awaits the check only when it writes: else its refusal is `cleared`'s to answer.
      access.catch(() => undefined)
      const value = read(held, access)
      // A refused reader's `read` may fail on the empty rows it got: the refusal is what answers.
      value.catch(() => undefined)
      const asker = await cleared
      return { ...asker, value: await value }
    },
    [],
    askerGate(ask.asker, ask.pid, now),
  )
  return value
}

/**
 * What a reader's batch asks: who asks, of which programme, for what; `known` is told the
 * signed-in user as soon as they are known, before the programme's refusals.
 */
type AskerAsks = {
  asker: Asker
  pid: string
  need: 'lead' | 'read'
  route: string
  known?: (user: User) => void
}

async function askerAccess(
  db: D1Database,
  ask: AskerAsks,
  row: AskerRow | null,
  programme: Promise<Programme | null>,
  now: Date,
): Promise<AskerAccess> {
  const { asker } = ask
  const user =
    row === null
      ? null
      : 'token' in asker
        ? row.createdAt !== undefined && row.lastSeenAt !== undefined
          ? await settleSession(db, asker.token, { ...row, createdAt: row.createdAt, lastSeenAt: row.lastSeenAt }, now)
          : null
        : row
  const verdict = user ? accessOf(user, row!.membership) : null
  // The gate in SQL and `accessOf` are one rule written twice: when they part, answer nothing.
  if ((row?.cleared ?? false) !== (verdict?.canRead ?? false))
    throw new Error('the access check in SQL (askerGate) and accessOf disagree')
  if (!user) {
    if ('email' in asker) {
      console.warn('access refused', { reason: 'no person' })
      throw refuse('no-account')
    }
    throw refuse('not-signed-in')
  }
  const signedIn = { id: user.id, email: user.email, role: user.role, passwordHash: user.passwordHash }
  ask.known?.(signedIn)
  const found = await programme
  if (!found || !verdict!.canRead) throw refuse('programme-not-found', { programmeId: ask.pid.slice(0, 60) })
  if (ask.need === 'lead' && !verdict!.canLead) throw notLead(ask.route, 'lead-only')
  return {
    user: signedIn,
    access: {
      programme: found,
      partnerId: verdict!.partnerId,
      canLead: verdict!.canLead,
      readsQuality: !needsMembership(user),
    },
  }
}

/** The wave `wid`, when `user` leads its programme: 404 when it is unknown or hidden, 403 when they only see it. */
export async function requireWaveToLead(db: D1Database, user: User, wid: string, route: string): Promise<Wave> {
  const wave = await readWave(db, wid)
  const access = wave ? await accessIn(db, user, wave.programmeId) : null
  if (!wave || !access?.canRead) throw refuse('wave-not-found', { waveId: wid.slice(0, 60) })
  if (!access.canLead) throw notLead(route, 'wave-lead-only')
  return wave
}
