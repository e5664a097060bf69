import { env } from 'cloudflare:workers'
import type { Actor } from '../../../worker/db/audit.ts'
import { createPartner, createProgramme, type Partner, type Programme } from '../../../worker/db/programmes.ts'
import type { User } from '../../../worker/db/users.ts'
import type { AccountRole } from '../../../worker/domain/password-link-rule.ts'

/** Rows for the service tests, written straight to the test D1 (every migration applied) through worker/db/. */

export const DAY = 24 * 60 * 60 * 1000
export const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString()

/** What a lead sends to plan a wave of the catalogue's instrument (worker/services/wave-service.ts `planWave`). */
export const waveBody = (label: string, opensAt: string, closesAt: string) => ({
  label,
  instrument: 'coachende-manager',
  opensAt,
  closesAt,
})

/** An account with `role`, and no password. */
export async function account(role: AccountRole): Promise<User> {
  const user: User = { id: crypto.randomUUID(), email: `${crypto.randomUUID()}@test.local`, role, passwordHash: null }
  await env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, NULL, ?4)')
    .bind(user.id, user.email, role, new Date().toISOString())
    .run()
  return user
}

/** A membership as worker/db/people.ts stores it. */
export async function member(
  user: User,
  programmeId: string,
  m: { role: 'lead' | 'viewer' | null; partnerId?: string | null; pending?: boolean },
): Promise<void> {
  await env.DB.prepare(
    'INSERT INTO memberships (user_id, programme_id, partner_id, role, pending) VALUES (?1, ?2, ?3, ?4, ?5)',
  )
    .bind(user.id, programmeId, m.partnerId ?? null, m.role, m.pending ? 1 : 0)
    .run()
}

export const actorOf = (u: User): Actor => ({ id: u.id, email: u.email })

/** A programme with partners, every role counted: each group may have a link. */
export async function programmeWith(
  partnerNames: string[] = ['UWV', 'SVB'],
  name = `Keten ${crypto.randomUUID().slice(0, 8)}`,
): Promise<{ programme: Programme; partners: Partner[] }> {
  const programme = await createProgramme(env.DB, name)
  const partners: Partner[] = []
  for (const p of partnerNames)
    partners.push((await createPartner(env.DB, programme.id, p, { medewerker: 20, teammanager: 5, tactisch: 5 }))!)
  return { programme, partners }
}

/** The trail's entries of a programme, oldest first, as action and target. */
export async function trailOf(programmeId: string): Promise<{ action: string; target: string | null }[]> {
  const { results } = await env.DB.prepare('SELECT action, target FROM audit WHERE programme_id = ?1 ORDER BY seq')
    .bind(programmeId)
    .all<{ action: string; target: string | null }>()
  return results
}

/**
 * The test D1 with `act` (another person's write, on the real D1) run once, just before the first
 * write the code under test sends: its first `batch`, or the first INSERT, UPDATE or DELETE it runs
 * on its own. What the code read before then, it read as it was; what it writes meets `act`'s rows.
 */
export function meanwhile(act: () => Promise<unknown>): D1Database {
  let done = false
  const first = async () => {
    if (done) return
    done = true
    await act()
  }
  const writes = /^\s*(INSERT|UPDATE|DELETE|REPLACE|WITH)\b/i
  const watched = (stmt: D1PreparedStatement): D1PreparedStatement => {
    const bind = stmt.bind.bind(stmt)
    const run = stmt.run.bind(stmt)
    const firstRow = stmt.first.bind(stmt)
    const all = stmt.all.bind(stmt)
    stmt.bind = (...values: unknown[]) => watched(bind(...values))
    stmt.run = async () => {
      await first()
      return run()
    }
    stmt.first = (async (column?: string) => {
      await first()
      return firstRow(column as string)
    }) as typeof stmt.first
    stmt.all = async () => {
      await first()
      return all()
    }
    return stmt
  }
  return new Proxy(env.DB, {
    get(target, prop) {
      if (prop === 'batch')
        return async (statements: D1PreparedStatement[]) => {
          await first()
          return target.batch(statements)
        }
      if (prop === 'prepare')
        return (sql: string) => (writes.test(sql) ? watched(target.prepare(sql)) : target.prepare(sql))
      const value = Reflect.get(target, prop) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}
