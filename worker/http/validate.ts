import { zValidator } from '@hono/zod-validator'
import type { MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import type { FieldIssue } from '../i18n/field-messages.ts'
import { type Refusal, refuse } from '../services/refusal.ts'

/**
 * The one way a request is validated: `valid('json', Schema)`, `valid('query', Schema)` or
 * `valid('param', Schema)` on a route, with every schema in schema/. A failure is thrown from
 * here, so every refusal of bad input has the same problem+json shape; the schema rides on the
 * middleware so that worker/openapi.ts can describe the route from what is enforced.
 */
type Target = 'json' | 'query' | 'param'

/** Where the schema of a `valid` middleware and the summary of a `doc` middleware are kept. */
export const REQUEST_SCHEMA = Symbol('request schema')
export const ROUTE_DOC = Symbol('route doc')

export type RequestSchema = { target: Target; schema: z.ZodType }

/**
 * What the API description says of a route, written next to the route; `answer` names the schema
 * of its successful JSON answer (schema/api-answers.ts), described under its name.
 */
export type RouteDoc = {
  summary: string
  who: string
  ok: string
  errors: number[]
  answer?: { name: string; schema: z.ZodType }
}

/** The part of a zod error we report; zod's classic and core errors both have it. */
type IssueList = { issues: readonly FieldIssue[] }

/**
 * The refusal of input that does not fit its schema: 400, naming each failing field. It keeps
 * zod's issues (our messages are codes, schema/field-codes.ts); worker/http/problem.ts words
 * them in the request's language when it renders the refusal.
 */
const invalidRequest = (error: IssueList): Refusal => refuse('invalid-request', { issues: error.issues.slice(0, 50) })

/** The "not there" of the thing a malformed path parameter would have named, by the parameter's name. */
function notFoundParam(error: IssueList, path: string): Refusal {
  const name = String(error.issues[0]?.path[0] ?? '')
  const shown = (path.split('/').find((part) => part.length > 100 || part === '') ?? '').slice(0, 60)
  switch (name) {
    case 'pid':
      return refuse('programme-not-found', { programmeId: shown })
    case 'wid':
      return refuse('wave-not-found', { waveId: shown })
    case 'partnerId':
      return refuse('partner-not-found')
    case 'uid':
      return refuse('person-not-found')
    case 'aid':
      return refuse('action-not-found', { action: shown })
    case 'lid':
      return refuse('wave-link-not-found')
    default:
      return refuse('not-found', { path: path.slice(0, 100) })
  }
}

/**
 * Validates one part of the request. A path parameter that does not fit names nothing that
 * exists, so it is refused as not found (404), or with `refusal` (a route's own 404), not 400.
 */
export function valid<T extends Target, S extends z.ZodType>(target: T, schema: S, refusal?: () => Refusal) {
  const middleware = zValidator(target, schema, (result, c) => {
    if (result.success) return
    if (refusal) throw refusal()
    if (target === 'param') throw notFoundParam(result.error, new URL(c.req.url).pathname)
    throw invalidRequest(result.error)
  })
  return Object.assign(middleware, { [REQUEST_SCHEMA]: { target, schema } satisfies RequestSchema })
}

/** The summary of a route for /api/openapi.json; it does nothing to the request. */
export function doc(route: RouteDoc): MiddlewareHandler {
  const middleware: MiddlewareHandler = (_c, next) => next()
  return Object.assign(middleware, { [ROUTE_DOC]: route })
}
