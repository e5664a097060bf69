import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { pathParams } from '../../../schema/api.ts'
import type { User } from '../../../worker/db/users.ts'
import { newApp } from '../../../worker/http/app-env.ts'
import { requireUser } from '../../../worker/http/guards.ts'
import { asLead, asWaveLead } from '../../../worker/http/programme-guards.ts'
import { valid } from '../../../worker/http/validate.ts'
import { Refusal } from '../../../worker/services/refusal.ts'
import { postJson, signInAdmin } from '../helpers.ts'

/**
 * A guard's variable is seen only by the handlers behind that guard (worker/http/app-env.ts): the
 * `@ts-expect-error` lines below are what `npm run typecheck` (tsc -p tests/worker) holds to. Were
 * a guard's variable declared for every handler again, each of them would be an unused
 * expectation, which fails the type check. At run time the same handlers show why: without the
 * guard, the variable is not there.
 */
const app = newApp()
app.onError((error, c) => c.json({ refused: error instanceof Refusal ? error.code : 'error' }, 500))

app.get('/bare', (c) => {
  // @ts-expect-error: without requireUser the user may be missing
  const user: User = c.get('user')
  // @ts-expect-error: without asLead there is no programme
  c.get('programme')
  // @ts-expect-error: without asWaveLead there is no wave
  c.get('wave')
  // @ts-expect-error: without asActionWriter there is no action writer
  c.get('actionWriter')
  return c.json({ user: user ?? null })
})

app.get('/signed-in', requireUser, (c) => {
  const user: User = c.get('user')
  // @ts-expect-error: requireUser alone sets no programme
  c.get('programme')
  return c.json({ email: user.email })
})

app.get('/lead/:pid', valid('param', pathParams('/:pid')), requireUser, asLead, (c) => {
  // @ts-expect-error: asLead sets the programme, not a wave
  c.get('wave')
  return c.json({ name: c.get('programme').name, by: c.get('user').email })
})

app.get('/wave/:wid', valid('param', pathParams('/:wid')), requireUser, asWaveLead, (c) => {
  // @ts-expect-error: asWaveLead sets the wave, not its programme
  c.get('programme')
  return c.json({ label: c.get('wave').label })
})

describe('guard variables, typed by their guard', () => {
  const get = async (path: string, cookie?: string) =>
    (await app.request(path, { headers: cookie ? { cookie } : {} }, env)).json()

  it('a handler without the guard has no user to read', async () => {
    expect(await get('/bare', await signInAdmin())).toEqual({ user: null })
  })

  it('behind its guard, each handler reads what the guard set', async () => {
    const cookie = await signInAdmin()
    expect(await get('/signed-in', cookie)).toEqual({ email: env.ADMIN_EMAIL })
    expect(await get('/signed-in')).toEqual({ refused: 'not-signed-in' })
    const name = `Typen ${crypto.randomUUID().slice(0, 8)}`
    const { id } = await postJson('/api/programmes', { name }, cookie)
    expect(await get(`/lead/${id}`, cookie)).toEqual({ name, by: env.ADMIN_EMAIL })
    const day = 24 * 60 * 60 * 1000
    const { id: wid } = await postJson(
      `/api/programmes/${id}/waves`,
      {
        label: 'Typen',
        instrument: 'coachende-manager',
        opensAt: new Date(Date.now() + day).toISOString(),
        closesAt: new Date(Date.now() + 9 * day).toISOString(),
      },
      cookie,
    )
    expect(await get(`/wave/${wid}`, cookie)).toEqual({ label: 'Typen' })
  })
})
