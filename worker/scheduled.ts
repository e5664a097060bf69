import { ROLES } from '../schema/instrument.ts'
import { seal } from './auth/seal.ts'
import { randomToken, sha256Hex } from './db/ids.ts'
import { listPartners } from './db/programmes.ts'
import { listWaves, overlapping } from './db/waves.ts'
import { waveDays } from './domain/audit-changes.ts'
import { cadenceLabel, dueAt } from './domain/cadence.ts'
import { readConfig, type Env } from './env.ts'
import { auditTime, CADENCE_ACTOR } from './db/audit.ts'
import { findInstrument } from './services/instrument-catalogue.ts'
import { loadProgramme } from './services/results-service.ts'

/** Instrument of a programme's first wave when it has none yet to follow. */
const DEFAULT_INSTRUMENT = 'coachende-manager'

type CadenceRow = { id: string; cadence_months: number; cadence_open_days: number; next_wave_at: string }

/**
 * Opens the waves that programmes' cadences make due: the wave row and a link for every partner and
 * role, in one batch that first moves the programme's `next_wave_at` on — guarded by its old value,
 * so a second run (or two overlapping ones) finds nothing to do and a half-done run leaves nothing.
 * The links' tokens are sealed with LINK_SECRET until a lead reveals them; without a secret the
 * wave opens without links and the lead makes them on the setup page.
 * Closing needs no write: a wave is closed from its `closes_at` on, everywhere it is read.
 */
export async function openDueWaves(env: Env, now: Date): Promise<number> {
  const { results } = await env.DB.prepare(
    'SELECT id, cadence_months, cadence_open_days, next_wave_at FROM programmes WHERE cadence_months IS NOT NULL AND cadence_open_days IS NOT NULL AND next_wave_at <= ?1',
  )
    .bind(now.toISOString())
    .all<CadenceRow>()
  let opened = 0
  for (const p of results) {
    const due = dueAt({ months: p.cadence_months, openDays: p.cadence_open_days, next: p.next_wave_at }, now)
    if (!due) continue
    const advance = env.DB.prepare('UPDATE programmes SET next_wave_at = ?2 WHERE id = ?1 AND next_wave_at = ?3').bind(p.id, due.next, p.next_wave_at)
    const waves = await listWaves(env.DB, p.id)
    // A wave the lead made by hand for this period stands in for the cadence's.
    if (!due.open || overlapping(waves, due.open.opensAt, due.open.closesAt)) {
      await advance.run()
      continue
    }
    const last = waves.at(-1)
    const instrument = findInstrument(last?.instrument ?? DEFAULT_INSTRUMENT) ?? findInstrument(DEFAULT_INSTRUMENT)!
    const base = cadenceLabel(due.open.opensAt)
    const label = waves.some((w) => w.label === base) ? `${base} (${p.next_wave_at.slice(0, 10)})` : base
    const waveId = crypto.randomUUID()
    const statements = [
      advance,
      env.DB.prepare(
        'INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at, min_group_size, created_at) SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9 WHERE changes() = 1',
      ).bind(waveId, p.id, label, instrument.id, instrument.version, due.open.opensAt, due.open.closesAt, readConfig(env).MIN_GROUP_SIZE, now.toISOString()),
    ]
    if (env.LINK_SECRET) {
      for (const partner of await listPartners(env.DB, p.id)) {
        for (const role of ROLES) {
          // As on the setup page: a group without a headcount gets no link (it would take no answers).
          if (!partner.headcounts[role]) continue
          const token = randomToken()
          statements.push(
            env.DB.prepare(
              'INSERT INTO links (token_hash, wave_id, partner_id, role, sealed) SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM waves WHERE id = ?2)',
            ).bind(await sha256Hex(token), waveId, partner.id, role, await seal(env.LINK_SECRET, token)),
          )
        }
      }
    } else {
      console.warn('cadence: LINK_SECRET is not set, so the wave opened without links')
    }
    // The trail names the cadence as the actor, in the same transaction as the wave it opened.
    statements.push(
      env.DB.prepare(
        'INSERT INTO audit (programme_id, at, actor_id, actor, action, target, detail) SELECT ?1, ?2, NULL, ?3, ?4, ?5, ?6 WHERE EXISTS (SELECT 1 FROM waves WHERE id = ?7)',
      ).bind(p.id, auditTime(now), CADENCE_ACTOR.email, 'wave.created', label, `${waveDays(due.open.opensAt, due.open.closesAt)} · v${instrument.version} · cadence`, waveId),
    )
    const [, inserted] = await env.DB.batch(statements)
    opened += inserted!.meta.changes
  }
  return opened
}

/** Waves whose answer sets are due for deletion: closed longer ago than their programme's retention. */
const ANSWERS_DUE = `SELECT w.id FROM waves w JOIN programmes p ON p.id = w.programme_id
  WHERE julianday(w.closes_at) + p.retention_days <= julianday(?1)`

/** Waves due for deletion as a whole: closed longer ago than their programme's wave retention. */
const WAVES_DUE = `SELECT w.id FROM waves w JOIN programmes p ON p.id = w.programme_id
  WHERE p.wave_retention_years IS NOT NULL AND julianday(w.closes_at, '+' || p.wave_retention_years || ' years') <= julianday(?1)`

/** SQL for blanks as long, in bytes, as the text in `column`. */
const blank = (column: string) => `replace(hex(zeroblob(length(CAST(${column} AS BLOB)))), '00', ' ')`

/**
 * Statements that overwrite, in place, the answers and scores of the waves `waveIds` selects (and
 * their rollups' moments, which for a cell of one are that person's scores), before a DELETE in
 * the same batch. SQLite leaves a deleted row's bytes in the page's free space until they are
 * reused, and D1 refuses `PRAGMA secure_delete` (SQLITE_AUTH) and VACUUM; an update to a value of
 * the same size rewrites the cell where it is. Older copies remain out of our reach: D1 Time
 * Travel's 30 days of history in production, and locally the WAL until SQLite checkpoints it
 * (README, "What remains where"). `tests/e2e/purge.test.ts` reads the file to check.
 */
function overwrite(db: D1Database, waveIds: string, at: string, withRollups: boolean): D1PreparedStatement[] {
  const statements = [db.prepare(`UPDATE responses SET answers = ${blank('answers')}, scores = ${blank('scores')} WHERE wave_id IN (${waveIds})`).bind(at)]
  if (withRollups) statements.push(db.prepare(`UPDATE rollups SET stats = ${blank('stats')} WHERE wave_id IN (${waveIds})`).bind(at))
  return statements
}

/**
 * Deletes individual answer sets of waves that closed more than their programme's retention
 * period ago, overwritten first. Rollups stay, so every dashboard, trend and export still works
 * and no answer set is left to single anyone out. Safe to run twice or late: it deletes what is
 * due, once.
 */
export async function purgeExpiredAnswers(db: D1Database, now: Date): Promise<number> {
  const at = now.toISOString()
  const results = await db.batch([...overwrite(db, ANSWERS_DUE, at, false), db.prepare(`DELETE FROM responses WHERE wave_id IN (${ANSWERS_DUE})`).bind(at)])
  return results.at(-1)!.meta.changes
}

/**
 * Deletes whole waves — links, rollups and all — closed longer ago than their programme's
 * `wave_retention_years`. Foreign keys cascade, so nothing of the wave is left behind; answer
 * sets still there (a retention in days longer than that in years) and rollups are overwritten
 * first.
 */
export async function purgeExpiredWaves(db: D1Database, now: Date): Promise<number> {
  const at = now.toISOString()
  const results = await db.batch([...overwrite(db, WAVES_DUE, at, true), db.prepare(`DELETE FROM waves WHERE id IN (${WAVES_DUE})`).bind(at)])
  return results.at(-1)!.meta.changes
}

/**
 * Publishes the waves that have closed since the last run, so their results are fixed once
 * whether or not anyone has read them yet (a dashboard read would publish them too).
 */
export async function publishClosedWaves(env: Env, now: Date): Promise<number> {
  const { results } = await env.DB.prepare('SELECT w.id, w.programme_id FROM waves w WHERE w.closes_at <= ?1 AND NOT EXISTS (SELECT 1 FROM publications p WHERE p.wave_id = w.id)')
    .bind(now.toISOString())
    .all<{ id: string; programme_id: string }>()
  let published = 0
  for (const programmeId of new Set(results.map((r) => r.programme_id))) {
    const data = await loadProgramme(env.DB, programmeId, readConfig(env).MIN_GROUP_SIZE, now)
    published += results.filter((r) => r.programme_id === programmeId && data.publications.has(r.id)).length
  }
  return published
}

/** The Cron Trigger (wrangler.toml `[triggers]`). */
export async function scheduled(controller: ScheduledController, env: Env, _ctx?: ExecutionContext): Promise<void> {
  const now = new Date(controller.scheduledTime)
  const opened = await openDueWaves(env, now)
  const published = await publishClosedWaves(env, now)
  const answerSets = await purgeExpiredAnswers(env.DB, now)
  const wavesDeleted = await purgeExpiredWaves(env.DB, now)
  // Counts only: nothing that could tell who answered.
  if (answerSets > 0 || wavesDeleted > 0 || opened > 0 || published > 0) console.log('scheduled', { opened, published, answerSets, wavesDeleted })
}
