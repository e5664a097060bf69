import type { Instrument, RatedLevel, Role, ScoredQuestion, Text } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import { LANGS } from '../../schema/format.ts'
import { wholeWords } from './instrument-wording.ts'

/**
 * Rule set 3: verbs that name an inner state of the person rated (what they trust, value,
 * understand, believe, think or know) rather than something they do. Someone rating another
 * person can see only what that person does, so an other-rating must not use them; a self-rating
 * may. The forms are the third person singular, the form an item about someone else takes
 * ("mijn leidinggevende begrijpt", "my manager understands"), and English adds the plural form
 * after "they", the word the English items use for a manager. Dutch "weet" and "wil" are left
 * out: "ik weet", "ik wil" have the same form, and a rater's own knowing is theirs to report.
 * Matched as whole words, case ignored. The list is deliberately plain: it refuses words, not meanings, so an item that only
 * looks like one of these (e.g. "denkt mee") is reworded to the act a rater sees ("bespreekt").
 */
export const INNER_STATE_VERBS = {
  nl: [
    'vertrouwt erop',
    'vertrouwt',
    'waardeert',
    'begrijpt',
    'toetst',
    'vindt',
    'denkt',
    'gelooft',
    'beseft',
    'voelt',
  ],
  en: [
    'trusts',
    'values',
    'understands',
    'believes',
    'thinks',
    'knows',
    'realises',
    'realizes',
    'appreciates',
    'feels',
    'wants',
    'they trust',
    'they value',
    'they understand',
    'they believe',
    'they think',
    'they know',
    'they feel',
    'they want',
  ],
} as const satisfies Record<keyof Text, readonly string[]>

/**
 * Rule set 3: an inner state said with a verb and an adjective rather than one verb ("is tevreden
 * over", which a psychometric review found an edited copy of version 5 passed the verb list with), in the third person, both word
 * orders in Dutch ("is tevreden", "… dat zij tevreden is"), and English's plural after "they".
 */
const INNER_STATE_PHRASES = {
  nl: [
    ...['tevreden', 'ontevreden', 'blij', 'trots', 'overtuigd', 'bezorgd', 'teleurgesteld', 'geïnteresseerd'].flatMap(
      (state) => [`is ${state}`, `${state} is`],
    ),
    'heeft vertrouwen',
    'vertrouwen heeft',
    'hecht waarde',
    'hecht eraan',
    'maakt zich zorgen',
    'twijfelt',
    'wantrouwt',
    'hoopt',
  ],
  en: [
    ...[
      'satisfied',
      'dissatisfied',
      'happy',
      'pleased',
      'proud',
      'confident',
      'convinced',
      'worried',
      'disappointed',
      'interested',
    ].flatMap((state) => [`is ${state}`, `they are ${state}`]),
    'has confidence',
    'has faith',
    'cares',
    'doubts',
    'distrusts',
    'hopes',
    'likes',
    'they care',
    'they doubt',
    'they hope',
    'they like',
  ],
} as const satisfies Record<keyof Text, readonly string[]>

/** The first inner-state verb (`INNER_STATE_VERBS`) or phrase (`INNER_STATE_PHRASES`) in `text`, or undefined (whole words, case ignored). */
export function innerStateVerb(text: string, lang: keyof Text): string | undefined {
  return [...INNER_STATE_VERBS[lang], ...INNER_STATE_PHRASES[lang]].find((verb) => wholeWords(verb).test(text))
}

/**
 * The rules a file opts in to with `"rules": 3`, on top of rule set 2 (worker/domain/instrument-rules.ts
 * `parseInstrument`); the first fault in words that name the field or question, or undefined. Version 2 was published
 * under rule set 2 and breaks them (its team managers rate whether the tactical level
 * "begrijpt" and "toetst"), so they are not applied to it.
 *
 * - The file says whom each role can observe (`observes`), and a dimension's `raters` names for a
 *   role only a level that role observes: staff cannot see how their manager works with managers
 *   at the chain partners, nor anything of the tactical level.
 * - An item someone answers about another person names no inner state of that person
 *   (`INNER_STATE_VERBS`): a rater sees behaviour, not what the other understands or values.
 */
export function observabilityFault(ins: Instrument): string | undefined {
  const observes = ins.observes
  if (!observes)
    return 'observes: missing; say whom each role can see and so may rate, e.g. { "medewerker": ["teammanager"], "teammanager": ["self", "tactisch"], "tactisch": ["self"] }'
  for (const role of Object.keys(observes) as Role[]) {
    if (!ins.roles.includes(role)) return `observes: lists role "${role}", which the instrument does not list`
  }
  for (const d of ins.dimensions) {
    for (const [role, about] of Object.entries(d.raters ?? {}) as [Role, RatedLevel][]) {
      const seen = observes[role] ?? []
      if (!seen.includes(about)) {
        return `dimension "${d.key}": role "${role}" rates "${about}", which it cannot observe (observes.${role}: ${
          seen.length ? seen.map((s) => `"${s}"`).join(', ') : 'nothing'
        }); ask the role about a level it sees, or leave it out of this dimension`
      }
    }
  }
  const scored = ins.survey.pages.flatMap((p) => p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup'))
  for (const q of scored) {
    const raters = ins.dimensions.find((d) => d.key === q.dimension)?.raters ?? {}
    for (const role of ROLES) {
      const text = q.wording[role]
      const about = raters[role]
      if (!text || about === undefined || about === 'self') continue
      for (const lang of LANGS) {
        const verb = innerStateVerb(text[lang], lang)
        if (verb) {
          return `question "${q.name}": wording.${role}.${lang} uses "${verb}", an inner state of "${about}" that role "${role}" cannot observe; ask what "${about}" does instead`
        }
      }
    }
  }
  return undefined
}
