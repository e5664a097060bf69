import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { findInstrument } from '../../worker/services/instrument-catalogue.ts'
import { adminCookie, apiCall, artefactDir, base, d1, launch, rollupStats, violations } from './browser.ts'

/**
 * A partner whose line is the programme's, in the small radars: four partners answer alike and two
 * a little above and below them, so the programme's means are the four's, to the decimal. Drawn
 * under the programme's solid black line, such a line vanished (a lead's review): it is drawn above
 * it in its own dash and points, and its caption and text alternative say "gelijk aan".
 */

const ins = findInstrument('coachende-manager')!
const NAMES = ['Aa', 'Bb', 'Cc', 'Dd', 'Ee hoger', 'Ff lager']
const shift = (name: string) => (name.endsWith('hoger') ? 0.4 : name.endsWith('lager') ? -0.4 : 0)
let browser: Browser
let cookie: string
let pid: string

const api = <T>(path: string, body: unknown, method = 'POST') => apiCall<T>(cookie, path, body, method)

beforeAll(async () => {
  browser = await launch()
  cookie = await adminCookie()
  pid = (await api<{ id: string }>('/api/programmes', { name: `Gelijke lijnen ${crypto.randomUUID().slice(0, 6)}` })).id
  const ids: string[] = []
  for (const name of NAMES)
    ids.push((await api<{ id: string }>(`/api/programmes/${pid}/partners`, { name, headcount: 20 })).id)
  const wave = await api<{ id: string }>(`/api/programmes/${pid}/waves`, {
    label: 'Najaar',
    instrument: 'coachende-manager',
    opensAt: new Date(Date.now() - 5 * 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  })
  const rows = NAMES.map(
    (name, i) =>
      `('${wave.id}', '${ids[i]}', 'medewerker', 8, '${JSON.stringify(rollupStats(ins, 'medewerker', 8, (j) => 2.6 + j * 0.3 + shift(name)))}')`,
  )
  d1(`INSERT INTO rollups (wave_id, partner_id, role, n, stats) VALUES ${rows.join(', ')}`)
  await api(`/api/waves/${wave.id}`, { closesAt: new Date(Date.now() - 60_000).toISOString() }, 'PATCH')
}, 120_000)
afterAll(async () => {
  await browser?.close()
})

type Any = Record<string, unknown> & { data: { datasets: { label: string }[] } }

describe('a partner line equal to the programme line in the small radars', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`draws it above the programme's and says it is equal (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true })
      await context.addCookies([
        { name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() },
      ])
      const page = await context.newPage()
      await page.goto(`${base()}/app/programmes/${pid}?lang=${lang}`)
      // Every partner's line: more than one radar holds, so one small radar per partner.
      const boxes = page.locator('#radar-toggles input')
      for (let i = 0; i < (await boxes.count()); i++)
        if (!(await boxes.nth(i).isChecked())) {
          await boxes.nth(i).focus()
          await page.keyboard.press('Space')
        }
      await page.locator('#radar-multiples').waitFor()
      const figures = await page.$$eval('#radar-multiples figure', (fs) =>
        fs.map((f) => ({
          caption: f.querySelector('figcaption')?.textContent ?? '',
          note: f.querySelector('.multiple-same')?.textContent ?? null,
          alt: f.querySelector('canvas')?.getAttribute('aria-label') ?? '',
        })),
      )
      expect(figures).toHaveLength(NAMES.length)
      const said = lang === 'nl' ? 'gelijk aan Programma als geheel' : 'equal to Programme as a whole'
      for (const [i, f] of figures.entries()) {
        const equal = shift(NAMES[i]!) === 0
        expect(f.note?.startsWith(said) ?? false, `${NAMES[i]}: ${f.caption}`).toBe(equal)
        expect(f.alt.includes(said), `${NAMES[i]}: ${f.alt}`).toBe(equal)
      }
      // Drawn last, so on top: Chart.js draws the lowest `order` last.
      const top = await page.evaluate(() =>
        ((globalThis as unknown as { ketenradar: { multiples: () => Any[] } }).ketenradar.multiples() as Any[]).map(
          (c) => {
            const chart = c as unknown as {
              getSortedVisibleDatasetMetas: () => { index: number }[]
              data: { datasets: { label: string; borderDash: number[] }[] }
            }
            const metas = chart.getSortedVisibleDatasetMetas()
            const drawnLast = chart.data.datasets[metas[0]!.index]!
            return { label: drawnLast.label, dashed: drawnLast.borderDash.length > 0 }
          },
        ),
      )
      expect(top.map((x) => x.label)).toEqual(NAMES)
      for (const x of top) expect(x.dashed).toBe(true)
      await page.locator('#radar-multiples').screenshot({ path: `${artefactDir()}/radar-same-${lang}.png` })
      expect(await violations(page)).toEqual([])
      await context.close()
    })
  }
})
