import type { Instrument, Role } from '../../schema/instrument.ts'
import {
  questionCellOf,
  questionInfoOf,
  type Part,
  type QuestionCell,
  type QuestionInfoSet,
  type QuestionShares,
} from '../domain/question-detail.ts'
import type { PublishedCell } from '../domain/publication.ts'
import { listWords, messages, type Lang, type Messages } from '../i18n/messages.ts'
import { fill, percent } from '../../schema/format.ts'
import type { Child } from 'hono/jsx'
import { asset } from '../assets.ts'
import { AppPage } from './app-frame.tsx'
import { Scroll, TitleOf, WrapAfter } from './layout.tsx'
import { NotAsked } from './results-tables.tsx'
import { fewestAnswered } from '../domain/scoring.ts'

/**
 * Question detail: per question of a dimension, who disagree, are neutral, agree or
 * said "don't know", as a stacked bar with the counts and percentages in text beside it (the
 * table is the text alternative; the bar repeats it for the eye and is hidden from screen
 * readers). A question hidden by its threshold shows why and no number at all.
 */

/** The scale points each part covers, e.g. "1–2", "3", "4–5" on a 1–5 scale; null for a part the scale has none of. */
function ranges(ins: QuestionInfoSet): { disagree: string; neutral: string | null; agree: string } {
  const { min, max } = ins.scale
  const mid = (min + max) / 2
  const span = (a: number, b: number) => (a === b ? String(a) : `${a}–${b}`)
  return {
    disagree: span(min, Math.ceil(mid) - 1),
    neutral: Number.isInteger(mid) ? String(mid) : null,
    agree: span(Math.floor(mid) + 1, max),
  }
}

const PARTS = ['disagree', 'neutral', 'agree', 'dontKnow'] as const
type PartKey = (typeof PARTS)[number]
/** A reverse-keyed question's bar from its undesired side: the red part at the left on every row. */
const REVERSED: readonly PartKey[] = ['agree', 'neutral', 'disagree', 'dontKnow']

function partLabel(t: Messages, ins: QuestionInfoSet, key: PartKey): string {
  const r = ranges(ins)
  if (key === 'dontKnow') return t['questions:dontKnow']
  const span = key === 'neutral' ? r.neutral : r[key]
  return `${t[`questions:${key}`]}${span ? ` (${span})` : ''}`
}

function PartCell({ part, lang }: { part: Part; lang: Lang }) {
  const pct = percent(lang)
  return (
    <td class="question-part">
      <span class="part-percent">{pct.format(part.percent / 100)}</span> <span class="muted">{`(${part.count})`}</span>
    </td>
  )
}

/**
 * The bar: four parts side by side, each as wide as its exact share (the printed percentages are
 * rounded one by one and need not add up to 100); each with its own colour and the column headers'
 * swatches. A question worded the other way round (`reverse`) swaps the colours of "disagree" and
 * "agree" and their places, so the red part is the undesired side, at the left, on every row; its
 * wording says so in text
 * (`questions:reverse`), since colour alone may not carry it.
 */
function Bar({ s, reverse }: { s: QuestionShares; reverse: boolean }) {
  const width = (k: PartKey) => `${Number(((s[k].count * 100) / s.n).toFixed(3))}%`
  return (
    <td class="question-bar-cell">
      <div class={reverse ? 'question-bar reverse' : 'question-bar'} aria-hidden="true">
        {(reverse ? REVERSED : PARTS)
          .filter((k) => s[k].count > 0)
          .map((k) => (
            <span class={`bar-part bar-${k}`} style={`width:${width(k)}`}></span>
          ))}
      </div>
    </td>
  )
}

function Head({ t, ins, first }: { t: Messages; ins: QuestionInfoSet; first: string }) {
  return (
    <thead>
      <tr>
        <th scope="col">{first}</th>
        {PARTS.filter((k) => k !== 'neutral' || ranges(ins).neutral !== null).map((k) => (
          <th scope="col">
            <span class={`swatch-part bar-${k}`} aria-hidden="true"></span> {partLabel(t, ins, k)}
          </th>
        ))}
        <th scope="col">{t['questions:answers']}</th>
        <th scope="col">{t['questions:bar']}</th>
      </tr>
    </thead>
  )
}

/** The cells of one row after its header: the parts, the number of answers and the bar; or why it shows none. */
function Cells({
  s,
  hidden,
  lang,
  ins,
  reverse,
}: {
  s: QuestionShares | null
  hidden: string
  lang: Lang
  ins: QuestionInfoSet
  reverse: boolean
}) {
  const parts = PARTS.filter((k) => k !== 'neutral' || ranges(ins).neutral !== null)
  if (!s)
    return (
      <td colspan={parts.length + 2} class="suppressed">
        {hidden}
      </td>
    )
  return (
    <>
      {parts.map((k) => (
        <PartCell part={s[k]} lang={lang} />
      ))}
      <td>{s.n}</td>
      <Bar s={s} reverse={reverse} />
    </>
  )
}

function QuestionWording({
  t,
  q,
  lang,
}: {
  t: Messages
  q: { wording: { nl: string; en: string }; reverse: boolean }
  lang: Lang
}) {
  return (
    <>
      {q.wording[lang]}
      {q.reverse ? <span class="question-reverse">{` (${t['questions:reverse']})`}</span> : null}
    </>
  )
}

type QuestionGroup = { label: string; cell: QuestionCell; hidden: string }

/**
 * One dimension's questions for several groups (the programme and each partner): per question a
 * row group headed by the question, one row per group. Why a row shows nothing: its group is
 * hidden (`hidden` of the group), or the question has fewer than k answers on the scale there.
 */
function QuestionTable({
  lang,
  ins,
  k,
  dimension,
  groups,
  caption,
  id,
}: {
  lang: Lang
  ins: QuestionInfoSet
  k: number
  dimension: string
  groups: QuestionGroup[]
  caption: string
  id: string
}) {
  const t = messages[lang]
  const questions = ins.questions.filter((q) => q.dimension === dimension)
  const cols = PARTS.filter((x) => x !== 'neutral' || ranges(ins).neutral !== null).length + 3
  return (
    <Scroll label={caption} class="questions-scroll">
      <table class="questions" id={id}>
        <caption>{caption}</caption>
        <Head t={t} ins={ins} first={t.partner} />
        {questions.map((q) => (
          <tbody>
            <tr class="question-row">
              <th scope="colgroup" colspan={cols}>
                {/* Kept in the box's view while the shares scroll sideways (web/results.css). */}
                <span class="question-text">
                  <QuestionWording t={t} q={q} lang={lang} />
                </span>
              </th>
            </tr>
            {groups.map((g) => (
              <tr>
                <th scope="row">
                  {/* After a slash, as the heatmap: "Belastingdienst/Toeslagen" ran over the counts on a phone. */}
                  <WrapAfter text={g.label} after={/\//} />
                </th>
                <Cells
                  s={g.cell ? (g.cell[q.name] ?? null) : null}
                  hidden={g.cell ? fill(t['questions:hidden'], { k }) : g.hidden}
                  lang={lang}
                  ins={ins}
                  reverse={q.reverse}
                />
              </tr>
            ))}
          </tbody>
        ))}
      </table>
    </Scroll>
  )
}

/**
 * The question detail of one group and dimension, one row per question: what the partner report
 * shows for a partner's weakest dimensions. `cell` is the group's published cell (the programme's
 * or a partner's, from the wave's publication); a cell hidden, or published before question
 * counts were kept, shows one sentence saying so.
 */
export function QuestionDetail({
  lang,
  ins,
  role,
  k,
  cell,
  dimension,
  caption,
  id,
}: {
  lang: Lang
  ins: Instrument
  role: Role
  k: number
  cell: PublishedCell | undefined
  dimension: string
  caption: string
  id: string
}) {
  const t = messages[lang]
  const info = questionInfoOf(ins, role)
  const shares = questionCellOf(ins, cell)
  if (!cell || cell.n === null) return <p class="notice">{fill(t.suppressed, { k })}</p>
  if (!shares) return <p class="notice">{t['questions:notAvailable']}</p>
  const asked = info.questions.filter((q) => q.dimension === dimension)
  // A dimension's questions are shown together or not at all (worker/domain/question-detail.ts):
  // hidden, one sentence says why, not the same words in every row (a lead's walk-through counted ten).
  if (asked.every((q) => !shares[q.name]))
    return (
      <p class="notice" id={`${id}-hidden`}>
        {fill(t['questions:allHidden'], { k, count: asked.length })}
      </p>
    )
  return (
    <Scroll label={caption}>
      <table class="questions" id={id}>
        <caption>{caption}</caption>
        <Head t={t} ins={info} first={t['questions:question']} />
        <tbody>
          {asked.map((q) => (
            <tr>
              <th scope="row">
                <QuestionWording t={t} q={q} lang={lang} />
              </th>
              <Cells
                s={shares[q.name] ?? null}
                hidden={fill(t['questions:hidden'], { k })}
                lang={lang}
                ins={info}
                reverse={q.reverse}
              />
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

type Detail = QuestionInfoSet & { available: boolean; programme: QuestionCell; partners: Record<string, QuestionCell> }

/** What a group's row of the question detail needs: the programme and each partner shown to this reader. */
type DetailOf = {
  lang: Lang
  k: number
  wave: string
  roleLabel: string
  detail: Detail
  partners: {
    id: string
    name: string
    suppressed: boolean
    hiddenBecause?: string | null
    scores?: Record<string, unknown> | null
  }[]
  programmeSuppressed: boolean
  /** The programme's shown scores: a dimension without one beside its shown questions is explained (`Unscored`). */
  programmeScores?: Record<string, unknown> | null
}

/** One dimension's questions for the programme and every partner shown: a dimension of the results page's section. */
export function DimensionQuestions({
  lang,
  k,
  wave,
  roleLabel,
  detail,
  partners,
  programmeSuppressed,
  programmeScores,
  dimension,
}: DetailOf & { dimension: { key: string; label: { nl: string; en: string } } }) {
  const t = messages[lang]
  // A shown group without question counts was counted (in part) before they were kept.
  const groups: QuestionGroup[] = [
    {
      label: t.programmeWhole,
      cell: detail.programme,
      hidden: programmeSuppressed ? fill(t.programmeHidden, { k }) : t['questions:groupNotAvailable'],
    },
    // A partner not asked in this role is named once under the table, not a row under every question.
    ...partners
      .filter((p) => p.hiddenBecause !== 'not-asked')
      .map((p) => ({
        label: p.name,
        cell: detail.partners[p.id] ?? null,
        hidden: p.suppressed ? fill(t.suppressed, { k }) : t['questions:groupNotAvailable'],
      })),
  ]
  // Groups whose questions are shown but whose dimension has no score: the scores table says "too few
  // answers" where the rows here count more than k, so the two-thirds rule is said beside them (a lead's review).
  const questions = detail.questions.filter((q) => q.dimension === dimension.key)
  const shownHere = (cell: QuestionCell) => cell !== null && questions.some((q) => cell[q.name])
  const unscored = [
    ...(shownHere(detail.programme) && programmeScores && !programmeScores[dimension.key] ? [t.programmeWhole] : []),
    ...partners
      .filter((p) => !p.suppressed && p.scores && !p.scores[dimension.key] && shownHere(detail.partners[p.id] ?? null))
      .map((p) => p.name),
  ]
  return (
    <>
      <QuestionTable
        lang={lang}
        ins={detail}
        k={k}
        dimension={dimension.key}
        groups={groups}
        caption={fill(t['questions:caption'], { dimension: dimension.label[lang], role: roleLabel, wave })}
        id={`questions-table-${dimension.key}`}
      />
      <NotAsked lang={lang} partners={partners} id={`questions-not-asked-${dimension.key}`} />
      {unscored.length > 0 ? (
        <p class="questions-unscored" id={`questions-unscored-${dimension.key}`}>
          {fill(t['questions:unscored'], {
            groups: listWords(t, unscored),
            dimension: dimension.label[lang],
            needed: fewestAnswered(detail.minAnswered, questions.length),
            asked: questions.length,
            k,
          })}
        </p>
      ) : null}
    </>
  )
}

/**
 * The results page's section: per dimension the role was asked, a <details> with its questions
 * for the programme and every partner shown to this reader. Closed by default: the detail is
 * one click away from the scores it explains. With `hrefOf`, a dimension holds only a link to its
 * questions (worker/routes/results-html.tsx), which web/results.ts loads into it when it is
 * opened: at 40 partners the tables were two thirds of the page's HTML and of its time to render
 * (BENCHMARKS.md, "One batch per read").
 */
export function QuestionSection({
  dimensions,
  hrefOf,
  ...of
}: Omit<DetailOf, 'detail'> & {
  dimensions: { key: string; label: { nl: string; en: string } }[]
  detail: Detail | null
  hrefOf?: (dimension: string) => string
}) {
  const { lang, k, wave, roleLabel, detail } = of
  const t = messages[lang]
  if (!detail) return null
  return (
    <section aria-labelledby="questions-heading" id="question-detail">
      <h2 id="questions-heading">
        <TitleOf title={t['questions:heading']} of={[roleLabel, wave]} />
      </h2>
      {detail.available ? (
        <>
          <p>{fill(t['questions:intro'], { k })}</p>
          {dimensions.map((dim) => (
            <details id={`questions-${dim.key}`} class="question-dimension">
              <summary>
                {fill(t['questions:summary'], {
                  dimension: dim.label[lang],
                  count: detail.questions.filter((q) => q.dimension === dim.key).length,
                })}
              </summary>
              {hrefOf ? (
                <>
                  <div
                    class="question-load"
                    data-src={hrefOf(dim.key)}
                    data-loading={t['questions:loading']}
                    data-failed={t['questions:failed']}
                    data-loaded={t['questions:loaded']}
                  >
                    <p>
                      <a href={hrefOf(dim.key)}>{fill(t['questions:open'], { dimension: dim.label[lang] })}</a>
                    </p>
                  </div>
                  {/* Beside the link, which makes way for the table, so it stays to say so; empty
                      until the table is asked for, since a live region must exist before its text. */}
                  <p class="question-status" role="status"></p>
                </>
              ) : (
                <DimensionQuestions {...of} detail={detail} dimension={dim} />
              )}
            </details>
          ))}
        </>
      ) : (
        <p class="notice" id="questions-not-available">
          {/* Every group hidden has no counts to show either: said as the rest of the view says it, not as
              "not kept when this wave ran", which the tactical view of a wave with full staff tables read (a lead's review). */}
          {of.programmeSuppressed && of.partners.every((p) => p.suppressed)
            ? fill(t['questions:noneShown'], { k })
            : t['questions:notAvailable']}
        </p>
      )}
    </section>
  )
}

/** A dimension's answers per question as a page of its own: where the results page's link leads without JavaScript. */
export function QuestionsPage({
  lang,
  programme,
  dimension,
  of,
  back,
  path,
  children,
}: {
  lang: Lang
  programme: string
  dimension: { key: string; label: { nl: string; en: string } }
  of: Pick<DetailOf, 'k' | 'wave' | 'roleLabel'>
  back: string
  /** This page's own address, for the language switch to keep it. */
  path: string
  children: Child
}) {
  const t = messages[lang]
  const title = `${t['questions:heading']}: ${dimension.label[lang]}`
  return (
    <AppPage lang={lang} title={`${title} · ${programme}`} path={path} styles={[asset('results.css')]}>
      <h1>
        <TitleOf title={title} of={[programme, of.roleLabel, of.wave]} />
      </h1>
      {/* Above the tables too: below them it was three tables away. */}
      <p>
        <a href={back}>{t['questions:back']}</a>
      </p>
      <p>{fill(t['questions:intro'], { k: of.k })}</p>
      {children}
      <p>
        <a href={back}>{t['questions:back']}</a>
      </p>
    </AppPage>
  )
}
