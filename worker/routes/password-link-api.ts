import type { Context } from 'hono'
import { PasswordBody } from '../../schema/api.ts'
import { linkSetsPassword } from '../services/account-service.ts'
import { hashPassword } from '../auth/password.ts'
import type { Change } from '../domain/audit-changes.ts'
import { acceptThroughLink, findPasswordLink, usePasswordLink, type PasswordLink } from '../db/people.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { audit } from '../http/audit.ts'
import { accessMode, requireUser } from '../http/guards.ts'
import { HttpError } from '../http/problem.ts'

/**
 * One-time links: the invitation of a new person, a reset, or the acceptance of access a lead
 * granted to an account that existed already. Mounted at /api/password-links.
 */
const app = newApp()

export async function passwordLinkOf(c: Context<AppEnv>, now = new Date()): Promise<PasswordLink> {
  const link = await findPasswordLink(c.env.DB, c.req.param('token') ?? '')
  if (!link) throw new HttpError(404, 'Link not found', { en: 'This link does not exist or was used already. Ask your programme lead for a new one.', nl: 'Deze link bestaat niet of is al gebruikt. Vraag uw programmaleider om een nieuwe.' })
  if (link.expiresAt <= now.toISOString()) throw new HttpError(410, 'Link expired', { en: 'This link has expired. Ask your programme lead for a new one.', nl: 'Deze link is verlopen. Vraag uw programmaleider om een nieuwe.' })
  return link
}

const usedUp = () => new HttpError(404, 'Link not found', { en: 'This link was used already. Ask your programme lead for a new one.', nl: 'Deze link is al gebruikt. Vraag uw programmaleider om een nieuwe.' })

app.get('/:token', doc({ summary: 'Whom a one-time link is for, and whether it may set a password now', who: 'anyone with the link', ok: '200 { email, purpose, expiresAt, programme, setsPassword }', errors: [404, 410] }), async (c) => {
  const link = await passwordLinkOf(c)
  return c.json({
    email: link.email,
    purpose: link.purpose,
    expiresAt: link.expiresAt,
    programme: { id: link.programmeId, name: link.programmeName },
    setsPassword: await linkSetsPassword(c.env.DB, link, accessMode(c.env)),
  })
})

/** The person acts through the link without signing in: the trail names them, not a session. */
const actorOf = (link: PasswordLink) => ({ id: link.userId, email: link.email })

app.post('/:token', doc({ summary: 'Set a password through a one-time link (accepting its access, if any); ends every session of the person', who: 'anyone with the link', ok: '204', errors: [400, 403, 404, 410] }), valid('json', PasswordBody), async (c) => {
  const link = await passwordLinkOf(c)
  // Checked again now: the account may have gained access since, that its issuer does not lead.
  if (!(await linkSetsPassword(c.env.DB, link, accessMode(c.env)))) {
    throw new HttpError(403, 'Link cannot set a password', {
      en: `This link cannot set a password for ${link.email}: the account is an administrator's, or has access that ${link.issuer ?? 'its issuer'} does not lead.${link.purpose === 'accept' ? ` Sign in as ${link.email} and accept through this link instead,` : ''} or ask an administrator for a reset link.`,
      nl: `Met deze link kan geen wachtwoord worden ingesteld voor ${link.email}: het account is van een beheerder, of heeft toegang die ${link.issuer ?? 'de uitgever'} niet leidt.${link.purpose === 'accept' ? ` Log in als ${link.email} en aanvaard via deze link,` : ''} of vraag een beheerder om een link voor een nieuw wachtwoord.`,
    })
  }
  if (!(await usePasswordLink(c.env.DB, c.req.param('token'), link, await hashPassword(c.req.valid('json').password)))) throw usedUp()
  const changes: Change[] = [{ action: 'password.set', target: link.email, detail: link.purpose }]
  if (link.purpose === 'accept') changes.push({ action: 'person.accepted', target: link.email, detail: link.role ?? '' })
  await audit(c, changes, { programmeId: link.programmeId, actor: actorOf(link) })
  return c.body(null, 204)
})

/** Accepting pending access while signed in as the account it was granted to. */
app.post('/:token/accept', doc({ summary: 'Accept pending access, signed in as the account it was granted to', who: 'the link\'s own account, signed in', ok: '200 { programmeId }', errors: [401, 403, 404, 409, 410] }), requireUser, async (c) => {
  const link = await passwordLinkOf(c)
  const user = c.get('user')
  if (link.purpose !== 'accept') {
    throw new HttpError(409, 'Nothing to accept', { en: 'This link sets a password; it grants no access to accept. Open it and choose a password.', nl: 'Deze link is om een wachtwoord in te stellen; er is geen toegang om te aanvaarden. Open hem en kies een wachtwoord.' })
  }
  if (link.userId !== user.id) {
    throw new HttpError(403, 'Link is for someone else', { en: `This link is for ${link.email}, and you are signed in as ${user.email}. Sign out and sign in as ${link.email} to accept.`, nl: `Deze link is voor ${link.email}, en u bent ingelogd als ${user.email}. Log uit en log in als ${link.email} om te aanvaarden.` })
  }
  if (!(await acceptThroughLink(c.env.DB, c.req.param('token'), link))) throw usedUp()
  await audit(c, { action: 'person.accepted', target: link.email, detail: link.role ?? '' }, { programmeId: link.programmeId })
  return c.json({ programmeId: link.programmeId }, 200)
})

export default app
