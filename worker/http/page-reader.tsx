import type { Context, ErrorHandler } from 'hono'
import { setCookie } from 'hono/cookie'
import { RefusedSurveyPath } from '../../schema/api-pages.ts'
import type { User } from '../db/users.ts'
import type { ErrorCode } from '../i18n/errors.ts'
import { LANG_COOKIE, messages, type Lang, type Messages } from '../i18n/messages.ts'
import { MessagePage } from '../pages/app-frame.tsx'
import { LinkProblemPage } from '../pages/survey-page.tsx'
import { renderPage } from '../pages/layout.tsx'
import { type ProgrammeAccess, readAsAsker } from '../services/programme-access.ts'
import { Refusal, refuse } from '../services/refusal.ts'
import type { AppEnv, PageFrame, WithPath } from './app-env.ts'
import { accessMode, askerOf, currentUser } from './guards.ts'
import { chosenLang, langOf } from './lang.ts'
import { messageOf, statusOf } from './problem.ts'

/**
 * What every page under /app shares before it does its own work (worker/routes/*-html.tsx):
 * the signed-in reader, their language, and, for a programme's pages, their access to it.
 */

type PageContext = Context<AppEnv>

/**
 * A language chosen with `?lang=` is remembered in a cookie for the next page: set here, once
 * per response, however often the handler asks which language it is. Only under /app: the
 * survey keeps its choice in the respondent's own browser storage and sets no cookie.
 */
export const rememberLang = async (c: PageContext, next: () => Promise<void>) => {
  const chosen = chosenLang(c)
  if (chosen)
    setCookie(c, LANG_COOKIE, chosen, { path: '/app', sameSite: 'Strict', httpOnly: true, maxAge: 365 * 24 * 3600 })
  return next()
}

/** The page's own address, for links back to it and the sign-in redirect. */
export const pathOf = (c: PageContext) => {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

/**
 * The page's own address with only the query parameters it reads (`keys`, its query schema's):
 * what the results page links back to and keeps its HTML under (worker/services/answer-cache.ts),
 * so an address padded with others (`&x=1`, `&x=2`, …) is not a new page to keep each time,
 * pushing every other reader's out of the isolate's budget (a hostile review).
 */
export const pathReading = (c: PageContext, keys: readonly string[]) => {
  const url = new URL(c.req.url)
  const read = new URLSearchParams([...url.searchParams].filter(([key]) => keys.includes(key)))
  const query = read.toString()
  return query ? `${url.pathname}?${query}` : url.pathname
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
export async function userOr(c: PageContext): Promise<User | Response> {
  const user = await currentUser(c)
  return user ?? signInFirst(c)
}

/** What a page answers someone not signed in: the sign-in page, or behind Access why there is none. */
function signInFirst(c: PageContext): Response {
  // Behind Access there is no password to sign in with: say why instead of showing a form.
  if (accessMode(c.env)) {
    framePage(c, { title: messages[langOf(c)].noAccessTitle, owns: ['no-account'] })
    throw refuse('no-account')
  }
  return c.redirect(`/app/login?next=${encodeURIComponent(pathOf(c))}`, 303)
}

/** The reader of one programme's page: who, in which language, with what access. */
type ProgrammeReader = { user: User; lang: Lang; t: Messages; access: ProgrammeAccess }

/**
 * Tells a page's refusals how to read (`pageRefusal` below): under `title`, for a signed-in
 * reader unless told otherwise, and, for the codes in `owns` (the page's own refusals), under
 * that title rather than their status's heading. The words are always the refusal's own, from
 * the one catalogue (worker/i18n/errors-nl.ts). Set again as a page learns more (its
 * programme's name once access is clear).
 */
export function framePage(c: PageContext, frame: { title: string; signedIn?: boolean; owns?: PageFrame['owns'] }) {
  c.set('page', { title: frame.title, signedIn: frame.signedIn ?? true, owns: frame.owns ?? [] })
}

/** What a programme's page asks of its reader before its own work (`programmeReader`). */
type ReaderNeeds = {
  /** The page's title, also of its refusals. */
  title: (t: Messages) => string
  /** `lead`: the page is a lead's (403 `lead-only` for anyone else who sees the programme). */
  need?: 'lead' | 'read'
  /** Refusals the page itself throws once access is clear, shown under its title. */
  owns?: PageFrame['owns']
}

/**
 * The reader of `/app/programmes/:pid/…`, or the sign-in redirect that stands in for them, by the
 * one access check (`requireProgramme`, worker/services/programme-access.ts): a programme that
 * is not theirs to see is refused as not found, one they may see but not lead as `lead-only`
 * when the page is a lead's, both under the page's own title. The session (or Access identity),
 * the access check and what `alongside` reads through the `db` it is given go to D1 as one batch,
 * `alongside`'s statements gated on the check in SQL (`readAsAsker`); it writes nothing before
 * `cleared` has passed. Signed out, or a session that has ended, is sent to sign in as `userOr` sends it.
 */
export async function programmeReader<T>(
  c: WithPath<'pid', AppEnv>,
  needs: ReaderNeeds,
  alongside: (db: D1Database, pid: string, cleared: Promise<unknown>) => Promise<T>,
): Promise<(ProgrammeReader & { also: T }) | Response> {
  const asker = await askerOf(c)
  if (!asker) return signInFirst(c)
  const lang = langOf(c)
  const t = messages[lang]
  const { pid } = c.req.valid('param')
  framePage(c, { title: needs.title(t), owns: ['programme-not-found', 'lead-only', ...(needs.owns ?? [])] })
  try {
    const {
      user,
      access,
      value: also,
    } = await readAsAsker(
      c.env.DB,
      { asker, pid, need: needs.need ?? 'read', route: c.req.routePath, known: (u) => c.set('user', u) },
      (db, cleared) => alongside(db, pid, cleared),
    )
    return { user, lang, t, access, also }
  } catch (error) {
    // The session had ended or names nobody: as for a page that reads no programme (`userOr`).
    if (error instanceof Refusal && (error.code === 'not-signed-in' || error.code === 'no-account'))
      return signInFirst(c)
    throw error
  }
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
 * (worker/index.ts). Every pages sub-app under /app sets it as its `onError`, and the Worker's
 * handler hands it an address outside /api and /app that names nothing (`page-not-found`): a
 * page no frame was set for links to the app's start.
 */
export const pageRefusal: ErrorHandler<AppEnv> = (error, c) => {
  const status = error instanceof Refusal ? statusOf(error) : 500
  if (!(error instanceof Refusal) || !isPageStatus(status)) throw error
  const lang = langOf(c)
  const t = messages[lang]
  const frame = c.get('page') as PageFrame | undefined
  const own = frame?.owns.includes(error.code) ?? false
  const title =
    frame && (own || status === 404)
      ? frame.title
      : status === 404
        ? t.notFoundHeading
        : status === 400
          ? t.badAddressHeading
          : t.refusedHeading
  return renderPage(
    <MessagePage
      lang={lang}
      title={title}
      body={messageOf(error, lang)}
      signedIn={frame?.signedIn ?? false}
      link={frame ? undefined : { href: '/app', text: t.appName }}
    />,
    status,
    c,
  )
}

/**
 * The heading the survey shows a respondent's refusal under, per code (worker/i18n/nl.ts); the
 * words below it are the refusal's own. A token that names no link is one page whatever made it
 * so (too long or empty, refused by `valid`; unknown or withdrawn, by `openLink`).
 */
type SurveyHeading = 'closedHeading' | 'notOpenHeading' | 'groupCompleteHeading' | 'groupUncountedHeading'
const SURVEY_HEADINGS: Partial<Record<ErrorCode, SurveyHeading>> = {
  'survey-closed': 'closedHeading',
  'survey-not-open': 'notOpenHeading',
  'group-complete': 'groupCompleteHeading',
  'group-uncounted': 'groupUncountedHeading',
}

/**
 * The one place a refused survey page (/s/:token) is rendered: in the respondent's language,
 * never problem+json, without the staff frame. Anything else goes on to the Worker's own handler
 * (worker/index.ts). The survey pages sub-app sets it as its `onError`.
 */
export const surveyRefusal: ErrorHandler<AppEnv> = (error, c) => {
  if (!(error instanceof Refusal)) throw error
  const status = statusOf(error)
  const heading = SURVEY_HEADINGS[error.code]
  if ((!heading && status !== 404) || !isPageStatus(status)) throw error
  const lang = langOf(c)
  const t = messages[lang]
  const shown = heading ? error : refuse('unknown-survey-link')
  // A token that names no link may be any length; the page's own address names at most 40 characters of it.
  const { token } = RefusedSurveyPath.parse(c.req.param())
  return renderPage(
    <LinkProblemPage
      lang={lang}
      token={heading ? token : token.slice(0, 40)}
      heading={t[heading ?? 'unknownLinkHeading']}
      body={messageOf(shown, lang)}
    />,
    status,
  )
}
