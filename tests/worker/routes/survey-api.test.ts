import { env } from 'cloudflare:workers'
import { createExecutionContext } from 'cloudflare:test'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { cellDelta } from '../../../worker/domain/rollup.ts'
import { MAX_ANSWER_PROBLEMS, scoreAnswers, type Answers } from '../../../worker/domain/scoring.ts'
import { sha256Hex } from '../../../worker/db/ids.ts'
import { storeClaimedResponse } from '../../../worker/db/responses.ts'
import worker from '../../../worker/index.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { counted, type Tally } from '../../bench/worker/counted.ts'
import { addWave, BASE, call, closeWave, inOneWindow, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

const ins = findInstrument('coachende-manager')!
let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let staffToken: string

/** Every row of every table, to prove a refused request changed nothing. */
async function dump(): Promise<string> {
  const tables = ['programmes', 'partners', 'waves', 'links', 'responses', 'rollups']
  const parts = await Promise.all(
    tables.map(async (t) => JSON.stringify((await env.DB.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()).results)),
  )
  return parts.join('\n')
}

const answersFor = (role: 'medewerker' | 'teammanager' | 'tactisch', seed: number) =>
  simulateAnswers(ins, role, rng(seed), () => 3.5)

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
    const body = (await res.json()) as {
      instrument: { pages: { elements: { name: string }[] }[] }
      wave: string
      partner: string
      role: string
      closesAt: string
    }
    expect(body).toMatchObject({ wave: '2026-1', partner: 'UWV', role: 'medewerker' })
    const names = body.instrument.pages.flatMap((p) => p.elements.map((e) => e.name))
    expect(names).toEqual(scoredQuestions(ins, 'medewerker').map((q) => q.name))
  })

  it('shows a renamed partner at once, not the name its link was cached with', async () => {
    const own = await setupProgramme(cookie, ['Oud'])
    const partner = own.partners[0]!.id
    const link = `/api/s/${own.links[partner]!.medewerker}`
    expect(((await (await call(link)).json()) as { partner: string }).partner).toBe('Oud')
    const renamed = await call(`/api/programmes/${own.programmeId}/partners/${partner}`, {
      method: 'PATCH',
      json: { name: 'Nieuw' },
      cookie,
    })
    expect(renamed.status).toBe(200)
    expect(((await (await call(link)).json()) as { partner: string }).partner).toBe('Nieuw')
  })

  it('gives tactical managers only the tactical items of a version-1 wave', async () => {
    const v1 = findInstrument('coachende-manager', 1)!
    const old = await setupProgramme(cookie, ['UWV'], { instrumentVersion: 1 })
    const res = await call(`/api/s/${old.links[old.partners[0]!.id]!.tactisch}`)
    const body = (await res.json()) as { instrument: { pages: { elements: { name: string }[] }[] } }
    const names = body.instrument.pages.flatMap((p) => p.elements.map((e) => e.name))
    expect(names.length).toBeGreaterThan(0)
    expect(names).toEqual(scoredQuestions(v1, 'tactisch').map((q) => q.name))
    expect(new Set(scoredQuestions(v1, 'tactisch').map((q) => q.dimension))).toEqual(
      new Set(['luisteren', 'ketendoel', 'ketenprioriteit']),
    )
  })

  it('makes a new wave on version 5, the latest, asking each role what it can observe', async () => {
    expect(ins.version).toBe(5)
    for (const [role, dimensions] of [
      ['medewerker', ['coaching', 'autonomie', 'kader', 'steun', 'ketensamenwerking']],
      ['teammanager', ['coaching', 'autonomie', 'kader', 'steun', 'ketensamenwerking', 'luisteren_bewaken', 'omslag']],
      ['tactisch', ['ketensamenwerking', 'luisteren_bewaken', 'omslag']],
    ] as const) {
      const body = (await (await call(`/api/s/${ctx.links[ctx.partners[0]!.id]![role]}`)).json()) as {
        instrument: { pages: { elements: { name: string }[] }[] }
      }
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
    const plannedLink = await postJson<{ token: string }>(
      `/api/waves/${planned}/links`,
      { partnerId: ctx.partners[0]!.id, role: 'medewerker' },
      cookie,
    )
    for (const token of [other.links[other.partners[0]!.id]!.medewerker!, plannedLink.token]) {
      const res = await call(`/api/s/${token}`)
      expect(res.status).toBe(410)
      const post = await call(`/api/s/${token}/responses`, {
        method: 'POST',
        json: { id: crypto.randomUUID(), answers: answersFor('medewerker', 1) },
      })
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
    const res = await call(`/api/s/${staffToken}/responses`, {
      method: 'POST',
      json: { id, answers: answersFor('medewerker', 9) },
    })
    expect(res.status).toBe(409)
    expect(await dump()).toBe(before)
  })

  it('stores one response when the same id races itself', async () => {
    const id = crypto.randomUUID()
    const answers = answersFor('medewerker', 11)
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        call(`/api/s/${staffToken}/responses`, { method: 'POST', json: { id, answers } }),
      ),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201])
    const { n } = (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE id = ?1')
      .bind(id)
      .first<{ n: number }>())!
    expect(n).toBe(1)
  })

  const valid = () => answersFor('medewerker', 12)
  const first = () => scoredQuestions(ins, 'medewerker')[0]!.name
  const invalid: [string, () => unknown, number, RegExp][] = [
    [
      'a value above the scale',
      () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: 7 } }),
      400,
      /whole number from 1 to 5/,
    ],
    [
      'a value below the scale',
      () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: 0 } }),
      400,
      /whole number/,
    ],
    ['a fraction', () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: 2.5 } }), 400, /whole number/],
    [
      'a number as a string',
      () => ({ id: crypto.randomUUID(), answers: { ...valid(), [first()]: '3' } }),
      400,
      /whole number/,
    ],
    [
      'an unknown question',
      () => ({ id: crypto.randomUUID(), answers: { ...valid(), bogus_9: 3 } }),
      400,
      /not a question/,
    ],
    [
      'a __proto__ key',
      () => JSON.parse(`{"id":"${crypto.randomUUID()}","answers":{"__proto__":{"x":1}}}`),
      400,
      /not a question|required/,
    ],
    [
      'a required question missing',
      () => {
        const a = valid()
        delete a[first()]
        return { id: crypto.randomUUID(), answers: a }
      },
      400,
      /required question/,
    ],
    [
      'a question of another role',
      () => ({ id: crypto.randomUUID(), answers: { ...valid(), zzz: 1 } }),
      400,
      /not a question/,
    ],
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

  it("words what is wrong with the answers in the respondent's language, each fault with its path and code", async () => {
    const answers = { ...valid(), [first()]: 7, bogus_9: 3 }
    const second = scoredQuestions(ins, 'medewerker')[1]!.name
    delete answers[second]
    const before = await dump()
    const nl = (await (
      await call(`/api/s/${staffToken}/responses`, {
        method: 'POST',
        json: { id: crypto.randomUUID(), answers },
        headers: { 'accept-language': 'nl' },
      })
    ).json()) as { detail: string; errors: { path: string; code: string; message: string }[] }
    // A Dutch refusal once went on in English ("must be a whole number from 1 to 5…; required questions not answered").
    expect(nl.detail).toBe(
      `De antwoorden kloppen niet. "${first()}" moet een geheel getal van 1 tot en met 5 zijn of "nvt" (weet ik niet), niet 7; "bogus_9" is geen vraag van deze vragenlijst; verplichte vraag niet beantwoord: ${second}`,
    )
    expect(nl.errors).toEqual([
      { path: `answers.${first()}`, code: 'off-scale', message: expect.stringMatching(/moet een geheel getal/) },
      { path: 'answers.bogus_9', code: 'not-a-question', message: expect.stringMatching(/is geen vraag/) },
      { path: 'answers', code: 'unanswered', message: `verplichte vraag niet beantwoord: ${second}` },
    ])
    const en = (await (
      await call(`/api/s/${staffToken}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers } })
    ).json()) as { detail: string; errors: { code: string }[] }
    expect(en.detail).toMatch(/^"[a-z_0-9]+" must be a whole number from 1 to 5 or "nvt" \(don't know\), not 7; /)
    expect(en.errors.map((e) => e.code)).toEqual(['off-scale', 'not-a-question', 'unanswered'])
    expect(await dump()).toBe(before)
  })

  it('lists at most 20 faults of a refused answer set, counting the rest', async () => {
    const bogus = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`bogus_${i}`, 3]))
    const res = await call(`/api/s/${staffToken}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: { ...valid(), ...bogus } },
      headers: { 'accept-language': 'nl' },
    })
    expect(res.status).toBe(400)
    const body = (await res.json()) as { detail: string; errors: { code: string; message: string }[] }
    expect(MAX_ANSWER_PROBLEMS).toBe(20)
    expect(body.errors).toHaveLength(MAX_ANSWER_PROBLEMS + 1)
    expect(body.errors.at(-1)).toEqual({ path: 'answers', code: 'more', message: 'en nog 480 andere fouten' })
    expect(body.detail).toMatch(/; en nog 480 andere fouten$/)
  })

  it('refuses malformed JSON, a wrong content type and a body over 64 KB', async () => {
    const before = await dump()
    const bad = await call(`/api/s/${staffToken}/responses`, {
      method: 'POST',
      body: '{"id":',
      headers: { 'content-type': 'application/json' },
    })
    expect(bad.status).toBe(400)
    // In our own words, not Hono's ("Malformed JSON in request body"), which a Dutch detail would quote in English.
    expect(await bad.json()).toMatchObject({
      code: 'unreadable-request',
      detail: 'The request could not be read. Send a JSON object.',
    })
    const dutch = await call(`/api/s/${staffToken}/responses?lang=nl`, {
      method: 'POST',
      body: '{"id":',
      headers: { 'content-type': 'application/json' },
    })
    expect(((await dutch.json()) as { detail: string }).detail).toBe(
      'Het verzoek kon niet worden gelezen. Stuur een JSON-object.',
    )
    const form = await call(`/api/s/${staffToken}/responses`, {
      method: 'POST',
      body: 'id=1',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(415)
    const big = await call(`/api/s/${staffToken}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: { x: 'a'.repeat(70 * 1024) } },
    })
    expect(big.status).toBe(413)
    for (const res of [bad, form, big]) expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(await dump()).toBe(before)
  })

  it('limits submissions per link to 30 a minute with 429 and Retry-After, counting only what would be stored', async () => {
    // An unknown token of the right shape with answers that claim what was served: counted by the
    // limiter, then refused with 404, storing nothing.
    const token = `${'B'.repeat(21)}x`
    const body = {
      id: crypto.randomUUID(),
      answers: answersFor('medewerker', 36),
      instrument: ins.id,
      version: ins.version,
      role: 'medewerker',
    }
    const statuses = await inOneWindow(() =>
      Promise.all(
        Array.from({ length: 30 }, () =>
          call(`/api/s/${token}/responses`, { method: 'POST', json: { ...body, id: crypto.randomUUID() } }).then(
            (r) => r.status,
          ),
        ),
      ),
    )
    expect(new Set(statuses)).toEqual(new Set([404]))
    const res = await call(`/api/s/${token}/responses`, { method: 'POST', json: body })
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('60')
    // The same link from another client network has a budget of its own.
    const elsewhere = await call(`/api/s/${token}/responses`, {
      method: 'POST',
      json: body,
      headers: { 'cf-connecting-ip': '192.0.2.7' },
    })
    expect(elsewhere.status).toBe(404)
    // A set refused for its answers spends nothing: 40 of them, none limited.
    const other = `${'D'.repeat(21)}x`
    const refused = await Promise.all(
      Array.from({ length: 40 }, () =>
        call(`/api/s/${other}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers: {} } }).then(
          (r) => r.status,
        ),
      ),
    )
    expect(new Set(refused)).toEqual(new Set([404]))
    // Other links go on as before.
    expect((await call(`/api/s/${staffToken}`)).status).toBe(200)
  })

  it('answers 404 for an unknown token', async () => {
    const res = await call('/api/s/AAAAAAAAAAAAAAAAAAAAAA/responses', {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: valid() },
    })
    expect(res.status).toBe(404)
  })

  it('keeps rollups equal to the sums recomputed from the stored responses', async () => {
    const partner = ctx.partners[1]!
    for (const role of ['medewerker', 'teammanager', 'tactisch'] as const) {
      for (let i = 0; i < 6; i++) {
        await postJson(
          `/api/s/${ctx.links[partner.id]![role]}/responses`,
          { id: crypto.randomUUID(), answers: answersFor(role, 100 + i) },
          '',
        )
      }
    }
    const { results: rollups } = await env.DB.prepare('SELECT role, n, stats FROM rollups WHERE partner_id = ?1')
      .bind(partner.id)
      .all<{ role: string; n: number; stats: string }>()
    expect(rollups).toHaveLength(3)
    for (const r of rollups) {
      const { results: rows } = await env.DB.prepare(
        'SELECT scores, answers FROM responses WHERE partner_id = ?1 AND role = ?2',
      )
        .bind(partner.id, r.role)
        .all<{ scores: string; answers: string }>()
      expect(r.n).toBe(rows.length)
      const stats = JSON.parse(r.stats) as Record<string, number[]>
      // Beside the dimensions: staff's scores on the shared questions and the cell's item sums, the same sums of its answer sets.
      const role = r.role as 'medewerker' | 'teammanager' | 'tactisch'
      const answers = rows.map((x) => JSON.parse(x.answers) as Answers)
      for (const [d, want] of Object.entries(
        answers.reduce<Record<string, number[]>>((acc, a) => {
          for (const [key, v] of Object.entries(cellDelta(ins, role, a, scoreAnswers(ins, role, a))))
            if (key.includes('@')) acc[key] = v.map((x, i) => x + (acc[key]?.[i] ?? 0))
          return acc
        }, {}),
      )) {
        expect(stats[d]!.length).toBe(want.length)
        stats[d]!.forEach((x, i) => {
          expect(x).toBeCloseTo(want[i]!, 9)
        })
      }
      expect(Object.keys(stats).filter((key) => key.endsWith('@shared'))).toEqual(
        role === 'medewerker' ? ['autonomie@shared', 'steun@shared'] : [],
      )
      for (const [dim, [n, sum, sumsq]] of Object.entries(stats).filter(([key]) => !key.includes('@')) as [
        string,
        number[],
      ][]) {
        const scores = rows
          .map((x) => (JSON.parse(x.scores) as Record<string, number | null>)[dim])
          .filter((s): s is number => s !== null && s !== undefined)
        expect(n).toBe(scores.length)
        expect(sum).toBeCloseTo(
          scores.reduce((a, b) => a + b, 0),
          9,
        )
        expect(sumsq).toBeCloseTo(
          scores.reduce((a, b) => a + b * b, 0),
          9,
        )
      }
    }
  })

  it("takes answers of each role on a version-1 and a version-5 wave, each scored by its own version, and refuses the other version's answers", async () => {
    const v1 = findInstrument('coachende-manager', 1)!
    const old = await setupProgramme(cookie, ['SVB'], { instrumentVersion: 1 })
    for (const [instrument, c] of [
      [v1, old],
      [ins, ctx],
    ] as const) {
      const other = instrument === v1 ? ins : v1
      for (const role of ['medewerker', 'teammanager', 'tactisch'] as const) {
        const token = c.links[c.partners[0]!.id]![role]!
        const id = crypto.randomUUID()
        const answers = simulateAnswers(instrument, role, rng(300), () => 3.5)
        expect(
          (await call(`/api/s/${token}/responses`, { method: 'POST', json: { id, answers } })).status,
          `v${instrument.version} ${role}`,
        ).toBe(201)
        const row = await env.DB.prepare('SELECT scores FROM responses WHERE id = ?1')
          .bind(id)
          .first<{ scores: string }>()
        expect(Object.keys(JSON.parse(row!.scores) as object), `v${instrument.version} ${role}`).toEqual([
          ...new Set(scoredQuestions(instrument, role).map((q) => q.dimension)),
        ])
        const wrong = await call(`/api/s/${token}/responses`, {
          method: 'POST',
          json: { id: crypto.randomUUID(), answers: simulateAnswers(other, role, rng(301), () => 3.5) },
        })
        expect(wrong.status, `v${other.version} answers on a v${instrument.version} ${role} link`).toBe(400)
      }
    }
  })
})

describe('POST /api/s/:token/responses with what the survey page served: one round trip', () => {
  const countedWorker = counted(worker)
  /** What the survey page sends: the answers and the instrument version and role they were given to. */
  const served = (role: Role, answers: unknown, id: string = crypto.randomUUID()) => ({
    id,
    answers,
    instrument: ins.id,
    version: ins.version,
    role,
  })
  /** The submission through the benchmark's counting D1 wrapper: status, body and D1 tally. */
  async function submit(token: string, body: unknown) {
    const res = await countedWorker.fetch!(
      new Request(`${BASE}/api/s/${token}/responses`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }) as Request<unknown, IncomingRequestCfProperties>,
      env,
      createExecutionContext(),
    )
    return {
      status: res.status,
      body: (await res.json()) as { code?: string; detail?: string; closesAt?: string; opensAt?: string },
      tally: JSON.parse(res.headers.get('x-bench-d1')!) as Tally,
    }
  }
  const oneTrip = (tally: Tally) => {
    expect(tally.sequential).toBe(1)
    expect(tally.batches).toBe(1)
  }
  let token: string
  beforeAll(async () => {
    const own = await setupProgramme(cookie, ['Eigen'])
    token = own.links[own.partners[0]!.id]!.medewerker!
  })

  it('stores it (201) with one batch, a retry answers 200 and a reused id 409, each in one round trip', async () => {
    const id = crypto.randomUUID()
    const answers = answersFor('medewerker', 21)
    const first = await submit(token, served('medewerker', answers, id))
    expect(first.status, JSON.stringify(first.body)).toBe(201)
    oneTrip(first.tally)
    const row = await env.DB.prepare('SELECT * FROM responses WHERE id = ?1').bind(id).first<Record<string, unknown>>()
    // Nothing but the cell, the answers and the scores: no time, IP, user agent, token or what the page served.
    expect(Object.keys(row!).sort()).toEqual(['answers', 'id', 'partner_id', 'role', 'scores', 'wave_id'])
    const before = await dump()
    // A retry in any key order is the same answer set.
    const again = await submit(token, served('medewerker', Object.fromEntries(Object.entries(answers).reverse()), id))
    expect(again.status).toBe(200)
    oneTrip(again.tally)
    const reused = await submit(token, served('medewerker', answersFor('medewerker', 22), id))
    expect(reused.status).toBe(409)
    expect(reused.body.detail).toMatch(/already stored under this id/)
    oneTrip(reused.tally)
    expect(await dump()).toBe(before)
    // The same answers without what the page served go the way they always went, and agree.
    expect((await call(`/api/s/${token}/responses`, { method: 'POST', json: { id, answers } })).status).toBe(200)
  })

  it('counts it in its rollup, as the submission that reads the link first does', async () => {
    const own = await setupProgramme(cookie, ['Som'])
    const [claimed, plain] = [own.links[own.partners[0]!.id]!.teammanager!, own.links[own.partners[0]!.id]!.tactisch!]
    for (let i = 0; i < 4; i++) {
      expect((await submit(claimed, served('teammanager', answersFor('teammanager', 300 + i)))).status).toBe(201)
      expect(
        (
          await call(`/api/s/${plain}/responses`, {
            method: 'POST',
            json: { id: crypto.randomUUID(), answers: answersFor('tactisch', 300 + i) },
          })
        ).status,
      ).toBe(201)
    }
    const { results } = await env.DB.prepare('SELECT role, n, stats FROM rollups WHERE partner_id = ?1 ORDER BY role')
      .bind(own.partners[0]!.id)
      .all<{ role: string; n: number; stats: string }>()
    expect(results.map((r) => [r.role, r.n])).toEqual([
      ['tactisch', 4],
      ['teammanager', 4],
    ])
    const stats = JSON.parse(results[1]!.stats) as Record<string, number[]>
    const { results: rows } = await env.DB.prepare(
      "SELECT scores FROM responses WHERE partner_id = ?1 AND role = 'teammanager'",
    )
      .bind(own.partners[0]!.id)
      .all<{ scores: string }>()
    // The dimensions' moments; the `@` entries beside them are checked in 'keeps rollups equal to the sums…'.
    for (const [dim, [n, sum]] of Object.entries(stats).filter(([key]) => !key.includes('@')) as [string, number[]][]) {
      const scores = rows
        .map((x) => (JSON.parse(x.scores) as Record<string, number | null>)[dim])
        .filter((s): s is number => typeof s === 'number')
      expect(n).toBe(scores.length)
      expect(sum).toBeCloseTo(
        scores.reduce((a, b) => a + b, 0),
        9,
      )
    }
  })

  it('stores one answer set when the same id races itself', async () => {
    const body = served('medewerker', answersFor('medewerker', 23))
    const results = await Promise.all(Array.from({ length: 4 }, () => submit(token, body)))
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201])
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE id = ?1').bind(body.id).first<{ n: number }>())!
        .n,
    ).toBe(1)
  })

  it('answers 404 for an unknown or withdrawn link, 410 for a wave closed or not open yet, in one round trip, storing nothing', async () => {
    const own = await setupProgramme(cookie, ['Dicht', 'Weg'])
    const withdrawn = own.links[own.partners[1]!.id]!.medewerker!
    const { links } = (await (await call(`/api/waves/${own.waveId}/links`, { cookie })).json()) as {
      links: { id: string; partnerId: string; role: string }[]
    }
    const id = links.find((l) => l.partnerId === own.partners[1]!.id && l.role === 'medewerker')!.id
    expect((await call(`/api/waves/${own.waveId}/links/${id}`, { method: 'DELETE', cookie })).status).toBe(204)
    for (const t of ['AAAAAAAAAAAAAAAAAAAAAA', withdrawn]) {
      const r = await submit(t, served('medewerker', answersFor('medewerker', 24)))
      expect(r.status).toBe(404)
      expect(r.body.detail).toMatch(/link/)
      oneTrip(r.tally)
    }
    await closeWave(cookie, own.waveId)
    const closed = await submit(
      own.links[own.partners[0]!.id]!.medewerker!,
      served('medewerker', answersFor('medewerker', 25)),
    )
    expect(closed.status).toBe(410)
    expect(closed.body.closesAt).toBeTruthy()
    oneTrip(closed.tally)
    const planned = await addWave(cookie, own.programmeId, { opensInDays: 30, closesInDays: 60, label: 'later' })
    const plannedLink = await postJson<{ token: string }>(
      `/api/waves/${planned}/links`,
      { partnerId: own.partners[0]!.id, role: 'medewerker' },
      cookie,
    )
    const early = await submit(plannedLink.token, served('medewerker', answersFor('medewerker', 26)))
    expect(early.status).toBe(410)
    expect(early.body.opensAt).toBeTruthy()
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE wave_id IN (?1, ?2)')
        .bind(own.waveId, planned)
        .first<{ n: number }>())!.n,
    ).toBe(0)
  })

  it('answers 409 group-complete at the headcount and group-uncounted without one, storing nothing', async () => {
    const own = await setupProgramme(cookie, ['Klein'])
    const partner = own.partners[0]!.id
    // A group of one: set in D1 itself, since a headcount lowered through the API while the wave is
    // open counts only from the next wave (worker/db/headcount-sql.ts).
    await env.DB.prepare('UPDATE partners SET headcount_teammanager = 1 WHERE id = ?1').bind(partner).run()
    const manager = own.links[partner]!.teammanager!
    expect((await submit(manager, served('teammanager', answersFor('teammanager', 27)))).status).toBe(201)
    const full = await submit(manager, served('teammanager', answersFor('teammanager', 28)))
    expect(full.status).toBe(409)
    expect(full.body.code).toBe('group-complete')
    oneTrip(full.tally)
    // A group from before headcounts were required (none entered): its link takes nothing.
    await env.DB.prepare('UPDATE partners SET headcount_tactisch = NULL WHERE id = ?1').bind(partner).run()
    const none = await submit(own.links[partner]!.tactisch!, served('tactisch', answersFor('tactisch', 29)))
    expect(none.status).toBe(409)
    expect(none.body.code).toBe('group-uncounted')
    expect(
      (await env.DB.prepare("SELECT count(*) AS n FROM responses WHERE partner_id = ?1 AND role != 'teammanager'")
        .bind(partner)
        .first<{ n: number }>())!.n,
    ).toBe(0)
  })

  it('checks against the link when what was served does not match it: another role, an instrument version not shipped', async () => {
    // Tactical answers said to be a tactical manager's, sent through a staff link: the statement stores
    // nothing, and checked against the staff questions they are refused.
    const wrongRole = await submit(token, served('tactisch', answersFor('tactisch', 30)))
    expect(wrongRole.status).toBe(400)
    expect(wrongRole.body.detail).toMatch(/required question/)
    expect(wrongRole.tally.sequential).toBeGreaterThan(1)
    // A version the Worker does not ship: the answers are checked against the link's own and stored, reading the link first.
    const unshipped = await submit(token, {
      ...served('medewerker', answersFor('medewerker', 31)),
      version: ins.version + 1,
    })
    expect(unshipped.status).toBe(201)
    // Invalid answers for what was served: as without it (the link first, then 400).
    const invalid = await submit(
      token,
      served('medewerker', { ...answersFor('medewerker', 32), [scoredQuestions(ins, 'medewerker')[0]!.name]: 7 }),
    )
    expect(invalid.status).toBe(400)
    expect(invalid.body.detail).toMatch(/whole number from 1 to 5/)
  })

  it('refuses instrument, version or role alone, naming the fields to give together', async () => {
    const { role: _, ...partial } = served('medewerker', answersFor('medewerker', 33))
    const res = await submit(token, partial)
    expect(res.status).toBe(400)
    expect(res.body.detail).toMatch(/instrument, version and role together/)
    expect((await submit(token, { ...served('medewerker', answersFor('medewerker', 34)), version: 1.5 })).status).toBe(
      400,
    )
  })

  it('the statement refuses an instrument version the wave does not have and says which it has', async () => {
    const own = await setupProgramme(cookie, ['Versie'])
    const link = own.links[own.partners[0]!.id]!.medewerker!
    const answers = answersFor('medewerker', 35)
    const other = { ...ins, version: ins.version + 1 }
    const r = await storeClaimedResponse(
      env.DB,
      { instrument: other, role: 'medewerker' },
      await sha256Hex(link),
      crypto.randomUUID(),
      answers,
      scoreAnswers(ins, 'medewerker', answers),
    )
    expect(r.stored).toBe(false)
    expect(!r.stored && r.finding.link).toMatchObject({
      instrument: ins.id,
      instrumentVersion: ins.version,
      role: 'medewerker',
      state: 'open',
      revoked: false,
    })
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM rollups WHERE wave_id = ?1')
        .bind(own.waveId)
        .first<{ n: number }>())!.n,
    ).toBe(0)
  })

  it('stores nothing of a submission the limiter refuses, though it is asked while the batch is made', async () => {
    const own = await setupProgramme(cookie, ['Begrensd'])
    const link = own.links[own.partners[0]!.id]!.medewerker!
    let tries = 0
    const statuses = await inOneWindow(async () => {
      // A try that crosses a minute is made again: from an empty cell and another client network
      // (a budget of its own).
      const network = `198.51.100.${++tries}`
      for (const table of ['responses', 'rollups', 'question_rollups', 'pool_moments'])
        await env.DB.prepare(`DELETE FROM ${table} WHERE wave_id = ?1`).bind(own.waveId).run()
      const out: number[] = []
      for (let i = 0; i < 31; i++)
        out.push(
          (
            await call(`/api/s/${link}/responses`, {
              method: 'POST',
              json: served('medewerker', answersFor('medewerker', 40 + i)),
              headers: { 'cf-connecting-ip': network },
            })
          ).status,
        )
      return out
    })
    expect(statuses.slice(0, 30)).toEqual(Array.from({ length: 30 }, () => 201))
    expect(statuses[30]).toBe(429)
    const counts = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM responses WHERE wave_id = ?1) AS answered,
              (SELECT n FROM rollups WHERE wave_id = ?1) AS rolled,
              (SELECT json_extract(moments, '$[0]') FROM pool_moments WHERE wave_id = ?1 AND role = 'medewerker') AS pooled`,
    )
      .bind(own.waveId)
      .first<{ answered: number; rolled: number; pooled: number }>()
    expect(counts).toEqual({ answered: 30, rolled: 30, pooled: 30 })
  })

  it('limits submissions per link to 30 a minute with 429, as without what was served', async () => {
    const body = served('medewerker', answersFor('medewerker', 36))
    // An unknown token of the right shape, a fresh one for each try (a try that crosses a minute is made again).
    const statuses = await inOneWindow(() => {
      const unknown = `C${crypto.randomUUID().replaceAll('-', '').slice(0, 21)}`
      return Promise.all(
        Array.from({ length: 31 }, () =>
          call(`/api/s/${unknown}/responses`, { method: 'POST', json: body }).then((r) => r.status),
        ),
      )
    })
    expect(statuses.filter((s) => s === 429)).toHaveLength(1)
    expect(statuses.filter((s) => s === 404)).toHaveLength(30)
  })
})
