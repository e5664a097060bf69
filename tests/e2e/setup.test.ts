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
    await lead.locator('#partners summary', { hasText: 'UWV Noord' }).click()
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
    // The keyboard is at the reason, not at the page's top (the button was disabled while it asked).
    await expect.poll(() => lead.evaluate(() => document.activeElement?.id)).toBe('status-add-wave')

    await lead.getByRole('button', { name: 'Links maken voor elke partner en rol' }).click()
    const urls = lead.locator('#new-links input.url-field')
    // Two tactical managers per partner are fewer than k = 5: those two groups get no link, and the
    // page says so once, beside the links' actions, not again in a note under it (a lead's review).
    await expect.poll(() => urls.count()).toBe(4)
    expect(await lead.locator('#below-k strong').textContent()).toBe('2 groepen hebben minder dan 5 mensen.')
    expect(await lead.locator('#status-links').isHidden()).toBe(true)
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
    expect(await lead.locator('#links table').last().locator('tbody tr').count()).toBe(4)
    expect(await lead.content()).not.toContain(new URL(link).pathname.split('/').pop()!)
    await leadContext.close()
  })
})

describe('a lead with many partners pastes them at once', () => {
  it('adds three pasted lines by keyboard alone, names the failing line of a bad paste, adding nothing, skips the lines there already, and takes their pasted headcounts at one key', async () => {
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
    // Only blank lines: the API's own words, not a schema's 'missing (expected: text)'.
    await paste.fill('   \n\t\n')
    await page.getByRole('button', { name: 'Partners toevoegen' }).click()
    await expect
      .poll(() => status.textContent())
      .toBe('Er staat geen partner in de tekst. Plak één partner per regel: de naam, dan het aantal medewerkers.')
    await page.reload()

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
        '1 partner toegevoegd; 4 stonden er al en zijn overgeslagen. Gemeente Zwolle: in de tabel 1200 medewerkers, in de plak 1250. Klopt de plak, neem de aantallen dan over met de knop hieronder, of pas ze aan in de tabel.',
      )
    expect(await violations(page), 'setup page after a paste with skipped lines').toEqual([])

    // The paste is still in the field, and the next key after the message is the button that takes
    // its numbers: one key writes Gemeente Zwolle's 1250, said where the keyboard is after the reload.
    const sheet = await paste.inputValue()
    expect(sheet).toContain('Gemeente Zwolle\t1250\t30\t4')
    await page.keyboard.press('Tab')
    const take = page.locator('#take-pasted-headcounts')
    await expect.poll(() => take.evaluate((el) => el === document.activeElement)).toBe(true)
    expect(await take.textContent()).toBe('Aantallen uit de plak overnemen (1 partner)')
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
    expect(await page.getByLabel('Aantal medewerkers bij Gemeente Zwolle').inputValue()).toBe('1250')
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.textContent))
      .toBe(
        '1 aantal bijgewerkt; 4 stonden er al en zijn overgeslagen. Gemeente Zwolle: medewerkers van 1200 naar 1250.',
      )
    // Nothing left to take: the field is empty again and the button gone.
    expect(await paste.inputValue()).toBe('')
    expect(await take.isVisible()).toBe(false)
    expect(await violations(page), 'setup page after the pasted headcounts were taken').toEqual([])

    // A changed text is another paste: the button counted the one before, so it goes.
    await paste.focus()
    await page.keyboard.insertText('Gemeente Zwolle\t1300')
    await page.keyboard.press('Tab')
    await Promise.all([page.waitForEvent('load'), page.keyboard.press('Enter')])
    expect(await take.isVisible()).toBe(true)
    await paste.focus()
    await page.keyboard.press('End')
    await page.keyboard.type('0')
    expect(await take.isVisible()).toBe(false)
    expect(await page.getByLabel('Aantal medewerkers bij Gemeente Zwolle').inputValue()).toBe('1250')
    await context.close()
  })
})

describe('a lead with 40 partners', () => {
  it('finds a partner by typing, by keyboard, with the count said; is told the groups below k once, whose links are left out unless chosen; and the page stays short, in both languages and without JavaScript', async () => {
    const cookie = await adminCookie()
    const api = <T>(path: string, body: unknown) => apiCall<T>(cookie, path, body)
    const { id } = await api<{ id: string }>('/api/programmes', { name: `Veertig ${crypto.randomUUID().slice(0, 6)}` })
    // 14 partners with 3 team managers and 13 with 2 tactical managers: 27 groups below k = 5.
    for (let i = 0; i < 40; i++)
      await api(`/api/programmes/${id}/partners`, {
        name: `Gemeente ${String(i + 1).padStart(2, '0')} Zuid-Oost`,
        headcount: 30,
        headcounts: { teammanager: i % 3 === 0 ? 3 : 8, tactisch: i % 3 === 1 ? 2 : 6 },
      })
    await api(`/api/programmes/${id}/waves`, {
      label: 'Nulmeting',
      instrument: 'coachende-manager',
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 14 * 86_400_000).toISOString(),
    })
    const url = (lang: string) => `${base()}/app/programmes/${id}/setup?lang=${lang}`
    const open = async (opts: { width?: number; lang?: 'nl' | 'en'; javaScript?: boolean } = {}) => {
      const context = await browser.newContext({
        locale: opts.lang === 'en' ? 'en-GB' : 'nl-NL',
        bypassCSP: true,
        viewport: { width: opts.width ?? 1366, height: 900 },
        javaScriptEnabled: opts.javaScript ?? true,
      })
      await context.addCookies([
        { name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() },
      ])
      const page = await context.newPage()
      page.on('dialog', (d) => void d.accept())
      await page.goto(url(opts.lang ?? 'nl'))
      return page
    }
    const height = (page: Page) => page.evaluate(() => document.documentElement.scrollHeight)
    // Measured before the filter and the folds: 32,715 px at 1366 and 52,493 px at 390 (no links made yet).
    const phone = await open({ width: 390 })
    expect(await height(phone)).toBeLessThan(30_000)
    // A partner's row at 390 px: its name with the fold beside it, then its three numbers, each named.
    // As blocks, each cell with its own padding and line, a row was 157–194 px and the 40 6,800 px;
    // now about 80–105 px and 3,550 px.
    const phoneRows = await phone.$$eval('#partners-table tbody tr', (rs) =>
      rs.map((r) => r.getBoundingClientRect().height),
    )
    expect(phoneRows).toHaveLength(40)
    expect(Math.max(...phoneRows)).toBeLessThanOrEqual(120)
    expect(await phone.$eval('#partners-table', (t) => t.getBoundingClientRect().height)).toBeLessThan(4_500)
    // Without losing a label: every number beside its role's name, on screen.
    const counts = await phone.$$eval('#partners-table tbody td.count', (tds) =>
      tds.map((td) => ({
        text: td.textContent ?? '',
        label: td.querySelector('.cell-label')?.getBoundingClientRect().width ?? 0,
      })),
    )
    expect(counts).toHaveLength(40 * 3)
    for (const c of counts) {
      expect(c.text).toMatch(/^(Medewerker|Teammanager|Tactisch management): \d+/)
      expect(c.label, c.text).toBeGreaterThan(0)
    }
    // The fold opens across the row, under the numbers, each field found by its label, within the phone's width.
    await phone.locator('#partners-table tbody tr').nth(1).locator('summary').click()
    const field = phone.getByLabel('Aantal medewerkers bij Gemeente 02 Zuid-Oost')
    expect(await field.inputValue()).toBe('30')
    const fieldBox = (await field.boundingBox())!
    expect(fieldBox.x + fieldBox.width).toBeLessThanOrEqual(390)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    expect(await violations(phone), 'setup page at 390 px, a fold open').toEqual([])
    await phone.screenshot({ path: `${artefactDir()}/setup-partners-390.png` })
    await phone.context().close()

    const page = await open()
    expect(await height(page)).toBeLessThan(15_000)
    const rows = page.locator('#partners-table tbody tr')
    expect(await rows.count()).toBe(40)
    // By keyboard alone: the field is a labelled text field, each key filters.
    const filter = page.getByLabel('Partner zoeken', { exact: true })
    await filter.focus()
    await page.keyboard.type('gemeente 07')
    const status = page.locator('#filter-partners-count')
    await expect.poll(() => status.textContent()).toBe('1 van 40 partners')
    expect(await status.getAttribute('role')).toBe('status')
    expect(await status.getAttribute('aria-live')).toBe('polite')
    expect(await page.locator('#partners-table tbody tr:visible th').allTextContents()).toEqual([
      'Gemeente 07 Zuid-Oost',
    ])
    await page.keyboard.press('Backspace')
    await page.keyboard.press('Backspace')
    await page.keyboard.type('xyz')
    await expect.poll(() => status.textContent()).toBe('Geen van de 40 partners past bij “gemeente xyz”.')
    // Every word typed counts: "1" is in 01, 10–19, 21 and 31.
    await filter.fill('zuid 1')
    await expect.poll(() => status.textContent()).toBe('13 van 40 partners')
    expect(await violations(page), 'setup page, filter in use (nl)').toEqual([])

    // The groups below k, once, beside the links' actions; none of the scattered warnings.
    const summary = page.locator('#below-k')
    expect(await summary.locator('strong').textContent()).toBe('27 groepen hebben minder dan 5 mensen.')
    expect(await summary.textContent()).toContain('tellen niet mee in het programma als geheel')
    // No links yet: nothing for the links' filter to find, so it is not there ('0 van 0 partners').
    const linksFilter = page.getByLabel('Links van een partner zoeken')
    expect(await linksFilter.isVisible()).toBe(false)
    await page.getByRole('button', { name: 'Links maken voor elke partner en rol' }).click()
    const urls = page.locator('#new-links input.url-field')
    // Up to 10 s, not expect.poll's 1 s: 93 links written took longer at a load of 12 on this machine's two cores.
    await expect.poll(() => urls.count(), { timeout: 10_000 }).toBe(93)
    expect(await linksFilter.isVisible()).toBe(true)
    // Said once, in the summary above: the outcome note said it again under it (a lead's review).
    expect(await page.locator('#status-links').isHidden()).toBe(true)
    expect(await page.locator('main').innerText()).not.toContain('kregen geen link')
    // 93 links, each on its own folded: the copy, the CSV and the sheets hold them all.
    expect(await page.locator('#new-links-each').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    // A lead who asks a small group anyway chooses it.
    await summary.getByText('Welke groepen').click()
    await page.getByRole('button', { name: 'Toch een link maken: Gemeente 04 Zuid-Oost, teammanager' }).click()
    await expect.poll(() => urls.count(), { timeout: 10_000 }).toBe(94)
    // The links' filter opens the folded list and keeps one partner's rows.
    await page.getByLabel('Links van een partner zoeken').fill('04')
    await expect.poll(() => page.locator('#filter-links-count').textContent()).toBe('1 van 40 partners')
    expect(await page.locator('#new-links-each').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
    expect(await page.locator('#new-links tbody tr:visible').count()).toBe(3)
    expect(await violations(page), 'new links, filter in use (nl)').toEqual([])
    expect(await height(page)).toBeLessThan(16_000)
    await page.context().close()

    // In English, after the links were made: the table of this wave's links is folded, the filter finds and opens it.
    const en = await open({ lang: 'en' })
    expect(await en.locator('#below-k strong').textContent()).toBe('27 groups have fewer than 5 people.')
    expect(await en.locator('#links-made-fold').evaluate((d) => (d as HTMLDetailsElement).open)).toBe(false)
    await en.getByLabel("Find a partner's links").fill('gemeente 04')
    await expect.poll(() => en.locator('#filter-links-count').textContent()).toBe('1 of 40 partners')
    expect(await en.locator('#links-made tbody tr:visible').count()).toBe(3)
    await en.getByLabel('Find a partner', { exact: true }).fill('21')
    await expect.poll(() => en.locator('#filter-partners-count').textContent()).toBe('1 of 40 partners')
    expect(await violations(en), 'setup page, filters in use (en)').toEqual([])
    expect(await violations(en, { bestPractice: true }), 'best practice: one name per landmark').toEqual([])
    await en.context().close()

    // Without JavaScript there is no filter to type in, and every partner stays listed.
    const plain = await open({ javaScript: false })
    expect(await plain.locator('.partner-filter').first().isHidden()).toBe(true)
    expect(await plain.locator('#partners-table tbody tr:visible').count()).toBe(40)
    await plain.context().close()
  }, 180_000)
})
