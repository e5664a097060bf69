import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'

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
    names.forEach((name, i) => {
      expect(name).toMatch(new RegExp(`^${String(i + 1).padStart(4, '0')}_[a-z0-9_]+\\.sql$`))
    })
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
})
