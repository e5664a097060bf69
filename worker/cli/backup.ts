/**
 * The dump format of `npm run export` / `npm run import`: every row of every table (or of one
 * programme), versioned, as JSON. Pure functions, used by the command-line tools (through
 * `wrangler d1 execute`) and by the round-trip test (through D1 directly).
 * Sessions and password links are left out on purpose: a restored database starts with everyone
 * signed out and no link to set a password outstanding. The audit trail and the agreed actions go
 * with their programme.
 */

import { startOfDay } from '../../schema/format.ts'
import { nameKey } from '../../schema/partner-names.ts'

export const DUMP_FORMAT = 'ketenradar-dump'
export const DUMP_VERSION = 1

/** Tables in an order that satisfies their foreign keys on insert. */
export const TABLES = [
  'programmes',
  'partners',
  'waves',
  'links',
  'responses',
  'rollups',
  'pool_moments',
  'question_rollups',
  'publications',
  'wave_changes',
  'actions',
  'users',
  'memberships',
  'audit',
] as const
/** Tables added after dumps were first written: a dump from before has none of their rows. */
const ADDED_LATER: ReadonlySet<Table> = new Set([
  'publications',
  'wave_changes',
  'audit',
  'pool_moments',
  'question_rollups',
  'actions',
])
type Table = (typeof TABLES)[number]
export type Row = Record<string, string | number | null>
export type Dump = {
  format: typeof DUMP_FORMAT
  version: number
  migration: string
  programme: string | null
  tables: Record<Table, Row[]>
}

const sqlString = (s: string) => `'${s.replace(/'/g, "''")}'`

/** The SELECT for each table, limited to one programme when asked; ordered so two dumps compare equal. */
export function selectSql(table: Table, programme: string | null): string {
  const p = programme === null ? null : sqlString(programme)
  const where: Record<Table, string> = {
    programmes: p ? `id = ${p}` : '1',
    partners: p ? `programme_id = ${p}` : '1',
    waves: p ? `programme_id = ${p}` : '1',
    links: p ? `wave_id IN (SELECT id FROM waves WHERE programme_id = ${p})` : '1',
    responses: p ? `wave_id IN (SELECT id FROM waves WHERE programme_id = ${p})` : '1',
    rollups: p ? `wave_id IN (SELECT id FROM waves WHERE programme_id = ${p})` : '1',
    pool_moments: p ? `wave_id IN (SELECT id FROM waves WHERE programme_id = ${p})` : '1',
    question_rollups: p ? `wave_id IN (SELECT id FROM waves WHERE programme_id = ${p})` : '1',
    publications: p ? `wave_id IN (SELECT id FROM waves WHERE programme_id = ${p})` : '1',
    wave_changes: p ? `wave_id IN (SELECT id FROM waves WHERE programme_id = ${p})` : '1',
    users: p ? `id IN (SELECT user_id FROM memberships WHERE programme_id = ${p})` : '1',
    actions: p ? `programme_id = ${p}` : '1',
    memberships: p ? `programme_id = ${p}` : '1',
    audit: p ? `programme_id = ${p}` : '1',
  }
  return `SELECT * FROM ${table} WHERE ${where[table]} ORDER BY 1, 2`
}

function literal(v: unknown): string {
  if (v === null || v === undefined) return 'NULL'
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new Error(`cannot restore a non-finite number: ${v}`)
    return String(v)
  }
  if (typeof v === 'string') return sqlString(v)
  throw new Error(`cannot restore a value of type ${typeof v}`)
}

/**
 * The migration from which a wave's days are Dutch days (schema/migrations/0019_wave_days_amsterdam.sql).
 * A dump names the last migration of the code that made it (worker/cli/export.ts), and the dump's
 * own version did not change: its rows are the same, only what a UTC midnight in them means. So a
 * dump made before it holds its day boundaries as UTC midnights, and import restores them moved to
 * the Amsterdam midnight of the same day, as the migration moved the database's own; restored as
 * they were, every wave of an old backup would open and close at 01:00 (02:00 in summer).
 */
const DUTCH_DAYS_FROM = 19

/** Whether a moment is a UTC midnight: the day boundaries of the days before Dutch days, and nothing else. */
const utcMidnight = (v: unknown): v is string => typeof v === 'string' && v.endsWith('T00:00:00.000Z')

/** The Amsterdam midnight of the calendar day a UTC midnight started. */
const dutchMidnight = (v: string) => startOfDay(v.slice(0, 10))

/**
 * A dump's day boundaries moved as 0019_wave_days_amsterdam.sql moves the database's, by the same
 * rule: closings first, then openings, each no earlier than a wave of its programme that closed
 * "now" between the new and the old opening (so no two waves overlap), then the cadence's next opening.
 */
function toDutchDays(tables: Dump['tables']): void {
  for (const w of tables.waves) if (utcMidnight(w.closes_at)) w.closes_at = dutchMidnight(w.closes_at)
  const moved = tables.waves.filter((w) => utcMidnight(w.opens_at)).map((w) => ({ w, was: w.opens_at as string }))
  for (const { w, was } of moved) {
    const shifted = dutchMidnight(was)
    w.opens_at = tables.waves
      .filter((o) => o !== w && o.programme_id === w.programme_id)
      .map((o) => String(o.closes_at))
      .filter((c) => c > shifted && c <= was)
      .reduce((at, c) => (c > at ? c : at), shifted)
  }
  for (const p of tables.programmes) if (utcMidnight(p.next_wave_at)) p.next_wave_at = dutchMidnight(p.next_wave_at)
}

/** Checks a parsed file is a dump this version can restore, its days as this version reads them; the message says what is wrong. */
export function checkDump(value: unknown): Dump {
  const d = value as Partial<Dump> | null
  if (!d || d.format !== DUMP_FORMAT) throw new Error(`not a Ketenradar dump (format must be "${DUMP_FORMAT}")`)
  if (d.version !== DUMP_VERSION)
    throw new Error(`dump version ${String(d.version)} cannot be restored by this version (expects ${DUMP_VERSION})`)
  for (const t of TABLES) {
    if (d.tables && d.tables[t] === undefined && ADDED_LATER.has(t)) d.tables[t] = []
    if (!Array.isArray(d.tables?.[t])) throw new Error(`dump has no table "${t}"`)
  }
  if (!(Number.parseInt(String(d.migration), 10) >= DUTCH_DAYS_FROM)) toDutchDays((d as Dump).tables)
  return d as Dump
}

/**
 * A dump's partners, each with its name's key: a dump from before the key
 * (schema/migrations/0018_partner_name_key.sql) has none, and restored without one a partner would
 * sit outside the index that keeps names unique. Keyed as the Worker keys a name, and as the
 * migration keys two that read alike: the first keeps the key, a later one has its id after it.
 */
function keyedPartners(rows: Row[]): Row[] {
  const held = new Set(
    rows.flatMap((r) => (typeof r.name_key === 'string' ? [`${r.programme_id}\n${r.name_key}`] : [])),
  )
  return rows.map((row) => {
    if (typeof row.name_key === 'string' || typeof row.name !== 'string') return row
    const key = nameKey(row.name)
    const name_key = held.has(`${row.programme_id}\n${key}`) ? `${key} #${row.id}` : key
    held.add(`${row.programme_id}\n${name_key}`)
    return { ...row, name_key }
  })
}

/** INSERT statements that restore a dump, one per row, in foreign-key order. */
export function insertStatements(dump: Dump): string[] {
  return TABLES.flatMap((table) =>
    (table === 'partners' ? keyedPartners(dump.tables.partners) : dump.tables[table]).map((row) => {
      // A publication's stamp is the database's to make (schema/migrations/0016_publication_stamp.sql):
      // restored as dumped, a dump whose text was changed would keep the old stamp, and an isolate
      // holding that stamp would go on serving the old text (a hostile review).
      const cols = Object.keys(row).filter((c) => !(table === 'publications' && c === 'stamp'))
      return `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((c) => literal(row[c])).join(', ')});`
    }),
  )
}
