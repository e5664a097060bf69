import { wordingOf } from '../i18n/errors.ts'
import { messages, type Lang } from '../i18n/index.ts'
import { Layout, renderPage } from './layout.tsx'

/** A page, not JSON, for a person who typed or followed a wrong address. */
export function notFoundPage(lang: Lang, path: string): Promise<Response> {
  const t = messages[lang]
  return renderPage(
    <Layout lang={lang} title={t.notFoundHeading} path="/">
      <h1>{t.notFoundHeading}</h1>
      <p>{wordingOf('page-not-found', { path }, lang)}</p>
      <p>
        <a href="/app">{t.appName}</a>
      </p>
    </Layout>,
    404,
  )
}
