import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { getCookie } from 'hono/cookie'
import { readSession } from '../db/users.ts'
import type { AppEnv } from './app.ts'
import { problem } from './problem.ts'

/** Answer sets are a few KB; anything near this is not a survey response. */
export const MAX_BODY_BYTES = 64 * 1024

export const SESSION_COOKIE = 'kr_session'

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Cross-site request forgery guard for the JSON API: a state-changing request must carry JSON
 * (a plain HTML form cannot) and, when the browser says where it comes from, come from us.
 * Hono's `csrf()` only looks at form posts, so this covers the JSON routes.
 */
export const jsonOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!STATE_CHANGING.has(c.req.method)) return next()
  const origin = c.req.header('origin')
  if (origin && origin !== new URL(c.req.url).origin) {
    return problem(403, 'Cross-origin request refused', `Requests to this API must come from ${new URL(c.req.url).origin}, not ${origin.slice(0, 100)}.`)
  }
  const hasBody = c.req.header('content-length') !== '0' && (c.req.header('content-length') !== undefined || c.req.header('transfer-encoding') !== undefined)
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if ((hasBody || c.req.method !== 'DELETE') && type !== 'application/json') {
    return problem(415, 'Unsupported media type', `Send the body as JSON with the header "Content-Type: application/json"${type ? `, not "${type.slice(0, 60)}"` : ''}.`)
  }
  return next()
}

export const limitBody: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => problem(413, 'Request too large', `The body is larger than ${MAX_BODY_BYTES / 1024} KB; a survey response or admin request is far smaller.`),
})

/** Requires a valid session; sets `user`. */
export const requireUser: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Two sub-apps share /api/programmes; the session is read once per request.
  if (c.get('user')) return next()
  const token = getCookie(c, SESSION_COOKIE)
  const user = token ? await readSession(c.env.DB, token) : null
  if (!user) return problem(401, 'Not signed in', 'Sign in first (POST /api/session with your e-mail and password).')
  c.set('user', user)
  return next()
}

export const requireAdmin: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user').role !== 'admin') return problem(403, 'Not allowed', 'Only an administrator may do this.')
  return next()
}

/** Security headers on every response; see STYLE.md for why each is stricter than the defaults. */
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
  if (path.startsWith('/api/') || path.startsWith('/app') || path.startsWith('/s/')) h.set('Cache-Control', 'no-store')
}
