import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { User } from '../../../worker/db/users.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument, listInstruments } from '../../../worker/services/instrument-catalogue.ts'
import { linkFor } from '../../../worker/services/link-service.ts'
import { publishClosedWaves } from '../../../worker/services/publication-service.ts'
import { submitResponse } from '../../../worker/services/response-service.ts'
import { setupOf } from '../../../worker/services/setup-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, programmeWith, waveBody } from './d1-fixtures.ts'

/**
 * What the setup page is given of a programme (worker/services/setup-service.ts), and the Cron
 * Trigger's publication of closed waves (worker/services/publication-service.ts), on real rows.
 */

const K = 5
let lead: User
const opts = (extra: Partial<Parameters<typeof setupOf>[2]> = {}) => ({
  auditPage: 1,
  minGroupSize: K,
  userId: lead.id,
  passwords: true,
  lang: 'en' as const,
  ...extra,
})

beforeAll(async () => {
  lead = await account('admin')
})

describe('setupOf', () => {
  it("shows the open wave's links and participation unless another wave is asked for, and the catalogue", async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const open = await planWave(env.DB, programme, waveBody('Nu', inDays(-1), inDays(10)), K, actorOf(lead))
    const later = await planWave(env.DB, programme, waveBody('Later', inDays(20), inDays(30)), K, actorOf(lead))
    await linkFor(env.DB, open, { partnerId: partners[0]!.id, role: 'medewerker' }, actorOf(lead))
    const setup = await setupOf(env.DB, programme, opts())
    expect(setup.waves.map((w) => [w.label, w.state])).toEqual([
      ['Nu', 'open'],
      ['Later', 'planned'],
    ])
    expect(setup.linkWave?.id).toBe(open.id)
    expect(setup.links).toHaveLength(1)
    expect(setup.participation?.partners.map((p) => p.roles.medewerker.status)).toEqual(['none', 'none'])
    expect(setup.questions.medewerker).toBeGreaterThan(0)
    expect(setup.instruments.length).toBe(listInstruments().flatMap((i) => i.versions).length)
    expect(setup.trail).toMatchObject({ page: 1 })
    expect(setup.trail.entries.length).toBeGreaterThan(0)
    const asked = await setupOf(env.DB, programme, opts({ linkWaveId: later.id }))
    expect(asked.linkWave?.id).toBe(later.id)
    expect(asked.links).toEqual([])
    expect(asked.participation).toBeNull()
  })

  it('shows the latest wave when none is open, and no wave for a programme without one', async () => {
    const { programme } = await programmeWith(['UWV'])
    expect((await setupOf(env.DB, programme, opts())).linkWave).toBeNull()
    await planWave(env.DB, programme, waveBody('Eerste', inDays(5), inDays(10)), K, actorOf(lead))
    await planWave(env.DB, programme, waveBody('Tweede', inDays(20), inDays(30)), K, actorOf(lead))
    expect((await setupOf(env.DB, programme, opts({ linkWaveId: 'no-such-wave' }))).linkWave?.label).toBe('Tweede')
  })
})

describe('publishClosedWaves', () => {
  it('publishes each wave that has closed once, whether or not anyone read it', async () => {
    const { programme, partners } = await programmeWith(['UWV'])
    const wave = await planWave(env.DB, programme, waveBody('Dicht', inDays(-2), inDays(10)), K, actorOf(lead))
    const link = await linkFor(env.DB, wave, { partnerId: partners[0]!.id, role: 'medewerker' }, actorOf(lead))
    const ins = findInstrument('coachende-manager')!
    for (let i = 0; i < K; i++)
      await submitResponse(
        env.DB,
        link.token,
        { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(i + 1), () => 3) },
        async () => null,
      )
    const published = () =>
      env.DB.prepare('SELECT COUNT(*) AS n FROM publications WHERE wave_id = ?1').bind(wave.id).first<{ n: number }>()
    // Still open: nothing to publish.
    await publishClosedWaves(env.DB, K, new Date())
    expect((await published())?.n).toBe(0)
    // Closed yesterday (moved in D1: publication asks D1's clock whether a wave has closed).
    await env.DB.prepare('UPDATE waves SET opens_at = ?1, closes_at = ?2 WHERE id = ?3')
      .bind(inDays(-10), inDays(-1), wave.id)
      .run()
    expect(await publishClosedWaves(env.DB, K, new Date())).toBeGreaterThanOrEqual(1)
    expect((await published())?.n).toBe(1)
    expect(await publishClosedWaves(env.DB, K, new Date())).toBe(0)
    expect((await published())?.n).toBe(1)
  })
})
