import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { readProgramme } from '../../../worker/db/programmes.ts'
import { accessTo } from '../../../worker/services/programme-access.ts'
import {
  changeProgramme,
  programmeView,
  requireMayCreateProgramme,
  startProgramme,
} from '../../../worker/services/programme-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, programmeWith, trailOf, waveBody } from './d1-fixtures.ts'

/**
 * A programme itself (worker/services/programme-service.ts) on real rows: who may start one and
 * then leads it, what each reader is shown of it, and its settings, the cadence taken only whole,
 * each change in the trail.
 */

describe('startProgramme', () => {
  it('lets an administrator and a lead start one, the lead then leading it, and refuses a viewer', async () => {
    const lead = await account('lead')
    const started = await startProgramme(env.DB, lead, 'Keten Zuid')
    expect(await readProgramme(env.DB, started.id)).toMatchObject({ name: 'Keten Zuid' })
    expect(await accessTo(env.DB, lead, started.id)).toMatchObject({ canLead: true, partnerId: null })
    expect(await trailOf(started.id)).toEqual([{ action: 'programme.created', target: 'Keten Zuid' }])
    const admin = await account('admin')
    await startProgramme(env.DB, admin, 'Keten Noord')
    const viewer = await account('viewer')
    expect(() => requireMayCreateProgramme(viewer)).toThrow(
      expect.objectContaining({ code: 'create-programme-not-allowed' }),
    )
    await expect(startProgramme(env.DB, viewer, 'Keten West')).rejects.toMatchObject({
      code: 'create-programme-not-allowed',
    })
  })
})

describe('programmeView', () => {
  it("shows every partner to a lead and only their own to a limited viewer, with the waves' states", async () => {
    const { programme, partners } = await programmeWith(['UWV', 'SVB'])
    const admin = await account('admin')
    await planWave(env.DB, programme, waveBody('Nu', inDays(-1), inDays(10)), 5, actorOf(admin))
    const whole = await programmeView(env.DB, { programme, partnerId: null, canLead: true, readsQuality: false })
    expect(whole.partners.map((p) => p.name).sort()).toEqual(['SVB', 'UWV'])
    expect(whole.waves.map((w) => [w.label, w.state])).toEqual([['Nu', 'open']])
    expect(whole.comingWaves).toEqual([])
    const limited = await programmeView(env.DB, {
      programme,
      partnerId: partners[1]!.id,
      canLead: false,
      readsQuality: false,
    })
    expect(limited.partners.map((p) => p.name)).toEqual(['SVB'])
  })
})

describe('changeProgramme', () => {
  it('changes what the body names and keeps the rest, in the trail; a whole cadence gives the coming waves', async () => {
    const { programme } = await programmeWith([])
    const admin = await account('admin')
    const renamed = await changeProgramme(env.DB, programme, { name: 'Keten Oost' }, actorOf(admin))
    expect(renamed).toEqual({ ...programme, name: 'Keten Oost' })
    const next = inDays(30)
    const cadenced = await changeProgramme(
      env.DB,
      renamed,
      { cadenceMonths: 6, cadenceOpenDays: 14, nextWaveAt: next },
      actorOf(admin),
    )
    expect(await readProgramme(env.DB, programme.id)).toEqual(cadenced)
    expect(cadenced).toMatchObject({ name: 'Keten Oost', cadenceMonths: 6, cadenceOpenDays: 14 })
    const view = await programmeView(env.DB, {
      programme: cadenced,
      partnerId: null,
      canLead: true,
      readsQuality: false,
    })
    expect(view.comingWaves).toHaveLength(3)
    expect((await trailOf(programme.id)).map((e) => e.action)).toEqual(['programme.changed', 'cadence.changed'])
  })

  it('refuses a cadence with a part missing, or waves open longer than they are apart, changing nothing', async () => {
    const { programme } = await programmeWith([])
    const admin = await account('admin')
    await expect(changeProgramme(env.DB, programme, { cadenceMonths: 6 }, actorOf(admin))).rejects.toMatchObject({
      code: 'incomplete-cadence',
    })
    await expect(
      changeProgramme(
        env.DB,
        programme,
        { cadenceMonths: 1, cadenceOpenDays: 40, nextWaveAt: inDays(5) },
        actorOf(admin),
      ),
    ).rejects.toMatchObject({ code: 'invalid-cadence', params: { openDays: 40, months: 1 } })
    expect(await readProgramme(env.DB, programme.id)).toEqual(programme)
    expect(await trailOf(programme.id)).toEqual([])
  })
})
