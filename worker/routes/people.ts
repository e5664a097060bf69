import { zValidator } from '@hono/zod-validator'
import type { Context } from 'hono'
import { PersonBody, PersonPatch } from '../../schema/api.ts'
import { addPerson, createPasswordLink, hasOtherProgrammes, listPeople, readPerson, removePerson, updateMembership, type Person } from '../db/people.ts'
import { readPartner } from '../db/programmes.ts'
import { newApp, type AppEnv } from '../http/app.ts'
import { requireUser } from '../http/guards.ts'
import { HttpError, validationHook } from '../http/problem.ts'
import { asLead } from './programmes.ts'

/** Who has access to a programme: its leads invite, change and remove people. Mounted at /api/programmes. */
const app = newApp()
app.use('*', requireUser)

const passwordUrl = (c: Context<AppEnv>, token: string) => new URL(`/app/password/${token}`, c.req.url).toString()

/** A viewer may be limited to one partner of this programme; a lead sees the whole programme. */
async function checkPartner(c: Context<AppEnv>, role: 'lead' | 'viewer', partnerId: string | null | undefined): Promise<string | null> {
  if (!partnerId) return null
  if (role === 'lead') throw new HttpError(400, 'Lead sees every partner', { en: 'A lead reads the whole programme; leave the partner empty (partnerId), or make the person a viewer.', nl: 'Een programmaleider ziet het hele programma; laat de partner leeg, of maak de persoon lezer.' })
  const partner = await readPartner(c.env.DB, partnerId)
  if (!partner || partner.programmeId !== c.get('programme').id) throw new HttpError(400, 'Unknown partner', { en: `"${partnerId.slice(0, 60)}" is not a partner of this programme.`, nl: `"${partnerId.slice(0, 60)}" is geen partner van dit programma.` })
  return partner.id
}

async function personOf(c: Context<AppEnv>): Promise<Person> {
  const person = await readPerson(c.env.DB, c.get('programme').id, c.req.param('uid') ?? '')
  if (!person) throw new HttpError(404, 'Person not found', { en: 'Nobody with this id has access to this programme.', nl: 'Niemand met dit id heeft toegang tot dit programma.' })
  return person
}

/** Leads change others; changing one's own access would let the last lead lock everyone out. */
function notYourself(c: Context<AppEnv>, person: Person): void {
  if (person.id === c.get('user').id) throw new HttpError(409, 'That is you', { en: 'You cannot change or remove your own access; ask another lead or an administrator.', nl: 'U kunt uw eigen toegang niet wijzigen of intrekken; vraag een andere programmaleider of een beheerder.' })
}

app.get('/:pid/people', asLead, async (c) => c.json({ people: await listPeople(c.env.DB, c.get('programme').id) }))

app.post('/:pid/people', asLead, zValidator('json', PersonBody, validationHook), async (c) => {
  const body = c.req.valid('json')
  const partnerId = await checkPartner(c, body.role, body.partnerId)
  const added = await addPerson(c.env.DB, c.get('programme').id, body.email.trim(), body.role, partnerId)
  if (!added) throw new HttpError(409, 'Already has access', { en: `${body.email} already has access to this programme; change their role instead.`, nl: `${body.email} heeft al toegang tot dit programma; wijzig in plaats daarvan de rol.` })
  // Someone without a password yet gets an invitation; someone who has one just sees the programme next time.
  if (added.passwordHash) return c.json({ id: added.id, invitation: null }, 201)
  const link = await createPasswordLink(c.env.DB, added.id, 'invite')
  return c.json({ id: added.id, invitation: { url: passwordUrl(c, link.token), expiresAt: link.expiresAt } }, 201)
})

app.patch('/:pid/people/:uid', asLead, zValidator('json', PersonPatch, validationHook), async (c) => {
  const person = await personOf(c)
  notYourself(c, person)
  const body = c.req.valid('json')
  const role = body.role ?? person.role
  const partnerId = await checkPartner(c, role, body.partnerId === undefined ? (role === 'lead' ? null : person.partnerId) : body.partnerId)
  await updateMembership(c.env.DB, c.get('programme').id, person.id, role, partnerId)
  return c.json({ ...person, role, partnerId })
})

app.delete('/:pid/people/:uid', asLead, async (c) => {
  const person = await personOf(c)
  notYourself(c, person)
  await removePerson(c.env.DB, c.get('programme').id, person.id)
  return c.body(null, 204)
})

/**
 * A new one-time link to set a password (a reset, or a fresh invitation when the old one expired).
 * A lead may do this only for people who have no other programme: otherwise the lead of one chain
 * could take over an account that reads another.
 */
app.post('/:pid/people/:uid/password-link', asLead, async (c) => {
  const person = await personOf(c)
  notYourself(c, person)
  if (c.get('user').role !== 'admin' && (await hasOtherProgrammes(c.env.DB, c.get('programme').id, person.id))) {
    throw new HttpError(403, 'Ask an administrator', { en: `${person.email} also has access to another programme, so only an administrator may reset their password.`, nl: `${person.email} heeft ook toegang tot een ander programma; alleen een beheerder mag dan het wachtwoord opnieuw laten instellen.` })
  }
  const link = await createPasswordLink(c.env.DB, person.id, person.active ? 'reset' : 'invite')
  return c.json({ url: passwordUrl(c, link.token), expiresAt: link.expiresAt }, 201)
})

export default app
