import { describe, expect, it } from 'vitest'
import shipped from '../../../surveys/coachende-manager.v1.json'
import shippedV2 from '../../../surveys/coachende-manager.v2.json'
import shippedV3 from '../../../surveys/coachende-manager.v3.json'
import shippedV4 from '../../../surveys/coachende-manager.v4.json'
import { copyV2, copyV3, dimension, question, type RawV2 } from './raw-instrument.ts'
import {
  comparableDimensions,
  dimensionsFor,
  InstrumentError,
  parseInstrument,
  scoredQuestions,
  surveyJsFor,
} from '../../../worker/domain/instrument-rules.ts'
import { INNER_STATE_VERBS, innerStateVerb } from '../../../worker/domain/instrument-observability.ts'
import {
  CONDITIONAL_OPENERS,
  conditionalOpener,
  MIN_MIRROR_OVERLAP,
  mirrorOverlap,
  negated,
  referencePeriodMonths,
} from '../../../worker/domain/instrument-wording.ts'
import type { RatedLevel, Role } from '../../../schema/instrument.ts'
import { scoreAnswers } from '../../../worker/domain/scoring.ts'
import { sharedItemsOf } from '../../../worker/domain/shared-items.ts'
import { levelsFor } from '../../../worker/domain/wave-results.ts'

type Raw = typeof shipped
const copy = (): Raw => structuredClone(shipped)
const firstQuestion = (raw: Raw) =>
  raw.survey.pages[0]!.elements[0]! as Record<string, unknown> & {
    name: string
    wording: Record<string, Record<string, string>>
  }

/** Version 1's ten dimensions, which later versions keep as facets. */
const V1_DIMENSIONS = [
  'coaching',
  'ruimte',
  'loslaten',
  'output',
  'steun',
  'vertrouwen',
  'luisteren',
  'ketendoel',
  'ketenprioriteit',
  'leren',
]

describe('the shipped instrument', () => {
  const ins = parseInstrument(shipped)

  it('passes validation and has all ten dimensions, eight on the radar', () => {
    expect(ins.dimensions.map((d) => d.key)).toEqual(V1_DIMENSIONS)
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
    expect(new Set(scoredQuestions(ins, 'tactisch').map((q) => q.dimension))).toEqual(
      new Set(['luisteren', 'ketendoel', 'ketenprioriteit']),
    )
  })

  it('has five levels whose bands cover 1–5, and the dispersion cap of the instrument file', () => {
    expect(ins.levels.map((l) => [l.from, l.to])).toEqual([
      [1, 1.8],
      [1.8, 2.6],
      [2.6, 3.4],
      [3.4, 4.2],
      [4.2, 5],
    ])
    expect(ins.dispersionCap).toEqual({ sdAbove: 1.2, maxLevel: 3 })
    expect(ins.agreement).toBeUndefined()
  })

  it('turns into SurveyJS JSON per role, in both languages, with "don\'t know" as a choice', () => {
    const json = surveyJsFor(ins, 'medewerker') as {
      pages: { elements: { title: Record<string, string>; choices: { value: unknown }[]; isRequired: boolean }[] }[]
    }
    const q = json.pages[0]!.elements[0]!
    expect(Object.keys(q.title).sort()).toEqual(['default', 'en', 'nl'])
    expect(q.choices.map((c) => c.value)).toEqual([1, 2, 3, 4, 5, 'nvt'])
    expect(q.isRequired).toBe(true)
  })
})

describe('parseInstrument refuses a broken instrument, naming the question', () => {
  const cases: [string, (raw: Raw) => void, RegExp][] = [
    [
      'an item mapped to an unknown dimension',
      (r) => (firstQuestion(r).dimension = 'charisma'),
      /question "coaching_1".*unknown dimension "charisma"/,
    ],
    [
      'a duplicate question name',
      (r) => (firstQuestion(r).name = r.survey.pages[0]!.elements[1]!.name),
      /question ".*": the name is used twice/,
    ],
    [
      'a missing English translation',
      (r) => delete firstQuestion(r).wording.medewerker!.en,
      /question "coaching_1", wording\.medewerker\.en/,
    ],
    [
      'an empty Dutch translation',
      (r) => (firstQuestion(r).wording.medewerker!.nl = ' '),
      /question "coaching_1", wording\.medewerker\.nl/,
    ],
    [
      'free text not marked sensitive',
      (r) =>
        (r.survey.pages[0]!.elements as unknown[]).push({
          type: 'comment',
          name: 'opmerking',
          wording: { medewerker: { nl: 'Opmerking', en: 'Remark' } },
        }),
      /question "opmerking": free text is not allowed unless marked "sensitive"/,
    ],
    ['score bands with a gap', (r) => (r.levels[2]!.from = 2.7), /score bands do not cover the scale/],
    ['score bands short of the scale maximum', (r) => (r.levels[4]!.to = 4.9), /score bands do not cover the scale/],
    [
      'a level without a behaviour line for a dimension',
      (r) => delete (r.levels[0]!.behaviour as Record<string, unknown>).leren,
      /level 1: missing behaviour description for dimension "leren"/,
    ],
    [
      'a scale value outside the instrument format',
      (r) => ((r.scale as Record<string, unknown>).max = 'vijf'),
      /scale\.max/,
    ],
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
    ;(raw.survey.pages[0]!.elements as unknown[]).push({
      type: 'comment',
      name: 'opmerking',
      sensitive: true,
      wording: { medewerker: { nl: 'Opmerking', en: 'Remark' } },
    })
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

/** Version 3, loosely typed like version 2 (same shape, plus `observes`): an item of it to edit. */
const copyV3And = (name: string) => question(copyV3(), name)
/** Version 4, loosely typed like version 3. */
const copyV4 = (): RawV2 & { scale: { guide?: unknown } } =>
  structuredClone(shippedV4) as unknown as RawV2 & { scale: { guide?: unknown } }

/** No other-rating of `ins` names an inner state of the person rated (rule set 3's verb list). */
function expectNoInnerStateInOtherRatings(ins: ReturnType<typeof parseInstrument>) {
  for (const q of ins.survey.pages.flatMap((p) => p.elements)) {
    if (q.type !== 'radiogroup') continue
    const raters = ins.dimensions.find((d) => d.key === q.dimension)!.raters!
    for (const [role, t] of Object.entries(q.wording) as [keyof typeof raters, { nl: string; en: string }][]) {
      if (raters[role] !== 'self') {
        expect(innerStateVerb(t.nl, 'nl'), `${q.name} ${role}`).toBeUndefined()
        expect(innerStateVerb(t.en, 'en'), `${q.name} ${role}`).toBeUndefined()
      }
    }
  }
}

describe('instrument version 2', () => {
  const ins = parseInstrument(shippedV2)

  it('follows rule set 2 and scores a dimension from two thirds of its items', () => {
    expect(ins.rules).toBe(2)
    expect(ins.minAnswered).toEqual({ numerator: 2, denominator: 3 })
    expect(parseInstrument(shipped).rules).toBe(1)
  })

  it('asks each role only what it can observe: staff about their team manager, team managers about themselves and the tactical level, tactical managers about themselves', () => {
    expect(dimensionsFor(ins, 'medewerker')).toEqual(['coaching', 'autonomie', 'kader', 'steun', 'ketensamenwerking'])
    expect(dimensionsFor(ins, 'teammanager')).toEqual([
      'coaching',
      'autonomie',
      'kader',
      'steun',
      'ketensamenwerking',
      'luisteren_bewaken',
      'omslag',
    ])
    expect(dimensionsFor(ins, 'tactisch')).toEqual(['ketensamenwerking', 'luisteren_bewaken', 'omslag'])
    const about = Object.fromEntries(ins.dimensions.map((d) => [d.key, d.raters]))
    expect(about.luisteren_bewaken).toEqual({ teammanager: 'tactisch', tactisch: 'self' })
    for (const key of ['autonomie', 'kader', 'coaching', 'steun'])
      expect(about[key]).toEqual({ medewerker: 'teammanager', teammanager: 'self' })
  })

  it('has 4–5 items per role and scale, at most three reverse-keyed, none in a self-rating', () => {
    for (const role of ins.roles) {
      for (const d of dimensionsFor(ins, role)) {
        const n = scoredQuestions(ins, role).filter((q) => q.dimension === d).length
        expect(n, `${role} ${d}`).toBeGreaterThanOrEqual(4)
        expect(n, `${role} ${d}`).toBeLessThanOrEqual(5)
      }
    }
    const reversed = ins.survey.pages.flatMap((p) => p.elements).filter((q) => q.type === 'radiogroup' && q.reverse)
    expect(reversed.map((q) => q.name)).toEqual(['autonomie_5', 'steun_5', 'luisteren_bewaken_6'])
    expect(scoredQuestions(ins, 'tactisch').some((q) => q.reverse)).toBe(false)
  })

  it('keeps the v1 dimensions as facets, names a six-month period and a midpoint that says what it means', () => {
    const facets = new Set(
      ins.survey.pages.flatMap((p) => p.elements).flatMap((q) => (q.type === 'radiogroup' && q.facet ? [q.facet] : [])),
    )
    for (const f of [...V1_DIMENSIONS, 'kader', 'escaleren', 'samenwerking']) expect(facets).toContain(f)
    for (const p of ins.survey.pages) expect(p.description?.nl).toContain('afgelopen zes maanden')
    expect(ins.scale.labels[2]).toEqual({ nl: 'Niet eens, niet oneens', en: 'Neither agree nor disagree' })
  })

  it('words no item with "Ik als", a frequency or an absolute, and uses one word for chain partner', () => {
    for (const q of ins.survey.pages.flatMap((p) => p.elements)) {
      for (const t of Object.values(q.wording)) {
        expect(t!.nl, q.name).not.toMatch(/^Ik als|\b(regelmatig|vaak|altijd|nooit|elke|alleen|meteen)\b/i)
        expect(t!.en, q.name).not.toMatch(/\b(regularly|often|always|never|every|only)\b/i)
        expect(t!.nl, q.name).not.toMatch(/keten(?!partner)[a-z]/)
      }
    }
  })

  it('scores a dimension from two thirds of its items and not below', () => {
    // kader has four staff items: three answered (3/4 ≥ 2/3) scores, two (2/4) does not.
    const base = Object.fromEntries(scoredQuestions(ins, 'medewerker').map((q) => [q.name, 4]))
    expect(scoreAnswers(ins, 'medewerker', { ...base, kader_1: 'nvt' }).kader).toBe(4)
    expect(scoreAnswers(ins, 'medewerker', { ...base, kader_1: 'nvt', kader_2: 'nvt' }).kader).toBeNull()
    // autonomie has five: four answered scores, three (3/5 < 2/3) does not; autonomie_5 is reverse-keyed.
    expect(scoreAnswers(ins, 'medewerker', { ...base, autonomie_1: 'nvt', autonomie_5: 2 }).autonomie).toBe(4)
    expect(scoreAnswers(ins, 'medewerker', { ...base, autonomie_1: 'nvt', autonomie_2: 'nvt' }).autonomie).toBeNull()
  })

  it("compares nothing with version 1: the scale's midpoint and every item changed", () => {
    expect(comparableDimensions(parseInstrument(shipped), ins).size).toBe(0)
    expect(comparableDimensions(ins, ins).size).toBe(ins.dimensions.length)
  })
})

describe('instrument version 3', () => {
  const ins = parseInstrument(shippedV3)
  const items = ins.survey.pages.flatMap((p) => p.elements)

  it("follows rule set 3, says whom each role observes, and asks each role the same scales as version 2, with version 2's items and one more", () => {
    expect(ins.rules).toBe(3)
    expect(ins.version).toBe(3)
    expect(ins.observes).toEqual({ medewerker: ['teammanager'], teammanager: ['self', 'tactisch'], tactisch: ['self'] })
    const v2 = parseInstrument(shippedV2)
    for (const role of ins.roles) expect(dimensionsFor(ins, role)).toEqual(dimensionsFor(v2, role))
    // ketensamenwerking_5 (the team manager's own cooperation with partner managers) is new in version 3.
    expect(items.map((q) => q.name).filter((n) => n !== 'ketensamenwerking_5')).toEqual(
      v2.survey.pages.flatMap((p) => p.elements).map((q) => q.name),
    )
    expect(Object.fromEntries(ins.dimensions.map((d) => [d.key, d.raters]))).toEqual(
      Object.fromEntries(v2.dimensions.map((d) => [d.key, d.raters])),
    )
  })

  it('has 4–5 items per role and scale (omslag a scale of four for each manager role), three reverse-keyed, none in a self-rating', () => {
    for (const role of ins.roles) {
      for (const d of dimensionsFor(ins, role)) {
        const n = scoredQuestions(ins, role).filter((q) => q.dimension === d).length
        expect(n, `${role} ${d}`).toBeGreaterThanOrEqual(4)
        expect(n, `${role} ${d}`).toBeLessThanOrEqual(5)
      }
    }
    for (const role of ['teammanager', 'tactisch'] as const)
      expect(scoredQuestions(ins, role).filter((q) => q.dimension === 'omslag')).toHaveLength(4)
    const reversed = items.filter((q) => q.type === 'radiogroup' && q.reverse)
    expect(reversed.map((q) => q.name)).toEqual(['autonomie_5', 'steun_5', 'luisteren_bewaken_6'])
  })

  it('names no inner state of the person rated in any other-rating, and says "inwoner of cliënt", not "klant"', () => {
    expectNoInnerStateInOtherRatings(ins)
    const all = JSON.stringify(shippedV3)
    expect(all).not.toMatch(/\bklant(en)?\b|\bclients? together\b/i)
    expect(all).toContain('inwoner of cliënt')
    expect(all).not.toMatch(/operationee?l|procesmatig|hindernis/i)
  })

  it("asks staff about what their team manager does where they can see it, the manager's own cooperation among it", () => {
    const staff = (name: string) => items.find((q) => q.name === name)!.wording.medewerker!.nl
    // Version 3's first ketensamenwerking_1 ("laat mij weten wat ermee gebeurt") measured
    // support, not cooperation. Staff do not attend the manager's meetings with partner
    // managers, so they rate what those arrangements do for their own work.
    expect(staff('ketensamenwerking_1')).toBe(
      'Door de werkafspraken die mijn leidinggevende met ketenpartners maakt, gaat mijn werk met die partners makkelijker.',
    )
    expect(staff('ketensamenwerking_3')).toBe(
      'Ook als onze eigen cijfers onder druk staan, geeft mijn leidinggevende ons tijd voor overleg met ketenpartners.',
    )
  })

  it("asks the team manager about raising the team's problems with partner managers, and staff what they hear of it", () => {
    const q = items.find((i) => i.name === 'ketensamenwerking_5')!
    expect(q.type === 'radiogroup' && q.dimension).toBe('ketensamenwerking')
    // Staff do not attend that meeting; they can tell what they hear back about a problem they raised.
    expect(q.wording.medewerker!.nl).toBe(
      'Ik hoor van mijn leidinggevende wat hij of zij gedaan heeft met een knelpunt met een ketenpartner dat ik heb aangekaart.',
    )
    expect(q.wording.teammanager!.nl).toBe(
      'Ik breng knelpunten van mijn team met een ketenpartner in bij de leidinggevende van die ketenpartner.',
    )
    // Staff and team managers are both asked it, so the gap on ketensamenwerking rests on the same five questions.
    for (const role of ['medewerker', 'teammanager'] as const)
      expect(scoredQuestions(ins, role).filter((i) => i.dimension === 'ketensamenwerking')).toHaveLength(5)
  })

  it('rests at most one item per role on the scenario of a partner problem the rater cannot solve', () => {
    // Version 3's first wording had coaching_4, ketensamenwerking_1 and ketensamenwerking_5 all on it.
    const onIt = (role: 'medewerker' | 'teammanager') =>
      scoredQuestions(ins, role)
        .filter((q) =>
          /niet (zelf )?kan oplossen|niet (zelf )?kunnen oplossen|cannot solve/i.test(JSON.stringify(q.wording[role])),
        )
        .map((q) => q.name)
    expect(onIt('medewerker')).toEqual(['coaching_4'])
    expect(onIt('teammanager')).toEqual(['coaching_4'])
    for (const role of ins.roles)
      for (const d of dimensionsFor(ins, role)) {
        const conditional = scoredQuestions(ins, role).filter(
          (q) =>
            q.dimension === d &&
            (conditionalOpener(q.wording[role]!.nl, 'nl') || conditionalOpener(q.wording[role]!.en, 'en')),
        )
        expect(conditional.length, `${role} ${d}: ${conditional.map((q) => q.name)}`).toBeLessThanOrEqual(1)
      }
  })

  it('words the adaptation items without presuming a change, and the level texts without idioms or more than the answers say', () => {
    for (const name of ['omslag_1', 'omslag_2']) {
      for (const t of Object.values(items.find((i) => i.name === name)!.wording)) {
        // "Ik heb een nieuwe manier gevonden … nu …" and "Ik ben eraan gewend dat ik minder …" presumed a change.
        expect(t!.nl, name).not.toMatch(/\b(gewend|gevonden|nu|minder|nieuwe)\b/i)
        expect(t!.en, name).not.toMatch(/\b(used to|found|now|less|new)\b/i)
      }
    }
    const levelTexts = JSON.stringify(ins.levels)
    expect(levelTexts).not.toMatch(/knell|pinch|horizonta/i)
    // A mean in band 3 is about "neither agree nor disagree": the behaviour is there in part, not structured.
    const band3 = ins.levels.find((l) => l.level === 3)!
    expect(band3.name).toEqual({ nl: 'Gedeeltelijk', en: 'Partial' })
    expect(JSON.stringify(band3)).not.toMatch(/gestructureerd|structured|vaste|vastgelegd|\bset\b/i)
    // An agreement scale does not ask how often or how habitually: band 3 says "in part", not "not yet a habit".
    expect(JSON.stringify(band3)).not.toMatch(/gewoonte|habit|komt voor|happens/i)
  })

  it('claims in its band texts only behaviour an item asks about', () => {
    const texts = JSON.stringify(ins.levels)
    // No item asks whether staff coach each other, whether the frame is adjusted together, whether
    // teams and management put problems together, or whether partner managers solve things jointly.
    expect(texts).not.toMatch(
      /coachen ook elkaar|coach each other|samen met medewerkers bijgesteld|adjusted with staff/i,
    )
    expect(texts).not.toMatch(/formuleren problemen en oplossingen samen|lossen samen op|jointly solve/i)
    expect(texts).not.toMatch(/echte risico|real risks|vanzelfsprekend|matter of course/i)
  })

  it("keys omslag_1 to influence without deciding, and compares omslag_4's cooperation with the figures it names", () => {
    const q = (name: string) => items.find((i) => i.name === name)!.wording
    // "Ik weet hoe ik invloed uitoefen op zaken die mijn medewerkers zelf regelen" rose with meddling too.
    for (const t of Object.values(q('omslag_1'))) {
      expect(t!.nl).toMatch(/zonder zelf voor hen te beslissen/)
      expect(t!.en).toMatch(/without deciding for them/)
    }
    // "blijft … even belangrijk" compared with nothing said; now with the figures it is held to.
    for (const t of Object.values(q('omslag_4'))) {
      expect(t!.nl).toMatch(/even zwaar als die cijfers/)
      expect(t!.en).toMatch(/as much for me as those figures/)
    }
  })

  it('words its reverse-keyed items as polar opposites, not as negations of another item', () => {
    const staff = (name: string) => items.find((q) => q.name === name)!.wording.medewerker!.nl
    // steun_4 is about reaching the manager; its v2 reversal was the same sentence negated.
    expect(staff('steun_5')).not.toMatch(/bereiken|overleg/)
    // autonomie_5 was two ideas (takes over, though I can handle it); one now.
    expect(staff('autonomie_5')).not.toMatch(/\b(ook als|terwijl|maar)\b/)
    // luisteren_bewaken_6 was luisteren_bewaken_2 ("asks the teams for advice before deciding") negated.
    expect(items.find((q) => q.name === 'luisteren_bewaken_6')!.wording.teammanager!.nl).not.toMatch(
      /zonder|raadple|advies/,
    )
  })

  it('keeps the six-month period on every page and words no item with a frequency or an absolute', () => {
    for (const p of ins.survey.pages) expect(p.description?.nl).toContain('afgelopen zes maanden')
    for (const q of items) {
      for (const t of Object.values(q.wording)) {
        expect(t!.nl, q.name).not.toMatch(/^Ik als|\b(regelmatig|vaak|altijd|nooit|elke|alleen|meteen)\b/i)
        expect(t!.en, q.name).not.toMatch(/\b(regularly|often|always|never|every|only)\b/i)
        expect(t!.nl, q.name).not.toMatch(/keten(?!partner)[a-z]/)
      }
    }
  })

  it("compares nothing with version 2, since every scale has an edited item, and is the catalogue's latest", () => {
    expect(comparableDimensions(parseInstrument(shippedV2), ins).size).toBe(0)
    expect(comparableDimensions(ins, ins).size).toBe(ins.dimensions.length)
  })
})

describe('instrument version 4', () => {
  const ins = parseInstrument(shippedV4)
  const v3 = parseInstrument(shippedV3)
  const items = ins.survey.pages.flatMap((p) => p.elements)
  const item = (name: string) => items.find((q) => q.name === name)!
  type Page = { description?: { nl: string; en: string } }
  const pagesOf = (role: 'medewerker' | 'teammanager' | 'tactisch') => surveyJsFor(ins, role).pages as Page[]

  it("follows rule set 4 with version 3's scales and raters; ketensamenwerking_5, coaching_4 and coaching_5 give way to ketensamenwerking_6, coaching_6 and coaching_7", () => {
    expect([ins.version, ins.rules]).toEqual([4, 4])
    expect(ins.observes).toEqual(v3.observes)
    for (const role of ins.roles) expect(dimensionsFor(ins, role)).toEqual(dimensionsFor(v3, role))
    expect(Object.fromEntries(ins.dimensions.map((d) => [d.key, d.raters]))).toEqual(
      Object.fromEntries(v3.dimensions.map((d) => [d.key, d.raters])),
    )
    const names = (i: typeof ins) => new Set(i.survey.pages.flatMap((p) => p.elements).map((q) => q.name))
    expect([...names(v3)].filter((n) => !names(ins).has(n))).toEqual([
      'coaching_4',
      'coaching_5',
      'ketensamenwerking_5',
    ])
    expect([...names(ins)].filter((n) => !names(v3).has(n))).toEqual([
      'coaching_6',
      'coaching_7',
      'ketensamenwerking_6',
    ])
  })

  it('has 4–5 items per role and scale, three reverse-keyed, none in a self-rating', () => {
    for (const role of ins.roles)
      for (const d of dimensionsFor(ins, role)) {
        const n = scoredQuestions(ins, role).filter((q) => q.dimension === d).length
        expect(n, `${role} ${d}`).toBeGreaterThanOrEqual(4)
        expect(n, `${role} ${d}`).toBeLessThanOrEqual(5)
      }
    expect(items.filter((q) => q.type === 'radiogroup' && q.reverse).map((q) => q.name)).toEqual([
      'autonomie_5',
      'steun_5',
      'luisteren_bewaken_6',
    ])
  })

  it('F1: asks staff and team managers one behaviour under ketensamenwerking_6, so the gap on ketensamenwerking rests on the same five questions', () => {
    const q = item('ketensamenwerking_6')
    expect(q.wording.medewerker!.nl).toBe(
      'Mijn leidinggevende laat mij weten wat hij of zij bij de ketenpartner heeft gedaan met een knelpunt dat ik heb aangekaart.',
    )
    expect(q.wording.teammanager!.nl).toBe(
      'Ik laat mijn medewerkers weten wat ik bij de ketenpartner heb gedaan met een knelpunt dat zij hebben aangekaart.',
    )
    const staff = scoredQuestions(ins, 'medewerker').filter((i) => i.dimension === 'ketensamenwerking')
    const managers = scoredQuestions(ins, 'teammanager').filter((i) => i.dimension === 'ketensamenwerking')
    expect(staff.map((i) => i.name)).toEqual(managers.map((i) => i.name))
    expect(staff).toHaveLength(5)
    // No staff-only question on it, so the gap compares the whole scores; autonomie and steun keep their shared basis.
    expect(sharedItemsOf(ins).map((s) => s.dimension)).toEqual(['autonomie', 'steun'])
  })

  it('F2: words the levels for tactical management on its own view, and leaves the others as they are', () => {
    const tactical = levelsFor(ins, 'tactisch')
    const staff = levelsFor(ins, 'medewerker')
    for (const l of tactical) {
      expect(`${l.description.nl} ${l.behaviour.ketensamenwerking!.nl}`, `level ${l.level}`).not.toMatch(
        /coaching|steun|geeft tijd|de leidinggevende/i,
      )
      expect(`${l.description.en} ${l.behaviour.ketensamenwerking!.en}`, `level ${l.level}`).not.toMatch(
        /coaching|backing|gives time|the manager\b/i,
      )
    }
    expect(tactical.find((l) => l.level === 4)!.behaviour.ketensamenwerking!.nl).toMatch(/^Het tactisch management/)
    expect(staff.map((l) => [l.description, l.behaviour])).toEqual(ins.levels.map((l) => [l.description, l.behaviour]))
    // Every dimension still has its line on the tactical view.
    for (const l of tactical) expect(Object.keys(l.behaviour).sort()).toEqual(ins.dimensions.map((d) => d.key).sort())
  })

  it("F3, F5, F6, F7: steun_5 opposes steun_2, autonomie_5's English meddles as the Dutch does, omslag_4 is short and ketensamenwerking_1 one idea", () => {
    expect(item('steun_5').wording.medewerker!.nl).toBe(
      'Mijn leidinggevende gaat in tegen oplossingen die ik met ketenpartners afspreek.',
    )
    expect(item('steun_2').wording.medewerker!.nl).toMatch(/staat achter de oplossingen/)
    expect(item('autonomie_5').wording.medewerker).toEqual({
      nl: 'Mijn leidinggevende bemoeit zich met de details van mijn zaken met ketenpartners.',
      en: 'My manager meddles in the details of my cases with chain partners.',
    })
    for (const t of Object.values(item('omslag_4').wording)) {
      expect(t!.nl.split(' ').length).toBeLessThanOrEqual(15)
      expect(t!.nl).not.toMatch(/ook als|even zwaar/i)
    }
    for (const t of Object.values(item('ketensamenwerking_1').wording)) {
      // Version 3: "Door de werkafspraken …, gaat mijn werk … makkelijker": that arrangements exist and that they help.
      expect(t!.nl).not.toMatch(/^Door |makkelijker/)
      expect(t!.en).not.toMatch(/easier/)
    }
  })

  it('F4: every page says what the midpoint means on an agreement scale; the guide says what to choose when something did not happen', () => {
    expect(JSON.stringify(shippedV4)).not.toMatch(/soms wel, soms niet|sometimes so, sometimes not/)
    for (const role of ins.roles)
      for (const p of pagesOf(role)) {
        expect(p.description!.nl).toContain("'Niet eens, niet oneens': de uitspraak klopt voor een deel.")
        expect(p.description!.en).toContain("'Neither agree nor disagree': the statement is partly true.")
        expect(p.description!.nl).toContain('afgelopen zes maanden')
      }
    expect(ins.scale.guide!.nl).toMatch(/'Niet eens, niet oneens': de uitspraak klopt voor een deel/)
    expect(ins.scale.guide!.nl).toMatch(/deed zich niet voor/)
    expect(ins.scale.guide!.en).toMatch(/did not arise.*choose 'Disagree' or 'Strongly disagree'/)
    // The stored answers are as before: one "don't know / not applicable" code, left out of every score.
    expect(ins.scale.dontKnow).toEqual(v3.scale.dontKnow)
  })

  it('F8: coaching holds questions and feedback beside help to find an answer', () => {
    const coaching = scoredQuestions(ins, 'medewerker').filter((q) => q.dimension === 'coaching')
    expect(coaching.map((q) => q.name)).toEqual(['coaching_1', 'coaching_2', 'coaching_3', 'coaching_6', 'coaching_7'])
    expect(coaching.filter((q) => q.facet === 'coaching')).toHaveLength(3)
  })

  it('F9, F11: the first page says who "mijn leidinggevende" is to staff only, and to every role that a ketenpartner is never its own organisation', () => {
    for (const role of ins.roles) {
      const first = pagesOf(role)[0]!.description!
      expect(first.nl, role).toMatch(/ketenpartner is een andere organisatie .*, maar nooit uw eigen organisatie/)
      expect(first.en, role).toMatch(/chain partner is another organisation .*, but never your own organisation/)
      const defines = /Met 'mijn leidinggevende' bedoelen we de teammanager/
      expect(defines.test(first.nl), role).toBe(role === 'medewerker')
    }
    expect(JSON.stringify(shippedV4)).not.toMatch(/de gemeente of de SVB|the municipality or the SVB/)
  })

  it('F12: plain English names for its scales', () => {
    const en = ins.dimensions.map((d) => d.label.en)
    expect(en).toEqual([
      'Coaching and learning',
      'Room and trust',
      'Clear boundaries',
      'Support and advice',
      'Working with chain partners',
      'Listening and keeping to the shared goal',
      'Adapting as a manager',
    ])
    for (const p of ins.survey.pages)
      expect(p.title).toEqual(ins.dimensions.find((d) => `p_${d.key}` === p.name)!.label)
  })

  it('names no inner state in an other-rating, words no item with a frequency or an absolute, and uses one word for chain partner', () => {
    expectNoInnerStateInOtherRatings(ins)
    for (const q of items) {
      for (const t of Object.values(q.wording)) {
        expect(t!.nl, q.name).not.toMatch(/^Ik als|\b(regelmatig|vaak|altijd|nooit|elke|alleen|meteen)\b/i)
        expect(t!.en, q.name).not.toMatch(/\b(regularly|often|always|never|every|only)\b/i)
        expect(t!.nl, q.name).not.toMatch(/keten(?!partner)[a-z]/)
      }
    }
    expect(referencePeriodMonths(ins)).toBe(6)
  })

  it("compares nothing with version 3: the guide changed what the midpoint and 'don't know' mean, even where no item changed", () => {
    // luisteren_bewaken's items are version 3's word for word; its answers still read on another guide.
    const lb = (i: typeof ins) =>
      i.survey.pages
        .flatMap((p) => p.elements)
        .filter((q) => q.type === 'radiogroup' && q.dimension === 'luisteren_bewaken')
    expect(lb(ins)).toEqual(lb(v3))
    expect(comparableDimensions(v3, ins).size).toBe(0)
    expect(comparableDimensions(ins, ins).size).toBe(ins.dimensions.length)
    const sameGuide = parseInstrument({ ...copyV3(), scale: { ...shippedV3.scale, guide: shippedV4.scale.guide } })
    // Nor with version 4's guide: its first pages define ketenpartner anew ("maar nooit uw eigen organisatie").
    expect([...comparableDimensions(sameGuide, ins)]).toEqual([])
    // With version 4's intro and page texts too, luisteren_bewaken's raters read what they read in version 4.
    const samePages = { ...structuredClone(shippedV3), description: shippedV4.description }
    for (const page of samePages.survey.pages) {
      const v4Page = shippedV4.survey.pages.find((p) => p.name === page.name) as
        | { description?: unknown; descriptionFor?: unknown }
        | undefined
      Object.assign(page, { description: v4Page?.description, descriptionFor: v4Page?.descriptionFor })
    }
    const samePagesAndGuide = parseInstrument({
      ...samePages,
      scale: { ...shippedV3.scale, guide: shippedV4.scale.guide },
    })
    expect([...comparableDimensions(samePagesAndGuide, ins)]).toEqual(['luisteren_bewaken'])
  })
})

describe('rule set 4 refuses an edited copy of version 4 with a version-3 fault', () => {
  it("refuses one item name for two behaviours, as version 3's ketensamenwerking_5", () => {
    const raw = copyV4()
    expect(() => parseInstrument(raw)).not.toThrow()
    question(raw, 'ketensamenwerking_6').wording = {
      ...question(raw, 'ketensamenwerking_6').wording,
      teammanager: copyV3And('ketensamenwerking_5').wording.teammanager,
    }
    expect(() => parseInstrument(raw)).toThrow(
      /question "ketensamenwerking_6": its "medewerker" and "teammanager" wordings \(nl\) share 0\.\d\d of their words, below 0\.6; one item name is one behaviour/,
    )
  })

  it('refuses it between team managers and tactical managers too', () => {
    const raw = copyV4()
    question(raw, 'luisteren_bewaken_3').wording.tactisch = {
      nl: 'Ik bespreek met de teams welke doelen we met de ketenpartners hebben afgesproken.',
      en: 'I talk the goals agreed with the chain partners through with the teams.',
    }
    expect(() => parseInstrument(raw)).toThrow(
      /question "luisteren_bewaken_3": its "teammanager" and "tactisch" wordings/,
    )
  })

  it('refuses a mirrored wording that says the behaviour the other way round, though it shares every word', () => {
    const raw = copyV4()
    const q = question(raw, 'autonomie_1')
    const self = q.wording.teammanager!
    expect(negated(self.nl, 'nl')).toBe(false)
    // "niet" inserted: the overlap, which leaves grammar words out, stays as it was.
    const turned = self.nl.replace(/^(Ik \S+)/, '$1 niet')
    expect(turned).not.toBe(self.nl)
    expect(mirrorOverlap(turned, q.wording.medewerker!.nl, 'nl')).toBe(
      mirrorOverlap(self.nl, q.wording.medewerker!.nl, 'nl'),
    )
    q.wording.teammanager = { ...self, nl: turned }
    expect(() => parseInstrument(raw)).toThrow(
      /question "autonomie_1": its "medewerker" wording \(nl\) says it plainly where its "teammanager" wording negates it/,
    )
    expect(negated("My manager doesn't let me decide.", 'en')).toBe(true)
    expect(negated('Ik zie niet dat hij niet helpt.', 'nl')).toBe(false)
  })

  it('refuses a file that does not say how to answer', () => {
    const raw = copyV4()
    delete raw.scale.guide
    expect(() => parseInstrument(raw)).toThrow(/scale\.guide: missing; say what the midpoint means/)
  })

  it('would refuse version 3, which loads under rule set 3; every other mirrored pair of versions 2 to 4 passes', () => {
    const raw = copyV3() as RawV2 & { scale: Record<string, unknown> }
    raw.rules = 4
    raw.scale.guide = shippedV4.scale.guide
    expect(() => parseInstrument(raw)).toThrow(
      /question "ketensamenwerking_5": its "medewerker" and "teammanager" wordings \(nl\) share 0\.33/,
    )
    expect(() => parseInstrument(copyV3())).not.toThrow()
    // Each pair of an item worded for a rater and for the level it rates, in each language.
    const pairs = (file: unknown) => {
      const i = parseInstrument(file)
      return i.dimensions.flatMap((d) =>
        (Object.entries(d.raters!) as [Role, RatedLevel][])
          .filter(([, about]) => about !== 'self' && d.raters![about as Role] === 'self')
          .flatMap(([role, about]) =>
            scoredQuestions(i, role)
              .filter((q) => q.dimension === d.key && q.wording[about as Role])
              .map((q) => ({
                name: q.name,
                least: Math.min(
                  ...(['nl', 'en'] as const).map((l) =>
                    mirrorOverlap(q.wording[role]![l], q.wording[about as Role]![l], l),
                  ),
                ),
              })),
          ),
      )
    }
    for (const file of [shippedV2, shippedV3, shippedV4])
      for (const p of pairs(file).filter((x) => !(file === shippedV3 && x.name === 'ketensamenwerking_5')))
        expect(p.least, p.name).toBeGreaterThanOrEqual(MIN_MIRROR_OVERLAP)
    expect(pairs(shippedV4).length).toBeGreaterThan(20)
  })

  it('measures overlap on the words that name the behaviour, the persons and the chain partner aside', () => {
    expect(
      mirrorOverlap(
        "Mijn leidinggevende laat mij zelf met collega's van ketenpartners een oplossing zoeken.",
        "Ik laat mijn medewerkers zelf met collega's van ketenpartners een oplossing zoeken.",
        'nl',
      ),
    ).toBe(1)
    expect(
      mirrorOverlap('My manager asks my team how it sees a problem.', 'I ask the teams how they see a problem.', 'en'),
    ).toBeGreaterThanOrEqual(MIN_MIRROR_OVERLAP)
    expect(mirrorOverlap('Ik hoor van mijn leidinggevende wat er gedaan is.', 'Ik breng knelpunten in.', 'nl')).toBe(0)
  })
})

describe('innerStateVerb', () => {
  it('finds the verbs as whole words in the third person, and the English plural after "they"', () => {
    expect(innerStateVerb('Het tactisch management vraagt door tot het begrijpt hoe de teams het zien.', 'nl')).toBe(
      'begrijpt',
    )
    expect(innerStateVerb('Mijn leidinggevende vertrouwt erop dat ik het goed doe.', 'nl')).toBe('vertrouwt erop')
    expect(innerStateVerb('Mijn leidinggevende Denkt inhoudelijk mee.', 'nl')).toBe('denkt')
    expect(innerStateVerb('My manager asks until they  understand the problem.', 'en')).toBe('they understand')
    expect(innerStateVerb('My manager values our advice.', 'en')).toBe('values')
    // A rater's own first person, and words that merely contain a verb, are not refused.
    expect(innerStateVerb('Ik begrijp wat ik zelf mag beslissen.', 'nl')).toBeUndefined()
    expect(innerStateVerb('De afspraken zijn getoetst en gevonden.', 'nl')).toBeUndefined()
    expect(innerStateVerb('My manager misunderstands nothing; I understand why.', 'en')).toBeUndefined()
    expect(INNER_STATE_VERBS.nl).toEqual(expect.arrayContaining(['waardeert', 'toetst', 'vindt']))
  })
})

describe('conditionalOpener', () => {
  it('finds a condition at the start of a stem as whole words, in either language', () => {
    expect(conditionalOpener('Als ik vastloop in een zaak, bespreekt mijn leidinggevende de inhoud.', 'nl')).toBe('als')
    expect(conditionalOpener('  Ook als onze cijfers onder druk staan, …', 'nl')).toBe('ook als')
    expect(conditionalOpener('Even when our own figures are under pressure, …', 'en')).toBe('even when')
    expect(conditionalOpener('When a problem comes up, …', 'en')).toBe('when')
    // Only at the start, and not a word that merely begins with an opener.
    expect(
      conditionalOpener('Mijn leidinggevende helpt mij inschatten wanneer ik iets hogerop breng.', 'nl'),
    ).toBeUndefined()
    expect(conditionalOpener('Alsnog bespreekt mijn leidinggevende het.', 'nl')).toBeUndefined()
    expect(conditionalOpener('Iffy wording.', 'en')).toBeUndefined()
    expect(CONDITIONAL_OPENERS.en).toEqual(expect.arrayContaining(['when', 'if']))
  })
})

describe('rule set 3 refuses an edited copy of version 3 that asks a rater what it cannot observe', () => {
  const cases: [string, (raw: RawV2) => void, RegExp][] = [
    [
      'staff rating the tactical level, as version 1 had them do',
      (r) => {
        dimension(r, 'luisteren_bewaken').raters = {
          ...dimension(r, 'luisteren_bewaken').raters,
          medewerker: 'tactisch',
        }
        for (const n of [1, 2, 3, 4]) {
          const q = question(r, `luisteren_bewaken_${n}`)
          q.wording.medewerker = q.wording.teammanager
        }
      },
      /dimension "luisteren_bewaken": role "medewerker" rates "tactisch", which it cannot observe \(observes\.medewerker: "teammanager"\)/,
    ],
    [
      'a team manager rating peers no file says they observe',
      (r) => (dimension(r, 'kader').raters = { medewerker: 'teammanager', teammanager: 'teammanager' }),
      /dimension "kader": role "teammanager" rates "teammanager", which it cannot observe/,
    ],
    [
      'a file that does not say whom each role observes',
      (r) => delete r.observes,
      /observes: missing; say whom each role can see/,
    ],
    [
      'an observing role the instrument does not list',
      (r) => (r.observes = { ...r.observes, klant: ['self'] }),
      /observes/,
    ],
    [
      'team managers asked whether the tactical level "begrijpt", as version 2 did',
      (r) =>
        (question(r, 'luisteren_bewaken_1').wording.teammanager = {
          nl: 'Het tactisch management vraagt door tot het begrijpt hoe de teams een probleem met een ketenpartner zien.',
          en: 'Tactical management asks questions until it understands how the teams see a problem with a chain partner.',
        }),
      /question "luisteren_bewaken_1": wording\.teammanager\.nl uses "begrijpt", an inner state of "tactisch" that role "teammanager" cannot observe/,
    ],
    [
      'staff asked whether their manager trusts them, as version 1 did',
      (r) =>
        (question(r, 'autonomie_4').wording.medewerker = {
          nl: 'Mijn leidinggevende vertrouwt erop dat ik zaken met ketenpartners goed afhandel.',
          en: 'My manager is confident that I handle cases with chain partners well.',
        }),
      /question "autonomie_4": wording\.medewerker\.nl uses "vertrouwt erop", an inner state of "teammanager"/,
    ],
    [
      'an inner-state verb in the English wording only',
      (r) =>
        (question(r, 'steun_2').wording.medewerker = {
          nl: 'Mijn leidinggevende staat achter een oplossing die ik met een ketenpartner heb afgesproken.',
          en: 'My manager values a solution I have agreed with a chain partner.',
        }),
      /question "steun_2": wording\.medewerker\.en uses "values"/,
    ],
    [
      'two items of one scale that open on a condition, as version 3 first had in ketensamenwerking',
      (r) =>
        (question(r, 'ketensamenwerking_5').wording.medewerker = {
          nl: 'Als ik een probleem met een ketenpartner niet zelf kan oplossen, neemt mijn leidinggevende het op met de leidinggevende bij die ketenpartner.',
          en: 'When I cannot solve a problem with a chain partner myself, my manager takes it up with the manager at that chain partner.',
        }),
      /dimension "ketensamenwerking": role "medewerker" has 2 items that open on a condition \(ketensamenwerking_5, ketensamenwerking_3\); at most 1 per scale/,
    ],
    [
      'a second conditional stem that opens so in English only',
      (r) =>
        (question(r, 'kader_1').wording.teammanager = {
          nl: 'Bij een nieuwe medewerker maak ik duidelijk wat hij of zij zelf met een ketenpartner mag afspreken.',
          en: 'When a new staff member starts, I make clear what they may agree with a chain partner on their own.',
        }) &&
        (question(r, 'kader_2').wording.teammanager = {
          nl: 'Als het nodig is, leg ik uit waarom mijn medewerkers over sommige zaken zelf mogen beslissen en over andere niet.',
          en: 'I explain to my staff, where needed, why they may decide some matters themselves and not others.',
        }),
      /dimension "kader": role "teammanager" has 2 items that open on a condition \(kader_1, kader_2\)/,
    ],
  ]
  for (const [what, breakIt, message] of cases) {
    it(`refuses ${what}`, () => {
      const raw = copyV3()
      expect(() => parseInstrument(raw)).not.toThrow()
      breakIt(raw)
      expect(() => parseInstrument(raw)).toThrow(InstrumentError)
      expect(() => parseInstrument(raw)).toThrow(message)
    })
  }

  it('accepts an inner-state verb in a self-rating: a manager can report their own', () => {
    const raw = copyV3()
    question(raw, 'coaching_1').wording.teammanager = {
      nl: 'Ik vind het belangrijk dat een medewerker eerst zelf een antwoord zoekt; mijn team vindt dat ook.',
      en: 'I think it matters that a staff member first looks for an answer; my team thinks so too.',
    }
    expect(() => parseInstrument(raw)).not.toThrow()
  })

  it('keeps version 2 loading under rule set 2, which it was published with, though rule set 3 refuses it', () => {
    expect(() => parseInstrument(copyV2())).not.toThrow()
    const raw = copyV2()
    raw.rules = 3
    expect(() => parseInstrument(raw)).toThrow(/observes: missing/)
    raw.observes = copyV3().observes
    // The first of its other-ratings that names an inner state: steun_1 "denkt … mee" (v3 "bespreekt").
    expect(() => parseInstrument(raw)).toThrow(/question "steun_1": wording\.medewerker\.nl uses "denkt"/)
    question(raw, 'steun_1').wording.medewerker = copyV3And('steun_1').wording.medewerker
    expect(() => parseInstrument(raw)).toThrow(
      /question "luisteren_bewaken_1": wording\.teammanager\.nl uses "begrijpt"/,
    )
  })
})

describe('version 3 tells every role what a chain partner is', () => {
  it('defines "ketenpartner" on the first page each role is shown, in both languages', () => {
    const v3 = parseInstrument(shippedV3)
    for (const role of v3.roles) {
      const first = (surveyJsFor(v3, role).pages as { description?: { nl: string; en: string } }[])[0]!
      expect(first.description?.nl, role).toMatch(/ketenpartner (is|bedoelen we) een andere organisatie/)
      expect(first.description?.en, role).toMatch(/chain partner (is|we mean) another organisation/)
    }
  })
})

describe('referencePeriodMonths', () => {
  it('reads the months an instrument asks respondents to think back over from its own Dutch words', () => {
    expect(referencePeriodMonths(parseInstrument(shipped))).toBeNull()
    expect(referencePeriodMonths(parseInstrument(shippedV2))).toBe(6)
    expect(referencePeriodMonths(parseInstrument(shippedV3))).toBe(6)
    const edited = (text: string) =>
      referencePeriodMonths({ ...parseInstrument(shippedV3), title: { nl: text, en: text } } as never)
    expect(edited('Denk aan de afgelopen 12 maanden.')).toBe(12)
    expect(edited('Denk aan de afgelopen drie maanden.')).toBe(3)
  })
})
