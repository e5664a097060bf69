import { describe, expect, it } from 'vitest'
import coachendeManagerV1 from '../../../surveys/coachende-manager.v1.json'
import coachendeManagerV2 from '../../../surveys/coachende-manager.v2.json'
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

  it('shows band 3 of every version as "Gedeeltelijk" / "Partial", without editing the released files', () => {
    for (const version of [1, 2, 3, 4, 5]) {
      const band3 = findInstrument('coachende-manager', version)!.levels.find((l) => l.level === 3)!
      expect(band3.name, `version ${version}`).toEqual({ nl: 'Gedeeltelijk', en: 'Partial' })
    }
    // The released files keep their own name: only what is shown changes.
    for (const file of [coachendeManagerV1, coachendeManagerV2])
      expect(file.levels.find((l) => l.level === 3)!.name).toEqual({ nl: 'Gestructureerd', en: 'Structured' })
    // Only the name: the band and its texts are the file's.
    const v1 = findInstrument('coachende-manager', 1)!.levels.find((l) => l.level === 3)!
    const raw = coachendeManagerV1.levels.find((l) => l.level === 3)!
    expect([v1.from, v1.to, v1.description]).toEqual([raw.from, raw.to, raw.description])
  })

  it('lists every version and gives a new wave the latest', () => {
    expect(listInstruments().find((i) => i.id === 'coachende-manager')!.versions).toEqual([1, 2, 3, 4, 5])
    expect(findInstrument('coachende-manager')!.version).toBe(5)
  })
})
