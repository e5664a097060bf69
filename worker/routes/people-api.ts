import type { OneTimeLink } from '../../schema/api-answers.ts'
import type { Context } from 'hono'
import { PersonBody, PersonPatch, pathParams } from '../../schema/api.ts'
import { requireMayIssue } from '../services/account-service.ts'
import {
  addPerson,
  createPasswordLink,
  listPeople,
  readPerson,
  removePerson,
  updateMembership,
  type PasswordPurpose,
  type Person,
} from '../db/people.ts'
import { readPartner } from '../db/programmes.ts'
import { accessDetail, wordDetail } from '../domain/audit-changes.ts'
import { newApp, type AppEnv, type WithPath } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { audit } from '../http/audit.ts'
import { accessMode, requireUser } from '../http/guards.ts'
import { refuse } from '../services/refusal.ts'
import { asLead } from '../http/programme-guards.ts'
import { partnerOf } from '../services/partner-service.ts'

/** Who has access to a programme: its leads invite, change and remove people. Mounted at /api/programmes. */
const app = newApp()
app.use('*', requireUser)

const passwordUrl = (c: Context<AppEnv>, token: string) => new URL(`/app/password/${token}`, c.req.url).toString()

/** Issues a one-time link to pass on, and records for whom and by whom (never the token). */
async function issueLink(
  c: Context<AppEnv>,
  person: { id: string; email: string },
  purpose: PasswordPurpose,
): Promise<OneTimeLink> {
  const link = await createPasswordLink(c.env.DB, {
    userId: person.id,
    purpose,
    programmeId: c.get('programme').id,
    issuedBy: c.get('user').id,
  })
  await audit(c, { action: 'password-link.issued', target: person.email, detail: wordDetail(purpose) })
  return { url: passwordUrl(c, link.token), expiresAt: link.expiresAt, purpose }
}

/** The person's access as a trail detail: role, partner limit, pending. */
async function accessDetailOf(c: Context<AppEnv>, role: 'lead' | 'viewer', partnerId: string | null, pending = false) {
  return accessDetail(role, partnerId ? (await readPartner(c.env.DB, partnerId))?.name : null, pending)
}

/** A viewer may be limited to one partner of this programme; a lead sees the whole programme. */
async function checkPartner(
  c: Context<AppEnv>,
  role: 'lead' | 'viewer',
  partnerId: string | null | undefined,
): Promise<string | null> {
  if (!partnerId) return null
  if (role === 'lead') throw refuse('lead-sees-every-partner')
  const partner = await partnerOf(c.env.DB, c.get('programme').id, partnerId, () =>
    refuse('unknown-partner', { partnerId: partnerId.slice(0, 60) }),
  )
  return partner.id
}

async function personOf(c: WithPath<'uid'>): Promise<Person> {
  const person = await readPerson(c.env.DB, c.get('programme').id, c.req.valid('param').uid)
  if (!person) throw refuse('person-not-found')
  return person
}

/** Leads change others; changing one's own access would let the last lead lock everyone out. */
function notYourself(c: Context<AppEnv>, person: Person): void {
  if (person.id === c.get('user').id) throw refuse('that-is-you')
}

app.get(
  '/:pid/people',
  doc({ summary: 'People with access to the programme', who: 'lead', ok: '200 { people }', errors: [401, 403, 404] }),
  valid('param', pathParams('/:pid/people')),
  asLead,
  async (c) => c.json({ people: await listPeople(c.env.DB, c.get('programme').id) }),
)

app.post(
  '/:pid/people',
  doc({
    summary:
      'Give someone access; a new person gets a one-time invitation link; an existing account gets the access pending, with a link to accept it (unless an administrator grants it)',
    who: 'lead',
    ok: '201 { id, pending, invitation, acceptance }',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/people')),
  asLead,
  valid('json', PersonBody),
  async (c) => {
    const body = c.req.valid('json')
    const partnerId = await checkPartner(c, body.role, body.partnerId)
    // The administrator's address is made an account at their first sign-in; a lead who added it
    // first would hold it through the invitation and lock the administrator out.
    if (
      c.get('user').role !== 'admin' &&
      c.env.ADMIN_EMAIL &&
      body.email.trim().toLowerCase() === c.env.ADMIN_EMAIL.trim().toLowerCase()
    ) {
      throw refuse('administrator-address')
    }
    const added = await addPerson(
      c.env.DB,
      c.get('programme').id,
      body.email.trim(),
      body.role,
      partnerId,
      c.get('user'),
    )
    if (!added) throw refuse('already-has-access', { email: body.email })
    const { user, created, pending } = added
    await audit(c, {
      action: 'person.added',
      target: user.email,
      detail: await accessDetailOf(c, body.role, partnerId, pending),
    })
    // A new account gets an invitation. An account that exists gets the access pending, and the lead
    // a link to pass on to that address: whoever holds the account now does not get the access by it.
    // Behind Cloudflare Access a new address signs in by Access alone: there is no password to set.
    if (created)
      return c.json(
        {
          id: user.id,
          pending,
          invitation: accessMode(c.env) ? null : await issueLink(c, user, 'invite'),
          acceptance: null,
        },
        201,
      )
    if (pending)
      return c.json({ id: user.id, pending, invitation: null, acceptance: await issueLink(c, user, 'accept') }, 201)
    return c.json({ id: user.id, pending, invitation: null, acceptance: null }, 201)
  },
)

app.patch(
  '/:pid/people/:uid',
  doc({
    summary: "Change a person's role or partner limit",
    who: 'lead',
    ok: '200 the person',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/people/:uid')),
  asLead,
  valid('json', PersonPatch),
  async (c) => {
    const person = await personOf(c)
    notYourself(c, person)
    const body = c.req.valid('json')
    const role = body.role ?? person.role
    const partnerId = await checkPartner(
      c,
      role,
      body.partnerId === undefined ? (role === 'lead' ? null : person.partnerId) : body.partnerId,
    )
    await updateMembership(c.env.DB, c.get('programme').id, person.id, role, partnerId)
    if (role !== person.role || partnerId !== person.partnerId)
      await audit(c, {
        action: 'person.changed',
        target: person.email,
        detail: await accessDetailOf(c, role, partnerId, person.pending),
      })
    return c.json({ ...person, role, partnerId })
  },
)

app.delete(
  '/:pid/people/:uid',
  doc({ summary: "Take a person's access away", who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/people/:uid')),
  asLead,
  async (c) => {
    const person = await personOf(c)
    notYourself(c, person)
    await removePerson(c.env.DB, c.get('programme').id, person.id)
    await audit(c, { action: 'person.removed', target: person.email })
    return c.body(null, 204)
  },
)

/**
 * A new one-time link for a person: for access still pending, a new acceptance link; otherwise a
 * reset (or a fresh invitation when the old one expired), which only the password-link rule lets
 * a lead issue — else the lead of one chain could take over an account that reads another.
 */
app.post(
  '/:pid/people/:uid/password-link',
  doc({
    summary:
      'A one-time link: to accept pending access, or to set a new password (only for someone whose every access is in programmes you lead, never an administrator)',
    who: 'lead, admin',
    ok: '201 { url, expiresAt, purpose }',
    errors: [401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/people/:uid/password-link')),
  asLead,
  async (c) => {
    const person = await personOf(c)
    notYourself(c, person)
    if (person.pending) return c.json(await issueLink(c, person, 'accept'), 201)
    if (accessMode(c.env)) throw refuse('no-passwords-behind-access')
    await requireMayIssue(c.env.DB, c.get('user').id, person)
    return c.json(await issueLink(c, person, person.active ? 'reset' : 'invite'), 201)
  },
)

export default app
