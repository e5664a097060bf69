import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  afterSignIn,
  dayOf,
  daysLeft,
  downloadName,
  firstOpenDay,
  isAppArea,
  decimal,
  isAppPath,
  lastOpenDay,
  longDate,
  minuteOf,
  momentOfDay,
  startOfDay,
  TIME_ZONE,
  percent,
  slug,
  toMinute,
  waveToMinute,
} from '../../../schema/format.ts'

describe('dates', () => {
  it('names the day before closesAt as the last open day, and a day input turns back into that closesAt', () => {
    // 18 December starts at 23:00 UTC on the 17th in Amsterdam (winter time, an hour ahead of UTC).
    expect(lastOpenDay('2026-12-17T23:00:00.000Z')).toBe('2026-12-17')
    // A wave closed at a moment within a day was still open on that day.
    expect(lastOpenDay('2026-12-18T09:30:00.000Z')).toBe('2026-12-18')
    expect(momentOfDay('2026-12-17', true)).toBe('2026-12-17T23:00:00.000Z')
    expect(momentOfDay('2026-12-17', false)).toBe('2026-12-16T23:00:00.000Z')
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10)
        expect(lastOpenDay(momentOfDay(day, true))).toBe(day)
        expect(firstOpenDay(momentOfDay(day, false))).toBe(day)
        // Each day starts at midnight on the Dutch clock: an hour or two before UTC's.
        const ahead = Date.parse(`${day}T00:00:00Z`) - Date.parse(startOfDay(day))
        expect([3_600_000, 7_200_000]).toContain(ahead)
      }),
    )
  })

  it('opens "1 to 30 December" at midnight in Amsterdam on the 1st and closes it at midnight starting the 31st', () => {
    expect(TIME_ZONE).toBe('Europe/Amsterdam')
    expect(momentOfDay('2026-12-01', false)).toBe('2026-11-30T23:00:00.000Z')
    expect(momentOfDay('2026-12-30', true)).toBe('2026-12-30T23:00:00.000Z')
    // In summer time two hours ahead.
    expect(momentOfDay('2027-06-01', false)).toBe('2027-05-31T22:00:00.000Z')
  })

  it('takes the last Sundays of March and October as the 23- and 25-hour days they are', () => {
    // 28 March 2027: clocks go from 02:00 to 03:00. It starts in winter time and ends in summer time.
    expect(momentOfDay('2027-03-28', false)).toBe('2027-03-27T23:00:00.000Z')
    expect(momentOfDay('2027-03-28', true)).toBe('2027-03-28T22:00:00.000Z')
    // 31 October 2027: clocks go from 03:00 back to 02:00.
    expect(momentOfDay('2027-10-31', false)).toBe('2027-10-30T22:00:00.000Z')
    expect(momentOfDay('2027-10-31', true)).toBe('2027-10-31T23:00:00.000Z')
    // And in 2026 (29 March, 25 October).
    expect(Date.parse(momentOfDay('2026-03-29', true)) - Date.parse(momentOfDay('2026-03-29', false))).toBe(
      23 * 3_600_000,
    )
    expect(Date.parse(momentOfDay('2026-10-25', true)) - Date.parse(momentOfDay('2026-10-25', false))).toBe(
      25 * 3_600_000,
    )
    // The day a moment falls on, around the changes.
    expect(dayOf('2027-03-28T21:59:59.999Z')).toBe('2027-03-28')
    expect(dayOf('2027-03-28T22:00:00.000Z')).toBe('2027-03-29')
    expect(dayOf('2027-10-31T22:59:59.999Z')).toBe('2027-10-31')
    expect(dayOf('2027-10-31T23:00:00.000Z')).toBe('2027-11-01')
    expect(lastOpenDay(momentOfDay('2027-03-28', true))).toBe('2027-03-28')
    expect(lastOpenDay(momentOfDay('2027-10-31', true))).toBe('2027-10-31')
  })

  it('turns the year in Amsterdam an hour before UTC does', () => {
    expect(dayOf('2026-12-31T22:59:59.999Z')).toBe('2026-12-31')
    expect(dayOf('2026-12-31T23:00:00.000Z')).toBe('2027-01-01')
    expect(momentOfDay('2026-12-31', true)).toBe('2026-12-31T23:00:00.000Z')
    expect(lastOpenDay('2026-12-31T23:00:00.000Z')).toBe('2026-12-31')
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31')
    expect(longDate('nl', '2026-12-31T23:30:00.000Z')).toBe('1 januari 2027')
  })

  it('counts the days left in Dutch days, the day of a clock change one day', () => {
    const closes = momentOfDay('2027-03-29', true)
    // Half past midnight in Amsterdam on the 28th: 28 and 29 March are left, though 47 hours remain.
    expect(daysLeft(closes, Date.parse('2027-03-27T23:30:00Z'))).toBe(2)
    expect(daysLeft(closes, Date.parse('2027-03-28T21:59:00Z'))).toBe(2)
    expect(daysLeft(closes, Date.parse('2027-03-28T22:00:00Z'))).toBe(1)
    expect(daysLeft(closes, Date.parse(closes) - 1)).toBe(1)
    expect(daysLeft(closes, Date.parse(closes))).toBe(0)
    // Across the autumn change: 30 and 31 October and 1 November, at any hour of the 30th.
    const autumn = momentOfDay('2027-11-01', true)
    expect(daysLeft(autumn, Date.parse('2027-10-29T22:00:00Z'))).toBe(3)
    expect(daysLeft(autumn, Date.parse('2027-10-30T21:59:00Z'))).toBe(3)
  })

  it('writes a day in Dutch or English, a moment by its day in Amsterdam and a calendar day as itself', () => {
    expect(longDate('nl', '2026-12-17')).toBe('17 december 2026')
    expect(longDate('en', '2026-12-17T22:59:59.999Z')).toBe('17 December 2026')
    expect(longDate('en', '2026-12-17T23:00:00.000Z')).toBe('18 December 2026')
    expect(longDate('nl', '2027-07-01T22:00:00.000Z')).toBe('2 juli 2027')
  })

  it("gives the trail its minutes on the Dutch clock, and readers a wave's moments to the minute", () => {
    expect(minuteOf('nl', '2026-12-02T14:05:59.999Z')).toBe('2 dec 2026, 15:05')
    expect(minuteOf('en', '2027-07-02T14:05:00.000Z')).toBe('2 Jul 2027, 16:05')
    expect(toMinute('2026-12-02T14:05:59.999Z')).toBe('2026-12-02T14:05Z')
    expect(
      waveToMinute({
        id: 'w',
        opensAt: '2026-12-01T08:15:07.123Z',
        closesAt: '2026-12-01T10:00:30.456Z',
        createdAt: '2026-12-01T08:15:07.120Z',
      }),
    ).toEqual({ id: 'w', opensAt: '2026-12-01T08:15Z', closesAt: '2026-12-01T10:00Z', createdAt: '2026-12-01T08:15Z' })
    expect(
      waveToMinute({ opensAt: '2026-11-30T23:00:00.000Z', closesAt: '2026-12-30T23:00:00.000Z', createdAt: null }),
    ).toEqual({ opensAt: '2026-11-30T23:00Z', closesAt: '2026-12-30T23:00Z', createdAt: null })
  })
})

describe('numbers', () => {
  it('uses a decimal comma in Dutch and a point in English', () => {
    expect(decimal('nl').format(3.25)).toBe('3,3')
    expect(decimal('en', 2).format(3.2)).toBe('3.20')
    expect(percent('nl').format(0.426)).toBe('43%')
    expect(percent('en').format(1)).toBe('100%')
  })
})

describe('slug', () => {
  it('keeps letters and digits, joins the rest with one dash, trims the ends and lowers the case', () => {
    expect(slug('Gemeente Utrecht (2026)')).toBe('gemeente-utrecht-2026')
    expect(slug('—Najaar & voorjaar—')).toBe('najaar-voorjaar')
    expect(slug('ë')).toBe('')
  })
})

describe('isAppPath', () => {
  it('allows pages under /app only', () => {
    for (const ok of ['/app', '/app/programmes', '/app/programmes/p1?lang=en', '/app#x'])
      expect(isAppPath(ok), ok).toBe(true)
    for (const bad of [
      undefined,
      null,
      '',
      '/',
      '/application',
      '//evil.example',
      '/\\evil.example',
      'https://evil.example/app/',
      '/app/\\evil',
      '/app/ x',
      '/api/session',
    ]) {
      expect(isAppPath(bad), String(bad)).toBe(false)
    }
  })
})

describe('afterSignIn', () => {
  it('goes to the page asked for where it is ours, else to the programme list, for the route and the script alike', () => {
    expect(afterSignIn('/app/programmes/p1?lang=en')).toBe('/app/programmes/p1?lang=en')
    for (const other of [undefined, null, '', '/app/\\evil', '//evil.example', '/application'])
      expect(afterSignIn(other), String(other)).toBe('/app/programmes')
  })
})

describe('isAppArea', () => {
  it('is /app and the paths below it, not a path that only starts with the letters', () => {
    for (const path of ['/app', '/app/', '/app/programmes/p1']) expect(isAppArea(path), path).toBe(true)
    for (const path of ['/apple', '/application/x', '/api/session', '/s/x', '/'])
      expect(isAppArea(path), path).toBe(false)
  })
})

describe('downloadName', () => {
  it('names a download by its parts, each a slug, leaving out parts it does not have', () => {
    expect(downloadName(['Werk en Inkomen', 'Voorjaar 2026', 'medewerker', 'radar'], 'png')).toBe(
      'ketenradar-werk-en-inkomen-voorjaar-2026-medewerker-radar.png',
    )
    expect(downloadName(['Werk en Inkomen', undefined, 'Verbeterafspraken'], 'csv')).toBe(
      'ketenradar-werk-en-inkomen-verbeterafspraken.csv',
    )
  })
})
