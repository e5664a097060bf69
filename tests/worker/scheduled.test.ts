import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { rng, simulateAnswers } from '../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../worker/services/instrument-catalogue.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin, runCron } from './helpers.ts'
import { momentOfDay } from '../../schema/format.ts'

const day = 24 * 60 * 60 * 1000
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let closesAt: number

const count = async () =>
  (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE wave_id = ?1')
    .bind(ctx.waveId)
    .first<{ n: number }>())!.n

beforeAll(async () => {
  const cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['UWV'])
  const ins = findInstrument('coachende-manager')!
  for (let i = 0; i < 6; i++) {
    await postJson(
      `/api/s/${ctx.links[ctx.partners[0]!.id]!.medewerker}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(i), () => 3) },
      '',
    )
  }
  closesAt = Date.now() + 20 * day
})

describe('scheduled(): retention of answer sets', () => {
  it('keeps answer sets until the retention period (90 days) after closing has passed, then deletes them once', async () => {
    await runCron(closesAt + 89 * day)
    expect(await count()).toBe(6)
    await runCron(closesAt + 90 * day + 60_000)
    expect(await count()).toBe(0)
    await runCron(closesAt + 91 * day)
    expect(await count()).toBe(0)
  })

  it('leaves the rollups, so the dashboard still shows the wave', async () => {
    const cookie = await signInAdmin()
    // The cron ran at dates in the future; in real time the wave is still open, so close it: its
    // publication is made from the rollups, which outlive the deleted answer sets.
    expect(await count()).toBe(0)
    await closeWave(cookie, ctx.waveId)
    const res = await call(`/api/programmes/${ctx.programmeId}/dashboard?wave=${ctx.waveId}`, { cookie })
    const body = (await res.json()) as { partners: { n: number | null }[] }
    expect(body.partners[0]!.n).toBe(6)
  })
})

describe('scheduled(): what a purge leaves', () => {
  // The purge overwrites each answer set before deleting it because D1 does not let the Worker
  // turn on SQLite's secure_delete; if this starts passing the PRAGMA, the purge can use it instead.
  // (That no answer bytes remain in the file is tested against wrangler dev: tests/e2e/purge.test.ts.)
  it('finds PRAGMA secure_delete refused by D1', async () => {
    await expect(env.DB.prepare('PRAGMA secure_delete = ON').run()).rejects.toThrow(/not authorized/)
    await expect(env.DB.prepare('PRAGMA secure_delete').all()).rejects.toThrow(/not authorized/)
  })
})

describe('scheduled(): retention settings of a programme', () => {
  it('deletes answer sets at closing when the lead sets retention to 0 days, and keeps the rollups', async () => {
    const cookie = await signInAdmin()
    const p = await setupProgramme(cookie, ['SVB'])
    const ins = findInstrument('coachende-manager')!
    for (let i = 0; i < 5; i++) {
      await postJson(
        `/api/s/${p.links[p.partners[0]!.id]!.teammanager}/responses`,
        { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'teammanager', rng(i), () => 4) },
        '',
      )
    }
    const patched = await call(`/api/programmes/${p.programmeId}`, {
      method: 'PATCH',
      json: { retentionDays: 0 },
      cookie,
    })
    expect(patched.status).toBe(200)
    const n = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE wave_id = ?1')
        .bind(p.waveId)
        .first<{ n: number }>())!.n
    await runCron(Date.now() + 19 * day)
    expect(await n()).toBe(5)
    await runCron(Date.now() + 20 * day + 60_000)
    expect(await n()).toBe(0)
    const rollup = await env.DB.prepare('SELECT n FROM rollups WHERE wave_id = ?1')
      .bind(p.waveId)
      .first<{ n: number }>()
    expect(rollup!.n).toBe(5)
  })

  it('counts the retention in Dutch days, whichever way the clocks changed in between', async () => {
    const cookie = await signInAdmin()
    const ins = findInstrument('coachende-manager')!
    // A wave closed at midnight in Amsterdam at the start of `closesOn`, its answers kept `days` days.
    const closedWave = async (closesOn: string, days: number) => {
      const p = await setupProgramme(cookie, ['SVB'])
      await postJson(
        `/api/s/${p.links[p.partners[0]!.id]!.teammanager}/responses`,
        { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'teammanager', rng(1), () => 4) },
        '',
      )
      expect(
        (await call(`/api/programmes/${p.programmeId}`, { method: 'PATCH', json: { retentionDays: days }, cookie }))
          .status,
      ).toBe(200)
      await env.DB.prepare('UPDATE waves SET closes_at = ?2 WHERE id = ?1')
        .bind(p.waveId, momentOfDay(closesOn, false))
        .run()
      return async () =>
        (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE wave_id = ?1')
          .bind(p.waveId)
          .first<{ n: number }>())!.n
    }
    // Closed in winter time (1 March 2027 starts at 23:00 UTC), kept 30 days: gone from the start of
    // 31 March, summer time, 22:00 UTC on the 30th, an hour before 30 × 24 hours have passed.
    const winter = await closedWave('2027-03-01', 30)
    await runCron(Date.parse('2027-03-30T21:59:00Z'))
    expect(await winter()).toBe(1)
    await runCron(Date.parse('2027-03-30T22:17:00Z'))
    expect(await winter()).toBe(0)
    // Closed in summer time (1 October 2027 starts at 22:00 UTC on 30 September), kept 60 days: kept
    // until the start of 30 November, winter time, 23:00 UTC on the 29th, an hour after 60 × 24 hours.
    const summer = await closedWave('2027-10-01', 60)
    await runCron(Date.parse('2027-11-29T22:17:00Z'))
    expect(await summer()).toBe(1)
    await runCron(Date.parse('2027-11-29T23:17:00Z'))
    expect(await summer()).toBe(0)
  })

  it("deletes whole waves older than the programme's wave retention in years, rollups and links with them", async () => {
    const cookie = await signInAdmin()
    const p = await setupProgramme(cookie, ['UWV'])
    expect(
      (await call(`/api/programmes/${p.programmeId}`, { method: 'PATCH', json: { waveRetentionYears: 2 }, cookie }))
        .status,
    ).toBe(200)
    await postJson(
      `/api/s/${p.links[p.partners[0]!.id]!.medewerker}/responses`,
      {
        id: crypto.randomUUID(),
        answers: simulateAnswers(findInstrument('coachende-manager')!, 'medewerker', rng(1), () => 3),
      },
      '',
    )
    const rows = async () =>
      (await env.DB.prepare(
        'SELECT (SELECT count(*) FROM waves WHERE id = ?1) + (SELECT count(*) FROM rollups WHERE wave_id = ?1) + (SELECT count(*) FROM links WHERE wave_id = ?1) AS n',
      )
        .bind(p.waveId)
        .first<{ n: number }>())!.n
    expect(await rows()).toBe(1 + 1 + 3)
    await runCron(Date.now() + 20 * day + 700 * day)
    expect(await rows()).toBe(5)
    await runCron(Date.now() + 20 * day + 732 * day)
    expect(await rows()).toBe(0)
    // The wave's pooled moments go with it (schema/migrations/0008_pool_moments.sql cascades from the wave).
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM pool_moments WHERE wave_id = ?1')
        .bind(p.waveId)
        .first<{ n: number }>())!.n,
    ).toBe(0)
  })

  it('refuses a negative retention or a fraction of a year', async () => {
    const cookie = await signInAdmin()
    expect(
      (await call(`/api/programmes/${ctx.programmeId}`, { method: 'PATCH', json: { retentionDays: -1 }, cookie }))
        .status,
    ).toBe(400)
    expect(
      (await call(`/api/programmes/${ctx.programmeId}`, { method: 'PATCH', json: { waveRetentionYears: 1.5 }, cookie }))
        .status,
    ).toBe(400)
  })
})
