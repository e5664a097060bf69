import { PasswordBody, pathParams } from '../../schema/api.ts'
import {
  acceptLink,
  linkSetsPassword,
  setPasswordThroughLink,
  usablePasswordLink,
} from '../services/password-link-service.ts'
import { newApp } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { accessMode, requireUser } from '../http/guards.ts'
import { refuse } from '../services/refusal.ts'

/**
 * One-time links: the invitation of a new person, a reset, or the acceptance of access a lead
 * granted to an account that existed already (worker/services/password-link-service.ts).
 * Mounted at /api/password-links.
 */
const app = newApp()

app.get(
  '/:token',
  doc({
    summary: 'Whom a one-time link is for, and whether it may set a password now',
    who: 'anyone with the link',
    ok: '200 { email, purpose, expiresAt, programme, setsPassword }',
    errors: [404, 410],
  }),
  valid('param', pathParams('/:token'), () => refuse('link-not-found')),
  async (c) => {
    const link = await usablePasswordLink(c.env.DB, c.req.valid('param').token)
    return c.json({
      email: link.email,
      purpose: link.purpose,
      expiresAt: link.expiresAt,
      programme: { id: link.programmeId, name: link.programmeName },
      setsPassword: await linkSetsPassword(c.env.DB, link, accessMode(c.env)),
    })
  },
)

app.post(
  '/:token',
  doc({
    summary: 'Set a password through a one-time link (accepting its access, if any); ends every session of the person',
    who: 'anyone with the link',
    ok: '204',
    errors: [400, 403, 404, 410],
  }),
  valid('param', pathParams('/:token'), () => refuse('link-not-found')),
  valid('json', PasswordBody),
  async (c) => {
    await setPasswordThroughLink(c.env.DB, c.req.valid('param').token, c.req.valid('json').password, accessMode(c.env))
    return c.body(null, 204)
  },
)

/** Accepting pending access while signed in as the account it was granted to. */
app.post(
  '/:token/accept',
  doc({
    summary: 'Accept pending access, signed in as the account it was granted to',
    who: "the link's own account, signed in",
    ok: '200 { programmeId }',
    errors: [401, 403, 404, 409, 410],
  }),
  valid('param', pathParams('/:token/accept'), () => refuse('link-not-found')),
  requireUser,
  async (c) => c.json({ programmeId: await acceptLink(c.env.DB, c.req.valid('param').token, c.get('user')) }, 200),
)

export default app
