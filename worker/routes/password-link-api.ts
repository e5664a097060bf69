import { PasswordBody, pathParams } from '../../schema/api.ts'
import { linkSetsPassword, usablePasswordLink } from '../services/account-service.ts'
import { hashPassword } from '../auth/password.ts'
import { type Change, wordDetail } from '../domain/audit-changes.ts'
import { acceptThroughLink, usePasswordLink, type PasswordLink } from '../db/people.ts'
import { newApp, type WithPath } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { audit } from '../http/audit.ts'
import { accessMode, requireUser } from '../http/guards.ts'
import { refuse } from '../services/refusal.ts'

/**
 * One-time links: the invitation of a new person, a reset, or the acceptance of access a lead
 * granted to an account that existed already. Mounted at /api/password-links.
 */
const app = newApp()

/** The link the path names (`:token`), while it can be used. */
const passwordLinkOf = (c: WithPath<'token'>) => usablePasswordLink(c.env.DB, c.req.valid('param').token)

const usedUp = () => refuse('link-used')

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
    const link = await passwordLinkOf(c)
    return c.json({
      email: link.email,
      purpose: link.purpose,
      expiresAt: link.expiresAt,
      programme: { id: link.programmeId, name: link.programmeName },
      setsPassword: await linkSetsPassword(c.env.DB, link, accessMode(c.env)),
    })
  },
)

/** The person acts through the link without signing in: the trail names them, not a session. */
const actorOf = (link: PasswordLink) => ({ id: link.userId, email: link.email })

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
    const link = await passwordLinkOf(c)
    // Checked again now: the account may have gained access since, that its issuer does not lead.
    if (!(await linkSetsPassword(c.env.DB, link, accessMode(c.env)))) {
      throw refuse('link-cannot-set-password', {
        email: link.email,
        issuer: link.issuer ?? null,
        accept: link.purpose === 'accept',
      })
    }
    if (
      !(await usePasswordLink(
        c.env.DB,
        c.req.valid('param').token,
        link,
        await hashPassword(c.req.valid('json').password),
      ))
    )
      throw usedUp()
    const changes: Change[] = [{ action: 'password.set', target: link.email, detail: wordDetail(link.purpose) }]
    if (link.purpose === 'accept')
      changes.push({ action: 'person.accepted', target: link.email, detail: wordDetail(link.role) })
    await audit(c, changes, { programmeId: link.programmeId, actor: actorOf(link) })
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
  async (c) => {
    const link = await passwordLinkOf(c)
    const user = c.get('user')
    if (link.purpose !== 'accept') {
      throw refuse('nothing-to-accept')
    }
    if (link.userId !== user.id) {
      throw refuse('link-for-someone-else', { linkEmail: link.email, userEmail: user.email })
    }
    if (!(await acceptThroughLink(c.env.DB, c.req.valid('param').token, link))) throw usedUp()
    await audit(
      c,
      { action: 'person.accepted', target: link.email, detail: wordDetail(link.role) },
      { programmeId: link.programmeId },
    )
    return c.json({ programmeId: link.programmeId }, 200)
  },
)

export default app
