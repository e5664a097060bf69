import { lastOpenDay, longDate } from '../../schema/format.ts'
import type { Role } from '../../schema/instrument.ts'
import type { SurveyScriptData } from '../../schema/page-data.ts'
import { countOf, messages, surveyWords, type Lang } from '../i18n/messages.ts'
import { asset } from '../assets.ts'
import { Layout, ScriptData } from './layout.tsx'
import { fill } from '../../schema/format.ts'

type SurveyPageData = {
  token: string
  lang: Lang
  k: number
  wave: string
  partner: string
  role: Role
  closesAt: string
  /** The SurveyJS JSON of the wave's instrument version and the role: cached by the browser per version. */
  instrumentUrl: string
  /** What the answers are given to, sent back with them: the submission is then stored without reading its link first. */
  answering: { instrument: string; version: number; role: Role }
  /** What the role is asked in this instrument version: questions and the pages they are on. */
  questions: number
  pages: number
  /** Whether some of the role's questions are about tactical management (a team manager from v2 on), not about themselves. */
  ratesTactical?: boolean
  /** How to answer, in the page's language, from the instrument file (`scale.guide`, version 4 on). */
  guide?: string
}

/**
 * Seconds a respondent takes per item, for the time the intro promises: 15 s to read a statement
 * and pick one of six answers on a phone, page turns included. The five-point scale with "don't
 * know" is answered by feel, not looked up, so this is on the generous side of what it takes.
 */
export const SECONDS_PER_ITEM = 15

/** Whole minutes, rounded up, so the promise is never shorter than it really takes. */
export const minutesFor = (questions: number) => Math.max(1, Math.ceil((questions * SECONDS_PER_ITEM) / 60))

/** The survey shell: intro and privacy statement in HTML, the questions in the SurveyJS island. */
export function SurveyPage(d: SurveyPageData) {
  const t = messages[d.lang]
  // The island's words in this page's language only: switching language reloads the page.
  const island: SurveyScriptData = { words: surveyWords(d.lang), k: d.k, answering: d.answering }
  return (
    <Layout
      lang={d.lang}
      title={t.surveyPageTitle}
      path={`/s/${d.token}`}
      scripts={[asset('survey.js')]}
      scriptPriority="low"
    >
      <section class="survey-intro" aria-labelledby="intro-heading">
        <h1 id="intro-heading">{t.surveyIntroHeading}</h1>
        <p class="survey-context">
          {fill(t.surveyFor, { wave: d.wave, partner: d.partner, role: t[`role_${d.role}`] })}
        </p>
        <p>
          {t[`surveySubject_${d.role}`]}
          {d.ratesTactical ? ` ${t.surveyAlsoTactical}` : ''}
        </p>
        <p>
          {fill(t.surveyLength, {
            questions: countOf(t, d.lang, 'countQuestions', d.questions),
            pages: countOf(t, d.lang, 'countPages', d.pages),
            minutes: countOf(t, d.lang, 'countMinutes', minutesFor(d.questions)),
          })}
        </p>
        <p>{fill(t.closesOn, { date: longDate(d.lang, lastOpenDay(d.closesAt)) })}</p>
        {d.guide ? (
          <>
            <h2>{t.surveyHowToAnswer}</h2>
            <p class="survey-guide">{d.guide}</p>
          </>
        ) : null}
        <h2>{t.privacyHeading}</h2>
        <p>{t.privacyPromise}</p>
        <ul>
          <li>{t.privacyStored}</li>
          <li>{t.privacyNotStored}</li>
          <li>{fill(t.privacyGroups, { k: d.k })}</li>
        </ul>
      </section>
      <noscript>
        <p class="notice">{t.scriptRequired}</p>
      </noscript>
      {/* SurveyJS's stylesheet is fetched by the island, so the intro above paints without waiting for it. */}
      <p>
        <button type="button" id="start-survey" hidden>
          {t.startSurvey}
        </button>
      </p>
      {/* Empty until a respondent comes back to a survey they began: a live region must exist before its text. */}
      <p id="survey-notice" class="survey-notice" role="status" aria-live="polite"></p>
      {/* data-preload: SurveyJS's chunks, fetched and compiled after first paint while the intro is read. */}
      <div
        id="survey"
        data-token={d.token}
        data-lang={d.lang}
        data-css={asset('survey.css')}
        data-preload={asset('preload:survey.js')}
        data-instrument={d.instrumentUrl}
      ></div>
      <ScriptData id="survey-data" data={island} />
    </Layout>
  )
}

/** A page for a link that cannot be answered: unknown, closed or not yet open. */
export function LinkProblemPage({
  lang,
  token,
  heading,
  body,
}: {
  lang: Lang
  token: string
  heading: string
  body: string
}) {
  return (
    <Layout lang={lang} title={heading} path={`/s/${token}`}>
      <h1>{heading}</h1>
      <p>{body}</p>
    </Layout>
  )
}
