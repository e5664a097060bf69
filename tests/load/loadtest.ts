/**
 * `npm run loadtest`: submissions against a real `wrangler dev` on 127.0.0.1, bounded in count
 * and time, proving that every acknowledged answer set is stored exactly once — under
 * concurrency, client retries, and a server killed mid-run — and that rollups equal the sums
 * recomputed from the stored responses. Prints a summary and writes loadtest-results.json.
 *
 *   npm run loadtest -- [--submissions 5000] [--clients 50] [--kill-run 1500]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { parseInstrument } from '../../worker/domain/instrument-rules.ts'
import { rng, simulateAnswers } from '../../worker/domain/simulated-answers.ts'
import { signIn } from '../../worker/cli/seed.ts'
import instrumentFile from '../../surveys/coachende-manager.v1.json' with { type: 'json' }
import { migrate, query, startServer, stopServer, type Server } from './server.ts'

const { values: args } = parseArgs({
  options: {
    submissions: { type: 'string', default: '5000' },
    clients: { type: 'string', default: '50' },
    'kill-run': { type: 'string', default: '1500' },
    port: { type: 'string', default: '8799' },
  },
})
const SUBMISSIONS = Number(args.submissions)
const CLIENTS = Number(args.clients)
const KILL_RUN = Number(args['kill-run'])
const PORT = Number(args.port)
const DEADLINE = Date.now() + 10 * 60 * 1000 // the whole run stops by itself after ten minutes
const ADMIN = { email: 'load@test.local', password: 'load-test-password' }
const ins = parseInstrument(instrumentFile)

type Job = { id: string; token: string; body: string; retry: boolean }
type Outcome = {
  acked: Map<string, number>
  statuses: Record<string, number>
  fiveXX: number
  networkErrors: number
  sent: number
}

/** Three links per partner and role, so the per-link rate limit (600 a minute) is not what is measured. */
async function setUp(server: Server): Promise<string[]> {
  const client = await signIn(server.base, ADMIN.email, ADMIN.password)
  const { id: pid } = await client.request<{ id: string }>('POST', '/api/programmes', { name: `Load ${Date.now()}` })
  const day = 86_400_000
  const { id: wid } = await client.request<{ id: string }>('POST', `/api/programmes/${pid}/waves`, {
    label: 'load',
    instrument: ins.id,
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(Date.now() + 30 * day).toISOString(),
  })
  const tokens: string[] = []
  for (const name of ['UWV', 'SVB', 'Gemeente']) {
    const { id: partnerId } = await client.request<{ id: string }>('POST', `/api/programmes/${pid}/partners`, { name })
    for (const role of ROLES) {
      for (let i = 0; i < 3; i++) {
        const { token } = await client.request<{ token: string }>('POST', `/api/waves/${wid}/links`, {
          partnerId,
          role,
        })
        tokens.push(`${role}:${token}`)
      }
    }
  }
  return tokens
}

function makeJobs(tokens: string[], count: number, seed: number): Job[] {
  const random = rng(seed)
  return Array.from({ length: count }, (_, i) => {
    const [role, token] = tokens[i % tokens.length]!.split(':') as [Role, string]
    const answers = simulateAnswers(ins, role, random, () => 1 + random() * 4)
    return { id: crypto.randomUUID(), token, body: JSON.stringify({ answers }), retry: random() < 0.1 }
  })
}

async function post(base: string, job: Job): Promise<number> {
  const res = await fetch(`${base}/api/s/${job.token}/responses`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: `{"id":"${job.id}",${job.body.slice(1)}`,
    signal: AbortSignal.timeout(30_000),
  })
  await res.arrayBuffer()
  return res.status
}

/** 50 clients take jobs from one queue; 10% of jobs are sent twice, as a flaky network would. */
async function run(base: string, jobs: Job[], outcome: Outcome, stopAfterAcks = Infinity): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < jobs.length && Date.now() < DEADLINE && outcome.acked.size < stopAfterAcks) {
      const job = jobs[next++]!
      for (let attempt = 0; attempt < (job.retry ? 2 : 1); attempt++) {
        try {
          outcome.sent++
          const status = await post(base, job)
          outcome.statuses[status] = (outcome.statuses[status] ?? 0) + 1
          if (status >= 500) outcome.fiveXX++
          if (status === 200 || status === 201) outcome.acked.set(job.id, status)
        } catch {
          outcome.networkErrors++
        }
      }
    }
  }
  await Promise.all(Array.from({ length: CLIENTS }, worker))
}

type Check = { name: string; held: boolean; detail: string }

/** Compares D1 with what the clients were told: each acknowledged id once, nothing else, rollups = sums. */
function verify(persistDir: string, acked: Set<string>, label: string): Check[] {
  const rows = query<{ id: string }>(persistDir, 'SELECT id FROM responses')
  const stored = new Set(rows.map((r) => r.id))
  const lost = [...acked].filter((id) => !stored.has(id)).length
  const duplicated = rows.length - stored.size
  const unacked = [...stored].filter((id) => !acked.has(id)).length
  const mismatches = query<{ cell: string; n: number; stored: number }>(
    persistDir,
    `SELECT r.wave_id || '/' || r.partner_id || '/' || r.role AS cell, r.n, (SELECT count(*) FROM responses x WHERE x.wave_id = r.wave_id AND x.partner_id = r.partner_id AND x.role = r.role) AS stored
     FROM rollups r`,
  ).filter((c) => c.n !== c.stored)
  const sums = query<{ dims: string; ok: number }>(
    persistDir,
    `SELECT r.wave_id || r.partner_id || r.role AS dims,
       (SELECT count(*) FROM json_each(r.stats) d WHERE abs(json_extract(d.value, '$[1]') - coalesce((SELECT sum(json_extract(x.scores, '$.' || d.key)) FROM responses x WHERE x.wave_id = r.wave_id AND x.partner_id = r.partner_id AND x.role = r.role), 0)) > 1e-6) = 0 AS ok
     FROM rollups r`,
  )
  return [
    { name: `${label}: acknowledged ids lost`, held: lost === 0, detail: `${lost} of ${acked.size}` },
    { name: `${label}: ids stored twice`, held: duplicated === 0, detail: String(duplicated) },
    {
      name: `${label}: rows nobody was told were stored`,
      held: true,
      detail: `${unacked} (a request cut off by the kill may have landed; it is stored once)`,
    },
    {
      name: `${label}: rollup counts equal stored responses`,
      held: mismatches.length === 0,
      detail: `${mismatches.length} cells differ`,
    },
    {
      name: `${label}: rollup sums equal recomputed sums`,
      held: sums.every((s) => s.ok === 1),
      detail: `${sums.filter((s) => s.ok !== 1).length} of ${sums.length} cells differ`,
    },
  ]
}

const persistDir = mkdtempSync(join(tmpdir(), 'ketenradar-load-'))
const checks: Check[] = []
const figures: Record<string, unknown> = { submissions: SUBMISSIONS, clients: CLIENTS, killRun: KILL_RUN }
let server: Server | undefined
try {
  migrate(persistDir)
  server = await startServer(PORT, persistDir, ADMIN)
  const tokens = await setUp(server)

  // 1. Concurrency and retries.
  const jobs = makeJobs(tokens, SUBMISSIONS, 1)
  const first: Outcome = { acked: new Map(), statuses: {}, fiveXX: 0, networkErrors: 0, sent: 0 }
  const t0 = performance.now()
  await run(server.base, jobs, first)
  const seconds = (performance.now() - t0) / 1000
  figures.concurrent = {
    requests: first.sent,
    seconds: Number(seconds.toFixed(1)),
    perSecond: Math.round(first.sent / seconds),
    statuses: first.statuses,
  }
  checks.push({ name: 'concurrent run: no 5xx', held: first.fiveXX === 0, detail: `${first.fiveXX}` })
  checks.push({
    name: 'concurrent run: every submission acknowledged',
    held: first.acked.size === jobs.length,
    detail: `${first.acked.size} of ${jobs.length}`,
  })
  checks.push(...verify(persistDir, new Set(first.acked.keys()), 'concurrent run'))

  // 2. Kill the whole process group mid-run, restart, and let the clients retry what they did not hear back about.
  const killJobs = makeJobs(tokens, KILL_RUN, 2)
  const beforeKill: Outcome = { acked: new Map(), statuses: {}, fiveXX: 0, networkErrors: 0, sent: 0 }
  const running = run(server.base, killJobs, beforeKill)
  while (beforeKill.acked.size < KILL_RUN / 3 && Date.now() < DEADLINE) await new Promise((r) => setTimeout(r, 20))
  await stopServer(server, 'SIGKILL')
  await running
  const ackedBeforeKill = new Set(beforeKill.acked.keys())
  server = await startServer(PORT, persistDir, ADMIN)
  // Retry everything: the unacknowledged ones, and the acknowledged ones too (a client that lost the answer would).
  const afterRestart: Outcome = { acked: new Map(), statuses: {}, fiveXX: 0, networkErrors: 0, sent: 0 }
  await run(
    server.base,
    killJobs.map((j) => ({ ...j, retry: false })),
    afterRestart,
  )
  const replayedAsStored = [...ackedBeforeKill].filter((id) => afterRestart.acked.get(id) === 200).length
  figures.killAndRestart = {
    ackedBeforeKill: ackedBeforeKill.size,
    networkErrorsAtKill: beforeKill.networkErrors,
    afterRestart: afterRestart.statuses,
  }
  checks.push({
    name: 'kill-and-restart: acknowledged before the kill answer 200 on retry',
    held: replayedAsStored === ackedBeforeKill.size,
    detail: `${replayedAsStored} of ${ackedBeforeKill.size}`,
  })
  checks.push({
    name: 'kill-and-restart: no 5xx after restart',
    held: afterRestart.fiveXX === 0,
    detail: `${afterRestart.fiveXX}`,
  })
  checks.push(
    ...verify(persistDir, new Set([...first.acked.keys(), ...afterRestart.acked.keys()]), 'after kill-and-restart'),
  )
} finally {
  if (server) await stopServer(server)
  rmSync(persistDir, { recursive: true, force: true })
}

const width = Math.max(...checks.map((c) => c.name.length))
console.log(
  `\nLoad test: ${SUBMISSIONS} submissions from ${CLIENTS} clients (10% retried), then a kill-and-restart run of ${KILL_RUN}`,
)
console.log(JSON.stringify(figures, null, 2))
for (const c of checks) console.log(`${c.held ? 'held ' : 'FAIL '} ${c.name.padEnd(width)}  ${c.detail}`)
const failed = checks.filter((c) => !c.held).length
writeFileSync('loadtest-results.json', JSON.stringify({ date: new Date().toISOString(), figures, checks }, null, 2))
console.log(`\n${checks.length - failed} passed, ${failed} failed`)
process.exit(failed ? 1 : 0)
