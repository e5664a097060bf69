import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Problem } from '../../schema/api-answers.ts'
import { type ErrorCode, titleOf, wordingOf } from '../i18n/errors.ts'
import { answerErrorsIn, describeFields, fieldErrorsIn, lineErrorsIn } from '../i18n/field-messages.ts'
import type { Lang } from '../i18n/messages.ts'
import type { ParamsOf, Refusal } from '../services/refusal.ts'
import { langOf } from './lang.ts'

type Shape<C extends ErrorCode> = {
  status: ContentfulStatusCode
  headers?: (params: ParamsOf<C>) => Record<string, string>
  /**
   * What the body carries beside `detail`, in the request's language, where that is not the
   * parameters themselves: a refused request's fields, worded from the codes zod kept.
   */
  body?: (params: ParamsOf<C>, lang: Lang) => Record<string, unknown>
}

/**
 * The HTTP status of every code, in one place (its title and wording, in each language, are
 * worker/i18n/errors-nl.ts's and errors-en.ts's): services and domain rules name a code,
 * this table says what it means over HTTP. The type makes every code in the catalogue appear here.
 */
export const REFUSALS: { [C in ErrorCode]: Shape<C> } = {
  'not-found': { status: 404 },
  'page-not-found': { status: 404 },
  'script-required': { status: 400 },
  'method-not-allowed': { status: 405, headers: (p) => ({ allow: p.allowed }) },
  'unreadable-request': { status: 400 },
  'invalid-request': {
    status: 400,
    body: (p, lang) => ({ fields: describeFields(lang, p.issues), errors: fieldErrorsIn(lang, p.issues) }),
  },
  'internal-error': { status: 500 },
  'too-many-requests': { status: 429, headers: () => ({ 'retry-after': '60' }) },
  'cross-origin': { status: 403 },
  'unsupported-media-type': { status: 415 },
  'request-too-large': { status: 413 },
  'access-required': { status: 401 },
  'no-account': { status: 403 },
  'not-signed-in': { status: 401 },
  'signed-in-by-access': { status: 409 },
  'sign-in-failed': { status: 401 },
  'no-passwords-behind-access': { status: 409 },
  'link-not-found': { status: 404 },
  'link-used': { status: 404 },
  'link-expired': { status: 410 },
  'link-cannot-set-password': { status: 403 },
  'nothing-to-accept': { status: 409 },
  'link-for-someone-else': { status: 403 },
  'ask-an-administrator': { status: 403 },
  'programme-not-found': { status: 404 },
  'lead-only': { status: 403 },
  'create-programme-not-allowed': { status: 403 },
  'invalid-cadence': { status: 400 },
  'incomplete-cadence': { status: 400 },
  'partner-exists': { status: 409 },
  'partner-not-found': { status: 404 },
  'partner-removed-meanwhile': { status: 404 },
  'partner-changed-meanwhile': { status: 409 },
  'person-changed-meanwhile': { status: 409 },
  'wave-removed-meanwhile': { status: 404 },
  'no-partner-lines': { status: 400 },
  'too-many-partner-lines': { status: 400 },
  'partner-paste-too-large': { status: 413 },
  'partner-lines-invalid': {
    status: 400,
    body: (p, lang) => ({ errors: lineErrorsIn(lang, p.faults) }),
  },
  'partner-has-answers': { status: 409 },
  'partner-has-links': { status: 409 },
  'partner-has-viewers': { status: 409 },
  'unknown-partner': { status: 400 },
  'lead-sees-every-partner': { status: 400 },
  'person-not-found': { status: 404 },
  'that-is-you': { status: 409 },
  'administrator-address': { status: 403 },
  'already-has-access': { status: 409 },
  'wave-not-found': { status: 404 },
  'wave-lead-only': { status: 403 },
  'wave-overlap': { status: 409 },
  'unknown-instrument': { status: 400 },
  'unknown-instrument-version': { status: 400 },
  'wave-exists': { status: 409 },
  'wave-label-taken': { status: 409 },
  'closes-before-opens': { status: 400 },
  'closes-in-past': { status: 400 },
  'wave-open': { status: 409 },
  'wave-has-answers': { status: 409 },
  'wave-closed': { status: 409 },
  'wave-opened-instrument': { status: 409 },
  'wave-opened-dates': { status: 409 },
  'wave-changed': { status: 409 },
  'wave-closed-for-links': { status: 409 },
  'partner-joined-later': { status: 409 },
  'headcount-needed': { status: 409 },
  'unknown-wave-partner': { status: 400 },
  'wave-link-not-found': { status: 404 },
  'instrument-not-found': { status: 404 },
  'no-such-wave': { status: 404 },
  'no-waves': { status: 404 },
  'no-such-partner': { status: 404 },
  'wave-not-closed': { status: 409 },
  'quality-admin-only': { status: 403 },
  'quality-not-available': { status: 409 },
  'unknown-survey-link': { status: 404 },
  'survey-closed': { status: 410 },
  'survey-not-open': { status: 410 },
  'group-below-k': { status: 409 },
  'group-complete': { status: 409 },
  'group-uncounted': { status: 409 },
  'response-id-used': { status: 409 },
  'invalid-answers': {
    status: 400,
    body: (p, lang) => ({ errors: answerErrorsIn(lang, p.problems) }),
  },
  'no-scores': { status: 400 },
  'survey-changed': { status: 409 },
  // Agreed actions and the partner report.
  'action-writer-only': { status: 403 },
  'action-not-found': { status: 404 },
  'action-removed-meanwhile': { status: 404 },
  'action-changed-meanwhile': { status: 409 },
  'action-unknown-wave': { status: 400 },
  'action-wave-not-published': { status: 409 },
  'action-unknown-partner': { status: 400 },
  'action-unknown-dimension': { status: 400 },
  'action-hidden-group': { status: 409 },
  'action-not-asked': { status: 409 },
  'report-partner-not-found': { status: 404 },
  'questions-unknown-dimension': { status: 400 },
}

/** The HTTP status of a refusal, from its code. */
export const statusOf = (refusal: Refusal): ContentfulStatusCode => REFUSALS[refusal.code].status

/** What a refusal says in one language, for a page as for a problem document (`wordingOf`, worker/i18n/errors.ts). */
export const messageOf = (refusal: Refusal, lang: Lang): string => wordingOf(refusal.code, refusal.params, lang)

/**
 * An RFC 9457 problem document for a refusal: `detail` is written for the person who has to act
 * on it, `code` and the parameters for a program. The only place a refusal becomes a response.
 */
export function renderRefusal(
  c: Context,
  refusal: Refusal,
  status: ContentfulStatusCode = statusOf(refusal),
): Response {
  const shape = REFUSALS[refusal.code] as Shape<ErrorCode>
  const lang = langOf(c, 'en')
  // The refusal's own members first: none may stand in for RFC 9457's (a 415's `type` once held the
  // media type refused, where `type` is the problem type's URI).
  const body = {
    ...(shape.body ? shape.body(refusal.params as never, lang) : refusal.params),
    type: 'about:blank',
    status,
    title: titleOf(refusal.code, lang),
    detail: messageOf(refusal, lang),
    code: refusal.code,
  } satisfies Problem
  return new Response(JSON.stringify(body), {
    status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      ...shape.headers?.(refusal.params as never),
    },
  })
}
