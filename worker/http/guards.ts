import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import type { Context } from 'hono'
import { AccessError, verifyAccessJwt } from '../auth/cloudflare-access.ts'
import { type Asker, readUserByEmail, type User } from '../db/users.ts'
import { sha256Hex } from '../db/ids.ts'
import type { Env } from '../env.ts'
import { isAppArea } from '../../schema/format.ts'
import { MAX_PASTE_BYTES } from '../../schema/api.ts'
import { MAX_PARTNER_LINES } from '../../schema/partner-names.ts'
import type { AppEnv, UserEnv } from './app-env.ts'
import { createMiddleware } from 'hono/factory'
import { Refusal, refuse } from '../services/refusal.ts'
import { sessionUser } from '../services/account-service.ts'

/** Answer sets are a few KB; anything near this is not a survey response. */
export const MAX_BODY_BYTES = 64 * 1024

export const SESSION_COOKIE = 'kr_session'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/** Whether `method` changes state, so that the API guard refuses a foreign origin and a body that is not JSON. */
export const changesState = (method: string): boolean => STATE_CHANGING.has(method.toUpperCase())

/**
 * What the API guard refuses, by status and refusal code: the statuses every state-changing
 * operation lists in /api/openapi.json (worker/openapi.ts), so the description says of each
 * operation what the one guard does to it.
 */
export const GUARD_REFUSALS = {
  403: 'cross-origin',
  413: 'request-too-large',
  415: 'unsupported-media-type',
} as const satisfies Record<number, string>

const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw refuse('request-too-large', { maxKb: MAX_BODY_BYTES / 1024 })
  },
})

/**
 * The partners' paste (worker/routes/partner-api.ts): a lead's whole sheet of 200 partners may be
 * larger than 64 KB, and its refusal was the generic 413 where the count of lines says what to do
 * (a lead's walk-through). Its own limit (`MAX_PASTE_BYTES`, schema/api.ts, where its size is
 * reckoned) lets every paste of 200 lines or a few more through to that count; a larger one is
 * refused with the limit of lines as well as of bytes. A path of the router, matched here since the
 * limit applies before any route runs.
 */
const PASTE_PATH = /^\/api\/programmes\/[^/]+\/partners\/import$/
const limitPaste: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_PASTE_BYTES,
  onError: () => {
    throw refuse('partner-paste-too-large', { maxKb: MAX_PASTE_BYTES / 1024, maxLines: MAX_PARTNER_LINES })
  },
})

/**
 * The one guard of the JSON API, before any route: a state-changing request must, when the
 * browser says where it comes from, come from us (403), and carry JSON (415: a plain HTML form
 * cannot, so this is the cross-site request forgery guard for JSON, which Hono's `csrf()`, looking
 * only at form posts, is not); and no body may be larger than MAX_BODY_BYTES (413; the partners'
 * paste MAX_PASTE_BYTES). Who sent it is
 * asked first, so a foreign page learns nothing from the size of what it sent.
 */
export const apiGuard: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (changesState(c.req.method)) {
    const origin = c.req.header('origin')
    if (origin && origin !== new URL(c.req.url).origin) {
      throw refuse('cross-origin', { expected: new URL(c.req.url).origin, origin: origin.slice(0, 100) })
    }
    const hasBody =
      c.req.header('content-length') !== '0' &&
      (c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined)
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
    if ((hasBody || c.req.method !== 'DELETE') && type !== 'application/json') {
      throw refuse('unsupported-media-type', { mediaType: type.slice(0, 60) })
    }
  }
  return (isPaste(c.req.method, c.req.path) ? limitPaste : limitBody)(c, next)
}

// A path as the router reads it, or as /api/openapi.json writes it ('{pid}'): either matches.
const isPaste = (method: string, path: string) => method.toUpperCase() === 'POST' && PASTE_PATH.test(path)

/**
 * What the API guard refuses on one operation (`GUARD_REFUSALS`), with the paste's own 413
 * (`limitPaste`), so /api/openapi.json names the refusal that operation really gives.
 */
export const guardRefusalsFor = (method: string, path: string): Record<number, string> =>
  isPaste(method, path) ? { ...GUARD_REFUSALS, 413: 'partner-paste-too-large' } : GUARD_REFUSALS

/** Production behind Cloudflare Access: both variables set. */
export const accessMode = (env: Env) => Boolean(env.ACCESS_TEAM_DOMAIN && env.ACCESS_AUD)

/**
 * In Access mode every staff route (pages under /app and the API, except what respondents and
 * monitors use) needs a valid `Cf-Access-Jwt-Assertion`; the e-mail in it names the person.
 * Without Access the session cookie does.
 */
export const accessGate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!accessMode(c.env)) return next()
  const path = new URL(c.req.url).pathname
  if (!(isAppArea(path) || path.startsWith('/api/')) || /^\/api\/(s\/|instruments\/|health$|openapi\.json$)/.test(path))
    return next()
  try {
    const { email } = await verifyAccessJwt(c.req.header('cf-access-jwt-assertion') ?? '', {
      teamDomain: c.env.ACCESS_TEAM_DOMAIN!,
      aud: c.env.ACCESS_AUD!,
    })
    c.set('accessEmail', email)
  } catch (error) {
    if (!(error instanceof AccessError)) throw error
    const reason = error.reason
    console.warn('access refused', { reason })
    throw refuse('access-required')
  }
  return next()
}

/** The signed-in person: from the Access identity in Access mode, else from the session cookie. */
export async function currentUser<E extends AppEnv>(c: Context<E>): Promise<User | null> {
  const known = c.get('user')
  if (known) return known
  const email = c.get('accessEmail')
  if (accessMode(c.env)) return email ? await readUserByEmail(c.env.DB, email) : null
  const token = getCookie(c, SESSION_COOKIE)
  return token ? await sessionUser(c.env.DB, token) : null
}

/** The refusal of a request that names nobody signed in, as the API's guards give it. */
function nobody<E extends AppEnv>(c: Context<E>): Refusal {
  if (accessMode(c.env)) {
    console.warn('access refused', { reason: 'no person' })
    return refuse('no-account')
  }
  return refuse('not-signed-in')
}

/** Requires a valid session; sets `user`. */
export const requireUser = createMiddleware<UserEnv>(async (c, next) => {
  // Two sub-apps share /api/programmes; the session is read once per request.
  if (c.get('user')) return next()
  const user = await currentUser(c)
  if (!user) throw nobody(c)
  c.set('user', user)
  return next()
})

/**
 * Who the request names, before anything is read from D1: the Access identity's address in
 * Access mode, else the session cookie's token and its hash; null when it names nobody.
 */
export async function askerOf<E extends AppEnv>(c: Context<E>): Promise<Asker | null> {
  if (accessMode(c.env)) {
    const email = c.get('accessEmail')
    return email ? { email } : null
  }
  const token = getCookie(c, SESSION_COOKIE)
  return token ? { token, tokenHash: await sha256Hex(token) } : null
}

/** The refusals that say a request names nobody signed in: `readAsAsker`'s and `nobody`'s. */
const NOBODY = new Set(['not-signed-in', 'no-account'])

/**
 * For the API's reads that look up the session in their own D1 batch (worker/routes/results-api.ts,
 * worker/services/programme-access.ts `readAsAsker`), in the place of `requireUser`: refuses a
 * request that names nobody at once (no D1), and sets `asker` for the route. A refusal the route
 * gives before its batch has told who asks (a malformed path or query: 404, 400) is given only to
 * a signed-in reader, as behind `requireUser`: the session is then read on its own, on that
 * refusal's path alone, and the request refused as signed out when it names nobody.
 */
export const askFirst = createMiddleware<AppEnv>(async (c, next) => {
  const asker = await askerOf(c)
  if (!asker) throw nobody(c)
  c.set('asker', asker)
  await next()
  const error = c.error
  if (error instanceof Refusal && !NOBODY.has(error.code) && !c.get('user') && !(await currentUser(c))) throw nobody(c)
})

/**
 * Security headers on every response (README.md, "Security and privacy"), stricter than Hono's
 * secureHeaders() defaults: no referrer, since survey tokens are in URLs, and no framing or inline script.
 */
export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next()
  const h = c.res.headers
  h.set(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'",
  )
  h.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains')
  h.set('Referrer-Policy', 'no-referrer')
  h.set('X-Content-Type-Options', 'nosniff')
  h.set('X-Frame-Options', 'DENY')
  h.set('Cross-Origin-Opener-Policy', 'same-origin')
  h.set('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()')
  const path = new URL(c.req.url).pathname
  // Nothing personal is kept by a browser or proxy; a route whose answer is public and versioned says so itself.
  // `isAppArea` (schema/format.ts) is /app and below, not /apple.
  if ((path.startsWith('/api/') || isAppArea(path) || path.startsWith('/s/')) && !h.has('Cache-Control'))
    h.set('Cache-Control', 'no-store')
}
