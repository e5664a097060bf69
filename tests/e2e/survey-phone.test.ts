/**
 * The current instrument (version 5) answered on a phone (390×844, touch), once per role,
 * through the real links of a wave that uses it, to the thank-you page. Each role sees exactly its
 * own questions, in the file's order and wording (surveys/coachende-manager.v5.json); "weet ik
 * niet" can be chosen and is sent as such; no page scrolls sideways; axe finds nothing on the
 * intro, a question page and the thank-you page; and the group's participation, as the lead reads
 * it from the API, goes up by exactly one.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, dayOf, momentOfDay } from '../../schema/format.ts'
import type { Role } from '../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../worker/domain/simulated-answers.ts'
import { parseInstrument, questionsFor } from '../../worker/domain/instrument-rules.ts'
import v5 from '../../surveys/coachende-manager.v5.json' with { type: 'json' }
import { adminCookie, launch, violations } from './browser.ts'
import { api, K } from './links-fixture.ts'

/** The version new waves get; its items are the longest the phone has to fit. */
const instrument = parseInstrument(v5)

const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true }
const ROLES = ['medewerker', 'teammanager', 'tactisch'] as const
const DONT_KNOW = instrument.scale.dontKnow

type Participation = { status: 'none' | 'few' | 'counted'; n: number | null }
type Results = { participation: { id: string; roles: Record<Role, Participation> }[] | null }

let browser: Browser
let chain: { programmeId: string; waveId: string; partnerId: string; links: Record<Role, string>; cookie: string }

/** The start of the Dutch day `days` from today, as the setup page sets a wave's days (schema/format.ts). */
const startOf = (days: number) => momentOfDay(addDays(dayOf(new Date()), days), false)

/**
 * One partner whose every group already stands at k answer sets, so that participation is shown
 * exactly (below k it would read only "fewer than k") and one more answer set is visible as k + 1.
 */
beforeAll(async () => {
  browser = await launch()
  const cookie = await adminCookie()
  const { id: programmeId } = await api<{ id: string }>(cookie, 'POST', '/api/programmes', {
    name: `Keten op de telefoon ${crypto.randomUUID().slice(0, 8)}`,
  })
  const { id: partnerId } = await api<{ id: string }>(cookie, 'POST', `/api/programmes/${programmeId}/partners`, {
    name: 'Gemeente Súdwest-Fryslân',
    headcount: 40,
    headcounts: { teammanager: 10, tactisch: 10 },
  })
  const { id: waveId } = await api<{ id: string }>(cookie, 'POST', `/api/programmes/${programmeId}/waves`, {
    label: 'Nulmeting versie 5',
    instrument: instrument.id,
    instrumentVersion: instrument.version,
    opensAt: startOf(-1),
    closesAt: startOf(15),
  })
  const links = {} as Record<Role, string>
  const random = rng(16)
  for (const role of ROLES) {
    links[role] = (await api<{ url: string }>(cookie, 'POST', `/api/waves/${waveId}/links`, { partnerId, role })).url
    const token = new URL(links[role]).pathname.split('/').pop()!
    for (let a = 0; a < K; a++)
      await api(cookie, 'POST', `/api/s/${token}/responses`, {
        id: crypto.randomUUID(),
        answers: simulateAnswers(instrument, role, random, () => 3),
      })
  }
  chain = { programmeId, waveId, partnerId, links, cookie }
})
afterAll(async () => {
  await browser?.close()
})

/** The group's participation as the lead reads it. */
async function participation(role: Role): Promise<Participation> {
  const r = await api<Results>(
    chain.cookie,
    'GET',
    `/api/programmes/${chain.programmeId}/dashboard?wave=${chain.waveId}`,
  )
  return r.participation!.find((p) => p.id === chain.partnerId)!.roles[role]
}

const sideways = (page: Page) =>
  page.evaluate(() =>
    document.documentElement.scrollWidth > window.innerWidth
      ? `${document.documentElement.scrollWidth} px wide in a ${window.innerWidth} px screen`
      : null,
  )

const titles = (page: Page) => page.locator('.sd-page .sd-question__title .sv-string-viewer').allInnerTexts()

describe('the version 5 survey on a phone', () => {
  it('is version 5 and the groups stand at k before anyone answers on the phone', async () => {
    expect(instrument.version).toBe(5)
    for (const role of ROLES) expect(await participation(role)).toMatchObject({ status: 'counted', n: K })
  })

  for (const role of ROLES) {
    it(`${role}: answered to the thank-you page with only its own questions`, async () => {
      const expected = questionsFor(instrument, role).map((q) => ({ name: q.name, title: q.wording[role]!.nl }))
      // Every role is asked something, and not everything: the file gives each role its own set.
      expect(expected.length).toBeGreaterThan(0)
      expect(expected.length).toBeLessThan(instrument.survey.pages.flatMap((p) => p.elements).length)

      const context = await browser.newContext({ ...PHONE, locale: 'nl-NL', bypassCSP: true })
      const page = await context.newPage()
      const sent: { answers: Record<string, unknown>; version: number; role: string }[] = []
      page.on('request', (req) => {
        if (req.method() === 'POST' && req.url().endsWith('/responses')) sent.push(JSON.parse(req.postData() ?? 'null'))
      })
      expect((await page.goto(chain.links[role]))!.status()).toBe(200)
      await page.locator('h1').first().waitFor()
      // The page loads this role's questions of version 5 (/api/instruments/:id/:version/:role).
      expect(await page.locator('#survey').getAttribute('data-instrument')).toMatch(
        new RegExp(`/${instrument.id}/5/${role}$`),
      )
      expect(await sideways(page), 'intro').toBeNull()
      expect(await violations(page), 'intro').toEqual([])

      await page.getByRole('button', { name: 'Begin met de vragenlijst' }).tap()
      const shown: string[] = []
      let dontKnowName = ''
      for (let n = 1; n <= 20; n++) {
        const groups = page.locator('.sd-page [role="radiogroup"]')
        await groups.first().waitFor()
        const onPage = await titles(page)
        shown.push(...onPage)
        for (let i = 0; i < (await groups.count()); i++) {
          const group = groups.nth(i)
          if (n === 1 && i === 0) {
            // "Weet ik niet" on the first question: a real choice, checked like any other.
            await group.getByText(DONT_KNOW.label.nl, { exact: true }).tap()
            expect(await group.locator(`input[value="${DONT_KNOW.value}"]`).isChecked()).toBe(true)
            dontKnowName = expected[0]!.name
          } else
            await group
              .locator('label')
              .nth((n + i) % instrument.scale.labels.length)
              .tap()
        }
        expect(await sideways(page), `page ${n}`).toBeNull()
        if (n === 2) expect(await violations(page), `question page ${n}`).toEqual([])
        const send = page.getByRole('button', { name: 'Verzenden' })
        if (await send.isVisible()) {
          await send.tap()
          break
        }
        await page.getByRole('button', { name: 'Volgende' }).tap()
        // The next page is there once its first question is another one.
        await expect.poll(async () => (await titles(page))[0]).not.toBe(onPage[0])
      }
      await page.getByRole('heading', { name: 'Bedankt voor het invullen' }).waitFor()
      expect(await sideways(page), 'thank-you page').toBeNull()
      expect(await violations(page), 'thank-you page').toEqual([])

      // Exactly this role's questions, in the file's order and wording: none missing, none of another role's.
      expect(shown.map((t) => t.trim())).toEqual(expected.map((q) => q.title))
      expect(sent).toHaveLength(1)
      expect(sent[0]).toMatchObject({ version: 5, role })
      expect(Object.keys(sent[0]!.answers).sort()).toEqual(expected.map((q) => q.name).sort())
      expect(sent[0]!.answers[dontKnowName]).toBe(DONT_KNOW.value)
      // Stored: the group's participation went up by one.
      expect(await participation(role)).toMatchObject({ status: 'counted', n: K + 1 })
      await context.close()
    })
  }
})
