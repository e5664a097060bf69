import { zValidator } from '@hono/zod-validator'
import type { Context, MiddlewareHandler } from 'hono'
import { LinkBody, WavePatch } from '../../schema/api.ts'
import { createLink } from '../db/links.ts'
import { readPartner } from '../db/programmes.ts'
import { programmeAccess } from '../db/users.ts'
import { readWave, updateWave, waveState, type Wave } from '../db/waves.ts'
import { newApp, type AppEnv } from '../http/app.ts'
import { requireUser } from '../http/guards.ts'
import { HttpError, validationHook } from '../http/problem.ts'

const app = newApp()
app.use('*', requireUser)

/** The wave in the path, when the signed-in user leads its programme. */
async function waveToLead(c: Context<AppEnv>): Promise<Wave> {
  const wid = c.req.param('wid') ?? ''
  const wave = await readWave(c.env.DB, wid)
  const access = wave ? await programmeAccess(c.env.DB, c.get('user'), wave.programmeId) : null
  if (!wave || !access?.canRead) throw new HttpError(404, 'Wave not found', `There is no wave "${wid.slice(0, 60)}" that you have access to.`)
  if (!access.canLead) throw new HttpError(403, 'Not allowed', 'Only a lead of this programme may change its waves.')
  return wave
}

/** Checks who asks before what is asked: a viewer learns nothing from a 400. */
const asLead: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('wave', await waveToLead(c))
  await next()
}

app.patch('/:wid', asLead, zValidator('json', WavePatch, validationHook), async (c) => {
  const wave = c.get('wave')
  const body = c.req.valid('json')
  const next: Wave = {
    ...wave,
    label: body.label ?? wave.label,
    opensAt: body.opensAt ? new Date(body.opensAt).toISOString() : wave.opensAt,
    closesAt: body.closesAt ? new Date(body.closesAt).toISOString() : wave.closesAt,
  }
  if (next.closesAt <= next.opensAt) throw new HttpError(400, 'Invalid dates', 'closesAt must be later than opensAt.')
  await updateWave(c.env.DB, next)
  return c.json({ ...next, state: waveState(next) })
})

app.post('/:wid/links', asLead, zValidator('json', LinkBody, validationHook), async (c) => {
  const wave = c.get('wave')
  const { partnerId, role } = c.req.valid('json')
  const partner = await readPartner(c.env.DB, partnerId)
  if (!partner || partner.programmeId !== wave.programmeId) {
    throw new HttpError(400, 'Unknown partner', `Partner "${partnerId.slice(0, 60)}" is not a partner of this wave's programme.`)
  }
  const token = await createLink(c.env.DB, wave.id, partner.id, role)
  return c.json({ token, url: new URL(`/s/${token}`, c.req.url).toString() }, 201)
})

export default app
