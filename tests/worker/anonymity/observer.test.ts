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
})
