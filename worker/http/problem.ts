import type { Context } from 'hono'
import type { ContentfulStatusCode } from 'hono/utils/http-status'

/** The part of a zod error we report; zod's classic and core errors both have it. */
type IssueList = { issues: readonly { path: readonly PropertyKey[]; message: string }[] }

/** An error a route or domain function raises on purpose; `onError` turns it into problem+json. */
export class HttpError extends Error {
  readonly status: ContentfulStatusCode
  readonly title: string
  readonly detail: string
  readonly extra: Record<string, unknown>
  constructor(status: ContentfulStatusCode, title: string, detail: string, extra: Record<string, unknown> = {}) {
    super(detail)
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
  detail: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(JSON.stringify({ type: 'about:blank', status, title, detail, ...extra }), {
    status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })
}

/** Names each failing field so the caller can fix the request without reading our source. */
export function describeZodError(error: IssueList): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}

/** The one hook every `zValidator` uses, so every validation failure has the same shape. */
export function validationHook(result: { success: boolean; error?: IssueList }, c: Context): Response | undefined {
  if (!result.success && result.error) {
    return problem(400, 'Invalid request', describeZodError(result.error), {
      errors: result.error.issues.slice(0, 50).map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    })
  }
  void c
  return undefined
}
