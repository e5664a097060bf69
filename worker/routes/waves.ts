import { zValidator } from '@hono/zod-validator'
import type { Context, MiddlewareHandler } from 'hono'
import { ROLES } from '../../schema/instrument.ts'
import { LinkBody, WavePatch } from '../../schema/api.ts'
import { unseal } from '../auth/seal.ts'
import { createLink, listLinks, revokeLink, takeSealed } from '../db/links.ts'
import { listPartners, readPartner } from '../db/programmes.ts'
import { programmeAccess } from '../db/users.ts'
import { deleteWave, listWaves, readWave, updateWave, waveState, type Wave } from '../db/waves.ts'
import { newApp, type AppEnv } from '../http/app.ts'
import { requireUser } from '../http/guards.ts'
import { HttpError, validationHook } from '../http/problem.ts'
import { findInstrument } from '../instruments.ts'
import { refuseOverlap } from './programmes.ts'
import { forgetLinks } from './survey.ts'
import { audit } from '../http/audit.ts'
import { linkTarget, waveChanges } from '../domain/audit-changes.ts'

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

app.patch('/:wid', asLead, zValidator('json', WavePatch, validationHook), async (c) => {
  const wave = c.get('wave')
  const body = c.req.valid('json')
  const next: Wave = {
    ...wave,
    label: body.label ?? wave.label,
    opensAt: body.opensAt ? new Date(body.opensAt).toISOString() : wave.opensAt,
    closesAt: body.closesAt ? new Date(body.closesAt).toISOString() : wave.closesAt,
  }
  if (body.instrumentVersion !== undefined && body.instrumentVersion !== wave.instrumentVersion) {
    if (waveState(wave) !== 'planned') {
      throw new HttpError(409, 'Wave has opened', { en: 'The instrument of a wave cannot change once it has opened: answers to one version are not answers to another.', nl: 'De vragenlijst van een ronde kan niet meer veranderen als de ronde open is: antwoorden op de ene versie zijn geen antwoorden op een andere.' })
    }
    const instrument = findInstrument(wave.instrument, body.instrumentVersion)
    if (!instrument) throw new HttpError(400, 'Unknown instrument', { en: `There is no version ${body.instrumentVersion} of "${wave.instrument}".`, nl: `Er is geen versie ${body.instrumentVersion} van "${wave.instrument}".` })
    next.instrumentVersion = instrument.version
  }
  if (next.closesAt <= next.opensAt) throw new HttpError(400, 'Invalid dates', { en: 'closesAt must be later than opensAt.', nl: 'De sluitingsdatum moet na de openingsdatum liggen.' })
  const waves = await listWaves(c.env.DB, wave.programmeId)
  if (waves.some((w) => w.id !== wave.id && w.label === next.label)) {
    throw new HttpError(409, 'Wave exists', { en: `This programme already has a wave labelled "${next.label}". Choose another label.`, nl: `Dit programma heeft al een ronde met de naam "${next.label}". Kies een andere naam.` })
  }
  refuseOverlap(waves, next.opensAt, next.closesAt, wave.id)
  await updateWave(c.env.DB, next)
  forgetLinks()
  await audit(c, waveChanges(wave, next))
  return c.json({ ...next, state: waveState(next) })
})

/** A planned wave can be dropped (skipped); one that has opened holds answers or could have. */
app.delete('/:wid', asLead, async (c) => {
  const wave = c.get('wave')
  if (waveState(wave) !== 'planned') {
    throw new HttpError(409, 'Wave has opened', { en: 'Only a wave that has not opened yet can be deleted. Close an open wave by moving its closing date to now.', nl: 'Alleen een ronde die nog niet open is, kan worden verwijderd. Sluit een open ronde door de sluitingsdatum naar nu te zetten.' })
  }
  await deleteWave(c.env.DB, wave.id)
  forgetLinks()
  await audit(c, { action: 'wave.deleted', target: wave.label })
  return c.body(null, 204)
})

app.get('/:wid/links', asLead, async (c) => c.json({ links: await listLinks(c.env.DB, c.get('wave').id) }))

app.post('/:wid/links', asLead, zValidator('json', LinkBody, validationHook), async (c) => {
  const wave = c.get('wave')
  const { partnerId, role } = c.req.valid('json')
  const partner = await readPartner(c.env.DB, partnerId)
  if (!partner || partner.programmeId !== wave.programmeId) {
    throw new HttpError(400, 'Unknown partner', { en: `Partner "${partnerId.slice(0, 60)}" is not a partner of this wave's programme.`, nl: `"${partnerId.slice(0, 60)}" is geen partner van het programma van deze ronde.` })
  }
  const { id, token } = await createLink(c.env.DB, wave.id, partner.id, role)
  await audit(c, { action: 'link.made', target: linkTarget(wave, partner.name, role) })
  return c.json({ id, token, url: linkUrl(c, token) }, 201)
})

/**
 * Every partner × role gets a working link: made now where there is none, revealed where the
 * scheduled handler made one. Each token is in this answer and nowhere else afterwards.
 */
app.post('/:wid/link-set', asLead, async (c) => {
  const wave = c.get('wave')
  const made: { id: string; partnerId: string; role: (typeof ROLES)[number]; token: string; url: string }[] = []
  for (const s of await takeSealed(c.env.DB, wave.id)) {
    const token = c.env.LINK_SECRET ? await unseal(c.env.LINK_SECRET, s.sealed) : null
    if (token) made.push({ id: s.id, partnerId: s.partnerId, role: s.role, token, url: linkUrl(c, token) })
    // A token sealed under an earlier secret cannot be shown: revoke it, a new one is made below.
    else await revokeLink(c.env.DB, wave.id, s.id)
    await audit(c, { action: token ? 'link.revealed' : 'link.revoked', target: linkTarget(wave, (await readPartner(c.env.DB, s.partnerId))?.name, s.role) })
  }
  const active = (await listLinks(c.env.DB, wave.id)).filter((l) => !l.revoked)
  for (const partner of await listPartners(c.env.DB, wave.programmeId)) {
    for (const role of ROLES) {
      if (active.some((l) => l.partnerId === partner.id && l.role === role)) continue
      const { id, token } = await createLink(c.env.DB, wave.id, partner.id, role)
      made.push({ id, partnerId: partner.id, role, token, url: linkUrl(c, token) })
      await audit(c, { action: 'link.made', target: linkTarget(wave, partner.name, role) })
    }
  }
  return c.json({ links: made }, made.length ? 201 : 200)
})

app.delete('/:wid/links/:lid', asLead, async (c) => {
  forgetLinks()
  const link = (await listLinks(c.env.DB, c.get('wave').id)).find((l) => l.id === c.req.param('lid'))
  if (!(await revokeLink(c.env.DB, c.get('wave').id, c.req.param('lid')))) {
    throw new HttpError(404, 'Link not found', { en: 'This wave has no such link.', nl: 'Deze ronde heeft zo\'n link niet.' })
  }
  await audit(c, { action: 'link.revoked', target: linkTarget(c.get('wave'), (await readPartner(c.env.DB, link!.partnerId))?.name, link!.role) })
  return c.body(null, 204)
})

export default app
