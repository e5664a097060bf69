import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import { resetAccessKeyCache } from '../../../worker/auth/cloudflare-access.ts'
import type { Env } from '../../../worker/env.ts'
import { app } from '../../../worker/index.ts'
import { BASE, call, setupProgramme, signInAdmin } from '../helpers.ts'
import { b64json, makeKey, serveJwks, signJwt, type SigningKey } from '../jwt.ts'

/**
 * The Worker behind Cloudflare Access, end to end through its Hono app: the gate, the person the
 * token names, and the routes respondents and monitors reach without Access. The test bindings
 * leave Access off (the other API tests sign in with cookies), so these requests carry an env
 * copy with both Access variables set.
 */

const TEAM = 'kr-test.cloudflareaccess.com'
const CERTS_URL = `https://${TEAM}/cdn-cgi/access/certs`
const AUD = 'aud-123'
const accessEnv: Env = { ...env, ACCESS_TEAM_DOMAIN: TEAM, ACCESS_AUD: AUD }

const LEAD_EMAIL = 'lead@access-mode.test'

const nowS = () => Math.floor(Date.now() / 1000)

/** Claims as Access issues them, valid now: the gate checks against the real clock. */
function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: [AUD],
    email: LEAD_EMAIL,
    exp: nowS() + 3600,
    iat: nowS(),
    nbf: nowS(),
    iss: `https://${TEAM}`,
    type: 'app',
    sub: crypto.randomUUID(),
    ...overrides,
  }
}

const sign = (key: SigningKey, payload: Record<string, unknown> = claims(), header: Record<string, unknown> = {}) =>
  signJwt(key, payload, header)

/** A request to the Worker's app in Access mode; no cookie unless one is given. */
async function viaAccess(
  path: string,
  init: { method?: string; token?: string; cookie?: string; json?: unknown } = {},
): Promise<Response> {
  const headers = new Headers()
  if (init.token !== undefined) headers.set('cf-access-jwt-assertion', init.token)
  if (init.cookie) headers.set('cookie', init.cookie)
  if (init.json !== undefined) headers.set('content-type', 'application/json')
  const request = new Request(`${BASE}${path}`, {
    method: init.method ?? 'GET',
    headers,
    body: init.json === undefined ? undefined : JSON.stringify(init.json),
  })
  const ctx = createExecutionContext()
  const res = await app.fetch(request, accessEnv, ctx)
  await waitOnExecutionContext(ctx)
  return res
}

async function partnerNamed(programmeId: string, name: string): Promise<{ id: string } | null> {
  return env.DB.prepare('SELECT id FROM partners WHERE programme_id = ?1 AND name = ?2')
    .bind(programmeId, name)
    .first<{ id: string }>()
}

async function expectAccessRequired(res: Response): Promise<void> {
  expect(res.status).toBe(401)
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect(await res.json()).toMatchObject({ status: 401, title: 'Cloudflare Access required' })
}

let published: SigningKey
let unpublished: SigningKey
let adminCookie: string
let programme: { id: string; name: string }
let otherProgrammeId: string
let surveyToken: string
let fetchSpy: MockInstance<typeof fetch>
let warnSpy: MockInstance<typeof console.warn>
let unexpected: string[]

beforeAll(async () => {
  published = await makeKey('key-published')
  unpublished = await makeKey('key-not-published')
  adminCookie = await signInAdmin()
  const mine = await setupProgramme(adminCookie, ['UWV'])
  // A second programme the lead is not a member of: the list must leave it out.
  otherProgrammeId = (await setupProgramme(adminCookie, ['Elders'])).programmeId
  surveyToken = mine.links[mine.partners[0]!.id]!.medewerker!
  const row = await env.DB.prepare('SELECT name FROM programmes WHERE id = ?1')
    .bind(mine.programmeId)
    .first<{ name: string }>()
  programme = { id: mine.programmeId, name: row!.name }
  // No password: behind Access a person is known by e-mail alone.
  const leadId = crypto.randomUUID()
  await env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, NULL, ?4)')
    .bind(leadId, LEAD_EMAIL, 'lead', new Date().toISOString())
    .run()
  await env.DB.prepare('INSERT INTO memberships (user_id, programme_id, partner_id, role) VALUES (?1, ?2, NULL, ?3)')
    .bind(leadId, mine.programmeId, 'lead')
    .run()
})

beforeEach(() => {
  resetAccessKeyCache()
  unexpected = []
  fetchSpy = serveJwks(CERTS_URL, () => Response.json({ keys: [published.jwk] }), unexpected)
  warnSpy = vi.spyOn(console, 'warn').mockImplementation(() => {})
})

afterEach(() => {
  vi.restoreAllMocks()
  expect(unexpected).toEqual([])
})

describe('Access mode: a known person with a valid token', () => {
  it("lists only the lead's own programmes on the API", async () => {
    const res = await viaAccess('/api/programmes', { token: await sign(published) })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { programmes: { id: string }[] }
    expect(body.programmes.map((p) => p.id)).toEqual([programme.id])
    expect(body.programmes.map((p) => p.id)).not.toContain(otherProgrammeId)
    // The token was checked against the team's published keys, not waved through.
    expect(fetchSpy).toHaveBeenCalledTimes(1)
  })

  it('renders the programme list page under /app', async () => {
    const res = await viaAccess('/app/programmes', { token: await sign(published) })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await res.text()).toContain(programme.name)
  })

  it('lets a lead add a partner with the token alone, no session cookie', async () => {
    const name = `Partner ${crypto.randomUUID().slice(0, 8)}`
    const res = await viaAccess(`/api/programmes/${programme.id}/partners`, {
      method: 'POST',
      token: await sign(published),
      json: { name, headcount: 12 },
    })
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: string }
    expect(await partnerNamed(programme.id, name)).toEqual({ id })
  })
})

describe('Access mode: no token', () => {
  it('refuses the API and the /app pages with 401 problem+json', async () => {
    await expectAccessRequired(await viaAccess('/api/programmes'))
    await expectAccessRequired(await viaAccess('/app/programmes'))
    expect(warnSpy.mock.calls).toEqual([
      ['access refused', { reason: 'missing' }],
      ['access refused', { reason: 'missing' }],
    ])
  })

  it('keeps the survey API, health and the API description open to anyone', async () => {
    const survey = await viaAccess(`/api/s/${surveyToken}`)
    expect(survey.status).toBe(200)
    expect(survey.headers.get('content-type')).toMatch(/^application\/json/)
    const health = await viaAccess('/api/health')
    expect(health.status).toBe(200)
    expect(await health.json()).toEqual({ ok: true })
    expect((await viaAccess('/api/openapi.json')).status).toBe(200)
    // A respondent's answers reach validation (400 for an empty set), not the Access gate.
    expect((await viaAccess(`/api/s/${surveyToken}/responses`, { method: 'POST', json: {} })).status).toBe(400)
    // None of them looked at a token at all.
    expect(fetchSpy).not.toHaveBeenCalled()
    expect(warnSpy).not.toHaveBeenCalled()
  })
})

describe('Access mode: a token the gate refuses', () => {
  const cases: { name: string; reason: string; token: () => Promise<string> }[] = [
    {
      name: 'an expired token',
      reason: 'expired',
      token: () => sign(published, claims({ exp: nowS() - 3600, iat: nowS() - 7200, nbf: nowS() - 7200 })),
    },
    {
      name: 'a token for another application',
      reason: 'audience',
      token: () => sign(published, claims({ aud: ['aud-of-another-app'] })),
    },
    {
      name: 'a token from another team',
      reason: 'issuer',
      token: () => sign(published, claims({ iss: 'https://evil.cloudflareaccess.com' })),
    },
    { name: 'a token signed with a key the team does not publish', reason: 'kid', token: () => sign(unpublished) },
    {
      name: 'an unsigned token (alg none)',
      reason: 'alg',
      token: async () => `${b64json({ alg: 'none', kid: published.kid, typ: 'JWT' })}.${b64json(claims())}.`,
    },
  ]

  it.each(cases)(
    'refuses $name with 401, changes nothing and logs only the reason',
    async ({ reason, token: make }) => {
      const token = await make()
      const name = `Refused ${crypto.randomUUID().slice(0, 8)}`
      const res = await viaAccess(`/api/programmes/${programme.id}/partners`, { method: 'POST', token, json: { name } })
      expect(res.status).toBe(401)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      const text = await res.text()
      expect(JSON.parse(text)).toMatchObject({ status: 401, title: 'Cloudflare Access required' })
      expect(text).not.toContain(token)
      expect(await partnerNamed(programme.id, name)).toBeNull()

      expect(warnSpy.mock.calls).toEqual([['access refused', { reason }]])
      const logged = JSON.stringify(warnSpy.mock.calls)
      // Neither the token nor any of its parts (claims or signature) may reach the logs.
      for (const part of [token, ...token.split('.').filter((p) => p.length > 0)]) expect(logged).not.toContain(part)
      expect(logged).not.toContain(LEAD_EMAIL)
    },
  )
})

describe('Access mode: a valid token for someone without an account', () => {
  const stranger = 'stranger@access-mode.test'

  it('answers 403 on the API and creates nothing', async () => {
    const token = await sign(published, claims({ email: stranger }))
    const list = await viaAccess('/api/programmes', { token })
    expect(list.status).toBe(403)
    expect(list.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await list.json()).toMatchObject({ status: 403, title: 'No access' })

    const name = `Stranger ${crypto.randomUUID().slice(0, 8)}`
    expect(
      (await viaAccess(`/api/programmes/${programme.id}/partners`, { method: 'POST', token, json: { name } })).status,
    ).toBe(403)
    expect(await partnerNamed(programme.id, name)).toBeNull()
    // Being recognised by Access does not make an account.
    expect(await env.DB.prepare('SELECT id FROM users WHERE email = ?1').bind(stranger).first()).toBeNull()
    expect(warnSpy.mock.calls).toEqual([
      ['access refused', { reason: 'no person' }],
      ['access refused', { reason: 'no person' }],
    ])
  })

  it('shows a 403 "no access" page under /app instead of a sign-in form', async () => {
    const res = await viaAccess('/app/programmes', { token: await sign(published, claims({ email: stranger })) })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).not.toContain('type="password"')
    // Its own title and words (worker/i18n/nl.ts noAccessTitle, the refusal's words in worker/i18n/errors-nl.ts), in the reader's frame.
    expect(html).toMatch(/<h1>(Geen toegang|No access)<\/h1>/)
    expect(html).toMatch(
      /(Uw Cloudflare Access-identiteit heeft geen account|Your Cloudflare Access identity has no account)/,
    )
  })
})

describe('Access mode: a session cookie without a token', () => {
  it('is refused with 401, though the same cookie works without Access', async () => {
    // The cookie is good: outside Access mode it lists programmes.
    expect((await call('/api/programmes', { cookie: adminCookie })).status).toBe(200)

    await expectAccessRequired(await viaAccess('/api/programmes', { cookie: adminCookie }))
    const name = `Cookie ${crypto.randomUUID().slice(0, 8)}`
    const res = await viaAccess(`/api/programmes/${programme.id}/partners`, {
      method: 'POST',
      cookie: adminCookie,
      json: { name },
    })
    await expectAccessRequired(res)
    expect(await partnerNamed(programme.id, name)).toBeNull()
  })
})

describe('Access mode: access granted to an existing e-mail waits until that identity accepts it', () => {
  const existing = 'bestaand@access-mode.test'

  beforeAll(async () => {
    // Known to Ketenradar already, through another programme: behind Access, by e-mail alone.
    const id = crypto.randomUUID()
    await env.DB.prepare(
      "INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, 'viewer', NULL, ?3)",
    )
      .bind(id, existing, new Date().toISOString())
      .run()
    await env.DB.prepare("INSERT INTO memberships (user_id, programme_id, role) VALUES (?1, ?2, 'viewer')")
      .bind(id, otherProgrammeId)
      .run()
  })

  it("keeps the programme from the identity until it accepts through the lead's link, signed in by Access", async () => {
    const lead = await sign(published)
    const res = await viaAccess(`/api/programmes/${programme.id}/people`, {
      method: 'POST',
      token: lead,
      json: { email: existing, role: 'viewer' },
    })
    expect(res.status).toBe(201)
    const added = (await res.json()) as { pending: boolean; invitation: null; acceptance: { url: string } }
    expect(added).toMatchObject({ pending: true, invitation: null })
    const token = new URL(added.acceptance.url).pathname.split('/').pop()!

    const person = await sign(published, claims({ email: existing }))
    const list = async () =>
      (
        (await (await viaAccess('/api/programmes', { token: person })).json()) as { programmes: { id: string }[] }
      ).programmes.map((p) => p.id)
    expect(await list()).toEqual([otherProgrammeId])
    expect((await viaAccess(`/api/programmes/${programme.id}/dashboard`, { token: person })).status).toBe(404)

    // The link's page offers to accept, and no password: behind Access there are none.
    const page = await viaAccess(`/app/password/${token}?lang=en`, { token: person })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('data-accept=')
    expect(html).not.toContain('type="password"')
    const set = await viaAccess(`/api/password-links/${token}`, {
      method: 'POST',
      token: person,
      json: { password: 'een lang wachtwoord' },
    })
    expect(set.status).toBe(403)

    // Another Access identity cannot accept it; the identity it is for can, once.
    const other = await viaAccess(`/api/password-links/${token}/accept`, { method: 'POST', token: lead, json: {} })
    expect(other.status).toBe(403)
    expect(
      (await viaAccess(`/api/password-links/${token}/accept`, { method: 'POST', token: person, json: {} })).status,
    ).toBe(200)
    expect((await list()).sort()).toEqual([otherProgrammeId, programme.id].sort())
  })

  it('gives a new e-mail its access at once, as before: Access proves the address', async () => {
    const email = `nieuw-${crypto.randomUUID().slice(0, 8)}@access-mode.test`
    const res = await viaAccess(`/api/programmes/${programme.id}/people`, {
      method: 'POST',
      token: await sign(published),
      json: { email, role: 'viewer' },
    })
    expect(await res.json()).toMatchObject({ pending: false, invitation: null, acceptance: null })
    const list = await viaAccess('/api/programmes', { token: await sign(published, claims({ email })) })
    expect(((await list.json()) as { programmes: { id: string }[] }).programmes.map((p) => p.id)).toEqual([
      programme.id,
    ])
    // The setup page offers no password link to anyone behind Access, only acceptance links.
    const setup = await (
      await viaAccess(`/app/programmes/${programme.id}/setup?lang=en`, { token: await sign(published) })
    ).text()
    expect(setup).toContain(email)
    expect(setup).not.toContain('New invitation')
    expect(setup).not.toContain('Link for a new password')
  })
})
