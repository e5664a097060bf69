/**
 * Part 3, page speed: Lighthouse (mobile emulation, its default simulated slow 4G and 4× slower
 * CPU) on the survey page and the dashboard, served by `wrangler dev` with the demo programme, in
 * Debian's Chromium. Performance and accessibility scores, and the largest contentful paint.
 */
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as chromeLauncher from 'chrome-launcher'
import lighthouse from 'lighthouse'
import { seedDemo, signIn } from '../../../worker/cli/seed.ts'
import { freePort } from '../../free-port.ts'
import { wranglerDevArgs } from '../../../worker/cli/wrangler-env.ts'
import type { Report } from './report.ts'
import { CHROMIUM, CHROMIUM_FLAGS } from '../../chromium.ts'
import { CHILD_ENV, ROOT, WRANGLER } from './run.ts'

const ADMIN = { email: 'lighthouse@bench.local', password: 'lighthouse-bench-password' }

type Scores = {
  performance: number
  accessibility: number
  lcpMs: number
  fcpMs: number
  tbtMs: number
  failedAudits: string[]
}

export type DemoServer = {
  base: string
  stop: () => Promise<void>
  cookie: string
  surveyUrl: string
  dashboardUrl: string
  links: { partner: string; role: string; url: string }[]
}

/** `wrangler dev` on a fresh local D1 with the demo seeded through the API, as `npm start` does. */
export async function demoServer(): Promise<DemoServer> {
  const persist = mkdtempSync(join(tmpdir(), 'ketenradar-bench-lh-'))
  const port = await freePort()
  const base = `http://127.0.0.1:${port}`
  const migrate = spawnSync(
    process.execPath,
    [WRANGLER, 'd1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist],
    { cwd: ROOT, env: CHILD_ENV, encoding: 'utf8' },
  )
  if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`)
  const child = spawn(
    process.execPath,
    [
      WRANGLER,
      ...wranglerDevArgs({
        port,
        persistTo: persist,
        vars: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
      }),
    ],
    { cwd: ROOT, env: CHILD_ENV, detached: true, stdio: ['ignore', 'ignore', 'ignore'] },
  )
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM')
      await exited
    }
    rmSync(persist, { recursive: true, force: true })
  }
  try {
    for (let i = 0; ; i++) {
      if (child.exitCode !== null || i > 480) throw new Error('wrangler dev did not start for Lighthouse')
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break
      await new Promise((r) => setTimeout(r, 250))
    }
    const client = await signIn(base, ADMIN.email, ADMIN.password)
    const demo = await seedDemo(client)
    return {
      base,
      stop,
      cookie: client.cookie,
      surveyUrl: demo.links.find((l) => l.role === 'medewerker')!.url,
      dashboardUrl: `${base}/app/programmes/${demo.programmeId}?lang=nl`,
      links: demo.links,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

async function audit(url: string, port: number, headers: Record<string, string> = {}): Promise<Scores> {
  const result = await lighthouse(url, {
    port,
    output: 'json',
    logLevel: 'error',
    onlyCategories: ['performance', 'accessibility'],
    extraHeaders: headers,
    locale: 'nl',
  })
  const lhr = result!.lhr
  // A run that could not load the page scores 0 everywhere: say why instead of reporting zeros.
  if (lhr.runtimeError)
    throw new Error(
      `Lighthouse could not audit ${new URL(url).pathname}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`,
    )
  const failedAudits = lhr.categories
    .accessibility!.auditRefs.filter(
      (ref) => ref.weight > 0 && lhr.audits[ref.id]!.score !== null && lhr.audits[ref.id]!.score! < 1,
    )
    .map((ref) => ref.id)
  return {
    performance: Math.round((lhr.categories.performance!.score ?? 0) * 100),
    accessibility: Math.round((lhr.categories.accessibility!.score ?? 0) * 100),
    lcpMs: Math.round(lhr.audits['largest-contentful-paint']!.numericValue ?? 0),
    fcpMs: Math.round(lhr.audits['first-contentful-paint']!.numericValue ?? 0),
    tbtMs: Math.round(lhr.audits['total-blocking-time']!.numericValue ?? 0),
    failedAudits,
  }
}

/** Lighthouse on the given demo server (the caller starts and stops it). */
export async function measureLighthouse(report: Report, server: DemoServer): Promise<void> {
  const part = '3 pages'
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
  })
  try {
    const pages: { name: string; url: string; headers: Record<string, string> }[] = [
      { name: 'survey page', url: server.surveyUrl, headers: {} },
      { name: 'dashboard', url: server.dashboardUrl, headers: { cookie: server.cookie } },
    ]
    const samples: Record<string, Scores> = {}
    for (const page of pages) {
      // The first load warms wrangler's bundle and D1; the second is the one reported.
      await audit(page.url, chrome.port, page.headers)
      const s = await audit(page.url, chrome.port, page.headers).catch(() => audit(page.url, chrome.port, page.headers))
      samples[page.name] = s
      report.add(part, `Lighthouse ${page.name} (mobile): performance`, s.performance, '', '≥ 90', s.performance >= 90)
      report.add(
        part,
        `Lighthouse ${page.name} (mobile): accessibility`,
        s.accessibility,
        '',
        '100',
        s.accessibility === 100,
      )
      report.add(part, `Lighthouse ${page.name} (mobile): largest contentful paint`, (s.lcpMs / 1000).toFixed(2), 's')
      report.add(part, `Lighthouse ${page.name} (mobile): total blocking time`, s.tbtMs, 'ms')
    }
    report.samples.lighthouse = samples
  } finally {
    chrome.kill()
  }
}
