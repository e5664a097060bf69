import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  checkDump,
  DUMP_FORMAT,
  DUMP_VERSION,
  insertStatements,
  selectSql,
  TABLES,
  type Dump,
  type Row,
} from '../../../worker/cli/backup.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

async function dump(programme: string | null): Promise<Dump> {
  const tables = Object.fromEntries(
    await Promise.all(TABLES.map(async (t) => [t, (await env.DB.prepare(selectSql(t, programme)).all<Row>()).results])),
  ) as Dump['tables']
  return { format: DUMP_FORMAT, version: DUMP_VERSION, migration: '0001_init.sql', programme, tables }
}

let ctx: Awaited<ReturnType<typeof setupProgramme>>
let other: string

beforeAll(async () => {
  const cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ["Partner met 'aanhalingstekens'", 'SVB'])
  other = (await setupProgramme(cookie, ['Elders'])).programmeId
  const ins = findInstrument('coachende-manager')!
  for (let i = 0; i < 6; i++) {
    await postJson(
      `/api/s/${ctx.links[ctx.partners[0]!.id]!.teammanager}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'teammanager', rng(i), () => 3.3) },
      '',
    )
  }
  // An agreed action after the wave closes: it goes with its programme.
  await closeWave(cookie, ctx.waveId)
  await postJson(
    `/api/programmes/${ctx.programmeId}/actions`,
    {
      waveId: ctx.waveId,
      partnerId: ctx.partners[0]!.id,
      dimension: ins.dimensions[0]!.key,
      what: "Overleg 'maandelijks'",
      owner: 'teammanager',
      due: '2026-06-30',
    },
    cookie,
  )
})

describe('export and import', () => {
  it('restores every table exactly into an empty database', async () => {
    const before = await dump(null)
    expect(before.tables.responses.length).toBe(6)
    expect(before.tables.pool_moments.length).toBe(1)
    const file = JSON.parse(JSON.stringify(before)) as unknown
    expect(before.tables.audit.length).toBeGreaterThan(0)
    expect(before.tables.actions.length).toBe(1)
    // The trail is append-only while its programme exists: the programmes go first, taking it along.
    await env.DB.prepare('DELETE FROM programmes').run()
    for (const t of [...TABLES].reverse()) await env.DB.prepare(`DELETE FROM ${t}`).run()
    await env.DB.prepare('DELETE FROM sessions').run()
    expect((await dump(null)).tables.programmes).toEqual([])
    await env.DB.batch(insertStatements(checkDump(file)).map((sql) => env.DB.prepare(sql)))
    // Exactly, but for each publication's stamp, which the database makes anew on a restore: kept as
    // dumped, a dump whose text was changed would keep its stamp, and an isolate holding that stamp
    // would go on serving the old text (worker/cli/backup.ts `insertStatements`).
    const after = await dump(null)
    const unstamped = (d: typeof before) => ({
      ...d,
      tables: { ...d.tables, publications: d.tables.publications.map(({ stamp: _, ...row }) => row) },
    })
    expect(unstamped(after)).toEqual(unstamped(before))
    expect(before.tables.publications.length).toBeGreaterThan(0)
    after.tables.publications.forEach((row, i) => {
      expect(row.stamp).toMatch(/^[0-9a-f]{32}$/)
      expect(row.stamp).not.toBe(before.tables.publications[i]!.stamp)
    })
    // The restored dashboard reads the same as before (sessions were not restored: sign in again).
    const cookie = await signInAdmin(true)
    const res = await call(`/api/programmes/${ctx.programmeId}/dashboard?role=teammanager`, { cookie })
    expect(res.status).toBe(200)
  })

  it('dumps one programme without the others', async () => {
    const one = await dump(ctx.programmeId)
    expect(one.tables.programmes.map((p) => p.id)).toEqual([ctx.programmeId])
    expect(one.tables.partners.every((p) => p.programme_id === ctx.programmeId)).toBe(true)
    expect(JSON.stringify(one)).not.toContain(other)
    expect(one.tables.actions.map((a) => a.programme_id)).toEqual([ctx.programmeId])
  })

  it('dumps every table of the schema but sessions and one-time password links', async () => {
    // A table added by a later migration and forgotten here would be lost by export and import.
    const { results } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
    ).all<{ name: string }>()
    const left = results.map((r) => r.name).filter((t) => !(TABLES as readonly string[]).includes(t))
    expect(left.sort()).toEqual(['password_links', 'sessions'])
  })

  it('reads a dump from before the publication tables and the audit trail, which has none of their rows', () => {
    const old = {
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      tables: Object.fromEntries(
        TABLES.filter(
          (t) =>
            t !== 'publications' && t !== 'wave_changes' && t !== 'audit' && t !== 'pool_moments' && t !== 'actions',
        ).map((t) => [t, []]),
      ),
    }
    expect(checkDump(old).tables.publications).toEqual([])
    expect(checkDump(old).tables.audit).toEqual([])
    expect(checkDump(old).tables.pool_moments).toEqual([])
    expect(checkDump(old).tables.actions).toEqual([])
  })

  it('restores the partners of a dump from before the name key with keys, two that read alike both', async () => {
    const old = checkDump({
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      tables: {
        ...Object.fromEntries(TABLES.map((t) => [t, []])),
        programmes: [{ id: 'p-old', name: 'Oud', retention_days: 90, created_at: '2026-01-01T00:00:00.000Z' }],
        partners: ['Politie Midden', 'politie  midden', 'UWV'].map((name, i) => ({
          id: `pa-old-${i}`,
          programme_id: 'p-old',
          name,
          headcount: null,
        })),
      },
    })
    await env.DB.batch(insertStatements(old).map((sql) => env.DB.prepare(sql)))
    const { results } = await env.DB.prepare(
      "SELECT id, name_key FROM partners WHERE programme_id = 'p-old' ORDER BY id",
    ).all()
    expect(results).toEqual([
      { id: 'pa-old-0', name_key: 'politie midden' },
      { id: 'pa-old-1', name_key: 'politie midden #pa-old-1' },
      { id: 'pa-old-2', name_key: 'uwv' },
    ])
  })

  it('refuses a file that is not a dump of this version', () => {
    expect(() => checkDump({ format: 'other' })).toThrow(/not a Ketenradar dump/)
    expect(() => checkDump({ format: DUMP_FORMAT, version: 99, tables: {} })).toThrow(/version 99/)
  })
})
