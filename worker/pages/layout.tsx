import type { Context } from 'hono'
import type { Child } from 'hono/jsx'
import type { z } from 'zod'
import type { PageScripts } from '../../schema/page-data.ts'
import { asset } from '../assets.ts'
import { messages, type Lang } from '../i18n/messages.ts'

/** The same path and query with `lang` set, for the language switch. */
function withLang(path: string, lang: string): string {
  const url = new URL(path, 'http://x')
  url.searchParams.set('lang', lang)
  return `${url.pathname}${url.search}`
}

/** JSON for a `<script type="application/json">`, safe against `</script>` inside strings. */
function inlineJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026')
}

/**
 * The one way a page hands its script data: a `<script type="application/json">` with the id
 * and type of schema/page-data.ts (`PageScripts`), which the script reads with `pageData`
 * (web/page-data-reader.ts). Words go here, not in data-* attributes.
 */
export function ScriptData<K extends keyof PageScripts>({ id, data }: { id: K; data: PageScripts[K] }) {
  return <script type="application/json" id={id} dangerouslySetInnerHTML={{ __html: inlineJson(data) }} />
}

/**
 * The request body an element sends as it is (`data-body`, or a checkbox's value, read by
 * web/setup.ts), typed by the schema the API validates it with, so a page cannot hand the script
 * a body the API would refuse as malformed.
 */
export const bodyFor = <S extends z.ZodType>(_schema: S, body: z.input<S>): string => JSON.stringify(body)

/**
 * A table that scrolls sideways in its own box, reachable by keyboard (a focusable, named region),
 * so a narrow screen never has to break the table's words.
 */
/**
 * Text that may wrap only after the characters `after` matches (<wbr> there), never inside a
 * word: an e-mail address after its @ and dots ("j.jansen@gemeente.nl" never "j.jans/en"), a
 * partner's name after a slash ("Belastingdienst/Toeslagen" ran over the heatmap's first score).
 */
export function WrapAfter({ text, after, class: cls }: { text: string; after: RegExp; class?: string }) {
  const parts = text.split(new RegExp(`(?<=${after.source})`))
  const words = parts.map((part, i) => (
    <>
      {i > 0 && <wbr />}
      {part}
    </>
  ))
  return cls ? <span class={cls}>{words}</span> : words
}

/**
 * A section heading's title with what it is of (a role, a wave) on a line of its own in smaller
 * type (`.heading-context`, web/app-shell.css): "Wat valt op · Medewerkers (over hun
 * teammanager) · Voorjaar 2026" took four lines of a 390 px phone before the first sentence
 * under it. The words are the same, so the heading's accessible name is too; the dot between
 * title and context is read, not shown, since the line break separates them on screen.
 */
export function TitleOf({ title, of }: { title: string; of: string[] }) {
  return (
    <>
      {title}
      <span class="heading-context">
        <span class="visually-hidden"> · </span>
        {of.join(' · ')}
      </span>
    </>
  )
}

/**
 * What each printed page says at its top, in the page's margin (the report's page numbers sit in
 * the margin at its foot, web/report.css): a page passed round on its own still says whose report
 * or results it is. Every character but letters, digits and spaces is a CSS escape, so no name can
 * end the string or the <style> it is in.
 */
export function RunningHeader({ text }: { text: string }) {
  const escaped = [...text]
    .map((ch) => (/[\p{L}\p{N} ]/u.test(ch) ? ch : `\\${ch.codePointAt(0)!.toString(16)} `))
    .join('')
  const css = `@page { @top-left { content: "${escaped}"; font-size: 8pt; color: #4a4f57; } }`
  return <style media="print" dangerouslySetInnerHTML={{ __html: css }} />
}

export function Scroll({ label, class: extra, children }: { label: string; class?: string; children: Child }) {
  return (
    <div class={extra ? `table-scroll ${extra}` : 'table-scroll'} tabindex={0} role="region" aria-label={label}>
      {children}
    </div>
  )
}

/**
 * The method and action of a form that a page's script sends to the JSON API (web/setup.ts,
 * web/app-shell.ts): without the script the browser posts it to a page that says it needs one and
 * saved nothing (worker/routes/app-html.tsx), never a GET with its fields in the address.
 */
export const SCRIPT_FORM = { method: 'post', action: '/app/needs-script' } as const

type LayoutProps = {
  lang: Lang
  title: string
  /** The current path and query, so the language switch keeps the reader where they are. */
  path: string
  /** Links and a sign-out button for signed-in pages. */
  nav?: Child
  scripts?: string[]
  /** `low` for a large island the page's text does not need: the text paints first on a slow line. */
  scriptPriority?: 'low'
  styles?: string[]
  children: Child
}

export function Layout({ lang, title, path, nav, scripts = [], scriptPriority, styles = [], children }: LayoutProps) {
  const t = messages[lang]
  const switchTo = withLang(path, t.otherLanguageCode)
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        {/* No icon: otherwise every page asks for /favicon.ico and logs a 404. */}
        <link rel="icon" href="data:," />
        <title>{`${title} · ${t.appName}`}</title>
        <link rel="stylesheet" href={asset('app-shell.css')} />
        {styles.map((href) => (
          <link rel="stylesheet" href={href} />
        ))}
        {scripts.map((src) => (
          <script type="module" src={src} defer fetchpriority={scriptPriority} />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <span class="brand">{t.appName}</span>
          {nav}
          <nav aria-label={t.languageSwitch}>
            <a
              href={switchTo}
              hreflang={t.otherLanguageCode}
              lang={t.otherLanguageCode}
              data-lang-switch={t.otherLanguageCode}
            >
              {t.otherLanguage}
            </a>
          </nav>
        </header>
        <main id="main" tabindex={-1}>
          {children}
        </main>
      </body>
    </html>
  )
}

/** A page's HTML with its doctype, as `renderPage` sends it: for a route that keeps the text (worker/services/answer-cache.ts). */
export const pageHtml = async (node: Child): Promise<string> =>
  `<!DOCTYPE html>${await (node as { toString(): string | Promise<string> }).toString()}`

/**
 * An HTML response with a doctype (JSX cannot write one), so browsers render in standards mode.
 * Given the route's context, headers the route set (a cookie) go out with it.
 */
export async function renderPage(
  node: Child,
  status: 200 | 400 | 403 | 404 | 409 | 410 = 200,
  c?: Context,
): Promise<Response> {
  const html = await pageHtml(node)
  if (c) return c.html(html, status)
  return new Response(html, { status, headers: { 'content-type': 'text/html; charset=utf-8' } })
}
