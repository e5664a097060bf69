/**
 * The measurement-quality view and its covariance export attacked as the results are:
 * they come only pooled over a wave × role, from 100 answer sets and 3 partners whose cells are
 * shown, never for an open wave, never per partner, never to a viewer, and never when a hidden
 * group's answer sets are in the pool (pool minus the shown cells would give that group away).
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import {
  addAnswerSet,
  covariance,
  emptyPool,
  MIN_POOLED_RESPONDENTS,
  poolQuality,
  scaleQuality,
  withinScales,
} from '../../../worker/domain/measurement-quality.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { readPools } from '../../../worker/db/pool-moments.ts'
import type { Wave } from '../../../worker/db/waves.ts'
import { dimensionsFor, scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { percent } from '../../../schema/format.ts'
import { momentsExport } from '../../../worker/services/export-service.ts'
import { qualityJson, type Quality, type QualityJson } from '../../../worker/services/quality-service.ts'
import { errorsEn } from '../../../worker/i18n/errors-en.ts'
import { addWave, closeWave, postJson, signInAdmin } from '../helpers.ts'
import {
  addViewer,
  answersFor,
  Observer,
  ok,
  req,
  submit,
  type ResultsJson,
  type MomentsJson,
  type Spec,
  type TrendJson,
} from './adversary.ts'

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
  const waveId = await addWave(lead, programmeId)
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

  it("reads the same under another configured k: the view, its export and its page decide with the publication's k", async () => {
    // What is withheld as a small difference (1 to k − 1 answer sets) depends on k: were the view
    // or the export to decide with today's MIN_GROUP_SIZE rather than the k the wave was published
    // under, two settings would cut the same pool twice and their difference would be those few.
    const readAll = (k?: number) =>
      Promise.all(
        [
          `/api/programmes/${full.programmeId}/quality?wave=${full.waveId}&role=medewerker`,
          `/api/programmes/${full.programmeId}/quality/moments.json?wave=${full.waveId}&role=medewerker`,
          `/app/programmes/${full.programmeId}/quality?wave=${full.waveId}&role=medewerker&lang=en`,
        ].map(async (path) => {
          const res = await req(path, { cookie: lead, k })
          return `${path} ${res.status} ${await res.text()}`
        }),
      )
    const first = await readAll()
    expect(first[1]).toContain(' 200 ')
    for (const k of [3, 8, 12]) expect(await readAll(k), `MIN_GROUP_SIZE = ${k}`).toEqual(first)
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
    expect(few).not.toMatch(/The questions of this scale hang together (well|sufficiently|poorly)/)
    const large = await answered([40, 40, 40, 40], 23)
    await closeWave(lead, large.waveId)
    const body = (await (await quality(large)).json()) as Extract<QualityJson, { shown: true }>
    const pool = emptyPool(ins, 'medewerker')
    for (const a of large.answers) addAnswerSet(ins, 'medewerker', pool, a)
    // α is within partners (measurement-quality.ts `withinScales`): each partner's answer sets here
    // centre on their own level (2 + 0,6 · partner) with no person factor, so over all partners
    // together the questions seemed to agree (α about .85) where within a partner they hardly do.
    const byPartner = [0, 1, 2, 3].map((i) => large.answers.slice(40 * i, 40 * (i + 1)))
    const within = withinScales(ins, 'medewerker', byPartner, 5)
    for (const [key, s] of Object.entries(poolQuality(pool, within)!.scales)) {
      expect(s.n, key).toBeGreaterThanOrEqual(100)
      expect(s.basis, key).toBe('within')
      expect(body.scales[key]!.basis, key).toBe('within')
      expect(body.scales[key]!.alpha, key).toBeCloseTo(s.alpha!, 9)
      expect(scaleQuality(pool.scales[key]!).alpha! - s.alpha!, key).toBeGreaterThan(0.3)
    }
    for (const [lang, words, number] of [
      ['nl', /De vragen van deze schaal hangen (goed|voldoende|slecht) samen/, /Cronbachs α 0,\d\d over \d+ volledig/],
      [
        'en',
        /The questions of this scale hang together (well|sufficiently|poorly)/,
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
      // Here, within partners, none goes with the rest (see α above).
      expect(html).toContain(
        lang === 'nl' ? 'Hangt zwak samen met de andere vragen' : 'Goes poorly with the other questions',
      )
      // A poorly agreeing scale's words are about one person's score, not the partner means the
      // product shows (a psychometrician's review: "the scale score is uncertain").
      expect(html).toContain(
        lang === 'nl'
          ? 'de score van één persoon op deze schaal is onnauwkeurig. Het gemiddelde van een partner is nauwkeuriger naarmate het op meer antwoorden rust'
          : 'one person&#39;s score on this scale is imprecise. A partner&#39;s mean is more precise the more answers it rests on',
      )
      // A reverse-keyed question's ends after reversal: its raw lowest answer is the favourable end.
      const reversed = scoredQuestions(ins, 'medewerker').filter((x) => x.reverse)
      expect(reversed.length).toBeGreaterThan(0)
      const pct = (x: number | null) => percent(lang).format(x!).replace(/\s/g, '')
      for (const x of reversed) {
        const rowHtml = html.slice(
          html.indexOf(`<tr data-question="${x.name}">`),
          html.indexOf('</tr>', html.indexOf(`<tr data-question="${x.name}">`)),
        )
        expect(rowHtml).toContain(lang === 'nl' ? '(omgekeerd gesteld)' : '(reverse-keyed)')
        const cells = [...rowHtml.matchAll(/<td>([^<]*)<\/td>/g)].map((m) => m[1]!.replace(/\s/g, ''))
        const raw = body.questions.find((r) => r.name === x.name)!
        expect(cells.slice(2), x.name).toEqual([pct(raw.ceilingShare), pct(raw.floorShare)])
      }
      const plain = scoredQuestions(ins, 'medewerker').find((x) => !x.reverse)!
      const plainRow = html.slice(
        html.indexOf(`<tr data-question="${plain.name}">`),
        html.indexOf('</tr>', html.indexOf(`<tr data-question="${plain.name}">`)),
      )
      expect(plainRow).not.toContain(lang === 'nl' ? '(omgekeerd gesteld)' : '(reverse-keyed)')
      // Partner differences from the analysis of variance's F test and ICC(1)'s interval (`iccVerdict`),
      // with four partners: no "too few partners to tell".
      expect(html).toMatch(
        lang === 'nl'
          ? /Variantieanalyse: F \d+,\d bij 3 en \d+ vrijheidsgraden, p (&lt; 0,001|0,\d{3}); het 90%-interval van ICC\(1\) loopt van −?\d,\d\d tot \d,\d\d\./
          : /Analysis of variance: F \d+\.\d on 3 and \d+ degrees of freedom, p (&lt; 0\.001|0\.\d{3}); the 90% interval of ICC\(1\) is −?\d\.\d\d to \d\.\d\d\./,
      )
      expect(html).toMatch(
        lang === 'nl'
          ? /Partners verschillen (duidelijk )?op deze schaal|Of partners op deze schaal echt verschillen, valt niet te zeggen/
          : /Partners (clearly )?differ on this scale|Whether partners really differ on this scale cannot be told/,
      )
    }
    // Linked from the results page of the published wave, for an administrator.
    const results = await (
      await req(`/app/programmes/${full.programmeId}?wave=${full.waveId}&lang=en`, { cookie: lead })
    ).text()
    expect(results).toContain(`/app/programmes/${full.programmeId}/quality?wave=${full.waveId}&amp;role=medewerker`)
    // 160 more answer sets to send: more than the default 5 s on a busy machine.
  }, 60_000)

  it('is for administrators: a viewer, limited to a partner or not, is refused (a lead too: fake-partners.test.ts)', async () => {
    for (const partner of [null, full.ids[0]!]) {
      const viewer = await addViewer(lead, full.programmeId, partner)
      expect((await quality(full, 'medewerker', viewer.cookie)).status).toBe(403)
      expect((await moments(full, 'medewerker', viewer.cookie)).status).toBe(403)
      const page = await req(`/app/programmes/${full.programmeId}/quality?wave=${full.waveId}&lang=en`, {
        cookie: viewer.cookie,
      })
      expect(page.status).toBe(403)
      // One rule, one refusal (qualityOf in worker/services/quality-service.ts): the same code from the
      // API and its export, and its words on the page.
      for (const res of [
        await quality(full, 'medewerker', viewer.cookie),
        await moments(full, 'medewerker', viewer.cookie),
      ])
        expect(((await res.json()) as { code: string }).code).toBe('quality-admin-only')
      expect(await page.text()).toContain(errorsEn['quality-admin-only']().replace(/'/g, '&#39;'))
    }
  })

  it('gives nothing for a role with fewer answer sets (here none)', async () => {
    expect(((await (await quality(full, 'teammanager')).json()) as { because: string }).because).toBe('respondents')
    expect((await moments(full, 'teammanager')).status).toBe(409)
  })
})

// Each case answers 100 or more answer sets over HTTP: seconds on a busy machine, not a speed target.
describe('measurement quality: refused where the pool could be narrowed down', { timeout: 60_000 }, () => {
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

  it("says the same whatever a hidden group's size: the refusal's reason is read from the shown cells, not the pool", async () => {
    // 96 answer sets shown; a hidden group of 1 or of 4 (k = 5) takes the pool to 97 or to 100.
    // Were the 100 counted in the pool, the reason (too few answer sets, or a hidden group) would
    // tell which: a bit about the hidden group's count, and at 100 − 96 = k − 1 its exact count.
    const said = []
    for (const [n, seed] of [
      [1, 20],
      [4, 21],
    ] as const) {
      const s = await answered([32, 32, 32, n], seed)
      await closeWave(lead, s.waveId)
      const body = (await (await quality(s)).json()) as QualityJson
      const exp = await moments(s)
      const page = await (
        await req(`/app/programmes/${s.programmeId}/quality?wave=${s.waveId}&role=medewerker&lang=en`, {
          cookie: lead,
        })
      ).text()
      said.push({
        body: { ...body, wave: null },
        status: exp.status,
        detail: ((await exp.json()) as { detail: string }).detail,
        notice: /<p class="notice" id="quality-not-shown">([^<]*)<\/p>/.exec(page)?.[1],
      })
    }
    expect(said[0]!.body).toMatchObject({ shown: false, because: 'respondents' })
    expect(said[0]!.notice).toMatch(/from 100 answer sets/)
    expect(said[1]).toEqual(said[0])
  })

  it("when a hidden group (fewer than k) answered too: over the shown cells only, the same whatever that group's size", async () => {
    // Pool minus the shown cells would be that group: so the pool is made again from the shown
    // cells' answer sets (worker/services/quality-service.ts `wholeCellsPool`), and a hidden group of
    // 2 or of 4 reads byte for byte the same view and export.
    const read = []
    for (const hidden of [2, 4]) {
      const s = await answered([25, 25, 25, 25, hidden], 19)
      await closeWave(lead, s.waveId)
      const body = (await (await quality(s)).json()) as Extract<QualityJson, { shown: true }>
      expect(body).toMatchObject({ shown: true, respondents: 100, partners: 4, partnersLeftOut: 0 })
      // The statistics of exactly the four shown partners' answer sets.
      const direct = emptyPool(ins, 'medewerker')
      for (const a of s.answers.slice(0, 100)) addAnswerSet(ins, 'medewerker', direct, a)
      const want = poolQuality(direct)!
      expect(body.questions.map((q) => q.asked)).toEqual(want.questions.map((q) => q.asked))
      for (const [key, sc] of Object.entries(want.scales)) expect(body.scales[key]!.alpha).toBeCloseTo(sc.alpha!, 9)
      const exp = await moments(s)
      expect(exp.status).toBe(200)
      const exported = (await exp.json()) as MomentsJson
      expect(exported.respondents).toBe(100)
      // The wave's own pool still holds them all: what is read is the one over the shown cells.
      const row = await env.DB.prepare(
        "SELECT json_extract(moments, '$[0]') AS n FROM pool_moments WHERE wave_id = ?1 AND role = 'medewerker'",
      )
        .bind(s.waveId)
        .first<{ n: number }>()
      expect(row!.n).toBe(100 + hidden)
      read.push(
        JSON.stringify({ ...body, wave: null }) + JSON.stringify({ ...exported, wave: null }).replaceAll(s.waveId, 'W'),
      )
    }
    expect(read[1]).toBe(read[0])
  })
})

/**
 * The hostile reader's two attacks on the quality view , replayed over HTTP: a
 * dimension, or a question, hidden inside an otherwise shown partner cell (its own count below
 * k) is in the pool but in no published total, so pool minus the programme's totals gave its few
 * answers away. The attacker is the lead: it reads the dashboard with every question, the trends,
 * the CSV export, the quality view and its moments export, and the Observer (adversary.ts) turns
 * all of it into equations. Now the view is refused (worker/services/quality-service.ts,
 * 'hidden-groups') and nothing of the hidden answers is determined; the same solver, given the
 * view and export the release before that check gave (rebuilt here from the pool in D1), solves
 * for them.
 */
describe('measurement quality: a dimension or question hidden inside a shown cell', { timeout: 60_000 }, () => {
  const staffIn = (i: number) => `Partner ${'ABCDE'[i]} ${crypto.randomUUID().slice(0, 4)}`
  /** A programme of four partners, their staff's answer sets as given (25 a link), closed, and everything the lead reads. */
  async function attacked(sets: Answers[][], readScales: boolean) {
    const { id: programmeId } = await postJson(
      '/api/programmes',
      { name: `Kwaliteit ${crypto.randomUUID().slice(0, 8)}` },
      lead,
    )
    const ids: string[] = []
    const names: Record<string, string> = {}
    for (const [i] of sets.entries()) {
      const name = staffIn(i)
      const { id } = await postJson(`/api/programmes/${programmeId}/partners`, { name, headcount: 200 }, lead)
      ids.push(id)
      names[name] = id
    }
    const waveId = await addWave(lead, programmeId)
    for (const [i, answers] of sets.entries())
      for (let done = 0; done < answers.length; done += 25) {
        const { token } = await postJson<{ token: string }>(
          `/api/waves/${waveId}/links`,
          { partnerId: ids[i], role: 'medewerker' },
          lead,
        )
        for (const a of answers.slice(done, done + 25)) expect((await submit(token, a)).status).toBe(201)
      }
    await closeWave(lead, waveId)
    const s: Setup = { programmeId, waveId, ids, names: Object.keys(names), answers: sets.flat() }
    // Everything the lead reads of the published wave, in the Observer; kept to replay into a second one.
    const dashboard = await ok<ResultsJson>(
      req(`/api/programmes/${programmeId}/dashboard?wave=${waveId}&role=medewerker&questions=all`, { cookie: lead }),
    )
    const trends = await Promise.all(
      [null, ...ids].map((p) =>
        ok<TrendJson>(
          req(`/api/programmes/${programmeId}/trend?role=medewerker${p ? `&partner=${p}` : ''}`, { cookie: lead }),
        ),
      ),
    )
    const csv = await (
      await req(`/api/programmes/${programmeId}/export.csv?wave=${waveId}&lang=en`, { cookie: lead })
    ).text()
    const observer = () => {
      const o = new Observer(() => ids)
      o.dashboard('lead', dashboard)
      for (const t of trends) o.trend('lead', t, waveId)
      o.csv('lead', csv, (name) => (name === 'Programme as a whole' ? null : names[name]!))
      return o
    }
    const o = observer()
    const view = (await (await quality(s)).json()) as QualityJson
    const exp = await moments(s)
    const exported = exp.status === 200 ? ((await exp.json()) as MomentsJson) : null
    // A scale's n counts complete answer sets: where a question is skipped inside a scored
    // dimension (attack 2) that is fewer than the dimension's scores, so only the questions are read.
    o.quality('lead', 'medewerker', readScales ? view : questionsOnly(view), readScales ? exported : null, true)
    // The release before the check: the same pool in D1, shown and exported as the service shows a pool.
    const pool = (await readPools(env.DB, ins, waveId)).medewerker!
    const leaky: Extract<Quality, { shown: true }> = {
      shown: true,
      wave: { id: waveId, label: '2026-1' } as Wave,
      role: 'medewerker',
      instrument: ins,
      partners: 4,
      quality: poolQuality(pool)!,
      icc: {},
      pool,
      // The release before small-difference withholding too (worker/domain/pool-differences.ts): no published scores to compare with.
      scored: {},
      // Not read by the Observer: the scales' n again, and the export's `items.n`.
      complete: { respondents: pool.respondents, scales: {}, allItems: null },
      smallDifference: [],
      // The release before the check counted every partner's cell.
      shownPartnerIds: ids,
      partnersLeftOut: 0,
      kept: null,
    }
    const old = observer()
    // The release before said nothing of partners left out: its pool held every answer set.
    const { partnersLeftOut: _left, ...oldView } = qualityJson(leaky) as Extract<QualityJson, { shown: true }>
    old.quality(
      'lead',
      'medewerker',
      readScales ? oldView : { ...oldView, scales: {} },
      readScales ? (JSON.parse(JSON.stringify(await momentsExport(env.DB, leaky, 5))) as MomentsJson) : null,
      true,
    )
    return { s, o, old, view, exp, dashboard, hidden: ids[3]! }
  }
  const questionsOnly = (v: QualityJson): QualityJson => (v.shown ? { ...v, scales: {} } : v)
  const found = (o: Observer, partner: string, prefix: string) =>
    Object.fromEntries(
      o
        .determined()
        .filter((d) => d.partner === partner && d.quantity.startsWith(prefix))
        .map((d) => [d.quantity, d.value.toString()]),
    )
  /** 25 staff per partner; dimension scores from the partner and the respondent, whole points. */
  const base = (p: number, i: number): Spec =>
    Object.fromEntries(dimensionsFor(ins, 'medewerker').map((d, j) => [d, ((p + i + j) % 5) + 1]))

  it('attack 1: D\'s coaching, 2 scores among 23 "don\'t know" (k = 5): nothing determined; the old release gave both scores', async () => {
    const sets = [0, 1, 2, 3].map((p) =>
      Array.from({ length: 25 }, (_, i) =>
        answersFor('medewerker', p < 3 ? base(p, i) : { ...base(p, i), coaching: i === 0 ? 2 : i === 1 ? 5 : 'dk' }),
      ),
    )
    const { o, old, view, exp, dashboard, hidden } = await attacked(sets, true)
    // D's cell is shown, its coaching hidden; the programme's coaching is A's, B's and C's.
    const d = dashboard.partners.find((p) => p.id === hidden)!
    expect(d.n).toBe(25)
    expect(d.scores!.coaching).toBeNull()
    expect(dashboard.programme.scores!.coaching!.n).toBe(75)
    // What the attacker learns from everything read: nothing of D's coaching (the solver first, so a
    // release that showed the view fails here on what it gives away, not only on being shown).
    expect(o.inconsistent()).toEqual([])
    expect(found(o, hidden, 'coaching:')).toEqual({})
    expect(found(o, hidden, 'q:coaching_')).toEqual({})
    expect(o.mentions('medewerker', hidden, 'coaching')).toEqual([])
    expect(view).toMatchObject({ shown: false, because: 'hidden-groups' })
    expect(exp.status).toBe(409)
    // The old release: pool minus programme is D's two coaching scores (n, 12 × sum, 144 × sum of squares)…
    expect(old.inconsistent()).toEqual([])
    const got = found(old, hidden, 'coaching:')
    expect(got).toEqual({ 'coaching:n': '2', 'coaching:s': String(7 * 12), 'coaching:q': String(29 * 144) })
    // …which are 2 and 5: x = (s ± √(2q − s²)) / 2.
    const [s, q] = [Number(got['coaching:s']) / 12, Number(got['coaching:q']) / 144]
    const r = Math.sqrt(2 * q - s * s)
    expect([(s - r) / 2, (s + r) / 2]).toEqual([2, 5])
    // And per question how many of D answered it: 23 "don't know".
    expect(found(old, hidden, 'q:coaching_1:dontKnow')).toEqual({ 'q:coaching_1:dontKnow': '23' })
  })

  it("attack 1 beside a fifth partner: the view is over the four cells shown whole, and still nothing of D's coaching is determined", async () => {
    const sets = [0, 1, 2, 3, 4].map((p) =>
      Array.from({ length: 25 }, (_, i) =>
        answersFor('medewerker', p !== 3 ? base(p, i) : { ...base(p, i), coaching: i === 0 ? 2 : i === 1 ? 5 : 'dk' }),
      ),
    )
    const { o, view, exp, hidden } = await attacked(sets, true)
    expect(view).toMatchObject({ shown: true, respondents: 100, partners: 4, partnersLeftOut: 1 })
    expect(exp.status).toBe(200)
    expect(o.qualityShown).toBe(1)
    expect(o.inconsistent()).toEqual([])
    expect(o.mismatches).toEqual([])
    expect(found(o, hidden, 'coaching:')).toEqual({})
    expect(found(o, hidden, 'q:coaching_')).toEqual({})
  })

  it("attack 2: D's kader_1, answered by 3 (1, 5, 5) while 22 skip it and kader shows: nothing determined; the old release gave all three", async () => {
    // A, B and C answer kader 3 throughout, so their kader_1 is neutral: no floor, no ceiling.
    const sets = [0, 1, 2, 3].map((p) =>
      Array.from({ length: 25 }, (_, i) => {
        const a = answersFor('medewerker', { ...base(p, i), kader: 3 })
        if (p === 3) a.kader_1 = i === 0 ? 1 : i < 3 ? 5 : ins.scale.dontKnow.value
        return a
      }),
    )
    const { o, old, view, exp, dashboard, hidden } = await attacked(sets, false)
    const d = dashboard.partners.find((p) => p.id === hidden)!
    expect(d.scores!.kader!.n).toBe(25)
    expect(dashboard.questions!.partners[hidden]!.kader_1).toBeNull()
    // And with it the rest of kader, whose score beside them would give kader_1 away (hidden-question.test.ts).
    expect(dashboard.questions!.partners[hidden]!.kader_2).toBeNull()
    expect(dashboard.questions!.partners[hidden]!.coaching_1).not.toBeNull()
    expect(o.inconsistent()).toEqual([])
    expect(found(o, hidden, 'q:kader_1:')).toEqual({})
    expect(o.mentions('medewerker', hidden, 'q:kader_1')).toEqual([])
    expect(view).toMatchObject({ shown: false, because: 'hidden-groups' })
    expect(exp.status).toBe(409)
    // The old release: D's 22 "don't know" (so 3 on the scale), one at the bottom and two at the top.
    expect(old.inconsistent()).toEqual([])
    expect(found(old, hidden, 'q:kader_1:')).toEqual({
      'q:kader_1:n': '25',
      'q:kader_1:dontKnow': '22',
      'q:kader_1:floor': '1',
      'q:kader_1:ceiling': '2',
    })
  })
})
