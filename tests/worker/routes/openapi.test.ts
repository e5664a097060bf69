import { describe, expect, it } from 'vitest'
import { app } from '../../../worker/index.ts'
import { call } from '../helpers.ts'

describe('GET /api/openapi.json', () => {
  it('describes every /api route of the router, with bodies from the zod schemas', async () => {
    const res = await call('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as {
      openapi: string
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }
        >
      >
    }
    expect(doc.openapi).toBe('3.1.0')
    const missing = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json')
      .map((r) => [r.method.toLowerCase(), r.path.replace(/:(\w+)/g, '{$1}')] as const)
      .filter(([method, path]) => !doc.paths[path]?.[method])
    expect(missing).toEqual([])
    const submit = doc.paths['/api/s/{token}/responses']!.post!.requestBody!.content['application/json']!.schema
    // The schema's own fields: the answers, and what the survey page served them for (schema/api.ts).
    expect(Object.keys(submit.properties!)).toEqual(['id', 'answers', 'instrument', 'version', 'role'])
  })

  it('takes query strings and path parameters from the schemas the routes enforce, with a summary per route', async () => {
    type Param = { name: string; in: string; required: boolean; schema: { type?: string; enum?: string[] } }
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { summary: string; parameters: Param[] }>>
    }
    const operations = Object.values(doc.paths).flatMap((methods) => Object.values(methods))
    expect(operations.filter((op) => !op.summary)).toEqual([])
    const instrument = doc.paths['/api/instruments/{id}/{version}/{role}']!.get!.parameters
    expect(instrument.filter((p) => p.in).map((p) => `${p.in} ${p.name}`)).toEqual([
      'path id',
      'path version',
      'path role',
    ])
    expect(instrument.find((p) => p.name === 'role')!.schema.enum).toEqual(['medewerker', 'teammanager', 'tactisch'])
    const exported = doc.paths['/api/programmes/{pid}/export.csv']!.get!.parameters
    // `lang` is the one shared parameter every operation names (tests/worker/http/api-guard.test.ts).
    expect(exported.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(['wave', 'sep'])
    // Question detail only when asked (schema/api.ts ResultsQuery).
    const dashboard = doc.paths['/api/programmes/{pid}/dashboard']!.get!
    expect(dashboard.parameters.filter((p) => p.in === 'query').map((p) => p.name)).toEqual([
      'wave',
      'role',
      'questions',
    ])
    expect(dashboard.summary).toContain('?questions=all')
    expect(doc.paths['/api/programmes/{pid}/audit']!.get!.parameters.find((p) => p.name === 'page')).toMatchObject({
      in: 'query',
      required: false,
    })
  })

  it('resolves every $ref it has, the answers routes name among them', async () => {
    const text = await (await call('/api/openapi.json')).text()
    const doc = JSON.parse(text) as { components: Record<string, Record<string, unknown>> }
    // The problem document is schema/api-answers.ts's, with every refusal code there is.
    const problem = (JSON.parse(text) as { components: { schemas: { Problem: Record<string, unknown> } } }).components
      .schemas.Problem as { properties: Record<string, { enum?: string[] }>; required: string[] }
    expect(problem.properties.code!.enum).toEqual(expect.arrayContaining(['invalid-request', 'unsupported-media-type']))
    expect(Object.keys(problem.properties)).toEqual(['type', 'status', 'title', 'detail', 'code', 'errors'])
    expect(problem.required).toEqual(['type', 'status', 'title', 'detail', 'code'])
    // zod's `$defs` would be resolved against the document's root, where there are none.
    expect(text).not.toContain('#/$defs')
    const refs = [
      ...new Set([...text.matchAll(/"\$ref":"#\/components\/(\w+)\/(\w+)"/g)].map((m) => `${m[1]}/${m[2]}`)),
    ]
    expect(refs).toEqual(
      expect.arrayContaining(['schemas/Problem', 'parameters/Lang', 'schemas/ResultsAnswer', 'schemas/LinkSetAnswer']),
    )
    expect(
      refs.filter((ref) => {
        const [kind, name] = ref.split('/') as [string, string]
        return !doc.components[kind]?.[name]
      }),
    ).toEqual([])
  })
})
