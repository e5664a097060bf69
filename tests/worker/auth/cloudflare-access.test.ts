import { afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import {
  AccessError,
  resetAccessKeyCache,
  verifyAccessJwt,
  type AccessConfig,
} from '../../../worker/auth/cloudflare-access.ts'
import { b64json, b64url, makeKey, serveJwks, signJwt, type SigningKey } from '../jwt.ts'

const TEAM = 'kr.cloudflareaccess.com'
const CERTS_URL = `https://${TEAM}/cdn-cgi/access/certs`
const AUD = 'aud-tag-of-the-ketenradar-application'
const config: AccessConfig = { teamDomain: TEAM, aud: AUD }
const T0 = new Date('2026-03-02T09:00:00Z')
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000)
const epoch = (date: Date) => Math.floor(date.getTime() / 1000)

function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    aud: [AUD],
    email: 'Ana.Jansen@Example.NL ',
    exp: epoch(T0) + 3600,
    iat: epoch(T0),
    nbf: epoch(T0),
    iss: `https://${TEAM}`,
    type: 'app',
    sub: '7335d417-61da-459d-899c-0a01c76a2f94',
    ...overrides,
  }
}

const sign = (key: SigningKey, payload: Record<string, unknown> = claims(), header: Record<string, unknown> = {}) =>
  signJwt(key, payload, header)

/** The refusal's reason, so each case fails if the token is refused for some other cause. */
async function refusal(promise: Promise<unknown>): Promise<string> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(err).toBeInstanceOf(AccessError)
  return (err as AccessError).reason
}

let current: SigningKey
let other: SigningKey
let served: SigningKey[]
let unexpected: string[]
let certsDown = false
let fetchSpy: MockInstance<typeof fetch>

beforeAll(async () => {
  current = await makeKey('key-2026-03')
  other = await makeKey('key-not-published')
})

beforeEach(() => {
  resetAccessKeyCache()
  served = [current]
  certsDown = false
  unexpected = []
  fetchSpy = serveJwks(
    CERTS_URL,
    () =>
      certsDown
        ? new Response('upstream unavailable', { status: 503 })
        : Response.json({ keys: served.map((k) => k.jwk), public_cert: { kid: 'irrelevant', cert: '' } }),
    unexpected,
  )
})

afterEach(() => {
  vi.restoreAllMocks()
  expect(unexpected).toEqual([])
})

describe('verifyAccessJwt', () => {
  it('accepts a valid token and returns the e-mail trimmed and lower-cased', async () => {
    expect(await verifyAccessJwt(await sign(current), config, T0)).toEqual({ email: 'ana.jansen@example.nl' })
    // A plain string audience is as good as a list, and the keys come from the cache.
    expect(await verifyAccessJwt(await sign(current, claims({ aud: AUD })), config, at(5))).toEqual({
      email: 'ana.jansen@example.nl',
    })
    expect(fetchSpy).toHaveBeenCalledTimes(1)
  })

  it('accepts the team domain written as a URL', async () => {
    const withScheme = { teamDomain: `https://${TEAM}/`, aud: AUD }
    expect(await verifyAccessJwt(await sign(current), withScheme, T0)).toEqual({ email: 'ana.jansen@example.nl' })
  })

  it('refuses an expired token, allowing a minute of clock skew', async () => {
    const token = await sign(current, claims({ exp: epoch(T0) - 30 }))
    expect(await verifyAccessJwt(token, config, T0)).toEqual({ email: 'ana.jansen@example.nl' })
    expect(await refusal(verifyAccessJwt(token, config, at(31)))).toBe('expired')
  })

  it('refuses a token without an expiry', async () => {
    const { exp: _, ...noExp } = claims()
    expect(await refusal(verifyAccessJwt(await sign(current, noExp), config, T0))).toBe('malformed')
  })

  it('refuses a token that is not valid yet', async () => {
    expect(await refusal(verifyAccessJwt(await sign(current, claims({ nbf: epoch(T0) + 120 })), config, T0))).toBe(
      'not-yet-valid',
    )
    expect(await refusal(verifyAccessJwt(await sign(current, claims({ iat: epoch(T0) + 120 })), config, T0))).toBe(
      'not-yet-valid',
    )
  })

  it('refuses a token for another application', async () => {
    expect(
      await refusal(verifyAccessJwt(await sign(current, claims({ aud: ['someone-elses-app'] })), config, T0)),
    ).toBe('audience')
    expect(await refusal(verifyAccessJwt(await sign(current, claims({ aud: undefined })), config, T0))).toBe('audience')
  })

  it('refuses a token from another team', async () => {
    const token = await sign(current, claims({ iss: 'https://evil.cloudflareaccess.com' }))
    expect(await refusal(verifyAccessJwt(token, config, T0))).toBe('issuer')
  })

  it('refuses an unknown key id after one refetch, and does not refetch again within 30 s', async () => {
    await verifyAccessJwt(await sign(current), config, T0)
    expect(fetchSpy).toHaveBeenCalledTimes(1)

    const forged = await sign(other)
    expect(await refusal(verifyAccessJwt(forged, config, at(60)))).toBe('kid')
    expect(fetchSpy).toHaveBeenCalledTimes(2)

    // A flood of unknown kids right after that refetch is answered from the cache.
    for (let s = 61; s < 90; s++) expect(await refusal(verifyAccessJwt(forged, config, at(s)))).toBe('kid')
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })

  it('picks up a rotated key once the cool-down has passed', async () => {
    await verifyAccessJwt(await sign(current), config, T0)
    const next = await makeKey('key-2026-04')
    served = [current, next]
    const token = await sign(next)

    expect(await refusal(verifyAccessJwt(token, config, at(10)))).toBe('kid')
    expect(fetchSpy).toHaveBeenCalledTimes(1)

    expect(await verifyAccessJwt(token, config, at(40))).toEqual({ email: 'ana.jansen@example.nl' })
    expect(fetchSpy).toHaveBeenCalledTimes(2)
    // The old key is still published and still works, from the cache.
    expect(await verifyAccessJwt(await sign(current), config, at(41))).toEqual({ email: 'ana.jansen@example.nl' })
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })

  it('fetches the keys again once they are ten minutes old, so a withdrawn key stops working', async () => {
    await verifyAccessJwt(await sign(current), config, T0)
    await verifyAccessJwt(await sign(current), config, at(599))
    expect(fetchSpy).toHaveBeenCalledTimes(1)
    served = []
    expect(await refusal(verifyAccessJwt(await sign(current), config, at(600)))).toBe('kid')
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })

  it('refuses every token while the keys cannot be fetched, and tries again on the next one', async () => {
    certsDown = true
    expect(await refusal(verifyAccessJwt(await sign(current), config, T0))).toBe('keys')
    certsDown = false
    expect(await verifyAccessJwt(await sign(current), config, at(1))).toEqual({ email: 'ana.jansen@example.nl' })
    expect(fetchSpy).toHaveBeenCalledTimes(2)
  })

  it('refuses alg none with an empty signature, without fetching keys', async () => {
    const token = `${b64json({ alg: 'none', kid: current.kid, typ: 'JWT' })}.${b64json(claims())}.`
    expect(await refusal(verifyAccessJwt(token, config, T0))).toBe('alg')
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('refuses HS256, even keyed with the published public key', async () => {
    // The classic confusion attack: HMAC with the RSA public key's bytes as the secret.
    const secret = new TextEncoder().encode(JSON.stringify(current.jwk))
    const hmac = await crypto.subtle.importKey('raw', secret, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    const signingInput = `${b64json({ alg: 'HS256', kid: current.kid, typ: 'JWT' })}.${b64json(claims())}`
    const mac = await crypto.subtle.sign('HMAC', hmac, new TextEncoder().encode(signingInput))
    expect(await refusal(verifyAccessJwt(`${signingInput}.${b64url(new Uint8Array(mac))}`, config, T0))).toBe('alg')
    expect(fetchSpy).not.toHaveBeenCalled()
  })

  it('refuses a token whose payload was changed after signing', async () => {
    const [header, , signature] = (await sign(current)).split('.')
    const tampered = `${header}.${b64json(claims({ email: 'admin@ketenradar.nl' }))}.${signature}`
    expect(await refusal(verifyAccessJwt(tampered, config, T0))).toBe('signature')
    // A signature of the wrong length is refused the same way.
    expect(
      await refusal(verifyAccessJwt(`${header}.${b64json(claims())}.${signature!.slice(0, 40)}`, config, T0)),
    ).toBe('signature')
  })

  it('refuses a token without an e-mail address', async () => {
    expect(await refusal(verifyAccessJwt(await sign(current, claims({ email: undefined })), config, T0))).toBe('email')
    expect(await refusal(verifyAccessJwt(await sign(current, claims({ email: '   ' })), config, T0))).toBe('email')
  })

  it('refuses an absent or garbled token', async () => {
    expect(await refusal(verifyAccessJwt('', config, T0))).toBe('missing')
    expect(await refusal(verifyAccessJwt('not-a-jwt', config, T0))).toBe('malformed')
    expect(await refusal(verifyAccessJwt('a.b.c.d', config, T0))).toBe('malformed')
    expect(await refusal(verifyAccessJwt(`${b64json([1, 2])}.${b64json(claims())}.`, config, T0))).toBe('malformed')
    expect(await refusal(verifyAccessJwt(`${b64json({ alg: 'RS256', kid: 'k' })}.eyJ+.`, config, T0))).toBe('malformed')
  })
})
