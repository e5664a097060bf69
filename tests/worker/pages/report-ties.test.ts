import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Publication } from '../../../worker/domain/publication.ts'
import { type Lang, listWords, messages } from '../../../worker/i18n/messages.ts'
import { ReportPage } from '../../../worker/pages/report-page.tsx'
import { Standouts } from '../../../worker/pages/results-standouts.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { reportOf } from '../../../worker/services/report-service.ts'
import { resultsFor } from '../../../worker/services/results-service.ts'
import { cellOf, pageData, pagePartner, pageProgramme, pageText, pageWave, scoreStats, wavesData } from '../fixtures.ts'

/**
 * Ties too wide for a stand-out line: Alpha's staff score 4,5 on coaching
 * and 1,9 on every other dimension, Beta's 4,3 on all. The dashboard says the ties in words, and
 * Alpha's report names every tied dimension as weakest, with their question detail.
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'

const cell = (partnerId: string, n: number, means: Record<string, [number, number]>) =>
  cellOf(ins, partnerId, role, n, (d, i) => {
    const [m, spread] = means[d] ?? means['*']!
    return m + (i % 2 ? spread : -spread)
  })
const partner = pagePartner
const partners = [partner('a', 'Alpha'), partner('b', 'Beta')]
const wave = pageWave({ instrumentVersion: 3 })
const programme = pageProgramme
const dims = dimensionsFor(ins, role)
const publication = publishWave(
  ins,
  ['a', 'b'],
  [cell('a', 10, { coaching: [4.5, 0.5], '*': [1.9, 0.5] }), cell('b', 10, { '*': [4.3, 0.5] })],
  5,
)
const data = pageData(partners, wave, publication)
/** Alpha's report of `pub`, a wave of instrument version 1 that Alpha alone is in. */
const alphaReportOnV1 = (pub: Publication) =>
  reportOf(programme, pageData([partners[0]!], pageWave({ instrumentVersion: 1 }), pub), {
    partnerId: 'a',
    role,
    k: 5,
    onlyPartner: null,
    actions: [],
  })
const text = pageText

describe('a tie too wide for a line is said, not dropped', () => {
  it.each(['nl', 'en'] as Lang[])('in the stand-outs (%s)', async (lang) => {
    const d = resultsFor(programme, data, { role, k: 5, onlyPartner: null })
    const html = String(
      await (Standouts({ lang, d, trendKey: 'programme' }) as { toString(): string | Promise<string> }).toString(),
    )
    const standouts = await text(html)
    const n = dims.length
    // Which dimensions, not only how many: "4 dimensies gelijk op 1,9" left a lead guessing which.
    const names = listWords(
      messages[lang],
      dims.filter((x) => x !== 'coaching').map((x) => ins.dimensions.find((y) => y.key === x)!.label[lang]),
    )
    expect(standouts).toContain(lang === 'nl' ? `${names}, alle ${n - 1} op 1,9` : `${names}, all ${n - 1} at 1.9`)
    // A line of its own starts as a sentence does; after a label it runs on in lower case.
    expect(html).toContain(
      `<li data-kind="all-equal">${lang === 'nl' ? `Alle ${n} dimensies gelijk op 4,3` : `All ${n} dimensions equal at 4.3`}</li>`,
    )
  })

  it.each(['nl', 'en'] as Lang[])(
    "in Alpha's report: every tied dimension weakest, each with its questions (%s)",
    async (lang) => {
      const r = reportOf(programme, data, { partnerId: 'a', role, k: 5, onlyPartner: null, actions: [] })
      expect(r.weakest.map((x) => x.key).sort()).toEqual(dims.filter((x) => x !== 'coaching').sort())
      const html = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
      const listed = /<ul id="report-weakest">([\s\S]*?)<\/ul>/.exec(html)![1]!.match(/<li>/g) ?? []
      expect(listed.length).toBe(dims.length - 1)
      // A question section per tied dimension (this publication kept no question counts, so each says so).
      const questions = /<section[^>]*id="report-questions">([\s\S]*?)<\/section>/.exec(html)![1]!
      expect(questions.match(/<h3>/g)?.length).toBe(dims.length - 1)
      // Team managers never asked: the gap section says so of Alpha, not of every partner.
      const words = await text(html)
      expect(words).toContain(
        lang === 'nl'
          ? 'Voor Alpha is nog geen vergelijking mogelijk: teammanagers zijn in deze ronde niet gevraagd.'
          : 'No comparison is possible yet for Alpha: team managers were not asked in this wave.',
      )
    },
  )

  it.each(['nl', 'en'] as Lang[])(
    "opens Alpha's report with one line that adds up from its scores table (%s)",
    async (lang) => {
      const r = reportOf(programme, data, { partnerId: 'a', role, k: 5, onlyPartner: null, actions: [] })
      const html = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
      // Alpha 4,5 on coaching and 1,9 on the rest, the programme (Alpha and Beta) 4,4 and 3,1: +0,1 once, −1,2 four times.
      const rows = [...html.matchAll(/<tr data-dimension="[^"]+">[\s\S]*?<\/tr>/g)].map((m) => m[0])
      const diffs = rows.map((row) => /<td>([+−]\d[,.]\d|0[,.]0)<\/td><\/tr>$/.exec(row)?.[1]).filter(Boolean)
      expect(diffs.length).toBe(dims.length)
      // The line's counts are the table's: one "+", the rest "−".
      expect(diffs.filter((x) => x!.startsWith('+'))).toHaveLength(1)
      expect(diffs.filter((x) => x!.startsWith('−'))).toHaveLength(dims.length - 1)
      const summary = await text(/<p class="report-summary" id="report-summary">[\s\S]*?<\/p>/.exec(html)![0])
      expect(summary.trim()).toBe(
        lang === 'nl'
          ? `In het kort: Alpha scoort op 1 van de ${dims.length} dimensies hoger dan het programma als geheel en op ${dims.length - 1} lager (verschil −1,2 tot +0,1, zie de tabel hieronder).`
          : `In short: Alpha scores higher than the programme as a whole on 1 of the ${dims.length} dimensions and lower on ${dims.length - 1} (difference −1.2 to +0.1, see the table below).`,
      )
    },
  )

  it.each(['nl', 'en'] as Lang[])(
    'says "close to the programme" where every difference is a tenth at most, not "higher" and "level" at once (%s)',
    async (lang) => {
      // Gamma 3,0 and Delta 3,2 on every dimension, as many answers each: the programme 3,1.
      const pub = publishWave(
        ins,
        ['a', 'b'],
        [cell('a', 10, { '*': [3.0, 0.5] }), cell('b', 10, { '*': [3.2, 0.5] })],
        5,
      )
      const near = pageData([partner('a', 'Gamma'), partner('b', 'Delta')], wave, pub)
      const r = reportOf(programme, near, { partnerId: 'a', role, k: 5, onlyPartner: null, actions: [] })
      const html = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
      const summary = await text(/<p class="report-summary" id="report-summary">[\s\S]*?<\/p>/.exec(html)![0])
      expect(summary.trim()).toBe(
        lang === 'nl'
          ? `In het kort: Gamma scoort op alle ${dims.length} dimensies dicht bij het programma als geheel: het verschil is −0,1 (zie de tabel hieronder).`
          : `In short: Gamma scores close to the programme as a whole on all ${dims.length} dimensions: the difference is −0.1 (see the table below).`,
      )
    },
  )

  it.each(['nl', 'en'] as Lang[])(
    "says in Alpha's one line that it fell clearly on every dimension since the wave before (%s)",
    async (lang) => {
      // Alpha 4,0 on every dimension in Najaar, 2,0 in Voorjaar (20 answers, sd 0,5: every change clear); Beta 3,0 in both.
      const at = (mean: number) =>
        publishWave(ins, ['a', 'b'], [cell('a', 20, { '*': [mean, 0.5] }), cell('b', 20, { '*': [3, 0.5] })], 5)
      const before = pageWave({
        instrumentVersion: 3,
        id: 'w0',
        label: 'Najaar',
        opensAt: '2025-09-01T00:00:00.000Z',
        closesAt: '2025-10-01T00:00:00.000Z',
      })
      const data = wavesData(
        partners,
        [before, wave],
        new Map([
          ['w0', at(4)],
          ['w1', at(2)],
        ]),
      )
      const r = reportOf(programme, data, { partnerId: 'a', role, k: 5, onlyPartner: null, actions: [] })
      const html = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
      const summary = await text(/<p class="report-summary" id="report-summary">[\s\S]*?<\/p>/.exec(html)![0])
      expect(summary.trim()).toMatch(
        lang === 'nl'
          ? / Sinds Najaar duidelijk lager op elke dimensie\.$/
          : / Clearly lower since Najaar on every dimension\.$/,
      )
      // Beta did not move: its line says nothing of changes.
      const beta = reportOf(programme, data, { partnerId: 'b', role, k: 5, onlyPartner: null, actions: [] })
      const betaHtml = String(await ReportPage({ lang, r: beta, path: '/app', order: 1, canWrite: false }).toString())
      expect(await text(/<p class="report-summary" id="report-summary">[\s\S]*?<\/p>/.exec(betaHtml)![0])).not.toMatch(
        /Najaar/,
      )
    },
  )

  it("says all dimensions equal in Beta's report", async () => {
    const r = reportOf(programme, data, { partnerId: 'b', role, k: 5, onlyPartner: null, actions: [] })
    expect(r.allClose).toEqual({ min: 4.3, max: 4.3 })
    const words = await text(ReportPage({ lang: 'nl', r, path: '/app', order: 1, canWrite: false }))
    expect(words).toContain('Alle getoonde dimensies staan op 4,3')
  })

  it.each(['nl', 'en'] as Lang[])(
    "details the questions of Beta's first two dimensions at the lowest mean, none being weakest (%s)",
    async (lang) => {
      const r = reportOf(programme, data, { partnerId: 'b', role, k: 5, onlyPartner: null, actions: [] })
      expect(r.weakest).toEqual([])
      expect(r.questionDims).toEqual(dims.slice(0, 2))
      const html = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
      const questions = /<section[^>]*id="report-questions">([\s\S]*?)<\/section>/.exec(html)?.[1] ?? ''
      expect(questions.match(/<h3>/g)?.length).toBe(2)
      const words = await text(questions)
      const n = dims.length
      expect(words).toContain(
        lang === 'nl' ? `Antwoorden per vraag: de laagste dimensies` : 'Answers per question: the lowest dimensions',
      )
      expect(words).toContain(lang === 'nl' ? `2 van de ${n} dimensies op 4,3` : `2 of the ${n} dimensions at 4.3`)
    },
  )
})

describe("the report's radar says which dimensions it leaves out", () => {
  it.each(['nl', 'en'] as Lang[])('names them under the radar and marks their rows (%s)', async (lang) => {
    const v1 = findInstrument('coachende-manager', 1)!
    const off = v1.dimensions.filter((x) => !x.radar && dimensionsFor(v1, role).includes(x.key))
    expect(off.length).toBeGreaterThan(0)
    const out: Record<string, number[]> = {}
    for (const d of dimensionsFor(v1, role)) out[d] = [10, 30, 100, ...new Array<number>(v1.levels.length).fill(0)]
    const pub = publishWave(v1, ['a'], [{ partnerId: 'a', role, n: 10, stats: out }], 5)
    const r = alphaReportOnV1(pub)
    const html = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
    const note = /<p id="report-radar-left-out">([^<]*)<\/p>/.exec(html)?.[1] ?? ''
    for (const x of off) expect(note).toContain(x.label[lang])
    for (const x of off)
      expect(html).toMatch(
        new RegExp(
          `<tr data-dimension="${x.key}"><th scope="row">[^<]*<span class="muted"> \\((niet in de radar|not on the radar)\\)`,
        ),
      )
  })
})

describe('the report details the questions of the two weakest dimensions, not every weakest', () => {
  const v1 = findInstrument('coachende-manager', 1)!
  const v1Dims = dimensionsFor(v1, role)
  /** Alpha on v1 (ten dimensions, so three weakest): `low` on the first dimensions, 4,0 on the rest. */
  function reportWith(low: number[]) {
    const alpha = cellOf(v1, 'a', role, 10, (d, j) => (low[v1Dims.indexOf(d)] ?? 4) + (j % 2 ? 0.5 : -0.5))
    const pub = publishWave(v1, ['a'], [alpha], 5)
    return alphaReportOnV1(pub)
  }

  it.each(['nl', 'en'] as Lang[])(
    'three weakest at 1,5, 2,0 and 2,5: the lowest two, and says so (%s)',
    async (lang) => {
      const r = reportWith([1.5, 2, 2.5])
      expect(r.weakest.map((w) => w.key)).toEqual(v1Dims.slice(0, 3))
      expect(r.questionDims).toEqual(v1Dims.slice(0, 2))
      const words = await text(ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }))
      expect(words).toContain(
        lang === 'nl'
          ? 'Van de 3 zwakste dimensies hierboven staan hier de 2 met de laagste score.'
          : 'Of the 3 weakest dimensions above, the 2 with the lowest scores are here.',
      )
    },
  )

  it('a tie with the second is detailed whole, and nothing is said of fewer', async () => {
    const r = reportWith([1.5, 2, 2])
    expect(r.weakest.map((w) => w.key)).toEqual(v1Dims.slice(0, 3))
    expect(r.questionDims).toEqual(v1Dims.slice(0, 3))
    const html = String(await ReportPage({ lang: 'nl', r, path: '/app', order: 1, canWrite: false }).toString())
    expect(html).not.toContain('report-questions-few')
  })
})

describe('a tie after the lowest says which dimensions and that they come next', () => {
  // Gamma: one dimension highest at 2,8, one lowest at 2,0, the next two at 2,2 and the rest at 2,5:
  // the line read "laagst … 2,0; 2 dimensies gelijk op 2,2", and a lead could not tell which two (a lead's review).
  const [high, low, tieA, tieB] = dims
  const gamma = publishWave(
    ins,
    ['a', 'c'],
    [
      cell('a', 10, { '*': [3.5, 0.5] }),
      cell('c', 10, {
        [high!]: [2.8, 0.5],
        [low!]: [2, 0.5],
        [tieA!]: [2.2, 0.5],
        [tieB!]: [2.2, 0.5],
        '*': [2.5, 0.5],
      }),
    ],
    5,
  )
  const three = [partners[0]!, partner('c', 'Gamma')]
  it.each([
    ['nl', 'daarna {a} en {b}, beide op 2,2'],
    ['en', 'then {a} and {b}, both at 2.2'],
  ] as const)('in the line and in the summary (%s)', async (lang, words) => {
    const d = resultsFor(programme, pageData(three, wave, gamma), { role, k: 5, onlyPartner: null })
    const html = String(
      await (Standouts({ lang, d, trendKey: 'programme' }) as { toString(): string | Promise<string> }).toString(),
    )
    const label = (key: string) => ins.dimensions.find((x) => x.key === key)!.label[lang]
    const said = words.replace('{a}', label(tieA!)).replace('{b}', label(tieB!))
    const line = /<details class="standout-partner"[^>]*data-partner="c">([\s\S]*?)<\/details>/.exec(html)![1]!
    const summary = await text(/<summary>([\s\S]*?)<\/summary>/.exec(line)![1]!)
    expect(summary).toContain(`${label(low!)} ${lang === 'nl' ? '2,0' : '2.0'}; ${said}`)
    expect(await text(/<li data-kind="weakest">([\s\S]*?)<\/li>/.exec(line)![1]!)).toContain(`; ${said}`)
    expect(line).not.toMatch(/dimensies gelijk op|dimensions equal at/)
  })
})

describe("the report's radar marks a line's axes without a point", () => {
  it.each(['nl', 'en'] as Lang[])('on the axis, under the figure and in its text alternative (%s)', async (lang) => {
    // Alpha shown, with too few answers on two of its radar's dimensions: its line had 3 of 5 points
    // and nothing on the chart said why (a lead's review); only the table did.
    const radar = ins.dimensions.filter((x) => x.radar && dims.includes(x.key))
    const few = radar.slice(1, 3)
    const a = cell('a', 10, { '*': [3, 0.5] })
    for (const x of few) a.stats[x.key] = scoreStats(ins, [3, 3, 3])
    const pub = publishWave(ins, ['a', 'b'], [a, cell('b', 10, { '*': [4, 0.5] })], 5)
    const r = reportOf(programme, pageData(partners, wave, pub), {
      partnerId: 'a',
      role,
      k: 5,
      onlyPartner: null,
      actions: [],
    })
    const html = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
    const svg = /<svg class="report-radar"[\s\S]*?<\/svg>/.exec(html)![0]
    const tooFew = lang === 'nl' ? 'te weinig antwoorden' : 'too few answers'
    const names = listWords(
      messages[lang],
      few.map((x) => x.label[lang]),
    )
    const said =
      lang === 'nl'
        ? `Geen punt voor Alpha op ${names}: te weinig antwoorden daarop.`
        : `No point for Alpha on ${names}: too few answers on it.`
    const title = (await text(/<title[^>]*>([\s\S]*?)<\/title>/.exec(svg)![1]!)).trim()
    expect(title).toContain(said)
    expect(await text(/<p id="report-radar-missing">([\s\S]*?)<\/p>/.exec(html)![1]!)).toBe(said)
    // Each such axis's label says it; the others do not.
    const labels = [...svg.matchAll(/<text[^>]*text-anchor[^>]*>([\s\S]*?)<\/text>/g)].map((m) =>
      m[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    )
    expect(labels.filter((l) => l.includes(`(${tooFew})`)).length).toBe(few.length)
    for (const x of few) expect(labels.some((l) => l.startsWith(x.label[lang]) && l.endsWith(`(${tooFew})`))).toBe(true)
  })
})
