import { z } from 'zod'
import { type FieldMessage, isFieldMessage } from '../../schema/field-codes.ts'
import type { Lang } from '../../schema/format.ts'
import type { LineFault } from '../../schema/partner-names.ts'
import { PASSWORD_MIN_LENGTH } from '../../schema/password.ts'
import type { AnswerProblem } from '../domain/scoring.ts'

/**
 * The wording of every field message schema/ writes, by its code (schema/field-codes.ts), in
 * both languages: the type makes a code without its Dutch or English fail to compile. English is
 * the API's default, so a refused request names its fields in the words it always did.
 */
const fieldMessages: Record<Lang, Record<FieldMessage, string>> = {
  en: {
    'not-empty': 'must not be empty',
    'at-most-200-characters': 'must be at most 200 characters',
    'at-most-500-characters': 'must be at most 500 characters',
    'at-most-1000-characters': 'must be at most 1000 characters',
    'password-length': `must be at least ${PASSWORD_MIN_LENGTH} characters`,
    'iso-date-time': 'must be an ISO 8601 date and time, e.g. 2026-03-01T00:00:00Z',
    date: 'must be a date, e.g. 2026-06-30',
    'e-mail': 'must be an e-mail address, e.g. naam@organisatie.nl',
    'whole-number': 'must be a whole number',
    'whole-number-from-1': 'must be a whole number of at least 1',
    'whole-days': 'must be a whole number of days',
    'whole-months': 'must be a whole number of months',
    'whole-years': 'must be a whole number of years',
    'page-number': 'must be a page number, e.g. 2',
    'true-or-false': 'must be true or false',
    'attempt-id': 'must be a UUID made once per attempt (crypto.randomUUID())',
    'instrument-id': 'must be the instrument id the survey page named',
    'answering-together': 'give instrument, version and role together (what the survey page served), or none of them',
    'questions-dimension': 'must be "all" or a dimension key of the role, such as "coaching"',
  },
  nl: {
    'not-empty': 'mag niet leeg zijn',
    'at-most-200-characters': 'mag ten hoogste 200 tekens lang zijn',
    'at-most-500-characters': 'mag ten hoogste 500 tekens lang zijn',
    'at-most-1000-characters': 'mag ten hoogste 1000 tekens lang zijn',
    'password-length': `moet ten minste ${PASSWORD_MIN_LENGTH} tekens lang zijn`,
    'iso-date-time': 'moet een datum en tijd in ISO 8601 zijn, bijvoorbeeld 2026-03-01T00:00:00Z',
    date: 'moet een datum zijn, bijvoorbeeld 2026-06-30',
    'e-mail': 'moet een e-mailadres zijn, bijvoorbeeld naam@organisatie.nl',
    'whole-number': 'moet een geheel getal zijn',
    'whole-number-from-1': 'moet een geheel getal van ten minste 1 zijn',
    'whole-days': 'moet een geheel aantal dagen zijn',
    'whole-months': 'moet een geheel aantal maanden zijn',
    'whole-years': 'moet een geheel aantal jaren zijn',
    'page-number': 'moet een paginanummer zijn, bijvoorbeeld 2',
    'true-or-false': 'moet true of false zijn',
    'attempt-id': 'moet een UUID zijn, één keer per poging gemaakt (crypto.randomUUID())',
    'instrument-id': 'moet het instrument zijn dat de vragenlijstpagina noemde',
    'answering-together': 'geef instrument, versie en rol samen (wat de vragenlijstpagina gaf), of geen van drieën',
    'questions-dimension': 'moet "all" zijn of de sleutel van een dimensie van de rol, zoals "coaching"',
  },
}

/**
 * One failing field of a request as zod reports it: where, its message (one of our codes, or
 * zod's English) and zod's own issue code (`invalid_type`, `too_small`, …).
 */
export type FieldIssue = {
  path: readonly PropertyKey[]
  message: string
  code?: string
  expected?: unknown
  /** zod's bounds of a `too_big` / `too_small` issue, and what they bound (`number`, `string`, …). */
  origin?: unknown
  maximum?: unknown
  minimum?: unknown
  inclusive?: unknown
}

/** A field left out: zod words it as a type clash ("expected string, received undefined"). */
const isMissing = (issue: FieldIssue) => issue.code === 'invalid_type' && /received undefined$/.test(issue.message)

/** The type zod expected, in words a person reads (zod's Dutch locale leaves "string" as it is). */
const typeWords: Record<Lang, Record<string, string>> = {
  en: { string: 'text', number: 'number', boolean: 'true or false', object: 'object', array: 'list' },
  nl: { string: 'tekst', number: 'getal', boolean: 'true of false', object: 'object', array: 'lijst' },
}

/**
 * One failing field of a request as the problem+json body lists it: its path, a stable code for
 * a program (ours, schema/field-codes.ts, where the schema names one, else zod's issue code)
 * and the message in the request's language.
 */
type FieldError = { path: string; code: string; message: string }

const zodNl = z.locales.nl().localeError

/**
 * A field's message in one language: ours from the catalogue above, zod's own in English as zod
 * wrote it or in Dutch from zod's Dutch locale. zod keeps no input in an issue, so its "received
 * undefined" is dropped.
 */
export function fieldMessageIn(lang: Lang, issue: FieldIssue): string {
  if (isFieldMessage(issue.message)) return fieldMessages[lang][issue.message]
  // A field left out is the commonest mistake; zod words it as a type clash ("expected string,
  // received undefined"), which sends a person looking for a wrong value instead of a missing one.
  if (isMissing(issue)) {
    const expected =
      typeof issue.expected === 'string' ? (typeWords[lang][issue.expected] ?? issue.expected) : undefined
    if (lang === 'en') return expected ? `is missing (expected ${expected})` : 'is missing'
    return expected ? `ontbreekt (verwacht: ${expected})` : 'ontbreekt'
  }
  // A number out of bounds: zod's Dutch read "Te groot: verwacht dat number <=1000000 is" (a lead's walk-through).
  if ((issue.code === 'too_big' || issue.code === 'too_small') && issue.origin === 'number') {
    const big = issue.code === 'too_big'
    const bound = Number(big ? issue.maximum : issue.minimum)
    const shown = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB').format(bound)
    const strict = issue.inclusive === false
    if (lang === 'en')
      return big
        ? `must be ${strict ? 'below' : 'at most'} ${shown}`
        : `must be ${strict ? 'above' : 'at least'} ${shown}`
    return big
      ? `moet ${strict ? 'kleiner dan' : 'ten hoogste'} ${shown} zijn`
      : `moet ${strict ? 'groter dan' : 'ten minste'} ${shown} zijn`
  }
  if (lang === 'en') return issue.message
  const theirs = zodNl(issue as never)
  const text = typeof theirs === 'string' ? theirs : theirs?.message
  return text ? text.replace(/, ontving undefined$/, '') : issue.message
}

/** The failing fields of a request, in one language: each with its path, code and message. */
export const fieldErrorsIn = (lang: Lang, issues: readonly FieldIssue[]): FieldError[] =>
  issues.map((i) => ({
    path: i.path.map(String).join('.'),
    // `missing` for a field left out, which zod's code (`invalid_type`) does not tell from a wrong value.
    code: isFieldMessage(i.message) ? i.message : isMissing(i) ? 'missing' : (i.code ?? 'invalid'),
    message: fieldMessageIn(lang, i),
  }))

/** Names each failing field (at most ten) so the caller can fix the request without reading our source. */
export const describeFields = (lang: Lang, issues: readonly FieldIssue[]): string =>
  issues
    .slice(0, 10)
    .map((i) =>
      i.path.length ? `${i.path.map(String).join('.')}: ${fieldMessageIn(lang, i)}` : fieldMessageIn(lang, i),
    )
    .join('; ')

type AnswerFault<C extends AnswerProblem['code']> = Extract<AnswerProblem, { code: C }>
const plural = (n: number, one: string, other: string) => (n > 1 ? other : one)

/**
 * The wording of every fault of an answer set (worker/domain/scoring.ts `validateAnswers`) by its
 * code, in both languages, as the field messages above are: the type makes a code without its
 * Dutch or English fail to compile.
 */
const answerFaults: Record<Lang, { [C in AnswerProblem['code']]: (p: AnswerFault<C>) => string }> = {
  en: {
    'not-an-object': () => 'answers must be an object of question name → answer',
    'not-a-question': (p) => `"${p.question}" is not a question of this survey`,
    'off-scale': (p) =>
      `"${p.question}" must be a whole number from ${p.min} to ${p.max} or "${p.dontKnow}" (don't know), not ${p.value}`,
    'text-too-long': (p) => `"${p.question}" must be text of at most 2000 characters`,
    unanswered: (p) =>
      `${plural(p.questions.length, 'required question', 'required questions')} not answered: ${p.questions.join(', ')}`,
    more: (p) => `and ${p.count} more faults`,
  },
  nl: {
    'not-an-object': () => 'answers moet een object van vraagnaam → antwoord zijn',
    'not-a-question': (p) => `"${p.question}" is geen vraag van deze vragenlijst`,
    'off-scale': (p) =>
      `"${p.question}" moet een geheel getal van ${p.min} tot en met ${p.max} zijn of "${p.dontKnow}" (weet ik niet), niet ${p.value}`,
    'text-too-long': (p) => `"${p.question}" moet tekst van ten hoogste 2000 tekens zijn`,
    unanswered: (p) =>
      `${plural(p.questions.length, 'verplichte vraag', 'verplichte vragen')} niet beantwoord: ${p.questions.join(', ')}`,
    more: (p) => `en nog ${p.count} andere fouten`,
  },
}

/** One fault of an answer set, in one language. */
export const answerProblemIn = (lang: Lang, p: AnswerProblem): string =>
  (answerFaults[lang][p.code] as (p: AnswerProblem) => string)(p)

/** The faults of an answer set as the problem+json body lists them: path, code and message, as a request's fields are. */
export const answerErrorsIn = (lang: Lang, problems: readonly AnswerProblem[]): FieldError[] =>
  problems.map((p) => ({
    path: 'question' in p ? `answers.${p.question}` : 'answers',
    code: p.code,
    message: answerProblemIn(lang, p),
  }))

/** A pasted partner line's columns, by the single add's path, as the paste's hint names them (`partnersPasteHint`, nl.ts). */
const lineColumns: Record<Lang, Record<string, string>> = {
  en: {
    name: 'name',
    'headcounts.medewerker': 'number of staff',
    'headcounts.teammanager': 'number of team managers',
    'headcounts.tactisch': 'number of tactical managers',
  },
  nl: {
    name: 'naam',
    'headcounts.medewerker': 'aantal medewerkers',
    'headcounts.teammanager': 'aantal teammanagers',
    'headcounts.tactisch': 'aantal tactisch managers',
  },
}

/** The column a fault of a pasted line is in: the single add's field, the name, or the line as a whole. */
const faultField = (f: LineFault): string =>
  f.kind === 'field' ? f.issue.path.map(String).join('.') : f.kind === 'too-many-columns' ? 'line' : 'name'

/**
 * The wording of every fault of a pasted partner line (schema/partner-names.ts) by its kind, in
 * both languages: the line by its number, its column, and what to change.
 */
const lineFaults: Record<Lang, { [K in LineFault['kind']]: (f: Extract<LineFault, { kind: K }>) => string }> = {
  en: {
    field: (f) => fieldMessageIn('en', f.issue),
    'same-as-line': (f) => `is already on line ${f.other} (the same but for capitals and spaces); leave one out`,
    'too-many-columns': (f) =>
      `has ${f.columns} columns; give a name and at most three numbers (staff, team managers, tactical managers). A name with a comma in it: separate the columns with a semicolon or a tab, or put the name in double quotes`,
  },
  nl: {
    field: (f) => fieldMessageIn('nl', f.issue),
    'same-as-line': (f) => `staat al op regel ${f.other} (hetzelfde, op hoofdletters en spaties na); laat er één weg`,
    'too-many-columns': (f) =>
      `heeft ${f.columns} kolommen; geef een naam en ten hoogste drie aantallen (medewerkers, teammanagers, tactisch managers). Staat er een komma in de naam, scheid de kolommen dan met een puntkomma of een tab, of zet de naam tussen dubbele aanhalingstekens`,
  },
}

/** One fault of a pasted partner line, in one language, with its line and column: "Regel 3, naam: mag niet leeg zijn". */
export function lineFaultIn(lang: Lang, f: LineFault): string {
  const field = faultField(f)
  // The cell as pasted, where there is one: the text field has no line numbers, so "12.5" finds it.
  const cell = f.kind === 'field' && f.cell.trim() !== '' ? ` (“${f.cell.trim().slice(0, 60)}”)` : ''
  const where =
    field === 'line'
      ? `${lang === 'nl' ? 'Regel' : 'Line'} ${f.line}`
      : `${lang === 'nl' ? 'Regel' : 'Line'} ${f.line}, ${lineColumns[lang][field] ?? field}${cell}`
  return `${where}${field === 'line' ? '' : ':'} ${(lineFaults[lang][f.kind] as (f: LineFault) => string)(f)}`
}

/**
 * The faults of a paste as the problem+json body lists them: each with the request's field
 * (`text`), the line's number, its column (the single add's path), a code and the message.
 */
export const lineErrorsIn = (lang: Lang, faults: readonly LineFault[]) =>
  faults.map((f) => ({
    path: 'text',
    line: f.line,
    field: faultField(f),
    code:
      f.kind !== 'field'
        ? f.kind
        : isFieldMessage(f.issue.message)
          ? f.issue.message
          : isMissing(f.issue)
            ? 'missing'
            : f.issue.code,
    message: lineFaultIn(lang, f),
  }))
