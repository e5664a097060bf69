/**
 * Fills a local D1 file directly with SQLite (node:sqlite), not through the API: a million
 * submissions through the Worker would take longer than the whole benchmark may. The rows are
 * what the Worker would have written: answers from the demo simulator, scores from the Worker's
 * own scoring, rollups summed from the Worker's own `cellDelta` (with the shared-questions scores and
 * complete answer sets' item sums, worker/domain/rollup.ts), question counts from its
 * `questionDelta`, pooled moments from its `addAnswerSet` and `itemsVector` (the three rows a submission adds
 * to beside its own, worker/db/responses.ts), so counts and sums agree.
 */
import { DatabaseSync } from 'node:sqlite'
import type { Instrument, Role } from '../../../schema/instrument.ts'
import { addAnswerSet, emptyPool, poolVector, type PoolMoments } from '../../../worker/domain/measurement-quality.ts'
import { questionDelta, type QuestionCounts } from '../../../worker/domain/question-detail.ts'
import { itemsVector } from '../../../worker/domain/pooled-covariance.ts'
import { cellDelta, type DimensionStats } from '../../../worker/domain/rollup.ts'
import { canonicalAnswers } from '../../../worker/domain/scoring.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { scoreAnswers } from '../../../worker/domain/scoring.ts'

/** A programme's shape: how many partners and closed waves it has. */
export type Shape = { partners: number; waves: number }
/** The programme every recorded run before 2026-12-02 measured. */
export const DEFAULT_SHAPE: Shape = { partners: 10, waves: 10 }
/**
 * Answer sets per wave × partner a size holds at least: 1,000 in the 10 × 10 programme, the
 * smallest recorded size, where every staff group reaches k = 5 (7 of the first 10 are staff) and
 * the dashboard's means can be held against the naive query's. The loader itself needs 3, one per role.
 */
export const FEWEST_PER_CELL = 10
/**
 * Roles by position within a wave × partner, 25 at a time: 20 staff, 3 team managers, 2 tactical
 * managers (80 / 12 / 8 %). The first three already hold every role, so every size of at least
 * partners × waves × 3 has a rollup row for every cell and the rows a dashboard reads can be
 * compared across sizes.
 */
const ROLE_CYCLE: Role[] = Array.from({ length: 25 }, (_, j) =>
  [1, 9, 17].includes(j) ? 'teammanager' : [2, 14].includes(j) ? 'tactisch' : 'medewerker',
)
/** Rows per transaction: large enough to be quick, small enough that the WAL file stays small. */
const CHUNK = 20_000
const day = 86_400_000

export type Dataset = { responses: number; programmeId: string; partnerIds: string[]; waveIds: string[] }

/**
 * One programme of `shape.partners` partners and `shape.waves` closed waves (10 × 10 unless
 * asked) holding `responses` answer sets spread evenly over waves and partners. The answers are
 * seeded, so a size holds the same numbers every run; ids are random UUIDs, as the Worker's are.
 */
export function loadDataset(file: string, ins: Instrument, responses: number, shape = DEFAULT_SHAPE): Dataset {
  const { partners, waves } = shape
  if (responses < partners * waves * 3)
    throw new Error(`${responses} responses leave a cell of ${partners} partners × ${waves} waves without a role`)
  const db = new DatabaseSync(file)
  // A bulk load into a scratch database: durability buys nothing here.
  db.exec('PRAGMA synchronous = OFF; PRAGMA cache_size = -1000000; PRAGMA foreign_keys = ON')
  const random = rng(responses)
  const now = Date.now()
  const programmeId = crypto.randomUUID()
  const partnerIds = Array.from({ length: partners }, () => crypto.randomUUID())
  const waveIds = Array.from({ length: waves }, () => crypto.randomUUID())

  db.exec('BEGIN')
  db.prepare('INSERT INTO programmes (id, name, created_at) VALUES (?, ?, ?)').run(
    programmeId,
    `Bench ${responses}`,
    new Date(now).toISOString(),
  )
  const partner = db.prepare('INSERT INTO partners (id, programme_id, name, headcount) VALUES (?, ?, ?, ?)')
  partnerIds.forEach((id, p) => {
    partner.run(id, programmeId, `Partner ${String(p + 1).padStart(2, '0')}`, Math.ceil(responses / partners / waves))
  })
  const wave = db.prepare(
    'INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  )
  waveIds.forEach((id, w) => {
    const opens = now - (waves - w) * 180 * day // half-yearly, the last one closed a few months ago
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
  const questions = new Map<string, Record<string, QuestionCounts>>() // same keys as rollups
  const pools = new Map<string, PoolMoments>() // `${wave}/${role}`: pooled over partners
  const poolItems = new Map<string, number[]>() // same keys: cross-products over all items (0012_pool_items.sql)
  db.exec('BEGIN')
  for (let i = 0; i < responses; i++) {
    if (i > 0 && i % CHUNK === 0) db.exec('COMMIT; BEGIN')
    const w = i % waves
    const p = Math.floor(i / waves) % partners
    const role = ROLE_CYCLE[Math.floor(i / (waves * partners)) % ROLE_CYCLE.length]!
    // Partners start at different levels and grow at different speeds; managers rate themselves higher.
    // Growth repeats every ten partners, so a 40-partner programme stays on the scale (the first ten as before).
    const level = 2.2 + (p % 5) * 0.3 + w * 0.02 * ((p % 10) + 1) + (role === 'medewerker' ? 0 : 0.6)
    const answers = simulateAnswers(ins, role, random, () => level)
    const scores = scoreAnswers(ins, role, answers)
    insert.run(ids[i]!, waveIds[w]!, partnerIds[p]!, role, canonicalAnswers(answers), JSON.stringify(scores))
    const key = `${w}/${p}/${role}`
    const cell = rollups.get(key) ?? { n: 0, stats: {} }
    cell.n += 1
    for (const [dim, delta] of Object.entries(cellDelta(ins, role, answers, scores))) {
      const acc = (cell.stats[dim] ??= new Array<number>(delta.length).fill(0))
      delta.forEach((v, j) => {
        acc[j] = acc[j]! + v
      })
    }
    rollups.set(key, cell)
    const counts = (questions.get(key) ?? questions.set(key, {}).get(key))!
    for (const [name, delta] of Object.entries(questionDelta(ins, role, answers))) {
      const acc = (counts[name] ??= new Array<number>(delta.length).fill(0))
      delta.forEach((v, j) => {
        acc[j] = acc[j]! + v
      })
    }
    const poolKey = `${w}/${role}`
    const pool = pools.get(poolKey) ?? pools.set(poolKey, emptyPool(ins, role)).get(poolKey)!
    addAnswerSet(ins, role, pool, answers)
    const items = itemsVector(ins, role, answers)
    const sum = poolItems.get(poolKey)
    poolItems.set(poolKey, sum ? sum.map((x, j) => x + items[j]!) : items)
  }
  const rollup = db.prepare('INSERT INTO rollups (wave_id, partner_id, role, n, stats) VALUES (?, ?, ?, ?, ?)')
  for (const [key, cell] of rollups) {
    const [w, p, role] = key.split('/') as [string, string, Role]
    rollup.run(waveIds[Number(w)]!, partnerIds[Number(p)]!, role, cell.n, JSON.stringify(cell.stats))
  }
  const question = db.prepare('INSERT INTO question_rollups (wave_id, partner_id, role, counts) VALUES (?, ?, ?, ?)')
  for (const [key, counts] of questions) {
    const [w, p, role] = key.split('/') as [string, string, Role]
    question.run(waveIds[Number(w)]!, partnerIds[Number(p)]!, role, JSON.stringify(counts))
  }
  const poolRow = db.prepare('INSERT INTO pool_moments (wave_id, role, moments, items) VALUES (?, ?, ?, ?)')
  for (const [key, pool] of pools) {
    const [w, role] = key.split('/') as [string, Role]
    poolRow.run(waveIds[Number(w)]!, role, JSON.stringify(poolVector(pool)), JSON.stringify(poolItems.get(key)))
  }
  db.exec('COMMIT')
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  return { responses, programmeId, partnerIds, waveIds }
}
