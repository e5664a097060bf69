/**
 * Instrument version 5 (the psychometric review of version 4) and rule set 5, which would have
 * refused version 4's faults: a page without the "did not happen" reminder, a scale that asks staff
 * about "mij" on one item and "ons" on the next, and level lines that read as poor advice where the
 * report prints them as what the next level asks. Beside tests/worker/domain/instrument-rules.test.ts,
 * which holds versions 1 to 4 and rule sets 1 to 4.
 */
import { describe, expect, it } from 'vitest'
import shippedV4 from '../../../surveys/coachende-manager.v4.json'
import shippedV5 from '../../../surveys/coachende-manager.v5.json'
import type { Role } from '../../../schema/instrument.ts'
import {
  comparableDimensions,
  dimensionsFor,
  parseInstrument,
  scoredQuestions,
  surveyJsFor,
} from '../../../worker/domain/instrument-rules.ts'
import { innerStateVerb } from '../../../worker/domain/instrument-observability.ts'
import { levelAdviceFault, levelHedge } from '../../../worker/domain/instrument-guidance.ts'
import { referencePeriodMonths, referentOf } from '../../../worker/domain/instrument-wording.ts'
import { sharedItemsOf } from '../../../worker/domain/shared-items.ts'

type Words = { nl: string; en: string }
/** An instrument file loosely typed, so a test can break it in any way. */
type Raw = {
  rules: number
  scale: { guide?: Words; pageReminder?: Words }
  levels: { level: number; behaviour: Record<string, Words> }[]
  survey: {
    pages: {
      name: string
      description?: Words
      descriptionFor?: Partial<Record<Role, Words>>
      elements: { name: string; wording: Partial<Record<Role, Words>> }[]
    }[]
  }
}
const copyV4 = () => structuredClone(shippedV4) as unknown as Raw
const copyV5 = () => structuredClone(shippedV5) as unknown as Raw
const questionOf = (raw: Raw, name: string) => raw.survey.pages.flatMap((p) => p.elements).find((q) => q.name === name)!
const pageOf = (raw: Raw, name: string) => raw.survey.pages.find((p) => p.name === name)!

describe('instrument version 5', () => {
  const ins = parseInstrument(shippedV5)
  const v4 = parseInstrument(shippedV4)
  const items = ins.survey.pages.flatMap((p) => p.elements)
  const item = (name: string) => items.find((q) => q.name === name)!
  const names = (i: typeof ins) => new Set(i.survey.pages.flatMap((p) => p.elements).map((q) => q.name))

  it("follows rule set 5 with version 4's scales, raters and items, and adds kader_5 and omslag_5", () => {
    expect([ins.version, ins.rules]).toEqual([5, 5])
    expect(ins.observes).toEqual(v4.observes)
    for (const role of ins.roles) expect(dimensionsFor(ins, role)).toEqual(dimensionsFor(v4, role))
    expect(Object.fromEntries(ins.dimensions.map((d) => [d.key, d.raters]))).toEqual(
      Object.fromEntries(v4.dimensions.map((d) => [d.key, d.raters])),
    )
    expect([...names(v4)].filter((n) => !names(ins).has(n))).toEqual([])
    expect([...names(ins)].filter((n) => !names(v4).has(n))).toEqual(['kader_5', 'omslag_5'])
  })

  it('has 4–5 items per role and scale, five where a two-facet scale had four, and three reverse-keyed, none in a self-rating', () => {
    const count = (i: typeof ins, role: Role, d: string) =>
      scoredQuestions(i, role).filter((q) => q.dimension === d).length
    for (const role of ins.roles)
      for (const d of dimensionsFor(ins, role)) {
        expect(count(ins, role, d), `${role} ${d}`).toBeGreaterThanOrEqual(4)
        expect(count(ins, role, d), `${role} ${d}`).toBeLessThanOrEqual(5)
      }
    for (const [role, d] of [
      ['medewerker', 'kader'],
      ['teammanager', 'kader'],
      ['teammanager', 'omslag'],
      ['tactisch', 'omslag'],
      ['tactisch', 'ketensamenwerking'],
    ] as [Role, string][]) {
      expect(count(v4, role, d), `${role} ${d} in version 4`).toBe(4)
      expect(count(ins, role, d), `${role} ${d}`).toBe(5)
    }
    expect(items.filter((q) => q.type === 'radiogroup' && q.reverse).map((q) => q.name)).toEqual([
      'autonomie_5',
      'steun_5',
      'luisteren_bewaken_6',
    ])
  })

  it("High: every page each role sees carries the reminder that what never happens is 'Oneens', not 'n.v.t.'", () => {
    const reminder = ins.scale.pageReminder!
    expect(reminder.nl).toBe(
      "'Niet eens, niet oneens': de uitspraak klopt voor een deel. Gebeurt het nooit? Kies dan niet 'Weet ik niet / n.v.t.', maar 'Oneens' of 'Helemaal oneens'.",
    )
    expect(reminder.en).toBe(
      "'Neither agree nor disagree': the statement is partly true. If it never happens, choose 'Disagree' or 'Strongly disagree', not 'Don't know / not applicable'.",
    )
    for (const role of ins.roles) {
      const pages = surveyJsFor(ins, role).pages as { name: string; description: { nl: string; en: string } }[]
      expect(pages.length).toBeGreaterThan(2)
      for (const p of pages) {
        expect(p.description.nl, `${role} ${p.name}`).toContain(reminder.nl)
        expect(p.description.en, `${role} ${p.name}`).toContain(reminder.en)
        expect(p.description.nl, `${role} ${p.name}`).toContain('afgelopen zes maanden')
      }
    }
    // The intro's guide: n.v.t. only for what one cannot judge; "de situatie deed zich niet voor" read as "it never happened".
    expect(ins.scale.guide!.nl).toContain(
      "Gebeurt wat de uitspraak zegt nooit? Kies dan 'Oneens' of 'Helemaal oneens'.",
    )
    expect(ins.scale.guide!.nl).toMatch(/'Weet ik niet \/ n\.v\.t\.' alleen als u het niet kunt beoordelen/)
    expect(ins.scale.guide!.nl).not.toMatch(/deed zich niet voor/)
    expect(ins.scale.guide!.en).toMatch(/never happens, choose 'Disagree'.*only if you cannot judge it/)
    expect(ins.scale.dontKnow).toEqual(v4.scale.dontKnow)
  })

  it('Medium: ketensamenwerking_2 and _6 each ask one recurring behaviour and presume no event', () => {
    expect(item('ketensamenwerking_2').wording.medewerker).toEqual({
      nl: 'Mijn leidinggevende vertelt mij wat hij of zij met leidinggevenden bij ketenpartners bespreekt.',
      en: 'My manager tells me what they discuss with managers at chain partners.',
    })
    expect(item('ketensamenwerking_6').wording.medewerker).toEqual({
      nl: 'Mijn leidinggevende laat mij weten wat er gebeurt met knelpunten die medewerkers over ketenpartners aankaarten.',
      en: 'My manager lets me know what happens to problems that staff raise about chain partners.',
    })
    for (const name of ['ketensamenwerking_2', 'ketensamenwerking_6'])
      for (const [role, t] of Object.entries(item(name).wording)) {
        // Version 4: "heeft afgesproken", "heeft gedaan met een knelpunt dat ik heb aangekaart": an event that may not have happened.
        expect(t!.nl, `${name} ${role}`).not.toMatch(/\b(heb|hebt|heeft|hebben)\b/)
        expect(t!.en, `${name} ${role}`).not.toMatch(/\b(did|has|have|had)\b/)
        expect(t!.nl, `${name} ${role}`).not.toMatch(/\bgedaan\b|bij de ketenpartner/)
      }
    // Tactical managers answer _6 too: their scale of four gets a fifth.
    expect(item('ketensamenwerking_6').wording.tactisch!.nl).toMatch(/^Ik laat de teammanagers weten wat er gebeurt/)
  })

  it("Medium: the team manager's own raising of a problem with the partner's manager is back, on omslag, which staff do not rate", () => {
    const q = item('omslag_5')
    expect(q.wording.teammanager).toEqual({
      nl: 'Knelpunten die mijn team niet zelf met een ketenpartner oplost, leg ik voor aan de leidinggevende bij die ketenpartner.',
      en: 'I take problems my team cannot solve with a chain partner up with the manager at that chain partner.',
    })
    expect(q.wording.medewerker).toBeUndefined()
    expect(ins.dimensions.find((d) => d.key === 'omslag')!.raters).toEqual({ teammanager: 'self', tactisch: 'self' })
    // The gap's scales keep the same items on both sides: ketensamenwerking's five are shared.
    expect(sharedItemsOf(ins).map((s) => s.dimension)).toEqual(['autonomie', 'steun'])
    const staff = scoredQuestions(ins, 'medewerker').filter((i) => i.dimension === 'ketensamenwerking')
    const managers = scoredQuestions(ins, 'teammanager').filter((i) => i.dimension === 'ketensamenwerking')
    expect(staff.map((i) => i.name)).toEqual(managers.map((i) => i.name))
  })

  it('Medium: omslag_4 asks a recurring behaviour, not a one-off event', () => {
    for (const t of Object.values(item('omslag_4').wording)) {
      expect(t!.nl).toBe(
        'Ik laat een doel van mijn eigen organisatie wijken als de samenwerking met ketenpartners dat vraagt.',
      )
      expect(t!.en).toMatch(/^I let one of my own organisation's targets give way when/)
    }
  })

  it('Medium: staff speak of themselves as one person ("mij") on every item, never as a group ("ons")', () => {
    for (const q of scoredQuestions(ins, 'medewerker')) {
      const t = q.wording.medewerker!
      expect(referentOf(t.nl, 'nl'), `${q.name}: ${t.nl}`).not.toBe('group')
      expect(referentOf(t.en, 'en'), `${q.name}: ${t.en}`).not.toBe('group')
    }
    // Every other item says "mij" or "ik"; steun_3 is about working arrangements and names no one.
    const unnamed = scoredQuestions(ins, 'medewerker').filter(
      (q) => referentOf(q.wording.medewerker!.nl, 'nl') !== 'one',
    )
    expect(unnamed.map((q) => q.name)).toEqual(['steun_3'])
  })

  it('Medium: kader_5 is a new item on the frame, not one of the others again', () => {
    expect(item('kader_5')).toMatchObject({ dimension: 'kader', facet: 'kader', reverse: false })
    expect(item('kader_5').wording.medewerker!.nl).toBe(
      'Mijn leidinggevende vertelt mij welke regels en budgetten vastliggen als ik met een ketenpartner naar een oplossing zoek.',
    )
    expect(JSON.stringify(shippedV4)).not.toMatch(/budget/)
  })

  it('Low: words a public body uses (burger, the public; no klant, cliënt or zaak) and no "agree on"', () => {
    const all = JSON.stringify(shippedV5)
    expect(all).not.toMatch(/\bklant|cliënt|\bclient|\bzaak|\bzaken\b|inwoner of|resident or/i)
    expect(all).not.toMatch(/\bagree on\b|\bagree (with )?(a )?chain partners?\b/i)
    expect(item('kader_3').wording.medewerker!.nl).toContain('voor de burger')
    expect(item('kader_3').wording.medewerker!.en).toContain('for the public')
  })

  it("the level lines above level 1 name a behaviour to start with; version 4's did not", () => {
    expect(levelAdviceFault(ins)).toBeUndefined()
    expect(levelAdviceFault(v4)).toMatch(/^level 2: behaviour\.autonomie \(nl\) says "maar beperkt"/)
    const level2 = ins.levels.find((l) => l.level === 2)!
    expect(level2.behaviour.coaching!.nl).toMatch(
      /^De leidinggevende vraagt een medewerker met een vraag eerst wat die zelf zou doen/,
    )
    expect(level2.behaviour.autonomie!.nl).toMatch(
      /laat medewerkers eenvoudige kwesties zelf met de ketenpartner afhandelen/,
    )
  })

  it('names no inner state in an other-rating, words no item with a frequency or an absolute, and keeps six months', () => {
    for (const q of items) {
      if (q.type !== 'radiogroup') continue
      const raters = ins.dimensions.find((d) => d.key === q.dimension)!.raters!
      for (const [role, t] of Object.entries(q.wording) as [Role, Words][]) {
        if (raters[role] !== 'self') {
          expect(innerStateVerb(t.nl, 'nl'), `${q.name} ${role}`).toBeUndefined()
          expect(innerStateVerb(t.en, 'en'), `${q.name} ${role}`).toBeUndefined()
        }
        expect(t.nl, q.name).not.toMatch(/^Ik als|\b(regelmatig|vaak|altijd|nooit|elke|alleen|meteen)\b/i)
        expect(t.en, q.name).not.toMatch(/\b(regularly|often|always|never|every|only)\b/i)
        expect(t.nl, q.name).not.toMatch(/keten(?!partner)[a-z]/)
      }
    }
    expect(referencePeriodMonths(ins)).toBe(6)
  })

  it("compares nothing with version 4: the scale's guide and page reminder changed what 'n.v.t.' and disagreement mean", () => {
    const lb = (i: typeof ins) =>
      i.survey.pages
        .flatMap((p) => p.elements)
        .filter((q) => q.type === 'radiogroup' && q.dimension === 'luisteren_bewaken')
    expect(lb(ins)).toEqual(lb(v4))
    expect(comparableDimensions(v4, ins).size).toBe(0)
    expect(comparableDimensions(ins, ins).size).toBe(ins.dimensions.length)
    // With version 4's scale only luisteren_bewaken would be: every other scale has an edited or a new item.
    const oldScale = parseInstrument({ ...copyV5(), rules: 4, scale: shippedV4.scale })
    expect([...comparableDimensions(v4, oldScale)]).toEqual(['luisteren_bewaken'])
  })
})

describe('rule set 5 refuses an edited copy of version 5 with a version-4 fault', () => {
  it('loads version 5 as it is, and version 4 under the rule set it was released with', () => {
    expect(() => parseInstrument(copyV5())).not.toThrow()
    expect(() => parseInstrument(copyV4())).not.toThrow()
    expect(() => parseInstrument({ ...copyV4(), rules: 5 })).toThrow(
      /scale\.pageReminder: missing; give the guide in brief/,
    )
  })

  it("refuses a reminder that gives the midpoint only, as version 4's pages did", () => {
    const raw = copyV5()
    raw.scale.pageReminder = {
      nl: "'Niet eens, niet oneens': de uitspraak klopt voor een deel.",
      en: "'Neither agree nor disagree': the statement is partly true.",
    }
    expect(() => parseInstrument(raw)).toThrow(/scale\.pageReminder \(nl\): does not quote 'Helemaal oneens'/)
  })

  it('refuses a page without the reminder, for the role that reads it', () => {
    const raw = copyV5()
    pageOf(raw, 'p_kader').description = pageOf(copyV4(), 'p_kader').description
    expect(() => parseInstrument(raw)).toThrow(
      /page "p_kader": its text for role "medewerker" \(nl\) does not carry scale\.pageReminder/,
    )
    // Staff's own text on the first page, as version 4 had it; team managers' text there is fine.
    const first = copyV5()
    pageOf(first, 'p_coaching').descriptionFor = pageOf(copyV4(), 'p_coaching').descriptionFor
    expect(() => parseInstrument(first)).toThrow(/page "p_coaching": its text for role "medewerker" \(nl\)/)
    // English alone missing it is refused too.
    const en = copyV5()
    pageOf(en, 'p_omslag').description!.en = 'Think of the past six months.'
    expect(() => parseInstrument(en)).toThrow(/page "p_omslag": its text for role "teammanager" \(en\)/)
  })

  it("refuses a scale that asks staff about 'mij' on one item and 'ons' on another, as version 4's kader did", () => {
    const raw = copyV5()
    questionOf(raw, 'kader_4').wording.medewerker = questionOf(copyV4(), 'kader_4').wording.medewerker
    expect(() => parseInstrument(raw)).toThrow(
      /dimension "kader": role "medewerker" \(nl\) speaks of itself as one person in kader_1, kader_2, kader_5, kader_3 and as a group in kader_4/,
    )
    const en = copyV5()
    questionOf(en, 'ketensamenwerking_3').wording.medewerker!.en =
      'Even when our own figures are under pressure, my manager gives us time to consult chain partners.'
    expect(() => parseInstrument(en)).toThrow(/dimension "ketensamenwerking": role "medewerker" \(en\)/)
  })

  it("refuses a level line that reads as a degree or as what to leave off, as version 4's did", () => {
    const hedged = copyV5()
    hedged.levels.find((l) => l.level === 2)!.behaviour = copyV4().levels.find((l) => l.level === 2)!.behaviour
    expect(() => parseInstrument(hedged)).toThrow(/level 2: behaviour\.autonomie \(nl\) says "maar beperkt"/)
    const negative = copyV5()
    negative.levels.find((l) => l.level === 4)!.behaviour.autonomie = copyV4().levels.find((l) => l.level === 4)!
      .behaviour.autonomie!
    expect(() => parseInstrument(negative)).toThrow(/level 4: behaviour\.autonomie \(nl\) says "niet"/)
    // The lowest level is never shown as the next one: it may say what is missing.
    const lowest = copyV5()
    lowest.levels.find((l) => l.level === 1)!.behaviour.kader = {
      nl: 'Er zijn geen afspraken over wat medewerkers zelf mogen beslissen.',
      en: 'There are no agreements on what staff may decide themselves.',
    }
    expect(() => parseInstrument(lowest)).not.toThrow()
  })
})

describe('referentOf and levelHedge', () => {
  it('reads whom a rater speaks of, with "mijn leidinggevende" left out', () => {
    expect(referentOf('Mijn leidinggevende pakt werkafspraken aan.', 'nl')).toBeUndefined()
    expect(referentOf('Mijn leidinggevende geeft mij tijd.', 'nl')).toBe('one')
    expect(referentOf('Ik kan mijn leidinggevende bereiken.', 'nl')).toBe('one')
    expect(referentOf('Mijn leidinggevende beoordeelt ons werk.', 'nl')).toBe('group')
    expect(referentOf('Ook als onze cijfers onder druk staan, geeft mijn leidinggevende mij tijd.', 'nl')).toBe('group')
    expect(referentOf('My manager judges our work.', 'en')).toBe('group')
    expect(referentOf('I can reach my manager.', 'en')).toBe('one')
    expect(referentOf('My manager tackles arrangements.', 'en')).toBeUndefined()
    // Words that only contain a pronoun are not one.
    expect(referentOf('Mijn leidinggevende bespreekt de omgeving en usability.', 'nl')).toBeUndefined()
  })

  it('finds a degree as whole words, case ignored', () => {
    expect(levelHedge('Medewerkers krijgen maar  beperkt ruimte.', 'nl')).toBe('maar beperkt')
    expect(levelHedge('Advies wordt Ten dele gevraagd.', 'nl')).toBe('ten dele')
    expect(levelHedge('The manager in part makes arrangements.', 'en')).toBe('in part')
    expect(levelHedge('The manager takes part in meetings.', 'en')).toBeUndefined()
    expect(levelHedge('Medewerkers delen hun aanpak.', 'nl')).toBeUndefined()
  })
})
