import type { Instrument, Role, ScoredQuestion, Text } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import { LANGS } from '../../schema/format.ts'
import { negationsIn, wholeWords } from './instrument-wording.ts'

/**
 * Rule set 2: words that make an item an absolute or a frequency. On an agreement scale an
 * absolute ("beslist altijd elke kwestie zelf", version 1's `loslaten_1` "elke ketenkwestie") turns
 * one exception into a reason to disagree, so the answer says how strict the respondent reads the
 * word rather than how the manager behaves; a frequency ("regelmatig", version 1's `output_2`) asks
 * how often on a scale that asks how far one agrees. Matched as whole words, case ignored. No item of
 * versions 2 to 5 has one; version 1 has five (tests/worker/domain/instrument-rules.test.ts).
 */
const ABSOLUTES = {
  nl: [
    'altijd',
    'nooit',
    'steeds',
    'telkens',
    'elke',
    'elk',
    'iedere',
    'ieder',
    'alle',
    'alles',
    'alleen',
    'uitsluitend',
    'meteen',
    'direct',
    'onmiddellijk',
    'regelmatig',
    'vaak',
    'soms',
    'zelden',
    'meestal',
  ],
  en: [
    'always',
    'never',
    'every',
    'each',
    'all',
    'everything',
    'only',
    'immediately',
    'right away',
    'straight away',
    'regularly',
    'often',
    'sometimes',
    'seldom',
    'rarely',
    'usually',
  ],
} as const satisfies Record<keyof Text, readonly string[]>

/** The first `ABSOLUTES` word in `text`, or undefined (whole words, case ignored). */
export function absoluteIn(text: string, lang: keyof Text): string | undefined {
  return ABSOLUTES[lang].find((w) => wholeWords(w).test(text))
}

/**
 * Rule set 2: how an item joins a second statement to its first: a conjunction after a comma
 * (version 1's `output_1` "maakt duidelijk welk resultaat er … verwacht wordt, en laat de weg
 * ernaartoe aan ons"), or one that adds ("en ook", "and also", "as well as"). A respondent who agrees
 * with one half and not the other has no answer that says so. A plain "en" / "and" is left alone:
 * versions 2 to 5 join nouns with it ("de doelen van mijn organisatie en die van de samenwerking",
 * "over het ene … en over het andere niet"), which is one statement. So the rule finds the common
 * shape of two predicates, not every one; a reviewer still reads each item for two questions in one.
 */
const JOINED_STATEMENTS = {
  nl: [', en', ', maar', ', of', ', terwijl', 'en ook', 'en daarnaast', 'alsook', 'zowel'],
  en: [', and', ', but', ', or', ', while', 'and also', 'as well as', 'both'],
} as const satisfies Record<keyof Text, readonly string[]>

/** The first `JOINED_STATEMENTS` phrase in `text`, or undefined (case ignored; commas as written). */
export function joinedStatement(text: string, lang: keyof Text): string | undefined {
  return JOINED_STATEMENTS[lang].find((w) => wholeWords(w).test(text))
}

/**
 * Rule set 2: the instrument's one word for another organisation a respondent works with is
 * *ketenpartner*, "chain partner" (the code's `partner`), defined on each role's first page from rule
 * set 3 on (worker/domain/instrument-first-page.ts). Another chain word in an item ("ketencollega's",
 * "ketenkwestie", "de keten"; "chain colleagues", "the chain's clients") leaves the respondent to
 * guess whom it means: one's own colleagues who work in the chain, or the partners'. The first such
 * word in `text`, or undefined.
 */
export function chainWordIn(text: string, lang: keyof Text): string | undefined {
  const pattern =
    lang === 'nl'
      ? /(?<![\p{L}])keten(?!partners?(?![\p{L}]))[\p{L}']*/iu
      : /(?<![\p{L}])chain(?![- ]partners?(?![\p{L}]))(?:['’]s|[- ]\p{L}+)?/iu
  return pattern.exec(text)?.[0]
}

/**
 * Rule set 2 (version 2 on), the item faults of version 1 that a word list can find, in each
 * wording of each scored item, in both languages: an absolute or a frequency (`ABSOLUTES`), two
 * statements in one item (`JOINED_STATEMENTS`), a chain word other than *ketenpartner*
 * (`chainWordIn`), and a reverse-keyed item that is a negation ("laat … niet aan mij over") rather
 * than the polar opposite of a behaviour ("bemoeit zich met de details van mijn werk"): disagreeing
 * with a negation is a double negative, which respondents misread, and a negated item measures
 * reading care as much as the behaviour. The first fault in words, or undefined.
 */
export function statementFault(ins: Instrument): string | undefined {
  const scored = ins.survey.pages.flatMap((p) => p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup'))
  for (const q of scored) {
    for (const role of ROLES as readonly Role[]) {
      const text = q.wording[role]
      if (!text) continue
      for (const lang of LANGS) {
        const where = `question "${q.name}": wording.${role}.${lang}`
        const absolute = absoluteIn(text[lang], lang)
        if (absolute)
          return `${where} says "${absolute}", an absolute or a frequency; on an agreement scale one exception makes an absolute false, and a frequency asks how often rather than how far one agrees: name the behaviour without it`
        const joined = joinedStatement(text[lang], lang)
        if (joined)
          return `${where} joins two statements with "${joined}"; one item asks one thing, since a respondent who agrees with one half and not the other has no answer that says so: split it into two items, or drop one half`
        const chainWord = chainWordIn(text[lang], lang)
        if (chainWord)
          return `${where} says "${chainWord}"; the instrument's one word for another organisation one works with is ${lang === 'nl' ? '"ketenpartner"' : '"chain partner"'}, defined on each role's first page, so that every respondent means the same by it`
        const negation = q.reverse ? negationsIn(text[lang], lang)[0] : undefined
        if (negation)
          return `${where} is reverse-keyed and says "${negation}"; a reverse-keyed item is the polar opposite of a behaviour (e.g. "${lang === 'nl' ? 'bemoeit zich met de details van mijn werk' : 'meddles in the details of my work'}"), not its negation, which a disagreeing respondent must read as a double negative`
      }
    }
  }
  return undefined
}
