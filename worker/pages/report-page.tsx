import { ROLES } from '../../schema/instrument.ts'
import { asset } from '../assets.ts'
import { MIN_OTHER_PARTNERS } from '../domain/gap.ts'
import { intervalLevels, marginReaches, shownDiff, shownInterval } from '../domain/levels.ts'
import type { Score } from '../domain/publication.ts'
import {
  countOf,
  listWords,
  messages,
  spanWords,
  type Lang,
  type Messages,
  levelMarginWords,
} from '../i18n/messages.ts'
import type { Report } from '../services/report-service.ts'
import { isOverdue } from '../domain/action-outcomes.ts'
import { ActionsSection } from './actions-section.tsx'
import { QuestionDetail } from './question-section.tsx'
import { AppPage } from './app-frame.tsx'
import { Scroll, RunningHeader } from './layout.tsx'
import { dayIn, dayOf, fill, firstOpenDay, lastDayIn, signed } from '../../schema/format.ts'
import { programmeStyle, seriesStyle } from './results-chart.ts'
import { decimal as fmt, percent } from '../../schema/format.ts'
import { gapLabel, hiddenWords, noGapWords, SelfRatingNotice, TrendTable } from './results-tables.tsx'
import { GapBasis, GapCells, gapWords, versusText } from './gap-words.tsx'
import { ReportRadar } from './report-radar.tsx'
import { levelShade, MIN_RADAR_AXES } from './results-chart.ts'
import { dimensionLabel } from './dimension-label.ts'
import type { Recordable } from '../services/action-service.ts'

/**
 * A partner's report: one printable document (A4, web/report.css) for that partner's management,
 * from the same publication as the dashboard. Every hidden cell says why; nothing is drawn for it.
 */

type Props = {
  lang: Lang
  r: Report
  path: string
  /** The partner's place among the partners the reader sees: its colour, as on the dashboard. */
  order: number
  /** Whether the reader may record and change this partner's actions. */
  canWrite: boolean
  /** The partner, when the reader may record an action on it for the wave shown (action-service.ts `recordableFor`); else none. */
  recordable?: Recordable[]
}

function LevelName({ lang, r, s }: { lang: Lang; r: Report; s: Score }) {
  // Where the group disagrees too much for a level (worker/domain/levels.ts levelVerdict), none is named.
  if (s.verdict.because === 'disagree') return <span class="level level-held">{messages[lang].levelDisagree}</span>
  // Where the data cannot tell the level yet, none is named either (publication.ts `Score.level`),
  // and which levels its margin spans, as the heatmap says: a reader checking 4,3 against the
  // legend's band 4,2–5,0 read level 5 (a lead's review).
  if (s.level === null) {
    const span = s.ci95 && intervalLevels(r.d.bands, s.ci95)
    const t = messages[lang]
    return (
      <span class="level level-unclear">
        {span && span[0] !== span[1] ? `${t.levelNotYetClear} ${spanWords(t, span)}` : t.levelNotYetClear}
      </span>
    )
  }
  const level = r.d.levels.find((l) => l.level === s.level)
  return (
    <span class={`level level-${s.level}`}>
      {`${s.level} ${level?.name[lang] ?? ''}${levelMarginWords(messages[lang], marginReaches(s.verdict))}`}
    </span>
  )
}

/** Why a cell shows nothing: too few answers, or (for the programme) no partner reaching k. */
function hiddenText(t: Messages, r: Report, programme = false): string {
  const cell = programme ? r.d.programme : r.cell
  return hiddenWords(t, { hiddenBecause: cell?.hiddenBecause ?? null }, r.d.k, programme)
}

function Scores({ lang, r }: { lang: Lang; r: Report }) {
  const t = messages[lang]
  const f = fmt(lang)
  const cell = r.cell!
  const prog = r.d.programme
  return (
    // Named by its caption, not by the section's heading: two regions of one name (axe landmark-unique).
    <Scroll label={fill(t.report_scoresCaption, { partner: r.partner.name, wave: r.d.wave.label })}>
      <table class="report-scores" id="report-scores">
        <caption>{fill(t.report_scoresCaption, { partner: r.partner.name, wave: r.d.wave.label })}</caption>
        <thead>
          <tr>
            <th scope="col">{t.dimension}</th>
            <th scope="col">{r.partner.name}</th>
            <th scope="col">{t.programmeWhole}</th>
            <th scope="col">{t.report_difference}</th>
          </tr>
        </thead>
        <tbody>
          {r.d.dimensions.map((dim) => {
            const s = cell.scores?.[dim.key] ?? null
            const p = prog.suppressed ? null : (prog.scores?.[dim.key] ?? null)
            return (
              <tr data-dimension={dim.key}>
                <th scope="row">
                  {dim.label[lang]}
                  {dim.radar ? null : <span class="muted">{` (${t.report_notOnRadar})`}</span>}
                </th>
                <td>
                  {s ? (
                    <>
                      <span class="mean">{f.format(s.mean)}</span> <LevelName lang={lang} r={r} s={s} />
                    </>
                  ) : (
                    <span class="muted">{t.tooFewForDimension}</span>
                  )}
                </td>
                <td>
                  {p ? (
                    <span class="mean">{f.format(p.mean)}</span>
                  ) : (
                    <span class="muted">{prog.suppressed ? hiddenText(t, r, true) : t.tooFewForDimension}</span>
                  )}
                </td>
                <td>{s && p ? signed(lang, shownDiff(s.mean, p.mean)) : '–'}</td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </Scroll>
  )
}

/**
 * The report in one line, first: on how many dimensions the partner's shown mean is above, below
 * or level with the programme's (the scores table's own differences, so a reader checks it there),
 * their range, and its actions over time. A management team read five pages for what this says
 * (a lead's review).
 */
function Summary({ lang, r }: { lang: Lang; r: Report }) {
  const t = messages[lang]
  const prog = r.d.programme
  if (!r.cell?.scores || prog.suppressed || !prog.scores) return null
  const diffs = r.d.dimensions.flatMap((dim) => {
    const s = r.cell!.scores![dim.key]
    const p = prog.scores![dim.key]
    return s && p ? [shownDiff(s.mean, p.mean)] : []
  })
  if (diffs.length === 0) return null
  const overdue = r.actions.filter((o) => isOverdue(o.action, dayOf(new Date()))).length
  const [min, max] = [Math.min(...diffs), Math.max(...diffs)]
  // Only the counts there are: "op 0 lager en op 0 gelijk" read as filler (a lead's review). The first
  // names the whole ("op 7 van de 10 dimensies hoger dan het programma als geheel"), the rest follow it.
  const counts = (
    [
      ['above', diffs.filter((x) => x > 0).length],
      ['below', diffs.filter((x) => x < 0).length],
      ['level', diffs.filter((x) => x === 0).length],
    ] as const
  ).filter(([, n]) => n > 0)
  const parts = counts.map(([kind, n], i) =>
    fill(i === 0 ? t[`report_summaryFirst_${kind}`] : t[`report_summaryRest_${kind}`], { n, count: diffs.length }),
  )
  const range =
    min === max ? signed(lang, min) : fill(t.report_summaryRange, { min: signed(lang, min), max: signed(lang, max) })
  // Every difference a tenth at most, not all of them none: "op 5 hoger … op 3 gelijk (−0,1 tot +0,1)"
  // read as a contradiction, and a tenth is no difference a management team should act on (a lead's review).
  const close = Math.max(...diffs.map(Math.abs)) <= 0.1 + 1e-9 && diffs.some((x) => x !== 0)
  const words = close
    ? fill(t.report_summaryClose, { partner: r.partner.name, count: diffs.length, range })
    : fill(t.report_summary, { partner: r.partner.name, parts: listWords(t, parts), range })
  return (
    <p class="report-summary" id="report-summary">
      {[
        words,
        ...movedWords(lang, r),
        ...(overdue > 0 ? [countOf(t, lang, 'report_summaryOverdue', overdue)] : []),
      ].join(' ')}
    </p>
  )
}

/**
 * Its clear changes since the previous wave, down first, as its line under "what stands out" names
 * them: a partner that fell on every dimension read only "lower than the programme" here (a lead's review).
 */
function movedWords(lang: Lang, r: Report): string[] {
  const t = messages[lang]
  const g = r.d.standouts.find((x) => x.subject.kind === 'partner' && x.subject.id === r.partner.id)
  const since = g?.items.find((x) => x.kind === 'change')
  if (!g || !since || since.kind !== 'change') return []
  const names = (keys: string[]) =>
    keys.length === r.d.dimensions.length && keys.length > 1
      ? t.standouts_everyDimension
      : listWords(
          t,
          keys.map((k) => dimensionLabel(r.d.dimensions, k, lang)),
        )
  return (
    [
      ['report_summaryDown', g.moved.down],
      ['report_summaryUp', g.moved.up],
    ] as const
  ).flatMap(([key, keys]) => (keys.length ? [fill(t[key], { wave: since.previousWave, dimensions: names(keys) })] : []))
}

function StrongWeak({ lang, r }: { lang: Lang; r: Report }) {
  const t = messages[lang]
  const f = fmt(lang)
  const label = (key: string) => dimensionLabel(r.d.dimensions, key, lang)
  if (r.allClose)
    return (
      <p class="notice" id="report-all-equal">
        {r.allClose.min === r.allClose.max
          ? fill(t.report_allEqual, { mean: f.format(r.allClose.min) })
          : fill(t.report_allClose, { min: f.format(r.allClose.min), max: f.format(r.allClose.max) })}
      </p>
    )
  if (r.strongest.length === 0) return <p class="notice">{t.report_tooFewToRank}</p>
  return (
    <div class="report-columns">
      <div>
        <h3>{t.report_strongest}</h3>
        <ul id="report-strongest">
          {r.strongest.map((x) => (
            <li>{`${label(x.key)}: ${f.format(x.score.mean)}`}</li>
          ))}
        </ul>
      </div>
      <div>
        <h3>{t.report_weakest}</h3>
        <ul id="report-weakest">
          {r.weakest.map((x) => (
            <li>{`${label(x.key)}: ${f.format(x.score.mean)}`}</li>
          ))}
        </ul>
      </div>
    </div>
  )
}

/**
 * Why this partner has no gap, about this partner only (the dashboard's `gapNone` speaks of all
 * partners, which a partner's report must not): which of its two groups is
 * hidden and why, as its heatmap cells say.
 */
function gapNoneWords(lang: Lang, r: Report): string {
  const t = messages[lang]
  const g = r.d.gapGroups.find((x) => x.id === r.partner.id)
  const side = (why: 'few' | 'not-asked' | null, few: string, notAsked: string) =>
    why === null ? [] : [fill(why === 'not-asked' ? notAsked : few, { k: r.d.k })]
  const whys = g
    ? [
        ...side(g.managers, t.report_gapManagersFew, t.report_gapManagersNotAsked),
        ...side(g.staff, t.report_gapStaffFew, t.report_gapStaffNotAsked),
      ]
    : []
  // Both groups shown, yet no gap: each dimension's own reason (`gapMissing`), not "no dimension shows both".
  const missing = missingWords(lang, r)
  const why = whys.length > 0 ? whys.join(t.report_gapAnd) : missing || t.report_gapNoCommon
  return fill(t.report_gapNone, { partner: r.partner.name, why })
}

/** The partner's dimensions without a gap although both groups are shown, each with why (`Results['gapMissing']`). */
function missingWords(lang: Lang, r: Report): string {
  const t = messages[lang]
  return r.d.gapMissing.dimensions
    .flatMap((x) =>
      x.partners
        .filter((p) => p.id === r.partner.id)
        .map((p) => `${gapLabel(r.d, lang, x.dimension)} — ${noGapWords(t, p.why, r.d.k)}`),
    )
    .join('; ')
}

/** The partner's manager–staff gaps with their intervals, against the programme's typical gap, then each in words. */
function Gap({ lang, r }: { lang: Lang; r: Report }) {
  const t = messages[lang]
  if (r.d.gap.length === 0)
    return (
      <p class="notice" id="report-gap-none">
        {gapNoneWords(lang, r)}
      </p>
    )
  const label = (key: string) => gapLabel(r.d, lang, key)
  const same = r.d.gap.filter((g) => g.versusTypical === 'same')
  const worded = r.d.gap.filter((g) => g.versusTypical !== 'same')
  return (
    <>
      <Scroll label={`${t.gapHeading} · ${r.partner.name} · ${r.d.wave.label}`}>
        <table id="report-gap">
          <caption>{`${t.gapHeading} · ${r.partner.name} · ${r.d.wave.label}`}</caption>
          <thead>
            <tr>
              <th scope="col">{t.dimension}</th>
              {/* Headers that may break at a soft hyphen on paper only (web/report.css): whole,
                  "Teammanagers" and "Medewerkers" held their columns wide and the verdict to four lines. */}
              <th scope="col">{t.report_gapManagersColumn}</th>
              <th scope="col">{t.report_gapStaffColumn}</th>
              <th scope="col">{t.gap}</th>
              {/* Plain words first; the term ("95% Welch interval") one click away, in the details below. */}
              <th scope="col">
                <a href="#report-gap-technical" data-open>
                  {t.gap_likelyBetween}
                </a>
              </th>
              <th scope="col">{t.gap_versus}</th>
            </tr>
          </thead>
          <tbody>
            {r.d.gap.map((g) => (
              <tr data-dimension={g.dimension}>
                <th scope="row">{label(g.dimension)}</th>
                <GapCells lang={lang} g={g} bases={r.d.gapBasis} />
                <td>{versusText(lang, g)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      {/* In words only the gaps the table cannot say enough about: those that differ from the other
          partners' (or have no other partners to compare with). The rest read alike, so one sentence
          names them; their numbers are all in the table. */}
      {same.length > 0 && (
        <p id="report-gap-same">
          {/* Every dimension named would read as a list to check against the table: "on none" says it,
              only where no gap of the partner is hidden (of one not shown it would say what it cannot know). */}
          {same.length === r.d.gap.length && r.d.gap.length === r.gapDimensions
            ? t.report_gapSameAll
            : fill(t.report_gapSame, {
                dimensions: listWords(
                  t,
                  same.map((g) => label(g.dimension)),
                ),
              })}
          {same.every((g) => g.gap > 0 && (g.typical ?? 0) > 0) ? ` ${t.report_gapCommon}` : ''}
        </p>
      )}
      {/* A dimension missing from the table says why: staff's shared score hidden left one out unsaid (a lead's review). */}
      {missingWords(lang, r) ? (
        <p id="report-gap-missing">
          {fill(t.report_gapMissing, { partner: r.partner.name, dimensions: missingWords(lang, r) })}
        </p>
      ) : null}
      <ul id="report-gap-words">
        {worded.map((g) => (
          <li data-dimension={g.dimension}>
            <strong>{`${label(g.dimension)}: `}</strong>
            {gapWords(lang, g, { caveat: false })}
          </li>
        ))}
      </ul>
      {/* Said once for the list, not after every dimension: the printed report is read page by page. */}
      <p id="report-gap-caveat">{t.gap_caveat}</p>
      <GapBasis
        lang={lang}
        bases={r.d.gapBasis.filter((b) => r.d.gap.some((g) => g.dimension === b.dimension))}
        label={label}
        heading="h3"
      />
      <details id="report-gap-technical">
        <summary>{t.report_gapTechnical}</summary>
        {/* How the programme's own gap is made: for the reader who asks, not on the printed page. */}
        <p>{t.gap_typicalIntro}</p>
        <p>
          <strong>{t.glossary_gapTerm}</strong>
        </p>
        <p>{fill(t.glossary_gap, { min: MIN_OTHER_PARTNERS })}</p>
      </details>
    </>
  )
}

/** Per shown dimension: the level now and what the next level asks of a coaching manager (the instrument's behaviour lines). */
function NextLevel({ lang, r }: { lang: Lang; r: Report }) {
  const t = messages[lang]
  const weakest = new Set(r.weakest.map((w) => w.key))
  const rows = r.d.dimensions.flatMap((dim) => {
    const s = r.cell?.scores?.[dim.key]
    return s
      ? [
          {
            dim,
            s,
            now: s.level === null ? undefined : r.d.levels.find((l) => l.level === s.level),
            next: s.level === null ? undefined : r.d.levels.find((l) => l.level === s.level! + 1),
          },
        ]
      : []
  })
  if (rows.length === 0) return <p class="notice">{t.report_noLevels}</p>
  // The weakest first (ties included): that is where the next step matters most.
  rows.sort((a, b) => Number(weakest.has(b.dim.key)) - Number(weakest.has(a.dim.key)))
  // Said once above the list, not in every row: the printed report ran to a page of it.
  const unclear = rows.some(({ s }) => s.level === null && s.verdict.because !== 'disagree')
  return (
    <>
      {unclear ? <p id="report-level-unclear">{t.report_levelUnclearIntro}</p> : null}
      <dl class="next-level" id="report-next-level">
        {rows.map(({ dim, s, now, next }) => (
          <>
            {s.verdict.because === 'disagree' ? (
              <>
                <dt>{`${dim.label[lang]} · ${t.levelDisagree}`}</dt>
                <dd>
                  <p>{t.report_disagreeNext}</p>
                </dd>
              </>
            ) : s.level === null ? (
              <UnclearLevelRow lang={lang} r={r} dim={dim} s={s} />
            ) : (
              <NextLevelRow lang={lang} dim={dim} s={s} now={now} next={next} />
            )}
          </>
        ))}
      </dl>
    </>
  )
}

/**
 * A dimension whose level the data cannot tell yet: which levels its interval spans, so
 * management sees how far apart the possibilities are, and no "next level" that may be the
 * level it already has.
 */
function UnclearLevelRow({
  lang,
  r,
  dim,
  s,
}: {
  lang: Lang
  r: Report
  dim: Report['d']['dimensions'][number]
  s: Score
}) {
  const t = messages[lang]
  const f = fmt(lang)
  const named = (level: number) => `${level} ${r.d.levels.find((l) => l.level === level)?.name[lang] ?? ''}`
  const ci = s.ci95 && shownInterval(s.ci95)
  // The levels of the interval's ends as the legend shows them, as the heatmap tints them (domain/levels.ts).
  const span = s.ci95 && intervalLevels(r.d.bands, s.ci95)
  // One level spanned (a programme of fewer than four shown partners names none from its interval): no "between 3 and 3".
  const text =
    ci && span && span[0] !== span[1]
      ? fill(t.report_unclearSpan, {
          mean: f.format(s.mean),
          low: f.format(ci[0]),
          high: f.format(ci[1]),
          from: named(span[0]),
          to: named(span[1]),
        })
      : fill(t.report_unclearOne, { mean: f.format(s.mean) })
  // What each level the interval spans asks of a coaching manager: management can act on the
  // dimension before more answers tell which of them it is (usually the weakest, where it matters most).
  const spanned = span ? r.d.levels.filter((l) => l.level >= span[0] && l.level <= span[1]) : []
  return (
    <>
      <dt>{`${dim.label[lang]} · ${t.levelNotYetClear}`}</dt>
      <dd>
        <p>{text}</p>
        {spanned.length > 0 ? (
          <ul>
            {spanned.map((l) => (
              <li>
                <strong>{`${named(l.level)}: `}</strong>
                {l.behaviour[dim.key]?.[lang] ?? l.description[lang]}
              </li>
            ))}
          </ul>
        ) : null}
      </dd>
    </>
  )
}

type LevelRow = Report['d']['levels'][number]
function NextLevelRow({
  lang,
  dim,
  s,
  now,
  next,
}: {
  lang: Lang
  dim: Report['d']['dimensions'][number]
  s: Score
  now: LevelRow | undefined
  next: LevelRow | undefined
}) {
  const t = messages[lang]
  return (
    <>
      <dt>{`${dim.label[lang]} · ${s.level} ${now?.name[lang] ?? ''}${levelMarginWords(messages[lang], marginReaches(s.verdict))}`}</dt>
      <dd>
        <p>{now?.behaviour[dim.key]?.[lang] ?? now?.description[lang]}</p>
        <p>
          {next ? (
            <>
              {`${fill(t.report_nextAsks, { level: `${next.level} ${next.name[lang]}` })} `}
              {next.behaviour[dim.key]?.[lang] ?? next.description[lang]}
            </>
          ) : (
            t.report_topLevel
          )}
        </p>
      </dd>
    </>
  )
}

/** The programme beside the partner on its report's radar: the results page's black, thinner and dashed, a line to compare with. */
const REFERENCE = { ...programmeStyle, width: 1.5, dash: [6, 4] }

export function ReportPage({ lang, r, path, order, canWrite, recordable = [] }: Props) {
  const t = messages[lang]
  const d = r.d
  const pct = percent(lang)
  const roleLabel = t[`roleView_${d.role}`]
  const base = `/app/programmes/${d.programme.id}/partners/${r.partner.id}/report`
  const cell = r.cell
  const radarDims = d.dimensions.filter((x) => x.radar)
  const radarOf = (scores: Record<string, Score | null> | null) => radarDims.map((x) => scores?.[x.key]?.mean ?? null)
  const series =
    cell && !cell.suppressed
      ? [
          ...(d.programme.suppressed
            ? []
            : [{ label: t.programmeWhole, values: radarOf(d.programme.scores), style: REFERENCE }]),
          // The partner the report is about in its own colour, solid and heavier than the programme
          // beside it: drawn dashed and thin, as on the results page, it was the faintest line (a lead's review).
          { label: r.partner.name, values: radarOf(cell.scores), style: { ...seriesStyle(order), dash: [], width: 3 } },
        ]
      : []
  // Each line's axes without a point (too few answers on the dimension, in a cell that is shown): named
  // on the axis, under the figure and in its text alternative, not only in the table below it.
  const missing = series.flatMap((s) => {
    const none = radarDims.filter((_, i) => s.values[i] === null).map((x) => x.label[lang])
    return none.length ? [fill(t.report_radarMissing, { line: s.label, dimensions: listWords(t, none) })] : []
  })
  return (
    <AppPage
      lang={lang}
      title={`${r.partner.name} · ${t.report_title}`}
      path={path}
      scripts={[asset('setup.js'), asset('report.js')]}
      styles={[asset('report.css')]}
    >
      <article class="report" id="report">
        <RunningHeader
          text={`${fill(t.report_heading, { partner: r.partner.name })} · ${d.wave.label} · ${roleLabel}`}
        />
        <header class="report-head">
          <h1>{fill(t.report_heading, { partner: r.partner.name })}</h1>
          <p class="report-sub">{`${d.programme.name} · ${d.wave.label} · ${roleLabel}`}</p>
          <SelfRatingNotice lang={lang} role={d.role} />
        </header>
        <nav class="no-print report-nav" aria-label={t.report_title}>
          <a
            href={`/app/programmes/${d.programme.id}?wave=${encodeURIComponent(d.wave.id)}&role=${d.role}&lang=${lang}`}
          >
            {t.report_back}
          </a>
          <button type="button" class="secondary" data-print hidden>
            {t.print}
          </button>
        </nav>
        <form class="pickers no-print" method="get" action={base}>
          <input type="hidden" name="lang" value={lang} />
          <div>
            <label for="report-wave">{t.wave}</label>
            <select id="report-wave" name="wave">
              {d.waves.map((w) => (
                <option
                  value={w.id}
                  selected={w.id === d.wave.id}
                >{`${w.label} (${t[`waveState_${w.state}`]})`}</option>
              ))}
            </select>
          </div>
          <div>
            <label for="report-role">{t.role}</label>
            <select id="report-role" name="role">
              {/* As on the results page: a role asked of no partner in this wave is offered only with that reason. */}
              {ROLES.map((x) => (
                <option value={x} selected={x === d.role} disabled={!d.rolesAsked[x] && x !== d.role}>
                  {d.rolesAsked[x] ? t[`roleView_${x}`] : fill(t.roleNotAsked, { role: t[`roleView_${x}`] })}
                </option>
              ))}
            </select>
          </div>
          <button type="submit">{t.show}</button>
        </form>

        <dl class="report-facts" id="report-facts">
          <dt>{t.responses}</dt>
          <dd>{!d.published ? t.report_notPublished : cell && !cell.suppressed ? String(cell.n) : hiddenText(t, r)}</dd>
          <dt>{t.responseRate}</dt>
          <dd>{cell?.responseRate != null ? pct.format(cell.responseRate) : '–'}</dd>
          {/* When the answers were given: a report passed round months later is read against the work of then. */}
          <dt>{t.report_period}</dt>
          <dd id="report-period">
            {fill(t.report_periodValue, {
              from: dayIn(lang, firstOpenDay(d.wave.opensAt)),
              to: lastDayIn(lang, d.wave.closesAt),
            })}
          </dd>
          <dt>{t.report_threshold}</dt>
          <dd>{fill(t.report_thresholdValue, { k: d.k })}</dd>
          {/* The day the reader opens or prints it, which web/report.ts fills in: in the page it would
              make a closed wave's report differ by the day it is read (its agreed actions change). */}
          <dt class="report-as-of" hidden>
            {t.report_asOf}
          </dt>
          <dd class="report-as-of" id="report-as-of" hidden></dd>
        </dl>

        {d.published ? <Summary lang={lang} r={r} /> : null}

        {!d.published ? (
          <p class="notice">{t.report_notPublished}</p>
        ) : !cell || cell.suppressed ? (
          <p class="notice" id="report-hidden">
            {cell
              ? fill(t.report_hidden, { partner: r.partner.name, reason: hiddenText(t, r) })
              : fill(t.report_notInWave, { partner: r.partner.name })}
          </p>
        ) : (
          <>
            <section aria-labelledby="report-scores-heading">
              <h2 id="report-scores-heading">{t.report_scoresHeading}</h2>
              {radarDims.length < MIN_RADAR_AXES ? (
                <p class="notice" id="radar-too-few">
                  {fill(t.radar_tooFewAxes, { role: roleLabel, n: radarDims.length })}
                </p>
              ) : (
                <figure class="report-figure">
                  <ReportRadar
                    labels={radarDims.map((x, i) =>
                      series.some((s) => s.values[i] === null)
                        ? `${x.label[lang]} (${t.tooFewForDimension})`
                        : x.label[lang],
                    )}
                    series={series}
                    rings={d.levels.map((l) => l.from)}
                    bands={d.levels.map((l) => ({
                      from: l.from,
                      to: l.to,
                      shade: levelShade(l.level, d.levels.length),
                    }))}
                    min={d.levels[0]?.from ?? 1}
                    max={d.levels.at(-1)?.to ?? 5}
                    title={[fill(t.radarAlt, { partners: series.map((s) => s.label).join(', ') }), ...missing].join(
                      ' ',
                    )}
                    ringLabel={(v) => fmt(lang).format(v)}
                  />
                  <figcaption>
                    <ul class="report-key">
                      {series.map((s) => (
                        <li>
                          <svg width="28" height="10" aria-hidden="true" focusable="false">
                            <line
                              x1="0"
                              y1="5"
                              x2="28"
                              y2="5"
                              stroke={s.style.colour}
                              stroke-width={s.style.width + 1}
                              stroke-dasharray={s.style.dash.length ? s.style.dash.join(' ') : undefined}
                            />
                          </svg>
                          {` ${s.label}`}
                        </li>
                      ))}
                    </ul>
                    {/* The bands' key, as beside the results page's radar: each level's shade and range, so the
                        figure's shades are in words too, and the ring values near the centre it leaves out. */}
                    <p class="report-bands-heading" id="report-radar-bands-heading">
                      {t.levelRings}
                    </p>
                    <ol class="report-bands" id="report-radar-bands" aria-labelledby="report-radar-bands-heading">
                      {d.levels.map((l) => {
                        const b = d.bands.find((x) => x.level === l.level)
                        return (
                          <li>
                            <span
                              class="band"
                              aria-hidden="true"
                              style={`background:${levelShade(l.level, d.levels.length)}`}
                            ></span>
                            {`${l.level} ${l.name[lang]}${b ? ` (${fmt(lang).format(b.from)}–${fmt(lang).format(b.to)})` : ''}`}
                          </li>
                        )
                      })}
                    </ol>
                    {/* A line's axis without a point, said under the figure as on its axis: only the table said it (a lead's review). */}
                    {missing.length > 0 ? <p id="report-radar-missing">{missing.join(' ')}</p> : null}
                    {/* Said, not left out silently: the instrument reports these beside the radar, as the dashboard's "Overige dimensies". */}
                    {d.dimensions.some((x) => !x.radar) ? (
                      <p id="report-radar-left-out">
                        {fill(t.report_radarLeftOut, {
                          dimensions: d.dimensions
                            .filter((x) => !x.radar)
                            .map((x) => x.label[lang])
                            .join(', '),
                        })}
                      </p>
                    ) : null}
                  </figcaption>
                </figure>
              )}
              <Scores lang={lang} r={r} />
            </section>
            <section aria-labelledby="report-rank-heading">
              <h2 id="report-rank-heading">{t.report_rankHeading}</h2>
              <StrongWeak lang={lang} r={r} />
            </section>
            {r.questionDims.length > 0 ? (
              <section aria-labelledby="report-questions-heading" id="report-questions">
                <h2 id="report-questions-heading">
                  {r.questionsLowest ? t.report_questionsHeadingLowest : t.report_questionsHeading}
                </h2>
                {r.questionsLowest && r.allClose ? (
                  <p id="report-questions-lowest">
                    {fill(t.report_questionsLowest, {
                      dimensions: r.questionDims.map((key) => dimensionLabel(d.dimensions, key, lang)).join(', '),
                      mean: fmt(lang).format(r.allClose.min),
                    })}
                    {r.lowestCount > r.questionDims.length
                      ? ` ${fill(t.report_questionsLowestMore, { shown: r.questionDims.length, count: r.lowestCount, mean: fmt(lang).format(r.allClose.min) })}`
                      : null}
                  </p>
                ) : null}
                <p id="report-questions-intro">{fill(t.report_questionsIntro, { k: d.k, partner: r.partner.name })}</p>
                {!r.questionsLowest && r.questionDims.length < r.weakest.length ? (
                  <p id="report-questions-few">
                    {fill(t.report_questionsWeakestFew, { shown: r.questionDims.length, count: r.weakest.length })}
                  </p>
                ) : null}
                {/* The two weakest dimensions, a tie with the second included: where the next step matters most. */}
                {r.questionDims.map((key) => {
                  const w = { key }
                  const label = dimensionLabel(d.dimensions, w.key, lang)
                  return (
                    <>
                      <h3>{label}</h3>
                      <QuestionDetail
                        lang={lang}
                        ins={r.instrument}
                        role={d.role}
                        k={d.k}
                        cell={r.published}
                        dimension={w.key}
                        caption={fill(t['questions:caption'], {
                          dimension: label,
                          role: roleLabel,
                          wave: d.wave.label,
                        })}
                        id={`report-questions-${w.key}`}
                      />
                    </>
                  )
                })}
              </section>
            ) : null}
            <section aria-labelledby="report-gap-heading">
              <h2 id="report-gap-heading">{t.gapHeading}</h2>
              {/* About this partner, not "per partner"; what a gap cannot say follows the table once (`gap_caveat`). */}
              <p id="report-gap-intro">{fill(t.report_gapIntro, { partner: r.partner.name })}</p>
              <Gap lang={lang} r={r} />
            </section>
            <section aria-labelledby="report-level-heading">
              <h2 id="report-level-heading">{t.report_levelHeading}</h2>
              <NextLevel lang={lang} r={r} />
            </section>
          </>
        )}

        <section aria-labelledby="report-trend-heading">
          <h2 id="report-trend-heading">{`${t.trendHeading}: ${r.partner.name} · ${roleLabel}`}</h2>
          {/* Hidden in every wave: one sentence, not a table of "fewer than k" in every cell (a lead's review). */}
          {r.trend.waves.length > 0 && r.trend.waves.every((w) => w.suppressed) ? (
            <p class="notice" id="report-trend-hidden">
              {/* "Fewer than k in every wave" only where that is each wave's reason: a partner added after
                  the first wave read as too few answers there (a lead's review); else each wave's own. */}
              {r.trend.waves.every((w) => (w.hiddenBecause ?? 'few') === 'few')
                ? countOf(t, lang, 'report_trendHidden', r.trend.waves.length, {
                    partner: r.partner.name,
                    k: r.trend.k,
                  })
                : fill(t.report_trendHiddenWhy, {
                    partner: r.partner.name,
                    waves: r.trend.waves
                      .map((w) => `${w.wave.label}: ${hiddenWords(t, w, r.trend.k, false)}`)
                      .join('; '),
                  })}
            </p>
          ) : (
            <TrendTable
              lang={lang}
              d={d}
              trend={r.trend}
              caption={`${t.trendCaption} · ${r.partner.name} · ${roleLabel}`}
              actions={r.actions}
            />
          )}
        </section>

        <ActionsSection
          lang={lang}
          pid={d.programme.id}
          outcomes={r.actions}
          dims={d.dimensions}
          partners={recordable}
          names={[r.partner]}
          waves={d.waves.filter((w) => w.id === d.wave.id && d.published)}
          canWrite={canWrite}
        />
      </article>
    </AppPage>
  )
}
