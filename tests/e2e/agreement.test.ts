import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Answers } from '../../worker/domain/scoring.ts'
import { findInstrument } from '../../worker/services/instrument-catalogue.ts'
import { adminCookie, apiCall, artefactDir, base, launch, violations } from './browser.ts'
import { agreementSets } from '../worker/fixtures.ts'

/**
 * A level held back for disagreement: a version-2 wave where one partner's staff are
 * split into two camps and another's agree. The results table and the heatmap say "no level" in
 * plain words for the split partner, with the agreement (mean item r_wg) one click away in the explanation and the
 * glossary, in Dutch and English, without axe violations.
 */

const ins = findInstrument('coachende-manager', 2)!
let browser: Browser
let cookie: string
let pid: string

const answerSets = (n: number, centre: (p: number) => number, seed: number): Answers[] =>
  agreementSets(ins, n, centre, seed)

const api = <T>(path: string, body: unknown, method = 'POST') => apiCall<T>(cookie, path, body, method)

beforeAll(async () => {
  browser = await launch()
  cookie = await adminCookie()
  pid = (await api<{ id: string }>('/api/programmes', { name: `Overeenstemming ${crypto.randomUUID().slice(0, 6)}` }))
    .id
  const groups = [
    ['Gesplitst', answerSets(12, (p) => (p % 2 ? 2 : 4.2), 1)],
    ['Eensgezind', answerSets(12, () => 3.8, 2)],
  ] as const
  // Partners first: one added after the wave opened takes no part in it.
  const ids: string[] = []
  for (const [name] of groups)
    ids.push((await api<{ id: string }>(`/api/programmes/${pid}/partners`, { name, headcount: 40 })).id)
  const wave = await api<{ id: string }>(`/api/programmes/${pid}/waves`, {
    label: 'Voorjaar',
    instrument: 'coachende-manager',
    instrumentVersion: 2,
    opensAt: new Date(Date.now() - 86_400_000).toISOString(),
    closesAt: new Date(Date.now() + 86_400_000).toISOString(),
  })
  for (const [i, [, sets]] of groups.entries()) {
    const id = ids[i]!
    const { token } = await api<{ token: string }>(`/api/waves/${wave.id}/links`, { partnerId: id, role: 'medewerker' })
    for (const answers of sets) await api(`/api/s/${token}/responses`, { id: crypto.randomUUID(), answers })
  }
  await api(`/api/waves/${wave.id}`, { closesAt: new Date().toISOString() }, 'PATCH')
}, 180_000)
afterAll(async () => {
  await browser?.close()
})

async function open(lang: 'nl' | 'en'): Promise<Page> {
  const context = await browser.newContext({
    locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
    viewport: { width: 1366, height: 900 },
    bypassCSP: true,
  })
  await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() }])
  const page = await context.newPage()
  await page.goto(`${base()}/app/programmes/${pid}?lang=${lang}`)
  await page.locator('#heatmap').waitFor()
  return page
}

describe('a level held back because answers within the partner differ too much', () => {
  for (const [lang, held, short] of [
    ['nl', 'Geen niveau: antwoorden binnen deze partner lopen te ver uiteen om één niveau te noemen', 'geen niveau'],
    ['en', 'No level: answers within this partner differ too much to name one level', 'no level'],
  ] as const) {
    it(`says so in the table and the heatmap, explains the agreement in plain words with its term (r_wg) in the glossary, axe clean (${lang})`, async () => {
      const page = await open(lang)
      const splitRow = page.locator('#heatmap tr', { has: page.locator('th', { hasText: 'Gesplitst' }) })
      expect(await splitRow.locator('td.heat-held').count()).toBeGreaterThan(0)
      expect(await splitRow.locator('td.heat-held a').first().textContent()).toBe(short)
      const agreeRow = page.locator('#heatmap tr', { has: page.locator('th', { hasText: 'Eensgezind' }) })
      expect(await agreeRow.locator('td.heat-held').count()).toBe(0)
      await expect(page.locator('a.level-held').first().textContent()).resolves.toBe(held)
      // The plain sentence links to the explanation, which links to the glossary's technical term.
      await page.locator('a.level-held').first().click()
      expect(await page.locator('#disagree-explain').isVisible()).toBe(true)
      // In plain words; the term (r_wg) is in the glossary entry its link opens, one more click away.
      const explain = page.locator('#disagree-explain')
      expect(await explain.textContent()).not.toContain('r_wg')
      await explain.locator('a[href="#glossary-agreement"]').click()
      expect(await page.locator('#glossary-agreement').getAttribute('open')).not.toBeNull()
      expect(await page.locator('#glossary-agreement summary').textContent()).toContain('r_wg')
      expect(await violations(page)).toEqual([])
      await page.locator('.heatmap-section').screenshot({ path: `${artefactDir()}/agreement-heatmap-${lang}.png` })
      await page.context().close()
    })
  }
})
