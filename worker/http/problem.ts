import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { Problem } from '../../schema/api-answers.ts'
import { type ErrorCode, wordingOf } from '../i18n/errors.ts'
import { answerErrorsIn, describeFields, fieldErrorsIn, lineErrorsIn } from '../i18n/field-messages.ts'
import type { Lang } from '../i18n/messages.ts'
import type { ParamsOf, Refusal } from '../services/refusal.ts'
import { langOf } from './lang.ts'

type Shape<C extends ErrorCode> = {
  status: ContentfulStatusCode
  /** A short English summary that stays the same for the code, as RFC 9457 asks of `title`. */
  title: string
  headers?: (params: ParamsOf<C>) => Record<string, string>
  /**
   * What the body carries beside `detail`, in the request's language, where that is not the
   * parameters themselves: a refused request's fields, worded from the codes zod kept.
   */
  body?: (params: ParamsOf<C>, lang: Lang) => Record<string, unknown>
}

/**
 * The HTTP status and title of every code, in one place: services and domain rules name a code,
 * this table says what it means over HTTP. The type makes every code in the catalogue appear here.
 */
export const REFUSALS: { [C in ErrorCode]: Shape<C> } = {
  'not-found': { status: 404, title: 'Not found' },
  'page-not-found': { status: 404, title: 'Page not found' },
  'script-required': { status: 400, title: 'JavaScript required' },
  'method-not-allowed': { status: 405, title: 'Method not allowed', headers: (p) => ({ allow: p.allowed }) },
  'unreadable-request': { status: 400, title: 'Invalid request' },
  'invalid-request': {
    status: 400,
    title: 'Invalid request',
    body: (p, lang) => ({ fields: describeFields(lang, p.issues), errors: fieldErrorsIn(lang, p.issues) }),
  },
  'internal-error': { status: 500, title: 'Internal error' },
  'too-many-requests': { status: 429, title: 'Too many requests', headers: () => ({ 'retry-after': '60' }) },
  'cross-origin': { status: 403, title: 'Cross-origin request refused' },
  'unsupported-media-type': { status: 415, title: 'Unsupported media type' },
  'request-too-large': { status: 413, title: 'Request too large' },
  'access-required': { status: 401, title: 'Cloudflare Access required' },
  'no-account': { status: 403, title: 'No access' },
  'not-signed-in': { status: 401, title: 'Not signed in' },
  'signed-in-by-access': { status: 409, title: 'Signed in by Cloudflare Access' },
  'sign-in-failed': { status: 401, title: 'Sign-in failed' },
  'no-passwords-behind-access': { status: 409, title: 'No passwords behind Access' },
  'link-not-found': { status: 404, title: 'Link not found' },
  'link-used': { status: 404, title: 'Link not found' },
  'link-expired': { status: 410, title: 'Link expired' },
  'link-cannot-set-password': { status: 403, title: 'Link cannot set a password' },
  'nothing-to-accept': { status: 409, title: 'Nothing to accept' },
  'link-for-someone-else': { status: 403, title: 'Link is for someone else' },
  'ask-an-administrator': { status: 403, title: 'Ask an administrator' },
  'programme-not-found': { status: 404, title: 'Programme not found' },
  'lead-only': { status: 403, title: 'Not allowed' },
  'create-programme-not-allowed': { status: 403, title: 'Not allowed' },
  'invalid-cadence': { status: 400, title: 'Invalid cadence' },
  'incomplete-cadence': { status: 400, title: 'Incomplete cadence' },
  'partner-exists': { status: 409, title: 'Partner exists' },
  'partner-not-found': { status: 404, title: 'Partner not found' },
  'no-partner-lines': { status: 400, title: 'No partners' },
  'too-many-partner-lines': { status: 400, title: 'Too many partners' },
  'partner-lines-invalid': {
    status: 400,
    title: 'Invalid partner lines',
    body: (p, lang) => ({ errors: lineErrorsIn(lang, p.faults) }),
  },
  'partner-has-answers': { status: 409, title: 'Partner has answers' },
  'partner-has-links': { status: 409, title: 'Partner has working links' },
  'partner-has-viewers': { status: 409, title: 'Partner has viewers' },
  'unknown-partner': { status: 400, title: 'Unknown partner' },
  'lead-sees-every-partner': { status: 400, title: 'Lead sees every partner' },
  'person-not-found': { status: 404, title: 'Person not found' },
  'that-is-you': { status: 409, title: 'That is you' },
  'administrator-address': { status: 403, title: 'Administrator address' },
  'already-has-access': { status: 409, title: 'Already has access' },
  'wave-not-found': { status: 404, title: 'Wave not found' },
  'wave-lead-only': { status: 403, title: 'Not allowed' },
  'wave-overlap': { status: 409, title: 'Waves overlap' },
  'unknown-instrument': { status: 400, title: 'Unknown instrument' },
  'unknown-instrument-version': { status: 400, title: 'Unknown instrument' },
  'wave-exists': { status: 409, title: 'Wave exists' },
  'wave-label-taken': { status: 409, title: 'Wave exists' },
  'closes-before-opens': { status: 400, title: 'Invalid dates' },
  'closes-in-past': { status: 400, title: 'Invalid dates' },
  'wave-open': { status: 409, title: 'Wave is open' },
  'wave-has-answers': { status: 409, title: 'Wave has answers' },
  'wave-closed': { status: 409, title: 'Wave is closed' },
  'wave-opened-instrument': { status: 409, title: 'Wave has opened' },
  'wave-opened-dates': { status: 409, title: 'Wave has opened' },
  'wave-changed': { status: 409, title: 'Wave changed meanwhile' },
  'wave-closed-for-links': { status: 409, title: 'Wave is closed' },
  'partner-joined-later': { status: 409, title: 'Partner joined later' },
  'headcount-needed': { status: 409, title: 'Headcount needed' },
  'unknown-wave-partner': { status: 400, title: 'Unknown partner' },
  'wave-link-not-found': { status: 404, title: 'Link not found' },
  'instrument-not-found': { status: 404, title: 'Instrument not found' },
  'no-such-wave': { status: 404, title: 'Wave not found' },
  'no-waves': { status: 404, title: 'No waves yet' },
  'no-such-partner': { status: 404, title: 'Partner not found' },
  'wave-not-closed': { status: 409, title: 'Wave not closed' },
  'quality-admin-only': { status: 403, title: 'Not allowed' },
  'quality-not-available': { status: 409, title: 'Not available' },
  'unknown-survey-link': { status: 404, title: 'Unknown survey link' },
  'survey-closed': { status: 410, title: 'Survey closed' },
  'survey-not-open': { status: 410, title: 'Survey not open yet' },
  'group-complete': { status: 409, title: 'Group complete' },
  'group-uncounted': { status: 409, title: 'Group not counted' },
  'response-id-used': { status: 409, title: 'Response id already used' },
  'invalid-answers': {
    status: 400,
    title: 'Invalid answers',
    body: (p, lang) => ({ errors: answerErrorsIn(lang, p.problems) }),
  },
  'no-scores': { status: 400, title: 'No scored answers' },
  'survey-changed': { status: 409, title: 'Survey changed' },
  // Agreed actions and the partner report.
  'action-writer-only': { status: 403, title: 'Not allowed' },
  'action-not-found': { status: 404, title: 'Action not found' },
  'action-unknown-wave': { status: 400, title: 'Unknown wave' },
  'action-wave-not-published': { status: 409, title: 'Wave not published' },
  'action-unknown-partner': { status: 400, title: 'Unknown partner' },
  'action-unknown-dimension': { status: 400, title: 'Unknown dimension' },
  'action-hidden-group': { status: 409, title: 'Group not shown' },
  'action-not-asked': { status: 409, title: 'Group not asked' },
  'report-partner-not-found': { status: 404, title: 'Partner not found' },
  'questions-unknown-dimension': { status: 400, title: 'Unknown dimension' },
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
    title: shape.title,
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
