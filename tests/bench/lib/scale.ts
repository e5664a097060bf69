/**
 * Part 1, the dashboard at scale: the same programme at several response counts, each in its own
 * Miniflare, all running at once so every round times every size and its naive query back to
 * back: a noisy moment slows both sides of each comparison alike.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Miniflare } from 'miniflare'
import type { Instrument } from '../../../schema/instrument.ts'
import { DEFAULT_SHAPE, loadDataset, FEWEST_PER_CELL, type Dataset, type Shape } from './load.ts'
import { APP, BARE, BEFORE, COUNTED, d1File, migrate, signIn, startMiniflare } from './miniflare.ts'
import type { Report } from './report.ts'
import type { Tally } from '../worker/counted.ts'
import { median, round, time } from './run.ts'
import { measureStorage, type Storage } from './storage.ts'

export type Instance = {
  size: number
  shape: Shape
  /** How figures name this instance: `@1,000` for the 10 × 10 programme, `@4,000 (40×10)` for another shape. */
  label: string
  mf: Miniflare
  cookie: string
  data: Dataset
  loadSeconds: number
  storage?: Storage
}

type Naive = 'wave' | 'trend' | 'both'

/**
 * The requests a lead makes, each beside the naive query that would compute the same numbers:
 * the latest wave's GROUP BY, the trend's over every wave, or both for a page that shows the
 * wave and its trend (the results page and the partner report).
 */
const REQUESTS: { kind: string; path: (d: Dataset) => string; naive: Naive }[] = [
  { kind: 'dashboard', path: (d) => `/api/programmes/${d.programmeId}/dashboard?role=medewerker`, naive: 'wave' },
  // Question detail of one dimension, as a reader opens it (`?questions=`, sent only when asked).
  {
    kind: 'questions',
    path: (d) => `/api/programmes/${d.programmeId}/dashboard?role=medewerker&questions=coaching`,
    naive: 'wave',
  },
  // The managers' self-view: its `gap` compares it with what staff see, partner by partner.
  { kind: 'gap', path: (d) => `/api/programmes/${d.programmeId}/dashboard?role=teammanager`, naive: 'wave' },
  { kind: 'trend', path: (d) => `/api/programmes/${d.programmeId}/trend?role=medewerker`, naive: 'trend' },
  { kind: 'export', path: (d) => `/api/programmes/${d.programmeId}/export.csv`, naive: 'wave' },
  // The server-rendered results page: stand-outs, the heatmap of every partner, radar, tables, trend, gap, and a link per dimension to its questions.
  { kind: 'page', path: (d) => `/app/programmes/${d.programmeId}`, naive: 'both' },
  // One dimension's answers per question for every partner, which the page loads when a reader opens it.
  {
    kind: 'page questions',
    path: (d) => `/app/programmes/${d.programmeId}/questions/coaching?role=medewerker&part=table`,
    naive: 'wave',
  },
  // One partner's printable report, for the latest wave: radar, heatmap row, trend, question detail, actions.
  {
    kind: 'report',
    path: (d) => `/app/programmes/${d.programmeId}/partners/${d.partnerIds.at(-1)}/report?wave=${d.waveIds.at(-1)}`,
    naive: 'both',
  },
]
/** The reads held to the targets at every shape: the results API, the page with the heatmap, the report. */
const HELD = ['dashboard', 'page', 'report']

const naiveUrl = (d: Dataset, naive: 'wave' | 'trend') =>
  naive === 'wave'
    ? `${BARE}/naive/wave?wave=${d.waveIds.at(-1)}`
    : `${BARE}/naive/trend?programme=${d.programmeId}&role=medewerker`

async function get(inst: Instance, url: string): Promise<Response> {
  const res = (await inst.mf.dispatchFetch(url, { headers: { cookie: inst.cookie } })) as unknown as Response
  const body = await res.text()
  if (res.status !== 200) throw new Error(`GET ${url}: ${res.status} ${body.slice(0, 300)}`)
  return new Response(body, { headers: res.headers })
}

export const shapeName = (s: Shape) => `${s.partners}×${s.waves}`
const isDefault = (s: Shape) => s.partners === DEFAULT_SHAPE.partners && s.waves === DEFAULT_SHAPE.waves

/** A Miniflare whose D1 holds `size` responses in a programme of `shape`: migrated through D1, then filled directly. */
export async function prepare(
  size: number,
  shape: Shape,
  ins: Instrument,
  bundle: string,
  tmp: string,
): Promise<Instance> {
  const persist = join(tmp, `d1-${shapeName(shape)}-${size}`)
  mkdirSync(persist, { recursive: true })
  const empty = await startMiniflare(persist, bundle)
  await migrate(empty)
  await empty.dispose()
  const t0 = performance.now()
  const data = loadDataset(d1File(persist), ins, size, shape)
  const loadSeconds = (performance.now() - t0) / 1000
  const mf = await startMiniflare(persist, bundle)
  const label = `@${size.toLocaleString('en')}${isDefault(shape) ? '' : ` (${shapeName(shape)})`}`
  const inst = { size, shape, label, mf, cookie: await signIn(mf), data, loadSeconds }
  // The waves are closed: the first read publishes them, once; every measured read after it reads the publications.
  await get(inst, APP + REQUESTS[0]!.path(data))
  // Bytes per answer set, rollup cell and publication, with the publications just written in place.
  return { ...inst, storage: measureStorage(d1File(persist)) }
}

/**
 * Rows D1 read for each request, from the counting wrapper: the whole request, and for the
 * dashboard the results query alone (the statement that reads `publications`). The Worker sends no
 * header about its reads: it would count cells the reader may not see.
 */
async function rowsRead(inst: Instance) {
  const whole: Record<string, number> = {}
  const roundTrips: Record<string, number> = {}
  const sequential: Record<string, number> = {}
  const kilobytes: Record<string, number> = {}
  let resultsQuery: number | undefined
  for (const r of REQUESTS) {
    // Counted as a read repeats, after one the same. The counting Worker is an isolate of its own,
    // and a first read there after a minute read 4 rows more in the publications statement than the
    // read right after it (312 against 308, 1,000 answer sets), besides renewing the session
    // (worker/domain/session-rule.ts): which size met that depended on the order of the run, and
    // the rows read differed between sizes by 4 whatever the answer sets.
    await (await get(inst, COUNTED + r.path(inst.data))).text()
    const res = await get(inst, COUNTED + r.path(inst.data))
    const tally = JSON.parse(res.headers.get('x-bench-d1')!) as Tally
    kilobytes[r.kind] = round(new TextEncoder().encode(await res.text()).length / 1000, 1)
    whole[r.kind] = tally.rowsRead
    roundTrips[r.kind] = tally.roundTrips
    sequential[r.kind] = tally.sequential
    // The results: a closed wave's publication (made once, at the first read: see the warm-up in prepare()).
    if (r === REQUESTS[0])
      resultsQuery = tally.reads
        .filter((s) => /\bFROM (rollups|publications)\b/i.test(s.sql))
        .reduce((sum, s) => sum + s.rowsRead, 0)
  }
  if (!resultsQuery) throw new Error('the dashboard request read no rows from publications: has its query changed?')
  const naive: Record<string, number> = {}
  for (const n of ['wave', 'trend'] as const)
    naive[n] = ((await (await get(inst, naiveUrl(inst.data, n))).json()) as { rowsRead: number }).rowsRead
  return { resultsQuery, whole, roundTrips, sequential, kilobytes, naive }
}

/** Whether the dashboard shows the means the naive query computes, for every visible staff cell. */
async function sameNumbers(inst: Instance): Promise<boolean> {
  type Dash = { partners: { id: string; scores: Record<string, { mean: number } | null> | null }[] }
  const dash = (await (await get(inst, APP + REQUESTS[0]!.path(inst.data))).json()) as Dash
  const naive = (await (await get(inst, naiveUrl(inst.data, 'wave'))).json()) as {
    cells: { partner: string; role: string; dimension: string; mean: number | null }[]
  }
  let compared = 0
  for (const p of dash.partners) {
    for (const [dim, score] of Object.entries(p.scores ?? {})) {
      if (!score) continue
      const cell = naive.cells.find((c) => c.partner === p.id && c.role === 'medewerker' && c.dimension === dim)
      if (!cell || cell.mean === null || Math.abs(cell.mean - score.mean) > 1e-9) return false
      compared++
    }
  }
  return compared > 0
}

/**
 * What the timed pages show, so a fast page cannot be one that left something out: the heatmap
 * with a row for the programme and for every partner, and question detail with its bars in the
 * report and for the results page, whose dimensions load their tables when opened (the first
 * dimension's, read here as the page's script reads it; the loader writes the question counts
 * the Worker would).
 */
async function pageShows(inst: Instance) {
  const page = await (await get(inst, APP + REQUESTS.find((r) => r.kind === 'page')!.path(inst.data))).text()
  const report = await (await get(inst, APP + REQUESTS.find((r) => r.kind === 'report')!.path(inst.data))).text()
  // The table's class is "heatmap", or "heatmap heat-compact" past 12 partners (worker/pages/results-standouts.tsx).
  const heatmap = /<table class="heatmap(?: [^"]*)?"[\s\S]*?<\/table>/.exec(page)?.[0] ?? ''
  const rows = (heatmap.match(/<tr[^>]* data-partner="/g) ?? []).length
  const bars = (html: string) => (html.match(/class="question-bar(?: reverse)?"/g) ?? []).length
  const first = /class="question-load" data-src="([^"]+)"/.exec(page)?.[1]?.replaceAll('&amp;', '&')
  const questions = first ? await (await get(inst, `${APP}${first}&part=table`)).text() : ''
  return { heatmapRows: rows, pageBars: bars(questions), reportBars: bars(report) }
}

export async function measureScale(
  instances: Instance[],
  report: Report,
  rounds: number,
  naiveRounds: number,
): Promise<void> {
  const part = '1 dashboard'
  const latency = new Map<string, number[]>() // `${label}/${kind}` → ms per round
  const push = (key: string, ms: number) => latency.set(key, [...(latency.get(key) ?? []), ms])
  const counts = new Map<string, Awaited<ReturnType<typeof rowsRead>>>()

  for (const inst of instances) {
    const at = inst.label
    report.add(
      part,
      `load ${inst.size.toLocaleString('en')} responses directly into D1 ${at}`,
      round(inst.loadSeconds, 1),
      's',
    )
    const same = await sameNumbers(inst)
    report.add(part, `dashboard means equal the naive query's ${at}`, same ? 'equal' : 'DIFFER', '', 'equal', same)
    const shows = await pageShows(inst)
    const rowsWanted = inst.shape.partners + 1
    report.add(
      part,
      `heatmap rows on the results page (programme + partners) ${at}`,
      shows.heatmapRows,
      '',
      `${rowsWanted}`,
      shows.heatmapRows === rowsWanted,
    )
    report.add(
      part,
      `question bars of the results page's first dimension / in the report ${at}`,
      `${shows.pageBars}/${shows.reportBars}`,
      '',
      '> 0 each',
      shows.pageBars > 0 && shows.reportBars > 0,
    )
    counts.set(at, await rowsRead(inst))
    // Warm-up: compile the isolate's code paths and bring the pages into SQLite's cache.
    for (const r of REQUESTS) for (let i = 0; i < 3; i++) await get(inst, APP + r.path(inst.data))
  }

  // Each request is timed at every size back to back, so a busy moment falls on all sizes alike;
  // the naive queries follow in the first rounds (at a million responses they take seconds).
  for (let i = 0; i < rounds; i++) {
    for (const r of REQUESTS)
      for (const inst of instances)
        push(`${inst.label}/${r.kind}`, await time(() => get(inst, APP + r.path(inst.data))))
    for (const inst of instances) push(`${inst.label}/health`, await time(() => get(inst, `${APP}/api/health`)))
    // The same closed wave read the way it was before publications: every rollup, suppression per request.
    for (const inst of instances)
      push(
        `${inst.label}/before`,
        await time(() => get(inst, `${BEFORE}/?programme=${inst.data.programmeId}&wave=${inst.data.waveIds.at(-1)}`)),
      )
    if (i >= naiveRounds) continue
    for (const n of ['wave', 'trend'] as const)
      for (const inst of instances)
        push(`${inst.label}/naive-${n}`, await time(() => get(inst, naiveUrl(inst.data, n))))
    // A page showing the wave and its trend would run both naive queries: their times of this round, added.
    for (const inst of instances) {
      const [w, t] = [latency.get(`${inst.label}/naive-wave`)!, latency.get(`${inst.label}/naive-trend`)!]
      push(`${inst.label}/naive-both`, w.at(-1)! + t.at(-1)!)
    }
  }
  report.samples.latencyMs = Object.fromEntries([...latency].map(([k, v]) => [k, v.map((x) => round(x))]))

  const med = (inst: Instance, kind: string) => median(latency.get(`${inst.label}/${kind}`)!)
  /** Median over rounds of a ÷ b, both timed in the same round: steadier than a ratio of medians on a busy machine. */
  const ratio = (a: string, b: string) => {
    const [x, y] = [latency.get(a)!, latency.get(b)!]
    return median(x.slice(0, Math.min(x.length, y.length)).map((v, i) => v / y[i]!))
  }
  const kinds = REQUESTS.map((r) => r.kind).join('/')
  for (const inst of instances) {
    const at = inst.label
    const c = counts.get(at)!
    for (const r of REQUESTS) report.add(part, `${r.kind} ${at}: median latency`, round(med(inst, r.kind)), 'ms')
    for (const kind of ['wave', 'trend'])
      report.add(part, `naive ${kind} GROUP BY ${at}: median latency`, round(med(inst, `naive-${kind}`)), 'ms')
    // The floor under every request: dispatchFetch into the Worker and one D1 query.
    report.add(part, `health (one D1 query) ${at}: median latency`, round(med(inst, 'health')), 'ms')
    report.add(
      part,
      `closed wave before publications (every rollup, suppression per request) ${at}: median latency`,
      round(med(inst, 'before')),
      'ms',
    )
    const beforeRows = (
      (await (
        await get(inst, `${BEFORE}/?programme=${inst.data.programmeId}&wave=${inst.data.waveIds.at(-1)}`)
      ).json()) as { rowsRead: number }
    ).rowsRead
    report.add(
      part,
      `rows read ${at}: before publications, the rollup query / now, the publication query`,
      `${beforeRows}/${c.resultsQuery}`,
    )
    report.add(
      part,
      `closed wave: dashboard ÷ before publications ${at} (median of rounds)`,
      round(ratio(`${at}/dashboard`, `${at}/before`), 2),
      '×',
    )
    report.add(part, `rows read ${at}: publication query`, c.resultsQuery)
    report.add(part, `rows read ${at}: whole request ${kinds}`, REQUESTS.map((r) => c.whole[r.kind]).join('/'))
    report.add(part, `D1 round trips ${at}: ${kinds}`, REQUESTS.map((r) => c.roundTrips[r.kind]).join('/'))
    // What each request sends back (uncompressed): grows with the cells a publication shows, not with the answer sets.
    report.add(part, `response body ${at}: ${kinds}`, REQUESTS.map((r) => c.kilobytes[r.kind]).join('/'), 'KB')
    // The target: at most 2 waits for D1 per read, so a far reader pays the distance to the database twice at most.
    const worst = Math.max(...REQUESTS.map((r) => c.sequential[r.kind]!))
    report.add(
      part,
      `D1 sequential round trips ${at}: ${kinds}`,
      REQUESTS.map((r) => c.sequential[r.kind]).join('/'),
      '',
      '≤ 2 each',
      worst <= 2,
    )
    report.add(part, `rows read ${at}: naive wave/trend`, `${c.naive.wave}/${c.naive.trend}`)
    const faster = (r: (typeof REQUESTS)[number]) => ratio(`${at}/naive-${r.naive}`, `${at}/${r.kind}`)
    report.add(
      part,
      `times faster than naive ${at}: ${kinds} (page and report against wave + trend)`,
      REQUESTS.map((r) => round(faster(r), 1)).join('/'),
      '×',
    )
    report.add(
      part,
      `times faster than the naive wave query alone ${at}: page/report`,
      ['page', 'report'].map((k) => round(ratio(`${at}/naive-wave`, `${at}/${k}`), 1)).join('/'),
      '×',
    )
    // The results API, the page with the heatmap and the report, each against the naive queries behind it.
    const at1M = inst.size >= 1_000_000
    for (const r of REQUESTS.filter((x) => HELD.includes(x.kind))) {
      const speedup = faster(r)
      report.add(
        part,
        `${r.kind} vs naive ${at}: times faster (median of rounds)`,
        round(speedup, 1),
        '×',
        at1M ? '≥ 100×' : '',
        at1M ? speedup >= 100 : null,
      )
    }
  }

  // Flat in responses, per shape: the largest size against the smallest, timed in the same rounds.
  for (const shape of new Set(instances.map((i) => shapeName(i.shape)))) {
    const same = instances.filter((i) => shapeName(i.shape) === shape).sort((a, b) => a.size - b.size)
    const [small, large] = [same[0]!, same.at(-1)!]
    if (small === large) continue
    // The recorded target compares a million with a thousand, or with the same groups in a larger programme (4,000 at 40 × 10).
    const fewest = small.shape.partners * small.shape.waves * FEWEST_PER_CELL
    const target = small.size <= Math.max(1_000, fewest) && large.size >= 1_000_000
    for (const kind of HELD) {
      const growth = ratio(`${large.label}/${kind}`, `${small.label}/${kind}`)
      report.add(
        part,
        `${kind} latency ${large.label} ÷ ${small.label} (median of rounds)`,
        round(growth),
        '×',
        target ? '≤ 1.5×' : '',
        target ? growth <= 1.5 : null,
      )
    }
    const sameAt = (f: (c: Awaited<ReturnType<typeof rowsRead>>) => string) =>
      new Set(same.map((i) => f(counts.get(i.label)!))).size === 1
    const independent = sameAt((c) => `${c.resultsQuery}`) && sameAt((c) => JSON.stringify(c.whole))
    report.add(
      part,
      `rows read independent of response count (${shape})`,
      independent ? 'same at every size' : 'grows',
      '',
      'same at every size',
      independent,
    )
  }
}
