/**
 * Part 3, the respondent's first minute: from tapping "Begin" on the survey page to the first
 * question on screen, in Debian's Chromium against `wrangler dev` with the demo programme. Once as
 * this machine runs it, once with Lighthouse's mobile throttling applied through the DevTools
 * protocol: the CPU 4× slower (`Emulation.setCPUThrottlingRate`) and its "slow 4G" network
 * (150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up, with the same 3.75× latency and 0.9×
 * throughput factors Lighthouse's own devtools throttling applies).
 *
 * The respondent reads the intro before tapping: the measurement waits until the page has been
 * quiet on the network for half a second (what the island fetches while the intro is read), then
 * taps. A fresh browser context each round, so no answers or cache carry over.
 */
import { chromium, type Browser } from 'playwright-core'
import type { DemoServer } from './lighthouse.ts'
import type { Report } from './report.ts'
import { CHROMIUM, CHROMIUM_FLAGS } from '../../chromium.ts'
import { median, round } from './run.ts'

const TARGET_MS = 300

const SLOW_4G = {
  offline: false,
  latency: 150 * 3.75,
  downloadThroughput: (1638.4 * 0.9 * 1024) / 8,
  uploadThroughput: (750 * 0.9 * 1024) / 8,
}

/** One round: ms from the tap's event time to the first frame that shows a question. */
async function beginToFirstQuestion(browser: Browser, url: string, throttled: boolean): Promise<number> {
  // A phone-sized viewport, as Lighthouse's mobile emulation uses.
  const context = await browser.newContext({
    locale: 'nl-NL',
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  })
  try {
    const page = await context.newPage()
    const cdp = await context.newCDPSession(page)
    if (throttled) {
      await cdp.send('Network.enable')
      await cdp.send('Network.emulateNetworkConditions', SLOW_4G)
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 })
    }
    await page.goto(url, { waitUntil: 'load', timeout: 120_000 })
    const start = page.locator('#start-survey')
    await start.waitFor({ state: 'visible' })
    await page.waitForLoadState('networkidle', { timeout: 120_000 })
    // The tap's own timestamp, then the first animation frame in which a question has a size.
    await page.evaluate(() => {
      const w = window as unknown as { __firstQuestion: Promise<number> }
      w.__firstQuestion = new Promise<number>((resolve) => {
        document.getElementById('start-survey')!.addEventListener(
          'click',
          (event) => {
            const tapped = event.timeStamp
            const frame = (now: number) => {
              const question = document.querySelector('#survey [role="radiogroup"]')
              if (question && question.getBoundingClientRect().height > 0) resolve(now - tapped)
              else requestAnimationFrame(frame)
            }
            requestAnimationFrame(frame)
          },
          { capture: true, once: true },
        )
      })
    })
    await start.tap()
    return await page.evaluate(() => (window as unknown as { __firstQuestion: Promise<number> }).__firstQuestion)
  } finally {
    await context.close()
  }
}

export async function measureFirstQuestion(report: Report, server: DemoServer, rounds: number): Promise<void> {
  const part = '3 pages'
  // Links of partners Lighthouse does not audit; answers are never sent, so any link will do again.
  const url = server.links.find((l) => l.role === 'medewerker' && l.url !== server.surveyUrl)?.url ?? server.surveyUrl
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
  try {
    // One unmeasured round warms wrangler's bundle and the Worker's instrument cache.
    await beginToFirstQuestion(browser, url, false)
    const samples: Record<string, number[]> = {}
    for (const [name, throttled] of [
      ['this machine', false],
      ['mobile throttling (CPU 4×, slow 4G)', true],
    ] as const) {
      const ms: number[] = []
      for (let i = 0; i < rounds; i++) ms.push(round(await beginToFirstQuestion(browser, url, throttled), 1))
      samples[name] = ms
      const m = median(ms)
      report.add(
        part,
        `survey page: "Begin" → first question, ${name} (median of ${rounds})`,
        Math.round(m),
        'ms',
        `≤ ${TARGET_MS} ms`,
        m <= TARGET_MS,
      )
    }
    report.samples.beginToFirstQuestionMs = samples
  } finally {
    await browser.close()
  }
}
