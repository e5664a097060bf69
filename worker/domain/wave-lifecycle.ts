import { dayOf, firstOpenDay, momentOfDay } from '../../schema/format.ts'
/**
 * What may happen to a wave, decided in one place. Every route that changes or deletes a wave
 * asks `changeWave` first (README, "Threat model"): a closed wave's results are published once,
 * so closed is final; an opened wave keeps its instrument and its opening date, so it can never
 * become "planned" again (and then deletable) or be reopened to take answers a reader can add
 * and subtract.
 */

export type WaveState = 'planned' | 'open' | 'closed'
type WaveDates = { label: string; opensAt: string; closesAt: string; instrumentVersion: number }

/** Open means accepting answers: opened and not yet closed, at `now`. */
export function waveState(wave: Pick<WaveDates, 'opensAt' | 'closesAt'>, now = new Date()): WaveState {
  const t = now.toISOString()
  if (t < wave.opensAt) return 'planned'
  return t < wave.closesAt ? 'open' : 'closed'
}

/**
 * The first last open day (YYYY-MM-DD, in schema/format.ts's `TIME_ZONE`) a wave may be given at `now` and stay open: a wave
 * whose last open day is before it closes at the start of the day after, which has passed, so
 * `waveState` calls it closed. For the setup page, which asks before a change closes a wave now.
 */
export const firstDayKeptOpen = (now = new Date()): string => dayOf(now)

export type WaveChange =
  | { kind: 'edit'; label?: string; opensAt?: string; closesAt?: string; instrumentVersion?: number }
  | { kind: 'delete' }

/**
 * Why a change may not happen: a code of the error catalogues (worker/i18n/errors-nl.ts), which
 * holds its wording; worker/services/wave-service.ts throws it, worker/http/problem.ts gives it its status.
 */
type WaveRefusal =
  | 'wave-open'
  | 'wave-has-answers'
  | 'wave-closed'
  | 'wave-opened-instrument'
  | 'wave-opened-dates'
  | 'closes-before-opens'
  | 'closes-in-past'
type Decision<W> = { ok: true; wave: W } | { ok: false; refusal: WaveRefusal }

const refuse = (refusal: WaveRefusal): { ok: false; refusal: WaveRefusal } => ({ ok: false, refusal })

/** Why a new or changed wave's dates cannot be, or null: a wave closes after it opens. */
export function datesRefusal(dates: Pick<WaveDates, 'opensAt' | 'closesAt'>): 'closes-before-opens' | null {
  return dates.closesAt > dates.opensAt ? null : 'closes-before-opens'
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
export function changeWave<W extends WaveDates>(
  wave: W,
  change: WaveChange,
  ctx: { now: Date; answered: boolean },
): Decision<W> {
  const state = waveState(wave, ctx.now)
  const now = ctx.now.toISOString()
  if (change.kind === 'delete') {
    if (state === 'open') {
      return refuse('wave-open')
    }
    if (ctx.answered) {
      return refuse('wave-has-answers')
    }
    return { ok: true, wave }
  }
  const next: W = { ...wave, label: change.label ?? wave.label }
  const datesChange =
    (change.opensAt !== undefined && change.opensAt !== wave.opensAt) ||
    (change.closesAt !== undefined && change.closesAt !== wave.closesAt)
  const instrumentChange = change.instrumentVersion !== undefined && change.instrumentVersion !== wave.instrumentVersion
  if (state === 'closed' && (datesChange || instrumentChange)) {
    return refuse('wave-closed')
  }
  if (instrumentChange) {
    if (state !== 'planned') {
      return refuse('wave-opened-instrument')
    }
    next.instrumentVersion = change.instrumentVersion!
  }
  if (change.opensAt !== undefined && change.opensAt !== wave.opensAt) {
    if (state !== 'planned') {
      return refuse('wave-opened-dates')
    }
    next.opensAt = change.opensAt < now ? now : change.opensAt
  }
  if (change.closesAt !== undefined) next.closesAt = change.closesAt
  // An open wave closed on the day it opened: the setup page sends the day before as its last day,
  // the start of the opening day, a moment before it opened, which was refused as dates in the wrong
  // order although the page had asked "close now?" (a lead's walk-through). It was open until now, so
  // it closes now. A moment before that day (a year mistyped) is still refused.
  const openingDay = momentOfDay(firstOpenDay(wave.opensAt), false)
  if (state === 'open' && next.closesAt <= next.opensAt && next.closesAt >= openingDay) next.closesAt = now
  const invalid = datesRefusal(next)
  if (invalid) return refuse(invalid)
  if (state === 'planned' && next.closesAt <= now) {
    return refuse('closes-in-past')
  }
  return { ok: true, wave: next }
}

/**
 * The moment a wave began taking answers: its opening date, or when it was made if it was made
 * already open. Partners that joined later take no part in it.
 */
const startOf = (wave: { opensAt: string; createdAt: string | null }) =>
  wave.createdAt && wave.createdAt > wave.opensAt ? wave.createdAt : wave.opensAt

/** A partner takes part in a wave only if it was in the programme when the wave began taking answers. */
export const takesPart = (partner: { addedAt: string | null }, wave: { opensAt: string; createdAt: string | null }) =>
  !partner.addedAt || partner.addedAt <= startOf(wave)

/**
 * Why no survey link may be made for a partner × role in a wave, or null: a closed wave takes no
 * answers, a partner that joined after the wave opened takes no part in it, and a group without a
 * headcount has no bound on the answer sets it takes (README, "Threat model"). The setup page's
 * links (worker/services/link-service.ts) and the cadence's (worker/services/cadence-service.ts) both ask this.
 */
export function whyNoLink(
  wave: { opensAt: string; closesAt: string; createdAt: string | null },
  partner: { addedAt: string | null; headcounts: Partial<Record<string, number | null>> },
  role: string,
  now = new Date(),
): 'wave-closed-for-links' | 'partner-joined-later' | 'headcount-needed' | null {
  if (waveState(wave, now) === 'closed') return 'wave-closed-for-links'
  if (!takesPart(partner, wave)) return 'partner-joined-later'
  if (!partner.headcounts[role]) return 'headcount-needed'
  return null
}

/** A headcount recorded while a wave was open (worker/domain/records.ts `WaveChangeRecord`). */
type HeadcountChange = {
  partnerId: string
  role: string
  kind: string
  headcountFrom: number | null
  headcountTo: number | null
}

/**
 * Whether a group's known headcount is below k: it takes at most its headcount of answer sets, so it
 * never reaches k, is never shown and does not count in the programme as a whole (the results
 * page's `suppressedExplain`); its answers are never used. A headcount of 0 or none is not known.
 * In a wave, its headcount is the largest since the wave opened, as the statements that take
 * answer sets read it (worker/db/headcount-sql.ts), from the headcounts recorded in it (`changes`):
 * a group lowered from 10 to 3 while the wave is open may still take 10 and be shown (a hostile review).
 */
export const belowGroupSize = (
  partner: { id: string; headcounts: Partial<Record<string, number | null>> },
  role: string,
  k: number,
  changes: readonly HeadcountChange[] = [],
): boolean => {
  const n = groupBound(partner, role, changes)
  return n !== null && n < k
}

/**
 * The most answer sets a group may take in a wave: its headcount, or the largest recorded in the
 * wave since it opened (`changes`), where that is larger; null where none is known. What a page
 * says of the group (below k, "6 antwoorden (30% van 20)") reads this number, the one the wave
 * judges it by: a lowered headcount read "200% van 3" and "minder dan 5" for a group that may
 * still take 20 and be shown (a hostile review).
 */
export function groupBound(
  partner: { id: string; headcounts: Partial<Record<string, number | null>> },
  role: string,
  changes: readonly HeadcountChange[] = [],
): number | null {
  const recorded = changes
    .filter((c) => c.kind === 'headcount' && c.partnerId === partner.id && c.role === role)
    .flatMap((c) => [c.headcountFrom ?? 0, c.headcountTo ?? 0])
  const n = Math.max(partner.headcounts[role] ?? 0, ...recorded)
  return n > 0 ? n : null
}

/** The group size a wave's results need: never below what its respondents were promised. */
export const groupSizeOf = (wave: { minGroupSize: number | null }, configured: number) =>
  Math.max(configured, wave.minGroupSize ?? 0)

/**
 * When a new wave set to open at `opensAt` opens, beside the programme's `waves` at `now`: at
 * `opensAt`, or, where a wave already closed by now closed later on that same day, at the latest
 * such closing. A wave closed "now" on its opening day ran until that moment (`changeWave`), so a
 * new wave set to open that day, at its start, overlapped it and was refused, and the lead could
 * not start again until the next day (a hostile review). Only a wave already closed moves the
 * opening, only to a moment already past (so the new wave opens at once) and only within its
 * opening day (so no earlier period is silently cut); anything else that overlaps is refused.
 */
export function openingAfter(
  waves: readonly { opensAt: string; closesAt: string }[],
  opensAt: string,
  now: Date,
): string {
  const t = now.toISOString()
  const day = dayOf(opensAt)
  return waves
    .map((w) => w.closesAt)
    .filter((c) => c > opensAt && c <= t && dayOf(c) === day)
    .reduce((at, c) => (c > at ? c : at), opensAt)
}

/**
 * The first other wave of the programme whose period overlaps [opensAt, closesAt): two waves at once
 * would split one group of respondents over two results.
 */
export function overlapping<W extends { id: string; opensAt: string; closesAt: string }>(
  waves: W[],
  opensAt: string,
  closesAt: string,
  exceptId?: string,
): W | undefined {
  return waves.find((w) => w.id !== exceptId && w.opensAt < closesAt && opensAt < w.closesAt)
}
