import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { call, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * A corpus of hostile and broken requests to every public and admin route. Each must get a 4xx
 * problem+json with a detail a person can act on, and no row of any table may change.
 */
const ins = findInstrument('coachende-manager')!
let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let token: string
let replayId: string

async function dump(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name != 'd1_migrations' ORDER BY name",
  ).all<{ name: string }>()
  const parts = await Promise.all(
    results.map(
      async ({ name }) =>
        `${name}: ${JSON.stringify((await env.DB.prepare(`SELECT * FROM ${name} ORDER BY 1, 2`).all()).results)}`,
    ),
  )
  return parts.join('\n')
}

type Case = [what: string, status: number, request: () => Promise<Response>]

const raw = (path: string, method: string, body: BodyInit | null, type = 'application/json', withCookie = true) =>
  call(path, { method, body, headers: type ? { 'content-type': type } : {}, cookie: withCookie ? cookie : undefined })
const json = (path: string, method: string, body: unknown, withCookie = true) =>
  call(path, { method, json: body, cookie: withCookie ? cookie : undefined })

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['UWV', 'SVB'])
  token = ctx.links[ctx.partners[0]!.id]!.medewerker!
  replayId = crypto.randomUUID()
  await postJson(`/api/s/${token}/responses`, { id: replayId, answers: valid() }, '')
})

const valid = () => simulateAnswers(ins, 'medewerker', rng(5), () => 3)
const q = () => scoredQuestions(ins, 'medewerker')[0]!.name
const submit = (body: unknown) => json(`/api/s/${token}/responses`, 'POST', body, false)
const submitRaw = (body: string) => raw(`/api/s/${token}/responses`, 'POST', body, 'application/json', false)
const deep = (depth: number) => '['.repeat(depth) + ']'.repeat(depth)

const cases = (): Case[] => {
  const p = ctx.programmeId
  const w = ctx.waveId
  const partner = ctx.partners[0]!.id
  return [
    ['malformed JSON to a submission', 400, () => submitRaw('{"id": "x",')],
    ['malformed JSON to sign-in', 400, () => raw('/api/session', 'POST', '{email:', 'application/json', false)],
    ['malformed JSON to programmes', 400, () => raw('/api/programmes', 'POST', "{'name': 'x'}")],
    [
      'text/plain to a submission',
      415,
      () =>
        raw(
          `/api/s/${token}/responses`,
          'POST',
          JSON.stringify({ id: crypto.randomUUID(), answers: valid() }),
          'text/plain',
          false,
        ),
    ],
    [
      'form encoding to partners',
      415,
      () => raw(`/api/programmes/${p}/partners`, 'POST', 'name=x', 'application/x-www-form-urlencoded'),
    ],
    [
      'multipart to waves',
      415,
      () => raw(`/api/programmes/${p}/waves`, 'POST', '--b\r\n\r\nx\r\n--b--', 'multipart/form-data; boundary=b'),
    ],
    ['no content type to links', 415, () => raw(`/api/waves/${w}/links`, 'POST', '{}', '')],
    ['an empty body to a submission', 400, () => submitRaw('')],
    ['an empty body to programmes', 400, () => raw('/api/programmes', 'POST', '')],
    ['an array for the body of a submission', 400, () => submit([{ id: crypto.randomUUID(), answers: valid() }])],
    ['an array for the body of sign-in', 400, () => json('/api/session', 'POST', ['a', 'b'], false)],
    ['an array for answers', 400, () => submit({ id: crypto.randomUUID(), answers: [3, 4] })],
    [
      'deep nesting in answers',
      400,
      () => submitRaw(`{"id":"${crypto.randomUUID()}","answers":{"${q()}":${deep(5000)}}}`),
    ],
    ['deep nesting as the whole body', 400, () => submitRaw(deep(20000))],
    [
      'a 10 MB body',
      413,
      () => submitRaw(`{"id":"${crypto.randomUUID()}","answers":{"x":"${'a'.repeat(10 * 1024 * 1024)}"}}`),
    ],
    [
      'a 10 MB body to sign-in',
      413,
      () => raw('/api/session', 'POST', `{"email":"${'a'.repeat(10 * 1024 * 1024)}"}`, 'application/json', false),
    ],
    ['NaN as a value', 400, () => submitRaw(`{"id":"${crypto.randomUUID()}","answers":{"${q()}":NaN}}`)],
    ['Infinity as a value', 400, () => submitRaw(`{"id":"${crypto.randomUUID()}","answers":{"${q()}":Infinity}}`)],
    [
      '1e999 as a value',
      400,
      () =>
        submitRaw(
          `{"id":"${crypto.randomUUID()}","answers":{...${JSON.stringify(valid()).slice(1, -1)},"${q()}":1e999}}`.replace(
            '{...',
            '{',
          ),
        ),
    ],
    ['a negative value', 400, () => submit({ id: crypto.randomUUID(), answers: { ...valid(), [q()]: -3 } })],
    ['a float value', 400, () => submit({ id: crypto.randomUUID(), answers: { ...valid(), [q()]: 3.5 } })],
    ['an object as a value', 400, () => submit({ id: crypto.randomUUID(), answers: { ...valid(), [q()]: { v: 3 } } })],
    ['null as a value', 400, () => submit({ id: crypto.randomUUID(), answers: { ...valid(), [q()]: null } })],
    ['true as a value', 400, () => submit({ id: crypto.randomUUID(), answers: { ...valid(), [q()]: true } })],
    ['an unknown question', 400, () => submit({ id: crypto.randomUUID(), answers: { ...valid(), onbekend_1: 3 } })],
    [
      'a __proto__ key in answers',
      400,
      () =>
        submitRaw(
          `{"id":"${crypto.randomUUID()}","answers":{${JSON.stringify(valid()).slice(1, -1)},"__proto__":{"isAdmin":true}}}`,
        ),
    ],
    [
      'a constructor key in answers',
      400,
      () => submit({ id: crypto.randomUUID(), answers: { ...valid(), constructor: 3 } }),
    ],
    [
      'a __proto__ key at the top level',
      400,
      () => submitRaw(`{"id":"${crypto.randomUUID()}","answers":${JSON.stringify(valid())},"__proto__":{"x":1}}`),
    ],
    [
      'HTML in an answer',
      400,
      () => submit({ id: crypto.randomUUID(), answers: { ...valid(), [q()]: '<script>alert(1)</script>' } }),
    ],
    [
      'SQL in an answer',
      400,
      () => submit({ id: crypto.randomUUID(), answers: { ...valid(), [q()]: "3'); DROP TABLE responses;--" } }),
    ],
    [
      'SQL in a question name',
      400,
      () => submit({ id: crypto.randomUUID(), answers: { ...valid(), "x' OR '1'='1": 3 } }),
    ],
    [
      'invalid UTF-8 in a body',
      400,
      () =>
        raw(
          `/api/s/${token}/responses`,
          'POST',
          new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
          'application/json',
          false,
        ),
    ],
    [
      'a lone surrogate in a question name',
      400,
      () => submitRaw(`{"id":"${crypto.randomUUID()}","answers":{"\\ud800":3}}`),
    ],
    ['an id that is not a UUID', 400, () => submit({ id: 'not-a-uuid', answers: valid() })],
    ['a number as id', 400, () => submit({ id: 12345, answers: valid() })],
    [
      'a replayed id with different answers',
      409,
      () => submit({ id: replayId, answers: simulateAnswers(ins, 'medewerker', rng(6), () => 2) }),
    ],
    [
      'a token of the wrong length',
      404,
      () => json(`/api/s/${token}x/responses`, 'POST', { id: crypto.randomUUID(), answers: valid() }, false),
    ],
    ['a token of the wrong alphabet', 404, () => call(`/api/s/${'!'.repeat(22)}`)],
    ['SQL in a token', 404, () => call(`/api/s/${encodeURIComponent("' OR 1=1 --")}`)],
    [
      'an unknown role for a link',
      400,
      () => json(`/api/waves/${w}/links`, 'POST', { partnerId: partner, role: '<b>ceo</b>' }),
    ],
    [
      'SQL as a partner id',
      400,
      () => json(`/api/waves/${w}/links`, 'POST', { partnerId: "1' OR '1'='1", role: 'medewerker' }),
    ],
    [
      'a headcount as a string',
      400,
      () => json(`/api/programmes/${p}/partners`, 'POST', { name: 'X', headcount: '40' }),
    ],
    ['a fractional headcount', 400, () => json(`/api/programmes/${p}/partners`, 'POST', { name: 'X', headcount: 4.5 })],
    [
      'a partner name of 10,000 characters',
      400,
      () => json(`/api/programmes/${p}/partners`, 'POST', { name: 'x'.repeat(10_000) }),
    ],
    [
      'an opening date that is not a date',
      400,
      () =>
        json(`/api/programmes/${p}/waves`, 'POST', {
          label: 'x',
          instrument: 'coachende-manager',
          opensAt: '31-12-2026',
          closesAt: '2027-01-31T00:00:00Z',
        }),
    ],
    [
      'an unknown instrument version',
      400,
      () =>
        json(`/api/programmes/${p}/waves`, 'POST', {
          label: 'x',
          instrument: 'coachende-manager',
          instrumentVersion: 99,
          opensAt: '2027-01-01T00:00:00Z',
          closesAt: '2027-01-31T00:00:00Z',
        }),
    ],
    ['an unknown field in a wave change', 400, () => json(`/api/waves/${w}`, 'PATCH', { label: 'x', k: 1 })],
    ['a number as a wave label', 400, () => json(`/api/waves/${w}`, 'PATCH', { label: 42 })],
    ['sign-in without a password', 400, () => json('/api/session', 'POST', { email: 'a@b.c' }, false)],
    ['a programme without a name', 400, () => json('/api/programmes', 'POST', {})],
    ['a programme without a session', 401, () => json('/api/programmes', 'POST', { name: 'x' }, false)],
    [
      'a cross-origin programme',
      403,
      () =>
        call('/api/programmes', {
          method: 'POST',
          json: { name: 'x' },
          cookie,
          headers: { origin: 'https://evil.example' },
        }),
    ],
    ['HTML as the dashboard role', 400, () => call(`/api/programmes/${p}/dashboard?role=<script>`, { cookie })],
    [
      'SQL as the trend partner',
      404,
      () => call(`/api/programmes/${p}/trend?partner=${encodeURIComponent("' OR 1=1 --")}`, { cookie }),
    ],
    ['an unknown export separator', 400, () => call(`/api/programmes/${p}/export.csv?sep=tab`, { cookie })],
    ['an unknown wave for the export', 404, () => call(`/api/programmes/${p}/export.csv?wave=nope`, { cookie })],
    [
      'a forged session cookie',
      401,
      () => call(`/api/programmes/${p}/dashboard`, { cookie: `kr_session=${'A'.repeat(44)}` }),
    ],
  ]
}

describe('hostile and broken requests', () => {
  it('has at least 40 cases', () => {
    expect(cases().length).toBeGreaterThanOrEqual(40)
  })

  it('answers each with a 4xx problem+json that says what to fix, and changes no row', async () => {
    const before = await dump()
    for (const [what, status, request] of cases()) {
      const res = await request()
      expect(res.status, what).toBe(status)
      expect(res.headers.get('content-type'), what).toContain('application/problem+json')
      const body = (await res.json()) as { status: number; title: string; detail: string }
      expect(body.status, what).toBe(status)
      expect(body.detail.length, what).toBeGreaterThan(10)
    }
    expect(await dump()).toBe(before)
  })
})
