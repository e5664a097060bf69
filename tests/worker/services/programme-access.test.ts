import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { createWave, type Wave } from '../../../worker/db/waves.ts'
import type { User } from '../../../worker/db/users.ts'
import {
  accessTo,
  requireProgramme,
  requireWaveToLead,
  visibleProgrammes,
} from '../../../worker/services/programme-access.ts'
import { account, inDays, member, programmeWith } from './d1-fixtures.ts'

/**
 * The one access check (worker/services/programme-access.ts) on real rows: who sees a programme,
 * who leads it, which partner a viewer is held to, and that unknown and hidden look the same.
 */

let led: Awaited<ReturnType<typeof programmeWith>>
let viewed: Awaited<ReturnType<typeof programmeWith>>
let pendingOne: Awaited<ReturnType<typeof programmeWith>>
let strange: Awaited<ReturnType<typeof programmeWith>>
let legacy: Awaited<ReturnType<typeof programmeWith>>
let wave: Wave
let strangeWave: Wave
let admin: User
let lead: User

beforeAll(async () => {
  const tag = crypto.randomUUID().slice(0, 6)
  // Named so that the list's order (by name) is known.
  led = await programmeWith(['UWV'], `A ${tag}`)
  viewed = await programmeWith(['UWV', 'SVB'], `B ${tag}`)
  pendingOne = await programmeWith(['UWV'], `C ${tag}`)
  strange = await programmeWith(['UWV'], `D ${tag}`)
  legacy = await programmeWith(['UWV'], `E ${tag}`)
  admin = await account('admin')
  // A lead account: its own role counts only where a membership has none (rows from before roles were per programme).
  lead = await account('lead')
  await member(lead, led.programme.id, { role: 'lead' })
  await member(lead, viewed.programme.id, { role: 'viewer', partnerId: viewed.partners[1]!.id })
  await member(lead, pendingOne.programme.id, { role: 'lead', pending: true })
  await member(lead, legacy.programme.id, { role: null })
  const dates = { instrument: 'coachende-manager', instrumentVersion: 1, opensAt: inDays(5), closesAt: inDays(20) }
  wave = await createWave(env.DB, { programmeId: viewed.programme.id, label: 'W', minGroupSize: 5, ...dates })
  strangeWave = await createWave(env.DB, { programmeId: strange.programme.id, label: 'W', minGroupSize: 5, ...dates })
})

describe('accessTo', () => {
  it('gives an administrator every programme to lead, with no partner limit, and the measurement quality', async () => {
    const access = await accessTo(env.DB, admin, strange.programme.id)
    expect(access).toEqual({ programme: strange.programme, partnerId: null, canLead: true, readsQuality: true })
  })

  it("gives a member what their membership says: lead, a viewer's one partner, the account's own role on an old row", async () => {
    // A lead, not an administrator, does not read the measurement quality (tests/worker/anonymity/fake-partners.test.ts).
    expect(await accessTo(env.DB, lead, led.programme.id)).toMatchObject({
      canLead: true,
      partnerId: null,
      readsQuality: false,
    })
    expect(await accessTo(env.DB, lead, viewed.programme.id)).toMatchObject({
      canLead: false,
      partnerId: viewed.partners[1]!.id,
    })
    expect(await accessTo(env.DB, lead, legacy.programme.id)).toMatchObject({ canLead: true, partnerId: null })
  })

  it('gives nothing for a pending membership, no membership or a programme that does not exist', async () => {
    expect(await accessTo(env.DB, lead, pendingOne.programme.id)).toBeNull()
    expect(await accessTo(env.DB, lead, strange.programme.id)).toBeNull()
    expect(await accessTo(env.DB, lead, crypto.randomUUID())).toBeNull()
    expect(await accessTo(env.DB, admin, crypto.randomUUID())).toBeNull()
  })
})

describe('requireProgramme', () => {
  it('refuses an unknown and a hidden programme alike, and a viewer who would lead', async () => {
    const unknown = crypto.randomUUID()
    await expect(requireProgramme(env.DB, lead, unknown, 'read', '/r')).rejects.toMatchObject({
      code: 'programme-not-found',
      params: { programmeId: unknown },
    })
    await expect(requireProgramme(env.DB, lead, strange.programme.id, 'read', '/r')).rejects.toMatchObject({
      code: 'programme-not-found',
    })
    await expect(requireProgramme(env.DB, lead, viewed.programme.id, 'lead', '/r')).rejects.toMatchObject({
      code: 'lead-only',
    })
    expect((await requireProgramme(env.DB, lead, viewed.programme.id, 'read', '/r')).programme).toEqual(
      viewed.programme,
    )
    expect((await requireProgramme(env.DB, lead, led.programme.id, 'lead', '/r')).canLead).toBe(true)
  })
})

describe('requireWaveToLead', () => {
  it('gives the wave to whoever leads its programme, refuses a viewer, and hides an unknown or strange wave', async () => {
    expect(await requireWaveToLead(env.DB, admin, wave.id, '/w')).toEqual(wave)
    await expect(requireWaveToLead(env.DB, lead, wave.id, '/w')).rejects.toMatchObject({ code: 'wave-lead-only' })
    await expect(requireWaveToLead(env.DB, lead, strangeWave.id, '/w')).rejects.toMatchObject({
      code: 'wave-not-found',
    })
    await expect(requireWaveToLead(env.DB, lead, crypto.randomUUID(), '/w')).rejects.toMatchObject({
      code: 'wave-not-found',
    })
  })
})

describe('visibleProgrammes', () => {
  it('lists by name what accessTo would give, each with whether it may be led', async () => {
    const list = await visibleProgrammes(env.DB, lead)
    expect(list.map((p) => [p.id, p.canLead])).toEqual([
      [led.programme.id, true],
      [viewed.programme.id, false],
      [legacy.programme.id, true],
    ])
    expect(list[0]).toEqual({ ...led.programme, canLead: true })
    for (const p of list) expect((await accessTo(env.DB, lead, p.id))?.canLead).toBe(p.canLead)
  })

  it('lists every programme for an administrator, each to lead', async () => {
    const list = await visibleProgrammes(env.DB, admin)
    for (const p of [led, viewed, pendingOne, strange, legacy])
      expect(list).toContainEqual({ ...p.programme, canLead: true })
    const names = list.map((p) => p.name)
    expect(names).toEqual([...names].sort())
  })

  it('lists nothing for an account without accepted memberships', async () => {
    const nobody = await account('viewer')
    await member(nobody, led.programme.id, { role: 'viewer', pending: true })
    expect(await visibleProgrammes(env.DB, nobody)).toEqual([])
  })
})
