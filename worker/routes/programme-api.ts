import type { MiddlewareHandler } from 'hono'
import { PartnerBody, PartnerPatch, ProgrammeBody, ProgrammePatch, WaveBody, pathParams } from '../../schema/api.ts'
import { comingWaves } from '../domain/cadence.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import {
  createPartner,
  createProgramme,
  listPartners,
  listProgrammes,
  readPartner,
  removePartner,
  updatePartner,
  updateProgramme,
  type Programme,
} from '../db/programmes.ts'
import { listWaves } from '../db/waves.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { asLead, programmeFor } from '../http/programme-guards.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { refuse } from '../services/refusal.ts'
import { readConfig } from '../env.ts'
import { recordWaveChange } from '../db/publications.ts'
import { takesPart, waveState } from '../domain/wave-lifecycle.ts'
import { cadenceOf, checkCadence, planWave } from '../services/wave-service.ts'
import { audit } from '../http/audit.ts'
import { forgetLinks } from '../services/link-service.ts'
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

const NO_HEADCOUNTS: Record<Role, number | null> = { medewerker: null, teammanager: null, tactisch: null }

/** Headcounts after a request: `headcount` is the staff headcount, `headcounts` any role's; what is left out stays. */
function withHeadcounts(
  current: Record<Role, number | null>,
  body: { headcount?: number | null; headcounts?: Partial<Record<Role, number | null | undefined>> },
) {
  const next = { ...current }
  for (const role of ROLES) if (body.headcounts?.[role] !== undefined) next[role] = body.headcounts[role]!
  if (body.headcount !== undefined) next.medewerker = body.headcount
  return next
}

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
    const partner = await createPartner(c.env.DB, programme.id, body.name, withHeadcounts(NO_HEADCOUNTS, body))
    if (!partner) throw refuse('partner-exists', { name: body.name })
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
    const partner = await readPartner(c.env.DB, c.req.valid('param').partnerId)
    if (!partner || partner.programmeId !== programme.id) throw refuse('partner-not-found')
    const body = c.req.valid('json')
    const headcounts = withHeadcounts(partner.headcounts, body)
    const next = { ...partner, name: body.name ?? partner.name, headcount: headcounts.medewerker, headcounts }
    const taken = () => refuse('partner-exists', { name: next.name })
    // Asked first, so a refused rename records no headcount change either.
    if ((await listPartners(c.env.DB, programme.id)).some((p) => p.id !== partner.id && p.name === next.name))
      throw taken()
    // A headcount changed while a wave is open bounds that wave's group differently: every reader of its results sees it.
    const open = (await listWaves(c.env.DB, programme.id)).filter(
      (w) => waveState(w) === 'open' && takesPart(partner, w),
    )
    const records = open.flatMap((w) =>
      ROLES.filter((r) => headcounts[r] !== partner.headcounts[r]).map((role) =>
        recordWaveChange(c.env.DB, w.id, {
          partnerId: partner.id,
          role,
          kind: 'headcount',
          headcountFrom: partner.headcounts[role],
          headcountTo: headcounts[role],
        }),
      ),
    )
    if (!(await updatePartner(c.env.DB, next, records))) throw taken()
    await audit(c, partnerChanges(partner, next))
    return c.json(next)
  },
)

/**
 * A partner nobody answered for can be removed, with its headcounts and the links of waves that
 * are not open; one with answer sets, a working link in an open wave or viewers limited to it stays,
 * with what to do instead.
 */
app.delete(
  '/:pid/partners/:partnerId',
  doc({ summary: 'Remove a partner without answers', who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/partners/:partnerId')),
  asLead,
  async (c) => {
    const programme = c.get('programme')
    const partner = await readPartner(c.env.DB, c.req.valid('param').partnerId)
    if (!partner || partner.programmeId !== programme.id) throw refuse('partner-not-found')
    const inUse = await removePartner(c.env.DB, partner.id, new Date())
    if (inUse)
      throw refuse(
        ({ answers: 'partner-has-answers', links: 'partner-has-links', people: 'partner-has-viewers' } as const)[inUse],
        { name: partner.name },
      )
    forgetLinks()
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
