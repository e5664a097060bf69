import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  afterSignIn,
  downloadName,
  isAppArea,
  decimal,
  isAppPath,
  lastOpenDay,
  longDate,
  momentOfDay,
  percent,
  slug,
} from '../../../schema/format.ts'

describe('dates', () => {
  it('names the day before closesAt as the last open day, and a day input turns back into that closesAt', () => {
    expect(lastOpenDay('2026-12-18T00:00:00.000Z')).toBe('2026-12-17')
    // A wave closed at a moment within a day was still open on that day.
    expect(lastOpenDay('2026-12-18T09:30:00.000Z')).toBe('2026-12-18')
    expect(momentOfDay('2026-12-17', true)).toBe('2026-12-18T00:00:00.000Z')
    expect(momentOfDay('2026-12-17', false)).toBe('2026-12-17T00:00:00.000Z')
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const day = d.toISOString().slice(0, 10)
        expect(lastOpenDay(momentOfDay(day, true))).toBe(day)
      }),
    )
  })

  it('writes a day in Dutch or English, in UTC whatever the hour', () => {
    expect(longDate('nl', '2026-12-17')).toBe('17 december 2026')
    expect(longDate('en', '2026-12-17T23:59:59.999Z')).toBe('17 December 2026')
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
