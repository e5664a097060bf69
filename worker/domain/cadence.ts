import { DAY_MS } from '../../schema/format.ts'
/**
 * Periodic re-assessment as plain date arithmetic, in UTC: which wave is due at a moment, and which
 * come after it. The scheduled handler acts on it; the setup page shows it.
 */

export type Cadence = { months: number; openDays: number; next: string }

/** The same day `months` later, or the month's last day when it is shorter (31 Jan + 1 → 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const d = new Date(iso)
  const target = new Date(
    Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()),
  )
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(d.getUTCDate(), lastDay))
  return target.toISOString()
}

const closingOf = (opensAt: string, openDays: number) => new Date(Date.parse(opensAt) + openDays * DAY_MS).toISOString()

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

/** A label for a wave the cadence opens: its opening month, which sorts and reads well in both languages. */
export const cadenceLabel = (opensAt: string) => opensAt.slice(0, 7)
