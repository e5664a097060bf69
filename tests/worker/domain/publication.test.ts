import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import type { Instrument } from '../../../schema/instrument.ts'
import { cellView, changeBetween, publishRole, type Cell } from '../../../worker/domain/publication.ts'
import { mini } from '../fixtures.ts'

const ROLES: Role[] = ['medewerker', 'teammanager', 'tactisch']

/** A rollup cell of `n` respondents whose scores on a are all `score` and on b all 3, but `missingB` of them skipped b. */
function cell(partnerId: string, role: Role, n: number, score = 4, missingB = 0): Cell {
  const nb = n - missingB
  return {
    partnerId,
    role,
    n,
    stats: { a: [n, n * score, n * score * score, 0, 0, 0, n, 0], b: [nb, nb * 3, nb * 9, 0, 0, nb, 0, 0] },
  }
}

/** One role's publication as readers see it: every partner's cell and the programme's. */
function waveView(ins: Instrument, ids: string[], cells: Cell[], role: Role, k: number) {
  const pub = publishRole(ins, ids, cells, role, k)
  return {
    partners: new Map(ids.map((id) => [id, cellView(ins, pub.partners[id])])),
    programme: cellView(ins, pub.programme),
  }
}

describe('publishRole', () => {
  it('computes mean, interval and level from the rollup moments', () => {
    const c: Cell = {
      partnerId: 'p',
      role: 'medewerker',
      n: 6,
      stats: { a: [6, 6 * 4, 6 * 16 + 6, 0, 0, 0, 6, 0], b: [6, 18, 54, 0, 0, 6, 0, 0] },
    }
    const { partners, programme } = waveView(mini, ['p'], [c], 'medewerker', 5)
    const a = partners.get('p')!.scores!.a!
    // sumsq = 6·16 + 6 → variance (102 − 96)/5 = 1.2, sd = 1.0954
    expect(a.mean).toBe(4)
    expect(a.sd).toBeCloseTo(Math.sqrt(1.2), 12)
    // Six scores of SD 1.1: 4 ± 1.15 spans three bands, so no level is named (levels.ts levelVerdict)...
    expect(a.level).toBeNull()
    expect(a.verdict).toEqual({ level: null, because: 'not-yet-clear' })
    // ...while six equal scores of 3 have the interval [3, 3], inside band 3.
    expect(partners.get('p')!.scores!.b!.level).toBe(3)
    expect(programme.n).toBe(6)
  })

  it('hides a dimension whose own count is below k even in a visible cell, and leaves it out of the programme', () => {
    const { partners, programme } = waveView(
      mini,
      ['p', 'q', 'r'],
      [cell('p', 'medewerker', 8, 4, 5), cell('q', 'medewerker', 9), cell('r', 'medewerker', 12)],
      'medewerker',
      5,
    )
    expect(partners.get('p')!.scores!.a).not.toBeNull()
    expect(partners.get('p')!.scores!.b).toBeNull()
    expect(partners.get('q')!.scores!.b).not.toBeNull()
    // b of the programme: q's 9 and r's 12, not p's 3.
    expect(programme.scores!.b!.n).toBe(21)
    expect(programme.scores!.a!.n).toBe(29)
  })

  it('makes the programme the sum of the partners shown, so a hidden group is in no number', () => {
    const pub = publishRole(
      mini,
      ['own', 'x', 'y'],
      [cell('own', 'medewerker', 10), cell('x', 'medewerker', 3), cell('y', 'medewerker', 20)],
      'medewerker',
      5,
    )
    expect(pub.partners.x).toEqual({ n: null, hidden: 'few', stats: null })
    expect(pub.partners.own!.n).toBe(10)
    expect(pub.programme.n).toBe(30)
    // A lead who answered a whole invented partner of k cannot subtract it to find a lone manager: the manager is in no total.
    const decoy = publishRole(
      mini,
      ['lone', 'decoy', 'big'],
      [cell('lone', 'teammanager', 1, 2), cell('decoy', 'teammanager', 5, 4), cell('big', 'teammanager', 8, 4)],
      'teammanager',
      5,
    )
    expect(decoy.programme.n).toBe(13)
    expect(decoy.programme.stats!.a![1]).toBe(13 * 4)
    // Only what the role was asked: team managers answer dimension a only.
    expect(publishRole(mini, ['own'], [cell('own', 'teammanager', 10)], 'teammanager', 5).dimensions).toEqual(['a'])
  })

  it('no combination of shown counts or sums reveals a group of 1 to k−1 (property)', () => {
    const partnerIds = ['p0', 'p1', 'p2', 'p3', 'p4']
    const arbCells = fc.array(
      fc.record({
        p: fc.constantFrom(...partnerIds),
        role: fc.constantFrom(...ROLES),
        n: fc.integer({ min: 1, max: 12 }),
        missing: fc.integer({ min: 0, max: 12 }),
      }),
      { maxLength: 15 },
    )
    fc.assert(
      fc.property(arbCells, fc.integer({ min: 3, max: 6 }), (raw, k) => {
        const seen = new Set<string>()
        const cells = raw
          .filter((c) => !seen.has(`${c.p}/${c.role}`) && seen.add(`${c.p}/${c.role}`))
          .map((c) => cell(c.p, c.role, c.n, 4, Math.min(c.missing, c.n)))
        for (const role of ROLES) {
          const { partners, programme } = waveView(mini, partnerIds, cells, role, k)
          const truth = new Map(partnerIds.map((id) => [id, cells.find((c) => c.partnerId === id && c.role === role)]))
          const total = [...truth.values()].reduce((s, c) => s + (c?.n ?? 0), 0)
          // Every shown count is ≥ k, and the programme is exactly the sum of what is shown:
          // nothing of a hidden group is in any published number.
          let shown = 0
          for (const [, view] of partners) {
            if (!view.suppressed) {
              expect(view.n!).toBeGreaterThanOrEqual(k)
              shown += view.n!
            }
          }
          if (!programme.suppressed) expect(programme.n).toBe(shown)
          else expect(shown).toBe(0)
          expect(total).toBeGreaterThanOrEqual(shown)
          // The same for every dimension's own count and sum.
          for (const d of ['a', 'b']) {
            let dimShown = 0
            let sumShown = 0
            for (const [id, view] of partners) {
              const score = view.scores?.[d]
              if (score) {
                expect(score.n).toBeGreaterThanOrEqual(k)
                dimShown += truth.get(id)!.stats[d]![0]!
                sumShown += truth.get(id)!.stats[d]![1]!
              }
            }
            const p = programme.scores?.[d]
            if (p) {
              expect(p.n).toBe(dimShown)
              expect(p.mean * p.n).toBeCloseTo(sumShown, 9)
            } else expect(dimShown).toBe(0)
          }
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe('changeBetween', () => {
  it('marks a change only where Welch says p < 0.05 and the dimension is comparable', () => {
    const stats = (mean: number, n: number) => ({
      a: [n, n * mean, n * mean * mean + n, 0, 0, 0, 0, 0],
      b: [n, n * 3, n * 9 + n, 0, 0, 0, 0, 0],
    })
    const prev = waveView(
      mini,
      ['p'],
      [{ partnerId: 'p', role: 'medewerker', n: 30, stats: stats(2.5, 30) }],
      'medewerker',
      5,
    ).partners.get('p')!
    const next = waveView(
      mini,
      ['p'],
      [{ partnerId: 'p', role: 'medewerker', n: 30, stats: stats(3.5, 30) }],
      'medewerker',
      5,
    ).partners.get('p')!
    const change = changeBetween(prev, next, (d) => d === 'a', { prev: stats(2.5, 30), next: stats(3.5, 30) })!
    expect(change.a!.diff).toBeCloseTo(1, 12)
    expect(change.a!.significant).toBe(true)
    expect(change.b).toBeNull()
  })
})
