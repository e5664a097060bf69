import { createMiddleware } from 'hono/factory'
import { ProgrammeBody, ProgrammePatch, WaveBody, pathParams } from '../../schema/api.ts'
import { newApp, type UserEnv } from '../http/app-env.ts'
import { asLead, programmeFor } from '../http/programme-guards.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { readConfig } from '../env.ts'
import { actorOf } from '../services/audit-trail.ts'
import { visibleProgrammes } from '../services/programme-access.ts'
import {
  changeProgramme,
  programmeView,
  requireMayCreateProgramme,
  startProgramme,
} from '../services/programme-service.ts'
import { planWave } from '../services/wave-service.ts'

const app = newApp().use('*', requireUser)

app.get(
  '/',
  doc({ summary: 'Programmes you may see', who: 'signed in', ok: '200 { programmes }', errors: [401] }),
  async (c) => c.json({ programmes: await visibleProgrammes(c.env.DB, c.get('user')) }),
)

/** Who asks before what is asked: a viewer learns nothing from a 400. */
const mayCreate = createMiddleware<UserEnv>(async (c, next) => {
  requireMayCreateProgramme(c.get('user'))
  await next()
})

app.post(
  '/',
  doc({
    summary: 'Create a programme; a lead who creates one leads it',
    who: 'admin, lead',
    ok: '201 { id }',
    errors: [400, 401, 403],
  }),
  mayCreate,
  valid('json', ProgrammeBody),
  async (c) => {
    const programme = await startProgramme(c.env.DB, c.get('user'), c.req.valid('json').name)
    return c.json({ id: programme.id }, 201)
  },
)

app.get(
  '/:pid',
  doc({ summary: 'A programme with partners and waves', who: 'lead, viewer', ok: '200', errors: [401, 404] }),
  valid('param', pathParams('/:pid')),
  async (c) => c.json(await programmeView(c.env.DB, await programmeFor(c, 'read'))),
)

app.patch(
  '/:pid',
  doc({
    summary: 'Rename; set retention and the re-assessment cadence',
    who: 'lead',
    ok: '200 the programme',
    errors: [400, 401, 403, 404],
  }),
  valid('param', pathParams('/:pid')),
  asLead,
  valid('json', ProgrammePatch),
  async (c) => c.json(await changeProgramme(c.env.DB, c.get('programme'), c.req.valid('json'), actorOf(c.get('user')))),
)

app.post(
  '/:pid/waves',
  doc({
    summary: 'Add an assessment wave; waves may not overlap',
    who: 'lead',
    ok: '201 { id }',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/waves')),
  asLead,
  valid('json', WaveBody),
  async (c) => {
    const minGroupSize = readConfig(c.env).MIN_GROUP_SIZE
    const wave = await planWave(c.env.DB, c.get('programme'), c.req.valid('json'), minGroupSize, actorOf(c.get('user')))
    return c.json({ id: wave.id }, 201)
  },
)

export default app
