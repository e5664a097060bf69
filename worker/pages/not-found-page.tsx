import { messages, pickLang } from '../i18n/index.ts'
import { Layout, renderPage } from './layout.tsx'

/** A page, not JSON, for a person who typed or followed a wrong address. */
export function notFoundPage(query: string | undefined, acceptLanguage: string | undefined): Promise<Response> {
  const lang = pickLang(query, acceptLanguage)
  const t = messages[lang]
  return renderPage(
    <Layout lang={lang} title={t.notFoundHeading} path="/">
      <h1>{t.notFoundHeading}</h1>
      <p>{t.notFoundBody}</p>
      <p>
        <a href="/app">{t.appName}</a>
      </p>
    </Layout>,
    404,
  )
}
