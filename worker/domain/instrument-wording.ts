import type { Instrument, RatedLevel, Role, ScoredQuestion, Text } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import { LANGS } from '../../schema/format.ts'
import { referencePeriodsIn } from './instrument-first-page.ts'

/**
 * Rule set 3: the words a conditional stem opens with ("Als ik …", "When a staff member …").
 * A scale whose items each open on a condition rests on the scenarios those conditions set up
 * rather than on the behaviour: the psychometric review of version 3 (README, "The instrument")
 * found three items across `coaching` and `ketensamenwerking` on one scenario ("a problem with a
 * partner I cannot solve"), so answers to them move together for the scenario's sake. A scale may
 * open one item per role on a condition; the others name the behaviour outright. Matched at the
 * start of the text as whole words, case ignored; a stem counts when either language opens so
 * (Dutch "Bij een probleem …" is English "When a problem …").
 */
export const CONDITIONAL_OPENERS = {
  nl: ['als', 'wanneer', 'zodra', 'indien', 'ook als', 'ook wanneer', 'telkens als'],
  en: ['when', 'whenever', 'if', 'once', 'even when', 'even if'],
} as const satisfies Record<keyof Text, readonly string[]>

/** `phrase` as a pattern of whole words, any run of spaces between them, case ignored. */
export function wholeWords(phrase: string): RegExp {
  const body = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s+')
  // A comma follows a word's last letter, so only a phrase that opens on a letter is held to a word's start.
  return new RegExp(`${/^\p{L}/u.test(phrase) ? '(?<![\\p{L}])' : ''}${body}(?![\\p{L}])`, 'iu')
}

/** The conditional opener `text` starts with, or undefined. */
export function conditionalOpener(text: string, lang: keyof Text): string | undefined {
  return CONDITIONAL_OPENERS[lang].find((w) =>
    new RegExp(`^\\s*${w.replace(/ /g, '\\s+')}(?![\\p{L}])`, 'iu').test(text),
  )
}

/** At most this many items per role and scale open on a condition (`CONDITIONAL_OPENERS`). */
const MAX_CONDITIONAL_STEMS = 1

/** The first scale with more than `MAX_CONDITIONAL_STEMS` conditional stems for one role, in words; or undefined. */
export function conditionalStemFault(ins: Instrument): string | undefined {
  const scored = ins.survey.pages.flatMap((p) => p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup'))
  for (const d of ins.dimensions) {
    for (const role of ROLES as readonly Role[]) {
      const conditional = scored.filter((q) => {
        const t = q.dimension === d.key ? q.wording[role] : undefined
        return t !== undefined && LANGS.some((lang) => conditionalOpener(t[lang], lang) !== undefined)
      })
      if (conditional.length > MAX_CONDITIONAL_STEMS) {
        return `dimension "${d.key}": role "${role}" has ${conditional.length} items that open on a condition (${conditional
          .map((q) => q.name)
          .join(
            ', ',
          )}); at most ${MAX_CONDITIONAL_STEMS} per scale, since items on the same scenario move together for the scenario's sake: name the behaviour outright in the others`
      }
    }
  }
  return undefined
}

/**
 * The reference period the instrument asks respondents to think of, in months ("Denk aan de
 * afgelopen zes maanden"), read from its Dutch texts so that the instrument file stays its one
 * home; null where it names none (version 1). A cadence shorter than it makes two waves ask about
 * overlapping months, so some behaviour is counted in both and a change between them reads smaller.
 */
export function referencePeriodMonths(ins: Instrument): number | null {
  const [months] = referencePeriodsIn(JSON.stringify(ins), 'nl')
  return months === undefined || Number.isNaN(months) ? null : months
}

/** Words written as one line, for a long list. */
const list = (words: string) => words.split(' ')

/**
 * Rule set 4: words a mirrored item may change between its wordings, left out of `mirrorWords`:
 * the persons (who rates, who is rated: "mijn leidinggevende" ↔ "ik", "my staff" ↔ "I"), the
 * words every item shares ("ketenpartner", "chain partner") and grammar words. What is left names
 * the behaviour.
 */
const MIRROR_STOP_WORDS = {
  nl: list(
    'de het een en of in op met van voor aan bij naar over uit tot als dan dat die dit wat wie hoe waar wanneer is zijn ben was heeft hebben heb wordt worden word kan kunnen mag mogen moet moeten zal ik mij me mijn wij we ons onze u uw hij zij ze hem haar hun hen zich zelf eerst ook niet nog om te er door zo waarom welk welke leidinggevende leidinggevenden medewerker medewerkers team teams teammanager teammanagers tactisch management ketenpartner ketenpartners',
  ),
  en: list(
    'the a an and or in on at with of for to from by about as than that this these those what who how where when even is are am was has have had be been being can may must will shall i me my we us our you your he she his her they them their themselves himself herself myself ourselves own first also not yet so too there do does did why which manager managers staff member members team teams tactical management it its chain partner partners',
  ),
} satisfies Record<keyof Text, readonly string[]>

/** A word's crude stem, so that one verb in two persons ("helpt" / "help", "asks" / "ask") counts once. */
const mirrorStem = (w: string, lang: keyof Text) =>
  (lang === 'nl'
    ? w.replace(/(en|t|d)$/, '').replace(/e$/, '')
    : w.replace(/(ing|ed|es|s)$/, '').replace(/e$/, '')
  ).slice(0, 5)

/** The stems of `text`'s content words (see `MIRROR_STOP_WORDS`). */
function mirrorWords(text: string, lang: keyof Text): Set<string> {
  const stop = new Set(MIRROR_STOP_WORDS[lang])
  return new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length > 1 && !stop.has(w))
      .map((w) => mirrorStem(w, lang)),
  )
}

/** How far two wordings share their content words: Dice's coefficient, 2·|A ∩ B| / (|A| + |B|), from 0 to 1. */
export function mirrorOverlap(a: string, b: string, lang: keyof Text): number {
  const x = mirrorWords(a, lang)
  const y = mirrorWords(b, lang)
  if (x.size + y.size === 0) return 1
  let shared = 0
  for (const w of x) if (y.has(w)) shared++
  return (2 * shared) / (x.size + y.size)
}

/**
 * Words that turn a statement into its opposite. Overlap leaves them out as grammar, so "Ik laat
 * mijn medewerkers niet zelf … zoeken" shared every word with its mirror "… laat mij zelf … zoeken"
 * (a psychometric review of version 4): the two wordings of a mirrored item must say it the same
 * way round, each with as many of these, in both parities.
 */
const NEGATIONS = {
  nl: list('niet geen nooit niemand niets nergens'),
  en: list("not no never nobody nothing nowhere don't doesn't didn't isn't aren't won't can't cannot"),
} satisfies Record<keyof Text, readonly string[]>

/** The `NEGATIONS` in `text`, in order (whole words, case ignored). */
export function negationsIn(text: string, lang: keyof Text): string[] {
  const words = new Set(NEGATIONS[lang])
  return text
    .toLowerCase()
    .split(/[^\p{L}']+/u)
    .filter((w) => words.has(w))
}

/** Whether `text` says its statement negated: an odd number of `NEGATIONS`. */
export function negated(text: string, lang: keyof Text): boolean {
  return negationsIn(text, lang).length % 2 === 1
}

/**
 * The least overlap (`mirrorOverlap`, in each language) of a mirrored item's two wordings. Every
 * other mirrored pair of versions 2 to 4 shares .67 or more (`luisteren_bewaken_1`, "ziet" / "zien"
 * and "sees" / "see"); version 3's `ketensamenwerking_5`, staff hearing back what the manager did
 * with a problem they raised against the team manager raising the team's problems with the
 * partner's manager, shares .33 (tests/worker/domain/instrument-rules.test.ts holds both).
 */
export const MIN_MIRROR_OVERLAP = 0.6

/**
 * Rule set 4: an item one role answers about another and that other answers about itself (staff
 * about their team manager and the team manager about themselves; team managers about the
 * tactical level and tactical managers about themselves) is one behaviour, worded for each rater:
 * the gap between the two (worker/domain/gap.ts) compares them as one. Version 3's
 * `ketensamenwerking_5` was two behaviours under one name. A validator cannot read meaning, so it
 * holds the two wordings to the same content words, persons aside; a reviewer still reads each pair.
 * The first item that fails, in words, or undefined.
 */
export function mirroredWordingFault(ins: Instrument): string | undefined {
  const scored = ins.survey.pages.flatMap((p) => p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup'))
  for (const d of ins.dimensions) {
    const raters = d.raters ?? {}
    for (const role of ROLES as readonly Role[]) {
      const about = raters[role]
      if (about === undefined || about === 'self' || raters[about] !== 'self') continue
      for (const q of scored.filter((x) => x.dimension === d.key)) {
        const rater = q.wording[role]
        const rated = q.wording[about]
        if (!rater || !rated) continue
        for (const lang of LANGS) {
          if (negated(rater[lang], lang) !== negated(rated[lang], lang))
            return `question "${q.name}": its "${role}" wording (${lang}) says ${negated(rater[lang], lang) ? 'the opposite (negated)' : 'it plainly'} where its "${about}" wording ${negated(rated[lang], lang) ? 'negates it' : 'does not'}; one item name is one behaviour, said the same way round for each rater`
          const overlap = mirrorOverlap(rater[lang], rated[lang], lang)
          if (overlap < MIN_MIRROR_OVERLAP)
            return `question "${q.name}": its "${role}" and "${about}" wordings (${lang}) share ${overlap.toFixed(2)} of their words, below ${MIN_MIRROR_OVERLAP}; one item name is one behaviour, worded for each rater, so the gap compares like with like: word both the same, or give each behaviour its own item`
        }
      }
    }
  }
  return undefined
}

/**
 * Rule set 5: the words by which a rater speaks of itself, one person or a group, with the phrase
 * naming whom it rates taken out first ("mijn leidinggevende" is in every staff item). Version 4's
 * staff items said "mij" on most pages and "ons" on some (`kader_3` "welk resultaat wij …",
 * `kader_4` "ons werk", `ketensamenwerking_3` "geeft ons tijd"): a respondent then rates how the
 * manager treats them on one item and the team on the next, two referents whose scores differ, on
 * one scale.
 */
const REFERENTS = {
  nl: {
    rated: /\bmijn\s+leidinggevende\b/giu,
    one: list('ik mij me mijn mezelf mijzelf'),
    group: list('wij we ons onze'),
  },
  en: { rated: /\bmy\s+manager\b/giu, one: list('i me my myself mine'), group: list('we us our ours ourselves') },
} satisfies Record<keyof Text, { rated: RegExp; one: readonly string[]; group: readonly string[] }>

/** Whether `text` speaks of its rater as a group ("ons"), as one person ("mij"), or neither. */
export function referentOf(text: string, lang: keyof Text): 'group' | 'one' | undefined {
  const r = REFERENTS[lang]
  const words = text
    .replace(r.rated, ' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
  if (words.some((w) => r.group.includes(w))) return 'group'
  if (words.some((w) => r.one.includes(w))) return 'one'
  return undefined
}

/**
 * Rule set 5: a role that rates someone else speaks of itself the same way on every item of a
 * scale, as one person or as a group, in each language (`referentOf`). The first scale that mixes
 * them, in words, or undefined. A self-rating is left out: "ik" is its subject throughout.
 */
export function referentFault(ins: Instrument): string | undefined {
  const scored = ins.survey.pages.flatMap((p) => p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup'))
  for (const d of ins.dimensions) {
    for (const [role, about] of Object.entries(d.raters ?? {}) as [Role, RatedLevel][]) {
      if (about === 'self') continue
      for (const lang of LANGS) {
        const items = scored.filter((q) => q.dimension === d.key && q.wording[role] !== undefined)
        const of = (ref: 'group' | 'one') =>
          items.filter((q) => referentOf(q.wording[role]![lang], lang) === ref).map((q) => q.name)
        const [one, group] = [of('one'), of('group')]
        if (one.length > 0 && group.length > 0)
          return `dimension "${d.key}": role "${role}" (${lang}) speaks of itself as one person in ${one.join(', ')} and as a group in ${group.join(', ')}; one referent per scale, so every item asks about the same person or group: word them all as "${REFERENTS[lang].one[1]}" or all as "${REFERENTS[lang].group[2]}"`
      }
    }
  }
  return undefined
}
