import { createExecutionContext, createScheduledController } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { env } from 'cloudflare:workers'
import worker from '../../worker/index.ts'

/** Requests go through the real Worker entry, as the browser's would. */
export const BASE = 'http://127.0.0.1:8787'

export function call(path: string, init: RequestInit & { json?: unknown; cookie?: string } = {}): Promise<Response> {
  const headers = new Headers(init.headers)
  if (init.json !== undefined) headers.set('content-type', 'application/json')
  if (init.cookie) headers.set('cookie', init.cookie)
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body
  // The Worker under test, through its real entry point.
  return (exports as unknown as { default: Fetcher }).default.fetch(
    new Request(`${BASE}${path}`, { ...init, headers, body }),
  )
}

let adminCookie: string | undefined

/**
 * Signs in as the admin from the test bindings and returns the cookie header value; once per
 * test file, since sign-in attempts per account are rate limited.
 */
export async function signInAdmin(fresh = false): Promise<string> {
  if (adminCookie && !fresh) return adminCookie
  const res = await call('/api/session', {
    method: 'POST',
    json: { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD },
  })
  if (res.status !== 204) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`)
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!
  if (!fresh) adminCookie = cookie
  return cookie
}

export async function postJson<T = { id: string }>(
  path: string,
  json: unknown,
  cookie: string,
  expected = 201,
): Promise<T> {
  const res = await call(path, { method: 'POST', json, cookie })
  if (res.status !== expected) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

const day = 24 * 60 * 60 * 1000

/** A programme with partners, one open wave and a link per partner × role. */
export async function setupProgramme(
  cookie: string,
  partnerNames = ['UWV', 'Gemeente Utrecht'],
  opts: { opensInDays?: number; closesInDays?: number; label?: string; instrumentVersion?: number } = {},
) {
  const { id: programmeId } = await postJson(
    '/api/programmes',
    { name: `Keten ${crypto.randomUUID().slice(0, 8)}` },
    cookie,
  )
  const partners: { id: string; name: string }[] = []
  for (const name of partnerNames) {
    // Every role has a headcount: a link can only be made for a group with one.
    const { id } = await postJson(
      `/api/programmes/${programmeId}/partners`,
      { name, headcount: 40, headcounts: { teammanager: 40, tactisch: 40 } },
      cookie,
    )
    partners.push({ id, name })
  }
  const wave = await addWave(cookie, programmeId, opts)
  const links: Record<string, Record<string, string>> = {}
  for (const p of partners) {
    links[p.id] = {}
    for (const role of ['medewerker', 'teammanager', 'tactisch']) {
      const { token } = await postJson<{ token: string }>(`/api/waves/${wave}/links`, { partnerId: p.id, role }, cookie)
      links[p.id]![role] = token
    }
  }
  return { programmeId, partners, waveId: wave, links }
}

/**
 * Posts a wave that overlaps the open wave setupProgramme made (from tomorrow for five days), so
 * it is refused as wave-overlap (409) in the language the request asks: the refusal the language
 * tests word (tests/worker/http/errors.test.ts, tests/worker/i18n/catalogues.test.ts).
 */
export function postOverlappingWave(
  programmeId: string,
  opts: { cookie: string; query?: string; headers?: Record<string, string> },
): Promise<Response> {
  return call(`/api/programmes/${programmeId}/waves${opts.query ?? ''}`, {
    method: 'POST',
    json: {
      label: 'Overlap',
      instrument: 'coachende-manager',
      opensAt: new Date(Date.now() + day).toISOString(),
      closesAt: new Date(Date.now() + 5 * day).toISOString(),
    },
    cookie: opts.cookie,
    headers: opts.headers ?? {},
  })
}

/** A wave of the latest instrument version unless `instrumentVersion` names an older one. */
export async function addWave(
  cookie: string,
  programmeId: string,
  opts: { opensInDays?: number; closesInDays?: number; label?: string; instrumentVersion?: number } = {},
) {
  const now = Date.now()
  const { id } = await postJson(
    `/api/programmes/${programmeId}/waves`,
    {
      label: opts.label ?? '2026-1',
      instrument: 'coachende-manager',
      ...(opts.instrumentVersion ? { instrumentVersion: opts.instrumentVersion } : {}),
      opensAt: new Date(now + (opts.opensInDays ?? -1) * day).toISOString(),
      closesAt: new Date(now + (opts.closesInDays ?? 20) * day).toISOString(),
    },
    cookie,
  )
  return id
}

/**
 * Closes a wave now, the way a lead does (its closing date moved to now): its results are then
 * published once, at the first read.
 */
export async function closeWave(cookie: string, waveId: string): Promise<void> {
  const res = await call(`/api/waves/${waveId}`, {
    method: 'PATCH',
    json: { closesAt: new Date().toISOString() },
    cookie,
  })
  if (res.status !== 200) throw new Error(`closing ${waveId}: ${res.status} ${await res.text()}`)
}

/**
 * Runs `attempts` inside one rate-limiter window. The local limiter's windows are aligned to the
 * wall clock, so a run that crosses a minute boundary starts from zero halfway; it is run again then.
 */
export async function inOneWindow<T>(attempts: () => Promise<T>): Promise<T> {
  for (let tries = 0; tries < 3; tries++) {
    const window = Math.floor(Date.now() / 60_000)
    const result = await attempts()
    if (Math.floor(Date.now() / 60_000) === window) return result
  }
  throw new Error('three runs in a row crossed a minute boundary')
}

/**
 * A value for every path parameter the routes use (app.routes), from a programme made by
 * setupProgramme: the authorization matrix and the fuzz test fill route patterns with them.
 */
export function routeParams(ctx: Awaited<ReturnType<typeof setupProgramme>>): Record<string, string> {
  return {
    pid: ctx.programmeId,
    wid: ctx.waveId,
    token: ctx.links[ctx.partners[0]!.id]!.medewerker!,
    partnerId: ctx.partners[1]!.id,
    uid: 'no-such-person',
    lid: 'no-such-link',
    aid: 'no-such-action',
    id: 'coachende-manager',
    version: '1',
    role: 'medewerker',
    dimension: 'coaching',
  }
}

/** Runs the hourly Cron Trigger (worker/scheduled.ts) as if it fired at `at`. */
export async function runCron(at: number): Promise<void> {
  await worker.scheduled(
    createScheduledController({ scheduledTime: new Date(at), cron: '17 * * * *' }),
    env,
    createExecutionContext(),
  )
}
