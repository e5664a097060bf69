import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../worker/auth/password-hash.ts'
import { app } from '../../../worker/index.ts'
import { call, routeParams, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * Who may do what, for every route the router has. Generated from `app.routes`: a route added
 * later without a rule here fails the first test.
 */
type Who = 'anonymous' | 'otherViewer' | 'pendingLead' | 'limitedViewer' | 'viewer' | 'lead' | 'admin'
const WHO: Who[] = ['anonymous', 'otherViewer', 'pendingLead', 'limitedViewer', 'viewer', 'lead', 'admin']

// Expected status per route for each kind of user; bodies are empty, so a permitted write answers 400.
const denied = { anonymous: 401, otherViewer: 404, limitedViewer: 403, viewer: 403 }
/** The same answer whoever asks. */
const everyone = (status: number) => ({
  anonymous: status,
  otherViewer: status,
  limitedViewer: status,
  viewer: status,
  lead: status,
  admin: status,
})
// Read by everyone with access to the programme; someone without is not told it exists.
const readers = { anonymous: 401, otherViewer: 404, limitedViewer: 200, viewer: 200, lead: 200, admin: 200 }
// A page: someone signed out is sent to sign in.
const signIn = { anonymous: 303 }
// A lead whose access to the programme waits to be accepted is answered on every route exactly as
// someone with no access to it (otherViewer): pending access gives nothing, not even a 403.
const RULES: Record<string, Record<Exclude<Who, 'pendingLead'>, number>> = {
  'GET /api/health': everyone(200),
  'GET /api/openapi.json': everyone(200),
  'POST /api/session': everyone(400),
  'DELETE /api/session': everyone(204),
  'GET /api/programmes': { ...everyone(200), anonymous: 401 },
  'POST /api/programmes': { anonymous: 401, otherViewer: 403, limitedViewer: 403, viewer: 403, lead: 400, admin: 400 },
  'GET /api/programmes/:pid': readers,
  'PATCH /api/programmes/:pid': { ...denied, lead: 200, admin: 200 },
  'POST /api/programmes/:pid/partners': { ...denied, lead: 400, admin: 400 },
  'POST /api/programmes/:pid/partners/import': { ...denied, lead: 400, admin: 400 },
  'PATCH /api/programmes/:pid/partners/:partnerId': { ...denied, lead: 200, admin: 200 },
  // SVB has working links in the open wave: it stays.
  'DELETE /api/programmes/:pid/partners/:partnerId': { ...denied, lead: 409, admin: 409 },
  'POST /api/programmes/:pid/waves': { ...denied, lead: 400, admin: 400 },
  // People routes name someone who does not exist: leads get past the guard to a 404, others do not.
  'GET /api/programmes/:pid/people': { ...denied, lead: 200, admin: 200 },
  'POST /api/programmes/:pid/people': { ...denied, lead: 400, admin: 400 },
  'PATCH /api/programmes/:pid/people/:uid': { ...denied, lead: 404, admin: 404 },
  'DELETE /api/programmes/:pid/people/:uid': { ...denied, lead: 404, admin: 404 },
  'POST /api/programmes/:pid/people/:uid/password-link': { ...denied, lead: 404, admin: 404 },
  'GET /api/password-links/:token': everyone(404),
  'POST /api/password-links/:token': everyone(400),
  // Signed in first; then the token (a survey link's) is no acceptance link.
  'POST /api/password-links/:token/accept': { ...everyone(404), anonymous: 401 },
  'GET /api/programmes/:pid/audit': { ...denied, lead: 200, admin: 200 },
  'PATCH /api/waves/:wid': { ...denied, otherViewer: 404, lead: 200, admin: 200 },
  // The wave is open: it cannot be dropped, only closed.
  'DELETE /api/waves/:wid': { ...denied, otherViewer: 404, lead: 409, admin: 409 },
  'GET /api/waves/:wid/links': { ...denied, otherViewer: 404, lead: 200, admin: 200 },
  'POST /api/waves/:wid/links': { ...denied, otherViewer: 404, lead: 400, admin: 400 },
  // Every partner and role has a link already: nothing to make.
  'POST /api/waves/:wid/link-set': { ...denied, otherViewer: 404, lead: 200, admin: 200 },
  'DELETE /api/waves/:wid/links/:lid': { ...denied, otherViewer: 404, lead: 404, admin: 404 },
  'GET /api/instruments/:id/:version/:role': everyone(200),
  'GET /api/s/:token': everyone(200),
  'POST /api/s/:token/responses': everyone(400),
  'GET /api/programmes/:pid/dashboard': readers,
  'GET /api/programmes/:pid/trend': readers,
  // The wave is open: nothing is published to export yet, whoever asks.
  'GET /api/programmes/:pid/export.csv': { ...denied, lead: 409, admin: 409 },
  // Measurement quality: administrators only (a lead's own partners would make it a small group's answer sets,
  // tests/worker/anonymity/fake-partners.test.ts); the wave is open, so it is not shown and the moments are refused.
  'GET /api/programmes/:pid/quality': { ...denied, lead: 403, admin: 200 },
  'GET /api/programmes/:pid/quality/moments.json': { ...denied, lead: 403, admin: 409 },
  // Agreed actions: everyone who reads the programme lists them; leads write (the lead has not let
  // partner viewers record any here, so a limited viewer is refused before the body is read).
  'GET /api/programmes/:pid/actions': readers,
  // Their CSV, under the list's rule.
  'GET /api/programmes/:pid/actions.csv': readers,
  'POST /api/programmes/:pid/actions': { ...denied, lead: 400, admin: 400 },
  'PATCH /api/programmes/:pid/actions/:aid': { ...denied, lead: 404, admin: 404 },
  'DELETE /api/programmes/:pid/actions/:aid': { ...denied, lead: 404, admin: 404 },
  'PUT /api/programmes/:pid/action-policy': { ...denied, lead: 400, admin: 400 },
  // The partner in the path is not the limited viewer's own: their report of it is not there.
  'GET /app/programmes/:pid/partners/:partnerId/report': { ...readers, ...signIn, limitedViewer: 404 },
  'GET /app': everyone(303),
  'GET /app/login': { ...everyone(303), anonymous: 200 },
  'GET /app/programmes': { ...everyone(200), ...signIn },
  'GET /app/programmes/:pid': { ...readers, ...signIn },
  // A dimension's answers per question, read as the results page is (the open wave: a notice, 200).
  'GET /app/programmes/:pid/questions/:dimension': { ...readers, ...signIn },
  'GET /app/programmes/:pid/setup': { ...denied, ...signIn, lead: 200, admin: 200 },
  'GET /app/programmes/:pid/quality': { ...denied, ...signIn, lead: 403, admin: 200 },
  // The token is a survey link's, not a password link's: nobody sets a password with it.
  'GET /app/password/:token': everyone(404),
  // Where a script's form lands without its script: the same page for anyone, nothing saved.
  'POST /app/needs-script': everyone(400),
  'GET /app/*': { ...everyone(404), ...signIn },
  'GET /s/:token': everyone(200),
  'GET /': everyone(303),
}

const routes = () => [...new Set(app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`))]

let ids: Record<string, string>
const cookies: Partial<Record<Who, string>> = {}

async function person(
  email: string,
  role: 'lead' | 'viewer',
  programmeId: string | null,
  partnerId: string | null = null,
  pending = false,
): Promise<string> {
  const id = crypto.randomUUID()
  await env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(id, email, role, await hashPassword(`pw-${email}`), new Date().toISOString())
    .run()
  if (programmeId)
    await env.DB.prepare(
      'INSERT INTO memberships (user_id, programme_id, partner_id, role, pending) VALUES (?1, ?2, ?3, ?4, ?5)',
    )
      .bind(id, programmeId, partnerId, role, pending ? 1 : 0)
      .run()
  const res = await call('/api/session', { method: 'POST', json: { email, password: `pw-${email}` } })
  return res.headers.get('set-cookie')!.split(';')[0]!
}

beforeAll(async () => {
  cookies.admin = await signInAdmin()
  const ctx = await setupProgramme(cookies.admin, ['UWV', 'SVB'])
  const other = await setupProgramme(cookies.admin, ['Elders'])
  ids = routeParams(ctx)
  cookies.lead = await person('lead@authz.test', 'lead', ctx.programmeId)
  cookies.viewer = await person('viewer@authz.test', 'viewer', ctx.programmeId)
  cookies.limitedViewer = await person('limited@authz.test', 'viewer', ctx.programmeId, ctx.partners[0]!.id)
  cookies.otherViewer = await person('other@authz.test', 'viewer', other.programmeId)
  // Granted by a lead to an account that existed, not accepted yet; it reads the other programme.
  cookies.pendingLead = await person('pending@authz.test', 'lead', ctx.programmeId, null, true)
  await env.DB.prepare(
    "INSERT INTO memberships (user_id, programme_id, role) SELECT id, ?1, 'viewer' FROM users WHERE email = 'pending@authz.test'",
  )
    .bind(other.programmeId)
    .run()
  // A viewer's account, as otherViewer's: only the pending membership would make it a lead.
  await env.DB.prepare("UPDATE users SET role = 'viewer' WHERE email = 'pending@authz.test'").run()
})

describe('authorization matrix', () => {
  it('has a rule for every route of the Worker', () => {
    expect(routes().filter((r) => !RULES[r])).toEqual([])
  })

  it('answers every route as the rule says for each kind of user', async () => {
    const wrong: string[] = []
    for (const route of routes()) {
      const [method, pattern] = route.split(' ') as [string, string]
      const path = pattern.replace(/:(\w+)/g, (_, name: string) => ids[name]!).replace('*', 'nothing-here')
      for (const who of WHO) {
        // Sign-out would end the shared session: give it a fresh one.
        const cookie = who === 'anonymous' ? undefined : route === 'DELETE /api/session' ? undefined : cookies[who]
        const body =
          method === 'PATCH' && (route.startsWith('PATCH /api/programmes') || route.startsWith('PATCH /api/waves'))
            ? { json: {} }
            : method === 'GET' || method === 'DELETE'
              ? {}
              : { json: {} }
        const res = await call(path, { method, cookie, redirect: 'manual', ...body })
        const expected = RULES[route]![who === 'pendingLead' ? 'otherViewer' : who]
        if (res.status !== expected) wrong.push(`${route} as ${who}: ${res.status}, expected ${expected}`)
      }
    }
    expect(wrong).toEqual([])
    // Some 290 requests: more than the default five seconds on a busy machine.
  }, 30_000)

  it('shows a viewer limited to one partner only that partner, the others only in the total', async () => {
    const res = await call(`/api/programmes/${ids.pid}/dashboard`, { cookie: cookies.limitedViewer })
    const body = (await res.json()) as { partners: { name: string }[] }
    expect(body.partners.map((p) => p.name)).toEqual(['UWV'])
  })
})
