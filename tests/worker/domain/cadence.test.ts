import { describe, expect, it } from 'vitest'
import { momentOfDay } from '../../../schema/format.ts'
import { addMonths, cadenceLabel, comingWaves, dueAt } from '../../../worker/domain/cadence.ts'

/** The cadence's arithmetic: when a programme's next wave opens and closes (its waves opened by tests/worker/services/cadence-service.test.ts). */

/** The start of a day in Amsterdam, as the setup page sets the cadence's next opening. */
const start = (day: string) => momentOfDay(day, false)

describe('cadence arithmetic', () => {
  it('adds months keeping the Dutch day, or the last day of a shorter month', () => {
    expect(addMonths(start('2027-01-31'), 1)).toBe(start('2027-02-28'))
    expect(addMonths(start('2027-08-15'), 6)).toBe(start('2028-02-15'))
    // 09:30 in Amsterdam stays 09:30 there.
    expect(addMonths('2028-01-31T08:30:00.000Z', 1)).toBe('2028-02-29T08:30:00.000Z')
  })

  it('keeps midnight in Amsterdam across a change of the clocks, and the month and year there', () => {
    // 1 March (winter time, 23:00 UTC on 28 February) to 1 April (summer time, 22:00 UTC on 31 March).
    expect(start('2027-03-01')).toBe('2027-02-28T23:00:00.000Z')
    expect(addMonths(start('2027-03-01'), 1)).toBe('2027-03-31T22:00:00.000Z')
    expect(addMonths(start('2027-09-01'), 2)).toBe('2027-10-31T23:00:00.000Z')
    // A year boundary: 1 January starts on 31 December in UTC.
    expect(addMonths(start('2026-12-01'), 1)).toBe('2026-12-31T23:00:00.000Z')
    expect(cadenceLabel(start('2027-01-01'))).toBe('2027-01')
    expect(cadenceLabel(start('2027-03-01'))).toBe('2027-03')
  })

  it('keeps a wave open whole Dutch days, the 23-hour and the 25-hour day among them', () => {
    // Open 2 days from 27 March 2027: 27 and 28 March (the clocks go forward on the 28th).
    const spring = comingWaves({ months: 12, openDays: 2, next: start('2027-03-27') }, 1)[0]!
    expect(spring).toEqual({ opensAt: '2027-03-26T23:00:00.000Z', closesAt: '2027-03-28T22:00:00.000Z' })
    // Open 2 days from 30 October 2027: 30 and 31 October (the clocks go back on the 31st).
    const autumn = comingWaves({ months: 12, openDays: 2, next: start('2027-10-30') }, 1)[0]!
    expect(autumn).toEqual({ opensAt: '2027-10-29T22:00:00.000Z', closesAt: '2027-10-31T23:00:00.000Z' })
  })

  it('opens only the period still running after missed runs, and never a backlog', () => {
    const cadence = { months: 6, openDays: 21, next: start('2027-01-04') }
    expect(dueAt(cadence, new Date('2027-01-03T22:59:00Z'))).toBeNull()
    expect(dueAt(cadence, new Date('2027-01-10T00:00:00Z'))).toEqual({
      open: { opensAt: start('2027-01-04'), closesAt: start('2027-01-25') },
      next: start('2027-07-04'),
    })
    expect(dueAt(cadence, new Date('2027-02-10T00:00:00Z'))).toEqual({ open: null, next: start('2027-07-04') })
    expect(dueAt(cadence, new Date('2027-07-20T00:00:00Z'))!.open!.opensAt).toBe(start('2027-07-04'))
    expect(comingWaves(cadence, 2).map((w) => w.opensAt)).toEqual([
      '2027-01-03T23:00:00.000Z',
      '2027-07-03T22:00:00.000Z',
    ])
  })
})
