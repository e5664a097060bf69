import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import {
  gapBases,
  gapOf,
  gapsBetween,
  MIN_OTHER_PARTNERS,
  partnerGap,
  partnerGaps,
  programmeGaps,
  MIN_GAP_PARTNERS,
  typicalOfOthers,
  versusTypical,
  type Gap,
} from '../../../worker/domain/gap.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { shownDiff } from '../../../worker/domain/levels.ts'
import { cellView, publishWave, type Cell, type Score } from '../../../worker/domain/publication.ts'
import { tQuantile, welch, welchCi95 } from '../../../worker/domain/stats.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { alternatingCell } from '../fixtures.ts'

// Version 1, pinned: the constructed cells name its dimensions.
const ins = findInstrument('coachende-manager', 1)!
const K = 5

const m = (xs: number[]) => ({
  n: xs.length,
  sum: xs.reduce((a, b) => a + b, 0),
  sumsq: xs.reduce((a, b) => a + b * b, 0),
})

/** A shown score as the dashboard gives it: only n, mean and sd matter to the gap. */
const score = (n: number, mean: number, sd: number | null): Score => ({
  n,
  mean,
  sd,
  ci95: null,
  level: 3,
  capped: false,
  agreement: null,
  verdict: { level: null, because: 'not-yet-clear' },
})

describe('welchCi95', () => {
  it('is diff ± t(0.975, df) × se with the Welch–Satterthwaite df, worked by hand', () => {
    // a: 2 3 3 4 3 (mean 3, sd √0.5), b: 4 4 5 3 4 (mean 4, sd √0.5): se² = 0.5/5 + 0.5/5 = 0.2,
    // df = 0.2² / (0.1²/4 + 0.1²/4) = 8, t(0.975, 8) = 2.306004 (tables), half = 2.306004 × √0.2 = 1.031276.
    const w = welchCi95(m([2, 3, 3, 4, 3]), m([4, 4, 5, 3, 4]))!
    expect(w.diff).toBeCloseTo(1, 12)
    expect(w.df).toBeCloseTo(8, 9)
    expect(w.half).toBeCloseTo(1.031276, 5)
  })

  it('excludes 0 exactly when Welch’s test says p < 0.05, and is null below two scores', () => {
    const pairs = [
      [m([2, 3, 3, 4, 3]), m([4, 4, 5, 3, 4])],
      [m([3, 3.5, 4, 2.5, 3]), m([3.5, 4, 4.5, 3, 3.5, 4])],
      [m([1, 2, 1, 2, 1, 2]), m([4, 5, 4, 5, 4])],
    ] as const
    for (const [a, b] of pairs) {
      const w = welchCi95(a, b)!
      expect(Math.abs(w.diff) > w.half).toBe(welch(a, b)!.p < 0.05)
    }
    expect(welchCi95(m([3]), m([4, 5]))).toBeNull()
    // No spread on either side: no width at all.
    expect(welchCi95(m([3, 3, 3]), m([4, 4]))).toEqual({ diff: 1, half: 0, df: 3 })
  })
})

describe('gapOf', () => {
  it('takes the difference of the shown means and puts the interval around it, ± the shown half-width', () => {
    // 4.04 shows as 4,0 and 3.56 as 3,6: the gap shown is 0,4, though the exact difference (0.48) rounds to 0,5.
    // Both n = 5, sd √0.5: half = 1.031276 (as above) → 1,0, so the interval is 0,4 ± 1,0 = −0,6 to 1,4.
    const g = gapOf(ins, score(5, 4.04, Math.sqrt(0.5)), score(5, 3.56, Math.sqrt(0.5)))
    expect(g).toEqual({ manager: 4, staff: 3.6, gap: 0.4, ci95: [-0.6, 1.4], reading: 'unclear' })
  })

  it('reads higher or lower only when the interval as shown excludes 0', () => {
    // Managers n = 20, mean 4.2, sd 0.5; staff n = 80, mean 3.5, sd 0.8: se² = 0.25/20 + 0.64/80 = 0.0205,
    // df = 0.0205² / (0.0125²/19 + 0.008²/79) = 46.52, t ≈ 2.0126, half = 2.0126 × 0.14318 = 0.288 → 0,3.
    const w = welchCi95(
      { n: 80, sum: 80 * 3.5, sumsq: 79 * 0.64 + 80 * 3.5 ** 2 },
      {
        n: 20,
        sum: 20 * 4.2,
        sumsq: 19 * 0.25 + 20 * 4.2 ** 2,
      },
    )!
    expect(w.df).toBeCloseTo(46.52, 2)
    expect(w.half).toBeCloseTo(0.288, 3)
    expect(gapOf(ins, score(20, 4.2, 0.5), score(80, 3.5, 0.8))).toEqual({
      manager: 4.2,
      staff: 3.5,
      gap: 0.7,
      ci95: [0.4, 1],
      reading: 'higher',
    })
    expect(gapOf(ins, score(80, 3.5, 0.8), score(20, 4.2, 0.5))).toMatchObject({
      gap: -0.7,
      ci95: [-1, -0.4],
      reading: 'lower',
    })
    // An interval ending at 0,0 as shown includes 0.
    expect(gapOf(ins, score(20, 3.8, 0.5), score(80, 3.5, 0.8))).toMatchObject({ gap: 0.3, ci95: [0, 0.6] })
    expect(gapOf(ins, score(20, 3.8, 0.5), score(80, 3.5, 0.8)).reading).toBe('unclear')
  })

  it('keeps the interval within ±(scale max − min) and has none without a spread', () => {
    const wide = gapOf(ins, score(3, 4.9, 3), score(3, 1.1, 3))
    expect(wide.ci95![1]).toBe(4)
    expect(gapOf(ins, score(5, 4, null), score(5, 3, 0.5))).toMatchObject({ gap: 1, ci95: null, reading: 'unclear' })
  })
})

describe('versusTypical', () => {
  const g: Gap = { manager: 4.2, staff: 3.5, gap: 0.7, ci95: [0.4, 1], reading: 'higher' }
  it('is larger below the interval, smaller above it, not shown to differ inside it (edges included)', () => {
    const t = (gap: number): Gap => ({ ...g, gap })
    expect(versusTypical(g, t(0.3))).toBe('larger')
    expect(versusTypical(g, t(0.4))).toBe('same')
    expect(versusTypical(g, t(1))).toBe('same')
    expect(versusTypical(g, t(1.1))).toBe('smaller')
    expect(versusTypical(g, null)).toBeNull()
    expect(versusTypical({ ...g, ci95: null }, t(0.4))).toBeNull()
    expect(partnerGap(g, { gap: 0.3, partners: 4 })).toEqual({
      ...g,
      typical: 0.3,
      typicalPartners: 4,
      versusTypical: 'larger',
    })
    expect(partnerGap(g, undefined)).toEqual({ ...g, typical: null, typicalPartners: null, versusTypical: null })
  })
})

const cell = (partnerId: string, role: Role, n: number, means: Record<string, number>) =>
  alternatingCell(ins, partnerId, role, n, means)
const d = 'coaching'
/** A partner's staff (10) and team managers (6 unless `managersN` says) at these means on coaching. */
const partnerCells = (partnerId: string, staff: number, managers: number, managersN = 6): Cell[] => [
  cell(partnerId, 'medewerker', 10, { [d]: staff }),
  cell(partnerId, 'teammanager', managersN, { [d]: managers }),
]
/** A role's shown scores in `pub`: the programme row for `id` null, else that partner's. */
const viewOf = (pub: ReturnType<typeof publishWave>, role: Role, id: string | null) =>
  cellView(ins, id === null ? pub.roles[role]!.programme : pub.roles[role]!.partners[id])
/** A partner's managers and staff as shown in `pub`, the pair the gap compares. */
const pairOf = (pub: ReturnType<typeof publishWave>, id: string) => ({
  managers: viewOf(pub, 'teammanager', id),
  staff: viewOf(pub, 'medewerker', id),
})

describe("the programme's own gap of a constructed publication", () => {
  const cells: Cell[] = [
    ...partnerCells('a', 3, 4.5),
    ...partnerCells('b', 3, 3.5),
    ...partnerCells('c', 3, 3.5),
    // Hidden (4 managers, below k): a gap of 2 that must be in no number.
    ...partnerCells('h', 2, 4, 4),
  ]
  const pub = publishWave(ins, ['a', 'b', 'c', 'h'], cells, K)
  const view = (role: Role, id: string | null) => viewOf(pub, role, id)
  const typical = gapsBetween(ins, view('teammanager', null), view('medewerker', null), [d]).get(d)!

  it('is the programme row of the managers minus that of the staff, with its own interval', () => {
    // Managers of a, b, c (h hidden): 18 scores, (4.5 + 3.5 + 3.5) / 3 = 3.833 → 3,8; staff of a, b, c and h:
    // (3 + 3 + 3 + 2) / 4 = 2.75 → 2,8 (shown rounds half away from zero). Gap 3,8 − 2,8 = 1,0.
    // Managers: 3×16+3×25 + 2×(3×9+3×16) = 273, ss = 273 − 18 × 3.8333² = 8.5, sd² = 0.5; staff: 40 scores,
    // sum 110, sumsq = 3 × (5×6.25 + 5×12.25) + 5×2.25 + 5×6.25 = 320, ss = 320 − 110²/40 = 17.5, sd² = 0.44872.
    // se² = 0.5/18 + 0.44872/40 = 0.038996, df = 0.038996² / (0.027778²/17 + 0.011218²/39) = 31.71,
    // t(0.975, 31.71) ≈ 2.0375, half = 2.0375 × 0.19748 = 0.402 → 0,4: interval 0,6 to 1,4.
    expect(typical).toEqual({ manager: 3.8, staff: 2.8, gap: 1, ci95: [0.6, 1.4], reading: 'higher' })
  })

  it("judges a partner's gap by the partner's interval", () => {
    const of = (id: string) =>
      partnerGap(gapsBetween(ins, view('teammanager', id), view('medewerker', id), [d]).get(d)!, {
        gap: typical.gap,
        partners: 2,
      })
    // Staff n = 10, sd² = 10 × 0.25 / 9; managers n = 6, sd² = 6 × 0.25 / 5 = 0.3: se² = 0.027778 + 0.05 = 0.077778,
    // df = 0.077778² / (0.027778²/9 + 0.05²/5) = 10.33, t ≈ 2.2217, half = 2.2217 × 0.27889 = 0.620 → 0,6.
    expect(of('a')).toEqual({
      manager: 4.5,
      staff: 3,
      gap: 1.5,
      ci95: [0.9, 2.1],
      reading: 'higher',
      typical: 1,
      typicalPartners: 2,
      versusTypical: 'same',
    })
    expect(of('b')).toMatchObject({ gap: 0.5, ci95: [-0.1, 1.1], reading: 'unclear', versusTypical: 'same' })
    // No gap for the hidden partner at all.
    expect(gapsBetween(ins, view('teammanager', 'h'), view('medewerker', 'h'), [d]).size).toBe(0)
  })
})

describe("the programme's gap over the partners where both groups are shown", () => {
  // Staff shown at five partners, managers at two: the programme rows compare two managers'
  // groups with five staff groups, a difference of who is in each row.
  const cells: Cell[] = [
    ...partnerCells('a', 3, 3.5),
    ...partnerCells('b', 3, 3.5),
    ...['c', 'e', 'f'].flatMap((id) => partnerCells(id, 2, 2.5, 3)),
  ]
  const ids = ['a', 'b', 'c', 'e', 'f']
  const view = viewOf
  const pairsOf = (pub: ReturnType<typeof publishWave>) => ids.map((id) => pairOf(pub, id))

  it(`is not given below ${MIN_GAP_PARTNERS} partners with both groups shown, where the rows would differ by who is in them`, () => {
    const pub = publishWave(ins, ids, cells, K)
    // Every partner's managers rate 0,5 above their staff; the rows say 1,1, "clearly higher".
    const rows = gapsBetween(ins, view(pub, 'teammanager', null), view(pub, 'medewerker', null), [d]).get(d)!
    expect(rows).toMatchObject({ gap: 1.1, reading: 'higher' })
    expect(programmeGaps(ins, pairsOf(pub), [d]).size).toBe(0)
  })

  it('is the mean of the partner gaps, with t(J − 1) · sd / √J from their spread', () => {
    // Managers shown at all five: gaps 0,5 0,5 0,5 0,5 and 1,0 (f's managers at 3,0).
    const all = cells.map((c) =>
      c.role === 'teammanager'
        ? cell(c.partnerId, 'teammanager', 6, { [d]: c.partnerId === 'f' ? 3 : c.partnerId < 'c' ? 3.5 : 2.5 })
        : c,
    )
    const pub = publishWave(ins, ids, all, K)
    const g = programmeGaps(ins, pairsOf(pub), [d]).get(d)!
    // Mean gap 0,6; sd of (0,5, 0,5, 0,5, 0,5, 1,0) = √0,05 = 0,2236; half = 2,7764 × 0,2236 / √5 = 0,278 → 0,3.
    expect((tQuantile(0.975, 4) * Math.sqrt(0.05)) / Math.sqrt(5)).toBeCloseTo(0.2776, 3)
    // And the median of the same five gaps beside it: 0,5, the middle one.
    expect(g).toEqual({
      manager: 3,
      staff: 2.4,
      gap: 0.6,
      ci95: [0.3, 0.9],
      reading: 'higher',
      partners: 5,
      median: 0.5,
    })
  })
})

describe("the programme's gap as a reader checks it from the partner rows", () => {
  /** The published partners a, b, c, e (, f) with these managers' and staff's means on coaching, as (managers, staff) pairs. */
  const pairsFor = (managers: number[], staff: number[]) => {
    const ids = ['a', 'b', 'c', 'e', 'f'].slice(0, managers.length)
    const cells = ids.flatMap((id, i) => partnerCells(id, staff[i]!, managers[i]!))
    const pub = publishWave(ins, ids, cells, K)
    return ids.map((id) => pairOf(pub, id))
  }

  it('is the mean of the gaps the rows show, not the difference of the rounded means', () => {
    // Managers at 3,54 3,54 3,54 3,584 (shown 3,5 3,5 3,5 3,6), staff at 3,0: the rows show +0,5
    // +0,5 +0,5 +0,6, whose mean 0,525 reads +0,5; the raw managers' mean 3,551 reads 3,6, and
    // 3,6 − 3,0 was the +0,6 shown above those four rows.
    const pairs = pairsFor([3.54, 3.54, 3.54, 3.584], [3, 3, 3, 3])
    const rows = pairs.map((p) => gapsBetween(ins, p.managers, p.staff, [d]).get(d)!.gap)
    expect(rows).toEqual([0.5, 0.5, 0.5, 0.6])
    expect(programmeGaps(ins, pairs, [d]).get(d)).toMatchObject({ manager: 3.5, staff: 3, gap: 0.5, partners: 4 })
  })

  it('shows two means beside it that differ by exactly the gap shown, each within a step of its rows', () => {
    // Rows managers 3,9 3,9 4,0 4,0 3,9 (mean 3,94), staff 3,4 3,3 3,4 3,3 3,4 (3,36), gaps +0,5 +0,6 +0,6
    // +0,7 +0,5 (0,58): each rounded on its own, "3,9 en 3,4, +0,6" (a lead's review).
    const pairs = pairsFor([3.9, 3.9, 4, 4, 3.9], [3.4, 3.3, 3.4, 3.3, 3.4])
    expect(pairs.map((p) => gapsBetween(ins, p.managers, p.staff, [d]).get(d)!.gap)).toEqual([0.5, 0.6, 0.6, 0.7, 0.5])
    const g = programmeGaps(ins, pairs, [d]).get(d)!
    expect(g.gap).toBe(0.6)
    expect(shownDiff(g.manager, g.staff)).toBe(g.gap)
    expect(Math.abs(g.manager - 3.94)).toBeLessThanOrEqual(0.1)
    expect(Math.abs(g.staff - 3.36)).toBeLessThanOrEqual(0.1)
    // Both nearest steps are 0,06 off once moved; the staff mean moves on a tie: 3,9 and 3,3.
    expect(g).toMatchObject({ manager: 3.9, staff: 3.3 })
  })

  it('shows the same two means whatever order the partners come in, and they always add up (2,000 programmes)', () => {
    // A hostile reader's review: float means made which one moved depend on the order of the
    // partners (by name), so renaming a partner changed a closed wave's shown means.
    const random = rng(7)
    const view = (mean: number) => ({ scores: { [d]: { mean } } }) as unknown as ReturnType<typeof cellView>
    for (let t = 0; t < 2000; t++) {
      const J = 4 + Math.floor(random() * 9)
      const step = () => Math.round((1 + 4 * random()) * 10) / 10
      const pairs = Array.from({ length: J }, () => ({ managers: view(step()), staff: view(step()) }))
      const a = programmeGaps(ins, pairs, [d]).get(d)!
      const b = programmeGaps(ins, [...pairs].reverse(), [d]).get(d)!
      const c = programmeGaps(ins, [...pairs.slice(1), pairs[0]!], [d]).get(d)!
      expect([b.manager, b.staff, c.manager, c.staff]).toEqual([a.manager, a.staff, a.manager, a.staff])
      expect(shownDiff(a.manager, a.staff)).toBe(a.gap)
    }
  })

  it('rounds a mean of half a step up, as by hand', () => {
    // Rows +0,6 +0,6 +0,5 +0,5 (managers 3,6 3,6 3,5 3,5, staff 3,0): 0,55 reads +0,6.
    const pairs = pairsFor([3.6, 3.6, 3.5, 3.5], [3, 3, 3, 3])
    expect(programmeGaps(ins, pairs, [d]).get(d)).toMatchObject({ gap: 0.6, partners: 4 })
  })
})

describe("a partner against the other partners' median gap", () => {
  // Gaps 1,5 (a), 0,5 (b, c), 0,0 (e); h hidden (4 managers) with a gap of 2 that must count nowhere.
  const cells: Cell[] = [
    ...partnerCells('a', 3, 4.5),
    ...partnerCells('b', 3, 3.5),
    ...partnerCells('c', 3, 3.5),
    ...partnerCells('e', 3, 3),
    ...partnerCells('h', 2, 4, 4),
  ]
  const ids = ['a', 'b', 'c', 'e', 'h']
  const pub = publishWave(ins, ids, cells, K)
  const input = (which: string[]) => which.map((id) => ({ id, ...pairOf(pub, id) }))
  const all = partnerGaps(ins, input(ids), [d])

  it('is the median of the others, the partner itself and hidden partners left out, each partner once', () => {
    // a: others b, c, e = 0,5, 0,5, 0,0 → 0,5; e: a, b, c = 1,5, 0,5, 0,5 → 0,5 (h, hidden, has no gap).
    expect(all.get('a')!.get(d)).toMatchObject({ gap: 1.5, typical: 0.5, typicalPartners: 3 })
    expect(all.get('e')!.get(d)).toMatchObject({ gap: 0, typical: 0.5, typicalPartners: 3 })
    expect(all.has('h') && all.get('h')!.size).toBe(0)
    // The programme row's gap weighs partners by respondents and includes the partner: 1,0 here would
    // be a's yardstick; the median of the others is 0,5, and a's interval 0,9 to 2,1 lies above it.
    expect(all.get('a')!.get(d)!.versusTypical).toBe('larger')
    expect(all.get('b')!.get(d)).toMatchObject({ typical: 0.5, versusTypical: 'same' })
  })

  it(`compares nothing with fewer than ${MIN_OTHER_PARTNERS} other partners, as for a viewer shown one partner`, () => {
    const three = partnerGaps(ins, input(['a', 'b', 'c']), [d])
    expect(three.get('a')!.get(d)).toMatchObject({
      gap: 1.5,
      typical: null,
      typicalPartners: null,
      versusTypical: null,
    })
    const one = partnerGaps(ins, input(['a']), [d])
    expect(one.get('a')!.get(d)!.typical).toBeNull()
  })

  it('takes the mean of the middle two for an even count, at the shown precision', () => {
    const g = (gap: number): Gap => ({ manager: 3 + gap, staff: 3, gap, ci95: null, reading: 'unclear' })
    const byPartner = new Map([
      ['x', new Map([[d, g(0)]])],
      ['p', new Map([[d, g(0.2)]])],
      ['q', new Map([[d, g(0.5)]])],
      ['r', new Map([[d, g(0.6)]])],
      ['s', new Map([[d, g(1.4)]])],
    ])
    // Others of x: 0,2 0,5 0,6 1,4 → (0,5 + 0,6)/2 = 0,55 → 0,6 (half away from zero, as shown).
    expect(typicalOfOthers(byPartner, 'x', d)).toEqual({ gap: 0.6, partners: 4 })
    expect(typicalOfOthers(byPartner, 'x', 'kader')).toBeNull()
    // (0,6 + 0,7)/2 = 0,65 → 0,7, as the mean of the same gaps is shown; in floating point it is
    // 0.6499…, which once read 0,6 beside a mean of +0,7 (a lead's walk-through). Below zero alike.
    const pairs = (a: number, b: number) =>
      new Map([['x', new Map([[d, g(0)]])], ...[a, a, b, b].map((v, i) => [`p${i}`, new Map([[d, g(v)]])] as const)])
    expect(typicalOfOthers(pairs(0.6, 0.7), 'x', d)).toEqual({ gap: 0.7, partners: 4 })
    expect(typicalOfOthers(pairs(-0.7, -0.6), 'x', d)).toEqual({ gap: -0.7, partners: 4 })
  })
})

describe('what the gap is computed on', () => {
  it("names the dimensions whose staff score holds questions team managers are not asked: version 2's autonomie and steun", () => {
    const v2 = findInstrument('coachende-manager', 2)!
    expect(gapBases(v2, dimensionsFor(v2, 'medewerker'))).toEqual([
      { dimension: 'autonomie', staff: 5, managers: 4, shared: 4, staffOnly: 1, on: 'all' },
      { dimension: 'steun', staff: 5, managers: 4, shared: 4, staffOnly: 1, on: 'all' },
    ])
    // A dimension only one role rates has no gap, and none to explain.
    expect(gapBases(v2, ['luisteren_bewaken', 'coaching'])).toEqual([])
  })
})

describe('the gap on the shared questions', () => {
  const v3 = findInstrument('coachende-manager', 3)!
  const view = (
    scores: Record<string, Score | null>,
    shared?: Record<string, { n: number; mean: number; sd: number | null } | null>,
  ) => ({
    n: 10,
    suppressed: false,
    hiddenBecause: null,
    scores,
    ...(shared ? { shared } : {}),
  })
  const managers = view({ autonomie: score(6, 4.2, 0.5), coaching: score(6, 4.0, 0.5) })

  it("compares team managers with staff's shared-questions score on autonomie, and with the whole score where both answer the same questions", () => {
    const staff = view(
      { autonomie: score(10, 3.0, 0.8), coaching: score(10, 3.5, 0.7) },
      { autonomie: { n: 10, mean: 3.4, sd: 0.7 } },
    )
    const gaps = gapsBetween(v3, managers, staff, ['autonomie', 'coaching'])
    expect(gaps.get('autonomie')).toEqual(gapOf(v3, managers.scores.autonomie!, { n: 10, mean: 3.4, sd: 0.7 }))
    expect(gaps.get('autonomie')!.staff).toBe(3.4)
    expect(gaps.get('coaching')!.staff).toBe(3.5)
  })

  it('gives no gap where the shared score is hidden, and the whole score where the publication keeps none (an older wave)', () => {
    const hidden = view({ autonomie: score(10, 3.0, 0.8), coaching: score(10, 3.5, 0.7) }, { autonomie: null })
    expect(gapsBetween(v3, managers, hidden, ['autonomie', 'coaching']).has('autonomie')).toBe(false)
    const older = view({ autonomie: score(10, 3.0, 0.8), coaching: score(10, 3.5, 0.7) })
    expect(gapsBetween(v3, managers, older, ['autonomie']).get('autonomie')!.staff).toBe(3)
  })
})
