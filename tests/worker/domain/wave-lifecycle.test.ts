import { describe, expect, it } from 'vitest'
import { firstOpenDay, momentOfDay } from '../../../schema/format.ts'
import {
  changeWave,
  datesRefusal,
  firstDayKeptOpen,
  openingAfter,
  overlapping,
  waveState,
  type WaveChange,
} from '../../../worker/domain/wave-lifecycle.ts'
import { REFUSALS } from '../../../worker/http/problem.ts'
import { titleOf } from '../../../worker/i18n/errors.ts'

const now = new Date('2026-06-15T12:00:00.000Z')
const at = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString()
const wave = (opens: number, closes: number) => ({
  id: 'w',
  label: 'W',
  opensAt: at(opens),
  closesAt: at(closes),
  instrumentVersion: 1,
})
const planned = wave(5, 20)
const open = wave(-5, 10)
const closed = wave(-30, -10)

const verdict = (w: ReturnType<typeof wave>, change: WaveChange, answered = false) => {
  const d = changeWave(w, change, { now, answered })
  // The status the API answers the refusal with (its code's entry in worker/http/problem.ts).
  return d.ok ? 'ok' : REFUSALS[d.refusal].status
}

describe('changeWave', () => {
  it('has the three states at the edges of the period', () => {
    expect(waveState(planned, now)).toBe('planned')
    expect(waveState(open, now)).toBe('open')
    expect(waveState(closed, now)).toBe('closed')
    expect(waveState({ opensAt: now.toISOString(), closesAt: at(1) }, now)).toBe('open')
    expect(waveState({ opensAt: at(-1), closesAt: now.toISOString() }, now)).toBe('closed')
  })

  // state × change → verdict; `answered` only where it decides.
  const table: [string, ReturnType<typeof wave>, WaveChange, boolean, 'ok' | 400 | 409][] = [
    ['planned: new dates', planned, { kind: 'edit', opensAt: at(6), closesAt: at(30) }, false, 'ok'],
    ['planned: new instrument', planned, { kind: 'edit', instrumentVersion: 2 }, false, 'ok'],
    ['planned: closing in the past', planned, { kind: 'edit', closesAt: at(-1) }, false, 400],
    ['planned: closing before opening', planned, { kind: 'edit', closesAt: at(4) }, false, 400],
    ['planned: delete', planned, { kind: 'delete' }, false, 'ok'],
    ['open: later closing', open, { kind: 'edit', closesAt: at(30) }, true, 'ok'],
    ['open: close now', open, { kind: 'edit', closesAt: now.toISOString() }, true, 'ok'],
    ['open: close in the past', open, { kind: 'edit', closesAt: at(-1) }, true, 'ok'],
    ['open: label', open, { kind: 'edit', label: 'X' }, true, 'ok'],
    ['open: opening moved into the future (planned again)', open, { kind: 'edit', opensAt: at(1) }, true, 409],
    ['open: opening moved earlier', open, { kind: 'edit', opensAt: at(-9) }, false, 409],
    ['open: new instrument', open, { kind: 'edit', instrumentVersion: 2 }, false, 409],
    ['open: delete, no answers', open, { kind: 'delete' }, false, 409],
    ['open: delete, answers', open, { kind: 'delete' }, true, 409],
    ['closed: reopened (closing moved later)', closed, { kind: 'edit', closesAt: at(5) }, true, 409],
    ['closed: moved into the future', closed, { kind: 'edit', opensAt: at(1), closesAt: at(5) }, true, 409],
    ['closed: new instrument', closed, { kind: 'edit', instrumentVersion: 2 }, true, 409],
    ['closed: label', closed, { kind: 'edit', label: 'X' }, true, 'ok'],
    ['closed: delete, answers', closed, { kind: 'delete' }, true, 409],
    ['closed: delete, no answers', closed, { kind: 'delete' }, false, 'ok'],
  ]
  it.each(table)('%s', (_name, w, change, answered, expected) => {
    expect(verdict(w, change, answered)).toBe(expected)
  })

  it('closes an open wave now when its new last moment is before it opened (closed on its opening day)', () => {
    const today = wave(-0.2, 10)
    // The start of its opening day (what the page sends for "last day: yesterday"), and its opening moment.
    for (const closesAt of [momentOfDay(firstOpenDay(today.opensAt), false), today.opensAt]) {
      const d = changeWave(today, { kind: 'edit', closesAt }, { now, answered: true })
      expect(d.ok && d.wave.closesAt).toBe(now.toISOString())
      expect(d.ok && waveState(d.wave, now)).toBe('closed')
    }
    // A moment before its opening day, as a year mistyped, is refused, not taken for "close now".
    expect(verdict(today, { kind: 'edit', closesAt: at(-1) }, true)).toBe(400)
    expect(verdict(today, { kind: 'edit', closesAt: at(-365) }, true)).toBe(400)
    // A moment after it opened stays as asked, as it did.
    const later = changeWave(today, { kind: 'edit', closesAt: at(-0.1) }, { now, answered: true })
    expect(later.ok && later.wave.closesAt).toBe(at(-0.1))
    // A planned wave's dates in the wrong order are still refused.
    expect(verdict(planned, { kind: 'edit', closesAt: at(4) })).toBe(400)
  })

  it("takes the opening day as the Dutch day: a wave opened at 00:30 in Amsterdam closes now from that day's start on", () => {
    // 00:30 on 15 June in Amsterdam is 22:30 UTC on the 14th; the Dutch opening day starts at 22:00 UTC.
    const justAfterMidnight = {
      id: 'w',
      label: 'W',
      opensAt: '2026-06-14T22:30:00.000Z',
      closesAt: at(10),
      instrumentVersion: 1,
    }
    const lastDay14 = changeWave(
      justAfterMidnight,
      { kind: 'edit', closesAt: momentOfDay('2026-06-14', true) },
      { now, answered: true },
    )
    expect(lastDay14.ok && lastDay14.wave.closesAt).toBe(now.toISOString())
    // Midday UTC on the 14th is the UTC opening day but before the Dutch one: a mistake, refused.
    const d = changeWave(
      justAfterMidnight,
      { kind: 'edit', closesAt: '2026-06-14T12:00:00.000Z' },
      { now, answered: true },
    )
    expect(d.ok ? 'ok' : REFUSALS[d.refusal].status).toBe(400)
  })

  it('opens a planned wave now, not earlier, when its opening date moves into the past', () => {
    const d = changeWave(planned, { kind: 'edit', opensAt: at(-3) }, { now, answered: false })
    expect(d.ok && d.wave.opensAt).toBe(now.toISOString())
  })

  it('never turns a wave that has opened into a planned one, whatever the edit (exhaustive over offsets)', () => {
    for (const w of [open, closed]) {
      for (const o of [-40, -10, -1, 0, 1, 10, 40]) {
        for (const c of [-40, -10, -1, 0, 1, 10, 40]) {
          const d = changeWave(w, { kind: 'edit', opensAt: at(o), closesAt: at(c) }, { now, answered: true })
          if (d.ok) expect(waveState(d.wave, now)).not.toBe('planned')
          if (d.ok && waveState(w, now) === 'closed') expect(d.wave.closesAt).toBe(w.closesAt)
        }
      }
    }
  })
})

describe('datesRefusal', () => {
  it('takes a wave that closes after it opens and refuses one that closes when or before it opens', () => {
    expect(datesRefusal({ opensAt: at(0), closesAt: at(1) })).toBeNull()
    expect(REFUSALS[datesRefusal({ opensAt: at(1), closesAt: at(1) })!].status).toBe(400)
    expect(titleOf(datesRefusal({ opensAt: at(2), closesAt: at(1) })!, 'en')).toBe('Invalid dates')
  })
})

describe('openingAfter', () => {
  // A wave that opened at the start of 15 June (Amsterdam) and was closed "now" at 10:00:30 UTC.
  const closedToday = { opensAt: momentOfDay('2026-06-15', false), closesAt: '2026-06-15T10:00:30.123Z' }
  const startOfToday = momentOfDay('2026-06-15', false)

  it('opens a new wave set to open today after the wave closed earlier today, so the two do not overlap', () => {
    const opensAt = openingAfter([closedToday], startOfToday, now)
    expect(opensAt).toBe(closedToday.closesAt)
    expect(overlapping([{ id: 'a', ...closedToday }], opensAt, momentOfDay('2026-06-30', true))).toBeUndefined()
    expect(waveState({ opensAt, closesAt: momentOfDay('2026-06-30', true) }, now)).toBe('open')
  })

  it('moves no opening for a wave still open, a wave closed on another day, or an opening after the closing', () => {
    // Still open at `now`: an overlap the lead must resolve, not a moment to move past.
    expect(openingAfter([{ opensAt: startOfToday, closesAt: '2026-06-15T13:00:00.000Z' }], startOfToday, now)).toBe(
      startOfToday,
    )
    // Closed yesterday, past the start of the day asked for (a past opening day): no earlier period is cut.
    const yesterday = momentOfDay('2026-06-14', false)
    expect(openingAfter([closedToday], yesterday, now)).toBe(yesterday)
    // An opening tomorrow needs nothing moved.
    const tomorrow = momentOfDay('2026-06-16', false)
    expect(openingAfter([closedToday], tomorrow, now)).toBe(tomorrow)
    // Of two waves closed today, the later closing.
    const second = { opensAt: closedToday.closesAt, closesAt: '2026-06-15T11:00:00.000Z' }
    expect(openingAfter([second, closedToday], startOfToday, now)).toBe(second.closesAt)
  })
})

describe('firstDayKeptOpen', () => {
  it('is the first last day waveState keeps open: any day before it closes the wave now', () => {
    const opensAt = '2026-01-01T00:00:00.000Z'
    // The start, middle and last moment of 10 March in Amsterdam (23:00 UTC the day before to 22:59:59.999).
    for (const now of ['2026-03-09T23:00:00.000Z', '2026-03-10T12:30:00.000Z', '2026-03-10T22:59:59.999Z']) {
      const at = new Date(now)
      const kept = firstDayKeptOpen(at)
      expect(kept).toBe('2026-03-10')
      expect(waveState({ opensAt, closesAt: momentOfDay(kept, true) }, at)).toBe('open')
      expect(waveState({ opensAt, closesAt: momentOfDay('2026-03-09', true) }, at)).toBe('closed')
    }
    // Half past midnight in Amsterdam it is the 11th there, though still the 10th in UTC.
    expect(firstDayKeptOpen(new Date('2026-03-10T23:30:00.000Z'))).toBe('2026-03-11')
  })
})
