import type { z } from 'zod'
import { PartnerBody } from './api.ts'
import { ROLES, type Role } from './instrument.ts'

/**
 * One name for the reader: case, accents' composition and spaces aside. "UWV" and "uwv" are one
 * partner to a lead scanning 40 rows, and two rows of it would each hold half its answers (a lead's
 * walk-through found the second accepted); the stored name is kept as written. The database holds
 * it beside the name, unique per programme (schema/migrations/0018_partner_name_key.sql).
 */
export const nameKey = (name: string): string =>
  name.normalize('NFC').toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim()

/** How many partners one paste may add: a large chain has about 40, and a mistaken paste of a whole sheet is refused whole. */
export const MAX_PARTNER_LINES = 200

/** A pasted line that reads as a partner: its number in the text (from 1) and the body a single add would take. */
export type PartnerLine = { line: number; body: z.infer<typeof PartnerBody> }

/**
 * Why a pasted line cannot be added, by its number in the text: a field the single add refuses
 * (zod's issue, its path that of the single add's body, `name` or `headcounts.<role>`), a name
 * another line of the paste already has, or more columns than a name and three headcounts. A name a
 * partner of the programme has is no fault: the service skips its line
 * (worker/services/partner-import.ts).
 */
export type LineFault =
  /** `cell`: what the line holds in that column, as pasted, so the message can quote it. */
  | { line: number; kind: 'field'; issue: z.core.$ZodIssue; cell: string }
  | { line: number; kind: 'same-as-line'; other: number }
  | { line: number; kind: 'too-many-columns'; columns: number }

/** A column's separator as a spreadsheet's copy writes it, in the order one is looked for. */
const SEPARATORS = ['\t', ';', ','] as const

const BREAK = /\r\n|\r|\n/g

/** A row of a paste, read with separator `sep`: its cells as written, where it ends, and whether `sep` was met. */
type Row = { cells: string[]; end: number; split: boolean }

/**
 * Where the cell a double quote at `open` opens is closed, for every such quote of `text`, from
 * one pass over it: within a quoted cell two quotes are one, so a run of quotes closes the cell
 * when an odd number of them is left over (the last one then closes it); null when none does.
 * One pass, so that reading a paste takes time in proportion to its length, whatever its quotes.
 */
function closers(text: string): (open: number) => number | null {
  const runs: { start: number; length: number }[] = []
  for (const m of text.matchAll(/"+/g)) runs.push({ start: m.index, length: m[0].length })
  const byStart = new Map(runs.map((r, i) => [r.start, i]))
  // The first run from each one on whose length is odd.
  const nextOdd: (number | null)[] = []
  for (let i = runs.length - 1; i >= 0; i--) nextOdd[i] = runs[i]!.length % 2 ? i : (nextOdd[i + 1] ?? null)
  return (open) => {
    const i = byStart.get(open)
    if (i === undefined) return null
    const run = runs[i]!
    if (run.length % 2 === 0) return open + run.length - 1
    const odd = nextOdd[i + 1] ?? null
    return odd === null ? null : runs[odd]!.start + runs[odd]!.length - 1
  }
}

/**
 * One row of `text` from `at`, as a spreadsheet reads its copy (RFC 4180's quoting within the
 * row): a cell that begins with a double quote runs to the quote that closes it (`closers`), a
 * separator or a line break inside it being the cell's own, and two quotes in it are one. Excel
 * and LibreOffice quote so a cell that holds a separator, a quote or a line break ("Gemeente
 * ""Noord"", afdeling Jeugd"), and a lead's walk-through found the quotes kept in the name. A quote
 * anywhere else in a cell is an ordinary character, and so is an opening quote that nothing closes:
 * a name typed with one quote (`"UWV;1200`) is not to swallow the rest of the paste. What follows a
 * closing quote up to the separator is kept, as the spreadsheets keep it.
 */
function rowAt(text: string, at: number, sep: string | null, closerOf: (open: number) => number | null): Row {
  const cells: string[] = []
  const endOfCell = (from: number) => {
    let j = from
    while (j < text.length && text[j] !== sep && text[j] !== '\n' && text[j] !== '\r') j++
    return j
  }
  let i = at
  for (;;) {
    let open = i
    while (text[open] === ' ') open++
    const close = text[open] === '"' ? closerOf(open) : null
    const end = endOfCell(close ?? i)
    cells.push(
      close === null
        ? text.slice(i, end)
        : text.slice(open + 1, close).replaceAll('""', '"') + text.slice(close + 1, end),
    )
    i = end
    if (sep === null || text[i] !== sep) return { cells, end: i, split: cells.length > 1 }
    i++
  }
}

/** The row at `at` split by the first of `SEPARATORS` it holds outside quotes, each tried only if the one before is not there. */
function splitRow(text: string, at: number, closerOf: (open: number) => number | null): Row {
  for (const sep of SEPARATORS) {
    const row = rowAt(text, at, sep, closerOf)
    if (row.split) return row
  }
  return rowAt(text, at, null, closerOf)
}

/**
 * The rows of a paste that hold anything, each with the number of the line it begins on as the lead
 * sees it in the text field; a quoted cell may hold line breaks, and the rows after it keep their
 * lines' numbers. Each row's separator is its own: a tab, else a semicolon (a Dutch spreadsheet's
 * CSV), else a comma, the first met outside quotes; a name that holds a comma is pasted with one
 * of the others, or quoted.
 */
export function pastedLines(text: string): { line: number; columns: string[] }[] {
  const rows: { line: number; columns: string[] }[] = []
  const closerOf = closers(text)
  let at = 0
  let line = 1
  while (at <= text.length) {
    const row = splitRow(text, at, closerOf)
    const raw = text.slice(at, row.end)
    if (raw.trim() !== '') {
      // A line break in a quoted cell reads as a space: a partner's name is one line in the table.
      const columns = row.cells.map((c) => c.replace(/\s*[\r\n]+\s*/g, ' ').trim())
      // A sheet's copy ends a row with empty cells; they say nothing.
      while (columns.length > 1 && columns.at(-1) === '') columns.pop()
      rows.push({ line, columns })
    }
    line += raw.match(BREAK)?.length ?? 0
    if (row.end >= text.length) break
    // The row's own line break: one, whether CRLF, CR or LF.
    at = row.end + (text.startsWith('\r\n', row.end) ? 2 : 1)
    line++
  }
  return rows
}

/**
 * A headcount as a sheet shows it: empty is not known, "1200" or "1.200" (Dutch thousands) a
 * number; a decimal or a negative number is handed on as a number for the single add's bounds to
 * word, anything else is a whole number it is not.
 */
function headcountOf(text: string): number | null | string {
  if (text === '') return null
  if (/^\d{1,3}([.\u00a0 ]\d{3})+$/.test(text)) return Number(text.replace(/[.\u00a0 ]/g, ''))
  if (/^-?\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'))
  return text
}

/**
 * Reads a paste of partners, one a line: a name, then the headcounts of staff, team managers and
 * tactical managers, each optional. Every line is held to the single add's schema (`PartnerBody`,
 * schema/api.ts), and two lines that read as one name (`nameKey`) are a fault of the later one.
 * The lines that fit and the faults of those that do not; whether a name is taken already is the
 * service's to ask (worker/services/partner-import.ts).
 */
export function readPartnerLines(text: string): { lines: PartnerLine[]; faults: LineFault[] } {
  const lines: PartnerLine[] = []
  const faults: LineFault[] = []
  const seen = new Map<string, number>()
  for (const [i, { line, columns }] of pastedLines(text).entries()) {
    // A sheet's header row ("Naam;Medewerkers;…"): the first line, whose every count column holds
    // words and no number. Nearly every sheet has one, and it was refused as three wrong counts (a
    // lead's walk-through); no partner line can look so, its counts being numbers or empty.
    if (i === 0 && columns.length > 1 && columns.slice(1).every((c) => c !== '' && !/\d/.test(c))) continue
    if (columns.length > 1 + ROLES.length) {
      faults.push({ line, kind: 'too-many-columns', columns: columns.length })
      continue
    }
    const [name = '', ...counts] = columns
    const headcounts: Partial<Record<Role, number | null>> = {}
    const notNumbers: z.core.$ZodIssue[] = []
    ROLES.forEach((role, i) => {
      const count = headcountOf(counts[i] ?? '')
      if (typeof count === 'string')
        notNumbers.push({ code: 'custom', path: ['headcounts', role], message: 'whole-number' })
      else headcounts[role] = count
    })
    const parsed = PartnerBody.safeParse({ name, headcounts })
    const issues = [...(parsed.success ? [] : parsed.error.issues), ...notNumbers]
    if (issues.length || !parsed.success) {
      const cellOf = (issue: z.core.$ZodIssue) =>
        issue.path[0] === 'headcounts' ? (counts[ROLES.indexOf(issue.path[1] as Role)] ?? '') : name
      faults.push(...issues.map((issue) => ({ line, kind: 'field' as const, issue, cell: cellOf(issue) })))
      continue
    }
    const key = nameKey(parsed.data.name)
    const other = seen.get(key)
    if (other !== undefined) faults.push({ line, kind: 'same-as-line', other })
    else {
      seen.set(key, line)
      lines.push({ line, body: parsed.data })
    }
  }
  return { lines, faults }
}
