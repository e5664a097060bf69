/**
 * The validator refuses an edited copy of an instrument with a fault of an earlier version, under the
 * rule set that copy declares: rule set 2's faults on copies of versions 2 and 3 and of the current
 * version, and the item and page faults a psychometric review found an edited copy of
 * version 5 passed, each on a copy of the current version: the latest released file, so these cases
 * follow each new version. A case names the question (or page), role and language at fault.
 */
import { describe, expect, it } from 'vitest'
import shipped from '../../../surveys/coachende-manager.v1.json'
import shippedV2 from '../../../surveys/coachende-manager.v2.json'
import shippedV3 from '../../../surveys/coachende-manager.v3.json'
import shippedV4 from '../../../surveys/coachende-manager.v4.json'
import shippedV5 from '../../../surveys/coachende-manager.v5.json'
import { partnerDefinitionFault, referencePeriodFault } from '../../../worker/domain/instrument-first-page.ts'
import { comparableDimensions, InstrumentError, parseInstrument } from '../../../worker/domain/instrument-rules.ts'
import {
  absoluteIn,
  chainWordIn,
  joinedStatement,
  statementFault,
} from '../../../worker/domain/instrument-statements.ts'
import { findInstrument, RELEASED } from '../../../worker/services/instrument-catalogue.ts'
import { copyV2, copyV3, dimension, question, type RawV2, type Words } from './raw-instrument.ts'

/** Every file in surveys/; the current version is the latest released one. */
const FILES = import.meta.glob<RawV2>('../../../surveys/*.json', { eager: true, import: 'default' })
const LATEST = Object.values(FILES)
  .filter(
    (f) => RELEASED['coachende-manager']!.includes(f.version) && (f as { id?: string }).id === 'coachende-manager',
  )
  .sort((a, b) => b.version - a.version)[0]!
const copyLatest = (): RawV2 => structuredClone(LATEST)
/** Every page text of `raw` (each `description` and `descriptionFor`), to edit in place. */
const pageTexts = (raw: RawV2) =>
  raw.survey.pages
    .flatMap((p) => [p.description, ...Object.values(p.descriptionFor ?? {})])
    .filter((t) => t !== undefined)

describe(`rule set 2 refuses an edited copy of version 2, 3 or the current version (${LATEST.version}) with a version-1 fault`, () => {
  const cases: [string, (raw: RawV2) => void, RegExp][] = [
    [
      'staff asked about the tactical level, which they cannot observe',
      (r) =>
        (question(r, 'luisteren_bewaken_2').wording.medewerker = {
          nl: 'Mijn leidinggevende vraagt ons om advies.',
          en: 'My manager asks us for advice.',
        }),
      /question "luisteren_bewaken_2": has wording for role "medewerker", but dimension "luisteren_bewaken" is rated only by "teammanager", "tactisch"; a role rates only what it can observe/,
    ],
    [
      'a dimension that does not say who rates it',
      (r) => delete dimension(r, 'kader').raters,
      /dimension "kader": says nobody rates it/,
    ],
    [
      'a scale of three items, as most of version 1',
      (r) => {
        const page = r.survey.pages.find((p) => p.name === 'p_kader')!
        page.elements = page.elements.slice(0, 3)
      },
      /dimension "kader": role "medewerker" is asked 3 items; a scale needs 4–5 per role that rates it/,
    ],
    [
      'a scale of six items',
      (r) =>
        (question(r, 'luisteren_bewaken_5').wording.teammanager = {
          nl: 'Het tactisch management legt besluiten uit.',
          en: 'Tactical management explains decisions.',
        }),
      /dimension "luisteren_bewaken": role "teammanager" is asked 6 items/,
    ],
    [
      'a reverse-keyed self-rating',
      (r) =>
        (question(r, 'steun_5').wording.teammanager = {
          nl: 'Als mijn medewerkers overleg nodig hebben, ben ik moeilijk te bereiken.',
          en: 'When my staff need to consult me, I am hard to reach.',
        }),
      /question "steun_5": is reverse-keyed in a self-rating \(role "teammanager" rates itself on "steun"\)/,
    ],
    [
      'one reverse-keyed item per dimension, as version 1 had',
      (r) => {
        for (const name of ['kader_4', 'coaching_1', 'ketensamenwerking_1', 'omslag_3'])
          question(r, name).reverse = true
      },
      /instrument: has 7 reverse-keyed items \(coaching_1, autonomie_5, kader_4, steun_5, ketensamenwerking_1, luisteren_bewaken_6, omslag_3\); at most 3/,
    ],
    [
      'a score from half its items, the version-1 rule',
      (r) => (r.minAnswered = { numerator: 1, denominator: 2 }),
      /minAnswered: 1\/2 is below two thirds/,
    ],
    ['no rule for how many items a score needs', (r) => delete r.minAnswered, /minAnswered: missing/],
    [
      'the version-1 standard-deviation cap in place of the agreement rule',
      (r) => {
        delete r.agreement
        r.dispersionCap = { sdAbove: 1.2, maxLevel: 3 }
      },
      /dispersionCap: rule set 2 replaces the standard-deviation cap by the agreement rule/,
    ],
    [
      'both the cap and the agreement rule',
      (r) => (r.dispersionCap = { sdAbove: 1.2, maxLevel: 3 }),
      /either the agreement rule or the rule-set-1 dispersion cap, not both/,
    ],
    ['the r_wg(j) index, which passes a two-camp split', (r) => (r.agreement!.index = 'rwg_j'), /agreement\.index/],
    [
      'no agreement rule at all',
      (r) => delete r.agreement,
      /agreement: missing; say when a group agrees too little for a level/,
    ],
    [
      'a rater role the instrument does not list',
      (r) => (dimension(r, 'kader').raters = { ...dimension(r, 'kader').raters, klant: 'self' }),
      /dimension "kader"|raters/,
    ],
  ]
  // Each version's own agreement rule: r_wg in version 2, the split rule in version 3.
  const rwg = (r: RawV2) => r.agreement as { threshold: number; minGroupSize: number }
  const split = (r: RawV2) => r.agreement as unknown as { flank: number; middle: number; minGroupSize: number }
  const ruleCases: [number, string, (r: RawV2) => void, RegExp][] = [
    [
      2,
      'an agreement threshold above 1',
      (r) => (rwg(r).threshold = 1.2),
      /agreement: threshold 1.2 is outside \(0, 1\]/,
    ],
    [2, 'an agreement threshold of 0', (r) => (rwg(r).threshold = 0), /agreement: threshold 0 is outside \(0, 1\]/],
    [
      2,
      'agreement from groups of five, where the index is not yet stable',
      (r) => (rwg(r).minGroupSize = 5),
      /agreement: minGroupSize 5 is below 10/,
    ],
    [
      3,
      'a split share above one half',
      (r) => (split(r).flank = 0.6),
      /agreement: flank 0.6 and middle 0.2 make no split/,
    ],
    [
      3,
      'a middle band as full as the sides',
      (r) => (split(r).middle = 0.3),
      /agreement: flank 0.3 and middle 0.3 make no split/,
    ],
    [
      3,
      'the split rule from groups of ten, where ordinary groups look split',
      (r) => (split(r).minGroupSize = 10),
      /agreement: minGroupSize 10 is below 20/,
    ],
  ]
  for (const [version, what, breakIt, message] of ruleCases)
    it(`refuses ${what} (version ${version})`, () => {
      const raw = version === 2 ? copyV2() : copyV3()
      expect(() => parseInstrument(raw)).not.toThrow()
      breakIt(raw)
      expect(() => parseInstrument(raw)).toThrow(message)
    })
  for (const [what, breakIt, message] of cases) {
    for (const [version, copyOf] of [
      [2, copyV2],
      [3, copyV3],
      [LATEST.version, copyLatest],
    ] as const) {
      it(`refuses ${what} (version ${version})`, () => {
        const raw = copyOf()
        expect(() => parseInstrument(raw)).not.toThrow()
        breakIt(raw)
        expect(() => parseInstrument(raw)).toThrow(InstrumentError)
        expect(() => parseInstrument(raw)).toThrow(message)
      })
    }
  }

  it('applies none of these rules to a rule-set-1 file: version 1 still loads with its faults', () => {
    const raw = copyV2() as Record<string, unknown>
    delete raw.rules
    delete raw.minAnswered
    for (const d of raw.dimensions as Record<string, unknown>[]) delete d.raters
    expect(() => parseInstrument(raw)).not.toThrow()
    expect(() => parseInstrument(shipped)).not.toThrow()
  })
})

describe(`the current version (${LATEST.version}) refuses an edited copy with an item or page fault of version 1`, () => {
  it('is the version new waves take, and loads as released', () => {
    expect(LATEST.version).toBe(findInstrument('coachende-manager')!.version)
    expect(() => parseInstrument(copyLatest())).not.toThrow()
  })

  /** `raw` with `find` replaced by `by` in every page text (and the scale's guide), in one language. */
  const replaceInTexts = (raw: RawV2, lang: keyof Words, find: RegExp, by: string) => {
    for (const t of [...pageTexts(raw), raw.scale.guide].filter((x) => x !== undefined))
      t[lang] = t[lang].replace(find, by)
  }
  const cases: [string, (raw: RawV2) => void, RegExp][] = [
    [
      '(a) an absolute, as version 1\'s "wil elke ketenkwestie zelf beslissen"',
      (r) =>
        (question(r, 'autonomie_5').wording.medewerker = {
          nl: 'Mijn leidinggevende beslist altijd elke kwestie met een ketenpartner zelf.',
          en: 'My manager decides every issue with a chain partner personally.',
        }),
      /question "autonomie_5": wording\.medewerker\.nl says "altijd", an absolute or a frequency/,
    ],
    [
      '(a) an absolute in the English wording only',
      (r) =>
        (question(r, 'autonomie_5').wording.medewerker = {
          nl: 'Mijn leidinggevende beslist kwesties met een ketenpartner zelf.',
          en: 'My manager decides every issue with a chain partner personally.',
        }),
      /question "autonomie_5": wording\.medewerker\.en says "every", an absolute or a frequency/,
    ],
    [
      '(a) a frequency, as version 1\'s "bespreekt regelmatig"',
      (r) =>
        (question(r, 'kader_4').wording.teammanager = {
          nl: 'Ik beoordeel het werk van mijn medewerkers regelmatig op wat het de mensen die zij helpen oplevert.',
          en: "I regularly judge my staff's work by what it achieves for the people they help.",
        }),
      /question "kader_4": wording\.teammanager\.nl says "regelmatig"/,
    ],
    [
      '(b) two statements in one item, as version 1\'s output_1 "…, en laat de weg ernaartoe aan ons"',
      (r) =>
        (question(r, 'kader_3').wording.medewerker = {
          nl: 'Mijn leidinggevende maakt duidelijk welk resultaat ik moet bereiken, en laat de weg ernaartoe aan mij.',
          en: 'My manager makes clear what result I should achieve, and leaves the way there to me.',
        }),
      /question "kader_3": wording\.medewerker\.nl joins two statements with ", en"; one item asks one thing/,
    ],
    [
      '(b) two statements joined by "and also", in English only',
      (r) =>
        (question(r, 'kader_3').wording.medewerker = {
          nl: 'Mijn leidinggevende maakt duidelijk welk resultaat ik moet bereiken voor de mensen die ik help.',
          en: 'My manager makes clear what result I should achieve and also leaves the way there to me.',
        }),
      /question "kader_3": wording\.medewerker\.en joins two statements with "and also"/,
    ],
    [
      '(c) no reference period on any page nor in the guide',
      (r) => {
        replaceInTexts(r, 'nl', /\s*Denk aan de afgelopen zes maanden\./, '')
        replaceInTexts(r, 'nl', / in de afgelopen zes maanden/, '')
        replaceInTexts(r, 'en', /\s*Think of the past six months\./, '')
        replaceInTexts(r, 'en', / in the past six months/, '')
      },
      /page "p_coaching": its text for role "medewerker" \(nl\) names no reference period; the first page a role is shown says which months to think of/,
    ],
    [
      '(c) twelve months on the English pages, six on the Dutch',
      (r) => replaceInTexts(r, 'en', /past six months/g, 'past twelve months'),
      /instrument: names more than one reference period \(6 months, 12 months\)/,
    ],
    [
      '(d) "ketencollega\'s" for the defined word ketenpartner',
      (r) =>
        (question(r, 'autonomie_1').wording.medewerker = {
          nl: "Mijn leidinggevende laat mij zelf met ketencollega's een oplossing zoeken.",
          en: 'My manager lets me work out solutions with colleagues at chain partners myself.',
        }),
      /question "autonomie_1": wording\.medewerker\.nl says "ketencollega's"; the instrument's one word for another organisation one works with is "ketenpartner"/,
    ],
    [
      '(d) "chain colleagues" in the English wording',
      (r) =>
        (question(r, 'autonomie_1').wording.teammanager = {
          nl: "Ik laat mijn medewerkers zelf met collega's van ketenpartners een oplossing zoeken.",
          en: 'I let my staff work out solutions with chain colleagues themselves.',
        }),
      /question "autonomie_1": wording\.teammanager\.en says "chain colleagues"; .* "chain partner"/,
    ],
    [
      '(e) no page that says what a ketenpartner is',
      (r) => {
        replaceInTexts(r, 'nl', /Ketenpartner: [^.]*\.\s*/, '')
        replaceInTexts(r, 'en', /Chain partner: [^.]*\.\s*/, '')
      },
      /page "p_coaching": its text for role "medewerker" \(nl\) does not define "ketenpartner", which that role's items use/,
    ],
    [
      '(e) a definition on the Dutch pages only',
      (r) => replaceInTexts(r, 'en', /Chain partner: [^.]*\.\s*/, ''),
      /page "p_coaching": its text for role "medewerker" \(en\) does not define "chain partner"/,
    ],
    [
      '(f) a reverse-keyed item written as a negation rather than a polar opposite',
      (r) =>
        (question(r, 'autonomie_5').wording.medewerker = {
          nl: 'Wat ik met een ketenpartner oppak, laat mijn leidinggevende niet aan mij over.',
          en: "My manager doesn't leave it to me to follow through on what I take up with a chain partner.",
        }),
      /question "autonomie_5": wording\.medewerker\.nl is reverse-keyed and says "niet"; a reverse-keyed item is the polar opposite of a behaviour/,
    ],
    [
      '(g) an inner state said with "is tevreden over", which the verb list had not held',
      (r) =>
        (question(r, 'steun_2').wording.medewerker = {
          nl: 'Mijn leidinggevende is tevreden over de oplossingen die ik met ketenpartners afspreek.',
          en: 'My manager backs the solutions I arrange with chain partners.',
        }),
      /question "steun_2": wording\.medewerker\.nl uses "is tevreden", an inner state of "teammanager" that role "medewerker" cannot observe/,
    ],
    [
      '(g) an inner state in the English wording only, "is pleased with"',
      (r) =>
        (question(r, 'steun_2').wording.medewerker = {
          nl: 'Mijn leidinggevende staat achter de oplossingen die ik met ketenpartners afspreek.',
          en: 'My manager is pleased with the solutions I arrange with chain partners.',
        }),
      /question "steun_2": wording\.medewerker\.en uses "is pleased"/,
    ],
  ]
  for (const [what, breakIt, message] of cases) {
    it(`refuses ${what}`, () => {
      const raw = copyLatest()
      raw.version = LATEST.version + 1
      expect(() => parseInstrument(raw)).not.toThrow()
      breakIt(raw)
      expect(() => parseInstrument(raw)).toThrow(InstrumentError)
      expect(() => parseInstrument(raw)).toThrow(message)
    })
  }
})

describe('the item and first-page rules hold from the version that introduced them', () => {
  const [v1, v2, v3, v4, v5] = [shipped, shippedV2, shippedV3, shippedV4, shippedV5].map((f) => parseInstrument(f))

  it("find version 1's faults, which it keeps under rule set 1", () => {
    // Its first: "ketenzaak"; loslaten_1's "elke ketenkwestie" and output_1's ", en laat" come later.
    expect(statementFault(v1!)).toMatch(/^question "coaching_4": wording\.medewerker\.nl says "ketenzaak"/)
    expect(referencePeriodFault(v1!)).toMatch(
      /^page "p_coaching": its text for role "medewerker" \(nl\) names no reference period/,
    )
    expect(v1!.rules).toBe(1)
  })

  it('pass versions 2 to 5 as released; version 2 did not yet define ketenpartner for tactical managers (rule set 3)', () => {
    for (const ins of [v2, v3, v4, v5]) {
      expect(statementFault(ins!), `version ${ins!.version}`).toBeUndefined()
      expect(referencePeriodFault(ins!), `version ${ins!.version}`).toBeUndefined()
    }
    for (const ins of [v3, v4, v5]) expect(partnerDefinitionFault(ins!), `version ${ins!.version}`).toBeUndefined()
    expect(partnerDefinitionFault(v2!)).toMatch(
      /^page "p_ketensamenwerking": its text for role "tactisch" \(nl\) does not define "ketenpartner"/,
    )
  })

  it('match whole words, so that the wordings of versions 2 to 5 pass', () => {
    expect(absoluteIn('Alleen mijn leidinggevende beslist.', 'nl')).toBe('alleen')
    expect(absoluteIn('Wij helpen elkaar; een alleenstaande ouder.', 'nl')).toBeUndefined()
    expect(absoluteIn('My manager is available when I need to talk something through.', 'en')).toBeUndefined()
    expect(joinedStatement('Hij maakt het duidelijk,  en laat het aan mij.', 'nl')).toBe(', en')
    expect(
      joinedStatement('… waarom ik over het ene zelf mag beslissen en over het andere niet.', 'nl'),
    ).toBeUndefined()
    expect(joinedStatement('Hij noemt, enkele keren, een doel.', 'nl')).toBeUndefined()
    expect(joinedStatement('… why I may decide some things myself and not others.', 'en')).toBeUndefined()
    expect(chainWordIn("Ik werk met collega's van ketenpartners en met een ketenpartner.", 'nl')).toBeUndefined()
    expect(chainWordIn('… voor de klanten van de keten.', 'nl')).toBe('keten')
    expect(chainWordIn("… for the chain's clients.", 'en')).toBe("chain's")
    expect(chainWordIn('… with chain partners and a chain partner.', 'en')).toBeUndefined()
  })
})

describe('a trend compares the current version with an edited copy only where the copy asks the same', () => {
  const latest = parseInstrument(LATEST)
  const all = latest.dimensions.map((d) => d.key)
  /** `edit` applied to a copy of the current version renumbered as the next one, compared with it. */
  const comparableAfter = (edit: (raw: RawV2) => void) => {
    const raw = copyLatest()
    raw.version = LATEST.version + 1
    edit(raw)
    return [...comparableDimensions(latest, parseInstrument(raw))].sort()
  }

  it('compares every dimension with an unchanged copy', () => {
    expect(comparableAfter(() => {})).toEqual([...all].sort())
  })

  it('compares nothing when the reference period changed from six months to twelve', () => {
    // The guide names the period too, and a file naming two periods is refused, so a copy changes both.
    const twelve = comparableAfter((r) => {
      for (const t of [...pageTexts(r), r.scale.guide!]) {
        t.nl = t.nl.replace(/zes maanden/g, 'twaalf maanden')
        t.en = t.en.replace(/six months/g, 'twelve months')
      }
    })
    expect(twelve).toEqual([])
  })

  it('compares nothing when minAnswered changed, and everything when it is the same share written otherwise', () => {
    expect(comparableAfter((r) => (r.minAnswered = { numerator: 3, denominator: 4 }))).toEqual([])
    expect(comparableAfter((r) => (r.minAnswered = { numerator: 4, denominator: 6 }))).toEqual([...all].sort())
  })

  it("drops the dimensions staff rate when staff's first page defines ketenpartner otherwise; the managers' own stay", () => {
    const redefined = comparableAfter((r) => {
      const staff = r.survey.pages[0]!.descriptionFor!.medewerker!
      staff.nl = staff.nl.replace(/, niet uw eigen organisatie\./, ', ook een ander team van uw eigen organisatie.')
      staff.en = staff.en.replace(/, never your own organisation\./, ', or another team of your own organisation.')
    })
    const staffRate = new Set(latest.dimensions.filter((d) => d.raters?.medewerker).map((d) => d.key))
    expect(staffRate.size).toBeGreaterThan(0)
    expect(redefined).toEqual(all.filter((k) => !staffRate.has(k)).sort())
    expect(redefined).toContain('luisteren_bewaken')
  })

  it("drops only the dimension whose page text changed, where that page is no role's first", () => {
    const page = LATEST.survey.pages.find((p) => p.name === 'p_omslag')!
    expect(page.description).toBeDefined()
    const changed = comparableAfter((r) => {
      const t = r.survey.pages.find((p) => p.name === 'p_omslag')!.description!
      t.nl = t.nl.replace('Deze vragen gaan over', 'Deze vragen betreffen')
    })
    expect(changed).toEqual(all.filter((k) => k !== 'omslag').sort())
  })
})
