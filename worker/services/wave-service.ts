import type { z } from 'zod'
import type { WaveBody } from '../../schema/api.ts'
import { lastOpenDay, longDate } from '../../schema/format.ts'
import type { Programme } from '../db/programmes.ts'
import { answerCount, createWave, deleteWave, listWaves, updateWave, waveState, type Wave } from '../db/waves.ts'
import { changeWave, datesRefusal, overlapping, type WaveChange } from '../domain/wave-lifecycle.ts'
import { HttpError } from '../http/problem.ts'
import { findInstrument, listInstruments } from './instrument-catalogue.ts'
import { forgetLinks } from './survey-link-service.ts'

/**
 * The wave rules that need the database: a wave is planned, edited and deleted here, after the
 * wave lifecycle (worker/domain/wave-lifecycle.ts) allowed it, with unique labels, periods that
 * do not overlap, and instrument versions that exist. Edits and deletions empty the survey-link
 * cache, so this isolate does not answer from a wave that changed.
 */

/** The programme's cadence when it has a complete one. */
export const cadenceOf = (p: Programme) =>
  p.cadenceMonths && p.cadenceOpenDays && p.nextWaveAt ? { months: p.cadenceMonths, openDays: p.cadenceOpenDays, next: p.nextWaveAt } : null

/** Refuses a cadence whose waves would overlap, or that lacks a part. */
export function checkCadence(next: Programme): void {
  if (next.cadenceMonths && next.cadenceOpenDays && next.cadenceOpenDays > next.cadenceMonths * 28) {
    throw new HttpError(400, 'Invalid cadence', { en: `A wave open ${next.cadenceOpenDays} days would overlap the next one, which opens ${next.cadenceMonths === 1 ? '1 month' : `${next.cadenceMonths} months`} later. Choose fewer days open or a longer cadence.`, nl: `Een ronde die ${next.cadenceOpenDays} dagen openstaat, zou de volgende overlappen, die ${next.cadenceMonths === 1 ? '1 maand' : `${next.cadenceMonths} maanden`} later opent. Kies minder dagen of een langer ritme.` })
  }
  if (next.cadenceMonths && (!next.cadenceOpenDays || !next.nextWaveAt)) {
    throw new HttpError(400, 'Incomplete cadence', { en: 'A cadence needs cadenceMonths, cadenceOpenDays and nextWaveAt (the date the next wave opens).', nl: 'Een vast ritme heeft alle drie nodig: elke hoeveel maanden, hoeveel dagen open, en de datum van de volgende ronde.' })
  }
}

/** Refuses a wave period that overlaps another wave of the programme, naming it. */
export function refuseOverlap(waves: Wave[], opensAt: string, closesAt: string, exceptId?: string): void {
  const other = overlapping(waves, opensAt, closesAt, exceptId)
  if (other) {
    // Its first and last open day (it closes at the start of the next), as each reader's language
    // writes a date in a sentence: "1 december 2026", "1 December 2026".
    const last = `${lastOpenDay(other.closesAt)}T00:00:00Z`
    const day = (lang: 'nl' | 'en', iso: string) => longDate(lang, iso)
    throw new HttpError(
      409,
      'Waves overlap',
      { en: `The wave "${other.label}" runs from ${day('en', other.opensAt)} to ${day('en', last)} inclusive; waves of one programme may not overlap. Choose dates outside it.`, nl: `De ronde "${other.label}" loopt van ${day('nl', other.opensAt)} tot en met ${day('nl', last)}; rondes van één programma mogen elkaar niet overlappen. Kies data daarbuiten.` },
    )
  }
}

/** A new wave of `programme`, holding it to the threshold its respondents are promised now (`minGroupSize`). */
export async function planWave(db: D1Database, programme: Programme, body: z.infer<typeof WaveBody>, minGroupSize: number): Promise<Wave> {
  const instrument = findInstrument(body.instrument, body.instrumentVersion)
  if (!instrument) {
    const known = listInstruments().map((i) => `${i.id} (versions ${i.versions.join(', ')})`).join('; ')
    throw new HttpError(400, 'Unknown instrument', { en: `There is no instrument "${body.instrument}"${body.instrumentVersion ? ` version ${body.instrumentVersion}` : ''}. Available: ${known}.`, nl: `Er is geen vragenlijst "${body.instrument}"${body.instrumentVersion ? ` versie ${body.instrumentVersion}` : ''}. Beschikbaar: ${known}.` })
  }
  const waves = await listWaves(db, programme.id)
  if (waves.some((w) => w.label === body.label)) {
    throw new HttpError(409, 'Wave exists', { en: `This programme already has a wave labelled "${body.label}"; pickers and exports name waves by label. Choose another label.`, nl: `Dit programma heeft al een ronde met de naam "${body.label}"; keuzelijsten en exports noemen rondes bij hun naam. Kies een andere naam.` })
  }
  const opensAt = new Date(body.opensAt).toISOString()
  const closesAt = new Date(body.closesAt).toISOString()
  const refusal = datesRefusal({ opensAt, closesAt })
  if (refusal) throw new HttpError(refusal.status, refusal.title, refusal.detail)
  refuseOverlap(waves, opensAt, closesAt)
  return createWave(db, {
    programmeId: programme.id,
    label: body.label,
    instrument: instrument.id,
    instrumentVersion: instrument.version,
    opensAt,
    closesAt,
    // The threshold its respondents are promised now; a later, lower setting does not apply to it.
    minGroupSize,
  })
}

/** The wave opened, closed or took answers between the decision and the write (worker/db/waves.ts). */
const changedMeanwhile = () =>
  new HttpError(409, 'Wave changed meanwhile', { en: 'The wave opened, closed or received answers just now, so this change no longer applies. Reload the page to see its state and try again.', nl: 'De ronde is net geopend, gesloten of heeft net antwoorden gekregen, dus deze wijziging geldt niet meer. Laad de pagina opnieuw om haar stand te zien en probeer het nog eens.' })

/** Applies the wave lifecycle's verdict (worker/domain/wave-lifecycle.ts), or refuses with its reason. */
async function decide(db: D1Database, wave: Wave, change: WaveChange): Promise<Wave> {
  const decision = changeWave(wave, change, { now: new Date(), answered: (await answerCount(db, wave.id)) > 0 })
  if (!decision.ok) throw new HttpError(decision.refusal.status, decision.refusal.title, decision.refusal.detail)
  return decision.wave
}

/** The wave after an edit the lifecycle allows, written if the wave did not change meanwhile. */
export async function editWave(db: D1Database, wave: Wave, change: Extract<WaveChange, { kind: 'edit' }>): Promise<Wave> {
  const next = await decide(db, wave, change)
  // Whether the wave may change instrument is the lifecycle's to say; whether that version exists, ours.
  if (next.instrumentVersion !== wave.instrumentVersion && !findInstrument(wave.instrument, next.instrumentVersion)) {
    throw new HttpError(400, 'Unknown instrument', { en: `There is no version ${next.instrumentVersion} of "${wave.instrument}".`, nl: `Er is geen versie ${next.instrumentVersion} van "${wave.instrument}".` })
  }
  const waves = await listWaves(db, wave.programmeId)
  if (waves.some((w) => w.id !== wave.id && w.label === next.label)) {
    throw new HttpError(409, 'Wave exists', { en: `This programme already has a wave labelled "${next.label}". Choose another label.`, nl: `Dit programma heeft al een ronde met de naam "${next.label}". Kies een andere naam.` })
  }
  refuseOverlap(waves, next.opensAt, next.closesAt, wave.id)
  if (!(await updateWave(db, next, wave, waveState(wave)))) throw changedMeanwhile()
  forgetLinks()
  return next
}

/** A wave without answers that is not open can be dropped (skipped); see the wave lifecycle. */
export async function dropWave(db: D1Database, wave: Wave): Promise<void> {
  await decide(db, wave, { kind: 'delete' })
  if (!(await deleteWave(db, wave.id))) throw changedMeanwhile()
  forgetLinks()
}
