import type { RouterRoute } from 'hono/types'
import { findTargetHandler } from 'hono/utils/handler'
import { z } from 'zod'
import { REQUEST_SCHEMA, ROUTE_DOC, type RequestSchema, type RouteDoc } from './http/validate.ts'
import { REFUSALS } from './http/problem.ts'
import { Problem as ProblemAnswer } from '../schema/api-answers.ts'
import { changesState, guardRefusalsFor, MAX_BODY_BYTES } from './http/guards.ts'
import { MAX_PASTE_BYTES } from '../schema/api.ts'
import { LANG_QUERY } from './http/lang.ts'

/**
 * The OpenAPI description of the JSON API, generated from the routes the router has: each route
 * says what it does with `doc(...)` beside it, and its bodies, query strings and path parameters
 * come from the zod schemas its `valid(...)` middleware enforces (worker/http/validate.ts). A
 * route added without a `doc` is left out, which tests/worker/routes/openapi.test.ts catches.
 */

/** The problem document of schema/api-answers.ts, with the refusal codes there are (worker/http/problem.ts). */
const problemSchema = () => {
  const json = z.toJSONSchema(ProblemAnswer, { io: 'output', unrepresentable: 'any' }) as {
    properties: Record<string, Record<string, unknown>>
  }
  json.properties.code = { ...json.properties.code, enum: Object.keys(REFUSALS) }
  return json
}

type Tagged = { [ROUTE_DOC]?: RouteDoc; [REQUEST_SCHEMA]?: RequestSchema }

/** The properties of an object schema as the client sends them, with which are required. */
function shapeOf(schema: z.ZodType): { properties: Record<string, unknown>; required: string[] } {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as {
    properties?: Record<string, unknown>
    required?: string[]
  }
  return { properties: json.properties ?? {}, required: json.required ?? [] }
}

const problemResponse = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
})

/** What the one API guard (worker/http/guards.ts `apiGuard`) answers a state-changing request it refuses, by status. */
const guardResponses = (method: string, path: string) =>
  Object.fromEntries(
    Object.entries(guardRefusalsFor(method, path)).map(([status, code]) => [
      status,
      problemResponse(`problem: ${code}`),
    ]),
  )

/**
 * `?lang`, described once (`components.parameters.Lang`) and named by every operation: each one
 * words its problem documents, and the CSV export its header, in the language it picks.
 */
const Lang = {
  name: 'lang',
  in: 'query',
  required: false,
  description: LANG_QUERY.description,
  schema: z.toJSONSchema(LANG_QUERY.schema, { io: 'input', unrepresentable: 'any' }),
}

/** One operation from the middleware of one method and path. */
function operation(method: string, path: string, doc: RouteDoc, schemas: RequestSchema[]) {
  const typed = (target: RequestSchema['target']) => schemas.find((s) => s.target === target)?.schema
  const paramSchema = typed('param')
  const params = paramSchema ? shapeOf(paramSchema).properties : {}
  const parameters: Record<string, unknown>[] = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: params[m[1]!] ?? { type: 'string' },
  }))
  const querySchema = typed('query')
  if (querySchema) {
    const { properties, required } = shapeOf(querySchema)
    for (const [name, schema] of Object.entries(properties))
      if (name !== Lang.name) parameters.push({ name, in: 'query', required: required.includes(name), schema })
  }
  parameters.push({ $ref: '#/components/parameters/Lang' })
  const body = typed('json')
  return {
    summary: doc.summary,
    description: `Who: ${doc.who}.`,
    parameters,
    ...(body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: z.toJSONSchema(body, { io: 'input', unrepresentable: 'any' }) } },
          },
        }
      : {}),
    responses: {
      [doc.ok.slice(0, 3)]: {
        description: doc.ok,
        ...(doc.answer
          ? { content: { 'application/json': { schema: { $ref: `#/components/schemas/${doc.answer.name}` } } } }
          : {}),
      },
      ...Object.fromEntries(doc.errors.map((s) => [String(s), problemResponse('problem')])),
      ...(changesState(method) ? guardResponses(method, path) : {}),
    },
  }
}

let cached: Record<string, unknown> | undefined

/** The document for the router's /api routes; built once per isolate, since routes do not change. */
export function openApi(routes: readonly RouterRoute[]): Record<string, unknown> {
  if (cached) return cached
  // Every middleware of a route is an entry of its own, in order: gather them per method and path.
  const byRoute = new Map<string, { doc?: RouteDoc; schemas: RequestSchema[] }>()
  for (const r of routes) {
    if (r.method === 'ALL' || !r.path.startsWith('/api/')) continue
    const key = `${r.method} ${r.path}`
    const entry = byRoute.get(key) ?? { schemas: [] }
    const handler = findTargetHandler(r.handler) as Tagged
    if (handler[ROUTE_DOC]) entry.doc = handler[ROUTE_DOC]
    if (handler[REQUEST_SCHEMA]) entry.schemas.push(handler[REQUEST_SCHEMA])
    byRoute.set(key, entry)
  }
  const paths: Record<string, Record<string, unknown>> = {}
  // The answers routes name, each described once under its name, as the route sends it.
  const answers: Record<string, unknown> = {}
  for (const [key, { doc, schemas }] of byRoute) {
    if (!doc) continue
    if (doc.answer)
      answers[doc.answer.name] = z.toJSONSchema(doc.answer.schema, { io: 'output', unrepresentable: 'any' })
    const [method, honoPath] = key.split(' ') as [string, string]
    const path = honoPath.replace(/:(\w+)/g, '{$1}')
    paths[path] ??= {}
    paths[path][method.toLowerCase()] = operation(method, path, doc, schemas)
  }
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Ketenradar API',
      version: '1',
      description: `JSON API of Ketenradar. State-changing requests must be application/json and same-origin, with a body of at most ${MAX_BODY_BYTES / 1024} KB (the partners' paste ${MAX_PASTE_BYTES / 1024} KB): every such operation lists the 403, 413 and 415 of that one guard.`,
    },
    paths,
    components: { schemas: { Problem: problemSchema(), ...answers }, parameters: { Lang } },
  }
  return cached
}
