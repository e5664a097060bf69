/**
 * The respondent's first minute on a 390 px phone, per role and language: the intro says whom the
 * questions are about and how many there really are, "Begin" opens the first page at its top with
 * focus on its first question, and coming back at page 5 shows the pages before it done, with the
 * welcome-back notice in view and announced. Counts come from the SurveyJS JSON the page itself
 * loads, so the test holds for any instrument version.
 */
import type { Browser, Locator, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { base, launch } from './browser.ts'

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
const ROLES = ['medewerker', 'teammanager', 'tactisch'] as const
type Role = (typeof ROLES)[number]

const SUBJECT: Record<Role, Record<'nl' | 'en', RegExp>> = {
  medewerker: { nl: /over uw leidinggevende/, en: /about your manager/ },
  teammanager: { nl: /over uzelf als leidinggevende/, en: /about yourself as a manager/ },
  tactisch: { nl: /over uzelf op tactisch niveau/, en: /about yourself at tactical level/ },
}
const WORDS = {
  nl: { start: 'Begin met de vragenlijst', next: 'Volgende', questions: 'vragen', back: 'Welkom terug' },
  en: { start: 'Start the survey', next: 'Next', questions: 'questions', back: 'Welcome back' },
}

type SurveyJson = { pages: { name: string; elements: { name: string; type: string }[] }[] }

const linkFor = (role: Role) =>
  inject('demo').links.find((l) => l.partner === 'Belastingdienst' && l.role === role) ??
  inject('demo').links.find((l) => l.role === role)!

/** The instrument the page loads (its data-instrument), as SurveyJS JSON. */
async function instrumentOf(page: Page): Promise<SurveyJson> {
  const path = await page.locator('#survey').getAttribute('data-instrument')
  return (await (await fetch(`${base()}${path}`)).json()) as SurveyJson
}

/** Whether the element lies wholly inside the viewport; otherwise where it is, for the failure message. */
async function inView(locator: Locator): Promise<true | string> {
  return locator.evaluate((el) => {
    const r = el.getBoundingClientRect()
    const inside =
      r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight && r.left >= 0 && r.right <= window.innerWidth
    return (
      inside ||
      `top ${Math.round(r.top)}, bottom ${Math.round(r.bottom)}, left ${Math.round(r.left)}, right ${Math.round(r.right)} in ${window.innerWidth}×${window.innerHeight} at scrollY ${Math.round(window.scrollY)}`
    )
  })
}

/** Title, progress bar and first question in view, focus on the first question, no sideways scroll. */
async function expectPageTop(page: Page, what: string) {
  await page.locator('.sd-page .sd-question').first().waitFor()
  await expect
    .poll(
      () =>
        page.evaluate(
          () => document.activeElement?.closest('.sd-question') === document.querySelector('.sd-page .sd-question'),
        ),
      { message: `${what}: focus on the first question` },
    )
    .toBe(true)
  expect(await inView(page.locator('#survey .sd-title').first()), `${what}: survey title in view`).toBe(true)
  expect(await inView(page.locator('#survey .sd-progress-buttons').first()), `${what}: progress bar in view`).toBe(true)
  expect(await inView(page.locator('.sd-page .sd-question__header').first()), `${what}: first question in view`).toBe(
    true,
  )
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth),
    `${what}: no sideways scroll`,
  ).toBe(true)
}

describe('the first minute on a phone', () => {
  for (const role of ROLES) {
    for (const lang of ['nl', 'en'] as const) {
      it(`${role} (${lang}): the intro names the subject and the real count; Begin opens at the top; resume shows where you are`, async () => {
        const context = await browser.newContext({ ...PHONE, locale: lang === 'nl' ? 'nl-NL' : 'en-GB' })
        const page = await context.newPage()
        const { url } = linkFor(role)
        const res = await page.goto(url)
        expect(res!.status()).toBe(200)

        // The intro: whom the questions are about, and the number of questions of this role's instrument.
        const json = await instrumentOf(page)
        const questions = json.pages.flatMap((p) => p.elements).length
        const intro = (await page.locator('.survey-intro').innerText()).replace(/\s+/g, ' ')
        expect(intro).toMatch(SUBJECT[role][lang])
        expect(intro).toContain(`${questions} ${WORDS[lang].questions}`)
        for (const other of ROLES.filter((r) => r !== role)) expect(intro).not.toMatch(SUBJECT[other][lang])

        // Begin: the first page at its top, focus on its first question; and so on the next page.
        await page.getByRole('button', { name: WORDS[lang].start }).click()
        await expectPageTop(page, 'first page')
        const radios = page.locator('.sd-page [role="radiogroup"]')
        for (let i = 0; i < (await radios.count()); i++) await radios.nth(i).locator('label').nth(2).click()
        if (json.pages.length > 1) {
          await page.getByRole('button', { name: WORDS[lang].next }).click()
          await page.locator('.sd-page').getByText(/./).first().waitFor()
          await expectPageTop(page, 'second page')
        }

        // Coming back at page 5 (or the last page of a shorter survey) with the pages before it answered.
        const at = Math.min(5, json.pages.length)
        const data = Object.fromEntries(
          json.pages
            .slice(0, at - 1)
            .flatMap((p) => p.elements.filter((q) => q.type === 'radiogroup').map((q) => [q.name, 3])),
        )
        const token = new URL(url).pathname.split('/').pop()!
        await page.evaluate(
          ([key, value]) => localStorage.setItem(key!, value!),
          [`ketenradar:survey:${token}`, JSON.stringify({ id: crypto.randomUUID(), data, page: at - 1, lang })],
        )
        await page.reload()
        const notice = page.getByRole('status').filter({ hasText: WORDS[lang].back })
        await notice.waitFor()
        await expectPageTop(page, `page ${at} on resume`)
        expect(await notice.getAttribute('aria-live')).toBe('polite')
        expect(await inView(notice), 'welcome-back notice in view').toBe(true)
        expect(await notice.innerText()).toContain(`${at}`)
        const steps = page.locator('#survey .sd-progress-buttons__list > li')
        expect(await steps.count()).toBe(json.pages.length)
        const done = await steps.evaluateAll((els) =>
          els.map((el) => el.classList.contains('sd-progress-buttons__list-element--passed')),
        )
        expect(done.slice(0, at - 1), `pages 1–${at - 1} done`).toEqual(Array(at - 1).fill(true))
        expect(done.slice(at - 1).some(Boolean), 'no later page done').toBe(false)
        await context.close()
      })
    }
  }

  it("asks for a missing answer in its own words, not the survey library's", async () => {
    for (const lang of ['nl', 'en'] as const) {
      const context = await browser.newContext({ ...PHONE, locale: lang === 'nl' ? 'nl-NL' : 'en-GB' })
      const page = await context.newPage()
      await page.goto(linkFor('medewerker').url)
      await page.getByRole('button', { name: WORDS[lang].start }).click()
      await page.getByRole('button', { name: WORDS[lang].next }).click()
      const error = page.locator('.sd-question__erbox').first()
      await error.waitFor()
      expect(await error.innerText()).toMatch(lang === 'nl' ? /^Kies een antwoord/ : /^Please choose an answer/)
      expect(await page.locator('#survey').innerText()).not.toMatch(/vereiste vraag|Response required/)
      await context.close()
    }
  })
})
