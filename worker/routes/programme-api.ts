import { toMinute } from '../../schema/format.ts'
import { createMiddleware } from 'hono/factory'
import { PartnerImportAnswer } from '../../schema/api-answers.ts'
import {
  PartnerBody,
  PartnerImportBody,
  PartnerPatch,
  ProgrammeBody,
  ProgrammePatch,
  WaveBody,
  pathParams,
} from '../../schema/api.ts'
import { newApp, type UserEnv } from '../http/app-env.ts'
import { asLead, programmeFor } from '../http/programme-guards.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { langOf } from '../http/lang.ts'
import { pasteOutcomeIn } from '../i18n/messages.ts'
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
import { addPartner, changePartner, dropPartner } from '../services/partner-service.ts'
import { importPartners } from '../services/partner-import.ts'

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
  '/:pid/partners',
  doc({ summary: 'Add a chain partner', who: 'lead', ok: '201 { id }', errors: [400, 401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/partners')),
  asLead,
  valid('json', PartnerBody),
  async (c) => {
    const partner = await addPartner(c.env.DB, c.get('programme').id, c.req.valid('json'), actorOf(c.get('user')))
    return c.json({ id: partner.id }, 201)
  },
)

app.post(
  '/:pid/partners/import',
  doc({
    summary:
      'Add many chain partners at once from pasted lines (a name, then headcounts of staff, team managers, tactical managers; tab, semicolon or comma between, cells quoted as a spreadsheet quotes them), all or none; a name the programme has is skipped',
    who: 'lead',
    ok: '201 { added, ids, skipped, message }; 200 when every line was there already',
    errors: [400, 401, 403, 404, 409, 413],
    answer: { name: 'PartnerImportAnswer', schema: PartnerImportAnswer },
  }),
  valid('param', pathParams('/:pid/partners/import')),
  asLead,
  valid('json', PartnerImportBody),
  async (c) => {
    const text = c.req.valid('json').text
    const { added, skipped } = await importPartners(c.env.DB, c.get('programme').id, text, actorOf(c.get('user')))
    const told = skipped.map((s) => ({
      line: s.line,
      partnerId: s.partner.id,
      name: s.partner.name,
      differences: s.differences,
    }))
    const answer = {
      added: added.length,
      ids: added.map((p) => p.id),
      skipped: told,
      message: pasteOutcomeIn(langOf(c, 'en'), { added: added.length, skipped: told }),
    } satisfies PartnerImportAnswer
    // Nothing made, nothing created: every line was there already.
    return c.json(answer, added.length ? 201 : 200)
  },
)

app.patch(
  '/:pid/partners/:partnerId',
  doc({
    summary: 'Rename a partner or set its headcount',
    who: 'lead',
    ok: '200 the partner',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/partners/:partnerId')),
  asLead,
  valid('json', PartnerPatch),
  async (c) => {
    const { partnerId } = c.req.valid('param')
    const partner = await changePartner(
      c.env.DB,
      c.get('programme').id,
      partnerId,
      c.req.valid('json'),
      actorOf(c.get('user')),
    )
    // When it was added, a staff action's moment, to the minute (`toMinute`).
    return c.json({ ...partner, addedAt: toMinute(partner.addedAt) })
  },
)

/** A partner nobody answered for can be removed; what keeps one is `dropPartner`'s (services/partner-service.ts). */
app.delete(
  '/:pid/partners/:partnerId',
  doc({ summary: 'Remove a partner without answers', who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/partners/:partnerId')),
  asLead,
  async (c) => {
    await dropPartner(c.env.DB, c.get('programme').id, c.req.valid('param').partnerId, actorOf(c.get('user')))
    return c.body(null, 204)
  },
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
