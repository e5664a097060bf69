/**
 * The data a server-rendered page hands its browser script as JSON in a `<script
 * type="application/json">`: one type, imported by the page that writes it (worker/pages/) and
 * the script that reads it (web/), so the two cannot drift apart. Types only.
 */
import type { Lang } from './format.ts'
import type { Role } from './instrument.ts'

/** The point shapes the charts use: names Chart.js draws (its `PointStyle`). */
export type PointName = 'circle' | 'cross' | 'crossRot' | 'rect' | 'rectRounded' | 'rectRot' | 'star' | 'triangle'

/** How one series looks, the same on the chart as on its swatch in the page. */
export type SeriesStyle = { colour: string; dash: number[]; point: PointName; width: number }

export type ChartSeries = { label: string; values: (number | null)[]; style: SeriesStyle }

/** `#results-data`: the results page's radar and trend chart (worker/pages/results-page.tsx → web/results.ts). */
export type ResultsScriptData = {
  lang: Lang
  /**
   * `chosen`: per series, whether the radar draws it at first (at most `max` lines; more chosen
   * draws small multiples). `title`: the lines an exported PNG carries above the chart.
   */
  radar: {
    labels: string[]
    series: ChartSeries[]
    levels: { level: number; from: number; to: number; shade: string }[]
    file: string
    chosen: boolean[]
    max: number
    title: string[]
  }
  /** `marks`: per wave, whether the change from the wave before is a meaningful rise or fall. */
  trend: {
    labels: string[]
    series: (ChartSeries & { marks: ('up' | 'down' | null)[] })[]
    file: string
    title: string[]
  }
  /** `off`: the legend's word for a line switched off; `multipleAlt`, `against`: a small multiple's name ({partner}, {programme}). */
  strings: {
    changeUp: string
    changeDown: string
    noScore: string
    off: string
    multipleAlt: string
    against: string
    /** A small multiple's line equal to the programme's on every axis (schema/radar-gaps.ts `sameLine`), `{programme}`. */
    sameAsProgramme: string
    /** The radar's text alternative, `{partners}` the lines drawn. */
    radarAlt: string
    /** The same with the programme's line among them, named apart: `{partners}`, `{programme}` (schema/radar-gaps.ts `radarAltText`). */
    radarAltProgramme: string
    /** After it, the partners whose line lies on the programme's: `{programme}`, `{list}`. */
    radarSameLines: string
    /** Under the radar, the chosen lines' axes without a point, `{list}` (schema/radar-gaps.ts). */
    radarGaps: string
  }
  /**
   * The heatmap's words as the script sorts it in place: the caption (`{sort}`), what the status
   * says once sorted (`{what}`, `{dir}`), the two directions, and the name of each sort key
   * (a header's `data-sort`).
   */
  heatmap: {
    caption: string
    sorted: string
    ascending: string
    descending: string
    names: Record<string, string>
    /** Each sort control's label by the order a press gives (worker/pages/results-standouts.tsx `sortControlLabel`). */
    controls: Record<string, { asc: string; desc: string }>
  }
}

/** `#survey-data`: the survey's strings in both languages, as a respondent may switch without a reload (worker/pages/survey-page.tsx → web/survey.ts). */
/** Every word the survey's script (web/survey.ts) says, by its key in the page catalogues (worker/i18n/nl.ts). */
export type SurveyScriptWords = Record<
  | 'thanksHeading'
  | 'thanksBody'
  | 'sending'
  | 'closedHeading'
  | 'closedNow'
  | 'groupCompleteHeading'
  | 'groupCompleteBody'
  | 'groupUncountedHeading'
  | 'groupUncountedBody'
  | 'sendNoScores'
  | 'sendThrottled'
  | 'sendFailed'
  | 'loadFailed'
  | 'loadingSurvey'
  | 'resumeNotice'
  | 'requiredAnswer',
  string
>

/**
 * What the survey page hands its script. The words are in the page's language only: the language
 * switch is a link that reloads the page with `?lang=` (and web/survey.ts reloads it in the
 * respondent's remembered language), so the script never says a word in the other one.
 */
export type SurveyScriptData = {
  words: SurveyScriptWords
  k: number
  /** What the questions are of, sent back with the answers: the Worker then stores them in one D1 round trip (worker/routes/survey-api.ts). */
  answering: { instrument: string; version: number; role: Role }
}

/** The words the setup page hands its script (web/setup.ts), in one language (`setupWords` in worker/i18n/messages.ts). */
export type SetupScriptWords = Record<
  | 'failed'
  | 'checkFields'
  | 'network'
  | 'saved'
  | 'invitation'
  | 'none'
  | 'skipped'
  | 'skippedBelowK_one'
  | 'skippedBelowK_other'
  | 'chooseNone'
  | 'copied'
  | 'messageLabel'
  | 'takeHeadcounts_one'
  | 'takeHeadcounts_other',
  string
>

/**
 * `#setup-data`: what a page that loads the setup script (web/setup.ts) hands it: its words, and
 * on the setup page (worker/pages/setup-page.tsx) what the links section and the wave forms need.
 * Each element keeps only its own wiring (`data-api`, `data-method`, `data-status`, …, the body a
 * button sends, `data-body`, typed by its API schema with `bodyFor`, worker/pages/layout.tsx) and
 * the question it asks before it acts (`data-confirm`), which names that element's own partner,
 * wave or person.
 */
export type SetupScriptData = {
  words: SetupScriptWords
  links?: SetupLinksData
  /**
   * Per open wave, by its id (a wave form's `data-closing`): the question asked before a change
   * closes it now, and the first last day that keeps it open, decided by the Worker beside
   * `waveState` (worker/domain/wave-lifecycle.ts, `firstDayKeptOpen`): an earlier one closes it.
   */
  closing?: Record<string, { confirm: string; keptOpenFrom: string }>
  /**
   * The messages to pass on with a one-time link (`{date}`, `{url}`), by the kind an element
   * names in `data-message` (`accept` whenever the link made is an acceptance).
   */
  messages?: Record<'invite' | 'reset' | 'accept', string>
}

/**
 * From this many partners the setup page offers a field to find a partner's rows and folds its
 * long lists (this wave's links, each new link, the reminders): at 40 partners it was 20,000 to
 * 47,000 px tall (a lead's walk-through). Read by worker/pages/setup-page.tsx and web/setup.ts.
 */
export const MANY_PARTNERS = 10

/** The links section of the setup page: names for the links the API answers with, and the words around them. */
export type SetupLinksData = {
  /** Partner names and role names by id, for the rows of new links and the groups skipped. */
  partners: Record<string, string>
  roles: Record<Role, string>
  /** The invitation each role is sent, with `{url}` for its link. */
  invitations: Record<Role, string>
  /** The CSV of the links shown: its file names (comma, and semicolon for Dutch Excel) and header row. */
  csv: { file: string; fileNl: string; head: string[] }
  /** The printed sheets: the wave, its last day, and the words on each sheet (`for`: {partner}, {role}). */
  sheets: { wave: string; until: string; scan: string; for: string }
  words: Record<
    'copy' | 'copied' | 'qr' | 'qrDownload' | 'qrAlt' | 'invite' | 'copiedAll' | 'copiedAllInvitations' | 'copyFailed',
    string
  >
}

/** Every word the sign-in, password and acceptance forms' script (web/app-shell.ts) says, by its key in worker/i18n/nl.ts. */
export type AppShellScriptWords = Record<
  'signInFailed' | 'signInThrottled' | 'passwordMismatch' | 'passwordShort' | 'passwordFailed' | 'acceptFailed',
  string
>

/**
 * `#app-shell-data`: what the sign-in and password-link pages (worker/pages/app-frame.tsx) hand
 * the app's own script, in the page's language. The forms keep only their wiring (`data-login`,
 * `data-next`, `data-password`, `data-email`, `data-accept`).
 */
export type AppShellScriptData = { words: AppShellScriptWords }

/**
 * Every typed block a page hands a script, by the block's element id: the one list that
 * `ScriptData` (worker/pages/layout.tsx) writes and `pageData` (web/page-data-reader.ts) reads.
 */
export type PageScripts = {
  'results-data': ResultsScriptData
  'survey-data': SurveyScriptData
  'setup-data': SetupScriptData
  'app-shell-data': AppShellScriptData
}
