import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { hashPassword } from '../../../worker/auth/password-hash.ts'
import { createUser, readSession, readUserByEmail } from '../../../worker/db/users.ts'
import { SESSION_IDLE_MS } from '../../../worker/domain/session-rule.ts'
import { sessionUser, signIn, signOut } from '../../../worker/services/account-service.ts'

/**
 * Accounts and sessions (worker/services/account-service.ts) on real rows: a password signs in,
 * ending the session the browser brought; an unknown account and a wrong password are refused
 * alike; the first administrator's account is made at their first sign-in; a session ends by the
 * session rule and is then removed.
 */

const noAdmin = { email: undefined, password: undefined }
const address = () => `${crypto.randomUUID().slice(0, 8)}@account.test`

async function withPassword(password: string) {
  return createUser(env.DB, address(), 'lead', await hashPassword(password))
}

describe('signIn and signOut', () => {
  it('signs in with the password, ending the session brought along, and signs out', async () => {
    const user = await withPassword('correct horse battery')
    const first = await signIn(env.DB, user.email, 'correct horse battery', undefined, noAdmin)
    expect((await sessionUser(env.DB, first))?.id).toBe(user.id)
    const second = await signIn(env.DB, user.email, 'correct horse battery', first, noAdmin)
    expect(second).not.toBe(first)
    expect(await readSession(env.DB, first)).toBeNull()
    await signOut(env.DB, second)
    expect(await sessionUser(env.DB, second)).toBeNull()
    await signOut(env.DB, undefined)
  })

  it('refuses a wrong password, an unknown account and one without a password alike', async () => {
    const user = await withPassword('correct horse battery')
    const invited = await createUser(env.DB, address(), 'viewer', null)
    for (const [email, password] of [
      [user.email, 'wrong'],
      [address(), 'correct horse battery'],
      [invited.email, ''],
    ] as const)
      await expect(signIn(env.DB, email, password, undefined, noAdmin)).rejects.toMatchObject({
        code: 'sign-in-failed',
      })
  })

  it("makes the first administrator's account at their first sign-in, with the configured password only", async () => {
    const admin = { email: `Admin-${address()}`, password: 'first admin password' }
    await expect(signIn(env.DB, admin.email, 'guess', undefined, admin)).rejects.toMatchObject({
      code: 'sign-in-failed',
    })
    expect(await readUserByEmail(env.DB, admin.email)).toBeNull()
    const token = await signIn(env.DB, admin.email.toLowerCase(), admin.password, undefined, admin)
    expect(await sessionUser(env.DB, token)).toMatchObject({ role: 'admin' })
  })
})

describe('sessionUser', () => {
  it('is nobody for an unknown token, and removes a session that has ended by the session rule', async () => {
    expect(await sessionUser(env.DB, 'no-such-session')).toBeNull()
    const user = await withPassword('correct horse battery')
    const token = await signIn(env.DB, user.email, 'correct horse battery', undefined, noAdmin)
    expect(await sessionUser(env.DB, token, new Date(Date.now() + 60_000))).toMatchObject({ id: user.id })
    expect(await sessionUser(env.DB, token, new Date(Date.now() + 2 * SESSION_IDLE_MS))).toBeNull()
    expect(await readSession(env.DB, token)).toBeNull()
  })
})
