import { zValidator } from '@hono/zod-validator'
import type { Context } from 'hono'
import { PasswordBody } from '../../schema/api.ts'
import { hashPassword } from '../auth/password.ts'
import { findPasswordLink, usePasswordLink, type PasswordLink } from '../db/people.ts'
import { newApp, type AppEnv } from '../http/app.ts'
import { HttpError, validationHook } from '../http/problem.ts'

/** One-time links to set a password: the invitation of a new person, or a reset. Mounted at /api/password-links. */
const app = newApp()

export async function passwordLinkOf(c: Context<AppEnv>, now = new Date()): Promise<PasswordLink> {
  const link = await findPasswordLink(c.env.DB, c.req.param('token') ?? '')
  if (!link) throw new HttpError(404, 'Link not found', { en: 'This link does not exist or was used already. Ask your programme lead for a new one.', nl: 'Deze link bestaat niet of is al gebruikt. Vraag uw programmaleider om een nieuwe.' })
  if (link.expiresAt <= now.toISOString()) throw new HttpError(410, 'Link expired', { en: 'This link has expired. Ask your programme lead for a new one.', nl: 'Deze link is verlopen. Vraag uw programmaleider om een nieuwe.' })
  return link
}

app.get('/:token', async (c) => {
  const link = await passwordLinkOf(c)
  return c.json({ email: link.email, purpose: link.purpose, expiresAt: link.expiresAt })
})

app.post('/:token', zValidator('json', PasswordBody, validationHook), async (c) => {
  const link = await passwordLinkOf(c)
  if (!(await usePasswordLink(c.env.DB, c.req.param('token'), link.userId, await hashPassword(c.req.valid('json').password)))) {
    throw new HttpError(404, 'Link not found', { en: 'This link was used already. Ask your programme lead for a new one.', nl: 'Deze link is al gebruikt. Vraag uw programmaleider om een nieuwe.' })
  }
  return c.body(null, 204)
})

export default app
