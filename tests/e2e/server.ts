/**
 * Global setup of the browser tests: a fresh local D1, `wrangler dev` in its own process group,
 * and the demo programme seeded through the API, exactly as `npm start` does.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { seedDemo, signIn } from '../../worker/cli/seed.ts'
import { WRANGLER_ENV, wranglerDevArgs } from '../../worker/cli/wrangler-env.ts'
import { freePort } from '../free-port.ts'

const ADMIN = { email: 'admin@e2e.local', password: 'e2e-admin-password' }

declare module 'vitest' {
  export interface ProvidedContext {
    base: string
    admin: { email: string; password: string }
    demo: { programmeId: string; links: { partner: string; role: string; url: string }[] }
    persistDir: string
  }
}

export default async function setup(project: TestProject) {
  const PORT = await freePort()
  const BASE = `http://127.0.0.1:${PORT}`
  const persistDir = mkdtempSync(join(tmpdir(), 'ketenradar-e2e-'))
  const env = WRANGLER_ENV
  const migrate = spawnSync(
    'npx',
    ['wrangler', 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persistDir],
    { env, encoding: 'utf8' },
  )
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`)
  const child = spawn(
    'npx',
    [
      'wrangler',
      ...wranglerDevArgs({
        port: PORT,
        persistTo: persistDir,
        vars: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
      }),
    ],
    { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let output = ''
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const stop = () => {
    try {
      process.kill(-child.pid!, 'SIGTERM')
    } catch {
      // already stopped
    }
    rmSync(persistDir, { recursive: true, force: true })
  }
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null || i > 240) throw new Error(`wrangler dev did not start:\n${output.slice(-3000)}`)
      const ok = await fetch(`${BASE}/api/health`).then(
        (r) => r.ok,
        () => false,
      )
      if (ok) break
      await new Promise((r) => setTimeout(r, 500))
    }
    const client = await signIn(BASE, ADMIN.email, ADMIN.password)
    const demo = await seedDemo(client)
    project.provide('base', BASE)
    project.provide('admin', ADMIN)
    project.provide('demo', demo)
    project.provide('persistDir', persistDir)
  } catch (error) {
    stop()
    throw error
  }
  return stop
}
