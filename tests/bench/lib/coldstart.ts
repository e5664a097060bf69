/**
 * Part 4, cold start: the bundle `wrangler deploy --dry-run` produces, and the time from
 * starting `wrangler dev` (bundling, workerd, an empty local D1) to the first answered
 * /api/health. The same server shows whether hashed assets are served with an immutable cache.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import type { Report } from './report.ts'
import { CHILD_ENV, median, ROOT, round, runNode, WRANGLER } from './run.ts'
import { freePort } from '../../free-port.ts'
import { wranglerDevArgs } from '../../../worker/cli/wrangler-env.ts'

/** Bundles the Worker as a deploy would, without deploying; returns the bundle's path and wrangler's size line. */
export function bundleWorker(outdir: string): { bundle: string; upload: string } {
  const out = runNode([WRANGLER, 'deploy', '--dry-run', '--outdir', outdir])
  return { bundle: join(outdir, 'index.js'), upload: /Total Upload: ([^\n]+)/.exec(out)?.[1]?.trim() ?? 'unknown' }
}

export function reportBundle(report: Report, bundle: { bundle: string; upload: string }): void {
  const bytes = readFileSync(bundle.bundle)
  const gzipped = gzipSync(bytes).length
  report.add('4 cold start', 'Worker bundle (wrangler deploy --dry-run)', (bytes.length / 1024).toFixed(1), 'KiB')
  report.add(
    '4 cold start',
    'Worker bundle gzipped',
    (gzipped / 1024).toFixed(1),
    'KiB',
    '< 1024 KiB',
    gzipped < 1024 * 1024,
  )
  report.add('4 cold start', "wrangler's own upload figure", bundle.upload)
}

/** One `wrangler dev` in its own process group, stopped by its id; returns ms to the first 200 and the asset header. */
async function coldStart(assetPath: string): Promise<{ ms: number; cacheControl: string | null }> {
  const persist = mkdtempSync(join(tmpdir(), 'ketenradar-bench-dev-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  let output = ''
  const t0 = performance.now()
  const child = spawn(process.execPath, [WRANGLER, ...wranglerDevArgs({ port, persistTo: persist })], {
    cwd: ROOT,
    env: CHILD_ENV,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  child.stdout.on('data', (d: Buffer) => (output += d.toString()))
  child.stderr.on('data', (d: Buffer) => (output += d.toString()))
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  try {
    while (performance.now() - t0 < 120_000) {
      if (child.exitCode !== null) throw new Error(`wrangler dev stopped:\n${output.slice(-2000)}`)
      const ok = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) }).then(
        (r) => r.status === 200,
        () => false,
      )
      if (ok) {
        const ms = performance.now() - t0
        const asset = await fetch(base + assetPath)
        await asset.arrayBuffer()
        return { ms, cacheControl: asset.status === 200 ? asset.headers.get('cache-control') : `HTTP ${asset.status}` }
      }
      await new Promise((r) => setTimeout(r, 25))
    }
    throw new Error(`wrangler dev did not answer /api/health within two minutes:\n${output.slice(-2000)}`)
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM')
      const killer = setTimeout(() => child.exitCode === null && process.kill(-child.pid!, 'SIGKILL'), 5_000)
      await exited
      clearTimeout(killer)
    }
    rmSync(persist, { recursive: true, force: true })
  }
}

export async function measureColdStart(report: Report, runs: number): Promise<void> {
  const part = '4 cold start'
  const manifest = JSON.parse(readFileSync(join(ROOT, 'worker/generated/assets.json'), 'utf8')) as Record<
    string,
    string
  >
  const results = []
  for (let i = 0; i < runs; i++) results.push(await coldStart(manifest['survey.js']!))
  report.samples.coldStartMs = results.map((r) => round(r.ms))
  report.add(
    part,
    `wrangler dev start → first /api/health 200 (median of ${runs})`,
    round(median(results.map((r) => r.ms)) / 1000, 2),
    's',
  )
  const cache = results[0]!.cacheControl ?? 'none'
  const immutable = /max-age=31536000/.test(cache) && /immutable/.test(cache)
  report.add(
    part,
    'served Cache-Control of a hashed asset (wrangler dev)',
    cache,
    '',
    'max-age=31536000, immutable',
    immutable,
  )
}
