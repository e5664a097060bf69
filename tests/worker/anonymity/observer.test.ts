import { describe, expect, it } from 'vitest'
import { Observer, type DashboardJson } from './adversary.ts'

/** The Observer's stand-out check can fail: a stand-out about a hidden cell, or with a number no shown cell gives. */
describe('Observer: stand-outs', () => {
  const base = (standouts: DashboardJson['standouts']): DashboardJson => ({
    k: 5,
    published: true,
    role: 'medewerker',
    wave: { id: 'w', state: 'closed' },
    questions: null,
    programme: { n: 6, suppressed: false, scores: { coaching: { n: 6, mean: 3.25, sd: null, ci95: null, level: 3 } } },
    partners: [
      {
        id: 'a',
        name: 'A',
        n: 6,
        suppressed: false,
        scores: { coaching: { n: 6, mean: 3.25, sd: null, ci95: null, level: 3 } },
        responseRate: null,
        headcounts: { medewerker: 6, teammanager: null, tactisch: null },
      },
      {
        id: 'h',
        name: 'H',
        n: null,
        suppressed: true,
        scores: null,
        responseRate: null,
        headcounts: { medewerker: 3, teammanager: null, tactisch: null },
      },
    ],
    gap: [],
    changes: [],
    participation: null,
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
  const read = (d: DashboardJson) => {
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

/** The Observer's headline check (issue 14) can fail: a sentence naming a hidden partner, a wrong lowest, a wrong count. */
describe('Observer: programme-wide headlines', () => {
  const score = (mean: number) => ({ n: 6, mean, sd: null, ci95: null, level: 3 })
  const partner = (id: string, mean: number | null) => ({
    id,
    name: id,
    n: mean === null ? null : 6,
    suppressed: mean === null,
    scores: mean === null ? null : { coaching: score(mean) },
    responseRate: null,
    headcounts: { medewerker: 6, teammanager: null, tactisch: null },
  })
  const view = (headlines: DashboardJson['headlines']): DashboardJson => ({
    k: 5,
    published: true,
    role: 'medewerker',
    wave: { id: 'w', state: 'closed' },
    questions: null,
    programme: { n: 18, suppressed: false, scores: { coaching: { ...score(3), n: 18 } } },
    partners: [partner('a', 2.04), partner('b', 1.96), partner('c', 5), partner('h', null)],
    gap: [],
    changes: [],
    participation: null,
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
    of: 3,
    programme: 3,
    ...over,
  })
  const read = (d: DashboardJson) => {
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
 * The Observer's gap check (issue 16) can fail: a gap, interval or typical gap that the shown cells
 * of both roles do not give, or one about a hidden partner. Staff of A: 10 scores, mean 3, sd² 2.5/9;
 * managers: 6, mean 4.5, sd² 0.3: gap 1,5, half-width 0.620 (tests/worker/domain/gap.test.ts) → 0,9 to 2,1.
 */
describe('Observer: gaps', () => {
  const staff = { n: 10, mean: 3, sd: Math.sqrt(2.5 / 9), ci95: null, level: 3 }
  const managers = { n: 6, mean: 4.5, sd: Math.sqrt(0.3), ci95: null, level: 5 }
  const good = { manager: 4.5, staff: 3, gap: 1.5, ci95: [0.9, 2.1] as [number, number] }
  const view = (
    role: 'medewerker' | 'teammanager',
    gap: DashboardJson['gap'],
    typical: DashboardJson['gapTypical'] = [{ dimension: 'coaching', ...good }],
  ): DashboardJson => {
    const s = role === 'medewerker' ? staff : managers
    return {
      k: 5,
      published: true,
      role,
      wave: { id: 'w', state: 'closed' },
      questions: null,
      programme: { n: s.n, suppressed: false, scores: { coaching: s } },
      partners: [
        {
          id: 'a',
          name: 'A',
          n: s.n,
          suppressed: false,
          scores: { coaching: s },
          responseRate: null,
          headcounts: { medewerker: 10, teammanager: 6, tactisch: null },
        },
        {
          id: 'h',
          name: 'H',
          n: null,
          suppressed: true,
          scores: null,
          responseRate: null,
          headcounts: { medewerker: 3, teammanager: 2, tactisch: null },
        },
      ],
      gap,
      gapTypical: typical,
      changes: [],
      participation: null,
    }
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
  const read = (gap: DashboardJson['gap'], typical?: DashboardJson['gapTypical']) => {
    const o = new Observer(() => ['a', 'h'])
    o.dashboard('lead', view('teammanager', gap, typical))
    o.dashboard('lead', view('medewerker', gap, typical))
    return { bad: o.inconsistent().join(' | '), checked: o.gapIntervalsChecked }
  }

  it('accepts gaps and intervals that the shown cells of both roles give', () => {
    expect(read([row({})])).toEqual({ bad: '', checked: 4 })
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
