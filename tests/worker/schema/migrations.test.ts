import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { checkDump, DUMP_FORMAT, DUMP_VERSION, TABLES as DUMP_TABLES, type Dump } from '../../../worker/cli/backup.ts'

/**
 * Every migration applies to an empty database, and to a database filled with data by the
 * migrations before it, without losing a row or a value. A fixture is written after the first
 * migration; after each later one, every fixture row must still read the same.
 */
const FIXTURE = [
  "INSERT INTO programmes (id, name, retention_days, created_at) VALUES ('p1', 'Werk en Inkomen', 90, '2026-01-01T00:00:00.000Z')",
  "INSERT INTO partners (id, programme_id, name, headcount) VALUES ('pa1', 'p1', 'UWV', 120)",
  "INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at) VALUES ('w1', 'p1', 'Voorjaar', 'coachende-manager', 1, '2026-03-01T00:00:00.000Z', '2026-03-22T00:00:00.000Z')",
  "INSERT INTO links (token_hash, wave_id, partner_id, role) VALUES ('ab12', 'w1', 'pa1', 'medewerker')",
  `INSERT INTO responses (id, wave_id, partner_id, role, answers, scores) VALUES ('r1', 'w1', 'pa1', 'medewerker', '{"coaching_1":4}', '{"coaching":4}')`,
  `INSERT INTO rollups (wave_id, partner_id, role, n, stats) VALUES ('w1', 'pa1', 'medewerker', 1, '{"coaching":[1,4,16,0,0,0,1,0]}')`,
  "INSERT INTO users (id, email, role, password_hash, created_at) VALUES ('u1', 'lead@example.nl', 'lead', 'pbkdf2-sha256$1$AA==$AA==', '2026-01-01T00:00:00.000Z')",
  "INSERT INTO memberships (user_id, programme_id, partner_id) VALUES ('u1', 'p1', NULL)",
]
const TABLES = ['programmes', 'partners', 'waves', 'links', 'responses', 'rollups', 'users', 'memberships']

async function snapshot(db: D1Database): Promise<Record<string, Record<string, unknown>[]>> {
  return Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, (await db.prepare(`SELECT * FROM ${t} ORDER BY 1`).all()).results])),
  )
}

/** Only the columns the earlier snapshot had: a later migration may add columns, never change old values. */
function project(later: Record<string, Record<string, unknown>[]>, earlier: Record<string, Record<string, unknown>[]>) {
  return Object.fromEntries(
    TABLES.map((t) => [
      t,
      later[t]!.map((row, i) => Object.fromEntries(Object.keys(earlier[t]![i] ?? row).map((k) => [k, row[k]]))),
    ]),
  )
}

async function apply(db: D1Database, queries: string[]) {
  await db.batch(queries.map((q) => db.prepare(q)))
}

describe('migrations', () => {
  it('are numbered, in order, and never two with one number', () => {
    const names = env.TEST_MIGRATIONS.map((m) => m.name)
    expect(names.length).toBeGreaterThan(0)
    expect(names[0]).toMatch(/^0001_/)
    // A number may be skipped (two branches each took one, and one did not land): wrangler applies
    // what it has not applied yet, in order of name, so only the order and the uniqueness matter.
    const numbers = names.map((name) => {
      expect(name).toMatch(/^\d{4}_[a-z0-9_]+\.sql$/)
      return Number(name.slice(0, 4))
    })
    for (const [i, n] of numbers.entries()) if (i > 0) expect(n, names[i]).toBeGreaterThan(numbers[i - 1]!)
  })

  it('apply one by one to a database holding data and lose nothing', async () => {
    const db = env.MIGRATION_DB
    const [first, ...rest] = env.TEST_MIGRATIONS
    await apply(db, first!.queries)
    await apply(db, FIXTURE)
    const before = await snapshot(db)
    for (const t of TABLES) expect(before[t]!.length, t).toBe(1)
    for (const m of rest) {
      await apply(db, m.queries)
      // The one migration that changes values: the fixture's wave days, UTC midnights, become the
      // Amsterdam midnights of the same days (1 March in winter time, 22 March too).
      if (m.name.startsWith('0019_'))
        Object.assign(before.waves![0]!, {
          opens_at: '2026-02-28T23:00:00.000Z',
          closes_at: '2026-03-21T23:00:00.000Z',
        })
      expect(project(await snapshot(db), before), m.name).toEqual(before)
    }
  })

  it('0015 clears a pool over the cells shown whole only where the answer sets are already gone', async () => {
    const db = env.DB
    await apply(db, [
      "INSERT INTO programmes (id, name, retention_days, created_at) VALUES ('p15', 'P', 90, '2026-01-01T00:00:00.000Z')",
      "INSERT INTO partners (id, programme_id, name, headcount) VALUES ('pa15', 'p15', 'UWV', 120)",
      ...['w15a', 'w15b'].map(
        (w) =>
          `INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at) VALUES ('${w}', 'p15', '${w}', 'coachende-manager', 1, '2026-03-01T00:00:00.000Z', '2026-03-22T00:00:00.000Z')`,
      ),
      `INSERT INTO responses (id, wave_id, partner_id, role, answers, scores) VALUES ('r15', 'w15a', 'pa15', 'medewerker', '{}', '{}')`,
      ...['w15a', 'w15b'].map(
        (w) =>
          `INSERT INTO pool_moments (wave_id, role, moments, shown) VALUES ('${w}', 'medewerker', '[]', '{"partners":[]}')`,
      ),
    ])
    const clear = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0015_'))!
    await apply(db, clear.queries)
    const { results } = await db
      .prepare("SELECT wave_id, shown FROM pool_moments WHERE wave_id IN ('w15a', 'w15b') ORDER BY wave_id")
      .all()
    // Purged before this release (no answer sets left): cleared, so its view is refused as every other purged one's.
    expect(results).toEqual([
      { wave_id: 'w15a', shown: '{"partners":[]}' },
      { wave_id: 'w15b', shown: null },
    ])
  })

  it('0018 keys the partners there are, and two that read alike from before the check keep both, the later keyed by its id', async () => {
    const db = env.DB
    // This file's own storage: the index the migration makes goes, so rows from before it can be written.
    await apply(db, [
      'DROP INDEX partners_by_name_key',
      "INSERT INTO programmes (id, name, retention_days, created_at) VALUES ('p18', 'P', 90, '2026-01-01T00:00:00.000Z')",
      "INSERT INTO programmes (id, name, retention_days, created_at) VALUES ('q18', 'Q', 90, '2026-01-01T00:00:00.000Z')",
      ...[
        ['pa18a', 'p18', 'Politie  Midden'],
        ['pa18b', 'p18', 'politie midden'],
        ['pa18c', 'p18', 'POLITIE MIDDEN'],
        ['pa18d', 'p18', 'UWV'],
        ['pa18e', 'q18', 'Politie Midden'],
      ].map(([id, p, name]) => `INSERT INTO partners (id, programme_id, name) VALUES ('${id}', '${p}', '${name}')`),
    ])
    const key = env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0018_'))!
    await apply(
      db,
      key.queries.filter((q) => !q.includes('ALTER TABLE')),
    )
    const { results } = await db
      .prepare("SELECT id, name, name_key FROM partners WHERE programme_id IN ('p18', 'q18') ORDER BY id")
      .all()
    expect(results).toEqual([
      { id: 'pa18a', name: 'Politie  Midden', name_key: 'politie midden' },
      { id: 'pa18b', name: 'politie midden', name_key: 'politie midden #pa18b' },
      { id: 'pa18c', name: 'POLITIE MIDDEN', name_key: 'politie midden #pa18c' },
      { id: 'pa18d', name: 'UWV', name_key: 'uwv' },
      { id: 'pa18e', name: 'Politie Midden', name_key: 'politie midden' },
    ])
  })

  it('0019 moves the day boundaries, UTC midnights, to Amsterdam midnights of the same day, as import moves an older dump', async () => {
    const db = env.DB
    const wave = (id: string, opens: string, closes: string) =>
      `INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at) VALUES ('${id}', 'p19', '${id}', 'coachende-manager', 1, '${opens}', '${closes}')`
    const rows = [
      "INSERT INTO programmes (id, name, retention_days, created_at, next_wave_at) VALUES ('p19', 'P', 90, '2026-01-01T00:00:00.000Z', '2027-03-29T00:00:00.000Z')",
      // Across a year boundary, in winter time.
      wave('w19a', '2026-12-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'),
      // Ending on the last Sunday of March 2027 (its midnight is still winter time) and starting the day after.
      wave('w19b', '2027-03-01T00:00:00.000Z', '2027-03-28T00:00:00.000Z'),
      wave('w19c', '2027-03-29T00:00:00.000Z', '2027-10-31T00:00:00.000Z'),
      // The last Sunday of October's midnight is still summer time; the Monday's is winter time again.
      wave('w19d', '2027-11-01T00:00:00.000Z', '2027-11-01T10:00:00.123Z'),
      // Opened and closed "now": moments, left as they are.
      wave('w19e', '2027-11-01T10:00:00.123Z', '2027-11-02T23:30:00.000Z'),
      // An opening that moved back would reach before the wave above closed "now": it opens when that one closed.
      wave('w19f', '2027-11-03T00:00:00.000Z', '2027-11-05T00:00:00.000Z'),
    ]
    await apply(db, rows)
    const read = async () => ({
      waves: (
        await db
          .prepare("SELECT id, opens_at, closes_at FROM waves WHERE programme_id = 'p19' ORDER BY id")
          .all<{ id: string; opens_at: string; closes_at: string }>()
      ).results,
      next: (await db
        .prepare("SELECT next_wave_at FROM programmes WHERE id = 'p19'")
        .first<{ next_wave_at: string }>())!.next_wave_at,
    })
    // What a dump made before the migration restores to (worker/cli/backup.ts `checkDump`).
    const before = await read()
    const tables = Object.fromEntries(DUMP_TABLES.map((t) => [t, []])) as unknown as Dump['tables']
    tables.programmes = [{ id: 'p19', next_wave_at: before.next }]
    tables.waves = before.waves.map((w) => ({ ...w, programme_id: 'p19' }))
    const restored = checkDump({
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      migration: '0017_publication_meta_index.sql',
      programme: null,
      tables,
    })
    await apply(db, env.TEST_MIGRATIONS.find((m) => m.name.startsWith('0019_'))!.queries)
    const after = await read()
    expect(after).toEqual({
      waves: [
        { id: 'w19a', opens_at: '2026-11-30T23:00:00.000Z', closes_at: '2026-12-31T23:00:00.000Z' },
        { id: 'w19b', opens_at: '2027-02-28T23:00:00.000Z', closes_at: '2027-03-27T23:00:00.000Z' },
        { id: 'w19c', opens_at: '2027-03-28T22:00:00.000Z', closes_at: '2027-10-30T22:00:00.000Z' },
        { id: 'w19d', opens_at: '2027-10-31T23:00:00.000Z', closes_at: '2027-11-01T10:00:00.123Z' },
        { id: 'w19e', opens_at: '2027-11-01T10:00:00.123Z', closes_at: '2027-11-02T23:30:00.000Z' },
        { id: 'w19f', opens_at: '2027-11-02T23:30:00.000Z', closes_at: '2027-11-04T23:00:00.000Z' },
      ],
      next: '2027-03-28T22:00:00.000Z',
    })
    expect(restored.tables.waves.map(({ programme_id: _, ...w }) => w)).toEqual(after.waves)
    expect(restored.tables.programmes[0]!.next_wave_at).toBe(after.next)
    // A dump made from this migration on is restored as it is.
    const current = checkDump({
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      migration: '0019_wave_days_amsterdam.sql',
      programme: null,
      tables: { ...tables, waves: before.waves.map((w) => ({ ...w })) },
    })
    expect(current.tables.waves).toEqual(before.waves)
  })
})
