import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { isLang } from '../../schema/format.ts'
import { LANG_COOKIE, pickLang, type Lang } from '../i18n/index.ts'

/**
 * The one rule for a request's language, for pages and refusals alike: `?lang=` when the reader
 * just chose one, then the choice remembered in the cookie (sent only under /app, where
 * worker/http/page-reader.tsx sets it; the survey keeps its choice in the respondent's own
 * browser), then the browser's Accept-Language, then `fallback`: Dutch for pages, English for the
 * API's problem documents.
 */
export function langOf(c: Context, fallback: Lang = 'nl'): Lang {
  const chosen = c.req.query('lang')
  return pickLang(isLang(chosen) ? chosen : getCookie(c, LANG_COOKIE), c.req.header('accept-language'), fallback)
}
