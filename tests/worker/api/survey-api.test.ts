import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { scoredQuestions } from '../../../worker/domain/instrument.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { rng, simulateAnswers } from '../../../worker/cli/simulate.ts'
import { addWave, call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

const ins = findInstrument('coachende-manager')!
let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let staffToken: string

/** Every row of every table, to prove a refused request changed nothing. */
async function dump(): Promise<string> {
  const tables = ['programmes', 'partners', 'waves', 'links', 'responses', 'rollups']
  const parts = await Promise.all(tables.map(async (t) => JSON.stringify((await env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()).results)))
  return parts.join('\n')
}

const answersFor = (role: 'medewerker' | 'teammanager' | 'tactisch', seed: number) => simulateAnswers(ins, role, rng(seed), () => 3.5)

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie)
  staffToken = ctx.links[ctx.partners[0]!.id]!.medewerker!
})

describe('GET /api/s/:token', () => {
  it('returns the instrument for the role, the wave, partner and closing date', async () => {
    const res = await call(`/api/s/${staffToken}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    const body = (await res.json()) as { instrument: { pages: { elements: { name: string }[] }[] }; wave: string; partner: string; role: string; closesAt: string }
    expect(body).toMatchObject({ wave: '2026-1', partner: 'UWV', role: 'medewerker' })
    const names = body.instrument.pages.flatMap((p) => p.elements.map((e) => e.name))
    expect(names).toEqual(scoredQuestions(ins, 'medewerker').map((q) => q.name))
  })

  it('gives tactical managers only the tactical items of a version-1 wave', async () => {
    const v1 = findInstrument('coachende-manager', 1)!
    const old = await setupProgramme(cookie, ['UWV'], { instrumentVersion: 1 })
    const res = await call(`/api/s/${old.links[old.partners[0]!.id]!.tactisch}`)
    const body = (await res.json()) as { instrument: { pages: { elements: { name: string }[] }[] } }
    const names = body.instrument.pages.flatMap((p) => p.elements.map((e) => e.name))
    expect(names.length).toBeGreaterThan(0)
    expect(names).toEqual(scoredQuestions(v1, 'tactisch').map((q) => q.name))
    expect(new Set(scoredQuestions(v1, 'tactisch').map((q) => q.dimension))).toEqual(new Set(['luisteren', 'ketendoel', 'ketenprioriteit']))
  })

  it('makes a new wave on version 2, asking each role what it can observe', async () => {
    expect(ins.version).toBe(2)
    for (const [role, dimensions] of [
      ['medewerker', ['coaching', 'autonomie', 'kader', 'steun', 'ketensamenwerking']],
      ['teammanager', ['coaching', 'autonomie', 'kader', 'steun', 'ketensamenwerking', 'luisteren_bewaken', 'omslag']],
      ['tactisch', ['ketensamenwerking', 'luisteren_bewaken', 'omslag']],
    ] as const) {
      const body = (await (await call(`/api/s/${ctx.links[ctx.partners[0]!.id]![role]}`)).json()) as { instrument: { pages: { elements: { name: string }[] }[] } }
      const names = body.instrument.pages.flatMap((p) => p.elements.map((e) => e.name))
      expect(names, role).toEqual(scoredQuestions(ins, role).map((q) => q.name))
      expect([...new Set(scoredQuestions(ins, role).map((q) => q.dimension))], role).toEqual([...dimensions])
    }
  })

  it('answers 404 problem+json for an unknown or malformed token', async () => {
    for (const token of ['AAAAAAAAAAAAAAAAAAAAAA', 'short', 'x'.repeat(200), '%27%20OR%201%3D1']) {
      const res = await call(`/api/s/${token}`)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(((await res.json()) as { detail: string }).detail).toMatch(/link/)
    }
  })

  it('answers 410 for a closed wave and for one not open yet', async () => {
    // A closed wave gets no new links: its link is made while it is open, then it is closed.
    const other = await setupProgramme(cookie, ['Elders'])
    await closeWave(cookie, other.waveId)
    const planned = await addWave(cookie, ctx.programmeId, { opensInDays: 30, closesInDays: 60, label: 'future' })
    const plannedLink = await postJson<{ token: string }>(`/api/waves/${planned}/links`, { partnerId: ctx.partners[0]!.id, role: 'medewerker' }, cookie)
    for (const token of [other.links[other.partners[0]!.id]!.medewerker!, plannedLink.token]) {
      const res = await call(`/api/s/${token}`)
      expect(res.status).toBe(410)
      const post = await call(`/api/s/${token}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers: answersFor('medewerker', 1) } })
      expect(post.status).toBe(410)
    }
  })
})

describe('POST /api/s/:token/responses', () => {
  it('stores a valid response once (201), then answers the same id with 200 and stores nothing twice', async () => {
    const id = crypto.randomUUID()
    const answers = answersFor('medewerker', 7)
    const first = await call(`/api/s/${staffToken}/responses`, { method: 'POST', json: { id, answers } })
    expect(first.status).toBe(201)
    const before = await dump()
    const again = await call(`/api/s/${staffToken}/responses`, { method: 'POST', json: { id, answers } })
    expect(again.status).toBe(200)
    expect(await dump()).toBe(before)
    const row = await env.DB.prepare('SELECT * FROM responses WHERE id = ?1').bind(id).first<Record<string, unknown>>()
    // Nothing but the cell, the answers and the scores: no time, IP, user agent or token.
    expect(Object.keys(row!).sort()).toEqual(['answers', 'id', 'partner_id', 'role', 'scores', 'wave_id'])
  })

  it('refuses a replayed id with different answers (409) and keeps the first', async () => {
    const id = crypto.randomUUID()
    await postJson(`/api/s/${staffToken}/responses`, { id, answers: answersFor('medewerker', 8) }, '')
    const before = await dump()
    const res = await call(`/api/s/${staffToken}/responses`, { method: 'POST', json: { id, answers: answersFor('medewerker', 9) } })
    expect(res.status).toBe(409)
    expect(await dump()).toBe(before)
  })

  it('stores one response when the same id races itself', async () => {
    const id = crypto.randomUUID()
    const answers = answersFor('medewerker', 11)
    const results = await Promise.all(Array.from({ length: 4 }, () => call(`/api/s/${staffToken}/responses`, { method: 'POST', json: { id, answers } })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201])
    const { n } = (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE id = ?1').bind(id).first<{ n: number }>())!
    expect(n).toBe(1)
  })

  const valid = () => answersFor('medewerker', 12)
  const first = () => scoredQuestions(ins, 'medewerker')[0]!.name
  const invalid: [string, () => unknown, number, RegExp][] = [
    ['a value above the scale', () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: 7 } }), 400, /whole number from 1 to 5/],
    ['a value below the scale', () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: 0 } }), 400, /whole number/],
    ['a fraction', () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: 2.5 } }), 400, /whole number/],
    ['a number as a string', () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: '3' } }), 400, /whole number/],
    ['an unknown question', () => ({ id: crypto.randomUUID(), answers: { ...valid(), bogus_9: 3 } }), 400, /not a question/],
    ['a __proto__ key', () => JSON.parse(`{"id":"${crypto.randomUUID()}","answers":{"__proto__":{"x":1}}}`), 400, /not a question|required/],
    ['a required question missing', () => { const a = valid(); delete a[first()]; return { id: crypto.randomUUID(), answers: a } }, 400, /required question/],
    ['a question of another role', () => ({ id: crypto.randomUUID(), answers: { ...valid(), zzz: 1 } }), 400, /not a question/],
    ['an id that is not a UUID', () => ({ id: '1', answers: valid() }), 400, /id: must be a UUID/],
    ['answers that are an array', () => ({ id: crypto.randomUUID(), answers: [1, 2] }), 400, /answers/],
    ['an extra field', () => ({ id: crypto.randomUUID(), answers: valid(), ip: '1.2.3.4' }), 400, /ip|Unrecognized/i],
  ]
  for (const [what, body, status, detail] of invalid) {
    it(`refuses ${what} with ${status} and changes nothing`, async () => {
      const before = await dump()
      const res = await call(`/api/s/${staffToken}/responses`, { method: 'POST', json: body() })
      expect(res.status).toBe(status)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(((await res.json()) as { detail: string }).detail).toMatch(detail)
      expect(await dump()).toBe(before)
    })
  }

  it('refuses malformed JSON, a wrong content type and a body over 64 KB', async () => {
    const before = await dump()
    const bad = await call(`/api/s/${staffToken}/responses`, { method: 'POST', body: '{"id":', headers: { 'content-type': 'application/json' } })
    expect(bad.status).toBe(400)
    const form = await call(`/api/s/${staffToken}/responses`, { method: 'POST', body: 'id=1', headers: { 'content-type': 'application/x-www-form-urlencoded' } })
    expect(form.status).toBe(415)
    const big = await call(`/api/s/${staffToken}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers: { x: 'a'.repeat(70 * 1024) } } })
    expect(big.status).toBe(413)
    for (const res of [bad, form, big]) expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(await dump()).toBe(before)
  })

  it('limits submissions per link to 30 a minute with 429 and Retry-After', async () => {
    // An unknown token of the right shape: counted by the limiter, then refused with 404, storing nothing.
    const token = 'B'.repeat(21) + 'x'
    const body = { id: crypto.randomUUID(), answers: {} }
    const statuses = await Promise.all(Array.from({ length: 30 }, () => call(`/api/s/${token}/responses`, { method: 'POST', json: body }).then((r) => r.status)))
    expect(new Set(statuses)).toEqual(new Set([404]))
    const res = await call(`/api/s/${token}/responses`, { method: 'POST', json: body })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
    // Other links go on as before.
    expect((await call(`/api/s/${staffToken}`)).status).toBe(200)
  })

  it('answers 404 for an unknown token', async () => {
    const res = await call('/api/s/AAAAAAAAAAAAAAAAAAAAAA/responses', { method: 'POST', json: { id: crypto.randomUUID(), answers: valid() } })
    expect(res.status).toBe(404)
  })

  it('keeps rollups equal to the sums recomputed from the stored responses', async () => {
    const partner = ctx.partners[1]!
    for (const role of ['medewerker', 'teammanager', 'tactisch'] as const) {
      for (let i = 0; i < 6; i++) {
        await postJson(`/api/s/${ctx.links[partner.id]![role]}/responses`, { id: crypto.randomUUID(), answers: answersFor(role, 100 + i) }, '')
      }
    }
    const { results: rollups } = await env.DB.prepare('SELECT role, n, stats FROM rollups WHERE partner_id = ?1').bind(partner.id).all<{ role: string; n: number; stats: string }>()
    expect(rollups).toHaveLength(3)
    for (const r of rollups) {
      const { results: rows } = await env.DB.prepare('SELECT scores FROM responses WHERE partner_id = ?1 AND role = ?2').bind(partner.id, r.role).all<{ scores: string }>()
      expect(r.n).toBe(rows.length)
      const stats = JSON.parse(r.stats) as Record<string, number[]>
      for (const [dim, [n, sum, sumsq]] of Object.entries(stats) as [string, number[]][]) {
        const scores = rows.map((x) => (JSON.parse(x.scores) as Record<string, number | null>)[dim]).filter((s): s is number => s !== null && s !== undefined)
        expect(n).toBe(scores.length)
        expect(sum).toBeCloseTo(scores.reduce((a, b) => a + b, 0), 9)
        expect(sumsq).toBeCloseTo(scores.reduce((a, b) => a + b * b, 0), 9)
      }
    }
  })

  it('takes answers of each role on a version-1 and a version-2 wave, each scored by its own version, and refuses the other version\'s answers', async () => {
    const v1 = findInstrument('coachende-manager', 1)!
    const old = await setupProgramme(cookie, ['SVB'], { instrumentVersion: 1 })
    for (const [instrument, c] of [[v1, old], [ins, ctx]] as const) {
      const other = instrument === v1 ? ins : v1
      for (const role of ['medewerker', 'teammanager', 'tactisch'] as const) {
        const token = c.links[c.partners[0]!.id]![role]!
        const id = crypto.randomUUID()
        const answers = simulateAnswers(instrument, role, rng(300), () => 3.5)
        expect((await call(`/api/s/${token}/responses`, { method: 'POST', json: { id, answers } })).status, `v${instrument.version} ${role}`).toBe(201)
        const row = await env.DB.prepare('SELECT scores FROM responses WHERE id = ?1').bind(id).first<{ scores: string }>()
        expect(Object.keys(JSON.parse(row!.scores) as object), `v${instrument.version} ${role}`).toEqual([...new Set(scoredQuestions(instrument, role).map((q) => q.dimension))])
        const wrong = await call(`/api/s/${token}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers: simulateAnswers(other, role, rng(301), () => 3.5) } })
        expect(wrong.status, `v${other.version} answers on a v${instrument.version} ${role} link`).toBe(400)
      }
    }
  })
})
