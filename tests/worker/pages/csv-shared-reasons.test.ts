/**
 * Why the CSV export shows no score on the shared questions beside a shown staff score
 * (worker/services/results-service.ts `exportRows`, `RowReason`): a group whose rollup did not keep
 * that score for every answer set says "not available for this wave", not "too few answers"
 * (worker/domain/publication.ts `withShared` names no dimension of such a group); a score held back
 * because a staff-only question's counts are hidden says so; a shown one has no reason.
 */
import { describe, expect, it } from 'vitest'
import type { Partner } from '../../../worker/db/programmes.ts'
import type { Wave } from '../../../worker/db/waves.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { showsAnything } from '../../../worker/domain/publication-parts.ts'
import { questionDelta } from '../../../worker/domain/question-detail.ts'
import { cellDelta } from '../../../worker/domain/rollup.ts'
import { scoreAnswers, type Answers } from '../../../worker/domain/scoring.ts'
import { messages, type Lang } from '../../../worker/i18n/messages.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { exportRows } from '../../../worker/services/results-service.ts'
import type { ProgrammeData } from '../../../worker/domain/wave-results.ts'

const ins = findInstrument('coachende-manager', 3)!
const K = 5
const staffQuestions = scoredQuestions(ins, 'medewerker')
const answerSet = (base: number, set: Answers = {}): Answers => ({
  ...Object.fromEntries(staffQuestions.map((q) => [q.name, base])),
  ...set,
})

/** A staff group's rollup cell, made as D1 makes it: each answer set's cellDelta and question counts added. */
function cellOf(partnerId: string, sets: Answers[]): Cell {
  const stats: Record<string, number[]> = {}
  const questions: Record<string, number[]> = {}
  const add = (into: Record<string, number[]>, from: Record<string, number[]>) => {
    for (const [key, v] of Object.entries(from)) into[key] = v.map((x, i) => x + (into[key]?.[i] ?? 0))
  }
  for (const a of sets) {
    add(stats, cellDelta(ins, 'medewerker', a, scoreAnswers(ins, 'medewerker', a)))
    add(questions, questionDelta(ins, 'medewerker', a))
  }
  return { partnerId, role: 'medewerker', n: sets.length, stats, questions }
}

const sets = Array.from({ length: 6 }, (_, i) => answerSet(1 + (i % 5)))
const kept = cellOf('kept', sets)
// As if one answer set had been counted before shared scores were kept: the cell's count of answer sets kept with them one short of its n.
const items = cellOf('before', sets).stats['@items']!
const before: Cell = {
  ...cellOf('before', sets),
  stats: { ...cellOf('before', sets).stats, '@items': [items[0]! - 1, ...items.slice(1)] },
}
// Two of six give no answer to autonomie_5: its counts (4 < k) are hidden, so the shared score beside autonomie is too.
const hidden = cellOf(
  'hidden',
  sets.map((a, i) => (i < 2 ? { ...a, autonomie_5: 'nvt' } : a)),
)

const partner = (id: string): Partner => ({
  id,
  programmeId: 'p',
  name: id,
  headcount: null,
  headcounts: { medewerker: null, teammanager: null, tactisch: null },
  addedAt: null,
})
const wave: Wave = {
  id: 'w1',
  programmeId: 'p',
  label: 'Voorjaar',
  instrument: 'coachende-manager',
  instrumentVersion: 3,
  opensAt: '2026-01-01T00:00:00.000Z',
  closesAt: '2026-02-01T00:00:00.000Z',
  minGroupSize: K,
  createdAt: null,
}
const publication = publishWave(ins, ['kept', 'before', 'hidden'], [kept, before, hidden], K)
const data: ProgrammeData = {
  partners: ['kept', 'before', 'hidden'].map(partner),
  waves: [wave],
  published: new Map([['w1', { k: K, shows: showsAnything(publication) }]]),
  publications: new Map([['w1', publication]]),
  scope: { all: true },
  changes: new Map(),
  participation: [],
  asked: new Set<string>(),
}

describe("the CSV's reason for a missing score on the shared questions", () => {
  it('publishes no dimension for a group not kept for every answer set, and null where one is held back', () => {
    const staff = publication.roles.medewerker!
    expect(staff.partners.before!.shared).toEqual({})
    expect(staff.partners.hidden!.shared!.autonomie).toBeNull()
    expect(staff.partners.hidden!.stats!.autonomie).not.toBeNull()
    expect(staff.partners.kept!.shared!.autonomie).not.toBeNull()
  })

  it.each(['nl', 'en'] as Lang[])('says not kept, hidden or nothing, in the language asked (%s)', (lang) => {
    const [header, ...rows] = exportRows(data, { onlyPartner: null, lang }).rows as string[][]
    const col = (en: string, nl: string) => header!.indexOf(lang === 'en' ? en : nl)
    const reasonAt = col('shared_hidden_reason', 'reden_gedeelde_vragen_niet_getoond')
    const row = (p: string, d: string) => rows.find((r) => r[1] === 'medewerker' && r[2] === p && r[4] === d)!
    const t = messages[lang]
    for (const d of ['autonomie', 'steun']) {
      // Every score of the group is shown: only the shared one is missing, and never for too few answers.
      expect(row('before', d)[col('mean', 'gemiddelde')]).not.toBeNull()
      expect(row('before', d)[reasonAt]).toBe(t.csvReason_notKept)
      expect(row('kept', d)[reasonAt]).toBeNull()
    }
    expect(row('hidden', 'autonomie')[reasonAt]).toBe(t.csvReason_hidden)
    expect(row('hidden', 'steun')[reasonAt]).toBeNull()
    expect(t.csvReason_notKept).not.toBe(t.csvReason_few)
  })
})
