import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { ResultsAnswer, TrendAnswer } from '../../../schema/api-answers.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { addWave, call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * The results (dashboard) and trend answers parse with the schemas /api/openapi.json describes
 * them by (schema/api-answers.ts): what the routes really send, in every state a script meets
 * (an open wave with a lead's participation, a published one with gaps, question detail, stand-outs,
 * and a trend of two published waves whose programme change has too few partners for a test).
 * The schemas' objects are strict, so a field the service adds undocumented fails here.
 */

const ins = findInstrument('coachende-manager')!
const day = 24 * 60 * 60 * 1000
type Role = 'medewerker' | 'teammanager' | 'tactisch'

let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let seed = 1
let second: string

async function answer(token: string, role: Role, count: number, level: number) {
  for (let i = 0; i < count; i++) {
    await postJson(
      `/api/s/${token}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, role, rng(seed++), () => level) },
      '',
    )
  }
}

const get = async (path: string) => {
  const res = await call(`/api/programmes/${ctx.programmeId}/${path}`, { cookie })
  expect(res.status, path).toBe(200)
  return (await res.json()) as unknown
}

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['A', 'B', 'C'])
  const [a, b, c] = ctx.partners.map((p) => ctx.links[p.id]!)
  await answer(a!.medewerker!, 'medewerker', 6, 2.5)
  await answer(b!.medewerker!, 'medewerker', 6, 3.5)
  await answer(c!.medewerker!, 'medewerker', 6, 3)
  await answer(a!.teammanager!, 'teammanager', 5, 4.5)
  await answer(b!.teammanager!, 'teammanager', 5, 3)
  await closeWave(cookie, ctx.waveId)
  // The first wave moved back a month, before it is first read (and so published), to make room for a second.
  await env.DB.prepare('UPDATE waves SET opens_at = ?1, closes_at = ?2 WHERE id = ?3')
    .bind(new Date(Date.now() - 40 * day).toISOString(), new Date(Date.now() - 30 * day).toISOString(), ctx.waveId)
    .run()
  second = await addWave(cookie, ctx.programmeId, { label: '2026-2' })
  for (const [i, p] of ctx.partners.entries()) {
    const { token } = await postJson<{ token: string }>(
      `/api/waves/${second}/links`,
      { partnerId: p.id, role: 'medewerker' },
      cookie,
    )
    await answer(token, 'medewerker', 6, 3 + i * 0.5)
  }
  await closeWave(cookie, second)
})

describe('the results and trend answers parse with their documented schemas', () => {
  it('parses the dashboard of a published wave, with and without question detail', async () => {
    const shown = ResultsAnswer.parse(await get(`dashboard?wave=${ctx.waveId}`))
    expect(shown.wave.label).toBe('2026-1')
    expect(shown.published).toBe(true)
    expect(shown.gap.length).toBeGreaterThan(0)
    expect(Object.keys(shown.gapLabels)).toEqual(expect.arrayContaining(shown.dimensions.map((d) => d.key)))
    expect(shown.questions).toBeUndefined()
    const detail = ResultsAnswer.parse(await get(`dashboard?wave=${ctx.waveId}&questions=all&role=teammanager`))
    expect(detail.questions).toBeTruthy()
    expect(detail.role).toBe('teammanager')
  })

  it("parses the dashboard of an open wave, with the lead's participation", async () => {
    const open = await setupProgramme(cookie, ['X'])
    await answer(open.links[open.partners[0]!.id]!.medewerker!, 'medewerker', 2, 3)
    const res = await call(`/api/programmes/${open.programmeId}/dashboard`, { cookie })
    const shown = ResultsAnswer.parse(await res.json())
    expect(shown.published).toBe(false)
    expect(shown.participation?.[0]?.roles.medewerker.status).toBe('few')
  })

  it("parses a partner's and the programme's trend, the programme's change untested with fewer than four partners", async () => {
    const programme = TrendAnswer.parse(await get('trend'))
    expect(programme.waves.map((w) => w.wave.label)).toEqual(['2026-1', '2026-2'])
    const change = programme.waves[1]!.change!
    expect(
      Object.values(change).some((c) => c !== null && 'fewPartners' in c),
      JSON.stringify(change),
    ).toBe(true)
    const partner = TrendAnswer.parse(await get(`trend?partner=${ctx.partners[0]!.id}`))
    expect(partner.partner?.name).toBe('A')
    expect(Object.values(partner.waves[1]!.change!).some((c) => typeof c?.p === 'number')).toBe(true)
  })
})

describe('/api/openapi.json names the answers', () => {
  it('describes the dashboard and trend answers, gapLabels and fewPartners with them', async () => {
    const doc = (await (await call('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, unknown> }> }>>
      components: { schemas: Record<string, { properties?: Record<string, unknown> }> }
    }
    const answerOf = (path: string) => doc.paths[path]!.get!.responses['200']!.content!['application/json']
    expect(answerOf('/api/programmes/{pid}/dashboard')).toEqual({
      schema: { $ref: '#/components/schemas/ResultsAnswer' },
    })
    expect(answerOf('/api/programmes/{pid}/trend')).toEqual({ schema: { $ref: '#/components/schemas/TrendAnswer' } })
    const { ResultsAnswer: dashboard, TrendAnswer: trend } = doc.components.schemas
    expect(Object.keys(dashboard!.properties!)).toEqual(
      expect.arrayContaining(['gapLabels', 'gapTypical', 'gap', 'participation', 'standouts']),
    )
    expect(JSON.stringify(trend)).toContain('"fewPartners"')
    expect(JSON.stringify(trend)).toContain('"partnersChanged"')
  })
})
