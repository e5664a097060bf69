import { createExecutionContext, createScheduledController } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../../worker/index.ts'
import { rng, simulateAnswers } from '../../worker/dev/simulate.ts'
import { findInstrument } from '../../worker/instruments.ts'
import { call, postJson, setupProgramme, signInAdmin } from './helpers.ts'

const day = 24 * 60 * 60 * 1000
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let closesAt: number

async function runCron(at: number) {
  await worker.scheduled(createScheduledController({ scheduledTime: new Date(at), cron: '17 * * * *' }), env, createExecutionContext())
}
const count = async () => (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE wave_id = ?1').bind(ctx.waveId).first<{ n: number }>())!.n

beforeAll(async () => {
  const cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['UWV'])
  const ins = findInstrument('coachende-manager')!
  for (let i = 0; i < 6; i++) {
    await postJson(`/api/s/${ctx.links[ctx.partners[0]!.id]!.medewerker}/responses`, { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(i), () => 3) }, '')
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
    const res = await call(`/api/programmes/${ctx.programmeId}/dashboard?wave=${ctx.waveId}`, { cookie })
    const body = (await res.json()) as { partners: { n: number | null }[] }
    expect(body.partners[0]!.n).toBe(6)
  })
})
