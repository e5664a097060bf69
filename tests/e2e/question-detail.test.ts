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
      // Every dimension open, so axe sees every table.
      for (let i = 0; i < (await dimensions.count()); i++)
        await dimensions.nth(i).evaluate((d) => ((d as HTMLDetailsElement).open = true))
      expect(await violations(page)).toEqual([])
    })
  }

  it('shows a tactical manager only the questions of the dimensions that role was asked', async () => {
    await page.goto(`${base()}/app/programmes/${inject('demo').programmeId}?role=tactisch&lang=nl`)
    const dimensions = page.locator('#question-detail details.question-dimension')
    await dimensions.first().waitFor()
    expect(await dimensions.count()).toBe(3)
    for (let i = 0; i < 3; i++) await dimensions.nth(i).evaluate((d) => ((d as HTMLDetailsElement).open = true))
    expect(await violations(page)).toEqual([])
  })
})
