import type { Instrument, Role, ScoredQuestion, Text } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import { LANGS } from '../../schema/format.ts'

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

/** Dutch number words an instrument's reference period is written in ("de afgelopen zes maanden"). */
const DUTCH_MONTHS: Record<string, number> = { een: 1, twee: 2, drie: 3, vier: 4, zes: 6, negen: 9, twaalf: 12 }

/**
 * The reference period the instrument asks respondents to think of, in months ("Denk aan de
 * afgelopen zes maanden"), read from its Dutch texts so that the instrument file stays its one
 * home; null where it names none (version 1). A cadence shorter than it makes two waves ask about
 * overlapping months, so some behaviour is counted in both and a change between them reads smaller.
 */
export function referencePeriodMonths(ins: Instrument): number | null {
  const texts = JSON.stringify(ins)
  const m = /afgelopen\s+(\d+|[a-z]+)\s+maanden/i.exec(texts)
  if (!m) return null
  const word = m[1]!.toLowerCase()
  return /^\d+$/.test(word) ? Number(word) : (DUTCH_MONTHS[word] ?? null)
}
