/**
 * Builds the browser assets into dist/ with content hashes in their names and writes the
 * manifest the Worker links them by. Run by `npm run build` (before start, test and deploy).
 */
import { build } from 'esbuild'
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const out = join(root, 'dist')

/** Entry points: manifest key → source. Each page loads only its own island. */
const entries: Record<string, string> = {
  'survey.js': 'web/survey.ts',
  'survey.css': 'web/survey.css',
  'app-shell.css': 'web/app-shell.css',
  'app-shell.js': 'web/app-shell.ts',
  'setup.js': 'web/setup.ts',
  'results.js': 'web/results.ts',
  'results.css': 'web/results.css',
  'report.js': 'web/report.ts',
  'report.css': 'web/report.css',
}

rmSync(out, { recursive: true, force: true })
mkdirSync(join(out, 'assets'), { recursive: true })

const result = await build({
  entryPoints: Object.entries(entries).map(([key, src]) => ({
    in: join(root, src),
    out: key.replace(/\.(js|css)$/, ''),
  })),
  bundle: true,
  minify: true,
  format: 'esm',
  splitting: true,
  target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
  outdir: join(out, 'assets'),
  entryNames: '[name]-[hash]',
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  loader: { '.woff2': 'file', '.svg': 'file' },
  metafile: true,
  legalComments: 'linked',
  logLevel: 'warning',
})

const manifest: Record<string, string> = {}
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  if (!meta.entryPoint) continue
  const source = meta.entryPoint.replace(/^.*?web\//, 'web/')
  const key = Object.entries(entries).find(([, src]) => src === source)?.[0]
  if (key && file.endsWith(key.slice(key.lastIndexOf('.')))) manifest[key] = `/assets/${basename(file)}`
}
for (const key of Object.keys(entries)) {
  if (!manifest[key]) throw new Error(`build: no output for ${key}`)
}
// What an entry's import() calls load, with their own static imports: `preload:<entry>`, space-separated,
// so a page can fetch and compile them while it is being read (the survey page does, web/survey.ts).
for (const [file, meta] of Object.entries(result.metafile.outputs)) {
  const key = Object.entries(manifest).find(([, url]) => url === `/assets/${basename(file)}`)?.[0]
  if (!key?.endsWith('.js')) continue
  const later = new Set<string>()
  const walk = (imports: { path: string; kind: string }[], dynamicOnly: boolean) => {
    for (const imp of imports) {
      if (imp.kind !== 'dynamic-import' && (dynamicOnly || imp.kind !== 'import-statement')) continue
      if (later.has(imp.path)) continue
      later.add(imp.path)
      walk(result.metafile.outputs[imp.path]?.imports ?? [], false)
    }
  }
  walk(meta.imports, true)
  if (later.size) manifest[`preload:${key}`] = [...later].map((f) => `/assets/${basename(f)}`).join(' ')
}

// Hashed names never change content, so browsers may keep them for a year without asking.
writeFileSync(
  join(out, '_headers'),
  `/assets/*\n  Cache-Control: public, max-age=31536000, immutable\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: no-referrer\n  Strict-Transport-Security: max-age=31536000; includeSubDomains\n`,
)
mkdirSync(join(root, 'worker/generated'), { recursive: true })
writeFileSync(join(root, 'worker/generated/assets.json'), `${JSON.stringify(manifest, null, 2)}\n`)
console.log(`built ${Object.keys(entries).length} assets into dist/assets`)
