/**
 * Part 1, the dashboard at scale: the same programme at several response counts, each in its own
 * Miniflare, all running at once so every round times every size and its naive query back to
 * back: a noisy moment slows both sides of each comparison alike.
 */
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Miniflare } from 'miniflare'
import type { Instrument } from '../../../schema/instrument.ts'
import { loadDataset, type Dataset } from './load.ts'
import { APP, BARE, BEFORE, COUNTED, d1File, migrate, signIn, startMiniflare } from './miniflare.ts'
import type { Report } from './report.ts'
import type { Tally } from '../worker/counted.ts'
import { median, round, time } from './run.ts'
import { measureStorage, type Storage } from './storage.ts'

export type Instance = {
  size: number
  mf: Miniflare
  cookie: string
  data: Dataset
  loadSeconds: number
  storage?: Storage
}

/** The requests a lead makes, each beside the naive query that would compute the same numbers. */
const REQUESTS: { kind: string; path: (d: Dataset) => string; naive: 'wave' | 'trend' }[] = [
  { kind: 'dashboard', path: (d) => `/api/programmes/${d.programmeId}/dashboard?role=medewerker`, naive: 'wave' },
  // The managers' self-view: its `gap` compares it with what staff see, partner by partner.
  { kind: 'gap', path: (d) => `/api/programmes/${d.programmeId}/dashboard?role=teammanager`, naive: 'wave' },
  { kind: 'trend', path: (d) => `/api/programmes/${d.programmeId}/trend?role=medewerker`, naive: 'trend' },
  { kind: 'export', path: (d) => `/api/programmes/${d.programmeId}/export.csv`, naive: 'wave' },
  // The server-rendered dashboard page: radar data, tables, trend and gap in one response.
  { kind: 'page', path: (d) => `/app/programmes/${d.programmeId}`, naive: 'wave' },
  // One partner's printable report (issue 14): its radar, scores, trend and agreed actions.
  { kind: 'report', path: (d) => `/app/programmes/${d.programmeId}/partners/${d.partnerIds[0]}/report`, naive: 'wave' },
]

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

/** A Miniflare whose D1 holds `size` responses: migrated through D1, then filled directly. */
export async function prepare(size: number, ins: Instrument, bundle: string, tmp: string): Promise<Instance> {
  const persist = join(tmp, `d1-${size}`)
  mkdirSync(persist, { recursive: true })
  const empty = await startMiniflare(persist, bundle)
  await migrate(empty)
  await empty.dispose()
  const t0 = performance.now()
  const data = loadDataset(d1File(persist), ins, size)
  const loadSeconds = (performance.now() - t0) / 1000
  const mf = await startMiniflare(persist, bundle)
  const inst = { size, mf, cookie: await signIn(mf), data, loadSeconds }
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
  let resultsQuery: number | undefined
  for (const r of REQUESTS) {
    const tally = JSON.parse((await get(inst, COUNTED + r.path(inst.data))).headers.get('x-bench-d1')!) as Tally
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
  return { resultsQuery, whole, roundTrips, sequential, naive }
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

export async function measureScale(
  instances: Instance[],
  report: Report,
  rounds: number,
  naiveRounds: number,
): Promise<void> {
  const part = '1 dashboard'
  const latency = new Map<string, number[]>() // `${size}/${kind}` → ms per round
  const push = (key: string, ms: number) => latency.set(key, [...(latency.get(key) ?? []), ms])
  const counts = new Map<number, Awaited<ReturnType<typeof rowsRead>>>()

  for (const inst of instances) {
    report.add(
      part,
      `load ${inst.size.toLocaleString('en')} responses directly into D1`,
      round(inst.loadSeconds, 1),
      's',
    )
    const same = await sameNumbers(inst)
    report.add(
      part,
      `dashboard means equal the naive query's @${inst.size.toLocaleString('en')}`,
      same ? 'equal' : 'DIFFER',
      '',
      'equal',
      same,
    )
    counts.set(inst.size, await rowsRead(inst))
    // Warm-up: compile the isolate's code paths and bring the pages into SQLite's cache.
    for (const r of REQUESTS) for (let i = 0; i < 3; i++) await get(inst, APP + r.path(inst.data))
  }

  // Each request is timed at every size back to back, so a busy moment falls on all sizes alike;
  // the naive queries follow in the first rounds (at a million responses they take seconds).
  for (let i = 0; i < rounds; i++) {
    for (const r of REQUESTS)
      for (const inst of instances) push(`${inst.size}/${r.kind}`, await time(() => get(inst, APP + r.path(inst.data))))
    for (const inst of instances) push(`${inst.size}/health`, await time(() => get(inst, `${APP}/api/health`)))
    // The same closed wave read the way it was before publications: every rollup, suppression per request.
    for (const inst of instances)
      push(
        `${inst.size}/before`,
        await time(() => get(inst, `${BEFORE}/?programme=${inst.data.programmeId}&wave=${inst.data.waveIds.at(-1)}`)),
      )
    if (i >= naiveRounds) continue
    for (const n of ['wave', 'trend'] as const)
      for (const inst of instances) push(`${inst.size}/naive-${n}`, await time(() => get(inst, naiveUrl(inst.data, n))))
  }
  report.samples.latencyMs = Object.fromEntries([...latency].map(([k, v]) => [k, v.map((x) => round(x))]))

  const med = (size: number, kind: string) => median(latency.get(`${size}/${kind}`)!)
  /** Median over rounds of a ÷ b, both timed in the same round: steadier than a ratio of medians on a busy machine. */
  const ratio = (a: string, b: string) => {
    const [x, y] = [latency.get(a)!, latency.get(b)!]
    return median(x.slice(0, Math.min(x.length, y.length)).map((v, i) => v / y[i]!))
  }
  for (const inst of instances) {
    const n = inst.size.toLocaleString('en')
    const c = counts.get(inst.size)!
    for (const r of REQUESTS) report.add(part, `${r.kind} @${n}: median latency`, round(med(inst.size, r.kind)), 'ms')
    for (const kind of ['wave', 'trend'])
      report.add(part, `naive ${kind} GROUP BY @${n}: median latency`, round(med(inst.size, `naive-${kind}`)), 'ms')
    // The floor under every request: dispatchFetch into the Worker and one D1 query.
    report.add(part, `health (one D1 query) @${n}: median latency`, round(med(inst.size, 'health')), 'ms')
    report.add(
      part,
      `closed wave before publications (every rollup, suppression per request) @${n}: median latency`,
      round(med(inst.size, 'before')),
      'ms',
    )
    const beforeRows = (
      (await (
        await get(inst, `${BEFORE}/?programme=${inst.data.programmeId}&wave=${inst.data.waveIds.at(-1)}`)
      ).json()) as { rowsRead: number }
    ).rowsRead
    report.add(
      part,
      `rows read @${n}: before publications, the rollup query / now, the publication query`,
      `${beforeRows}/${c.resultsQuery}`,
    )
    report.add(
      part,
      `closed wave: dashboard ÷ before publications @${n} (median of rounds)`,
      round(ratio(`${inst.size}/dashboard`, `${inst.size}/before`), 2),
      '×',
    )
    report.add(part, `rows read @${n}: publication query`, c.resultsQuery)
    report.add(
      part,
      `rows read @${n}: whole request ${REQUESTS.map((r) => r.kind).join('/')}`,
      REQUESTS.map((r) => c.whole[r.kind]).join('/'),
    )
    report.add(
      part,
      `D1 round trips @${n}: ${REQUESTS.map((r) => r.kind).join('/')}`,
      REQUESTS.map((r) => c.roundTrips[r.kind]).join('/'),
    )
    // Issue 17's target: at most 2 waits for D1 per read, so a far reader pays the distance to the database twice at most.
    const worst = Math.max(...REQUESTS.map((r) => c.sequential[r.kind]!))
    report.add(
      part,
      `D1 sequential round trips @${n}: ${REQUESTS.map((r) => r.kind).join('/')}`,
      REQUESTS.map((r) => c.sequential[r.kind]).join('/'),
      '',
      '≤ 2 each',
      worst <= 2,
    )
    report.add(part, `rows read @${n}: naive wave/trend`, `${c.naive.wave}/${c.naive.trend}`)
    const faster = (r: (typeof REQUESTS)[number]) => ratio(`${inst.size}/naive-${r.naive}`, `${inst.size}/${r.kind}`)
    report.add(
      part,
      `times faster than naive @${n}: ${REQUESTS.map((r) => r.kind).join('/')}`,
      REQUESTS.map((r) => round(faster(r), 1)).join('/'),
      '×',
    )
    const speedup = faster(REQUESTS[0]!)
    const at1M = inst.size === 1_000_000
    report.add(
      part,
      `dashboard vs naive @${n}: times faster (median of rounds)`,
      round(speedup, 1),
      '×',
      at1M ? '≥ 100×' : '',
      at1M ? speedup >= 100 : null,
    )
  }

  const sizes = instances.map((i) => i.size)
  const [small, large] = [Math.min(...sizes), Math.max(...sizes)]
  if (small !== large) {
    const growth = ratio(`${large}/dashboard`, `${small}/dashboard`)
    const target = small === 1_000 && large === 1_000_000
    report.add(
      part,
      `dashboard latency @${large.toLocaleString('en')} ÷ @${small.toLocaleString('en')} (median of rounds)`,
      round(growth),
      '×',
      target ? '≤ 1.5×' : '',
      target ? growth <= 1.5 : null,
    )
    const same = (f: (c: Awaited<ReturnType<typeof rowsRead>>) => string) =>
      new Set(sizes.map((s) => f(counts.get(s)!))).size === 1
    const independent = same((c) => `${c.resultsQuery}`) && same((c) => JSON.stringify(c.whole))
    report.add(
      part,
      'rows read independent of response count',
      independent ? 'same at every size' : 'grows',
      '',
      'same at every size',
      independent,
    )
  }
}
