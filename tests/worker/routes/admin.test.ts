import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { listInstruments } from '../../../worker/services/instrument-catalogue.ts'
import { call, postJson, signInAdmin } from '../helpers.ts'

let cookie: string
let programmeId: string
let partnerId: string
let waveId: string

const day = 24 * 60 * 60 * 1000
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString()

beforeAll(async () => {
  cookie = await signInAdmin()
  programmeId = (await postJson('/api/programmes', { name: 'Admin test' }, cookie)).id
  partnerId = (
    await postJson(
      `/api/programmes/${programmeId}/partners`,
      { name: 'SVB', headcount: 30, headcounts: { teammanager: 4, tactisch: 2 } },
      cookie,
    )
  ).id
  waveId = (
    await postJson(
      `/api/programmes/${programmeId}/waves`,
      { label: 'W1', instrument: 'coachende-manager', opensAt: iso(-1), closesAt: iso(10) },
      cookie,
    )
  ).id
})

describe('POST /api/session', () => {
  it('signs in with an HttpOnly SameSite=Strict cookie', async () => {
    const res = await call('/api/session', {
      method: 'POST',
      json: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
    })
    expect(res.status).toBe(204)
    const cookieHeader = res.headers.get('set-cookie')!
    expect(cookieHeader).toMatch(/HttpOnly/)
    expect(cookieHeader).toMatch(/SameSite=Strict/)
  })

  it('refuses a wrong password with 401 and no cookie', async () => {
    const res = await call('/api/session', { method: 'POST', json: { email: env.ADMIN_EMAIL, password: 'wrong' } })
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toBeNull()
    expect(((await res.json()) as { detail: string }).detail).toMatch(/e-mail address or password/)
  })

  it('stores only a hash of the session token', async () => {
    const token = decodeURIComponent(cookie.split('=')[1]!)
    const { n } = (await env.DB.prepare('SELECT count(*) AS n FROM sessions WHERE token_hash = ?1')
      .bind(token)
      .first<{ n: number }>())!
    expect(n).toBe(0)
  })

  it('signs out with DELETE, after which the cookie no longer works', async () => {
    const own = await signInAdmin(true)
    expect((await call('/api/session', { method: 'DELETE', cookie: own })).status).toBe(204)
    expect((await call('/api/programmes', { cookie: own })).status).toBe(401)
  })
})

describe('POST /api/programmes', () => {
  it('creates a programme for an admin', async () => {
    const res = await call('/api/programmes', { method: 'POST', json: { name: 'Zorg en Veiligheid' }, cookie })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { id: string }).id).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('refuses anyone not signed in (401), an empty name (400), and a form post (415)', async () => {
    expect((await call('/api/programmes', { method: 'POST', json: { name: 'x' } })).status).toBe(401)
    const empty = await call('/api/programmes', { method: 'POST', json: { name: '' }, cookie })
    expect(empty.status).toBe(400)
    expect(((await empty.json()) as { detail: string }).detail).toMatch(/name: must not be empty/)
    const form = await call('/api/programmes', {
      method: 'POST',
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      cookie,
    })
    expect(form.status).toBe(415)
  })

  it('refuses a cross-origin request (403)', async () => {
    const res = await call('/api/programmes', {
      method: 'POST',
      json: { name: 'x' },
      cookie,
      headers: { origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
  })
})

describe('POST /api/programmes/:pid/partners', () => {
  it('refuses a duplicate name (409), a negative headcount (400) and an unknown programme (404)', async () => {
    expect(
      (await call(`/api/programmes/${programmeId}/partners`, { method: 'POST', json: { name: 'SVB' }, cookie })).status,
    ).toBe(409)
    expect(
      (
        await call(`/api/programmes/${programmeId}/partners`, {
          method: 'POST',
          json: { name: 'X', headcount: -1 },
          cookie,
        })
      ).status,
    ).toBe(400)
    expect((await call('/api/programmes/nope/partners', { method: 'POST', json: { name: 'X' }, cookie })).status).toBe(
      404,
    )
  })
})

describe('POST /api/programmes/:pid/waves', () => {
  it('uses the latest instrument version unless told otherwise', async () => {
    const { id } = await postJson(
      `/api/programmes/${programmeId}/waves`,
      { label: 'W2', instrument: 'coachende-manager', opensAt: iso(20), closesAt: iso(40) },
      cookie,
    )
    const row = await env.DB.prepare('SELECT instrument_version FROM waves WHERE id = ?1')
      .bind(id)
      .first<{ instrument_version: number }>()
    const versions = listInstruments().find((i) => i.id === 'coachende-manager')!.versions
    expect(row!.instrument_version).toBe(Math.max(...versions))
    expect(row!.instrument_version).toBeGreaterThan(1)
  })

  it('refuses a second wave with the same label (409)', async () => {
    const res = await call(`/api/programmes/${programmeId}/waves`, {
      method: 'POST',
      json: { label: 'W1', instrument: 'coachende-manager', opensAt: iso(50), closesAt: iso(60) },
      cookie,
    })
    expect(res.status).toBe(409)
    expect(((await res.json()) as { detail: string }).detail).toMatch(/already has a wave labelled "W1"/)
  })

  it('refuses an unknown instrument, a bad date and a wave that closes before it opens', async () => {
    const base = { label: 'W', instrument: 'coachende-manager', opensAt: iso(1), closesAt: iso(2) }
    const unknown = await call(`/api/programmes/${programmeId}/waves`, {
      method: 'POST',
      json: { ...base, instrument: 'nope' },
      cookie,
    })
    expect(unknown.status).toBe(400)
    expect(((await unknown.json()) as { detail: string }).detail).toMatch(
      /Available: coachende-manager \(versions 1, 2, 3, 4, 5(, \d+)*\)\./,
    )
    // In Dutch all of it: the list once said "(versions 1, 2, …)" inside a Dutch sentence.
    const dutch = await call(`/api/programmes/${programmeId}/waves?lang=nl`, {
      method: 'POST',
      json: { ...base, instrument: 'nope' },
      cookie,
    })
    expect(((await dutch.json()) as { detail: string }).detail).toMatch(
      /^Er is geen vragenlijst "nope"\. Beschikbaar: coachende-manager \(versies 1, 2, 3, 4, 5(, \d+)*\)\.$/,
    )
    expect(
      (
        await call(`/api/programmes/${programmeId}/waves`, {
          method: 'POST',
          json: { ...base, opensAt: 'tomorrow' },
          cookie,
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await call(`/api/programmes/${programmeId}/waves`, {
          method: 'POST',
          json: { ...base, opensAt: iso(3) },
          cookie,
        })
      ).status,
    ).toBe(400)
  })
})

describe('PATCH /api/waves/:wid', () => {
  it('closes a wave at once when closesAt moves to the past', async () => {
    const { token } = await postJson<{ token: string }>(
      `/api/waves/${waveId}/links`,
      { partnerId, role: 'medewerker' },
      cookie,
    )
    expect((await call(`/api/s/${token}`)).status).toBe(200)
    const res = await call(`/api/waves/${waveId}`, { method: 'PATCH', json: { closesAt: iso(-0.001) }, cookie })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { state: string }).state).toBe('closed')
    expect((await call(`/api/s/${token}`)).status).toBe(410)
  })

  it('refuses an unknown wave (404), dates in the wrong order (400) and new dates for a closed wave (409)', async () => {
    expect((await call('/api/waves/nope', { method: 'PATCH', json: { label: 'x' }, cookie })).status).toBe(404)
    const planned = (
      await postJson(
        `/api/programmes/${programmeId}/waves`,
        { label: 'W-planned', instrument: 'coachende-manager', opensAt: iso(300), closesAt: iso(310) },
        cookie,
      )
    ).id
    expect((await call(`/api/waves/${planned}`, { method: 'PATCH', json: { opensAt: iso(320) }, cookie })).status).toBe(
      400,
    )
    // The wave closed in the test above: closed is final.
    expect((await call(`/api/waves/${waveId}`, { method: 'PATCH', json: { closesAt: iso(5) }, cookie })).status).toBe(
      409,
    )
  })
})

describe('POST /api/waves/:wid/links', () => {
  it('returns a 128-bit token and its URL, and stores only the hash', async () => {
    // A planned wave: the first one has closed, and a closed wave gets no new links.
    const planned = (
      await postJson(
        `/api/programmes/${programmeId}/waves`,
        { label: 'W3', instrument: 'coachende-manager', opensAt: iso(400), closesAt: iso(410) },
        cookie,
      )
    ).id
    expect(
      (await call(`/api/waves/${waveId}/links`, { method: 'POST', json: { partnerId, role: 'tactisch' }, cookie }))
        .status,
    ).toBe(409)
    const { token, url } = await postJson<{ token: string; url: string }>(
      `/api/waves/${planned}/links`,
      { partnerId, role: 'tactisch' },
      cookie,
    )
    expect(token).toMatch(/^[A-Za-z0-9_-]{22}$/)
    expect(url).toBe(`http://127.0.0.1:8787/s/${token}`)
    const { n } = (await env.DB.prepare('SELECT count(*) AS n FROM links WHERE token_hash = ?1')
      .bind(token)
      .first<{ n: number }>())!
    expect(n).toBe(0)
  })

  it('refuses an unknown role and a partner of another programme', async () => {
    expect(
      (await call(`/api/waves/${waveId}/links`, { method: 'POST', json: { partnerId, role: 'ceo' }, cookie })).status,
    ).toBe(400)
    const other = (await postJson('/api/programmes', { name: 'Other' }, cookie)).id
    const stranger = (await postJson(`/api/programmes/${other}/partners`, { name: 'Stranger' }, cookie)).id
    expect(
      (
        await call(`/api/waves/${waveId}/links`, {
          method: 'POST',
          json: { partnerId: stranger, role: 'medewerker' },
          cookie,
        })
      ).status,
    ).toBe(400)
  })
})

describe('GET /api/health', () => {
  it('answers ok once D1 answers, with security headers', async () => {
    const res = await call('/api/health')
    expect(await res.json()).toEqual({ ok: true })
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'")
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=31536000/)
  })
})
