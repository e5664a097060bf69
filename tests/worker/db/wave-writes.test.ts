import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { deleteWave, readWave, updateWave } from '../../../worker/db/waves.ts'
import { call, setupProgramme, signInAdmin } from '../helpers.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'

/**
 * The lifecycle decides on the Worker's clock; the write re-checks it on D1's. These replay the
 * moment between the two: the wave closes (and is published) or takes its first answer after
 * the decision and before the write. The write must then change nothing.
 */
let cookie: string
beforeAll(async () => {
  cookie = await signInAdmin()
})

const day = 86_400_000

describe('wave writes', () => {
  it('does not reopen a wave that closed and was published after the decision to extend it', async () => {
    const ctx = await setupProgramme(cookie, ['UWV'])
    const decidedOn = (await readWave(env.DB, ctx.waveId))!
    // Meanwhile: it closes and its results are published at the first read.
    const closedAt = new Date(Date.now() - 1000).toISOString()
    await env.DB.prepare('UPDATE waves SET closes_at = ?2 WHERE id = ?1').bind(ctx.waveId, closedAt).run()
    expect((await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).status).toBe(200)
    const extended = { ...decidedOn, closesAt: new Date(Date.now() + 30 * day).toISOString() }
    // Decided while it was open, on the old closing date: no longer the wave as it is.
    expect(await updateWave(env.DB, extended, decidedOn, 'open')).toBe(false)
    // Even told the current closing date, an open-state write does not apply to a closed wave.
    expect(await updateWave(env.DB, extended, { ...decidedOn, closesAt: closedAt }, 'open')).toBe(false)
    expect((await readWave(env.DB, ctx.waveId))!.closesAt).toBe(closedAt)
    // Its label may still change.
    const closed = (await readWave(env.DB, ctx.waveId))!
    expect(await updateWave(env.DB, { ...closed, label: 'Najaar' }, closed, 'closed')).toBe(true)
  })

  it("keeps a planned wave's instrument once it has opened and taken an answer after the decision", async () => {
    const ctx = await setupProgramme(cookie, ['UWV'])
    const wave = (await readWave(env.DB, ctx.waveId))!
    const res = await call(`/api/s/${ctx.links[ctx.partners[0]!.id]!.medewerker}/responses`, {
      method: 'POST',
      json: {
        id: crypto.randomUUID(),
        answers: simulateAnswers(findInstrument('coachende-manager')!, 'medewerker', rng(3), () => 3.5),
      },
    })
    expect(res.status).toBe(201)
    // Decided as if it were still planned: refused, since it is open and holds an answer.
    expect(await updateWave(env.DB, { ...wave, instrumentVersion: 2 }, wave, 'planned')).toBe(false)
    expect(await deleteWave(env.DB, wave.id)).toBe(false)
    expect(await readWave(env.DB, wave.id)).not.toBeNull()
  })
})
