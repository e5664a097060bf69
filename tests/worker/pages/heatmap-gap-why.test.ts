import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { fill } from '../../../schema/format.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { askedKey } from '../../../worker/domain/records.ts'
import { messages, type Lang } from '../../../worker/i18n/messages.ts'
import { Heatmap } from '../../../worker/pages/results-standouts.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor } from '../../../worker/services/results-service.ts'
import { alternatingCell, pageData, pagePartner, pageProgramme, pageText, pageWave } from '../fixtures.ts'

/**
 * The heatmap's gap column says why a partner has no gap: Echo's team managers are 3 (fewer than
 * k = 5), so its staff row has no comparison, and says so rather than a bare "geen vergelijking"
 * (a lead of 40 partners could not tell a partner without team managers from one whose are hidden).
 * The dimension-level reasons (`gapMissing`) are in tests/worker/pages/gap-missing.test.ts, on D1.
 */

const ins = findInstrument('coachende-manager', 1)!
const cell = (partnerId: string, role: Role, n: number, means: Record<string, number>) =>
  alternatingCell(ins, partnerId, role, n, means)
const partners = ['Alpha', 'Beta', 'Gamma', 'Delta', 'Echo', 'Foxtrot'].map((name) =>
  pagePartner(name[0]!.toLowerCase(), name),
)
// Foxtrot's team managers had no link: not asked.
const cells: Cell[] = partners.flatMap((p, i) => [
  cell(p.id, 'medewerker', 10, {}),
  ...(p.name === 'Foxtrot' ? [] : [cell(p.id, 'teammanager', p.name === 'Echo' ? 3 : 6, { coaching: 3 + i / 2 })]),
])
const publication = publishWave(
  ins,
  partners.map((p) => p.id),
  cells,
  5,
)
const wave = pageWave({ instrumentVersion: 1 })
const data = pageData(partners, wave, publication)
for (const p of partners) {
  data.asked.add(askedKey(wave.id, p.id, 'medewerker'))
  if (p.name !== 'Foxtrot') data.asked.add(askedKey(wave.id, p.id, 'teammanager'))
}
const d = resultsFor(pageProgramme, data, {
  role: 'medewerker',
  k: 5,
  onlyPartner: null,
})

const gapCell = (html: string, id: string) => {
  const heatmap = html.slice(html.indexOf('id="heatmap"'))
  const row = heatmap.slice(heatmap.indexOf(`data-partner="${id}"`))
  return row.slice(row.indexOf('<td class="heat-gap">'), row.indexOf('</tr>'))
}

describe.each(['nl', 'en'] as Lang[])("the heatmap's gap column says why a partner has none (%s)", (lang) => {
  const t = messages[lang]
  it('names the hidden group for Echo, the group not asked for Foxtrot, and nothing more for a partner with a gap', async () => {
    const html = String(await Heatmap({ lang, d, trendKey: 'programme', sort: { by: 'partner' } })?.toString())
    const echo = gapCell(html, 'e')
    expect(echo).toContain('data-no-gap="groups"')
    expect(await pageText(echo)).toContain(`${t.heatmap_noGap}: ${fill(t.heatmap_noGapManagersFew, { k: 5 })}`)
    expect(await pageText(gapCell(html, 'f'))).toContain(`${t.heatmap_noGap}: ${t.heatmap_noGapManagersNotAsked}`)
    expect(gapCell(html, 'a')).not.toContain('data-no-gap')
  })
})
