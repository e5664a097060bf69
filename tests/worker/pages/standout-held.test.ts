import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave } from '../../../worker/domain/publication.ts'
import type { Lang } from '../../../worker/i18n/messages.ts'
import { Heatmap, Standouts } from '../../../worker/pages/results-standouts.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor } from '../../../worker/services/results-service.ts'
import { cellOf, pageData, pagePartner, pageProgramme, pageWave } from '../fixtures.ts'

/**
 * What stands out says where a partner's answers fall into two groups (version 3's split rule):
 * All's 30 staff are two camps on every dimension (all reading 3,0, so no highest or lowest was
 * said and its line said nothing of it), Split's 24 on two; Beta's are one group. Each mention links
 * to the heatmap cell that says "geen niveau".
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'
const dims = dimensionsFor(ins, role)
const cell = (id: string, n: number, split: string[]) =>
  cellOf(ins, id, role, n, (d, i) => (split.includes(d) ? (i % 2 ? 4.5 : 1.5) : 3 + [-0.5, 0, 0, 0.5][i % 4]!))
const partners = [pagePartner('a', 'All'), pagePartner('b', 'Beta'), pagePartner('s', 'Split')]
const publication = publishWave(
  ins,
  ['a', 'b', 's'],
  [cell('a', 30, dims), cell('b', 24, []), cell('s', 24, [dims[0]!, dims[2]!])],
  5,
)
const d = resultsFor(pageProgramme, pageData(partners, pageWave({ instrumentVersion: 3 }), publication), {
  role,
  k: 5,
  onlyPartner: null,
})
const label = (key: string, lang: Lang) => ins.dimensions.find((x) => x.key === key)!.label[lang]
const plain = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

describe('what stands out of answers in two groups', () => {
  it.each([
    [
      'nl',
      '2 partners waar de antwoorden in twee groepen uiteenvallen (geen niveau): All op elke dimensie; Split op {0} en {2}',
      'Antwoorden in twee groepen uiteen (geen niveau): {0} en {2}',
      ' · in twee groepen uiteen: {0}, {2}',
      'All · in twee groepen uiteen: elke dimensie · alle',
    ],
    [
      'en',
      '2 partners whose answers fall into two groups (no level): All on every dimension; Split on {0} and {2}',
      'Answers fall into two groups (no level): {0} and {2}',
      ' · split into two groups: {0}, {2}',
      'All · split into two groups: every dimension · all',
    ],
  ] as const)(
    'says it first, across the programme and in the partner’s line, each linked to its cell (%s)',
    async (lang, line, own, glance, all) => {
      const words = (s: string) => s.replace('{0}', label(dims[0]!, lang)).replace('{2}', label(dims[2]!, lang))
      const html = String(await Standouts({ lang, d, trendKey: 'programme' })?.toString())
      const headlines = html.slice(
        html.indexOf('id="standouts-headlines"'),
        html.indexOf('</ul>', html.indexOf('id="standouts-headlines"')),
      )
      const first = /<li data-kind="(\w+)">([\s\S]*?)<\/li>/.exec(headlines)!
      expect(first[1]).toBe('held')
      expect(plain(first[2]!)).toBe(words(line))
      // Each partner named links to its first such cell.
      expect(first[2]).toContain(`<a href="#heat-a-${dims[0]}">All</a>`)
      expect(first[2]).toContain(`<a href="#heat-s-${dims[0]}">Split</a>`)
      const split = /data-partner="s"[^>]*>\s*<summary>([\s\S]*?)<\/summary>([\s\S]*?)<\/details>/.exec(html)!
      expect(plain(split[1]!)).toContain(words(glance))
      const ownLine = /<li data-kind="held">([\s\S]*?)<\/li>/.exec(split[2]!)![1]!
      expect(plain(ownLine)).toBe(words(own))
      for (const k of [dims[0]!, dims[2]!]) expect(ownLine).toContain(`<a href="#heat-s-${k}">${label(k, lang)}</a>`)
      const a = /data-partner="a"[^>]*>\s*<summary>([\s\S]*?)<\/summary>/.exec(html)!
      expect(plain(a[1]!)).toContain(all)
      // Beta's answers are one group: nothing of it.
      const beta = /data-partner="b"[^>]*>([\s\S]*?)<\/details>/.exec(html)![1]!
      expect(beta).not.toContain('data-kind="held"')
      expect(plain(first[2]!)).not.toContain('Beta')
    },
  )

  it('links only to cells the heatmap shows as "geen niveau"', async () => {
    const heat = String(await Heatmap({ lang: 'nl', d, trendKey: 'programme', sort: { by: 'partner' } })?.toString())
    const html = String(await Standouts({ lang: 'nl', d, trendKey: 'programme' })?.toString())
    const targets = new Set(
      [...html.matchAll(/<li data-kind="held">([\s\S]*?)<\/li>/g)].flatMap((m) =>
        [...m[1]!.matchAll(/href="#(heat-[^"]+)"/g)].map((x) => x[1]!),
      ),
    )
    expect(targets.size).toBe(dims.length + 2)
    for (const id of targets) expect(heat).toMatch(new RegExp(`<td [^>]*id="${id}"[^>]*data-held=""`))
  })
})
