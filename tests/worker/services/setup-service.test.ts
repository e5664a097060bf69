import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { User } from '../../../worker/db/users.ts'
import { listInstruments } from '../../../worker/services/instrument-catalogue.ts'
import { linkFor } from '../../../worker/services/link-service.ts'
import { setupOf } from '../../../worker/services/setup-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, programmeWith, waveBody } from './d1-fixtures.ts'

/**
 * What the setup page is given of a programme (worker/services/setup-service.ts), on real rows:
 * the wave whose links it shows, with participation while that wave is open, and the catalogue.
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
    expect(setup.participation?.partners.map((p) => p.roles.medewerker.status)).toEqual(['unasked', 'none'])
    expect(setup.questions.medewerker).toBeGreaterThan(0)
    expect(setup.instruments.length).toBe(listInstruments().flatMap((i) => i.versions).length)
    expect(setup.trail).toMatchObject({ page: 1 })
    expect(setup.trail.entries.length).toBeGreaterThan(0)
    const asked = await setupOf(env.DB, programme, opts({ linkWaveId: later.id }))
    expect(asked.linkWave?.id).toBe(later.id)
    expect(asked.links).toEqual([])
    expect(asked.participation).toBeNull()
  })

  it("lists a wave's links in the partner table's order, each partner's roles as the instrument orders them", async () => {
    // SQL's order put "GGD" before "Gemeente" and "tactisch" before "teammanager" (a lead's walk-through).
    const { programme, partners } = await programmeWith(['GGD Almelo', 'Gemeente Ede'])
    const open = await planWave(env.DB, programme, waveBody('Nu', inDays(-1), inDays(10)), K, actorOf(lead))
    const [ggd, ede] = partners
    for (const [p, role] of [
      [ggd, 'tactisch'],
      [ggd, 'medewerker'],
      [ede, 'teammanager'],
      [ede, 'medewerker'],
    ] as const)
      await linkFor(env.DB, open, { partnerId: p!.id, role }, actorOf(lead))
    const setup = await setupOf(env.DB, programme, opts())
    expect(setup.partners.map((p) => p.name)).toEqual(['Gemeente Ede', 'GGD Almelo'])
    const name = new Map(partners.map((p) => [p.id, p.name]))
    expect(setup.links.map((l) => `${name.get(l.partnerId)} ${l.role}`)).toEqual([
      'Gemeente Ede medewerker',
      'Gemeente Ede teammanager',
      'GGD Almelo medewerker',
      'GGD Almelo tactisch',
    ])
  })

  it('shows the latest wave when none is open, and no wave for a programme without one', async () => {
    const { programme } = await programmeWith(['UWV'])
    expect((await setupOf(env.DB, programme, opts())).linkWave).toBeNull()
    await planWave(env.DB, programme, waveBody('Eerste', inDays(5), inDays(10)), K, actorOf(lead))
    await planWave(env.DB, programme, waveBody('Tweede', inDays(20), inDays(30)), K, actorOf(lead))
    expect((await setupOf(env.DB, programme, opts({ linkWaveId: 'no-such-wave' }))).linkWave?.label).toBe('Tweede')
  })
})
