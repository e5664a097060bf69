import { describe, expect, it } from 'vitest'
import shipped from '../../../surveys/coachende-manager.v1.json'
import { comparableDimensions, InstrumentError, parseInstrument, scoredQuestions, surveyJsFor } from '../../../worker/domain/instrument.ts'

type Raw = typeof shipped
const copy = (): Raw => structuredClone(shipped)
const firstQuestion = (raw: Raw) => raw.survey.pages[0]!.elements[0]! as Record<string, unknown> & { name: string; wording: Record<string, Record<string, string>> }

describe('the shipped instrument', () => {
  const ins = parseInstrument(shipped)

  it('passes validation and has all ten dimensions, eight on the radar', () => {
    expect(ins.dimensions.map((d) => d.key)).toEqual([
      'coaching', 'ruimte', 'loslaten', 'output', 'steun', 'vertrouwen', 'luisteren', 'ketendoel', 'ketenprioriteit', 'leren',
    ])
    expect(ins.dimensions.filter((d) => d.radar)).toHaveLength(8)
  })

  it('has 3–4 items per dimension for staff and team managers, and reverse-keyed items', () => {
    for (const role of ['medewerker', 'teammanager'] as const) {
      const items = scoredQuestions(ins, role)
      for (const d of ins.dimensions) {
        const n = items.filter((q) => q.dimension === d.key).length
        expect(n, `${role} ${d.key}`).toBeGreaterThanOrEqual(3)
        expect(n, `${role} ${d.key}`).toBeLessThanOrEqual(4)
      }
      expect(items.some((q) => q.reverse)).toBe(true)
    }
  })

  it('asks tactical managers only the tactical dimensions', () => {
    expect(new Set(scoredQuestions(ins, 'tactisch').map((q) => q.dimension))).toEqual(new Set(['luisteren', 'ketendoel', 'ketenprioriteit']))
  })

  it('has five levels whose bands cover 1–5, and the dispersion cap of the instrument file', () => {
    expect(ins.levels.map((l) => [l.from, l.to])).toEqual([[1, 1.8], [1.8, 2.6], [2.6, 3.4], [3.4, 4.2], [4.2, 5]])
    expect(ins.dispersionCap).toEqual({ sdAbove: 1.2, maxLevel: 3 })
  })

  it('turns into SurveyJS JSON per role, in both languages, with "don\'t know" as a choice', () => {
    const json = surveyJsFor(ins, 'medewerker') as { pages: { elements: { title: Record<string, string>; choices: { value: unknown }[]; isRequired: boolean }[] }[] }
    const q = json.pages[0]!.elements[0]!
    expect(Object.keys(q.title).sort()).toEqual(['default', 'en', 'nl'])
    expect(q.choices.map((c) => c.value)).toEqual([1, 2, 3, 4, 5, 'nvt'])
    expect(q.isRequired).toBe(true)
  })
})

describe('parseInstrument refuses a broken instrument, naming the question', () => {
  const cases: [string, (raw: Raw) => void, RegExp][] = [
    ['an item mapped to an unknown dimension', (r) => (firstQuestion(r).dimension = 'charisma'), /question "coaching_1".*unknown dimension "charisma"/],
    ['a duplicate question name', (r) => (firstQuestion(r).name = r.survey.pages[0]!.elements[1]!.name), /question ".*": the name is used twice/],
    ['a missing English translation', (r) => delete firstQuestion(r).wording.medewerker!.en, /question "coaching_1", wording\.medewerker\.en/],
    ['an empty Dutch translation', (r) => (firstQuestion(r).wording.medewerker!.nl = ' '), /question "coaching_1", wording\.medewerker\.nl/],
    [
      'free text not marked sensitive',
      (r) => (r.survey.pages[0]!.elements as unknown[]).push({ type: 'comment', name: 'opmerking', wording: { medewerker: { nl: 'Opmerking', en: 'Remark' } } }),
      /question "opmerking": free text is not allowed unless marked "sensitive"/,
    ],
    ['score bands with a gap', (r) => (r.levels[2]!.from = 2.7), /score bands do not cover the scale/],
    ['score bands short of the scale maximum', (r) => (r.levels[4]!.to = 4.9), /score bands do not cover the scale/],
    ['a level without a behaviour line for a dimension', (r) => delete (r.levels[0]!.behaviour as Record<string, unknown>).leren, /level 1: missing behaviour description for dimension "leren"/],
    ['a scale value outside the instrument format', (r) => ((r.scale as Record<string, unknown>).max = 'vijf'), /scale\.max/],
  ]
  for (const [what, breakIt, message] of cases) {
    it(`refuses ${what}`, () => {
      const raw = copy()
      breakIt(raw)
      expect(() => parseInstrument(raw)).toThrow(InstrumentError)
      expect(() => parseInstrument(raw)).toThrow(message)
    })
  }

  it('accepts free text that is marked sensitive', () => {
    const raw = copy()
    ;(raw.survey.pages[0]!.elements as unknown[]).push({ type: 'comment', name: 'opmerking', sensitive: true, wording: { medewerker: { nl: 'Opmerking', en: 'Remark' } } })
    expect(() => parseInstrument(raw)).not.toThrow()
  })
})

describe('comparableDimensions', () => {
  it('compares across versions only the dimensions whose items did not change', () => {
    const v1 = parseInstrument(shipped)
    const raw = copy()
    raw.version = 2
    firstQuestion(raw).wording.medewerker!.nl = 'Een nieuw geformuleerde vraag over coaching.'
    const v2 = parseInstrument(raw)
    const same = comparableDimensions(v1, v2)
    expect(same.has('coaching')).toBe(false)
    expect(same.has('ruimte')).toBe(true)
    expect(same.size).toBe(9)
    expect(comparableDimensions(v1, v1).size).toBe(10)
  })
})
