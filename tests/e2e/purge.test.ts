/**
 * A purged answer set leaves no readable bytes in the database file: SQLite keeps a deleted
 * row's bytes in the page's free space, and D1 refuses `PRAGMA secure_delete`, so the retention
 * purge overwrites each row with blanks before it deletes it (worker/db/retention.ts).
 *
 * Against a `wrangler dev` of its own (the purge runs through the Cron Trigger's handler with a
 * time past the retention period, which the shared server's other tests must not see). The file
 * is read as SQLite would have it after its next checkpoint: a copy of the database and its WAL,
 * checkpointed by node:sqlite. The WAL itself still holds the page versions from before the purge
 * until SQLite checkpoints and reuses it; the README says so ("What remains where").
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ROLES } from '../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../worker/domain/simulated-answers.ts'
import { cellDelta } from '../../worker/domain/rollup.ts'
import { canonicalAnswers, scoreAnswers } from '../../worker/domain/scoring.ts'
import { findInstrument } from '../../worker/services/instrument-catalogue.ts'
import { d1File } from '../bench/lib/miniflare.ts'
import { freePort } from '../free-port.ts'
import { migrate, startServer, stopServer, type Server } from '../load/server.ts'

const ADMIN = { email: 'purge@e2e.local', password: 'purge-admin-password' }
const day = 24 * 60 * 60 * 1000
const ins = findInstrument('coachende-manager')!

let persistDir: string
let server: Server
let cookie = ''
let seed = 4242

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(server.base + path, {
    method,
    headers: { 'content-type': 'application/json', cookie },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** The D1 database file as its next checkpoint will leave it: current pages and their free space. */
function checkpointed(): { bytes: Buffer; responses: number; waves: string[] } {
  const file = d1File(join(persistDir, 'v3'))
  const dir = mkdtempSync(join(tmpdir(), 'ketenradar-purge-copy-'))
  try {
    const copy = join(dir, basename(file))
    copyFileSync(file, copy)
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`)
    const db = new DatabaseSync(copy)
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const { n } = db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }
    const waves = (db.prepare('SELECT id FROM waves').all() as { id: string }[]).map((w) => w.id)
    db.close()
    return { bytes: readFileSync(copy), responses: n, waves }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

beforeAll(async () => {
  persistDir = mkdtempSync(join(tmpdir(), 'ketenradar-purge-'))
  migrate(persistDir)
  server = await startServer(await freePort(), persistDir, ADMIN)
})
afterAll(async () => {
  if (server) await stopServer(server)
  rmSync(persistDir, { recursive: true, force: true })
})

/**
 * A programme with one open wave and one answer set per role, each through its own link; the
 * strings to look for: the stored answers, scores and rollup moments, byte for byte.
 */
async function answered(settings: { retentionDays?: number; waveRetentionYears?: number }) {
  const { id: programmeId } = await api<{ id: string }>('POST', '/api/programmes', {
    name: `Purge ${crypto.randomUUID().slice(0, 8)}`,
  })
  await api('PATCH', `/api/programmes/${programmeId}`, settings)
  const { id: partnerId } = await api<{ id: string }>('POST', `/api/programmes/${programmeId}/partners`, {
    name: 'A',
    headcount: 40,
    headcounts: { teammanager: 8, tactisch: 4 },
  })
  const closesAt = Date.now() + day
  const { id: waveId } = await api<{ id: string }>('POST', `/api/programmes/${programmeId}/waves`, {
    label: 'Purge',
    instrument: ins.id,
    opensAt: new Date(Date.now() - day).toISOString(),
    closesAt: new Date(closesAt).toISOString(),
  })
  const answers: string[] = []
  const rollups: string[] = []
  for (const role of ROLES) {
    const { token } = await api<{ token: string }>('POST', `/api/waves/${waveId}/links`, { partnerId, role })
    const set = simulateAnswers(ins, role, rng(seed++), () => 1 + 4 * rng(seed++)())
    await api('POST', `/api/s/${token}/responses`, { id: crypto.randomUUID(), answers: set })
    const scores = scoreAnswers(ins, role, set)
    answers.push(canonicalAnswers(set), JSON.stringify(scores))
    // A cell of one: its moments are that person's scores (and, since 0012, their shared-questions
    // score and item values, worker/domain/rollup.ts `cellDelta`).
    rollups.push(JSON.stringify(cellDelta(ins, role, set, scores)))
  }
  return { waveId, closesAt, answers, rollups }
}

/** The Cron Trigger's hourly run at `time`. */
async function cron(time: number) {
  const res = await fetch(
    `${server.base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('17 * * * *')}&time=${time}`,
  )
  expect(res.status).toBe(200)
}

const found = (bytes: Buffer, strings: string[]) => strings.filter((s) => bytes.includes(s))

describe('the retention purge', () => {
  beforeAll(async () => {
    await api('POST', '/api/session', ADMIN)
  })

  it("leaves none of a purged answer set's answers or scores in the database file", async () => {
    const { closesAt, answers, rollups } = await answered({ retentionDays: 90 })
    const before = checkpointed()
    expect(before.responses).toBe(ROLES.length)
    expect(found(before.bytes, answers)).toEqual(answers) // the search finds what is there
    await cron(closesAt + 91 * day)
    const after = checkpointed()
    expect(after.responses).toBe(0)
    expect(found(after.bytes, answers)).toEqual([])
    expect(found(after.bytes, rollups)).toEqual(rollups) // the rollups stay, for the dashboards
  })

  it('leaves neither answer sets nor rollups of a deleted wave in the database file', async () => {
    // Answer sets kept longer than the wave itself: the wave's deletion takes them with it.
    const { waveId, closesAt, answers, rollups } = await answered({ retentionDays: 3650, waveRetentionYears: 1 })
    expect(found(checkpointed().bytes, [...answers, ...rollups])).toEqual([...answers, ...rollups])
    await cron(closesAt + 367 * day)
    const after = checkpointed()
    expect(after.waves.includes(waveId)).toBe(false)
    expect(found(after.bytes, [...answers, ...rollups])).toEqual([])
  })
})
