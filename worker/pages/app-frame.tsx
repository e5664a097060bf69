import type { Child } from 'hono/jsx'
import { asset } from '../assets.ts'
import { appShellWords, messages, setupWords, type Lang } from '../i18n/messages.ts'
import { Layout, ScriptData } from './layout.tsx'
import type { SetupScriptData } from '../../schema/page-data.ts'

/**
 * The frame every signed-in page shares: its header (`AppPage`), a one-message page
 * (`MessagePage`), and the script data blocks the pages hand their islands. The pages themselves
 * each have their own file (login-page.tsx, programmes-page.tsx, password-page.tsx, …).
 */

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
export function AppShellScriptBlock({ lang }: { lang: Lang }) {
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
