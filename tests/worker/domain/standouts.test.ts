import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { heatmapOf, heatSortDir, heatSortParam, parseHeatSort } from '../../../worker/domain/heatmap.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { bandOf, intervalLevels, shown, shownBands, shownDiff } from '../../../worker/domain/levels.ts'
import { cellView, publishWave, type Cell, type Publication } from '../../../worker/domain/publication.ts'
import {
  firstClear,
  closeTogether,
  strongestAndWeakest,
  HEADLINES,
  MOST,
  movedEverywhere,
  standoutsAndHeadlines,
  standoutsOf,
  type Headline,
  type Standout,
} from '../../../worker/domain/standouts.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { mini } from '../fixtures.ts'
import { scoreStats } from '../fixtures.ts'

// Version 1, pinned: the constructed cells name its dimensions.
const ins = findInstrument('coachende-manager', 1)!
const K = 5

/** Moments of a list of scores, as a rollup holds them ([n, sum, sumsq, level counts…]). */
const stats = (scores: number[]) => scoreStats(ins, scores)

/** `n` answer sets around `mean` (half at mean − 0.5, half at mean + 0.5) on every dimension the role was asked, unless given. */
function cell(partnerId: string, role: Role, n: number, means: Record<string, number | number[]>, base = 3): Cell {
  const out: Record<string, number[]> = {}
  for (const d of dimensionsFor(ins, role)) {
    const m = means[d] ?? base
    out[d] = stats(Array.isArray(m) ? m : Array.from({ length: n }, (_, i) => m + (i % 2 ? 0.5 : -0.5)))
  }
  return { partnerId, role, n, stats: out }
}

const partners = [
  { id: 'a', name: 'Alpha' },
  { id: 'b', name: 'Beta' },
  { id: 'h', name: 'Hidden' },
]
const ids = partners.map((p) => p.id)
const staffDims = dimensionsFor(ins, 'medewerker')

const of = (groups: ReturnType<typeof standoutsOf>, id: string | null, kind: Standout['kind']) =>
  groups
    .find((g) => (id === null ? g.subject.kind === 'programme' : g.subject.kind === 'partner' && g.subject.id === id))!
    .items.filter((x) => x.kind === kind)

describe('standoutsOf: strongest and weakest', () => {
  const cells: Cell[] = [
    cell('a', 'medewerker', 10, { coaching: 4.5, ruimte: 4.2, loslaten: 1.6, output: 2.0 }),
    cell('b', 'medewerker', 10, { coaching: 2.0, steun: 4.0 }),
    // 3 answer sets: below k, hidden; its extreme scores must never be named.
    cell('h', 'medewerker', 3, { coaching: 5, ruimte: 1 }),
  ]
  const pub = publishWave(ins, ids, cells, K)
  const groups = standoutsOf({ ins, publication: pub, previous: null, role: 'medewerker', partners })

  it("names each subject's highest and lowest shown dimensions with their shown mean and level", () => {
    expect(staffDims.length).toBeGreaterThanOrEqual(6)
    const strong = of(groups, 'a', 'strongest')
    const weak = of(groups, 'a', 'weakest')
    // Not a third: the next ones all read 3,0, and which of equals would be arbitrary.
    expect(strong.map((x) => x.dimension)).toEqual(['coaching', 'ruimte'])
    // Ten answer sets of SD 0.53: 4,5 (4,1–4,9) and 1,6 (1,2–2,0) each span two levels, so none is named.
    expect(strong[0]).toMatchObject({ kind: 'strongest', dimension: 'coaching', mean: 4.5, level: null, held: false })
    // Said as the heatmap says it: the levels the shown interval spans, 4,1–4,9 "between level 4 and 5".
    expect(strong[0]).toMatchObject({ span: [4, 5] })
    expect(weak.map((x) => x.dimension).slice(0, 2)).toEqual(['loslaten', 'output'])
    expect(weak[0]).toMatchObject({ mean: 1.6, level: null, span: [1, 2] })
    // Never one dimension both strongest and weakest.
    expect(strong.filter((x) => weak.some((y) => y.dimension === x.dimension))).toEqual([])
  })

  it('says a tie too wide to name in words rather than nothing', () => {
    // Alpha 4,5 on coaching and 1,9 on every other dimension; Beta 4,3 on all of them.
    const tied = publishWave(
      ins,
      ['a', 'b'],
      [cell('a', 'medewerker', 10, { coaching: 4.5 }, 1.9), cell('b', 'medewerker', 10, {}, 4.3)],
      K,
    )
    const g = standoutsOf({ ins, publication: tied, previous: null, role: 'medewerker', partners })
    const group = (id: string) => g.find((x) => x.subject.kind === 'partner' && x.subject.id === id)!
    expect(of(g, 'a', 'strongest').map((x) => x.dimension)).toEqual(['coaching'])
    expect(of(g, 'a', 'weakest')).toEqual([])
    expect(group('a').ties).toEqual([
      {
        kind: 'weakest',
        count: staffDims.length - 1,
        mean: 1.9,
        dimensions: staffDims.filter((x) => x !== 'coaching'),
      },
    ])
    expect(group('b').items).toEqual([])
    expect(group('b').ties).toEqual([{ kind: 'all', count: staffDims.length, mean: 4.3, max: 4.3 }])
  })

  it('names the level where the data can tell it: the same cells from 60 answer sets', () => {
    const many = publishWave(
      ins,
      ['a'],
      [cell('a', 'medewerker', 60, { coaching: 4.5, ruimte: 4.2, loslaten: 1.6, output: 2.0 })],
      K,
    )
    const g = standoutsOf({ ins, publication: many, previous: null, role: 'medewerker', partners })
    expect(of(g, 'a', 'strongest')[0]).toMatchObject({ dimension: 'coaching', mean: 4.5, level: 5, span: null })
    expect(of(g, 'a', 'weakest')[0]).toMatchObject({ dimension: 'loslaten', mean: 1.6, level: 1 })
  })

  it('says nothing about a hidden partner, and its numbers are in no statement of the programme', () => {
    expect(groups.find((g) => g.subject.kind === 'partner' && g.subject.id === 'h')!.items).toEqual([])
    // The programme is Alpha + Beta only: coaching (4.5·10 + 2.0·10)/20 = 3.25 → shown 3,3, not pulled towards Hidden's 5.
    const programme = groups[0]!
    expect(programme.subject).toEqual({ kind: 'programme' })
    const all = programme.items.filter((x): x is Extract<Standout, { mean: number }> => 'mean' in x)
    const coaching = all.find((x) => x.dimension === 'coaching')
    if (coaching) expect(coaching.mean).toBe(3.3)
    const expected = cellView(ins, pub.roles.medewerker!.programme)
    for (const x of all) expect(x.mean).toBe(shown(expected.scores![x.dimension]!.mean))
  })

  it('never calls a hidden dimension of a shown partner strongest or weakest', () => {
    // Beta: coaching given by only 3 of its 10 (k = 5): the lowest score it has, but hidden.
    const b = cell('b', 'medewerker', 10, { steun: 4.0 })
    b.stats.coaching = stats([1, 1, 1])
    const p = publishWave(ins, ['b'], [b], K)
    expect(p.roles.medewerker!.partners.b!.stats!.coaching).toBeNull()
    const g = standoutsOf({
      ins,
      publication: p,
      previous: null,
      role: 'medewerker',
      partners: [{ id: 'b', name: 'Beta' }],
    })
    for (const group of g) for (const x of group.items) expect(x.dimension).not.toBe('coaching')
    expect(of(g, 'b', 'strongest')[0]).toMatchObject({ dimension: 'steun', mean: 4 })
  })

  it('limits a reader to the partners it may see', () => {
    const mine = standoutsOf({ ins, publication: pub, previous: null, role: 'medewerker', partners: [partners[1]!] })
    expect(mine.map((g) => (g.subject.kind === 'partner' ? g.subject.id : 'programme'))).toEqual(['programme', 'b'])
  })
})

describe('standoutsOf: manager–staff gaps', () => {
  const both = dimensionsFor(ins, 'teammanager').filter((d) => staffDims.includes(d))
  const [d1, d2, d3] = both as [string, string, string]
  // Staff 10 and managers 6 per partner, each alternating mean ∓ 0.5: staff sd² = 2.5/9, managers sd² = 0.3.
  // A partner's half-width: se² = 0.027778 + 0.05, df = 10.33, t ≈ 2.2217, half = 0.620 → 0,6.
  const cells: Cell[] = [
    cell('a', 'medewerker', 10, { [d1]: 3, [d2]: 3, [d3]: 3 }),
    cell('a', 'teammanager', 6, { [d1]: 4.5, [d2]: 3.3, [d3]: 3 }),
    cell('b', 'medewerker', 10, { [d1]: 3, [d2]: 3, [d3]: 3 }),
    cell('b', 'teammanager', 6, { [d1]: 3.5, [d2]: 3.3, [d3]: 4 }),
    cell('c', 'medewerker', 10, { [d1]: 3, [d2]: 3, [d3]: 3 }),
    cell('c', 'teammanager', 6, { [d1]: 3.5, [d2]: 3.3, [d3]: 4 }),
    cell('e', 'medewerker', 10, { [d1]: 3, [d2]: 3, [d3]: 3 }),
    cell('e', 'teammanager', 6, { [d1]: 3.5, [d2]: 3.3, [d3]: 3.5 }),
    // Hidden's managers: 4, below k: no gap for it at all, and its 5,0 in no typical gap.
    cell('h', 'teammanager', 4, { [d1]: 5, [d2]: 5, [d3]: 5 }),
  ]
  const pub = publishWave(ins, ids.concat('c', 'e'), cells, K)
  const groups = standoutsOf({
    ins,
    publication: pub,
    previous: null,
    role: 'medewerker',
    partners: [...partners, { id: 'c', name: 'Gamma' }, { id: 'e', name: 'Epsilon' }],
  })

  it("names no gap on tactical management's view: its stand-outs are about its own role", () => {
    const tactical = dimensionsFor(ins, 'tactisch')
    const dt = both.find((d) => tactical.includes(d))
    expect(dt, 'a dimension asked of all three roles').toBeDefined()
    // On dt, Alpha's gap 1,5 against the others' 0,5, as d1 above; tactical management answered too.
    const three = (['a', 'b', 'c', 'e'] as const).flatMap((id) => [
      cell(id, 'medewerker', 10, { [dt!]: 3 }),
      cell(id, 'teammanager', 6, { [dt!]: id === 'a' ? 4.5 : 3.5 }),
      cell(id, 'tactisch', 6, Object.fromEntries(tactical.map((d) => [d, 4]))),
    ])
    const p = publishWave(ins, ['a', 'b', 'c', 'e'], three, K)
    const read = (role: Role) =>
      standoutsOf({
        ins,
        publication: p,
        previous: null,
        role,
        partners: [...partners, { id: 'c', name: 'Gamma' }, { id: 'e', name: 'Epsilon' }],
      })
    expect(of(read('medewerker'), 'a', 'gap').map((g) => g.dimension)).toEqual([dt])
    expect(of(read('tactisch'), 'a', 'gap')).toEqual([])
  })

  it("names a partner's gap only when the other partners' median gap lies outside its interval", () => {
    // d1 gaps: Alpha 1,5, Beta, Gamma and Epsilon 0,5. Alpha's others' median 0,5; 1,5 ± 0,6 = 0,9 to 2,1: larger.
    // Beta's others 1,5 0,5 0,5: 0,5, inside −0,1 to 1,1. d3 gaps: Alpha 0,0, Beta and Gamma 1,0, Epsilon 0,5.
    // Alpha's others 0,5 1,0 1,0: 1,0, above −0,6 to 0,6: smaller; Beta's others 0,0 0,5 1,0: 0,5, inside
    // 0,4 to 1,6; Epsilon's 0,0 1,0 1,0: 1,0, inside −0,1 to 1,1. d2: every partner 0,3: nothing stands out.
    expect(of(groups, 'a', 'gap')).toEqual([
      {
        kind: 'gap',
        subject: { kind: 'partner', id: 'a', name: 'Alpha' },
        dimension: d1,
        manager: 4.5,
        staff: 3,
        gap: 1.5,
        ci95: [0.9, 2.1],
        reading: 'higher',
        typical: 0.5,
        typicalPartners: 3,
        versusTypical: 'larger',
      },
      expect.objectContaining({ dimension: d3, gap: 0, ci95: [-0.6, 0.6], typical: 1, versusTypical: 'smaller' }),
    ])
    expect(of(groups, 'b', 'gap')).toEqual([])
    expect(of(groups, 'c', 'gap')).toEqual([])
    expect(of(groups, 'e', 'gap')).toEqual([])
    expect(of(groups, 'h', 'gap')).toEqual([])
  })

  it("lists the partner gaps furthest from typical across partners, never the programme's own", () => {
    const { headlines } = standoutsAndHeadlines({
      ins,
      publication: pub,
      previous: null,
      role: 'medewerker',
      partners: [...partners, { id: 'c', name: 'Gamma' }, { id: 'e', name: 'Epsilon' }],
    })
    const gaps = headlines.filter((h) => h.kind === 'gap')
    // Alpha d1 1,5 against the others' median 0,5, Alpha d3 0,0 against 1,0: both 1,0 away, the only two, both named.
    expect(gaps.map((g) => [g.subject.kind === 'partner' ? g.subject.id : 'programme', g.dimension])).toEqual([
      ['a', d1],
      ['a', d3],
    ])
  })

  it("names the programme's gap when its interval excludes 0 and it is at least 0,5", () => {
    // The programme's gap is the mean of the partner gaps with t(3) · sd / √4 (gap.ts `programmeGaps`).
    // Here d1's are 1,5 0,5 0,5 0,5: 0,75 → 0,8 ± 3.1824 × 0.5 / 2 = 0.80 → 0,0 to 1,6, not clear of 0;
    // d3's 0,0 1,0 1,0 0,5: 0,6 ± 0,8. Neither is named.
    expect(of(groups, null, 'gap')).toEqual([])
    // Partners whose gaps agree: d1 0,5 1,0 0,5 1,0 → 0,75 → 0,8 ± 3.1824 × 0.2887 / 2 = 0.46 → 0,3 to 1,3;
    // d3 0,5 0,5 0,5 1,0 → 0,625 → 0,6 ± 3.1824 × 0.25 / 2 = 0.40 → 0,2 to 1,0; d2: 0,3 is below NOTABLE_GAP. Largest first.
    const agree = (['a', 'b', 'c', 'e'] as const).flatMap((id, i) => [
      cell(id, 'medewerker', 10, { [d1]: 3, [d2]: 3, [d3]: 3 }),
      cell(id, 'teammanager', 6, { [d1]: i % 2 ? 4 : 3.5, [d2]: 3.3, [d3]: i === 3 ? 4 : 3.5 }),
    ])
    const g = of(
      standoutsOf({
        ins,
        publication: publishWave(ins, ['a', 'b', 'c', 'e'], agree, K),
        previous: null,
        role: 'medewerker',
        partners: [...partners, { id: 'c', name: 'Gamma' }, { id: 'e', name: 'Epsilon' }],
      }),
      null,
      'gap',
    )
    expect(g.map((x) => [x.dimension, (x as { gap: number }).gap])).toEqual([
      [d1, 0.8],
      [d3, 0.6],
    ])
    expect(g[0]).toMatchObject({
      manager: 3.8,
      staff: 3,
      ci95: [0.3, 1.3],
      reading: 'higher',
      typical: null,
      versusTypical: null,
    })
    expect(shownDiff(3.75, 3)).toBe(0.8)
  })
})

describe('standoutsOf: changes since the previous wave', () => {
  const before = publishWave(
    ins,
    ids,
    [
      cell('a', 'medewerker', 20, { coaching: 2.5, ruimte: 3.0 }),
      cell('b', 'medewerker', 20, {}),
      cell('h', 'medewerker', 20, { coaching: 1 }),
    ],
    K,
  )
  const now = publishWave(
    ins,
    ids,
    [
      cell('a', 'medewerker', 20, { coaching: 3.5, ruimte: 3.05 }),
      cell('b', 'medewerker', 20, {}),
      cell('h', 'medewerker', 2, { coaching: 5 }),
    ],
    K,
  )
  const groups = standoutsOf({
    ins,
    publication: now,
    previous: { label: 'Voorjaar', ins, publication: before },
    role: 'medewerker',
    partners,
  })

  it('names a significant change with the shown values and their difference', () => {
    const changes = of(groups, 'a', 'change')
    expect(changes).toHaveLength(1)
    expect(changes[0]).toMatchObject({
      kind: 'change',
      dimension: 'coaching',
      previousWave: 'Voorjaar',
      from: 2.5,
      to: 3.5,
      diff: 1,
    })
    expect((changes[0] as { p: number }).p).toBeLessThan(0.05)
  })

  it(`names at most ${MOST} changes and counts the rest, so the page can say "and 2 more"`, () => {
    // Five dimensions each a whole point up, 20 answer sets each wave: all significant.
    const five = Object.fromEntries(staffDims.slice(0, 5).map((d) => [d, 2.5]))
    const up = Object.fromEntries(staffDims.slice(0, 5).map((d) => [d, 3.5]))
    const g = standoutsOf({
      ins,
      publication: publishWave(ins, ['a'], [cell('a', 'medewerker', 20, up)], K),
      previous: {
        label: 'Voorjaar',
        ins,
        publication: publishWave(ins, ['a'], [cell('a', 'medewerker', 20, five)], K),
      },
      role: 'medewerker',
      partners,
    })
    expect(of(g, 'a', 'change')).toHaveLength(MOST)
    const group = g.find((x) => x.subject.kind === 'partner' && x.subject.id === 'a')!
    expect(group.more).toEqual({ gap: 0, change: 5 - MOST })
    // The unchanged groups above have nothing more to say.
    expect(groups.every((x) => x.more.change === 0 && x.more.gap === 0)).toBe(true)
  })

  it('says nothing of a change that is not significant, nor of a partner hidden in either wave', () => {
    expect(of(groups, 'a', 'change').some((x) => x.dimension === 'ruimte')).toBe(false)
    expect(of(groups, 'b', 'change')).toEqual([])
    expect(groups.find((g) => g.subject.kind === 'partner' && g.subject.id === 'h')!.items).toEqual([])
  })
})

describe("standoutsOf: the programme's change over the same partners only", () => {
  // Beta (30 answer sets, low) is shown in Voorjaar and has 3 in Najaar (hidden): the programme
  // total goes from about 2,1 to 4,0 with Alpha unchanged at 4,0, because Beta dropped out of it.
  const before = publishWave(
    ins,
    ['a', 'b'],
    [cell('a', 'medewerker', 10, {}, 4), cell('b', 'medewerker', 30, {}, 1.5)],
    K,
  )
  const now = publishWave(ins, ['a', 'b'], [cell('a', 'medewerker', 10, {}, 4), cell('b', 'medewerker', 3, {}, 4)], K)
  const told = standoutsAndHeadlines({
    ins,
    publication: now,
    previous: { label: 'Voorjaar', ins, publication: before },
    role: 'medewerker',
    partners,
  })
  const programme = told.groups.find((g) => g.subject.kind === 'programme')!

  it('names no change of the programme where its total holds other partners, and says so', () => {
    expect(shown(cellView(ins, before.roles.medewerker!.programme, 'programme').scores!.coaching!.mean)).toBe(2.1)
    expect(shown(cellView(ins, now.roles.medewerker!.programme, 'programme').scores!.coaching!.mean)).toBe(4)
    expect(programme.items.filter((x) => x.kind === 'change')).toEqual([])
    expect(programme.more.change).toBe(0)
    expect(programme.partnersChanged).toEqual({ previousWave: 'Voorjaar', dimensions: staffDims })
    expect(told.headlines.filter((h) => h.kind === 'change' || (h.kind === 'more' && h.of === 'change'))).toEqual([])
    // A partner is one group in both waves: it has no such note.
    expect(told.groups.filter((g) => g.subject.kind === 'partner').every((g) => g.partnersChanged === null)).toBe(true)
  })

  it('tests the change as before where the same partners are behind both totals, per dimension', () => {
    // Five partners shown in both waves (from MIN_CLUSTERS on the programme's change is tested, on
    // the partners' model: worker/domain/publication.ts `clusteredChange`), each up a point: the
    // programme's change is named.
    const five = [...partners.slice(0, 2), { id: 'x', name: 'X' }, { id: 'y', name: 'Y' }, { id: 'z', name: 'Z' }]
    const bases = [1.5, 1.7, 1.9, 2.1, 2.3]
    const wave = (up: number, replace?: Cell) =>
      publishWave(
        ins,
        five.map((p) => p.id),
        five.map((p, i) => (replace?.partnerId === p.id ? replace : cell(p.id, 'medewerker', 30, {}, bases[i]! + up))),
        K,
      )
    const spring = wave(0)
    const g = standoutsOf({
      ins,
      publication: wave(1),
      previous: { label: 'Voorjaar', ins, publication: spring },
      role: 'medewerker',
      partners: five,
    }).find((x) => x.subject.kind === 'programme')!
    expect(g.partnersChanged).toBeNull()
    expect(g.items.filter((x) => x.kind === 'change').length).toBeGreaterThan(0)
    // One dimension of Beta's hidden in Najaar (4 scores): only that dimension's total changed partners.
    const hidden = cell('b', 'medewerker', 30, {}, bases[1]! + 1)
    hidden.stats.coaching = stats([2, 3, 2, 3])
    const h = standoutsOf({
      ins,
      publication: wave(1, hidden),
      previous: { label: 'Voorjaar', ins, publication: spring },
      role: 'medewerker',
      partners: five,
    }).find((x) => x.subject.kind === 'programme')!
    expect(h.partnersChanged).toEqual({ previousWave: 'Voorjaar', dimensions: ['coaching'] })
    expect(h.items.some((x) => x.kind === 'change' && x.dimension === 'coaching')).toBe(false)
    expect(h.more.change + h.items.filter((x) => x.kind === 'change').length).toBe(staffDims.length - 1)
    // The two partners Alpha and Beta alone, Beta up a point: no design effect, so not tested.
    const two = publishWave(
      ins,
      ['a', 'b'],
      [cell('a', 'medewerker', 10, {}, 4), cell('b', 'medewerker', 30, {}, 2.5)],
      K,
    )
    const few = standoutsOf({
      ins,
      publication: two,
      previous: { label: 'Voorjaar', ins, publication: before },
      role: 'medewerker',
      partners,
    }).find((x) => x.subject.kind === 'programme')!
    expect(few.partnersChanged).toBeNull()
    expect(few.items.filter((x) => x.kind === 'change')).toEqual([])
  })
})

describe("standoutsOf: the programme's change over the partners shown in both waves, for a reader who sees them all", () => {
  // Five partners, each up a point; Z hidden in Najaar (3 answer sets): the programme's total holds
  // other partners, so its change is tested over the four shown in both (publication.ts `matchedChange`).
  const five = [...partners.slice(0, 2), { id: 'x', name: 'X' }, { id: 'y', name: 'Y' }, { id: 'z', name: 'Z' }]
  const bases = [1.5, 1.7, 1.9, 2.1, 2.3]
  const wave = (up: number, hideZ: boolean) =>
    publishWave(
      ins,
      five.map((p) => p.id),
      five.map((p, i) => cell(p.id, 'medewerker', hideZ && p.id === 'z' ? 3 : 30, {}, bases[i]! + up)),
      K,
    )
  const spring = wave(0, false)
  const autumn = wave(1, true)
  const told = (matched: boolean) =>
    standoutsAndHeadlines({
      ins,
      publication: autumn,
      previous: { label: 'Voorjaar', ins, publication: spring },
      role: 'medewerker',
      partners: five,
      matched,
    })
  const programmeOf = (t: ReturnType<typeof told>) => t.groups.find((g) => g.subject.kind === 'programme')!

  it('names it as the change of those partners, with their two means as shown', () => {
    const t = told(true)
    const g = programmeOf(t)
    expect(g.partnersChanged).toBeNull()
    const changes = [...g.items, ...t.headlines].filter((x) => x.kind === 'change' && x.subject.kind === 'programme')
    expect(changes.length).toBeGreaterThan(0)
    // The four partners' own means, from the cells a lead is shown: each 30 answer sets, so the plain mean of the four.
    const four = five.slice(0, 4).map((p) => p.id)
    for (const c of changes) {
      if (c.kind !== 'change') continue
      expect(c.partners).toBe(4)
      const mean = (pub: Publication) => {
        const ms = four.map(
          (id) => cellView(ins, pub.roles.medewerker!.partners[id], 'partner').scores![c.dimension]!.mean,
        )
        return ms.reduce((a, b) => a + b, 0) / ms.length
      }
      expect(c.from).toBe(shown(mean(spring)))
      expect(c.to).toBe(shown(mean(autumn)))
      expect(c.diff).toBe(shownDiff(mean(autumn), mean(spring)))
    }
    // Every dimension's matched change was tested, so it is counted with the partners' tests.
    const total = g.items.filter((x) => x.kind === 'change').length + g.more.change
    expect(total).toBe(staffDims.length)
  })

  it('is not given to a reader limited to one partner, nor unless asked', () => {
    const g = programmeOf(told(false))
    expect(g.partnersChanged).toEqual({ previousWave: 'Voorjaar', dimensions: staffDims })
    expect(g.items.filter((x) => x.kind === 'change')).toEqual([])
    expect(JSON.stringify(told(false))).not.toContain('"partners":4')
  })
})

describe('headlines: programme-wide sentences', () => {
  const withC = [...partners, { id: 'c', name: 'Gamma' }, { id: 'd', name: 'Delta' }]
  // Alpha and Beta tie at 2,0 on coaching; Alpha alone lowest on ruimte and loslaten; Hidden (3
  // answer sets, below k) lowest of all on everything, and never named. Delta highest on ruimte and
  // next-lowest on loslaten, so those lines, of a partner named lowest above, have a next-lowest to lead with.
  const c = cell('c', 'medewerker', 10, { coaching: 3, loslaten: 4 })
  c.stats.loslaten = stats([1, 1, 1]) // Gamma's loslaten from 3 scores: hidden in a shown cell.
  const cells: Cell[] = [
    cell('a', 'medewerker', 10, { coaching: 2, ruimte: 2.5, loslaten: 3 }),
    cell('b', 'medewerker', 10, { coaching: 2, loslaten: 3.5 }),
    c,
    cell('d', 'medewerker', 10, { ruimte: 3.5, loslaten: 3.2 }),
    cell('h', 'medewerker', 3, { coaching: 1, ruimte: 1, loslaten: 1 }, 1),
  ]
  const pub = publishWave(
    ins,
    withC.map((p) => p.id),
    cells,
    K,
  )
  const { headlines } = standoutsAndHeadlines({
    ins,
    publication: pub,
    previous: null,
    role: 'medewerker',
    partners: withC,
  })
  const lowest = headlines.filter((h): h is Headline & { kind: 'lowest' } => h.kind === 'lowest')

  it('names the lowest shown partner per dimension with its mean, how many partners it is of, and the programme', () => {
    expect(lowest.map((h) => h.dimension)).toEqual(['coaching', 'ruimte', 'loslaten'])
    // Ties as shown are named together, not broken: Alpha and Beta both read 2,0.
    expect(lowest[0]).toEqual({
      kind: 'lowest',
      role: 'medewerker',
      dimension: 'coaching',
      mean: 2,
      partners: [
        { id: 'a', name: 'Alpha' },
        { id: 'b', name: 'Beta' },
      ],
      // Gamma's and Delta's 3,0 the highest shown: whom to learn from, beside who is lowest.
      highest: {
        mean: 3,
        partners: [
          { id: 'c', name: 'Gamma' },
          { id: 'd', name: 'Delta' },
        ],
      },
      of: 4,
      // (2·10 + 2·10 + 3·10 + 3·10) / 40 = 2.5: the programme of the shown partners only, not Hidden's 1.
      programme: 2.5,
    })
    // Alpha is named lowest on ruimte and loslaten above: these lines lead with who comes next.
    expect(lowest[1]).toMatchObject({
      dimension: 'ruimte',
      mean: 2.5,
      partners: [{ id: 'a' }],
      next: { mean: 3, partners: [{ id: 'b' }, { id: 'c' }] },
      of: 4,
    })
    // Gamma's loslaten is hidden: of 3 partners, not 4, and Gamma's low scores are in no sentence, nor next-lowest.
    expect(lowest[2]).toMatchObject({
      dimension: 'loslaten',
      mean: 3,
      partners: [{ id: 'a' }],
      next: { mean: 3.2, partners: [{ id: 'd' }] },
      highest: { mean: 3.5, partners: [{ id: 'b' }] },
      of: 3,
    })
    expect(lowest[2]!.programme).toBe(shown((3 * 10 + 3.5 * 10 + 3.2 * 10) / 30))
  })

  it('says where one partner is lowest on several dimensions, first', () => {
    expect(headlines[0]).toEqual({
      kind: 'lowestOften',
      role: 'medewerker',
      partner: { id: 'a', name: 'Alpha' },
      dimensions: ['coaching', 'ruimte', 'loslaten'],
      of: 3,
    })
    // Beta is lowest on one dimension only: not "often".
    expect(headlines.filter((h) => h.kind === 'lowestOften')).toHaveLength(1)
  })

  it('says nothing about a hidden partner, nor where every partner shown reads the same', () => {
    const text = JSON.stringify(headlines)
    expect(text).not.toContain('Hidden')
    expect(text).not.toContain('"h"')
    // Every other dimension reads 3,0 for all three: nobody is lowest there.
    expect(lowest.some((h) => h.dimension === 'output')).toBe(false)
  })

  it('compares nothing for a reader who sees one partner', () => {
    const mine = standoutsAndHeadlines({
      ins,
      publication: pub,
      previous: null,
      role: 'medewerker',
      partners: [partners[0]!],
    })
    expect(mine.headlines.filter((h) => h.kind === 'lowest' || h.kind === 'lowestOften')).toEqual([])
  })

  it(`keeps the ${HEADLINES.lowest} lowest dimensions, lowest first, with ties at the edge`, () => {
    const many = staffDims.slice(0, 7)
    const low = Object.fromEntries(many.map((d, i) => [d, 1.5 + 0.25 * Math.min(i, 5)]))
    // Alpha lowest on every one of them, Beta at 4,0 on all: the line "lowest on 7 of 7" says it, no line per dimension again.
    const two = publishWave(ins, ['a', 'b'], [cell('a', 'medewerker', 10, low), cell('b', 'medewerker', 10, {}, 4)], K)
    const alone = standoutsAndHeadlines({ ins, publication: two, previous: null, role: 'medewerker', partners })
    expect(alone.headlines[0]).toMatchObject({ kind: 'lowestOften', of: staffDims.length })
    expect(alone.headlines.filter((x) => x.kind === 'lowest')).toEqual([])
    // Seven partners, each lowest on one of them alone: 1,5 1,8 (1,75 as shown) 2,0 2,3 (2,25) 2,5
    // 2,8 2,8: the sixth and seventh tie at 2,8 — neither is the fifth.
    const seven = many.map((_, i) => ({ id: `p${i}`, name: `P${i}` }))
    const each = publishWave(
      ins,
      seven.map((x) => x.id),
      many.map((d, i) => cell(`p${i}`, 'medewerker', 10, { [d]: low[d]! }, 4)),
      K,
    )
    const h = standoutsAndHeadlines({ ins, publication: each, previous: null, role: 'medewerker', partners: seven })
    expect(h.headlines.flatMap((x) => (x.kind === 'lowest' ? [x.mean] : []))).toEqual([1.5, 1.8, 2, 2.3, 2.5])
  })

  it('says once a partner next-lowest on several dimensions after the one named, not a line each', () => {
    // As the demo of four: Alpha lowest everywhere, Beta next on the first four dimensions, Gamma next on the fifth.
    const four = [...partners.slice(0, 2), { id: 'c', name: 'Gamma' }, { id: 'd', name: 'Delta' }]
    const on = (ds: string[], mean: number) => Object.fromEntries(ds.map((d) => [d, mean]))
    const p = publishWave(
      ins,
      four.map((x) => x.id),
      [
        cell('a', 'medewerker', 10, {}, 1),
        cell('b', 'medewerker', 10, on(staffDims.slice(0, 4), 2), 4),
        cell('c', 'medewerker', 10, on([staffDims[4]!], 3), 4),
        cell('d', 'medewerker', 10, {}, 4),
      ],
      K,
    )
    const { headlines } = standoutsAndHeadlines({
      ins,
      publication: p,
      previous: null,
      role: 'medewerker',
      partners: four,
    })
    const lowest = headlines.filter((h) => h.kind === 'lowestOften' || h.kind === 'lowestAfter' || h.kind === 'lowest')
    expect(lowest).toEqual([
      {
        kind: 'lowestOften',
        role: 'medewerker',
        partner: { id: 'a', name: 'Alpha' },
        dimensions: staffDims,
        of: staffDims.length,
      },
      {
        kind: 'lowestAfter',
        role: 'medewerker',
        partner: { id: 'b', name: 'Beta' },
        after: [{ id: 'a', name: 'Alpha' }],
        dimensions: staffDims.slice(0, 4),
        // Of the dimensions where Alpha is lowest: all of them here.
        of: staffDims.length,
        tied: [],
      },
      // Gamma next on one only: its line. On the rest, after Alpha the others read 4,0 alike: no line.
      expect.objectContaining({
        kind: 'lowest',
        dimension: staffDims[4],
        next: { mean: 3, partners: [{ id: 'c', name: 'Gamma' }] },
      }),
    ])
  })

  it('names beside a dimension of "comes next" the others tied at that next-lowest value, as its own line does', () => {
    // Alpha lowest everywhere; Beta next on the first two, on the second tied with Gamma (2,3 as shown):
    // "Beta comes next on both" above "Gamma and Beta at 2,3" read as two different facts (a lead's review).
    const four = [...partners.slice(0, 2), { id: 'c', name: 'Gamma' }, { id: 'd', name: 'Delta' }]
    const p = publishWave(
      ins,
      four.map((x) => x.id),
      [
        cell('a', 'medewerker', 10, {}, 1),
        cell('b', 'medewerker', 10, { [staffDims[0]!]: 2, [staffDims[1]!]: 2.3 }, 4),
        cell('c', 'medewerker', 10, { [staffDims[1]!]: 2.31 }, 4),
        cell('d', 'medewerker', 10, {}, 4),
      ],
      K,
    )
    const { headlines } = standoutsAndHeadlines({
      ins,
      publication: p,
      previous: null,
      role: 'medewerker',
      partners: four,
    })
    const after = headlines.find((h) => h.kind === 'lowestAfter')
    expect(after).toMatchObject({
      partner: { id: 'b' },
      dimensions: staffDims.slice(0, 2),
      tied: [{ dimension: staffDims[1], partners: [{ id: 'c', name: 'Gamma' }] }],
    })
    // And the dimension's own line, kept since Gamma is not said there, names both at the same value.
    expect(headlines.find((h) => h.kind === 'lowest' && h.dimension === staffDims[1])).toMatchObject({
      next: { mean: 2.3, partners: [{ id: 'b' }, { id: 'c' }] },
    })
  })

  it('leads a line whose lowest is named just above with the next-lowest of the others, and leaves out one with nobody next', () => {
    // Alpha lowest on coaching, ruimte and (tied with Beta) loslaten; Gamma on steun; the rest 3,0 for all.
    const four = [...partners.slice(0, 2), { id: 'c', name: 'Gamma' }, { id: 'd', name: 'Delta' }]
    const p = publishWave(
      ins,
      four.map((x) => x.id),
      [
        cell('a', 'medewerker', 10, { coaching: 1.5, ruimte: 2, loslaten: 2.5 }),
        cell('b', 'medewerker', 10, { loslaten: 2.5 }),
        cell('c', 'medewerker', 10, { coaching: 3.5, steun: 2 }),
        cell('d', 'medewerker', 10, { coaching: 4 }),
      ],
      K,
    )
    const { headlines } = standoutsAndHeadlines({
      ins,
      publication: p,
      previous: null,
      role: 'medewerker',
      partners: four,
    })
    // Counted over every dimension compared, ruimte too: "3 of the 4" still adds up.
    expect(headlines[0]).toEqual({
      kind: 'lowestOften',
      role: 'medewerker',
      partner: { id: 'a', name: 'Alpha' },
      dimensions: ['coaching', 'ruimte', 'loslaten'],
      of: 4,
    })
    const lines = headlines.flatMap((h) => (h.kind === 'lowest' ? [h] : []))
    // Ruimte: after Alpha every other partner reads 3,0, so nobody is next-lowest: no line, the one above names it.
    // Loslaten: Beta, tied with Alpha, is named lowest nowhere above: the line as before. Kept by the value each leads with.
    expect(lines.map((h) => [h.dimension, h.next?.mean ?? h.mean])).toEqual([
      ['steun', 2],
      ['loslaten', 2.5],
      ['coaching', 3],
    ])
    expect(lines[1]!.next).toBeUndefined()
    expect(lines[2]).toEqual({
      kind: 'lowest',
      role: 'medewerker',
      dimension: 'coaching',
      // The lowest as before, so every number stays the view's own: Alpha's 1,5, then Beta's 3,0 among the other three.
      mean: 1.5,
      partners: [{ id: 'a', name: 'Alpha' }],
      next: { mean: 3, partners: [{ id: 'b', name: 'Beta' }] },
      highest: { mean: 4, partners: [{ id: 'd', name: 'Delta' }] },
      of: 4,
      programme: shown((1.5 + 3 + 3.5 + 4) / 4),
    })
  })

  it('firstClear names every row tied across the cut, or none of a tie too wide to name', () => {
    // 5, 4, 4, 3 keeping two: the second 4 would be left out, so both 4s are named (not one, not none).
    expect(firstClear([3, 5, 4, 4], 2, (x) => x)).toEqual([5, 4, 4])
    expect(firstClear([3, 5, 4], 2, (x) => x)).toEqual([5, 4])
    expect(firstClear([1], 3, (x) => x)).toEqual([1])
    // Three tied keeping one: more than twice the cut, so none of them.
    expect(firstClear([2, 2, 2], 1, (x) => x)).toEqual([])
    expect(firstClear([2, 2], 1, (x) => x)).toEqual([2, 2])
  })

  it('names the dimensions tied at the cut of strongest and weakest together, and none of a tie reaching the rest', () => {
    const dims = (...means: number[]) => means.map((mean, i) => ({ key: `d${i}`, mean }))
    // Five shown, two each: 4,3 then 4,2 and 4,2 tied at the cut: all three strongest; weakest below them.
    const { high, low } = strongestAndWeakest(dims(4.2, 3.1, 4.3, 2.0, 4.2))
    expect(high.map((x) => x.mean)).toEqual([4.3, 4.2, 4.2])
    expect(low.map((x) => x.mean)).toEqual([2.0, 3.1])
    // A tie at the cut that runs to the last dimension: nothing below it, so only 4,5 is strongest.
    expect(strongestAndWeakest(dims(4.5, 4.2, 4.2, 4.2)).high.map((x) => x.mean)).toEqual([4.5])
    // Eight shown, three each: weakest 2,0 and 2,5, then 3,0 and 3,0 tied at the cut (3,5 above them): all four named.
    expect(strongestAndWeakest(dims(4.5, 4.4, 3.9, 2.0, 2.5, 3.0, 3.0, 3.5)).low.map((x) => x.mean)).toEqual([
      2.0, 2.5, 3.0, 3.0,
    ])
  })

  it('names no strongest or weakest among shown means a step apart, and says they are close together', () => {
    const dims = (...means: number[]) => means.map((mean, i) => ({ key: `d${i}`, mean }))
    // Three at 3,2 and two at 3,1 named every dimension as highest or lowest: that told nothing.
    expect(strongestAndWeakest(dims(3.2, 3.1, 3.2, 3.1, 3.2))).toEqual({ high: [], low: [] })
    expect(closeTogether(dims(3.2, 3.1, 3.2, 3.1, 3.2))).toEqual({ min: 3.1, max: 3.2 })
    // Two steps apart is a spread to name.
    expect(closeTogether(dims(3.3, 3.1, 3.2))).toBeNull()
    expect(strongestAndWeakest(dims(3.3, 3.1, 3.2)).high.map((x) => x.mean)).toEqual([3.3])
    const near = publishWave(
      ins,
      ['a', 'b'],
      [
        cell('a', 'medewerker', 10, { coaching: 3.2, ruimte: 3.2 }, 3.1),
        cell('b', 'medewerker', 10, { coaching: 4.5 }, 2.0),
      ],
      K,
    )
    const g = standoutsOf({ ins, publication: near, previous: null, role: 'medewerker', partners })
    const a = g.find((x) => x.subject.kind === 'partner' && x.subject.id === 'a')!
    expect(a.items.filter((x) => x.kind === 'strongest' || x.kind === 'weakest')).toEqual([])
    expect(a.ties).toEqual([{ kind: 'all', count: staffDims.length, mean: 3.1, max: 3.2 }])
  })

  it("names no programme highest or lowest where each dimension's mean lies within every other's margin", () => {
    const ids4 = ['a', 'b', 'c', 'd']
    const named4 = ids4.map((id) => ({ id, name: id.toUpperCase() }))
    // Coaching 0,3 above the rest at every partner. Partners far apart (2,0 to 4,0) give the programme
    // margins wider than that 0,3; partners alike give narrow ones, and coaching is the highest.
    const programmeOf = (bases: number[]) =>
      standoutsOf({
        ins,
        publication: publishWave(
          ins,
          ids4,
          ids4.map((id, i) => cell(id, 'medewerker', 20, { coaching: bases[i]! + 0.3 }, bases[i]!)),
          K,
        ),
        previous: null,
        role: 'medewerker',
        partners: named4,
      })
    const apart = programmeOf([2.0, 4.0, 2.4, 3.6])
    const whole = apart.find((g) => g.subject.kind === 'programme')!
    expect(whole.items.filter((x) => x.kind === 'strongest' || x.kind === 'weakest')).toEqual([])
    expect(whole.ties).toEqual([{ kind: 'all', count: staffDims.length, mean: 3, max: 3.3, within: true }])
    // Each partner's own coaching is still its strongest: the rule is the programme's.
    for (const id of ids4) expect(of(apart, id, 'strongest').map((x) => x.dimension)).toEqual(['coaching'])
    const alike = programmeOf([3.0, 3.0, 3.0, 3.0])
    expect(of(alike, null, 'strongest').map((x) => x.dimension)).toEqual(['coaching'])
  })

  it('counts the gaps and changes it leaves out, so the page can say how many more there are', () => {
    // Four partners each a point up on coaching (all tied, significant): three would be named, so none is.
    const ids4 = ['a', 'b', 'c', 'd']
    const named4 = ids4.map((id) => ({ id, name: id.toUpperCase() }))
    const at = (m: number) =>
      publishWave(
        ins,
        ids4,
        ids4.map((id) => cell(id, 'medewerker', 20, { coaching: m })),
        K,
      )
    const h = standoutsAndHeadlines({
      ins,
      publication: at(3.5),
      previous: { label: 'Voorjaar', ins, publication: at(2.5) },
      role: 'medewerker',
      partners: named4,
    }).headlines
    // The programme and the four partners: five changes of +1,0 tied across the cut of three; three
    // are named, each of another subject: the partners' (the clearer: the programme's test is over
    // its four partners, a larger p), in the reader's order; two are counted.
    expect(
      h.flatMap((x) => (x.kind === 'change' ? [x.subject.kind === 'partner' ? x.subject.id : 'programme'] : [])),
    ).toEqual(['a', 'b', 'c'])
    expect(h.filter((x) => x.kind === 'more')).toMatchObject([{ of: 'change', n: 2, named: 3, range: [1, 1] }])
  })

  it('names three of a tie at the cut too wide to name together, and counts the rest', () => {
    // Eight partners and the programme each a point up on coaching: nine tied across the cut of
    // three. Naming none read "Nog 89 …" after nothing, and a lead wants the three largest: three
    // are named, each of another subject, and six counted.
    const ids8 = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'i']
    const at = (m: number) =>
      publishWave(
        ins,
        ids8,
        ids8.map((id) => cell(id, 'medewerker', 20, { coaching: m })),
        K,
      )
    const h = standoutsAndHeadlines({
      ins,
      publication: at(3.5),
      previous: { label: 'Voorjaar', ins, publication: at(2.5) },
      role: 'medewerker',
      partners: ids8.map((id) => ({ id, name: id.toUpperCase() })),
    }).headlines
    const named = h.filter((x) => x.kind === 'change')
    expect(named).toHaveLength(HEADLINES.change)
    expect(new Set(named.map((x) => JSON.stringify(x.subject))).size).toBe(HEADLINES.change)
    // Tested: every dimension of staff's, for the eight partners and the programme, each shown in both waves.
    expect(h.filter((x) => x.kind === 'more')).toEqual([
      {
        kind: 'more',
        of: 'change',
        n: 6,
        named: 3,
        range: [1, 1],
        tested: 9 * dimensionsFor(ins, 'medewerker').length,
      },
    ])
  })

  it('names the three largest clear changes of three subjects, a drop as much as a rise, and counts every other', () => {
    // A lead of 40 partners read "Rotterdam +0,9" twice (two dimensions of one partner), then "Nog
    // 58 … (van −0,8 tot +0,8)": the many at 0,8 tied across the cut were too wide to name, so
    // Toeslagen's drop from 3,8 to 3,0 went unnamed. Rotterdam +0,9 on coaching and ruimte,
    // Toeslagen −0,8 on coaching, five partners +0,8 on coaching.
    const ids7 = ['r', 't', 'a', 'b', 'c', 'd', 'e']
    const names7 = ids7.map((id) => ({
      id,
      name: id === 'r' ? 'Rotterdam' : id === 't' ? 'Toeslagen' : id.toUpperCase(),
    }))
    const wave = (m: Record<string, Record<string, number>>) =>
      publishWave(
        ins,
        ids7,
        ids7.map((id) => cell(id, 'medewerker', 20, m[id] ?? m.rest!)),
        K,
      )
    const told = standoutsAndHeadlines({
      ins,
      publication: wave({ r: { coaching: 3.4, ruimte: 3.4 }, t: { coaching: 3 }, rest: { coaching: 3.3 } }),
      previous: {
        label: 'Voorjaar',
        ins,
        publication: wave({ r: { coaching: 2.5, ruimte: 2.5 }, t: { coaching: 3.8 }, rest: { coaching: 2.5 } }),
      },
      role: 'medewerker',
      partners: names7,
    })
    const h = told.headlines
    const named = h.flatMap((x) => (x.kind === 'change' ? [x] : []))
    expect(named.map((x) => [x.subject.kind === 'partner' ? x.subject.name : 'programme', x.diff])).toEqual([
      ['Rotterdam', 0.9],
      // Of equal size a drop first: where a lead acts.
      ['Toeslagen', -0.8],
      ['A', 0.8],
    ])
    expect(named[1]).toMatchObject({ dimension: 'coaching', from: 3.8, to: 3, diff: -0.8 })
    // Every clear change (each group's own line holds them all) is named or counted, none twice.
    const clear = told.groups.reduce((a, g) => a + g.moved.up.length + g.moved.down.length, 0)
    const more = h.find((x) => x.kind === 'more' && x.of === 'change')
    expect(more).toMatchObject({ named: 3, n: clear - 3 })
    // Rotterdam's other +0,9 is counted, so the range says it.
    expect(more).toMatchObject({ range: [expect.any(Number), 0.9] })
  })

  it('gives the lowest and highest shown difference of the changes it counts, not of those it names', () => {
    // Six partners on coaching: +1,0, −0,8 and +0,8 are named (of equal size the drop first);
    // +0,7, +0,6 and −0,6 (and the programme's, in between) are counted, "van −0,6 tot +0,7".
    const ids6 = ['a', 'b', 'c', 'd', 'e', 'f']
    const wave = (means: number[]) =>
      publishWave(
        ins,
        ids6,
        ids6.map((id, i) => cell(id, 'medewerker', 20, { coaching: means[i]! })),
        K,
      )
    const h = standoutsAndHeadlines({
      ins,
      publication: wave([3.5, 3.3, 3.2, 3.1, 2.9, 2.7]),
      previous: { label: 'Voorjaar', ins, publication: wave([2.5, 2.5, 2.5, 2.5, 3.5, 3.5]) },
      role: 'medewerker',
      partners: ids6.map((id) => ({ id, name: id.toUpperCase() })),
    }).headlines
    const named = h.flatMap((x) => (x.kind === 'change' ? [x.diff] : []))
    expect(named).toEqual([1, -0.8, 0.8])
    const more = h.filter((x) => x.kind === 'more')
    expect(more).toHaveLength(1)
    expect(more[0]).toMatchObject({ of: 'change', named: 3, range: [-0.6, 0.7] })
  })

  it('lists the largest significant changes across subjects, largest first, none of a hidden partner', () => {
    const before = publishWave(
      ins,
      ['a', 'b', 'h', 'c', 'd'],
      [
        cell('a', 'medewerker', 20, { coaching: 2.5, ruimte: 2.5 }),
        cell('b', 'medewerker', 20, { coaching: 2.5 }),
        cell('h', 'medewerker', 3, { coaching: 1 }),
        // Two small partners of widely spread answers (no change of theirs is significant), so the
        // programme has MIN_CLUSTERS shown partners and its change is tested.
        cell('c', 'medewerker', 6, { coaching: [1, 4, 1, 4, 2.5, 2.5] }),
        cell('d', 'medewerker', 6, { coaching: [1, 4, 1, 4, 2.5, 2.5] }),
      ],
      K,
    )
    const now = publishWave(
      ins,
      ['a', 'b', 'h', 'c', 'd'],
      [
        cell('a', 'medewerker', 20, { coaching: 3.5, ruimte: 3.1 }),
        cell('b', 'medewerker', 20, { coaching: 4 }),
        cell('h', 'medewerker', 2, { coaching: 5 }),
        cell('c', 'medewerker', 6, { coaching: [2.25, 5, 2.25, 5, 4, 4] }),
        cell('d', 'medewerker', 6, { coaching: [2.25, 5, 2.25, 5, 4, 4] }),
      ],
      K,
    )
    const h = standoutsAndHeadlines({
      ins,
      publication: now,
      previous: { label: 'Voorjaar', ins, publication: before },
      role: 'medewerker',
      partners: [...partners, { id: 'c', name: 'Gamma' }, { id: 'd', name: 'Delta' }],
    }).headlines.filter((x): x is Headline & { kind: 'change' } => x.kind === 'change')
    expect(h.length).toBeGreaterThanOrEqual(HEADLINES.change)
    expect(h[0]).toMatchObject({
      subject: { kind: 'partner', id: 'b' },
      dimension: 'coaching',
      from: 2.5,
      to: 4,
      diff: 1.5,
    })
    // The programme: 2,5 everywhere to (20 × 3,5 + 20 × 4 + 12 × 3,75) / 52 = 3,75 → 3,8, Hidden in neither.
    expect(h[1]).toMatchObject({ subject: { kind: 'programme' }, dimension: 'coaching', from: 2.5, to: 3.8, diff: 1.3 })
    expect(h[2]).toMatchObject({ subject: { kind: 'partner', id: 'a' }, dimension: 'coaching', diff: 1 })
    for (let i = 1; i < h.length; i++) expect(Math.abs(h[i]!.diff)).toBeLessThanOrEqual(Math.abs(h[i - 1]!.diff))
    expect(h.some((x) => x.subject.kind === 'partner' && x.subject.id === 'h')).toBe(false)
  })
})

describe('shown precision', () => {
  it('gives the same shown mean the same level: 3.387 and 3.406 both read 3,4', () => {
    // A published cell of 60 with this mean (sd 0.5), as the page derives its score: its interval
    // (±0.13) spans bands 3 and 4, and from 60 scores (MIN_N_FOR_LEVEL 55) the band of the shown mean is named.
    const score = (mu: number) =>
      cellView(ins, {
        n: 60,
        hidden: null,
        stats: { coaching: [60, 60 * mu, 60 * mu * mu + 59 * 0.25, 0, 0, 0, 0, 0] },
      }).scores!.coaching!
    const a = score(3.387)
    const b = score(3.406)
    expect([shown(a.mean), shown(b.mean)]).toEqual([3.4, 3.4])
    expect(a.level).toBe(b.level)
    expect(a.level).toBe(4)
  })

  it('derives legend bands that do not share an edge at one decimal', () => {
    expect(shownBands(ins)).toEqual([
      { level: 1, from: 1, to: 1.7 },
      { level: 2, from: 1.8, to: 2.5 },
      { level: 3, from: 2.6, to: 3.3 },
      { level: 4, from: 3.4, to: 4.1 },
      { level: 5, from: 4.2, to: 5 },
    ])
    // Every shown value from 1,0 to 5,0 lies in exactly one band, the band of its level.
    for (let i = 10; i <= 50; i++) {
      const v = i / 10
      const holding = shownBands(ins).filter((b) => v >= b.from && v <= b.to)
      expect(holding.map((b) => b.level)).toEqual([bandOf(ins, v)])
    }
    expect(shownBands(mini)).toHaveLength(5)
  })

  it('reads the levels an interval spans off its shown ends and the legend (the heatmap tint, the report)', () => {
    const bands = shownBands(ins)
    // 3.36–4.04 reads 3,3–4,1: levels 3 and 4, the legend's 2,6–3,3 and 3,4–4,1.
    expect(intervalLevels(bands, [3.36, 4.04])).toEqual([3, 4])
    expect(intervalLevels(bands, [1.55, 2.65])).toEqual([1, 3])
    expect(intervalLevels(bands, [4.2, 5])).toEqual([5, 5])
  })

  it('takes differences of the shown values', () => {
    expect(shownDiff(4.14, 3.56)).toBe(0.5) // 4,1 − 3,6, not the exact 0,59 → "0,6"
    expect(shownDiff(3.0, 3.44)).toBe(-0.4)
  })
})

describe('heatmapOf', () => {
  const cells: Cell[] = [
    cell('a', 'medewerker', 50, { coaching: 4.5 }),
    cell('b', 'medewerker', 10, { coaching: 2.0 }),
    cell('h', 'medewerker', 3, { coaching: 5 }),
    cell('c', 'medewerker', 10, {}),
  ]
  const all = [...partners, { id: 'c', name: 'Charlie' }]
  const pub: Publication = publishWave(
    ins,
    all.map((p) => p.id),
    cells,
    K,
  )
  // Charlie's coaching given by 4 only: hidden in a shown row.
  pub.roles.medewerker!.partners.c!.stats!.coaching = null
  const input = {
    dimensions: staffDims,
    programme: { name: 'Programma', ...cellView(ins, pub.roles.medewerker!.programme) },
    partners: all.map((p) => ({ ...p, ...cellView(ins, pub.roles.medewerker!.partners[p.id]) })),
    gaps: [
      { partnerId: 'a', dimension: 'coaching', gap: 0.3, ci95: [-0.1, 0.7] as [number, number] },
      { partnerId: 'a', dimension: 'ruimte', gap: -0.9, ci95: [-1.5, -0.3] as [number, number] },
      { partnerId: 'b', dimension: 'coaching', gap: 1.2, ci95: null },
    ],
    bands: shownBands(ins),
  }

  it('shows shown means and levels, hidden cells without numbers', () => {
    const { rows, programme } = heatmapOf(input, { by: 'partner' })
    expect(rows.map((r) => r.name)).toEqual(['Alpha', 'Beta', 'Charlie', 'Hidden'])
    expect(rows[0]!.cells[0]).toEqual({
      dimension: 'coaching',
      mean: 4.5,
      level: 5,
      capped: false,
      held: false,
      reaches: [],
    })
    // Ten answer sets around 2,0 (interval 1,6–2,4, levels 1 and 2): a mean, no level, not held,
    // and the two levels its interval spans, which the page tints palely and names as a range.
    expect(rows[1]!.cells[0]).toEqual({
      dimension: 'coaching',
      mean: 2,
      level: null,
      capped: false,
      held: false,
      span: [1, 2],
    })
    expect(rows[2]!.cells[0]).toEqual({ dimension: 'coaching', mean: null, level: null, capped: false, held: false })
    expect(rows[3]).toMatchObject({ hidden: 'few', furthestGap: null })
    expect(rows[3]!.cells.every((c) => c.mean === null)).toBe(true)
    expect(programme.partnerId).toBeNull()
    // With the interval of that gap, the one the gap table shows beside it.
    // Without a typical gap to compare with, the furthest from 0: the largest as shown.
    expect(rows[0]!.furthestGap).toEqual({
      dimension: 'ruimte',
      gap: -0.9,
      ci95: [-1.5, -0.3],
      typical: null,
      away: 0.9,
      asTypical: false,
    })
    expect(rows[1]!.furthestGap).toEqual({
      dimension: 'coaching',
      gap: 1.2,
      ci95: null,
      typical: null,
      away: 1.2,
      asTypical: false,
    })
  })

  it('picks and sorts by the gap furthest from the typical gap (as the stand-outs rank gaps), not the largest', () => {
    // Alpha's coaching gap +0,3 lies 0,8 from the typical −0,5; its −0,9 only 0,3 from −0,6.
    // Beta's +1,2 is the largest gap of all, yet only 0,2 from the typical +1,0.
    const typed = {
      ...input,
      gaps: [
        { partnerId: 'a', dimension: 'coaching', gap: 0.3, ci95: [-0.1, 0.7] as [number, number], typical: -0.5 },
        { partnerId: 'a', dimension: 'ruimte', gap: -0.9, ci95: [-1.5, -0.3] as [number, number], typical: -0.6 },
        { partnerId: 'b', dimension: 'coaching', gap: 1.2, ci95: null, typical: 1.0 },
      ],
    }
    const { rows } = heatmapOf(typed, parseHeatSort('gap', staffDims))
    expect(rows.map((r) => r.name)).toEqual(['Alpha', 'Beta', 'Charlie', 'Hidden'])
    expect(rows[0]!.furthestGap).toEqual({
      dimension: 'coaching',
      gap: 0.3,
      ci95: [-0.1, 0.7],
      typical: -0.5,
      away: 0.8,
      asTypical: false,
    })
    expect(rows[1]!.furthestGap).toMatchObject({ dimension: 'coaching', away: 0.2 })
    expect(heatmapOf(typed, parseHeatSort('gap:asc', staffDims)).rows.map((r) => r.name)).toEqual([
      'Beta',
      'Alpha',
      'Charlie',
      'Hidden',
    ])
  })

  it('picks among the gaps not as typical, and shows and sorts on none where every gap of a partner is as typical', () => {
    const same = 'same' as const
    const typed = {
      ...input,
      gaps: [
        // Alpha: coaching 0,4 from typical yet as typical by its interval; ruimte 0,2 from it and smaller.
        {
          partnerId: 'a',
          dimension: 'coaching',
          gap: 0.9,
          ci95: [0.1, 1.7] as [number, number],
          typical: 0.5,
          versusTypical: same,
        },
        {
          partnerId: 'a',
          dimension: 'ruimte',
          gap: 0.3,
          ci95: [0.2, 0.4] as [number, number],
          typical: 0.5,
          versusTypical: 'smaller' as const,
        },
        // Beta: its one gap 0,7 from typical, as typical: nothing of Beta stands out.
        {
          partnerId: 'b',
          dimension: 'coaching',
          gap: 1.2,
          ci95: [-0.2, 2.6] as [number, number],
          typical: 0.5,
          versusTypical: same,
        },
      ],
    }
    const { rows } = heatmapOf(typed, parseHeatSort('gap', staffDims))
    expect(rows[0]).toMatchObject({ name: 'Alpha', furthestGap: { dimension: 'ruimte', away: 0.2, asTypical: false } })
    // Beta's 0,7 would have ranked first; as typical it sorts with the rows without a gap, by name.
    expect(rows.map((r) => r.name)).toEqual(['Alpha', 'Beta', 'Charlie', 'Hidden'])
    expect(rows[1]!.furthestGap).toMatchObject({ asTypical: true })
    expect(heatmapOf(typed, parseHeatSort('gap:asc', staffDims)).rows.map((r) => r.name)).toEqual([
      'Alpha',
      'Beta',
      'Charlie',
      'Hidden',
    ])
  })

  it('sorts by a dimension (lowest first: where to act) and by gap, rows without that number last', () => {
    const sort = parseHeatSort('dim:coaching', staffDims)
    expect(sort).toEqual({ by: 'dimension', dimension: 'coaching' })
    expect(heatSortDir(sort)).toBe('asc')
    expect(heatmapOf(input, sort).rows.map((r) => r.name)).toEqual(['Beta', 'Alpha', 'Charlie', 'Hidden'])
    // By value, not by name: Alpha renamed to sort last by name still comes before Beta's higher mean.
    const low = heatmapOf(
      { ...input, partners: input.partners.map((p) => (p.id === 'a' ? { ...p, name: 'Zulu' } : p)) },
      sort,
    ).rows.map((r) => r.name)
    expect(low).toEqual(['Beta', 'Zulu', 'Charlie', 'Hidden'])
    expect(heatmapOf(input, parseHeatSort('gap', staffDims)).rows.map((r) => r.name)).toEqual([
      'Beta',
      'Alpha',
      'Charlie',
      'Hidden',
    ])
    expect(parseHeatSort('dim:nope', staffDims)).toEqual({ by: 'partner' })
  })

  it('sorts either way, rows without the number last in both directions, and reads its own ?sort= back', () => {
    const names = (s: string) => heatmapOf(input, parseHeatSort(s, staffDims)).rows.map((r) => r.name)
    expect(names('dim:coaching:desc')).toEqual(['Alpha', 'Beta', 'Charlie', 'Hidden'])
    expect(names('gap:asc')).toEqual(['Alpha', 'Beta', 'Charlie', 'Hidden'])
    expect(names('partner:desc')).toEqual(['Hidden', 'Charlie', 'Beta', 'Alpha'])
    // The natural direction needs no suffix; a suffix on an unknown key is by partner, A–Z.
    expect(parseHeatSort('dim:coaching:asc', staffDims)).toEqual({ by: 'dimension', dimension: 'coaching' })
    expect(parseHeatSort('dim:nope:asc', staffDims)).toEqual({ by: 'partner' })
    for (const s of ['partner', 'partner:desc', 'gap', 'gap:asc', 'dim:coaching', 'dim:coaching:desc'])
      expect(heatSortParam(parseHeatSort(s, staffDims))).toBe(s)
  })
})

describe('partners that moved one way on every dimension', () => {
  const group = (id: string, up: string[], down: string[]) => ({
    subject: { kind: 'partner' as const, id, name: id.toUpperCase() },
    moved: { up, down },
  })
  const all = ['coaching', 'kader', 'steun']

  it('gathers, a line each way, the partners whose own lines name a clear change of every dimension', () => {
    const groups = [
      { subject: { kind: 'programme' as const }, moved: { up: [], down: all } },
      group('a', [], all),
      group('b', [], ['coaching', 'kader']),
      group('c', all, []),
      group('d', [], [...all].reverse()),
    ]
    expect(movedEverywhere(groups, 3, 'Najaar 2025')).toEqual([
      {
        kind: 'everywhere',
        direction: 'down',
        partners: [
          { id: 'a', name: 'A' },
          { id: 'd', name: 'D' },
        ],
        dimensions: 3,
        previousWave: 'Najaar 2025',
      },
      {
        kind: 'everywhere',
        direction: 'up',
        partners: [{ id: 'c', name: 'C' }],
        dimensions: 3,
        previousWave: 'Najaar 2025',
      },
    ])
  })

  it('says nothing without a wave before, or for a role of one dimension, or where no partner moved everywhere', () => {
    expect(movedEverywhere([group('a', [], all)], 3, undefined)).toEqual([])
    expect(movedEverywhere([group('a', [], ['coaching'])], 1, 'W1')).toEqual([])
    expect(movedEverywhere([group('a', ['kader'], ['coaching', 'steun'])], 3, 'W1')).toEqual([])
  })
})
