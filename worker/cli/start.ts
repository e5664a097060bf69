/**
 * `npm start`: build the browser assets, migrate the local D1, start `wrangler dev` on
 * 127.0.0.1:8787, seed the demo programme once, and print where everything is.
 * Runs in Node (22+, from the `node` devDependency), not in the Worker.
 */
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { findDemo, seedDemo, signIn, type DemoLink } from './seed.ts'
import { WRANGLER_ENV, wranglerDevArgs } from './wrangler-env.ts'

const PORT = Number(process.env.PORT ?? 8787)
const BASE = `http://127.0.0.1:${PORT}`
const LINKS_FILE = '.wrangler/demo-links.json'
const env = WRANGLER_ENV

/**
 * Runs a command, stopping `npm start` when it fails. `quiet`: its output is kept and returned, and
 * printed whole only when it fails.
 */
function run(cmd: string, args: string[], opts: { quiet?: boolean } = {}): string {
  const r = spawnSync(cmd, args, { stdio: opts.quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit', env, encoding: 'utf8' })
  if (r.status !== 0) {
    if (opts.quiet) {
      process.stdout.write(r.stdout ?? '')
      process.stderr.write(r.stderr ?? '')
    }
    console.error(`\n${cmd} ${args.join(' ')} failed (exit ${r.status}).`)
    process.exit(r.status ?? 1)
  }
  return r.stdout ?? ''
}

/**
 * Migrates the local D1 and says so in one line: wrangler prints its table of migrations again
 * after each one it applies, some 700 lines on a fresh clone, above the sign-in a new user looks
 * for (a walk-through).
 */
function migrateQuietly(): void {
  const out = run('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local'], { quiet: true })
  const applied = new Set(out.match(/\b\d{4}_[\w-]+\.sql\b/g) ?? [])
  console.log(
    /No migrations to apply/.test(out)
      ? 'Local D1: up to date'
      : `Local D1: ${applied.size} migrations applied (schema/migrations)`,
  )
}

/** The local admin comes from .dev.vars; a missing file gets a fresh random password. */
function adminLogin(): { email: string; password: string } {
  const vars = existsSync('.dev.vars') ? readFileSync('.dev.vars', 'utf8') : ''
  const read = (key: string) => vars.match(new RegExp(`^${key}\\s*=\\s*"?([^"\\n]*)"?`, 'm'))?.[1]
  let email = read('ADMIN_EMAIL')
  let password = read('ADMIN_PASSWORD')
  // LINK_SECRET seals the tokens of links the cadence makes until a lead reveals them.
  const linkSecret = read('LINK_SECRET')
  if (!email || !password || !linkSecret) {
    email ??= 'admin@ketenradar.local'
    password ??= randomBytes(12).toString('base64url')
    const extra = [
      !read('ADMIN_EMAIL') ? `ADMIN_EMAIL="${email}"` : '',
      !read('ADMIN_PASSWORD') ? `ADMIN_PASSWORD="${password}"` : '',
      !linkSecret ? `LINK_SECRET="${randomBytes(32).toString('base64url')}"` : '',
    ].filter(Boolean)
    writeFileSync('.dev.vars', `${vars}${vars && !vars.endsWith('\n') ? '\n' : ''}${extra.join('\n')}\n`, {
      mode: 0o600,
    })
    console.log('Wrote the local admin login to .dev.vars')
  }
  return { email, password }
}

async function waitForHealth(child: { exitCode: number | null }): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('wrangler dev stopped before it answered')
    try {
      const res = await fetch(`${BASE}/api/health`)
      if (res.ok) return
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500))
  }
  throw new Error(`no answer from ${BASE}/api/health after two minutes`)
}

/**
 * Removes local state that tells which link was used when: the trace store an earlier wrangler
 * kept before WRANGLER_ENV turned it off (every survey URL, token included, with a time), and the
 * local rate limiter's counters, which hold the last minute each link was used and are worth
 * nothing once their minute is over. wrangler dev is not running yet, so nothing holds them open.
 */
function clearTraces(): void {
  for (const dir of ['.wrangler/state/v3/observability', '.wrangler/state/v3/ratelimit']) {
    if (!existsSync(dir)) continue
    rmSync(dir, { recursive: true, force: true })
    console.log(`Removed ${dir}`)
  }
}

const admin = adminLogin()
clearTraces()
run('node', ['worker/cli/build-web.ts'])
migrateQuietly()

// Its own process group, so stopping it stops workerd too (wrangler leaves workerd children behind).
// At --log-level warn (wranglerDevArgs): wrangler's request log would print every survey token.
const child = spawn('npx', ['wrangler', ...wranglerDevArgs({ port: PORT })], {
  stdio: ['ignore', 'inherit', 'inherit'],
  detached: true,
  env,
})
const stop = () => {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGTERM')
  } catch {
    // already gone
  }
}
process.on('SIGINT', () => {
  stop()
  process.exit(130)
})
process.on('SIGTERM', () => {
  stop()
  process.exit(143)
})
child.on('exit', (code: number | null) => process.exit(code ?? 0))

try {
  await waitForHealth(child)
  const client = await signIn(BASE, admin.email, admin.password)
  // The links file is written when seeding finished: a demo without it was stopped halfway (or
  // seeded before this file existed), and seeding resumes it, which also makes links to print.
  const saved = existsSync(LINKS_FILE)
    ? (JSON.parse(readFileSync(LINKS_FILE, 'utf8')) as { programmeId: string; links: DemoLink[] })
    : null
  let programmeId = await findDemo(client)
  let links: DemoLink[] = saved && saved.programmeId === programmeId ? saved.links : []
  if (!programmeId || saved?.programmeId !== programmeId) {
    console.log(
      programmeId
        ? 'Finishing the demo programme "Werk en Inkomen" that an earlier start left half seeded…'
        : 'Seeding the demo programme "Werk en Inkomen" (about a minute; a line per wave)…',
    )
    const demo = await seedDemo(client, Date.now(), (line) => console.log(line))
    programmeId = demo.programmeId
    links = demo.links
    writeFileSync(LINKS_FILE, JSON.stringify(demo, null, 2))
  }
  const pad = Math.max(...links.map((l) => l.partner.length + l.role.length + 3), 10)
  console.log(`
Ketenradar runs at ${BASE}

  Dashboard   ${BASE}/app/programmes/${programmeId}
  Sign in     ${BASE}/app/login
              e-mail    ${admin.email}
              password  ${admin.password}
  API         ${BASE}/api (JSON; see README)

Survey links of the open wave (one per partner and role):
${links.map((l) => `  ${`${l.partner} (${l.role})`.padEnd(pad)} ${l.url}`).join('\n')}

Stop with Ctrl+C.`)
} catch (error) {
  console.error(error instanceof Error ? error.message : error)
  stop()
  process.exit(1)
}
