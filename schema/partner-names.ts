/**
 * One name for the reader: case, accents' composition and spaces aside. "UWV" and "uwv" are one
 * partner to a lead scanning 40 rows, and two rows of it would each hold half its answers (a lead's
 * walk-through found the second accepted); the stored name is kept as written. The database holds
 * it beside the name, unique per programme (schema/migrations/0018_partner_name_key.sql).
 */
export const nameKey = (name: string): string =>
  name.normalize('NFC').toLocaleLowerCase('nl').replace(/\s+/g, ' ').trim()
