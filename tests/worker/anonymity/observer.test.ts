import { describe, expect, it } from 'vitest'
import {
  addAnswerSet,
  covariance,
  emptyPool,
  shownScaleQuality,
  questionQuality,
} from '../../../worker/domain/measurement-quality.ts'
import type { PoolMoments } from '../../../worker/domain/measurement-quality.ts'
import type { Role } from '../../../schema/instrument.ts'
import { answersFor, ins, Observer, type CellJson, type ResultsJson, type MomentsJson, type Spec } from './adversary.ts'

/** A pool's statistics as `poolQuality` gives them, at any number of answer sets (its 100 is the service's refusal, not the arithmetic's). */
const poolQualityAt = (pool: PoolMoments) => ({
  respondents: pool.respondents,
  questions: Object.entries(pool.questions).map(([name, q]) => questionQuality(name, q)),
  scales: Object.fromEntries(Object.entries(pool.scales).map(([key, m]) => [key, shownScaleQuality(m)])),
})

/** The view and moments export of `pool` as the service makes them, with `completeScales` the scales' complete answer sets beside the scales. */
const released = (pool: PoolMoments, partners: number, completeScales: boolean) => {
  const q = poolQualityAt(pool)
  const view = {
    shown: true as const,
    wave: { id: 'w', label: 'w' },
    role: 'medewerker' as const,
    instrument: { id: ins.id, version: ins.version },
    respondents: q.respondents,
    partners,
    questions: q.questions,
    scales: Object.fromEntries(Object.entries(q.scales).map(([key, s]) => [key, { ...s, icc: null }])),
    completeAnswerSets: {
      respondents: pool.respondents,
      scales: completeScales
        ? Object.fromEntries(
            Object.entries(pool.scales).map(([key, s]) => [key, { n: s.n, share: s.n / pool.respondents }]),
          )
        : {},
      allItems: null,
    },
  }
  const exported: MomentsJson = {
    respondents: pool.respondents,
    partners,
    scales: Object.fromEntries(
      Object.entries(pool.scales).map(([key, s]) => [
        key,
        { items: s.items, n: s.n, means: s.n ? s.sum.map((x) => x / s.n) : null, covariance: covariance(s) },
      ]),
    ),
  }
  return { view, exported }
}

/** A hand-made dashboard of staff in a closed wave at k 5, with no gaps, changes or participation unless `over` gives them. */
const resultsFor = (over: Pick<ResultsJson, 'programme' | 'partners'> & Partial<ResultsJson>): ResultsJson => ({
  k: 5,
  published: true,
  role: 'medewerker',
  wave: { id: 'w', state: 'closed' },
  questions: null,
  gap: [],
  changes: [],
  participation: null,
  ...over,
})
type PartnerJson = ResultsJson['partners'][number]
/** A partner's row that shows its `n` answer sets' `cell`; its headcount `n` staff unless `headcounts` says. */
const shownPartner = (
  id: string,
  name: string,
  n: number,
  cell: Omit<CellJson, 'n' | 'suppressed'>,
  headcounts: Record<Role, number | null> = { medewerker: n, teammanager: null, tactisch: null },
): PartnerJson => ({ id, name, n, suppressed: false, ...cell, responseRate: null, headcounts })
/** A hidden partner's row: only its headcounts. */
const hiddenPartner = (id: string, name: string, headcounts: Partial<Record<Role, number>>): PartnerJson => ({
  id,
  name,
  n: null,
  suppressed: true,
  scores: null,
  responseRate: null,
  headcounts: { medewerker: null, teammanager: null, tactisch: null, ...headcounts },
})
/** The n, mean and sample sd of `values`, as a shown score states them. */
const sample = (values: number[]) => {
  const n = values.length
  const mean = values.reduce((x, y) => x + y, 0) / n
  return { n, mean, sd: Math.sqrt(values.reduce((x, y) => x + (y - mean) ** 2, 0) / (n - 1)) }
}

/** The Observer's stand-out check can fail: a stand-out about a hidden cell, or with a number no shown cell gives. */
describe('Observer: stand-outs', () => {
  const base = (standouts: ResultsJson['standouts']): ResultsJson =>
    resultsFor({
      programme: {
        n: 6,
        suppressed: false,
        scores: { coaching: { n: 6, mean: 3.25, sd: null, ci95: null, level: 3 } },
      },
      partners: [
        shownPartner('a', 'A', 6, { scores: { coaching: { n: 6, mean: 3.25, sd: null, ci95: null, level: 3 } } }),
        hiddenPartner('h', 'H', { medewerker: 3 }),
      ],
      standouts,
    })
  const strongest = (id: string | null, mean: number) => ({
    subject: id ? { kind: 'partner' as const, id, name: id } : { kind: 'programme' as const },
    items: [
      {
        kind: 'strongest' as const,
        subject: id ? { kind: 'partner' as const, id, name: id } : { kind: 'programme' as const },
        role: 'medewerker' as const,
        dimension: 'coaching',
        mean,
        level: 3,
      },
    ],
  })
  const read = (d: ResultsJson) => {
    const o = new Observer(() => ['a', 'h'])
    o.dashboard('lead', d)
    return o.inconsistent()
  }

  it('accepts stand-outs that state shown values of shown cells', () => {
    expect(read(base([strongest(null, 3.3), strongest('a', 3.3)]))).toEqual([])
  })

  it('flags a stand-out about a hidden partner, or a number that is not a shown value', () => {
    expect(read(base([strongest('h', 4.8)])).join()).toMatch(/no reading shows/)
    expect(read(base([strongest('a', 3.9)])).join()).toMatch(/no shown value/)
  })

  it('flags "and N more" that counts more changes or gaps than the shown cells and tables hold', () => {
    // A's cell shows one dimension, and the gap table has no gap of A.
    expect(read(base([{ ...strongest('a', 3.3), more: { gap: 0, change: 1 } }]))).toEqual([])
    expect(read(base([{ ...strongest('a', 3.3), more: { gap: 0, change: 2 } }])).join()).toMatch(/more changes/)
    expect(read(base([{ ...strongest('a', 3.3), more: { gap: 1, change: 0 } }])).join()).toMatch(/more gaps/)
  })
})

/** The Observer's headline check can fail: a sentence naming a hidden partner, a wrong lowest, a wrong count. */
describe('Observer: programme-wide headlines', () => {
  const score = (mean: number) => ({ n: 6, mean, sd: null, ci95: null, level: 3 })
  const partner = (id: string, mean: number | null) =>
    mean === null
      ? hiddenPartner(id, id, { medewerker: 6 })
      : shownPartner(id, id, 6, { scores: { coaching: score(mean) } })
  const view = (headlines: ResultsJson['headlines']): ResultsJson =>
    resultsFor({
      programme: { n: 18, suppressed: false, scores: { coaching: { ...score(3), n: 18 } } },
      partners: [partner('a', 2.04), partner('b', 1.96), partner('c', 5), partner('h', null)],
      headlines,
    })
  const lowest = (over: object = {}) => ({
    kind: 'lowest' as const,
    role: 'medewerker' as const,
    dimension: 'coaching',
    mean: 2,
    partners: [
      { id: 'a', name: 'a' },
      { id: 'b', name: 'b' },
    ],
    highest: { mean: 5, partners: [{ id: 'c', name: 'c' }] },
    of: 3,
    programme: 3,
    ...over,
  })
  const read = (d: ResultsJson) => {
    const o = new Observer(() => ['a', 'b', 'c', 'h'])
    o.dashboard('lead', d)
    return o.inconsistent().join(' | ')
  }

  it('accepts a lowest that names every shown partner at the lowest shown value, of the partners showing it', () => {
    expect(read(view([lowest()]))).toBe('')
  })

  it('flags a tie broken, a hidden partner named, a count that is not the shown partners, a number no cell shows', () => {
    expect(read(view([lowest({ partners: [{ id: 'a', name: 'a' }] })]))).toMatch(/the view's lowest a,b/)
    expect(read(view([lowest({ partners: [{ id: 'h', name: 'h' }], mean: 1 })]))).toMatch(/does not show/)
    expect(read(view([lowest({ of: 4 })]))).toMatch(/of 4, the view shows 3/)
    expect(read(view([lowest({ programme: 2.5 })]))).toMatch(/no shown value/)
    // The highest beside it: a hidden partner named, or not the top of the shown ones.
    expect(read(view([lowest({ highest: { mean: 5.5, partners: [{ id: 'h', name: 'h' }] } })]))).toMatch(
      /names h highest at 5.5, the view's c at 5/,
    )
    expect(
      read(view([{ kind: 'lowestOften', role: 'medewerker', partner: { id: 'h', name: 'h' }, dimensions: [], of: 1 }])),
    ).toMatch(/names partner h/)
    // "N more changes": the view shows 4 cells' worth of dimensions (programme, a, b, c), not 5.
    expect(read(view([{ kind: 'more', of: 'change', n: 4 }]))).toBe('')
    expect(read(view([{ kind: 'more', of: 'change', n: 5 }]))).toMatch(/5 more changes, the view holds 4/)
    expect(read(view([{ kind: 'more', of: 'gap', n: 1 }]))).toMatch(/1 more gaps, the view holds 0/)
  })
})

/**
 * The Observer's check of held cells can fail: a stand-out or headline telling of answers in two
 * groups ("geen niveau") where the view's cell does not show it, or of a hidden partner, or leaving
 * one of the view's held cells untold. A's coaching is held; B's names a level; H is hidden.
 */
describe('Observer: held cells', () => {
  const held = { n: 24, mean: 3, sd: null, ci95: null, level: null, verdict: { level: null, because: 'disagree' } }
  const named = { n: 24, mean: 3, sd: null, ci95: null, level: 3, verdict: { level: 3, because: 'interval' } }
  const subject = (id: string) => ({ kind: 'partner' as const, id, name: id })
  const item = (id: string) => ({
    kind: 'held' as const,
    subject: subject(id),
    role: 'medewerker' as const,
    dimension: 'coaching',
  })
  const line = (id: string, items: ReturnType<typeof item>[]) => ({ subject: subject(id), items })
  const headline = (partners: string[], more = 0) => ({
    kind: 'held' as const,
    role: 'medewerker' as const,
    partners: partners.map((id) => ({ id, name: id, dimensions: ['coaching'] })),
    more,
    dimensions: 1,
  })
  const view = (standouts: ResultsJson['standouts'], headlines: ResultsJson['headlines'] = []): ResultsJson =>
    resultsFor({
      programme: { n: 48, suppressed: false, scores: { coaching: { ...named, n: 48 } } },
      partners: [
        shownPartner('a', 'a', 24, { scores: { coaching: held as never } }),
        shownPartner('b', 'b', 24, { scores: { coaching: named as never } }),
        hiddenPartner('h', 'h', { medewerker: 3 }),
      ],
      standouts,
      headlines,
    })
  const read = (d: ResultsJson) => {
    const o = new Observer(() => ['a', 'b', 'h'])
    o.dashboard('lead', d)
    return { found: o.inconsistent().join(' | '), checked: o.heldClaims }
  }

  it("accepts the view's held cells told, and only those", () => {
    expect(read(view([line('a', [item('a')]), line('b', [])], [headline(['a'])]))).toEqual({ found: '', checked: 2 })
  })

  it('flags a split told of a cell that names a level or of a hidden partner, one left untold, and a wrong count', () => {
    expect(read(view([line('a', [item('a')]), line('b', [item('b')])])).found).toMatch(
      /b coaching: tells of a split the view's cell does not show/,
    )
    expect(read(view([line('a', [item('a')]), line('h', [item('h')])])).found).toMatch(
      /h coaching: tells of a split the view's cell does not show/,
    )
    expect(read(view([line('a', [])])).found).toMatch(/stand-outs of a: held , the view's cells held coaching/)
    expect(read(view([line('a', [item('a')])], [headline(['b'])])).found).toMatch(/b coaching is not a held cell/)
    expect(read(view([line('a', [item('a')])], [headline(['a'], 1)])).found).toMatch(
      /1 \+ 1 partners, the view holds 1/,
    )
  })
})

/**
 * The Observer's gap check can fail: a gap, interval or typical gap that the shown cells
 * of both roles do not give, or one about a hidden partner. Staff of A: 10 scores, mean 3, sd² 2.5/9;
 * managers: 6, mean 4.5, sd² 0.3: gap 1,5, half-width 0.620 (tests/worker/domain/gap.test.ts) → 0,9 to 2,1.
 */
describe('Observer: gaps', () => {
  const staff = { n: 10, mean: 3, sd: Math.sqrt(2.5 / 9), ci95: null, level: 3 }
  const managers = { n: 6, mean: 4.5, sd: Math.sqrt(0.3), ci95: null, level: 5 }
  const good = { manager: 4.5, staff: 3, gap: 1.5, ci95: [0.9, 2.1] as [number, number] }
  const view = (
    role: 'medewerker' | 'teammanager',
    gap: ResultsJson['gap'],
    typical: ResultsJson['gapTypical'] = [{ dimension: 'coaching', ...good }],
  ): ResultsJson => {
    const s = role === 'medewerker' ? staff : managers
    return resultsFor({
      role,
      programme: { n: s.n, suppressed: false, scores: { coaching: s } },
      partners: [
        shownPartner('a', 'A', s.n, { scores: { coaching: s } }, { medewerker: 10, teammanager: 6, tactisch: null }),
        hiddenPartner('h', 'H', { medewerker: 3, teammanager: 2 }),
      ],
      gap,
      gapTypical: typical,
    })
  }
  const row = (g: Partial<typeof good> & { partnerId?: string }) => ({
    partnerId: 'a',
    dimension: 'coaching',
    ...good,
    // One partner shows a gap: no others to set it against (worker/domain/gap.ts MIN_OTHER_PARTNERS).
    typical: null,
    versusTypical: null,
    ...g,
  })
  const read = (gap: ResultsJson['gap'], typical?: ResultsJson['gapTypical']) => {
    const o = new Observer(() => ['a', 'h'])
    o.dashboard('lead', view('teammanager', gap, typical))
    o.dashboard('lead', view('medewerker', gap, typical))
    return { bad: o.inconsistent().join(' | '), checked: o.gapIntervalsChecked }
  }

  it('accepts gaps and intervals that the shown cells of both roles give', () => {
    // One partner's gap and no programme gap: that is the mean of four or more partner gaps
    // (worker/domain/gap.ts `programmeGaps`), which this reader is not shown.
    expect(read([row({})], [])).toEqual({ bad: '', checked: 2 })
  })

  it('flags a programme gap made of fewer than four partner gaps the reader is shown', () => {
    expect(read([row({})]).bad).toMatch(/typical gap coaching: a programme gap from 1 partner gaps the reader is shown/)
  })

  it('flags a wrong interval, a wrong gap, a gap about a hidden partner and a wrong verdict', () => {
    expect(read([row({ ci95: [0.8, 2.2] })]).bad).toMatch(/interval \[0.8,2.2\] is not 1.5/)
    expect(read([row({ gap: 1.4 })]).bad).toMatch(/1.4 is not 4.5 − 3/)
    expect(read([row({ partnerId: 'h' })]).bad).toMatch(/lead gap h coaching: .* is about no shown cell \(hidden\)/)
    expect(read([{ ...row({}), versusTypical: 'larger' }]).bad).toMatch(
      /read larger, not the other partners' median's null/,
    )
    // A median the reader's own gap rows cannot give (made of partners it is not shown) is flagged.
    expect(read([{ ...row({}), typical: 0.5, versusTypical: 'larger' }]).bad).toMatch(
      /against 0.5 read larger, not the other partners' median's null/,
    )
    expect(read([row({})], [{ dimension: 'coaching', ...good, manager: 4.6 }]).bad).toMatch(/typical gap coaching/)
  })
})

/**
 * The Observer recomputes "lowest on two or more dimensions" (worker/domain/standouts.ts
 * `headlinesOf`) from the view's own rows, and can fail: a partner named who is not lowest that
 * often in the rows, one left out, a wrong count of dimensions, one named from a hidden cell.
 */
describe('Observer: lowest on several dimensions', () => {
  const score = (mean: number) => ({ n: 6, mean, sd: null, ci95: null, level: 3 })
  const partner = (id: string, means: [number, number] | null) =>
    means === null
      ? hiddenPartner(id, id, { medewerker: 6 })
      : shownPartner(id, id, 6, { scores: { coaching: score(means[0]), steun: score(means[1]) } })
  // a lowest on both dimensions; the hidden h would be lower still on both, were it counted.
  const view = (headlines: ResultsJson['headlines']): ResultsJson =>
    resultsFor({
      programme: {
        n: 18,
        suppressed: false,
        scores: { coaching: { ...score(3), n: 18 }, steun: { ...score(3), n: 18 } },
      },
      partners: [partner('a', [2, 2.5]), partner('b', [3, 3]), partner('c', [4, 3.5]), partner('h', null)],
      headlines,
    })
  const often = (id: string, dimensions = ['coaching', 'steun'], of = 2) => ({
    kind: 'lowestOften' as const,
    role: 'medewerker' as const,
    partner: { id, name: id },
    dimensions,
    of,
  })
  const lowest = ['coaching', 'steun'].map((dimension, i) => ({
    kind: 'lowest' as const,
    role: 'medewerker' as const,
    dimension,
    mean: [2, 2.5][i]!,
    partners: [{ id: 'a', name: 'a' }],
    highest: { mean: [4, 3.5][i]!, partners: [{ id: 'c', name: 'c' }] },
    of: 3,
    programme: 3,
    // a is named lowest on both above, so each line leads with who comes next: b at 3,0.
    next: { mean: 3, partners: [{ id: 'b', name: 'b' }] },
  }))
  const read = (d: ResultsJson) => {
    const o = new Observer(() => ['a', 'b', 'c', 'h'])
    o.dashboard('lead', d)
    return o.inconsistent().join(' | ')
  }

  it("accepts the partner the view's rows make lowest on both dimensions", () => {
    expect(read(view([often('a'), ...lowest]))).toBe('')
  })

  it('flags another partner, a partner left out, a wrong count and a hidden partner', () => {
    expect(read(view([often('b'), ...lowest]))).toMatch(/says \["b: coaching,steun of 2"\], the view's rows give \["a:/)
    expect(read(view(lowest))).toMatch(/lowestOften medewerker: says \[\], the view's rows give \["a: coaching,steun/)
    expect(read(view([often('a', ['coaching', 'steun'], 3), ...lowest]))).toMatch(/of 3/)
    expect(read(view([often('h'), ...lowest]))).toMatch(/names partner h, which its view does not show/)
  })

  it('flags a line that leads with the partner named above again, a wrong next-lowest, and one with none named above', () => {
    const [coaching, steun] = lowest
    const { next: _, ...again } = coaching!
    expect(read(view([often('a'), again, steun!]))).toMatch(/lowest medewerker coaching: leads with a again/)
    const wrong = { ...coaching!, next: { mean: 4, partners: [{ id: 'c', name: 'c' }] } }
    expect(read(view([often('a'), wrong, steun!]))).toMatch(/names c next-lowest at 4, the view's b at 3/)
    // Only the next-lowest of a partner named lowest above: here none is.
    expect(read(view([coaching!]))).toMatch(/coaching: leads with the next-lowest, its lowest not named above/)
  })

  it('accepts the partner next-lowest after the one named, and flags another, a wrong count, and the lines it leads again', () => {
    const nextAfterA = (id: string, of = 2) => ({
      kind: 'lowestAfter' as const,
      role: 'medewerker' as const,
      partner: { id, name: id },
      after: [{ id: 'a', name: 'a' }],
      dimensions: ['coaching', 'steun'],
      of,
      tied: [],
    })
    expect(read(view([often('a'), nextAfterA('b')]))).toBe('')
    expect(read(view([often('a'), nextAfterA('c')]))).toMatch(/c is not the next-lowest after a on coaching/)
    expect(read(view([often('a'), nextAfterA('b', 3)]))).toMatch(
      /lowestAfter medewerker : of 3, the view's rows give 2/,
    )
    expect(read(view([often('a'), nextAfterA('b'), ...lowest]))).toMatch(
      /leads with b again, named next-lowest on it above/,
    )
  })
})

/**
 * The Observer reads the measurement-quality view and its export as sums over every
 * partner of the wave, and so catches a leaky variant: three partners of 6 staff at k = 5, c's
 * coaching hidden (2 scores, the other 4 "don't know"). The programme's coaching is a's and b's;
 * a pool that held c's two scores as well gives them away as pool minus programme. An honest
 * release shows no quality view of such a wave (worker/services/quality-service.ts); the same
 * dashboard without it determines nothing of c's coaching.
 */
describe('Observer: the quality view and export', () => {
  const specs: Record<string, Spec[]> = {
    a: [1, 2, 3, 4, 5, 3].map((v) => ({ coaching: v })),
    b: [2, 2, 4, 4, 5, 1].map((v) => ({ coaching: v })),
    c: [2, 5, 'dk', 'dk', 'dk', 'dk'].map((v) => ({ coaching: v as number | 'dk' })),
  }
  const scoreOf = (values: number[]) => ({ ...sample(values), ci95: null, level: 3 })
  const coaching = (p: string) => specs[p]!.flatMap((s) => (typeof s.coaching === 'number' ? [s.coaching] : []))
  const dashboard = resultsFor({
    programme: { n: 18, suppressed: false, scores: { coaching: scoreOf([...coaching('a'), ...coaching('b')]) } },
    partners: ['a', 'b', 'c'].map((id) =>
      shownPartner(id, id, 6, { scores: { coaching: id === 'c' ? null : scoreOf(coaching(id)) } }),
    ),
  })
  /** The view and export of a pool of the given partners' answer sets, as the service makes them. */
  const releasedOf = (partners: string[]) => {
    const pool = emptyPool(ins, 'medewerker')
    for (const p of partners)
      for (const s of specs[p]!) addAnswerSet(ins, 'medewerker', pool, answersFor('medewerker', s))
    // The scales' complete answer sets again (their `n`), as the service gives them beside the scales.
    return released(pool, partners.length, true)
  }
  const c = (o: Observer) => o.determined().filter((d) => d.partner === 'c' && d.quantity.startsWith('coaching:'))

  it("solves for c's two hidden coaching scores from a pool that holds them: n 2, sum 7, sum of squares 29", () => {
    const o = new Observer(() => ['a', 'b', 'c'])
    o.dashboard('lead', dashboard)
    const { view, exported } = releasedOf(['a', 'b', 'c'])
    o.quality('lead', 'medewerker', view, exported, true)
    expect(o.inconsistent()).toEqual([])
    expect(Object.fromEntries(c(o).map((d) => [d.quantity, d.value.toString()]))).toEqual({
      'coaching:n': '2',
      'coaching:s': String(7 * 12),
      'coaching:q': String(29 * 144),
    })
    // From the view alone (no export): c's count of coaching scores.
    const viewOnly = new Observer(() => ['a', 'b', 'c'])
    viewOnly.dashboard('lead', dashboard)
    viewOnly.quality('lead', 'medewerker', view, null, true)
    expect(c(viewOnly).map((d) => `${d.quantity}=${d.value}`)).toEqual(['coaching:n=2'])
  })

  it('determines nothing of c without the quality view, and flags a view whose statistics are not its export', () => {
    const o = new Observer(() => ['a', 'b', 'c'])
    o.dashboard('lead', dashboard)
    expect(c(o)).toEqual([])
    const { view, exported } = releasedOf(['a', 'b', 'c'])
    const bent = { ...view, scales: { ...view.scales, coaching: { ...view.scales.coaching!, alpha: 0.5 } } }
    o.quality('lead', 'medewerker', bent, exported, true)
    expect(o.inconsistent().join()).toMatch(/coaching statistics are not what the export's moments give/)
    const early = new Observer(() => ['a', 'b', 'c'])
    early.quality('lead', 'medewerker', view, exported, false)
    expect(early.inconsistent().join()).toMatch(/quality view before the wave is published/)
  })
})

/** Staff's shared scores are equations (worker/domain/publication.ts `withShared`): the Observer solves what a total holding a hidden one gives. */
describe("Observer: staff's shared scores", () => {
  const shared = sample
  const [a, b, h] = [
    [2, 3, 3, 4, 4, 5],
    [1, 2, 2, 3, 3, 3],
    [5, 5],
  ]
  const view = (programme: number[], bShared: boolean): ResultsJson =>
    resultsFor({
      programme: { n: 12, suppressed: false, scores: {}, shared: { autonomie: shared(programme) } },
      partners: [
        ...(['a', 'b'] as const).map((id) =>
          shownPartner(id, id, 6, {
            scores: {},
            shared: { autonomie: id === 'a' ? shared(a) : bShared ? shared(b) : null },
          }),
        ),
        hiddenPartner('h', 'h', { medewerker: 2 }),
      ],
      standouts: [],
    })
  const read = (d: ResultsJson) => {
    const o = new Observer(() => ['a', 'b', 'h'])
    o.dashboard('lead', d)
    return o
  }

  it('accepts a programme shared score that is the sum of the shown ones, and then determines nothing of the hidden group', () => {
    const o = read(view([...a, ...b], true))
    expect(o.inconsistent()).toEqual([])
    expect(o.mentions('medewerker', 'h')).toEqual([])
    expect(
      o
        .determined()
        .filter((x) => x.quantity.startsWith('autonomie:shared:'))
        .map((x) => x.partner),
    ).toEqual(expect.arrayContaining(['a', 'b']))
  })

  it("flags a programme shared score that holds a hidden group's, or a partner's hidden shared score", () => {
    // The total of a, b and h against the sum of a and b: the shared systems contradict.
    expect(read(view([...a, ...b, ...h], true)).inconsistent()).toEqual(
      expect.arrayContaining(['medewerker|autonomie:shared:n', 'medewerker|autonomie:shared:s']),
    )
    // b's shared score hidden, the total still holding it: modelled as a's alone, which it is not.
    expect(
      read(view([...a, ...b], false))
        .inconsistent()
        .join(),
    ).toMatch(/autonomie:shared/)
  })

  it("solves for a partner's shared score that only the total and the others' give", () => {
    // A limited reader's view of a alone, after a complete view showing a and b: total − a is b.
    const o = read(view([...a, ...b], true))
    const limited = view([...a, ...b], true)
    o.dashboard('viewer', { ...limited, partners: limited.partners.filter((p) => p.id === 'a') })
    const got = o.determined().find((x) => x.partner === 'b' && x.quantity === 'autonomie:shared:s')
    expect(got?.value.toString()).toBe(String(14 * 12))
  })
})

/** The CSV's sd, interval and level are checked against the dashboard's readings of the same cell. */
describe("Observer: the CSV's columns", () => {
  const score = { n: 6, mean: 3.25, sd: 0.5, ci95: [2.7253, 3.7747] as [number, number], level: 3 }
  const dashboard = resultsFor({
    programme: { n: 6, suppressed: false, scores: { coaching: score } },
    partners: [shownPartner('a', 'A', 6, { scores: { coaching: score } })],
    standouts: [],
  })
  const csv = (sd: string, low: string, level: string) =>
    [
      'wave,role,partner,n,dimension,dimension_name,n_dimension,mean,sd,ci95_low,ci95_high,level',
      `2026-1,medewerker,Programme as a whole,6,coaching,Coaching,6,3.2500,${sd},${low},3.7747,${level}`,
      `2026-1,medewerker,A,6,coaching,Coaching,6,3.2500,${sd},${low},3.7747,${level}`,
    ].join('\n')
  const read = (text: string) => {
    const o = new Observer(() => ['a'])
    o.dashboard('lead', dashboard)
    o.csv('lead', text, (name) => (name === 'A' ? 'a' : null))
    return o
  }

  it('accepts the dashboard numbers to four decimals', () => {
    const o = read(csv('0.5000', '2.7253', '3'))
    expect(o.inconsistent()).toEqual([])
    expect(o.csvSpreadsChecked).toBe(2)
  })

  it('flags an sd, an interval or a level that no reading of the cell gives', () => {
    expect(
      read(csv('0.6000', '2.7253', '3'))
        .inconsistent()
        .join(),
    ).toMatch(/CSV medewerker a coaching: sd 0.6/)
    expect(
      read(csv('0.5000', '2.6000', '3'))
        .inconsistent()
        .join(),
    ).toMatch(/CSV medewerker programme coaching/)
    expect(
      read(csv('0.5000', '2.7253', '4'))
        .inconsistent()
        .join(),
    ).toMatch(/level 4/)
  })
})

/**
 * Across a dimension's whole and shared scores (adversary.ts `across`): autonomie's staff score has
 * five questions, its shared score four (not the reverse-keyed autonomie_5), so 5 × whole − 4 × shared
 * is autonomie_5's sum, a number neither system gives alone. a and b (6 staff each) show both scores,
 * h (2) is hidden; each answer set answers autonomie_1–4 with v and autonomie_5 (as scored) with r.
 */
describe('Observer: across whole and shared scores', () => {
  const sets: Record<string, { v: number; r: number }[]> = {
    a: [2, 3, 3, 4, 4, 5].map((v, i) => ({ v, r: [5, 5, 4, 4, 4, 4][i]! })),
    b: [1, 2, 2, 3, 3, 3].map((v, i) => ({ v, r: [1, 1, 1, 2, 2, 2][i]! })),
    h: [
      { v: 5, r: 1 },
      { v: 5, r: 4 },
    ],
  }
  const answers = ({ v, r }: { v: number; r: number }) => ({
    ...answersFor('medewerker', { autonomie: v }),
    // Reverse-keyed: scored as r.
    autonomie_5: ins.scale.min + ins.scale.max - r,
  })
  const whole = (p: string[]) => sample(p.flatMap((id) => sets[id]!.map(({ v, r }) => (4 * v + r) / 5)))
  const shared = (p: string[]) => sample(p.flatMap((id) => sets[id]!.map(({ v }) => v)))
  const dashboard = (withShared: boolean): ResultsJson =>
    resultsFor({
      programme: {
        n: 12,
        suppressed: false,
        scores: { autonomie: { ...whole(['a', 'b']), ci95: null, level: 3 } },
        ...(withShared ? { shared: { autonomie: shared(['a', 'b']) } } : {}),
      },
      partners: [
        ...['a', 'b'].map((id) =>
          shownPartner(id, id, 6, {
            scores: { autonomie: { ...whole([id]), ci95: null, level: 3 } },
            ...(withShared ? { shared: { autonomie: shared([id]) } } : {}),
          }),
        ),
        hiddenPartner('h', 'h', { medewerker: 2 }),
      ],
    })
  const rest = (o: Observer) =>
    Object.fromEntries(
      o
        .determined()
        .filter((x) => x.quantity === 'autonomie:rest:s')
        .map((x) => [x.partner, x.value.toString()]),
    )
  /** A quality view and export of a pool holding every partner's answer sets, h's too (a leaky release). */
  const leaky = () => {
    const pool = emptyPool(ins, 'medewerker')
    for (const id of ['a', 'b', 'h']) for (const s of sets[id]!) addAnswerSet(ins, 'medewerker', pool, answers(s))
    // Every scale has answer sets here (each answers every question), so no mean is withheld.
    return released(pool, 3, false)
  }

  it("gives a shown partner's autonomie_5 sum (12 × Σr) from its whole and shared scores, and nothing without the shared ones", () => {
    const o = new Observer(() => ['a', 'b', 'h'])
    o.dashboard('lead', dashboard(true))
    expect(rest(o)).toEqual({ a: String(12 * 26), b: String(12 * 9) })
    const without = new Observer(() => ['a', 'b', 'h'])
    without.dashboard('lead', dashboard(false))
    expect(rest(without)).toEqual({})
  })

  it("solves for the hidden h's autonomie_5 sum from a pool over every partner minus a's and b's 5 × whole − 4 × shared", () => {
    const o = new Observer(() => ['a', 'b', 'h'])
    o.dashboard('lead', dashboard(true))
    const { view, exported } = leaky()
    o.quality('lead', 'medewerker', view, exported, true)
    // h's r: 1 + 4.
    expect(rest(o).h).toBe(String(12 * 5))
    // The pool alone gives only everyone's: no partner's.
    const poolOnly = new Observer(() => ['a', 'b', 'h'])
    poolOnly.dashboard('lead', { ...dashboard(false), programme: { n: null, suppressed: true, scores: null } })
    poolOnly.quality('lead', 'medewerker', view, exported, true)
    expect(rest(poolOnly).h).toBeUndefined()
  })
})
