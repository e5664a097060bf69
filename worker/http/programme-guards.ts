import { createMiddleware } from 'hono/factory'
import { requireActionWriter, type ActionWriter } from '../services/action-service.ts'
import { requireProgramme, requireWaveToLead, type ProgrammeAccess } from '../services/programme-access.ts'
import type { ActionWriterEnv, LeadEnv, UserEnv, PathInput, WaveLeadEnv, WithPath } from './app-env.ts'

/*
 * The guards read the path from `valid('param', pathParams(...))` (worker/http/validate.ts), which
 * every route runs before them: an id that names nothing has answered 404 already.
 */

/** The programme named in the path (`:pid`), when the signed-in user may lead it or, with `read`, see it. */
export const programmeFor = <E extends UserEnv>(
  c: WithPath<'pid', E>,
  need: 'lead' | 'read',
): Promise<ProgrammeAccess> =>
  requireProgramme(c.env.DB, c.get('user'), c.req.valid('param').pid, need, c.req.routePath)

/** Lead-only programme routes check who asks before what is asked: a viewer learns nothing from a 400. */
export const asLead = createMiddleware<LeadEnv, string, PathInput<'pid'>>(async (c, next) => {
  c.set('programme', (await programmeFor(c, 'lead')).programme)
  await next()
})

/** Lead-only wave routes (`:wid`): the same order, for the wave's programme. */
export const asWaveLead = createMiddleware<WaveLeadEnv, string, PathInput<'wid'>>(async (c, next) => {
  c.set('wave', await requireWaveToLead(c.env.DB, c.get('user'), c.req.valid('param').wid, c.req.routePath))
  await next()
})

/** Who may record agreed actions in the programme `:pid` (`mayWriteActions` in worker/services/action-service.ts). */
export const actionWriterFor = <E extends UserEnv>(c: WithPath<'pid', E>): Promise<ActionWriter> =>
  requireActionWriter(c.env.DB, c.get('user'), c.req.valid('param').pid, c.req.routePath)

/** Action routes that write: who asks before what is asked, so refused viewers learn nothing from a 400. */
export const asActionWriter = createMiddleware<ActionWriterEnv, string, PathInput<'pid'>>(async (c, next) => {
  c.set('actionWriter', await actionWriterFor(c))
  await next()
})
