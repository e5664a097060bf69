/**
 * Miniflare instances for the benchmark: the production bundle (entry Worker, reached through
 * `dispatchFetch` with no HTTP proxy in between), and beside it, bound to the same D1 database
 * and reached by host name: the bare baseline (`bare.bench`), the D1-counting wrapper
 * (`counted.bench`) and the production bundle without its rate limiter (`nolimit.bench`), which
 * shows how much of a submission's cost is Miniflare's simulated limiter.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { build, transform } from 'esbuild'
import { convertV4MiniflareOptions, Miniflare } from 'miniflare'
import { readD1Migrations } from '@cloudflare/vitest-plugin'
import { ROOT } from './run.ts'

export const ADMIN = { email: 'bench@bench.local', password: 'bench-admin-password' }
export const APP = 'http://localhost'
export const BARE = 'http://bare.bench'
/** The dashboard's read as it was before publications (tests/bench/worker/before.ts). */
export const BEFORE = 'http://before.bench'
export const COUNTED = 'http://counted.bench'
export const NOLIMIT = 'http://nolimit.bench'

const compatibilityDate = /compatibility_date\s*=\s*"([^"]+)"/.exec(
  readFileSync(join(ROOT, 'wrangler.toml'), 'utf8'),
)![1]!

async function workerSource(file: string): Promise<string> {
  const { code } = await transform(readFileSync(join(ROOT, 'tests/bench/worker', file), 'utf8'), {
    loader: 'ts',
    format: 'esm',
  })
  return code
}

/** A bench worker that imports the Worker's own modules, bundled into one. */
async function bundledSource(file: string): Promise<string> {
  const { outputFiles } = await build({
    entryPoints: [join(ROOT, 'tests/bench/worker', file)],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    write: false,
    logLevel: 'silent',
  })
  return outputFiles[0]!.text
}

/** Starts Miniflare on a persisted D1 folder with the Worker bundle at `bundle` (wrangler's dry-run output). */
export async function startMiniflare(persist: string, bundle: string): Promise<Miniflare> {
  const app = readFileSync(bundle, 'utf8')
  const base = {
    compatibilityDate,
    d1Databases: { DB: 'ketenradar' },
    bindings: { MIN_GROUP_SIZE: '5', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
  }
  const shared = {
    ...base,
    // The limiter is called on every submission, as in production, but with a limit the
    // benchmark never reaches: what is measured is its cost, not its refusals.
    ratelimits: {
      SUBMIT_LIMITER: { namespace_id: '1001', simple: { limit: 1_000_000_000, period: 60 as const } },
      SIGNIN_LIMITER: { namespace_id: '1002', simple: { limit: 20, period: 60 as const } },
    },
  }
  // Miniflare 5 (pulled in by wrangler) takes a new options shape; the converter accepts the
  // v4 shape its README documents, which reads more plainly for a handful of workers.
  const mf = new Miniflare(
    convertV4MiniflareOptions({
      resourcePersistencePath: persist,
      workers: [
        { name: 'app', modules: [{ type: 'ESModule', path: 'index.js', contents: app }], ...shared },
        {
          name: 'bare',
          routes: ['bare.bench/*'],
          modules: [{ type: 'ESModule', path: 'bare.js', contents: await workerSource('bare.ts') }],
          ...base,
        },
        {
          name: 'before',
          routes: ['before.bench/*'],
          modules: [{ type: 'ESModule', path: 'before.js', contents: await bundledSource('before.ts') }],
          ...base,
        },
        {
          name: 'nolimit',
          routes: ['nolimit.bench/*'],
          modules: [{ type: 'ESModule', path: 'index.js', contents: app }],
          ...base,
        },
        {
          name: 'counted',
          routes: ['counted.bench/*'],
          modules: [
            {
              type: 'ESModule',
              path: 'entry.js',
              contents:
                "import app from './index.js'\nimport { counted } from './counted.js'\nexport default counted(app)\n",
            },
            { type: 'ESModule', path: 'counted.js', contents: await bundledSource('counted.ts') },
            { type: 'ESModule', path: 'index.js', contents: app },
          ],
          ...shared,
        },
      ],
    }),
  )
  await mf.ready
  return mf
}

/** Applies schema/migrations through the D1 binding, split as `wrangler d1 migrations` and the tests split them. */
export async function migrate(mf: Miniflare): Promise<void> {
  const db = await mf.getD1Database('DB')
  for (const migration of await readD1Migrations(join(ROOT, 'schema/migrations'))) {
    await db.batch(migration.queries.map((q) => db.prepare(q)))
  }
}

/** The SQLite file behind the D1 database of a stopped Miniflare. */
export function d1File(persist: string): string {
  const dir = join(persist, 'd1', 'miniflare-D1DatabaseObject')
  const files = readdirSync(dir).filter((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite')
  if (files.length !== 1) throw new Error(`expected one D1 database file in ${dir}, found ${files.length}`)
  return join(dir, files[0]!)
}

/** Signs in as the benchmark's admin; returns the session cookie. */
export async function signIn(mf: Miniflare): Promise<string> {
  const res = await mf.dispatchFetch(`${APP}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  await res.arrayBuffer()
  if (res.status !== 204) throw new Error(`sign-in failed: ${res.status}`)
  return res.headers.get('set-cookie')!.split(';')[0]!
}
