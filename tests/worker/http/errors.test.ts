/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest'
import { errorsEn } from '../../../worker/i18n/errors-en.ts'
import { errorsNl } from '../../../worker/i18n/errors-nl.ts'
import { Hono } from 'hono'
import { REFUSALS, renderRefusal } from '../../../worker/http/problem.ts'
import { refuse } from '../../../worker/services/refusal.ts'
import { call, postOverlappingWave, setupProgramme, signInAdmin } from '../helpers.ts'

/** Every refusal is one thrown error with a code; onError words it in the request's language. */

type Problem = { type: string; status: number; title: string; detail: string; code: string; [param: string]: unknown }

const problemOf = async (res: Response) => {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
  expect([...res.headers.keys()].filter((h) => h.startsWith('x-ketenradar'))).toEqual([])
  return (await res.json()) as Problem
}
/** The problem of a refusal answered with `status`. */
const refusal = async (res: Response, status: number) => {
  expect(res.status).toBe(status)
  return problemOf(res)
}
/** A partner posted to the programme (`query` after its path), its body as JSON or as `body`. */
const postPartner = (
  programmeId: string,
  cookie: string,
  init: { query?: string; json?: unknown; body?: string; headers?: Record<string, string> },
) =>
  call(`/api/programmes/${programmeId}/partners${init.query ?? ''}`, {
    method: 'POST',
    cookie,
    json: init.json,
    body: init.body,
    headers: init.headers,
  })

describe('refusal codes', () => {
  it('has a status, a title and wording in both languages for every code', () => {
    expect(Object.keys(REFUSALS).sort()).toEqual(Object.keys(errorsNl).sort())
    expect(Object.keys(errorsEn).sort()).toEqual(Object.keys(errorsNl).sort())
    for (const code of Object.keys(REFUSALS)) expect(code).toMatch(/^[a-z]+(-[a-z]+)*$/)
  })

  it('says a refusal in Dutch for ?lang=nl, the remembered choice or Accept-Language: nl, in English otherwise, with its code and parameters', async () => {
    const cookie = await signInAdmin()
    const ctx = await setupProgramme(cookie, ['UWV'])
    const refused = async (query: string, headers: Record<string, string>, withCookie = cookie) => {
      const problem = await refusal(
        await postOverlappingWave(ctx.programmeId, { query, headers, cookie: withCookie }),
        409,
      )
      expect(problem).toMatchObject({ type: 'about:blank', status: 409, code: 'wave-overlap', label: '2026-1' })
      // The title in the detail's language (RFC 9457 lets it change for localization alone).
      expect(problem.title).toBe(problem.detail.startsWith('De ronde') ? 'Rondes overlappen' : 'Waves overlap')
      return problem.detail
    }
    const dutch = /^De ronde "2026-1" loopt van .* mogen elkaar niet overlappen/
    const english = /^The wave "2026-1" runs from .* may not overlap/
    expect(await refused('?lang=nl', {})).toMatch(dutch)
    expect(await refused('', { 'accept-language': 'nl' })).toMatch(dutch)
    expect(await refused('', {}, `${cookie}; kr_lang=nl`)).toMatch(dutch)
    expect(await refused('?lang=en', { 'accept-language': 'nl' })).toMatch(english)
    expect(await refused('', {})).toMatch(english)
    expect(await refused('', { 'accept-language': 'fr' })).toMatch(english)
  })

  it('keeps the codes the API already answered with', async () => {
    const cookie = await signInAdmin()
    const ctx = await setupProgramme(cookie, ['UWV'])
    const res = await postPartner(ctx.programmeId, cookie, {
      json: { name: 'UWV' },
      headers: { 'accept-language': 'nl' },
    })
    expect(await refusal(res, 409)).toMatchObject({
      code: 'partner-exists',
      name: 'UWV',
      detail: 'Dit programma heeft al een partner met de naam "UWV". Kies een andere naam.',
    })
  })

  it('refuses in the guards, the router and validation the same way', async () => {
    const cookie = await signInAdmin()
    const ctx = await setupProgramme(cookie, ['UWV'])

    const unsupported = await postPartner(ctx.programmeId, cookie, {
      query: '?lang=nl',
      body: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(await refusal(unsupported, 415)).toMatchObject({
      code: 'unsupported-media-type',
      type: 'about:blank',
      mediaType: 'application/x-www-form-urlencoded',
      detail: expect.stringMatching(/^Stuur de inhoud als JSON/),
    })

    const signedOut = await call('/api/programmes', { headers: { 'accept-language': 'nl-BE' } })
    expect(await refusal(signedOut, 401)).toMatchObject({
      code: 'not-signed-in',
      detail: expect.stringMatching(/^Log eerst in/),
    })

    const wrongMethod = await call('/api/health', { method: 'DELETE' })
    expect(wrongMethod.headers.get('allow')).toMatch(/GET/)
    expect(await refusal(wrongMethod, 405)).toMatchObject({
      code: 'method-not-allowed',
      method: 'DELETE',
      detail: expect.stringMatching(/^\/api\/health answers GET/),
    })

    const nothing = await call('/api/nothing?lang=nl')
    expect(await refusal(nothing, 404)).toMatchObject({
      code: 'not-found',
      path: '/api/nothing',
      detail: expect.stringMatching(/^Op \/api\/nothing staat niets/),
    })

    const fields = await refusal(await postPartner(ctx.programmeId, cookie, { json: { name: '' } }), 400)
    expect(fields).toMatchObject({
      code: 'invalid-request',
      title: 'Invalid request',
      detail: expect.stringMatching(/^name: /),
    })
    expect(fields.errors).toEqual([expect.objectContaining({ path: 'name' })])

    // In Dutch, the field messages are Dutch too: ours (worker/i18n/field-messages.ts) and zod's.
    const dutchFields = await refusal(
      await postPartner(ctx.programmeId, cookie, { query: '?lang=nl', json: { name: '', headcount: 'veel' } }),
      400,
    )
    expect(dutchFields.detail).toMatch(/^Het verzoek klopt niet\. /)
    expect(dutchFields.detail).toContain('name: mag niet leeg zijn')
    expect(dutchFields.detail).toMatch(/headcount: Ongeldige invoer/)
    expect(dutchFields.detail).not.toMatch(/must|Invalid|expected|ontving undefined/)
    expect(dutchFields.errors).toEqual(
      expect.arrayContaining([{ path: 'name', code: 'not-empty', message: 'mag niet leeg zijn' }]),
    )
    // Beside the words, a stable code per field for a program: ours where the schema names one, else zod's.
    expect(dutchFields.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: 'headcount', code: 'invalid_type' })]),
    )
    // The same request in English keeps the English messages.
    const englishFields = await problemOf(
      await postPartner(ctx.programmeId, cookie, { query: '?lang=en', json: { name: '', headcount: 'veel' } }),
    )
    expect(englishFields.detail).toContain('name: must not be empty')

    // A field left out says so, in both languages, instead of zod's "expected string, received undefined".
    for (const [lang, words] of [
      ['en', 'name: is missing (expected text)'],
      ['nl', 'name: ontbreekt (verwacht: tekst)'],
    ] as const) {
      const missing = await problemOf(await postPartner(ctx.programmeId, cookie, { query: `?lang=${lang}`, json: {} }))
      expect(missing.detail).toContain(words)
      expect(missing.detail).not.toMatch(/undefined/)
      // Its own code: zod's `invalid_type` does not tell a field left out from a wrong value.
      expect(missing.errors).toEqual([expect.objectContaining({ path: 'name', code: 'missing' })])
    }

    // A number out of bounds in plain words, not zod's Dutch "Te groot: verwacht dat number <=1000000 is".
    for (const [lang, words] of [
      ['en', 'headcount: must be at most 1,000,000'],
      ['nl', 'headcount: moet ten hoogste 1.000.000 zijn'],
    ] as const) {
      const big = await problemOf(
        await postPartner(ctx.programmeId, cookie, { query: `?lang=${lang}`, json: { name: 'Groot', headcount: 1e8 } }),
      )
      expect(big.detail).toContain(words)
      expect(big.errors).toEqual([expect.objectContaining({ path: 'headcount', code: 'too_big' })])
    }

    const unknownLink = await call('/api/s/not-a-token', { headers: { 'accept-language': 'nl' } })
    expect(await refusal(unknownLink, 404)).toMatchObject({
      code: 'unknown-survey-link',
      detail: expect.stringMatching(/^Deze link naar de vragenlijst bestaat niet/),
    })
  })
})

const sources = import.meta.glob(['../../../worker/**/*.{ts,tsx}', '../../../web/**/*.ts'], {
  query: '?raw',
  import: 'default',
  eager: true,
}) as Record<string, string>

describe('one way to refuse and one way to translate', () => {
  it('has no returned problem, no second error type and no inline { en, nl } pair under worker/ and web/', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(30)
    const found: string[] = []
    for (const [file, text] of Object.entries(sources)) {
      // The catalogues themselves are where the words go.
      if (file.includes('/worker/i18n/')) continue
      if (/\breturn problem\(/.test(text)) found.push(`${file}: return problem(`)
      if (/\bnew HttpError\(/.test(text)) found.push(`${file}: new HttpError(`)
      for (const m of text.matchAll(/\b(?:en|nl)\s*:\s*['"`]/g))
        found.push(`${file}: ${text.slice(m.index, m.index + 60)}`)
    }
    expect(found).toEqual([])
  })
})

describe("a refusal's own members beside RFC 9457's", () => {
  it('never stand in for type, status, title, detail or code', async () => {
    // A parameter named as a standard member (a 415's `type` once held the media type refused).
    const app = new Hono()
    app.get('/', (c) =>
      renderRefusal(
        c,
        refuse('cross-origin', {
          expected: 'https://a',
          origin: 'https://b',
          type: 'text/plain',
          status: 200,
          title: 'x',
          detail: 'y',
          code: 'z',
        } as never),
      ),
    )
    const body = (await (await app.request('/')).json()) as Record<string, unknown>
    expect(body).toMatchObject({
      type: 'about:blank',
      status: 403,
      title: 'Cross-origin request refused',
      code: 'cross-origin',
    })
    expect(body.detail).toMatch(/https:\/\/a/)
    expect(body.origin).toBe('https://b')
  })
})
