import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { User } from '../../../worker/db/users.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { linkFor } from '../../../worker/services/link-service.ts'
import { publishClosedWaves } from '../../../worker/services/publication-service.ts'
import { submitResponse } from '../../../worker/services/response-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, programmeWith, waveBody } from './d1-fixtures.ts'

/**
 * The Cron Trigger's publication of closed waves (worker/services/publication-service.ts) on real
 * rows: a wave's results are fixed once it has closed, whether or not anyone has read them.
 */

const K = 5
let lead: User

beforeAll(async () => {
  lead = await account('admin')
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
