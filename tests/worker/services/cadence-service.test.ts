import { randomToken, sha256Hex } from '../../../worker/db/ids.ts'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { listWaves, type Wave } from '../../../worker/db/waves.ts'
import { waveState } from '../../../worker/domain/wave-lifecycle.ts'
import { call, postJson, signInAdmin, runCron } from '../helpers.ts'
import { momentOfDay } from '../../../schema/format.ts'

/** Periodic re-assessment (worker/services/cadence-service.ts): the Cron Trigger opens waves on a programme's cadence, once, even when late. */

/** The start of a day in Amsterdam, as the setup page sets the cadence's next opening (schema/format.ts). */
const start = (day: string) => momentOfDay(day, false)
const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR
let admin: string

/** A programme with two partners and a cadence of a wave every `months` months, open `days` days. */
async function programmeWithCadence(months: number, days: number, next: string) {
  const { id } = await postJson('/api/programmes', { name: `Cadans ${crypto.randomUUID().slice(0, 8)}` }, admin)
  // UWV has every role counted; Gemeente Zwolle only its staff: its managers get no link (they could not answer).
  await postJson(
    `/api/programmes/${id}/partners`,
    { name: 'UWV', headcount: 50, headcounts: { teammanager: 5, tactisch: 5 } },
    admin,
  )
  await postJson(`/api/programmes/${id}/partners`, { name: 'Gemeente Zwolle', headcount: 30 }, admin)
  const res = await call(`/api/programmes/${id}`, {
    method: 'PATCH',
    json: { cadenceMonths: months, cadenceOpenDays: days, nextWaveAt: next },
    cookie: admin,
  })
  expect(res.status).toBe(200)
  return id
}
const waves = (pid: string) => listWaves(env.DB, pid)

beforeAll(async () => {
  admin = await signInAdmin()
})

describe('scheduled(): opening waves on the cadence', () => {
  it('across a year of runs (hourly around each opening and closing, every 6 hours near them and the clock changes, every 30 hours elsewhere, some retried) opens exactly the two expected waves, each open exactly in its period', async () => {
    // At midnight in Amsterdam: 23:00 UTC in January, 22:00 UTC in July (summer time).
    const pid = await programmeWithCadence(6, 21, start('2027-01-04'))
    const first = Date.parse('2027-01-01T00:17:00Z')
    const expectedOpen = (t: number) =>
      (t >= Date.parse(start('2027-01-04')) && t < Date.parse(start('2027-01-25'))) ||
      (t >= Date.parse(start('2027-07-04')) && t < Date.parse(start('2027-07-25')))
    const wrong: string[] = []
    const openings = [Date.parse(start('2027-01-04')), Date.parse(start('2027-07-04'))]
    const closings = [Date.parse(start('2027-01-25')), Date.parse(start('2027-07-25'))]
    // The year's two clock changes in Amsterdam (the last Sundays of March and October, 01:00 UTC).
    const clockChanges = [Date.parse('2027-03-28T01:00:00Z'), Date.parse('2027-10-31T01:00:00Z')]
    const near = (t: number, moments: number[], span: number) => moments.some((m) => Math.abs(t - m) < span)
    // The runs of a year, as few as still find a wave opened or closed a run too early or late: a
    // step of 30 hours meets each quarter of the day in turn (00:17, 06:17, 12:17, 18:17 UTC); every
    // 6 hours within two days of an opening, a closing or a clock change; and every hour, as the
    // Cron Trigger runs (wrangler.toml), within 6 hours of an opening or a closing. Walking every 6
    // hours all year (1,850 runs) took 30 s of CI and found nothing these runs would miss.
    const boundaries = [...openings, ...closings]
    const runs = new Set<number>()
    for (let t = first; t < first + 365 * DAY; t += 6 * HOUR) {
      if ((t - first) % (30 * HOUR) === 0 || near(t, [...boundaries, ...clockChanges], 2 * DAY)) runs.add(t)
    }
    for (const b of boundaries) {
      for (let t = b - 6 * HOUR + 17 * 60_000; t < b + 6 * HOUR; t += HOUR) runs.add(t)
    }
    // A retried or overlapping trigger must change nothing: a run is repeated every fourth step of
    // the sparse walk and at every run in the two days after each opening (where a second wave
    // could be made).
    const repeated = (t: number) =>
      (t - first) % (4 * 30 * HOUR) === 0 || openings.some((o) => t >= o && t < o + 2 * DAY)
    for (const t of [...runs].sort((a, b) => a - b)) {
      await runCron(t)
      if (repeated(t)) await runCron(t)
      const open = (await waves(pid)).filter((w: Wave) => waveState(w, new Date(t)) === 'open')
      if (open.length !== (expectedOpen(t) ? 1 : 0)) wrong.push(`${new Date(t).toISOString()}: ${open.length} open`)
    }
    // The walk holds the runs it means to: the sparse steps and the hours around each boundary.
    expect(runs.size).toBeGreaterThan(400)
    expect(wrong).toEqual([])
    const all = await waves(pid)
    expect(all.map((w) => [w.label, w.opensAt, w.closesAt, w.instrument])).toEqual([
      ['2027-01', '2027-01-03T23:00:00.000Z', '2027-01-24T23:00:00.000Z', 'coachende-manager'],
      ['2027-07', '2027-07-03T22:00:00.000Z', '2027-07-24T22:00:00.000Z', 'coachende-manager'],
    ])
    const programme = await env.DB.prepare('SELECT next_wave_at FROM programmes WHERE id = ?1')
      .bind(pid)
      .first<{ next_wave_at: string }>()
    expect(programme!.next_wave_at).toBe('2028-01-03T23:00:00.000Z')
  }, 300_000) // about 500 Cron runs on real D1: a minute on a loaded machine, a correctness test, not a timed one

  it('makes a sealed link for every partner and role, revealed once to the lead, never stored in the clear', async () => {
    const pid = await programmeWithCadence(3, 14, '2027-02-01T00:00:00Z')
    await runCron(Date.parse('2027-02-01T00:17:00Z'))
    const [wave] = await waves(pid)
    const rows = await env.DB.prepare('SELECT token_hash, sealed FROM links WHERE wave_id = ?1')
      .bind(wave!.id)
      .all<{ token_hash: string; sealed: string }>()
    expect(rows.results).toHaveLength(4)
    const res = await call(`/api/waves/${wave!.id}/link-set`, { method: 'POST', json: {}, cookie: admin })
    expect(res.status).toBe(201)
    const body = (await res.json()) as {
      links: { url: string; role: string }[]
      skipped: { role: string; code: string; reason: string }[]
    }
    const links = body.links
    expect(links.map((l) => l.role).sort()).toEqual(['medewerker', 'medewerker', 'tactisch', 'teammanager'])
    expect(body.skipped.map((s) => `${s.role}: ${s.code}`).sort()).toEqual([
      'tactisch: headcount-needed',
      'teammanager: headcount-needed',
    ])
    // The reason says what to do, in the reader's language: English unless the reader asks for Dutch.
    for (const s of body.skipped) expect(s.reason).toMatch(/^Enter how many people ".+" has in this role first/)
    for (const link of links) {
      const token = new URL(link.url).pathname.split('/').pop()!
      for (const row of rows.results) expect(row.sealed).not.toContain(token)
      // The wave opens in 2027: the link names it (410 "not open yet"), it is not unknown (404).
      expect((await call(`/api/s/${token}`)).status).toBe(410)
    }
    expect(
      (await env.DB.prepare('SELECT count(*) AS n FROM links WHERE wave_id = ?1 AND sealed IS NOT NULL')
        .bind(wave!.id)
        .first<{ n: number }>())!.n,
    ).toBe(0)
    // The trail: the cadence opened the wave, and the lead was shown each prepared link.
    const trail = await env.DB.prepare(
      "SELECT actor, action FROM audit WHERE programme_id = ?1 AND action IN ('wave.created', 'link.revealed') ORDER BY seq",
    )
      .bind(pid)
      .all<{ actor: string; action: string }>()
    expect(trail.results.map((e) => `${e.actor} ${e.action}`)).toEqual([
      'cadence wave.created',
      ...Array(rows.results.length).fill(`${env.ADMIN_EMAIL} link.revealed`),
    ])
    // Shown once: asking again makes and reveals nothing. Asked in Dutch, the reasons are Dutch.
    const again = await call(`/api/waves/${wave!.id}/link-set`, {
      method: 'POST',
      json: {},
      cookie: admin,
      headers: { 'accept-language': 'nl' },
    })
    const second = (await again.json()) as typeof body
    expect(second.links).toEqual([])
    expect(second.skipped).toHaveLength(2)
    for (const s of second.skipped) expect(s.reason).toMatch(/^Vul eerst in hoeveel mensen ".+" in deze rol heeft/)
    // A link of a group without a headcount, made before headcounts were required, says so kindly.
    const zwolle = (await env.DB.prepare("SELECT id FROM partners WHERE programme_id = ?1 AND name = 'Gemeente Zwolle'")
      .bind(pid)
      .first<{ id: string }>())!.id
    const legacy = randomToken()
    await env.DB.prepare("INSERT INTO links (token_hash, wave_id, partner_id, role) VALUES (?1, ?2, ?3, 'teammanager')")
      .bind(await sha256Hex(legacy), wave!.id, zwolle)
      .run()
    await env.DB.prepare("UPDATE waves SET opens_at = '2026-01-01T00:00:00.000Z' WHERE id = ?1").bind(wave!.id).run()
    const uncounted = await call(`/api/s/${legacy}`)
    expect(uncounted.status).toBe(409)
    expect(((await uncounted.json()) as { code: string }).code).toBe('group-uncounted')
  })

  it("makes no link for a group whose headcount is below k, as the setup page's links for every group", async () => {
    const pid = await programmeWithCadence(3, 14, '2027-05-01T00:00:00Z')
    const uwv = (await env.DB.prepare("SELECT id FROM partners WHERE programme_id = ?1 AND name = 'UWV'")
      .bind(pid)
      .first<{ id: string }>())!.id
    await call(`/api/programmes/${pid}/partners/${uwv}`, {
      method: 'PATCH',
      json: { headcounts: { tactisch: 3 } },
      cookie: admin,
    })
    await runCron(Date.parse('2027-05-01T00:17:00Z'))
    const [wave] = await waves(pid)
    const roles = await env.DB.prepare(
      'SELECT p.name, l.role FROM links l JOIN partners p ON p.id = l.partner_id WHERE l.wave_id = ?1',
    )
      .bind(wave!.id)
      .all<{ name: string; role: string }>()
    // UWV's 3 tactical managers could never be shown (k = 5): no link is prepared for them.
    expect(roles.results.map((r) => `${r.name} ${r.role}`).sort()).toEqual([
      'Gemeente Zwolle medewerker',
      'UWV medewerker',
      'UWV teammanager',
    ])
  })

  it('opens a wave once when the trigger runs late within its period, and none when the period has passed', async () => {
    const late = await programmeWithCadence(6, 21, start('2027-01-04'))
    await runCron(Date.parse('2027-01-10T12:17:00Z'))
    await runCron(Date.parse('2027-01-10T13:17:00Z'))
    expect((await waves(late)).map((w) => w.opensAt)).toEqual([start('2027-01-04')])

    const missed = await programmeWithCadence(6, 21, start('2027-01-04'))
    await runCron(Date.parse('2027-03-01T00:17:00Z'))
    expect(await waves(missed)).toEqual([])
    const next = await env.DB.prepare('SELECT next_wave_at FROM programmes WHERE id = ?1')
      .bind(missed)
      .first<{ next_wave_at: string }>()
    expect(next!.next_wave_at).toBe(start('2027-07-04'))
  })

  it('leaves a period alone when the lead already made a wave for it, and follows a skipped or moved date', async () => {
    const pid = await programmeWithCadence(6, 21, start('2027-01-04'))
    await postJson(
      `/api/programmes/${pid}/waves`,
      {
        label: 'Handmatig',
        instrument: 'coachende-manager',
        opensAt: start('2027-01-01'),
        closesAt: start('2027-01-20'),
      },
      admin,
    )
    await runCron(Date.parse('2027-01-04T00:17:00Z'))
    expect((await waves(pid)).map((w) => w.label)).toEqual(['Handmatig'])
    // The lead moves the next wave two weeks later.
    await call(`/api/programmes/${pid}`, {
      method: 'PATCH',
      json: { nextWaveAt: start('2027-07-18') },
      cookie: admin,
    })
    await runCron(Date.parse('2027-07-04T00:17:00Z'))
    expect(await waves(pid)).toHaveLength(1)
    await runCron(Date.parse('2027-07-18T00:17:00Z'))
    expect((await waves(pid)).map((w) => w.opensAt)).toEqual([start('2027-01-01'), start('2027-07-18')])
  })
})
