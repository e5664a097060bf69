import type { Instrument, Page, Role, Text } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import { LANGS } from '../../schema/format.ts'

/** Number words a reference period is written in ("de afgelopen zes maanden", "the past six months"). */
const MONTH_WORDS: Record<keyof Text, Record<string, number>> = {
  nl: { een: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, negen: 9, twaalf: 12, achttien: 18 },
  en: { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, nine: 9, twelve: 12, eighteen: 18 },
}

/** How a reference period is written: "afgelopen zes maanden", "past six months", "last 12 months". */
const PERIOD = {
  nl: /afgelopen\s+(\d+|\p{L}+)\s+maanden/giu,
  en: /(?:past|last)\s+(\d+|\p{L}+)\s+months/giu,
} satisfies Record<keyof Text, RegExp>

/** The reference periods `text` names, in months, in order; NaN for a number word not in `MONTH_WORDS`. */
export function referencePeriodsIn(text: string, lang: keyof Text): number[] {
  return [...text.matchAll(PERIOD[lang])].map(([, n]) => {
    const word = n!.toLowerCase()
    return /^\d+$/.test(word) ? Number(word) : (MONTH_WORDS[lang][word] ?? Number.NaN)
  })
}

/** The first page `role` is shown (the first with a question worded for it), or undefined. */
export function firstPageOf(ins: Instrument, role: Role): Page | undefined {
  return ins.survey.pages.find((p) => p.elements.some((q) => q.wording[role] !== undefined))
}

/** The text `role` is shown on `page`: its own (`descriptionFor`), else the page's. */
export const pageTextFor = (page: Page, role: Role): Text | undefined => page.descriptionFor?.[role] ?? page.description

/**
 * Rule set 2 (version 2 on): each role's first page names the months to think of, in each language,
 * and every period the file names is the same one. Version 1 named none, so each respondent rated
 * a stretch of time of their own choosing, and a change between waves could be a change in what
 * they recalled; two periods in one file ("zes maanden" on one page, "twaalf" on another, or six in
 * Dutch and twelve in English) ask two questions under one item. The first fault in words, or undefined.
 */
export function referencePeriodFault(ins: Instrument): string | undefined {
  const seen = new Set<number>()
  for (const role of ROLES.filter((r) => ins.roles.includes(r))) {
    const page = firstPageOf(ins, role)
    if (!page) continue
    for (const lang of LANGS) {
      const periods = referencePeriodsIn(pageTextFor(page, role)?.[lang] ?? '', lang)
      if (periods.length === 0)
        return `page "${page.name}": its text for role "${role}" (${lang}) names no reference period; the first page a role is shown says which months to think of (e.g. ${lang === 'nl' ? '"Denk aan de afgelopen zes maanden."' : '"Think of the past six months."'}), so that every respondent rates the same stretch of time`
    }
  }
  for (const lang of LANGS) {
    for (const months of referencePeriodsIn(JSON.stringify(ins), lang)) seen.add(months)
  }
  if (seen.size > 1 || [...seen].some(Number.isNaN))
    return `instrument: names more than one reference period (${[...seen].map((m) => (Number.isNaN(m) ? 'a number it cannot read' : `${m} months`)).join(', ')}); every text, in both languages, asks about the same months, written as a number or a number word (${Object.keys(MONTH_WORDS.nl).join(', ')})`
  return undefined
}

/**
 * How a definition of *ketenpartner* opens, in each language: "Ketenpartner: een andere
 * organisatie" (version 5), "Een ketenpartner is een andere organisatie" (versions 2 to 4), "Met een
 * ketenpartner bedoelen we een andere organisatie" (version 3's tactical page). It must say that a
 * partner is another organisation, which is what the word means in this instrument.
 */
const PARTNER_DEFINITION = {
  nl: /(?:(?:een\s+)?ketenpartner\s*(?::|is)|met\s+(?:een\s+)?ketenpartner\s+bedoelen\s+we)\s+een\s+andere\s+organisatie/iu,
  en: /(?:(?:a\s+)?chain\s+partner\s*(?::|is)|by\s+a\s+chain\s+partner\s+we\s+mean)\s+another\s+organi[sz]ation/iu,
} satisfies Record<keyof Text, RegExp>

/**
 * Rule set 3 (version 3 on): each role whose items speak of a *ketenpartner* is told on its first
 * page what one is (`PARTNER_DEFINITION`), in each language: the one word the items use for another
 * organisation in the chain (`chainWordIn`, worker/domain/instrument-statements.ts) means the same
 * to every respondent only where it is defined before the first item. Version 2 defined it for
 * staff and team managers but not on the tactical managers' first page. The first fault, or undefined.
 */
export function partnerDefinitionFault(ins: Instrument): string | undefined {
  for (const role of ROLES.filter((r) => ins.roles.includes(r))) {
    const page = firstPageOf(ins, role)
    if (!page) continue
    const speaksOfPartners = ins.survey.pages.some((p) =>
      p.elements.some((q) => /ketenpartner/i.test(q.wording[role]?.nl ?? '')),
    )
    if (!speaksOfPartners) continue
    for (const lang of LANGS) {
      if (!PARTNER_DEFINITION[lang].test(pageTextFor(page, role)?.[lang] ?? ''))
        return `page "${page.name}": its text for role "${role}" (${lang}) does not define ${lang === 'nl' ? '"ketenpartner"' : '"chain partner"'}, which that role's items use; the first page a role is shown says what one is, e.g. ${lang === 'nl' ? '"Ketenpartner: een andere organisatie waarmee u samen mensen helpt, niet uw eigen organisatie."' : '"Chain partner: another organisation you work with to help people, never your own organisation."'}`
    }
  }
  return undefined
}
