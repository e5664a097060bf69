import { describe, expect, it } from 'vitest'
import coachendeManagerV1 from '../../../surveys/coachende-manager.v1.json'
import coachendeManagerV2 from '../../../surveys/coachende-manager.v2.json'
import { findInstrument, listInstruments } from '../../../worker/services/instrument-catalogue.ts'

describe('the instrument catalogue', () => {
  it('shows band 3 of every version as "Gedeeltelijk" / "Partial", without editing the released files', () => {
    for (const version of [1, 2, 3]) {
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
    expect(listInstruments().find((i) => i.id === 'coachende-manager')!.versions).toEqual([1, 2, 3])
    expect(findInstrument('coachende-manager')!.version).toBe(3)
  })
})
