/**
 * Part 2, the cost of a submission: `POST /api/s/:token/responses` against the bare route that
 * stores the same row with one statement, taking turns round by round so both see the same
 * machine. A third side, the same Worker without its rate-limiter binding, tells how much of the
 * difference is Miniflare's simulated limiter rather than the Worker's own work.
 */
import type { Miniflare } from 'miniflare'
import { ROLES, type Instrument, type Role } from '../../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { scoreAnswers } from '../../../worker/domain/scoring.ts'
import { APP, BARE, COUNTED, NOLIMIT } from './miniflare.ts'
import type { Report } from './report.ts'
import type { Instance } from './scale.ts'
import type { Tally } from '../worker/counted.ts'
import { median, round } from './run.ts'

type Link = { token: string; waveId: string; partnerId: string; role: Role }

/**
 * The tables one submission adds to (worker/db/responses.ts): its answer set, its group's rollup
 * (dimension moments) and question counts, and the wave × role pool of every partner's
 * answers, which cannot share the group's row: it is pooled over partners by design.
 */
const FED = ['responses', 'rollups', 'pool_moments', 'question_rollups']

async function api<T>(mf: Miniflare, cookie: string, method: string, path: string, body: unknown): Promise<T> {
  const res = await mf.dispatchFetch(`${APP}${path}`, {
    method,
    headers: { cookie, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  const text = await res.text()
  if (res.status !== 201) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`)
  return JSON.parse(text) as T
}

/** An open wave in a programme of its own (the dashboard data stays as loaded), one link per partner and role. */
async function openWave(inst: Instance, ins: Instrument): Promise<Link[]> {
  const { mf, cookie } = inst
  const { id: pid } = await api<{ id: string }>(mf, cookie, 'POST', '/api/programmes', { name: 'Bench submissions' })
  // Partners first (one that joins after a wave opened takes no part in it), each group with a
  // headcount larger than the benchmark sends (a group takes at most its headcount).
  const big = 1_000_000
  const partners: string[] = []
  for (const name of ['A', 'B', 'C'])
    partners.push(
      (
        await api<{ id: string }>(mf, cookie, 'POST', `/api/programmes/${pid}/partners`, {
          name,
          headcount: big,
          headcounts: { teammanager: big, tactisch: big },
        })
      ).id,
    )
  const day = 86_400_000
  // The version the answer sets are made for: a wave made without one takes the latest.
  const { id: waveId } = await api<{ id: string }>(mf, cookie, 'POST', `/api/programmes/${pid}/waves`, {
    label: 'open',
    instrument: ins.id,
    instrumentVersion: ins.version,
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
  })
  const links: Link[] = []
  for (const partnerId of partners) {
    for (const role of ROLES)
      links.push({
        ...(await api<{ token: string }>(mf, cookie, 'POST', `/api/waves/${waveId}/links`, { partnerId, role })),
        waveId,
        partnerId,
        role,
      })
  }
  return links
}

/** Requests per second for `count` POSTs with `concurrency` in flight; every one must be stored (201). */
async function throughput(count: number, concurrency: number, send: (i: number) => Promise<number>): Promise<number> {
  let next = 0
  const t0 = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const status = await send(next++)
        if (status !== 201) throw new Error(`submission answered ${status}, not 201`)
      }
    }),
  )
  return count / ((performance.now() - t0) / 1000)
}

export async function measureSubmissions(
  inst: Instance,
  ins: Instrument,
  report: Report,
  rounds: number,
  perRound: Record<1 | 16, number>,
): Promise<void> {
  const part = '2 submission'
  const links = await openWave(inst, ins)
  const random = rng(7)
  // A pool of answer sets per link; every request gets a fresh id, so every one is a new row.
  const pool = Array.from({ length: links.length * 8 }, (_, i) => {
    const link = links[i % links.length]!
    const answers = simulateAnswers(ins, link.role, random, () => 1 + random() * 4)
    // What the survey page sends with the answers (web/survey.ts): the instrument version and role it served.
    const served = `"instrument":"${ins.id}","version":${ins.version},"role":"${link.role}"`
    return {
      link,
      answers: JSON.stringify(answers),
      served,
      scores: JSON.stringify(scoreAnswers(ins, link.role, answers)),
    }
  })
  const post = async (url: string, body: string) => {
    const res = await inst.mf.dispatchFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    })
    return { status: res.status, headers: res.headers, text: await res.text() }
  }
  const submit = (host: string) => async (i: number) => {
    const p = pool[i % pool.length]!
    return (
      await post(
        `${host}/api/s/${p.link.token}/responses`,
        `{"id":"${crypto.randomUUID()}","answers":${p.answers},${p.served}}`,
      )
    ).status
  }
  const bare = async (i: number) => {
    const p = pool[i % pool.length]!
    const { waveId, partnerId, role } = p.link
    return (
      await post(
        `${BARE}/responses/${waveId}/${partnerId}/${role}`,
        `{"id":"${crypto.randomUUID()}","answers":${p.answers},"scores":${p.scores}}`,
      )
    ).status
  }
  const sides = { real: submit(APP), bare, noLimiter: submit(NOLIMIT) }
  type Side = keyof typeof sides

  for (const concurrency of [1, 16] as const) {
    // Warm-up; from here on every link's rollup row exists, the common case.
    for (const send of Object.values(sides)) await throughput(40, concurrency, send)
    const runs: Record<Side, number>[] = []
    for (let r = 0; r < rounds; r++) {
      // Rotate which side goes first, so none always meets a warmer or a busier moment.
      const order = (Object.keys(sides) as Side[]).map((_, i, all) => all[(i + r) % all.length]!)
      const run = {} as Record<Side, number>
      for (const side of order) run[side] = await throughput(perRound[concurrency], concurrency, sides[side])
      runs.push(run)
    }
    report.samples[`submissionsPerSecond@${concurrency}`] = runs.map((x) =>
      Object.fromEntries(Object.entries(x).map(([k, v]) => [k, round(v, 1)])),
    )
    const med = (side: Side) => round(median(runs.map((x) => x[side])), 1)
    const ratio = median(runs.map((x) => x.real / x.bare))
    report.add(part, `POST responses, ${concurrency} in flight: throughput`, med('real'), 'req/s')
    report.add(part, `bare insert route, ${concurrency} in flight: throughput`, med('bare'), 'req/s')
    report.add(
      part,
      `POST responses ÷ bare, ${concurrency} in flight (median of ${rounds} rounds)`,
      round(ratio),
      '×',
      '≥ 0.5×',
      ratio >= 0.5,
    )
    report.add(
      part,
      `POST responses without the rate limiter ÷ bare, ${concurrency} in flight`,
      round(median(runs.map((x) => x.noLimiter / x.bare))),
      '×',
    )
  }

  // D1 work of one submission into a cell that already has its rollup row (the common case).
  const p = pool[0]!
  const res = await post(
    `${COUNTED}/api/s/${p.link.token}/responses`,
    `{"id":"${crypto.randomUUID()}","answers":${p.answers},${p.served}}`,
  )
  const tally = JSON.parse(res.headers.get('x-bench-d1')!) as Tally
  // The secondary indexes on the tables a submission writes: each adds one entry per row.
  const indexes = (await (
    await inst.mf.getD1Database('DB')
  )
    .prepare(
      `SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${FED.map((t) => `'${t}'`).join(', ')})`,
    )
    .first<{ n: number }>())!.n
  const bareRow = JSON.parse(
    (
      await post(
        `${BARE}/responses/${p.link.waveId}/${p.link.partnerId}/${p.link.role}`,
        `{"id":"${crypto.randomUUID()}","answers":${p.answers},"scores":${p.scores}}`,
      )
    ).text,
  ) as { rowsWritten: number }
  report.add(part, 'D1 statements per submission, batch included', tally.statements)
  report.add(part, 'D1 round trips per submission (a batch is one)', tally.roundTrips)
  // The target, for the Worker placed beside its database: one wait for D1 per submission.
  report.add(
    part,
    'D1 sequential round trips per submission (link not cached)',
    tally.sequential,
    '',
    '1',
    tally.sequential <= 1,
  )
  report.add(part, 'D1 batches per submission', tally.batches, '', '1', tally.batches === 1)
  report.add(part, 'D1 rows read per submission', tally.rowsRead)
  // Which rows: per table the batch writes to, from each statement's own count (index entries included).
  const byTable = new Map<string, number>()
  for (const st of tally.reads) {
    const table = /^INSERT INTO (\w+)/i.exec(st.sql)?.[1] ?? 'other'
    if (st.rowsWritten) byTable.set(table, (byTable.get(table) ?? 0) + st.rowsWritten)
  }
  report.add(
    part,
    'D1 rows written per submission, by table (index entries with their table)',
    [...byTable].map(([t, n]) => `${t} ${n}`).join(', '),
  )
  // One row in each table a submission feeds and one entry in each index on them, whatever the
  // number of questions, partners or answer sets: the answer set, its group's rollup and question
  // counts, its wave × role pool (BENCHMARKS.md, "Rows a submission writes").
  const most = FED.length + indexes
  report.add(
    part,
    'D1 rows written per submission',
    tally.rowsWritten,
    '',
    `≤ ${FED.length} tables × 1 row + ${indexes} index entr${indexes === 1 ? 'y' : 'ies'} = ${most}`,
    tally.rowsWritten <= most && [...byTable.keys()].every((t) => FED.includes(t)),
  )
  report.add(part, 'D1 rows written by the bare insert', bareRow.rowsWritten)
  report.samples.submissionD1 = { tally, secondaryIndexes: indexes, bareRowsWritten: bareRow.rowsWritten }
}
