/**
 * The measurement-quality view and its covariance export (issue 16) attacked as the results are:
 * they come only pooled over a wave × role, from 100 answer sets and 3 partners whose cells are
 * shown, never for an open wave, never per partner, never to a viewer, and never when a hidden
 * group's answer sets are in the pool (pool minus the shown cells would give that group away).
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../../worker/cli/simulate.ts'
import {
  addAnswerSet,
  covariance,
  emptyPool,
  MIN_POOLED_RESPONDENTS,
  poolQuality,
} from '../../../worker/domain/measurement-quality.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import type { QualityJson } from '../../../worker/services/quality-service.ts'
import { closeWave, postJson, signInAdmin } from '../helpers.ts'
import { addViewer, DAY, req } from './adversary.ts'

const ins = findInstrument('coachende-manager')!
let lead: string

beforeAll(async () => {
  lead = await signInAdmin()
})

type Setup = { programmeId: string; waveId: string; ids: string[]; names: string[]; answers: Answers[] }

/** A programme with one open wave and, per partner, that many staff answer sets (25 a link, under the limiter's 30 a minute). */
async function answered(counts: number[], seed: number): Promise<Setup> {
  const { id: programmeId } = await postJson(
    '/api/programmes',
    { name: `Kwaliteit ${crypto.randomUUID().slice(0, 8)}` },
    lead,
  )
  const names = counts.map((_, i) => `Partner ${String.fromCharCode(65 + i)} ${crypto.randomUUID().slice(0, 4)}`)
  const ids: string[] = []
  for (const name of names)
    ids.push(
      (
        await postJson(
          `/api/programmes/${programmeId}/partners`,
          { name, headcount: 200, headcounts: { teammanager: 10, tactisch: 10 } },
          lead,
        )
      ).id,
    )
  const now = Date.now()
  const { id: waveId } = await postJson(
    `/api/programmes/${programmeId}/waves`,
    {
      label: '2026-1',
      instrument: ins.id,
      opensAt: new Date(now - DAY).toISOString(),
      closesAt: new Date(now + 20 * DAY).toISOString(),
    },
    lead,
  )
  const random = rng(seed)
  const answers: Answers[] = []
  for (const [i, count] of counts.entries()) {
    for (let done = 0; done < count; done += 25) {
      const { token } = await postJson<{ token: string }>(
        `/api/waves/${waveId}/links`,
        { partnerId: ids[i], role: 'medewerker' },
        lead,
      )
      const batch = Array.from({ length: Math.min(25, count - done) }, () =>
        simulateAnswers(ins, 'medewerker', random, () => 2 + i * 0.6 + random()),
      )
      await Promise.all(
        batch.map(async (a) =>
          expect(
            (await req(`/api/s/${token}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers: a } }))
              .status,
          ).toBe(201),
        ),
      )
      answers.push(...batch)
    }
  }
  return { programmeId, waveId, ids, names, answers }
}

const quality = (s: Setup, role: Role = 'medewerker', cookie = lead) =>
  req(`/api/programmes/${s.programmeId}/quality?wave=${s.waveId}&role=${role}`, { cookie })
const moments = (s: Setup, role: Role = 'medewerker', cookie = lead) =>
  req(`/api/programmes/${s.programmeId}/quality/moments.json?wave=${s.waveId}&role=${role}`, { cookie })

/** Neither a partner's id nor its name appears anywhere in a body. */
const namesNoPartner = (body: string, s: Setup) => [...s.ids, ...s.names].filter((x) => body.includes(x))

describe('measurement quality: pooled, from 100 answer sets and 3 shown partners, closed waves only', () => {
  let full: Setup
  beforeAll(async () => {
    full = await answered([25, 25, 25, 25], 16)
  })

  it('gives nothing while the wave is open, not even with 100 answer sets', async () => {
    const res = await quality(full)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({
      shown: false,
      because: 'open',
      wave: { id: full.waveId, label: '2026-1' },
      role: 'medewerker',
      minRespondents: 100,
      minPartners: 3,
    })
    const exp = await moments(full)
    expect(exp.status).toBe(409)
    expect(exp.headers.get('content-type')).toContain('application/problem+json')
    expect(((await exp.json()) as { detail: string }).detail).toMatch(/closed wave, from 100 answer sets/)
    const page = await req(`/app/programmes/${full.programmeId}/quality?wave=${full.waveId}&lang=en`, { cookie: lead })
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('Measurement quality comes once the wave has closed')
    expect(html).not.toContain('Cronbach')
  })

  it('once closed: the statistics of the pooled answer sets, and the same in the export, with no partner in either', async () => {
    await closeWave(lead, full.waveId)
    const res = await quality(full)
    const text = await res.text()
    expect(res.status).toBe(200)
    expect(namesNoPartner(text, full)).toEqual([])
    const body = JSON.parse(text) as Extract<QualityJson, { shown: true }>
    expect(body.shown).toBe(true)
    expect(body.respondents).toBe(MIN_POOLED_RESPONDENTS)
    expect(body.partners).toBe(4)
    const pool = emptyPool(ins, 'medewerker')
    for (const a of full.answers) addAnswerSet(ins, 'medewerker', pool, a)
    const expected = poolQuality(pool)!
    expect(body.questions).toEqual(expected.questions)
    for (const [key, s] of Object.entries(expected.scales)) {
      expect(body.scales[key]!.alpha).toBeCloseTo(s.alpha!, 9)
      expect(body.scales[key]!.items.map((i) => i.name)).toEqual(s.items.map((i) => i.name))
      // Partners were simulated apart (0.6 a partner): ICC(1) is clearly above 0.
      expect(body.scales[key]!.icc!.icc1).toBeGreaterThan(0.1)
      expect(body.scales[key]!.icc!.groups).toBe(4)
    }
    const exp = await moments(full)
    expect(exp.status).toBe(200)
    expect(exp.headers.get('content-disposition')).toMatch(
      /attachment; filename="ketenradar-.*-medewerker-moments\.json"/,
    )
    const expText = await exp.text()
    expect(namesNoPartner(expText, full)).toEqual([])
    const file = JSON.parse(expText) as {
      respondents: number
      scales: Record<string, { n: number; means: number[]; covariance: number[][] }>
    }
    expect(file.respondents).toBe(100)
    for (const [key, s] of Object.entries(pool.scales)) {
      expect(file.scales[key]!.n).toBe(s.n)
      expect(file.scales[key]!.covariance).toEqual(covariance(s))
    }
  })

  it('shows the page in both languages with verdicts in words and the numbers one click away, no partner on it', async () => {
    // α is computed on a scale's complete answer sets and shown from 100 of them (measurement-quality.ts
    // MIN_COMPLETE_CASES): 100 answer sets with "don't know" here and there have fewer, so α waits.
    const few = await (
      await req(`/app/programmes/${full.programmeId}/quality?wave=${full.waveId}&role=medewerker&lang=en`, {
        cookie: lead,
      })
    ).text()
    expect(few).toMatch(/Too few answer sets with every question of this scale answered \(\d+; from 100 on\)/)
    expect(few).not.toMatch(/The questions of this scale agree (well|sufficiently|poorly)/)
    const large = await answered([40, 40, 40, 40], 23)
    await closeWave(lead, large.waveId)
    const body = (await (await quality(large)).json()) as Extract<QualityJson, { shown: true }>
    const pool = emptyPool(ins, 'medewerker')
    for (const a of large.answers) addAnswerSet(ins, 'medewerker', pool, a)
    for (const [key, s] of Object.entries(poolQuality(pool)!.scales)) {
      expect(s.n, key).toBeGreaterThanOrEqual(100)
      expect(body.scales[key]!.alpha, key).toBeCloseTo(s.alpha!, 9)
    }
    for (const [lang, words, number] of [
      ['nl', /De vragen van deze schaal hangen (goed|voldoende|slecht) samen/, /Cronbachs α 0,\d\d over \d+ volledig/],
      [
        'en',
        /The questions of this scale agree (well|sufficiently|poorly)/,
        /Cronbach&#39;s α 0\.\d\d over \d+ complete/,
      ],
    ] as const) {
      const res = await req(
        `/app/programmes/${large.programmeId}/quality?wave=${large.waveId}&role=medewerker&lang=${lang}`,
        { cookie: lead },
      )
      expect(res.status).toBe(200)
      const html = await res.text()
      expect(html).toMatch(words)
      expect(html).toMatch(number)
      expect(html).toContain('<details>')
      expect(html).toContain('/quality/moments.json?')
      expect(namesNoPartner(html, large)).toEqual([])
      // Each question of a scale with α gets its verdict in words (measurement-quality.ts `itemVerdict`).
      expect(html).toContain(lang === 'nl' ? 'Past bij de andere vragen.' : 'Goes with the other questions.')
    }
    // Linked from the results page of the published wave, for its lead.
    const results = await (
      await req(`/app/programmes/${full.programmeId}?wave=${full.waveId}&lang=en`, { cookie: lead })
    ).text()
    expect(results).toContain(`/app/programmes/${full.programmeId}/quality?wave=${full.waveId}&amp;role=medewerker`)
    // 160 more answer sets to send: more than the default 5 s on a busy machine.
  }, 60_000)

  it("is for the programme's leads: a viewer, limited to a partner or not, is refused", async () => {
    for (const partner of [null, full.ids[0]!]) {
      const viewer = await addViewer(lead, full.programmeId, partner)
      expect((await quality(full, 'medewerker', viewer.cookie)).status).toBe(403)
      expect((await moments(full, 'medewerker', viewer.cookie)).status).toBe(403)
      expect(
        (await req(`/app/programmes/${full.programmeId}/quality?wave=${full.waveId}`, { cookie: viewer.cookie }))
          .status,
      ).toBe(403)
    }
  })

  it('gives nothing for a role with fewer answer sets (here none)', async () => {
    expect(((await (await quality(full, 'teammanager')).json()) as { because: string }).because).toBe('respondents')
    expect((await moments(full, 'teammanager')).status).toBe(409)
  })
})

describe('measurement quality: refused where the pool could be narrowed down', () => {
  it('below 100 answer sets', async () => {
    const s = await answered([25, 25, 25, 24], 17)
    await closeWave(lead, s.waveId)
    expect(((await (await quality(s)).json()) as { because: string }).because).toBe('respondents')
    expect((await moments(s)).status).toBe(409)
  })

  it('with 100 answer sets from only two partners: that pool is their cross-products', async () => {
    const s = await answered([50, 50], 18)
    await closeWave(lead, s.waveId)
    expect(((await (await quality(s)).json()) as { because: string }).because).toBe('partners')
    expect((await moments(s)).status).toBe(409)
  })

  it('when a hidden group (fewer than k) answered too: pool minus the shown cells would be that group', async () => {
    const s = await answered([25, 25, 25, 25, 2], 19)
    await closeWave(lead, s.waveId)
    const body = (await (await quality(s)).json()) as { because: string }
    expect(body.because).toBe('hidden-groups')
    expect((await moments(s)).status).toBe(409)
    // The pool itself holds all 102: what is refused is reading it.
    const row = await env.DB.prepare(
      "SELECT json_extract(moments, '$[0]') AS n FROM pool_moments WHERE wave_id = ?1 AND role = 'medewerker'",
    )
      .bind(s.waveId)
      .first<{ n: number }>()
    expect(row!.n).toBe(102)
  })
})
