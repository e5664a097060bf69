import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { createPartner } from '../../../worker/db/programmes.ts'
import { createWave, type Wave } from '../../../worker/db/waves.ts'
import type { User } from '../../../worker/db/users.ts'
import { listLinks } from '../../../worker/db/links.ts'
import { groupClosedFor, linkFor, linkSet, openLink, revokeWaveLink } from '../../../worker/services/link-service.ts'
import { planWave } from '../../../worker/services/wave-service.ts'
import { account, actorOf, inDays, programmeWith, trailOf } from './d1-fixtures.ts'

/**
 * Survey links (worker/services/link-service.ts) on real rows: made for a wave's groups one at a
 * time or all at once, opened by their token, withdrawn; each in the programme's trail.
 */

let lead: User
const SECRET = 'test-link-secret'

beforeAll(async () => {
  lead = await account('admin')
})

/** A programme of two partners, every role counted, with a wave open now. */
async function openWave(): Promise<{ wave: Wave; partners: { id: string; name: string }[] }> {
  const { programme, partners } = await programmeWith(['UWV', 'SVB'])
  const wave = await planWave(
    env.DB,
    programme,
    { label: 'Nu', instrument: 'coachende-manager', opensAt: inDays(-1), closesAt: inDays(10) },
    5,
    actorOf(lead),
  )
  return { wave, partners }
}

describe('linkFor and openLink', () => {
  it('make a link whose token opens the wave for its group, recorded in the trail', async () => {
    const { wave, partners } = await openWave()
    const link = await linkFor(env.DB, wave, { partnerId: partners[1]!.id, role: 'teammanager' }, actorOf(lead))
    expect(link).toMatchObject({ partnerId: partners[1]!.id, role: 'teammanager' })
    const [created, made] = await trailOf(wave.programmeId)
    expect(created!.action).toBe('wave.created')
    expect(made).toMatchObject({ action: 'link.made' })
    expect(made!.target).toContain('SVB')
    const opened = await openLink(env.DB, link.token)
    expect(opened.state).toBe('open')
    expect(opened.link).toMatchObject({
      partner: { id: partners[1]!.id, name: 'SVB' },
      role: 'teammanager',
      revoked: false,
    })
    expect(opened.link.wave.id).toBe(wave.id)
    expect(opened.instrument.version).toBe(wave.instrumentVersion)
  })

  it('refuse a partner of another programme, a group without a headcount and a token that names nothing', async () => {
    const { wave } = await openWave()
    const other = await programmeWith(['Elders'])
    await expect(
      linkFor(env.DB, wave, { partnerId: other.partners[0]!.id, role: 'medewerker' }, actorOf(lead)),
    ).rejects.toMatchObject({ code: 'unknown-wave-partner' })
    const uncounted = (await createPartner(env.DB, wave.programmeId, 'Ongeteld', {
      medewerker: 10,
      teammanager: null,
      tactisch: null,
    }))!
    // Joined after the wave began: takes no part in it, whatever its headcount.
    await expect(
      linkFor(env.DB, wave, { partnerId: uncounted.id, role: 'medewerker' }, actorOf(lead)),
    ).rejects.toMatchObject({
      code: 'partner-joined-later',
    })
    const later = await createWave(env.DB, {
      programmeId: wave.programmeId,
      label: 'Later',
      instrument: 'coachende-manager',
      instrumentVersion: wave.instrumentVersion,
      opensAt: inDays(20),
      closesAt: inDays(30),
      minGroupSize: 5,
    })
    await expect(
      linkFor(env.DB, later, { partnerId: uncounted.id, role: 'tactisch' }, actorOf(lead)),
    ).rejects.toMatchObject({
      code: 'headcount-needed',
      params: { partner: 'Ongeteld' },
    })
    for (const token of ['', 'x'.repeat(43), 'not a token'])
      await expect(openLink(env.DB, token)).rejects.toMatchObject({ code: 'unknown-survey-link' })
  })

  it('withdraw a link for good: revokeWaveLink refuses its token at once, and a link of another wave', async () => {
    const { wave, partners } = await openWave()
    const link = await linkFor(env.DB, wave, { partnerId: partners[0]!.id, role: 'medewerker' }, actorOf(lead))
    await openLink(env.DB, link.token) // cached in this isolate
    await revokeWaveLink(env.DB, wave, link.id, actorOf(lead))
    const revoked = (await trailOf(wave.programmeId)).at(-1)!
    expect(revoked.action).toBe('link.revoked')
    expect(revoked.target).toContain('UWV')
    await expect(openLink(env.DB, link.token)).rejects.toMatchObject({ code: 'unknown-survey-link' })
    const elsewhere = await openWave()
    await expect(revokeWaveLink(env.DB, elsewhere.wave, link.id, actorOf(lead))).rejects.toMatchObject({
      code: 'wave-link-not-found',
    })
  })
})

describe('linkSet', () => {
  it('gives every group a working link once; with replace, new links whose old ones stop working', async () => {
    const { wave, partners } = await openWave()
    const actions = async () => (await trailOf(wave.programmeId)).slice(1).map((t) => t.action)
    const first = await linkSet(env.DB, wave, {}, { secret: SECRET, minGroupSize: 5 }, actorOf(lead))
    expect(first.made.length).toBe(6)
    expect(first.skipped).toEqual([])
    expect(await actions()).toEqual(Array(6).fill('link.made'))
    // Asked again: every group has a link, so nothing is made.
    expect((await linkSet(env.DB, wave, {}, { secret: SECRET, minGroupSize: 5 }, actorOf(lead))).made).toEqual([])
    expect((await actions()).length).toBe(6)
    const group = { partnerId: partners[0]!.id, role: 'tactisch' as const }
    const old = first.made.find((l) => l.partnerId === group.partnerId && l.role === group.role)!
    const replaced = await linkSet(
      env.DB,
      wave,
      { replace: true, groups: [group] },
      { secret: SECRET, minGroupSize: 5 },
      actorOf(lead),
    )
    expect(replaced.made).toEqual([expect.objectContaining(group)])
    expect((await actions()).slice(6)).toEqual(['link.revoked', 'link.made'])
    await expect(openLink(env.DB, old.token)).rejects.toMatchObject({ code: 'unknown-survey-link' })
    expect((await openLink(env.DB, replaced.made[0]!.token)).link).toMatchObject({
      partner: { id: group.partnerId },
      role: group.role,
    })
    expect((await listLinks(env.DB, wave.id)).filter((l) => !l.revoked).length).toBe(6)
  })

  it('lists the groups that may not have a link with the refusal, and refuses a closed wave or a strange partner', async () => {
    const { wave } = await openWave()
    await createPartner(env.DB, wave.programmeId, 'Nieuw', { medewerker: 10, teammanager: null, tactisch: null })
    const { made, skipped } = await linkSet(env.DB, wave, {}, { secret: SECRET, minGroupSize: 5 }, actorOf(lead))
    expect(made.length).toBe(6)
    expect(skipped.map((s) => [s.role, s.refusal.code])).toEqual([
      ['medewerker', 'partner-joined-later'],
      ['teammanager', 'partner-joined-later'],
      ['tactisch', 'partner-joined-later'],
    ])
    await expect(
      linkSet(
        env.DB,
        wave,
        { groups: [{ partnerId: crypto.randomUUID(), role: 'medewerker' }] },
        { secret: SECRET, minGroupSize: 5 },
        actorOf(lead),
      ),
    ).rejects.toMatchObject({ code: 'unknown-wave-partner' })
    const closed = { ...wave, closesAt: inDays(-0.5), opensAt: inDays(-1) }
    await expect(linkSet(env.DB, closed, {}, { secret: SECRET, minGroupSize: 5 }, actorOf(lead))).rejects.toMatchObject(
      {
        code: 'wave-closed-for-links',
      },
    )
  })
})

describe('groupClosedFor', () => {
  it('closes a group at its headcount, and one without a headcount', () => {
    expect(groupClosedFor({ headcount: 5, answered: 4 })).toBeNull()
    expect(groupClosedFor({ headcount: 5, answered: 5 })).toBe('complete')
    expect(groupClosedFor({ headcount: null, answered: 0 })).toBe('uncounted')
  })
})
