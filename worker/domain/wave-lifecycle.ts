/**
 * What may happen to a wave, decided in one place. Every route that changes or deletes a wave
 * asks `changeWave` first (README, "Threat model"): a closed wave's results are published once,
 * so closed is final; an opened wave keeps its instrument and its opening date, so it can never
 * become "planned" again (and then deletable) or be reopened to take answers a reader can add
 * and subtract.
 */

export type WaveState = 'planned' | 'open' | 'closed'
export type WaveDates = { label: string; opensAt: string; closesAt: string; instrumentVersion: number }

/** Open means accepting answers: opened and not yet closed, at `now`. */
export function waveState(wave: Pick<WaveDates, 'opensAt' | 'closesAt'>, now = new Date()): WaveState {
  const t = now.toISOString()
  if (t < wave.opensAt) return 'planned'
  return t < wave.closesAt ? 'open' : 'closed'
}

export type WaveChange = { kind: 'edit'; label?: string; opensAt?: string; closesAt?: string; instrumentVersion?: number } | { kind: 'delete' }

/** A refusal in both languages; the route turns it into problem+json. */
export type Refusal = { status: 400 | 409; title: string; detail: { en: string; nl: string } }
export type Decision<W> = { ok: true; wave: W } | { ok: false; refusal: Refusal }

const refuse = (status: 400 | 409, title: string, detail: { en: string; nl: string }): { ok: false; refusal: Refusal } => ({ ok: false, refusal: { status, title, detail } })

/** Why a new or changed wave's dates cannot be, or null: a wave closes after it opens. */
export function datesRefusal(dates: Pick<WaveDates, 'opensAt' | 'closesAt'>): Refusal | null {
  if (dates.closesAt > dates.opensAt) return null
  return { status: 400, title: 'Invalid dates', detail: { en: 'closesAt must be later than opensAt.', nl: 'De sluitingsdatum moet na de openingsdatum liggen.' } }
}

/**
 * The wave after `change`, or why it may not happen. `answered` is whether the wave holds any
 * answer set (its rollups count, even after the answer sets themselves are gone).
 *
 * - planned: anything; an opening date in the past opens it now (not earlier, so partners added
 *   since it was made are not left out of it, see `startOf` below).
 * - open: the label; the closing date later or earlier (a date not after now closes it); not the
 *   opening date, not the instrument; not deleted.
 * - closed: the label only. A closed wave without answers may be deleted (nothing is published).
 */
export function changeWave<W extends WaveDates>(wave: W, change: WaveChange, ctx: { now: Date; answered: boolean }): Decision<W> {
  const state = waveState(wave, ctx.now)
  const now = ctx.now.toISOString()
  if (change.kind === 'delete') {
    if (state === 'open') {
      return refuse(409, 'Wave is open', { en: 'An open wave cannot be deleted: respondents may be answering it. Close it by moving its closing date to now; a closed wave without answers can then be deleted.', nl: 'Een open ronde kan niet worden verwijderd: er kunnen mensen bezig zijn met antwoorden. Sluit haar door de sluitingsdatum naar nu te zetten; een gesloten ronde zonder antwoorden kan daarna worden verwijderd.' })
    }
    if (ctx.answered) {
      return refuse(409, 'Wave has answers', { en: 'This wave holds answers and its results are published; it cannot be deleted. Whole waves are removed only by the programme\'s wave retention.', nl: 'Deze ronde bevat antwoorden en haar resultaten zijn gepubliceerd; ze kan niet worden verwijderd. Hele rondes verdwijnen alleen door de bewaartermijn van het programma.' })
    }
    return { ok: true, wave }
  }
  const next: W = { ...wave, label: change.label ?? wave.label }
  const datesChange = (change.opensAt !== undefined && change.opensAt !== wave.opensAt) || (change.closesAt !== undefined && change.closesAt !== wave.closesAt)
  const instrumentChange = change.instrumentVersion !== undefined && change.instrumentVersion !== wave.instrumentVersion
  if (state === 'closed' && (datesChange || instrumentChange)) {
    return refuse(409, 'Wave is closed', { en: 'A closed wave is final: its dates and instrument stay as they were, so its published results never change. Plan a new wave instead.', nl: 'Een gesloten ronde is definitief: haar data en vragenlijst blijven zoals ze waren, zodat de gepubliceerde resultaten nooit veranderen. Plan in plaats daarvan een nieuwe ronde.' })
  }
  if (instrumentChange) {
    if (state !== 'planned') {
      return refuse(409, 'Wave has opened', { en: 'The instrument of a wave cannot change once it has opened: answers to one version are not answers to another.', nl: 'De vragenlijst van een ronde kan niet meer veranderen als de ronde open is: antwoorden op de ene versie zijn geen antwoorden op een andere.' })
    }
    next.instrumentVersion = change.instrumentVersion!
  }
  if (change.opensAt !== undefined && change.opensAt !== wave.opensAt) {
    if (state !== 'planned') {
      return refuse(409, 'Wave has opened', { en: 'A wave that has opened keeps its opening date: moving it would make the wave planned again or change who took part. Change only its closing date.', nl: 'Een ronde die open is, houdt haar openingsdatum: die verplaatsen zou de ronde weer gepland maken of veranderen wie meedoet. Wijzig alleen de sluitingsdatum.' })
    }
    next.opensAt = change.opensAt < now ? now : change.opensAt
  }
  if (change.closesAt !== undefined) next.closesAt = change.closesAt
  const invalid = datesRefusal(next)
  if (invalid) return { ok: false, refusal: invalid }
  if (state === 'planned' && next.closesAt <= now) {
    return refuse(400, 'Invalid dates', { en: 'A wave that has not opened cannot close in the past: it would never take answers. Choose a closing date after now.', nl: 'Een ronde die nog niet open is, kan niet in het verleden sluiten: ze zou nooit antwoorden krijgen. Kies een sluitingsdatum na nu.' })
  }
  return { ok: true, wave: next }
}

/**
 * The moment a wave began taking answers: its opening date, or when it was made if it was made
 * already open. Partners that joined later take no part in it.
 */
export const startOf = (wave: { opensAt: string; createdAt: string | null }) => (wave.createdAt && wave.createdAt > wave.opensAt ? wave.createdAt : wave.opensAt)

/** A partner takes part in a wave only if it was in the programme when the wave began taking answers. */
export const takesPart = (partner: { addedAt: string | null }, wave: { opensAt: string; createdAt: string | null }) => !partner.addedAt || partner.addedAt <= startOf(wave)

/** The group size a wave's results need: never below what its respondents were promised. */
export const groupSizeOf = (wave: { minGroupSize: number | null }, configured: number) => Math.max(configured, wave.minGroupSize ?? 0)

/**
 * The first other wave of the programme whose period overlaps [opensAt, closesAt): two waves at once
 * would split one group of respondents over two results.
 */
export function overlapping<W extends { id: string; opensAt: string; closesAt: string }>(waves: W[], opensAt: string, closesAt: string, exceptId?: string): W | undefined {
  return waves.find((w) => w.id !== exceptId && w.opensAt < closesAt && opensAt < w.closesAt)
}
