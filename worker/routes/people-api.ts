import { OneTimeLink } from '../../schema/api-answers.ts'
import type { Context } from 'hono'
import { PersonBody, PersonPatch, pathParams } from '../../schema/api.ts'
import { newApp } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { accessMode, requireUser } from '../http/guards.ts'
import { asLead } from '../http/programme-guards.ts'
import {
  changePersonAccess,
  givePersonAccess,
  listPeople,
  newPersonLink,
  takePersonAccess,
} from '../services/people-service.ts'
import type { IssuedLink } from '../services/password-link-service.ts'

/**
 * Who has access to a programme: its leads invite, change and remove people
 * (worker/services/people-service.ts). Mounted at /api/programmes.
 */
const app = newApp().use('*', requireUser)

/** A one-time link as its issuer passes it on: the page where its token is used. */
const asUrl = (c: Context, link: IssuedLink): OneTimeLink => ({
  url: new URL(`/app/password/${link.token}`, c.req.url).toString(),
  expiresAt: link.expiresAt,
  purpose: link.purpose,
})

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
    const added = await givePersonAccess(c.env.DB, c.get('programme'), c.get('user'), c.req.valid('json'), {
      adminEmail: c.env.ADMIN_EMAIL,
      accessMode: accessMode(c.env),
    })
    return c.json(
      {
        id: added.id,
        pending: added.pending,
        invitation: added.invitation && asUrl(c, added.invitation),
        acceptance: added.acceptance && asUrl(c, added.acceptance),
      },
      201,
    )
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
  async (c) =>
    c.json(
      await changePersonAccess(
        c.env.DB,
        c.get('programme'),
        c.get('user'),
        c.req.valid('param').uid,
        c.req.valid('json'),
      ),
    ),
)

app.delete(
  '/:pid/people/:uid',
  doc({ summary: "Take a person's access away", who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/people/:uid')),
  asLead,
  async (c) => {
    await takePersonAccess(c.env.DB, c.get('programme'), c.get('user'), c.req.valid('param').uid)
    return c.body(null, 204)
  },
)

/** A new one-time link for a person: `newPersonLink` (worker/services/people-service.ts) says which, and whether. */
app.post(
  '/:pid/people/:uid/password-link',
  doc({
    summary:
      'A one-time link: to accept pending access, or to set a new password (only for someone whose every access is in programmes you lead, never an administrator)',
    who: 'lead, admin',
    ok: '201 { url, expiresAt, purpose }',
    errors: [401, 403, 404, 409],
    answer: { name: 'OneTimeLink', schema: OneTimeLink },
  }),
  valid('param', pathParams('/:pid/people/:uid/password-link')),
  asLead,
  async (c) => {
    const link = await newPersonLink(
      c.env.DB,
      c.get('programme'),
      c.get('user'),
      c.req.valid('param').uid,
      accessMode(c.env),
    )
    return c.json(asUrl(c, link), 201)
  },
)

export default app
