import type { Child } from 'hono/jsx'
import { asset } from '../assets.ts'
import type { Programme } from '../db/programmes.ts'
import { appShellWords, messages, setupWords, type Lang } from '../i18n/messages.ts'
import { Layout, ScriptData } from './layout.tsx'
import { fill } from '../../schema/format.ts'
import type { SetupScriptData } from '../../schema/page-data.ts'
import { PASSWORD_MIN_LENGTH } from '../../schema/password.ts'

/** The signed-in header: programmes and sign-out (handled by the app script, as the API takes JSON only). */
function AppNav({ lang }: { lang: Lang }) {
  const t = messages[lang]
  return (
    <nav aria-label={t.appName} class="app-nav">
      <a href={`/app/programmes?lang=${lang}`}>{t.programmesTitle}</a>
      <button type="button" class="link-button" data-signout>
        {t.signOut}
      </button>
    </nav>
  )
}

/**
 * The data of the setup script (web/setup.ts) as one typed block, `#setup-data`: its words in the
 * page's language, and what the setup page adds (`links`, `closing`). Every page that loads the
 * script includes it.
 */
export function SetupScriptBlock({ lang, ...rest }: { lang: Lang } & Omit<SetupScriptData, 'words'>) {
  return <ScriptData id="setup-data" data={{ words: setupWords(messages[lang]), ...rest }} />
}

/** The words of the sign-in, password and acceptance forms, for web/app-shell.ts (`#app-shell-data`). */
function AppShellScriptBlock({ lang }: { lang: Lang }) {
  return <ScriptData id="app-shell-data" data={{ words: appShellWords(messages[lang]) }} />
}

export function AppPage(props: {
  lang: Lang
  title: string
  path: string
  scripts?: string[]
  styles?: string[]
  children: Child
}) {
  return (
    <Layout {...props} nav={<AppNav lang={props.lang} />} scripts={[asset('app-shell.js'), ...(props.scripts ?? [])]}>
      {props.children}
    </Layout>
  )
}

export function LoginPage({
  lang,
  next,
  email,
  passwordSet,
}: {
  lang: Lang
  next: string
  email?: string
  passwordSet?: boolean
}) {
  const t = messages[lang]
  return (
    <Layout
      lang={lang}
      title={t.signInTitle}
      path={`/app/login?next=${encodeURIComponent(next)}`}
      scripts={[asset('app-shell.js')]}
    >
      <h1>{t.signInTitle}</h1>
      {passwordSet && (
        <p class="notice" role="status">
          {t.passwordSet}
        </p>
      )}
      <form class="login-form" method="post" action="/api/session" data-login data-next={next} novalidate>
        <p id="login-error" class="form-error" role="alert" hidden></p>
        <label for="email">{t.email}</label>
        <input id="email" name="email" type="email" autocomplete="username" required value={email ?? ''} />
        <label for="password">{t.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{t.signIn}</button>
      </form>
      <AppShellScriptBlock lang={lang} />
    </Layout>
  )
}

export function ProgrammesPage({
  lang,
  programmes,
  canCreate,
}: {
  lang: Lang
  programmes: (Programme & { canLead: boolean })[]
  canCreate: boolean
}) {
  const t = messages[lang]
  return (
    <AppPage
      lang={lang}
      title={t.programmesTitle}
      path="/app/programmes"
      scripts={canCreate ? [asset('setup.js')] : []}
    >
      <h1>{t.programmesTitle}</h1>
      {canCreate && <SetupScriptBlock lang={lang} />}
      {programmes.length === 0 ? (
        <p>{canCreate ? t.noProgrammesYet : t.noProgrammes}</p>
      ) : (
        <ul class="programme-list">
          {programmes.map((p) => (
            <li>
              <a href={`/app/programmes/${p.id}?lang=${lang}`}>{p.name}</a>
              {p.canLead && (
                <>
                  {' · '}
                  <a
                    href={`/app/programmes/${p.id}/setup?lang=${lang}`}
                    aria-label={fill(t.setupOf, { programme: p.name })}
                  >
                    {t.setupHeading}
                  </a>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {canCreate && (
        <section aria-labelledby="new-programme-heading">
          <h2 id="new-programme-heading">{t.newProgramme}</h2>
          <p>{t.newProgrammeIntro}</p>
          <form
            class="stack-form"
            data-api="/api/programmes"
            data-method="POST"
            data-then="/app/programmes/{id}/setup"
            data-status="status-programme"
          >
            <label for="programme-name">{t.programmeName}</label>
            <input id="programme-name" name="name" required maxlength={200} />
            <button type="submit">{t.createProgramme}</button>
            <p id="status-programme" class="form-status" role="status" aria-live="polite" hidden></p>
          </form>
        </section>
      )}
    </AppPage>
  )
}

export function MessagePage({
  lang,
  title,
  body,
  signedIn = true,
  link,
}: {
  lang: Lang
  title: string
  body: string
  signedIn?: boolean
  link?: { href: string; text: string }
}) {
  // Signed out, the page has no app navigation (which would only send the reader to sign in).
  const Frame = signedIn ? AppPage : Layout
  return (
    <Frame lang={lang} title={title} path="/app">
      <h1>{title}</h1>
      <p class="message-body">{body}</p>
      {link && (
        <p>
          <a href={link.href}>{link.text}</a>
        </p>
      )}
    </Frame>
  )
}

/** What the page of an acceptance link needs to know besides the link itself. */
type AcceptView = {
  programme: string
  role: 'lead' | 'viewer'
  issuer: string
  signedInAs: string | null
  mine: boolean
  accessMode: boolean
}

/**
 * A one-time link's page: setting a password (an invitation's or a reset's), or accepting access
 * granted to an existing account — by the account itself when signed in as it, or by choosing a
 * new password when the link may set one (which ends the account's other sessions).
 */
export function PasswordPage({
  lang,
  token,
  email,
  purpose,
  setsPassword = true,
  accept,
}: {
  lang: Lang
  token: string
  email: string
  purpose: 'invite' | 'reset' | 'accept'
  setsPassword?: boolean
  accept?: AcceptView
}) {
  const t = messages[lang]
  const here = `/app/password/${token}`
  const title = accept
    ? fill(t.acceptTitle, { programme: accept.programme })
    : purpose === 'invite'
      ? t.passwordInviteTitle
      : t.passwordResetTitle
  const form = (
    <form class="login-form" data-password={`/api/password-links/${token}`} data-email={email} novalidate>
      <p id="password-error" class="form-error" role="alert" hidden></p>
      <input type="email" name="username" value={email} autocomplete="username" hidden readonly />
      <label for="new-password">{t.newPassword}</label>
      <input
        id="new-password"
        name="password"
        type="password"
        autocomplete="new-password"
        minlength={PASSWORD_MIN_LENGTH}
        required
        aria-describedby="password-hint"
      />
      <p id="password-hint" class="hint">
        {t.passwordHint}
      </p>
      <label for="repeat-password">{t.repeatPassword}</label>
      <input id="repeat-password" name="repeat" type="password" autocomplete="new-password" required />
      <button type="submit">{t.setPassword}</button>
    </form>
  )
  if (!accept) {
    return (
      <Layout lang={lang} title={title} path={here} scripts={[asset('app-shell.js')]}>
        <h1>{title}</h1>
        <p>{fill(t.passwordFor, { email })}</p>
        {form}
        <AppShellScriptBlock lang={lang} />
      </Layout>
    )
  }
  return (
    <Layout lang={lang} title={title} path={here} scripts={[asset('app-shell.js')]}>
      <h1>{title}</h1>
      <p>
        {fill(t.acceptIntro, {
          issuer: accept.issuer,
          email,
          programme: accept.programme,
          role: t[`personRole_${accept.role}`],
        })}
      </p>
      <p id="accept-error" class="form-error" role="alert" hidden></p>
      {accept.mine ? (
        <button type="button" data-accept={`/api/password-links/${token}/accept`}>
          {t.acceptButton}
        </button>
      ) : accept.signedInAs ? (
        <>
          <p class="notice">{fill(t.acceptOtherAccount, { user: accept.signedInAs, email })}</p>
          {!accept.accessMode && (
            <button type="button" class="secondary" data-signout data-next={here}>
              {t.signOutToSwitch}
            </button>
          )}
        </>
      ) : (
        <p>
          <a href={`/app/login?next=${encodeURIComponent(here)}&email=${encodeURIComponent(email)}`}>
            {fill(t.acceptSignIn, { email })}
          </a>
        </p>
      )}
      {!accept.mine && setsPassword && (
        <section aria-labelledby="accept-password-heading">
          <h2 id="accept-password-heading">{fill(t.acceptOrPassword, { email })}</h2>
          <p>{t.acceptPasswordHint}</p>
          {form}
        </section>
      )}
      {!accept.mine && !setsPassword && !accept.accessMode && <p class="hint">{t.acceptNoPassword}</p>}
      <AppShellScriptBlock lang={lang} />
    </Layout>
  )
}
