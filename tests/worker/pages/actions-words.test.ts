import { describe, expect, it } from 'vitest'
import type { Action } from '../../../worker/db/actions.ts'
import { isOverdue } from '../../../worker/domain/action-outcomes.ts'
import type { Lang } from '../../../worker/i18n/messages.ts'
import { dayOf } from '../../../schema/format.ts'
import { ActionsSection, shortened } from '../../../worker/pages/actions-section.tsx'

describe('shortened: an action in its edit line', () => {
  it('keeps a short text whole and cuts a long one at a word, with "…", never mid-word', () => {
    expect(shortened('Maandelijks ketenoverleg')).toBe('Maandelijks ketenoverleg')
    const long = 'Maandelijks ketenoverleg met de teammanagers over de knelpunten die medewerkers melden'
    const cut = shortened(long)
    expect(cut).toBe('Maandelijks ketenoverleg met de teammanagers over de…')
    expect(cut.length).toBeLessThanOrEqual(61)
    expect(long.startsWith(cut.slice(0, -1))).toBe(true)
    // One word longer than the line: cut there, as there is no space to cut at.
    expect(shortened('x'.repeat(80))).toBe(`${'x'.repeat(60)}…`)
  })
})

describe('an action past its due date', () => {
  const action = (id: string, due: string | null, status: Action['status']): Action => ({
    id,
    programmeId: 'p',
    waveId: 'w1',
    partnerId: 'a',
    dimension: 'coaching',
    what: `Afspraak ${id}`,
    owner: null,
    due,
    status,
    recordedOn: '2020-01-01',
  })

  it('is overdue while planned or in progress after its day, not on it, nor once done or dropped', () => {
    expect(isOverdue(action('x', '2026-01-06', 'planned'), '2026-12-03')).toBe(true)
    expect(isOverdue(action('x', '2026-01-06', 'in-progress'), '2026-01-07')).toBe(true)
    expect(isOverdue(action('x', '2026-01-06', 'planned'), '2026-01-06')).toBe(false)
    expect(isOverdue(action('x', '2026-01-06', 'done'), '2026-12-03')).toBe(false)
    expect(isOverdue(action('x', '2026-01-06', 'dropped'), '2026-12-03')).toBe(false)
    expect(isOverdue(action('x', null, 'planned'), '2026-12-03')).toBe(false)
  })

  it("takes today's day in the Netherlands, a day ahead of UTC after midnight there", () => {
    expect(dayOf(new Date('2026-12-02T23:30:00Z'))).toBe('2026-12-03')
    expect(dayOf(new Date('2026-07-01T21:59:00Z'))).toBe('2026-07-01')
    expect(dayOf(new Date('2026-07-01T22:00:00Z'))).toBe('2026-07-02')
  })

  it.each(['nl', 'en'] as Lang[])(
    'is marked in words in the list (and so in the report, which shows the same list) (%s)',
    async (lang) => {
      const outcomes = [
        action('late', '2020-01-06', 'planned'),
        action('done', '2020-01-06', 'done'),
        action('later', '2999-01-01', 'planned'),
      ].map((a) => ({ action: a, agreedIn: 'Voorjaar', next: null, change: null, others: null }))
      const html = String(
        await ActionsSection({
          lang,
          pid: 'p',
          outcomes,
          dims: [{ key: 'coaching', label: { nl: 'Coachen', en: 'Coaching' } }],
          partners: [{ id: 'a', name: 'Alpha', dimensions: ['coaching'] }],
          waves: [{ id: 'w1', label: 'Voorjaar' }],
          canWrite: false,
        })?.toString(),
      )
      const word = lang === 'nl' ? 'over tijd' : 'overdue'
      const item = (id: string) =>
        html.slice(html.indexOf(`Afspraak ${id}`), html.indexOf('</li>', html.indexOf(`Afspraak ${id}`)))
      expect(item('late')).toContain(word)
      expect(item('done')).not.toContain(word)
      expect(item('later')).not.toContain(word)
    },
  )
})
