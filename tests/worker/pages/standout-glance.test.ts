import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import type { Wave } from '../../../worker/db/waves.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { showsAnything } from '../../../worker/domain/publication-parts.ts'
import { Standouts } from '../../../worker/pages/results-standouts.tsx'
import { messages } from '../../../worker/i18n/messages.ts'
import { CHANCE } from '../../../worker/domain/standouts.ts'
import { HEADLINE_STEPS } from '../../../worker/pages/results-standouts.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor } from '../../../worker/services/results-service.ts'
import type { ProgrammeData } from '../../../worker/domain/wave-results.ts'
import { pagePartner, pageProgramme, pageWave, scoreStats } from '../fixtures.ts'

/**
 * A partner's collapsed line in "what stands out" carries its clear changes up and down and its
 * overdue actions, so 40 lines can be scanned without opening each. Alpha's staff go from 2,0 to
 * 3,5 on coaching and Beta's from 3,5 to 2,0 on ruimte and steun (20 answer sets each, ∓ 0,5:
 * far beyond chance); Gamma stays at 3,0. Beta has an action overdue since a wave ago.
 */
const ins = findInstrument('coachende-manager', 1)!
const role: Role = 'medewerker'

const stats = (scores: number[]) => scoreStats(ins, scores)
function cell(partnerId: string, means: Record<string, number>): Cell {
  const out: Record<string, number[]> = {}
  for (const d of dimensionsFor(ins, role))
    out[d] = stats(Array.from({ length: 20 }, (_, i) => (means[d] ?? 3) + (i % 2 ? 0.5 : -0.5)))
  return { partnerId, role, n: 20, stats: out }
}
const partner = pagePartner
const partners = [partner('a', 'Alpha'), partner('b', 'Beta'), partner('c', 'Gamma')]
const wave = (id: string, label: string, month: number): Wave =>
  pageWave({
    id,
    label,
    instrumentVersion: 1,
    opensAt: `2026-0${month}-01T00:00:00.000Z`,
    closesAt: `2026-0${month + 1}-01T00:00:00.000Z`,
  })
const programme = pageProgramme
const ids = partners.map((p) => p.id)
const before = publishWave(
  ins,
  ids,
  [cell('a', { coaching: 2 }), cell('b', { ruimte: 3.5, steun: 3.5 }), cell('c', {})],
  5,
)
const after = publishWave(
  ins,
  ids,
  [cell('a', { coaching: 3.5 }), cell('b', { ruimte: 2, steun: 2 }), cell('c', {})],
  5,
)
const waves = [wave('w0', 'Voorjaar', 1), wave('w1', 'Najaar', 4)]
const data: ProgrammeData = {
  partners,
  waves,
  published: new Map([
    ['w0', { k: 5, shows: showsAnything(before) }],
    ['w1', { k: 5, shows: showsAnything(after) }],
  ]),
  publications: new Map([
    ['w0', before],
    ['w1', after],
  ]),
  scope: { all: true },
  changes: new Map(),
  participation: [],
  asked: new Set<string>(),
}
const d = resultsFor(programme, data, { waveId: 'w1', role, k: 5, onlyPartner: null })
const actions = [
  // Agreed a wave ago, due long past and still planned: overdue. Done or not yet due: not counted.
  {
    partnerId: 'b',
    waveId: 'w0',
    dimension: 'ruimte',
    what: 'Ketenoverleg',
    status: 'planned' as const,
    due: '2026-03-01',
  },
  { partnerId: 'b', waveId: 'w1', dimension: 'steun', what: 'Spreekuur', status: 'done' as const, due: '2026-03-01' },
  {
    partnerId: 'a',
    waveId: 'w1',
    dimension: 'coaching',
    what: 'Intervisie',
    status: 'planned' as const,
    due: '2999-01-01',
  },
]

const summaries = async (lang: 'nl' | 'en') => {
  const html = String(await Standouts({ lang, d, trendKey: 'programme', actions })?.toString())
  return Object.fromEntries(
    [...html.matchAll(/data-partner="(\w)"[^>]*>\s*<summary>([\s\S]*?)<\/summary>/g)].map((m) => [
      m[1]!,
      m[2]!.replace(/<[^>]+>/g, '').replace(/\s+/g, ' '),
    ]),
  )
}

describe("a partner's line in what stands out", () => {
  it('holds the dimensions of its clear changes up and down, as the groups hold them', () => {
    const moved = Object.fromEntries(
      d.standouts.flatMap((g) => (g.subject.kind === 'partner' ? [[g.subject.id, g.moved]] : [])),
    )
    expect(moved).toEqual({
      a: { up: ['coaching'], down: [] },
      b: { up: [], down: ['ruimte', 'steun'] },
      c: { up: [], down: [] },
    })
  })

  it('says them, naming their dimensions, and the overdue actions in a few words, in both languages, and nothing where there are none', async () => {
    // A count alone ("▲3 duidelijk hoger") sent a lead into every line to learn which dimensions (a lead's review).
    const nl = await summaries('nl')
    expect(nl.a).toContain('· ▲1 duidelijk hoger: Coachend leidinggeven')
    expect(nl.a).not.toContain('over tijd')
    expect(nl.b).toContain(
      '· ▼2 duidelijk lager: Ruimte voor ketenoplossingen, Beschikbaarheid en steun · ⚑1 afspraak over tijd',
    )
    expect(nl.c).not.toMatch(/[▲▼⚑]/)
    const en = await summaries('en')
    expect(en.a).toContain('· ▲1 clearly higher: Coaching leadership')
    expect(en.b).toContain(
      '· ▼2 clearly lower: Room for joint chain solutions, Availability and support · ⚑1 action overdue',
    )
  })

  it('says "every dimension" where all of the role\'s went the same way, rather than listing them all', async () => {
    const all = d.dimensions.map((x) => x.key)
    const every = {
      ...d,
      standouts: d.standouts.map((g) =>
        g.subject.kind === 'partner' && g.subject.id === 'c' ? { ...g, moved: { up: all, down: [] } } : g,
      ),
    }
    const html = String(await Standouts({ lang: 'nl', d: every, trendKey: 'programme', actions })?.toString())
    const line = /data-partner="c"[^>]*>\s*<summary>([\s\S]*?)<\/summary>/.exec(html)![1]!.replace(/<[^>]+>/g, '')
    expect(line).toContain(`· ▲${all.length} duidelijk hoger: elke dimensie`)
  })

  it('hides the signs from screen readers, which read the words', async () => {
    const html = String(await Standouts({ lang: 'nl', d, trendKey: 'programme', actions })?.toString())
    expect(html).toContain('<span aria-hidden="true">▼</span>')
  })
})

describe('the programme-wide sentences', () => {
  it.each([
    ['nl', 'Laagst op', 'met', 'hoogst'],
    ['en', 'Lowest on', 'at', 'highest'],
  ] as const)(
    'lead every line per dimension with its lowest, each a link to its cell, then its highest in plain words (%s)',
    async (lang, lowestOn, at, highest) => {
      const html = String(await Standouts({ lang, d, trendKey: 'programme', actions })?.toString())
      const lines = [...html.matchAll(/<li data-kind="(\w+)">([\s\S]*?)<\/li>/g)].map((m) => [m[1]!, m[2]!] as const)
      // Beta is lowest on ruimte and steun (2,0 each) and, tied with Gamma, on coaching, and said so once above.
      const often = lines.filter(([kind]) => kind === 'lowestOften')
      expect(often).toHaveLength(1)
      expect(often[0]![1].replace(/<[^>]+>/g, '')).toMatch(/^Beta /)
      const lowest = d.headlines.filter((h) => h.kind === 'lowest')
      const said = lines.filter(([kind]) => kind === 'lowest').map(([, x]) => x)
      expect(said).toHaveLength(lowest.length)
      // Coaching's line, Gamma tied with Beta; not ruimte's nor steun's, where after Beta the other two
      // read 3,0 alike: the line above names them, and "Laagst op …: Beta" again told the lead nothing.
      expect(lowest.map((h) => h.kind === 'lowest' && h.dimension)).toEqual(['coaching'])
      // One order for every line, the one named above too: a lead read four of five the other way
      // round, the lowest unlinked (a lead's review). Each lowest partner links to its heatmap cell,
      // where to act; the highest are named without a link, so 40 partners' lines are not a row of
      // keyboard stops (a lead's review counted them).
      const f = new Intl.NumberFormat(lang === 'nl' ? 'nl-NL' : 'en-GB', { minimumFractionDigits: 1 })
      const names = (ps: { id: string; name: string }[], dim: string) =>
        ps.map((p) => `<a href="#heat-${p.id}-${dim}">${p.name}</a>`)
      lowest.forEach((h, i) => {
        if (h.kind !== 'lowest') return
        const x = said[i]!
        expect(x.startsWith(`${lowestOn} `), x).toBe(true)
        const low = names(h.partners, h.dimension)
        const high = h.highest.partners.map((p) => p.name)
        for (const a of low) expect(x).toContain(a)
        for (const a of high) expect(x).toContain(a)
        expect(x.match(/<a /g)?.length, x).toBe(h.partners.length)
        expect(x.indexOf(low[0]!)).toBeLessThan(x.indexOf(`; ${highest} `))
        expect(x.indexOf(`; ${highest} `)).toBeLessThan(x.indexOf(high[0]!))
        expect(x).toContain(` ${at} ${f.format(h.mean)}; ${highest} `)
      })
      // Beta linked to its cell of each dimension in the line above, so once.
      for (const dim of ['ruimte', 'steun']) expect(html).toContain(`<a href="#heat-b-${dim}">`)
      expect(html).not.toContain(`<a href="#heat-b-ruimte">Beta</a> ${at} `)
      expect(html).not.toMatch(lang === 'nl' ? /Hoogst op / : /Highest on /)
    },
  )

  it.each([
    ['nl', 3, 'Nog 27 duidelijke veranderingen sinds de vorige ronde (van −0,4 tot +0,6): zie per partner hieronder.'],
    ['en', 3, '27 more clear changes since the previous wave (from −0.4 to +0.6): see each partner below.'],
  ] as const)(
    'say how far the changes they count went, not only how many (%s, %i named)',
    async (lang, named, text) => {
      const more = {
        ...d,
        headlines: [
          {
            kind: 'more' as const,
            of: 'change' as const,
            n: 27,
            named,
            range: [-0.4, 0.6] as [number, number],
            tested: 19,
          },
        ],
      }
      const html = String(await Standouts({ lang, d: more, trendKey: 'programme', actions })?.toString())
      const line = /<li data-kind="more">([\s\S]*?)<\/li>/.exec(html)![1]!.replace(/<[^>]+>/g, '')
      expect(line).toBe(text)
    },
  )

  it.each([
    ['nl', 'change', 'Nog 1 duidelijke verandering sinds de vorige ronde (elk +0,4): zie per partner hieronder.'],
    ['en', 'change', '1 more clear change since the previous wave (each +0.4): see each partner below.'],
    ['nl', 'gap', 'Nog 1 verschil tussen zelfbeeld en ervaring valt op: zie de tabel met verschillen.'],
    ['en', 'gap', '1 more gap between self-view and experience stands out: see the gap table.'],
  ] as const)(
    'say one more in the singular (%s, %s): "Nog 1 verschillen" was read by a lead',
    async (lang, of, text) => {
      const more = {
        ...d,
        headlines: [{ kind: 'more' as const, of, n: 1, named: 2, range: [0.4, 0.4] as [number, number], tested: 3 }],
      }
      const html = String(await Standouts({ lang, d: more, trendKey: 'programme', actions })?.toString())
      const line = /<li data-kind="more">([\s\S]*?)<\/li>/.exec(html)![1]!.replace(/<[^>]+>/g, '')
      expect(line.startsWith(text), line).toBe(true)
    },
  )

  it.each([
    [
      'nl',
      3,
      [],
      'Waar Beta het laagst is, komt Alpha daarna op 2 van die 3 dimensies: Ruimte voor ketenoplossingen en Beschikbaarheid en steun',
    ],
    [
      'en',
      3,
      [],
      'Where Beta is lowest, Alpha comes next on 2 of those 3 dimensions: Room for joint chain solutions and Availability and support',
    ],
    // Plainly "both" for "2 of the 2", and a tie at the next-lowest value named, as the dimension's own line names it.
    [
      'nl',
      2,
      [{ dimension: 'steun', partners: [{ id: 'c', name: 'Gamma' }] }],
      'Waar Beta het laagst is, komt Alpha daarna op beide: Ruimte voor ketenoplossingen en Beschikbaarheid en steun (gelijk met Gamma)',
    ],
    [
      'en',
      2,
      [{ dimension: 'steun', partners: [{ id: 'c', name: 'Gamma' }] }],
      'Where Beta is lowest, Alpha comes next on both: Room for joint chain solutions and Availability and support (tied with Gamma)',
    ],
  ] as const)(
    'say once a partner next-lowest on several after the one named, each dimension linked to its cell (%s, of %i)',
    async (lang, of, tied, text) => {
      const after = {
        ...d,
        headlines: [
          {
            kind: 'lowestAfter' as const,
            role,
            partner: { id: 'a', name: 'Alpha' },
            after: [{ id: 'b', name: 'Beta' }],
            dimensions: ['ruimte', 'steun'],
            of,
            tied: tied.map((x) => ({ dimension: x.dimension, partners: [...x.partners] })),
          },
        ],
      }
      const html = String(await Standouts({ lang, d: after, trendKey: 'programme', actions })?.toString())
      const line = /<li data-kind="lowestAfter">([\s\S]*?)<\/li>/.exec(html)![1]!
      expect(line.replace(/<[^>]+>/g, '')).toBe(text)
      expect([...line.matchAll(/href="#heat-a-(\w+)"/g)].map((m) => m[1])).toEqual(['ruimte', 'steun'])
    },
  )

  it.each([
    [
      'nl',
      'Laagst op Ruimte voor ketenoplossingen na Beta (2,0): Alpha en Gamma met 3,0; hoogst Delta met 3,5 (van 4 partners met een getal; programma 2,9)',
    ],
    [
      'en',
      'Lowest on Room for joint chain solutions after Beta (2.0): Alpha and Gamma at 3.0; highest Delta at 3.5 (of 4 partners with a number; programme 2.9)',
    ],
  ] as const)(
    'lead a line whose lowest is named above with the next-lowest, linked, the named once in plain words (%s)',
    async (lang, text) => {
      const b = { id: 'b', name: 'Beta' }
      const more = {
        ...d,
        headlines: [
          { kind: 'lowestOften' as const, role, partner: b, dimensions: ['ruimte', 'steun'], of: 2 },
          {
            kind: 'lowest' as const,
            role,
            dimension: 'ruimte',
            mean: 2,
            partners: [b],
            next: {
              mean: 3,
              partners: [
                { id: 'a', name: 'Alpha' },
                { id: 'c', name: 'Gamma' },
              ],
            },
            highest: { mean: 3.5, partners: [{ id: 'd', name: 'Delta' }] },
            of: 4,
            programme: 2.9,
          },
        ],
      }
      const html = String(await Standouts({ lang, d: more, trendKey: 'programme', actions })?.toString())
      const line = /<li data-kind="lowest">([\s\S]*?)<\/li>/.exec(html)![1]!
      expect(line.replace(/<[^>]+>/g, '')).toBe(text)
      // The next-lowest are where to act: linked to their cells; Beta's cell is linked in the line above.
      expect(line.match(/<a /g)).toHaveLength(2)
      expect(line).toContain('<a href="#heat-a-ruimte">Alpha</a>')
      expect(line).toContain('<a href="#heat-c-ruimte">Gamma</a>')
    },
  )

  it.each([
    ['nl', 'down', '2 partners zijn sinds Najaar 2025 op elke dimensie duidelijk lager: Alpha en Beta'],
    ['en', 'up', '1 partner is clearly higher on every dimension since Najaar 2025: Alpha'],
  ] as const)(
    'gather first the partners that moved one way on every dimension (%s, %s)',
    async (lang, direction, text) => {
      const partners = [
        { id: 'a', name: 'Alpha' },
        { id: 'b', name: 'Beta' },
      ].slice(0, direction === 'down' ? 2 : 1)
      const more = {
        ...d,
        headlines: [
          { kind: 'everywhere' as const, direction, partners, dimensions: 5, previousWave: 'Najaar 2025' },
          ...d.headlines,
        ],
      }
      const html = String(await Standouts({ lang, d: more, trendKey: 'programme', actions })?.toString())
      const first = /<li data-kind="(\w+)">([\s\S]*?)<\/li>/.exec(html)!
      expect(first[1]).toBe('everywhere')
      expect(first[2]!.replace(/<[^>]+>/g, '')).toBe(text)
      // Each partner named links to its trend, where the changes are.
      for (const p of partners)
        expect(first[2]).toMatch(new RegExp(`<a href="[^"]*trend=${p.id}[^"]*#trend-heading">${p.name}</a>`))
    },
  )

  it('say "each" where every change counted is of one size', async () => {
    const more = {
      ...d,
      headlines: [
        { kind: 'more' as const, of: 'change' as const, n: 9, named: 3, range: [1, 1] as [number, number], tested: 0 },
      ],
    }
    const html = String(await Standouts({ lang: 'nl', d: more, trendKey: 'programme', actions })?.toString())
    expect(html).toContain(
      'Nog 9 duidelijke veranderingen sinds de vorige ronde (elk +1,0): zie per partner hieronder.',
    )
  })

  it.each([
    [
      'nl',
      150,
      'Bij 150 geteste veranderingen wijst toeval er ongeveer 8 als duidelijk aan, ook waar niets veranderde: weeg één veranderde dimensie niet zwaar.',
    ],
    [
      'en',
      40,
      'With 40 changes tested, chance alone marks about 2 as clear, even where nothing changed: do not weigh a single changed dimension heavily.',
    ],
  ] as const)(
    'say how many clear changes chance alone gives, from CHANCE.from tested (%s)',
    async (lang, tested, text) => {
      const line = async (n: number) => {
        const more = {
          ...d,
          headlines: [
            {
              kind: 'more' as const,
              of: 'change' as const,
              n: 34,
              named: 3,
              range: [-0.4, 0.6] as [number, number],
              tested: n,
            },
          ],
        }
        const html = String(await Standouts({ lang, d: more, trendKey: 'programme', actions })?.toString())
        return /<li data-kind="more">([\s\S]*?)<\/li>/.exec(html)![1]!.replace(/<[^>]+>/g, '')
      }
      expect(await line(tested)).toContain(text)
      // 5% of the tested, rounded, as the sentence says: 150 × 0,05 = 7,5 → 8; 40 × 0,05 = 2.
      expect(Math.round(tested * CHANCE.share)).toBe(lang === 'nl' ? 8 : 2)
      expect(await line(CHANCE.from - 1)).not.toContain(text.slice(0, 12))
    },
  )
})

describe('the largest clear changes across the programme', () => {
  it.each([
    ['nl', 'Nog ', 'sinds Voorjaar'],
    ['en', ' more clear change', 'since Voorjaar'],
  ] as const)(
    'name each partner once, and count every other clear change after them (%s)',
    async (lang, more, since) => {
      const html = String(await Standouts({ lang, d, trendKey: 'programme', actions })?.toString())
      const list = html.slice(html.indexOf('id="standouts-headlines"'), html.indexOf('id="standouts-partners"'))
      const lines = [...list.matchAll(/<li data-kind="change">([\s\S]*?)<\/li>/g)].map((m) =>
        m[1]!.replace(/<[^>]+>/g, ''),
      )
      // Beta fell 1,5 on ruimte and on steun: one line, not two of three (its own line has both).
      expect(lines.filter((x) => x.startsWith('Beta'))).toHaveLength(1)
      expect(lines.filter((x) => x.startsWith('Alpha'))).toHaveLength(1)
      for (const x of lines) expect(x).toContain(since)
      const clear = d.standouts.reduce((a, g) => a + g.moved.up.length + g.moved.down.length, 0)
      const n = clear - lines.length
      expect(n).toBeGreaterThan(0)
      const rest = /<li data-kind="more">([\s\S]*?)<\/li>/.exec(list)![1]!.replace(/<[^>]+>/g, '')
      expect(rest).toContain(lang === 'nl' ? `${more}${n} duidelijke` : `${n}${more}`)
    },
  )
})

describe('the way past what stands out, for the keyboard', () => {
  it.each(['nl', 'en'] as const)(
    'starts with a link to the heatmap; a few partners, unfolded, need no second (%s)',
    async (lang) => {
      const html = String(await Standouts({ lang, d, trendKey: 'programme', actions })?.toString())
      const first = html.indexOf('<a ')
      expect(html.slice(first, html.indexOf('</a>', first))).toMatch(
        /^<a class="skip-past" href="#heatmap-heading" id="standouts-skip">/,
      )
      expect(html).toContain(messages[lang].standouts_skip)
      expect(html).not.toContain('id="standouts-skip-partners"')
    },
  )

  it('skips the partners too once they are many and folded', async () => {
    // Seven partners (more than six fold): the same results with the first partner's line repeated under other ids.
    const [programmeGroup, ...groups] = d.standouts
    const many = {
      ...d,
      partners: [...d.partners, ...[1, 2, 3, 4, 5].map((i) => ({ ...d.partners[0]!, id: `x${i}`, name: `X${i}` }))],
      standouts: [
        programmeGroup!,
        ...groups,
        ...[1, 2, 3, 4, 5].map((i) => ({
          ...groups[0]!,
          subject: { kind: 'partner' as const, id: `x${i}`, name: `X${i}` },
        })),
      ],
    }
    const html = String(await Standouts({ lang: 'nl', d: many, trendKey: 'programme', actions })?.toString())
    expect(html).toContain(
      `<a class="skip-past" href="#heatmap-heading" id="standouts-skip-partners">${messages.nl.standouts_skipPartners.replace('{n}', String(many.standouts.length - 1))}</a>`,
    )
    expect(html.indexOf('id="standouts-skip-partners"')).toBeLessThan(html.indexOf('class="standout-partner"'))
  })
})

/**
 * A next step beside the weakest named (a new lead's walk-through): the first HEADLINE_STEPS partner × dimension
 * pairs of the programme-wide sentences and each partner's weakest get a link to the action form
 * with both chosen, for a reader who may record one there, or, where an action is agreed on them,
 * that one in words instead, for every reader shown it.
 */
describe('the next step beside the weakest named', () => {
  const all = d.partners.map((p) => ({ id: p.id, name: p.name, dimensions: d.dimensions.map((x) => x.key) }))
  const render = async (lang: 'nl' | 'en', recordable = all) =>
    String(await Standouts({ lang, d, trendKey: 'programme', actions, recordable })?.toString())
  const headlines = (html: string) => /<ul class="headlines"[\s\S]*?<\/ul>/.exec(html)![0]
  const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ')

  it('links the first pairs named to the action form with partner and dimension chosen, at most HEADLINE_STEPS', async () => {
    const html = await render('nl')
    const top = headlines(html)
    const links = [
      ...top.matchAll(/<a href="([^"]+)" data-agree-partner="(\w)" data-agree-dimension="(\w+)">([^<]*)<\/a>/g),
    ]
    // Beta lowest on coaching (tied with Gamma), ruimte and steun: its lowest, ruimte, has an action
    // agreed a wave ago, said in words; then coaching's line, Beta and Gamma, each a link. Three in all.
    expect(links.map((m) => [m[2], m[3]])).toEqual([
      ['b', 'coaching'],
      ['c', 'coaching'],
    ])
    expect(HEADLINE_STEPS).toBe(3)
    expect(text(top)).toContain(
      'Actie afgesproken in Voorjaar met Beta over Ruimte voor ketenoplossingen: ‘Ketenoverleg’, gepland',
    )
    const [, href, , , words] = links[0]!
    expect(words).toBe('Actie afspreken met Beta over Coachend leidinggeven')
    const url = new URL(href!.replaceAll('&amp;', '&'), 'https://x')
    expect(url.searchParams.get('actionPartner')).toBe('b')
    expect(url.searchParams.get('actionDimension')).toBe('coaching')
    expect(url.searchParams.get('wave')).toBe('w1')
    expect(url.hash).toBe('#action-add')
  })

  it("gives each partner's weakest its step in its own lines, in both languages", async () => {
    const html = await render('en')
    const beta = /data-partner="b"[\s\S]*?<li data-kind="weakest">([\s\S]*?)<\/li>/.exec(html)![1]!
    expect(text(beta)).toContain(
      '· Action agreed in Voorjaar with Beta on Room for joint chain solutions: ‘Ketenoverleg’, planned',
    )
    expect(beta).not.toContain('data-agree-partner')
  })

  it('gives steps to whole lines while they fit, never to one of two partners tied lowest', async () => {
    const line = (dimension: string, ids: string[]) => ({
      kind: 'lowest' as const,
      role,
      dimension,
      mean: 2,
      partners: ids.map((id) => ({ id, name: id })),
      highest: { mean: 4, partners: [{ id: 'x', name: 'x' }] },
      of: 4,
      programme: 3,
    })
    // Alpha, then Gamma, then Alpha and Gamma tied: two and two would be four, past HEADLINE_STEPS.
    const tied = { ...d, headlines: [line('steun', ['a']), line('loslaten', ['c']), line('output', ['a', 'c'])] }
    const html = String(
      await Standouts({ lang: 'nl', d: tied, trendKey: 'programme', actions, recordable: all })?.toString(),
    )
    const links = [...headlines(html).matchAll(/data-agree-partner="(\w)" data-agree-dimension="(\w+)"/g)]
    expect(links.map((m) => `${m[1]} ${m[2]}`)).toEqual(['a steun', 'c loslaten'])
  })

  it('gives no link to a reader who may not record an action there, and still says an action agreed', async () => {
    const none = await render('nl', [])
    expect(none).not.toContain('data-agree-partner')
    expect(text(headlines(none))).toContain('Actie afgesproken in Voorjaar met Beta over Ruimte voor ketenoplossingen')
    // One who may record for Gamma alone: Gamma's link, no other.
    const gamma = await render(
      'nl',
      all.filter((p) => p.id === 'c'),
    )
    expect([...gamma.matchAll(/data-agree-partner="(\w)"/g)].map((m) => m[1])).toEqual(['c'])
  })
})
