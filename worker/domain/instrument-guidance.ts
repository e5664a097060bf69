import type { Instrument, Role, Text } from '../../schema/instrument.ts'
import { ROLES } from '../../schema/instrument.ts'
import { LANGS } from '../../schema/format.ts'
import { negationsIn, wholeWords } from './instrument-wording.ts'

/**
 * Rule set 5: the scale's short guide (`scale.pageReminder`) says, in each language, what the
 * midpoint means, that what could have happened but never did is answered below it, and that
 * "weet ik niet / n.v.t." is for what one cannot judge: it quotes the midpoint's label, each label
 * below it and the don't-know label, as the respondent sees them ('Oneens'), and never tells the
 * respondent not to choose the don't-know option (`dontKnowAdvisedAgainst`). And every page carries
 * it, in the text each role asked a question on the page is shown (`descriptionFor` for that role,
 * else `description`).
 *
 * Version 4 gave what "did not happen" is answered with once, in the survey's intro; its pages
 * repeated only the midpoint. Staff then chose "n.v.t." for a manager who never does something,
 * which drops the low answers from the score and lifts it (the psychometric review of version 4).
 * Version 5's first draft then put on every page "Gebeurt het nooit? Kies dan niet 'Weet ik niet /
 * n.v.t.'": "het" read as the situation too, so a respondent who never met the situation was told
 * to disagree, against the intro's guide (the psychometric review of version 5).
 * The first fault in words, or undefined.
 */
export function pageReminderFault(ins: Instrument): string | undefined {
  const reminder = ins.scale.pageReminder
  if (!reminder)
    return "scale.pageReminder: missing; give the guide in brief, which every page carries: what the midpoint means, that what could have happened but never did is answered with disagreement and what one cannot judge with don't-know, e.g. { \"nl\": \"'Niet eens, niet oneens': klopt deels. Had het kunnen gebeuren, maar gebeurde het nooit? Kies 'Oneens' of 'Helemaal oneens'. Kunt u het niet beoordelen? Kies 'Weet ik niet / n.v.t.'.\", \"en\": \"…\" }"
  const labels = ins.scale.labels
  const mid = labels.length % 2 === 1 ? (labels.length - 1) / 2 : undefined
  const quoted = (lang: keyof Text) => [
    ...(mid === undefined ? [] : [labels[mid]![lang]]),
    ...labels.slice(0, mid ?? labels.length / 2).map((l) => l[lang]),
    ins.scale.dontKnow.label[lang],
  ]
  for (const lang of LANGS) {
    const missing = quoted(lang).find((label) => !reminder[lang].includes(`'${label}'`))
    if (missing !== undefined)
      return `scale.pageReminder (${lang}): does not quote '${missing}'; the reminder names the midpoint, the options below it and the don't-know option as the respondent sees them, so that what could have happened but never did is answered below the midpoint and what one cannot judge with don't-know`
    const against = dontKnowAdvisedAgainst(
      reminder[lang],
      ins.scale.labels.map((l) => l[lang]),
      ins.scale.dontKnow.label[lang],
      lang,
    )
    if (against !== undefined)
      return `scale.pageReminder (${lang}): says "${against}" of '${ins.scale.dontKnow.label[lang]}'; the intro's guide keeps that option for what one cannot judge, so the reminder says when to choose it, not when to avoid it (a respondent who never met the situation would be told to disagree)`
  }
  for (const page of ins.survey.pages) {
    const asked = ROLES.filter((r) => page.elements.some((q) => q.wording[r] !== undefined))
    for (const role of asked as Role[]) {
      const text = page.descriptionFor?.[role] ?? page.description
      for (const lang of LANGS) {
        if (!text?.[lang].includes(reminder[lang]))
          return `page "${page.name}": its text for role "${role}" (${lang}) does not carry scale.pageReminder; every page repeats it, since a guide read once before the first question is not what a respondent has in mind pages later`
      }
    }
  }
  return undefined
}

/**
 * The negation in the sentence of `text` that quotes the don't-know label, with every quoted label
 * taken out first (the label "Weet ik niet" holds one itself), or undefined: "Kies dan niet 'Weet ik
 * niet / n.v.t.'", "…, not 'Don't know / not applicable'".
 */
function dontKnowAdvisedAgainst(
  text: string,
  labels: readonly string[],
  dontKnow: string,
  lang: keyof Text,
): string | undefined {
  let plain = text.split(`'${dontKnow}'`).join('\u0000')
  for (const label of labels) plain = plain.split(`'${label}'`).join(' ')
  const sentence = plain.split(/[.?!]+\s/).find((x) => x.includes('\u0000'))
  return sentence === undefined ? undefined : negationsIn(sentence, lang)[0]
}

/**
 * Rule set 5: words that make a level's behaviour line a degree or a count of something rather than
 * a behaviour. The results and the partner report print the next level's line as what it "asks of
 * a coaching manager" (worker/pages/report-page.tsx `NextLevelRow`); version 4's lines for levels 2
 * and 3 ("maar beperkt", "ten dele") read there as advice to do a little, or part, of something,
 * and version 5's draft lines ("een paar dingen", "één soort beslissing", "een eerste
 * werkafspraak") as a few things, or one thing once, which no item asks and no score shows.
 */
const LEVEL_HEDGES = {
  nl: [
    'maar beperkt',
    'ten dele',
    'gedeeltelijk',
    'een deel van',
    'nauwelijks',
    'enigszins',
    'soms',
    'een paar',
    'enkele',
    'vooral',
    'één',
    'een eerste',
    'eenmalig',
  ],
  en: [
    'to a limited extent',
    'in part',
    'partly',
    'some of',
    'hardly',
    'somewhat',
    'sometimes',
    'a few',
    'a couple of',
    'mostly',
    'a first',
    'a single',
    'one kind of',
    'once',
  ],
} as const satisfies Record<keyof Text, readonly string[]>

/** The first `LEVEL_HEDGES` phrase in `text`, or undefined (whole words, case ignored). */
export function levelHedge(text: string, lang: keyof Text): string | undefined {
  return LEVEL_HEDGES[lang].find((h) => wholeWords(h).test(text))
}

/**
 * Rule set 5: every behaviour line of a level above the lowest (`behaviour`, and `behaviourFor`
 * per role) names something a manager does, which the level below can start with: no degree
 * (`LEVEL_HEDGES`) and no negation (`negationsIn`), since "bemoeit zich niet met de details" says
 * what to stop, not what to do ("laat de details aan hen"). The lowest level is never shown as the
 * next one, so its lines may describe what is missing. The first fault in words, or undefined.
 */
export function levelAdviceFault(ins: Instrument): string | undefined {
  const lowest = Math.min(...ins.levels.map((l) => l.level))
  for (const l of ins.levels) {
    if (l.level === lowest) continue
    const lines = [
      ...Object.entries(l.behaviour).map(([key, t]) => ({ where: `behaviour.${key}`, t })),
      ...Object.entries(l.behaviourFor ?? {}).flatMap(([role, lines]) =>
        Object.entries(lines ?? {}).map(([key, t]) => ({ where: `behaviourFor.${role}.${key}`, t })),
      ),
    ]
    for (const { where, t } of lines) {
      for (const lang of LANGS) {
        const word = levelHedge(t[lang], lang) ?? negationsIn(t[lang], lang)[0]
        if (word)
          return `level ${l.level}: ${where} (${lang}) says "${word}"; a level's line is printed as what that level asks of a coaching manager, so name a behaviour to start with, not a degree of one or what to leave off`
      }
    }
  }
  return undefined
}
