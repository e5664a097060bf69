import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { AuditAction } from '../../../worker/domain/audit-changes.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { createExecutionContext } from 'cloudflare:test'
import worker, { app } from '../../../worker/index.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { counted, type Tally } from '../../bench/worker/counted.ts'
import { addWave, BASE, call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * The trail, driven from the router like the authorization matrix: every route that changes
 * state, run once so that it succeeds, leaves exactly one entry per change it made, in order.
 * A state-changing route added later without a scenario here fails the first test, so it cannot
 * slip past the trail unnoticed.
 */

type Ctx = Awaited<ReturnType<typeof setupProgramme>> & { cookie: string; extra: Record<string, string> }
type Scenario = {
  /** Everything the request needs, made before the trail is read. */
  setup?: (ctx: Ctx) => Promise<void>
  request: (ctx: Ctx) => Promise<Response>
  status: number
  /** The entries it must leave, in order; none, with the reason, for a route that changes no programme. */
  actions: AuditAction[]
  why?: string
}

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!
const day = 24 * 60 * 60 * 1000
const unique = (what: string) => `${what}.${crypto.randomUUID().slice(0, 8)}@audit.test`
const json = (method: string, json: unknown, cookie?: string) => ({ method, json, cookie })

/** The first partner's staff link and an answer set for it, drawn from `seed`. */
const staffLink = (c: Ctx) => `/api/s/${c.links[c.partners[0]!.id]!.medewerker}/responses`
const staffAnswers = (seed: number) => ({
  id: crypto.randomUUID(),
  answers: simulateAnswers(findInstrument('coachende-manager')!, 'medewerker', rng(seed), () => 3),
})
const PASSWORD = 'een lang wachtwoord'
const signIn = async (email: string) =>
  (await call('/api/session', json('POST', { email, password: PASSWORD }))).headers.get('set-cookie')!.split(';')[0]!
type Added = { id: string; invitation: { url: string }; acceptance: { url: string } }
/** `email` given access to a programme by whoever holds `by`: an invitation, or an acceptance link for an account that exists. */
const invite = (by: string, programmeId: string, email: string, role: 'viewer' | 'lead') =>
  postJson<Added>(`/api/programmes/${programmeId}/people`, { email, role }, by)
const setPassword = (url: string) => call(`/api/password-links/${tokenOf(url)}`, json('POST', { password: PASSWORD }))
/** Someone invited who set a password and signed in: their session. */
async function member(by: string, programmeId: string, email: string, role: 'viewer' | 'lead'): Promise<string> {
  await setPassword((await invite(by, programmeId, email, role)).invitation.url)
  return signIn(email)
}
const addViewer = (c: Ctx, email: string) => invite(c.cookie, c.programmeId, email, 'viewer')

/** Closes the wave with 5 staff answers from the first partner: an action is recorded only for a group the results show. */
async function closeShown(c: Ctx): Promise<void> {
  for (let i = 0; i < 5; i++) await postJson(staffLink(c), staffAnswers(i + 1), '')
  await closeWave(c.cookie, c.waveId)
}
const actionOf = (c: Ctx) => ({
  waveId: c.waveId,
  partnerId: c.partners[0]!.id,
  dimension: 'coaching',
  what: 'Ketenoverleg',
})
/** An agreed action on the first partner, once the wave closed with its staff shown. */
async function addAction(c: Ctx): Promise<void> {
  await closeShown(c)
  c.extra.aid = (await postJson(`/api/programmes/${c.programmeId}/actions`, actionOf(c), c.cookie)).id
}
/** A wave planned in two months, without links. */
const laterWave = async (c: Ctx, label: string) =>
  void (c.extra.wid = await addWave(c.cookie, c.programmeId, { opensInDays: 60, closesInDays: 70, label }))

const SCENARIOS: Record<string, Scenario> = {
  'POST /api/session': {
    request: () => call('/api/session', json('POST', { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD })),
    status: 204,
    actions: [],
    why: 'signing in changes no programme',
  },
  'DELETE /api/session': {
    request: () => call('/api/session', { method: 'DELETE' }),
    status: 204,
    actions: [],
    why: 'signing out changes no programme',
  },
  'POST /api/s/:token/responses': {
    request: (c) => call(staffLink(c), json('POST', staffAnswers(1))),
    status: 201,
    actions: [],
    why: 'nothing about respondents or their answers goes in the trail',
  },
  'POST /api/programmes': {
    request: (c) => call('/api/programmes', json('POST', { name: 'Nieuwe keten' }, c.cookie)),
    status: 201,
    actions: ['programme.created'],
  },
  'PATCH /api/programmes/:pid': {
    request: (c) =>
      call(
        `/api/programmes/${c.programmeId}`,
        json(
          'PATCH',
          {
            name: 'Hernoemd',
            cadenceMonths: 6,
            cadenceOpenDays: 21,
            nextWaveAt: new Date(Date.now() + 60 * day).toISOString(),
          },
          c.cookie,
        ),
      ),
    status: 200,
    actions: ['programme.changed', 'cadence.changed'],
  },
  'POST /api/programmes/:pid/partners': {
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/partners`, json('POST', { name: 'CAK', headcount: 12 }, c.cookie)),
    status: 201,
    actions: ['partner.added'],
  },
  // One entry per partner of the paste, as the single add writes it; a refused paste none.
  'POST /api/programmes/:pid/partners/import': {
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/partners/import`, json('POST', { text: 'CAK\t12\nSVB;80;4' }, c.cookie)),
    status: 201,
    actions: ['partner.added', 'partner.added'],
  },
  'PATCH /api/programmes/:pid/partners/:partnerId': {
    request: (c) =>
      call(
        `/api/programmes/${c.programmeId}/partners/${c.partners[0]!.id}`,
        json('PATCH', { name: 'UWV Noord', headcounts: { teammanager: 7 } }, c.cookie),
      ),
    status: 200,
    actions: ['partner.renamed', 'headcount.changed'],
  },
  'DELETE /api/programmes/:pid/partners/:partnerId': {
    setup: async (c) =>
      void (c.extra.partnerId = (
        await postJson<{ id: string }>(
          `/api/programmes/${c.programmeId}/partners`,
          { name: 'Weg', headcount: 3 },
          c.cookie,
        )
      ).id),
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/partners/${c.extra.partnerId}`, { method: 'DELETE', cookie: c.cookie }),
    status: 204,
    actions: ['partner.removed'],
  },
  'POST /api/programmes/:pid/waves': {
    request: (c) =>
      call(
        `/api/programmes/${c.programmeId}/waves`,
        json(
          'POST',
          {
            label: 'Later',
            instrument: 'coachende-manager',
            opensAt: new Date(Date.now() + 40 * day).toISOString(),
            closesAt: new Date(Date.now() + 50 * day).toISOString(),
          },
          c.cookie,
        ),
      ),
    status: 201,
    actions: ['wave.created'],
  },
  'POST /api/programmes/:pid/people': {
    request: (c) =>
      call(
        `/api/programmes/${c.programmeId}/people`,
        json('POST', { email: unique('nieuw'), role: 'viewer' }, c.cookie),
      ),
    status: 201,
    actions: ['person.added', 'password-link.issued'],
  },
  'PATCH /api/programmes/:pid/people/:uid': {
    setup: async (c) => void (c.extra.uid = (await addViewer(c, unique('rol'))).id),
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/people/${c.extra.uid}`, json('PATCH', { role: 'lead' }, c.cookie)),
    status: 200,
    actions: ['person.changed'],
  },
  'DELETE /api/programmes/:pid/people/:uid': {
    setup: async (c) => void (c.extra.uid = (await addViewer(c, unique('weg'))).id),
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/people/${c.extra.uid}`, { method: 'DELETE', cookie: c.cookie }),
    status: 204,
    actions: ['person.removed'],
  },
  'POST /api/programmes/:pid/people/:uid/password-link': {
    setup: async (c) => void (c.extra.uid = (await addViewer(c, unique('reset'))).id),
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/people/${c.extra.uid}/password-link`, json('POST', {}, c.cookie)),
    status: 201,
    actions: ['password-link.issued'],
  },
  'POST /api/password-links/:token': {
    setup: async (c) => void (c.extra.token = tokenOf((await addViewer(c, unique('wachtwoord'))).invitation.url)),
    request: (c) => call(`/api/password-links/${c.extra.token}`, json('POST', { password: PASSWORD })),
    status: 204,
    actions: ['password.set'],
  },
  'POST /api/password-links/:token/accept': {
    setup: async (c) => {
      // An account that exists (a viewer of another programme), added here by the admin's lead.
      const other = await setupProgramme(c.cookie, ['Elders'])
      const lead = await member(c.cookie, other.programmeId, unique('aanvaard'), 'lead')
      const added = await invite(lead, other.programmeId, c.extra.existing!, 'viewer')
      c.extra.token = tokenOf(added.acceptance.url)
      c.extra.accepter = await signIn(c.extra.existing!)
      c.extra.trailOf = other.programmeId
    },
    request: (c) => call(`/api/password-links/${c.extra.token}/accept`, json('POST', {}, c.extra.accepter)),
    status: 200,
    actions: ['person.accepted'],
  },
  'PATCH /api/waves/:wid': {
    request: (c) =>
      call(
        `/api/waves/${c.waveId}`,
        json('PATCH', { label: 'Gesloten', closesAt: new Date(Date.now() - 60_000).toISOString() }, c.cookie),
      ),
    status: 200,
    actions: ['wave.renamed', 'wave.closed'],
  },
  'DELETE /api/waves/:wid': {
    setup: (c) => laterWave(c, 'Overslaan'),
    request: (c) => call(`/api/waves/${c.extra.wid}`, { method: 'DELETE', cookie: c.cookie }),
    status: 204,
    actions: ['wave.deleted'],
  },
  'POST /api/waves/:wid/links': {
    request: (c) =>
      call(
        `/api/waves/${c.waveId}/links`,
        json('POST', { partnerId: c.partners[0]!.id, role: 'medewerker' }, c.cookie),
      ),
    status: 201,
    actions: ['link.made'],
  },
  'POST /api/waves/:wid/link-set': {
    // A planned wave without links: the partner's three roles get one each.
    setup: (c) => laterWave(c, 'Volgende'),
    request: (c) => call(`/api/waves/${c.extra.wid}/link-set`, json('POST', {}, c.cookie)),
    status: 201,
    actions: ['link.made', 'link.made', 'link.made'],
  },
  'DELETE /api/waves/:wid/links/:lid': {
    setup: async (c) =>
      void (c.extra.lid = (
        (await (await call(`/api/waves/${c.waveId}/links`, { cookie: c.cookie })).json()) as { links: { id: string }[] }
      ).links[0]!.id),
    request: (c) => call(`/api/waves/${c.waveId}/links/${c.extra.lid}`, { method: 'DELETE', cookie: c.cookie }),
    status: 204,
    actions: ['link.revoked'],
  },
  // Agreed actions: after a wave closes, per partner and dimension.
  'POST /api/programmes/:pid/actions': {
    setup: closeShown,
    request: (c) => call(`/api/programmes/${c.programmeId}/actions`, json('POST', actionOf(c), c.cookie)),
    status: 201,
    actions: ['action.added'],
  },
  'PATCH /api/programmes/:pid/actions/:aid': {
    setup: addAction,
    request: (c) =>
      call(
        `/api/programmes/${c.programmeId}/actions/${c.extra.aid}`,
        json('PATCH', { status: 'done', due: '2026-06-30' }, c.cookie),
      ),
    status: 200,
    actions: ['action.changed'],
  },
  'DELETE /api/programmes/:pid/actions/:aid': {
    setup: addAction,
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/actions/${c.extra.aid}`, { method: 'DELETE', cookie: c.cookie }),
    status: 204,
    actions: ['action.removed'],
  },
  'PUT /api/programmes/:pid/action-policy': {
    request: (c) =>
      call(`/api/programmes/${c.programmeId}/action-policy`, json('PUT', { partnerViewers: true }, c.cookie)),
    status: 200,
    actions: ['action-policy.changed'],
  },
  // Not a change, but who downloaded which results is part of the trail.
  'GET /api/programmes/:pid/export.csv': {
    // Only a closed wave has results to export.
    setup: (c) => closeWave(c.cookie, c.waveId),
    request: (c) => call(`/api/programmes/${c.programmeId}/export.csv`, { cookie: c.cookie }),
    status: 200,
    actions: ['export.downloaded'],
  },
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])
const routes = () => [
  ...new Set(
    app.routes
      .filter((r) => STATE_CHANGING.has(r.method) && r.path.startsWith('/api/'))
      .map((r) => `${r.method} ${r.path}`),
  ),
]

type Entry = {
  seq: number
  programme_id: string
  at: string
  actor_id: string | null
  actor: string
  action: string
  target: string | null
  detail: string | null
}
const lastSeq = async () =>
  (await env.DB.prepare('SELECT COALESCE(MAX(seq), 0) AS n FROM audit').first<{ n: number }>())!.n
const since = async (seq: number) =>
  (await env.DB.prepare('SELECT * FROM audit WHERE seq > ?1 ORDER BY seq').bind(seq).all<Entry>()).results

let cookie: string
let existing: string

beforeAll(async () => {
  cookie = await signInAdmin()
  // One account that exists before the accept scenario adds it elsewhere.
  existing = unique('bestaand')
  const home = await setupProgramme(cookie, ['Thuis'])
  await setPassword((await invite(cookie, home.programmeId, existing, 'viewer')).invitation.url)
})

describe('audit trail', () => {
  it('has a scenario for every state-changing route of the Worker', () => {
    expect(routes().filter((r) => !SCENARIOS[r])).toEqual([])
  })

  it.each(Object.keys(SCENARIOS))('%s leaves one entry per change it made', async (route) => {
    const scenario = SCENARIOS[route]!
    const ctx: Ctx = { ...(await setupProgramme(cookie, ['UWV'])), cookie, extra: { existing } }
    await scenario.setup?.(ctx)
    const before = await lastSeq()
    const res = await scenario.request(ctx)
    const body = await res.text()
    expect(res.status, body.slice(0, 300)).toBe(scenario.status)
    const entries = await since(before)
    expect(entries.map((e) => e.action)).toEqual(scenario.actions)
    const programmeId =
      ctx.extra.trailOf ??
      (route === 'POST /api/programmes' ? (JSON.parse(body) as { id: string }).id : ctx.programmeId)
    for (const e of entries) {
      expect(e.programme_id).toBe(programmeId)
      expect(e.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/) // to the minute, no finer
      expect(e.actor).toMatch(/@/)
      expect(e.target).toBeTruthy()
    }
    // No token the answer carried, of a survey link or a password link, is in the trail.
    for (const [, token] of body.matchAll(/(?:\/s\/|\/password\/|"token":")([A-Za-z0-9_-]{22})/g))
      expect(JSON.stringify(entries)).not.toContain(token)
  })

  it('refuses to change or delete an entry while its programme exists, and goes with the programme', async () => {
    const ctx = await setupProgramme(cookie, ['UWV'])
    await expect(
      env.DB.prepare("UPDATE audit SET actor = 'iemand anders' WHERE programme_id = ?1").bind(ctx.programmeId).run(),
    ).rejects.toThrow(/append-only/)
    await expect(
      env.DB.prepare('DELETE FROM audit WHERE programme_id = ?1').bind(ctx.programmeId).run(),
    ).rejects.toThrow(/append-only/)
    await env.DB.prepare('DELETE FROM programmes WHERE id = ?1').bind(ctx.programmeId).run()
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM audit WHERE programme_id = ?1')
        .bind(ctx.programmeId)
        .first<{ n: number }>())!.n,
    ).toBe(0)
  })
})

describe('GET /api/programmes/:pid/audit', () => {
  it('pages the trail newest first, and refuses a page that is not a number (400)', async () => {
    const ctx = await setupProgramme(cookie, ['UWV', 'SVB'])
    // setupProgramme made: the programme, 2 partners, a wave, 6 links = 10 entries; 20 more partners make 30.
    for (let i = 0; i < 20; i++)
      await postJson(`/api/programmes/${ctx.programmeId}/partners`, { name: `Partner ${i}` }, cookie)
    const page = async (n?: string) =>
      (await (await call(`/api/programmes/${ctx.programmeId}/audit${n ? `?page=${n}` : ''}`, { cookie })).json()) as {
        entries: { action: string; target: string; actor: string; at: string }[]
        page: number
        pageSize: number
        more: boolean
      }
    const first = await page()
    expect(first).toMatchObject({ page: 1, pageSize: 25, more: true })
    expect(first.entries).toHaveLength(25)
    expect(first.entries[0]).toMatchObject({ action: 'partner.added', target: 'Partner 19', actor: env.ADMIN_EMAIL })
    const second = await page('2')
    expect(second.more).toBe(false)
    expect(second.entries.map((e) => e.action).at(-1)).toBe('programme.created')
    expect(first.entries.length + second.entries.length).toBe(30)
    // The setup page links to the older page.
    expect(await (await call(`/app/programmes/${ctx.programmeId}/setup?lang=nl`, { cookie })).text()).toContain(
      'href="?audit=2&amp;lang=nl#trail"',
    )
    const bad = await call(`/api/programmes/${ctx.programmeId}/audit?page=zero`, { cookie })
    expect(bad.status).toBe(400)
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/page: must be a page number/)
  })

  it("shows the trail on the setup page, in the reader's language, with pages", async () => {
    const ctx = await setupProgramme(cookie, ['UWV'])
    const html = await (await call(`/app/programmes/${ctx.programmeId}/setup?lang=nl`, { cookie })).text()
    expect(html).toContain('<h2 id="trail-heading">Logboek</h2>')
    expect(html).toContain('enquêtelink gemaakt')
    expect(html).toContain('UWV · medewerker')
    const en = await (await call(`/app/programmes/${ctx.programmeId}/setup?lang=en`, { cookie })).text()
    expect(en).toContain('Trail, page 1')
    expect(en).toContain('programme created')
    // A survey link's role in the reader's words, not its Dutch code.
    expect(en).toContain('UWV · staff member')
    expect(en).not.toContain('UWV · medewerker')
    // Each entry's time to the minute, in Dutch time as the heading says (not UTC, an hour behind
    // in winter), worded as the language writes a date.
    expect(html).toContain('Wanneer (Nederlandse tijd)')
    expect(en).toContain('When (Dutch time)')
    const times = (page: string) => [...page.matchAll(/<time datetime="([^"]+)">([^<]+)<\/time>/g)]
    expect(times(html).length).toBeGreaterThan(0)
    const dutch = (d: Date, part: Intl.DateTimeFormatOptions) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', hourCycle: 'h23', ...part }).format(d)
    for (const [, iso, text] of times(html)) {
      const d = new Date(iso!)
      const hm = dutch(d, { hour: '2-digit', minute: '2-digit' })
      expect(text).toMatch(
        new RegExp(`^${Number(dutch(d, { day: 'numeric' }))} [a-z]+\\.? ${dutch(d, { year: 'numeric' })}, ${hm}$`),
      )
    }
    for (const [, , text] of times(en)) expect(text).toMatch(/^\d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d$/)
  })
})

describe('an export and its entry in the trail', () => {
  const ins = findInstrument('coachende-manager')!
  const countedWorker = counted(worker)
  /** The export through the counting D1 wrapper of the benchmark: the response and its D1 tally. */
  async function exportCounted(pid: string, query = '', as = cookie) {
    // The session's last-seen time is refreshed at most once a minute, a round trip of its own: done first.
    await call('/api/programmes', { cookie: as })
    const res = await countedWorker.fetch!(
      new Request(`${BASE}/api/programmes/${pid}/export.csv${query}`, { headers: { cookie: as } }) as Request<
        unknown,
        IncomingRequestCfProperties
      >,
      env,
      createExecutionContext(),
    )
    return { status: res.status, text: await res.text(), tally: JSON.parse(res.headers.get('x-bench-d1')!) as Tally }
  }
  const answer = async (token: string, count: number) => {
    for (let i = 0; i < count; i++)
      await postJson(
        `/api/s/${token}/responses`,
        { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(i + 1), () => 3) },
        '',
      )
  }
  const exportsIn = async (pid: string) =>
    (
      await env.DB.prepare(
        "SELECT target, detail, actor FROM audit WHERE programme_id = ?1 AND action = 'export.downloaded' ORDER BY seq",
      )
        .bind(pid)
        .all<{ target: string; detail: string; actor: string }>()
    ).results
  /** An export's detail as the trail stores it: codes, worded when the trail is read. */
  const csvDetail = (lang: string, sep: string) => JSON.stringify([{ word: 'csv' }, { word: lang }, { word: sep }])
  /** The wave column of the export's first row of numbers. */
  const waveIn = (csv: string) => csv.split('\n')[1]!.split(',')[0]

  it('is written in the batch that reads the data: 2 sequential round trips, one entry per export', async () => {
    const ctx = await setupProgramme(cookie, ['UWV'], { label: 'Voorjaar' })
    await answer(ctx.links[ctx.partners[0]!.id]!.medewerker!, 5)
    await closeWave(cookie, ctx.waveId)
    // The first read after the wave closed publishes it: the entry follows the export, as it must.
    const first = await exportCounted(ctx.programmeId)
    expect(first.status, first.text).toBe(200)
    expect(await exportsIn(ctx.programmeId)).toEqual([
      { target: 'Voorjaar', detail: csvDetail('nl', 'comma'), actor: env.ADMIN_EMAIL },
    ])
    for (const query of ['', `?wave=${ctx.waveId}&lang=en&sep=semicolon`]) {
      const { status, text, tally } = await exportCounted(ctx.programmeId, query)
      expect(status, text).toBe(200)
      // The session, then access, data and entry together.
      expect(tally.sequential).toBe(2)
      expect(text).toContain('Voorjaar')
    }
    expect((await exportsIn(ctx.programmeId)).map((e) => e.detail)).toEqual([
      csvDetail('nl', 'comma'),
      csvDetail('nl', 'comma'),
      csvDetail('en', 'semicolon'),
    ])
  })

  it('names the wave exported when none is asked for, the one the dashboard shows, not merely the latest', async () => {
    const ctx = await setupProgramme(cookie, ['UWV'], { label: 'Eerste' })
    const token = ctx.links[ctx.partners[0]!.id]!.medewerker!
    await answer(token, 5)
    await closeWave(cookie, ctx.waveId)
    // A later wave, closed without answers: published, but it shows no number.
    const later = await addWave(cookie, ctx.programmeId, { opensInDays: 2 / 86_400, closesInDays: 30, label: 'Tweede' })
    await new Promise((r) => setTimeout(r, 2_500))
    await closeWave(cookie, later)
    await exportCounted(ctx.programmeId) // publishes both
    const shown = (
      (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).json()) as {
        wave: { label: string }
      }
    ).wave.label
    expect(shown).toBe('Eerste')
    const { status, text, tally } = await exportCounted(ctx.programmeId)
    expect(status, text).toBe(200)
    expect(tally.sequential).toBe(2)
    expect(waveIn(text)).toBe('Eerste')
    expect((await exportsIn(ctx.programmeId)).map((e) => e.target)).toEqual(['Eerste', 'Eerste'])
    // Asked for by id, the later one is exported and named.
    const asked = await exportCounted(ctx.programmeId, `?wave=${later}`)
    expect(asked.status, asked.text).toBe(200)
    expect(waveIn(asked.text)).toBe('Tweede')
    expect((await exportsIn(ctx.programmeId)).map((e) => e.target)).toEqual(['Eerste', 'Eerste', 'Tweede'])
  })

  it('leaves no entry for an export refused: a viewer, an unknown wave, a wave still open, someone without access', async () => {
    const ctx = await setupProgramme(cookie, ['UWV'])
    await answer(ctx.links[ctx.partners[0]!.id]!.medewerker!, 5)
    const open = await exportCounted(ctx.programmeId)
    expect(open.status).toBe(409)
    await closeWave(cookie, ctx.waveId)
    expect((await exportCounted(ctx.programmeId)).status).toBe(200)
    const entries = (await exportsIn(ctx.programmeId)).length
    // A viewer of this programme, and a lead of another one.
    const person = (pid: string, role: 'viewer' | 'lead') => member(cookie, pid, unique(role), role)
    const viewer = await person(ctx.programmeId, 'viewer')
    expect((await exportCounted(ctx.programmeId, '', viewer)).status).toBe(403)
    const other = await setupProgramme(cookie, ['SVB'])
    const outsider = await person(other.programmeId, 'lead')
    expect((await exportCounted(ctx.programmeId, '', outsider)).status).toBe(404)
    expect((await exportCounted(ctx.programmeId, '?wave=nope')).status).toBe(404)
    expect((await exportCounted(ctx.programmeId, `?wave=${other.waveId}`)).status).toBe(404)
    expect(await exportsIn(ctx.programmeId)).toHaveLength(entries)
    // A lead of the programme through a membership (not an administrator) is recorded, in the batch.
    const lead = await person(ctx.programmeId, 'lead')
    const byLead = await exportCounted(ctx.programmeId, '', lead)
    expect(byLead.status, byLead.text).toBe(200)
    expect(byLead.tally.sequential).toBe(2)
    expect((await exportsIn(ctx.programmeId)).at(-1)!.actor).toMatch(/^lead\./)
    expect(await exportsIn(other.programmeId)).toEqual([])
  })
})
