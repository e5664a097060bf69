import { InstrumentFile, ROLES, type Instrument, type Question, type Role, type ScoredQuestion, type Text } from '../../schema/instrument.ts'

/** Why an instrument file was refused; the message names the question or field at fault. */
export class InstrumentError extends Error {}

/**
 * Validates an instrument file: its shape (zod) and the rules zod cannot express — every item
 * maps to a known dimension, names are unique, free text is marked sensitive, score bands cover
 * the scale without gaps, every level describes every dimension.
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
    throw new InstrumentError(`scale: needs one label per point (${ins.scale.max - ins.scale.min + 1}), has ${ins.scale.labels.length}`)
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
        if (!ins.roles.includes(r)) throw new InstrumentError(`question "${q.name}": has wording for role "${r}", which the instrument does not list`)
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
    if (l.level !== i + 1) throw new InstrumentError(`levels: must be numbered 1…${levels.length} in order of their score bands`)
    if (l.to <= l.from) throw new InstrumentError(`level ${l.level}: band ${l.from}–${l.to} is empty`)
    const next = levels[i + 1]
    if (next && next.from !== l.to) {
      throw new InstrumentError(`levels: score bands do not cover the scale: level ${l.level} ends at ${l.to} but level ${next.level} starts at ${next.from}`)
    }
    for (const key of dimensionKeys) {
      if (!l.behaviour[key]) throw new InstrumentError(`level ${l.level}: missing behaviour description for dimension "${key}"`)
    }
    for (const key of Object.keys(l.behaviour)) {
      if (!dimensionKeys.has(key)) throw new InstrumentError(`level ${l.level}: behaviour for unknown dimension "${key}"`)
    }
  })
  if (levels[0]!.from !== ins.scale.min || levels.at(-1)!.to !== ins.scale.max) {
    throw new InstrumentError(
      `levels: score bands do not cover the scale: they run from ${levels[0]!.from} to ${levels.at(-1)!.to}, the scale from ${ins.scale.min} to ${ins.scale.max}`,
    )
  }
  if (ins.dispersionCap.maxLevel > levels.length) throw new InstrumentError('dispersionCap: maxLevel is above the highest level')
  return { ...ins, levels }
}

/** Turns a zod path into words that name the question, e.g. `question "coaching_2", wording.medewerker.en`. */
function locate(raw: unknown, path: PropertyKey[]): string {
  const [a, b, pageIndex, c, qIndex, ...rest] = path
  if (a === 'survey' && b === 'pages' && typeof pageIndex === 'number') {
    const page = (raw as { survey?: { pages?: { name?: unknown; elements?: { name?: unknown }[] }[] } }).survey?.pages?.[pageIndex]
    if (c === 'elements' && typeof qIndex === 'number') {
      const name = page?.elements?.[qIndex]?.name
      const where = rest.length ? `, ${rest.map(String).join('.')}` : ''
      return typeof name === 'string' ? `question "${name}"${where}` : `question ${qIndex + 1} of page ${pageIndex + 1}${where}`
    }
    return `page ${typeof page?.name === 'string' ? `"${page.name}"` : pageIndex + 1}${c === undefined ? '' : `, ${[c, qIndex, ...rest].filter((x) => x !== undefined).map(String).join('.')}`}`
  }
  return path.length ? path.map(String).join('.') : 'instrument'
}

/** The scored questions a role is asked, in survey order. */
export function scoredQuestions(ins: Instrument, role: Role): ScoredQuestion[] {
  return ins.survey.pages.flatMap((p) => p.elements.filter((q): q is ScoredQuestion => q.type === 'radiogroup' && q.wording[role] !== undefined))
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
  const pages = ins.survey.pages
    .map((page) => ({
      name: page.name,
      title: loc(page.title),
      ...(page.description ? { description: loc(page.description) } : {}),
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
 * Dimensions whose items are the same in both versions (names, direction and wording): only
 * these may be compared across waves, since an edited item is a new item.
 */
export function comparableDimensions(a: Instrument, b: Instrument): Set<string> {
  if (a === b) return new Set(a.dimensions.map((d) => d.key))
  const items = (ins: Instrument, key: string) =>
    JSON.stringify(
      ins.survey.pages
        .flatMap((p) => p.elements)
        .filter((q): q is ScoredQuestion => q.type === 'radiogroup' && q.dimension === key)
        .map((q) => [q.name, q.reverse, q.wording])
        .sort(),
    )
  return new Set(a.dimensions.map((d) => d.key).filter((key) => b.dimensions.some((d) => d.key === key) && items(a, key) === items(b, key)))
}
