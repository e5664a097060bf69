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
  const pagesFor = (role: Role) =>
    surveyJsFor(ins, role).pages as { name: string; description: Words; elements: { name: string }[] }[]

  it("follows rule set 5 with version 4's scales and raters; kader_5 is new, and ketensamenwerking_7 takes _2's place", () => {
    expect([ins.version, ins.rules]).toEqual([5, 5])
    expect(ins.observes).toEqual(v4.observes)
    for (const role of ins.roles) expect(dimensionsFor(ins, role)).toEqual(dimensionsFor(v4, role))
    expect(Object.fromEntries(ins.dimensions.map((d) => [d.key, d.raters]))).toEqual(
      Object.fromEntries(v4.dimensions.map((d) => [d.key, d.raters])),
    )
    expect([...names(v4)].filter((n) => !names(ins).has(n))).toEqual(['ketensamenwerking_2'])
    expect([...names(ins)].filter((n) => !names(v4).has(n))).toEqual(['kader_5', 'ketensamenwerking_7'])
  })

  it('has 4–5 items per role and scale, five where a two-facet scale had four, and three reverse-keyed, none in a self-rating or last on its page', () => {
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
      ['tactisch', 'ketensamenwerking'],
    ] as [Role, string][]) {
      expect(count(v4, role, d), `${role} ${d} in version 4`).toBe(4)
      expect(count(ins, role, d), `${role} ${d}`).toBe(5)
    }
    // omslag keeps version 4's four: its fifth, the partner-manager channel, is ketensamenwerking's now.
    expect(count(ins, 'teammanager', 'omslag')).toBe(4)
    expect(count(ins, 'tactisch', 'omslag')).toBe(4)
    const reversed = items.filter((q) => q.type === 'radiogroup' && q.reverse).map((q) => q.name)
    expect(reversed).toEqual(['autonomie_5', 'steun_5', 'luisteren_bewaken_6'])
    // Version 4 and the draft asked each last on its page, where a respondent agreeing down the page meets it.
    for (const role of ins.roles)
      for (const p of pagesFor(role)) {
        const at = p.elements.findIndex((q) => reversed.includes(q.name))
        if (at >= 0) expect(at, `${role} ${p.name}`).toBeLessThan(p.elements.length - 1)
      }
  })

  it("High: every page carries a reminder that agrees with the guide: never happened though it could → 'Oneens', cannot judge → 'n.v.t.'", () => {
    const reminder = ins.scale.pageReminder!
    expect(reminder).toEqual({
      nl: "'Niet eens, niet oneens': klopt deels. Had het kunnen gebeuren, maar gebeurde het nooit? Kies 'Oneens' of 'Helemaal oneens'. Kunt u het niet beoordelen? Kies 'Weet ik niet / n.v.t.'.",
      en: "'Neither agree nor disagree': partly true. Could it have happened but never did? Choose 'Disagree' or 'Strongly disagree'. Cannot judge it? Choose 'Don't know / not applicable'.",
    })
    for (const role of ins.roles) {
      const pages = pagesFor(role)
      expect(pages.length).toBeGreaterThan(2)
      for (const [i, p] of pages.entries()) {
        expect(p.description.nl, `${role} ${p.name}`).toContain(reminder.nl)
        expect(p.description.en, `${role} ${p.name}`).toContain(reminder.en)
        // The reference period once, on the role's first page (tactical managers': p_ketensamenwerking).
        expect(p.description.nl.includes('Denk aan de afgelopen zes maanden.'), `${role} ${p.name}`).toBe(i === 0)
        expect(p.description.en.includes('Think of the past six months.'), `${role} ${p.name}`).toBe(i === 0)
        expect(p.description.nl.split(/\s+/).length, `${role} ${p.name}`).toBeLessThanOrEqual(i === 0 ? 63 : 44)
      }
    }
    // The intro's guide in the same words: n.v.t. only for what one cannot judge.
    expect(ins.scale.guide!.nl).toContain(
      "Had wat de uitspraak beschrijft kunnen gebeuren, maar gebeurde het nooit? Kies dan 'Oneens' of 'Helemaal oneens'.",
    )
    expect(ins.scale.guide!.nl).toMatch(/'Weet ik niet \/ n\.v\.t\.' alleen als u het niet kunt beoordelen/)
    expect(ins.scale.guide!.nl).not.toMatch(/deed zich niet voor/)
    expect(ins.scale.guide!.en).toMatch(
      /could have happened but never did, choose 'Disagree'.*only if you cannot judge it/,
    )
    expect(ins.scale.dontKnow).toEqual(v4.scale.dontKnow)
  })

  it('Medium: ketensamenwerking_6 asks about problems staff report in the cooperation, not about partners; _2 is gone', () => {
    expect(item('ketensamenwerking_6').wording).toEqual({
      medewerker: {
        nl: 'Mijn leidinggevende laat ons team weten wat er gebeurt met knelpunten die medewerkers melden over de samenwerking met ketenpartners.',
        en: 'My manager lets our team know what happens to the problems staff report in the cooperation with chain partners.',
      },
      teammanager: {
        nl: 'Ik laat mijn team weten wat er gebeurt met knelpunten die medewerkers melden over de samenwerking met ketenpartners.',
        en: 'I let my team know what happens to the problems staff report in the cooperation with chain partners.',
      },
      tactisch: {
        nl: 'Ik laat de teammanagers weten wat er gebeurt met knelpunten die zij melden over de samenwerking met ketenpartners.',
        en: 'I let the team managers know what happens to the problems they report in the cooperation with chain partners.',
      },
    })
    for (const [role, t] of Object.entries(item('ketensamenwerking_6').wording)) {
      // Version 4: an event that may not have happened; the draft: raising problems "about" partners.
      expect(t!.nl, role).not.toMatch(/\b(heb|hebt|heeft|hebben)\b|aankaart|over ketenpartners/)
      expect(t!.en, role).not.toMatch(/\b(did|has|have|had)\b|raise|about chain partners/)
    }
    // _2 presumed meetings with the partners' managers; no item asks what is discussed there.
    expect(JSON.stringify(shippedV5)).not.toMatch(/met leidinggevenden bij ketenpartners bespre/)
  })

  it("Medium: the team manager's raising of what the team cannot solve with the partner's manager is on ketensamenwerking, worded for staff too", () => {
    const q = item('ketensamenwerking_7')
    expect(q).toMatchObject({ dimension: 'ketensamenwerking', facet: 'samenwerking', reverse: false })
    expect(q.wording.medewerker).toEqual({
      nl: 'Knelpunten die ons team niet zelf met een ketenpartner kan oplossen, bespreekt mijn leidinggevende met de leidinggevende bij die ketenpartner.',
      en: 'My manager takes problems our team cannot solve with a chain partner up with the manager at that chain partner.',
    })
    expect(q.wording.teammanager).toEqual({
      nl: 'Knelpunten die mijn team niet zelf met een ketenpartner kan oplossen, bespreek ik met de leidinggevende bij die ketenpartner.',
      en: 'I take problems my team cannot solve with a chain partner up with the manager at that chain partner.',
    })
    expect(q.wording.tactisch!.nl).toMatch(/bespreek ik met het management van die ketenpartner\.$/)
    expect(names(ins).has('omslag_5')).toBe(false)
    // The gap compares like with like: staff and team managers answer the same five ketensamenwerking items.
    expect(sharedItemsOf(ins).map((s) => s.dimension)).toEqual(['autonomie', 'steun'])
    const staff = scoredQuestions(ins, 'medewerker').filter((i) => i.dimension === 'ketensamenwerking')
    const managers = scoredQuestions(ins, 'teammanager').filter((i) => i.dimension === 'ketensamenwerking')
    expect(staff.map((i) => i.name)).toEqual([
      'ketensamenwerking_1',
      'ketensamenwerking_6',
      'ketensamenwerking_7',
      'ketensamenwerking_3',
      'ketensamenwerking_4',
    ])
    expect(managers.map((i) => i.name)).toEqual(staff.map((i) => i.name))
  })

  it('Medium: omslag_4 is a recurring behaviour with a performance target, not a willingness', () => {
    for (const t of Object.values(item('omslag_4').wording))
      expect(t).toEqual({
        nl: 'Ik geef werk met ketenpartners voorrang, ook als dat ten koste gaat van een prestatieafspraak van mijn organisatie.',
        en: "I give work with chain partners priority, even when it costs one of my organisation's performance targets.",
      })
  })

  it('Medium: staff speak of their team ("ons team") on every ketensamenwerking item, whose behaviour is the team\'s, and of themselves ("mij") elsewhere', () => {
    for (const q of scoredQuestions(ins, 'medewerker')) {
      const t = q.wording.medewerker!
      const want = q.dimension === 'ketensamenwerking' ? 'group' : 'one'
      if (q.name === 'steun_3') continue // working arrangements; names no one
      expect(referentOf(t.nl, 'nl'), `${q.name}: ${t.nl}`).toBe(want)
      expect(referentOf(t.en, 'en'), `${q.name}: ${t.en}`).toBe(want)
    }
    expect(item('ketensamenwerking_1').wording.medewerker).toEqual({
      nl: 'Mijn leidinggevende maakt met ketenpartners werkafspraken over hoe ons team met hen samenwerkt.',
      en: 'My manager makes working arrangements with chain partners on how our team works with them.',
    })
    expect(referentOf(item('steun_3').wording.medewerker!.nl, 'nl')).toBeUndefined()
  })

  it('Medium: kader_5 asks one thing, the rules that bind, and no budgets', () => {
    expect(item('kader_5')).toMatchObject({ dimension: 'kader', facet: 'kader', reverse: false })
    expect(item('kader_5').wording.medewerker).toEqual({
      nl: 'Mijn leidinggevende vertelt mij aan welke regels ik gebonden ben als ik met een ketenpartner een oplossing zoek.',
      en: 'My manager tells me which rules bind me when I look for a solution with a chain partner.',
    })
    expect(JSON.stringify(shippedV5)).not.toMatch(/budget/i)
  })

  it('Low: the people one helps, not "de burger" or "the public"; steun_4 in plain Dutch; luisteren_bewaken_3 presumes no advice', () => {
    const all = JSON.stringify(shippedV5)
    expect(all).not.toMatch(/\bklant|cliënt|\bclient|\bzaak|\bzaken\b|inwoner of|resident or/i)
    expect(all).not.toMatch(/burger|the public/i)
    expect(all).not.toMatch(/\bagree on\b|\bagree (with )?(a )?chain partners?\b/i)
    expect(item('kader_3').wording.medewerker!.nl).toContain('voor de mensen die ik help')
    expect(item('kader_4').wording.medewerker!.en).toContain('for the people I help')
    expect(item('steun_4').wording.medewerker).toEqual({
      nl: 'Mijn leidinggevende is bereikbaar als ik overleg nodig heb.',
      en: 'My manager is available when I need to talk something through.',
    })
    expect(item('luisteren_bewaken_3').wording.teammanager).toEqual({
      nl: 'Het tactisch management laat weten wat het doet met het advies van mijn team.',
      en: "Tactical management reports back on what it does with my team's advice.",
    })
    for (const t of Object.values(item('luisteren_bewaken_3').wording)) {
      expect(t!.nl).not.toMatch(/\b(heb|heeft|gedaan)\b/)
      expect(t!.en).not.toMatch(/\b(did|has|have)\b/)
    }
  })

  it('the level lines above level 1 name a behaviour an item asks, never a count or a one-off, and each level keeps the one below', () => {
    expect(levelAdviceFault(ins)).toBeUndefined()
    expect(levelAdviceFault(v4)).toMatch(/^level 2: behaviour\.autonomie \(nl\) says "maar beperkt"/)
    const line = (level: number, key: string) => ins.levels.find((l) => l.level === level)!.behaviour[key]!.nl
    expect(line(2, 'ketensamenwerking')).toBe(
      'De leidinggevende maakt met ketenpartners werkafspraken over hoe het team met hen samenwerkt.',
    )
    // What the draft's lines named and no item asks: fixed times, writing down, regular one-to-ones.
    expect(JSON.stringify(ins.levels)).not.toMatch(/vaste momenten|op papier|vaste gesprekken|eenvoudige kwesties/)
    // Level 5 omslag holds level 4's last step, the priority over an own target.
    expect(line(4, 'omslag')).toMatch(/laten medewerkers zelf beslissen/)
    expect(line(5, 'omslag')).toMatch(/laten medewerkers zelf beslissen .*voorrang/)
    expect(line(5, 'kader')).toMatch(/aan welke regels zij vastzitten .*beoordeelt hun werk/)
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
    expect(comparableDimensions(v4, ins).size).toBe(0)
    expect(comparableDimensions(ins, ins).size).toBe(ins.dimensions.length)
    // With version 4's scale nothing would either: every scale has an edited or a new item (luisteren_bewaken_3).
    const oldScale = parseInstrument({ ...copyV5(), rules: 4, scale: shippedV4.scale })
    expect([...comparableDimensions(v4, oldScale)]).toEqual([])
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

  it("refuses a reminder that advises against the don't-know option, as the draft of version 5 did", () => {
    const draft = {
      nl: "'Niet eens, niet oneens': de uitspraak klopt voor een deel. Gebeurt het nooit? Kies dan niet 'Weet ik niet / n.v.t.', maar 'Oneens' of 'Helemaal oneens'.",
      en: "'Neither agree nor disagree': the statement is partly true. If it never happens, choose 'Disagree' or 'Strongly disagree', not 'Don't know / not applicable'.",
    }
    const withDraft = (reminder: Words) => {
      const raw = copyV5()
      const old = raw.scale.pageReminder!
      raw.scale.pageReminder = reminder
      for (const p of raw.survey.pages)
        for (const t of [p.description, ...Object.values(p.descriptionFor ?? {})])
          if (t) for (const lang of ['nl', 'en'] as const) t[lang] = t[lang].replace(old[lang], reminder[lang])
      return raw
    }
    expect(() => parseInstrument(withDraft(draft))).toThrow(
      /scale\.pageReminder \(nl\): says "niet" of 'Weet ik niet \/ n\.v\.t\.'; the intro's guide keeps that option for what one cannot judge/,
    )
    expect(() => parseInstrument(withDraft({ nl: shippedV5.scale.pageReminder.nl, en: draft.en }))).toThrow(
      /scale\.pageReminder \(en\): says "never" of 'Don't know \/ not applicable'/,
    )
    // The label's own "niet" and a "niet" in another sentence are no advice against it.
    expect(() => parseInstrument(withDraft(shippedV5.scale.pageReminder))).not.toThrow()
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
      "Even when my organisation's figures are under pressure, my manager gives me time to consult chain partners."
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
    // Counts and one-offs, as version 5's draft lines had them.
    expect(levelHedge('De leidinggevende noemt een paar dingen.', 'nl')).toBe('een paar')
    expect(levelHedge('De leidinggevende maakt met één ketenpartner een eerste werkafspraak.', 'nl')).toBe('één')
    expect(levelHedge('De leidinggevende maakt een eerste werkafspraak.', 'nl')).toBe('een eerste')
    expect(levelHedge('Leidinggevenden stellen vooral vragen.', 'nl')).toBe('vooral')
    expect(levelHedge('The manager names a few things staff may arrange.', 'en')).toBe('a few')
    expect(levelHedge('Managers hand one kind of decision over.', 'en')).toBe('one kind of')
    expect(levelHedge('The manager makes a first working arrangement.', 'en')).toBe('a first')
    expect(levelHedge('Managers see it at once.', 'en')).toBe('once')
    // Whole words only, and "first" of an order is no count.
    expect(levelHedge('Medewerkers zien een paarse map.', 'nl')).toBeUndefined()
    expect(levelHedge('The manager asks first what they would do.', 'en')).toBeUndefined()
  })
})
