import { refuse } from '../services/refusal.ts'
import { pathParams } from '../../schema/api.ts'
import { LoginPageQuery, PageQuery } from '../../schema/api-pages.ts'
import { afterSignIn } from '../../schema/format.ts'
import { newApp } from '../http/app-env.ts'
import { accessMode, currentUser } from '../http/guards.ts'
import { langOf } from '../http/lang.ts'
import { framePage, pageRefusal, userOr } from '../http/page-reader.tsx'
import { valid } from '../http/validate.ts'
import { messages } from '../i18n/messages.ts'
import { LoginPage } from '../pages/login-page.tsx'
import { PasswordPage } from '../pages/password-page.tsx'
import { ProgrammesPage } from '../pages/programmes-page.tsx'
import { renderPage } from '../pages/layout.tsx'
import { linkSetsPassword, usablePasswordLink } from '../services/password-link-service.ts'
import { visibleProgrammes } from '../services/programme-access.ts'

/**
 * The frame of /app: sign-in, the password link, the list of programmes, and "nothing here" for
 * any other address. A programme's own pages are in worker/routes/results-html.tsx,
 * setup-html.tsx, quality-html.tsx and report-html.tsx; worker/index.ts mounts this one last,
 * since its catch-all answers whatever they do not.
 */
const app = newApp()
app.onError(pageRefusal)

app.get('/', valid('query', PageQuery), async (c) => {
  const user = await userOr(c)
  return user instanceof Response ? user : c.redirect(`/app/programmes${new URL(c.req.url).search}`, 303)
})

app.get('/login', valid('query', LoginPageQuery), async (c) => {
  const query = c.req.valid('query')
  // Where to go after signing in: only a page of ours, else the sign-in page is an open redirect.
  const next = afterSignIn(query.next)
  // Behind Access there is no password form: the identity comes with every request.
  const user = accessMode(c.env) ? await userOr(c) : await currentUser(c)
  if (user instanceof Response) return user
  if (user) return c.redirect(next, 303)
  return renderPage(
    <LoginPage lang={langOf(c)} next={next} email={query.email} passwordSet={query.set === '1'} />,
    200,
    c,
  )
})

app.get('/programmes', valid('query', PageQuery), async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const programmes = await visibleProgrammes(c.env.DB, user)
  return renderPage(
    <ProgrammesPage lang={langOf(c)} programmes={programmes} canCreate={user.role !== 'viewer'} />,
    200,
    c,
  )
})

/**
 * Where an invited person (or one whose password was reset) sets a password — no sign-in needed:
 * the link is the key — and where an existing account accepts access granted to it.
 */
app.get(
  '/password/:token',
  valid('param', pathParams('/password/:token'), () => refuse('link-not-found')),
  valid('query', PageQuery),
  async (c) => {
    const { token } = c.req.valid('param')
    const lang = langOf(c)
    const t = messages[lang]
    // Unknown (404), used (404) or expired (410): one title for all, as for a link the rule no longer lets set a password (403).
    framePage(c, {
      title: t.passwordLinkInvalidTitle,
      signedIn: false,
      owns: ['link-not-found', 'link-used', 'link-expired', 'link-cannot-set-password'],
    })
    const link = await usablePasswordLink(c.env.DB, token)
    const setsPassword = await linkSetsPassword(c.env.DB, link, accessMode(c.env))
    // An invitation or reset that the rule no longer allows says so, rather than offering a form that fails.
    if (link.purpose !== 'accept' && !setsPassword)
      throw refuse('link-cannot-set-password', { email: link.email, issuer: link.issuer, accept: false })
    const user = link.purpose === 'accept' ? await currentUser(c) : null
    const accept =
      link.purpose === 'accept'
        ? {
            programme: link.programmeName,
            role: link.role ?? 'viewer',
            issuer: link.issuer ?? '',
            signedInAs: user?.email ?? null,
            mine: user?.id === link.userId,
            accessMode: accessMode(c.env),
          }
        : undefined
    return renderPage(
      <PasswordPage
        lang={lang}
        token={token}
        email={link.email}
        purpose={link.purpose}
        setsPassword={setsPassword}
        accept={accept}
      />,
      200,
      c,
    )
  },
)

// A form the page's script sends to the API (SCRIPT_FORM, worker/pages/layout.tsx), posted without
// that script: it lands here, where it once went as a GET that put its fields (a new password, an
// action's words) in the address and history and saved nothing without a word (a lead's review).
// Nothing in the body is read.
app.post('/needs-script', (c) => {
  framePage(c, { title: messages[langOf(c)].scriptRequiredHeading, signedIn: false, owns: ['script-required'] })
  throw refuse('script-required')
})

// Any other page under /app: sign in first, then a page (not the API's JSON) saying there is nothing here.
app.get('*', valid('query', PageQuery), async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const t = messages[langOf(c)]
  framePage(c, { title: t.notFoundHeading })
  throw refuse('page-not-found', { path: new URL(c.req.url).pathname.slice(0, 100) })
})

export default app
