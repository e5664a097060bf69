import { env } from 'cloudflare:workers'
import { addDays, dayOf, momentOfDay } from '../../../schema/format.ts'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Programme } from '../../../worker/db/programmes.ts'
import { listWaves, readWave } from '../../../worker/db/waves.ts'
import type { User } from '../../../worker/db/users.ts'
import { revokeLink } from '../../../worker/db/links.ts'
import { linkFor, openLink } from '../../../worker/services/link-service.ts'
import { cadenceOf, checkCadence, dropWave, editWave, planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, programmeWith, trailOf, waveBody as body } from './d1-fixtures.ts'

/**
 * The wave rules that need the database (worker/services/wave-service.ts), on real rows: a wave
 * is planned with a known instrument, a label of its own and a period that overlaps no other;
 * edited and dropped as the lifecycle allows; each change in the trail; the link cache emptied.
 */

let lead: User
const K = 5

beforeAll(async () => {
  lead = await account('admin')
})

describe('planWave', () => {
  it('makes a wave of the latest instrument version, at the threshold promised now, recorded in the trail', async () => {
    const { programme } = await programmeWith()
    const wave = await planWave(env.DB, programme, body('Voorjaar', inDays(2), inDays(20)), K, actorOf(lead))
    expect(await readWave(env.DB, wave.id)).toEqual(wave)
    expect(wave).toMatchObject({ programmeId: programme.id, label: 'Voorjaar', minGroupSize: K })
    expect(wave.instrumentVersion).toBeGreaterThan(1)
    expect(await trailOf(programme.id)).toEqual([{ action: 'wave.created', target: 'Voorjaar' }])
  })

  it('refuses an unknown instrument, a label in use, dates the wrong way round and an overlap, making nothing', async () => {
    const { programme } = await programmeWith()
    await planWave(env.DB, programme, body('Eerste', inDays(2), inDays(20)), K, actorOf(lead))
    const tries: [Parameters<typeof planWave>[2], object][] = [
      [{ ...body('X', inDays(30), inDays(40)), instrument: 'geen' }, { code: 'unknown-instrument' }],
      [{ ...body('X', inDays(30), inDays(40)), instrumentVersion: 99 }, { code: 'unknown-instrument' }],
      [body('Eerste', inDays(30), inDays(40)), { code: 'wave-exists', params: { label: 'Eerste' } }],
      [body('X', inDays(40), inDays(30)), { code: 'closes-before-opens' }],
      [body('X', inDays(19), inDays(40)), { code: 'wave-overlap', params: { label: 'Eerste' } }],
    ]
    for (const [asked, refusal] of tries)
      await expect(planWave(env.DB, programme, asked, K, actorOf(lead))).rejects.toMatchObject(refusal)
    expect((await listWaves(env.DB, programme.id)).map((w) => w.label)).toEqual(['Eerste'])
    expect((await trailOf(programme.id)).length).toBe(1)
    // The day after the first closes is free.
    await planWave(env.DB, programme, body('Tweede', inDays(20), inDays(40)), K, actorOf(lead))
  })

  it('opens a new wave today after a wave opened today was closed "now", as the setup page sends its days', async () => {
    const { programme } = await programmeWith()
    const today = dayOf(new Date())
    const days = (first: number, last: number) =>
      body('', momentOfDay(addDays(today, first), false), momentOfDay(addDays(today, last), true))
    const first = await planWave(env.DB, programme, { ...days(0, 10), label: 'Eerste' }, K, actorOf(lead))
    // Closed on its opening day: "last day: yesterday" closes it now (worker/domain/wave-lifecycle.ts).
    const closed = await editWave(
      env.DB,
      first,
      { kind: 'edit', closesAt: momentOfDay(addDays(today, -1), true) },
      actorOf(lead),
    )
    expect(closed.closesAt > first.opensAt).toBe(true)
    // A new wave from today on opens when the closed one closed, not at the start of today, which it overlapped.
    const again = await planWave(env.DB, programme, { ...days(0, 20), label: 'Opnieuw' }, K, actorOf(lead))
    expect(again.opensAt).toBe(closed.closesAt)
    expect(again.closesAt).toBe(momentOfDay(addDays(today, 20), true))
    // A wave still open today is an overlap, as it was.
    await expect(
      planWave(env.DB, programme, { ...days(0, 30), label: 'Derde' }, K, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'wave-overlap', params: { label: 'Opnieuw' } })
  })
})

describe('editWave and dropWave', () => {
  it('rename a wave, refuse a label in use or an overlap, and drop a planned wave, each in the trail', async () => {
    const { programme } = await programmeWith()
    const a = await planWave(env.DB, programme, body('A', inDays(2), inDays(10)), K, actorOf(lead))
    const b = await planWave(env.DB, programme, body('B', inDays(10), inDays(20)), K, actorOf(lead))
    const renamed = await editWave(env.DB, a, { kind: 'edit', label: 'A2' }, actorOf(lead))
    expect(await readWave(env.DB, a.id)).toEqual(renamed)
    await expect(editWave(env.DB, renamed, { kind: 'edit', label: 'B' }, actorOf(lead))).rejects.toMatchObject({
      code: 'wave-label-taken',
    })
    await expect(
      editWave(env.DB, renamed, { kind: 'edit', closesAt: inDays(11) }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'wave-overlap', params: { label: 'B' } })
    await dropWave(env.DB, b, actorOf(lead))
    expect(await readWave(env.DB, b.id)).toBeNull()
    expect((await trailOf(programme.id)).map((e) => e.action)).toEqual([
      'wave.created',
      'wave.created',
      'wave.renamed',
      'wave.deleted',
    ])
  })

  it('refuse what the lifecycle refuses: an open wave is not dropped, nor given another opening date', async () => {
    const { programme } = await programmeWith()
    const open = await planWave(env.DB, programme, body('Open', inDays(-1), inDays(10)), K, actorOf(lead))
    await expect(dropWave(env.DB, open, actorOf(lead))).rejects.toMatchObject({ code: 'wave-open' })
    await expect(editWave(env.DB, open, { kind: 'edit', opensAt: inDays(1) }, actorOf(lead))).rejects.toMatchObject({
      code: 'wave-opened-dates',
    })
    expect(await readWave(env.DB, open.id)).toEqual(open)
  })

  it('refuse a wave that changed meanwhile: the write is guarded by what was read', async () => {
    const { programme } = await programmeWith()
    const wave = await planWave(env.DB, programme, body('W', inDays(2), inDays(10)), K, actorOf(lead))
    await editWave(env.DB, wave, { kind: 'edit', closesAt: inDays(12) }, actorOf(lead))
    // `wave` is now stale: its dates are not the stored ones.
    await expect(editWave(env.DB, wave, { kind: 'edit', label: 'W2' }, actorOf(lead))).rejects.toMatchObject({
      code: 'wave-changed',
    })
  })

  it("empty this isolate's link cache, so a withdrawn link is not served from it", async () => {
    const { programme, partners } = await programmeWith()
    const wave = await planWave(env.DB, programme, body('Cache', inDays(-1), inDays(10)), K, actorOf(lead))
    const link = await linkFor(env.DB, wave, { partnerId: partners[0]!.id, role: 'medewerker' }, actorOf(lead))
    await openLink(env.DB, link.token) // now cached
    // Withdrawn in D1 behind the cache's back: the cache still has it for a few seconds.
    await revokeLink(env.DB, wave.id, link.id)
    expect((await openLink(env.DB, link.token)).link.revoked).toBe(false)
    await editWave(env.DB, wave, { kind: 'edit', label: 'Cache 2' }, actorOf(lead))
    await expect(openLink(env.DB, link.token)).rejects.toMatchObject({ code: 'unknown-survey-link' })
  })
})

describe('cadenceOf and checkCadence', () => {
  const base: Programme = {
    id: 'p',
    name: 'P',
    retentionDays: 90,
    waveRetentionYears: null,
    cadenceMonths: null,
    cadenceOpenDays: null,
    nextWaveAt: null,
  }

  it('take a cadence only whole, with waves that cannot overlap', () => {
    const whole = { ...base, cadenceMonths: 6, cadenceOpenDays: 21, nextWaveAt: '2027-01-04T08:00:00.000Z' }
    expect(cadenceOf(whole)).toEqual({ months: 6, openDays: 21, next: '2027-01-04T08:00:00.000Z' })
    expect(cadenceOf({ ...whole, nextWaveAt: null })).toBeNull()
    expect(() => checkCadence(whole)).not.toThrow()
    expect(() => checkCadence(base)).not.toThrow()
    expect(() => checkCadence({ ...whole, cadenceOpenDays: 6 * 28 + 1 })).toThrow(
      expect.objectContaining({ code: 'invalid-cadence' }),
    )
    expect(() => checkCadence({ ...whole, nextWaveAt: null })).toThrow(
      expect.objectContaining({ code: 'incomplete-cadence' }),
    )
  })
})
