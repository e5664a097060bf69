import type { Env } from './env.ts'

/**
 * Deletes individual answer sets of waves that closed more than their programme's retention
 * period ago. Rollups stay, so every dashboard, trend and export still works and no answer set
 * is left to single anyone out. Safe to run twice or late: it deletes what is due, once.
 */
export async function purgeExpiredAnswers(db: D1Database, now: Date): Promise<number> {
  const res = await db
    .prepare(
      `DELETE FROM responses WHERE wave_id IN (
         SELECT w.id FROM waves w JOIN programmes p ON p.id = w.programme_id
         WHERE julianday(w.closes_at) + p.retention_days <= julianday(?1))`,
    )
    .bind(now.toISOString())
    .run()
  return res.meta.changes
}

/**
 * Deletes whole waves — links, rollups and all — closed longer ago than their programme's
 * `wave_retention_years`. Foreign keys cascade, so nothing of the wave is left behind.
 */
export async function purgeExpiredWaves(db: D1Database, now: Date): Promise<number> {
  const res = await db
    .prepare(
      `DELETE FROM waves WHERE id IN (
         SELECT w.id FROM waves w JOIN programmes p ON p.id = w.programme_id
         WHERE p.wave_retention_years IS NOT NULL AND julianday(w.closes_at, '+' || p.wave_retention_years || ' years') <= julianday(?1))`,
    )
    .bind(now.toISOString())
    .run()
  return res.meta.changes
}

/** The Cron Trigger (wrangler.toml `[triggers]`). */
export async function scheduled(controller: ScheduledController, env: Env, _ctx?: ExecutionContext): Promise<void> {
  const now = new Date(controller.scheduledTime)
  const answerSets = await purgeExpiredAnswers(env.DB, now)
  const wavesDeleted = await purgeExpiredWaves(env.DB, now)
  // Counts only: nothing that could tell who answered.
  if (answerSets > 0 || wavesDeleted > 0) console.log('retention', { answerSets, wavesDeleted })
}
