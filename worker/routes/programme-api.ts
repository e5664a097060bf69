import type { MiddlewareHandler } from 'hono'
import { PartnerBody, PartnerPatch, ProgrammeBody, ProgrammePatch, WaveBody, pathParams } from '../../schema/api.ts'
import { comingWaves } from '../domain/cadence.ts'
import { createProgramme, listPartners, listProgrammes, updateProgramme, type Programme } from '../db/programmes.ts'
import { listWaves } from '../db/waves.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { asLead, programmeFor } from '../http/programme-guards.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { refuse } from '../services/refusal.ts'
import { readConfig } from '../env.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { cadenceOf, checkCadence, planWave } from '../services/wave-service.ts'
import { audit } from '../http/audit.ts'
import { addPartner, changePartner, dropPartner, partnerOf } from '../services/partner-service.ts'
import { headcountDetail, partnerChanges, programmeChanges, waveCreatedDetail } from '../domain/audit-changes.ts'

const app = newApp()
app.use('*', requireUser)

app.get(
  '/',
  doc({ summary: 'Programmes you may see', who: 'signed in', ok: '200 { programmes }', errors: [401] }),
  async (c) => c.json({ programmes: await listProgrammes(c.env.DB, c.get('user')) }),
)

/** Admins and leads start chains; a viewer only reads. */
const mayCreate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user').role === 'viewer') throw refuse('create-programme-not-allowed')
  await next()
}

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
    const user = c.get('user')
    const programme = await createProgramme(
      c.env.DB,
      c.req.valid('json').name,
      user.role === 'admin' ? undefined : user.id,
    )
    await audit(c, { action: 'programme.created', target: programme.name }, { programmeId: programme.id })
    return c.json({ id: programme.id }, 201)
  },
)

app.get(
  '/:pid',
  doc({ summary: 'A programme with partners and waves', who: 'lead, viewer', ok: '200', errors: [401, 404] }),
  valid('param', pathParams('/:pid')),
  async (c) => {
    const { programme, partnerId } = await programmeFor(c, 'read')
    const [partners, waves] = await Promise.all([
      listPartners(c.env.DB, programme.id),
      listWaves(c.env.DB, programme.id),
    ])
    return c.json({
      ...programme,
      partners: partnerId ? partners.filter((p) => p.id === partnerId) : partners,
      waves: waves.map((w) => ({ ...w, state: waveState(w) })),
      comingWaves: cadenceOf(programme) ? comingWaves(cadenceOf(programme)!, 3) : [],
    })
  },
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
  async (c) => {
    const programme = c.get('programme')
    const body = c.req.valid('json')
    const next: Programme = {
      ...programme,
      name: body.name ?? programme.name,
      retentionDays: body.retentionDays ?? programme.retentionDays,
      waveRetentionYears:
        body.waveRetentionYears === undefined ? programme.waveRetentionYears : body.waveRetentionYears,
      cadenceMonths: body.cadenceMonths === undefined ? programme.cadenceMonths : body.cadenceMonths,
      cadenceOpenDays: body.cadenceOpenDays === undefined ? programme.cadenceOpenDays : body.cadenceOpenDays,
      nextWaveAt:
        body.nextWaveAt === undefined
          ? programme.nextWaveAt
          : body.nextWaveAt && new Date(body.nextWaveAt).toISOString(),
    }
    checkCadence(next)
    await updateProgramme(c.env.DB, next)
    await audit(c, programmeChanges(programme, next))
    return c.json(next)
  },
)

app.post(
  '/:pid/partners',
  doc({ summary: 'Add a chain partner', who: 'lead', ok: '201 { id }', errors: [400, 401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/partners')),
  asLead,
  valid('json', PartnerBody),
  async (c) => {
    const programme = c.get('programme')
    const body = c.req.valid('json')
    const partner = await addPartner(c.env.DB, programme.id, body)
    await audit(c, { action: 'partner.added', target: partner.name, detail: headcountDetail(partner.headcounts) })
    return c.json({ id: partner.id }, 201)
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
    const programme = c.get('programme')
    const partner = await partnerOf(c.env.DB, programme.id, c.req.valid('param').partnerId)
    const next = await changePartner(c.env.DB, partner, c.req.valid('json'))
    await audit(c, partnerChanges(partner, next))
    return c.json(next)
  },
)

/** A partner nobody answered for can be removed; what keeps one is `dropPartner`'s (services/partner-service.ts). */
app.delete(
  '/:pid/partners/:partnerId',
  doc({ summary: 'Remove a partner without answers', who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/partners/:partnerId')),
  asLead,
  async (c) => {
    const programme = c.get('programme')
    const partner = await partnerOf(c.env.DB, programme.id, c.req.valid('param').partnerId)
    await dropPartner(c.env.DB, partner, new Date())
    await audit(c, { action: 'partner.removed', target: partner.name })
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
    const programme = c.get('programme')
    const body = c.req.valid('json')
    const wave = await planWave(c.env.DB, programme, body, readConfig(c.env).MIN_GROUP_SIZE)
    await audit(c, { action: 'wave.created', target: wave.label, detail: waveCreatedDetail(wave) })
    return c.json({ id: wave.id }, 201)
  },
)

export default app
