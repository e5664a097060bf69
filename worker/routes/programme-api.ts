import { zValidator } from '@hono/zod-validator'
import type { Context, MiddlewareHandler } from 'hono'
import { PartnerBody, PartnerPatch, ProgrammeBody, ProgrammePatch, WaveBody } from '../../schema/api.ts'
import { comingWaves } from '../domain/cadence.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { findInstrument, listInstruments } from '../services/instrument-catalogue.ts'
import { createPartner, createProgramme, listPartners, listProgrammes, readPartner, readProgramme, updatePartner, updateProgramme, type Programme } from '../db/programmes.ts'
import { programmeAccess } from '../db/users.ts'
import { createWave, listWaves, overlapping, waveState, type Wave } from '../db/waves.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { requireUser } from '../http/guards.ts'
import { refuse, validationHook } from '../http/problem.ts'
import { readConfig } from '../env.ts'
import { recordWaveChange } from '../db/publications.ts'
import { takesPart } from '../services/results-service.ts'
import { audit } from '../http/audit.ts'
import { headcountDetail, partnerChanges, programmeChanges } from '../domain/audit-changes.ts'

const app = newApp()
app.use('*', requireUser)

/**
 * The programme named in the path, when the signed-in user may lead it (or, with `read`, see it).
 * Unknown and forbidden look the same from outside (404), so ids cannot be probed.
 */
export async function programmeFor(c: Context<AppEnv>, need: 'lead' | 'read'): Promise<{ programme: Programme; partnerId: string | null; canLead: boolean }> {
  const pid = c.req.param('pid') ?? ''
  // Both at once: one round trip to D1, not two in a row (BENCHMARKS.md, round trips).
  const [programme, access] = await Promise.all([readProgramme(c.env.DB, pid), programmeAccess(c.env.DB, c.get('user'), pid)])
  if (!programme || !access?.canRead) {
    throw refuse('programme-not-found', { programmeId: pid.slice(0, 60) })
  }
  if (need === 'lead' && !access.canLead) {
    // The route pattern (".../:pid/..."), not the URL: no ids or tokens in logs.
    const pattern = c.req.routePath
    console.warn('permission refused', { route: pattern })
    throw refuse('lead-only')
  }
  return { programme, partnerId: access.partnerId, canLead: access.canLead }
}

/** Lead-only routes check who asks before what is asked: a viewer learns nothing from a 400. */
export const asLead: MiddlewareHandler<AppEnv> = async (c, next) => {
  c.set('programme', (await programmeFor(c, 'lead')).programme)
  await next()
}

app.get('/', async (c) => c.json({ programmes: await listProgrammes(c.env.DB, c.get('user')) }))

/** Admins and leads start chains; a viewer only reads. */
const mayCreate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.get('user').role === 'viewer') throw refuse('create-programme-not-allowed')
  await next()
}

app.post('/', mayCreate, zValidator('json', ProgrammeBody, validationHook), async (c) => {
  const user = c.get('user')
  const programme = await createProgramme(c.env.DB, c.req.valid('json').name, user.role === 'admin' ? undefined : user.id)
  await audit(c, { action: 'programme.created', target: programme.name }, { programmeId: programme.id })
  return c.json({ id: programme.id }, 201)
})

app.get('/:pid', async (c) => {
  const { programme, partnerId } = await programmeFor(c, 'read')
  const [partners, waves] = await Promise.all([listPartners(c.env.DB, programme.id), listWaves(c.env.DB, programme.id)])
  return c.json({
    ...programme,
    partners: partnerId ? partners.filter((p) => p.id === partnerId) : partners,
    waves: waves.map((w) => ({ ...w, state: waveState(w) })),
    comingWaves: cadenceOf(programme) ? comingWaves(cadenceOf(programme)!, 3) : [],
  })
})

const NO_HEADCOUNTS: Record<Role, number | null> = { medewerker: null, teammanager: null, tactisch: null }

/** Headcounts after a request: `headcount` is the staff headcount, `headcounts` any role's; what is left out stays. */
function withHeadcounts(current: Record<Role, number | null>, body: { headcount?: number | null; headcounts?: Partial<Record<Role, number | null | undefined>> }) {
  const next = { ...current }
  for (const role of ROLES) if (body.headcounts?.[role] !== undefined) next[role] = body.headcounts[role]!
  if (body.headcount !== undefined) next.medewerker = body.headcount
  return next
}

/** The programme's cadence when it has a complete one. */
export const cadenceOf = (p: Programme) =>
  p.cadenceMonths && p.cadenceOpenDays && p.nextWaveAt ? { months: p.cadenceMonths, openDays: p.cadenceOpenDays, next: p.nextWaveAt } : null

/** Refuses a wave period that overlaps another wave of the programme, naming it. */
export function refuseOverlap(waves: Wave[], opensAt: string, closesAt: string, exceptId?: string): void {
  const other = overlapping(waves, opensAt, closesAt, exceptId)
  if (other) {
    // Its last open day, as the setup page shows it: it closes at the start of the next.
    const lastDay = new Date(Date.parse(other.closesAt) - 1).toISOString().slice(0, 10)
    throw refuse('wave-overlap', { label: other.label, firstDay: other.opensAt.slice(0, 10), lastDay })
  }
}

app.patch('/:pid', asLead, zValidator('json', ProgrammePatch, validationHook), async (c) => {
  const programme = c.get('programme')
  const body = c.req.valid('json')
  const next: Programme = {
    ...programme,
    name: body.name ?? programme.name,
    retentionDays: body.retentionDays ?? programme.retentionDays,
    waveRetentionYears: body.waveRetentionYears === undefined ? programme.waveRetentionYears : body.waveRetentionYears,
    cadenceMonths: body.cadenceMonths === undefined ? programme.cadenceMonths : body.cadenceMonths,
    cadenceOpenDays: body.cadenceOpenDays === undefined ? programme.cadenceOpenDays : body.cadenceOpenDays,
    nextWaveAt: body.nextWaveAt === undefined ? programme.nextWaveAt : body.nextWaveAt && new Date(body.nextWaveAt).toISOString(),
  }
  if (next.cadenceMonths && next.cadenceOpenDays && next.cadenceOpenDays > next.cadenceMonths * 28) {
    throw refuse('invalid-cadence', { openDays: next.cadenceOpenDays, months: next.cadenceMonths })
  }
  if (next.cadenceMonths && (!next.cadenceOpenDays || !next.nextWaveAt)) {
    throw refuse('incomplete-cadence')
  }
  await updateProgramme(c.env.DB, next)
  await audit(c, programmeChanges(programme, next))
  return c.json(next)
})

app.post('/:pid/partners', asLead, zValidator('json', PartnerBody, validationHook), async (c) => {
  const programme = c.get('programme')
  const body = c.req.valid('json')
  const partner = await createPartner(c.env.DB, programme.id, body.name, withHeadcounts(NO_HEADCOUNTS, body))
  if (!partner) throw refuse('partner-exists', { name: body.name })
  await audit(c, { action: 'partner.added', target: partner.name, detail: headcountDetail(partner.headcounts) })
  return c.json({ id: partner.id }, 201)
})

app.patch('/:pid/partners/:partnerId', asLead, zValidator('json', PartnerPatch, validationHook), async (c) => {
  const programme = c.get('programme')
  const partner = await readPartner(c.env.DB, c.req.param('partnerId'))
  if (!partner || partner.programmeId !== programme.id) throw refuse('partner-not-found')
  const body = c.req.valid('json')
  const headcounts = withHeadcounts(partner.headcounts, body)
  const next = { ...partner, name: body.name ?? partner.name, headcount: headcounts.medewerker, headcounts }
  const taken = () => refuse('partner-exists', { name: next.name })
  // Asked first, so a refused rename records no headcount change either.
  if ((await listPartners(c.env.DB, programme.id)).some((p) => p.id !== partner.id && p.name === next.name)) throw taken()
  // A headcount changed while a wave is open bounds that wave's group differently: every reader of its results sees it.
  const open = (await listWaves(c.env.DB, programme.id)).filter((w) => waveState(w) === 'open' && takesPart(partner, w))
  const records = open.flatMap((w) =>
    ROLES.filter((r) => headcounts[r] !== partner.headcounts[r]).map((role) =>
      recordWaveChange(c.env.DB, w.id, { partnerId: partner.id, role, kind: 'headcount', headcountFrom: partner.headcounts[role], headcountTo: headcounts[role] }),
    ),
  )
  if (!(await updatePartner(c.env.DB, next, records))) throw taken()
  await audit(c, partnerChanges(partner, next))
  return c.json(next)
})

app.post('/:pid/waves', asLead, zValidator('json', WaveBody, validationHook), async (c) => {
  const programme = c.get('programme')
  const body = c.req.valid('json')
  const instrument = findInstrument(body.instrument, body.instrumentVersion)
  if (!instrument) {
    const known = listInstruments().map((i) => `${i.id} (versions ${i.versions.join(', ')})`).join('; ')
    throw refuse('unknown-instrument', { instrument: body.instrument, version: body.instrumentVersion ?? null, known })
  }
  const waves = await listWaves(c.env.DB, programme.id)
  if (waves.some((w) => w.label === body.label)) {
    throw refuse('wave-exists', { label: body.label })
  }
  const opensAt = new Date(body.opensAt).toISOString()
  const closesAt = new Date(body.closesAt).toISOString()
  if (closesAt <= opensAt) throw refuse('closes-before-opens')
  refuseOverlap(waves, opensAt, closesAt)
  const wave = await createWave(c.env.DB, {
    programmeId: programme.id,
    label: body.label,
    instrument: instrument.id,
    instrumentVersion: instrument.version,
    opensAt,
    closesAt,
    // The threshold its respondents are promised now; a later, lower setting does not apply to it.
    minGroupSize: readConfig(c.env).MIN_GROUP_SIZE,
  })
  await audit(c, { action: 'wave.created', target: wave.label, detail: `${opensAt.slice(0, 10)} – ${new Date(Date.parse(closesAt) - 1).toISOString().slice(0, 10)} · v${wave.instrumentVersion}` })
  return c.json({ id: wave.id }, 201)
})

export default app
