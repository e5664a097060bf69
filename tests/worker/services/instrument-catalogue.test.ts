import { describe, expect, it } from 'vitest'
import { ROLES } from '../../../schema/instrument.ts'
import { findInstrument, instrumentPath, listInstruments } from '../../../worker/services/instrument-catalogue.ts'

/**
 * The catalogue of shipped instruments (worker/services/instrument-catalogue.ts): every listed
 * version is found by its id and version, a wave without a version gets the latest, and an unknown
 * id or version is none, so a wave cannot name an instrument that is not shipped.
 */

describe('the instrument catalogue', () => {
  it('finds every listed version, oldest first, and the latest without a version', () => {
    const listed = listInstruments()
    expect(listed.map((i) => i.id)).toContain('coachende-manager')
    for (const { id, versions, title } of listed) {
      expect(versions.length).toBeGreaterThan(0)
      expect(versions).toEqual([...versions].sort((a, b) => a - b))
      for (const version of versions) expect(findInstrument(id, version)).toMatchObject({ id, version })
      const latest = findInstrument(id)!
      expect(latest.version).toBe(versions.at(-1))
      expect(title).toEqual(latest.title)
    }
  })

  it('has no unknown instrument or version', () => {
    expect(findInstrument('geen')).toBeUndefined()
    expect(findInstrument('coachende-manager', 0)).toBeUndefined()
    expect(findInstrument('coachende-manager', 999)).toBeUndefined()
  })

  it("names the address of a version's SurveyJS JSON per role", () => {
    const ins = findInstrument('coachende-manager', 1)!
    expect(ROLES.map((r) => instrumentPath(ins, r))).toEqual(
      ROLES.map((r) => `/api/instruments/coachende-manager/1/${r}`),
    )
  })
})
