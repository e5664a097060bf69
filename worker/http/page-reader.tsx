import type { Context, ErrorHandler } from 'hono'
import { setCookie } from 'hono/cookie'
import { isLang } from '../../schema/format.ts'
import type { User } from '../db/users.ts'
import { LANG_COOKIE, messages, type Lang, type Messages } from '../i18n/index.ts'
import { MessagePage } from '../pages/app-frame.tsx'
import { renderPage } from '../pages/layout.tsx'
import { accessTo, type ProgrammeAccess } from '../services/programme-access.ts'
import { Refusal } from '../services/refusal.ts'
import type { AppEnv } from './app-env.ts'
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
    const lang = langOf(c)
    return renderPage(
      <MessagePage lang={lang} title={messages[lang].noAccessTitle} body={messages[lang].noAccessBody} />,
      403,
      c,
    )
  }
  return c.redirect(`/app/login?next=${encodeURIComponent(pathOf(c))}`, 303)
}

/** The reader of one programme's page: who, in which language, with what access. */
export type ProgrammeReader = { user: User; lang: Lang; t: Messages; access: ProgrammeAccess }

/**
 * The reader of `/app/programmes/:pid/…`, or the page that stands in for it: the sign-in
 * redirect, or "not found" under the page's own title when the programme is not theirs to see.
 * `alongside` is read in the same round trip as the access check (used only once access is clear).
 */
export async function programmeReader<T>(
  c: PageContext,
  title: (t: Messages) => string,
  alongside: (pid: string) => Promise<T>,
): Promise<(ProgrammeReader & { also: T }) | Response> {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const lang = langOf(c)
  const t = messages[lang]
  const pid = c.req.param('pid') ?? ''
  const [access, also] = await Promise.all([accessTo(c.env.DB, user, pid), alongside(pid)])
  if (!access) return renderPage(<MessagePage lang={lang} title={title(t)} body={t.notFoundProgramme} />, 404, c)
  return { user, lang, t, access, also }
}

/**
 * A refusal on a page is a page: a query that `valid` refused (400), or a thing that is not there
 * (404), in the reader's language. Anything else goes on to the Worker's own handler
 * (worker/index.ts). Every pages sub-app sets it as its `onError`.
 */
export const pageRefusal: ErrorHandler<AppEnv> = (error, c) => {
  const status = error instanceof Refusal ? statusOf(error) : 500
  if (!(error instanceof Refusal) || (status !== 400 && status !== 404)) throw error
  const lang = langOf(c)
  const t = messages[lang]
  return renderPage(
    <MessagePage
      lang={lang}
      title={status === 404 ? t.notFoundHeading : t.badAddressHeading}
      body={messageOf(error, lang)}
      signedIn={false}
    />,
    status,
    c,
  )
}

/**
 * Runs a page's work; a "not there" refusal from it (no such wave or partner) becomes a 404 page
 * under `title`, still signed in, so the reader keeps the page's frame.
 */
export async function orNotFound(
  c: PageContext,
  lang: Lang,
  title: string,
  work: () => Promise<Response>,
): Promise<Response> {
  try {
    return await work()
  } catch (error) {
    if (error instanceof Refusal && statusOf(error) === 404)
      return renderPage(<MessagePage lang={lang} title={title} body={messageOf(error, lang)} />, 404, c)
    throw error
  }
}
