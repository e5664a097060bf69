/** Small helpers shared by the benchmark parts: the repository root, child processes, statistics. */
import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { WRANGLER_ENV } from '../../../worker/cli/wrangler-env.ts'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..')
export const WRANGLER = join(ROOT, 'node_modules/wrangler/bin/wrangler.js')
/** Wrangler without telemetry, local trace store or prompts, on the same Node as the benchmark. */
export const CHILD_ENV = { ...WRANGLER_ENV, CI: 'true' }

/** Runs a Node script to the end; throws with its output when it fails. */
export function runNode(args: string[]): string {
  const r = spawnSync(process.execPath, args, {
    cwd: ROOT,
    env: CHILD_ENV,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  if (r.status !== 0) throw new Error(`node ${args.join(' ')} failed (${r.status}):\n${r.stdout}\n${r.stderr}`)
  return `${r.stdout}\n${r.stderr}`
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

/** Milliseconds that `fn` took. */
export async function time(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now()
  await fn()
  return performance.now() - t0
}

export const round = (x: number, digits = 2): number => Number(x.toFixed(digits))
