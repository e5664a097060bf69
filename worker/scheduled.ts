import { purgeExpiredAnswers, purgeExpiredWaves } from './db/retention.ts'
import { readConfig, type Env } from './env.ts'
import { openDueWaves } from './services/cadence-service.ts'
import { publishClosedWaves } from './services/publication-service.ts'
import { keepPoolsBeforePurge } from './services/quality-service.ts'

/**
 * The Cron Trigger (wrangler.toml `[triggers]`): opens the waves the cadences make due
 * (worker/services/cadence-service.ts), publishes the waves that closed
 * (worker/services/publication-service.ts), and deletes what the retention periods let go.
 */
export async function scheduled(controller: ScheduledController, env: Env, _ctx?: ExecutionContext): Promise<void> {
  const now = new Date(controller.scheduledTime)
  const minGroupSize = readConfig(env).MIN_GROUP_SIZE
  const opened = await openDueWaves(env.DB, { linkSecret: env.LINK_SECRET, minGroupSize }, now)
  const published = await publishClosedWaves(env.DB, minGroupSize, now)
  // Before the answer sets go: the quality view's pool over the cells shown whole is made from them.
  await keepPoolsBeforePurge(env.DB, minGroupSize, now)
  const answerSets = await purgeExpiredAnswers(env.DB, now)
  const wavesDeleted = await purgeExpiredWaves(env.DB, now)
  // Counts only: nothing that could tell who answered.
  if (answerSets > 0 || wavesDeleted > 0 || opened > 0 || published > 0)
    console.log('scheduled', { opened, published, answerSets, wavesDeleted })
}
