import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import type { Lang } from '../../../worker/i18n/messages.ts'
import { ReportPage } from '../../../worker/pages/report-page.tsx'
import { Glossary, Heatmap, Standouts } from '../../../worker/pages/results-standouts.tsx'
import { GapTable, gapLabel } from '../../../worker/pages/results-tables.tsx'
import { GapBasis, gapSentence, gapWords, intervalText } from '../../../worker/pages/gap-words.tsx'
import { gapBases } from '../../../worker/domain/gap.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { reportOf } from '../../../worker/services/report-service.ts'
import { resultsFor } from '../../../worker/services/results-service.ts'
import type { ProgrammeData } from '../../../worker/domain/wave-results.ts'
import { showsAnything } from '../../../worker/domain/publication-parts.ts'
import { alternatingCell, pageData, pagePartner, pageProgramme, pageText, pageWave, scoreStats } from '../fixtures.ts'

/**
 * The gap in words as the results page, its stand-outs and the partner report write it,
 * from a constructed publication whose numbers are worked by hand (as in tests/worker/domain/gap.test.ts):
 * staff 10 and team managers 6 per partner, each alternating mean ∓ 0.5, so a partner's half-width is
 * t(0.975, 10.33) × √(2.5/90 + 0.3/6) = 2.2217 × 0.27889 = 0.620 → 0,6.
 */

const ins = findInstrument('coachende-manager', 1)!
const d1 = 'coaching'

const stats = (scores: number[]) => scoreStats(ins, scores)
const cell = (partnerId: string, role: Role, n: number, means: Record<string, number>) =>
  alternatingCell(ins, partnerId, role, n, means)

const partner = pagePartner
const partners = [partner('a', 'Alpha'), partner('b', 'Beta'), partner('c', 'Gamma'), partner('d', 'Delta')]
const wave = pageWave({ instrumentVersion: 1 })
const programme = pageProgramme
// Alpha's managers 4,5 against staff 3,0 on coaching; Beta's and Gamma's 3,5 against 3,0; Delta's 3,0 against
// 3,0; every other dimension 3,0 both. So on coaching the gaps are 1,5, 0,5, 0,5 and 0,0: the median of
// the others is 0,5 for each of Alpha (0,5 0,5 0,0), Beta and Gamma (1,5 0,5 0,0) and Delta (1,5 0,5 0,5).
const cells: Cell[] = [
  cell('a', 'medewerker', 10, {}),
  cell('a', 'teammanager', 6, { [d1]: 4.5 }),
  cell('b', 'medewerker', 10, {}),
  cell('b', 'teammanager', 6, { [d1]: 3.5 }),
  cell('c', 'medewerker', 10, {}),
  cell('c', 'teammanager', 6, { [d1]: 3.5 }),
  cell('d', 'medewerker', 10, {}),
  cell('d', 'teammanager', 6, {}),
]
const publication = publishWave(ins, ['a', 'b', 'c', 'd'], cells, 5)
const data = pageData(partners, wave, publication)
const dashboard = (onlyPartner: string | null = null) =>
  resultsFor(programme, data, { role: 'medewerker', k: 5, onlyPartner })

const text = pageText
const part = (html: string, id: string) => {
  const from = html.indexOf(`id="${id}"`)
  expect(from).toBeGreaterThan(-1)
  return html.slice(from, html.indexOf('</table>', from) > 0 ? html.indexOf('</table>', from) : undefined)
}

describe('the gap in the JSON the pages read', () => {
  it("gives each partner's gap its interval and the other partners' median, and a restricted reader no median", () => {
    const d = dashboard()
    // The programme's own gap (domain/gap.ts `programmeGaps`): the mean of the four partner gaps
    // 1,5 0,5 0,5 0,0 = 0,625 → 0,6 (managers' means 3,625 → 3,6, staff 3,0); their sd = √(1.1875/3)
    // = 0.6292, half = t(0.975, 3) × 0.6292 / √4 = 3.1824 × 0.3146 = 1.001 → 1,0: −0,4 to 1,6, as
    // four partners whose gaps differ this much cannot tell the programme's gap from 0.
    expect(d.gapTypical.find((g) => g.dimension === d1)).toMatchObject({
      manager: 3.6,
      staff: 3,
      gap: 0.6,
      ci95: [-0.4, 1.6],
      reading: 'unclear',
      partners: 4,
      // Beside the mean, the middle of the same four gaps, (0,5 + 0,5) / 2: the yardstick each row's
      // "usual" is the leave-one-out version of (Alpha's others 0,5 0,5 0,0 → 0,5).
      median: 0.5,
    })
    expect(d.gap[0]).toMatchObject({
      partner: 'Alpha',
      dimension: d1,
      gap: 1.5,
      ci95: [0.9, 2.1],
      typical: 0.5,
      typicalPartners: 3,
      versusTypical: 'larger',
    })
    const beta = d.gap.find((g) => g.partnerId === 'b' && g.dimension === d1)
    expect(beta).toMatchObject({ gap: 0.5, ci95: [-0.1, 1.1], reading: 'unclear', typical: 0.5, versusTypical: 'same' })
    // A viewer limited to Beta sees Beta's own gap without the others' median, nor the programme's,
    // which is made of the partner gaps too: the other partners' gaps are not theirs to read, so
    // neither is a number made of them.
    const mine = dashboard('b')
    expect(mine.gapTypical).toEqual([])
    expect(new Set(mine.gap.map((g) => g.partnerId))).toEqual(new Set(['b']))
    expect(mine.gap.find((g) => g.dimension === d1)).toEqual({
      ...beta,
      typical: null,
      typicalPartners: null,
      versusTypical: null,
    })
  })
})

describe("the heatmap's gap column", () => {
  it('gives a number only for a partner with a gap clearly unlike the typical one, and sorts the others after it', async () => {
    const d = dashboard()
    for (const lang of ['nl', 'en'] as const) {
      const html = String(await Heatmap({ lang, d, trendKey: 'programme', sort: { by: 'gap' } })?.toString())
      const rows = html.split('<tr').filter((r) => /data-partner="[a-d]"/.test(r))
      // Alpha's coaching +1,5 is larger than the others' 0,5; Beta's, Gamma's and Delta's gaps are each
      // as typical (Delta's 0,0 too: its interval −0,6 to 0,6 holds 0,5), so their cells say so, without a number.
      expect(rows.map((r) => r.match(/data-partner="(\w)"/)![1])).toEqual(['a', 'b', 'd', 'c'])
      expect(rows[0]).toContain('data-gap="1"')
      expect(await text(rows[0])).toContain(lang === 'nl' ? '+1,5' : '+1.5')
      // Which way it is unlike the typical gap, in words (a lead read a bare "+0,2 … gebruikelijk +0,5").
      expect(await text(rows[0])).toContain(
        lang === 'nl' ? 'hoger dan gebruikelijk (+0,5)' : 'higher than usual (+0.5)',
      )
      for (const r of rows.slice(1)) {
        expect(r).not.toContain('data-gap=')
        expect(await text(r)).toContain(
          lang === 'nl'
            ? 'op geen dimensie duidelijk anders dan gebruikelijk'
            : 'on no dimension clearly different from typical',
        )
      }
    }
  })
})

describe('the gap table in words', () => {
  const cases: [Lang, string[]][] = [
    [
      'en',
      [
        "How to read a row, with the first one (Alpha, Coaching leadership): Team managers rate themselves 1.5 higher than their staff do (interval 0.9 to 2.1). The usual gap at the other 3 partners on this dimension (the middle one of their gaps) is +0.5. It lies higher than the other partners' gaps: their usual gap lies below its interval. A gap says that views differ, not who is right, nor whether managers have adapted.",
        'Beta Coaching leadership 3.5 3.0 +0.5 −0.1 to 1.1 not clearly different (usual +0.5; median of the 3 other partners)',
        'Coaching leadership 4 3.6 3.0 +0.6 −0.4 to 1.6 +0.5 Team managers rate themselves 0.6 higher than their staff do, but the interval (−0.4 to 1.6) includes 0: the data cannot tell this from no gap.',
      ],
    ],
    [
      'nl',
      [
        'Zo leest u een regel, met de eerste (Alpha, Coachend leidinggeven): Teammanagers beoordelen zichzelf 1,5 hoger dan hun medewerkers doen (interval 0,9 tot 2,1). Het gebruikelijke verschil bij de andere 3 partners op deze dimensie (het middelste van hun verschillen) is +0,5. Het ligt hoger dan de verschillen bij de andere partners: hun gebruikelijke verschil ligt onder het interval. Een verschil zegt dat de beelden uiteenlopen, niet wie gelijk heeft en ook niet of managers zich hebben aangepast.',
        'Beta Coachend leidinggeven 3,5 3,0 +0,5 −0,1 tot 1,1 niet duidelijk anders (gebruikelijk +0,5; mediaan van de 3 andere partners)',
        'Coachend leidinggeven 4 3,6 3,0 +0,6 −0,4 tot 1,6 +0,5 Teammanagers beoordelen zichzelf 0,6 hoger dan hun medewerkers doen, maar het interval (−0,4 tot 1,6) bevat 0: de gegevens kunnen dit niet onderscheiden van geen verschil.',
      ],
    ],
  ]
  it.each(cases)(
    'says in %s what the gap is, against the typical one, and what it cannot say',
    async (lang, expected) => {
      const html = await text(GapTable({ lang, d: dashboard() }))
      for (const line of expected) expect(html).toContain(line)
      // The old claim, that a positive gap means managers believe they have adapted, is gone.
      expect(html).not.toMatch(/believe they have adapted|denken dat zij zich al hebben aangepast/)
      expect(html).toContain(lang === 'en' ? "The programme's gap" : 'Het verschil van het programma')
      // "About as usual" is gone: an interval that holds the others' median does not show the gaps alike.
      expect(html).not.toMatch(/about the same as usual|ongeveer zoals gebruikelijk/)
      expect(html).toContain(lang === 'en' ? 'not clearly different (usual ' : 'niet duidelijk anders (gebruikelijk ')
      // The programme's row gives the median beside the mean, and says why the rows' "usual" may differ from it.
      const raw = String(await GapTable({ lang, d: dashboard() }).toString())
      const row = new RegExp(`<tr id="gap-typical-${d1}"[\\s\\S]*?</tr>`).exec(raw)?.[0] ?? ''
      expect(row).toContain(`<td class="gap-median">+${lang === 'en' ? '0.5' : '0,5'}</td>`)
      expect(html).toContain(lang === 'en' ? 'Gap (median)' : 'Verschil (mediaan)')
      expect(html).toContain(
        lang === 'en'
          ? "a row's ‘usual’ below leaves the partner itself out"
          : 'het ‘gebruikelijk’ van een regel hieronder laat de partner zelf weg',
      )
    },
  )

  it('reads out as its example the first row the reader sees, not one folded away with the gaps not shown to differ', async () => {
    const d = dashboard()
    // More gaps than a table shows whole, the first of them one not shown to differ: folded away.
    const same = d.gap.filter((g) => g.versusTypical === 'same')
    const differ = d.gap.filter((g) => g.versusTypical !== 'same')
    expect(same.length).toBeGreaterThan(0)
    expect(differ.length).toBeGreaterThan(0)
    const many = Array.from({ length: 3 }, () => d.gap).flat()
    const gap = [same[0]!, ...many.filter((g) => g !== same[0])]
    expect(gap.length).toBeGreaterThan(20)
    const raw = String(await GapTable({ lang: 'nl', d: { ...d, gap } }).toString())
    const example = await text(
      raw.slice(raw.indexOf('id="gap-example"'), raw.indexOf('</p>', raw.indexOf('id="gap-example"'))),
    )
    const firstRow = await text(part(raw, 'gap-table').split('<tbody>')[1]!.split('</tr>')[0]!)
    const shownFirst = differ[0]!
    expect(example).toContain(`(${shownFirst.partner}, ${gapLabel(d, 'nl', shownFirst.dimension)})`)
    expect(firstRow).toContain(shownFirst.partner)
    expect(example).not.toContain(`(${same[0]!.partner}, ${gapLabel(d, 'nl', same[0]!.dimension)})`)
  })

  it('keeps the technical terms one click away, in the glossary', async () => {
    const en = await text(Glossary({ lang: 'en', agreement: null }))
    expect(en).toContain("Gap, interval and the other partners' median (Welch interval)")
    expect(en).toContain(
      'so a positive gap is the normal case, and a gap cannot tell whether managers have adapted, nor whose view is right',
    )
    expect(en).toContain('from 3 other partners on')
    const nl = await text(Glossary({ lang: 'nl', agreement: null }))
    expect(nl).toContain('Verschil, interval en de mediaan van de andere partners (Welch-interval)')
  })
})

describe('the gap in the stand-outs and the partner report', () => {
  it("names Alpha's gap as larger than the other partners', with its interval, and Beta's not at all", async () => {
    const en = await text(Standouts({ lang: 'en', d: dashboard(), trendKey: 'programme' }))
    expect(en).toContain(
      'Coaching leadership: team managers 4.5, staff 3.0, gap +1.5 (interval 0.9 to 2.1), higher than usual at the other partners (+0.5)',
    )
    // The programme's own gap, 0,6 (−0,4 to 1,6), is not clearly other than 0: not named.
    expect(en).not.toContain('team managers 3.6')
    expect(en).not.toContain('team managers 3.5')
    const nl = await text(Standouts({ lang: 'nl', d: dashboard(), trendKey: 'programme' }))
    expect(nl).toContain(
      'Coachend leidinggeven: teammanagers 4,5, medewerkers 3,0, verschil +1,5 (interval 0,9 tot 2,1), hoger dan gebruikelijk bij de andere partners (+0,5): de managers zien zichzelf hier gunstiger dan hun medewerkers hen zien',
    )
  })

  // Each case a gap with its interval and reading as gapOf would give them, against a usual gap:
  // whether it is nearer to 0 is its size against the usual one's (domain/gap.ts `sizeVersusTypical`),
  // and who sees whom more favourably is said only where its own interval excludes 0.
  it.each([
    // −0,1 with its interval holding 0 against +0,6: lower, but neither further from 0 nor "managers
    // see themselves less favourably" (a psychometrician's review found both said).
    [
      'en',
      -0.1,
      [-0.7, 0.5],
      'unclear',
      'smaller',
      0.6,
      'lower than usual at the other partners (+0.6)',
      ['less favourably', 'more favourably', 'closer to 0'],
    ],
    [
      'nl',
      -0.1,
      [-0.7, 0.5],
      'unclear',
      'smaller',
      0.6,
      'lager dan gebruikelijk bij de andere partners (+0,6)',
      ['minder gunstig', 'gunstiger', 'dichter bij 0'],
    ],
    // +0,1 against a usual −0,6 is higher than usual, yet nearer to 0: closer, not "more favourably".
    [
      'en',
      0.1,
      [-0.2, 0.4],
      'unclear',
      'larger',
      -0.6,
      'closer to 0 than usual at the other partners (−0.6): self-view and experience agree better here',
      ['more favourably', 'higher than usual'],
    ],
    [
      'nl',
      0.1,
      [-0.2, 0.4],
      'unclear',
      'larger',
      -0.6,
      'dichter bij 0 dan gebruikelijk bij de andere partners (−0,6): zelfbeeld en ervaring komen hier beter overeen',
      ['gunstiger', 'hoger dan gebruikelijk'],
    ],
    // 0,0 against +0,7: closer (a lead's review read it as a problem).
    [
      'en',
      0,
      [-0.4, 0.4],
      'unclear',
      'smaller',
      0.7,
      'closer to 0 than usual at the other partners (+0.7): self-view and experience agree better here',
      ['lower than usual', 'favourably'],
    ],
    // −0,9 wholly below −0,6: lower, and the interval excludes 0, so managers do see themselves less favourably.
    [
      'nl',
      -0.9,
      [-1.5, -0.3],
      'lower',
      'smaller',
      0.6,
      'lager dan gebruikelijk bij de andere partners (+0,6): de managers zien zichzelf hier minder gunstig dan hun medewerkers hen zien',
      ['dichter bij 0'],
    ],
    // −0,5 whose interval reaches −0,6: not told nearer 0, but its own interval excludes 0.
    [
      'en',
      -0.5,
      [-0.9, -0.1],
      'lower',
      'smaller',
      0.6,
      'lower than usual at the other partners (+0.6): managers here see themselves less favourably than their staff see them',
      ['closer to 0'],
    ],
    // +0,9 with its interval holding 0 against a usual −0,2: higher, but no "more favourably".
    [
      'en',
      0.9,
      [-0.1, 1.9],
      'unclear',
      'larger',
      -0.2,
      'higher than usual at the other partners (−0.2)',
      ['favourably', 'closer to 0'],
    ],
  ] as const)(
    'says which way a gap unlike the others points (%s, gap %d, interval %j, %s): by its size against the usual gap, and a direction only from its own interval',
    async (lang, gap, ci95, reading, versusTypical, typical, words, nots) => {
      const d = dashboard()
      const group = d.standouts.find((g) => g.items.some((x) => x.kind === 'gap'))!
      const item = group.items.find((x) => x.kind === 'gap')!
      const x = {
        ...item,
        gap,
        manager: 3 + gap,
        staff: 3,
        ci95: [...ci95] as [number, number],
        reading,
        versusTypical,
        typical,
      }
      const html = await text(
        Standouts({ lang, d: { ...d, standouts: [{ ...group, items: [x] }] }, trendKey: 'programme' }),
      )
      // The item's own words, after its interval: the page's other stand-outs (Alpha's +1,5) say theirs.
      const own = html.slice(html.indexOf(`(interval ${intervalText(lang, [...ci95])})`))
      expect(own).toContain(words)
      for (const not of nots) expect(own).not.toContain(not)
    },
  )

  it.each([
    [
      'en' as Lang,
      "Coaching leadership: Team managers rate themselves 0.5 higher than their staff do, but the interval (−0.1 to 1.1) includes 0: the data cannot tell this from no gap. The usual gap at the other 3 partners on this dimension (the middle one of their gaps) is +0.5. It is not clearly different from the other partners' gaps; a positive gap is the normal case, as self-ratings are milder on average.",
    ],
    [
      'nl' as Lang,
      'Coachend leidinggeven: Teammanagers beoordelen zichzelf 0,5 hoger dan hun medewerkers doen, maar het interval (−0,1 tot 1,1) bevat 0: de gegevens kunnen dit niet onderscheiden van geen verschil. Het gebruikelijke verschil bij de andere 3 partners op deze dimensie (het middelste van hun verschillen) is +0,5. Het is niet duidelijk anders dan de verschillen bij de andere partners; een positief verschil is het gewone geval, want een oordeel over jezelf is gemiddeld milder.',
    ],
  ])("reads Beta's report gap in %s, row by row and in words", async (lang, words) => {
    const r = reportOf(programme, data, {
      partnerId: 'b',
      role: 'medewerker',
      k: 5,
      onlyPartner: null,
      actions: [],
    })
    const raw = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
    const table = await text(part(raw, 'report-gap'))
    expect(table).toContain(
      lang === 'en'
        ? 'Coaching leadership 3.5 3.0 +0.5 −0.1 to 1.1 not clearly different (usual +0.5; median of the 3 other partners)'
        : 'Coachend leidinggeven 3,5 3,0 +0,5 −0,1 tot 1,1 niet duidelijk anders (gebruikelijk +0,5; mediaan van de 3 andere partners)',
    )
    const list = await text(
      raw.slice(raw.indexOf('id="report-gap-words"'), raw.indexOf('</ul>', raw.indexOf('id="report-gap-words"'))),
    )
    // Its reading in words, as a list item would give it…
    const coaching = r.d.gap.find((g) => g.dimension === 'coaching')!
    expect(`${gapLabel(r.d, lang, 'coaching')}: ${gapWords(lang, coaching, { caveat: false })}`).toBe(words)
    // …but a gap not shown to differ from the other partners' is named in one sentence with the others
    // like it, and only the gaps that differ (or have none to compare with) are read out one by one.
    expect(coaching.versusTypical).toBe('same')
    expect(list).not.toContain(gapLabel(r.d, lang, 'coaching'))
    for (const g of r.d.gap) if (g.versusTypical !== 'same') expect(list).toContain(gapLabel(r.d, lang, g.dimension))
    const same = await text(part(raw, 'report-gap-same'))
    expect(same).toContain(gapLabel(r.d, lang, 'coaching'))
    // Every one of Beta's gaps is so: "on none", not all ten named as a list to check against the table.
    expect(r.d.gap.every((g) => g.versusTypical === 'same')).toBe(true)
    expect(same).toContain(
      lang === 'en'
        ? "On no dimension is the gap clearly different from the other partners' gaps; the numbers are in the table."
        : 'Op geen enkele dimensie is het verschil duidelijk anders dan bij de andere partners; de getallen staan in de tabel.',
    )
    // Alpha's coaching gap differs and is read out; its other nine are named in one list, "… en …".
    const alpha = reportOf(programme, data, {
      partnerId: 'a',
      role: 'medewerker',
      k: 5,
      onlyPartner: null,
      actions: [],
    })
    const alphaRaw = String(await ReportPage({ lang, r: alpha, path: '/app', order: 1, canWrite: false }).toString())
    const alphaSame = await text(part(alphaRaw, 'report-gap-same'))
    const others = alpha.d.gap
      .filter((g) => g.versusTypical === 'same')
      .map((g) => gapLabel(alpha.d, lang, g.dimension))
    expect(others).toHaveLength(alpha.d.gap.length - 1)
    expect(alphaSame).toContain(
      `${lang === 'en' ? 'On' : 'Bij'} ${others.slice(0, -1).join(', ')} ${lang === 'en' ? 'and' : 'en'} ${others.at(-1)} ${
        lang === 'en' ? 'the gap is not clearly different' : 'is het verschil niet duidelijk anders'
      }`,
    )
    // What a gap cannot say, once after the list rather than after each dimension.
    const caveat =
      lang === 'en'
        ? 'A gap says that views differ, not who is right, nor whether'
        : 'Een verschil zegt dat de beelden uiteenlopen, niet wie gelijk heeft en ook niet'
    expect(list).not.toContain(caveat)
    expect(raw.split(caveat)).toHaveLength(2)
    expect(await text(part(raw, 'report-gap-caveat'))).toContain(caveat)
    // Said once on the page: not in the intro too, which is about this one partner, not "per partner".
    expect(raw.split(lang === 'en' ? 'not who is right' : 'niet wie gelijk heeft')).toHaveLength(2)
    expect(await text(part(raw, 'report-gap-intro'))).not.toMatch(/per partner/)
    expect(raw).toContain('id="report-gap-technical"')
    expect(raw).not.toMatch(/believe they have adapted|denken dat zij zich al hebben aangepast/)
  })
})

describe('"on no dimension" in the partner report', () => {
  it.each(['nl', 'en'] as Lang[])(
    'is said only where no gap of the partner is hidden; else the shown ones are named (%s)',
    async (lang) => {
      // Beta's team managers as above, but only 3 of them scored steun: that dimension's gap is hidden.
      const few = cell('b', 'teammanager', 6, { [d1]: 3.5 })
      few.stats!.steun = stats([3, 3.5, 2.5])
      const hiddenOne = publishWave(
        ins,
        ['a', 'b', 'c', 'd'],
        cells.map((c) => (c.partnerId === 'b' && c.role === 'teammanager' ? few : c)),
        5,
      )
      const withHidden: ProgrammeData = {
        ...data,
        published: new Map([['w1', { k: hiddenOne.k, shows: showsAnything(hiddenOne) }]]),
        publications: new Map([['w1', hiddenOne]]),
      }
      const r = reportOf(programme, withHidden, {
        partnerId: 'b',
        role: 'medewerker',
        k: 5,
        onlyPartner: null,
        actions: [],
      })
      expect(r.gapDimensions).toBe(
        dimensionsFor(ins, 'teammanager').filter((x) => dimensionsFor(ins, 'medewerker').includes(x)).length,
      )
      expect(r.d.gap.map((g) => g.dimension)).not.toContain('steun')
      expect(r.d.gap.every((g) => g.versusTypical === 'same')).toBe(true)
      const raw = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
      const same = await text(
        raw.slice(raw.indexOf('id="report-gap-same"'), raw.indexOf('</p>', raw.indexOf('id="report-gap-same"'))),
      )
      expect(same).not.toMatch(/Op geen enkele dimensie|On no dimension/)
      expect(same).toContain(gapLabel(r.d, lang, d1))
      expect(same).not.toContain(gapLabel(r.d, lang, 'steun'))
    },
  )
})

describe('plain words first in the partner report', () => {
  it.each([
    ['nl' as Lang, 'Ligt waarschijnlijk tussen', 'Hoe is de marge berekend? (technisch)', 'Interval (95%)'],
    ['en' as Lang, 'Probably between', 'How is the margin worked out? (technical)', 'Interval (95%)'],
  ])(
    'heads the gap interval in plain words in %s, the technical term one click away',
    async (lang, head, more, jargon) => {
      const r = reportOf(programme, data, { partnerId: 'b', role: 'medewerker', k: 5, onlyPartner: null, actions: [] })
      const raw = String(await ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }).toString())
      // Its words as read; a soft hyphen lets "waarschijnlijk" break on paper only (web/report.css).
      const table = part(raw, 'report-gap').replaceAll('\u00ad', '')
      expect(table).toContain(`<a href="#report-gap-technical" data-open="true">${head}</a>`)
      expect(table).not.toContain(jargon)
      const technical = raw.slice(
        raw.indexOf('id="report-gap-technical"'),
        raw.indexOf('</details>', raw.indexOf('id="report-gap-technical"')),
      )
      expect(technical).toContain(`<summary>${more}</summary>`)
      // The term itself is inside, one click away.
      expect(technical).toMatch(/Welch/)
    },
  )
})

describe('plain words first in the results page', () => {
  it.each([
    ['nl' as Lang, 'Ligt waarschijnlijk tussen', 'Interval (95%)'],
    ['en' as Lang, 'Probably between', 'Interval (95%)'],
  ])(
    "heads both gap tables' interval as the report does in %s, the term in the glossary",
    async (lang, head, jargon) => {
      const raw = String(await GapTable({ lang, d: dashboard() }).toString()).replaceAll('\u00ad', '')
      const tables = raw.split('<table').filter((t) => t.startsWith(' class="gap"'))
      // The programme's table and the partners' (those that differ, and the rest): the same words over the same kind of interval.
      expect(tables.map((t) => /id="([^"]+)"/.exec(t)?.[1])).toEqual(['gap-typical', 'gap-table', 'gap-table-same'])
      for (const table of tables) {
        expect(table).toContain(`<a href="#glossary-gap" data-open="true">${head}</a>`)
        expect(table).not.toContain(jargon)
      }
    },
  )
})

describe('what the gap is computed on', () => {
  it('says nothing where both roles answer the same questions (version 1)', async () => {
    expect(await text(GapTable({ lang: 'en', d: dashboard() }))).not.toContain('What the gap is computed on')
  })

  it('names, in both languages, the version-2 dimensions whose staff score holds a question team managers are not asked', async () => {
    const v2 = findInstrument('coachende-manager', 2)!
    const bases = gapBases(
      v2,
      v2.dimensions.map((x) => x.key),
    )
    const name = (lang: Lang) => (key: string) => v2.dimensions.find((x) => x.key === key)!.label[lang]
    // The dimensions whose bases read alike, named in one sentence (gap-basis.test.ts).
    const alike = bases.filter((b) => b.staff === 5 && b.managers === 4 && b.shared === 4).map((b) => b.dimension)
    expect(alike).toContain('autonomie')
    expect(alike).toContain('steun')
    const named = (lang: Lang, and: string) =>
      `${alike.slice(0, -1).map(name(lang)).join(', ')} ${and} ${name(lang)(alike.at(-1)!)}`
    const en = await text(GapBasis({ lang: 'en', bases, label: name('en') }))
    expect(en).toContain(
      `${named('en', 'and')}: the staff score rests on 5 questions, the team managers' on 4, of which 4 are the same questions worded for each role. The gap compares the two scores, so it also holds the one staff question that team managers are not asked.`,
    )
    const nl = await text(GapBasis({ lang: 'nl', bases, label: name('nl') }))
    expect(nl).toContain(`${named('nl', 'en')}: de score van medewerkers rust op 5 vragen, die van teammanagers op 4`)
    expect(nl).toContain('dus telt ook de ene vraag van medewerkers mee die teammanagers niet krijgen.')
    expect(nl + en).not.toContain('vraag of vragen')
    expect(nl + en).not.toContain('question(s)')
  })

  it('counts two or more questions team managers are not asked in the plural, in both languages', async () => {
    const bases = [{ dimension: 'x', staff: 6, managers: 4, shared: 4, staffOnly: 2, on: 'all' as const }]
    const en = await text(GapBasis({ lang: 'en', bases, label: () => 'X' }))
    expect(en).toContain('so it also holds the 2 staff questions that team managers are not asked.')
    const nl = await text(GapBasis({ lang: 'nl', bases, label: () => 'X' }))
    expect(nl).toContain('dus tellen ook de 2 vragen van medewerkers mee die teammanagers niet krijgen.')
  })
})

describe('a long list of partner gaps', () => {
  it.each(['nl', 'en'] as Lang[])(
    'shows the gaps that differ from the typical one, and the rest one click away (%s)',
    async (lang) => {
      const base = dashboard()
      // 24 rows, as a programme of many partners gives: those "not shown to differ" behind a summary.
      const gap = Array.from({ length: 24 }, (_, i) => ({
        ...base.gap[i % base.gap.length]!,
        partnerId: `p${i}`,
        partner: `P${String(i).padStart(2, '0')}`,
      }))
      const same = gap.filter((g) => g.versusTypical === 'same').length
      expect(same).toBeGreaterThan(0)
      expect(same).toBeLessThan(gap.length)
      const html = String(await (GapTable({ lang, d: { ...base, gap } }) as { toString(): string }).toString())
      const rowsOf = (id: string) =>
        [
          ...(new RegExp(`<table class="gap" id="${id}">([\\s\\S]*?)</table>`).exec(html)?.[1] ?? '').matchAll(
            /<tr id="gap-[^"]+" data-versus="(\w+)"/g,
          ),
        ].map((m) => m[1])
      expect(rowsOf('gap-table')).toHaveLength(gap.length - same)
      expect(rowsOf('gap-table').every((v) => v !== 'same')).toBe(true)
      expect(rowsOf('gap-table-same')).toEqual(new Array(same).fill('same'))
      expect(html).toMatch(/<details id="gap-same"><summary>/)
      expect(await text(html)).toContain(
        lang === 'nl'
          ? `${same} verschillen die niet duidelijk anders zijn dan bij de andere partners`
          : `${same} gaps not clearly different from the other partners'`,
      )
      // A list of 20 stays one table.
      const short = String(
        await (GapTable({ lang, d: { ...base, gap: gap.slice(0, 20) } }) as { toString(): string }).toString(),
      )
      expect(short).not.toContain('gap-table-same')
    },
  )
})

describe('what the gap is computed on, once staff scores on the shared questions are kept', () => {
  it('says, in both languages, that the gap leaves out the staff questions team managers are not asked', async () => {
    const v3 = findInstrument('coachende-manager', 3)!
    const bases = gapBases(
      v3,
      v3.dimensions.map((x) => x.key),
      'shared',
    )
    expect(bases.map((b) => [b.dimension, b.on])).toEqual([
      ['autonomie', 'shared'],
      ['steun', 'shared'],
    ])
    const name = (lang: Lang) => (key: string) => v3.dimensions.find((x) => x.key === key)!.label[lang]
    const en = await text(GapBasis({ lang: 'en', bases, label: name('en') }))
    expect(en).toContain(
      `${name('en')('autonomie')} and ${name('en')('steun')}: the staff score on the radar rests on 5 questions, the team managers' on 4, of which 4 are the same questions worded for each role. The gap compares the team managers' score with the staff score on those 4 questions alone, leaving out the one staff question that team managers are not asked; the staff mean in the gap table is that score.`,
    )
    expect(en).not.toContain('so it also holds')
    const nl = await text(GapBasis({ lang: 'nl', bases, label: name('nl') }))
    expect(nl).toContain('op alleen die 4 vragen, zonder de ene vraag van medewerkers die teammanagers niet krijgen')
    expect(nl).not.toContain('dus telt ook')
    const plural = [{ dimension: 'x', staff: 6, managers: 4, shared: 4, staffOnly: 2, on: 'shared' as const }]
    expect(await text(GapBasis({ lang: 'en', bases: plural, label: () => 'X' }))).toContain(
      'leaving out the 2 staff questions that team managers are not asked',
    )
    expect(await text(GapBasis({ lang: 'nl', bases: plural, label: () => 'X' }))).toContain(
      'zonder de 2 vragen van medewerkers die teammanagers niet krijgen',
    )
  })
})

describe('a gap of 0 whose interval holds 0', () => {
  it('says no difference is shown, not that the two rate alike, in both languages', () => {
    const g = { manager: 3.5, staff: 3.5, gap: 0, ci95: [-0.4, 0.4] as [number, number], reading: 'unclear' as const }
    const en = gapSentence('en', g)
    const nl = gapSentence('nl', g)
    expect(en).toContain('No difference is shown')
    expect(en).not.toContain('as their staff do')
    expect(nl).toContain('geen verschil aangetoond')
    expect(nl).not.toContain('zoals hun medewerkers')
  })
})

describe('the gap tables label what each number is, so it adds up by hand', () => {
  it("names the programme's columns means of the partners and its gap the mean of the partner gaps, in both languages", async () => {
    for (const [lang, partnersMean, gapsMean, both] of [
      ['nl', 'gemiddelde van de partners', 'gemiddelde van hun verschillen', 'Partners met een verschil'],
      ['en', 'mean of the partners', 'mean of their gaps', 'Partners with a gap'],
    ] as const) {
      const html = await text(GapTable({ lang, d: dashboard() }))
      const typical = html.slice(html.indexOf('Voorjaar'), html.indexOf(lang === 'nl' ? 'Per partner' : 'Per partner'))
      expect(typical).toContain(`(${partnersMean})`)
      expect(typical).toContain(`(${gapsMean})`)
      // How many partners each row's means are of (four here), so the base of each row can be checked.
      expect(typical).toContain(both)
      expect(typical).toMatch(/ 4 3[,.]6 3[,.]0 /)
    }
  })

  it("marks staff's side as the shared-questions score where the gap compares that, and only there", async () => {
    const d = dashboard()
    const basis = { dimension: d1, staff: 5, managers: 4, shared: 4, staffOnly: 1 }
    const on = await String(
      await (
        GapTable({ lang: 'en', d: { ...d, gapBasis: [{ ...basis, on: 'shared' }] } }) as { toString(): string }
      ).toString(),
    )
    const row = (html: string) => /<tr id="gap-a-coaching"[\s\S]*?<\/tr>/.exec(html)?.[0] ?? ''
    expect(row(on)).toContain(
      '3.0' + '<span class="gap-shared"> (on the questions team managers were also asked)</span>',
    )
    const off = String(
      await (
        GapTable({ lang: 'en', d: { ...d, gapBasis: [{ ...basis, on: 'all' }] } }) as { toString(): string }
      ).toString(),
    )
    expect(row(off)).not.toContain('gap-shared')
    expect(row(off)).toContain('<td>3.0</td>')
  })
})

describe("a partner's gap in the stand-outs, where the gap compares staff's shared-questions score", () => {
  it("says staff's number is on the questions team managers were also asked, so it is not taken for the heatmap's", async () => {
    const d = dashboard()
    const basis = { dimension: d1, staff: 5, managers: 4, shared: 4, staffOnly: 1 }
    const on = { ...d, gapBasis: [{ ...basis, on: 'shared' as const }] }
    expect(await text(Standouts({ lang: 'en', d: on, trendKey: 'programme' }))).toContain(
      'Coaching leadership: team managers 4.5, staff 3.0 (on the questions team managers were also asked), gap +1.5',
    )
    expect(await text(Standouts({ lang: 'nl', d: on, trendKey: 'programme' }))).toContain(
      'Coachend leidinggeven: teammanagers 4,5, medewerkers 3,0 (op de vragen die ook teammanagers kregen), verschil +1,5',
    )
    // On the stored scores (a wave published before the shared scores were kept): the plain number.
    const all = { ...d, gapBasis: [{ ...basis, on: 'all' as const }] }
    expect(await text(Standouts({ lang: 'en', d: all, trendKey: 'programme' }))).toContain(
      'Coaching leadership: team managers 4.5, staff 3.0, gap +1.5',
    )
  })
})

describe("the programme's gap in the stand-outs", () => {
  it('says its staff mean is over the partners where both groups are shown, not all staff', async () => {
    // Every partner's managers 4,0 against staff 3,0 on coaching: the programme's gap +1,0, clear and large.
    const even = publishWave(
      ins,
      ['a', 'b', 'c', 'd'],
      ['a', 'b', 'c', 'd'].flatMap((id) => [cell(id, 'medewerker', 10, {}), cell(id, 'teammanager', 6, { [d1]: 4 })]),
      5,
    )
    const d = resultsFor(
      programme,
      {
        ...data,
        publications: new Map([['w1', even]]),
        published: new Map([['w1', { k: 5, shows: showsAnything(even) }]]),
      },
      { role: 'medewerker', k: 5, onlyPartner: null },
    )
    const nl = await text(Standouts({ lang: 'nl', d, trendKey: 'programme' }))
    expect(nl).toMatch(
      /bij de partners waar beide groepen getoond worden, teammanagers 4,0 en hun medewerkers 3,0, gemiddeld verschil per partner \+1,0/,
    )
    // Said once after the programme's gaps, not after each of them.
    expect(nl.split('niet de medewerkersscore hierboven').length - 1).toBe(1)
    const en = await text(Standouts({ lang: 'en', d, trendKey: 'programme' }))
    expect(en).toContain(
      'at the partners where both groups are shown, team managers 4.0 and their staff 3.0, mean gap per partner +1.0',
    )
  })
})
