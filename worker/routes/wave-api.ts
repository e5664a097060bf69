import { zValidator } from '@hono/zod-validator'
import type { Context, MiddlewareHandler } from 'hono'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { LinkBody, WavePatch } from '../../schema/api.ts'
import { unseal } from '../auth/seal.ts'
import { createLink, groupHadWayIn, listLinks, revokeLink, takeSealed } from '../db/links.ts'
import { listPartners, readPartner, type Partner } from '../db/programmes.ts'
import { recordWaveChange } from '../db/publications.ts'
import { takesPart } from '../services/results-service.ts'
import { changeWave, type WaveChange } from '../domain/wave-lifecycle.ts'
import { programmeAccess } from '../db/users.ts'
import { answerCount, deleteWave, listWaves, readWave, updateWave, waveState, type Wave } from '../db/waves.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { requireUser } from '../http/guards.ts'
import { refuse, type Refusal, validationHook } from '../http/problem.ts'
import { findInstrument } from '../services/instrument-catalogue.ts'
import { refuseOverlap } from './programme-api.ts'
import { forgetLinks } from './survey-api.ts'
import { audit } from '../http/audit.ts'
import { linkTarget, waveChanges, type Change } from '../domain/audit-changes.ts'

const app = newApp()
app.use('*', requireUser)

/** The wave in the path, when the signed-in user leads its programme. */
async function waveToLead(c: Context<AppEnv>): Promise<Wave> {
  const wid = c.req.param('wid') ?? ''
  const wave = await readWave(c.env.DB, wid)
  const access = wave ? await programmeAccess(c.env.DB, c.get('user'), wave.programmeId) : null
  if (!wave || !access?.canRead) throw refuse('wave-not-found', { waveId: wid.slice(0, 60) })
  if (!access.canLead) {
    // The route pattern, not the URL: no ids in logs.
    const pattern = c.req.routePath
    console.warn('permission refused', { route: pattern })
    throw refuse('wave-lead-only')
  }
  return wave
}

/** Checks who asks before what is asked: a viewer learns nothing from a 400. */
const asLead: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('wave', await waveToLead(c))
  await next()
}

const linkUrl = (c: Context<AppEnv>, token: string) => new URL(`/s/${token}`, c.req.url).toString()

/** The wave opened, closed or took answers between the decision and the write (worker/db/waves.ts). */
const changedMeanwhile = () => refuse('wave-changed')

/** Applies the wave lifecycle's verdict (worker/domain/wave-lifecycle.ts), or refuses with its reason. */
async function decide(c: Context<AppEnv>, change: WaveChange): Promise<Wave> {
  const wave = c.get('wave')
  const decision = changeWave(wave, change, { now: new Date(), answered: (await answerCount(c.env.DB, wave.id)) > 0 })
  if (!decision.ok) throw refuse(decision.refusal)
  return decision.wave
}

app.patch('/:wid', asLead, zValidator('json', WavePatch, validationHook), async (c) => {
  const wave = c.get('wave')
  const body = c.req.valid('json')
  const next = await decide(c, {
    kind: 'edit',
    label: body.label,
    opensAt: body.opensAt && new Date(body.opensAt).toISOString(),
    closesAt: body.closesAt && new Date(body.closesAt).toISOString(),
    instrumentVersion: body.instrumentVersion,
  })
  // Whether the wave may change instrument is the lifecycle's to say; whether that version exists, ours.
  if (next.instrumentVersion !== wave.instrumentVersion && !findInstrument(wave.instrument, next.instrumentVersion)) {
    throw refuse('unknown-instrument-version', { instrument: wave.instrument, version: next.instrumentVersion })
  }
  const waves = await listWaves(c.env.DB, wave.programmeId)
  if (waves.some((w) => w.id !== wave.id && w.label === next.label)) {
    throw refuse('wave-label-taken', { label: next.label })
  }
  refuseOverlap(waves, next.opensAt, next.closesAt, wave.id)
  if (!(await updateWave(c.env.DB, next, wave, waveState(wave)))) throw changedMeanwhile()
  forgetLinks()
  await audit(c, waveChanges(wave, next))
  return c.json({ ...next, state: waveState(next) })
})

/** A wave without answers that is not open can be dropped (skipped); see the wave lifecycle. */
app.delete('/:wid', asLead, async (c) => {
  const wave = await decide(c, { kind: 'delete' })
  if (!(await deleteWave(c.env.DB, wave.id))) throw changedMeanwhile()
  forgetLinks()
  await audit(c, { action: 'wave.deleted', target: wave.label })
  return c.body(null, 204)
})

app.get('/:wid/links', asLead, async (c) => c.json({ links: await listLinks(c.env.DB, c.get('wave').id) }))

/**
 * Why no link may be made for this group, or null: a closed wave takes no answers, a partner that
 * joined after the wave opened takes no part in it, and a group without a headcount has no bound
 * on the answer sets it takes (README, "Threat model").
 */
const closedForLinks = () => refuse('wave-closed-for-links')

function linkRefusal(wave: Wave, partner: Partner, role: Role): Refusal | null {
  if (waveState(wave) === 'closed') return closedForLinks()
  if (!takesPart(partner, wave)) {
    return refuse('partner-joined-later', { partner: partner.name })
  }
  if (!partner.headcounts[role]) {
    return refuse('headcount-needed', { partner: partner.name })
  }
  return null
}

/**
 * A link made while the wave is open, for a group that already had a way in (a link, or answers),
 * is recorded for every reader of the wave's results: it is how a lead would add answer sets of
 * their own. A group's first link, before anyone answered, is setting up, not a change.
 */
async function makeLink(c: Context<AppEnv>, wave: Wave, partner: Partner, role: Role) {
  const recorded = waveState(wave) === 'open' && (await groupHadWayIn(c.env.DB, wave.id, partner.id, role))
  const made = await createLink(c.env.DB, wave.id, partner.id, role)
  if (recorded) await recordWaveChange(c.env.DB, wave.id, { partnerId: partner.id, role, kind: 'link', headcountFrom: null, headcountTo: null }).run()
  return made
}

app.post('/:wid/links', asLead, zValidator('json', LinkBody, validationHook), async (c) => {
  const wave = c.get('wave')
  const { partnerId, role } = c.req.valid('json')
  const partner = await readPartner(c.env.DB, partnerId)
  if (!partner || partner.programmeId !== wave.programmeId) {
    throw refuse('unknown-wave-partner', { partnerId: partnerId.slice(0, 60) })
  }
  const refusal = linkRefusal(wave, partner, role)
  if (refusal) throw refusal
  const { id, token } = await makeLink(c, wave, partner, role)
  await audit(c, { action: 'link.made', target: linkTarget(wave, partner.name, role) })
  return c.json({ id, token, url: linkUrl(c, token) }, 201)
})

/**
 * Every partner × role that may have a link gets a working one: made now where there is none,
 * revealed where the scheduled handler made one. Each token is in this answer and nowhere else
 * afterwards. Groups that may not have one are listed with the reason.
 */
app.post('/:wid/link-set', asLead, async (c) => {
  const wave = c.get('wave')
  if (waveState(wave) === 'closed') throw closedForLinks()
  const made: { id: string; partnerId: string; role: (typeof ROLES)[number]; token: string; url: string }[] = []
  const partners = await listPartners(c.env.DB, wave.programmeId)
  const trail: Change[] = []
  for (const s of await takeSealed(c.env.DB, wave.id)) {
    const token = c.env.LINK_SECRET ? await unseal(c.env.LINK_SECRET, s.sealed) : null
    if (token) made.push({ id: s.id, partnerId: s.partnerId, role: s.role, token, url: linkUrl(c, token) })
    // A token sealed under an earlier secret cannot be shown: revoke it, a new one is made below.
    else await revokeLink(c.env.DB, wave.id, s.id)
    trail.push({ action: token ? 'link.revealed' : 'link.revoked', target: linkTarget(wave, partners.find((p) => p.id === s.partnerId)?.name, s.role) })
  }
  const active = (await listLinks(c.env.DB, wave.id)).filter((l) => !l.revoked)
  const skipped: { partnerId: string; role: Role; reason: string; code: string }[] = []
  for (const partner of partners) {
    for (const role of ROLES) {
      if (active.some((l) => l.partnerId === partner.id && l.role === role)) continue
      const refusal = linkRefusal(wave, partner, role)
      if (refusal) {
        skipped.push({ partnerId: partner.id, role, reason: refusal.title, code: refusal.code })
        continue
      }
      const { id, token } = await makeLink(c, wave, partner, role)
      made.push({ id, partnerId: partner.id, role, token, url: linkUrl(c, token) })
      trail.push({ action: 'link.made', target: linkTarget(wave, partner.name, role) })
    }
  }
  await audit(c, trail)
  return c.json({ links: made, skipped }, made.length ? 201 : 200)
})

app.delete('/:wid/links/:lid', asLead, async (c) => {
  forgetLinks()
  const link = (await listLinks(c.env.DB, c.get('wave').id)).find((l) => l.id === c.req.param('lid'))
  if (!(await revokeLink(c.env.DB, c.get('wave').id, c.req.param('lid')))) {
    throw refuse('wave-link-not-found')
  }
  await audit(c, { action: 'link.revoked', target: linkTarget(c.get('wave'), (await readPartner(c.env.DB, link!.partnerId))?.name, link!.role) })
  return c.body(null, 204)
})

export default app
