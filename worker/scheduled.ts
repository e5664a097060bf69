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

/** The Cron Trigger (wrangler.toml `[triggers]`). */
export async function scheduled(controller: ScheduledController, env: Env, _ctx?: ExecutionContext): Promise<void> {
  const purged = await purgeExpiredAnswers(env.DB, new Date(controller.scheduledTime))
  // A count only: nothing that could tell who answered.
  if (purged > 0) console.log('retention: answer sets deleted', { count: purged })
}
