import type { Context } from 'hono'
import type { Actor } from '../db/audit.ts'
import type { Change } from '../domain/audit-changes.ts'
import { actorOf, recordChanges } from '../services/audit-trail.ts'
import type { UserEnv } from './app-env.ts'

/**
 * Records changes a route's service made in its programme's trail (`recordChanges` in
 * worker/services/audit-trail.ts), the signed-in person as the actor unless another is named.
 */
export async function audit<E extends UserEnv>(
  c: Context<E>,
  programmeId: string,
  changes: Change | Change[],
  actor: Actor = actorOf(c.get('user')),
): Promise<void> {
  await recordChanges(c.env.DB, programmeId, actor, changes)
}
