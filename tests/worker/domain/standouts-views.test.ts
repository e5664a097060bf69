import { describe, expect, it } from 'vitest'
import type { Instrument, Role } from '../../../schema/instrument.ts'
import type { Partner, Programme, Wave } from '../../../worker/domain/records.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { cellView, cellViews, publishWave, type Cell, type Publication } from '../../../worker/domain/publication.ts'
import { questionDelta } from '../../../worker/domain/question-detail.ts'
import { rollupDelta } from '../../../worker/domain/rollup.ts'
import { scoreAnswers } from '../../../worker/domain/scoring.ts'
import { standoutsOf } from '../../../worker/domain/standouts.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { resultsFor } from '../../../worker/services/results-service.ts'
import type { ProgrammeData } from '../../../worker/domain/wave-results.ts'

/**
 * The dashboard makes each published cell's view once per request and hands those views to the
 * stand-outs (worker/domain/publication.ts `cellViews`), where each used to be made again
 * (BENCHMARKS.md, "The results API in parts"). That is only a saving if what is read is the same:
 * these tests hold the stand-outs made from shared views to those made from fresh ones, on a
 * programme of two published waves with question counts (so agreement, and with it the verdict,
 * is in every view).
 */

const ins = findInstrument('coachende-manager')!
const K = 5
const WAVES = ['w1', 'w2']

/** One group's rollup cell from `n` simulated answer sets around `level` (per dimension, a little apart). */
function group(partnerId: string, role: Role, n: number, level: number, seed: number): Cell {
  const random = rng(seed)
  const stats: Record<string, number[]> = {}
  const questions: Record<string, number[]> = {}
  const add = (into: Record<string, number[]>, from: Record<string, number[]>) => {
    for (const [key, values] of Object.entries(from)) {
      const acc = (into[key] ??= new Array<number>(values.length).fill(0))
      values.forEach((v, i) => {
        acc[i]! += v
      })
    }
  }
  for (let i = 0; i < n; i++) {
    const answers = simulateAnswers(ins, role, random, (d) => level + ((d.length % 5) - 2) * 0.3)
    add(stats, rollupDelta(ins, scoreAnswers(ins, role, answers)))
    add(questions, questionDelta(ins, role, answers))
  }
  return { partnerId, role, n, stats, questions }
}

const partners: Partner[] = Array.from({ length: 8 }, (_, i) => ({
  id: `p${i}`,
  programmeId: 'prog',
  name: `Partner ${i}`,
  headcount: 40,
  headcounts: { medewerker: 40, teammanager: 8, tactisch: 3 },
  addedAt: null,
}))
const waves: Wave[] = WAVES.map((id, i) => ({
  id,
  programmeId: 'prog',
  label: `2026-${i + 1}`,
  instrument: ins.id,
  instrumentVersion: ins.version,
  opensAt: `2026-0${i + 1}-01T00:00:00.000Z`,
  closesAt: `2026-0${i + 1}-20T00:00:00.000Z`,
  minGroupSize: K,
  createdAt: null,
}))
// Sizes from below k (hidden) to large, levels that move between the waves: strongest, weakest,
// gaps and significant changes all occur.
const publications = new Map<string, Publication>(
  WAVES.map((w, wi) => [
    w,
    publishWave(
      ins,
      partners.map((p) => p.id),
      partners.flatMap((p, i) =>
        (ins.roles as Role[]).map((role, ri) =>
          group(
            p.id,
            role,
            [3, 6, 12, 30, 60][(i + ri + wi) % 5]!,
            2 + ((i * 7 + ri * 3 + wi * 5) % 6) * 0.5,
            1 + i * 100 + ri * 10 + wi,
          ),
        ),
      ),
      K,
    ),
  ]),
)
const data: ProgrammeData = {
  partners,
  waves,
  published: new Map(WAVES.map((w) => [w, { k: K, shows: true }])),
  publications,
  scope: { all: true },
  changes: new Map(),
  participation: [],
  asked: new Set<string>(),
}
const programme: Programme = {
  id: 'prog',
  name: 'Programma',
  retentionDays: 365,
  waveRetentionYears: null,
  cadenceMonths: null,
  cadenceOpenDays: null,
  nextWaveAt: null,
}

const readers: { role: Role; onlyPartner: string | null }[] = [
  ...(ins.roles as Role[]).map((role) => ({ role, onlyPartner: null })),
  { role: 'medewerker', onlyPartner: 'p3' },
]

describe('stand-outs from views made once per request', () => {
  it('has the fixture it needs: shown and hidden cells, and something standing out of every kind', () => {
    const staff = publications.get('w2')!.roles.medewerker!
    const cells = Object.values(staff.partners)
    expect(cells.some((c) => c.n === null) && cells.some((c) => c.n !== null && c.questions)).toBe(true)
    const kinds = new Set(
      readers.flatMap((r) =>
        resultsFor(programme, data, { ...r, k: K }).standouts.flatMap((g) => g.items.map((x) => x.kind)),
      ),
    )
    expect([...kinds].sort()).toEqual(['change', 'gap', 'strongest', 'weakest'])
  })

  it('are the same, to the byte, as stand-outs that make every view themselves', () => {
    // `matched` as the dashboard sets it: for a reader who sees every partner.
    const input = (role: Role, shown: Partner[], matched: boolean) => ({
      ins: ins as Instrument,
      publication: publications.get('w2')!,
      previous: { label: '2026-1', ins: ins as Instrument, publication: publications.get('w1')! },
      role,
      partners: shown.map((p) => ({ id: p.id, name: p.name })),
      matched,
    })
    for (const { role, onlyPartner } of readers) {
      const shown = partners.filter((p) => !onlyPartner || p.id === onlyPartner)
      const fresh = JSON.stringify(standoutsOf(input(role, shown, onlyPartner === null)))
      // Shared views, asked for again and again, as the dashboard and the stand-outs together ask.
      const view = cellViews()
      expect(JSON.stringify(standoutsOf({ ...input(role, shown, onlyPartner === null), view }))).toBe(fresh)
      expect(JSON.stringify(standoutsOf({ ...input(role, shown, onlyPartner === null), view }))).toBe(fresh)
      // And the dashboard's, which hands the stand-outs the views it made for its own tables.
      expect(JSON.stringify(resultsFor(programme, data, { role, k: K, onlyPartner }).standouts)).toBe(fresh)
    }
  })

  it("names for the programme the level its row names: viewed as the programme's, never held back for agreement", () => {
    let checked = 0
    for (const waveId of WAVES)
      for (const role of ins.roles as Role[]) {
        const d = resultsFor(programme, data, { role, waveId, k: K, onlyPartner: null })
        const items = d.standouts[0]!.items.filter((x) => x.kind === 'strongest' || x.kind === 'weakest')
        for (const x of items) {
          if (x.kind !== 'strongest' && x.kind !== 'weakest') continue
          const row = d.programme.scores![x.dimension]!
          expect(row.agreement, x.dimension).toBeNull()
          expect(x.level, `${waveId} ${role} ${x.dimension}`).toBe(row.level)
          expect(x.held).toBe(false)
          checked++
        }
      }
    expect(checked).toBeGreaterThan(0)
  })

  it('gives the same view as cellView for every cell, instrument and group, and the same object when asked again', () => {
    const view = cellViews()
    for (const pub of publications.values())
      for (const role of Object.values(pub.roles))
        for (const cell of [role!.programme, ...Object.values(role!.partners)])
          for (const g of ['partner', 'programme'] as const) {
            const once = view(ins, cell, g)
            expect(once).toEqual(cellView(ins, cell, g))
            expect(view(ins, cell, g)).toBe(once)
          }
    expect(view(ins, undefined)).toEqual(cellView(ins, undefined))
  })
})
