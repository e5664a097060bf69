/**
 * Every local `wrangler dev` this repository starts takes its arguments from one place,
 * `wranglerDevArgs` (worker/cli/wrangler-env.ts), so none drops `--log-level warn`, which keeps
 * survey tokens out of wrangler's request log.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { wranglerDevArgs } from '../../worker/cli/wrangler-env.ts'

const ROOT = resolve(import.meta.dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name)
    if (e.isDirectory()) return e.name === 'node_modules' ? [] : sources(path)
    return /\.(ts|tsx|mjs|js)$/.test(e.name) ? [path] : []
  })
}

describe('wranglerDevArgs', () => {
  it('starts wrangler dev on 127.0.0.1 at the port, at log level warn, with the state folder and vars asked for', () => {
    const args = wranglerDevArgs({ port: 48123, persistTo: '/tmp/x', vars: { ADMIN_EMAIL: 'a@b.nl' } })
    expect(args[0]).toBe('dev')
    expect(args.join(' ')).toContain('--ip 127.0.0.1 --port 48123 --persist-to /tmp/x')
    expect(args.join(' ')).toContain('--log-level warn')
    expect(args.join(' ')).toContain('--var ADMIN_EMAIL:a@b.nl')
    expect(wranglerDevArgs({ port: 1 })).not.toContain('--persist-to')
    expect(wranglerDevArgs({ port: 1 }).join(' ')).toContain('--log-level warn')
  })

  it('is the only place that spells out the arguments of wrangler dev', () => {
    const spelled = [...sources(join(ROOT, 'worker')), ...sources(join(ROOT, 'tests'))]
      .filter((f) => readFileSync(f, 'utf8').includes(`'--show-interactive-dev-session${'=false'}'`))
      .map((f) => relative(ROOT, f))
    expect(spelled).toEqual(['worker/cli/wrangler-env.ts'])
  })
})
