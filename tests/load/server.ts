/**
 * A `wrangler dev` of our own for the load test: its own port, its own local D1 folder, its own
 * process group (so a kill takes workerd with it, as a crash would).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { WRANGLER_ENV, wranglerDevArgs } from '../../worker/cli/wrangler-env.ts'

export type Server = { base: string; child: ChildProcess; output: () => string }

const env = WRANGLER_ENV

export function migrate(persistDir: string): void {
  const r = spawnSync('npx', ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir], {
    env,
    encoding: 'utf8',
  })
  if (r.status !== 0) throw new Error(`migrations failed: ${r.stderr}`)
}

export async function startServer(
  port: number,
  persistDir: string,
  admin: { email: string; password: string },
): Promise<Server> {
  let out = ''
  const child = spawn(
    'npx',
    [
      'wrangler',
      ...wranglerDevArgs({
        port,
        persistTo: persistDir,
        vars: { ADMIN_EMAIL: admin.email, ADMIN_PASSWORD: admin.password },
      }),
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()))
  const base = `http://127.0.0.1:${port}`
  const started = Date.now()
  while (Date.now() - started < 120_000) {
    if (child.exitCode !== null) throw new Error(`wrangler dev stopped:\n${out.slice(-2000)}`)
    if (
      await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, child, output: () => out }
    await new Promise((r) => setTimeout(r, 300))
  }
  stopServer({ base, child, output: () => out }, 'SIGKILL')
  throw new Error('wrangler dev did not answer within two minutes')
}

/** Stops the whole process group; SIGKILL is the crash of the kill-and-restart run. */
export function stopServer(server: Server, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (server.child.exitCode !== null || server.child.signalCode !== null) return resolve()
    server.child.once('exit', () => resolve())
    try {
      process.kill(-server.child.pid!, signal)
    } catch {
      resolve()
    }
  })
}

/** Runs SQL on the server's local D1 through wrangler, as an operator would. */
export function query<T = Record<string, unknown>>(persistDir: string, sql: string): T[] {
  const r = spawnSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', persistDir, '--json', '--command', sql],
    { env, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  )
  if (r.status !== 0) throw new Error(`query failed: ${r.stderr}`)
  return (JSON.parse(r.stdout) as { results: T[] }[])[0]!.results
}
