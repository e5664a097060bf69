import { beforeAll, describe, expect, it } from 'vitest'
import { app } from '../../../worker/index.ts'
import { wordingOf } from '../../../worker/i18n/errors.ts'
import { messages } from '../../../worker/i18n/messages.ts'
import { call, setupProgramme, signInAdmin } from '../helpers.ts'

let cookie: string
let ids: Record<string, string>

beforeAll(async () => {
  cookie = await signInAdmin()
  const ctx = await setupProgramme(cookie, ['UWV'])
  ids = { pid: ctx.programmeId, wid: ctx.waveId, token: ctx.links[ctx.partners[0]!.id]!.medewerker! }
})

/** Every route the Worker serves, from the router's own list, so a route added later is checked too. */
const routes = () =>
  [...new Map(app.routes.filter((r) => r.method !== 'ALL').map((r) => [`${r.method} ${r.path}`, r])).values()].map(
    (r) => ({
      method: r.method,
      path: r.path.replace(/:(\w+)/g, (_, name: string) => ids[name] ?? name),
    }),
  )

describe('security headers on every route', () => {
  it('lists the routes of the contract', () => {
    const list = routes().map((r) => `${r.method} ${r.path}`)
    expect(list.length).toBeGreaterThanOrEqual(15)
    expect(list).toContain(`POST /api/s/${ids.token}/responses`)
  })

  it('sends CSP, HSTS, no-referrer, nosniff on every answer, and no-store on API and app answers', async () => {
    for (const route of routes()) {
      for (const who of [cookie, undefined]) {
        const res = await call(route.path, {
          method: route.method,
          cookie: who,
          ...(route.method === 'GET' ? {} : { json: {} }),
          redirect: 'manual',
        })
        const what = `${route.method} ${route.path} (${who ? 'signed in' : 'anonymous'}) → ${res.status}`
        const csp = res.headers.get('content-security-policy') ?? ''
        expect(csp, what).toContain("object-src 'none'")
        expect(csp, what).toContain("base-uri 'none'")
        expect(csp, what).toContain("frame-ancestors 'none'")
        expect(csp, what).toContain("script-src 'self'")
        expect(csp, what).not.toContain('unsafe-eval')
        expect(
          Number(res.headers.get('strict-transport-security')?.match(/max-age=(\d+)/)?.[1]),
          what,
        ).toBeGreaterThanOrEqual(31536000)
        expect(res.headers.get('referrer-policy'), what).toBe('no-referrer')
        expect(res.headers.get('x-content-type-options'), what).toBe('nosniff')
        if (route.path.startsWith('/api/') || route.path.startsWith('/app') || route.path.startsWith('/s/')) {
          expect(res.headers.get('cache-control'), what).toBe('no-store')
        }
        expect(res.status, what).toBeLessThan(500)
      }
    }
  })
})

describe('a method the route does not have', () => {
  it('answers 405 with the methods it does have, and 404 where there is no route at all', async () => {
    // Signed in (afresh: the route sweep above signs out): who asks is checked before what is asked.
    const cookie = await signInAdmin(true)
    const put = await call('/api/programmes', { method: 'PUT', json: { name: 'x' }, cookie })
    expect(put.status).toBe(405)
    expect(put.headers.get('allow')).toBe('GET, POST')
    expect(((await put.json()) as { detail: string }).detail).toMatch(/answers GET, POST, not PUT/)
    const health = await call('/api/health', { method: 'DELETE' })
    expect(health.status).toBe(405)
    expect(health.headers.get('allow')).toBe('GET')
    const wave = await call('/api/waves/some-wave', { headers: { 'accept-language': 'nl' }, cookie })
    expect(wave.status).toBe(405)
    expect(wave.headers.get('allow')).toBe('DELETE, PATCH')
    expect(((await wave.json()) as { detail: string }).detail).toMatch(/kent DELETE, PATCH, niet GET/)
    expect((await call('/api/nothing-here')).status).toBe(404)
  })

  it("answers an address outside /api and /app that names nothing with a page in the reader's language", async () => {
    // Thrown as page-not-found and rendered by the one page renderer (pageRefusal, worker/http/page-reader.tsx).
    for (const lang of ['nl', 'en'] as const) {
      const res = await call('/nothing-here?x=1', { headers: { 'accept-language': lang } })
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('text/html')
      expect(res.headers.get('x-content-type-options')).toBe('nosniff')
      const html = await res.text()
      expect(html).toContain(`<html lang="${lang}">`)
      expect(html).toContain(`<h1>${messages[lang].notFoundHeading}</h1>`)
      expect(html).toContain(wordingOf('page-not-found', { path: '/nothing-here' }, lang))
      expect(html).toContain('<a href="/app">Ketenradar</a>')
    }
  })
})
