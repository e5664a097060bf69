/**
 * The Dutch of every field message schema/api.ts writes itself (in English, the API's default),
 * so that a refusal of bad input says in Dutch which field to fix. Messages zod writes are put
 * in Dutch by zod's own Dutch locale (worker/http/validate.ts). tests/node/documents.test.ts
 * checks that every message written in schema/api.ts is here.
 */
export const fieldMessagesNl: Readonly<Record<string, string>> = {
  'give instrument, version and role together (what the survey page served), or none of them':
    'geef instrument, versie en rol samen (wat de vragenlijstpagina gaf), of geen van drieën',
  'must be a UUID made once per attempt (crypto.randomUUID())':
    'moet een UUID zijn, één keer per poging gemaakt (crypto.randomUUID())',
  'must be a date, e.g. 2026-06-30': 'moet een datum zijn, bijvoorbeeld 2026-06-30',
  'must be a page number, e.g. 2': 'moet een paginanummer zijn, bijvoorbeeld 2',
  'must be a whole number of at least 1': 'moet een geheel getal van ten minste 1 zijn',
  'must be a whole number of days': 'moet een geheel aantal dagen zijn',
  'must be a whole number of months': 'moet een geheel aantal maanden zijn',
  'must be a whole number of years': 'moet een geheel aantal jaren zijn',
  'must be a whole number': 'moet een geheel getal zijn',
  'must be an ISO 8601 date and time, e.g. 2026-03-01T00:00:00Z':
    'moet een datum en tijd in ISO 8601 zijn, bijvoorbeeld 2026-03-01T00:00:00Z',
  'must be an e-mail address, e.g. naam@organisatie.nl': 'moet een e-mailadres zijn, bijvoorbeeld naam@organisatie.nl',
  'must be at least 10 characters': 'moet ten minste 10 tekens lang zijn',
  'must be "all" or a dimension key of the role, such as "coaching"':
    'moet "all" zijn of de sleutel van een dimensie van de rol, zoals "coaching"',
  'must be at most 1000 characters': 'mag ten hoogste 1000 tekens lang zijn',
  'must be at most 200 characters': 'mag ten hoogste 200 tekens lang zijn',
  'must be at most 500 characters': 'mag ten hoogste 500 tekens lang zijn',
  'must be the instrument id the survey page named': 'moet het instrument zijn dat de vragenlijstpagina noemde',
  'must be true or false': 'moet true of false zijn',
  'must not be empty': 'mag niet leeg zijn',
}
