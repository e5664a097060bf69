import { fill, isLang, LANGS, type Lang, pluralOf, sentenceStart } from '../../schema/format.ts'
import type { Role } from '../../schema/instrument.ts'
import type { AppShellScriptWords, SetupScriptWords, SurveyScriptWords } from '../../schema/page-data.ts'
import { en } from './en.ts'
import { wordingOf } from './errors.ts'
import { nl } from './nl.ts'

export type { Lang }

/** Where /app remembers the reader's language choice (`rememberLang` in worker/http/page-reader.tsx sets it). */
export const LANG_COOKIE = 'kr_lang'
export type Messages = typeof nl
export const messages: Record<Lang, Messages> = { nl, en }

/**
 * The levels a "not yet clear" score's shown interval spans, in words: "(tussen niveau 2 en 3)", or
 * "(binnen niveau 3)" where it lies in one band and the level is held back for another reason (a
 * programme of fewer than four shown partners names none from its interval). The heatmap and the CSV
 * say it alike.
 */
export function spanWords(t: Messages, span: readonly [number, number]): string {
  return span[0] === span[1]
    ? fill(t.heatmap_spanOne, { level: span[0] })
    : fill(t.heatmap_span, { from: span[0], to: span[1] })
}

/**
 * The mark beside a level named from MIN_N_FOR_LEVEL scores on whose interval still reaches
 * other levels (worker/domain/levels.ts `levelVerdict`, `marginReaches`): " (marge reikt tot niveau 3)".
 * Empty where it reaches none. The heatmap, the tables, the stand-outs, the report and the CSV all
 * print it, so no view names such a level as if its interval lay within its band.
 */
export function levelMarginWords(t: Messages, reaches: readonly number[]): string {
  if (reaches.length === 0) return ''
  return ` ${fill(t.levelMargin, { levels: reaches.join(t.levelsAnd) })}`
}

/** "A, B en C": names listed as the language joins a list (worker/pages/results-standouts.tsx `joined` does it for elements). */
export function listWords(t: Messages, parts: readonly string[]): string {
  return parts.length < 2 ? parts.join('') : `${parts.slice(0, -1).join(', ')} ${t.standouts_and} ${parts.at(-1)}`
}

/** A message that has a form for one (`<name>_one`) and for any other count (`<name>_other`). */
type CountedMessage = {
  [K in keyof Messages]: K extends `${infer Name}_one` ? (`${Name}_other` extends keyof Messages ? Name : never) : never
}[keyof Messages]

/**
 * "1 minuut", "9 minuten": the form of a counted message that the page's language uses for `n`,
 * with `{n}` and any other placeholders filled.
 */
export function countOf(
  t: Messages,
  lang: Lang,
  name: CountedMessage,
  n: number,
  values: Record<string, string | number> = {},
): string {
  const form = pluralOf(lang, n) === 'one' ? 'one' : 'other'
  return fill(t[`${name}_${form}`], { ...values, n })
}

/**
 * A role's name where a table's cell or column starts with it: the catalogue's label capitalised
 * ('Tactisch management'); within a sentence it is `role_<role>` as written ('voor UWV,
 * medewerker'). The setup page's tables had it both ways (a lead's walk-through); web/setup.ts
 * writes the links it shows, and their CSV, alike.
 */
export const roleAtStart = (t: Messages, role: Role): string => sentenceStart(t[`role_${role}`])

/** A pasted partner the programme has, with each headcount the paste gives otherwise than it had. */
type PastedPartner = {
  name: string
  differences: readonly { role: Role; stored: number | null; pasted: number }[]
}

/**
 * What a paste of partners did, as worker/services/partner-import.ts tells it: how many it added,
 * the partners whose headcounts it wrote, and the lines it skipped.
 */
type PasteOutcome = { added: number; updated: readonly PastedPartner[]; skipped: readonly PastedPartner[] }

/**
 * A paste's outcome in words, as the setup page shows it after the reload: "2 partners toegevoegd;
 * 3 aantallen bijgewerkt; 38 stonden er al en zijn overgeslagen.", then each partner whose
 * headcounts it wrote, from what to what, and each skipped partner whose headcounts the paste gives
 * otherwise, with both numbers and what the lead can do (a skipped line changes nothing, so a number
 * left unsaid would be lost without a word).
 */
export function pasteOutcomeIn(lang: Lang, outcome: PasteOutcome): string {
  const t = messages[lang]
  const { added, updated, skipped } = outcome
  const numbers = updated.reduce((n, u) => n + u.differences.length, 0)
  const done = [
    ...(added ? [countOf(t, lang, 'importAdded', added)] : []),
    ...(numbers ? [countOf(t, lang, 'importUpdated', numbers)] : []),
  ]
  const counts = !done.length
    ? countOf(t, lang, 'importNoneAdded', skipped.length)
    : `${sentenceStart([...done, ...(skipped.length ? [countOf(t, lang, 'importSkipped', skipped.length)] : [])].join('; '))}.`
  // Each headcount the paste gives otherwise, in the template for one the table had or had not.
  const listed = (differences: (typeof skipped)[number]['differences'], some: string, none: string) =>
    differences
      .map((d) =>
        fill(d.stored === null ? none : some, {
          stored: d.stored ?? '',
          role: t[`importRole_${d.role}`],
          pasted: d.pasted,
        }),
      )
      .join('; ')
  const changes = updated.map((u) =>
    fill(t.importUpdatedPartner, {
      partner: u.name,
      changes: listed(u.differences, t.importChange, t.importChangeNone),
    }),
  )
  const differing = skipped
    .filter((s) => s.differences.length)
    .map((s) =>
      fill(t.importDiffers, {
        partner: s.name,
        differences: listed(s.differences, t.importDifference, t.importDifferenceNone),
      }),
    )
  return [counts, ...changes, ...differing, ...(differing.length ? [t.importDiffersThen] : [])].join(' ')
}

/** The words the setup page's script (web/setup.ts) says, handed to it by the page in one language. */
export const setupWords = (t: Messages): SetupScriptWords => ({
  failed: t.setupFailed,
  checkFields: t.setupCheckFields,
  network: t.setupNetwork,
  saved: t.setupSaved,
  invitation: t.setupInvitation,
  none: t.setupNoLinks,
  skipped: t.setupSkipped,
  skippedBelowK_one: t.setupSkippedBelowK_one,
  skippedBelowK_other: t.setupSkippedBelowK_other,
  chooseNone: t.chooseNone,
  copied: t.copied,
  messageLabel: t.inviteMessageLabel,
  takeHeadcounts_one: t.importTakeHeadcounts_one,
  takeHeadcounts_other: t.importTakeHeadcounts_other,
})

/** The words the sign-in, password and acceptance forms' script (web/app-shell.ts) says, in one language. */
export const appShellWords = (t: Messages): AppShellScriptWords => ({
  signInFailed: t.signInFailed,
  signInThrottled: t.signInThrottled,
  passwordMismatch: t.passwordMismatch,
  passwordShort: t.passwordShort,
  passwordFailed: t.passwordFailed,
  acceptFailed: t.acceptFailed,
})

/**
 * The words the survey's script (web/survey.ts) says, handed to it by the page in the page's
 * language only; a refused submission's words are the refusal's own (worker/i18n/errors-nl.ts).
 */
export const surveyWords = (lang: Lang): SurveyScriptWords => surveyWordsIn(messages[lang], lang)
const surveyWordsIn = (t: Messages, lang: Lang): SurveyScriptWords => ({
  thanksHeading: t.thanksHeading,
  thanksBody: t.thanksBody,
  sending: t.sending,
  closedHeading: t.closedHeading,
  closedNow: t.closedNow,
  groupCompleteHeading: t.groupCompleteHeading,
  groupCompleteBody: wordingOf('group-complete', {}, lang),
  groupUncountedHeading: t.groupUncountedHeading,
  groupUncountedBody: wordingOf('group-uncounted', {}, lang),
  sendNoScores: t.sendNoScores,
  sendThrottled: t.sendThrottled,
  sendFailed: t.sendFailed,
  loadFailed: t.loadFailed,
  loadingSurvey: t.loadingSurvey,
  resumeNotice: t.resumeNotice,
  requiredAnswer: t.requiredAnswer,
})

/**
 * A language from an explicit choice (`?lang=` or the remembered one) first, then the browser's
 * Accept-Language, then `fallback`. worker/http/lang.ts (`langOf`) applies it to a request.
 */
export function pickLang(chosen: string | undefined, acceptLanguage: string | undefined, fallback: Lang = 'nl'): Lang {
  if (isLang(chosen)) return chosen
  return preferredLang(acceptLanguage) ?? fallback
}

/** The first of the page languages (`LANGS`) in an Accept-Language header, by weight; undefined when none is there. */
function preferredLang(acceptLanguage: string | undefined): Lang | undefined {
  const prefs = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';')
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='))
      return { tag: tag ?? '', q: q ? Number(q.slice(2)) || 0 : 1 }
    })
    .filter((p) => p.tag)
    .sort((a, b) => b.q - a.q)
  for (const { tag } of prefs) {
    const lang = LANGS.find((l) => tag.startsWith(l))
    if (lang) return lang
  }
  return undefined
}
