import type { Child } from 'hono/jsx'
import { asset } from '../assets.ts'
import type { Programme } from '../db/programmes.ts'
import { messages, type Lang } from '../i18n/index.ts'
import { Layout } from './layout.tsx'

/** The signed-in header: programmes and sign-out (handled by the app script, as the API takes JSON only). */
export function AppNav({ lang }: { lang: Lang }) {
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

export function AppPage(props: { lang: Lang; title: string; path: string; scripts?: string[]; styles?: string[]; children: Child }) {
  return (
    <Layout {...props} nav={<AppNav lang={props.lang} />} scripts={[asset('app.js'), ...(props.scripts ?? [])]}>
      {props.children}
    </Layout>
  )
}

export function LoginPage({ lang, next }: { lang: Lang; next: string }) {
  const t = messages[lang]
  return (
    <Layout lang={lang} title={t.signInTitle} path={`/app/login?next=${encodeURIComponent(next)}`} scripts={[asset('app.js')]}>
      <h1>{t.signInTitle}</h1>
      <form class="login-form" method="post" action="/api/session" data-login data-next={next} data-failed={t.signInFailed} data-throttled={t.signInThrottled} novalidate>
        <p id="login-error" class="form-error" role="alert" hidden></p>
        <label for="email">{t.email}</label>
        <input id="email" name="email" type="email" autocomplete="username" required />
        <label for="password">{t.password}</label>
        <input id="password" name="password" type="password" autocomplete="current-password" required />
        <button type="submit">{t.signIn}</button>
      </form>
    </Layout>
  )
}

export function ProgrammesPage({ lang, programmes }: { lang: Lang; programmes: Programme[] }) {
  const t = messages[lang]
  return (
    <AppPage lang={lang} title={t.programmesTitle} path="/app/programmes">
      <h1>{t.programmesTitle}</h1>
      {programmes.length === 0 ? (
        <p>{t.noProgrammes}</p>
      ) : (
        <ul class="programme-list">
          {programmes.map((p) => (
            <li>
              <a href={`/app/programmes/${p.id}?lang=${lang}`}>{p.name}</a>
            </li>
          ))}
        </ul>
      )}
    </AppPage>
  )
}

export function MessagePage({ lang, title, body }: { lang: Lang; title: string; body: string }) {
  return (
    <AppPage lang={lang} title={title} path="/app">
      <h1>{title}</h1>
      <p>{body}</p>
    </AppPage>
  )
}
