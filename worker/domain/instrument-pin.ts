/**
 * A released instrument version's file is frozen: its items are what its waves' scores mean, and
 * its SurveyJS JSON is served cached as immutable (worker/routes/instrument-api.ts). Nothing in a
 * file says so, so each released version's content is pinned here by its SHA-256, and
 * tests/worker/domain/instrument-pins.test.ts fails when a pinned file changes. The digest is
 * taken over the file's canonical JSON (`canonicalJson`: keys sorted, no whitespace), so a
 * formatter's line breaks change nothing while any change to a word, number or order does.
 *
 * A new version is released by listing it in `RELEASED` (worker/services/instrument-catalogue.ts)
 * and adding its digest here (README, "Releasing a version"). A pin is never edited: a change to a
 * released file is a new version.
 */
export const INSTRUMENT_PINS: Record<string, Record<number, string>> = {
  'coachende-manager': {
    1: 'da8b292be04cc2c11cfcf6043e888ebf1616b68843c4aa1b4e2b136ba321e345',
    2: '7354eee7ee94a634c738ba70dee344c0e86fe177aefe9a9c7bd412ac2264666d',
    3: 'a1c0fec4e051ab3863bb58916c19474ee5a5ae6b0f3e114ec0f8dd85d5754e38',
    4: '0954eea92b87ee0b40701ea15335f6a944890de08a440805a2c42bf605d6a82d',
    5: 'ca86061b5d76e5ce110ddc6fff328c68d44ae1dea7841f3a502c21d641fd1bdd',
  },
}

/** `value` as JSON with every object's keys sorted and no whitespace: one text per content. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value)
}

/** The SHA-256 of `raw`'s canonical JSON, as lower-case hex: what `INSTRUMENT_PINS` holds. */
export async function instrumentDigest(raw: unknown): Promise<string> {
  const bytes = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(canonicalJson(raw)))
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('')
}
