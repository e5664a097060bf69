/**
 * Sign-in through Cloudflare Access: Access puts a signed JWT in `Cf-Access-Jwt-Assertion` on every
 * request it lets through, and this checks it ourselves, so a request that reaches the Worker some
 * other way (workers.dev, a misconfigured route) cannot claim an identity by setting a header.
 */
import { fromBase64Url } from './base64.ts'

export type AccessConfig = {
  /** `<team>.cloudflareaccess.com`, with or without `https://`. */
  teamDomain: string
  /** The application's Audience (AUD) tag from the Access dashboard. */
  aud: string
  /** Where the signing keys are; defaults to the team domain's `/cdn-cgi/access/certs`. */
  certsUrl?: string
}

type AccessErrorReason =
  | 'missing'
  | 'malformed'
  | 'alg'
  | 'kid'
  | 'keys'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'issuer'
  | 'email'

/** A token we refuse; `reason` is for logs and tests, the message never contains the token. */
export class AccessError extends Error {
  readonly reason: AccessErrorReason
  constructor(reason: AccessErrorReason, message: string) {
    super(message)
    this.name = 'AccessError'
    this.reason = reason
  }
}

/** Clocks at Cloudflare's edge and ours may disagree a little; a minute is what Access itself tolerates. */
const LEEWAY_S = 60
/** An unknown `kid` fetches the keys again at most this often, so forged kids cannot hammer the team domain. */
const REFETCH_COOLDOWN_MS = 30_000
/** Keys older than this are fetched again, so a key Cloudflare withdrew stops being trusted. */
const KEYS_MAX_AGE_MS = 10 * 60_000
/** A sign-in should fail rather than hang when the team domain does not answer. */
const FETCH_TIMEOUT_MS = 5_000

const ALGORITHM = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' } as const

type KeySet = { keys: Map<string, CryptoKey>; fetchedAt: number }

/**
 * Verified keys per certs URL, per isolate. Only settled results are kept, never a pending fetch:
 * in Workers a promise started by one request must not be awaited by another, which may outlive it.
 */
const keySets = new Map<string, KeySet>()

/** Forgets the cached signing keys; for tests. */
export function resetAccessKeyCache(): void {
  keySets.clear()
}

/**
 * Checks a Cloudflare Access JWT and returns who signed in. Accepts only RS256 signed by a key from
 * the team's key set, unexpired, for our audience and from our team; throws `AccessError` otherwise.
 * `now` also drives the key cache's clock, so tests can step past the refetch cool-down.
 */
export async function verifyAccessJwt(
  token: string,
  config: AccessConfig,
  now = new Date(),
): Promise<{ email: string }> {
  const { issuer, certsUrl } = resolve(config)
  if (typeof token !== 'string' || token.trim() === '') throw new AccessError('missing', 'No Access token.')

  const parts = token.trim().split('.')
  if (parts.length !== 3) throw new AccessError('malformed', 'The Access token is not a compact JWT.')
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string]
  const header = decodeJson(headerPart)
  const payload = decodeJson(payloadPart)
  const signature = decodeBase64Url(signaturePart)

  // Before anything else: `none` and HMAC must never get near a key, whatever the rest says.
  if (header.alg !== 'RS256') throw new AccessError('alg', 'The Access token is not signed with RS256.')
  // RFC 7515: extensions we do not understand must be refused, not ignored.
  if (header.crit !== undefined) throw new AccessError('malformed', 'The Access token has critical header extensions.')
  if (typeof header.kid !== 'string' || header.kid === '')
    throw new AccessError('kid', 'The Access token names no key.')

  const key = await findKey(certsUrl, header.kid, now.getTime())
  const signed = new TextEncoder().encode(`${headerPart}.${payloadPart}`)
  let valid = false
  try {
    valid = await crypto.subtle.verify(ALGORITHM, key, signature, signed)
  } catch {
    // A signature of the wrong length can throw rather than return false; both mean forged.
  }
  if (!valid) throw new AccessError('signature', 'The Access token signature does not verify.')

  checkClaims(payload, issuer, config.aud, now.getTime() / 1000)
  const email = typeof payload.email === 'string' ? payload.email.trim().toLowerCase() : ''
  // Service tokens carry no e-mail: they identify a machine, not a person who may sign in.
  if (email === '') throw new AccessError('email', 'The Access token carries no e-mail address.')
  return { email }
}

function resolve(config: AccessConfig): { issuer: string; certsUrl: string } {
  const host = config.teamDomain
    .trim()
    .replace(/^https:\/\//i, '')
    .replace(/\/+$/, '')
    .toLowerCase()
  // A misconfiguration, not a bad token: a plain Error, so it surfaces as a 500 and not as "signed out".
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(host))
    throw new Error('Access team domain must be a host name such as kr.cloudflareaccess.com')
  if (config.aud.trim() === '') throw new Error('Access audience (AUD tag) must not be empty')
  return { issuer: `https://${host}`, certsUrl: config.certsUrl ?? `https://${host}/cdn-cgi/access/certs` }
}

function checkClaims(payload: Record<string, unknown>, issuer: string, aud: string, nowS: number): void {
  const { exp, nbf, iat } = payload
  if (typeof exp !== 'number' || !Number.isFinite(exp))
    throw new AccessError('malformed', 'The Access token has no expiry.')
  if (nowS - LEEWAY_S >= exp) throw new AccessError('expired', 'The Access token has expired.')
  for (const [claim, value] of [
    ['nbf', nbf],
    ['iat', iat],
  ] as const) {
    if (value === undefined) continue
    if (typeof value !== 'number' || !Number.isFinite(value))
      throw new AccessError('malformed', `The Access token's ${claim} is not a time.`)
    if (value > nowS + LEEWAY_S) throw new AccessError('not-yet-valid', 'The Access token is not valid yet.')
  }
  const audiences = typeof payload.aud === 'string' ? [payload.aud] : Array.isArray(payload.aud) ? payload.aud : []
  if (!audiences.includes(aud)) throw new AccessError('audience', 'The Access token is for another application.')
  if (payload.iss !== issuer) throw new AccessError('issuer', 'The Access token comes from another team.')
}

/**
 * The key for `kid`: from the cache while it is fresh, else fetched. A kid we have not seen may be a
 * key Cloudflare just rotated in, so it triggers one refetch, unless the keys were fetched less than
 * the cool-down ago, in which case it is simply unknown.
 */
async function findKey(certsUrl: string, kid: string, nowMs: number): Promise<CryptoKey> {
  const cached = keySets.get(certsUrl)
  const age = cached ? nowMs - cached.fetchedAt : Infinity
  const known = cached?.keys.get(kid)
  if (known && age < KEYS_MAX_AGE_MS) return known
  if (age < REFETCH_COOLDOWN_MS) throw new AccessError('kid', 'The Access token is signed with an unknown key.')
  const fresh = await fetchKeys(certsUrl, nowMs)
  keySets.set(certsUrl, fresh)
  const key = fresh.keys.get(kid)
  if (!key) throw new AccessError('kid', 'The Access token is signed with an unknown key.')
  return key
}

async function fetchKeys(certsUrl: string, nowMs: number): Promise<KeySet> {
  let body: unknown
  try {
    const res = await fetch(certsUrl, {
      headers: { accept: 'application/json' },
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
    })
    if (!res.ok) throw new Error(`status ${res.status}`)
    body = await res.json()
  } catch (err) {
    // Not cached: the next sign-in tries again rather than being locked out by one blip.
    throw new AccessError(
      'keys',
      `Could not fetch the Access signing keys: ${err instanceof Error ? err.message : String(err)}`,
    )
  }
  const list = isObject(body) && Array.isArray(body.keys) ? body.keys : []
  const keys = new Map<string, CryptoKey>()
  for (const jwk of list) {
    if (
      !isObject(jwk) ||
      jwk.kty !== 'RSA' ||
      typeof jwk.kid !== 'string' ||
      typeof jwk.n !== 'string' ||
      typeof jwk.e !== 'string'
    )
      continue
    if (jwk.use !== undefined && jwk.use !== 'sig') continue
    if (jwk.alg !== undefined && jwk.alg !== 'RS256') continue
    try {
      // Only the public numbers: other members (key_ops, ext) could make an otherwise good key fail to import.
      keys.set(
        jwk.kid,
        await crypto.subtle.importKey('jwk', { kty: 'RSA', n: jwk.n, e: jwk.e }, ALGORITHM, false, ['verify']),
      )
    } catch {
      // One unusable key must not take the others down with it.
    }
  }
  return { keys, fetchedAt: nowMs }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function decodeBase64Url(text: string): Uint8Array<ArrayBuffer> {
  // A JWT's parts are unpadded base64url: anything else is not one.
  const bytes = fromBase64Url(text)
  if (!bytes) throw new AccessError('malformed', 'The Access token is not base64url.')
  return bytes
}

function decodeJson(part: string): Record<string, unknown> {
  let value: unknown
  try {
    // ignoreBOM: false is the default, spelled out because Cloudflare's runtime types require it.
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(decodeBase64Url(part)))
  } catch {
    throw new AccessError('malformed', 'The Access token is not JSON.')
  }
  if (!isObject(value)) throw new AccessError('malformed', 'The Access token is not a JSON object.')
  return value
}
