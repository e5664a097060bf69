/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { en } from '../../../worker/i18n/en.ts'
import { nl } from '../../../worker/i18n/nl.ts'
import { errorsEn, titlesEn } from '../../../worker/i18n/errors-en.ts'
import { errorsNl, titlesNl } from '../../../worker/i18n/errors-nl.ts'
import type { ErrorCode } from '../../../worker/i18n/errors.ts'
import { FIELD_MESSAGES } from '../../../schema/field-codes.ts'
import { answerProblemIn, fieldMessageIn, lineFaultIn } from '../../../worker/i18n/field-messages.ts'
import type { LineFault } from '../../../schema/partner-names.ts'
import type { AnswerProblem } from '../../../worker/domain/scoring.ts'
import { call, postOverlappingWave, setupProgramme, signInAdmin } from '../helpers.ts'
import { findInstrument, listInstruments } from '../../../worker/services/instrument-catalogue.ts'

/** Every word a person reads exists in Dutch and in English, refusals from the API included. */

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('page strings', () => {
  it("names the don't-know answer in the results and the quality view as every instrument offers it", () => {
    // One option, "Weet ik niet / n.v.t.": what is counted under it is both, so the column says both.
    for (const { id, versions } of listInstruments())
      for (const version of versions) {
        const label = findInstrument(id, version)!.scale.dontKnow!.label
        expect(nl['questions:dontKnow'], `${id} v${version}`).toBe(label.nl)
        expect(en['questions:dontKnow'], `${id} v${version}`).toBe(label.en)
        expect(nl.qualityDontKnow).toBe(`"${label.nl}"`)
        expect(en.qualityDontKnow).toBe(`"${label.en}"`)
      }
  })

  it('has every key in both languages, none empty, with the same placeholders', () => {
    const nlKeys = Object.keys(nl).sort()
    const enKeys = Object.keys(en).sort()
    expect(
      enKeys.filter((k) => !nlKeys.includes(k)),
      'only in English',
    ).toEqual([])
    expect(
      nlKeys.filter((k) => !enKeys.includes(k)),
      'only in Dutch',
    ).toEqual([])
    const wrong = nlKeys.filter((k) => {
      const a = (nl as Record<string, string>)[k]!
      const b = (en as Record<string, string>)[k]!
      return !a.trim() || !b.trim() || placeholders(a).join() !== placeholders(b).join()
    })
    expect(wrong).toEqual([])
  })
})

const sources = import.meta.glob(['../../../worker/**/*.{ts,tsx}', '../../../web/**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

/** Parameters for any wording: every name a catalogue function reads gives a short text. */
const anyParams = new Proxy(
  {},
  {
    get: (_, name) =>
      name === 'reason'
        ? 'administrator'
        : name === 'limit'
          ? 'signin'
          : name === 'issues'
            ? [{ path: ['name'], message: 'not-empty' }]
            : name === 'known'
              ? [{ id: '«id»', versions: [1, 2] }]
              : name === 'problems'
                ? [{ code: 'unanswered', questions: ['«q»'] }]
                : name === 'faults'
                  ? [{ line: 2, kind: 'same-as-line', other: 1 }]
                  : `«${String(name)}»`,
  },
)

describe('field messages', () => {
  it('words every code schema/ writes in Dutch and in English, differently', () => {
    // The type holds both catalogues to the codes; this checks that neither language is left empty or untranslated.
    const wrong = FIELD_MESSAGES.filter((code) => {
      const [a, b] = (['nl', 'en'] as const).map((lang) => fieldMessageIn(lang, { path: [], message: code }))
      return !a?.trim() || !b?.trim() || a === b
    })
    expect(wrong).toEqual([])
  })
})

describe('the faults of refused answers', () => {
  it('words every fault in Dutch and in English, differently', () => {
    const faults: AnswerProblem[] = [
      { code: 'not-an-object' },
      { code: 'not-a-question', question: 'q' },
      { code: 'off-scale', question: 'q', min: 1, max: 5, dontKnow: 'nvt', value: '7' },
      { code: 'text-too-long', question: 'q' },
      { code: 'unanswered', questions: ['q', 'r'] },
      { code: 'more', count: 3 },
    ]
    const wrong = faults.filter((p) => {
      const [a, b] = (['nl', 'en'] as const).map((lang) => answerProblemIn(lang, p))
      return !a?.trim() || !b?.trim() || a === b
    })
    expect(wrong).toEqual([])
  })
})

describe('the faults of pasted partner lines', () => {
  it('words every fault with its line and column, in Dutch and in English, differently', () => {
    const faults: LineFault[] = [
      {
        line: 1,
        kind: 'field',
        issue: { code: 'custom', path: ['headcounts', 'tactisch'], message: 'whole-number' },
        cell: 'drie',
      },
      { line: 2, kind: 'same-as-line', other: 1 },
      { line: 4, kind: 'too-many-columns', columns: 6 },
    ]
    const wrong = faults.filter((f) => {
      const [a, b] = (['nl', 'en'] as const).map((lang) => lineFaultIn(lang, f))
      return !a?.startsWith(`Regel ${f.line}`) || !b?.startsWith(`Line ${f.line}`) || a === b
    })
    expect(wrong).toEqual([])
    expect(lineFaultIn('en', faults[0]!)).toBe('Line 1, number of tactical managers (“drie”): must be a whole number')
  })
})

describe('problem details', () => {
  it('gives every refusal the Worker makes a Dutch detail as well as an English one', () => {
    // The wording lives in the catalogue by code (worker/i18n/errors-*.ts); the type checks the parity, this checks the text.
    expect(Object.keys(errorsEn).sort()).toEqual(Object.keys(errorsNl).sort())
    const wrong = (Object.keys(errorsNl) as ErrorCode[]).filter((code) => {
      const a = (errorsNl[code] as (p: unknown) => string)(anyParams)
      const b = (errorsEn[code] as (p: unknown) => string)(anyParams)
      return typeof a !== 'string' || typeof b !== 'string' || !a.trim() || !b.trim() || a === b
    })
    expect(wrong).toEqual([])
    // Refusals name a code of the catalogue, never a text of their own.
    const refusals = Object.values(sources).flatMap((text) =>
      [...text.matchAll(/\brefuse\('([a-z-]+)'/g)].map((m) => m[1]!),
    )
    expect(refusals.filter((code) => !(code in errorsNl))).toEqual([])
    expect(refusals.length).toBeGreaterThan(40)
  })

  it('gives every refusal a Dutch title as well as an English one', () => {
    // A Dutch request was given an English title beside its Dutch detail: each code's title in both
    // languages (worker/i18n/errors-*.ts), none empty, none left in English.
    expect(Object.keys(titlesNl).sort()).toEqual(Object.keys(errorsNl).sort())
    expect(Object.keys(titlesEn).sort()).toEqual(Object.keys(errorsNl).sort())
    const wrong = (Object.keys(errorsNl) as ErrorCode[]).filter(
      (code) => !titlesNl[code]?.trim() || !titlesEn[code]?.trim() || titlesNl[code] === titlesEn[code],
    )
    expect(wrong).toEqual([])
  })

  it('answers in Dutch to a browser set to Dutch and in English otherwise', async () => {
    const cookie = await signInAdmin()
    const ctx = await setupProgramme(cookie, ['UWV'])
    const detail = async (acceptLanguage?: string) => {
      const res = await postOverlappingWave(ctx.programmeId, {
        cookie,
        headers: acceptLanguage ? { 'accept-language': acceptLanguage } : {},
      })
      expect(res.status).toBe(409)
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
      expect([...res.headers.keys()].filter((h) => h.startsWith('x-ketenradar'))).toEqual([])
      return ((await res.json()) as { detail: string }).detail
    }
    expect(await detail('nl-NL,nl;q=0.9,en-US;q=0.8')).toMatch(
      /^De ronde "2026-1" loopt van .* mogen elkaar niet overlappen/,
    )
    expect(await detail('en-GB,en;q=0.9,nl;q=0.5')).toMatch(/^The wave "2026-1" runs from .* may not overlap/)
    expect(await detail()).toMatch(/may not overlap/)
    expect(await detail('de-DE')).toMatch(/may not overlap/)

    const notFound = await call('/api/nothing', { headers: { 'accept-language': 'nl' } })
    expect(await notFound.json()).toMatchObject({
      title: 'Niet gevonden',
      detail: expect.stringMatching(/^Op \/api\/nothing staat niets/),
    })
    const invalid = await call(`/api/programmes/${ctx.programmeId}/partners`, {
      method: 'POST',
      json: { name: '' },
      cookie,
      headers: { 'accept-language': 'nl' },
    })
    expect(await invalid.json()).toMatchObject({
      title: 'Ongeldig verzoek',
      detail: expect.stringMatching(/^Het verzoek klopt niet\. name:/),
    })
  })
})

describe('a closed or not yet open survey', () => {
  it('names the last open day and the first, as the pages write a day, never the ISO code', () => {
    // Closes at the start of 18 December in Amsterdam (23:00 UTC on the 17th): 17 December is its last open day.
    const closed = { closesAt: '2026-12-17T23:00:00.000Z' }
    expect(errorsNl['survey-closed'](closed)).toContain('was open tot en met 17 december 2026;')
    expect(errorsEn['survey-closed'](closed)).toContain('was open until 17 December 2026 inclusive;')
    // Opens at the start of 4 January in Amsterdam, still 3 January in UTC.
    const later = { opensAt: '2027-01-03T23:00:00.000Z' }
    expect(errorsNl['survey-not-open'](later)).toBe('Deze vragenlijst opent op 4 januari 2027.')
    expect(errorsEn['survey-not-open'](later)).toBe('This survey opens on 4 January 2027.')
  })
})
