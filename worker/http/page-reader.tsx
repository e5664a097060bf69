import type { Context, ErrorHandler } from 'hono'
import { setCookie } from 'hono/cookie'
import { fill, isLang, lastOpenDay, longDate } from '../../schema/format.ts'
import type { User } from '../db/users.ts'
import type { ErrorCode } from '../i18n/errors.ts'
import { LANG_COOKIE, messages, type Lang, type Messages } from '../i18n/index.ts'
import { MessagePage } from '../pages/app-frame.tsx'
import { LinkProblemPage } from '../pages/survey-page.tsx'
import { renderPage } from '../pages/layout.tsx'
import { accessTo, type ProgrammeAccess } from '../services/programme-access.ts'
import { type ParamsOf, Refusal, refuse } from '../services/refusal.ts'
import type { AppEnv, PageFrame } from './app-env.ts'
import { accessMode, currentUser } from './guards.ts'
import { langOf } from './lang.ts'
import { messageOf, statusOf } from './problem.ts'

/**
 * What every page under /app shares before it does its own work (worker/routes/*-pages.tsx):
 * the signed-in reader, their language, and, for a programme's pages, their access to it.
 */

type PageContext = Context<AppEnv>

/**
 * A language chosen with `?lang=` is remembered in a cookie for the next page: set here, once
 * per response, however often the handler asks which language it is. Only under /app: the
 * survey keeps its choice in the respondent's own browser storage and sets no cookie.
 */
export const rememberLang = async (c: PageContext, next: () => Promise<void>) => {
  const chosen = c.req.query('lang')
  if (isLang(chosen))
    setCookie(c, LANG_COOKIE, chosen, { path: '/app', sameSite: 'Strict', httpOnly: true, maxAge: 365 * 24 * 3600 })
  return next()
}

/** The page's own address, for links back to it and the sign-in redirect. */
export const pathOf = (c: PageContext) => {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function userOr(c: PageContext): Promise<User | Response> {
  const user = await currentUser(c)
  if (user) return user
  // Behind Access there is no password to sign in with: say why instead of showing a form.
  if (accessMode(c.env)) {
    const t = messages[langOf(c)]
    framePage(c, { title: t.noAccessTitle, says: { 'no-account': t.noAccessBody } })
    throw refuse('no-account')
  }
  return c.redirect(`/app/login?next=${encodeURIComponent(pathOf(c))}`, 303)
}

/** The reader of one programme's page: who, in which language, with what access. */
export type ProgrammeReader = { user: User; lang: Lang; t: Messages; access: ProgrammeAccess }

/**
 * Tells a page's refusals how to read (`pageRefusal` below): under `title`, for a signed-in
 * reader unless told otherwise, and in the page's own words for the codes in `says`. Set again
 * as a page learns more (its programme's name once access is clear).
 */
export function framePage(c: PageContext, frame: { title: string; signedIn?: boolean; says?: PageFrame['says'] }) {
  c.set('page', { title: frame.title, signedIn: frame.signedIn ?? true, says: frame.says ?? {} })
}

/**
 * The reader of `/app/programmes/:pid/…`, or the sign-in redirect that stands in for them. A
 * programme that is not theirs to see is refused as not found, under the page's own title
 * (`title`), with the words of `says` for the page's own refusals. `alongside` is read in the
 * same round trip as the access check (used only once access is clear).
 */
export async function programmeReader<T>(
  c: PageContext,
  title: (t: Messages) => string,
  alongside: (pid: string) => Promise<T>,
  says: (t: Messages) => PageFrame['says'] = () => ({}),
): Promise<(ProgrammeReader & { also: T }) | Response> {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const lang = langOf(c)
  const t = messages[lang]
  const pid = c.req.param('pid') ?? ''
  framePage(c, { title: title(t), says: { 'programme-not-found': t.notFoundProgramme, ...says(t) } })
  const [access, also] = await Promise.all([accessTo(c.env.DB, user, pid), alongside(pid)])
  if (!access) throw refuse('programme-not-found', { programmeId: pid })
  return { user, lang, t, access, also }
}

/** The statuses a refusal on a page is shown with as a page of its own. */
const PAGE_STATUSES = [400, 403, 404, 409, 410] as const
type PageStatus = (typeof PAGE_STATUSES)[number]
const isPageStatus = (status: number): status is PageStatus => (PAGE_STATUSES as readonly number[]).includes(status)

/**
 * The one place a refused page under /app is rendered, in the reader's language: a query that
 * `valid` refused (400), a thing that is not there (404), or something the reader may not do or
 * that can no longer be done (403, 409, 410). Routes throw the refusal; what the page told
 * `framePage` keeps its title (for "not there" and for the codes it words itself) and its
 * frame. Anything else (a 5xx, a rate limit) goes on to the Worker's own handler
 * (worker/index.ts). Every pages sub-app under /app sets it as its `onError`.
 */
export const pageRefusal: ErrorHandler<AppEnv> = (error, c) => {
  const status = error instanceof Refusal ? statusOf(error) : 500
  if (!(error instanceof Refusal) || !isPageStatus(status)) throw error
  const lang = langOf(c)
  const t = messages[lang]
  const frame = c.get('page') as PageFrame | undefined
  const own = frame?.says[error.code]
  const title =
    frame && (own !== undefined || status === 404)
      ? frame.title
      : status === 404
        ? t.notFoundHeading
        : status === 400
          ? t.badAddressHeading
          : t.refusedHeading
  return renderPage(
    <MessagePage lang={lang} title={title} body={own ?? messageOf(error, lang)} signedIn={frame?.signedIn ?? false} />,
    status,
    c,
  )
}

/**
 * How the survey says a refusal to a respondent: a heading and a few words of its own per code,
 * in the page's catalogue (worker/i18n/nl.ts); a token that names no link is one page whatever
 * made it so (too long or empty, refused by `valid`; unknown or withdrawn, by `openLink`).
 */
type SurveySays = (t: Messages, lang: Lang, p: Readonly<Record<string, unknown>>) => [string, string]
const SURVEY_SAYS: { [C in ErrorCode]?: (t: Messages, lang: Lang, p: ParamsOf<C>) => [string, string] } = {
  'survey-closed': (t, lang, p) => [
    t.closedHeading,
    fill(t.closedBody, { date: longDate(lang, lastOpenDay(p.closesAt)) }),
  ],
  'survey-not-open': (t, lang, p) => [t.notOpenHeading, fill(t.notOpenBody, { date: longDate(lang, p.opensAt) })],
  'group-complete': (t) => [t.groupCompleteHeading, t.groupCompleteBody],
  'group-uncounted': (t) => [t.groupUncountedHeading, t.groupUncountedBody],
}

/**
 * The one place a refused survey page (/s/:token) is rendered: in the respondent's language,
 * never problem+json, without the staff frame. Anything else goes on to the Worker's own handler
 * (worker/index.ts). The survey pages sub-app sets it as its `onError`.
 */
export const surveyRefusal: ErrorHandler<AppEnv> = (error, c) => {
  if (!(error instanceof Refusal)) throw error
  const status = statusOf(error)
  const says = SURVEY_SAYS[error.code] as SurveySays | undefined
  if ((!says && status !== 404) || !isPageStatus(status)) throw error
  const lang = langOf(c)
  const t = messages[lang]
  const [heading, body] = says ? says(t, lang, error.params) : [t.unknownLinkHeading, t.unknownLinkBody]
  // A token that names no link may be any length; the page's own address names at most 40 characters of it.
  const token = c.req.param('token') ?? ''
  return renderPage(
    <LinkProblemPage lang={lang} token={says ? token : token.slice(0, 40)} heading={heading} body={body} />,
    status,
  )
}
