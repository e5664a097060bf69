/**
 * A purged answer set leaves no readable bytes in the database file: SQLite keeps a deleted
 * row's bytes in the page's free space, and D1 refuses `PRAGMA secure_delete`, so the retention
 * purge overwrites each row with blanks before it deletes it (worker/scheduled.ts).
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
import { rng, simulateAnswers } from '../../worker/dev/simulate.ts'
import { canonicalAnswers } from '../../worker/db/responses.ts'
import { scoreAnswers } from '../../worker/domain/scoring.ts'
import { findInstrument } from '../../worker/instruments.ts'
import { d1File } from '../bench/lib/miniflare.ts'
import { freePort } from '../free-port.ts'
import { migrate, startServer, stopServer, type Server } from '../load/server.ts'

const ADMIN = { email: 'purge@e2e.local', password: 'purge-admin-password' }
const day = 24 * 60 * 60 * 1000
const ins = findInstrument('coachende-manager')!

let persistDir: string
let server: Server
let cookie = ''

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(server.base + path, { method, headers: { 'content-type': 'application/json', cookie }, body: body === undefined ? undefined : JSON.stringify(body) })
  cookie = res.headers.get('set-cookie')?.split(';')[0] ?? cookie
  const text = await res.text()
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`)
  return (text ? JSON.parse(text) : undefined) as T
}

/** The D1 database file as its next checkpoint will leave it: current pages and their free space. */
function checkpointed(): { bytes: Buffer; responses: number } {
  const file = d1File(join(persistDir, 'v3'))
  const dir = mkdtempSync(join(tmpdir(), 'ketenradar-purge-copy-'))
  try {
    const copy = join(dir, basename(file))
    copyFileSync(file, copy)
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`)
    const db = new DatabaseSync(copy)
    db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
    const { n } = db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number }
    db.close()
    return { bytes: readFileSync(copy), responses: n }
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

describe('the retention purge', () => {
  it('leaves none of a purged answer set\'s answers or scores in the database file', async () => {
    await api('POST', '/api/session', ADMIN)
    const { id: programmeId } = await api<{ id: string }>('POST', '/api/programmes', { name: 'Purge' })
    const { id: partnerId } = await api<{ id: string }>('POST', `/api/programmes/${programmeId}/partners`, { name: 'A', headcount: 40, headcounts: { teammanager: 8, tactisch: 4 } })
    const closesAt = Date.now() + day
    const { id: waveId } = await api<{ id: string }>('POST', `/api/programmes/${programmeId}/waves`, {
      label: 'Purge', instrument: ins.id, opensAt: new Date(Date.now() - day).toISOString(), closesAt: new Date(closesAt).toISOString(),
    })
    // One answer set per role, each through its own link: what is stored, byte for byte.
    const stored: string[] = []
    for (const [i, role] of ROLES.entries()) {
      const { token } = await api<{ token: string }>('POST', `/api/waves/${waveId}/links`, { partnerId, role })
      const answers = simulateAnswers(ins, role, rng(4242 + i), () => 1 + 4 * rng(i)())
      await api('POST', `/api/s/${token}/responses`, { id: crypto.randomUUID(), answers })
      stored.push(canonicalAnswers(answers), JSON.stringify(scoreAnswers(ins, role, answers)))
    }
    const found = (bytes: Buffer) => stored.filter((s) => bytes.includes(s))

    const before = checkpointed()
    expect(before.responses).toBe(ROLES.length)
    expect(found(before.bytes)).toEqual(stored) // the search finds what is there

    // The Cron Trigger, as the hourly run after the default retention of 90 days.
    const cron = await fetch(`${server.base}/cdn-cgi/local/scheduled?cron=${encodeURIComponent('17 * * * *')}&time=${closesAt + 91 * day}`)
    expect(cron.status).toBe(200)

    const after = checkpointed()
    expect(after.responses).toBe(0)
    expect(found(after.bytes)).toEqual([])
  })
})
