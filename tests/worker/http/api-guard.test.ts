import { beforeAll, describe, expect, it } from 'vitest'
import { GUARD_REFUSALS, MAX_BODY_BYTES } from '../../../worker/http/guards.ts'
import { MAX_PASTE_BYTES } from '../../../schema/api.ts'
import { app } from '../../../worker/index.ts'
import { BASE, call, routeParams, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * The one guard of the JSON API (worker/http/guards.ts `apiGuard`) refuses a foreign origin (403),
 * a body that is not JSON (415) and a body too large (413) the same way on every state-changing
 * route the router has, so a route added later is covered; and /api/openapi.json says so of each
 * such operation, with `?lang` described once and named by every operation.
 */

type Operation = {
  parameters: ({ $ref: string } | { name: string; in: string })[]
  responses: Record<string, { description: string }>
}
type Description = {
  paths: Record<string, Record<string, Operation>>
  components: { parameters: Record<string, { name: string; in: string; schema: { enum?: string[] } }> }
}

const changing = [
  ...new Set(
    app.routes
      .filter((r) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(r.method) && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`),
  ),
]

let cookie: string
let ids: Record<string, string>
let pid: string

beforeAll(async () => {
  cookie = await signInAdmin()
  const ctx = await setupProgramme(cookie, ['UWV', 'SVB'])
  ids = routeParams(ctx)
  pid = ctx.programmeId
})

const pathOf = (pattern: string) => pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(ids[name]!))

async function refusalOf(route: string, init: RequestInit): Promise<{ status: number; code: string }> {
  const [method, pattern] = route.split(' ') as [string, string]
  const res = await call(pathOf(pattern), { method, cookie, ...init })
  const body = (await res.json()) as { code: string }
  return { status: res.status, code: body.code }
}

describe('the API guard', () => {
  it('guards some state-changing routes of every kind', () => {
    expect(changing.length).toBeGreaterThan(20)
    for (const method of ['POST', 'PATCH', 'DELETE']) expect(changing.some((r) => r.startsWith(method))).toBe(true)
  })

  it('refuses a request from another origin on every state-changing route (403)', async () => {
    for (const route of changing) {
      const refused = await refusalOf(route, {
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: '{}',
      })
      expect(refused, route).toEqual({ status: 403, code: GUARD_REFUSALS[403] })
    }
  })

  it('refuses a body that is not JSON on every state-changing route (415)', async () => {
    for (const route of changing) {
      const refused = await refusalOf(route, {
        headers: { origin: BASE, 'content-type': 'text/plain' },
        body: '{}',
      })
      expect(refused, route).toEqual({ status: 415, code: GUARD_REFUSALS[415] })
    }
  })

  it('refuses a body larger than the limit on every state-changing route (413)', async () => {
    const large = JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES) })
    for (const route of changing) {
      // The partners' paste has a limit of its own, and a refusal that names the lines it takes (worker/http/guards.ts).
      const paste = route === 'POST /api/programmes/:pid/partners/import'
      const body = paste ? JSON.stringify({ text: 'x'.repeat(MAX_PASTE_BYTES) }) : large
      const refused = await refusalOf(route, { headers: { 'content-type': 'application/json' }, body })
      expect(refused, route).toEqual({ status: 413, code: paste ? 'partner-paste-too-large' : GUARD_REFUSALS[413] })
    }
  })

  it('lets a same-origin JSON request of the limit through to the route', async () => {
    const res = await call('/api/programmes', {
      method: 'POST',
      cookie,
      headers: { origin: BASE },
      json: { name: `Keten ${crypto.randomUUID().slice(0, 8)}` },
    })
    expect(res.status).toBe(201)
  })
})

describe('/api/openapi.json on the guard and ?lang', () => {
  let doc: Description
  beforeAll(async () => {
    doc = (await (await call('/api/openapi.json')).json()) as Description
  })

  it('lists the guard’s 403, 413 and 415 on every state-changing operation, and not on a read', () => {
    for (const route of changing) {
      const [method, pattern] = route.split(' ') as [string, string]
      const op = doc.paths[pattern.replace(/:(\w+)/g, '{$1}')]![method.toLowerCase()]!
      expect(Object.keys(op.responses), route).toEqual(expect.arrayContaining(['403', '413', '415']))
      // Each named by the code the guard gives on that route: the paste's 413 is its own.
      const paste = route === 'POST /api/programmes/:pid/partners/import'
      expect(op.responses['413']!.description, route).toBe(
        `problem: ${paste ? 'partner-paste-too-large' : GUARD_REFUSALS[413]}`,
      )
    }
    expect(Object.keys(doc.paths['/api/health']!.get!.responses)).not.toContain('415')
  })

  it('describes ?lang once and names it on every operation, without a second lang of its own', () => {
    expect(doc.components.parameters.Lang).toMatchObject({ name: 'lang', in: 'query' })
    expect(doc.components.parameters.Lang!.schema.enum).toEqual(['nl', 'en'])
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => [`${method} ${path}`, op] as const),
    )
    expect(operations.length).toBeGreaterThan(30)
    for (const [name, op] of operations) {
      expect(op.parameters, name).toContainEqual({ $ref: '#/components/parameters/Lang' })
      expect(
        op.parameters.filter((p) => 'name' in p && p.name === 'lang'),
        name,
      ).toEqual([])
    }
  })

  it('takes ?lang, known or not, on every read of the API, answering as without it', async () => {
    const reads = [
      ...new Set(
        app.routes
          .filter((r) => r.method === 'GET' && r.path.startsWith('/api/') && !r.path.endsWith('*'))
          .map((r) => r.path),
      ),
    ]
    expect(reads.length).toBeGreaterThan(10)
    for (const pattern of reads) {
      const path = pathOf(pattern)
      const plain = await call(path, { cookie })
      await plain.body?.cancel()
      for (const lang of ['nl', 'en', 'xx']) {
        const res = await call(`${path}${path.includes('?') ? '&' : '?'}lang=${lang}`, { cookie })
        await res.body?.cancel()
        expect(res.status, `${pattern}?lang=${lang}`).toBe(plain.status)
      }
    }
  })

  it('takes a ?lang it does not know on every kind of route, never refusing it', async () => {
    const problem = await call('/api/programmes/nope?lang=xx', { cookie, headers: { 'accept-language': 'nl' } })
    expect(problem.status).toBe(404)
    expect(((await problem.json()) as { detail: string }).detail).toMatch(/programma/i)
    const unknown = await call(`/api/programmes/${pid}/export.csv?lang=xx`, { cookie })
    const none = await call(`/api/programmes/${pid}/export.csv`, { cookie })
    expect(unknown.status).not.toBe(400)
    expect(unknown.status).toBe(none.status)
    expect(await unknown.text()).toBe(await none.text())
  })
})
