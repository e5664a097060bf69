import { env, exports } from 'cloudflare:workers'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { hashPassword } from '../../../worker/auth/password-hash.ts'
import { sha256Hex } from '../../../worker/db/ids.ts'
import { BASE, call, inOneWindow } from '../helpers.ts'

/**
 * Staff sessions end to end, through the real Worker and D1: the cookie, what the table keeps,
 * rotation, sign-out, both expiries, sign-in throttling and the CSRF guard in front of the API.
 * Users are made here, not through the shared test admin, whose sign-ins other files also spend.
 */
const HOUR = 60 * 60 * 1000
const SIGNIN_LIMIT = 20 // wrangler.toml, SIGNIN_LIMITER: 20 per 60 s per account and client network
const CLIENT_LIMIT = 60 // wrangler.toml, SIGNIN_CLIENT_LIMITER: 60 per 60 s (an office behind one address)

const unique = (what: string) => `${what}-${crypto.randomUUID().slice(0, 8)}@session.test`

/** A user straight in D1; the password is derived from the e-mail address. */
async function person(email: string, role: 'admin' | 'lead' | 'viewer' = 'viewer'): Promise<string> {
  await env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(crypto.randomUUID(), email, role, await hashPassword(`pw-${email}`), new Date().toISOString())
    .run()
  return email
}

/** Like `call`, for any URL, so the cookie can be seen as a deployed host would set it. */
function callAt(url: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (init.json !== undefined) headers.set('content-type', 'application/json')
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body
  return (exports as unknown as { default: Fetcher }).default.fetch(new Request(url, { ...init, headers, body }))
}

const signIn = (email: string, opts: { password?: string; cookie?: string; client?: string } = {}) =>
  call('/api/session', {
    method: 'POST',
    json: { email, password: opts.password ?? `pw-${email}` },
    cookie: opts.cookie,
    headers: opts.client ? { 'cf-connecting-ip': opts.client } : {},
  })

/** The `name=value` part of the session cookie a response sets. */
function cookieOf(res: Response): string {
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  expect(cookie).toMatch(/^kr_session=.{20,}$/)
  return cookie
}

async function signedIn(email: string): Promise<string> {
  const res = await signIn(email)
  expect(res.status).toBe(204)
  return cookieOf(res)
}

const tokenOf = (cookie: string) => cookie.slice(cookie.indexOf('=') + 1)
const rowOf = async (cookie: string) =>
  env.DB.prepare('SELECT * FROM sessions WHERE token_hash = ?1')
    .bind(await sha256Hex(tokenOf(cookie)))
    .first<{ created_at: string; last_seen_at: string }>()
const works = async (cookie: string) => (await call('/api/programmes', { cookie })).status
const count = async (table: 'programmes' | 'sessions') =>
  (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table}`).first<{ n: number }>())!.n

afterEach(() => {
  vi.restoreAllMocks()
})

describe('POST /api/session', () => {
  it('sets an HttpOnly, SameSite=Strict cookie for the whole site, not Secure on 127.0.0.1', async () => {
    const res = await signIn(await person(unique('local')))
    expect(res.status).toBe(204)
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(/; HttpOnly/i)
    expect(header).toMatch(/; SameSite=Strict/i)
    expect(header).toMatch(/; Path=\/(;|$)/)
    expect(header).not.toMatch(/; Secure/i)
  })

  it('sets a Secure cookie on a deployed https host', async () => {
    const email = await person(unique('https'))
    const res = await callAt('https://ketenradar.example/api/session', {
      method: 'POST',
      json: { email, password: `pw-${email}` },
    })
    expect(res.status).toBe(204)
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(/; Secure/i)
    expect(header).toMatch(/; HttpOnly/i)
    expect(header).toMatch(/; SameSite=Strict/i)
    expect(header).toMatch(/; Path=\/(;|$)/)
  })

  it('stores only a hash of the token: the cookie value appears nowhere in the table', async () => {
    const cookie = await signedIn(await person(unique('hash')))
    const token = tokenOf(cookie)
    const { results } = await env.DB.prepare('SELECT * FROM sessions').all()
    const table = JSON.stringify(results)
    expect(table).toContain(await sha256Hex(token)) // the session is there…
    expect(table).not.toContain(token) // …but not its token
  })

  it('refuses a wrong password with 401 and logs neither the e-mail address nor the password', async () => {
    const email = await person(unique('wrong'))
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const res = await signIn(email, { password: 'not-the-password' })
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(warn).toHaveBeenCalledWith('sign-in refused', expect.anything())
    const logged = JSON.stringify(warn.mock.calls)
    expect(logged).not.toContain(email.split('@')[0])
    expect(logged).not.toContain('not-the-password')
  })

  it('answers an unknown account exactly like a wrong password', async () => {
    const wrong = await signIn(await person(unique('known')), { password: 'guess' })
    const unknown = await signIn(unique('nobody'), { password: 'guess' })
    expect(unknown.status).toBe(401)
    expect(await unknown.json()).toEqual(await wrong.json())
  })

  it('rotates: signing in again with the old cookie ends the old session and gives a new token', async () => {
    const email = await person(unique('rotate'))
    const old = await signedIn(email)
    const res = await signIn(email, { cookie: old })
    expect(res.status).toBe(204)
    const fresh = cookieOf(res)
    expect(fresh).not.toBe(old)
    expect(await rowOf(old)).toBeNull()
    expect(await works(old)).toBe(401)
    expect(await works(fresh)).toBe(200)
  })
})

describe('DELETE /api/session', () => {
  it('removes the session row and the cookie no longer works', async () => {
    const cookie = await signedIn(await person(unique('signout')))
    expect(await works(cookie)).toBe(200)
    const res = await call('/api/session', { method: 'DELETE', cookie })
    expect(res.status).toBe(204)
    expect(res.headers.get('set-cookie')).toMatch(/^kr_session=;.*Max-Age=0/i)
    expect(await rowOf(cookie)).toBeNull()
    expect(await works(cookie)).toBe(401)
  })

  it('refuses a sign-out from another site, so it cannot end a session behind the user’s back', async () => {
    const cookie = await signedIn(await person(unique('csrf-signout')))
    const res = await call('/api/session', { method: 'DELETE', cookie, headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    expect(await works(cookie)).toBe(200)
  })
})

describe('session expiry', () => {
  const age = async (cookie: string, column: 'created_at' | 'last_seen_at', ms: number) =>
    env.DB.prepare(`UPDATE sessions SET ${column} = ?2 WHERE token_hash = ?1`)
      .bind(await sha256Hex(tokenOf(cookie)), new Date(Date.now() - ms).toISOString())
      .run()

  it('keeps a session used 7 hours ago, and notes the new use', async () => {
    const cookie = await signedIn(await person(unique('idle-ok')))
    await age(cookie, 'last_seen_at', 7 * HOUR)
    expect(await works(cookie)).toBe(200)
    expect(Date.now() - Date.parse((await rowOf(cookie))!.last_seen_at)).toBeLessThan(HOUR)
  })

  it('ends a session idle for 9 hours (8 allowed) and deletes its row', async () => {
    const cookie = await signedIn(await person(unique('idle')))
    await age(cookie, 'last_seen_at', 9 * HOUR)
    expect(await works(cookie)).toBe(401)
    expect(await rowOf(cookie)).toBeNull()
  })

  it('ends a session started 8 days ago (7 allowed) even when it was just used', async () => {
    const cookie = await signedIn(await person(unique('old')))
    await age(cookie, 'created_at', 8 * 24 * HOUR)
    await age(cookie, 'last_seen_at', 0)
    expect(await works(cookie)).toBe(401)
    expect(await rowOf(cookie)).toBeNull()
  })
})

// Miniflare's rate-limit binding counts for real (a wall-clock window per key), so these can fail.
describe('sign-in throttling', () => {
  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {}) // a hundred refusals, each logged
  })

  const byte = () => Math.floor(Math.random() * 256)
  const ipv4 = () => `10.${byte()}.${byte()}.${byte()}`
  const hex = () => Math.floor(Math.random() * 0x10000).toString(16)

  // Without CF-Connecting-IP every request is one network, so this is the limit per account and network.
  it(`refuses the attempt after ${SIGNIN_LIMIT} for one account from one network within a minute, but not another account`, async () => {
    const blocked = await inOneWindow(async () => {
      const email = await person(unique('throttle'))
      const statuses: number[] = []
      for (let i = 0; i < SIGNIN_LIMIT; i++) {
        // Case and spaces vary: the limit is per account, not per spelling of its address.
        const spelling = i % 2 ? email.toUpperCase() : ` ${email} `
        statuses.push((await signIn(spelling, { password: 'wrong' })).status)
      }
      expect(statuses).toEqual(Array(SIGNIN_LIMIT).fill(401))
      // Even the right password is refused now: the limit is checked before the password.
      return signIn(email)
    })
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('retry-after')).toBe('60')
    expect(blocked.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(((await blocked.json()) as { detail: string }).detail).toMatch(
      /sign-in attempts for this account from your network.*Wait a minute/,
    )
    expect(blocked.headers.get('set-cookie')).toBeNull()
    expect((await signIn(await person(unique('bystander')))).status).toBe(204)
  })

  it(`refuses the attempt after ${CLIENT_LIMIT} from one client across different accounts`, async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const email = await person(unique('shared-client'))
    const { blocked, client } = await inOneWindow(async () => {
      const client = ipv4() // new each run: a run cut by a window boundary leaves counts behind
      const statuses: number[] = []
      for (let i = 0; i < CLIENT_LIMIT; i++)
        statuses.push((await signIn(unique('spray'), { password: 'guess', client })).status)
      expect(statuses).toEqual(Array(CLIENT_LIMIT).fill(401))
      return { blocked: await signIn(email, { client }), client }
    })
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('retry-after')).toBe('60')
    expect(((await blocked.json()) as { detail: string }).detail).toMatch(/sign-in attempts from your network/)
    expect(warn).toHaveBeenCalledWith('sign-in throttled', { per: 'client' })
    expect(JSON.stringify(warn.mock.calls)).not.toContain(client)
    // The account itself was not attacked: from elsewhere it signs in.
    expect((await signIn(email, { client: ipv4() })).status).toBe(204)
  }, 60_000)

  it('counts an IPv6 client by its /64, since one subscriber holds the whole /64', async () => {
    const email = await person(unique('v6'))
    const blocked = await inOneWindow(async () => {
      const net = `2001:db8:${hex()}:${hex()}`
      for (let i = 1; i <= CLIENT_LIMIT; i++)
        expect(
          (await signIn(unique('v6-spray'), { password: 'guess', client: `${net}::${i.toString(16)}` })).status,
        ).toBe(401)
      return signIn(email, { client: `${net}:0:0:0:ffff` })
    })
    expect(blocked.status).toBe(429)
    expect((await signIn(email, { client: `2001:db8:${hex()}:${hex()}::1` })).status).toBe(204)
  }, 60_000)

  it('limits no client when CF-Connecting-IP is missing (local development)', async () => {
    const statuses = await inOneWindow(async () => {
      const statuses: number[] = []
      for (let i = 0; i <= CLIENT_LIMIT; i++)
        statuses.push((await signIn(unique('local-spray'), { password: 'guess' })).status)
      return statuses
    })
    expect(statuses).toEqual(Array(CLIENT_LIMIT + 1).fill(401))
  }, 60_000)
})

describe('CSRF guard on the JSON API', () => {
  let admin: string
  beforeAll(async () => {
    admin = await signedIn(await person(unique('admin'), 'admin'))
  })

  const create = (init: RequestInit = {}) =>
    call('/api/programmes', { method: 'POST', json: { name: 'Keten CSRF' }, cookie: admin, ...init })

  it('accepts a same-origin JSON request (the control for the refusals below)', async () => {
    const before = await count('programmes')
    expect((await create({ headers: { origin: new URL(BASE).origin } })).status).toBe(201)
    expect(await count('programmes')).toBe(before + 1)
  })

  it('refuses a cross-origin POST with a valid cookie (403) and creates nothing', async () => {
    const before = await count('programmes')
    const res = await create({ headers: { origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await count('programmes')).toBe(before)
  })

  it('refuses a form post (415) and creates nothing', async () => {
    const before = await count('programmes')
    const res = await call('/api/programmes', {
      method: 'POST',
      body: 'name=X',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookie: admin,
    })
    expect(res.status).toBe(415)
    expect(await count('programmes')).toBe(before)
  })

  it('refuses a JSON body sent as text/plain (415), which a form or no-cors fetch could send', async () => {
    const before = await count('programmes')
    const res = await call('/api/programmes', {
      method: 'POST',
      body: JSON.stringify({ name: 'X' }),
      headers: { 'content-type': 'text/plain' },
      cookie: admin,
    })
    expect(res.status).toBe(415)
    expect(await count('programmes')).toBe(before)
  })

  // A GET with a body cannot be tried: the runtime's Request refuses to build one.
  it('changes nothing on a GET, even from another site or asking for another method', async () => {
    const cookie = await signedIn(await person(unique('get')))
    const before = [await count('programmes'), await count('sessions')]
    const evil = { origin: 'https://evil.example' }
    // GET is not a method of /api/session: 405, and the override header is not obeyed.
    expect(
      (await call('/api/session', { cookie, headers: { ...evil, 'x-http-method-override': 'DELETE' } })).status,
    ).toBe(405)
    expect(
      (
        await call('/api/programmes?name=X&_method=POST', {
          cookie: admin,
          headers: { ...evil, 'x-http-method-override': 'POST' },
        })
      ).status,
    ).toBe(200)
    expect([await count('programmes'), await count('sessions')]).toEqual(before)
    expect(await works(cookie)).toBe(200)
  })
})
