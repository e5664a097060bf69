import type { WaveState } from '../domain/wave-lifecycle.ts'
import type { Wave } from '../domain/records.ts'
import { WAVE_CLOSED_SQL, WAVE_OPEN_SQL, WAVE_PLANNED_SQL } from './wave-state-sql.ts'

// Declared where the rules that take it are (worker/domain/records.ts), so they and this store share one type.
export type { Wave }

export type WaveRow = {
  id: string
  programme_id: string
  label: string
  instrument_id: string
  instrument_version: number
  opens_at: string
  closes_at: string
  min_group_size: number | null
  created_at: string | null
}

const COLUMNS =
  'id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at, min_group_size, created_at'

/** Rows to waves in one place, for every query that reads a wave (links join one too). */
export const toWave = (r: WaveRow): Wave => ({
  id: r.id,
  programmeId: r.programme_id,
  label: r.label,
  instrument: r.instrument_id,
  instrumentVersion: r.instrument_version,
  opensAt: r.opens_at,
  closesAt: r.closes_at,
  minGroupSize: r.min_group_size ?? null,
  createdAt: r.created_at ?? null,
})

/** A wave's values in the order of `COLUMNS`, bound as ?1 … ?9 by both INSERTs below. */
const valuesOf = (w: Wave) => [
  w.id,
  w.programmeId,
  w.label,
  w.instrument,
  w.instrumentVersion,
  w.opensAt,
  w.closesAt,
  w.minGroupSize,
  w.createdAt,
]

export async function createWave(db: D1Database, wave: Omit<Wave, 'id' | 'createdAt'>): Promise<Wave> {
  const created = { id: crypto.randomUUID(), ...wave, createdAt: new Date().toISOString() }
  await db
    .prepare(`INSERT INTO waves (${COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)`)
    .bind(...valuesOf(created))
    .run()
  return created
}

export async function readWave(db: D1Database, id: string): Promise<Wave | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM waves WHERE id = ?1`).bind(id).first<WaveRow>()
  return row ? toWave(row) : null
}

/** A programme's waves, oldest first: the order of every trend. */
export async function listWaves(db: D1Database, programmeId: string): Promise<Wave[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM waves WHERE programme_id = ?1 ORDER BY opens_at, id`)
    .bind(programmeId)
    .all<WaveRow>()
  return results.map(toWave)
}

/**
 * Writes the wave `changeWave` allowed, if it is still as `prev` was, in the state the decision
 * was made in, by D1's own clock: between the decision (on the Worker's clock) and this write
 * the wave may have closed and been published, or taken its first answer. Then nothing changes
 * and the result is false. A closed wave may only be relabelled.
 */
export async function updateWave(db: D1Database, wave: Wave, prev: Wave, state: WaveState): Promise<boolean> {
  const res = await db
    .prepare(
      `UPDATE waves SET label = ?2, opens_at = ?3, closes_at = ?4, instrument_id = ?5, instrument_version = ?6
       WHERE id = ?1 AND opens_at = ?7 AND closes_at = ?8 AND instrument_version = ?9 AND CASE ?10
         WHEN 'planned' THEN ${WAVE_PLANNED_SQL(null)} AND NOT EXISTS (SELECT 1 FROM rollups WHERE wave_id = ?1)
         WHEN 'open' THEN ${WAVE_OPEN_SQL(null)} AND NOT EXISTS (SELECT 1 FROM publications WHERE wave_id = ?1)
         ELSE ${WAVE_CLOSED_SQL(null)} AND opens_at = ?3 AND closes_at = ?4 AND instrument_version = ?6 END`,
    )
    .bind(
      wave.id,
      wave.label,
      wave.opensAt,
      wave.closesAt,
      wave.instrument,
      wave.instrumentVersion,
      prev.opensAt,
      prev.closesAt,
      prev.instrumentVersion,
      state,
    )
    .run()
  return res.meta.changes === 1
}

/**
 * Deletes a wave that is not open by D1's clock and holds no answers; links cascade. Whether it
 * may go is `changeWave`'s to say; this checks it again where no answer can arrive in between.
 */
export async function deleteWave(db: D1Database, id: string): Promise<boolean> {
  const res = await db
    .prepare(
      `DELETE FROM waves WHERE id = ?1 AND NOT ${WAVE_OPEN_SQL(null)}
         AND NOT EXISTS (SELECT 1 FROM rollups WHERE wave_id = ?1 AND n > 0)`,
    )
    .bind(id)
    .run()
  return res.meta.changes === 1
}

/** How many answer sets a wave holds (its rollups outlive the answer sets themselves). */
export async function answerCount(db: D1Database, waveId: string): Promise<number> {
  const row = await db
    .prepare('SELECT coalesce(sum(n), 0) AS n FROM rollups WHERE wave_id = ?1')
    .bind(waveId)
    .first<{ n: number }>()
  return row?.n ?? 0
}

/**
 * The INSERT of a wave that runs only when the statement before it in a `batch()` changed a row
 * (`changes() = 1`): the cadence's wave, after its programme's `next_wave_at` moved on.
 */
export function createWaveAfterChange(db: D1Database, wave: Wave): D1PreparedStatement {
  return db
    .prepare(`INSERT INTO waves (${COLUMNS}) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE changes() = 1`)
    .bind(...valuesOf(wave))
}
