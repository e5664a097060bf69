/**
 * The researcher's export (README, "Measurement quality and the researcher's export") through the
 * API, on real submissions into D1: it gives the total, pairwise, pooled-within-partner and
 * between-partner covariance matrices over all of a role's items (with c), equal to those of the
 * raw answer sets to 1e-9, and the gap on autonomie and steun compares team managers with staff's
 * score on the questions both are asked.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { shown } from '../../../worker/domain/levels.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { sharedScores } from '../../../worker/domain/shared-items.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'
import { normal } from '../fixtures.ts'

/** Version 3, on which these were first written, and the current version (the latest released: in version 5 staff are asked 25 items, team managers 32, tactical managers 14). */
const VERSIONS = [...new Set([3, findInstrument('coachende-manager')!.version])]

for (const version of VERSIONS)
  describe(`instrument version ${version}`, () => {
    const ins = findInstrument('coachende-manager', version)!

    /** An answer set around a partner's level, with a person's general level across scales; "don't know" where `dk` says. */
    function answersFor(role: Role, random: () => number, level: number, dk: (name: string) => boolean): Answers {
      const general = level + 0.6 * normal(random)
      const out: Answers = {}
      for (const q of scoredQuestions(ins, role)) {
        if (dk(q.name)) {
          out[q.name] = 'nvt'
          continue
        }
        const x = Math.min(5, Math.max(1, Math.round(general + 0.7 * normal(random))))
        out[q.name] = q.reverse ? 6 - x : x
      }
      return out
    }

    const keyed = (a: Answers) => {
      const x = scoredQuestions(ins, 'medewerker').map((q) => {
        const v = a[q.name]
        return typeof v === 'number' ? (q.reverse ? 6 - v : v) : null
      })
      return x.some((v) => v === null) ? null : (x as number[])
    }

    type PairwiseBlock = {
      method: string
      withheld: string | null
      n: number[][]
      covariance: number[][]
      nobs: number
      minN: number
      positiveDefinite: boolean
    }

    const keyedOrNull = (a: Answers) =>
      scoredQuestions(ins, 'medewerker').map((q) => {
        const v = a[q.name]
        return typeof v === 'number' ? (q.reverse ? 6 - v : v) : null
      })

    let lead: string
    let ctx: Awaited<ReturnType<typeof setupProgramme>>
    const staff: Answers[][] = []
    const managers: Answers[][] = []

    beforeAll(async () => {
      lead = await signInAdmin()
      ctx = await setupProgramme(lead, ['A', 'B', 'C', 'D'], { instrumentVersion: ins.version })
      const random = rng(1616)
      for (const [i, p] of ctx.partners.entries()) {
        // 26 complete staff answer sets and 2 with a "don't know" on kader_3 a partner (under the link's 30
        // a minute): 8 in all, so no pooled figure differs from one holding it by 1 to k − 1 answer sets and
        // small-difference withholding (worker/domain/pool-differences.ts) keeps every block.
        const sets = Array.from({ length: 28 }, (_, j) =>
          answersFor('medewerker', random, 2.4 + 0.5 * i, (name) => j >= 26 && name === 'kader_3'),
        )
        const mine = Array.from({ length: 6 }, () => answersFor('teammanager', random, 3.2 + 0.3 * i, () => false))
        staff.push(sets)
        managers.push(mine)
        const post = (role: Role, answers: Answers, j: number) =>
          postJson(
            `/api/s/${ctx.links[p.id]![role]}/responses`,
            // Half as the survey page sends them (claiming instrument, version and role), half without.
            j % 2
              ? { id: crypto.randomUUID(), answers, instrument: ins.id, version: ins.version, role }
              : { id: crypto.randomUUID(), answers },
            '',
            201,
          )
        await Promise.all([
          ...sets.map((a, j) => post('medewerker', a, j)),
          ...mine.map((a, j) => post('teammanager', a, j)),
        ])
      }
      await closeWave(lead, ctx.waveId)
    }, 120_000)

    describe("the researcher's export over all items", () => {
      it("says what it holds in the request's language", async () => {
        const path = `/api/programmes/${ctx.programmeId}/quality/moments.json?wave=${ctx.waveId}&role=medewerker`
        const notes = []
        for (const lang of ['nl', 'en']) {
          const res = await call(`${path}&lang=${lang}`, { cookie: lead })
          notes.push(((await res.json()) as { note: string }).note)
        }
        expect(notes[0]).toMatch(/^Per schaal: items in de volgorde van de vragenlijst/)
        expect(notes[1]).toMatch(/^Per scale: items in survey order/)
      })

      it('gives the total and pooled-within-partner covariance matrices of the raw answer sets, to 1e-9', async () => {
        const res = await call(
          `/api/programmes/${ctx.programmeId}/quality/moments.json?wave=${ctx.waveId}&role=medewerker`,
          { cookie: lead },
        )
        expect(res.status).toBe(200)
        const file = (await res.json()) as {
          items: {
            names: string[]
            n: number
            withheld: string | null
            means: number[]
            total: { covariance: number[][]; nobs: number }
            within: { covariance: number[][]; groups: number; df: number; nobs: number }
            between: { covariance: number[][]; groups: number; df: number; nobs: number; c: number }
            withinWithheld: string | null
          }
        }
        const complete = staff.map((g) => g.map(keyed).filter((x): x is number[] => x !== null))
        const rows = complete.flat()
        expect(rows.length).toBe(104)
        const k = rows[0]!.length
        expect(file.items.names).toEqual(scoredQuestions(ins, 'medewerker').map((q) => q.name))
        expect(file.items.withheld).toBeNull()
        expect(file.items.withinWithheld).toBeNull()
        expect(file.items.n).toBe(104)
        expect(file.items.total.nobs).toBe(104)
        expect(file.items.within.groups).toBe(4)
        expect(file.items.within.df).toBe(100)
        const mean = (rs: number[][]) =>
          Array.from({ length: k }, (_, i) => rs.reduce((a, r) => a + r[i]!, 0) / rs.length)
        const grand = mean(rows)
        const means = complete.map(mean)
        for (let i = 0; i < k; i++) {
          expect(Math.abs(file.items.means[i]! - grand[i]!)).toBeLessThan(1e-9)
          for (let j = 0; j < k; j++) {
            const total = rows.reduce((a, r) => a + (r[i]! - grand[i]!) * (r[j]! - grand[j]!), 0) / (rows.length - 1)
            const within =
              complete.reduce(
                (a, g, gi) => a + g.reduce((b, r) => b + (r[i]! - means[gi]![i]!) * (r[j]! - means[gi]![j]!), 0),
                0,
              ) / 100
            expect(Math.abs(file.items.total.covariance[i]![j]! - total)).toBeLessThan(1e-9)
            expect(Math.abs(file.items.within.covariance[i]![j]! - within)).toBeLessThan(1e-9)
            // Between partners: Σ n_g (m_g − m)(m_g − m)ᵀ / (G − 1), over the four shown partners.
            const between =
              complete.reduce(
                (a, g, gi) => a + g.length * (means[gi]![i]! - grand[i]!) * (means[gi]![j]! - grand[j]!),
                0,
              ) / 3
            expect(Math.abs(file.items.between.covariance[i]![j]! - between)).toBeLessThan(1e-9)
          }
        }
        expect(file.items.within.nobs).toBe(101)
        expect(file.items.between).toMatchObject({ groups: 4, df: 3, nobs: 4 })
        const N = rows.length
        const c = (N * N - complete.reduce((a, g) => a + g.length * g.length, 0)) / (N * 3)
        expect(Math.abs(file.items.between.c - c)).toBeLessThan(1e-9)
        // Pairwise: each covariance over the answer sets that answered both items, with that n.
        const pw = (file as unknown as { pairwise: PairwiseBlock }).pairwise
        expect(pw.method).toBe('pairwise')
        expect(pw.withheld).toBeNull()
        expect(pw.positiveDefinite).toBe(true)
        const all = staff.flat().map(keyedOrNull)
        let inv = 0
        let pairs = 0
        for (let i = 0; i < k; i++) {
          for (let j = 0; j < k; j++) {
            const both = all.filter((r) => r[i] !== null && r[j] !== null)
            const mi = both.reduce((a, r) => a + r[i]!, 0) / both.length
            const mj = both.reduce((a, r) => a + r[j]!, 0) / both.length
            const cov = both.reduce((a, r) => a + (r[i]! - mi) * (r[j]! - mj), 0) / (both.length - 1)
            expect(pw.n[i]![j]).toBe(both.length)
            expect(Math.abs(pw.covariance[i]![j]! - cov)).toBeLessThan(1e-9)
            if (j >= i) {
              inv += 1 / both.length
              pairs += 1
            }
          }
        }
        // A pair with kader_3 lacks its 8 "don't know"s of 112; a pair without it has all 112 (listwise: 104).
        expect(pw.minN).toBe(104)
        expect(pw.n[0]![0]).toBe(112)
        expect(Math.abs(pw.nobs - pairs / inv)).toBeLessThan(1e-9)
        // Nothing per partner in it.
        const text = JSON.stringify(file)
        for (const p of ctx.partners) expect(text).not.toContain(p.id)
      })
    })

    describe('complete answer sets in the quality view', () => {
      it('gives per scale and over all questions how many answer sets are complete, and their share', async () => {
        const res = await call(`/api/programmes/${ctx.programmeId}/quality?wave=${ctx.waveId}&role=medewerker`, {
          cookie: lead,
        })
        expect(res.status).toBe(200)
        const q = (await res.json()) as {
          shown: boolean
          completeAnswerSets: {
            respondents: number
            scales: Record<string, { n: number; share: number }>
            allItems: { n: number; share: number } | null
          }
        }
        expect(q.shown).toBe(true)
        const all = staff.flat()
        expect(q.completeAnswerSets.respondents).toBe(all.length)
        const questions = scoredQuestions(ins, 'medewerker')
        const dims = [...new Set(questions.map((x) => x.dimension))]
        expect(Object.keys(q.completeAnswerSets.scales)).toEqual(dims)
        for (const d of dims) {
          const names = questions.filter((x) => x.dimension === d).map((x) => x.name)
          const n = all.filter((a) => names.every((name) => typeof a[name] === 'number')).length
          expect(q.completeAnswerSets.scales[d]).toEqual({ n, share: n / all.length })
        }
        // The two questions with a "don't know" are in one scale: it alone has fewer complete, as has the whole.
        expect(Object.values(q.completeAnswerSets.scales).filter((s) => s.n < all.length).length).toBe(1)
        expect(q.completeAnswerSets.allItems).toEqual({ n: 104, share: 104 / 112 })
      })
    })

    describe('the gap on the questions both roles answer', () => {
      it("compares team managers' score on autonomie and steun with staff's score on the four shared questions", async () => {
        const res = await call(`/api/programmes/${ctx.programmeId}/dashboard?wave=${ctx.waveId}&role=medewerker`, {
          cookie: lead,
        })
        expect(res.status).toBe(200)
        const d = (await res.json()) as {
          gap: { partnerId: string; dimension: string; staff: number; manager: number }[]
          gapBasis: { dimension: string; on: string }[]
          partners: {
            id: string
            scores: Record<string, { mean: number }>
            shared: Record<string, { n: number; mean: number }>
          }[]
        }
        expect(d.gapBasis.map((b) => [b.dimension, b.on])).toEqual([
          ['autonomie', 'shared'],
          ['steun', 'shared'],
        ])
        for (const [i, p] of ctx.partners.entries()) {
          for (const dim of ['autonomie', 'steun']) {
            const direct = staff[i]!.map((a) => sharedScores(ins, 'medewerker', a)[dim]!).filter((x) => x !== null)
            const want = direct.reduce((a, b) => a + b, 0) / direct.length
            const cell = d.partners.find((x) => x.id === p.id)!
            expect(cell.shared[dim]!.n).toBe(direct.length)
            expect(Math.abs(cell.shared[dim]!.mean - want)).toBeLessThan(1e-9)
            const row = d.gap.find((g) => g.partnerId === p.id && g.dimension === dim)!
            expect(row.staff).toBe(shown(want))
            // Not the whole score's mean, which holds autonomie_5 / steun_5 (here, on these answers, a different number).
            expect(cell.scores[dim]!.mean).not.toBe(cell.shared[dim]!.mean)
          }
          // A dimension both roles answer alike is compared as before: staff's whole score.
          const coaching = d.gap.find((g) => g.partnerId === p.id && g.dimension === 'coaching')!
          expect(coaching.staff).toBe(shown(d.partners.find((x) => x.id === p.id)!.scores.coaching!.mean))
        }
      })
    })
  })
