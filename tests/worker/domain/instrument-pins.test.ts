import { describe, expect, it } from 'vitest'
import coachendeManagerV1 from '../../../surveys/coachende-manager.v1.json'
import coachendeManagerV2 from '../../../surveys/coachende-manager.v2.json'
import coachendeManagerV3 from '../../../surveys/coachende-manager.v3.json'
import coachendeManagerV4 from '../../../surveys/coachende-manager.v4.json'
import coachendeManagerV5 from '../../../surveys/coachende-manager.v5.json'
import { canonicalJson, INSTRUMENT_PINS, instrumentDigest } from '../../../worker/domain/instrument-pin.ts'
import { findInstrument, listInstruments, RELEASED } from '../../../worker/services/instrument-catalogue.ts'

/** Every file in surveys/, by id and version as the file itself says. */
const FILES = [coachendeManagerV1, coachendeManagerV2, coachendeManagerV3, coachendeManagerV4, coachendeManagerV5]
const fileOf = (id: string, version: number) => FILES.find((f) => f.id === id && f.version === version)

describe('released instrument versions are pinned', () => {
  it('every released version has a pin, and every pin a released version', () => {
    for (const [id, versions] of Object.entries(RELEASED)) {
      for (const v of versions) expect(INSTRUMENT_PINS[id]?.[v], `${id} v${v} is released but not pinned`).toBeDefined()
    }
    for (const [id, pins] of Object.entries(INSTRUMENT_PINS)) {
      for (const v of Object.keys(pins).map(Number))
        expect(RELEASED[id], `${id} v${v} is pinned but not released`).toContain(v)
    }
  })

  it("a released version's file has the digest it was released with", async () => {
    for (const [id, versions] of Object.entries(RELEASED)) {
      for (const v of versions) {
        const file = fileOf(id, v)
        expect(file, `${id} v${v} has no file in surveys/`).toBeDefined()
        expect(
          await instrumentDigest(file),
          `surveys/${id}.v${v}.json changed after release; a released version is frozen: put the change in a new version`,
        ).toBe(INSTRUMENT_PINS[id]![v])
      }
    }
  })

  it('the digest changes with any word, number or order, and not with whitespace or key order', async () => {
    const pin = await instrumentDigest(coachendeManagerV1)
    const edited = structuredClone(coachendeManagerV1)
    edited.survey.pages[0]!.elements[0]!.wording.medewerker!.nl += ' '
    expect(await instrumentDigest(edited)).not.toBe(pin)
    const renumbered = structuredClone(coachendeManagerV1)
    renumbered.levels[0]!.to = 1.81
    expect(await instrumentDigest(renumbered)).not.toBe(pin)
    const reordered = structuredClone(coachendeManagerV1)
    reordered.survey.pages.reverse()
    expect(await instrumentDigest(reordered)).not.toBe(pin)
    // Reformatted (other line breaks) or with its keys in another order, the content is the same.
    expect(await instrumentDigest(JSON.parse(JSON.stringify(coachendeManagerV1, null, 4)))).toBe(pin)
    const { id, ...rest } = coachendeManagerV1
    expect(await instrumentDigest({ ...rest, id })).toBe(pin)
    expect(canonicalJson({ b: 1, a: [2, { d: null, c: 'x' }] })).toBe('{"a":[2,{"c":"x","d":null}],"b":1}')
  })

  it('a new wave takes the latest released version, never a draft', () => {
    for (const { id, versions } of listInstruments()) {
      const latest = Math.max(...versions.filter((v) => RELEASED[id]?.includes(v)))
      expect(findInstrument(id)!.version).toBe(latest)
    }
    expect(findInstrument('coachende-manager')!.version).toBe(5)
  })
})
