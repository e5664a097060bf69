import type { z } from 'zod'
import type { WaveBody } from '../../schema/api.ts'
import { firstOpenDay, lastOpenDay } from '../../schema/format.ts'
import type { Programme } from '../db/programmes.ts'
import { answerCount, createWave, deleteWave, listWaves, updateWave, type Wave } from '../db/waves.ts'
import {
  changeWave,
  datesRefusal,
  openingAfter,
  overlapping,
  waveState,
  type WaveChange,
} from '../domain/wave-lifecycle.ts'
import type { Actor } from '../db/audit.ts'
import { waveChanges, waveCreatedDetail } from '../domain/audit-changes.ts'
import { recordChanges } from './audit-trail.ts'
import { refuse } from './refusal.ts'
import { findInstrument, listInstruments } from './instrument-catalogue.ts'
import { forgetLinks } from './link-service.ts'

/**
 * The wave rules that need the database: a wave is planned, edited and deleted here, after the
 * wave lifecycle (worker/domain/wave-lifecycle.ts) allowed it, with unique labels, periods that
 * do not overlap, and instrument versions that exist. Edits and deletions empty the survey-link
 * cache, so this isolate does not answer from a wave that changed.
 */

/** The programme's cadence when it has a complete one. */
export const cadenceOf = (p: Programme) =>
  p.cadenceMonths && p.cadenceOpenDays && p.nextWaveAt
    ? { months: p.cadenceMonths, openDays: p.cadenceOpenDays, next: p.nextWaveAt }
    : null

/** Refuses a cadence whose waves would overlap, or that lacks a part. */
export function checkCadence(next: Programme): void {
  if (next.cadenceMonths && next.cadenceOpenDays && next.cadenceOpenDays > next.cadenceMonths * 28) {
    throw refuse('invalid-cadence', { openDays: next.cadenceOpenDays, months: next.cadenceMonths })
  }
  if (next.cadenceMonths && (!next.cadenceOpenDays || !next.nextWaveAt)) {
    throw refuse('incomplete-cadence')
  }
}

/** Refuses a wave period that overlaps another wave of the programme, naming it. */
function refuseOverlap(waves: Wave[], opensAt: string, closesAt: string, exceptId?: string): void {
  const other = overlapping(waves, opensAt, closesAt, exceptId)
  if (other) {
    // Its last open day, as the setup page shows it: it closes at the start of the next.
    const lastDay = lastOpenDay(other.closesAt)
    throw refuse('wave-overlap', { label: other.label, firstDay: firstOpenDay(other.opensAt), lastDay })
  }
}

/**
 * A new wave of `programme`, by `actor`, recorded in the trail, holding it to the threshold its
 * respondents are promised now (`minGroupSize`).
 */
export async function planWave(
  db: D1Database,
  programme: Programme,
  body: z.infer<typeof WaveBody>,
  minGroupSize: number,
  actor: Actor,
): Promise<Wave> {
  const instrument = findInstrument(body.instrument, body.instrumentVersion)
  if (!instrument) {
    // Worded per language by the catalogues: a Dutch refusal once listed them as "(versions 1, 2)".
    const known = listInstruments().map((i) => ({ id: i.id, versions: i.versions }))
    throw refuse('unknown-instrument', { instrument: body.instrument, version: body.instrumentVersion ?? null, known })
  }
  const waves = await listWaves(db, programme.id)
  if (waves.some((w) => w.label === body.label)) {
    throw refuse('wave-exists', { label: body.label })
  }
  const opensAt = openingAfter(waves, new Date(body.opensAt).toISOString(), new Date())
  const closesAt = new Date(body.closesAt).toISOString()
  const refusal = datesRefusal({ opensAt, closesAt })
  if (refusal) throw refuse(refusal)
  refuseOverlap(waves, opensAt, closesAt)
  const wave = await createWave(db, {
    programmeId: programme.id,
    label: body.label,
    instrument: instrument.id,
    instrumentVersion: instrument.version,
    opensAt,
    closesAt,
    // The threshold its respondents are promised now; a later, lower setting does not apply to it.
    minGroupSize,
  })
  await recordChanges(db, programme.id, actor, {
    action: 'wave.created',
    target: wave.label,
    detail: waveCreatedDetail(wave),
  })
  return wave
}

/** The wave opened, closed or took answers between the decision and the write (worker/db/waves.ts). */
const changedMeanwhile = () => refuse('wave-changed')

/** Applies the wave lifecycle's verdict (worker/domain/wave-lifecycle.ts), or refuses with its reason. */
async function decide(db: D1Database, wave: Wave, change: WaveChange): Promise<Wave> {
  const decision = changeWave(wave, change, { now: new Date(), answered: (await answerCount(db, wave.id)) > 0 })
  if (!decision.ok) throw refuse(decision.refusal)
  return decision.wave
}

/** The wave after an edit the lifecycle allows, by `actor`, written if the wave did not change meanwhile. */
export async function editWave(
  db: D1Database,
  wave: Wave,
  change: Extract<WaveChange, { kind: 'edit' }>,
  actor: Actor,
): Promise<Wave> {
  const next = await decide(db, wave, change)
  // Whether the wave may change instrument is the lifecycle's to say; whether that version exists, ours.
  if (next.instrumentVersion !== wave.instrumentVersion && !findInstrument(wave.instrument, next.instrumentVersion)) {
    throw refuse('unknown-instrument-version', { instrument: wave.instrument, version: next.instrumentVersion })
  }
  const waves = await listWaves(db, wave.programmeId)
  if (waves.some((w) => w.id !== wave.id && w.label === next.label)) {
    throw refuse('wave-label-taken', { label: next.label })
  }
  refuseOverlap(waves, next.opensAt, next.closesAt, wave.id)
  if (!(await updateWave(db, next, wave, waveState(wave)))) throw changedMeanwhile()
  forgetLinks()
  await recordChanges(db, wave.programmeId, actor, waveChanges(wave, next))
  return next
}

/** A wave without answers that is not open can be dropped (skipped) by `actor`; see the wave lifecycle. */
export async function dropWave(db: D1Database, wave: Wave, actor: Actor): Promise<void> {
  await decide(db, wave, { kind: 'delete' })
  if (!(await deleteWave(db, wave.id))) throw changedMeanwhile()
  forgetLinks()
  await recordChanges(db, wave.programmeId, actor, { action: 'wave.deleted', target: wave.label })
}
