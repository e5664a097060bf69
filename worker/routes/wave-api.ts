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
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { HttpError } from '../http/problem.ts'
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
  if (!wave || !access?.canRead) throw new HttpError(404, 'Wave not found', { en: `There is no wave "${wid.slice(0, 60)}" that you have access to.`, nl: `Er is geen ronde "${wid.slice(0, 60)}" waar u toegang toe heeft.` })
  if (!access.canLead) {
    // The route pattern, not the URL: no ids in logs.
    const pattern = c.req.routePath
    console.warn('permission refused', { route: pattern })
    throw new HttpError(403, 'Not allowed', { en: 'Only a lead of this programme may change its waves.', nl: 'Alleen een programmaleider van dit programma mag de rondes wijzigen.' })
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
const changedMeanwhile = () =>
  new HttpError(409, 'Wave changed meanwhile', { en: 'The wave opened, closed or received answers just now, so this change no longer applies. Reload the page to see its state and try again.', nl: 'De ronde is net geopend, gesloten of heeft net antwoorden gekregen, dus deze wijziging geldt niet meer. Laad de pagina opnieuw om haar stand te zien en probeer het nog eens.' })

/** Applies the wave lifecycle's verdict (worker/domain/wave-lifecycle.ts), or refuses with its reason. */
async function decide(c: Context<AppEnv>, change: WaveChange): Promise<Wave> {
  const wave = c.get('wave')
  const decision = changeWave(wave, change, { now: new Date(), answered: (await answerCount(c.env.DB, wave.id)) > 0 })
  if (!decision.ok) throw new HttpError(decision.refusal.status, decision.refusal.title, decision.refusal.detail)
  return decision.wave
}

app.patch('/:wid', doc({ summary: 'Change a wave; closesAt in the past closes it; the instrument only before it opens', who: 'lead', ok: '200 the wave', errors: [400, 401, 403, 404, 409] }), asLead, valid('json', WavePatch), async (c) => {
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
    throw new HttpError(400, 'Unknown instrument', { en: `There is no version ${next.instrumentVersion} of "${wave.instrument}".`, nl: `Er is geen versie ${next.instrumentVersion} van "${wave.instrument}".` })
  }
  const waves = await listWaves(c.env.DB, wave.programmeId)
  if (waves.some((w) => w.id !== wave.id && w.label === next.label)) {
    throw new HttpError(409, 'Wave exists', { en: `This programme already has a wave labelled "${next.label}". Choose another label.`, nl: `Dit programma heeft al een ronde met de naam "${next.label}". Kies een andere naam.` })
  }
  refuseOverlap(waves, next.opensAt, next.closesAt, wave.id)
  if (!(await updateWave(c.env.DB, next, wave, waveState(wave)))) throw changedMeanwhile()
  forgetLinks()
  await audit(c, waveChanges(wave, next))
  return c.json({ ...next, state: waveState(next) })
})

/** A wave without answers that is not open can be dropped (skipped); see the wave lifecycle. */
app.delete('/:wid', doc({ summary: 'Drop a wave that has not opened', who: 'lead', ok: '204', errors: [401, 403, 404, 409] }), asLead, async (c) => {
  const wave = await decide(c, { kind: 'delete' })
  if (!(await deleteWave(c.env.DB, wave.id))) throw changedMeanwhile()
  forgetLinks()
  await audit(c, { action: 'wave.deleted', target: wave.label })
  return c.body(null, 204)
})

app.get('/:wid/links', doc({ summary: 'The wave\'s links, without tokens', who: 'lead', ok: '200 { links }', errors: [401, 403, 404] }), asLead, async (c) => c.json({ links: await listLinks(c.env.DB, c.get('wave').id) }))

/**
 * Why no link may be made for this group, or null: a closed wave takes no answers, a partner that
 * joined after the wave opened takes no part in it, and a group without a headcount has no bound
 * on the answer sets it takes (README, "Threat model").
 */
const closedForLinks = () => new HttpError(409, 'Wave is closed', { en: 'This wave has closed; it takes no more answers, so it gets no new links.', nl: 'Deze ronde is gesloten; ze neemt geen antwoorden meer aan en krijgt dus geen nieuwe links.' })

function linkRefusal(wave: Wave, partner: Partner, role: Role): HttpError | null {
  if (waveState(wave) === 'closed') return closedForLinks()
  if (!takesPart(partner, wave)) {
    return new HttpError(409, 'Partner joined later', { en: `"${partner.name}" joined the programme after this wave opened, so it takes no part in this wave; it will in the next one.`, nl: `"${partner.name}" is bij het programma gekomen nadat deze ronde openging en doet daarom niet mee aan deze ronde; wel aan de volgende.` })
  }
  if (!partner.headcounts[role]) {
    return new HttpError(409, 'Headcount needed', { en: `Enter how many people "${partner.name}" has in this role first (the headcount): a group takes at most that many answer sets.`, nl: `Vul eerst in hoeveel mensen "${partner.name}" in deze rol heeft (het aantal): een groep neemt hoogstens zoveel antwoorden aan.` })
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

app.post('/:wid/links', doc({ summary: 'Make a collector link; the token is shown once', who: 'lead', ok: '201 { id, token, url }', errors: [400, 401, 403, 404] }), asLead, valid('json', LinkBody), async (c) => {
  const wave = c.get('wave')
  const { partnerId, role } = c.req.valid('json')
  const partner = await readPartner(c.env.DB, partnerId)
  if (!partner || partner.programmeId !== wave.programmeId) {
    throw new HttpError(400, 'Unknown partner', { en: `Partner "${partnerId.slice(0, 60)}" is not a partner of this wave's programme.`, nl: `"${partnerId.slice(0, 60)}" is geen partner van het programma van deze ronde.` })
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
app.post('/:wid/link-set', doc({ summary: 'A working link for every partner and role: made or revealed now, shown once', who: 'lead', ok: '201 { links }', errors: [401, 403, 404] }), asLead, async (c) => {
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
  const skipped: { partnerId: string; role: Role; reason: string }[] = []
  for (const partner of partners) {
    for (const role of ROLES) {
      if (active.some((l) => l.partnerId === partner.id && l.role === role)) continue
      const refusal = linkRefusal(wave, partner, role)
      if (refusal) {
        skipped.push({ partnerId: partner.id, role, reason: refusal.title })
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

app.delete('/:wid/links/:lid', doc({ summary: 'Revoke a link', who: 'lead', ok: '204', errors: [401, 403, 404] }), asLead, async (c) => {
  forgetLinks()
  const link = (await listLinks(c.env.DB, c.get('wave').id)).find((l) => l.id === c.req.param('lid'))
  if (!(await revokeLink(c.env.DB, c.get('wave').id, c.req.param('lid')))) {
    throw new HttpError(404, 'Link not found', { en: 'This wave has no such link.', nl: 'Deze ronde heeft zo\'n link niet.' })
  }
  await audit(c, { action: 'link.revoked', target: linkTarget(c.get('wave'), (await readPartner(c.env.DB, link!.partnerId))?.name, link!.role) })
  return c.body(null, 204)
})

export default app
