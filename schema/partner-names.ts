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
 * another line of the paste already has, one a partner of the programme has, or more columns than
 * a name and three headcounts.
 */
export type LineFault =
  /** `cell`: what the line holds in that column, as pasted, so the message can quote it. */
  | { line: number; kind: 'field'; issue: z.core.$ZodIssue; cell: string }
  | { line: number; kind: 'same-as-line'; other: number }
  | { line: number; kind: 'partner-exists'; name: string }
  | { line: number; kind: 'too-many-columns'; columns: number }

/**
 * A column's separator as a spreadsheet's copy writes it: a tab, else a semicolon (a Dutch
 * spreadsheet's CSV), else a comma; a name that holds a comma is pasted with one of the others.
 */
const separatorOf = (line: string) => ['\t', ';', ','].find((s) => line.includes(s))

/** The lines of a paste that hold anything, with their numbers as the lead sees them in the text field. */
export function pastedLines(text: string): { line: number; columns: string[] }[] {
  return text
    .split(/\r\n|\r|\n/)
    .map((raw, i) => ({ line: i + 1, raw }))
    .filter(({ raw }) => raw.trim() !== '')
    .map(({ line, raw }) => {
      const sep = separatorOf(raw)
      const columns = (sep ? raw.split(sep) : [raw]).map((c) => c.trim())
      // A sheet's copy ends a row with empty cells; they say nothing.
      while (columns.length > 1 && columns.at(-1) === '') columns.pop()
      return { line, columns }
    })
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
