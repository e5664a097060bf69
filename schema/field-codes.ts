/**
 * The field messages schema/ writes itself, as stable codes: a schema says `msg('not-empty')`,
 * zod carries the code as the message, and a refused request is worded from it in the
 * request's language (worker/i18n/field-messages.ts, whose two catalogues the compiler holds to
 * exactly these codes). Messages zod writes itself are worded by zod's own locales.
 */

export const FIELD_MESSAGES = [
  'not-empty',
  'at-most-200-characters',
  'at-most-500-characters',
  'at-most-1000-characters',
  'password-length',
  'iso-date-time',
  'date',
  'e-mail',
  'whole-number',
  'whole-number-from-1',
  'whole-days',
  'whole-months',
  'whole-years',
  'page-number',
  'true-or-false',
  'attempt-id',
  'instrument-id',
  'answering-together',
  'questions-dimension',
] as const

export type FieldMessage = (typeof FIELD_MESSAGES)[number]

/** A field message for a zod check (`.min(1, msg('not-empty'))`), checked by the compiler against the codes above. */
export const msg = (code: FieldMessage): FieldMessage => code

/** Whether an issue's message is one of ours (a code) rather than one zod wrote. */
export const isFieldMessage = (message: string): message is FieldMessage =>
  (FIELD_MESSAGES as readonly string[]).includes(message)
