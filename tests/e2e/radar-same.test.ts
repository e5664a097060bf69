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

describe('the main radar', () => {
  for (const lang of ['nl', 'en'] as const) {
    it(`draws the chosen partners' lines above the programme's, which the legend and the text alternative name (${lang})`, async () => {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, bypassCSP: true })
      await context.addCookies([
        { name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() },
      ])
      const page = await context.newPage()
      await page.goto(`${base()}/app/programmes/${pid}?lang=${lang}`)
      await page.locator('#radar').waitFor()
      const programme = lang === 'nl' ? 'Programma als geheel' : 'Programme as a whole'
      // The server's text alternative, before the island's first change: the island writes the same one.
      const served = await page.locator('#radar').getAttribute('aria-label')
      const drawn = await page.evaluate(() => {
        const chart = (
          globalThis as unknown as {
            ketenradar: {
              charts: {
                radar: {
                  chart: {
                    getSortedVisibleDatasetMetas: () => { index: number }[]
                    data: { datasets: { label: string; borderDash: number[] }[] }
                    legend: { legendItems: { text: string }[] }
                  }
                }
              }
            }
          }
        ).ketenradar.charts.radar.chart
        // Chart.js draws the sorted metas from the last to the first: the first is drawn on top.
        const order = chart.getSortedVisibleDatasetMetas().map((m) => chart.data.datasets[m.index]!)
        return {
          topFirst: order.map((d) => ({ label: d.label, solid: d.borderDash.length === 0 })),
          legend: chart.legend.legendItems.map((i) => i.text),
        }
      })
      // The programme and four partners (six do not fit one radar), the programme drawn first, under them all.
      expect(drawn.topFirst).toHaveLength(5)
      expect(drawn.topFirst.at(-1)).toEqual({ label: programme, solid: true })
      for (const line of drawn.topFirst.slice(0, -1)) expect(line.solid, line.label).toBe(false)
      // The legend in the series' order, as the checkboxes beside it: the programme first.
      expect(drawn.legend[0]).toBe(programme)
      expect(drawn.legend.slice(1).sort()).toEqual(
        drawn.topFirst
          .slice(0, -1)
          .map((l) => l.label)
          .sort(),
      )
      // Named apart in the text alternative, with the chosen partners whose line lies on it.
      const partners = drawn.legend.slice(1)
      const equal = partners.filter((name) => shift(name) === 0)
      expect(equal.length).toBeGreaterThan(0)
      const alt = await page.locator('#radar').getAttribute('aria-label')
      expect(alt).toBe(served)
      expect(alt).toContain(
        lang === 'nl'
          ? `voor ${partners.join(', ')}, boven de lijn van ${programme} (zwart en doorgetrokken)`
          : `for ${partners.join(', ')}, above the line of ${programme} (solid black)`,
      )
      expect(alt).toContain(
        lang === 'nl'
          ? `Op de lijn van ${programme}, gelijk op elke dimensie: ${equal.join(', ')}.`
          : `On the line of ${programme}, equal on every dimension: ${equal.join(', ')}.`,
      )
      // The programme switched off: the text alternative names only the partners, none apart.
      await page.locator('#radar-toggles input[data-series="0"]').uncheck()
      const without = (await page.locator('#radar').getAttribute('aria-label')) ?? ''
      expect(without).toContain(lang === 'nl' ? `voor ${partners.join(', ')}.` : `for ${partners.join(', ')}.`)
      expect(without).not.toContain(programme)
      await page.locator('.radar-layout > .chart').screenshot({ path: `${artefactDir()}/radar-main-${lang}.png` })
      expect(await violations(page)).toEqual([])
      await context.close()
    })
  }
})

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
