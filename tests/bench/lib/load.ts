/**
 * Fills a local D1 file directly with SQLite (node:sqlite), not through the API: a million
 * submissions through the Worker would take longer than the whole benchmark may. The rows are
 * what the Worker would have written: answers from the demo simulator, scores from the Worker's
 * own scoring, rollups summed from the Worker's own `rollupDelta`, so counts and sums agree.
 */
import { DatabaseSync } from 'node:sqlite'
import type { Instrument, Role } from '../../../schema/instrument.ts'
import { rollupDelta, type DimensionStats } from '../../../worker/domain/rollup.ts'
import { canonicalAnswers } from '../../../worker/domain/scoring.ts'
import { rng, simulateAnswers } from '../../../worker/cli/simulate.ts'
import { scoreAnswers } from '../../../worker/domain/scoring.ts'

export const PARTNERS = 10
export const WAVES = 10
/**
 * Roles by position within a wave × partner, 25 at a time: 20 staff, 3 team managers, 2 tactical
 * managers (80 / 12 / 8 %). The first ten already hold every role, so every size has a rollup row
 * for every cell and the rows a dashboard reads can be compared across sizes.
 */
const ROLE_CYCLE: Role[] = Array.from({ length: 25 }, (_, j) =>
  [1, 9, 17].includes(j) ? 'teammanager' : [2, 14].includes(j) ? 'tactisch' : 'medewerker',
)
/** Rows per transaction: large enough to be quick, small enough that the WAL file stays small. */
const CHUNK = 20_000
const day = 86_400_000

export type Dataset = { responses: number; programmeId: string; partnerIds: string[]; waveIds: string[] }

/**
 * One programme of 10 partners and 10 closed waves holding `responses` answer sets spread evenly
 * over waves and partners. The answers are seeded, so a size holds the same numbers every run;
 * ids are random UUIDs, as the Worker's are.
 */
export function loadDataset(file: string, ins: Instrument, responses: number): Dataset {
  const db = new DatabaseSync(file)
  // A bulk load into a scratch database: durability buys nothing here.
  db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA foreign_keys = ON')
  const random = rng(responses)
  const now = Date.now()
  const programmeId = crypto.randomUUID()
  const partnerIds = Array.from({ length: PARTNERS }, () => crypto.randomUUID())
  const waveIds = Array.from({ length: WAVES }, () => crypto.randomUUID())

  db.exec('BEGIN')
  db.prepare('INSERT INTO programmes (id, name, created_at) VALUES (?, ?, ?)').run(
    programmeId,
    `Bench ${responses}`,
    new Date(now).toISOString(),
  )
  const partner = db.prepare('INSERT INTO partners (id, programme_id, name, headcount) VALUES (?, ?, ?, ?)')
  partnerIds.forEach((id, p) =>
    partner.run(id, programmeId, `Partner ${String(p + 1).padStart(2, '0')}`, Math.ceil(responses / PARTNERS / WAVES)),
  )
  const wave = db.prepare(
    'INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  waveIds.forEach((id, w) => {
    const opens = now - (WAVES - w) * 180 * day // half-yearly, the last one closed a few months ago
    wave.run(
      id,
      programmeId,
      `Wave ${String(w + 1).padStart(2, '0')}`,
      ins.id,
      ins.version,
      new Date(opens).toISOString(),
      new Date(opens + 21 * day).toISOString(),
    )
  })
  db.exec('COMMIT')

  // Random UUIDs, inserted in key order: the WITHOUT ROWID table then grows at its end, as a
  // bulk import would, instead of splitting pages all over a gigabyte of B-tree.
  const ids = Array.from({ length: responses }, () => crypto.randomUUID()).sort()
  const insert = db.prepare(
    'INSERT INTO responses (id, wave_id, partner_id, role, answers, scores) VALUES (?, ?, ?, ?, ?, ?)',
  )
  const rollups = new Map<string, { n: number; stats: Record<string, DimensionStats> }>()
  db.exec('BEGIN')
  for (let i = 0; i < responses; i++) {
    if (i > 0 && i % CHUNK === 0) db.exec('COMMIT; BEGIN')
    const w = i % WAVES
    const p = Math.floor(i / WAVES) % PARTNERS
    const role = ROLE_CYCLE[Math.floor(i / (WAVES * PARTNERS)) % ROLE_CYCLE.length]!
    // Partners start at different levels and grow at different speeds; managers rate themselves higher.
    const level = 2.2 + (p % 5) * 0.3 + w * 0.02 * (p + 1) + (role === 'medewerker' ? 0 : 0.6)
    const answers = simulateAnswers(ins, role, random, () => level)
    const scores = scoreAnswers(ins, role, answers)
    insert.run(ids[i]!, waveIds[w]!, partnerIds[p]!, role, canonicalAnswers(answers), JSON.stringify(scores))
    const key = `${w}/${p}/${role}`
    const cell = rollups.get(key) ?? { n: 0, stats: {} }
    cell.n += 1
    for (const [dim, delta] of Object.entries(rollupDelta(ins, scores))) {
      const acc = (cell.stats[dim] ??= new Array<number>(delta.length).fill(0))
      delta.forEach((v, j) => (acc[j] = acc[j]! + v))
    }
    rollups.set(key, cell)
  }
  const rollup = db.prepare('INSERT INTO rollups (wave_id, partner_id, role, n, stats) VALUES (?, ?, ?, ?, ?)')
  for (const [key, cell] of rollups) {
    const [w, p, role] = key.split('/') as [string, string, Role]
    rollup.run(waveIds[Number(w)]!, partnerIds[Number(p)]!, role, cell.n, JSON.stringify(cell.stats))
  }
  db.exec('COMMIT')
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  return { responses, programmeId, partnerIds, waveIds }
}
