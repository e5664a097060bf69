import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { artefactDir, base, launch, violations } from './browser.ts'
import { imageCount, pageOf, pageTexts } from './pdf-text.ts'
import { seedWide } from './wide-programme.ts'

/**
 * The partner report and agreed actions in Chromium: an action recorded through the
 * report's form after one wave shows beside its dimension's change in the next wave, the report
 * fits an A4 page when printed, and axe finds nothing on the report or the form in either language.
 */

let browser: Browser
let page: Page

type Wave = { id: string; label: string; state: string; opensAt: string }
type Cell = { suppressed: boolean; scores: Record<string, { mean: number } | null> | null }
type Trend = {
  waves: {
    wave: { id: string }
    scores: Record<string, { mean: number } | null> | null
    change: Record<string, { diff: number; significant: boolean } | null> | null
  }[]
}

const pid = () => inject('demo').programmeId
const api = <T>(p: Page, path: string) => p.evaluate(async (url) => (await fetch(url)).json(), path) as Promise<T>
/** 180 mm, A4's 210 mm less the report's 15 mm margins, at the CSS 96 px per inch. */
const PRINTABLE_PX = Math.floor((180 / 25.4) * 96)
/**
 * The demo's partner report (ten dimensions, two closed waves, question detail of two weakest
 * dimensions, an action) at A4: at most this many pages, in both languages. The Dutch one printed
 * on six while the gap table's "Teammanagers" and "Medewerkers" held their columns wide and its
 * verdicts took four lines each (a lead's review).
 */
const REPORT_MAX_PAGES = 5

let w1: Wave
let w2: Wave
let partner: { id: string; name: string }
let dimension: string

beforeAll(async () => {
  browser = await launch()
  page = await (
    await browser.newContext({ locale: 'nl-NL', bypassCSP: true, viewport: { width: 1280, height: 900 } })
  ).newPage()
  const admin = inject('admin')
  await page.goto(`${base()}/app/login`)
  await page.getByLabel('E-mailadres').fill(admin.email)
  await page.getByLabel('Wachtwoord').fill(admin.password)
  await Promise.all([page.waitForURL(/\/app\/programmes$/), page.getByRole('button', { name: 'Inloggen' }).click()])
  // The two closed waves of the demo, and a partner and dimension shown in both with a change between them.
  const programme = await api<{ waves: Wave[] }>(page, `/api/programmes/${pid()}`)
  ;[w1, w2] = programme.waves
    .filter((w) => w.state === 'closed')
    .sort((a, b) => a.opensAt.localeCompare(b.opensAt)) as [Wave, Wave]
  const dash = await api<{ partners: (Cell & { id: string; name: string })[] }>(
    page,
    `/api/programmes/${pid()}/dashboard?wave=${w2.id}&role=medewerker`,
  )
  for (const p of dash.partners.filter((x) => !x.suppressed)) {
    const trend = await api<Trend>(page, `/api/programmes/${pid()}/trend?partner=${p.id}&role=medewerker`)
    const change = trend.waves.find((w) => w.wave.id === w2.id)?.change
    const key = Object.keys(change ?? {}).find((k) => change?.[k])
    if (key) {
      partner = { id: p.id, name: p.name }
      dimension = key
      break
    }
  }
  expect(partner, 'a demo partner with a change between the closed waves').toBeTruthy()
})
afterAll(async () => {
  await browser?.close()
})

const reportPath = (wave: Wave, lang = 'nl') =>
  `/app/programmes/${pid()}/partners/${partner.id}/report?wave=${wave.id}&lang=${lang}`

describe('partner report and agreed actions', () => {
  it('records an action through the form, with no axe violations on the report or the form in either language', async () => {
    await page.goto(`${base()}${reportPath(w1)}`)
    await page.locator('#report-scores').waitFor()
    expect(await violations(page, { bestPractice: true }), 'report nl').toEqual([])
    await page.locator('#action-add summary').click()
    expect(await violations(page), 'action form nl').toEqual([])
    await page.getByLabel('Na de ronde').selectOption(w1.id)
    await page.locator('#action-dimension').selectOption(dimension)
    await page.getByLabel('Wat spreken we af?').fill('Maandelijks ketenoverleg met de teammanagers')
    await page.getByLabel('Wie doet het?').fill('teammanager Werk')
    await page.getByLabel('Klaar op').first().fill('2026-06-30')
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Vastleggen' }).click()])
    await page.locator('#actions-list', { hasText: 'Maandelijks ketenoverleg met de teammanagers' }).waitFor()
    expect(await page.locator('#status-add-action').textContent()).toBe('Opgeslagen.')
    // Focus returns to the form's status, not the page's top.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('status-add-action')

    await page.goto(`${base()}${reportPath(w1, 'en')}`)
    await page.locator('#action-add summary').click()
    await page.locator('#actions-list details summary').first().click()
    expect(await violations(page, { bestPractice: true }), 'report and forms en').toEqual([])
  })

  it('shows the action in the next wave beside the change of its dimension', async () => {
    const trend = await api<Trend>(page, `/api/programmes/${pid()}/trend?partner=${partner.id}&role=medewerker`)
    const change = trend.waves.find((w) => w.wave.id === w2.id)!.change![dimension]!
    // The difference of the two means as the trend table shows them, so a reader can check it by hand.
    const shown = (w: Wave, d = dimension) =>
      Math.round(trend.waves.find((x) => x.wave.id === w.id)!.scores![d]!.mean * 10)
    const signedTenths = (tenths: number) =>
      `${tenths > 0 ? '+' : tenths < 0 ? '−' : '±'}${new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(tenths) / 10)}`
    const diff = signedTenths(shown(w2) - shown(w1))
    // The partner's other dimensions over the same waves, where the trend compares them: by hand too.
    const changes = trend.waves.find((w) => w.wave.id === w2.id)!.change!
    const others = Object.keys(changes)
      .filter((d) => d !== dimension && changes[d])
      .map((d) => shown(w2, d) - shown(w1, d))
    const [low, high] = [Math.min(...others), Math.max(...others)]
    expect(others.length).toBeGreaterThan(0)
    const besides =
      low === high
        ? `De andere dimensies veranderden in dezelfde tijd ${signedTenths(low)}.`
        : `De andere dimensies veranderden in dezelfde tijd ${signedTenths(low)} tot ${signedTenths(high)}.`
    // Where the dimension moved no further than the others, said so (worker/pages/actions-section.tsx `outcomeText`).
    const mine = shown(w2) - shown(w1)
    const within =
      mine >= low && mine <= high
        ? ' Andere dimensies veranderden even veel of meer, dus deze verandering alleen laat niet zien dat de afspraak werkte.'
        : ''
    const expected = `Verbeterafspraak in ${w1.label} → ${w2.label}: ${diff}, ${!change.significant ? 'geen duidelijk verschil' : mine > 0 ? 'duidelijk hoger' : 'duidelijk lager'}. ${besides}${within}`
    await page.goto(`${base()}${reportPath(w2)}`)
    expect(await page.locator('#actions-list .action-outcome').first().textContent()).toBe(expected)
    await page.screenshot({ path: `${artefactDir()}/report.png`, fullPage: true })
    await page.goto(`${base()}/app/programmes/${pid()}?wave=${w2.id}&trend=${partner.id}&lang=nl`)
    // Beside its dimension's row of the trend, not under the table.
    expect(await page.locator(`#trend-row-${dimension} .trend-action`).first().textContent()).toContain(expected)
    expect(await violations(page), 'results page with actions').toEqual([])
  })

  it('fits the printable width of an A4 page when printed, in both languages', async () => {
    // The reader's computer in a zone whose day is not Amsterdam's now (one of the two always is
    // not: 13 hours ahead, 12 behind): the report still names the Dutch day.
    const dayIn = (timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date())
    const elsewhere = ['Pacific/Kiritimati', 'Pacific/Pago_Pago'].find((z) => dayIn(z) !== dayIn('Europe/Amsterdam'))!
    const print = await (
      await browser.newContext({
        locale: 'nl-NL',
        timezoneId: elsewhere,
        viewport: { width: PRINTABLE_PX, height: 1100 },
        storageState: await page.context().storageState(),
      })
    ).newPage()
    for (const lang of ['nl', 'en']) {
      await print.goto(`${base()}${reportPath(w2, lang)}`)
      await print.emulateMedia({ media: 'print' })
      // The question detail of the weakest dimensions is part of what must fit.
      expect(await print.locator('#report-questions table.questions').count(), lang).toBeGreaterThan(0)
      // The intro speaks of this one partner's own answers, not of "the programme as the sum of the partners".
      const intro = (await print.locator('#report-questions-intro').textContent()) ?? ''
      expect(intro, lang).toContain(partner.name)
      expect(intro, lang).not.toMatch(/som van de getoonde partners|sum of the partners/)
      const wide = await print.evaluate((max) => {
        const out: string[] = []
        if (document.documentElement.scrollWidth > max) out.push(`page ${document.documentElement.scrollWidth}px`)
        for (const el of document.querySelectorAll<HTMLElement>('#report *')) {
          const box = el.getBoundingClientRect()
          if (box.width > 0 && box.right > max + 0.5)
            out.push(
              `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} ${Math.round(box.right)}px`,
            )
        }
        return out.slice(0, 10)
      }, PRINTABLE_PX)
      expect(wide, lang).toEqual([])
      // The gap table's verdicts on at most two lines each: with "Teammanagers" and "Medewerkers"
      // whole, the Dutch ones took four and the report a sixth page.
      const verdictLines = await print.locator('#report-gap tbody td:last-child').evaluateAll((tds) =>
        tds.map((td) => {
          const range = document.createRange()
          range.selectNodeContents(td)
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size
        }),
      )
      expect(verdictLines.length, lang).toBeGreaterThan(0)
      expect(Math.max(...verdictLines), lang).toBeLessThanOrEqual(2)
      // The radar's axis and ring labels whole inside the figure (an SVG clips what lies outside its
      // viewBox) and none over another, as printed.
      const labels = await print.locator('svg.report-radar').evaluate((svg) => {
        const frame = svg.getBoundingClientRect()
        const boxes = [...svg.querySelectorAll('text')].map((t) => ({
          text: t.textContent ?? '',
          box: t.getBoundingClientRect(),
        }))
        const out: string[] = []
        for (const { text, box } of boxes)
          if (
            box.left < frame.left - 0.5 ||
            box.right > frame.right + 0.5 ||
            box.top < frame.top - 0.5 ||
            box.bottom > frame.bottom + 0.5
          )
            out.push(`clipped: ${text}`)
        boxes.forEach((a, i) => {
          for (const b of boxes.slice(i + 1))
            if (
              a.box.left < b.box.right &&
              b.box.left < a.box.right &&
              a.box.top < b.box.bottom &&
              b.box.top < a.box.bottom
            )
              out.push(`overlap: ${a.text} / ${b.text}`)
        })
        return { out, count: boxes.length }
      })
      expect(labels.count, lang).toBeGreaterThan(3)
      expect(labels.out, lang).toEqual([])
      // The day it was printed, in the page's language and in Dutch time, among the facts at the top (web/report.ts).
      expect(await print.locator('#report-as-of').textContent(), lang).toBe(
        new Intl.DateTimeFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', {
          dateStyle: 'long',
          timeZone: 'Europe/Amsterdam',
        }).format(new Date()),
      )
      expect(await print.locator('dt.report-as-of').isVisible(), lang).toBe(true)
      // And when the wave ran, its first to its last open day.
      expect(await print.locator('#report-period').textContent(), lang).toMatch(
        lang === 'nl' ? /^\d{1,2} \w+ \d{4} tot en met \d{1,2} \w+ \d{4}$/ : /^\d{1,2} \w+ \d{4} to \d{1,2} \w+ \d{4}$/,
      )
      // What a printout must not carry: the pickers, the forms, the header bar.
      expect(await print.locator('.pickers').isVisible()).toBe(false)
      expect(await print.locator('.site-header').isVisible()).toBe(false)
      expect(await print.locator('#action-add').isVisible()).toBe(false)
      // What became of an action, printed once: in the list of actions, not again in the trend beside it.
      const outcomes = print.locator('#trend-table .trend-action-outcome')
      for (const o of await outcomes.all()) expect(await o.isVisible()).toBe(false)
      expect(await print.locator('#actions-list .action-outcome').count()).toBeGreaterThanOrEqual(
        await outcomes.count(),
      )
      const pdf = await print.pdf({ path: `${artefactDir()}/report-${lang}.pdf`, format: 'A4' })
      // A document a partner's management reads through: it once ran to 9 pages, most of them the
      // gap sentences repeating the gap table and tables whose equal columns broke words in two.
      const pages = await pageTexts(pdf)
      // No image: the radar is an SVG, and the question bars' "weet ik niet" stripes print as lines
      // (web/question-bars.css), where each bar's CSS gradient printed as an image (8, 0.36 MB).
      expect(await print.locator('.bar-dontKnow').count(), lang).toBeGreaterThan(0)
      expect(imageCount(pdf), `${lang}: images in the PDF`).toBe(0)
      expect(
        await print
          .locator('.bar-dontKnow')
          .first()
          .evaluate((e) => getComputedStyle(e).backgroundImage),
        lang,
      ).toMatch(/^url\("data:image\/svg\+xml/)
      expect(pages.length, `${lang}: printed pages`).toBeGreaterThan(0)
      expect(pages.length, `${lang}: printed pages`).toBeLessThanOrEqual(REPORT_MAX_PAGES)
      // Every page says at its top whose report it is, of which wave: a page passed round alone.
      const running = `${(await print.locator('h1').textContent())!} · ${w2.label}`
      pages.forEach((_, i) => {
        expect(pageOf(pages.slice(i, i + 1), running), `${lang}: page ${i + 1} headed "${running}"`).toBe(0)
      })
      // Where the pages break. The scores table's last row printed alone under its repeated header,
      // and a dimension's heading and caption at a page's foot with its questions on the next.
      const rows = await print.locator('#report-scores tbody th[scope="row"]').allTextContents()
      expect(rows.length, lang).toBeGreaterThan(2)
      const lastRow = pageOf(pages, rows.at(-1)!)
      expect(lastRow, `${lang}: the scores table's last row, whole on a page`).toBeGreaterThanOrEqual(0)
      expect(pageOf(pages, rows.at(-2)!), `${lang}: the scores table's last two rows on one page`).toBe(lastRow)
      // Every heading whole on one page, with the first words of what follows it.
      for (const h2 of await print.locator('main h2:visible').all()) {
        const heading = (await h2.textContent())!
        const next = await h2.evaluate((h) => {
          let e = h.nextElementSibling
          // As printed: innerText leaves out what paper does not show (an SVG's title, a closed explanation).
          const text = (x: Element) =>
            getComputedStyle(x).display === 'none' ? '' : ((x as HTMLElement).innerText?.trim() ?? '')
          while (e && !text(e)) e = e.nextElementSibling
          return e ? text(e).split(/\s+/).slice(0, 4).join(' ') : ''
        })
        const at = pageOf(pages, heading)
        expect(at, `${lang}: "${heading}" whole on a page`).toBeGreaterThanOrEqual(0)
        if (next) expect(pageOf(pages, next), `${lang}: "${heading}" on the page of "${next}"`).toBe(at)
      }
      const headings = await print.locator('#report-questions h3').all()
      expect(headings.length, lang).toBeGreaterThan(0)
      for (const h3 of headings) {
        const heading = (await h3.textContent())!
        const table = h3.locator('xpath=following-sibling::*[1]').locator('table.questions')
        const caption = (await table.locator('caption').textContent())!
        const firstQuestion = (await table.locator('tbody th[scope="row"]').first().textContent())!
        const at = pageOf(pages, heading + caption)
        expect(at, `${lang}: "${heading}" and its caption, whole on a page`).toBeGreaterThanOrEqual(0)
        expect(pageOf(pages, firstQuestion), `${lang}: "${heading}" on the page of its first question`).toBe(at)
      }
      // The top of the printed report at A4's printable width, down to the end of the scores table:
      // the README's picture (docs/report.png is the English one).
      const scores = (await print.locator('#report-scores').boundingBox())!
      await print.screenshot({
        path: `${artefactDir()}/report-a4-top-${lang}.png`,
        clip: { x: 0, y: 0, width: PRINTABLE_PX, height: Math.ceil(scores.y + scores.height) + 2 },
      })
    }
    await print.context().close()
    // A4's whole width (210 mm at 96 px per inch) under print media: the radar as a reader sees it printed.
    const a4 = await (
      await browser.newContext({
        locale: 'nl-NL',
        viewport: { width: Math.round((210 / 25.4) * 96), height: 1123 },
        // At a printer's sharpness rather than a screen's, so small labels can be judged in the picture.
        deviceScaleFactor: 3,
        storageState: await page.context().storageState(),
      })
    ).newPage()
    for (const lang of ['nl', 'en']) {
      await a4.goto(`${base()}${reportPath(w2, lang)}`)
      await a4.emulateMedia({ media: 'print' })
      await a4.locator('svg.report-radar').screenshot({ path: `${artefactDir()}/report-radar-a4-${lang}.png` })
    }
    await a4.context().close()
  })

  it('keeps the answers per question readable on a 390 px phone: the question a column of its own width, the table scrolling in its box', async () => {
    const context = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 390, height: 800 },
      storageState: await page.context().storageState(),
    })
    const phone = await context.newPage()
    await phone.goto(`${base()}${reportPath(w2, 'nl')}`)
    const tables = phone.locator('#report-questions table.questions')
    expect(await tables.count()).toBeGreaterThan(0)
    // It once squeezed the question to 33 px, a letter a line, and a table ran 8,000 px tall.
    const widths = await phone
      .locator('#report-questions table.questions tbody th[scope="row"]')
      .evaluateAll((ths) => ths.map((th) => th.getBoundingClientRect().width))
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(180)
    const heights = await tables.evaluateAll((ts) => ts.map((t) => t.getBoundingClientRect().height))
    expect(Math.max(...heights)).toBeLessThan(1200)
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390)
    // No word of a table broken in two: the scores table read "Dimensi-e" and "Progr-amma als gehee-l",
    // where it can scroll in its box instead. A word drawn on two lines has two boxes.
    const broken = await phone.locator('#report table').evaluateAll((tables) => {
      const out: string[] = []
      for (const cell of tables.flatMap((t) => [...t.querySelectorAll('th, td')])) {
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node.textContent ?? ''
          for (const m of text.matchAll(/\S{4,}/g)) {
            const range = document.createRange()
            range.setStart(node, m.index!)
            range.setEnd(node, m.index! + m[0].length)
            if (range.getClientRects().length > 1) out.push(m[0])
          }
        }
      }
      return out
    })
    expect(broken).toEqual([])
    // Each table's caption as wide as its box, not the table (it was cut off after its first words),
    // and what a row is about stays at the box's left while its figures scroll (it scrolled away).
    const boxes = await phone.locator('#report .table-scroll').evaluateAll((els) =>
      els.map((box) => {
        const caption = box.querySelector('caption')!.getBoundingClientRect()
        const wide = box.scrollWidth > box.clientWidth
        box.scrollLeft = box.scrollWidth
        const th = box.querySelector('tbody th[scope="row"]')!.getBoundingClientRect()
        return {
          id: box.querySelector('table')!.id,
          wide,
          caption: caption.width,
          box: box.clientWidth,
          left: th.left - box.getBoundingClientRect().left,
        }
      }),
    )
    expect(boxes.filter((b) => b.wide).length).toBeGreaterThan(0)
    for (const b of boxes) {
      expect(b.caption, b.id).toBeLessThanOrEqual(b.box + 1)
      if (b.wide) expect(Math.abs(b.left), b.id).toBeLessThanOrEqual(1)
    }
    await context.close()
  })

  it("shows an action's edit line whole, within the width, at 390 and 1366 px, on the report and the results page", async () => {
    for (const width of [390, 1366]) {
      const narrow = await (
        await browser.newContext({
          locale: 'nl-NL',
          viewport: { width, height: 900 },
          storageState: await page.context().storageState(),
        })
      ).newPage()
      for (const path of [reportPath(w1), `/app/programmes/${pid()}?wave=${w1.id}&lang=nl`]) {
        await narrow.goto(`${base()}${path}`)
        const summary = narrow.locator('#actions-list details summary').first()
        await summary.waitFor()
        const fits = await summary.evaluate((el, max) => {
          const box = el.getBoundingClientRect()
          const item = el.closest('li')!.querySelector('p')!.textContent ?? ''
          return {
            right: box.right <= max,
            whole: el.scrollWidth <= el.clientWidth + 1,
            text: (el.textContent ?? '').replace(/^Wijzigen: /, ''),
            what: item.slice(item.indexOf(': ') + 2),
          }
        }, width)
        expect(fits.right && fits.whole, `${width} ${path} ${fits.text}`).toBe(true)
        // Never cut mid-word: the action's words whole, or up to a word and "…".
        const cut = fits.text.endsWith('…') ? fits.text.slice(0, -1) : null
        expect(
          cut === null ? fits.text === fits.what : fits.what.startsWith(cut) && fits.what[cut.length] === ' ',
          `${width} ${path}: ${fits.text} / ${fits.what}`,
        ).toBe(true)
        expect(
          await narrow.evaluate(() => document.documentElement.scrollWidth <= innerWidth),
          `${width} ${path}`,
        ).toBe(true)
      }
      await narrow.context().close()
    }
  })
})

describe("the results page's action form", () => {
  it('offers for each partner only the dimensions its scores show, by keyboard, and records one', async () => {
    // Hoorn's staff left the first dimension's questions unanswered: no score there, the others shown.
    const wide = await seedWide(base(), inject('admin'), 'Acties per dimensie', { leaveOutFirstDimension: 'Hoorn' })
    const dash = await api<{ partners: { id: string; name: string; scores: Record<string, unknown> | null }[] }>(
      page,
      `/api/programmes/${wide}/dashboard?role=medewerker`,
    )
    const shown = (name: string) => {
      const p = dash.partners.find((x) => x.name === name)!
      return { id: p.id, dims: Object.keys(p.scores ?? {}).filter((k) => p.scores?.[k] != null) }
    }
    const [hoorn, almere] = [shown('Hoorn'), shown('Almere')]
    expect(hoorn.dims.length).toBeGreaterThan(0)
    expect(almere.dims.length).toBeGreaterThan(hoorn.dims.length)
    await page.goto(`${base()}/app/programmes/${wide}?lang=nl`)
    await page.locator('#action-add summary').focus()
    await page.keyboard.press('Enter')
    const enabled = () =>
      page
        .locator('#action-dimension option')
        .evaluateAll((os) => (os as HTMLOptionElement[]).filter((o) => !o.disabled).map((o) => o.value))
    // The first dimension is chosen while Almere, the first partner, is; choosing Hoorn moves it on.
    await page.locator('#action-partner').selectOption(almere.id)
    expect((await enabled()).sort()).toEqual([...almere.dims].sort())
    await page.locator('#action-partner').selectOption(hoorn.id)
    expect((await enabled()).sort()).toEqual([...hoorn.dims].sort())
    expect(hoorn.dims).toContain(await page.locator('#action-dimension').inputValue())
    const form = page.locator('#action-form')
    await form.getByLabel('Wat spreken we af?').fill('Werkoverleg over de eigen ruimte')
    await Promise.all([page.waitForEvent('load'), form.getByRole('button', { name: 'Vastleggen' }).click()])
    await page.locator('#actions-list', { hasText: 'Werkoverleg over de eigen ruimte' }).waitFor()
    expect(await page.locator('#status-add-action').textContent()).toBe('Opgeslagen.')
  }, 120_000)
})
