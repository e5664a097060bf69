import type { Child } from 'hono/jsx'
import { radarAltText, radarGapsText } from '../../schema/radar-gaps.ts'
import { decimal, downloadName, lastOpenDay, longDate } from '../../schema/format.ts'
import { ROLES } from '../../schema/instrument.ts'
import type { ChartSeries, ResultsScriptData } from '../../schema/page-data.ts'
import { asset } from '../assets.ts'
import type { Results, participationIn, Trend } from '../domain/wave-results.ts'
import { MIN_CLUSTERS, type CellView } from '../domain/publication.ts'
import {
  defaultChosen,
  defaultEnds,
  levelShade,
  programmeStyle,
  MIN_RADAR_AXES,
  RADAR_MAX_LINES,
  seriesStyle,
  TALL_HEATMAP,
  type SeriesStyle,
} from './results-chart.ts'
import { messages, type Lang } from '../i18n/messages.ts'
import { AppPage } from './app-frame.tsx'
import { MIN_N_FOR_LEVEL, clearAsShown } from '../domain/levels.ts'
import { showsGap } from '../domain/gap.ts'
import { GapTable, hiddenWords, ScoreTable, SelfRatingNotice, TrendTable } from './results-tables.tsx'
import { QuestionSection } from './question-section.tsx'
import { RunningHeader, ScriptData, TitleOf } from './layout.tsx'
import { ParticipationTable } from './participation-table.tsx'
import { boundOf, participationText } from './participation-words.ts'
import { fill } from '../../schema/format.ts'
import { PartnerReports } from './actions-section.tsx'
import type { Action } from '../db/actions.ts'
import type { Recordable } from '../services/action-service.ts'
import type { ActionOutcome } from '../domain/action-outcomes.ts'
import { agreementWords, Glossary, Heatmap, heatmapWords, Standouts } from './results-standouts.tsx'
import type { HeatSort } from '../domain/heatmap.ts'

type Props = {
  lang: Lang
  d: Results
  trend: Trend
  trendKey: string
  /** Each partner's place by name among the partners the reader sees: its colour on every chart. */
  order: Map<string, number>
  path: string
  /** A lead gets a way to the setup page. */
  canLead: boolean
  /** An administrator gets a way to the measurement quality (worker/services/quality-service.ts `qualityOf`). */
  readsQuality: boolean
  /** A lead of an open wave: its participation per partner and role (never scores). */
  participation: Participation[] | null
  /** An open wave other than the one shown, for a lead to follow its participation. */
  openWave: { id: string; label: string } | null
  /** Agreed actions the reader may see, with the partners they may record them for. */
  actions?: { outcomes: ActionOutcome<Action>[]; writableFor: Recordable[]; partnerViewers: boolean }
  /** The partner and dimension the action form opens with (`?actionPartner=&actionDimension=`, a stand-out's next step). */
  agree?: { partnerId: string; dimension: string }
  /** How the heatmap's rows are ordered (`?sort=`). */
  sort?: HeatSort
}

type Participation = Awaited<ReturnType<typeof participationIn>>[number]

/** While a wave is open: when its results come, and for its lead how many have answered so far. */
function NotPublished({ lang, d, participation }: { lang: Lang; d: Results; participation: Participation[] | null }) {
  const t = messages[lang]
  const lastDay = longDate(lang, lastOpenDay(d.wave.closesAt))
  // Said as the setup page says it, "5 antwoorden (4% van 140)", where it said "5 (4%)": the lead
  // reading it entered the headcount. There is room: at 1280 px the table fits its box, and at 390 px
  // its headings and names set its width, the words wrapping within it (tests/e2e/dashboard.test.ts).
  const headcount = boundOf(d.partners, d.changes)
  return (
    <section aria-labelledby="participation-heading">
      <p class="notice" id="results-at-close">
        {d.wave.state === 'planned' ? t.resultsPlanned : fill(t.resultsAtClose, { date: lastDay })}
      </p>
      {participation && (
        <>
          <h2 id="participation-heading">{`${t.participationHeading} · ${d.wave.label}`}</h2>
          <p>{fill(t.participationIntro, { k: d.k })}</p>
          <ParticipationTable
            t={t}
            id="participation"
            caption={`${t.participationHeading} · ${d.wave.label}`}
            rows={participation}
            cell={(p, r) => participationText(t, lang, p.roles[r], d.k, 'full', headcount(p.id, r))}
          />
        </>
      )}
      {!participation && (
        <h2 id="participation-heading" class="visually-hidden">
          {t.participationHeading}
        </h2>
      )}
    </section>
  )
}

/** Links made and headcounts changed after the wave opened: every reader sees them beside the numbers. */
function ChangesRecord({ lang, d }: { lang: Lang; d: Results }) {
  const t = messages[lang]
  if (d.changes.length === 0) return null
  return (
    <section aria-labelledby="changes-heading">
      <h2 id="changes-heading">{t.changesHeading}</h2>
      <p>{t.changesIntro}</p>
      <ul id="wave-changes">
        {d.changes.map((c) => (
          <li>
            {c.kind === 'link'
              ? fill(t.changeLink, { day: c.day, partner: c.partner, role: t[`role_${c.role}`] })
              : fill(t.changeHeadcount, {
                  day: c.day,
                  partner: c.partner,
                  role: t[`role_${c.role}`],
                  from: c.headcountFrom ?? '–',
                  to: c.headcountTo ?? '–',
                })}
          </li>
        ))}
      </ul>
    </section>
  )
}

/** A short line in the series' colour and dash, so the checkbox names the same line as the chart. */
function Swatch({ style }: { style: SeriesStyle }) {
  return (
    <svg class="swatch" width="32" height="12" viewBox="0 0 32 12" aria-hidden="true" focusable="false">
      <line
        x1="0"
        y1="6"
        x2="32"
        y2="6"
        stroke={style.colour}
        stroke-width={style.width + 1}
        stroke-dasharray={style.dash.length ? style.dash.join(' ') : undefined}
      />
    </svg>
  )
}

/**
 * The two lines an exported chart carries above it, so a PNG passed on still says what it shows:
 * the chart's title, then programme, wave and role.
 */
function pngTitle(lang: Lang, d: Results, title: string): string[] {
  const t = messages[lang]
  return [title, `${d.programme.name} · ${d.wave.label} · ${t[`roleView_${d.role}`]}`]
}

/** What the island needs beyond the series to draw the radar: the lines chosen first and the export's title. */
function radarIsland(lang: Lang, d: Results, chosen: boolean[]) {
  return { chosen, max: RADAR_MAX_LINES, title: pngTitle(lang, d, messages[lang].radarHeading) }
}

/** The island's words for the radar: the legend's on/off state and the small multiples' names. */
function radarStrings(lang: Lang) {
  const t = messages[lang]
  return {
    off: t.radar_off,
    multipleAlt: t.radar_multipleAlt,
    against: t.radar_against,
    sameAsProgramme: t.radar_sameAsProgramme,
    radarAlt: t.radarAlt,
    radarAltProgramme: t.radar_altProgramme,
    radarSameLines: t.radar_sameLines,
    radarGaps: t.radar_gaps,
  }
}

/**
 * Where the island draws one small radar per chosen partner against the programme, when more
 * lines are chosen than one radar can hold.
 */
function RadarMultiples({ lang }: { lang: Lang }) {
  const t = messages[lang]
  return (
    <div id="radar-multiples" hidden>
      <p class="hint">{fill(t.radar_multiplesIntro, { max: RADAR_MAX_LINES })}</p>
      <ul class="multiples"></ul>
    </div>
  )
}

/**
 * "Trend of": its own form at the trend, aimed at the trend's heading, so a new choice (sent with
 * its button) brings the reader back to the trend. No picker sends itself on change: a keyboard
 * reader moving through the options with the arrow keys would load a page per option (WCAG 3.2.2,
 * "On Input"; tests/e2e/dashboard.test.ts).
 */
function TrendPicker({ lang, d, trendKey }: { lang: Lang; d: Results; trendKey: string }) {
  const t = messages[lang]
  return (
    <form class="pickers trend-picker" method="get" action={`/app/programmes/${d.programme.id}#trend-heading`}>
      <input type="hidden" name="lang" value={lang} />
      <input type="hidden" name="wave" value={d.wave.id} />
      <input type="hidden" name="role" value={d.role} />
      <div>
        <label for="pick-trend">{t.trendOf}</label>
        <select id="pick-trend" name="trend">
          <option value="programme" selected={trendKey === 'programme'}>
            {t.programmeWhole}
          </option>
          {d.partners.map((p) => (
            <option value={p.id} selected={trendKey === p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <button type="submit">{t.show}</button>
    </form>
  )
}

/** The maturity dashboard: radar and table side by side, indicators, gap, trend, exports, explanations. */
export function ResultsPage({
  lang,
  d,
  trend,
  trendKey,
  order,
  path,
  canLead,
  readsQuality,
  participation,
  openWave,
  actions,
  agree,
  sort = { by: 'partner' },
}: Props) {
  const t = messages[lang]
  const f = decimal(lang)
  const radarDims = d.dimensions.filter((x) => x.radar)
  // A radar needs three axes for a shape: over two it is a line with every series stacked on it.
  const drawRadar = radarDims.length >= MIN_RADAR_AXES
  const otherKeys = d.dimensions.filter((x) => !x.radar).map((x) => x.key)
  const roleLabel = t[`roleView_${d.role}`]
  // A level's band as a reader checks it, at the shown precision (domain/levels.ts shownBands).
  const band = (level: number) => {
    const b = d.bands.find((x) => x.level === level)
    return b ? `${f.format(b.from)}–${f.format(b.to)}` : ''
  }
  const who = trend.partner?.name ?? t.programmeWhole
  const radarValues = (cell: CellView) => radarDims.map((x) => cell.scores?.[x.key]?.mean ?? null)
  const radar: ChartSeries[] = [
    ...(d.programme.suppressed
      ? []
      : [{ label: t.programmeWhole, values: radarValues(d.programme), style: programmeStyle }]),
    ...d.partners
      .filter((p) => !p.suppressed)
      .map((p) => ({ label: p.name, values: radarValues(p), style: seriesStyle(order.get(p.id) ?? 0) })),
  ]
  const trendSeries = d.dimensions.map((dim, i) => ({
    label: dim.label[lang],
    values: trend.waves.map((w) => w.scores?.[dim.key]?.mean ?? null),
    style: seriesStyle(i),
    marks: trend.waves.map((w, i) => {
      const change = w.change?.[dim.key]
      const [was, now] = [trend.waves[i - 1]?.scores?.[dim.key], w.scores?.[dim.key]]
      // The table's rule: an arrow only where the two shown means differ (domain/levels.ts `clearAsShown`).
      return change?.significant && was && now && clearAsShown(true, was.mean, now.mean)
        ? change.diff > 0
          ? 'up'
          : 'down'
        : null
    }),
  }))
  const file = (...what: string[]) => downloadName([d.programme.name, d.wave.label, d.role, ...what], 'png')
  const lines = radar.map((s) => ({
    programme: s.style === programmeStyle,
    label: s.label,
    values: s.values,
    style: s.style,
  }))
  const chosen = defaultChosen(lines)
  const ends = defaultEnds(lines, chosen)
  const island: ResultsScriptData = {
    lang,
    radar: {
      labels: radarDims.map((x) => x.label[lang]),
      series: radar,
      levels: d.levels.map((l) => ({
        level: l.level,
        from: l.from,
        to: l.to,
        shade: levelShade(l.level, d.levels.length),
      })),
      file: file('radar'),
      ...radarIsland(lang, d, chosen),
    },
    trend: {
      labels: trend.waves.map((w) => w.wave.label),
      series: trendSeries,
      file: file('trend', who),
      title: pngTitle(lang, d, `${t.trendHeading}: ${who}`),
    },
    strings: { changeUp: t.changeUp, changeDown: t.changeDown, noScore: t.tooFewForDimension, ...radarStrings(lang) },
    heatmap: heatmapWords(lang, d),
  }
  const exportUrl = (sep: string) =>
    `/api/programmes/${d.programme.id}/export.csv?wave=${encodeURIComponent(d.wave.id)}&lang=${lang}${sep}`
  // An in-page contents list: a keyboard reader reaches a section without
  // tabbing through every partner's stand-outs first.
  const contents = (
    <ul>
      {[
        ['standouts-heading', t.standouts_heading],
        ['heatmap-heading', t.heatmap_heading],
        ['radar-heading', t.radarHeading],
        ['gap-heading', t.gapHeading],
        ...(d.questions ? [['questions-heading', t['questions:heading']]] : []),
        ...(actions
          ? [
              ['reports-heading', t.actions_reportsHeading],
              ['actions-heading', t.actions_heading],
            ]
          : []),
        ['trend-heading', t.trendHeading],
      ].map(([id, label]) => (
        <li>
          <a href={`#${id}`}>{label}</a>
        </li>
      ))}
    </ul>
  )
  const suppression = (
    <p class="notice" id="suppression-explain">
      {fill(t.suppressedExplain, { k: d.k })}
    </p>
  )
  return (
    <AppPage
      lang={lang}
      title={`${d.programme.name} · ${t.dashboardTitle}`}
      path={path}
      scripts={[asset('results.js'), ...(actions?.writableFor.length ? [asset('setup.js')] : [])]}
      styles={[asset('results.css')]}
    >
      <RunningHeader text={`${d.programme.name} · ${d.wave.label} · ${roleLabel}`} />
      <h1>{d.programme.name}</h1>
      {canLead && (
        <p class="no-print">
          <a href={`/app/programmes/${d.programme.id}/setup?lang=${lang}`}>
            {fill(t.setupOf, { programme: d.programme.name })}
          </a>
        </p>
      )}
      <form class="pickers" method="get" action={`/app/programmes/${d.programme.id}`}>
        <input type="hidden" name="lang" value={lang} />
        <div>
          <label for="pick-wave">{t.wave}</label>
          <select id="pick-wave" name="wave">
            {d.waves.map((w) => (
              <option value={w.id} selected={w.id === d.wave.id}>{`${w.label} (${t[`waveState_${w.state}`]})`}</option>
            ))}
          </select>
        </div>
        <div>
          <label for="pick-role">{t.role}</label>
          <select id="pick-role" name="role">
            {/* A role asked of no partner in this wave (no link) is offered only with that reason. */}
            {ROLES.map((r) =>
              d.rolesAsked[r] || r === d.role ? (
                <option value={r} selected={r === d.role}>
                  {d.rolesAsked[r] ? t[`roleView_${r}`] : fill(t.roleNotAsked, { role: t[`roleView_${r}`] })}
                </option>
              ) : (
                <option value={r} disabled>
                  {fill(t.roleNotAsked, { role: t[`roleView_${r}`] })}
                </option>
              ),
            )}
          </select>
        </div>
        {/* The trend's own picker sits at the trend (TrendPicker); a new wave or role keeps its choice. */}
        <input type="hidden" name="trend" value={trendKey} />
        <button type="submit">{t.show}</button>
      </form>
      {openWave && (
        <p>
          <a href={`/app/programmes/${d.programme.id}?wave=${encodeURIComponent(openWave.id)}&lang=${lang}`}>
            {fill(t.openWaveLink, { wave: openWave.label })}
          </a>
        </p>
      )}
      <SelfRatingNotice lang={lang} role={d.role} />
      {/* Before the figures it explains: on a phone, above the stand-outs, it pushed their first line off the first screen. */}
      {d.published && d.rolesAsked[d.role] ? null : suppression}
      <noscript>
        <p class="notice">{t.chartsNeedScript}</p>
      </noscript>

      {d.published && d.rolesAsked[d.role] ? (
        <>
          <nav aria-label={t.contentsLabel} class="page-contents no-print" id="page-contents">
            {contents}
          </nav>
          {/* On a phone the same links, folded: open, eight links took five lines above the stand-outs. One of the
              two is shown at any width (web/results.css), so a screen reader meets one list. */}
          <nav aria-label={t.contentsLabel} class="page-contents-folded no-print">
            <details>
              <summary>{t.contentsLabel}</summary>
              {contents}
            </details>
          </nav>
        </>
      ) : null}
      {d.published ? (
        <>
          {/* A role asked of nobody in this wave: one line, not a stand-out and a heatmap row per partner that each say so. */}
          {d.rolesAsked[d.role] ? null : (
            <p class="notice" id="role-not-asked">
              {fill(t.roleNotAskedWave, { role: roleLabel })}
            </p>
          )}
          {d.rolesAsked[d.role] ? (
            <>
              <Standouts
                lang={lang}
                d={d}
                trendKey={trendKey}
                actions={actions?.outcomes.map((o) => o.action)}
                recordable={actions?.writableFor}
              />
              {/* The stand-outs say of each hidden partner why; the heatmap is the first table of cells. */}
              {suppression}
              <Heatmap
                lang={lang}
                d={d}
                trendKey={trendKey}
                sort={sort}
                actions={actions?.outcomes.map((o) => o.action)}
              />
              <section aria-labelledby="radar-heading" class="radar-section">
                <h2 id="radar-heading">
                  <TitleOf title={t.radarHeading} of={[roleLabel, d.wave.label]} />
                </h2>
                <div class="radar-layout">
                  {drawRadar ? null : (
                    <p class="notice" id="radar-too-few">
                      {fill(t.radar_tooFewAxes, { role: roleLabel, n: radarDims.length })}
                    </p>
                  )}
                  {drawRadar && (
                    // Every dimension of the role on the radar leaves no table beside it: the lines to
                    // choose and the rings' key go there instead (web/results.css `.radar-beside`).
                    <figure class={otherKeys.length > 0 ? 'chart' : 'chart radar-beside'}>
                      {/* Its own box, which Chart.js sizes the canvas to (it measures the canvas's parent). */}
                      <div class="radar-canvas">
                        <canvas
                          id="radar"
                          role="img"
                          // The lines drawn, not every partner one may choose (web/results.ts keeps it so as they change).
                          aria-label={radarAltText(
                            radar,
                            chosen,
                            radar.findIndex((s) => s.style === programmeStyle),
                            { alt: t.radarAlt, altProgramme: t.radar_altProgramme, sameLines: t.radar_sameLines },
                            (v) => f.format(v),
                          )}
                          width="560"
                          height="560"
                        ></canvas>
                      </div>
                      <RadarMultiples lang={lang} />
                      <figcaption>
                        {/* Kept true by web/results.ts as lines are chosen; polite, so a change is read out. */}
                        <p class="hint" id="radar-gaps" aria-live="polite">
                          {radarGapsText(
                            radar,
                            chosen,
                            radarDims.map((x) => x.label[lang]),
                            t.radar_gaps,
                          )}
                        </p>
                        {ends && (
                          <p class="hint" id="radar-default-lines">
                            {fill(t.radar_defaultLines, {
                              low: ends.low,
                              high: ends.high,
                              between: ends.between.join(', '),
                            })}
                          </p>
                        )}
                        <fieldset class="toggles" id="radar-toggles" hidden>
                          <legend>{t.partnersShown}</legend>
                          <p class="hint" id="radar-toggles-hint">
                            {fill(t.radar_chooseHint, { max: RADAR_MAX_LINES })}
                          </p>
                          {radar.map((s, i) => (
                            <div class="toggle">
                              <input
                                type="checkbox"
                                id={`toggle-${i}`}
                                data-series={i}
                                checked={chosen[i]}
                                aria-describedby="radar-toggles-hint"
                              />
                              <label for={`toggle-${i}`}>
                                <Swatch style={s.style} />
                                {s.label}
                              </label>
                            </div>
                          ))}
                        </fieldset>
                        <p class="rings-heading">{t.levelRings}</p>
                        <ol class="level-key">
                          {d.levels.map((l) => (
                            <li>
                              <span
                                class="band"
                                style={`background:${levelShade(l.level, d.levels.length)}`}
                                aria-hidden="true"
                              ></span>
                              <a href={`#level-${l.level}`} data-open>{`${l.level} ${l.name[lang]}`}</a>
                              {` (${band(l.level)})`}
                            </li>
                          ))}
                        </ol>
                        <button type="button" class="secondary" data-png="radar" hidden>
                          {t.downloadPng}
                        </button>
                      </figcaption>
                    </figure>
                  )}
                  {/* Only where some dimension of this role is not on the radar: an empty table says nothing. */}
                  {otherKeys.length > 0 ? (
                    <div class="radar-side">
                      <h3>{t.indicatorsHeading}</h3>
                      <p>{t.indicatorsIntro}</p>
                      <ScoreTable
                        id="scores-indicators"
                        lang={lang}
                        d={d}
                        keys={otherKeys}
                        caption={fill(t.indicatorsCaption, { role: roleLabel, wave: d.wave.label })}
                      />
                    </div>
                  ) : null}
                </div>
                <ScoresFold folded={d.partners.length > TALL_HEATMAP} lang={lang} rows={d.partners.length}>
                  <p>
                    <a href="#glossary-margin" data-open>
                      {t.glossary_link}
                    </a>
                  </p>
                  <ScoreTable
                    id="scores-radar"
                    lang={lang}
                    d={d}
                    keys={radarDims.map((x) => x.key)}
                    caption={fill(t.tableCaption, { role: roleLabel, wave: d.wave.label })}
                  />
                </ScoresFold>
              </section>
            </>
          ) : null}

          <section aria-labelledby="gap-heading">
            <h2 id="gap-heading">{t.gapHeading}</h2>
            {showsGap(d.role) ? (
              <>
                <p>{t.gapIntro}</p>
                <GapTable lang={lang} d={d} />
              </>
            ) : (
              // Tactical management was asked about itself; the gap compares two other roles.
              <p id="gap-elsewhere">
                {t.gapElsewhere}{' '}
                <a
                  href={`/app/programmes/${d.programme.id}?wave=${encodeURIComponent(d.wave.id)}&role=medewerker&lang=${lang}#gap-heading`}
                >
                  {t.gapElsewhereLink}
                </a>
              </p>
            )}
          </section>

          {d.rolesAsked[d.role] ? (
            <QuestionSection
              lang={lang}
              k={d.k}
              wave={d.wave.label}
              roleLabel={roleLabel}
              dimensions={d.dimensions}
              detail={d.questions ?? null}
              partners={d.partners}
              programmeSuppressed={d.programme.suppressed}
              programmeScores={d.programme.scores}
              hrefOf={(dimension) =>
                `/app/programmes/${d.programme.id}/questions/${encodeURIComponent(dimension)}?wave=${encodeURIComponent(d.wave.id)}&role=${d.role}&lang=${lang}`
              }
            />
          ) : null}

          {actions && (
            <PartnerReports
              lang={lang}
              pid={d.programme.id}
              waveId={d.wave.id}
              role={d.role}
              partners={d.partners.map((p) => ({
                id: p.id,
                name: p.name,
                // Why its report shows no numbers, by the words the report itself uses (report-page.tsx
                // `hiddenText`): too few answers, not asked in this wave, or not yet a partner. Only where
                // the role was asked of nobody is "niet gevraagd" left off, said once above for the whole page.
                hidden:
                  p.suppressed &&
                  !(p.hiddenBecause === 'not-asked' && !d.partners.some((x) => x.hiddenBecause !== 'not-asked'))
                    ? hiddenWords(t, p, d.k, false)
                    : undefined,
              }))}
              outcomes={actions.outcomes}
              dims={d.dimensions}
              waves={d.waves.filter((w) => w.id === d.wave.id)}
              writableFor={actions.writableFor}
              policy={canLead ? { partnerViewers: actions.partnerViewers } : undefined}
              shownWaves={d.waves}
              agree={agree}
            />
          )}
        </>
      ) : (
        <NotPublished lang={lang} d={d} participation={participation} />
      )}
      <ChangesRecord lang={lang} d={d} />

      <section aria-labelledby="trend-heading">
        <h2 id="trend-heading">
          <TitleOf title={`${t.trendHeading}: ${who}`} of={[roleLabel]} />
        </h2>
        {trend.waves.length === 0 ? (
          // Before the first wave closes there is nothing to draw: an empty chart and a table of
          // dimensions alone would read as results gone missing.
          <p id="trend-none">
            {fill(t.trendNoneYet, { wave: d.wave.label, date: longDate(lang, lastOpenDay(d.wave.closesAt)) })}
          </p>
        ) : (
          <>
            <p>
              {t.trendExplain}{' '}
              <a href="#glossary-change" data-open>
                {t.glossary_link}
              </a>
            </p>
            <TrendPicker lang={lang} d={d} trendKey={trendKey} />
            <figure class="chart trend-chart">
              <canvas id="trend" role="img" aria-label={fill(t.trendAlt, { who })} width="720" height="360"></canvas>
              <figcaption>
                {/* What the two kinds of marker mean, beside the lines (the legend names only the lines): shown
                    by the page's script with a drawn chart that marks a clear change (web/results.ts). */}
                <p class="chart-key" id="trend-key" data-chart-key="trend" hidden>
                  <span class="trend-point trend-point-clear" aria-hidden="true"></span> {t.trendKeyClear}{' '}
                  <span class="trend-point" aria-hidden="true"></span> {t.trendKeyOther}
                </p>
                <button type="button" class="secondary" data-png="trend" hidden>
                  {t.downloadPng}
                </button>
              </figcaption>
            </figure>
            <TrendTable
              lang={lang}
              d={d}
              trend={trend}
              caption={`${t.trendCaption} · ${who} · ${roleLabel}`}
              actions={trend.partner ? actions?.outcomes.filter((o) => o.action.partnerId === trend.partner!.id) : []}
            />
          </>
        )}
      </section>

      {d.published && (
        <section aria-labelledby="export-heading" class="no-print">
          <h2 id="export-heading">{t.exportHeading}</h2>
          {canLead && <p>{fill(t.exportIntro, { wave: d.wave.label })}</p>}
          <ul class="exports">
            {/* The CSV is for leads (API contract); a viewer prints or saves the charts instead. */}
            {canLead && (
              <li>
                <a href={exportUrl('')} download>
                  {t.exportCsv}
                </a>
              </li>
            )}
            {canLead && (
              <li>
                <a href={exportUrl('&sep=semicolon')} download>
                  {t.exportCsvNl}
                </a>
              </li>
            )}
            {readsQuality && (
              <li>
                <a
                  href={`/app/programmes/${d.programme.id}/quality?wave=${encodeURIComponent(d.wave.id)}&role=${d.role}&lang=${lang}`}
                >
                  {t.qualityLink}
                </a>
              </li>
            )}
            <li>
              <button type="button" class="secondary" data-print hidden>
                {t.print}
              </button>
            </li>
          </ul>
        </section>
      )}

      <section aria-labelledby="explain-heading" class="explain">
        <h2 id="explain-heading">{t.levelsHeading}</h2>
        {d.levels.map((l) => (
          <details id={`level-${l.level}`}>
            <summary>{`${l.level}. ${l.name[lang]} (${band(l.level)})`}</summary>
            <p>{l.description[lang]}</p>
            <ul>
              {d.dimensions.map((dim) => (
                <li>
                  <strong>{`${dim.label[lang]}: `}</strong>
                  {l.behaviour[dim.key]?.[lang]}
                </li>
              ))}
            </ul>
          </details>
        ))}
        <p id="unclear-explain">{fill(t.levelNotYetClearExplain, { n: MIN_N_FOR_LEVEL, clusters: MIN_CLUSTERS })}</p>
        {d.dispersionCap ? (
          <p id="capped-explain">
            {fill(t.cappedExplain, { sd: f.format(d.dispersionCap.sdAbove), level: d.dispersionCap.maxLevel })}
          </p>
        ) : null}
        {d.agreement ? (
          <p id="disagree-explain">
            {agreementWords(lang, d.agreement).explain}{' '}
            <a href="#glossary-agreement" data-open>
              {agreementWords(lang, d.agreement).link}
            </a>
          </p>
        ) : null}
        <h2>{t.dimensionsHeading}</h2>
        {d.dimensions.map((dim) => (
          <details id={`dimension-${dim.key}`}>
            <summary>{`${dim.label[lang]}${dim.radar ? '' : ` (${t.indicatorsHeading.toLowerCase()})`}`}</summary>
            <p>{dim.description[lang]}</p>
          </details>
        ))}
      </section>
      <Glossary lang={lang} agreement={d.agreement} />
      <ScriptData id="results-data" data={island} />
    </AppPage>
  )
}

/**
 * The scores table under its heading; past TALL_HEATMAP partners, folded under it. There it repeats
 * the heatmap's numbers, with margins, spread and n, in about 6,500 px at 40 partners, between the
 * first screens and the gaps and the trend a lead reads next; opened with one key, and printed
 * whole (web/results.css, `.scores-fold` in print).
 */
function ScoresFold(props: { folded: boolean; lang: Lang; rows: number; children: Child }) {
  const t = messages[props.lang]
  if (!props.folded)
    return (
      <>
        <h3>{t.tableHeading}</h3>
        {props.children}
      </>
    )
  return (
    <details class="scores-fold" id="scores-fold">
      <summary>
        <h3>{t.tableHeading}</h3>
        <span class="summary-hint">{fill(t.scoresFold_hint, { n: props.rows })}</span>
      </summary>
      {props.children}
    </details>
  )
}
