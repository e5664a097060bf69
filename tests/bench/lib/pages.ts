/**
 * Part 3, page weight: gzipped bytes of the scripts and styles each page loads, from the
 * production build in dist/ (what `npm run build` ships), following static imports into shared
 * chunks. Also checks that asset names carry content hashes and that dist/_headers gives them a
 * year-long immutable cache; whether the server honours it is checked in part 4, on `wrangler dev`.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Report } from './report.ts'
import { ROOT } from './run.ts'

const DIST = join(ROOT, 'dist')
/** What each page links (worker/pages/*.tsx): the layout's app.css on every page, app.js on signed-in pages. */
const PAGES: { page: string; files: string[]; later?: string[]; targetKB: number }[] = [
  // SurveyJS and its stylesheet are fetched by the island after the intro's first paint (web/survey.ts).
  { page: 'survey page /s/:token', files: ['app-shell.css', 'survey.js'], later: ['survey.css'], targetKB: 420 },
  {
    page: 'dashboard /app/programmes/:pid',
    files: ['app-shell.css', 'results.css', 'app-shell.js', 'results.js'],
    targetKB: 150,
  },
  { page: 'admin /app/programmes/:pid/setup', files: ['app-shell.css', 'app-shell.js', 'setup.js'], targetKB: 100 },
]
const KB = 1000

const STATIC_IMPORT = /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{},\s]*?from\s*)?"(\.\/[\w.-]+\.js)"/g
const DYNAMIC_IMPORT = /import\(\s*"(\.\/[\w.-]+\.js)"\s*\)/g
const CSS_URL = /url\(\s*["']?(?!data:)([^"')]+)["']?\s*\)/g

const gz = (file: string) => gzipSync(readFileSync(join(DIST, 'assets', file))).length

/** The file and everything it loads before the page can run: static imports, CSS url() files. */
function closure(
  file: string,
  seen = new Set<string>(),
  lazy = new Set<string>(),
): { seen: Set<string>; lazy: Set<string> } {
  if (seen.has(file)) return { seen, lazy }
  seen.add(file)
  const text = readFileSync(join(DIST, 'assets', file), 'utf8')
  const deps = file.endsWith('.css')
    ? [...text.matchAll(CSS_URL)].map((m) => m[1]!)
    : [...text.matchAll(STATIC_IMPORT)].map((m) => m[1]!)
  for (const dep of deps) closure(dep.replace(/^\.?\//, '').replace(/^assets\//, ''), seen, lazy)
  if (file.endsWith('.js')) for (const m of text.matchAll(DYNAMIC_IMPORT)) lazy.add(m[1]!.slice(2))
  return { seen, lazy }
}

export function measurePages(report: Report): void {
  const part = '3 pages'
  const manifest = JSON.parse(readFileSync(join(ROOT, 'worker/generated/assets.json'), 'utf8')) as Record<
    string,
    string
  >
  const weights: Record<string, unknown> = {}
  for (const { page, files, later: laterFiles = [], targetKB } of PAGES) {
    const missing = [...files, ...laterFiles].filter((f) => !manifest[f])
    if (missing.length) {
      report.add(
        part,
        `${page}: JS + CSS gzipped`,
        `not built yet (${missing.join(', ')})`,
        '',
        `≤ ${targetKB} KB`,
        null,
      )
      continue
    }
    const seen = new Set<string>()
    const lazy = new Set<string>()
    for (const f of files) closure(manifest[f]!.replace('/assets/', ''), seen, lazy)
    const js = [...seen].filter((f) => f.endsWith('.js')).reduce((n, f) => n + gz(f), 0)
    const css = [...seen].filter((f) => f.endsWith('.css')).reduce((n, f) => n + gz(f), 0)
    const other = [...seen].filter((f) => !/\.(js|css)$/.test(f)).reduce((n, f) => n + gz(f), 0)
    // Everything a later import() brings, with its own static imports: the rest of what the page uses.
    const later = new Set<string>()
    for (const f of [...lazy, ...laterFiles.map((l) => manifest[l]!.replace('/assets/', ''))])
      for (const g of closure(f, new Set([...seen]), new Set()).seen) if (!seen.has(g)) later.add(g)
    const lazyBytes = [...later].reduce((n, f) => n + gz(f), 0)
    weights[page] = { files: [...seen], lazy: [...later], js, css, other, lazyBytes }
    // The target counts all of it: what a respondent downloads to answer, not only to see the intro.
    const total = js + css + other + lazyBytes
    report.add(part, `${page}: JS gzipped`, (js / KB).toFixed(1), 'KB')
    report.add(part, `${page}: CSS gzipped`, (css / KB).toFixed(1), 'KB')
    if (other) report.add(part, `${page}: files CSS links (fonts, images) gzipped`, (other / KB).toFixed(1), 'KB')
    if (lazyBytes) {
      report.add(part, `${page}: before first paint, JS + CSS gzipped`, ((js + css + other) / KB).toFixed(1), 'KB')
      report.add(part, `${page}: loaded after first paint (preload, import())`, (lazyBytes / KB).toFixed(1), 'KB')
    }
    report.add(
      part,
      `${page}: JS + CSS gzipped, all of it`,
      (total / KB).toFixed(1),
      'KB',
      `≤ ${targetKB} KB`,
      total <= targetKB * KB,
    )
  }
  report.samples.pageWeights = weights

  const assets = readdirSync(join(DIST, 'assets')).filter((f) => /\.(js|css|woff2|svg)$/.test(f))
  const unhashed = assets.filter((f) => !/-[A-Z0-9]{8}\.\w+$/.test(f))
  report.add(
    part,
    'static assets with a content hash in the name',
    `${assets.length - unhashed.length} of ${assets.length}`,
    '',
    'all',
    unhashed.length === 0,
  )
  const headers = existsSync(join(DIST, '_headers')) ? readFileSync(join(DIST, '_headers'), 'utf8') : ''
  const immutable = /^\/assets\/\*\s*\n(?:\s+.*\n)*?\s+Cache-Control:\s*public,\s*max-age=31536000,\s*immutable/m.test(
    headers,
  )
  report.add(part, 'dist/_headers: /assets/* one-year immutable', immutable ? 'yes' : 'no', '', 'yes', immutable)
}
