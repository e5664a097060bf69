import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { addDays, dayOf } from '../../schema/format.ts'
import {
  adminCookie,
  answerEveryPage,
  apiCall,
  artefactDir,
  base,
  d1,
  launch,
  startSurvey,
  violations,
} from './browser.ts'

/**
 * A new lead, from the invitation to the first answer: everything through the pages, as a person
 * would, with Dutch labels (the page's first language) to find each field.
 */

let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/** The Dutch day `offset` days from today, as a date input takes it (schema/format.ts `dayOf`). */
const day = (offset: number) => addDays(dayOf(new Date()), offset)

async function signIn(page: Page, email: string, password: string) {
  await page.goto(`${base()}/app/login?lang=nl`)
  await page.getByLabel('E-mailadres').fill(email)
  await page.getByLabel('Wachtwoord').fill(password)
  await Promise.all([page.waitForURL(/\/app\/programmes/), page.getByRole('button', { name: 'Inloggen' }).click()])
}

/** Submits a form on the setup page and waits for the page to show the result (it reloads). */
async function submitAndReload(page: Page, button: ReturnType<Page['getByRole']>) {
  await Promise.all([page.waitForEvent('load'), button.click()])
}

describe('a new lead sets up a chain from the pages alone', () => {
  it('is invited, sets a password, creates a programme with partners and a wave, makes links, and a respondent answers', async () => {
    const email = `nieuwe.leider.${Date.now()}@e2e.local`
    const password = 'een goed lang wachtwoord'

    // The administrator invites the new lead on the demo programme's setup page and reads the one-time link.
    const adminContext = await browser.newContext({ locale: 'nl-NL' })
    const admin = await adminContext.newPage()
    await signIn(admin, inject('admin').email, inject('admin').password)
    await admin.goto(`${base()}/app/programmes/${inject('demo').programmeId}/setup?lang=nl`)
    const invite = admin.locator('#people form[data-method="POST"]')
    await invite.getByLabel('E-mailadres').fill(email)
    await invite.getByLabel('Rol').selectOption('lead')
    await invite.getByRole('button', { name: 'Uitnodigen' }).click()
    const invitation = await admin.locator('#status-invite input').inputValue()
    expect(invitation).toMatch(/\/app\/password\/[A-Za-z0-9_-]{22}$/)
    // A text to pass on in the lead's own mail, with the link in it: Ketenradar sends no e-mail.
    const message = await admin.getByLabel('Tekst om door te sturen').inputValue()
    expect(message).toContain(invitation)
    expect(message).toContain('Werk en Inkomen')
    await adminContext.close()

    // The lead opens the invitation in their own browser and chooses a password.
    const leadContext = await browser.newContext({ locale: 'nl-NL' })
    const lead = await leadContext.newPage()
    await lead.goto(invitation)
    await lead.getByRole('heading', { name: 'Welkom bij Ketenradar: kies een wachtwoord' }).waitFor()
    await lead.getByLabel('Nieuw wachtwoord').fill(password)
    await lead.getByLabel('Herhaal het wachtwoord').fill(password)
    await Promise.all([
      lead.waitForURL(/\/app\/login/),
      lead.getByRole('button', { name: 'Wachtwoord instellen' }).click(),
    ])
    expect(await lead.getByLabel('E-mailadres').inputValue()).toBe(email)
    await lead.getByLabel('Wachtwoord').fill(password)
    await Promise.all([lead.waitForURL(/\/app\/programmes/), lead.getByRole('button', { name: 'Inloggen' }).click()])

    // A programme of their own: created, then straight on to its setup page with the guide.
    const name = `Keten Noord ${Date.now()}`
    await lead.getByLabel('Naam van het programma').fill(name)
    await Promise.all([lead.waitForURL(/\/setup$/), lead.getByRole('button', { name: 'Programma maken' }).click()])
    await lead.getByRole('heading', { name: 'Zo richt u een keten in' }).waitFor()

    for (const [partner, headcount] of [
      ['Gemeente Groningen', '120'],
      ['UWV Noord', '80'],
    ] as const) {
      await lead.getByLabel('Naam van de partner').fill(partner)
      await lead.getByLabel('Aantal medewerkers (nodig voor een link)').fill(headcount)
      // Every group needs its number of people before it gets a link.
      await lead.getByLabel('Aantal teammanagers (nodig voor een link)').fill('6')
      await lead.getByLabel('Aantal tactisch managers (nodig voor een link)').fill('2')
      await submitAndReload(lead, lead.getByRole('button', { name: 'Partner toevoegen' }))
    }
    expect(await lead.locator('#partners tbody th').allTextContents()).toEqual(['Gemeente Groningen', 'UWV Noord'])
    // A refused partner names each field by its label, in plain words, and marks it; nothing is added.
    await lead.getByLabel('Naam van de partner').fill('   ')
    await lead.getByLabel('Aantal medewerkers (nodig voor een link)').fill('100000000')
    await lead.getByRole('button', { name: 'Partner toevoegen' }).click()
    await expect
      .poll(() => lead.locator('#status-add-partner').textContent())
      .toBe(
        'Niet opgeslagen. Kijk dit na: Naam van de partner: ontbreekt (verwacht: tekst); Aantal medewerkers (nodig voor een link): moet ten hoogste 1.000.000 zijn',
      )
    expect(await lead.getByLabel('Naam van de partner').getAttribute('aria-invalid')).toBe('true')
    expect(await lead.getByLabel('Aantal medewerkers (nodig voor een link)').getAttribute('aria-invalid')).toBe('true')
    // The same name in other letters is the same partner.
    await lead.getByLabel('Naam van de partner').fill('gemeente groningen')
    await lead.getByLabel('Aantal medewerkers (nodig voor een link)').fill('10')
    await lead.getByRole('button', { name: 'Partner toevoegen' }).click()
    await expect.poll(() => lead.locator('#status-add-partner').textContent()).toContain('"Gemeente Groningen"')
    expect(await lead.getByLabel('Naam van de partner').getAttribute('aria-invalid')).toBeNull()
    await lead.reload()
    expect(await lead.locator('#partners tbody th').allTextContents()).toEqual(['Gemeente Groningen', 'UWV Noord'])
    // A partner renamed and its team managers counted, in its own row; "Saved" is said and focused after the reload.
    await lead.getByLabel('Naam van UWV Noord').fill('UWV Noord-Nederland')
    await lead.getByLabel('Aantal teammanagers bij UWV Noord').fill('9')
    await submitAndReload(lead, lead.getByRole('button', { name: 'Opslaan: UWV Noord' }))
    expect(await lead.locator('#partners tbody th').allTextContents()).toEqual([
      'Gemeente Groningen',
      'UWV Noord-Nederland',
    ])
    await expect.poll(() => lead.evaluate(() => document.activeElement?.textContent)).toBe('Opgeslagen.')
    expect(await lead.getByLabel('Aantal teammanagers bij UWV Noord-Nederland').inputValue()).toBe('9')

    await lead.getByLabel('Naam van de ronde').fill('Nulmeting')
    await lead.getByLabel('Opent op').last().fill(day(-1))
    await lead.getByLabel('Open tot en met').last().fill(day(20))
    await submitAndReload(lead, lead.getByRole('button', { name: 'Ronde toevoegen' }))
    expect(await lead.locator('#waves tbody th').allTextContents()).toEqual(['Nulmeting'])

    // An overlapping wave is refused with the reason, in the page, and nothing is added.
    await lead.getByLabel('Naam van de ronde').fill('Dubbel')
    await lead.getByLabel('Opent op').last().fill(day(2))
    await lead.getByLabel('Open tot en met').last().fill(day(10))
    await lead.getByRole('button', { name: 'Ronde toevoegen' }).click()
    await expect.poll(() => lead.locator('#status-add-wave').textContent()).toMatch(/Nulmeting/)

    await lead.getByRole('button', { name: 'Links maken voor elke partner en rol' }).click()
    const urls = lead.locator('#new-links input.url-field')
    await expect.poll(() => urls.count()).toBe(6)
    // A QR code for the poster, drawn as SVG with a text alternative.
    await lead.getByRole('button', { name: 'QR-code: Gemeente Groningen, medewerker' }).click()
    await lead.locator('#new-links svg title').first().waitFor({ state: 'attached' })
    expect(await lead.locator('#new-links svg path').first().getAttribute('d')).toMatch(/^M\d+ \d+h1v1h-1z/)
    const link = await urls.first().inputValue()
    expect(link).toMatch(/\/s\/[A-Za-z0-9_-]{22}$/)
    await lead.screenshot({ path: `${artefactDir()}/setup.png`, fullPage: true })

    // A staff member opens the link in a browser of their own and answers every page.
    const staffContext = await browser.newContext({ locale: 'nl-NL' })
    const staff = await staffContext.newPage()
    await staff.goto(link)
    await staff.getByRole('heading', { name: 'Uw privacy' }).waitFor()
    await startSurvey(staff)
    await answerEveryPage(staff)
    await staffContext.close()

    const rows = d1(
      `SELECT count(*) AS n FROM responses r JOIN partners p ON p.id = r.partner_id JOIN programmes g ON g.id = p.programme_id WHERE g.name = '${name}' AND p.name = 'Gemeente Groningen' AND r.role = 'medewerker'`,
    )
    expect(Number(rows[0]!.n)).toBe(1)

    // Back on the setup page the links are listed without their tokens, and one can be revoked.
    await lead.reload()
    expect(await lead.locator('#links table').last().locator('tbody tr').count()).toBe(6)
    expect(await lead.content()).not.toContain(new URL(link).pathname.split('/').pop()!)
    await leadContext.close()
  })
})

describe('a lead with many partners pastes them at once', () => {
  it('adds three pasted lines by keyboard alone, names the failing line of a bad paste, adding nothing, and skips the lines there already', async () => {
    const cookie = await adminCookie()
    const { id } = await apiCall<{ id: string }>(cookie, '/api/programmes', { name: `Keten Plak ${Date.now()}` })
    await apiCall(cookie, `/api/programmes/${id}/partners`, { name: 'UWV', headcount: 50 })
    const context = await browser.newContext({ locale: 'nl-NL', bypassCSP: true })
    await context.addCookies([
      { name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() },
    ])
    const page = await context.newPage()
    await page.goto(`${base()}/app/programmes/${id}/setup?lang=nl`)
    await page.getByRole('heading', { name: 'Meerdere partners tegelijk toevoegen' }).waitFor()
    const paste = page.getByLabel('Partners, één per regel')
    // The keyboard's way in: from the single add's button, Tab reaches the paste.
    await page.getByRole('button', { name: 'Partner toevoegen' }).focus()
    await page.keyboard.press('Tab')
    expect(await paste.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.type('Gemeente Zwolle; 1.200; 30; 4')
    await page.keyboard.press('Enter')
    await page.keyboard.type('GGD IJsselland;80')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Politie Oost-Nederland')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Partners toevoegen')
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
    expect(await page.locator('#partners tbody th').allTextContents()).toEqual([
      'Gemeente Zwolle',
      'GGD IJsselland',
      'Politie Oost-Nederland',
      'UWV',
    ])
    expect(await page.getByLabel('Aantal medewerkers bij Gemeente Zwolle').inputValue()).toBe('1200')
    // After the reload the reader hears how many went in, where the keyboard now is.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('3 partners toegevoegd.')

    // A bad paste: the line, its column and what to change, the message focused, the field marked, nothing stored.
    await paste.focus()
    await page.keyboard.type('Veiligheidsregio;40')
    await page.keyboard.press('Enter')
    await page.keyboard.type('veiligheidsregio;12')
    await page.keyboard.press('Enter')
    await page.keyboard.type('Reclassering;veel')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    const status = page.locator('#status-import-partners')
    await expect
      .poll(() => status.textContent())
      .toBe(
        'Er is niets toegevoegd: 2 regels kloppen niet. Regel 2, naam: staat al op regel 1 (hetzelfde, op hoofdletters en spaties na); laat er één weg. Regel 3, aantal medewerkers (“veel”): moet een geheel getal zijn.',
      )
    await expect.poll(() => status.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await paste.getAttribute('aria-invalid')).toBe('true')
    expect(await violations(page), 'setup page with a refused paste').toEqual([])
    // Mending a line keeps the list of lines to mend in sight, until the next try.
    const said = await status.textContent()
    await paste.focus()
    await page.keyboard.press('End')
    await page.keyboard.press('Backspace')
    expect(await status.isVisible()).toBe(true)
    expect(await status.textContent()).toBe(said)
    await page.reload()
    expect(await page.locator('#partners tbody th').allTextContents()).toHaveLength(4)

    // The whole sheet again, as Excel copies it (tabs, a header, a quoted cell), one row more and one
    // number changed: the new row goes in, the others are skipped, and the changed number is named.
    await paste.focus()
    await page.keyboard.insertText(
      [
        'Naam\tMedewerkers',
        'Gemeente Zwolle\t1250\t30\t4',
        'GGD IJsselland\t80',
        'Politie Oost-Nederland',
        'UWV\t50',
        '"Reclassering ""Oost"", regio Zwolle"\t30',
      ].join('\r\n'),
    )
    await page.keyboard.press('Tab')
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
    expect(await page.locator('#partners tbody th').allTextContents()).toContain('Reclassering "Oost", regio Zwolle')
    expect(await page.getByLabel('Aantal medewerkers bij Gemeente Zwolle').inputValue()).toBe('1200')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(
        '1 partner toegevoegd; 4 stonden er al en zijn overgeslagen. Gemeente Zwolle: in de tabel 1200 medewerkers, in de plak 1250 — pas het aan in de tabel als de plak klopt.',
      )
    expect(await violations(page), 'setup page after a paste with skipped lines').toEqual([])
    await context.close()
  })
})
