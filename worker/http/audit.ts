import type { Context } from 'hono'
import { writeAudit, type Actor } from '../db/audit.ts'
import type { Change } from '../domain/audit-changes.ts'
import type { AppEnv } from './app-env.ts'

/**
 * Records changes a route made in its programme's trail, the signed-in person as the actor unless
 * another is named (a password link's own person, who acts through the link without signing in).
 * Written after the change, not in its batch: the routes stay thin around their own statements.
 * The programme is the route's (`programme` or `wave`) unless given.
 */
export async function audit(
  c: Context<AppEnv>,
  changes: Change | Change[],
  opts: { programmeId?: string; actor?: Actor } = {},
): Promise<void> {
  const programmeId = opts.programmeId ?? c.get('programme')?.id ?? c.get('wave')?.programmeId
  if (!programmeId) throw new Error('audit: no programme for the entry')
  const user = c.get('user')
  const actor = opts.actor ?? { id: user.id, email: user.email }
  await writeAudit(
    c.env.DB,
    (Array.isArray(changes) ? changes : [changes]).map((ch) => ({
      programmeId,
      actor,
      action: ch.action,
      target: ch.target,
      detail: ch.detail ?? null,
    })),
  )
}
