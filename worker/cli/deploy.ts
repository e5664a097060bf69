/**
 * `npm run deploy [-- --dry-run] [--config FILE]`: the one way to put Ketenradar on Cloudflare.
 *
 *   1. offline checks of wrangler.toml (a real database id, no secret in [vars], the cron that
 *      deletes answer sets, a valid anonymity threshold, the migrations folder)
 *   2. build the browser assets and bundle the Worker (`wrangler deploy --dry-run`)   — offline
 *   3. check the secrets are set (`wrangler secret list`)                              — network
 *   4. check the database is in the EU jurisdiction (`wrangler d1 info DB --json`)     — network
 *   5. apply the migrations to the remote database (`wrangler d1 migrations apply`)   — network
 *   6. deploy (`wrangler deploy`)                                                      — network
 *
 * It stops at the first thing missing with a message naming the command that fixes it. With
 * --dry-run it does steps 1–2 (or only 1 with --no-build) and lists 3–6 without running them:
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
const PLACEHOLDER_DATABASE_ID = '00000000-0000-0000-0000-000000000000'
/** Only at creation can a D1 database be bound to a jurisdiction (README, "Deploying to Cloudflare"). */
const CREATE_DATABASE = 'npx wrangler d1 create ketenradar --jurisdiction eu'
/** Values that must never be in wrangler.toml, which is committed: only `wrangler secret put`. */
const SECRET_ONLY = ['ADMIN_PASSWORD', 'LINK_SECRET']

const { values: args } = parseArgs({
  options: {
    'dry-run': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    // Only for a database whose jurisdiction `wrangler d1 info` does not report (step 4).
    'jurisdiction-checked': { type: 'boolean', default: false },
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

function wrangler(
  argv: readonly string[],
  { capture = false, hint = 'Not signed in? Run `npx wrangler login`.' } = {},
): string {
  const r = spawnSync(args.wrangler, [...argv, '--config', config], {
    cwd: ROOT,
    env: WRANGLER_ENV,
    encoding: 'utf8',
    stdio: capture ? 'pipe' : 'inherit',
  })
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
if (!db)
  stop(
    `${shown} has no [[d1_databases]] entry with binding = "DB". Create the database with \`${CREATE_DATABASE}\` and add it.`,
  )
const databaseId = db.database_id ?? ''
if (
  databaseId === PLACEHOLDER_DATABASE_ID ||
  !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(databaseId)
) {
  stop(
    `${shown} still has ${databaseId === PLACEHOLDER_DATABASE_ID ? 'the placeholder database_id' : `database_id "${databaseId}", which is not a D1 database id`}. ` +
      `Create the database in the EU jurisdiction with \`${CREATE_DATABASE}\` and put the database_id it prints in ${shown}.`,
  )
}
const migrationsDir = resolve(dirname(config), db.migrations_dir ?? 'migrations')
const migrations = existsSync(migrationsDir)
  ? readdirSync(migrationsDir)
      .filter((f) => f.endsWith('.sql'))
      .sort()
  : []
if (migrations.length === 0)
  stop(`no migrations in ${relative(process.cwd(), migrationsDir)} (migrations_dir in ${shown}).`)
const vars = (conf.vars ?? {}) as Record<string, unknown>
for (const name of SECRET_ONLY) {
  if (name in vars)
    stop(
      `${name} is in [vars] of ${shown}, a file kept in the repository. Remove it there and run \`npx wrangler secret put ${name}\`.`,
    )
}
try {
  // The Worker refuses to start with these wrong; better to know before deploying it.
  readConfig({
    MIN_GROUP_SIZE: vars.MIN_GROUP_SIZE === undefined ? undefined : String(vars.MIN_GROUP_SIZE),
  } as Parameters<typeof readConfig>[0])
} catch (error) {
  if (!(error instanceof ConfigError)) throw error
  stop(`${error.message} ([vars] in ${shown}).`)
}
// Without the cron nothing deletes answer sets after their retention period (docs/privacy.*.md).
if (!conf.triggers.crons?.length)
  stop(
    `${shown} has no [triggers] crons: answer sets would never be deleted after their retention period. Restore \`crons = ["17 * * * *"]\`.`,
  )
const placement = conf.placement?.mode ?? 'off'

console.log(
  `Checked ${shown}: D1 database ${db.database_name} (${databaseId}), ${migrations.length} migrations up to ${migrations.at(-1)}, placement ${placement}, cron ${conf.triggers.crons.join(', ')}.`,
)

// 2. Build and bundle: still offline, and a broken bundle should stop us before anything remote.
const bundle = ['deploy', '--dry-run', '--outdir', '.wrangler/deploy']
if (args['no-build']) {
  console.log('Skipped (--no-build): npm run build; wrangler deploy --dry-run.')
} else {
  const built = spawnSync(process.execPath, [join(ROOT, 'worker/cli/build-web.ts')], { cwd: ROOT, stdio: 'inherit' })
  if (built.status !== 0) stop('`npm run build` failed (above).')
  wrangler(bundle)
}

// 3–6. What reaches Cloudflare.
const steps = [
  { run: ['secret', 'list', '--format', 'json'], does: 'check that the secrets are set' },
  { run: ['d1', 'info', 'DB', '--json'], does: `check that ${db.database_name} is in the EU jurisdiction` },
  {
    run: ['d1', 'migrations', 'apply', 'DB', '--remote'],
    does: `apply the migrations not yet applied to ${db.database_name}`,
  },
  { run: ['deploy'], does: 'deploy the Worker, its assets and its Cron Trigger' },
] as const
if (dryRun) {
  console.log('\nDry run: no network call was made. A deploy would now:')
  steps.forEach((s, i) => {
    console.log(`  ${i + 3}. wrangler ${s.run.join(' ')} --config ${shown}   (${s.does})`)
  })
  process.exit(0)
}

/**
 * Step 4. `wrangler d1 info --json` prints D1's own record of the database (GET
 * /accounts/:account/d1/database/:id), whose `jurisdiction` is "eu", another jurisdiction, or null
 * for none. Step 1 can only see the configuration, and the configuration cannot say where an
 * existing database lives: only D1 knows. Migrating first would put the schema (and a deploy, the
 * answers) into a database outside the EU, so this runs before anything is written.
 */
function checkJurisdiction(stdout: string): void {
  let info: { name?: string; jurisdiction?: string | null; num_tables?: number }
  try {
    info = JSON.parse(stdout.slice(stdout.indexOf('{'), stdout.lastIndexOf('}') + 1)) as typeof info
  } catch {
    stop('`wrangler d1 info DB --json` did not answer with JSON.')
  }
  const name = info.name ?? db!.database_name
  if (!('jurisdiction' in info)) {
    if (args['jurisdiction-checked']) {
      console.log(
        `wrangler d1 info did not report the jurisdiction of ${name}; going on because of --jurisdiction-checked.`,
      )
      return
    }
    stop(
      `\`wrangler d1 info\` did not report the jurisdiction of ${name} (${databaseId}), so this script cannot tell whether its data stays in the EU. ` +
        `Only if you know it was created with \`--jurisdiction eu\`, run \`npm run deploy -- --jurisdiction-checked\`; otherwise move it into an EU database (README, "Data in the EU").`,
    )
  }
  if (info.jurisdiction === 'eu') {
    console.log(`D1 database ${name} is in the EU jurisdiction.`)
    return
  }
  const where = info.jurisdiction
    ? `in the "${info.jurisdiction}" jurisdiction`
    : 'in no jurisdiction (D1 may run it and store its data outside the EU)'
  // A jurisdiction is fixed when a database is created: the data has to move to a new database.
  // One without tables has never been migrated, so there is nothing to move.
  const fix =
    info.num_tables === 0
      ? `It holds no tables yet: delete it (\`npx wrangler d1 delete ${name}\`), create it again with \`${CREATE_DATABASE}\`, put the new database_id in ${shown} and run \`npm run deploy\` again.`
      : `A jurisdiction can only be set when a database is created. Move the data into a new EU database, with no wave open: ` +
        `\`npm run export -- --out ketenradar.json --remote\`, \`npx wrangler d1 create ketenradar-eu --jurisdiction eu\`, put its database_name and database_id in ${shown}, ` +
        `\`npm run import -- ketenradar.json --remote\`, then \`npm run deploy\` (README, "Data in the EU").`
  stop(`D1 database ${name} (${databaseId}) is ${where}. Nothing was migrated or deployed. ${fix}`)
}

/** The secrets the Worker needs (worker/env.ts): which depends on how staff sign in. */
function missingSecrets(set: Set<string>): string[] {
  const has = (name: string) => set.has(name) || name in vars
  const access = ['ACCESS_TEAM_DOMAIN', 'ACCESS_AUD']
  if (has(access[0]!) !== has(access[1]!))
    stop(
      `only one of ${access.join(' and ')} is set; the Worker refuses to start so. Set the other: \`npx wrangler secret put ${access.find((n) => !has(n))}\`.`,
    )
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
  stop(
    `secrets not set: ${missing.join(', ')}. Run ${missing.map((n) => `\`npx wrangler secret put ${n}\``).join(', ')}${missing.includes('LINK_SECRET') ? ' (LINK_SECRET: any long random string, e.g. `openssl rand -base64 32`)' : ''}, then \`npm run deploy\` again.`,
  )
}
console.log(
  `Secrets set: ${listed
    .map((s) => s.name)
    .sort()
    .join(', ')}.`,
)

console.log(`\n4. wrangler d1 info DB --json`)
checkJurisdiction(wrangler(steps[1].run, { capture: true }))

console.log(`\n5. wrangler d1 migrations apply DB --remote`)
wrangler(steps[2].run)
console.log(`\n6. wrangler deploy`)
wrangler(steps[3].run)
console.log('\nDeployed.')
