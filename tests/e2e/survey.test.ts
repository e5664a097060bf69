import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { artefactDir, base, d1, launch, startSurvey, turnPage } from './browser.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const demo = () => inject('demo')
const linkFor = (role: string, partner = 'Gemeente Utrecht') =>
  demo().links.find((l) => l.partner === partner && l.role === role)!.url

/** Answers every question on the current page with the keyboard: Tab to the group, arrows to move. */
async function answerPageByKeyboard(page: Page, choiceIndex: number) {
  const groups = page.locator('[role="radiogroup"]')
  const count = await groups.count()
  for (let i = 0; i < count; i++) {
    const first = groups.nth(i).locator('input[type="radio"]').first()
    await first.focus()
    await page.keyboard.press('Space')
    for (let step = 0; step < choiceIndex; step++) await page.keyboard.press('ArrowRight')
  }
}

/** Clicks the visible label of the `choiceIndex`-th choice in every question on the page. */
async function answerPageByMouse(page: Page, choiceIndex: number) {
  const groups = page.locator('[role="radiogroup"]')
  const count = await groups.count()
  for (let i = 0; i < count; i++) await groups.nth(i).locator('label').nth(choiceIndex).click()
}

const next = (page: Page, lang: 'nl' | 'en') => page.getByRole('button', { name: lang === 'nl' ? 'Volgende' : 'Next' })

describe('the survey in Chromium', () => {
  it('is answered with keyboard and mouse, survives a reload half-way, and lands in D1', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' })
    const page = await context.newPage()
    const url = linkFor('teammanager')
    const token = new URL(url).pathname.split('/').pop()!
    const before = Number(
      d1(
        `SELECT count(*) AS n FROM responses r JOIN partners p ON p.id = r.partner_id WHERE p.name = 'Gemeente Utrecht' AND r.role = 'teammanager'`,
      )[0]!.n,
    )

    const response = await page.goto(url)
    expect(response!.status()).toBe(200)
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('nl')
    await page.getByRole('heading', { name: 'Uw privacy' }).waitFor()
    await startSurvey(page)

    // The first two pages by keyboard, then reload: the answers must still be there.
    await answerPageByKeyboard(page, 3)
    await turnPage(page, () => next(page, 'nl').press('Enter'))
    await answerPageByKeyboard(page, 1)
    const checkedBefore = await page.locator('input[type="radio"]:checked').count()
    expect(checkedBefore).toBeGreaterThan(0)
    await page.reload()
    await page.getByText('Welkom terug').waitFor()
    expect(await page.locator('input[type="radio"]:checked').count()).toBe(checkedBefore)
    expect(
      JSON.stringify(await page.evaluate((key) => localStorage.getItem(key), `ketenradar:survey:${token}`)),
    ).toContain('coaching')

    // What the page sends with the answers: the instrument version and role it served, so the
    // Worker stores them in one D1 round trip without reading the link first.
    const sent: unknown[] = []
    page.on('request', (req) => {
      if (req.method() === 'POST' && req.url().endsWith('/responses')) sent.push(JSON.parse(req.postData() ?? 'null'))
    })
    // The rest by mouse, page by page, until the complete button appears.
    for (let guard = 0; guard < 20; guard++) {
      await answerPageByMouse(page, 3)
      const complete = page.getByRole('button', { name: 'Verzenden' })
      if (await complete.isVisible()) {
        await complete.click()
        break
      }
      await turnPage(page, () => next(page, 'nl').click())
    }
    await page.getByRole('heading', { name: 'Bedankt voor het invullen' }).waitFor()
    await page.screenshot({ path: `${artefactDir()}/survey-thank-you.png`, fullPage: true })

    const after = Number(
      d1(
        `SELECT count(*) AS n FROM responses r JOIN partners p ON p.id = r.partner_id WHERE p.name = 'Gemeente Utrecht' AND r.role = 'teammanager'`,
      )[0]!.n,
    )
    expect(after).toBe(before + 1)
    // The same instrument, version and role as the questions it fetched (/api/instruments/:id/:version/:role).
    const [, , , id, version, role] = (await page.locator('#survey').getAttribute('data-instrument'))!.split('/')
    expect(sent).toEqual([expect.objectContaining({ instrument: id, version: Number(version), role })])
    expect(role).toBe('teammanager')
    // A reload after sending shows the thank-you page, and the answers are gone from the browser.
    await page.reload()
    await page.getByRole('heading', { name: 'Bedankt voor het invullen' }).waitFor()
    expect(await page.evaluate((key) => localStorage.getItem(key), `ketenradar:survey:${token}`)).not.toContain(
      'coaching',
    )
    await context.close()
  })

  it('is completed with the keyboard alone, with the Content-Security-Policy on and never violated', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' })
    const page = await context.newPage()
    const violations: string[] = []
    page.on('console', (msg) => {
      if (/Content Security Policy|Refused to/i.test(msg.text())) violations.push(msg.text())
    })
    const res = await page.goto(linkFor('medewerker', 'Werkbedrijf Regio'))
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'")
    // Tab to the start button, as a keyboard user would, and press Enter.
    const start = page.getByRole('button', { name: 'Begin met de vragenlijst' })
    await start.waitFor()
    for (let tabs = 0; tabs < 20 && !(await start.evaluate((el) => el === document.activeElement)); tabs++)
      await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.locator('[role="radiogroup"]').first().waitFor()
    // Focus went to the first question, so the respondent goes on from there.
    await expect.poll(() => page.evaluate(() => document.activeElement?.closest('.sd-question') != null)).toBe(true)
    for (let guard = 0; guard < 20; guard++) {
      await answerPageByKeyboard(page, 2)
      const complete = page.getByRole('button', { name: 'Verzenden' })
      const button = (await complete.isVisible()) ? complete : next(page, 'nl')
      // Focus the button with Tab from the last answer, as a keyboard user would, then press Enter.
      for (let tabs = 0; tabs < 10 && !(await button.evaluate((el) => el === document.activeElement)); tabs++)
        await page.keyboard.press('Tab')
      expect(await button.evaluate((el) => el === document.activeElement)).toBe(true)
      if (button === complete) {
        await page.keyboard.press('Enter')
        break
      }
      await turnPage(page, () => page.keyboard.press('Enter'))
    }
    await page.getByRole('heading', { name: 'Bedankt voor het invullen' }).waitFor()
    expect(violations).toEqual([])
    await context.close()
  })

  it('speaks English to an English browser and makes no request to another host', async () => {
    const context = await browser.newContext({ locale: 'en-GB' })
    const page = await context.newPage()
    const foreign: string[] = []
    page.on('request', (req) => {
      if (!req.url().startsWith(base()) && !req.url().startsWith('data:')) foreign.push(req.url())
    })
    await page.goto(linkFor('medewerker', 'UWV'))
    await page.getByRole('heading', { name: 'Your privacy' }).waitFor()
    await startSurvey(page, 'en')
    await next(page, 'en').waitFor()
    // The questions and answer labels themselves, not only the page around them, are in English.
    await page.getByText('Strongly disagree').first().waitFor()
    expect(await page.getByText('Helemaal oneens').count()).toBe(0)
    expect(await page.locator('.sd-question__title').first().textContent()).toMatch(/\bmy manager\b/i)
    expect(await page.locator('html').getAttribute('lang')).toBe('en')
    expect(foreign).toEqual([])
    await context.close()
  })

  it('serves the hashed scripts and styles with a year-long immutable cache', async () => {
    const html = await (await fetch(linkFor('medewerker', 'SVB'))).text()
    const assets = [...html.matchAll(/(?:src|href|data-css)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!)
    expect(assets.length).toBeGreaterThanOrEqual(3)
    for (const path of assets) {
      expect(path).toMatch(/-[A-Z0-9]{8}\.(js|css)$/)
      const res = await fetch(`${base()}${path}`)
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
  })

  it('shows a clear page for an unknown link', async () => {
    const context = await browser.newContext({ locale: 'nl-NL' })
    const page = await context.newPage()
    const res = await page.goto(`${base()}/s/AAAAAAAAAAAAAAAAAAAAAA`)
    expect(res!.status()).toBe(404)
    await page.getByRole('heading', { name: 'Deze link werkt niet' }).waitFor()
    await context.close()
  })
})
