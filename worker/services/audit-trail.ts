import { type Actor, writeAudit } from '../db/audit.ts'
import type { Change } from '../domain/audit-changes.ts'

/** Who acts: the signed-in person's id and address, nothing else of the account. */
export const actorOf = (user: { id: string; email: string }): Actor => ({ id: user.id, email: user.email })

/**
 * Records what a service changed in programme `programmeId`'s trail (worker/db/audit.ts), by
 * `actor`. Written after the change, not in its batch: a service that needs the entry in the
 * change's own batch uses `auditStatement` instead.
 */
export async function recordChanges(
  db: D1Database,
  programmeId: string,
  actor: Actor,
  changes: Change | Change[],
): Promise<void> {
  await writeAudit(
    db,
    (Array.isArray(changes) ? changes : [changes]).map((ch) => ({
      programmeId,
      actor,
      action: ch.action,
      target: ch.target,
      detail: ch.detail ?? null,
    })),
  )
}
