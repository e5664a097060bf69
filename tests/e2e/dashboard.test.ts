import { readFileSync } from 'node:fs'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { artefactDir, base, launch } from './browser.ts'

let browser: Browser
let context: BrowserContext
let page: Page

type Api = { partners: { name: string; suppressed: boolean; scores: Record<string, { mean: number } | null> | null }[]; dimensions: { key: string; radar: boolean }[] }

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

/** The means in the main table, row by row, as the page shows them. */
const tableMeans = (p: Page) =>
  p.$$eval('#scores-radar tbody tr', (rows) => rows.map((r) => [...r.querySelectorAll('.mean')].map((m) => m.textContent)))

beforeAll(async () => {
  browser = await launch()
  context = await browser.newContext({ locale: 'nl-NL', acceptDownloads: true, viewport: { width: 1280, height: 1000 } })
  page = await context.newPage()
  await signIn(page, `/app/programmes/${inject('demo').programmeId}`)
})
afterAll(async () => {
  await browser?.close()
})

describe('the dashboard in Chromium', () => {
  it('draws the radar and shows the same numbers as the API', async () => {
    await page.locator('#radar').waitFor()
    await expect.poll(() => inkOn(page, 'radar')).toBeGreaterThan(1000)
    const api = (await page.evaluate(async (pid) => (await fetch(`/api/programmes/${pid}/dashboard?role=medewerker`)).json(), inject('demo').programmeId)) as Api
    const radarKeys = api.dimensions.filter((d) => d.radar).map((d) => d.key)
    const fmt = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    const expected = api.partners.map((p) => (p.suppressed ? [] : radarKeys.map((k) => (p.scores?.[k] ? fmt.format(p.scores[k]!.mean) : null)).filter((x) => x !== null)))
    const shown = (await tableMeans(page)).slice(1) // the first row is the programme as a whole
    expect(shown).toEqual(expected)
    expect(api.partners.some((p) => p.suppressed)).toBe(true)
    await expect.poll(() => page.getByText('minder dan 5 antwoorden').count()).toBeGreaterThan(0)
    await page.screenshot({ path: `${artefactDir()}/dashboard.png`, fullPage: true })
  })

  it('changes table and radar with the role and wave pickers', async () => {
    const before = await tableMeans(page)
    await Promise.all([page.waitForURL(/role=teammanager/, { waitUntil: 'load' }), page.locator('#pick-role').selectOption('teammanager')])
    await expect.poll(() => inkOn(page, 'radar')).toBeGreaterThan(1000)
    const managers = await tableMeans(page)
    expect(managers).not.toEqual(before)
    const waves = await page.locator('#pick-wave option').allTextContents()
    expect(waves.length).toBe(3)
    const first = await page.locator('#pick-wave option').first().getAttribute('value')
    await Promise.all([page.waitForURL(new RegExp(`wave=${first}`), { waitUntil: 'load' }), page.locator('#pick-wave').selectOption({ index: 0 })])
    expect(await tableMeans(page)).not.toEqual(managers)
    expect(await page.locator('h2#radar-heading').textContent()).toContain('Voorjaar 2025')
  })

  it('draws the trend and marks significant changes only', async () => {
    await page.goto(`${base()}/app/programmes/${inject('demo').programmeId}?role=medewerker`)
    await expect.poll(() => inkOn(page, 'trend')).toBeGreaterThan(500)
    const rows = await page.locator('table.trend tbody tr').count()
    expect(rows).toBe(10)
  })

  it('downloads the CSV export with its header row, and a PNG of the radar', async () => {
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'CSV (komma)' }).click()])
    const text = readFileSync((await csv.path())!, 'utf8')
    expect(text.replace(/^\ufeff/, '').split('\r\n')[0]).toBe('ronde,rol,partner,n,dimensie,dimensie_naam,n_dimensie,gemiddelde,sd,bi95_laag,bi95_hoog,niveau,niveau_naam,niveau_begrensd')
    const [png] = await Promise.all([page.waitForEvent('download'), page.locator('[data-png="radar"]').click()])
    expect(png.suggestedFilename()).toBe('ketenradar-radar.png')
  })

  it('toggles a partner off with the keyboard', async () => {
    const ink = await inkOn(page, 'radar')
    await page.locator('#radar-toggles input').first().focus()
    await page.keyboard.press('Space')
    await expect.poll(() => inkOn(page, 'radar')).not.toBe(ink)
  })
})
