/**
 * `npm run deploy [-- --dry-run] [--config FILE]`: the one way to put Ketenradar on Cloudflare.
 *
 *   1. offline checks of wrangler.toml (a real database id, no secret in [vars], the cron that
 *      deletes answer sets, a valid anonymity threshold, the migrations folder)
 *   2. build the browser assets and bundle the Worker (`wrangler deploy --dry-run`)   — offline
 *   3. check the secrets are set (`wrangler secret list`)                              — network
 *   4. apply the migrations to the remote database (`wrangler d1 migrations apply`)   — network
 *   5. deploy (`wrangler deploy`)                                                      — network
 *
 * It stops at the first thing missing with a message naming the command that fixes it. With
 * --dry-run it does steps 1–2 (or only 1 with --no-build) and lists 3–5 without running them:
 * no network call is made. `tests/node/deploy.test.ts` runs it against copies of wrangler.toml and
 * a stand-in wrangler (--wrangler), so the real config is never edited.
 * Runs in Node (22+, from the `node` devDependency), not in the Worker.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { unstable_readConfig, type Unstable_Config } from 'wrangler'
import { ConfigError, readConfig } from '../env.ts'
import { WRANGLER_ENV } from './wrangler-env.ts'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')

/** The id `wrangler.toml` ships with; deploying with it would fail late, after the build. */
export const PLACEHOLDER_DATABASE_ID = '00000000-0000-0000-0000-000000000000'
/** Only at creation can a D1 database be bound to a jurisdiction (README, "Deploying to Cloudflare"). */
export const CREATE_DATABASE = 'npx wrangler d1 create ketenradar --jurisdiction eu'
/** Values that must never be in wrangler.toml, which is committed: only `wrangler secret put`. */
const SECRET_ONLY = ['ADMIN_PASSWORD', 'LINK_SECRET']

const { values: args } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    config: { type: 'string', default: join(ROOT, 'wrangler.toml') },
    // For the test: a stand-in for wrangler that records what it was asked and answers offline.
    wrangler: { type: 'string', default: join(ROOT, 'node_modules', '.bin', 'wrangler') },
  },
})
const dryRun = args['dry-run']
const config = resolve(args.config)
const shown = relative(process.cwd(), config) || config

function stop(message: string): never {
  console.error(`\nnpm run deploy stopped: ${message}`)
  process.exit(1)
}

function wrangler(argv: readonly string[], { capture = false, hint = 'Not signed in? Run `npx wrangler login`.' } = {}): string {
  const r = spawnSync(args.wrangler, [...argv, '--config', config], { cwd: ROOT, env: WRANGLER_ENV, encoding: 'utf8', stdio: capture ? 'pipe' : 'inherit' })
  if (r.status !== 0) {
    if (capture) process.stderr.write(`${r.stderr ?? ''}${r.stdout ?? ''}`)
    stop(`\`wrangler ${argv.join(' ')}\` failed (exit ${r.status ?? r.signal}). ${hint}`)
  }
  return r.stdout ?? ''
}

// 1. Offline checks, through wrangler's own reader so the file is understood as wrangler will.
if (!existsSync(config)) stop(`${shown} does not exist.`)
function readWranglerConfig(): Unstable_Config {
  try {
    return unstable_readConfig({ config })
  } catch (error) {
    stop(`wrangler cannot read ${shown}: ${(error as Error).message}`)
  }
}
const conf = readWranglerConfig()
const db = conf.d1_databases.find((d) => d.binding === 'DB')
if (!db) stop(`${shown} has no [[d1_databases]] entry with binding = "DB". Create the database with \`${CREATE_DATABASE}\` and add it.`)
const databaseId = db.database_id ?? ''
if (databaseId === PLACEHOLDER_DATABASE_ID || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(databaseId)) {
  stop(
    `${shown} still has ${databaseId === PLACEHOLDER_DATABASE_ID ? 'the placeholder database_id' : `database_id "${databaseId}", which is not a D1 database id`}. ` +
      `Create the database in the EU jurisdiction with \`${CREATE_DATABASE}\` and put the database_id it prints in ${shown}.`,
  )
}
const migrationsDir = resolve(dirname(config), db.migrations_dir ?? 'migrations')
const migrations = existsSync(migrationsDir) ? readdirSync(migrationsDir).filter((f) => f.endsWith('.sql')).sort() : []
if (migrations.length === 0) stop(`no migrations in ${relative(process.cwd(), migrationsDir)} (migrations_dir in ${shown}).`)
const vars = (conf.vars ?? {}) as Record<string, unknown>
for (const name of SECRET_ONLY) {
  if (name in vars) stop(`${name} is in [vars] of ${shown}, a file kept in the repository. Remove it there and run \`npx wrangler secret put ${name}\`.`)
}
try {
  // The Worker refuses to start with these wrong; better to know before deploying it.
  readConfig({ MIN_GROUP_SIZE: vars.MIN_GROUP_SIZE === undefined ? undefined : String(vars.MIN_GROUP_SIZE) } as Parameters<typeof readConfig>[0])
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  stop(`${error.message} ([vars] in ${shown}).`)
}
// Without the cron nothing deletes answer sets after their retention period (docs/privacy.*.md).
if (!conf.triggers.crons?.length) stop(`${shown} has no [triggers] crons: answer sets would never be deleted after their retention period. Restore \`crons = ["17 * * * *"]\`.`)
const placement = conf.placement?.mode ?? 'off'

console.log(`Checked ${shown}: D1 database ${db.database_name} (${databaseId}), ${migrations.length} migrations up to ${migrations.at(-1)}, placement ${placement}, cron ${conf.triggers.crons.join(', ')}.`)

// 2. Build and bundle: still offline, and a broken bundle should stop us before anything remote.
const bundle = ['deploy', '--dry-run', '--outdir', '.wrangler/deploy']
if (args['no-build']) {
  console.log('Skipped (--no-build): npm run build; wrangler deploy --dry-run.')
} else {
  const built = spawnSync(process.execPath, [join(ROOT, 'worker/cli/build-web.ts')], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) stop('`npm run build` failed (above).')
  wrangler(bundle)
}

// 3–5. What reaches Cloudflare.
const steps = [
  { run: ['secret', 'list', '--format', 'json'], does: 'check that the secrets are set' },
  { run: ['d1', 'migrations', 'apply', 'DB', '--remote'], does: `apply the migrations not yet applied to ${db.database_name}` },
  { run: ['deploy'], does: 'deploy the Worker, its assets and its Cron Trigger' },
] as const
if (dryRun) {
  console.log('\nDry run: no network call was made. A deploy would now:')
  steps.forEach((s, i) => console.log(`  ${i + 3}. wrangler ${s.run.join(' ')} --config ${shown}   (${s.does})`))
  process.exit(0)
}

/** The secrets the Worker needs (worker/env.ts): which depends on how staff sign in. */
function missingSecrets(set: Set<string>): string[] {
  const has = (name: string) => set.has(name) || name in vars
  const access = ['ACCESS_TEAM_DOMAIN', 'ACCESS_AUD']
  if (has(access[0]!) !== has(access[1]!)) stop(`only one of ${access.join(' and ')} is set; the Worker refuses to start so. Set the other: \`npx wrangler secret put ${access.find((n) => !has(n))}\`.`)
  // Behind Cloudflare Access nobody signs in with a password; the first administrator is promoted in D1.
  const needed = has(access[0]!) ? ['LINK_SECRET'] : ['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'LINK_SECRET']
  return needed.filter((n) => !has(n))
}

console.log(`\n3. wrangler secret list`)
let listed: { name: string }[]
try {
  // A first deploy has no Worker yet to list secrets of: `wrangler secret put` creates it.
  const hint = `Not signed in? Run \`npx wrangler login\`. First deploy? Set the secrets first (\`npx wrangler secret put LINK_SECRET\` and the others in README, "Deploying to Cloudflare").`
  listed = JSON.parse(wrangler(steps[0].run, { capture: true, hint })) as { name: string }[]
} catch {
  stop('`wrangler secret list` did not answer with JSON.')
}
const missing = missingSecrets(new Set(listed.map((s) => s.name)))
if (missing.length) {
  stop(`secrets not set: ${missing.join(', ')}. Run ${missing.map((n) => `\`npx wrangler secret put ${n}\``).join(', ')}${missing.includes('LINK_SECRET') ? ' (LINK_SECRET: any long random string, e.g. `openssl rand -base64 32`)' : ''}, then \`npm run deploy\` again.`)
}
console.log(`Secrets set: ${listed.map((s) => s.name).sort().join(', ')}.`)

console.log(`\n4. wrangler d1 migrations apply DB --remote`)
wrangler(steps[1].run)
console.log(`\n5. wrangler deploy`)
wrangler(steps[2].run)
console.log('\nDeployed.')
