import { describe, expect, it } from 'vitest'
import { app } from '../../../worker/index.ts'
import { call } from '../helpers.ts'

describe('GET /api/openapi.json', () => {
  it('describes every /api route of the router, with bodies from the zod schemas', async () => {
    const res = await call('/api/openapi.json')
    expect(res.status).toBe(200)
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { properties?: Record<string, unknown> } }> } }>> }
    expect(doc.openapi).toBe('3.1.0')
    const missing = app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/') && r.path !== '/api/openapi.json')
      .map((r) => [r.method.toLowerCase(), r.path.replace(/:(\w+)/g, '{$1}')] as const)
      .filter(([method, path]) => !doc.paths[path]?.[method])
    expect(missing).toEqual([])
    const submit = doc.paths['/api/s/{token}/responses']!.post!.requestBody!.content['application/json']!.schema
    expect(Object.keys(submit.properties!)).toEqual(['id', 'answers'])
  })
})
