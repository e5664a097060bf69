import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addDays, dayOf } from '../../schema/format.ts'
import { rng, simulateAnswers } from '../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../worker/services/instrument-catalogue.ts'
import { adminCookie, answerEveryPage, base, launch, startSurvey, violations } from './browser.ts'
import { askNewLinks, K, makeChain, signedIn } from './links-fixture.ts'

/** Every page checked with axe-core at WCAG 2.1 AA (`violations` in browser.ts). */

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

const link = (role: string) => inject('demo').links.find((l) => l.partner === 'SVB' && l.role === role)!.url

describe('accessibility (axe-core, WCAG 2.1 AA)', () => {
  for (const lang of ['nl-NL', 'en-GB']) {
    it(`has no violations on the survey pages (${lang})`, async () => {
      const page = await (await browser.newContext({ locale: lang, bypassCSP: true })).newPage()
      // Each role's own intro (whom the questions are about, how many, how long).
      for (const role of ['teammanager', 'tactisch']) {
        await page.goto(link(role))
        expect(await violations(page), `intro ${role}`).toEqual([])
      }
      await page.goto(link('medewerker'))
      expect(await violations(page), 'intro').toEqual([])
      await startSurvey(page, lang === 'nl-NL' ? 'nl' : 'en')
      expect(await violations(page), 'first page').toEqual([])
      // The survey's own words for a missing answer, then the welcome-back notice after a reload.
      const nextButton = page.getByRole('button', { name: lang === 'nl-NL' ? 'Volgende' : 'Next' })
      await nextButton.click()
      await page.locator('.sd-question__erbox').first().waitFor()
      expect(await violations(page), 'missing answers').toEqual([])
      const groups = page.locator('.sd-page [role="radiogroup"]')
      for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).locator('label').nth(3).click()
      await nextButton.click()
      await page.reload()
      await page.locator('#survey-notice', { hasText: /Welkom terug|Welcome back/ }).waitFor()
      await page.locator('.sd-page [role="radiogroup"]').first().waitFor()
      expect(await violations(page), 'resumed with the welcome-back notice').toEqual([])
      await page.goto(`${base()}/s/AAAAAAAAAAAAAAAAAAAAAA`)
      expect(await violations(page)).toEqual([])
      await page.context().close()
    })
  }

  it('has no violations on a middle page, the thank-you page and a closed link', async () => {
    const page = await (await browser.newContext({ locale: 'nl-NL', bypassCSP: true })).newPage()
    await page.goto(link('tactisch'))
    await startSurvey(page)
    await answerEveryPage(page, 3, async (n) => expect(await violations(page), `page ${n}`).toEqual([]))
    expect(await violations(page)).toEqual([])

    // A link of a wave that has closed.
    const cookie = await adminCookie()
    const api = async (path: string, body: unknown) =>
      (await (
        await fetch(`${base()}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie },
          body: JSON.stringify(body),
        })
      ).json()) as { id: string; token: string; url: string }
    // A closed wave gets no new links: a programme of its own, its link made while open, then closed.
    const { id: pid } = await api('/api/programmes', { name: `Gesloten ${crypto.randomUUID().slice(0, 8)}` })
    const { id: partnerId } = await api(`/api/programmes/${pid}/partners`, { name: 'Partner', headcount: 10 })
    const wave = await api(`/api/programmes/${pid}/waves`, {
      label: 'Gesloten',
      instrument: 'coachende-manager',
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    const closed = await api(`/api/waves/${wave.id}/links`, { partnerId, role: 'medewerker' })
    await fetch(`${base()}/api/waves/${wave.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie },
      body: JSON.stringify({ closesAt: new Date().toISOString() }),
    })
    const res = await page.goto(closed.url)
    expect(res!.status()).toBe(410)
    expect(await violations(page)).toEqual([])
    await page.context().close()
  })

  it('has no violations on the sign-in page, the programme list and every dashboard view', async () => {
    const page = await (await browser.newContext({ locale: 'nl-NL', bypassCSP: true })).newPage()
    await page.goto(`${base()}/app/login`)
    expect(await violations(page)).toEqual([])
    const admin = inject('admin')
    await page.getByLabel('E-mailadres').fill(admin.email)
    await page.getByLabel('Wachtwoord').fill(admin.password)
    await Promise.all([page.waitForURL(/\/app\/programmes$/), page.getByRole('button', { name: 'Inloggen' }).click()])
    expect(await violations(page)).toEqual([])
    for (const role of ['medewerker', 'teammanager', 'tactisch']) {
      for (const lang of ['nl', 'en']) {
        await page.goto(`${base()}/app/programmes/${inject('demo').programmeId}?role=${role}&lang=${lang}`)
        // Tactical management's two radar axes draw no radar: its page says so instead.
        await page.locator(role === 'tactisch' ? '#radar-too-few' : '#radar').waitFor()
        expect(await violations(page), `${role} ${lang}`).toEqual([])
      }
    }
    await page.context().close()
  })

  it('has no violations on the measurement-quality page, shown and not shown, in both languages', async () => {
    const cookie = await adminCookie()
    const send = async (method: string, path: string, body: unknown) => {
      const res = await fetch(`${base()}${path}`, {
        method,
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify(body),
      })
      if (res.status >= 300) throw new Error(`${path}: ${res.status} ${await res.text()}`)
      return (await res.json()) as { id: string; token: string }
    }
    // A closed wave with 150 staff answer sets from six partners (25 each: a link takes 30 a minute),
    // each shown: 100 is what the page needs to show anything, and α with each question's verdict
    // needs 100 complete answer sets of a scale (worker/domain/measurement-quality.ts
    // MIN_COMPLETE_CASES), which "don't know" here and there takes below 100.
    const ins = findInstrument('coachende-manager')!
    const { id: pid } = await send('POST', '/api/programmes', {
      name: `Meetkwaliteit ${crypto.randomUUID().slice(0, 8)}`,
    })
    // Partners first: one that joins after the wave opened takes no part in it.
    const partners: string[] = []
    for (const name of ['A', 'B', 'C', 'D', 'E', 'F'])
      partners.push((await send('POST', `/api/programmes/${pid}/partners`, { name, headcount: 30 })).id)
    const wave = await send('POST', `/api/programmes/${pid}/waves`, {
      label: 'Kwaliteit',
      instrument: ins.id,
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    const random = rng(16)
    for (const partnerId of partners) {
      const { token } = await send('POST', `/api/waves/${wave.id}/links`, { partnerId, role: 'medewerker' })
      await Promise.all(
        Array.from({ length: 25 }, () =>
          fetch(`${base()}/api/s/${token}/responses`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              id: crypto.randomUUID(),
              answers: simulateAnswers(ins, 'medewerker', random, () => 3),
            }),
          }).then((r) => expect(r.status).toBe(201)),
        ),
      )
    }
    await send('PATCH', `/api/waves/${wave.id}`, { closesAt: new Date().toISOString() })
    const page = await (await browser.newContext({ locale: 'nl-NL', bypassCSP: true })).newPage()
    await page
      .context()
      .addCookies([{ name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() }])
    for (const lang of ['nl', 'en']) {
      await page.goto(`${base()}/app/programmes/${pid}/quality?wave=${wave.id}&role=medewerker&lang=${lang}`)
      await page.locator('#quality-questions').waitFor()
      // Complete answer sets per scale and over every question, a table of its own.
      await page
        .getByRole('heading', { name: lang === 'nl' ? 'Volledige vragenlijsten' : 'Complete answer sets' })
        .waitFor()
      expect(await page.locator('#quality-complete tbody tr').count()).toBeGreaterThan(1)
      await page.locator('details summary').first().click()
      // α shown, with each question's verdict in its table.
      await page
        .getByRole('columnheader', { name: lang === 'nl' ? 'Oordeel' : 'Verdict' })
        .first()
        .waitFor()
      expect(await page.locator('main').innerText()).not.toMatch(
        /Te weinig vragenlijsten waarin|Too few answer sets with/,
      )
      expect(await violations(page), `shown ${lang}`).toEqual([])
      await page.goto(`${base()}/app/programmes/${pid}/quality?wave=${wave.id}&role=teammanager&lang=${lang}`)
      await page.locator('#quality-not-shown').waitFor()
      expect(await violations(page), `not shown ${lang}`).toEqual([])
    }
    await page.context().close()
  })

  it('has no violations on the setup page (with new links and a QR code shown), the password page and a used password link', async () => {
    const page = await (await browser.newContext({ locale: 'nl-NL', bypassCSP: true })).newPage()
    const admin = inject('admin')
    await page.goto(`${base()}/app/login`)
    await page.getByLabel('E-mailadres').fill(admin.email)
    await page.getByLabel('Wachtwoord').fill(admin.password)
    await Promise.all([page.waitForURL(/\/app\/programmes$/), page.getByRole('button', { name: 'Inloggen' }).click()])
    // A programme of its own, so revealing links here takes none from the other tests.
    await page.getByLabel('Naam van het programma').fill(`Toegankelijk ${Date.now()}`)
    await Promise.all([page.waitForURL(/\/setup$/), page.getByRole('button', { name: 'Programma maken' }).click()])
    expect(await violations(page), 'empty setup page').toEqual([])
    await page.getByLabel('Naam van de partner').fill('SVB')
    // Staff counted, managers not: the link set says which groups get no link yet.
    await page.getByLabel('Aantal medewerkers (nodig voor een link)').fill('30')
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Partner toevoegen' }).click()])
    const day = (n: number) => addDays(dayOf(new Date()), n)
    await page.getByLabel('Naam van de ronde').fill('Eerste')
    await page.getByLabel('Opent op').last().fill(day(-1))
    await page.getByLabel('Open tot en met').last().fill(day(10))
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Ronde toevoegen' }).click()])
    await page.getByLabel('Elke hoeveel maanden een ronde').fill('6')
    await page.getByLabel('Aantal dagen dat een ronde openstaat').fill('21')
    await page.getByLabel('Datum waarop de volgende ronde opent').fill(day(180))
    await Promise.all([
      page.waitForEvent('load'),
      page.locator('#cadence').getByRole('button', { name: 'Opslaan' }).click(),
    ])
    await page.getByRole('button', { name: 'Links maken voor elke partner en rol' }).click()
    await page.getByRole('button', { name: 'QR-code: SVB, medewerker' }).click()
    await page.locator('#status-links', { hasText: 'Geen link gemaakt voor: SVB (teammanager)' }).waitFor()
    await page.locator('#new-links svg').first().waitFor()
    const invite = page.locator('#people form[data-method="POST"]')
    await invite.getByLabel('E-mailadres').fill(`a11y.${Date.now()}@e2e.local`)
    await invite.getByRole('button', { name: 'Uitnodigen' }).click()
    const invitation = await page.locator('#status-invite input').inputValue()
    expect(await violations(page), 'setup page in use').toEqual([])
    await page.goto(`${page.url().split('?')[0]}?lang=en`)
    expect(await violations(page), 'setup page in English').toEqual([])

    await page.goto(invitation)
    expect(await violations(page), 'password page').toEqual([])
    await page.goto(`${base()}/app/password/AAAAAAAAAAAAAAAAAAAAAA`)
    expect(await violations(page), 'unknown password link').toEqual([])
    await page.context().close()
  })

  it('has no violations on the setup page with participation, replaced links, the QR code and reminders shown, and with a closed wave, in both languages', async () => {
    const chain = await makeChain([{ medewerker: K - 1 }, { medewerker: K }])
    for (const lang of ['nl', 'en'] as const) {
      const page = await signedIn(browser, { locale: lang === 'nl' ? 'nl-NL' : 'en-GB' })
      page.on('dialog', (d) => void d.accept())
      await page.goto(`${base()}/app/programmes/${chain.programmeId}/setup?wave=${chain.waveId}&lang=${lang}`)
      await page.locator('#setup-participation').waitFor()
      expect(await violations(page), `participation ${lang}`).toEqual([])
      await askNewLinks(page, lang)
      await page.locator('#new-links input.url-field').first().waitFor()
      await page.locator('#new-links button[aria-expanded]').first().click()
      await page.locator('#new-links svg').first().waitFor()
      expect(await violations(page), `new links ${lang}`).toEqual([])
      await page.context().close()
    }
    // Closed: its links are listed as closed, with nothing to make.
    await fetch(`${base()}/api/waves/${chain.waveId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', cookie: chain.cookie },
      body: JSON.stringify({ closesAt: new Date().toISOString() }),
    })
    for (const lang of ['nl', 'en'] as const) {
      const page = await signedIn(browser, { locale: lang === 'nl' ? 'nl-NL' : 'en-GB' })
      await page.goto(`${base()}/app/programmes/${chain.programmeId}/setup?wave=${chain.waveId}&lang=${lang}`)
      expect(await violations(page), `closed wave ${lang}`).toEqual([])
      await page.context().close()
    }
  })
})
