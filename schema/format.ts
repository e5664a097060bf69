/**
 * How dates, numbers, file names and return paths are written, for the Worker's pages and the
 * browser scripts alike (web/ imports it too, so it imports nothing and uses only what both
 * runtimes have).
 */

/** The languages of every page, message and export, Dutch first: the one list of them. */
export const LANGS = ['nl', 'en'] as const
export type Lang = (typeof LANGS)[number]

/** Whether a value (a `?lang=`, a cookie) names one of the page languages. */
export const isLang = (value: unknown): value is Lang => (LANGS as readonly unknown[]).includes(value)

/** The locale of a page language: Dutch as in the Netherlands, English as in Britain (day before month). */
const localeOf = (lang: Lang): string => (lang === 'nl' ? 'nl-NL' : 'en-GB')

/**
 * The time zone every day of Ketenradar is a day in: the programmes are Dutch public bodies, so a
 * wave set to open on 1 December opens at midnight in the Netherlands, not at 01:00 (UTC's
 * midnight), and "today" on the setup page, in the cron and the cadence is the Dutch today. One
 * zone for every deployment: no setting, since a wave's days must mean the same to every reader.
 * Days in it are 23 or 25 hours long twice a year (the last Sundays of March and October), so a
 * day's start is found from its calendar date (`startOfDay`), never by adding `DAY_MS`.
 */
export const TIME_ZONE = 'Europe/Amsterdam'

/** Reads a moment's wall clock in `TIME_ZONE`; `Intl` has the zone rules in workerd and the browser alike. */
const wall = new Intl.DateTimeFormat('en-GB', {
  timeZone: TIME_ZONE,
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
})

/** The wall clock of `TIME_ZONE` at `ms` (whole seconds), as the UTC milliseconds that read the same. */
function wallClock(ms: number): { day: string; asUtc: number } {
  const p: Record<string, string> = {}
  for (const part of wall.formatToParts(new Date(ms))) p[part.type] = part.value
  const day = `${p.year!.padStart(4, '0')}-${p.month}-${p.day}`
  return { day, asUtc: Date.parse(`${day}T${p.hour}:${p.minute}:${p.second}Z`) }
}

/** How far `TIME_ZONE`'s clock is ahead of UTC at `ms`: an hour in winter, two in summer. */
const offsetAt = (ms: number): number => {
  const whole = Math.floor(ms / 1000) * 1000
  return wallClock(whole).asUtc - whole
}

/** Whether a text is a calendar day (YYYY-MM-DD) rather than a moment. */
const isDay = (text: string): boolean => /^\d{4}-\d\d-\d\d$/.test(text)

/**
 * A day as the pages write it: 17 december 2026. A moment is named by its day in `TIME_ZONE`, the
 * zone the setup page sets days in, so every page names the day the lead chose; a calendar day
 * (YYYY-MM-DD) is that day wherever it is read, and so is one the browser names (a report's day,
 * when an invitation runs out), whatever zone the reader's computer is set to.
 */
export function longDate(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: 'long',
    timeZone: isDay(iso) ? 'UTC' : TIME_ZONE,
  }).format(new Date(iso))
}

/**
 * A moment to the minute, in `TIME_ZONE`, as the audit trail shows it (its heading says Dutch
 * time): "2 dec 2026, 15:05" / "2 Dec 2026, 15:05". The trail keeps staff actions to the minute,
 * so no seconds.
 */
export function minuteOf(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(localeOf(lang), {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: TIME_ZONE,
  }).format(new Date(iso))
}

/** The plural category of `n` in the language ('one', 'other', …), for counted messages (worker/i18n countOf). */
export const pluralOf = (lang: Lang, n: number): Intl.LDMLPluralRule => new Intl.PluralRules(localeOf(lang)).select(n)

/**
 * 24 hours in milliseconds: a span of time (a session, a password link), not a day of a wave,
 * which is 23 or 25 hours on the days the clocks change (`TIME_ZONE`).
 */
export const DAY_MS = 24 * 60 * 60 * 1000

/** The day (YYYY-MM-DD) a moment falls on in `TIME_ZONE`: today's as `dayOf(new Date())`. */
export const dayOf = (at: Date | string | number): string => wallClock(new Date(at).getTime()).day

/** The calendar day `days` after `day` (YYYY-MM-DD; negative for before): calendar arithmetic, no zone in it. */
export const addDays = (day: string, days: number): string =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

/**
 * The first moment of a day (YYYY-MM-DD) in `TIME_ZONE`: its midnight there, 23:00 UTC the day
 * before in winter, 22:00 in summer. The zone's offset is read at the UTC midnight first, then at
 * the moment it gives, in case the clocks changed between the two (Amsterdam's change at 02:00 or
 * 03:00, never at midnight, so the second reading holds).
 */
export function startOfDay(day: string): string {
  const utcMidnight = Date.parse(`${day}T00:00:00Z`)
  const guess = utcMidnight - offsetAt(utcMidnight)
  return new Date(utcMidnight - offsetAt(guess)).toISOString()
}

/**
 * A staff action's moment as the API and the pages give it, to the minute (as the audit trail
 * keeps its times, worker/db/audit.ts): when a wave was made, opened or closed "now", or a partner
 * added. The stored moment keeps its milliseconds, since whether a partner takes part in a wave
 * compares the two (worker/domain/wave-lifecycle.ts `takesPart`); no reader needs more than the minute.
 */
export const toMinute = <T extends string | null>(at: T): T =>
  (at === null ? null : `${new Date(at).toISOString().slice(0, 16)}Z`) as T

/**
 * A wave's moments as a reader is given them: its opening and closing (a day's start, or the
 * minute a lead opened or closed it "now") and when it was made, each to the minute (`toMinute`).
 */
export const waveToMinute = <W extends { opensAt: string; closesAt: string }>(w: W): W => {
  const shown: W = { ...w, opensAt: toMinute(w.opensAt), closesAt: toMinute(w.closesAt) }
  if ('createdAt' in w && typeof w.createdAt === 'string') Object.assign(shown, { createdAt: toMinute(w.createdAt) })
  return shown
}

/**
 * The last day a wave is open, as YYYY-MM-DD in `TIME_ZONE`: `closesAt` is the first moment it is
 * closed, the start of the day after, so its last open day is the one the moment before falls on.
 */
export const lastOpenDay = (closesAt: string): string => dayOf(Date.parse(closesAt) - 1)

/**
 * A day (YYYY-MM-DD) inside a sentence as the language writes it: "1 december 2026", "1 December
 * 2026", never the ISO code; anything that is no date is left as it is.
 */
export const dayIn = (lang: Lang, day: string): string => (Number.isNaN(Date.parse(day)) ? day : longDate(lang, day))

/** The last day a wave that closes at `closesAt` is open, inside a sentence, as `dayIn` writes a day. */
export const lastDayIn = (lang: Lang, closesAt: string): string =>
  Number.isNaN(Date.parse(closesAt)) ? closesAt : dayIn(lang, lastOpenDay(closesAt))

/** The first day a wave is open, as YYYY-MM-DD in `TIME_ZONE`: the day its `opensAt` moment falls on. */
export const firstOpenDay = (opensAt: string): string => dayOf(Date.parse(opensAt))

/**
 * Days from `now` until a wave closes at `closesAt`, counting today, in `TIME_ZONE`'s days: 1 on
 * its last open day, 0 once closed. Calendar days, so a 23- or 25-hour day counts one.
 */
export const daysLeft = (closesAt: string, now = Date.now()): number => {
  if (now >= Date.parse(closesAt)) return 0
  const from = Date.parse(`${dayOf(now)}T00:00:00Z`)
  return Math.round((Date.parse(`${lastOpenDay(closesAt)}T00:00:00Z`) - from) / DAY_MS) + 1
}

/**
 * A date input's day (YYYY-MM-DD) as the moment a wave opens (the day's start) or closes (the
 * start of the day after), both in `TIME_ZONE`.
 */
export const momentOfDay = (day: string, end: boolean): string => startOfDay(end ? addDays(day, 1) : day)

/**
 * A name as a Dutch reader looks it up: "Gemeente 's-Hertogenbosch" under H and "'t Zandt" under Z,
 * the article's apostrophe form set aside (a lead's review found it before "Gemeente Almere").
 */
const sortKey = (name: string) => name.replace(/(^|\s)['’][st][-\s]/gi, '$1')

/** Names in the alphabetical order of the page's language, for the server's sorting and the browser's alike. */
export const byNameIn = (lang: Lang): ((a: string, b: string) => number) => {
  const compare = new Intl.Collator(localeOf(lang)).compare
  return (a, b) => compare(sortKey(a), sortKey(b))
}

const nameOrder = byNameIn('nl')

/**
 * Partners and programmes as every list shows them: alphabetical as a reader sorts ("Gemeente Ede"
 * before "GGD Almelo"), not by code point as SQL's ORDER BY does (capitals first), so the heatmap's
 * order by name and every other list of the same names agree. Dutch and English collate names
 * alike (neither tailors the common order), so one order serves both; ties by code point keep it total.
 */
export const sortedByName = <T extends { name: string }>(xs: T[]): T[] =>
  xs.sort((a, b) => nameOrder(a.name, b.name) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))

/** A number with a fixed count of decimals, in the page's language (a decimal comma in Dutch). */
export const decimal = (lang: Lang, digits = 1): Intl.NumberFormat =>
  new Intl.NumberFormat(localeOf(lang), { minimumFractionDigits: digits, maximumFractionDigits: digits })

/**
 * A shown difference with its sign, one decimal unless told: +0,6, −0,3 (a real minus sign), and 0,0
 * without one: a difference that rounds to nothing has no direction to name.
 */
export const signed = (lang: Lang, x: number, digits = 1): string =>
  `${x > 0 ? '+' : x < 0 ? '−' : ''}${decimal(lang, digits).format(Math.abs(x))}`

/** A share (0–1) as a whole percentage, in the page's language. */
export const percent = (lang: Lang): Intl.NumberFormat =>
  new Intl.NumberFormat(localeOf(lang), { style: 'percent', maximumFractionDigits: 0 })

/** A name as part of a downloaded file's name: letters and digits, runs of anything else one dash, lower case. */
/** Text with its first letter a capital: a phrase worded to run on after a label, standing alone as a sentence. */
export const sentenceStart = (text: string): string => text.replace(/^./u, (c) => c.toUpperCase())

export const slug = (name: string): string =>
  name
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .toLowerCase()

/**
 * A download's file name: "ketenradar-" and its parts (programme, wave, role, what it is), each
 * made a slug, then the extension. One rule for every export and chart image, so a lead's
 * downloads sort together and name what they hold the same way.
 */
export const downloadName = (parts: readonly (string | undefined)[], extension: string): string =>
  `ketenradar-${parts
    .filter((p): p is string => !!p)
    .map(slug)
    .join('-')}.${extension}`

/**
 * CSV for spreadsheets, for the Worker's exports and the links the setup page downloads
 * (web/setup.ts) alike. A text cell is quoted when it holds a separator, quote or line break, and
 * one that starts with = + - @ or a control character is prefixed with an apostrophe, so a partner
 * named "=HYPERLINK(…)" is shown as text, not run as a formula. With `;` as separator (Dutch Excel)
 * numbers get a decimal comma. A BOM makes Excel read UTF-8. A number given as `{ fixed, digits }`
 * is written with exactly that many decimals, so that a column of means reads 3,0000 beside
 * 2,8962 rather than 3, and a shown value 2,8 rather than 2,8000.
 */
export function toCsv(
  rows: (string | number | null | { fixed: number; digits: number })[][],
  separator: ',' | ';' = ',',
): string {
  const cell = (v: string | number | null | { fixed: number; digits: number }): string => {
    if (v === null) return ''
    if (typeof v === 'object') {
      const text = v.fixed.toFixed(v.digits)
      return separator === ';' ? text.replace('.', ',') : text
    }
    if (typeof v === 'number') {
      const text = Number.isInteger(v) ? String(v) : v.toFixed(4)
      return separator === ';' ? text.replace('.', ',') : text
    }
    const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v
    return /[",;\r\n]/.test(safe) || safe !== safe.trim() ? `"${safe.replace(/"/g, '""')}"` : safe
  }
  return `\ufeff${rows.map((r) => r.map(cell).join(separator)).join('\r\n')}\r\n`
}

/**
 * Whether a path may be gone to after signing in (or out): only a page of ours under /app.
 * Anything else (another host, `//host`, `/\host`, which browsers read as `//host`) would make
 * the sign-in page an open redirect that sends a lead elsewhere.
 */
export const isAppPath = (path: string | null | undefined): path is string =>
  !!path && /^\/app(?:[/?#]|$)/.test(path) && !/[\\\s]/.test(path)

/** Whether a request's path is /app or below it (not /apple): the staff pages' area, by the rule of `isAppPath`. */
export const isAppArea = (pathname: string): boolean => isAppPath(pathname)

/**
 * Where to go after signing in: `next` where it is a page of ours (`isAppPath`), else the programme
 * list; the sign-in route (worker/routes/app-html.tsx) and the sign-in form's script (web/app-shell.ts)
 * both take this one rule.
 */
export const afterSignIn = (next: string | null | undefined): string => (isAppPath(next) ? next : '/app/programmes')

/** Fills `{name}` placeholders in a message (the catalogues in worker/i18n/ and the words pages hand their scripts); an unknown name stays as it is. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? `{${key}}`))
}
