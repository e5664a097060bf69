/**
 * Agreement (README, "Levels and agreement") read as an adversary reads the results: agreement
 * (the mean item r_wg) is shown
 * only for a shown partner's cell, made only from the question counts that cell publishes, never
 * for the programme as a whole (whose total minus the shown partners could otherwise carry a
 * hidden group) and never for a hidden group. Two programmes alike but for the answers of a
 * hidden group show the same agreement, the same levels and the same held-back levels, so
 * agreement adds no equation about a hidden group (tests/worker/anonymity/property.test.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { questionsOf } from '../../../worker/domain/question-detail.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { addWave, closeWave, postJson, signInAdmin } from '../helpers.ts'
import { addViewer, req } from './adversary.ts'
import { agreementSets } from '../fixtures.ts'

const ins = findInstrument('coachende-manager', 2)!
const dims = dimensionsFor(ins, 'medewerker')
let lead: string

type Score = {
  mean: number
  level: number | null
  agreement: number | null
  verdict: { level: number | null; because: string }
}
type CellJson = { n: number | null; suppressed: boolean; scores: Record<string, Score | null> | null }
type ResultsJson = {
  agreement: { minGroupSize: number; threshold: number } | null
  programme: CellJson
  partners: (CellJson & { id: string; name: string })[]
}

/** Staff answer sets around `centre(p)`: a personal view of SD 0.55, item noise of SD 0.67, rounded to 1–5. */
const answerSets = (n: number, centre: (p: number) => number, seed: number): Answers[] =>
  agreementSets(ins, n, centre, seed)

/** The mean item r_wg straight from a group's answer sets: per item 1 − s²/2 (five-option uniform null), at least 0. */
function rawRwg(sets: Answers[], dimension: string): number {
  const items = questionsOf(ins, 'medewerker', dimension)
  const r = items.map((q) => {
    const x = sets.map((a) => a[q.name] as number)
    const m = x.reduce((s, v) => s + v, 0) / x.length
    return Math.max(0, 1 - x.reduce((s, v) => s + (v - m) ** 2, 0) / (x.length - 1) / 2)
  })
  return r.reduce((s, v) => s + v, 0) / r.length
}

type Setup = { programmeId: string; ids: Record<string, string> }

/** A programme of three partners with a version-2 wave, answered group by group, then closed. */
async function programme(groups: Record<string, Answers[]>): Promise<Setup> {
  const { id: programmeId } = await postJson(
    '/api/programmes',
    { name: `Overeenstemming ${crypto.randomUUID().slice(0, 8)}` },
    lead,
  )
  const ids: Record<string, string> = {}
  for (const name of Object.keys(groups))
    ids[name] = (await postJson(`/api/programmes/${programmeId}/partners`, { name, headcount: 100 }, lead)).id
  const waveId = await addWave(lead, programmeId, { label: '2026-2', instrumentVersion: 2 })
  for (const [name, sets] of Object.entries(groups)) {
    const { token } = await postJson<{ token: string }>(
      `/api/waves/${waveId}/links`,
      { partnerId: ids[name], role: 'medewerker' },
      lead,
    )
    for (const answers of sets) {
      const res = await req(`/api/s/${token}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers } })
      expect(res.status).toBe(201)
    }
  }
  await closeWave(lead, waveId)
  return { programmeId, ids }
}

const dashboard = async (s: Setup, cookie = lead) =>
  (await (await req(`/api/programmes/${s.programmeId}/dashboard?role=medewerker`, { cookie })).json()) as ResultsJson

describe('agreement: only for shown partners, from what they publish, nothing about a hidden group', () => {
  const split = answerSets(12, (p) => (p % 2 ? 2 : 4.2), 1)
  const agree = answerSets(12, () => 3.8, 2)
  let one: Setup
  let other: Setup
  beforeAll(async () => {
    lead = await signInAdmin()
    // The same shown groups; the hidden group (3 answer sets, under k = 5) answers differently.
    one = await programme({ Gesplitst: split, Eensgezind: agree, Klein: answerSets(3, () => 1.2, 3) })
    other = await programme({ Gesplitst: split, Eensgezind: agree, Klein: answerSets(4, () => 4.8, 4) })
  })

  it('gives a shown partner its agreement as the raw answer sets give it, and holds the split group’s level back', async () => {
    const d = await dashboard(one)
    expect(d.agreement).toEqual({ index: 'rwg_mean', null: 'uniform', minGroupSize: 10, threshold: 0.5 })
    const byName = Object.fromEntries(d.partners.map((p) => [p.name, p]))
    for (const dim of dims) {
      const s = byName.Gesplitst!.scores![dim]!
      expect(s.agreement, dim).toBeCloseTo(rawRwg(split, dim), 9)
      expect(s.verdict, dim).toEqual({ level: null, because: 'disagree' })
      const a = byName.Eensgezind!.scores![dim]!
      expect(a.agreement, dim).toBeCloseTo(rawRwg(agree, dim), 9)
      expect(a.verdict.because, dim).not.toBe('disagree')
    }
  })

  it('names no level for the split group among its strongest and weakest dimensions either', async () => {
    const d = (await dashboard(one)) as ResultsJson & {
      standouts: {
        subject: { kind: string; id?: string }
        items: { kind: string; dimension: string; level: number | null }[]
      }[]
    }
    const items = (id: string) =>
      d.standouts.find((g) => g.subject.id === id)!.items.filter((x) => x.kind === 'strongest' || x.kind === 'weakest')
    expect(items(one.ids.Gesplitst!).length).toBeGreaterThan(0)
    for (const x of items(one.ids.Gesplitst!)) expect(x.level).toBeNull()
    // The agreeing group's stand-outs name the level its cells name: none where it is not yet clear.
    const agreeing = d.partners.find((p) => p.id === one.ids.Eensgezind)!
    for (const x of items(one.ids.Eensgezind!)) {
      expect(agreeing.scores![x.dimension]!.verdict.because).not.toBe('disagree')
      expect(x.level, x.dimension).toBe(agreeing.scores![x.dimension]!.level)
    }
    const html = await (
      await req(`/app/programmes/${one.programmeId}?role=medewerker&lang=en`, { cookie: lead })
    ).text()
    expect(html).toContain('(no level: answers within the partner differ too much)')
  })

  it('gives a hidden group no scores and so no agreement, and the programme as a whole none', async () => {
    const d = await dashboard(one)
    const small = d.partners.find((p) => p.name === 'Klein')!
    expect(small.suppressed).toBe(true)
    expect(small.scores).toBeNull()
    for (const dim of dims) expect(d.programme.scores![dim]!.agreement, dim).toBeNull()
  })

  it('shows the same agreement, levels and scores in both programmes: the hidden group’s answers are in none of them', async () => {
    const strip = (d: ResultsJson) => ({
      programme: { ...d.programme, id: null, name: null },
      partners: d.partners.map(({ id: _, ...p }) => p),
    })
    expect(strip(await dashboard(other))).toEqual(strip(await dashboard(one)))
  })

  it('exports agreement and the held level only for shown partners, as the page shows them', async () => {
    const d = await dashboard(one)
    const text = await (await req(`/api/programmes/${one.programmeId}/export.csv?lang=en`, { cookie: lead })).text()
    const [header, ...rows] = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
      .map((l) => l.split(','))
    const col = (name: string) => header!.indexOf(name)
    const staff = rows.filter((r) => r[col('role')] === 'medewerker')
    for (const r of staff) {
      const partner = d.partners.find((p) => p.name === r[col('partner')])
      const s = partner?.scores?.[r[col('dimension')]!]
      if (!partner) {
        // The programme as a whole: scores, but no agreement, so never a level held back for it.
        expect(r[col('agreement_rwg')], r.join(',')).toBe('')
        expect(r[col('level_held')], r.join(',')).toBe('0')
        continue
      }
      if (!s) {
        // The hidden group: no numbers at all.
        expect(
          r.slice(col('n_dimension'), col('hidden_reason')).every((x) => x === ''),
          r.join(','),
        ).toBe(true)
        continue
      }
      expect(Number(r[col('agreement_rwg')])).toBe(Number(s.agreement!.toFixed(2)))
      expect(r[col('level_held')]).toBe(s.verdict.because === 'disagree' ? '1' : '0')
    }
    expect(staff.filter((r) => r[col('partner')] === 'Klein').length).toBeGreaterThan(0)
  })

  it('gives a viewer limited to one partner only that partner’s agreement', async () => {
    const viewer = await addViewer(lead, one.programmeId, one.ids.Eensgezind!)
    const d = await dashboard(one, viewer.cookie)
    expect(d.partners.map((p) => p.name)).toEqual(['Eensgezind'])
    const html = await (
      await req(`/app/programmes/${one.programmeId}?role=medewerker&lang=nl`, { cookie: viewer.cookie })
    ).text()
    expect(html).not.toContain('Gesplitst')
    expect(html).not.toContain(
      'Geen niveau: antwoorden binnen deze partner lopen te ver uiteen om één niveau te noemen</a>',
    )
  })

  it('says so in plain words on the page, with the agreement one click away, in both languages', async () => {
    const d = await dashboard(one)
    const splitScores = d.partners.find((p) => p.name === 'Gesplitst')!.scores!
    const nl2 = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    const en2 = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
    const nl = await (await req(`/app/programmes/${one.programmeId}?role=medewerker&lang=nl`, { cookie: lead })).text()
    expect(nl).toContain(
      '<a class="level level-held" href="#disagree-explain">Geen niveau: antwoorden binnen deze partner lopen te ver uiteen om één niveau te noemen</a>',
    )
    expect(nl).toContain(`overeenstemming ${nl2.format(splitScores[dims[0]!]!.agreement!)}, nodig 0,50`)
    expect(nl).toContain('id="disagree-explain"')
    expect(nl).toContain('vanaf 10 antwoorden per vraag')
    // Every dimension asked of staff in version 2 is on the radar: no empty "other dimensions" table beside it.
    expect(nl).toContain('id="scores-radar"')
    expect(nl).not.toContain('id="scores-indicators"')
    expect(nl).toContain('id="glossary-agreement"')
    expect(nl).toContain('data-held')
    const en = await (await req(`/app/programmes/${one.programmeId}?role=medewerker&lang=en`, { cookie: lead })).text()
    expect(en).toContain('No level: answers within this partner differ too much to name one level')
    expect(en).toContain(`agreement ${en2.format(splitScores[dims[0]!]!.agreement!)}, needs 0.50`)
    expect(en).toContain('Agreement (mean r_wg of the questions)')
    // Version 2 has no dispersion cap to explain.
    expect(en).not.toContain('id="capped-explain"')
  })

  it('the partner report says it too: no level and no next step for a split group, a level for an agreeing one', async () => {
    const report = async (name: string, lang: string) =>
      (
        await req(`/app/programmes/${one.programmeId}/partners/${one.ids[name]}/report?role=medewerker&lang=${lang}`, {
          cookie: lead,
        })
      ).text()
    const split = await report('Gesplitst', 'en')
    expect(split).toContain(
      '<span class="level level-held">No level: answers within this partner differ too much to name one level</span>',
    )
    expect(split).toContain('Talk first about why the answers differ so much here')
    expect(split).not.toContain('asks of a coaching manager')
    const agreeing = await report('Eensgezind', 'nl')
    expect(agreeing).not.toContain('lopen te ver uiteen')
  })
})
