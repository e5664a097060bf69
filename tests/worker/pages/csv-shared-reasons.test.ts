/**
 * Why the CSV export shows no score on the shared questions beside a shown staff score
 * (worker/services/results-service.ts `exportRows`, `RowReason`): a group whose rollup did not keep
 * that score for every answer set says "not available for this wave", not "too few answers"
 * (worker/domain/publication.ts `withShared` names no dimension of such a group); a score held back
 * because a staff-only question's counts are hidden says so; a shown one has no reason.
 */
import { describe, expect, it } from 'vitest'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { messages, type Lang } from '../../../worker/i18n/messages.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { exportRows } from '../../../worker/services/results-service.ts'
import { pageData, pagePartner, pageWave, staffSets } from '../fixtures.ts'

const ins = findInstrument('coachende-manager', 3)!
const K = 5
const { answerSet, cellOf } = staffSets(ins)

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

const partner = (id: string) => pagePartner(id, id)
const wave = pageWave({ instrumentVersion: 3, minGroupSize: K })
const publication = publishWave(ins, ['kept', 'before', 'hidden'], [kept, before, hidden], K)
const data = pageData(['kept', 'before', 'hidden'].map(partner), wave, publication)

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
