import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { LangChoice } from '../../schema/api-pages.ts'
import { LANG_COOKIE, pickLang, type Lang } from '../i18n/messages.ts'

/**
 * The one rule for a request's language, for pages and refusals alike: `?lang=` when the reader
 * just chose one, then the choice remembered in the cookie (sent only under /app, where
 * worker/http/page-reader.tsx sets it; the survey keeps its choice in the respondent's own
 * browser), then the browser's Accept-Language, then `fallback`: Dutch for pages, English for the
 * API's problem documents.
 */
export function langOf(c: Context, fallback: Lang = 'nl'): Lang {
  return pickLang(chosenLang(c) ?? getCookie(c, LANG_COOKIE), c.req.header('accept-language'), fallback)
}

/** The language a request's `?lang=` chose, read through its schema (schema/api-pages.ts); undefined for none. */
export const chosenLang = (c: Context): Lang | undefined => LangChoice.parse(c.req.query('lang'))

/**
 * `?lang=` as the API description states it (worker/openapi.ts): every route accepts it, and a
 * value it does not know is passed over, as on the pages, never refused.
 */
export const LANG_QUERY = {
  schema: LangChoice,
  description:
    "nl or en: the language of problem details, and of the CSV export's header; any other value is ignored, never refused: then a problem is worded in the Accept-Language header's language, else English, and the CSV header is Dutch",
}
