import { readFileSync } from 'node:fs'
import jsQR from 'jsqr'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { addDays, dayOf } from '../../schema/format.ts'
import { questionsFor } from '../../worker/domain/instrument-rules.ts'
import { minutesFor } from '../../worker/pages/survey-page.tsx'
import { adminCookie, base, launch } from './browser.ts'
import { api, askNewLinks, instrument, K, makeChain, signedIn } from './links-fixture.ts'

/**
 * Getting links to people from the setup page: replacing some, taking them along (clipboard, CSV,
 * an A4 sheet per group with a QR code that really opens the link), words that never break inside,
 * and the participation of an open wave by the rule none yet / fewer than k / exact from k.
 */

let browser: Browser
beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

/** One line of CSV: the separator outside quotes separates, "" inside quotes is one quote. */
function csvLine(line: string, separator: ',' | ';' = ','): string[] {
  const cells: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!
    if (quoted && ch === '"' && line[i + 1] === '"') {
      cell += '"'
      i++
    } else if (ch === '"') quoted = !quoted
    else if (ch === separator && !quoted) {
      cells.push(cell)
      cell = ''
    } else cell += ch
  }
  return [...cells, cell]
}

const setup = (programmeId: string, waveId: string, lang: 'nl' | 'en') =>
  `${base()}/app/programmes/${programmeId}/setup?wave=${waveId}&lang=${lang}`

/** The QR code of the i-th printed sheet, drawn to pixels in the browser and decoded here. */
async function decodeSheetQr(page: Page, i: number): Promise<string | undefined> {
  const size = 400
  const pixels = await page.evaluate(
    async ({ i, size }) => {
      const svg = document.querySelectorAll('.link-sheets .sheet svg')[i]!
      const img = new Image()
      img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(svg))}`
      await img.decode()
      const canvas = document.createElement('canvas')
      canvas.width = canvas.height = size
      const ctx = canvas.getContext('2d')!
      ctx.fillStyle = '#fff'
      ctx.fillRect(0, 0, size, size)
      ctx.drawImage(img, 0, 0, size, size)
      return Array.from(ctx.getImageData(0, 0, size, size).data)
    },
    { i, size },
  )
  return jsQR(Uint8ClampedArray.from(pixels), size, size)?.data
}

describe('links to people', () => {
  it('a lead replaces the links of two groups, copies and downloads them, and prints an A4 sheet per group whose QR code opens the link', async () => {
    const chain = await makeChain()
    const [ggz, sud] = [chain.partners[0]!, chain.partners[1]!]
    const page = await signedIn(browser)
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() })
    const asked: string[] = []
    page.on('dialog', (d) => {
      asked.push(d.message())
      void d.accept()
    })
    await page.goto(setup(chain.programmeId, chain.waveId, 'nl'))

    await page.getByLabel('Kiezen: GGZ Centraal, medewerker').check()
    await page.getByLabel('Kiezen: Gemeente Súdwest-Fryslân, tactisch management').check()
    await page.getByRole('button', { name: 'Nieuwe links voor de gekozen groepen' }).click()
    const fields = page.locator('#new-links input.url-field')
    await expect.poll(() => fields.count()).toBe(2)
    expect(asked).toEqual([expect.stringMatching(/huidige links werken daarna niet meer/)])
    const urls = await fields.evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value))
    // The old links of the two groups stop working; the new ones and every other group's work.
    for (const old of [chain.links[ggz.id]!.medewerker, chain.links[sud.id]!.tactisch])
      expect((await fetch(old)).status).toBe(404)
    for (const url of urls) expect((await fetch(url)).status).toBe(200)
    expect((await fetch(chain.links[ggz.id]!.teammanager)).status).toBe(200)
    const rows = await page
      .locator('#new-links tbody tr')
      .evaluateAll((trs) =>
        (trs as HTMLTableRowElement[]).map((tr) => [
          tr.cells[0]!.textContent,
          tr.cells[1]!.textContent,
          (tr.querySelector('input') as HTMLInputElement).value,
        ]),
      )
    /** The Dutch invitation with `url` on a line of its own. */
    const invitation = (url: string) =>
      expect.stringMatching(new RegExp(`^Beste collega,\n[\\s\\S]*\n${url.replace(/[.?]/g, '\\$&')}\n`))

    // All of them at once on the clipboard, said in the page.
    await page.getByRole('button', { name: 'Alle links kopiëren' }).click()
    await page.locator('#status-new-links', { hasText: 'Alle 2 links staan op het klembord.' }).waitFor()
    const clip = await page.evaluate(() => navigator.clipboard.readText())
    for (const url of urls) expect(clip).toContain(url)

    // As CSV, made in the browser from what is shown: a header and one row per group; with commas,
    // and with semicolons for Dutch Excel (which opens a comma file as one column), the same cells.
    const downloaded = async (name: string, separator: ',' | ';') => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()])
      const text = readFileSync((await download.path())!, 'utf8')
      expect(text.startsWith('\ufeff')).toBe(true)
      return {
        file: download.suggestedFilename(),
        lines: text
          .slice(1)
          .trimEnd()
          .split('\r\n')
          .map((l) => csvLine(l, separator)),
      }
    }
    const comma = await downloaded('CSV (komma)', ',')
    const semicolon = await downloaded('CSV voor Nederlandse Excel (puntkomma)', ';')
    expect(comma.file).toMatch(/links-nulmeting-.+(?<!-excel-nl)\.csv$/)
    expect(semicolon.file).toMatch(/links-nulmeting-.+-excel-nl\.csv$/)
    // With each group's invitation beside its link, its line breaks inside the quotes: one file to
    // send them all from, where it took a click per link (a lead's review).
    for (const { lines } of [comma, semicolon]) {
      expect(lines[0]).toEqual(['Partner', 'Rol', 'Link', 'Uitnodiging'])
      expect(lines.slice(1)).toEqual(rows.map((r) => [...r, invitation(r[2]!)]))
    }
    // And every invitation at once on the clipboard, each under its group.
    await page.getByRole('button', { name: 'Alle uitnodigingen kopiëren' }).click()
    await page.locator('#status-new-links', { hasText: 'Alle 2 uitnodigingen staan op het klembord' }).waitFor()
    const invitations = await page.evaluate(() => navigator.clipboard.readText())
    for (const [partner, role] of rows) expect(invitations).toContain(`${partner}, ${role}\n\nBeste collega,\n`)
    expect(invitations.match(/Beste collega,/g)).toHaveLength(2)
    for (const url of urls) expect(invitations).toContain(`\n${url}\n`)
    const lines = comma.lines
    expect(
      lines
        .slice(1)
        .map((l) => l.slice(0, 2))
        .sort(),
    ).toEqual([
      // The role as its cell in the table shows it: the label, capitalised, never a code's look.
      ['GGZ Centraal', 'Medewerker'],
      ['Gemeente Súdwest-Fryslân', 'Tactisch management'],
    ])

    // Printed: one A4 sheet per group and nothing else, nothing overflowing, each QR code the group's link.
    await page.evaluate(() => {
      window.print = () => {}
    })
    await page.getByRole('button', { name: 'Afdrukken: één A4 per groep' }).click()
    await page.emulateMedia({ media: 'print' })
    // A4 less the 15 mm margins, at 96 px per inch: 180 × 267 mm.
    await page.setViewportSize({ width: 680, height: 1009 })
    const sheets = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.link-sheets .sheet')].map((s) => {
        const box = s.getBoundingClientRect()
        const inside = [...s.querySelectorAll('*')].every((el) => {
          const r = el.getBoundingClientRect()
          return r.left >= box.left - 1 && r.right <= box.right + 1
        })
        return { text: s.innerText, height: s.scrollHeight, wide: s.scrollWidth > s.clientWidth + 1, inside }
      }),
    )
    expect(sheets).toHaveLength(2)
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('main')!).display)).toBe('none')
    for (const [i, sheet] of sheets.entries()) {
      const [partner, role, url] = rows[i]!
      expect(sheet.wide).toBe(false)
      expect(sheet.inside).toBe(true)
      expect(sheet.height).toBeLessThanOrEqual(1009)
      expect(sheet.text).toContain(`${partner} · ${role}`)
      expect(sheet.text).toContain('Nulmeting ketensamenwerking')
      expect(sheet.text).toMatch(/Open tot en met \d{1,2} [a-z]+ \d{4}/)
      expect(sheet.text).toContain(url)
      // The invitation says what this role's questions really take.
      const roleKey = role === 'Medewerker' ? 'medewerker' : 'tactisch'
      expect(sheet.text).toContain(`ongeveer ${minutesFor(questionsFor(instrument, roleKey).length)} minuten`)
      expect(sheet.text).not.toContain('tien minuten')
      expect(await decodeSheetQr(page, i)).toBe(url)
    }
    // On paper: exactly one page per group.
    const pdf = (await page.pdf({ preferCSSPageSize: true })).toString('latin1')
    expect(pdf.match(/\/Type\s*\/Page(?![a-z])/g)).toHaveLength(2)
    await page.context().close()
  })

  it('breaks no word inside (names, roles, addresses) in the link tables, the people list and partner names, at 390 and 1366 px', async () => {
    const chain = await makeChain([{ medewerker: K }])
    for (const lang of ['nl', 'en'] as const) {
      for (const width of [390, 1366]) {
        const page = await signedIn(browser, { locale: lang === 'nl' ? 'nl-NL' : 'en-GB', width, height: 900 })
        page.on('dialog', (d) => void d.accept())
        await page.goto(setup(chain.programmeId, chain.waveId, lang))
        await askNewLinks(page, lang)
        await expect.poll(() => page.locator('#new-links input.url-field').count()).toBe(9)
        // A QR code open in a row made the breaks worse.
        await page.locator('#new-links button[aria-expanded]').first().click()
        const broken = await page.evaluate(
          (selectors) => {
            const out: string[] = []
            const range = document.createRange()
            for (const sel of selectors) {
              for (const root of document.querySelectorAll(sel)) {
                const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT)
                for (let n = walker.nextNode(); n; n = walker.nextNode()) {
                  const el = n.parentElement
                  if (!el || el.closest('.visually-hidden') || el.getClientRects().length === 0) continue
                  // A word: letters between spaces; a break after a hyphen is where the word allows one.
                  for (const m of (n.textContent ?? '').matchAll(/[^\s-]+-?/g)) {
                    range.setStart(n, m.index)
                    range.setEnd(n, m.index + m[0].length)
                    const lines = new Set(
                      [...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)),
                    )
                    if (lines.size > 1) out.push(`${sel}: "${m[0]}"`)
                  }
                }
              }
            }
            return out
          },
          [
            '#new-links table',
            '#links-made',
            '#people-table',
            '#partners-table',
            '#setup-participation',
            '#waves table',
          ],
        )
        expect(broken, `${lang} at ${width} px`).toEqual([])
        await page.context().close()
      }
    }
  })
})

describe('each new link on its own at 1366 px', () => {
  it('fits its column with a QR code open: buttons under the address, the code and its download in view, nothing scrolling sideways', async () => {
    const chain = await makeChain()
    for (const lang of ['nl', 'en'] as const) {
      const page = await signedIn(browser, { locale: lang === 'nl' ? 'nl-NL' : 'en-GB', width: 1366, height: 900 })
      page.on('dialog', (d) => void d.accept())
      await page.goto(setup(chain.programmeId, chain.waveId, lang))
      await askNewLinks(page, lang)
      await expect.poll(() => page.locator('#new-links input.url-field').count()).toBe(9)
      const qr = page.locator('#new-links button[aria-expanded]').first()
      await qr.click()
      await page.locator('#new-links figure svg').first().waitFor()
      const fit = await page.evaluate(() => {
        const scroll = document.querySelector<HTMLElement>('#new-links .table-scroll')!
        const box = scroll.getBoundingClientRect()
        const out = (el: Element) => {
          const r = el.getBoundingClientRect()
          return r.width > 0 && (r.left < box.left - 1 || r.right > box.right + 1)
        }
        const row = document.querySelector('#new-links tbody tr')!
        return {
          sideways: scroll.scrollWidth - scroll.clientWidth,
          page: document.documentElement.scrollWidth - innerWidth,
          cut: [...row.querySelectorAll('button, input, svg, a')].filter(out).map((el) => el.outerHTML.slice(0, 60)),
          scrolled: scroll.scrollLeft,
        }
      })
      expect(fit, lang).toEqual({ sideways: 0, page: 0, cut: [], scrolled: 0 })
      // The whole address is in its field to select and copy, however the cell cuts it.
      const field = page.locator('#new-links input.url-field').first()
      expect(await field.inputValue()).toMatch(/^http:\/\/[^/]+\/s\/[A-Za-z0-9_-]+$/)
      await page.context().close()
    }
  })
})

describe('links made where there were none', () => {
  it('draws the participation again at once, without the "no link" the links just made contradict, and says the groups below k once', async () => {
    const cookie = await adminCookie()
    const { id: programmeId } = await api<{ id: string }>(cookie, 'POST', '/api/programmes', {
      name: `Keten ${crypto.randomUUID().slice(0, 8)}`,
    })
    for (const name of ['GGZ Centraal', 'Gemeente Súdwest-Fryslân'])
      await api(cookie, 'POST', `/api/programmes/${programmeId}/partners`, {
        name,
        // Two tactical managers: fewer than k, so no link for them in the set for every group.
        headcounts: { medewerker: 40, teammanager: 8, tactisch: 2 },
      })
    const { id: waveId } = await api<{ id: string }>(cookie, 'POST', `/api/programmes/${programmeId}/waves`, {
      label: 'Nulmeting',
      instrument: instrument.id,
      instrumentVersion: instrument.version,
      opensAt: new Date(Date.now() - 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
    })
    const page = await signedIn(browser)
    await page.goto(setup(programmeId, waveId, 'nl'))
    const cells = () => page.locator('#setup-participation tbody td').allTextContents()
    expect(await cells()).toEqual(Array(6).fill('geen link'))
    expect(await page.locator('#reminders .reminder').count()).toBe(0)

    await page.getByRole('button', { name: 'Links maken voor elke partner en rol' }).click()
    await expect.poll(() => page.locator('#new-links input.url-field').count()).toBe(4)
    // The groups that got a link have none yet; the two below k still have none, as the page said.
    await expect.poll(cells).toEqual(['nog geen', 'nog geen', 'geen link', 'nog geen', 'nog geen', 'geen link'])
    await expect.poll(() => page.locator('#reminders .reminder').count()).toBe(2)
    // A reminder drawn again copies, as one drawn with the page.
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base() })
    await page.getByRole('button', { name: 'Herinnering kopiëren: GGZ Centraal' }).click()
    await expect
      .poll(() => page.evaluate(() => navigator.clipboard.readText()))
      .toContain("Beste collega's van GGZ Centraal")
    // The links shown once are still there: only the participation was drawn again.
    expect(await page.locator('#new-links input.url-field').count()).toBe(4)
    // Said once, beside the links: the outcome note does not say it again.
    const said = await page.locator('main').innerText()
    expect(said.match(/2 groepen hebben minder dan 5 mensen/g)).toHaveLength(1)
    expect(said).not.toContain('kregen geen link')
    await page.context().close()
  })
})

describe('participation while open', () => {
  it('shows groups at 0, k − 1 and k answers as none yet, fewer than k and k, with the days left and a reminder per partner', async () => {
    const chain = await makeChain([{ medewerker: 0 }, { medewerker: K - 1 }, { medewerker: K }])
    const page = await signedIn(browser)
    await page.goto(setup(chain.programmeId, chain.waveId, 'nl'))
    const staff = (i: number) =>
      page.locator('#setup-participation tbody tr').nth(i).locator('td[data-role="medewerker"]').textContent()
    const order = await page.locator('#setup-participation tbody th').allTextContents()
    const row = (name: string) => order.indexOf(name)
    expect(await staff(row('GGZ Centraal'))).toBe('nog geen')
    expect(await staff(row('Gemeente Súdwest-Fryslân'))).toBe(`minder dan ${K}`)
    expect(await staff(row('Veiligheidsregio Hollands Midden'))).toMatch(
      new RegExp(`^${K} antwoorden \\(1[23]\\s?% van 40\\)$`),
    )
    expect(await page.locator('#days-left').textContent()).toMatch(
      /^Nog 15 dagen open, tot en met \d{1,2} [a-z]+ \d{4}\.$/,
    )
    const reminder = await page.getByLabel('Herinnering voor Gemeente Súdwest-Fryslân').inputValue()
    expect(reminder).toContain("Beste collega's van Gemeente Súdwest-Fryslân")
    expect(reminder).toContain(`medewerker: minder dan ${K} antwoorden`)
    expect(reminder).toContain('teammanager: nog geen antwoorden')
    expect(await page.getByLabel('Herinnering voor Veiligheidsregio Hollands Midden').inputValue()).toMatch(
      new RegExp(`medewerker: ${K} antwoorden`),
    )

    await page.goto(setup(chain.programmeId, chain.waveId, 'en'))
    expect(await staff(row('GGZ Centraal'))).toBe('none yet')
    expect(await staff(row('Gemeente Súdwest-Fryslân'))).toBe(`fewer than ${K}`)
    expect(await staff(row('Veiligheidsregio Hollands Midden'))).toMatch(
      new RegExp(`^${K} answers \\(1[23]\\s?% of 40\\)$`),
    )
    expect(await page.getByLabel('Reminder for GGZ Centraal').inputValue()).toContain('staff member: no answers yet')
    await page.context().close()
  })
})

describe('safe edits', () => {
  it('asks before closing an open wave early, then lists its links as closed; removes a partner without answers; clears a form message when its field changes', async () => {
    const chain = await makeChain([{ medewerker: 1 }])
    // Added after the wave's links were made: it has none.
    await api(chain.cookie, 'POST', `/api/programmes/${chain.programmeId}/partners`, {
      name: 'Stichting Tijdelijk',
      headcount: 3,
    })
    const page = await signedIn(browser)
    const asked: string[] = []
    let answer = false
    page.on('dialog', (d) => {
      asked.push(d.message())
      void (answer ? d.accept() : d.dismiss())
    })
    await page.goto(setup(chain.programmeId, chain.waveId, 'nl'))

    // A form message goes once the field it was about changes.
    const form = page.locator(`#partners form[data-api$="/partners/${chain.partners[0]!.id}"]`)
    // A partner's form is folded in its row, opened by "Wijzigen".
    await page.locator('#partners summary', { hasText: 'GGZ Centraal' }).click()
    await form.getByLabel('Naam van GGZ Centraal').fill('Gemeente Súdwest-Fryslân')
    await form.getByRole('button').click()
    const status = page.locator(`#status-partner-${chain.partners[0]!.id}`)
    await status.waitFor()
    await form.getByLabel('Naam van GGZ Centraal').fill('GGZ Centraal')
    await expect.poll(() => status.isHidden()).toBe(true)

    // A partner nobody answered for goes, after a question; one with answers stays, saying why.
    answer = true
    await page.locator('#partners summary', { hasText: 'Stichting Tijdelijk' }).click()
    await Promise.all([
      page.waitForEvent('load'),
      page.getByRole('button', { name: 'Partner verwijderen: Stichting Tijdelijk' }).click(),
    ])
    expect(asked.at(-1)).toMatch(/"Stichting Tijdelijk" verwijderen/)
    // In alphabetical order, case aside (sortedByName in schema/format.ts): 'Ge' before 'GG'.
    expect(await page.locator('#partners tbody th').allTextContents()).toEqual([
      'Gemeente Súdwest-Fryslân',
      'GGZ Centraal',
      'Veiligheidsregio Hollands Midden',
    ])
    await page.locator('#partners summary', { hasText: 'GGZ Centraal' }).click()
    await page.getByRole('button', { name: 'Partner verwijderen: GGZ Centraal' }).click()
    await page
      .locator(`#status-remove-partner-${chain.partners[0]!.id}`, { hasText: 'heeft antwoorden in een ronde' })
      .waitFor()

    // Closing early by its dates: asked first, and saying it is final; "no" changes nothing.
    const yesterday = addDays(dayOf(new Date()), -1)
    const row = page.locator('#waves tbody tr', { hasText: 'Nulmeting ketensamenwerking' })
    await row.getByText('Data wijzigen').click()
    await row.getByLabel('Open tot en met').fill(yesterday)
    answer = false
    const before = asked.length
    await row.getByRole('button', { name: 'Opslaan' }).click()
    await expect.poll(() => asked.length).toBe(before + 1)
    expect(asked.at(-1)).toMatch(/Dat is definitief/)
    expect(await row.locator('td').nth(1).textContent()).toContain('open')
    answer = true
    await Promise.all([page.waitForEvent('load'), row.getByRole('button', { name: 'Opslaan' }).click()])
    const states = await page.locator('#links-made tbody tr td:nth-child(3)').allTextContents()
    expect(states.length).toBeGreaterThan(0)
    for (const s of states) expect(s).toBe('gesloten: neemt geen antwoorden meer aan')
    expect(await page.getByRole('button', { name: 'Links maken voor elke partner en rol' }).count()).toBe(0)
    await page.context().close()
  })

  it('closes an open wave now by its own button and keyboard, after a question saying what that means; the closed wave then offers no dates but its results', async () => {
    const chain = await makeChain([{ medewerker: 1 }])
    const page = await signedIn(browser)
    const asked: string[] = []
    let answer = false
    page.on('dialog', (d) => {
      asked.push(d.message())
      void (answer ? d.accept() : d.dismiss())
    })
    await page.goto(setup(chain.programmeId, chain.waveId, 'nl'))
    const row = page.locator('#waves tbody tr', { hasText: 'Nulmeting ketensamenwerking' })
    const close = row.getByRole('button', { name: 'Ronde nu sluiten: Nulmeting ketensamenwerking' })
    await close.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => asked.length).toBe(1)
    expect(asked[0]).toMatch(
      /"Nulmeting ketensamenwerking" nu sluiten\?.*geen antwoorden meer aan.*resultaten worden op het dashboard gepubliceerd.*definitief/s,
    )
    // "No" changes nothing.
    expect(await row.locator('td').nth(1).textContent()).toBe('open')
    answer = true
    await Promise.all([page.waitForEvent('load'), close.press('Enter')])
    expect(await row.locator('td').nth(1).textContent()).toBe('gesloten')
    expect(await row.getByText('Data wijzigen').count()).toBe(0)
    expect(await row.getByRole('button').count()).toBe(0)
    await row.getByText('Gesloten: de ronde neemt geen antwoorden meer aan').waitFor()
    const results = row.getByRole('link', { name: 'Resultaten van Nulmeting ketensamenwerking op het dashboard' })
    expect(await results.getAttribute('href')).toBe(`/app/programmes/${chain.programmeId}?wave=${chain.waveId}&lang=nl`)
    // Said where the reader was: the waves' status.
    await page.locator('#status-waves', { hasText: 'Opgeslagen' }).waitFor()
    // Its links no longer take answers.
    const states = await page.locator('#links-made tbody tr td:nth-child(3)').allTextContents()
    expect(states.length).toBeGreaterThan(0)
    for (const state of states) expect(state).toBe('gesloten: neemt geen antwoorden meer aan')
    await page.context().close()
  })
})
