import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { listAudit } from '../../../worker/db/audit.ts'
import { actorOf, recordChanges } from '../../../worker/services/audit-trail.ts'
import { account, programmeWith } from './d1-fixtures.ts'

/**
 * The trail a service writes (worker/services/audit-trail.ts) on real rows: each change one entry,
 * in order, by the person acting, named by their address and nothing else of the account, at
 * the minute (README: the trail records staff's actions with the time to the minute).
 */

describe('recordChanges', () => {
  it('writes one entry a change, in order, by the actor, with its detail as data', async () => {
    const { programme } = await programmeWith([])
    const user = await account('lead')
    const actor = actorOf({ ...user, passwordHash: 'not this' } as typeof user)
    expect(actor).toEqual({ id: user.id, email: user.email })
    await recordChanges(env.DB, programme.id, actor, { action: 'programme.created', target: programme.name })
    await recordChanges(env.DB, programme.id, actor, [
      { action: 'partner.added', target: 'UWV' },
      { action: 'partner.renamed', target: 'UWV Noord', detail: [{ word: 'name' }] },
    ])
    await recordChanges(env.DB, programme.id, actor, [])
    const { entries, more } = await listAudit(env.DB, programme.id, 1)
    expect(more).toBe(false)
    expect(entries.map((e) => [e.action, e.target, e.actor])).toEqual([
      ['partner.renamed', 'UWV Noord', user.email],
      ['partner.added', 'UWV', user.email],
      ['programme.created', programme.name, user.email],
    ])
    expect(entries[0]!.detail).toEqual([{ word: 'name' }])
    expect(entries[1]!.detail).toBeNull()
    for (const e of entries) expect(e.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z$/)
  })
})
