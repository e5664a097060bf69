import { zValidator } from '@hono/zod-validator'
import type { MiddlewareHandler } from 'hono'
import type { z } from 'zod'
import { describeZodError, type IssueList } from './problem.ts'
import { refuse, type Refusal } from '../services/refusal.ts'

/**
 * The one way a request is validated: `valid('json', Schema)`, `valid('query', Schema)` or
 * `valid('param', Schema)` on a route, with every schema in schema/. A failure is thrown from
 * here, so every refusal of bad input has the same problem+json shape; the schema rides on the
 * middleware so that worker/openapi.ts can describe the route from what is enforced.
 */
export type Target = 'json' | 'query' | 'param'

/** Where the schema of a `valid` middleware and the summary of a `doc` middleware are kept. */
export const REQUEST_SCHEMA = Symbol('request schema')
export const ROUTE_DOC = Symbol('route doc')

export type RequestSchema = { target: Target; schema: z.ZodType }

/** What the API description says of a route, written next to the route. */
export type RouteDoc = { summary: string; who: string; ok: string; errors: number[] }

/** The refusal of input that does not fit its schema: 400, naming each failing field. */
export function invalidRequest(error: IssueList): Refusal {
  return refuse('invalid-request', {
    fields: describeZodError(error),
    errors: error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
  })
}

/**
 * Validates one part of the request. A path parameter that does not fit names nothing that
 * exists, so a route passes `refusal` (its own 404) for it rather than the 400.
 */
export function valid<T extends Target, S extends z.ZodType>(target: T, schema: S, refusal?: () => Refusal) {
  const middleware = zValidator(target, schema, (result) => {
    if (!result.success) throw refusal ? refusal() : invalidRequest(result.error)
  })
  return Object.assign(middleware, { [REQUEST_SCHEMA]: { target, schema } satisfies RequestSchema })
}

/** The summary of a route for /api/openapi.json; it does nothing to the request. */
export function doc(route: RouteDoc): MiddlewareHandler {
  const middleware: MiddlewareHandler = (_c, next) => next()
  return Object.assign(middleware, { [ROUTE_DOC]: route })
}
