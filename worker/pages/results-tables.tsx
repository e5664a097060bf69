import { decimal, percent, signed } from '../../schema/format.ts'
import type { Results, Trend } from '../domain/wave-results.ts'
import type { Role } from '../../schema/instrument.ts'
import { MIN_CLUSTERS, type CellView, type Score } from '../domain/publication.ts'
import {
  AGREEMENT_DIGITS,
  checkableChange,
  clearAsShown,
  intervalLevels,
  marginReaches,
  shownAgreement,
  shownDiff,
  shownInterval,
} from '../domain/levels.ts'
import { listWords, messages, spanWords, type Lang, type Messages, levelMarginWords } from '../i18n/messages.ts'
import type { NoGap } from '../domain/gap.ts'
import { fill } from '../../schema/format.ts'
import { Scroll } from './layout.tsx'
import { GapBasis, GapCells, gapSentence, gapWords, versusText } from './gap-words.tsx'
import { outcomeText } from './actions-section.tsx'
import type { ActionLike, ActionOutcome } from '../domain/action-outcomes.ts'

/**
 * The dashboard's tables: the full text alternative of every chart, and what a printout keeps.
 * Numbers are formatted for the page's language (a decimal comma in Dutch).
 */

function ScoreCell({
  s,
  lang,
  d,
  t,
  many,
}: {
  s: Score | null | undefined
  lang: Lang
  d: Results
  t: Messages
  /** A table of many partners: its words without a link each (the explanations are linked above it). */
  many: boolean
}) {
  if (!s) return <td class="muted">{t.tooFewForDimension}</td>
  const f = decimal(lang)
  const level = d.levels.find((l) => l.level === s.level)
  // The levels a not-yet-clear interval spans, as the heatmap and the report name them.
  const span = s.ci95 && d.bands.length ? spanWords(t, intervalLevels(d.bands, s.ci95)) : ''
  return (
    <td>
      <span class="mean">{f.format(s.mean)}</span>
      {s.ci95 ? (
        // The margin in plain words on hover and for a screen reader; the term is in the glossary.
        <span
          class="ci"
          title={fill(t.marginTitle, {
            low: f.format(shownInterval(s.ci95)[0]),
            high: f.format(shownInterval(s.ci95)[1]),
          })}
        >
          {' '}
          (
          {shownInterval(s.ci95)
            .map((x) => f.format(x))
            .join('–')}
          )
        </span>
      ) : null}
      <br />
      {s.verdict.because === 'disagree' ? (
        many ? (
          <span class="level level-held">{t.levelDisagree}</span>
        ) : (
          <a class="level level-held" href="#disagree-explain">
            {t.levelDisagree}
          </a>
        )
      ) : s.verdict.level === null ? (
        <>
          {many ? (
            <span class="level level-unclear">{t.levelNotYetClear}</span>
          ) : (
            <a class="level level-unclear" href="#unclear-explain">
              {t.levelNotYetClear}
            </a>
          )}
          {span ? <span class="level-span">{` ${span}`}</span> : null}
        </>
      ) : (
        <span class={`level level-${s.level}`}>
          {`${s.level} ${level?.name[lang] ?? ''}${levelMarginWords(messages[lang], marginReaches(s.verdict))}`}
        </span>
      )}
      {s.capped && d.dispersionCap ? (
        <>
          <br />
          <a class="capped" href="#capped-explain">{`* ${fill(t.capped, { level: d.dispersionCap.maxLevel })}`}</a>
        </>
      ) : null}
      <br />
      <span class="cell-detail">{fill(t.cellDetail, { sd: s.sd === null ? '–' : f.format(s.sd), n: s.n })}</span>
      {/* The agreement behind a held-back level, one click from its plain sentence; other cells stay uncrowded. */}
      {/* The split rule's share is not printed (schema/instrument.ts `Agreement`): its sentence says what held the level back. */}
      {s.verdict.because === 'disagree' && s.agreement !== null && d.agreement?.index === 'rwg_mean' ? (
        <>
          <br />
          <span class="cell-detail">
            {fill(t.agreementDetail, {
              rwg: decimal(lang, AGREEMENT_DIGITS).format(shownAgreement(s.agreement)),
              threshold: decimal(lang, AGREEMENT_DIGITS).format(d.agreement.threshold),
            })}
          </span>
        </>
      ) : null}
    </td>
  )
}

/**
 * Why a hidden row shows no numbers: the partner was not yet a partner in that wave (a trend's
 * wave before it was added), the role was not asked of it in this wave (no link), or fewer than k
 * answered (for the programme: no partner shown). Never a count below k.
 */
export function hiddenWords(t: Messages, cell: Pick<CellView, 'hiddenBecause'>, k: number, programme: boolean): string {
  if (cell.hiddenBecause === 'not-partner') return t.notPartner
  if (cell.hiddenBecause === 'not-asked') return t.notAsked
  return fill(programme ? t.programmeHidden : t.suppressed, { k })
}

type Row = CellView & { responseRate?: number | null }

/**
 * The partners this role was not asked of in the wave (no survey link), in one line under a
 * figure, not a row each: with 40 partners and 4 asked, 36 rows that each said "niet gevraagd" hid
 * the four (in the heatmap, then in the score and question tables: lead reviews).
 */
export function NotAsked({
  lang,
  partners,
  id,
}: {
  lang: Lang
  partners: readonly { name: string; hiddenBecause?: string | null }[]
  id: string
}) {
  const none = partners.filter((p) => p.hiddenBecause === 'not-asked')
  if (none.length === 0) return null
  return (
    <details class="not-asked" id={id}>
      <summary>{fill(messages[lang].notAskedPartners, { n: none.length, of: partners.length })}</summary>
      <p>{none.map((p) => p.name).join(', ')}</p>
    </details>
  )
}

/** Per partner (and the programme) and dimension: mean, interval, level, spread and n; partners not asked in one line under it. */
export function ScoreTable({
  id,
  lang,
  d,
  keys,
  caption,
}: {
  id: string
  lang: Lang
  d: Results
  keys: string[]
  caption: string
}) {
  const t = messages[lang]
  const dims = d.dimensions.filter((x) => keys.includes(x.key))
  // A rate column when the lead entered a headcount for this role anywhere.
  const withRate = d.partners.some((p) => p.headcounts[d.role] !== null)
  const rows: [string, Row][] = [
    [t.programmeWhole, d.programme],
    ...d.partners.filter((p) => p.hiddenBecause !== 'not-asked').map((p): [string, Row] => [p.name, p]),
  ]
  // At 40 partners a link in every cell was 195 stops for the keyboard to the same two explanations:
  // past a dozen partners they are linked once, above the table (a lead's review).
  const many = rows.length - 1 > MANY_ROWS
  return (
    <>
      {many ? (
        <p class="hint" id={`${id}-explain`}>
          {`${t.scores_explainCells} `}
          <a href="#unclear-explain">{t.levelNotYetClearShort}</a>
          {d.agreement ? (
            <>
              {' · '}
              <a href="#disagree-explain">{t.levelDisagreeShort}</a>
            </>
          ) : null}
        </p>
      ) : null}
      <Scroll label={caption}>
        <table class="scores" id={id}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.partner}</th>
              <th scope="col">{t.responses}</th>
              {withRate ? <th scope="col">{t.responseRate}</th> : null}
              {dims.map((x) => (
                <th scope="col">
                  <a href={`#dimension-${x.key}`} data-open>
                    {x.label[lang]}
                  </a>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, cell]) => (
              <tr>
                <th scope="row">{name}</th>
                {cell.suppressed ? (
                  <td colspan={dims.length + (withRate ? 2 : 1)} class="suppressed">
                    {/* The programme is the sum of the partners shown: hidden, it need not be fewer than k answers. */}
                    {hiddenWords(t, cell, d.k, cell === d.programme)}
                  </td>
                ) : (
                  <>
                    <td>{cell.n}</td>
                    {withRate ? (
                      <td>{cell.responseRate != null ? percent(lang).format(cell.responseRate) : '–'}</td>
                    ) : null}
                    {dims.map((x) => (
                      <ScoreCell s={cell.scores?.[x.key]} lang={lang} d={d} t={t} many={many} />
                    ))}
                  </>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <NotAsked lang={lang} partners={d.partners} id={`${id}-not-asked`} />
    </>
  )
}

/** Past this many partners a score table links its explanations once, above it, not in every cell (as the heatmap does, results-standouts.tsx). */
const MANY_ROWS = 12

/** A gap dimension's name: from the gap's own list, since it need not be a dimension of the role shown. */
export const gapLabel = (d: Results, lang: Lang, key: string) => d.gapLabels[key]?.[lang] ?? key

/** The programme's typical gap per dimension: the programme rows of both views, their gap and its interval. */
function TypicalGapTable({ lang, d }: { lang: Lang; d: Results }) {
  const t = messages[lang]
  const caption = fill(t.gap_typicalCaption, { wave: d.wave.label })
  return (
    <Scroll label={caption}>
      <table class="gap" id="gap-typical">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.dimension}</th>
            {/* What each number is, so a reader can check it by hand: means of the partners, not the programme rows. */}
            <th scope="col">{t.gap_partnersBoth}</th>
            {/* With the report's soft hyphens (web/results.css: on paper only): "Teamma / nagers" printed. */}
            <th scope="col">{`${t.report_gapManagersColumn} (${t.gap_meanOfPartners})`}</th>
            <th scope="col">{`${t.report_gapStaffColumn} (${t.gap_meanOfPartners})`}</th>
            <th scope="col">{`${t.gap} (${t.gap_meanOfPartnerGaps})`}</th>
            <LikelyBetween t={t} />
            {/* The yardstick of the rows below, beside the mean: each partner's "usual" is the median of the others. */}
            <th scope="col">{t.gap_medianOfPartnerGaps}</th>
            <th scope="col">{t.gap_reading}</th>
          </tr>
        </thead>
        <tbody>
          {d.gapTypical.map((g) => (
            <tr id={`gap-typical-${g.dimension}`} data-dimension={g.dimension}>
              <th scope="row">{g.label[lang]}</th>
              <td>{g.partners}</td>
              <GapCells lang={lang} g={g} bases={d.gapBasis} />
              <td class="gap-median">{signed(lang, g.median)}</td>
              <td>{gapSentence(lang, g)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

/** A gap table's interval column: plain words first, as in the report; the term ("95% Welch interval") one click away, in the glossary. */
function LikelyBetween({ t }: { t: Messages }) {
  return (
    <th scope="col">
      <a href="#glossary-gap" data-open>
        {t.gap_likelyBetween}
      </a>
    </th>
  )
}

/**
 * Managers' self-view minus the staff view per partner, largest first, only where both cells are
 * shown: with its interval and, in words, against the programme's typical gap. The
 * first row is read out in full as the example of how to read one.
 */
export function GapTable({ lang, d }: { lang: Lang; d: Results }) {
  const t = messages[lang]
  // No gap anywhere although both groups are shown somewhere: why, per dimension, not "no partner has both".
  if (d.gap.length === 0 && d.gapTypical.length === 0)
    return d.gapMissing.partners > 0 ? <GapMissing lang={lang} d={d} /> : <p class="notice">{t.gapNone}</p>
  const first = d.gap[0]
  return (
    <>
      <h3>{t.gap_typicalHeading}</h3>
      <p>{t.gap_typicalIntro}</p>
      <TypicalGapTable lang={lang} d={d} />
      <GapMissing lang={lang} d={d} />
      <h3>{t.gap_partnersHeading}</h3>
      {first ? <PartnerGaps lang={lang} d={d} /> : <p class="notice">{t.gapNone}</p>}
      <GapBasis lang={lang} bases={d.gapBasis} label={(key) => gapLabel(d, lang, key)} />
      <p>
        <a href="#glossary-gap" data-open>
          {t.gap_glossaryLink}
        </a>
      </p>
    </>
  )
}

/** What a partner without a gap on a dimension lacks (domain/gap.ts `NoGap`), in the page's words. */
export const noGapWords = (t: Messages, why: NoGap, k: number) =>
  fill(
    {
      'managers-few': t.gap_noGap_managersFew,
      'staff-few': t.gap_noGap_staffFew,
      'shared-few': t.gap_noGap_sharedFew,
      'shared-hidden': t.gap_noGap_sharedHidden,
      'shared-not-kept': t.gap_noGap_sharedNotKept,
    }[why],
    { k },
  )

/**
 * How many partners have both groups shown, and per dimension those of them without a gap there
 * and why, partners of one reason together (a programme of 40 partners lists a name, not a row):
 * the programme's count on a dimension plus these is the partners with both groups shown.
 */
function GapMissing({ lang, d }: { lang: Lang; d: Results }) {
  const t = messages[lang]
  const { partners, dimensions } = d.gapMissing
  return (
    <>
      <p id="gap-both">{fill(t.gap_bothShown, { n: partners, of: d.partners.length })}</p>
      {dimensions.length > 0 ? (
        <>
          <p id="gap-missing-intro">{t.gap_missingIntro}</p>
          <ul id="gap-missing">
            {dimensions.map((x) => {
              const reasons = [...new Set(x.partners.map((p) => p.why))].map(
                (why) =>
                  `${listWords(
                    t,
                    x.partners.filter((p) => p.why === why).map((p) => p.name),
                  )}: ${noGapWords(t, why, d.k)}`,
              )
              return (
                <li data-dimension={x.dimension}>
                  {fill(t.gap_missingDimension, {
                    dimension: gapLabel(d, lang, x.dimension),
                    n: x.partners.length,
                    of: partners,
                    reasons: reasons.join('; '),
                  })}
                </li>
              )
            })}
          </ul>
        </>
      ) : null}
    </>
  )
}

/**
 * Up to this many partner gaps read as one table; more (a programme of 40 partners had 152 rows,
 * 126 of them "not shown to differ" from the typical gap) show those that differ, and the rest one
 * click away: a link to one of them (its `#gap-…` row) opens it.
 */
const GAP_ROWS_WHOLE = 20

function PartnerGaps({ lang, d }: { lang: Lang; d: Results }) {
  const t = messages[lang]
  const alike = d.gap.filter((g) => g.versusTypical === 'same')
  const split = d.gap.length > GAP_ROWS_WHOLE && alike.length > 0 && alike.length < d.gap.length
  const shown = split ? d.gap.filter((g) => g.versusTypical !== 'same') : d.gap
  // The example is the first row the reader sees: the first of all was folded away with the gaps
  // not shown to differ, so the example named a row nowhere on screen (a lead's review).
  const first = shown[0]!
  return (
    <>
      <p id="gap-example">
        {`${fill(t.gap_example, { partner: first.partner, dimension: gapLabel(d, lang, first.dimension) })} `}
        {gapWords(lang, first)}
      </p>
      <PartnerGapTable lang={lang} d={d} rows={shown} id="gap-table" caption={`${t.gapHeading} · ${d.wave.label}`} />
      {split ? (
        <details id="gap-same">
          <summary>{fill(t.gap_sameSummary, { n: alike.length })}</summary>
          <PartnerGapTable
            lang={lang}
            d={d}
            rows={alike}
            id="gap-table-same"
            caption={`${t.gapHeading} · ${d.wave.label} · ${t.gap_sameCaption}`}
          />
        </details>
      ) : null}
    </>
  )
}

function PartnerGapTable({
  lang,
  d,
  rows,
  id,
  caption,
}: {
  lang: Lang
  d: Results
  rows: Results['gap']
  id: string
  caption: string
}) {
  const t = messages[lang]
  return (
    <Scroll label={caption}>
      <table class="gap" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t.partner}</th>
            <th scope="col">{t.dimension}</th>
            <th scope="col">{t.report_gapManagersColumn}</th>
            <th scope="col">{t.report_gapStaffColumn}</th>
            <th scope="col">{t.gap}</th>
            <LikelyBetween t={t} />
            <th scope="col">{t.gap_versus}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((g) => (
            <tr id={`gap-${g.partnerId}-${g.dimension}`} data-versus={g.versusTypical ?? undefined}>
              <th scope="row">{g.partner}</th>
              <td>{gapLabel(d, lang, g.dimension)}</td>
              <GapCells lang={lang} g={g} bases={d.gapBasis} />
              <td>{versusText(lang, g)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Scroll>
  )
}

/**
 * One partner's (or the programme's) scores per wave, with the change marked only where Welch's
 * test says it is real. With `actions` (a partner's trend), each dimension's row ends with its
 * agreed actions and what followed at the next wave, beside the numbers they answer.
 */
export function TrendTable({
  lang,
  d,
  trend,
  caption,
  actions = [],
}: {
  lang: Lang
  d: Results
  trend: Trend
  caption: string
  actions?: ActionOutcome<ActionLike & { what: string }>[]
}) {
  const t = messages[lang]
  const f = decimal(lang)
  const withActions = actions.length > 0
  return (
    <>
      <Scroll label={caption}>
        <table class="trend" id="trend-table">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t.dimension}</th>
              {trend.waves.map((w) => (
                <th scope="col">{w.wave.label}</th>
              ))}
              {withActions ? (
                <th scope="col" id="trend-actions">
                  {t.actions_heading}
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            <tr class="trend-n">
              <th scope="row">{t.responses}</th>
              {trend.waves.map((w) =>
                w.suppressed ? (
                  // Each wave's own reason (`waveTrend`): a wave before the partner was added read "fewer than 5 answers".
                  // Said once, down the wave's whole column (a lead read "niet gevraagd in deze ronde" in every
                  // row of it): the cell spans the count and every dimension's row, so by the table's header
                  // rules a screen reader still hears it in each of them, under each row's dimension.
                  <td
                    class="suppressed wave-hidden"
                    data-hidden={w.hiddenBecause ?? 'few'}
                    rowspan={1 + d.dimensions.length}
                  >
                    {hiddenWords(t, w, trend.k, !trend.partner)}
                  </td>
                ) : (
                  <td>{w.n}</td>
                ),
              )}
              {withActions ? <td></td> : null}
            </tr>
            {d.dimensions.map((dim) => (
              <tr id={`trend-row-${dim.key}`} data-dimension={dim.key}>
                <th scope="row">{dim.label[lang]}</th>
                {trend.waves.map((w, i) => {
                  // The wave's column is its one cell above (the count's row), which spans this row too.
                  if (w.suppressed) return null
                  const s = w.scores?.[dim.key]
                  const was = trend.waves[i - 1]?.scores?.[dim.key]
                  const change = w.change?.[dim.key]
                  const up = (change?.diff ?? 0) > 0
                  return (
                    <td>
                      {s ? (
                        <span class="mean">{f.format(s.mean)}</span>
                      ) : (
                        <span class="muted">{t.tooFewForDimension}</span>
                      )}
                      {change?.significant && s && was && clearAsShown(true, was.mean, s.mean) ? (
                        <span class={up ? 'up' : 'down'}>{` ${up ? t.changeUp : t.changeDown}`}</span>
                      ) : null}
                      {change?.partnersChanged && !change.matched ? (
                        // The programme's total holds other partners than the wave before: no change is tested (domain/publication.ts `Change`).
                        <span class="muted partners-changed">{` (${fill(t.trendPartnersChanged, { wave: trend.waves[i - 1]?.wave.label ?? '' })})`}</span>
                      ) : null}
                      {change?.partnersChanged && change.matched ? (
                        // Tested over the partners shown in both waves alone (domain/publication.ts `matchedChange`), with
                        // their two means, so the change read is theirs and not the whole programme's beside it.
                        <span class="partners-matched">
                          {` (${fill(t.trendMatched, {
                            wave: trend.waves[i - 1]?.wave.label ?? '',
                            n: change.matched.partners,
                            from: f.format(change.matched.from),
                            to: f.format(change.matched.to),
                          })}`}
                          {clearAsShown(change.matched.significant, change.matched.from, change.matched.to) ? (
                            <span
                              class={change.matched.diff > 0 ? 'up' : 'down'}
                            >{` ${change.matched.diff > 0 ? t.changeUp : t.changeDown}`}</span>
                          ) : (
                            ` ${t.trendMatchedNotClear}`
                          )}
                          {')'}
                        </span>
                      ) : null}
                      {change?.fewPartners ? (
                        // Fewer than MIN_CLUSTERS shown partners: no design effect, so no test (domain/publication.ts `Change`).
                        <span class="muted few-partners">{` (${fill(t.trendFewPartners, { n: MIN_CLUSTERS })})`}</span>
                      ) : null}
                      {w.notComparable.includes(dim.key) ? <span class="muted">{` (${t.notComparable})`}</span> : null}
                    </td>
                  )
                })}
                {withActions ? (
                  <td class="trend-action-cell">
                    {actions
                      .filter((o) => o.action.dimension === dim.key)
                      .map((o) => (
                        <p class="trend-action" data-action-wave={o.action.waveId}>
                          {`⚑ ${o.action.what}`}
                          {/* On paper the partner report gives it once, in its list of actions (web/report.css). */}
                          <span class="trend-action-outcome">{` — ${outcomeText(lang, o)}`}</span>
                        </p>
                      ))}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </Scroll>
      <TrendWhy lang={lang} d={d} trend={trend} />
    </>
  )
}

/**
 * Why a change has no arrow, under the trend (a lead saw +0,3 on every dimension of the programme
 * and no arrow, with no reason given): the largest change tested and not marked, with its two means
 * and its margin (domain/publication.ts `Change`), which reaches 0; for the programme, that its
 * margin also holds how much the partners differ. Nothing where every tested change has its arrow.
 */
function TrendWhy({ lang, d, trend }: { lang: Lang; d: Results; trend: Trend }) {
  const t = messages[lang]
  // Each said as a reader can check it by hand, every number a true rounding of the API's
  // (domain/levels.ts `checkableChange`): the margin rounded up to tenths beside the table's
  // one-decimal means printed ± 0,3 for a margin of 0.247.
  const said = (from: number, to: number, margin: number) => checkableChange(from, to, margin, shownDiff(to, from))
  const unmarked = trend.waves.flatMap((w, i) =>
    d.dimensions.flatMap((dim) => {
      const c = w.change?.[dim.key]
      const was = trend.waves[i - 1]?.scores?.[dim.key]
      const now = w.scores?.[dim.key]
      const between = { from: trend.waves[i - 1]?.wave.label ?? '', to: w.wave.label }
      // Over the partners in both waves (`matched`): its own two means, as its note shows them (a hostile review).
      const m = c?.partnersChanged ? c.matched : undefined
      if (m && !m.significant)
        return [
          {
            dim,
            label: `${dim.label[lang]}, ${fill(t.trendWhyMatched, { n: m.partners })}`,
            ...said(m.from, m.to, m.margin),
            between,
          },
        ]
      return c && c.p !== null && !c.significant && was && now
        ? [{ dim, label: dim.label[lang], ...said(was.mean, now.mean, c.margin), between }]
        : []
    }),
  )
  // The largest as said, the latest wave first among equals.
  const largest = unmarked.reduce<(typeof unmarked)[number] | null>(
    (best, u) => (!best || Math.abs(u.diff) >= Math.abs(best.diff) ? u : best),
    null,
  )
  // Nothing moved as said (0,00 everywhere without an arrow, and so 0,0 in the table): there is no change to explain.
  if (!largest || largest.diff === 0) return null
  // The others as large, between the same two waves: "the largest" of several equals names them all,
  // or a reader takes the one named for the only one (a lead saw −0,1 named for one of three).
  // Each with its own signed change: as large may be a rise beside a fall.
  const tied = unmarked
    .filter((u) => u !== largest && u.between.to === largest.between.to && Math.abs(u.diff) === Math.abs(largest.diff))
    .map((u) => `${u.label} (${signed(lang, u.diff, u.digits)})`)
  const f = decimal(lang, largest.digits)
  return (
    <p class="trend-why" id="trend-why">
      {fill(t.trendWhy, {
        digits: t[`trendWhyDigits${largest.digits as 2 | 3 | 4}`],
        diff: signed(lang, largest.diff, largest.digits),
        dimension: largest.label,
        fromMean: f.format(largest.from),
        toMean: f.format(largest.to),
        from: largest.between.from,
        to: largest.between.to,
        margin: f.format(largest.margin),
      })}
      {tied.length > 0
        ? ` ${fill(t.trendWhyTied, {
            dimensions:
              tied.length === 1 ? tied[0]! : `${tied.slice(0, -1).join(', ')} ${t.standouts_and} ${tied.at(-1)}`,
          })}`
        : ''}
      {trend.partner ? '' : ` ${t.trendWhyProgramme}`}
    </p>
  )
}

/**
 * Above a manager role's figures, on the results page and in the partner report: its answers are
 * about the managers' own conduct, so a level is how they see themselves, milder on average than
 * how others see them, and not the partner's maturity; and what to compare it with, which for
 * tactical management is not the gap (that is team managers against their staff). Nothing for staff.
 */
export function SelfRatingNotice({ lang, role }: { lang: Lang; role: Role }) {
  if (role === 'medewerker') return null
  const t = messages[lang]
  return (
    <p class="notice" id="self-rating-explain">
      {`${fill(t.selfRatingExplain, { role: t[`roleView_${role}`] })} ${t[`selfRatingCompare_${role}`]}`}
    </p>
  )
}
