/**
 * Staff's score on the questions team managers are also asked, published beside the
 * dimension's own score so the gap compares the same questions: attacked as a second equation over
 * the same answer sets (worker/domain/publication.ts `withShared` says why). The whole score and
 * the shared score of one group differ only by the questions team managers are not asked, so
 * together they give those questions away wherever their counts are hidden; published only beside
 * those counts, the first moments add nothing to them.
 */
import { describe, expect, it } from 'vitest'
import { publishWave, type Cell, type PublishedCell } from '../../../worker/domain/publication.ts'
import { sharedItemsOf } from '../../../worker/domain/shared-items.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { staffSets } from '../fixtures.ts'

const ins = findInstrument('coachende-manager', 3)!
const K = 5
const { answerSet, cellOf } = staffSets(ins)

const publishStaff = (cells: Cell[]) =>
  publishWave(
    ins,
    cells.map((c) => c.partnerId),
    cells,
    K,
  ).roles.medewerker!

/** n, sum, sumsq of a published moment. */
const m3 = (m: number[] | null | undefined) => (m ? { n: m[0]!, sum: m[1]!, sumsq: m[2]! } : null)

describe("staff's score on the shared questions, as published", () => {
  it('is kept for the dimensions whose staff questions differ from the team managers’: autonomie and steun', () => {
    expect(sharedItemsOf(ins).map((s) => [s.dimension, s.staffOnly.map((q) => q.name)])).toEqual([
      ['autonomie', ['autonomie_5']],
      ['steun', ['steun_5']],
    ])
  })

  it('gives away the one answer to autonomie_5 hidden by its counts, were it published beside them; so it is not', () => {
    // Six colleagues; only the first answers autonomie_5 on the scale (the others "don't know"), so
    // its counts are hidden (1 < k) while autonomie is shown (every score rests on 4 of 5 or 5 of 5).
    const secret = 2 // autonomie_5 "bemoeit zich met de details" at 2: reversed, a 4
    const sets = [
      answerSet(4, { autonomie_1: 2, autonomie_2: 3, autonomie_3: 5, autonomie_4: 4, autonomie_5: secret }),
      ...[3, 4, 5, 2, 4].map((b) => answerSet(b, { autonomie_5: 'nvt' })),
    ]
    const cell = cellOf('p', sets)
    const pub = publishStaff([
      cell,
      cellOf(
        'q',
        Array.from({ length: 6 }, () => answerSet(3)),
      ),
    ])
    const shown = pub.partners.p!
    expect(shown.n).toBe(6)
    expect(shown.stats!.autonomie).not.toBeNull()
    expect(shown.questions!.autonomie_5).toBeNull()
    // The shared moment is hidden with the counts it could be solved against.
    expect(shown.shared).toBeDefined()
    expect(shown.shared!.autonomie).toBeNull()
    // What it would give away (the rollup's moment, which is what would be published): the whole
    // and shared scores differ only for the one who answered autonomie_5, so the differences of
    // the sums and of the sums of squares give F − S and F² − S² of that one person, hence F and S,
    // hence their answer: 5F − 4S, reversed.
    const whole = m3(cell.stats.autonomie)!
    const shared = m3(cell.stats['autonomie@shared'])!
    const diff = whole.sum - shared.sum // F − S
    const diffSq = whole.sumsq - shared.sumsq // F² − S²
    const F = (diffSq / diff + diff) / 2
    const S = F - diff
    const recovered = 6 - Math.round(5 * F - 4 * S)
    expect(recovered).toBe(secret)
    // Partner q answered everything: its shared moment is shown, and the programme's is its alone.
    expect(pub.partners.q!.shared!.autonomie).toEqual([6, 18, 54])
    expect(pub.programme.shared!.autonomie).toEqual([6, 18, 54])
  })

  it("adds nothing to the shown counts where they are shown: 5 × sum − 4 × shared sum is the counts' sum of the extra question", () => {
    const values = [1, 2, 3, 4, 5, 4, 2]
    const sets = values.map((v, i) =>
      answerSet(1 + (i % 5), { autonomie_5: v, autonomie_2: 1 + ((i * 3) % 5), steun_5: 6 - v }),
    )
    const pub = publishStaff([cellOf('p', sets)])
    const cell: PublishedCell = pub.partners.p!
    for (const s of sharedItemsOf(ins)) {
      const extra = s.staffOnly[0]!
      const counts = cell.questions![extra.name]!
      const countsSum = counts.slice(0, -1).reduce((a, c, i) => a + c * (i + 1), 0)
      const keyedSum = extra.reverse ? 6 * sets.length - countsSum : countsSum
      const whole = m3(cell.stats![s.dimension])!
      const shared = m3(cell.shared![s.dimension])!
      expect(shared.n).toBe(sets.length)
      expect(Math.abs(5 * whole.sum - 4 * shared.sum - keyedSum)).toBeLessThan(1e-9)
    }
  })

  it('is hidden where the dimension is, or where fewer than k have a shared score, and the programme sums only the shown', () => {
    // Three of six answer only 3 of autonomie's 5 (too few for its score, enough for the 4 shared):
    // autonomie rests on 3 scores, hidden; the shared score on 6 would be there, and must not be.
    const few = [
      ...Array.from({ length: 3 }, () => answerSet(4)),
      ...Array.from({ length: 3 }, () => answerSet(3, { autonomie_4: 'nvt', autonomie_5: 'nvt' })),
    ]
    const pub = publishStaff([
      cellOf('few', few),
      cellOf(
        'all',
        Array.from({ length: 5 }, () => answerSet(2)),
      ),
    ])
    expect(pub.partners.few!.stats!.autonomie).toBeNull()
    expect(pub.partners.few!.shared!.autonomie).toBeNull()
    expect(pub.partners.few!.shared!.steun).not.toBeNull()
    // A hidden cell has none at all.
    const small = publishStaff([
      cellOf(
        'four',
        Array.from({ length: 4 }, () => answerSet(3)),
      ),
    ])
    expect(small.partners.four!.n).toBeNull()
    expect(small.partners.four!.shared).toBeUndefined()
    // The programme: the sum of the partners' shown shared moments, nothing more.
    expect(pub.programme.shared!.autonomie).toEqual(pub.partners.all!.shared!.autonomie)
    expect(pub.programme.shared!.steun).toEqual(
      pub.partners.all!.shared!.steun!.map((x, i) => x + pub.partners.few!.shared!.steun![i]!),
    )
  })

  it('is not published for a group counted partly before it was kept, nor for team managers', () => {
    const sets = Array.from({ length: 6 }, (_, i) => answerSet(1 + (i % 5)))
    const cell = cellOf('p', sets)
    // As if one answer set had been counted before: the cell's count of answer sets kept with it one short of its n.
    const items = cell.stats['@items']!
    const before: Cell = { ...cell, stats: { ...cell.stats, '@items': [items[0]! - 1, ...items.slice(1)] } }
    const pub = publishStaff([before, cellOf('q', sets)])
    expect(pub.partners.p!.shared).toEqual({})
    const managers = publishWave(ins, ['p'], [{ ...cell, role: 'teammanager' }], K).roles.teammanager!
    expect(managers.partners.p!.shared).toBeUndefined()
  })
})
