import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { artefactDir, base, launch } from './browser.ts'

let browser: Browser
let context: BrowserContext
let page: Page

type Score = { mean: number } | null
type Api = { wave: { id: string; label: string }; partners: { name: string; suppressed: boolean; scores: Record<string, Score> | null }[]; programme: { suppressed: boolean; scores: Record<string, Score> | null }; dimensions: { key: string; radar: boolean }[] }
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

const picture = (p: Page, id: string) => p.evaluate((canvasId) => (document.getElementById(canvasId) as HTMLCanvasElement).toDataURL(), id)

/** The means in the main table, row by row, as the page shows them; the first row is the programme. */
const tableMeans = (p: Page) => p.$$eval('#scores-radar tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('.mean')].map((m) => m.textContent)))

/** The same means as the API gives them, formatted as the Dutch page does. */
async function apiMeans(p: Page, query: string) {
  const api = (await p.evaluate(async (url) => (await fetch(url)).json(), `/api/programmes/${pid()}/dashboard${query}`)) as Api
  const keys = api.dimensions.filter((d) => d.radar).map((d) => d.key)
  const means = (cell: { suppressed: boolean; scores: Record<string, Score> | null }) =>
    cell.suppressed ? [] : keys.flatMap((k) => (cell.scores?.[k] ? [fmt.format(cell.scores[k]!.mean)] : []))
  return { api, means: [means(api.programme), ...api.partners.map(means)] }
}

/** Picks an option and waits for the GET form to load the new view (the island submits on change). */
async function pick(p: Page, select: string, value: string, url: RegExp) {
  await Promise.all([p.waitForURL(url, { waitUntil: 'load' }), p.locator(select).selectOption(value)])
  await expect.poll(() => inkOn(p, 'radar')).toBeGreaterThan(1000)
}

beforeAll(async () => {
  browser = await launch()
  context = await browser.newContext({ locale: 'nl-NL', acceptDownloads: true, viewport: { width: 1280, height: 1000 } })
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

  it('draws the trend and marks a change only where Welch\'s test says it is real', async () => {
    await page.goto(`${base()}${dashboardPath()}?role=medewerker`)
    await expect.poll(() => inkOn(page, 'trend')).toBeGreaterThan(500)
    const trend = (await page.evaluate(async (url) => (await fetch(url)).json(), `/api/programmes/${pid()}/trend?role=medewerker`)) as TrendApi
    const { api } = await apiMeans(page, '?role=medewerker')
    const cells = await page.$$eval('table.trend tbody tr:not(.trend-n)', (rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent ?? '')))
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
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV (komma)' }).click()])
    const text = readFileSync((await csv.path())!, 'utf8')
    const [header, ...rows] = text.replace(/^\ufeff/, '').trim().split('\r\n')
    expect(header).toBe('ronde,rol,partner,n,dimensie,dimensie_naam,n_dimensie,gemiddelde,sd,bi95_laag,bi95_hoog,niveau,niveau_naam,niveau_begrensd')
    expect(rows.length).toBeGreaterThan(0)
    const [semi] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /puntkomma/ }).click()])
    expect(readFileSync((await semi.path())!, 'utf8')).toContain('ronde;rol;partner')
    const [png] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download als PNG' }).first().click()])
    expect(png.suggestedFilename()).toMatch(/^ketenradar-werk-en-inkomen-.*-medewerker-radar\.png$/)
    expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe('PNG')
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

  it('opens a dimension\'s explanation from its column header, and prints without the controls', async () => {
    const link = page.locator('#scores-radar thead a').first()
    const target = (await link.getAttribute('href'))!
    await link.focus()
    await page.keyboard.press('Enter')
    await expect.poll(() => page.locator(`${target}`).evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true)
    await page.emulateMedia({ media: 'print' })
    expect(await page.locator('.pickers').isVisible()).toBe(false)
    expect(await page.locator('#scores-radar').isVisible()).toBe(true)
    await page.emulateMedia({ media: 'screen' })
  })

  it('shows the open wave\'s participation to its lead, and no scores at all', async () => {
    await page.goto(`${base()}${dashboardPath()}`)
    const link = page.getByRole('link', { name: /is open: bekijk de deelname/ })
    await Promise.all([page.waitForURL(/wave=/), link.click()])
    // No radar, score table or gap for this wave; the trend below shows the published waves only.
    for (const id of ['#radar', '#scores-radar', '#scores-indicators', '#gap-table']) expect(await page.locator(id).count(), id).toBe(0)
    expect(await page.locator('#trend-table thead th').allTextContents()).not.toContain(await page.locator('#pick-wave option:checked').textContent().then((t) => t!.replace(/ \(.*\)$/, '')))
    await expect.poll(() => page.locator('#results-at-close').textContent()).toMatch(/eenmaal vastgesteld als ze sluit/)
    // The demo's open wave: UWV 10 staff answers of 120, Werkbedrijf Regio 2 (fewer than 5), no managers yet.
    const row = (name: string) => page.$$eval('#participation tbody tr', (rows, n) => [...rows.find((r) => r.querySelector('th')?.textContent === n)!.querySelectorAll('td')].map((td) => td.textContent), name)
    expect(await row('UWV')).toEqual(['10 (8%)', 'nog geen', 'nog geen'])
    expect(await row('Werkbedrijf Regio')).toEqual(['minder dan 5', 'nog geen', 'nog geen'])
  })

  it('signs out', async () => {
    await Promise.all([page.waitForURL(/\/app\/login/), page.getByRole('button', { name: 'Uitloggen' }).click()])
    await page.goto(`${base()}${dashboardPath()}`)
    await page.waitForURL(/\/app\/login\?next=/)
  })
})
