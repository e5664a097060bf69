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
import { HttpError, validationHook } from '../http/problem.ts'
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
export async function programmeFor(c: Context<AppEnv>, need: 'lead' | 'read', db = c.env.DB): Promise<{ programme: Programme; partnerId: string | null; canLead: boolean }> {
  const pid = c.req.param('pid') ?? ''
  // Both at once: one round trip to D1, not two in a row (BENCHMARKS.md, round trips).
  const [programme, access] = await Promise.all([readProgramme(db, pid), programmeAccess(db, c.get('user'), pid)])
  if (!programme || !access?.canRead) {
    throw new HttpError(404, 'Programme not found', { en: `There is no programme "${pid.slice(0, 60)}" that you have access to.`, nl: `Er is geen programma "${pid.slice(0, 60)}" waar u toegang toe heeft.` })
  }
  if (need === 'lead' && !access.canLead) {
    // The route pattern (".../:pid/..."), not the URL: no ids or tokens in logs.
    const pattern = c.req.routePath
    console.warn('permission refused', { route: pattern })
    throw new HttpError(403, 'Not allowed', { en: 'Only a lead of this programme may do this.', nl: 'Alleen een programmaleider van dit programma mag dit doen.' })
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
  if (c.get('user').role === 'viewer') throw new HttpError(403, 'Not allowed', { en: 'Only an administrator or a programme lead may create a programme.', nl: 'Alleen een beheerder of een programmaleider mag een programma maken.' })
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
    throw new HttpError(
      409,
      'Waves overlap',
      { en: `The wave "${other.label}" runs from ${other.opensAt.slice(0, 10)} to ${lastDay} inclusive; waves of one programme may not overlap. Choose dates outside it.`, nl: `De ronde "${other.label}" loopt van ${other.opensAt.slice(0, 10)} tot en met ${lastDay}; rondes van één programma mogen elkaar niet overlappen. Kies data daarbuiten.` },
    )
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
    throw new HttpError(400, 'Invalid cadence', { en: `A wave open ${next.cadenceOpenDays} days would overlap the next one, which opens ${next.cadenceMonths === 1 ? '1 month' : `${next.cadenceMonths} months`} later. Choose fewer days open or a longer cadence.`, nl: `Een ronde die ${next.cadenceOpenDays} dagen openstaat, zou de volgende overlappen, die ${next.cadenceMonths === 1 ? '1 maand' : `${next.cadenceMonths} maanden`} later opent. Kies minder dagen of een langer ritme.` })
  }
  if (next.cadenceMonths && (!next.cadenceOpenDays || !next.nextWaveAt)) {
    throw new HttpError(400, 'Incomplete cadence', { en: 'A cadence needs cadenceMonths, cadenceOpenDays and nextWaveAt (the date the next wave opens).', nl: 'Een vast ritme heeft alle drie nodig: elke hoeveel maanden, hoeveel dagen open, en de datum van de volgende ronde.' })
  }
  await updateProgramme(c.env.DB, next)
  await audit(c, programmeChanges(programme, next))
  return c.json(next)
})

app.post('/:pid/partners', asLead, zValidator('json', PartnerBody, validationHook), async (c) => {
  const programme = c.get('programme')
  const body = c.req.valid('json')
  const partner = await createPartner(c.env.DB, programme.id, body.name, withHeadcounts(NO_HEADCOUNTS, body))
  if (!partner) throw new HttpError(409, 'Partner exists', { en: `This programme already has a partner named "${body.name}". Choose another name.`, nl: `Dit programma heeft al een partner met de naam "${body.name}". Kies een andere naam.` })
  await audit(c, { action: 'partner.added', target: partner.name, detail: headcountDetail(partner.headcounts) })
  return c.json({ id: partner.id }, 201)
})

app.patch('/:pid/partners/:partnerId', asLead, zValidator('json', PartnerPatch, validationHook), async (c) => {
  const programme = c.get('programme')
  const partner = await readPartner(c.env.DB, c.req.param('partnerId'))
  if (!partner || partner.programmeId !== programme.id) throw new HttpError(404, 'Partner not found', { en: 'This programme has no such partner.', nl: 'Dit programma heeft zo\'n partner niet.' })
  const body = c.req.valid('json')
  const headcounts = withHeadcounts(partner.headcounts, body)
  const next = { ...partner, name: body.name ?? partner.name, headcount: headcounts.medewerker, headcounts }
  const taken = () => new HttpError(409, 'Partner exists', { en: `This programme already has a partner named "${next.name}". Choose another name.`, nl: `Dit programma heeft al een partner met de naam "${next.name}". Kies een andere naam.` })
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
    throw new HttpError(400, 'Unknown instrument', { en: `There is no instrument "${body.instrument}"${body.instrumentVersion ? ` version ${body.instrumentVersion}` : ''}. Available: ${known}.`, nl: `Er is geen vragenlijst "${body.instrument}"${body.instrumentVersion ? ` versie ${body.instrumentVersion}` : ''}. Beschikbaar: ${known}.` })
  }
  const waves = await listWaves(c.env.DB, programme.id)
  if (waves.some((w) => w.label === body.label)) {
    throw new HttpError(409, 'Wave exists', { en: `This programme already has a wave labelled "${body.label}"; pickers and exports name waves by label. Choose another label.`, nl: `Dit programma heeft al een ronde met de naam "${body.label}"; keuzelijsten en exports noemen rondes bij hun naam. Kies een andere naam.` })
  }
  const opensAt = new Date(body.opensAt).toISOString()
  const closesAt = new Date(body.closesAt).toISOString()
  if (closesAt <= opensAt) throw new HttpError(400, 'Invalid dates', { en: 'closesAt must be later than opensAt.', nl: 'De sluitingsdatum moet na de openingsdatum liggen.' })
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
