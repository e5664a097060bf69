import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { base, launch, startSurvey } from './browser.ts'

/**
 * WCAG 1.4.4 (resize text) and 1.4.10 (reflow): text at 200% loses nothing. Two ways a reader
 * gets there: the browser's text size alone (root font at 200%), and page zoom to 200% on an
 * ordinary 1280-pixel screen, which leaves a 640-pixel wide layout. On every page, nothing may
 * make the page scroll sideways (wide tables scroll inside their own labelled region, which the
 * reflow criterion allows for data tables) and every control must stay within the screen.
 */

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/**
 * What is cut off or pushes the page sideways; empty when the page reflows. With `minPx`, also
 * any visible text smaller than that: text set in pixels would not grow with the reader's size.
 */
async function lost(page: Page, minPx = 0): Promise<string[]> {
  return page.evaluate((minPx) => {
    const out: string[] = []
    for (const el of document.querySelectorAll<HTMLElement>(
      'main p, main label, main td, main th, main li, main h1, main h2, main button, .sd-question__title .sv-string-viewer, .sd-item__control-label',
    )) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 || !el.textContent?.trim() || el.closest('.visually-hidden')) continue
      const size = parseFloat(getComputedStyle(el).fontSize)
      if (size < minPx)
        out.push(
          `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.trim().slice(0, 30)}" stays at ${size}px`,
        )
    }
    const width = document.documentElement.clientWidth
    if (document.documentElement.scrollWidth > width + 1)
      out.push(`page scrolls sideways: ${document.documentElement.scrollWidth} > ${width}`)
    for (const el of document.querySelectorAll<HTMLElement>('a, button, input, select, label, h1, h2, h3, p')) {
      if (el.closest('.table-scroll, .skip-link, [hidden], details:not([open]) > :not(summary)')) continue
      const box = el.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.right > width + 1 || box.left < -1)
        out.push(
          `${el.tagName.toLowerCase()} "${(el.textContent ?? (el as HTMLInputElement).name ?? '').trim().slice(0, 40)}" reaches ${Math.round(box.left)}–${Math.round(box.right)} of ${width}`,
        )
    }
    return out.slice(0, 10)
  }, minPx)
}

async function signIn(page: Page) {
  const admin = inject('admin')
  await page.goto(`${base()}/app/login?lang=nl`)
  await page.getByLabel('E-mailadres').fill(admin.email)
  await page.getByLabel('Wachtwoord').fill(admin.password)
  await Promise.all([page.waitForURL(/\/app\/programmes/), page.getByRole('button', { name: 'Inloggen' }).click()])
}

const pages = () => {
  const pid = inject('demo').programmeId
  return [
    { name: 'survey intro', path: new URL(inject('demo').links[0]!.url).pathname, ready: 'h1' },
    { name: 'survey questions', path: new URL(inject('demo').links[0]!.url).pathname, ready: 'h1', start: true },
    { name: 'sign-in', path: '/app/login?lang=nl', ready: 'form' },
    { name: 'programmes', path: '/app/programmes?lang=nl', ready: 'h1' },
    { name: 'dashboard', path: `/app/programmes/${pid}?lang=nl`, ready: '#radar' },
    { name: 'dashboard, team managers', path: `/app/programmes/${pid}?role=teammanager&lang=en`, ready: '#radar' },
    { name: 'setup', path: `/app/programmes/${pid}/setup?lang=nl`, ready: '#people' },
    { name: 'not found, a long wave id', path: notFoundPath(), ready: 'h1' },
  ]
}

/** A results address with a wave id too long for one line: the not-found page quotes the id back. */
const notFoundPath = () => `/app/programmes/${inject('demo').programmeId}?wave=${'w'.repeat(101)}&lang=nl`

describe('text at 200% and a phone screen', () => {
  for (const mode of ['text size 200%', 'zoom 200% (640 px wide)', 'a phone (375 px wide)'] as const) {
    it(`loses nothing on any page with ${mode}`, async () => {
      const context = await browser.newContext({
        locale: 'nl-NL',
        viewport: mode.startsWith('zoom')
          ? { width: 640, height: 900 }
          : mode.startsWith('a phone')
            ? { width: 375, height: 800 }
            : { width: 1280, height: 900 },
      })
      const page = await context.newPage()
      const problems: string[] = []
      for (const p of pages()) {
        if (p.name === 'programmes') await signIn(page)
        await page.goto(`${base()}${p.path}`)
        if (mode.startsWith('text')) await page.addStyleTag({ content: 'html { font-size: 200% !important; }' })
        await page.locator(p.ready).first().waitFor()
        if ('start' in p) await startSurvey(page)
        // The charts redraw for the new size before they are measured.
        await page.waitForTimeout(300)
        // At 200% the smallest text we set (0.75 rem) is 24 px; text in fixed pixels would stay at 12–16.
        for (const problem of await lost(page, mode.startsWith('text') ? 22 : 0)) problems.push(`${p.name}: ${problem}`)
      }
      expect(problems).toEqual([])
      await context.close()
    })
  }

  it('the not-found page for a 101-character wave id does not scroll sideways on a 390 px phone', async () => {
    const context = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    })
    const page = await context.newPage()
    await signIn(page)
    const res = await page.goto(`${base()}${notFoundPath()}`)
    expect(res!.status()).toBe(404)
    // The id is quoted back (its first 60 characters, worker/services/results-service.ts): one word
    // wider than the screen, and yet nothing reaches past the screen's edge.
    expect(await page.locator('main').textContent()).toMatch(/w{60}/)
    expect(await lost(page)).toEqual([])
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    await context.close()
  })
})
