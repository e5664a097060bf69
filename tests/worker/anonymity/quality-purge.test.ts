import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { purgeExpiredAnswers } from '../../../worker/db/retention.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { addWave, closeWave, postJson, runCron, signInAdmin } from '../helpers.ts'
import { ins, req } from './adversary.ts'

/**
 * The quality view after the purge (a hostile reader's review): its pool over the cells
 * shown whole was made at its first read, and only where the wave's own pool held more than the
 * shown cells, so a reader who set the retention to 0 days and read the view only after the purge
 * saw 'hidden-groups' where a hidden group had answered and the view where none had, which every
 * published figure says alike ("fewer than k"). Now the pool is always made over the cells shown
 * whole, and the scheduled run makes it before it purges (worker/scheduled.ts).
 */

let admin: string
beforeAll(async () => {
  admin = await signInAdmin()
})

/** Four partners of 25 shown, and E, hidden, with `hidden` answer sets; retention 0 days. */
async function twin(hidden: number) {
  const { id: programmeId } = await postJson('/api/programmes', { name: 'Tweeling' }, admin)
  const ids: string[] = []
  for (const name of ['A', 'B', 'C', 'D', 'E'])
    ids.push((await postJson(`/api/programmes/${programmeId}/partners`, { name, headcount: 200 }, admin)).id)
  const patch = await req(`/api/programmes/${programmeId}`, {
    method: 'PATCH',
    json: { retentionDays: 0 },
    cookie: admin,
  })
  expect(patch.status).toBe(200)
  const waveId = await addWave(admin, programmeId)
  const random = rng(41)
  for (const [i, count] of [25, 25, 25, 25, hidden].entries()) {
    const { token } = await postJson<{ token: string }>(
      `/api/waves/${waveId}/links`,
      { partnerId: ids[i], role: 'medewerker' },
      admin,
    )
    for (let j = 0; j < count; j++) {
      const answers = simulateAnswers(ins, 'medewerker', random, () => 2 + i * 0.6 + random())
      const r = await req(`/api/s/${token}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers } })
      expect(r.status).toBe(201)
    }
  }
  await closeWave(admin, waveId)
  /** The quality view as its reader gets it, the twin's own ids aside. */
  const quality = async () => {
    const res = await req(`/api/programmes/${programmeId}/quality?wave=${waveId}&role=medewerker`, { cookie: admin })
    return `${res.status} ${(await res.text()).replaceAll(waveId, 'W').replaceAll(programmeId, 'P')}`
  }
  return quality
}

describe('the quality view read only after the purge', () => {
  it("reads the same whether or not a hidden group answered, and is still shown after the scheduled run's purge", async () => {
    const none = await twin(0)
    const two = await twin(2)
    // The scheduled run, a second after the closing: it keeps the pools, then purges.
    await runCron(Date.now() + 1000)
    expect((await env.DB.prepare('SELECT COUNT(*) AS n FROM responses').first<{ n: number }>())!.n).toBe(0)
    const a = await none()
    expect(a).toMatch(/^200 \{"shown":true/)
    expect(await two()).toBe(a)
  }, 120_000)

  it('and, purged without the pools kept first, is refused alike in both twins', async () => {
    const none = await twin(0)
    const two = await twin(2)
    await purgeExpiredAnswers(env.DB, new Date(Date.now() + 1000))
    const a = await none()
    expect(a).toContain('"because":"hidden-groups"')
    expect(await two()).toBe(a)
  }, 120_000)
})
