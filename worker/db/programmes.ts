import { sortedByName } from '../../schema/format.ts'
import type { Role } from '../../schema/instrument.ts'
import { nameKey } from '../../schema/partner-names.ts'
import { type Membership, needsMembership } from '../domain/access.ts'
import type { Partner, Programme } from '../domain/records.ts'
import { partnersAsRead } from './meanwhile.ts'
import { WAVE_OPEN_SQL } from './wave-state-sql.ts'
import type { AccountRole } from '../domain/password-link-rule.ts'

// Declared where the rules that take them are (worker/domain/records.ts), so they and this store share one type.
export type { Partner, Programme }

type ProgrammeRow = {
  id: string
  name: string
  retention_days: number
  wave_retention_years: number | null
  cadence_months: number | null
  cadence_open_days: number | null
  next_wave_at: string | null
}
type PartnerRow = {
  id: string
  programme_id: string
  name: string
  headcount: number | null
  headcount_teammanager: number | null
  headcount_tactisch: number | null
  added_at: string | null
}

const toProgramme = (r: ProgrammeRow): Programme => ({
  id: r.id,
  name: r.name,
  retentionDays: r.retention_days,
  waveRetentionYears: r.wave_retention_years,
  cadenceMonths: r.cadence_months,
  cadenceOpenDays: r.cadence_open_days,
  nextWaveAt: r.next_wave_at,
})
const COLUMNS = 'id, name, retention_days, wave_retention_years, cadence_months, cadence_open_days, next_wave_at'
const toPartner = (r: PartnerRow): Partner => ({
  id: r.id,
  programmeId: r.programme_id,
  name: r.name,
  headcount: r.headcount,
  headcounts: { medewerker: r.headcount, teammanager: r.headcount_teammanager, tactisch: r.headcount_tactisch },
  addedAt: r.added_at,
})
const PARTNER_COLUMNS = 'id, programme_id, name, headcount, headcount_teammanager, headcount_tactisch, added_at'

/** Creates a programme; a lead who creates one becomes its lead (an admin sees every programme anyway). */
export async function createProgramme(db: D1Database, name: string, leadUserId?: string): Promise<Programme> {
  const id = crypto.randomUUID()
  const statements = [
    db
      .prepare('INSERT INTO programmes (id, name, created_at) VALUES (?1, ?2, ?3)')
      .bind(id, name, new Date().toISOString()),
  ]
  if (leadUserId)
    statements.push(
      db.prepare("INSERT INTO memberships (user_id, programme_id, role) VALUES (?1, ?2, 'lead')").bind(leadUserId, id),
    )
  await db.batch(statements)
  return {
    id,
    name,
    retentionDays: 90,
    waveRetentionYears: null,
    cadenceMonths: null,
    cadenceOpenDays: null,
    nextWaveAt: null,
  }
}

export async function readProgramme(db: D1Database, id: string): Promise<Programme | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM programmes WHERE id = ?1`).bind(id).first<ProgrammeRow>()
  return row ? toProgramme(row) : null
}

/**
 * The programmes an account may have access to, each with its membership as stored: every
 * programme for an administrator (who needs none), the programmes of their memberships, pending
 * or not, otherwise. Which of them the account sees, and leads, is `accessOf`'s
 * (worker/domain/access.ts), asked by `visibleProgrammes` (worker/services/programme-access.ts).
 */
export async function listProgrammesOf(
  db: D1Database,
  user: { id: string; role: AccountRole },
): Promise<{ programme: Programme; membership: Membership | null }[]> {
  const stmt = !needsMembership(user)
    ? db.prepare(`SELECT ${COLUMNS}, NULL AS member_role, NULL AS pending FROM programmes ORDER BY name`)
    : db
        .prepare(
          `SELECT ${COLUMNS.split(', ')
            .map((c) => `p.${c}`)
            .join(', ')}, m.role AS member_role, m.pending
             FROM programmes p JOIN memberships m ON m.programme_id = p.id WHERE m.user_id = ?1 ORDER BY p.name`,
        )
        .bind(user.id)
  const { results } = await stmt.all<ProgrammeRow & { member_role: 'lead' | 'viewer' | null; pending: number | null }>()
  const listed = results.map((r) => ({
    name: r.name,
    programme: toProgramme(r),
    membership: r.pending === null ? null : { role: r.member_role, partnerId: null, pending: r.pending === 1 },
  }))
  return sortedByName(listed).map(({ programme, membership }) => ({ programme, membership }))
}

export async function updateProgramme(db: D1Database, p: Programme): Promise<void> {
  await db
    .prepare(
      'UPDATE programmes SET name = ?2, retention_days = ?3, wave_retention_years = ?4, cadence_months = ?5, cadence_open_days = ?6, next_wave_at = ?7 WHERE id = ?1',
    )
    .bind(p.id, p.name, p.retentionDays, p.waveRetentionYears, p.cadenceMonths, p.cadenceOpenDays, p.nextWaveAt)
    .run()
}

/**
 * The INSERT of a new partner of programme `programmeId`, with its name's key (`nameKey`), which
 * the database holds unique per programme (schema/migrations/0018_partner_name_key.sql): a second
 * partner that reads as the first fails there, whatever the service asked before. `orNothing`
 * inserts nothing on such a conflict; without it the statement fails, and its batch with it.
 */
export function partnerInsert(
  db: D1Database,
  programmeId: string,
  name: string,
  headcounts: Record<Role, number | null>,
  orNothing = false,
): { statement: D1PreparedStatement; partner: Partner } {
  const partner = { id: crypto.randomUUID(), programmeId, name, headcount: headcounts.medewerker, headcounts }
  const addedAt = new Date().toISOString()
  const statement = db
    .prepare(
      `INSERT INTO partners (${PARTNER_COLUMNS}, name_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)${orNothing ? ' ON CONFLICT DO NOTHING' : ''}`,
    )
    .bind(
      partner.id,
      programmeId,
      name,
      headcounts.medewerker,
      headcounts.teammanager,
      headcounts.tactisch,
      addedAt,
      nameKey(name),
    )
  return { statement, partner: { ...partner, addedAt } }
}

/** Creates a partner; null when the programme already has a partner of that name, as written or as read (`nameKey`). */
export async function createPartner(
  db: D1Database,
  programmeId: string,
  name: string,
  headcounts: Record<Role, number | null>,
): Promise<Partner | null> {
  const { statement, partner } = partnerInsert(db, programmeId, name, headcounts, true)
  const res = await statement.run()
  return res.meta.changes === 1 ? partner : null
}

/** Whether a failed write failed on a partner's name, as written or as read: another partner of the programme has it. */
export const isNameTaken = (error: unknown): boolean =>
  error instanceof Error && /UNIQUE constraint failed: partners\.(programme_id, partners\.)?name/.test(error.message)

export async function listPartners(db: D1Database, programmeId: string): Promise<Partner[]> {
  const { results } = await db
    .prepare(`SELECT ${PARTNER_COLUMNS} FROM partners WHERE programme_id = ?1 ORDER BY name`)
    .bind(programmeId)
    .all<PartnerRow>()
  return sortedByName(results.map(toPartner))
}

export async function readPartner(db: D1Database, id: string): Promise<Partner | null> {
  const row = await db.prepare(`SELECT ${PARTNER_COLUMNS} FROM partners WHERE id = ?1`).bind(id).first<PartnerRow>()
  return row ? toPartner(row) : null
}

/**
 * The statement that writes a partner's name and headcounts as `partner` has them. The name's key
 * is written only with a new name: two partners that read alike from before the key
 * (schema/migrations/0018_partner_name_key.sql) keep their own. `OR IGNORE`: another partner of
 * the programme with the name changes no row (`updatePartner` says so).
 */
export function partnerUpdate(db: D1Database, partner: Partner): D1PreparedStatement {
  return db
    .prepare(
      'UPDATE OR IGNORE partners SET name_key = CASE WHEN name = ?2 THEN name_key ELSE ?6 END, name = ?2, headcount = ?3, headcount_teammanager = ?4, headcount_tactisch = ?5 WHERE id = ?1',
    )
    .bind(
      partner.id,
      partner.name,
      partner.headcounts.medewerker,
      partner.headcounts.teammanager,
      partner.headcounts.tactisch,
      nameKey(partner.name),
    )
}

/**
 * Changes a partner's name or headcount (`partnerUpdate`) from `before` as read, together with
 * `also` (the record of the change) in one batch, after a guard that fails it when the partner is
 * no longer as read (worker/db/meanwhile.ts, `changedMeanwhile`); false when another partner of
 * the programme has the name, as written or as read (the service asks that first).
 */
export async function updatePartner(
  db: D1Database,
  before: Partner,
  partner: Partner,
  also: D1PreparedStatement[] = [],
): Promise<boolean> {
  const [, res] = await db.batch([partnersAsRead(db, [before]), partnerUpdate(db, partner), ...also])
  return res!.meta.changes === 1
}

/** Programmes whose cadence has a wave due at `now` (`next_wave_at` reached), with that cadence. */
export async function listDueCadences(
  db: D1Database,
  now: Date,
): Promise<{ id: string; cadence: { months: number; openDays: number; next: string } }[]> {
  const { results } = await db
    .prepare(
      'SELECT id, cadence_months, cadence_open_days, next_wave_at FROM programmes WHERE cadence_months IS NOT NULL AND cadence_open_days IS NOT NULL AND next_wave_at <= ?1',
    )
    .bind(now.toISOString())
    .all<{ id: string; cadence_months: number; cadence_open_days: number; next_wave_at: string }>()
  return results.map((r) => ({
    id: r.id,
    cadence: { months: r.cadence_months, openDays: r.cadence_open_days, next: r.next_wave_at },
  }))
}

/**
 * Moves a programme's next cadence wave from `from` to `to`, guarded by the old value: of two runs
 * that both saw `from`, one changes the row. For the `batch()` that opens the wave (worker/services/cadence-service.ts).
 */
export function advanceCadence(db: D1Database, programmeId: string, from: string, to: string): D1PreparedStatement {
  return db
    .prepare('UPDATE programmes SET next_wave_at = ?2 WHERE id = ?1 AND next_wave_at = ?3')
    .bind(programmeId, to, from)
}

/**
 * Why a partner cannot be removed: answer sets in some wave, a working link of an open wave, or
 * viewers limited to it; or it is gone already, removed meanwhile by someone else.
 */
type PartnerInUse = 'answers' | 'links' | 'people' | 'gone'

/**
 * Removes a partner that nobody answered for, in one statement that checks as it deletes, so an
 * answer arriving meanwhile keeps it. Its headcounts go with the row; its links of planned and
 * closed waves, withdrawn links and the record of their making go by the schema's cascade (they
 * opened, or will open, nothing). Null when removed, else the first reason it stays, or `gone`
 * when there was no such partner left to remove.
 */
export async function removePartner(db: D1Database, partnerId: string, now: Date): Promise<PartnerInUse | null> {
  const at = now.toISOString()
  const answers = `EXISTS (SELECT 1 FROM responses WHERE partner_id = ?1) OR EXISTS (SELECT 1 FROM rollups WHERE partner_id = ?1 AND n > 0)`
  const links = `EXISTS (SELECT 1 FROM links l JOIN waves w ON w.id = l.wave_id WHERE l.partner_id = ?1 AND l.revoked = 0 AND ${WAVE_OPEN_SQL('w', '?2')})`
  const people = `EXISTS (SELECT 1 FROM memberships WHERE partner_id = ?1)`
  const [deleted, reason] = await db.batch<{ answers: number; links: number; people: number }>([
    db
      .prepare(`DELETE FROM partners WHERE id = ?1 AND NOT (${answers}) AND NOT (${links}) AND NOT (${people})`)
      .bind(partnerId, at),
    db.prepare(`SELECT ${answers} AS answers, ${links} AS links, ${people} AS people`).bind(partnerId, at),
  ])
  const r = reason!.results[0]!
  return r.answers ? 'answers' : r.links ? 'links' : r.people ? 'people' : deleted!.meta.changes ? null : 'gone'
}
