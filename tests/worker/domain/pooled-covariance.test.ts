/**
 * The cross-products over all of a role's items: the total and the pooled-within-partner
 * covariance matrices made from additive moments (the pooled vector a submission adds to, and each
 * partner cell's item sums) equal the same matrices computed directly from the raw answer sets, to
 * 1e-9, on simulated data with partners that differ and scales that correlate.
 */
import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import {
  itemsFromVector,
  itemsVector,
  pairsFromVector,
  pairsVector,
  pairwiseCovariance,
  partnerItemsDelta,
  partnerItemsOf,
  pooledWithin,
  roleItems,
  totalCovariance,
  twoLevel,
} from '../../../worker/domain/pooled-covariance.ts'
import { validateAnswers, type Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { normal } from '../fixtures.ts'

/** Version 3, on which these were first written, and the current version (the latest released: in version 5 staff are asked 25 items, team managers 32, tactical managers 14). */
const VERSIONS = [...new Set([3, findInstrument('coachende-manager')!.version])]

for (const version of VERSIONS)
  describe(`instrument version ${version}`, () => {
    const ins = findInstrument('coachende-manager', version)!

    /** Per partner `size` answer sets: a partner effect, a person's general level shared by every scale (so scales correlate), item noise, "don't know" at `dk`. */
    function simulate(role: Role, seed: number, sizes: number[], dk: number) {
      const random = rng(seed)
      const questions = scoredQuestions(ins, role)
      return sizes.map((size) => {
        const effect = 0.7 * normal(random)
        return Array.from({ length: size }, () => {
          const general = 3 + effect + 0.6 * normal(random)
          const byScale = new Map<string, number>()
          const answers: Answers = {}
          for (const q of questions) {
            if (!byScale.has(q.dimension)) byScale.set(q.dimension, general + 0.5 * normal(random))
            if (random() < dk) {
              answers[q.name] = 'nvt'
              continue
            }
            const x = Math.min(5, Math.max(1, Math.round(byScale.get(q.dimension)! + 0.6 * normal(random))))
            answers[q.name] = q.reverse ? 6 - x : x
          }
          const checked = validateAnswers(ins, role, answers)
          if (!checked.ok) throw new Error(JSON.stringify(checked.problems))
          return checked.answers
        })
      })
    }

    /** The keyed values of a complete answer set, straight from the answers, or null. */
    const keyed = (role: Role, a: Answers) => {
      const x = scoredQuestions(ins, role).map((q) => {
        const v = a[q.name]
        return typeof v === 'number' ? (q.reverse ? 6 - v : v) : null
      })
      return x.some((v) => v === null) ? null : (x as number[])
    }

    /** Two-pass covariances from raw rows: the reference. */
    function direct(groups: number[][][]) {
      const rows = groups.flat()
      const k = rows[0]!.length
      const mean = (rs: number[][]) =>
        Array.from({ length: k }, (_, i) => rs.reduce((a, r) => a + r[i]!, 0) / rs.length)
      const grand = mean(rows)
      const total = Array.from({ length: k }, (_, i) =>
        Array.from(
          { length: k },
          (_, j) => rows.reduce((a, r) => a + (r[i]! - grand[i]!) * (r[j]! - grand[j]!), 0) / (rows.length - 1),
        ),
      )
      const used = groups.filter((g) => g.length > 0)
      const means = used.map(mean)
      const within = Array.from({ length: k }, (_, i) =>
        Array.from(
          { length: k },
          (_, j) =>
            used.reduce(
              (a, g, gi) => a + g.reduce((b, r) => b + (r[i]! - means[gi]![i]!) * (r[j]! - means[gi]![j]!), 0),
              0,
            ) /
            (rows.length - used.length),
        ),
      )
      // Between partners: Σ_g n_g (m_g − m)(m_g − m)ᵀ / (G − 1), and Muthén's c.
      const G = used.length
      const N = rows.length
      const between = Array.from({ length: k }, (_, i) =>
        Array.from(
          { length: k },
          (_, j) =>
            used.reduce((a, g, gi) => a + g.length * (means[gi]![i]! - grand[i]!) * (means[gi]![j]! - grand[j]!), 0) /
            (G - 1),
        ),
      )
      const c = (N * N - used.reduce((a, g) => a + g.length * g.length, 0)) / (N * (G - 1))
      return { grand, total, within, between, c }
    }

    /** The moments as D1 keeps them: one pooled vector added to per answer set, and per partner its cell's item sums. */
    function fromMoments(role: Role, groups: Answers[][]) {
      const k = roleItems(ins, role).length
      const add = (a: number[], b: number[]) => a.map((x, i) => x + b[i]!)
      let pooled = itemsVector(ins, role, groups[0]![0]!).map(() => 0)
      const partners = groups.map((g) => {
        let sums = new Array<number>(k + 2).fill(0)
        for (const a of g) {
          pooled = add(pooled, itemsVector(ins, role, a))
          sums = add(sums, partnerItemsDelta(ins, role, a))
        }
        return { items: partnerItemsOf(sums, k), answerSets: g.length }
      })
      return { pooled: itemsFromVector(ins, role, pooled), partners }
    }

    const expectMatrix = (got: number[][], want: number[][]) => {
      expect(got.length).toBe(want.length)
      got.forEach((row, i) => {
        row.forEach((x, j) => {
          expect(Math.abs(x - want[i]![j]!)).toBeLessThan(1e-9)
        })
      })
    }

    describe('covariances over all items, from moments', () => {
      for (const role of ['medewerker', 'teammanager', 'tactisch'] as Role[]) {
        it(`equal the total and pooled-within-partner matrices of the raw answer sets (${role})`, () => {
          const groups = simulate(role, 2026 + role.length, [40, 25, 60, 12, 30], 0.01)
          const complete = groups.map((g) => g.map((a) => keyed(role, a)).filter((x): x is number[] => x !== null))
          // Some answer sets have a "don't know": only complete ones are in either matrix.
          expect(complete.flat().length).toBeLessThan(groups.flat().length)
          const want = direct(complete)
          const { pooled, partners } = fromMoments(role, groups)
          expect(pooled.items).toEqual(scoredQuestions(ins, role).map((q) => q.name))
          expect(pooled.n).toBe(complete.flat().length)
          const total = totalCovariance(pooled)!
          total.means.forEach((m, i) => {
            expect(Math.abs(m - want.grand[i]!)).toBeLessThan(1e-9)
          })
          expectMatrix(total.covariance, want.total)
          const within = pooledWithin(pooled, partners, 5)
          if (!('covariance' in within)) throw new Error(`withheld: ${within.withheld}`)
          expect(within.groups).toBe(5)
          expect(within.df).toBe(pooled.n - 5)
          expectMatrix(within.covariance, want.within)
          // Two levels: the same within matrix, the between matrix and c, every partner shown.
          const levels = twoLevel(
            pooled,
            partners.map((p) => ({ ...p, shown: true })),
            5,
          )
          if (!('between' in levels)) throw new Error(`withheld: ${levels.withheld}`)
          expectMatrix(levels.within.covariance, want.within)
          expect(levels.within.nobs).toBe(pooled.n - 5 + 1)
          expectMatrix(levels.between.covariance, want.between)
          expect(Math.abs(levels.between.c - want.c)).toBeLessThan(1e-9)
          expect(levels.between).toMatchObject({ groups: 5, df: 4, nobs: 5 })
          // Five partners: rank G − 1 = 4 over all items, so not positive definite.
          expect(levels.between).toMatchObject({ rank: 4, positiveDefinite: false })
          // Per scale: a block of 4 items is positive definite from 5 partners, one of 5 items is not.
          const scales = Object.fromEntries(
            ins.dimensions.map((d) => [
              d.key,
              scoredQuestions(ins, role)
                .filter((q) => q.dimension === d.key)
                .map((q) => q.name),
            ]),
          )
          const perScale = twoLevel(
            pooled,
            partners.map((p) => ({ ...p, shown: true })),
            5,
            scales,
          )
          if (!('between' in perScale)) throw new Error(`withheld: ${perScale.withheld}`)
          for (const [key, names] of Object.entries(scales)) {
            if (names.length === 0) continue
            expect(perScale.between.scales[key]!.items).toEqual(names)
            expect(perScale.between.scales[key]).toMatchObject({
              rank: Math.min(names.length, 4),
              positiveDefinite: names.length <= 4,
            })
          }
          // Partners that differ: the within matrix is not the total one (the partner means explain some of it).
          expect(within.covariance[0]![0]!).toBeLessThan(total.covariance[0]![0]!)
          // Between scales too: the first and the last item belong to different scales and correlate.
          const items = scoredQuestions(ins, role)
          expect(items[0]!.dimension).not.toBe(items.at(-1)!.dimension)
          expect(total.covariance[0]!.at(-1)!).toBeGreaterThan(0)
        })
      }

      it('withholds the within matrix where a partner has fewer than k complete answer sets, or sums not kept for all', () => {
        const role: Role = 'medewerker'
        const groups = simulate(role, 9, [30, 30, 30], 0)
        const { pooled, partners } = fromMoments(role, groups)
        expect('covariance' in pooledWithin(pooled, partners, 5)).toBe(true)
        // A partner of 4: its mean over 4 answer sets would be in the matrix.
        const small = simulate(role, 10, [30, 30, 4], 0)
        const s = fromMoments(role, small)
        expect(pooledWithin(s.pooled, s.partners, 5)).toEqual({ withheld: 'withheld' })
        // A cell counted partly before the sums were kept: its count falls short of its answer sets.
        const short = partners.map((p, i) => (i === 0 ? { ...p, answerSets: p.answerSets + 1 } : p))
        expect(pooledWithin(pooled, short, 5)).toEqual({ withheld: 'not-kept' })
        // One partner alone: there is no "within partners" apart from the total.
        const one = fromMoments(role, [groups[0]!])
        expect(pooledWithin(one.pooled, one.partners, 5)).toEqual({ withheld: 'withheld' })
      })

      it('adds nothing for an answer set with a "don\'t know", and lays its vector out for k items', () => {
        const role: Role = 'medewerker'
        const k = roleItems(ins, role).length
        const [a] = simulate(role, 3, [1], 0)[0]!
        const v = itemsVector(ins, role, a!)
        expect(v.length).toBe(1 + k + (k * (k + 1)) / 2)
        expect(v[0]).toBe(1)
        const withDk = { ...a!, [roleItems(ins, role)[3]!]: 'nvt' }
        expect(itemsVector(ins, role, withDk).every((x) => x === 0)).toBe(true)
        expect(partnerItemsDelta(ins, role, withDk)).toEqual([1, ...new Array<number>(k + 1).fill(0)])
        expect(() => itemsFromVector(ins, role, [...v, 0])).toThrow(/expected/)
      })
    })

    /** Keyed values with null for "don't know", straight from the answers. */
    const keyedOrNull = (role: Role, a: Answers) =>
      scoredQuestions(ins, role).map((q) => {
        const v = a[q.name]
        return typeof v === 'number' ? (q.reverse ? 6 - v : v) : null
      })

    describe('pairwise covariances over all items, from moments', () => {
      for (const role of ['medewerker', 'teammanager', 'tactisch'] as Role[]) {
        it(`equal each pair's covariance over the raw answer sets that answered both, with its n (${role})`, () => {
          // 5% "don't know" per question: most answer sets are incomplete, every pair keeps most of them.
          const groups = simulate(role, 4040 + role.length, [40, 25, 60, 12, 30], 0.05)
          const rows = groups.flat().map((a) => keyedOrNull(role, a))
          const k = rows[0]!.length
          const complete = rows.filter((r) => r.every((x) => x !== null)).length
          let pooled = new Array<number>(2 * k * (k + 1)).fill(0)
          for (const a of groups.flat()) {
            const v = pairsVector(ins, role, a)
            pooled = pooled.map((x, i) => x + v[i]!)
          }
          const m = pairwiseCovariance(pairsFromVector(ins, role, pooled))!
          let invSum = 0
          let pairs = 0
          // One assertion per figure kind, not per pair: k² expect calls made this test slow in workerd.
          const wrongN: string[] = []
          let covError = 0
          let meanError = 0
          for (let i = 0; i < k; i++) {
            for (let j = 0; j < k; j++) {
              const both = rows.filter((r) => r[i] !== null && r[j] !== null)
              const mi = both.reduce((a, r) => a + r[i]!, 0) / both.length
              const mj = both.reduce((a, r) => a + r[j]!, 0) / both.length
              const cov = both.reduce((a, r) => a + (r[i]! - mi) * (r[j]! - mj), 0) / (both.length - 1)
              if (m.n[i]![j] !== both.length) wrongN.push(`${i},${j}: ${m.n[i]![j]} ≠ ${both.length}`)
              covError = Math.max(covError, Math.abs(m.covariance[i]![j]! - cov))
              if (j >= i) {
                invSum += 1 / both.length
                pairs += 1
              }
            }
            const answered = rows.filter((r) => r[i] !== null)
            meanError = Math.max(
              meanError,
              Math.abs(m.means[i]! - answered.reduce((a, r) => a + r[i]!, 0) / answered.length),
            )
          }
          expect(wrongN).toEqual([])
          expect(covError).toBeLessThan(1e-9)
          expect(meanError).toBeLessThan(1e-9)
          expect(Math.abs(m.nobs - pairs / invSum)).toBeLessThan(1e-9)
          // Listwise keeps far fewer than any pair does.
          expect(complete).toBeLessThan(m.minN)
          expect(m.positiveDefinite).toBe(true)
        })
      }

      it('says when a pairwise matrix is not positive definite, as one over different answer sets can be', () => {
        const role: Role = 'tactisch'
        const names = roleItems(ins, role)
        // Three items: a = b on the sets that answered both, b = c likewise, a = −c: no one sample has these covariances.
        const [q0, q1, q2] = names
        const sets: Answers[] = []
        // The other items vary as answered: only these three make the matrix indefinite.
        const bases = simulate(role, 5, [90], 0)[0]!
        const keyedQ = scoredQuestions(ins, role)
        const put = (a: Answers, name: string, x: number) => {
          const q = keyedQ.find((q) => q.name === name)!
          a[name] = q.reverse ? 6 - x : x
        }
        for (let t = 0; t < 30; t++) {
          const x = 1 + (t % 5)
          const ab = { ...bases[3 * t]! }
          put(ab, q0!, x)
          put(ab, q1!, x)
          ab[q2!] = 'nvt'
          const bc = { ...bases[3 * t + 1]! }
          put(bc, q1!, x)
          put(bc, q2!, x)
          bc[q0!] = 'nvt'
          const ac = { ...bases[3 * t + 2]! }
          put(ac, q0!, x)
          put(ac, q2!, 6 - x)
          ac[q1!] = 'nvt'
          sets.push(ab, bc, ac)
        }
        const k = names.length
        let pooled = new Array<number>(2 * k * (k + 1)).fill(0)
        for (const a of sets) {
          const v = pairsVector(ins, role, a)
          pooled = pooled.map((x, i) => x + v[i]!)
        }
        const m = pairwiseCovariance(pairsFromVector(ins, role, pooled))!
        expect(m.n[0]![1]).toBe(30)
        expect(m.positiveDefinite).toBe(false)
        expect(() => pairsFromVector(ins, role, [...pooled, 0])).toThrow(/expected/)
      })
    })
  })
