import { asset } from '../assets.ts'
import { messages, type Lang } from '../i18n/messages.ts'
import { AppShellScriptBlock } from './app-frame.tsx'
import { Layout } from './layout.tsx'

/** The sign-in page: e-mail and password, sent by web/app-shell.ts; `next` is where a signed-in reader goes. */
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
      {/* Signing in goes through the JSON API, which refuses a plain form post: without a script it
          ended on a raw refusal (a lead's review), so the page says so first. */}
      <noscript>
        <p class="notice">{t.signInScriptRequired}</p>
      </noscript>
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
