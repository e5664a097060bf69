import { asset } from '../assets.ts'
import { messages, type Lang } from '../i18n/messages.ts'
import { fill } from '../../schema/format.ts'
import { PASSWORD_MIN_LENGTH } from '../../schema/password.ts'
import { AppShellScriptBlock } from './app-frame.tsx'
import { SCRIPT_FORM } from './layout.tsx'
import { Layout } from './layout.tsx'

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
    <form
      {...SCRIPT_FORM}
      class="login-form"
      data-password={`/api/password-links/${token}`}
      data-email={email}
      novalidate
    >
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
