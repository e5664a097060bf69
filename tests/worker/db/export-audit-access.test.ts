import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { exportAuditStatements } from '../../../worker/db/audit.ts'
import { accessOf, type Membership } from '../../../worker/domain/access.ts'
import type { AccountRole } from '../../../worker/domain/password-link-rule.ts'
import { call, closeWave, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * An export's trail entry is written in SQL in the batch that reads the export
 * (`exportAuditStatements`, worker/db/audit.ts), so the SQL decides who leads the programme as
 * `accessOf` (worker/domain/access.ts) does. Here both are asked for every kind of account and
 * every membership it may have: none, or one of each stored role (null on rows from before roles
 * were per programme), pending or accepted, with or without a partner. The entry is written
 * exactly when `accessOf` lets the account lead, for the wave named and for the wave the SQL picks.
 */

const ACCOUNT_ROLES: AccountRole[] = ['admin', 'lead', 'viewer']
const MEMBERSHIPS: (Membership | null)[] = [
  null,
  ...(['lead', 'viewer', null] as const).flatMap((role) =>
    [false, true].flatMap((pending) => [null, 'partner'].map((partnerId) => ({ role, partnerId, pending }))),
  ),
]

let programmeId: string
let waveId: string
let partnerId: string

beforeAll(async () => {
  const admin = await signInAdmin()
  const ctx = await setupProgramme(admin)
  programmeId = ctx.programmeId
  waveId = ctx.waveId
  partnerId = ctx.partners[0]!.id
  // Closed, then published by the first read of its results: only a published wave is exported.
  await closeWave(admin, waveId)
  expect((await call(`/api/programmes/${programmeId}/dashboard`, { cookie: admin })).status).toBe(200)
  const published = await env.DB.prepare('SELECT 1 AS yes FROM publications WHERE wave_id = ?1').bind(waveId).first()
  expect(published).toEqual({ yes: 1 })
})

/** An account with this role and membership of the programme, written as worker/db/people.ts stores them. */
async function account(role: AccountRole, membership: Membership | null) {
  const user = { id: crypto.randomUUID(), email: `${crypto.randomUUID()}@test.local`, role }
  const statements = [
    env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, NULL, ?4)').bind(
      user.id,
      user.email,
      role,
      new Date().toISOString(),
    ),
  ]
  if (membership)
    statements.push(
      env.DB.prepare(
        'INSERT INTO memberships (user_id, programme_id, partner_id, role, pending) VALUES (?1, ?2, ?3, ?4, ?5)',
      ).bind(
        user.id,
        programmeId,
        membership.partnerId ? partnerId : null,
        membership.role,
        membership.pending ? 1 : 0,
      ),
    )
  await env.DB.batch(statements)
  return user
}

describe('the export trail entry in SQL, against accessOf', () => {
  it('is written exactly when accessOf lets the account lead, for every account and membership', async () => {
    const verdicts: boolean[] = []
    for (const role of ACCOUNT_ROLES)
      for (const membership of MEMBERSHIPS) {
        const user = await account(role, membership)
        const canLead = accessOf(user, membership).canLead
        for (const asked of [waveId, null]) {
          const [record, chosen] = exportAuditStatements(env.DB, { programmeId, user, waveId: asked, detail: [] })
          const [written, picked] = await env.DB.batch([record, chosen])
          const label = `${role} account, membership ${JSON.stringify(membership)}, wave ${asked ?? 'picked'}`
          expect(written!.meta.changes, label).toBe(canLead ? 1 : 0)
          // The wave is looked up only for whoever may export (worker/db/audit.ts `mayExport`): a
          // refused reader's export reads none of the programme's waves.
          expect(picked!.results, label).toEqual([{ wave_id: canLead ? waveId : null }])
        }
        verdicts.push(canLead)
      }
    // Both verdicts were met: neither side could pass by always saying the same.
    expect(new Set(verdicts)).toEqual(new Set([true, false]))
    expect(verdicts.length).toBe(ACCOUNT_ROLES.length * MEMBERSHIPS.length)
  })
})
