import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { base, launch, violations } from './browser.ts'

/**
 * Question detail on the results page, in Chromium against `wrangler dev` with the demo
 * programme (its past waves answered through the real submission path, so their question counts
 * were kept as the answers came in): the section renders per dimension, a question's parts are in
 * text beside the bar and add up to 100%, and axe finds nothing with every dimension opened.
 */

let browser: Browser
let page: Page

beforeAll(async () => {
  browser = await launch()
  page = await (await browser.newContext({ locale: 'nl-NL', bypassCSP: true })).newPage()
  const admin = inject('admin')
  await page.goto(`${base()}/app/login`)
  await page.getByLabel('E-mailadres').fill(admin.email)
  await page.getByLabel('Wachtwoord').fill(admin.password)
  await Promise.all([page.waitForURL(/\/app\/programmes$/), page.getByRole('button', { name: 'Inloggen' }).click()])
})
afterAll(async () => {
  await browser?.close()
})

describe('question detail on the results page', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`renders per dimension with the numbers in text, and has no axe violations (${lang})`, async () => {
      await page.goto(`${base()}/app/programmes/${inject('demo').programmeId}?role=medewerker&lang=${lang}`)
      const section = page.locator('#question-detail')
      await section.waitFor()
      await expect(section.locator('h2').textContent()).resolves.toContain(
        lang === 'nl' ? 'Antwoorden per vraag' : 'Answers per question',
      )
      const dimensions = section.locator('details.question-dimension')
      expect(await dimensions.count()).toBe(10)
      // Closed at first: the detail is one click away.
      await expect(section.locator('table.questions').first().isVisible()).resolves.toBe(false)
      await dimensions.first().locator('summary').click()
      const table = dimensions.first().locator('table.questions')
      await table.waitFor()
      // The programme's first question: four parts in text (percent and count), each percent its own
      // count's share rounded (README, "Levels and agreement"), and the bar.
      const row = table.locator('tbody').first().locator('tr').nth(1)
      await expect(row.locator('th').textContent()).resolves.toBe(
        lang === 'nl' ? 'Programma als geheel' : 'Programme as a whole',
      )
      const percents = (await row.locator('td.question-part .part-percent').allTextContents()).map((x) =>
        Number(x.replace(/[^0-9]/g, '')),
      )
      expect(percents).toHaveLength(4)
      const counts = (await row.locator('td.question-part .muted').allTextContents()).map((x) =>
        Number(x.replace(/[^0-9]/g, '')),
      )
      const n = Number(await row.locator('td').nth(4).textContent())
      expect(counts.reduce((a, b) => a + b, 0)).toBe(n)
      expect(percents).toEqual(counts.map((c) => Math.round((c * 100) / n)))
      expect(Math.abs(percents.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(2)
      expect(n).toBeGreaterThanOrEqual(5)
      expect(await row.locator('.question-bar .bar-part').count()).toBeGreaterThan(0)
      // The demo's smallest partner has four staff answers: hidden, with the reason in words.
      await expect(table.textContent()).resolves.toContain(
        lang === 'nl' ? 'minder dan 5 antwoorden' : 'fewer than 5 responses',
      )
      // Every dimension open, so axe sees every table: each loads its own when opened (web/results.ts).
      for (let i = 0; i < (await dimensions.count()); i++)
        await dimensions.nth(i).evaluate((d) => ((d as HTMLDetailsElement).open = true))
      await expect.poll(() => section.locator('table.questions').count(), { timeout: 10_000 }).toBe(10)
      expect(await section.locator('.question-load').count()).toBe(0)
      expect(await violations(page)).toEqual([])
    })
  }

  it('shows a tactical manager only the questions of the dimensions that role was asked', async () => {
    await page.goto(`${base()}/app/programmes/${inject('demo').programmeId}?role=tactisch&lang=nl`)
    const dimensions = page.locator('#question-detail details.question-dimension')
    await dimensions.first().waitFor()
    expect(await dimensions.count()).toBe(3)
    for (let i = 0; i < 3; i++) await dimensions.nth(i).evaluate((d) => ((d as HTMLDetailsElement).open = true))
    await expect.poll(() => page.locator('#question-detail table.questions').count(), { timeout: 10_000 }).toBe(3)
    expect(await violations(page)).toEqual([])
  })

  it('loads a dimension opened by keyboard in place; without JavaScript its link is a page of its own, with a way back', async () => {
    const url = `${base()}/app/programmes/${inject('demo').programmeId}?role=medewerker&lang=nl`
    await page.goto(url)
    const second = page.locator('#question-detail details.question-dimension').nth(1)
    await second.locator('summary').focus()
    await page.keyboard.press('Enter')
    await second.locator('table.questions').waitFor()
    await expect
      .poll(() => second.locator('.question-status').textContent())
      .toBe('De antwoorden per vraag staan hierboven.')
    // The focus stays on the summary the reader pressed, and the table is the next thing Tab reaches.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('SUMMARY')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.closest('details')?.id)).toBe(
      await second.getAttribute('id'),
    )
    // Without JavaScript: the dimension holds its link, which opens the table as a page.
    const context = await browser.newContext({ locale: 'nl-NL', javaScriptEnabled: false })
    await context.addCookies(await page.context().cookies())
    const bare = await context.newPage()
    await bare.goto(url)
    const holder = bare.locator('#question-detail details.question-dimension').first()
    await holder.locator('summary').click()
    await Promise.all([bare.waitForURL(/\/questions\//), holder.locator('.question-load a').click()])
    expect(await bare.locator('h1').textContent()).toContain('Antwoorden per vraag: ')
    expect(await bare.locator('table.questions tbody tr').count()).toBeGreaterThan(2)
    const own = bare.url()
    await Promise.all([
      bare.waitForURL(/#questions-/),
      bare.getByRole('link', { name: 'Terug naar de resultaten' }).first().click(),
    ])
    await context.close()
    // A session that ended meanwhile: the sign-in page it is sent to stays out of the results; the
    // link stays, and the status says what to do.
    const later = await browser.newContext({ locale: 'nl-NL' })
    await later.addCookies(await page.context().cookies())
    const ended = await later.newPage()
    await ended.goto(url)
    await later.clearCookies()
    const third = ended.locator('#question-detail details.question-dimension').nth(2)
    await third.locator('summary').click()
    await expect.poll(() => third.locator('.question-status').textContent()).toContain('konden niet worden geladen')
    expect(await third.locator('.question-load a').count()).toBe(1)
    expect(await ended.locator('main').count()).toBe(1)
    await later.close()
    // The page of its own has no axe violations either (axe runs as a script, so in a page with them).
    await page.goto(own)
    expect(await violations(page)).toEqual([])
  })
})
