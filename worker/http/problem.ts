import type { MiddlewareHandler } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { preferredLang } from '../i18n/index.ts'

/** The part of a zod error we report; zod's classic and core errors both have it. */
export type IssueList = { issues: readonly { path: readonly PropertyKey[]; message: string }[] }

/**
 * What a person should do about a refusal, in English and in Dutch. The English text is the
 * default; `localizeProblems` swaps in the Dutch when the client prefers Dutch. A bare string is
 * for texts made of the client's own input (zod's field messages), said in English only.
 */
export type Detail = string | { en: string; nl: string }

/** A detail in one language, for pages that show a refusal themselves. */
export const detailIn = (detail: Detail, lang: 'nl' | 'en') => (typeof detail === 'string' ? detail : detail[lang])

/** Dutch details travel to `localizeProblems` in this header, URI-encoded (headers are ASCII). */
const NL_HEADER = 'x-ketenradar-detail-nl'

/** An error a route or domain function raises on purpose; `onError` turns it into problem+json. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode
  readonly title: string
  readonly detail: Detail
  readonly extra: Record<string, unknown>
  constructor(status: ContentfulStatusCode, title: string, detail: Detail, extra: Record<string, unknown> = {}) {
    super(typeof detail === 'string' ? detail : detail.en)
    this.status = status
    this.title = title
    this.detail = detail
    this.extra = extra
  }
}

/** An RFC 9457 problem document. `detail` is written for the person who has to act on it. */
export function problem(
  status: number,
  title: string,
  detail: Detail,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  const en = typeof detail === 'string' ? detail : detail.en
  return new Response(JSON.stringify({ type: 'about:blank', status, title, detail: en, ...extra }), {
    status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'cache-control': 'no-store',
      ...(typeof detail === 'string' ? {} : { [NL_HEADER]: encodeURIComponent(detail.nl) }),
      ...headers,
    },
  })
}

/** Whether the client asked for Dutch first (Accept-Language); the API's default is English. */
export const prefersDutch = (acceptLanguage: string | undefined) => preferredLang(acceptLanguage) === 'nl'

/**
 * Gives every problem+json its `detail` in the client's language: Dutch for a browser set to
 * Dutch, English otherwise. One place for every refusal, whichever middleware or route made it.
 */
export const localizeProblems: MiddlewareHandler = async (c, next) => {
  await next()
  const nl = c.res.headers.get(NL_HEADER)
  if (nl === null) return
  const headers = new Headers(c.res.headers)
  headers.delete(NL_HEADER)
  const body = (await c.res.json()) as Record<string, unknown>
  if (prefersDutch(c.req.header('accept-language'))) body.detail = decodeURIComponent(nl)
  // Replaced, not changed in place: the response's own headers may be immutable.
  c.res = undefined
  c.res = new Response(JSON.stringify(body), { status: body.status as number, headers })
}

/** Names each failing field so the caller can fix the request without reading our source. */
export function describeZodError(error: IssueList): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
