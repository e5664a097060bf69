import type { z } from 'zod'
import type { PersonBody, PersonPatch } from '../../schema/api.ts'
import { addPerson, listPeople, readPerson, removePerson, updateMembership, type Person } from '../db/people.ts'
import { changedMeanwhile, partnersThere, personAsRead, personThere } from '../db/meanwhile.ts'
import { type Partner, readPartner, type Programme } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import { accessDetail } from '../domain/audit-changes.ts'
import { actorOf, recordChanges } from './audit-trail.ts'
import { partnerOf } from './partner-service.ts'
import { type IssuedLink, issuePasswordLink, requireMayIssue } from './password-link-service.ts'
import { refuse } from './refusal.ts'

/**
 * Who has access to a programme: its leads invite, change and remove people, each change with
 * its entry in the programme's trail. The lead acting is `by`; the routes (worker/routes/people-api.ts)
 * have checked that they lead `programme` (`asLead`).
 */

export { listPeople }

/** The person's access as a trail detail: role, partner limit, pending. */
async function accessDetailOf(db: D1Database, role: 'lead' | 'viewer', partnerId: string | null, pending = false) {
  return accessDetail(role, partnerId ? (await readPartner(db, partnerId))?.name : null, pending)
}

/** A viewer may be limited to one partner of this programme; a lead sees the whole programme. */
async function checkPartner(
  db: D1Database,
  programmeId: string,
  role: 'lead' | 'viewer',
  partnerId: string | null | undefined,
): Promise<Partner | null> {
  if (!partnerId) return null
  if (role === 'lead') throw refuse('lead-sees-every-partner')
  return partnerOf(db, programmeId, partnerId, () => refuse('unknown-partner', { partnerId: partnerId.slice(0, 60) }))
}

/**
 * A write of a person's access, its batch after `guards` (worker/db/meanwhile.ts): the person's
 * access as read and the partner of the limit still there. Either changed since it was read fails
 * it, and is refused with what to do, nothing written.
 */
async function guarded<T>(person: { email: string }, partner: Partner | null, write: () => Promise<T>): Promise<T> {
  try {
    return await write()
  } catch (error) {
    const gone = changedMeanwhile(error)
    if (gone === 'partner' && partner) throw refuse('partner-removed-meanwhile', { name: partner.name })
    if (gone === 'person') throw refuse('person-changed-meanwhile', { email: person.email })
    throw error
  }
}

/** The guard of the partner of a limit, if any. */
const limitThere = (db: D1Database, programmeId: string, partner: Partner | null) =>
  partner ? [partnersThere(db, programmeId, [partner.id])] : []

/** The person `uid` of the programme, other than the lead `by`: changing one's own access would let the last lead lock everyone out. */
async function otherPersonOf(db: D1Database, programmeId: string, uid: string, by: User): Promise<Person> {
  const person = await readPerson(db, programmeId, uid)
  if (!person) throw refuse('person-not-found')
  if (person.id === by.id) throw refuse('that-is-you')
  return person
}

/** What giving someone access made: the account, and the one-time link the lead passes on, if any. */
export type Added = { id: string; pending: boolean; invitation: IssuedLink | null; acceptance: IssuedLink | null }

/**
 * Gives `body.email` access to `programme`. A new account gets an invitation; an account that
 * exists gets the access pending, and the lead a link to pass on to that address: whoever holds
 * the account now does not get the access by it. Behind Cloudflare Access (`accessMode`) a new
 * address signs in by Access alone, so there is no password to set and no invitation.
 */
export async function givePersonAccess(
  db: D1Database,
  programme: Programme,
  by: User,
  body: z.output<typeof PersonBody>,
  opts: { adminEmail: string | undefined; accessMode: boolean },
): Promise<Added> {
  const partner = await checkPartner(db, programme.id, body.role, body.partnerId)
  const partnerId = partner?.id ?? null
  // The administrator's address is made an account at their first sign-in; a lead who added it
  // first would hold it through the invitation and lock the administrator out.
  if (
    by.role !== 'admin' &&
    opts.adminEmail &&
    body.email.trim().toLowerCase() === opts.adminEmail.trim().toLowerCase()
  ) {
    throw refuse('administrator-address')
  }
  const email = body.email.trim()
  const added = await guarded({ email }, partner, () =>
    addPerson(db, programme.id, email, body.role, partnerId, by, limitThere(db, programme.id, partner)),
  )
  if (!added) throw refuse('already-has-access', { email: body.email })
  const { user, created, pending } = added
  await recordChanges(db, programme.id, actorOf(by), {
    action: 'person.added',
    target: user.email,
    detail: await accessDetailOf(db, body.role, partnerId, pending),
  })
  const link = (purpose: 'invite' | 'accept') => issuePasswordLink(db, programme.id, by, user, purpose)
  if (created)
    return { id: user.id, pending, invitation: opts.accessMode ? null : await link('invite'), acceptance: null }
  if (pending) return { id: user.id, pending, invitation: null, acceptance: await link('accept') }
  return { id: user.id, pending, invitation: null, acceptance: null }
}

/** Changes the role or partner limit of person `uid`; a lead's limit goes with the role. */
export async function changePersonAccess(
  db: D1Database,
  programme: Programme,
  by: User,
  uid: string,
  body: z.output<typeof PersonPatch>,
): Promise<Person> {
  const person = await otherPersonOf(db, programme.id, uid, by)
  const role = body.role ?? person.role
  const partner = await checkPartner(
    db,
    programme.id,
    role,
    body.partnerId === undefined ? (role === 'lead' ? null : person.partnerId) : body.partnerId,
  )
  const partnerId = partner?.id ?? null
  await guarded(person, partner, () =>
    updateMembership(db, programme.id, person.id, role, partnerId, [
      personAsRead(db, programme.id, person),
      ...limitThere(db, programme.id, partner),
    ]),
  )
  if (role !== person.role || partnerId !== person.partnerId)
    await recordChanges(db, programme.id, actorOf(by), {
      action: 'person.changed',
      target: person.email,
      detail: await accessDetailOf(db, role, partnerId, person.pending),
    })
  return { ...person, role, partnerId }
}

/** Takes person `uid`'s access to the programme away. */
export async function takePersonAccess(db: D1Database, programme: Programme, by: User, uid: string): Promise<void> {
  const person = await otherPersonOf(db, programme.id, uid, by)
  await guarded(person, null, () =>
    removePerson(db, programme.id, person.id, [personThere(db, programme.id, person.id)]),
  )
  await recordChanges(db, programme.id, actorOf(by), { action: 'person.removed', target: person.email })
}

/**
 * A new one-time link for person `uid`: for access still pending, a new acceptance link;
 * otherwise a reset (or a fresh invitation when the old one was never used), which only the
 * password-link rule lets a lead issue — else the lead of one chain could take over an account
 * that reads another. Behind Cloudflare Access there are no passwords to set.
 */
export async function newPersonLink(
  db: D1Database,
  programme: Programme,
  by: User,
  uid: string,
  accessMode: boolean,
): Promise<IssuedLink> {
  const person = await otherPersonOf(db, programme.id, uid, by)
  if (person.pending) return issuePasswordLink(db, programme.id, by, person, 'accept')
  if (accessMode) throw refuse('no-passwords-behind-access')
  await requireMayIssue(db, by.id, person)
  return issuePasswordLink(db, programme.id, by, person, person.active ? 'reset' : 'invite')
}
