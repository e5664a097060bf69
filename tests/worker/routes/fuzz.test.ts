import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { findTargetHandler } from 'hono/utils/handler'
import { z } from 'zod'
import * as api from '../../../schema/api.ts'
import * as apiPages from '../../../schema/api-pages.ts'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSession, createUser } from '../../../worker/db/users.ts'
import { REQUEST_SCHEMA, type RequestSchema } from '../../../worker/http/validate.ts'
import { app } from '../../../worker/index.ts'
import { LANG_COOKIE } from '../../../worker/i18n/messages.ts'
import { call, routeParams, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * No query string and no path parameter makes any route answer 5xx: every route the router has
 * (`app.routes`, so a route added later is covered), every method, signed out and as a lead of
 * the programme the real ids name. Whatever the client sends, a bad value is its own mistake
 * (400, 404 …), never ours; so is an address no route names, and the language header and cookie
 * every answer is worded by. A failure prints fast-check’s counterexample and seed.
 */

const routes = [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))]

/** Every exported query schema (`*Query`) of schema/api.ts and schema/api-pages.ts, by name. */
const querySchemas: [string, z.ZodObject][] = Object.entries({ ...api, ...apiPages } as Record<
  string,
  unknown
>).flatMap(([name, schema]) =>
  name.endsWith('Query') && schema instanceof z.ZodObject ? [[name, schema] as [string, z.ZodObject]] : [],
)

/**
 * The names routes read from the query, so that some runs reach the schemas, not only unknown keys:
 * every key a query schema declares, read from the schemas so a key added later is fuzzed too,
 * and names read beside them or not at all.
 */
const KEYS = [
  ...new Set([
    ...querySchemas.flatMap(([, schema]) => Object.keys(schema.shape)),
    ...['wave', 'role', 'trend', 'partner', 'page', 'audit', 'sep', 'lang', 'next', 'email', 'set', 'id', 'a'],
  ]),
]

/** Raw pieces a URL may carry: broken and overlong %-escapes, separators, NUL, non-ASCII. */
const rawPiece = fc.constantFrom(
  '%',
  '%2',
  '%zz',
  '%00',
  '%C3',
  '%C3%28',
  '%E2%82',
  '%FF%FE',
  '%25',
  '%2F',
  '%3F',
  '%26',
  '%3D',
  '+',
  '=',
  ';',
  '[]',
  '[0]',
  '..',
  '\u00e9',
  '\u{1F600}',
  '\uFFFF',
  '0',
  '-1',
  '1e308',
  'NaN',
  '__proto__',
  'constructor',
)

/** A value as a client may send it: text of any kind (encoded), long text, numbers, or raw pieces (not encoded). */
const value = fc.oneof(
  fc.string({ maxLength: 40 }).map(encodeURIComponent),
  fc.string({ unit: 'binary', maxLength: 40 }).map((s) => encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, '\uFFFD'))),
  { arbitrary: fc.string({ minLength: 100, maxLength: 1000 }).map(encodeURIComponent), weight: 2 },
  fc.oneof(fc.integer(), fc.double()).map(String).map(encodeURIComponent),
  fc.array(rawPiece, { maxLength: 8 }).map((pieces) => pieces.join('')),
  fc.constant(''),
)

/**
 * A whole query string: most known keys, each once or twice (`a=1&a=2`), then pairs of random
 * keys, keys without a value and empty pairs, in a random order.
 */
const known = fc.record(
  Object.fromEntries(
    KEYS.map((k) => [k, fc.option(fc.array(value, { minLength: 1, maxLength: 2 }), { nil: undefined, freq: 3 })]),
  ),
)
const junk = fc.array(fc.tuple(value, fc.option(value, { nil: undefined })), { maxLength: 4 })
const query = fc.tuple(known, junk, fc.boolean()).map(([fields, pairs, shuffled]) => {
  const all = [
    ...Object.entries(fields).flatMap(([k, vs]) => (vs ?? []).map((v) => `${k}=${v}`)),
    ...pairs.map(([k, v]) => (v === undefined ? k : `${k}=${v}`)),
  ]
  return (shuffled ? all.reverse() : all).join('&') + (pairs.length === 1 ? '&&' : '')
})

/** One path segment: a value that stays one segment (no raw `/`, `?` or `#`). */
const segment = value.filter((s) => !/[/?#]/.test(s))

let ids: Record<string, string>
let lead: string

beforeAll(async () => {
  const admin = await signInAdmin()
  const ctx = await setupProgramme(admin, ['UWV', 'SVB'])
  ids = routeParams(ctx)
  // A session made directly, not by signing in: sign-in attempts are rate limited.
  const user = await createUser(env.DB, `${crypto.randomUUID()}@fuzz.test`, 'lead', null)
  await env.DB.prepare("INSERT INTO memberships (user_id, programme_id, role) VALUES (?1, ?2, 'lead')")
    .bind(user.id, ctx.programmeId)
    .run()
  lead = `kr_session=${await createSession(env.DB, user.id)}`
})

/** The path of a route with its parameters filled: real ids, except `fuzzed` given its own value. */
function pathOf(pattern: string, fuzzed?: { name: string; value: string }): string {
  return pattern
    .replace(/:(\w+)/g, (_, name: string) => (fuzzed?.name === name ? fuzzed.value : encodeURIComponent(ids[name]!)))
    .replace('*', fuzzed?.name === '*' ? fuzzed.value : 'nothing-here')
}

/** Every status each route answered in these runs, by route (`GET /api/…`). */
const answered = new Map<string, Set<number>>()

async function statusOf(method: string, route: string, path: string, cookie: string | undefined): Promise<number> {
  // Signing out would end the lead's session for the other runs.
  const signOut = route === 'DELETE /api/session'
  const body = method === 'POST' || method === 'PATCH' || method === 'PUT' ? { json: {} } : {}
  const res = await call(path, { method, cookie: signOut ? undefined : cookie, redirect: 'manual', ...body })
  await res.body?.cancel()
  answered.set(route, (answered.get(route) ?? new Set()).add(res.status))
  return res.status
}

/**
 * The refusals an /api route answered that its operation in /api/openapi.json does not list: each
 * route's `doc(...)` names its error statuses by hand (worker/http/validate.ts `RouteDoc`), so this
 * is what keeps those lists true. 429 (worker/http/ratelimit.ts) is left out: no run here is throttled on purpose.
 */
async function undocumented(): Promise<string[]> {
  const res = await call('/api/openapi.json')
  const doc = (await res.json()) as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }
  return [...answered].flatMap(([route, statuses]) => {
    const [method, pattern] = route.split(' ') as [string, string]
    const operation = doc.paths[pattern.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()]
    if (!pattern.startsWith('/api/') || !operation) return []
    return [...statuses]
      .filter((s) => s >= 400 && s !== 429 && !(String(s) in operation.responses))
      .map((s) => `${route}: ${s}`)
  })
}

/** Runs per route, session and part: 2 sessions × (query + each parameter) × some 45 routes × 6, about 1 300 requests. */
const RUNS = 6

describe('no request a client can write makes the Worker answer 5xx', () => {
  it('fuzzes every key of every query schema', () => {
    expect(querySchemas.map(([name]) => name)).toEqual(expect.arrayContaining(['ResultsQuery', 'ResultsPageQuery']))
    for (const [name, schema] of querySchemas)
      for (const key of Object.keys(schema.shape)) expect(KEYS, `${name}.${key}`).toContain(key)
    expect(KEYS).toEqual(expect.arrayContaining(['questions', 'sort']))
  })

  it('reads every page’s query and path through a schema, `?lang=` included', () => {
    // A page is every GET the router has outside /api: each runs `valid('query', …)` with a schema
    // that has `lang` (schema/api-pages.ts `PageQuery`), and `valid('param', …)` when its path has parameters.
    const pages = app.routes.filter((r) => r.method === 'GET' && !r.path.startsWith('/api/'))
    const paths = [...new Set(pages.map((r) => r.path))].filter((p) => p !== '/')
    expect(paths.length).toBeGreaterThan(8)
    for (const path of paths) {
      const schemas = pages
        .filter((r) => r.path === path)
        .flatMap((r) => {
          const schema = (findTargetHandler(r.handler) as { [REQUEST_SCHEMA]?: RequestSchema })[REQUEST_SCHEMA]
          return schema ? [schema] : []
        })
      const query = schemas.find((x) => x.target === 'query')?.schema
      expect(query, `${path}: no valid('query', …)`).toBeInstanceOf(z.ZodObject)
      expect(Object.keys((query as z.ZodObject).shape), path).toContain('lang')
      if (path.includes(':'))
        expect(
          schemas.map((x) => x.target),
          path,
        ).toContain('param')
    }
  })

  it('covers routes with parameters and without', () => {
    expect(routes.length).toBeGreaterThan(30)
    expect(routes.some((r) => r.includes(':'))).toBe(true)
  })

  it('answers any address, under every prefix the router has, with any language header and cookie, below 500', async () => {
    // What no route names: the 404, 405 and catch-all answers; and the language every refusal and
    // page is worded in, from a header and a cookie a client writes (worker/http/lang.ts).
    // Each route's first two parts, up to its first parameter: /api/programmes, /app/programmes, /s …
    const prefixes = [
      ...new Set(
        routes.map((r) => {
          const parts = r.split(' ')[1]!.split('/').slice(0, 3)
          const param = parts.findIndex((p) => p.startsWith(':') || p === '*')
          return parts.slice(0, param === -1 ? undefined : param).join('/') || '/'
        }),
      ),
    ]
    expect(prefixes).toEqual(expect.arrayContaining(['/api/programmes', '/app/programmes']))
    const header = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc
        .array(fc.constantFrom('nl', 'en', 'nl-BE', 'en-GB;q=0.5', '*', ';q=', 'q=abc', ',', 'x'), { maxLength: 6 })
        .map((parts) => parts.join(',')),
    )
    const printable = (s: string) => s.replace(/[^\x20-\x7e]/g, '')
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...prefixes),
        fc.array(segment, { minLength: 0, maxLength: 3 }),
        fc.option(query, { nil: undefined }),
        fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT'),
        header,
        header,
        fc.boolean(),
        async (prefix, segments, q, method, language, cookieValue, signedIn) => {
          const path = [prefix, ...segments].join('/').replace(/\/{2,}/g, '/') + (q === undefined ? '' : `?${q}`)
          const cookies = [`${LANG_COOKIE}=${encodeURIComponent(cookieValue)}`, ...(signedIn ? [lead] : [])]
          const body = method === 'POST' || method === 'PATCH' || method === 'PUT' ? { json: {} } : {}
          const res = await call(path, {
            method,
            redirect: 'manual',
            cookie: cookies.join('; '),
            headers: { 'accept-language': printable(language) },
            ...body,
          })
          await res.body?.cancel()
          if (res.status >= 500) throw new Error(`${method} ${path}: ${res.status}`)
        },
      ),
      { numRuns: 150 },
    )
  }, 300_000)

  for (const who of ['signed out', 'lead'] as const) {
    it(`answers every route's random query and parameters below 500, ${who}`, async () => {
      const cookie = who === 'lead' ? lead : undefined
      answered.clear()
      for (const route of routes) {
        const [method, pattern] = route.split(' ') as [string, string]
        await fc.assert(
          fc.asyncProperty(query, async (q) => {
            const status = await statusOf(method, route, `${pathOf(pattern)}?${q}`, cookie)
            if (status >= 500) throw new Error(`${route} ?${q}: ${status}`)
          }),
          { numRuns: RUNS },
        )
        const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!).concat(pattern.includes('*') ? ['*'] : [])
        for (const name of names) {
          await fc.assert(
            fc.asyncProperty(segment, fc.option(query, { nil: undefined }), async (v, q) => {
              const path = pathOf(pattern, { name, value: v }) + (q === undefined ? '' : `?${q}`)
              const status = await statusOf(method, route, path, cookie)
              if (status >= 500) throw new Error(`${route} with ${name} = ${v}: ${status} (${path.slice(0, 200)})`)
            }),
            { numRuns: RUNS },
          )
        }
      }
      expect(await undocumented()).toEqual([])
    }, 300_000)
  }
})
