import { describe, expect, it } from 'vitest'
import { addMonths, comingWaves, dueAt } from '../../../worker/domain/cadence.ts'

/** The cadence's arithmetic: when a programme's next wave opens and closes (its waves opened by tests/worker/services/cadence-service.test.ts). */

describe('cadence arithmetic', () => {
  it('adds months keeping the day, or the last day of a shorter month', () => {
    expect(addMonths('2027-01-31T00:00:00.000Z', 1)).toBe('2027-02-28T00:00:00.000Z')
    expect(addMonths('2028-01-31T09:30:00.000Z', 1)).toBe('2028-02-29T09:30:00.000Z')
    expect(addMonths('2027-08-15T00:00:00.000Z', 6)).toBe('2028-02-15T00:00:00.000Z')
  })

  it('opens only the period still running after missed runs, and never a backlog', () => {
    const cadence = { months: 6, openDays: 21, next: '2027-01-04T00:00:00.000Z' }
    expect(dueAt(cadence, new Date('2027-01-03T23:00:00Z'))).toBeNull()
    expect(dueAt(cadence, new Date('2027-01-10T00:00:00Z'))).toEqual({
      open: { opensAt: '2027-01-04T00:00:00.000Z', closesAt: '2027-01-25T00:00:00.000Z' },
      next: '2027-07-04T00:00:00.000Z',
    })
    expect(dueAt(cadence, new Date('2027-02-10T00:00:00Z'))).toEqual({ open: null, next: '2027-07-04T00:00:00.000Z' })
    expect(dueAt(cadence, new Date('2027-07-20T00:00:00Z'))!.open!.opensAt).toBe('2027-07-04T00:00:00.000Z')
    expect(comingWaves(cadence, 2).map((w) => w.opensAt)).toEqual([
      '2027-01-04T00:00:00.000Z',
      '2027-07-04T00:00:00.000Z',
    ])
  })
})
