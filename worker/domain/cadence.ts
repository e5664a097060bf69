import { addDays, dayOf, startOfDay } from '../../schema/format.ts'
/**
 * Periodic re-assessment as calendar arithmetic on the days of `TIME_ZONE` (schema/format.ts):
 * which wave is due at a moment, and which come after it. The scheduled handler acts on it; the
 * setup page shows it. A wave opens at the start of a Dutch day and is open a number of whole
 * Dutch days, 23 or 25 hours long where the clocks change, so no span here is counted in hours.
 */

export type Cadence = { months: number; openDays: number; next: string }

/** A moment as its day in `TIME_ZONE` and the milliseconds since that day's start (0 for a day's start). */
const split = (iso: string) => {
  const day = dayOf(iso)
  return { day, within: Date.parse(iso) - Date.parse(startOfDay(day)) }
}

/** `within` milliseconds into `day` (`TIME_ZONE`), as a moment. */
const join = (day: string, within: number) => new Date(Date.parse(startOfDay(day)) + within).toISOString()

/**
 * The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb),
 * as Dutch calendar days: a wave opening at midnight on 1 March opens at midnight on 1 September.
 */
export function addMonths(iso: string, months: number): string {
  const { day, within } = split(iso)
  const [y, m, d] = day.split('-').map(Number) as [number, number, number]
  const first = new Date(Date.UTC(y, m - 1 + months, 1))
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
  first.setUTCDate(Math.min(d, lastDay))
  return join(first.toISOString().slice(0, 10), within)
}

/** A wave opening at `opensAt` and open `openDays` Dutch days closes at the start of the day after the last. */
const closingOf = (opensAt: string, openDays: number) => {
  const { day, within } = split(opensAt)
  return join(addDays(day, openDays), within)
}

/**
 * What the scheduled handler does at `now`: nothing before `next`; after it, open the latest
 * period that has begun — when it is still running — and move `next` past `now`. A handler that
 * missed runs (down for months) opens only the period it can still be answered in, never a backlog
 * of waves that are already over.
 */
export function dueAt(
  cadence: Cadence,
  now: Date,
): { open: { opensAt: string; closesAt: string } | null; next: string } | null {
  const t = now.toISOString()
  if (t < cadence.next) return null
  let start = cadence.next
  while (addMonths(start, cadence.months) <= t) start = addMonths(start, cadence.months)
  const closesAt = closingOf(start, cadence.openDays)
  return { open: t < closesAt ? { opensAt: start, closesAt } : null, next: addMonths(start, cadence.months) }
}

/** The next `count` waves the cadence will open, for the lead to see (and move or skip). */
export function comingWaves(cadence: Cadence, count: number): { opensAt: string; closesAt: string }[] {
  const out: { opensAt: string; closesAt: string }[] = []
  let start = cadence.next
  for (let i = 0; i < count; i++) {
    out.push({ opensAt: start, closesAt: closingOf(start, cadence.openDays) })
    start = addMonths(start, cadence.months)
  }
  return out
}

/**
 * A label for a wave the cadence opens: its opening month in `TIME_ZONE` (a wave opening on 1 March
 * opens at 23:00 UTC on 28 February), which sorts and reads well in both languages.
 */
export const cadenceLabel = (opensAt: string) => dayOf(opensAt).slice(0, 7)
