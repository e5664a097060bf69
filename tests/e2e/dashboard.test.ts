import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { artefactDir, base, launch, violations } from './browser.ts'
import { seedWide, WIDE_PARTNERS } from './wide-programme.ts'

let browser: Browser
let context: BrowserContext
let page: Page

type Score = { mean: number } | null
type Api = {
  wave: { id: string; label: string }
  partners: { id: string; name: string; suppressed: boolean; scores: Record<string, Score> | null }[]
  programme: { suppressed: boolean; scores: Record<string, Score> | null }
  dimensions: { key: string; radar: boolean }[]
}
type TrendApi = { waves: { suppressed: boolean; change: Record<string, { significant: boolean } | null> | null }[] }

const pid = () => inject('demo').programmeId
const dashboardPath = () => `/app/programmes/${pid()}`
const fmt = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

/** Signs in through the page with the keyboard only: type, Tab, Enter. */
async function signIn(p: Page, next: string) {
  await p.goto(`${base()}${next}`)
  await p.waitForURL(/\/app\/login/)
  const admin = inject('admin')
  await p.getByLabel('E-mailadres').focus()
  await p.keyboard.type(admin.email)
  await p.keyboard.press('Tab')
  await p.keyboard.type(admin.password)
  await p.keyboard.press('Enter')
  await p.waitForURL((url) => url.pathname === next)
}

/** Non-transparent pixels on a canvas: a drawn chart has thousands, a blank one none. */
const inkOn = (p: Page, id: string) =>
  p.evaluate((canvasId) => {
    const canvas = document.getElementById(canvasId) as HTMLCanvasElement
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height)
    let ink = 0
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) ink++
    return ink
  }, id)

const picture = (p: Page, id: string) =>
  p.evaluate((canvasId) => (document.getElementById(canvasId) as HTMLCanvasElement).toDataURL(), id)

/** The means in the main table, row by row, as the page shows them; the first row is the programme. */
const tableMeans = (p: Page) =>
  p.$$eval('#scores-radar tbody tr', (rows) =>
    rows.map((r) => [...r.querySelectorAll('.mean')].map((m) => m.textContent)),
  )

/** The same means as the API gives them, formatted as the Dutch page does. */
async function apiMeans(p: Page, query: string) {
  const api = (await p.evaluate(
    async (url) => (await fetch(url)).json(),
    `/api/programmes/${pid()}/dashboard${query}`,
  )) as Api
  const keys = api.dimensions.filter((d) => d.radar).map((d) => d.key)
  const means = (cell: { suppressed: boolean; scores: Record<string, Score> | null }) =>
    cell.suppressed ? [] : keys.flatMap((k) => (cell.scores?.[k] ? [fmt.format(cell.scores[k]!.mean)] : []))
  return { api, means: [means(api.programme), ...api.partners.map(means)] }
}

/** Picks an option and sends its GET form with the form's button (a picker never sends itself on change). */
async function pick(p: Page, select: string, value: string, url: RegExp) {
  await p.locator(select).selectOption(value)
  await Promise.all([p.waitForURL(url, { waitUntil: 'load' }), submitOf(p, select).click()])
  await expect.poll(() => inkOn(p, 'radar')).toBeGreaterThan(1000)
}

/** The submit button of the form a picker is in. */
const submitOf = (p: Page, select: string) => p.locator(`form:has(${select}) button[type="submit"]`)

beforeAll(async () => {
  browser = await launch()
  context = await browser.newContext({
    locale: 'nl-NL',
    acceptDownloads: true,
    viewport: { width: 1280, height: 1000 },
  })
  page = await context.newPage()
  await signIn(page, dashboardPath())
})
afterAll(async () => {
  await browser?.close()
})

describe('the dashboard in Chromium', () => {
  it('draws the radar and shows the same numbers as the API', async () => {
    await page.locator('#radar').waitFor()
    await expect.poll(() => inkOn(page, 'radar')).toBeGreaterThan(1000)
    const { api, means } = await apiMeans(page, '?role=medewerker')
    expect(await tableMeans(page)).toEqual(means)
    expect(api.partners.some((p) => p.suppressed)).toBe(true)
    expect(await page.getByText('minder dan 5 antwoorden').count()).toBeGreaterThan(0)
    expect(await page.locator('#radar').getAttribute('aria-label')).toContain('Programma als geheel')
    await page.screenshot({ path: `${artefactDir()}/dashboard.png`, fullPage: true })
  })

  it('moves the focus to the section an in-page link names, so the next Tab goes on from there', async () => {
    // After Enter on "Rapport per partner" in the contents list the focus stayed on the body, though
    // the address had #reports-heading (a lead's review): a screen reader said nothing, Tab began at the top.
    await page.goto(`${base()}${dashboardPath()}`)
    const link = page.locator('#page-contents a[href="#reports-heading"]')
    await link.focus()
    await page.keyboard.press('Enter')
    await page.waitForURL(/#reports-heading$/)
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reports-heading')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => !!document.activeElement?.closest('.partner-reports'))).toBe(true)
    // Again from the same link, the address unchanged: the heading takes the focus all the same.
    await link.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('reports-heading')
  })

  it('changes table and radar with the role and wave pickers', async () => {
    const before = { means: await tableMeans(page), radar: await picture(page, 'radar') }
    await pick(page, '#pick-role', 'teammanager', /role=teammanager/)
    const managers = { means: await tableMeans(page), radar: await picture(page, 'radar') }
    expect(managers.means).not.toEqual(before.means)
    expect(managers.radar).not.toEqual(before.radar)
    // Waves are listed oldest first; other test files may add later ones, and labels follow the seed's dates.
    const oldest = page.locator('#pick-wave option').first()
    const first = (await oldest.getAttribute('value'))!
    const label = (await oldest.textContent())!.replace(/ \(.*\)$/, '')
    await pick(page, '#pick-wave', first, new RegExp(`wave=${first}`))
    const firstWave = { means: await tableMeans(page), radar: await picture(page, 'radar') }
    expect(firstWave.means).not.toEqual(managers.means)
    expect(firstWave.radar).not.toEqual(managers.radar)
    expect(firstWave.means).toEqual((await apiMeans(page, `?role=teammanager&wave=${first}`)).means)
    expect(await page.locator('h2#radar-heading').textContent()).toContain(label)
    expect(await page.locator('#pick-role').inputValue()).toBe('teammanager')
  })

  it('lets a keyboard reader move through a picker without loading a page per option (WCAG 3.2.2), and apply it with the button', async () => {
    // The context is signed in already (beforeAll).
    const q = await context.newPage()
    await q.goto(`${base()}${dashboardPath()}`, { waitUntil: 'load' })
    const at = q.url()
    await q.locator('#pick-role').focus()
    const before = await q.locator('#pick-role').inputValue()
    await q.keyboard.press('ArrowDown')
    await q.keyboard.press('ArrowUp')
    await q.keyboard.press('ArrowDown')
    const chosen = await q.locator('#pick-role').inputValue()
    expect(chosen).not.toBe(before)
    // Nothing loads on input: the same page, the option chosen still in the picker.
    await q.waitForTimeout(800)
    expect(q.url()).toBe(at)
    expect(await q.locator('#pick-role').inputValue()).toBe(chosen)
    // Tab to the form's button (the wave picker has none of its own) and press it: the view changes.
    await submitOf(q, '#pick-role').focus()
    await Promise.all([q.waitForURL(new RegExp(`role=${chosen}`), { waitUntil: 'load' }), q.keyboard.press('Enter')])
    expect(await q.locator('#pick-role').inputValue()).toBe(chosen)
    await q.close()
  })

  it("draws the trend and marks a change only where Welch's test says it is real", async () => {
    // A partner's trend: the demo's programme has four shown partners, and its change is tested on
    // partners as units (worker/domain/publication.ts `clusteredChange`, 3 df), which the demo's
    // gains need not reach; within a partner Welch's test reads its answer sets.
    await page.goto(`${base()}${dashboardPath()}?role=medewerker`)
    const { api } = await apiMeans(page, '?role=medewerker')
    const trendOf = async (partner: string) =>
      (await page.evaluate(
        async (url) => (await fetch(url)).json(),
        `/api/programmes/${pid()}/trend?role=medewerker&partner=${partner}`,
      )) as TrendApi
    let chosen: { id: string; trend: TrendApi } | undefined
    for (const p of api.partners) {
      const trend = await trendOf(p.id)
      if (trend.waves.some((w) => Object.values(w.change ?? {}).some((c) => c?.significant === true))) {
        chosen = { id: p.id, trend }
        break
      }
    }
    expect(chosen, 'a demo partner with a real change').toBeDefined()
    const trend = chosen!.trend
    await page.goto(`${base()}${dashboardPath()}?role=medewerker&trend=${chosen!.id}`)
    await expect.poll(() => inkOn(page, 'trend')).toBeGreaterThan(500)
    // Beside the drawn chart, what its large filled points mean (the legend names only the lines).
    expect(await page.locator('#trend-key').isVisible()).toBe(true)
    expect(await page.locator('#trend-key').textContent()).toContain(
      'Grote, gevulde markering: een duidelijke verandering',
    )
    const cells = await page.$$eval('table.trend tbody tr:not(.trend-n)', (rows) =>
      rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')),
    )
    expect(cells).toHaveLength(api.dimensions.length)
    let marked = 0
    api.dimensions.forEach((dim, d) => {
      trend.waves.forEach((w, i) => {
        const real = w.change?.[dim.key]?.significant === true
        expect(/[▲▼]/.test(cells[d]![i]!), `${dim.key} wave ${i}`).toBe(real)
        if (real) marked++
      })
    })
    expect(marked).toBeGreaterThan(0)
  })

  it('downloads the CSV export with its header row, and a PNG of the radar', async () => {
    const [csv] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'CSV (komma)' }).click(),
    ])
    const text = readFileSync((await csv.path())!, 'utf8')
    const [header, ...rows] = text
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(header).toBe(
      'ronde,rol,partner,n,dimensie,dimensie_naam,n_dimensie,gemiddelde,sd,bi95_laag,bi95_hoog,niveau,niveau_naam,niveau_begrensd,overeenstemming_rwg,niveau_achtergehouden,niveau_duidelijk,niveau_marge_reikt_tot,reden_niet_getoond,n_gedeelde_vragen,gemiddelde_gedeelde_vragen,reden_gedeelde_vragen_niet_getoond,verbeterafspraken,gemiddelde_getoond,bi95_getoond_laag,bi95_getoond_hoog,marge_van_niveau,marge_tot_niveau,niveau_getoond',
    )
    expect(rows.length).toBeGreaterThan(0)
    const [semi] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /puntkomma/ }).click(),
    ])
    expect(readFileSync((await semi.path())!, 'utf8')).toContain('ronde;rol;partner')
    const [png] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download als PNG' }).first().click(),
    ])
    expect(png.suggestedFilename()).toMatch(/^ketenradar-werk-en-inkomen-.*-medewerker-radar\.png$/)
    expect(
      readFileSync((await png.path())!)
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG')
  })

  it('toggles a partner off and on with the keyboard', async () => {
    const ink = await inkOn(page, 'radar')
    const box = page.locator('#radar-toggles input').nth(1)
    await box.focus()
    await page.keyboard.press('Space')
    expect(await box.isChecked()).toBe(false)
    await expect.poll(() => inkOn(page, 'radar')).not.toBe(ink)
    await page.keyboard.press('Space')
    await expect.poll(() => inkOn(page, 'radar')).toBe(ink)
  })

  it("opens a dimension's explanation from its column header, and prints without the controls", async () => {
    const link = page.locator('#scores-radar thead a').first()
    const target = (await link.getAttribute('href'))!
    await link.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator(`${target}`).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
    await page.emulateMedia({ media: 'print' })
    // Both pickers: the wave and role form, and the trend's own.
    for (const form of await page.locator('.pickers').all()) expect(await form.isVisible()).toBe(false)
    expect(await page.locator('#scores-radar').isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })
  })

  it("shows the open wave's participation to its lead, and no scores at all", async () => {
    await page.goto(`${base()}${dashboardPath()}`)
    const link = page.getByRole('link', { name: /is open: bekijk de deelname/ })
    await Promise.all([page.waitForURL(/wave=/), link.click()])
    // No radar, score table or gap for this wave; the trend below shows the published waves only.
    for (const id of ['#radar', '#scores-radar', '#scores-indicators', '#gap-table'])
      expect(await page.locator(id).count(), id).toBe(0)
    expect(await page.locator('#trend-table thead th').allTextContents()).not.toContain(
      await page
        .locator('#pick-wave option:checked')
        .textContent()
        .then((t) => t!.replace(/ \(.*\)$/, '')),
    )
    await expect.poll(() => page.locator('#results-at-close').textContent()).toMatch(/eenmaal vastgesteld als ze sluit/)
    // The demo's open wave: UWV 10 staff answers of 120, Werkbedrijf Regio 2 (fewer than 5), no managers yet.
    const row = (name: string) =>
      page.$$eval(
        '#participation tbody tr',
        (rows, n) =>
          [...rows.find((r) => r.querySelector('th')?.textContent === n)!.querySelectorAll('td')].map(
            (td) => td.textContent,
          ),
        name,
      )
    // As the setup page words it, with the headcount: the lead entered it.
    expect(await row('UWV')).toEqual(['10 antwoorden (8% van 120)', 'nog geen', 'nog geen'])
    expect(await row('Werkbedrijf Regio')).toEqual(['minder dan 5', 'nog geen', 'nog geen'])
    // The fuller words have the room: at 1280 px the table fits its box; at 390 px it scrolls in its
    // box as before, as wide as with the brief '10 (8%)': its headings and names set that width,
    // and the words wrap within it.
    const widths = () =>
      page.$eval('#participation', (table) => {
        const full = table.scrollWidth
        const cells = [...table.querySelectorAll('td')].filter((td) => /antwoorden/.test(td.textContent!))
        const said = cells.map((td) => td.textContent)
        for (const td of cells) td.textContent = td.textContent!.replace(/ antwoorden \((\d+%) van \d+\)/, ' ($1)')
        const brief = table.scrollWidth
        cells.forEach((td, i) => {
          td.textContent = said[i]!
        })
        return { full, brief, box: table.closest('.table-scroll')!.clientWidth, cells: cells.length }
      })
    await page.setViewportSize({ width: 1280, height: 1000 })
    const wide = await widths()
    expect(wide.cells).toBe(3)
    expect(wide.full).toBeLessThanOrEqual(wide.box)
    await page.setViewportSize({ width: 390, height: 844 })
    const phone = await widths()
    expect(phone.full).toBe(phone.brief)
    await page.setViewportSize({ width: 1280, height: 1000 })
  })

  it('signs out', async () => {
    await Promise.all([page.waitForURL(/\/app\/login/), page.getByRole('button', { name: 'Uitloggen' }).click()])
    await page.goto(`${base()}${dashboardPath()}`)
    await page.waitForURL(/\/app\/login\?next=/)
  })
})

/** Chart.js objects as the page holds them; the tests read a few of their fields. */
// biome-ignore lint/suspicious/noExplicitAny: Chart.js' own objects, read inside the page
type Any = any

/** What the island drew on a radar, read from Chart.js itself (web/results.ts exposes its charts for this). */
type RadarProbe = {
  width: number
  drawingArea: number
  /** Each scale label's centre, in canvas px from the top, and the scale labels' font size and z. */
  ticks: number[]
  tickFont: number
  tickZ: number
  backdrop: boolean
  lines: { colour: string; dash: string; point: string }[]
  legend: { text: string; hidden: boolean }[]
}
const radarProbe = (p: Page) =>
  p.evaluate(() => {
    const chart = (globalThis as Any).ketenradar.charts.radar.chart as Any
    const r = chart.scales.r
    const font = r.options.ticks.font
    return {
      width: chart.width,
      drawingArea: r.drawingArea,
      ticks: r.ticks.map((t: Any) => r.yCenter - r.getDistanceFromCenterForValue(t.value)),
      tickFont: (typeof font === 'function' ? font({ chart }) : font).size,
      tickZ: r.options.ticks.z,
      backdrop: r.options.ticks.showLabelBackdrop,
      lines: chart.data.datasets.flatMap((d: Any, i: number) =>
        chart.isDatasetVisible(i)
          ? [{ colour: d.borderColor, dash: JSON.stringify(d.borderDash), point: d.pointStyle }]
          : [],
      ),
      legend: chart.legend.legendItems.map((item: Any) => ({ text: item.text, hidden: item.hidden })),
    } as RadarProbe
  })

/** Elements of main wider than the page or sticking out past its right edge. */
const overflowing = (p: Page, width: number) =>
  p.evaluate((w) => {
    const out: string[] = []
    for (const el of document.querySelectorAll('main *')) {
      const box = el.getBoundingClientRect()
      if (box.width === 0 && box.height === 0) continue
      if (box.right > w + 0.5 || box.width > w + 0.5)
        out.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}.${el.className} ${Math.round(box.right)}`)
    }
    if (document.documentElement.scrollWidth > w) out.push(`page ${document.documentElement.scrollWidth}`)
    return out
  }, width)

describe('radar readability, print, the PNG title and the trend picker', () => {
  let wide: string
  let phone: BrowserContext
  let p: Page
  const widePath = () => `/app/programmes/${wide}`

  beforeAll(async () => {
    wide = await seedWide(base(), inject('admin'), 'Breed programma', { leaveOutFirstDimension: 'Capelle' })
    phone = await browser.newContext({
      locale: 'nl-NL',
      acceptDownloads: true,
      bypassCSP: true,
      viewport: { width: 390, height: 844 },
    })
    p = await phone.newPage()
    await signIn(p, widePath())
  }, 120_000)
  afterAll(async () => {
    await phone?.close()
  })

  it("begins the stand-outs on a phone's first screen, the contents list folded above them", async () => {
    // At 390 × 844 the first programme-wide sentence once began at 1,134 px: eight contents links (five
    // lines) and the threshold's notice (now above the heatmap) stood before it.
    const first = p.locator('#standouts-headlines li').first()
    const box = (await first.boundingBox())!
    expect(box.y + 24).toBeLessThanOrEqual(844)
    expect(await p.locator('#page-contents').isVisible()).toBe(false)
    const folded = p.locator('nav.page-contents-folded')
    expect(await folded.isVisible()).toBe(true)
    expect(await folded.locator('a').first().isVisible()).toBe(false)
    // By keyboard: the summary opens the list, a link goes to its section.
    await folded.locator('summary').focus()
    await p.keyboard.press('Enter')
    expect(await folded.locator('a').first().isVisible()).toBe(true)
    await p.keyboard.press('Tab')
    await p.keyboard.press('Tab')
    expect(await p.evaluate(() => document.activeElement?.getAttribute('href'))).toBe('#heatmap-heading')
    await p.keyboard.press('Enter')
    await p.waitForURL(/#heatmap-heading$/)
    // The threshold's notice stands just before the heatmap, the first table of cells.
    expect(
      await p.evaluate(() => document.getElementById('suppression-explain')?.nextElementSibling?.className),
    ).toContain('heatmap-section')
    // On a desktop it is the other way round: the list open, the folded one not displayed.
    await p.setViewportSize({ width: 1366, height: 900 })
    expect(await p.locator('#page-contents').isVisible()).toBe(true)
    expect(await folded.isVisible()).toBe(false)
    await p.setViewportSize({ width: 390, height: 844 })
    await p.goto(`${base()}${widePath()}`)
  })

  it('draws a radar of at least 300 px at 390 px wide, its scale labels apart and above the lines', async () => {
    await expect.poll(() => inkOn(p, 'radar')).toBeGreaterThan(1000)
    const probe = await radarProbe(p)
    // Once ~150 px: eight long axis names took the rest of a phone's width.
    expect(probe.width).toBeGreaterThanOrEqual(300)
    expect(probe.drawingArea * 2).toBeGreaterThanOrEqual(190)
    // Level boundaries 1,0 … 5,0: each label's line (font + backdrop) clear of the next.
    const gaps = probe.ticks.slice(1).map((y, i) => Math.abs(y - probe.ticks[i]!))
    expect(Math.min(...gaps)).toBeGreaterThan(probe.tickFont * 1.2 + 2)
    // Drawn after the lines (z > 0) on a backdrop: "3,4" no longer sits under the programme's line.
    expect(probe.tickZ).toBeGreaterThan(0)
    expect(probe.backdrop).toBe(true)
    await p.locator('.radar-layout > .chart').screenshot({ path: `${artefactDir()}/radar-390.png` })
  })

  it('draws the trend at 390 px wide with room for its lines, not only its legend', async () => {
    await expect.poll(() => inkOn(p, 'trend')).toBeGreaterThan(500)
    const area = await p.evaluate(() => {
      const chart = (globalThis as Any).ketenradar.charts.trend.chart as Any
      return { plot: chart.chartArea.bottom - chart.chartArea.top, width: chart.width as number }
    })
    // Twice as wide as tall, the legend's rows left the lines about 40 px (a lead's review).
    expect(area.width).toBeLessThanOrEqual(390)
    expect(area.plot).toBeGreaterThanOrEqual(180)
  })

  it('draws the programme and four partners spread over the mean score by default, each line its own colour and dash', async () => {
    const probe = await radarProbe(p)
    expect(probe.lines).toHaveLength(5)
    expect(new Set(probe.lines.map((l) => l.colour)).size).toBe(5)
    expect(new Set(probe.lines.map((l) => l.dash)).size).toBe(5)
    expect(new Set(probe.lines.map((l) => l.point)).size).toBe(5)
    // The sentence beside the radar names the lines drawn and why; the legend names them and no others.
    const hint = (await p.locator('#radar-default-lines').textContent()) ?? ''
    const [, low, high, between] =
      hint.match(/laagste partner \((.+?)\), de hoogste \((.+?)\) en daartussen, over de rangorde verdeeld, (.+?)\./) ??
      []
    const named = [low ?? '', high ?? '', ...(between ?? '').split(', ')]
    expect(named).toHaveLength(4)
    expect(probe.legend.map((l) => l.text)).toEqual([
      'Programma als geheel',
      ...WIDE_PARTNERS.filter((name) => named.includes(name)),
    ])
    // As the sentence says, by the mean over the radar's dimensions: the lowest and the highest of all.
    const means = await p.evaluate(() => {
      const chart = (globalThis as Any).ketenradar.charts.radar.chart as Any
      return Object.fromEntries(
        chart.data.datasets.map((d: Any) => {
          const shown = (d.data as (number | null)[]).filter((v) => v !== null) as number[]
          return [d.label, shown.reduce((a, b) => a + b, 0) / shown.length]
        }),
      ) as Record<string, number>
    })
    const ranked = [...WIDE_PARTNERS].sort((a, b) => means[a]! - means[b]!)
    expect(low).toBe(ranked[0])
    expect(high).toBe(ranked.at(-1))
    const boxes = p.locator('#radar-toggles input')
    expect(await boxes.count()).toBe(1 + WIDE_PARTNERS.length)
    expect(await p.locator('#radar-toggles input:checked').count()).toBe(5)
    // Its text alternative names the five lines drawn, not all eight one may choose, and follows a change.
    const alt = () => p.locator('#radar').getAttribute('aria-label')
    const inAlt = (text: string | null) => WIDE_PARTNERS.filter((name) => text?.includes(name))
    const drawn: string[] = []
    for (let i = 1; i <= WIDE_PARTNERS.length; i++)
      if (await boxes.nth(i).isChecked()) drawn.push(WIDE_PARTNERS[i - 1]!)
    expect(inAlt(await alt())).toEqual(drawn)
    const first = drawn[0]!
    await boxes.nth(1 + WIDE_PARTNERS.indexOf(first)).uncheck()
    expect(inAlt(await alt())).toEqual(drawn.slice(1))
    await boxes.nth(1 + WIDE_PARTNERS.indexOf(first)).check()
    expect(inAlt(await alt())).toEqual(drawn)
    // Under the radar, the lines drawn that have no point on an axis, and which: it follows the lines chosen.
    const gapsAsDrawn = () =>
      p.evaluate(() => {
        const chart = (globalThis as Any).ketenradar.charts.radar.chart as Any
        const labels = chart.data.labels as string[]
        return (chart.data.datasets as Any[]).flatMap((d, i) => {
          const missing = labels.filter((_, a) => d.data[a] == null)
          return chart.isDatasetVisible(i) && missing.length ? [`${d.label} (${missing.join(', ')})`] : []
        })
      })
    const gapsSaid = async () => {
      const text = (await p.locator('#radar-gaps').textContent()) ?? ''
      return text === ''
        ? []
        : text
            .replace(/^Geen punt waar te weinig antwoorden zijn: /, '')
            .replace(/\.$/, '')
            .split('; ')
    }
    expect(await gapsSaid()).toEqual(await gapsAsDrawn())
    for (let i = 1; i <= WIDE_PARTNERS.length; i++) {
      const hasGap = await p.evaluate(
        (at) => ((globalThis as Any).ketenradar.charts.radar.chart.data.datasets[at].data as unknown[]).includes(null),
        i,
      )
      // Capelle has no score on the first dimension (seedWide's `leaveOutFirstDimension`).
      if (!hasGap || (await boxes.nth(i).isChecked())) continue
      // A line with a gap, drawn instead of the first: the note names it.
      await boxes.nth(1 + WIDE_PARTNERS.indexOf(first)).uncheck()
      await boxes.nth(i).check()
      expect(await gapsSaid()).toEqual(await gapsAsDrawn())
      expect((await gapsSaid()).some((g) => g.startsWith(`${WIDE_PARTNERS[i - 1]} (`))).toBe(true)
      await boxes.nth(i).uncheck()
      await boxes.nth(1 + WIDE_PARTNERS.indexOf(first)).check()
      break
    }
    expect(
      await p.evaluate(() =>
        ((globalThis as Any).ketenradar.charts.radar.chart.data.datasets as Any[]).some((d) => d.data.includes(null)),
      ),
    ).toBe(true)
  })

  it('shows one small radar per partner against the programme when more than five lines are chosen', async () => {
    // The first partner not drawn yet, by name.
    const boxes = p.locator('#radar-toggles input')
    let sixthAt = 1
    while (await boxes.nth(sixthAt).isChecked()) sixthAt++
    const sixth = boxes.nth(sixthAt)
    await sixth.focus()
    await p.keyboard.press('Space')
    await p.locator('#radar-multiples').waitFor()
    expect(await p.locator('#radar').isVisible()).toBe(false)
    const smalls = p.locator('#radar-multiples canvas')
    expect(await smalls.count()).toBe(5)
    const drawn = [] as string[]
    for (let i = 1; i <= WIDE_PARTNERS.length; i++)
      if (await boxes.nth(i).isChecked()) drawn.push(WIDE_PARTNERS[i - 1]!)
    expect(drawn).toHaveLength(5)
    expect(await p.locator('#radar-multiples figcaption').first().textContent()).toBe(
      `${drawn[0]} naast Programma als geheel`,
    )
    const each = await p.evaluate(() => {
      return ((globalThis as Any).ketenradar.multiples() as Any[]).map((c) => ({
        lines: c.data.datasets.map((d: Any) => d.label),
        width: c.width,
      }))
    })
    expect(each.map((c) => c.lines)).toEqual(drawn.map((name) => ['Programma als geheel', name]))
    for (const c of each) expect(c.width).toBeGreaterThanOrEqual(250)
    await p.screenshot({ path: `${artefactDir()}/radar-multiples-390.png`, fullPage: true })
    for (const lang of ['nl', 'en']) {
      if (lang === 'en') {
        await p.goto(`${base()}${widePath()}?lang=en`)
        await p.locator('#radar-toggles input').nth(sixthAt).check()
        await p.locator('#radar-multiples').waitFor()
      }
      expect(await violations(p), `small multiples (${lang})`).toEqual([])
    }
    // Back to five: one radar again.
    await p.locator('#radar-toggles input').nth(sixthAt).uncheck()
    await expect.poll(() => p.locator('#radar').isVisible()).toBe(true)
    expect(await p.locator('#radar-multiples').isVisible()).toBe(false)
    expect((await radarProbe(p)).lines).toHaveLength(5)
  })

  it('prints at A4 within the 718 px printable width, without the header bar or setup link, and "sd · n" smaller than the score', async () => {
    const paper = await browser.newContext({ locale: 'nl-NL', viewport: { width: 718, height: 1000 } })
    const q = await paper.newPage()
    await signIn(q, widePath())
    for (const path of [widePath(), dashboardPath()]) {
      await q.goto(`${base()}${path}`)
      await expect.poll(() => inkOn(q, 'radar')).toBeGreaterThan(1000)
      await q.emulateMedia({ media: 'print' })
      expect(await overflowing(q, 718), path).toEqual([])
      expect(await q.locator('.site-header').isVisible()).toBe(false)
      expect(await q.locator('a[href*="/setup"]').isVisible()).toBe(false)
      expect(await q.locator('#scores-radar').isVisible()).toBe(true)
      const sizes = await q.$eval('#scores-radar td:has(.cell-detail)', (td) =>
        [td.querySelector('.mean')!, td.querySelector('.cell-detail')!].map((e) =>
          parseFloat(getComputedStyle(e).fontSize),
        ),
      )
      expect(sizes[1]).toBeLessThan(sizes[0]!)
      await q.emulateMedia({ media: 'screen' })
    }
    // Printing opens the explanations, not every dimension's answers per question, and closes them after.
    const open = () =>
      q.evaluate(() => ({
        levels: document.querySelectorAll('details[id^="level-"][open]').length,
        questions: document.querySelectorAll('details.question-dimension[open]').length,
        all: document.querySelectorAll('details.question-dimension').length,
      }))
    expect((await open()).all).toBeGreaterThan(0)
    await q.evaluate(() => dispatchEvent(new Event('beforeprint')))
    expect(await open()).toMatchObject({ questions: 0 })
    expect((await open()).levels).toBeGreaterThan(0)
    await q.evaluate(() => dispatchEvent(new Event('afterprint')))
    expect((await open()).levels).toBe(0)
    await paper.close()
  })

  it('exports the radar as a PNG with its title, programme, wave and role above the chart', async () => {
    // In Dutch again: the test before switched to English, which the app remembers.
    await p.goto(`${base()}${widePath()}?lang=nl`)
    await expect.poll(() => inkOn(p, 'radar')).toBeGreaterThan(1000)
    const title = await p.evaluate(
      () =>
        (JSON.parse(document.getElementById('results-data')!.textContent!) as { radar: { title: string[] } }).radar
          .title,
    )
    expect(title).toEqual([
      'Volwassenheidsradar',
      'Breed programma · Voorjaar breed · Medewerkers (over hun teammanager)',
    ])
    const [download] = await Promise.all([p.waitForEvent('download'), p.locator('[data-png="radar"]').click()])
    const file = readFileSync((await download.path())!)
    const drawn = await p.evaluate(async (b64) => {
      const image = new Image()
      image.src = `data:image/png;base64,${b64}`
      await image.decode()
      const canvas = document.createElement('canvas')
      canvas.width = image.width
      canvas.height = image.height
      const ctx = canvas.getContext('2d')!
      ctx.drawImage(image, 0, 0)
      const radar = document.getElementById('radar') as HTMLCanvasElement
      const band = image.height - radar.height
      // Dark pixels in the band above the chart: the title's text (the chart itself starts below it).
      const { data } = ctx.getImageData(0, 0, image.width, band)
      let dark = 0
      for (let i = 0; i < data.length; i += 4) if (data[i]! < 100 && data[i + 1]! < 100 && data[i + 2]! < 100) dark++
      return { band, dark, width: image.width, chart: radar.width }
    }, file.toString('base64'))
    expect(drawn.width).toBe(drawn.chart)
    expect(drawn.band).toBeGreaterThan(30)
    expect(drawn.dark).toBeGreaterThan(200)
  })

  it('keeps the reader at the trend after choosing whose trend, and shows a line switched off as off, not struck through', async () => {
    const desk = await browser.newContext({ locale: 'nl-NL', bypassCSP: true, viewport: { width: 1280, height: 900 } })
    const q = await desk.newPage()
    await signIn(q, dashboardPath())
    await q.locator('#pick-trend').scrollIntoViewIfNeeded()
    const option = await q.locator('#pick-trend option').nth(1).getAttribute('value')
    await q.locator('#pick-trend').selectOption(option!)
    await Promise.all([
      q.waitForURL(new RegExp(`trend=${option}`), { waitUntil: 'load' }),
      submitOf(q, '#pick-trend').click(),
    ])
    await expect.poll(() => inkOn(q, 'trend')).toBeGreaterThan(500)
    expect(new URL(q.url()).hash).toBe('#trend-heading')
    const top = await q.locator('#trend-heading').evaluate((h) => h.getBoundingClientRect().top)
    // Once 3,000 px below: the page loaded at its top.
    expect(top).toBeGreaterThan(-2)
    expect(top).toBeLessThan(200)
    expect(await q.locator('#pick-trend').inputValue()).toBe(option)
    // The wave and role pickers keep the trend chosen.
    expect(await q.locator('.pickers input[name="trend"]').first().inputValue()).toBe(option)
    const legend = await q.evaluate(() => {
      const chart = (globalThis as Any).ketenradar.charts.trend.chart as Any
      chart.setDatasetVisibility(0, false)
      chart.update()
      return chart.legend.legendItems.map((item: Any) => ({ text: item.text, hidden: item.hidden }))
    })
    expect(legend[0]!.hidden).toBe(false)
    expect(legend[0]!.text).toMatch(/ \(uit\)$/)
    expect(legend.slice(1).every((l: { text: string }) => !/\(uit\)/.test(l.text))).toBe(true)
    for (const lang of ['nl', 'en']) {
      await q.goto(`${base()}${dashboardPath()}?lang=${lang}&trend=${option}#trend-heading`)
      expect(await violations(q), `dashboard (${lang})`).toEqual([])
    }
    await desk.close()
  })
})
