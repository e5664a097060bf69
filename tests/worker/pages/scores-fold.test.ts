import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { messages, type Lang } from '../../../worker/i18n/messages.ts'
import { partnerOrder, TALL_HEATMAP } from '../../../worker/pages/results-chart.ts'
import { ResultsPage } from '../../../worker/pages/results-page.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor, trendOf } from '../../../worker/services/results-service.ts'
import { pageData, pagePartner, pageProgramme, pageWave, scoreStats } from '../fixtures.ts'

/**
 * Past TALL_HEATMAP partners the results page folds its scores table (worker/pages/results-page.tsx
 * `ScoresFold`), which repeats the heatmap's numbers with their margins over about 6,500 px at 40
 * partners, and sets the report links in columns; at TALL_HEATMAP partners or fewer both stand open.
 * Folded, the table is still all there, for a keyboard, a screen reader and the printer.
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'

function cell(partnerId: string, i: number): Cell {
  const stats: Record<string, number[]> = {}
  for (const [j, d] of dimensionsFor(ins, role).entries())
    stats[d] = scoreStats(
      ins,
      Array.from({ length: 8 }, (_, a) => 1 + ((i + j + a) % 5)),
    )
  return { partnerId, role, n: 8, stats }
}

async function page(partnerCount: number, lang: Lang): Promise<string> {
  const partners = Array.from({ length: partnerCount }, (_, i) => pagePartner(`p${i}`, `Partner ${i + 1}`))
  const wave = pageWave({ instrumentVersion: 3 })
  const publication = publishWave(
    ins,
    partners.map((p) => p.id),
    partners.map((p, i) => cell(p.id, i)),
    5,
  )
  const data = pageData(partners, wave, publication)
  const d = resultsFor(pageProgramme, data, { role, k: 5, onlyPartner: null })
  const html = ResultsPage({
    lang,
    d,
    trend: trendOf(data, { role, k: 5, onlyPartner: null }),
    trendKey: 'programme',
    order: partnerOrder(partners),
    path: '/app/programmes/p',
    canLead: true,
    readsQuality: false,
    participation: null,
    openWave: null,
    actions: { outcomes: [], writableFor: [], partnerViewers: false },
  })
  return String(await (html as unknown as { toString(): string | Promise<string> }).toString())
}

describe('the scores table past TALL_HEATMAP partners', () => {
  it.each(['nl', 'en'] as Lang[])('is folded under its heading, whole, with every partner row (%s)', async (lang) => {
    const t = messages[lang]
    const n = TALL_HEATMAP + 1
    const html = await page(n, lang)
    const fold = /<details class="scores-fold" id="scores-fold">([\s\S]*?)<\/details>/.exec(html)?.[1]
    expect(fold, 'a closed <details> around the table').toBeDefined()
    // Closed (no `open`), its heading still a heading, and its summary says what opening gives.
    expect(html).not.toMatch(/<details class="scores-fold"[^>]* open/)
    expect(fold).toContain(`<summary><h3>${t.tableHeading}</h3>`)
    expect(fold).toContain(t.scoresFold_hint.replace('{n}', String(n)))
    // The whole table is inside: the programme and every partner, one row each.
    const table = /<table class="scores" id="scores-radar">[\s\S]*?<\/table>/.exec(fold!)?.[0] ?? ''
    expect((table.match(/<tr/g) ?? []).length).toBe(1 + 1 + n)
    for (let i = 1; i <= n; i++) expect(table).toContain(`Partner ${i}<`)
    expect(html).toContain('<ul id="partner-reports" class="report-columns">')
  })

  it('stands open, as before, at TALL_HEATMAP partners', async () => {
    const html = await page(TALL_HEATMAP, 'nl')
    expect(html).not.toContain('scores-fold')
    expect(html).toContain(`<h3>${messages.nl.tableHeading}</h3>`)
    expect(html).toContain('<table class="scores" id="scores-radar">')
    expect(html).toContain('<ul id="partner-reports">')
  })
})
