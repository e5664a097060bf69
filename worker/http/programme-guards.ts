import type { Context, MiddlewareHandler } from 'hono'
import { requireProgramme, requireWaveToLead, type ProgrammeAccess } from '../services/programme-access.ts'
import type { AppEnv } from './app-env.ts'

/** The programme named in the path (`:pid`), when the signed-in user may lead it or, with `read`, see it. */
export const programmeFor = (c: Context<AppEnv>, need: 'lead' | 'read'): Promise<ProgrammeAccess> =>
  requireProgramme(c.env.DB, c.get('user'), c.req.param('pid') ?? '', need, c.req.routePath)

/** Lead-only programme routes check who asks before what is asked: a viewer learns nothing from a 400. */
export const asLead: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('programme', (await programmeFor(c, 'lead')).programme)
  await next()
}

/** Lead-only wave routes (`:wid`): the same order, for the wave's programme. */
export const asWaveLead: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('wave', await requireWaveToLead(c.env.DB, c.get('user'), c.req.param('wid') ?? '', c.req.routePath))
  await next()
}
