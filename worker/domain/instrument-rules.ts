import {
  InstrumentFile,
  type Agreement,
  ROLES,
  type Instrument,
  type Question,
  type RatedLevel,
  type Role,
  type ScoredQuestion,
  type Text,
} from '../../schema/instrument.ts'
import { firstPageOf, pageTextFor, partnerDefinitionFault, referencePeriodFault } from './instrument-first-page.ts'
import { levelAdviceFault, pageReminderFault } from './instrument-guidance.ts'
import { observabilityFault } from './instrument-observability.ts'
import { statementFault } from './instrument-statements.ts'
import { conditionalStemFault, mirroredWordingFault, referentFault } from './instrument-wording.ts'

/** Why an instrument file was refused; the message names the question or field at fault. */
export class InstrumentError extends Error {}

/** Rule set 2: the fewest and most items a role may have in one dimension (see `checkRuleSet2`). */
const SCALE_ITEMS = { min: 4, max: 5 } as const
/** Rule set 2: the most reverse-keyed items in a whole file (see `checkRuleSet2`). */
const MAX_REVERSE_KEYED = 3

/**
 * The smallest `agreement.minGroupSize` a file may set. Justified by simulation in
 * tests/worker/domain/agreement-rule.test.ts (the mean item r_wg below .50): at n = 10 it catches
 * over 90% of groups split into two camps 2 points apart on four and on five items, where n = 5
 * catches too few and calls too many groups that agree (item SD about 0.9) split by chance.
 */
export const MIN_AGREEMENT_GROUP_SIZE = 10

/**
 * The smallest `minGroupSize` of the split rule (`"index": "band_split"`). From
 * tests/worker/domain/split-rule.test.ts: at 10 scores it calls one group in five whose item SD is
 * about 1.0 split; from 20 on under one in ten at every mean.
 */
export const MIN_SPLIT_GROUP_SIZE = 20

/** The agreement block's own rules: a threshold the mean item r_wg can take, from a group size where it is stable. */
function checkAgreement(a: Agreement): void {
  if (a.index === 'band_split') {
    if (!(a.flank > 0 && a.flank <= 0.5 && a.middle >= 0 && a.middle < a.flank))
      throw new InstrumentError(
        `agreement: flank ${a.flank} and middle ${a.middle} make no split; a split needs a share in (0, .5] on each side of a band and less than that in it`,
      )
    if (a.minGroupSize < MIN_SPLIT_GROUP_SIZE)
      throw new InstrumentError(
        `agreement: minGroupSize ${a.minGroupSize} is below ${MIN_SPLIT_GROUP_SIZE}; in smaller groups the split rule calls too many ordinary groups split by chance`,
      )
    return
  }
  if (!(a.threshold > 0 && a.threshold <= 1))
    throw new InstrumentError(
      `agreement: threshold ${a.threshold} is outside (0, 1]; the mean item r_wg runs from 0 (no more alike than random answers) to 1 (everyone the same), and below .50 is at most weak agreement`,
    )
  if (a.minGroupSize < MIN_AGREEMENT_GROUP_SIZE)
    throw new InstrumentError(
      `agreement: minGroupSize ${a.minGroupSize} is below ${MIN_AGREEMENT_GROUP_SIZE}; in smaller groups the agreement index calls too many groups that agree split by chance`,
    )
}

/**
 * Validates an instrument file: its shape (zod) and the rules zod cannot express — every item
 * maps to a known dimension, names are unique, free text is marked sensitive, score bands cover
 * the scale without gaps, every level describes every dimension. A file declaring `"rules": 2`
 * must also pass `checkRuleSet2`.
 */
export function parseInstrument(raw: unknown): Instrument {
  const parsed = InstrumentFile.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    throw new InstrumentError(`${locate(raw, issue.path)}: ${issue.message}`)
  }
  const ins = parsed.data
  const dimensionKeys = new Set<string>()
  for (const d of ins.dimensions) {
    if (dimensionKeys.has(d.key)) throw new InstrumentError(`dimension "${d.key}" is defined twice`)
    dimensionKeys.add(d.key)
  }
  if (ins.scale.max <= ins.scale.min) throw new InstrumentError('scale: max must be above min')
  if (ins.scale.labels.length !== ins.scale.max - ins.scale.min + 1) {
    throw new InstrumentError(
      `scale: needs one label per point (${ins.scale.max - ins.scale.min + 1}), has ${ins.scale.labels.length}`,
    )
  }

  const names = new Set<string>()
  const itemsPerDimension = new Map<string, number>()
  for (const page of ins.survey.pages) {
    if (names.has(page.name)) throw new InstrumentError(`page "${page.name}": the name is used twice`)
    names.add(page.name)
    for (const q of page.elements) {
      if (names.has(q.name)) throw new InstrumentError(`question "${q.name}": the name is used twice`)
      names.add(q.name)
      const asked = ROLES.filter((r) => q.wording[r] !== undefined)
      if (asked.length === 0) throw new InstrumentError(`question "${q.name}": has no wording for any role`)
      for (const r of asked) {
        if (!ins.roles.includes(r))
          throw new InstrumentError(
            `question "${q.name}": has wording for role "${r}", which the instrument does not list`,
          )
      }
      if (q.type === 'radiogroup') {
        if (!dimensionKeys.has(q.dimension)) {
          throw new InstrumentError(`question "${q.name}": maps to unknown dimension "${q.dimension}"`)
        }
        itemsPerDimension.set(q.dimension, (itemsPerDimension.get(q.dimension) ?? 0) + 1)
      } else if (q.sensitive !== true) {
        throw new InstrumentError(
          `question "${q.name}": free text is not allowed unless marked "sensitive": true (free text can identify a respondent)`,
        )
      }
    }
  }
  for (const key of dimensionKeys) {
    if (!itemsPerDimension.has(key)) throw new InstrumentError(`dimension "${key}": has no questions`)
  }

  const levels = [...ins.levels].sort((a, b) => a.from - b.from)
  levels.forEach((l, i) => {
    if (l.level !== i + 1)
      throw new InstrumentError(`levels: must be numbered 1…${levels.length} in order of their score bands`)
    if (l.to <= l.from) throw new InstrumentError(`level ${l.level}: band ${l.from}–${l.to} is empty`)
    const next = levels[i + 1]
    if (next && next.from !== l.to) {
      throw new InstrumentError(
        `levels: score bands do not cover the scale: level ${l.level} ends at ${l.to} but level ${next.level} starts at ${next.from}`,
      )
    }
    for (const key of dimensionKeys) {
      if (!l.behaviour[key])
        throw new InstrumentError(`level ${l.level}: missing behaviour description for dimension "${key}"`)
    }
    for (const key of Object.keys(l.behaviour)) {
      if (!dimensionKeys.has(key))
        throw new InstrumentError(`level ${l.level}: behaviour for unknown dimension "${key}"`)
    }
    for (const role of Object.keys({ ...l.descriptionFor, ...l.behaviourFor })) {
      if (!ins.roles.includes(role as Role))
        throw new InstrumentError(`level ${l.level}: has texts for role "${role}", which the instrument does not list`)
      for (const key of Object.keys(l.behaviourFor?.[role as Role] ?? {})) {
        if (!dimensionKeys.has(key))
          throw new InstrumentError(`level ${l.level}: behaviourFor.${role} names unknown dimension "${key}"`)
      }
    }
  })
  if (levels[0]!.from !== ins.scale.min || levels.at(-1)!.to !== ins.scale.max) {
    throw new InstrumentError(
      `levels: score bands do not cover the scale: they run from ${levels[0]!.from} to ${levels.at(-1)!.to}, the scale from ${ins.scale.min} to ${ins.scale.max}`,
    )
  }
  if (ins.dispersionCap && ins.dispersionCap.maxLevel > levels.length)
    throw new InstrumentError('dispersionCap: maxLevel is above the highest level')
  if (ins.dispersionCap && ins.agreement)
    throw new InstrumentError(
      'dispersionCap: a file sets either the agreement rule or the rule-set-1 dispersion cap, not both; drop "dispersionCap"',
    )
  if (ins.agreement) checkAgreement(ins.agreement)
  else if (!ins.dispersionCap)
    throw new InstrumentError(
      `agreement: missing; say when a group agrees too little for a level, e.g. { "index": "rwg_mean", "null": "uniform", "minGroupSize": ${MIN_AGREEMENT_GROUP_SIZE}, "threshold": 0.5 }`,
    )
  if (ins.minAnswered && ins.minAnswered.numerator > ins.minAnswered.denominator) {
    throw new InstrumentError(
      `minAnswered: ${ins.minAnswered.numerator}/${ins.minAnswered.denominator} is more than all items; use a fraction of at most 1`,
    )
  }
  if (ins.rules >= 2) checkRuleSet2(ins)
  if (ins.rules >= 3) checkRuleSet3(ins)
  if (ins.rules >= 4) checkRuleSet4(ins)
  if (ins.rules >= 5) checkRuleSet5(ins)
  return { ...ins, levels }
}

/**
 * The rules a file opts in to with `"rules": 2`. They are not applied to rule set 1 because a
 * version that waves have answered is frozen (its items are what its scores mean): version 1
 * breaks several of them and must still load for the waves that used it.
 *
 * - Every dimension says which roles rate it and about whom (`raters`), and no role is worded
 *   an item of a dimension it does not rate: a role rates only what it can observe.
 * - Each rater has SCALE_ITEMS.min–max items per dimension: with a mean inter-item correlation
 *   of .40, three items give α ≈ .67 and a score may rest on two; four give α ≈ .73.
 * - At most MAX_REVERSE_KEYED reverse-keyed items, and none in a self-rating: a few reversed
 *   items do not balance acquiescence but do add a method factor, and a reversed self-rating
 *   describes plainly bad conduct that nobody endorses about themselves.
 * - `minAnswered` is set and is at least two thirds, so no score rests on half its items.
 * - `agreement` replaces `dispersionCap`: an SD cap of 1.2 can never fire above a mean of 4.6 (the
 *   largest SD possible there) and caught a split team in about a third of cases.
 * - No item is an absolute or a frequency, two statements in one, a chain word other than
 *   *ketenpartner*, or a reverse-keyed negation (`statementFault`, worker/domain/instrument-statements.ts),
 *   and each role's first page names one reference period (`referencePeriodFault`,
 *   worker/domain/instrument-first-page.ts): version 1's item faults. Added to rule set 2 after
 *   version 2 was released, from a psychometric review that found an edited copy of version 5 passed them; versions
 *   2 to 5 pass them as released, so each holds from the version that introduced it.
 */
function checkRuleSet2(ins: Instrument): void {
  const scored = ins.survey.pages.flatMap((p) => p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup'))
  const reversed = scored.filter((q) => q.reverse)
  if (reversed.length > MAX_REVERSE_KEYED) {
    throw new InstrumentError(
      `instrument: has ${reversed.length} reverse-keyed items (${reversed.map((q) => q.name).join(', ')}); at most ${MAX_REVERSE_KEYED}, each the polar opposite of an item on the same scale`,
    )
  }
  for (const d of ins.dimensions) {
    const raters = Object.entries(d.raters ?? {}) as [Role, RatedLevel][]
    if (raters.length === 0) {
      throw new InstrumentError(
        `dimension "${d.key}": says nobody rates it; list under "raters" each role that can observe it and whom it rates, e.g. { "medewerker": "teammanager", "teammanager": "self" }`,
      )
    }
    for (const [role] of raters) {
      if (!ins.roles.includes(role))
        throw new InstrumentError(
          `dimension "${d.key}": raters lists role "${role}", which the instrument does not list`,
        )
    }
    const items = scored.filter((q) => q.dimension === d.key)
    for (const q of items) {
      for (const role of ROLES.filter((r) => q.wording[r] !== undefined)) {
        if (!d.raters![role]) {
          throw new InstrumentError(
            `question "${q.name}": has wording for role "${role}", but dimension "${d.key}" is rated only by ${raters.map(([r]) => `"${r}"`).join(', ')}; a role rates only what it can observe, so drop the wording or add the role to the dimension's raters`,
          )
        }
      }
      if (q.reverse) {
        const self = raters.filter(([r, about]) => about === 'self' && q.wording[r] !== undefined).map(([r]) => r)
        if (self.length > 0) {
          throw new InstrumentError(
            `question "${q.name}": is reverse-keyed in a self-rating (role "${self[0]}" rates itself on "${d.key}"); word it positively, or ask it only of roles that rate someone else`,
          )
        }
      }
    }
    for (const [role] of raters) {
      const n = items.filter((q) => q.wording[role] !== undefined).length
      if (n < SCALE_ITEMS.min || n > SCALE_ITEMS.max) {
        throw new InstrumentError(
          `dimension "${d.key}": role "${role}" is asked ${n} item${n === 1 ? '' : 's'}; a scale needs ${SCALE_ITEMS.min}–${SCALE_ITEMS.max} per role that rates it`,
        )
      }
    }
  }
  if (!ins.agreement)
    throw new InstrumentError(
      'dispersionCap: rule set 2 replaces the standard-deviation cap by the agreement rule; set "agreement" instead, e.g. { "index": "rwg_mean", "null": "uniform", "minGroupSize": 10, "threshold": 0.5 }',
    )
  const m = ins.minAnswered
  if (!m)
    throw new InstrumentError(
      'minAnswered: missing; set the share of a dimension\'s items that must be answered before it is scored, e.g. { "numerator": 2, "denominator": 3 }',
    )
  if (m.numerator * 3 < m.denominator * 2) {
    throw new InstrumentError(
      `minAnswered: ${m.numerator}/${m.denominator} is below two thirds; a score would rest on too few of its items`,
    )
  }
  const fault = statementFault(ins) ?? referencePeriodFault(ins)
  if (fault) throw new InstrumentError(fault)
}

/**
 * Rule set 3: each role rates only what it can see (`observabilityFault`,
 * worker/domain/instrument-observability.ts), a scale opens at most one item per role on a
 * condition (`conditionalStemFault`, worker/domain/instrument-wording.ts), and each role's first
 * page defines *ketenpartner* (`partnerDefinitionFault`, worker/domain/instrument-first-page.ts;
 * added after version 3's release, which it passes as released).
 */
function checkRuleSet3(ins: Instrument): void {
  const fault = observabilityFault(ins) ?? conditionalStemFault(ins) ?? partnerDefinitionFault(ins)
  if (fault) throw new InstrumentError(fault)
}

/**
 * Rule set 4 (version 4 on): an item asked of a rater and of the person it rates is one behaviour
 * in both wordings (`mirroredWordingFault`, worker/domain/instrument-wording.ts), and the scale
 * says how to answer (`scale.guide`: the midpoint's meaning, and what to pick when something did
 * not happen), since "soms wel, soms niet" on version 3's pages read as a frequency.
 */
function checkRuleSet4(ins: Instrument): void {
  if (!ins.scale.guide)
    throw new InstrumentError(
      'scale.guide: missing; say what the midpoint means on an agreement scale and which option to choose when something did not happen, e.g. { "nl": "\'Niet eens, niet oneens\': de uitspraak klopt voor een deel. …", "en": "…" }',
    )
  const fault = mirroredWordingFault(ins)
  if (fault) throw new InstrumentError(fault)
}

/**
 * Rule set 5 (version 5 on), from the psychometric review of version 4: every page carries the
 * guide in brief (`scale.pageReminder`: what never happens is answered with disagreement, not
 * "n.v.t."; `pageReminderFault`, worker/domain/instrument-guidance.ts); a rater speaks of itself
 * the same way on every item of a scale, as "mij" or as "ons" (`referentFault`,
 * worker/domain/instrument-wording.ts); and a level's behaviour lines above the lowest name a
 * behaviour to start with, since the report prints them as what the next level asks
 * (`levelAdviceFault`).
 */
function checkRuleSet5(ins: Instrument): void {
  const fault = pageReminderFault(ins) ?? referentFault(ins) ?? levelAdviceFault(ins)
  if (fault) throw new InstrumentError(fault)
}

/** Turns a zod path into words that name the question, e.g. `question "coaching_2", wording.medewerker.en`. */
function locate(raw: unknown, path: PropertyKey[]): string {
  const [a, b, pageIndex, c, qIndex, ...rest] = path
  if (a === 'survey' && b === 'pages' && typeof pageIndex === 'number') {
    const page = (raw as { survey?: { pages?: { name?: unknown; elements?: { name?: unknown }[] }[] } }).survey
      ?.pages?.[pageIndex]
    if (c === 'elements' && typeof qIndex === 'number') {
      const name = page?.elements?.[qIndex]?.name
      const where = rest.length ? `, ${rest.map(String).join('.')}` : ''
      return typeof name === 'string'
        ? `question "${name}"${where}`
        : `question ${qIndex + 1} of page ${pageIndex + 1}${where}`
    }
    return `page ${typeof page?.name === 'string' ? `"${page.name}"` : pageIndex + 1}${
      c === undefined
        ? ''
        : `, ${[c, qIndex, ...rest]
            .filter((x) => x !== undefined)
            .map(String)
            .join('.')}`
    }`
  }
  return path.length ? path.map(String).join('.') : 'instrument'
}

/** The scored questions a role is asked, in survey order. */
export function scoredQuestions(ins: Instrument, role: Role): ScoredQuestion[] {
  return ins.survey.pages.flatMap((p) =>
    p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup' && q.wording[role] !== undefined),
  )
}

/** Every question a role is asked, in survey order. */
export function questionsFor(ins: Instrument, role: Role): Question[] {
  return ins.survey.pages.flatMap((p) => p.elements.filter((q) => q.wording[role] !== undefined))
}

/** The dimensions a role has items for (tactical managers answer only the tactical ones). */
export function dimensionsFor(ins: Instrument, role: Role): string[] {
  const asked = new Set(scoredQuestions(ins, role).map((q) => q.dimension))
  return ins.dimensions.filter((d) => asked.has(d.key)).map((d) => d.key)
}

/**
 * SurveyJS reads a localizable string as `{ default, <locale> }`, and its own default locale is
 * English: with Dutch under `default`, `survey.locale = 'en'` would show the Dutch text.
 */
function loc(t: Text): Record<string, string> {
  return { default: t.en, en: t.en, nl: t.nl }
}

/**
 * Plain SurveyJS JSON for one role in both languages: only the pages and questions that role is
 * asked, with that role's wording. The respondent's browser switches language with `survey.locale`.
 */
export function surveyJsFor(ins: Instrument, role: Role): Record<string, unknown> {
  const choices = [
    ...ins.scale.labels.map((label, i) => ({ value: ins.scale.min + i, text: loc(label) })),
    { value: ins.scale.dontKnow.value, text: loc(ins.scale.dontKnow.label) },
  ]
  // A role's own page text where the file gives one (version 4 on). Versions 1–3 have none, and
  // their JSON stays the bytes it was (it is served cached as immutable, worker/routes/instrument-api.ts).
  const pages = ins.survey.pages
    .map((page) => ({ page, description: page.descriptionFor?.[role] ?? page.description }))
    .map(({ page, description }) => ({
      name: page.name,
      title: loc(page.title),
      ...(description ? { description: loc(description) } : {}),
      elements: page.elements
        .filter((q) => q.wording[role] !== undefined)
        .map((q) =>
          q.type === 'radiogroup'
            ? { type: 'radiogroup', name: q.name, title: loc(q.wording[role]!), isRequired: true, choices, colCount: 1 }
            : { type: q.type, name: q.name, title: loc(q.wording[role]!), isRequired: false },
        ),
    }))
    .filter((page) => page.elements.length > 0)
  return {
    title: loc(ins.title),
    showProgressBar: 'top',
    progressBarType: 'pages',
    showQuestionNumbers: 'off',
    questionErrorLocation: 'bottom',
    checkErrorsMode: 'onValueChanged',
    pages,
  }
}

/**
 * Dimensions whose items are the same in both versions (names, direction and wording), rated by
 * the same roles about the same level, and shown to each of those roles with the same page texts:
 * only these may be compared across waves, since an edited item is a new item. Nothing is
 * comparable when the answer scale changed (its points or their labels, e.g. a midpoint "neutral"
 * that became "neither agree nor disagree"), since every answer then meant something else; nor when
 * `minAnswered` changed, since a score then rests on another share of its items and is given to
 * other respondents. A changed reference period ("zes" to "twaalf maanden") is a change of every
 * role's first page below (the validator refuses a file that names two, `referencePeriodFault`), so
 * no dimension stays comparable: every item then asks about another stretch of time. A check of its
 * own could fail no test (a hostile review), so there is none.
 *
 * The page texts are a role's first page (where the reference period and the definitions of
 * *ketenpartner* and "mijn leidinggevende" are) and the pages holding the dimension's items (where
 * e.g. "tactisch management" is defined), with the intro's `description`. A validator cannot tell a
 * definition that changes what an item asks from a courtesy that does not, so any change to those
 * texts counts, as a word changed in an item does; a role's texts on pages without the dimension's
 * items do not.
 */
export function comparableDimensions(a: Instrument, b: Instrument): Set<string> {
  if (a === b) return new Set(a.dimensions.map((d) => d.key))
  if (JSON.stringify(a.scale) !== JSON.stringify(b.scale)) return new Set()
  const share = (ins: Instrument) => ins.minAnswered ?? { numerator: 1, denominator: 2 }
  const [ma, mb] = [share(a), share(b)]
  if (ma.numerator * mb.denominator !== mb.numerator * ma.denominator) return new Set()
  const texts = (ins: Instrument, key: string) =>
    JSON.stringify([
      ins.description,
      ...Object.keys(ins.dimensions.find((d) => d.key === key)?.raters ?? {})
        .sort()
        .map((role) => {
          const r = role as Role
          const pages = ins.survey.pages.filter(
            (p) =>
              p === firstPageOf(ins, r) ||
              p.elements.some((q) => q.type === 'radiogroup' && q.dimension === key && q.wording[r] !== undefined),
          )
          return [role, pages.map((p) => pageTextFor(p, r) ?? null)]
        }),
    ])
  const raters = (ins: Instrument, key: string) =>
    JSON.stringify(Object.entries(ins.dimensions.find((d) => d.key === key)?.raters ?? {}).sort())
  const items = (ins: Instrument, key: string) =>
    JSON.stringify(
      ins.survey.pages
        .flatMap((p) => p.elements)
        .filter((q): q is ScoredQuestion => q.type === 'radiogroup' && q.dimension === key)
        .map((q) => [q.name, q.reverse, q.wording])
        .sort(),
    )
  return new Set(
    a.dimensions
      .map((d) => d.key)
      .filter(
        (key) =>
          b.dimensions.some((d) => d.key === key) &&
          items(a, key) === items(b, key) &&
          raters(a, key) === raters(b, key) &&
          texts(a, key) === texts(b, key),
      ),
  )
}
