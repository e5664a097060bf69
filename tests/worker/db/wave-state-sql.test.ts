import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { DB_NOW, WAVE_CLOSED_SQL, WAVE_OPEN_SQL, WAVE_PLANNED_SQL } from '../../../worker/db/wave-state-sql.ts'
import { waveState, type WaveState } from '../../../worker/domain/wave-lifecycle.ts'

/**
 * The SQL form of a wave's state (worker/db/wave-state-sql.ts) says what `waveState`
 * (worker/domain/wave-lifecycle.ts) says, at every boundary: a millisecond before, at and after
 * the opening and the closing, for a wave of days, of one millisecond, and of none.
 */

const FRAGMENTS: Record<WaveState, typeof WAVE_OPEN_SQL> = {
  planned: WAVE_PLANNED_SQL,
  open: WAVE_OPEN_SQL,
  closed: WAVE_CLOSED_SQL,
}

/** Each fragment's verdict in D1 for a wave with these dates at `now`, with and without a table alias. */
async function sqlStates(opensAt: string, closesAt: string, now: string) {
  const pick = (alias: string | null) =>
    (Object.keys(FRAGMENTS) as WaveState[]).map((s) => `${FRAGMENTS[s](alias, '?3')} AS ${alias ?? 'bare'}_${s}`)
  const row = await env.DB.prepare(
    `SELECT ${[...pick('w'), ...pick(null)].join(', ')} FROM (SELECT ?1 AS opens_at, ?2 AS closes_at) w`,
  )
    .bind(opensAt, closesAt, now)
    .first<Record<string, number>>()
  return row!
}

const ms = (iso: string, d: number) => new Date(Date.parse(iso) + d).toISOString()

describe('WAVE_OPEN_SQL, WAVE_PLANNED_SQL, WAVE_CLOSED_SQL', () => {
  const opensAt = '2027-03-01T00:00:00.000Z'
  const waves = [
    { opensAt, closesAt: '2027-03-22T00:00:00.000Z' },
    { opensAt, closesAt: ms(opensAt, 1) },
    { opensAt, closesAt: opensAt },
  ]

  it('agree with waveState around the opening and the closing of each wave', async () => {
    const checked: string[] = []
    for (const wave of waves) {
      const times = [wave.opensAt, wave.closesAt].flatMap((t) => [-1, 0, 1].map((d) => ms(t, d)))
      for (const now of times) {
        const expected = waveState(wave, new Date(now))
        const row = await sqlStates(wave.opensAt, wave.closesAt, now)
        for (const alias of ['w', 'bare'])
          for (const state of Object.keys(FRAGMENTS) as WaveState[])
            expect(row[`${alias}_${state}`], `${state} (${alias}) at ${now} of ${JSON.stringify(wave)}`).toBe(
              state === expected ? 1 : 0,
            )
        checked.push(expected)
      }
    }
    // Every state was met, so no fragment was only ever asked for "no".
    expect(new Set(checked)).toEqual(new Set(['planned', 'open', 'closed']))
  })

  it("D1's clock (DB_NOW) is in the format waves' dates are stored in, and now", async () => {
    const before = new Date().toISOString()
    const row = await env.DB.prepare(`SELECT ${DB_NOW} AS now`).first<{ now: string }>()
    const after = new Date().toISOString()
    expect(row!.now).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/)
    // workerd's clock stands still during a request; D1's may be a little ahead of it.
    expect(Math.abs(Date.parse(row!.now) - Date.parse(before))).toBeLessThan(60_000)
    expect(Math.abs(Date.parse(row!.now) - Date.parse(after))).toBeLessThan(60_000)
  })

  it("the default clock is D1's: a wave open around now is open by it", async () => {
    const row = await env.DB.prepare(
      `SELECT ${WAVE_OPEN_SQL('w')} AS open, ${WAVE_PLANNED_SQL('w')} AS planned, ${WAVE_CLOSED_SQL('w')} AS closed
       FROM (SELECT ?1 AS opens_at, ?2 AS closes_at) w`,
    )
      .bind(new Date(Date.now() - 3_600_000).toISOString(), new Date(Date.now() + 3_600_000).toISOString())
      .first()
    expect(row).toEqual({ open: 1, planned: 0, closed: 0 })
  })
})
