import type { Child } from 'hono/jsx'
import type { Results } from '../domain/wave-results.ts'
import {
  heatmapOf,
  heatSortDefaultDir,
  heatSortDir,
  heatSortParam,
  type HeatRow,
  type HeatSort,
} from '../domain/heatmap.ts'
import { CHANCE, type Headline, type Standout, type StandoutGroup, type Tie } from '../domain/standouts.ts'
import {
  countOf,
  type Lang,
  listWords,
  type Messages,
  messages,
  spanWords,
  levelMarginWords,
} from '../i18n/messages.ts'
import { decimal as fmt } from '../../schema/format.ts'
import { dayOf, fill, sentenceStart, signed } from '../../schema/format.ts'
import { ActionMarker, overdueWords, shortened } from './actions-section.tsx'
import type { ACTION_STATUSES } from '../../schema/api.ts'
import { MIN_OTHER_PARTNERS, showsGap, sizeVersusTypical } from '../domain/gap.ts'
import { AGREEMENT_DIGITS, MIN_N_FOR_LEVEL } from '../domain/levels.ts'
import { actionsInView, isOverdue } from '../domain/action-outcomes.ts'
import { intervalText, num } from './gap-words.tsx'
import { Scroll, TitleOf, WrapAfter } from './layout.tsx'
import { dimensionLabel } from './dimension-label.ts'
import { gapLabel, hiddenWords, NotAsked } from './results-tables.tsx'
import type { HiddenBecause } from '../domain/publication.ts'
import type { ResultsScriptData } from '../../schema/page-data.ts'
import { TALL_HEATMAP } from './results-chart.ts'
import { heatGapWhy } from './heatmap-gap-reasons.ts'
import type { Recordable } from '../services/action-service.ts'
import { shown } from '../domain/levels.ts'

/**
 * The top of the results page: what stands out, in plain words with the
 * numbers behind each point, and the heatmap of every partner × dimension; the glossary at the
 * bottom keeps the technical terms one click away. Only what the dashboard shows goes in: the
 * stand-outs come from domain/standouts.ts, the heatmap rows from domain/heatmap.ts.
 */

type Ctx = { lang: Lang; d: Results; trendKey: string; steps?: Steps }
type ActionStatus = (typeof ACTION_STATUSES)[number]

/** The anchor of a heatmap cell: the figure a stand-out about that subject and dimension points to. */
const heatCellId = (partnerId: string | null, dimension: string) => `heat-${partnerId ?? 'programme'}-${dimension}`

/**
 * A level's background in the heatmap: light to darker blue as the level rises, every shade
 * light enough for the page's dark text (contrast above 4.5:1); the level is in the text too. The
 * lowest is no longer near-white (#f4f7fb read as an empty cell beside the page): each
 * step is distinct from the next, and every cell has a border of 3:1 against the page (web/results.css).
 */
function heatShade(level: number, levels: number): string {
  const shades = ['#e3ecf6', '#c9dbee', '#aecae5', '#93b8dc', '#77a5d2']
  const i = levels > 1 ? Math.round(((level - 1) / (levels - 1)) * (shades.length - 1)) : shades.length - 1
  return shades[Math.min(shades.length - 1, Math.max(0, i))]!
}

/**
 * The pale tint of a "not yet clear" cell, as its style: the shades of the lowest and highest level
 * its interval spans, side by side, each mixed half with white so no tint reads as a level's own
 * shade. Two plain colours, not a gradient: web/results.css blends them on screen and prints them
 * as two halves, since Chromium prints every CSS gradient as an image (a 40-partner results page
 * printed at 45 MB).
 */
function unclearTint(span: [number, number], levels: number): string {
  const pale = (level: number) => `color-mix(in srgb, ${heatShade(level, levels)} 50%, #fff)`
  return `--tint-from:${pale(span[0])};--tint-to:${pale(span[1])}`
}

/** Where an agreed action's marker goes in a heatmap cell: one slot per shown cell, the marker only for a partner's. */
function ActionSlot({
  lang,
  partnerId,
  dimension,
  marks,
}: {
  lang: Lang
  partnerId: string | null
  dimension: string
  marks: Marks
}) {
  const key = slotKey(partnerId, dimension)
  const t = messages[lang]
  const mark = marks.get(key)
  return (
    <span class="action-slot" data-action-slot={key}>
      {partnerId && mark ? (
        <>
          <ActionMarker
            lang={lang}
            count={mark.count}
            overdue={mark.overdue}
            partnerId={partnerId}
            dimension={dimension}
          />
          {mark.earlier.map((e) => {
            const rest = `${fill(t.heatmap_actionEarlier, { wave: e.wave, status: t[`actions_status_${e.status}`] })}${overdueWords(lang, 1, e.overdue ? 1 : 0)}`
            const text = `${t.heatmap_actionEarlierWords} ${rest}`
            return (
              <span
                class="action-marker action-earlier"
                data-action-partner={partnerId}
                data-action-dimension={dimension}
                data-action-wave={e.waveId}
                title={text}
              >
                {/* On a phone "afspraak uit" is read out but not shown (web/results.css): the legend's ⚑ says it. */}⚑{' '}
                <span class="action-words">{`${t.heatmap_actionEarlierWords} `}</span>
                {rest}
              </span>
            )
          })}
        </>
      ) : null}
    </span>
  )
}

/**
 * Per heatmap slot, the agreed actions of the wave shown (counted) and those agreed in an earlier
 * wave, each with its wave and status: an action stays in view in the waves after it.
 */
type Marks = Map<
  string,
  {
    count: number
    overdue: number
    earlier: { waveId: string; wave: string; status: ActionStatus; overdue: boolean }[]
  }
>
function pageUrl({ lang, d, trendKey }: Ctx, params: Record<string, string>) {
  const q = new URLSearchParams({
    wave: d.wave.id,
    role: d.role,
    ...(trendKey !== 'programme' ? { trend: trendKey } : {}),
    lang,
    ...params,
  })
  return `/app/programmes/${d.programme.id}?${q.toString()}`
}

function Item({ ctx, x }: { ctx: Ctx; x: Standout }) {
  const { lang, d } = ctx
  const t = messages[lang]
  const f = fmt(lang)
  const label = (key: string) => dimensionLabel(d.dimensions, key, lang)
  const pid = x.subject.kind === 'partner' ? x.subject.id : null
  if (x.kind === 'strongest' || x.kind === 'weakest') {
    const levelName = d.levels.find((l) => l.level === x.level)?.name[lang] ?? ''
    return (
      <a href={`#${heatCellId(pid, x.dimension)}`}>
        {x.level === null
          ? fill(
              x.held
                ? t.standouts_itemHeld
                : x.span && x.span[0] !== x.span[1]
                  ? t.standouts_itemUnclearSpan
                  : t.standouts_itemUnclear,
              {
                dimension: label(x.dimension),
                mean: f.format(x.mean),
                from: x.span?.[0] ?? '',
                to: x.span?.[1] ?? '',
              },
            )
          : fill(t.standouts_item, {
              dimension: label(x.dimension),
              mean: f.format(x.mean),
              level: x.level,
              levelName,
            }) + levelMarginWords(messages[lang], x.reaches)}
      </a>
    )
  }
  if (x.kind === 'gap') {
    // Which way it points, in words: a gap of 0,0 against a usual +0,7 read "lower than usual" as
    // a problem beside a +0,9 "higher than usual" (a lead's review). Nearer to agreement or further
    // from it is the gap's size against the usual gap's, not its sign (domain/gap.ts
    // `sizeVersusTypical`): −0,1 against +0,6 is lower but not further from 0 (a psychometrician's
    // review). Who sees whom more favourably is said only where the gap's own interval excludes 0
    // (`reading`), never from its place beside the usual gap.
    const size = sizeVersusTypical(x, x.typical)
    const direction =
      size === 'closer'
        ? ''
        : x.reading === 'higher'
          ? `: ${t.standouts_gapSelfHigher}`
          : x.reading === 'lower'
            ? `: ${t.standouts_gapSelfLower}`
            : ''
    const words =
      size === 'closer'
        ? t.standouts_gapCloser
        : x.versusTypical === 'larger'
          ? t.standouts_gapLarger
          : t.standouts_gapSmaller
    const versus =
      x.versusTypical === 'larger' || x.versusTypical === 'smaller'
        ? `, ${fill(words, { typical: signed(lang, x.typical ?? 0), partners: x.typicalPartners ?? 0 })}${direction}`
        : ''
    const shared = ctx.d.gapBasis.find((b) => b.dimension === x.dimension && b.on === 'shared' && b.staffOnly > 0)
    return (
      <a href={pid ? `#gap-${pid}-${x.dimension}` : `#gap-typical-${x.dimension}`}>
        {/* The programme's gap is over the partners where both groups are shown (domain/gap.ts
            `programmeGaps`), so its staff mean is not the programme's staff score beside it: say so. */}
        {fill(pid ? t.standouts_gapItem : t.standouts_gapItemProgramme, {
          dimension: label(x.dimension),
          manager: f.format(x.manager),
          // Staff's score on the shared questions alone is not the staff score in the heatmap beside it:
          // 2,6 − 3,3 is not the −1,0 said (a lead's walk-through), so say which questions it is on.
          // The same words as the gap table's (worker/pages/gap-words.tsx).
          staff: shared ? `${f.format(x.staff)} (${t.gap_staffShared})` : f.format(x.staff),
          gap: signed(lang, x.gap),
          low: x.ci95 ? num(lang, x.ci95[0]) : '–',
          high: x.ci95 ? num(lang, x.ci95[1]) : '–',
        })}
        {versus}
      </a>
    )
  }
  if (x.kind !== 'change') return null
  return (
    <a href={`${pageUrl(ctx, { trend: pid ?? 'programme' })}#trend-row-${x.dimension}`}>
      {fill(t.standouts_changeItem, {
        dimension: label(x.dimension),
        from: f.format(x.from),
        to: f.format(x.to),
        diff: signed(lang, x.diff),
      })}
      {/* The programme's total holds other partners than before: the change is of those in both waves (domain/standouts.ts). */}
      {x.partners !== undefined ? `, ${fill(t.trendWhyMatched, { n: x.partners })}` : null}
      {` ${x.diff > 0 ? t.changeUp : t.changeDown}`}
    </a>
  )
}

/**
 * Whether a held cell (domain/heatmap.ts `shownHeld`) is told as "two groups": the split rule's words
 * from version 3 on, version 2's "differ too much" before, as the explanation beside the heatmap says
 * (`agreementWords`).
 */
const splitRule = (d: Results) => d.agreement?.index === 'band_split'

/** One subject's points, each kind on its own line with its items. */
function Group({ ctx, g, hidden }: { ctx: Ctx; g: StandoutGroup; hidden: false | HiddenBecause }) {
  const t = messages[ctx.lang]
  if (hidden === 'not-asked') return <p class="muted">{t.standouts_notAskedPartner}</p>
  if (hidden) return <p class="muted">{fill(t.standouts_hiddenPartner, { k: ctx.d.k })}</p>
  const other = g.partnersChanged
  const label = (key: string) => dimensionLabel(ctx.d.dimensions, key, ctx.lang)
  // The programme's change is not named where its total holds other partners than the wave before (domain/standouts.ts).
  const otherPartners = other ? (
    <p class="muted partners-changed" id="standouts-partners-changed">
      {filled(t.standouts_partnersChanged, {
        wave: other.previousWave,
        dimensions:
          other.dimensions.length === ctx.d.dimensions.length
            ? t.standouts_everyDimension
            : joined(ctx.lang, other.dimensions.map(label)),
      })}
    </p>
  ) : null
  const all = g.ties.find((x) => x.kind === 'all')
  if (g.items.length === 0 && !all)
    return (
      <>
        <p class="muted">{t.standouts_nothing}</p>
        {otherPartners}
      </>
    )
  const change = g.items.find((x) => x.kind === 'change')
  const held = g.items.filter((x) => x.kind === 'held')
  const pid = g.subject.kind === 'partner' ? g.subject.id : null
  const lines: [string, Standout['kind']][] = [
    [t.standouts_highest, 'strongest'],
    [t.standouts_lowest, 'weakest'],
    [t.standouts_gapLabel, 'gap'],
    [fill(t.standouts_changeLabel, { wave: change?.kind === 'change' ? change.previousWave : '' }), 'change'],
  ]
  return (
    <ul class="standout-lines">
      {/* First: where the answers fall apart, the levels there describe nobody (domain/standouts.ts `held`). */}
      {held.length > 0 ? (
        <li data-kind="held">
          <strong>{`${splitRule(ctx.d) ? t.standouts_heldSplit : t.standouts_heldDiffer}: `}</strong>
          {joined(
            ctx.lang,
            held.map((x) => <a href={`#${heatCellId(pid, x.dimension)}`}>{label(x.dimension)}</a>),
          )}
        </li>
      ) : null}
      {all ? <li data-kind="all-equal">{sentenceStart(tieWords(ctx.lang, all, ctx.d.dimensions))}</li> : null}
      {lines.map(([label, kind]) => {
        const items = g.items.filter((x) => x.kind === kind)
        // A tie too wide to name is said in words, never left as nothing.
        const tie = g.ties.find((x) => x.kind === kind)
        if (items.length === 0 && !tie) return null
        return (
          <li data-kind={kind}>
            <strong>{`${label}: `}</strong>
            {items.map((x, i) => (
              <>
                {i > 0 ? '; ' : ''}
                <Item ctx={ctx} x={x} />
              </>
            ))}
            {tie
              ? `${items.length > 0 ? '; ' : ''}${tieWords(ctx.lang, tie, ctx.d.dimensions, items.length > 0)}`
              : null}
            {/* Its weakest, where to act: the next step on it, one per partner (`Step`). */}
            {kind === 'weakest' && pid && items[0] ? (
              <Step ctx={ctx} partnerId={pid} dimension={items[0].dimension} />
            ) : null}
            {/* Said once for the programme's gaps, not after each: its staff mean is over the partners where both groups are shown. */}
            {kind === 'gap' && g.subject.kind !== 'partner' && items.length > 0
              ? ` ${t.standouts_gapProgrammeNote}`
              : null}
            {(kind === 'gap' || kind === 'change') && g.more[kind] > 0 ? (
              <>
                {'; '}
                <a
                  href={
                    kind === 'gap'
                      ? '#gap-table'
                      : `${pageUrl(ctx, { trend: g.subject.kind === 'partner' ? g.subject.id : 'programme' })}#trend-heading`
                  }
                >
                  {fill(t.standouts_more, { n: g.more[kind] })}
                </a>
              </>
            ) : null}
          </li>
        )
      })}
      {otherPartners ? <li data-kind="partners-changed">{otherPartners}</li> : null}
    </ul>
  )
}

/** A partner's summary line after its name, to scan 40 partners without opening each: where its answers fall apart, then its highest and lowest dimension. */
function glance({ lang, d }: Ctx, g: StandoutGroup): string {
  const t = messages[lang]
  const label = (key: string) => dimensionLabel(d.dimensions, key, lang)
  // Where the answers fall apart, said first: the main fact about such a partner (domain/standouts.ts `held`).
  const held = g.items.flatMap((i) => (i.kind === 'held' ? [i.dimension] : []))
  const split = held.length
    ? ` · ${fill(splitRule(d) ? t.standouts_glanceSplit : t.standouts_glanceDiffer, {
        dimensions:
          held.length === d.dimensions.length && held.length > 1
            ? t.standouts_everyDimension
            : held.map(label).join(', '),
      })}`
    : ''
  return split + extremesGlance({ lang, d }, g)
}

/** A partner's highest and lowest dimension in its summary line. */
function extremesGlance({ lang, d }: Omit<Ctx, 'trendKey'>, g: StandoutGroup): string {
  const t = messages[lang]
  const f = fmt(lang)
  const label = (key: string) => dimensionLabel(d.dimensions, key, lang)
  const all = g.ties.find((x) => x.kind === 'all')
  if (all) return ` · ${tieWords(lang, all, d.dimensions)}`
  const parts = (['strongest', 'weakest'] as const).flatMap((kind) => {
    const named = g.items.flatMap((i) => (i.kind === kind ? [i] : []))
    const x = named[0]
    const tie = g.ties.find((i) => i.kind === kind)
    // Every dimension named at the same shown mean, not the first of equals: the details list them all.
    const words = [
      ...(x
        ? [
            `${named
              .filter((i) => i.mean === x.mean)
              .map((i) => label(i.dimension))
              .join(', ')} ${f.format(x.mean)}`,
          ]
        : []),
      // A tie too wide to name, in words rather than nothing.
      ...(tie ? [tieWords(lang, tie, d.dimensions, !!x)] : []),
    ]
    if (words.length === 0) return []
    return [`${(kind === 'strongest' ? t.standouts_highest : t.standouts_lowest).toLowerCase()} ${words.join('; ')}`]
  })
  return parts.length ? ` · ${parts.join(', ')}` : ''
}

/**
 * A tie left out of the lines, in words: which dimensions, "daarna Ruimte en vertrouwen en Steun en
 * overleg, beide op 2,2" after those named (`next`), "… alle 4 op 1,9" alone, or for every
 * dimension "alle 5 dimensies gelijk op 4,3" or "… dicht bij elkaar: 3,1 tot 3,2". "2 dimensies
 * gelijk op 2,2" after the lowest left a lead guessing which two (a lead's review).
 */
function tieWords(lang: Lang, tie: Tie, dimensions: Results['dimensions'], next = false): string {
  const t = messages[lang]
  const f = fmt(lang)
  if (tie.kind !== 'all')
    return fill(next ? t.standouts_tieNext : t.standouts_tie, {
      dimensions: listWords(
        t,
        tie.dimensions.map((x) => dimensionLabel(dimensions, x, lang)),
      ),
      each: tie.count === 2 ? t.standouts_tieBoth : fill(t.standouts_tieEach, { count: tie.count }),
      mean: f.format(tie.mean),
    })
  if (tie.kind === 'all' && tie.within)
    return fill(t.standouts_tieWithin, { count: tie.count, min: f.format(tie.mean), max: f.format(tie.max) })
  if (tie.kind === 'all' && tie.max !== tie.mean)
    return fill(t.standouts_tieClose, { count: tie.count, min: f.format(tie.mean), max: f.format(tie.max) })
  return fill(t.standouts_tieAll, { count: tie.count, mean: f.format(tie.mean) })
}

/** "A, B en C": names joined as the page's language joins a list. */
function joined(lang: Lang, parts: Child[]): Child[] {
  const and = ` ${messages[lang].standouts_and} `
  return parts.flatMap((x, i) => (i === 0 ? [x] : [i === parts.length - 1 ? and : ', ', x]))
}

/** A message with its placeholders filled by text or elements (a link per name), in order. */
function filled(template: string, values: Record<string, string | Child | Child[]>): Child {
  const parts = template.split(/(\{\w+\})/)
  return <>{parts.map((part) => (/^\{\w+\}$/.test(part) ? (values[part.slice(1, -1)] ?? part) : part))}</>
}

/** At most this many partners tied highest on a dimension are named in its line; more are counted. */
const HIGHEST_NAMED = 3

/** One programme-wide sentence: its numbers as shown, each name a link to the figure behind it. */
function HeadlineItem({ ctx, h }: { ctx: Ctx; h: Headline }) {
  const { lang, d } = ctx
  const t = messages[lang]
  const f = fmt(lang)
  const label = (key: string) => dimensionLabel(d.dimensions, key, lang)
  const linked = (partners: { id: string; name: string }[], dimension: string) =>
    joined(
      lang,
      partners.map((p) => <a href={`#${heatCellId(p.id, dimension)}`}>{p.name}</a>),
    )
  // The partners whose answers fall apart, each linked to its first such cell; their dimensions in words.
  if (h.kind === 'held') {
    const entries = h.partners.map((p) =>
      filled(t.standouts_heldOn, {
        partner: <a href={`#${heatCellId(p.id, p.dimensions[0]!)}`}>{p.name}</a>,
        dimensions:
          p.dimensions.length === h.dimensions && h.dimensions > 1
            ? t.standouts_everyDimension
            : joined(lang, p.dimensions.map(label)),
      }),
    )
    return (
      <>
        {filled(
          countOf(
            t,
            lang,
            splitRule(d) ? 'standouts_heldLineSplit' : 'standouts_heldLineDiffer',
            h.partners.length + h.more,
          ),
          { partners: entries.flatMap((e, i) => (i === 0 ? [e] : ['; ', e])) },
        )}
        {h.more > 0 ? (
          <>
            {'; '}
            <a href="#standouts-partners">{countOf(t, lang, 'standouts_heldMore', h.more)}</a>
          </>
        ) : null}
      </>
    )
  }
  // Every such line leads with the lowest, linked to its cell, then the highest: a lead reads these
  // lines for where to act, and one order for all of them lets the eye run down the names. It once
  // led with the highest where the lowest was the partner named lowest on several dimensions above
  // (so as not to repeat it), and a lead of 40 partners read four lines one way and the fifth the
  // other, the lowest unlinked: the sentence above names the dimensions, this line the cell.
  // Only the lowest are links, where to act: a link per highest partner too made the stand-outs of
  // 40 partners a long row of stops for the keyboard (a lead's review counted them); the highest
  // stand at the foot of the heatmap sorted by the dimension.
  // Where its lowest are named lowest on this dimension in the line above, the line leads with the
  // next-lowest, linked, in the same order, the named ones said once in plain words with their
  // mean (domain/standouts.ts `next`): six lines of one partner told a lead one fact six times.
  if (h.kind === 'lowest')
    return filled(h.next ? t.standouts_lowestAfterLine : t.standouts_lowestLine, {
      dimension: label(h.dimension),
      partners: linked(h.next?.partners ?? h.partners, h.dimension),
      mean: f.format(h.next?.mean ?? h.mean),
      named: joined(
        lang,
        h.partners.map((p) => p.name),
      ),
      namedMean: f.format(h.mean),
      // Many tied at the top are counted, not listed: the heatmap sorted by the dimension has them.
      high:
        h.highest.partners.length <= HIGHEST_NAMED
          ? joined(
              lang,
              h.highest.partners.map((p) => p.name),
            )
          : fill(t.standouts_partnersCount, { n: h.highest.partners.length }),
      highMean: f.format(h.highest.mean),
      of: String(h.of),
      programme: h.programme === null ? '–' : f.format(h.programme),
    })
  if (h.kind === 'lowestOften')
    return filled(t.standouts_lowestOften, {
      partner: h.partner.name,
      count: String(h.dimensions.length),
      of: String(h.of),
      dimensions: joined(
        lang,
        h.dimensions.map((x) => <a href={`#${heatCellId(h.partner.id, x)}`}>{label(x)}</a>),
      ),
    })
  // The partner next-lowest after those named above, as "lowest often" is said: each dimension a link to its cell.
  // Plainly, "where X is lowest, Z comes next on both": "na X is Z het laagst op 2 van de 2 dimensies
  // met X als laagste" took a lead several reads. A dimension where others show the same value is
  // said with them, as its own line below says it (domain/standouts.ts `tied`).
  if (h.kind === 'lowestAfter') {
    const count = h.dimensions.length
    return filled(h.after.length === 1 ? t.standouts_lowestAfterOne : t.standouts_lowestAfterMany, {
      partner: h.partner.name,
      after: joined(
        lang,
        h.after.map((p) => p.name),
      ),
      which:
        count < h.of
          ? fill(t.standouts_lowestAfterSome, { count, of: h.of })
          : count === 2
            ? t.standouts_lowestAfterBoth
            : fill(t.standouts_lowestAfterAll, { n: count }),
      dimensions: joined(
        lang,
        h.dimensions.map((x) => {
          const link = <a href={`#${heatCellId(h.partner.id, x)}`}>{label(x)}</a>
          const tied = h.tied.find((e) => e.dimension === x)
          return tied
            ? filled(t.standouts_lowestAfterTied, {
                dimension: link,
                partners: joined(
                  lang,
                  tied.partners.map((p) => p.name),
                ),
              })
            : link
        }),
      ),
    })
  }
  // Each partner named links to its trend, where its changes are.
  if (h.kind === 'everywhere')
    return filled(
      countOf(
        t,
        lang,
        h.direction === 'down' ? 'standouts_everywhereDown' : 'standouts_everywhereUp',
        h.partners.length,
        {
          wave: h.previousWave,
        },
      ),
      {
        partners: joined(
          lang,
          h.partners.map((p) => <a href={`${pageUrl(ctx, { trend: p.id })}#trend-heading`}>{p.name}</a>),
        ),
      },
    )
  // With none named above ("Nog 89 …" followed nothing), not "more", and why none is named.
  if (h.kind === 'more')
    return h.of === 'gap' ? (
      <a href="#gap-table">
        {h.named > 0 ? countOf(t, lang, 'standouts_moreGaps', h.n) : fill(t.standouts_gapsUnnamed, { n: h.n })}
      </a>
    ) : (
      <>
        <a href="#standouts-partners">
          {/* Never none named: equals at the cut are taken (domain/standouts.ts `largestChanges`). */}
          {countOf(t, lang, 'standouts_moreChanges', h.n, { range: rangeWords(t, lang, h.range) })}
        </a>
        {/* Many tests give some clear by chance alone (domain/standouts.ts CHANCE): said, so one arrow is not read as proof. */}
        {h.tested >= CHANCE.from ? (
          <span class="standout-chance">
            {' '}
            {fill(t.standouts_chance, { tested: h.tested, chance: Math.round(h.tested * CHANCE.share) })}
          </span>
        ) : null}
      </>
    )
  const who = h.subject.kind === 'partner' ? h.subject.name : t.programmeWhole
  if (h.kind === 'gap') return filled(t.standouts_gapLine, { partner: who, item: <Item ctx={ctx} x={h} /> })
  return filled(t.standouts_changeLine, { subject: who, wave: h.previousWave, item: <Item ctx={ctx} x={h} /> })
}

/** The programme-wide sentences (domain/standouts.ts `headlinesOf`), before the per-partner lines. */
function Headlines({ ctx }: { ctx: Ctx }) {
  const t = messages[ctx.lang]
  if (ctx.d.headlines.length === 0) return null
  return (
    <>
      <h3 id="headlines-heading">{t.standouts_headlines}</h3>
      <ul class="headlines" id="standouts-headlines" aria-labelledby="headlines-heading">
        {ctx.d.headlines.map((h) => (
          <li data-kind={h.kind}>
            <HeadlineItem ctx={ctx} h={h} />
            {headlineTargets(ctx.d, h)
              .filter(([pid, dim]) => ctx.steps?.headlines.has(slotKey(pid, dim)))
              .map(([pid, dim]) => (
                <Step ctx={ctx} partnerId={pid} dimension={dim} />
              ))}
          </li>
        ))}
      </ul>
    </>
  )
}

/**
 * What a partner's collapsed line adds to its highest and lowest, so a lead scanning 40 lines sees
 * who moved and who has an action to chase without opening each: its clear changes since the
 * previous wave up and down, each with the dimensions it names (a count alone, "▲3 duidelijk
 * hoger", sent a lead into every line to learn which; the triangles are read out as words), and
 * its agreed actions, of this wave or carried from an earlier one, that are overdue (as the
 * heatmap's markers count them).
 */
function Moves({ ctx: { lang, d }, g, overdue }: { ctx: Ctx; g: StandoutGroup; overdue: number }) {
  const t = messages[lang]
  const { up, down } = g.moved
  if (up.length === 0 && down.length === 0 && overdue === 0) return null
  // Which dimensions, as the heatmap's columns name them; every one of the role's in two words.
  const names = (keys: string[]) =>
    keys.length === d.dimensions.length && keys.length > 1
      ? t.standouts_everyDimension
      : keys.map((k) => dimensionLabel(d.dimensions, k, lang)).join(', ')
  return (
    <span class="standout-moves">
      {up.length > 0 ? (
        <>
          {' · '}
          <span aria-hidden="true">▲</span>
          {fill(t.standouts_glanceUp, { n: up.length, dimensions: names(up) })}
        </>
      ) : null}
      {down.length > 0 ? (
        <>
          {' · '}
          <span aria-hidden="true">▼</span>
          {fill(t.standouts_glanceDown, { n: down.length, dimensions: names(down) })}
        </>
      ) : null}
      {overdue > 0 ? (
        <>
          {' · '}
          <span aria-hidden="true">⚑</span>
          {fill(overdue === 1 ? t.standouts_glanceOverdueOne : t.standouts_glanceOverdue, { n: overdue })}
        </>
      ) : null}
    </span>
  )
}

/** "What stands out": the programme first, then each partner the reader may see (collapsed when there are many). */
export function Standouts({
  lang,
  d,
  trendKey,
  actions = [],
  recordable = [],
}: Ctx & {
  /**
   * The agreed actions the reader may see, as the heatmap is given them: each partner's line counts
   * its overdue ones, and a weakest dimension named says the one agreed on it (`Step`).
   */
  actions?: {
    partnerId: string
    waveId: string
    dimension: string
    what: string
    status: ActionStatus
    due: string | null
  }[]
  /** The partners and dimensions the reader may record an action on (action-service.ts `recordableFor`). */
  recordable?: Recordable[]
}) {
  const t = messages[lang]
  if (!d.published || d.standouts.length === 0) return null
  const ctx = { lang, d, trendKey, steps: stepsOf(d, actions, recordable) }
  const today = dayOf(new Date())
  const overdue = new Map<string, number>()
  for (const { action: a } of actionsInView(actions, d.waves, d.wave.id))
    if (isOverdue(a, today)) overdue.set(a.partnerId, (overdue.get(a.partnerId) ?? 0) + 1)
  const [programme, ...partners] = d.standouts
  const notAsked = notAskedIds(d)
  const open = partners.filter((g) => g.subject.kind !== 'partner' || !notAsked.has(g.subject.id)).length <= 6
  return (
    <section aria-labelledby="standouts-heading" class="standouts" id="standouts">
      <h2 id="standouts-heading">
        <TitleOf title={t.standouts_heading} of={[t[`roleView_${d.role}`], d.wave.label]} />
      </h2>
      {/* Past every stand-out to the heatmap in one key: with 40 partners the section held some 65 stops for the keyboard. */}
      <a class="skip-past" href="#heatmap-heading" id="standouts-skip">
        {t.standouts_skip}
      </a>
      {/* How the lines are chosen, one click away: on a phone it stood between the heading and the first line (a lead's review). */}
      <details class="standouts-how">
        <summary>{t.standouts_howToRead}</summary>
        <p>{t.standouts_intro}</p>
      </details>
      <Headlines ctx={ctx} />
      <h3>{t.programmeWhole}</h3>
      <Group ctx={ctx} g={programme!} hidden={d.programme.suppressed && (d.programme.hiddenBecause ?? 'few')} />
      {partners.length > 0 && <h3 id="standouts-partners">{t.standouts_partners}</h3>}
      {/* Past the partners' lines too, each a stop, once they are many (and folded). */}
      {!open ? (
        <a class="skip-past" href="#heatmap-heading" id="standouts-skip-partners">
          {fill(t.standouts_skipPartners, { n: partners.length })}
        </a>
      ) : null}
      {partners.map((g) => {
        const p =
          g.subject.kind === 'partner' ? d.partners.find((x) => x.id === (g.subject as { id: string }).id) : undefined
        if (p && notAsked.has(p.id)) return null
        return (
          <details class="standout-partner" open={open} data-partner={p?.id}>
            {/* A hidden partner's line says why, as its heatmap row does, rather than a bare name. */}
            <summary>
              {p ? `${p.name}${p.suppressed ? ` · ${hiddenWords(t, p, d.k, false)}` : glance(ctx, g)}` : ''}
              {p ? <Moves ctx={ctx} g={g} overdue={overdue.get(p.id) ?? 0} /> : null}
            </summary>
            <Group ctx={ctx} g={g} hidden={!p ? 'few' : p.suppressed && (p.hiddenBecause ?? 'few')} />
          </details>
        )
      })}
      <NotAsked lang={lang} partners={d.partners} id="standouts-not-asked" />
    </section>
  )
}

/**
 * At most this many partner × dimension pairs of the programme-wide sentences get a next step,
 * those of the first lines: a link per line for 40 partners would undo the stops the skip links
 * saved, and the first named are the weakest (domain/standouts.ts `headlinesOf` puts them first).
 */
export const HEADLINE_STEPS = 3

/**
 * The next step beside a weakest dimension named: for a reader who may record an action on that
 * partner and dimension (`may`), a link that opens the action form with them chosen; where an
 * action is agreed on them already (`agreed`, those the heatmap marks, `actionsInView`), that one
 * instead, for every reader shown it. `headlines`: the pairs of the programme-wide sentences that get one.
 */
type Steps = {
  may: Set<string>
  agreed: Map<string, { what: string; status: ActionStatus; wave: string | null }[]>
  headlines: Set<string>
}

function stepsOf(d: Results, actions: Parameters<typeof Standouts>[0]['actions'], recordable: Recordable[]): Steps {
  const may = new Set(recordable.flatMap((p) => p.dimensions.map((dim) => slotKey(p.id, dim))))
  const agreed: Steps['agreed'] = new Map()
  // The shown wave's first, so the one said is of this wave where there is one, else one carried over.
  const inView = actionsInView(actions ?? [], d.waves, d.wave.id).sort((a, b) => Number(a.carried) - Number(b.carried))
  for (const { action: a, wave, carried } of inView) {
    const key = slotKey(a.partnerId, a.dimension)
    agreed.set(key, [...(agreed.get(key) ?? []), { what: a.what, status: a.status, wave: carried ? wave.label : null }])
  }
  // Whole lines, the first first, while their steps fit: of two partners tied lowest on a line, one
  // with a step and the other without would say the page chose between equals.
  const headlines = new Set<string>()
  for (const h of d.headlines) {
    const keys = headlineTargets(d, h)
      .map(([pid, dim]) => slotKey(pid, dim))
      .filter((key) => (may.has(key) || agreed.has(key)) && !headlines.has(key))
    if (headlines.size + keys.length > HEADLINE_STEPS) break
    for (const key of keys) headlines.add(key)
  }
  return { may, agreed, headlines }
}

/**
 * The partner × dimension pairs a programme-wide sentence names as weakest: a "lowest" line's
 * partners it leads with on its dimension; a partner "lowest on several" (or next-lowest on
 * several) on the one of them where its shown mean is lowest (the first of equals).
 */
function headlineTargets(d: Results, h: Headline): [string, string][] {
  if (h.kind === 'lowest') return (h.next?.partners ?? h.partners).map((p) => [p.id, h.dimension])
  if (h.kind !== 'lowestOften' && h.kind !== 'lowestAfter') return []
  const scores = d.partners.find((p) => p.id === h.partner.id)?.scores
  const mean = (dim: string) => {
    const s = scores?.[dim]
    return s ? shown(s.mean) : Number.POSITIVE_INFINITY
  }
  const dim = h.dimensions.reduce((low, x) => (mean(x) < mean(low) ? x : low), h.dimensions[0]!)
  return dim === undefined ? [] : [[h.partner.id, dim]]
}

/**
 * One next step: the action agreed on this partner and dimension, said in words, or for a reader
 * who may record one, a link to the action form with both chosen. Without a script the link loads
 * the page with the form open and them chosen (`actionPartner`, `actionDimension`); web/results.ts
 * opens the form in place instead and puts the keyboard on what to agree.
 */
function Step({ ctx, partnerId, dimension }: { ctx: Ctx; partnerId: string; dimension: string }) {
  const { lang, d, steps } = ctx
  if (!steps) return null
  const t = messages[lang]
  const key = slotKey(partnerId, dimension)
  const words = {
    partner: d.partners.find((p) => p.id === partnerId)?.name ?? '',
    dimension: dimensionLabel(d.dimensions, dimension, lang),
  }
  const agreed = steps.agreed.get(key)
  if (agreed?.length) {
    const first = agreed[0]
    return (
      <span class="standout-step" data-step="agreed">
        {' · '}
        {fill(first!.wave ? t.standouts_stepAgreedEarlier : t.standouts_stepAgreed, {
          ...words,
          what: shortened(first!.what),
          status: t[`actions_status_${first!.status}`],
          wave: first!.wave ?? '',
        })}
        {agreed.length > 1 ? ` ${countOf(t, lang, 'standouts_stepMore', agreed.length - 1)}` : null}
      </span>
    )
  }
  if (!steps.may.has(key)) return null
  return (
    <span class="standout-step no-print" data-step="agree">
      {' · '}
      <a
        href={`${pageUrl(ctx, { actionPartner: partnerId, actionDimension: dimension })}#action-add`}
        data-agree-partner={partnerId}
        data-agree-dimension={dimension}
      >
        {fill(t.standouts_stepAgree, words)}
      </a>
    </span>
  )
}

const notAskedIds = (d: Results) => new Set(d.partners.flatMap((p) => (p.hiddenBecause === 'not-asked' ? [p.id] : [])))

/** A heatmap slot's key: the partner (or the programme) and the dimension. */
const slotKey = (partnerId: string | null, dimension: string) => `${partnerId ?? 'programme'}:${dimension}`

/**
 * A shown cell without a level: the group disagrees too much for one (`held`, dashed), or the data
 * cannot tell it yet (worker/domain/levels.ts levelVerdict; hatched). Neither has a level's colour,
 * so none suggests a level; each gives the mean and a short phrase linking to its explanation.
 */
/** A cell without a level in a compact heatmap: "niveau 3–4" for the levels its margin spans, striped as the key says. */
function shortNoLevel(t: Messages, held: boolean, span: [number, number] | null): string {
  if (held) return t.levelDisagreeShort
  if (!span) return t.levelNotYetClearShort
  return span[0] === span[1]
    ? fill(t.heatmap_spanOneShort, { level: span[0] })
    : fill(t.heatmap_spanShort, { from: span[0], to: span[1] })
}

function NoLevelCell({
  ctx: { lang },
  partnerId,
  dimension,
  mean,
  held,
  span,
  levels,
  marks,
  compact,
}: {
  ctx: Ctx
  partnerId: string | null
  dimension: string
  mean: number
  held: boolean
  span: [number, number] | null
  levels: number
  marks: Marks
  compact: boolean
}) {
  const t = messages[lang]
  const range = span ? spanWords(t, span) : ''
  // Why not a level, at the cell: a reader saw 4,3 named level 5 in one cell and not in the next.
  const why = fill(t.heatmap_unclearWhy, { min: MIN_N_FOR_LEVEL })
  const long = held ? t.levelDisagree : `${range ? `${t.levelNotYetClear} ${range}` : t.levelNotYetClear}: ${why}`
  return (
    <td
      class={`heat ${held ? 'heat-held' : 'heat-unclear'}`}
      id={heatCellId(partnerId, dimension)}
      data-dimension={dimension}
      data-mean={mean}
      data-held={held ? '' : undefined}
      data-unclear={held ? undefined : ''}
      data-span={span ? span.join('-') : undefined}
      // A pale tint of the levels the interval spans, under the hatching that says "uncertain";
      // the words say which levels, so the colour is never alone (README, "Levels and agreement").
      style={span ? unclearTint(span, levels) : undefined}
      title={long}
    >
      <span class="mean">{fmt(lang).format(mean)}</span>
      {compact ? (
        // Short, on one line (`heatCompact`): the full words for a screen reader, no link per cell
        // (the key under the table links the explanation once, not 200 times in the tab order).
        <>
          <span class="visually-hidden">{` · ${held ? t.levelDisagreeShort : t.levelNotYetClearShort}${range ? ` ${range}` : ''}`}</span>
          <span class="heat-level" aria-hidden="true">{` ${shortNoLevel(t, held, span)}`}</span>
        </>
      ) : (
        <>
          {' · '}
          <a class="heat-level" href={held ? '#disagree-explain' : '#unclear-explain'} aria-label={long}>
            {held ? t.levelDisagreeShort : t.levelNotYetClearShort}
          </a>
          {range ? <span class="heat-span">{` ${range}`}</span> : null}
        </>
      )}
      <ActionSlot lang={lang} partnerId={partnerId} dimension={dimension} marks={marks} />
    </td>
  )
}

function HeatRowView({
  ctx,
  row,
  programme,
  marks,
  compact,
}: {
  ctx: Ctx
  row: HeatRow
  programme?: boolean
  marks: Marks
  compact: boolean
}) {
  const { lang, d } = ctx
  const t = messages[lang]
  const f = fmt(lang)
  const gapColumn = showsGap(d.role)
  const span = d.dimensions.length + (gapColumn ? 1 : 0)
  return (
    <tr
      class={programme ? 'heat-programme' : undefined}
      data-partner={row.partnerId ?? 'programme'}
      // The gap sort's key (domain/heatmap.ts `furthestGap.away`), which web/results.ts sorts the rows by in place.
      data-gap={!programme && row.furthestGap && !row.furthestGap.asTypical ? row.furthestGap.away : undefined}
    >
      <th scope="row">
        <WrapAfter text={row.name} after={/\//} />
      </th>
      {row.hidden ? (
        <td colspan={span} class="suppressed">
          {hiddenWords(t, { hiddenBecause: row.hidden }, d.k, programme === true)}
        </td>
      ) : (
        <>
          {row.cells.map((c) =>
            c.mean === null ? (
              <td class="heat muted" id={heatCellId(row.partnerId, c.dimension)} data-dimension={c.dimension}>
                {t.tooFewForDimension}
              </td>
            ) : c.level === null ? (
              <NoLevelCell
                ctx={ctx}
                partnerId={row.partnerId}
                dimension={c.dimension}
                mean={c.mean}
                held={c.held}
                span={c.span}
                levels={d.levels.length}
                marks={marks}
                compact={compact}
              />
            ) : (
              <td
                class={`heat heat-level-${c.level}`}
                id={heatCellId(row.partnerId, c.dimension)}
                data-dimension={c.dimension}
                data-level={c.level}
                data-mean={c.mean}
                style={`background:${heatShade(c.level, d.levels.length)}`}
                // Why this cell names a level where a cell of the same mean may not.
                title={
                  c.capped
                    ? undefined
                    : c.reaches.length > 0
                      ? fill(t.heatmap_namedWhyReach, {
                          level: c.level,
                          min: MIN_N_FOR_LEVEL,
                          levels: c.reaches.join(t.levelsAnd),
                        })
                      : fill(t.heatmap_namedWhy, { level: c.level })
                }
              >
                <span class="mean">{f.format(c.mean)}</span>{' '}
                <span class="heat-level">
                  {fill(t.heatmap_level, { level: c.level })}
                  {compact && c.reaches.length > 0 ? (
                    <>
                      <span aria-hidden="true">{` ${fill(t.heatmap_reachShort, { levels: c.reaches.join(t.levelsOr) })}`}</span>
                      <span class="visually-hidden">{levelMarginWords(messages[lang], c.reaches)}</span>
                    </>
                  ) : (
                    levelMarginWords(messages[lang], c.reaches)
                  )}
                </span>
                {c.capped && d.dispersionCap ? (
                  <a
                    class="capped"
                    href="#capped-explain"
                    aria-label={fill(t.capped, { level: d.dispersionCap.maxLevel })}
                  >
                    *
                  </a>
                ) : null}
                <ActionSlot lang={lang} partnerId={row.partnerId} dimension={c.dimension} marks={marks} />
              </td>
            ),
          )}
          {gapColumn ? (
            <td class="heat-gap">
              {programme ? (
                ''
              ) : row.furthestGap?.asTypical ? (
                <>
                  <span class="muted">{t.heatmap_gapAsTypical}</span>
                  <NoGapOn lang={lang} d={d} partnerId={row.partnerId!} />
                </>
              ) : row.furthestGap ? (
                <>
                  {`${signed(lang, row.furthestGap.gap)} (${gapLabel(d, lang, row.furthestGap.dimension)})`}
                  {row.furthestGap.ci95 ? (
                    // The interval as the gap table shows it, so the heatmap's gap reads the same there.
                    <span class={compact ? 'heat-gap-ci visually-hidden' : 'heat-gap-ci'}>
                      {fill(t.heatmap_gapInterval, { interval: intervalText(lang, row.furthestGap.ci95) })}
                    </span>
                  ) : null}
                  {/* Shown only where it is clearly unlike the typical gap (domain/heatmap.ts), so which way is said, not left to the reader's sums. */}
                  {row.furthestGap.typical !== null ? (
                    <span class="heat-gap-typical">
                      {fill(
                        row.furthestGap.gap > row.furthestGap.typical ? t.heatmap_gapLarger : t.heatmap_gapSmaller,
                        {
                          typical: signed(lang, row.furthestGap.typical),
                        },
                      )}
                    </span>
                  ) : null}
                  <NoGapOn lang={lang} d={d} partnerId={row.partnerId!} />
                </>
              ) : (
                <NoGapWhy lang={lang} d={d} partnerId={row.partnerId!} />
              )}
            </td>
          ) : null}
        </>
      )}
    </tr>
  )
}

/** A gap cell without a gap: why, briefly (`heatGapWhy`), where "geen vergelijking" alone left it to guess. */
function NoGapWhy({ lang, d, partnerId }: { lang: Lang; d: Results; partnerId: string }) {
  const t = messages[lang]
  const why = heatGapWhy(lang, d, partnerId)
  const words = why.groups ?? (why.dimensions ? fill(t.heatmap_noGapOn, { reasons: why.dimensions }) : null)
  // The reason alone to the eye, so that in a column of 40 it stays one short line; "geen
  // vergelijking" before it for a screen reader, which hears the cell without the column's look.
  return words ? (
    <span class="muted heat-gap-why" data-no-gap={why.groups ? 'groups' : 'dimensions'}>
      <span class="visually-hidden">{`${t.heatmap_noGap}: `}</span>
      {words}
    </span>
  ) : (
    <span class="muted">{t.heatmap_noGap}</span>
  )
}

/** Beside a partner's gap, the dimensions it has none on and why: the gap shown was picked without them. */
function NoGapOn({ lang, d, partnerId }: { lang: Lang; d: Results; partnerId: string }) {
  const { dimensions } = heatGapWhy(lang, d, partnerId)
  return dimensions ? (
    <span class="muted heat-gap-why" data-no-gap="dimensions">
      {fill(messages[lang].heatmap_noGapOn, { reasons: dimensions })}
    </span>
  ) : null
}

/** A heatmap order's key in a header's `data-sort` and in `?sort=`: the key in its natural direction. */
const keyOf = (s: HeatSort) => heatSortParam({ ...s, dir: heatSortDefaultDir(s) })

/** What the heatmap is sorted by, in words: the partner's name, a dimension, or the largest gap. */
const heatSortName = (lang: Lang, d: Results, s: HeatSort) => {
  const t = messages[lang]
  if (s.by === 'partner') return t.heatmap_sortPartner
  return s.by === 'gap' ? t.heatmap_sortGap : dimensionLabel(d.dimensions, s.dimension, lang, '')
}

/** The heatmap's caption, with how it is sorted (`sort`). */
const heatCaption = (lang: Lang, d: Results, sort: string) => {
  const t = messages[lang]
  return fill(t.heatmap_caption, { role: t[`roleView_${d.role}`], wave: d.wave.label, sort })
}

/**
 * A sort control's words: its column, and the order a press gives ("Sorteer op Loslaten, laagste
 * eerst"), so a reader knows before pressing that a dimension comes lowest first.
 */
function sortControlLabel(lang: Lang, column: string, s: HeatSort, dir: 'asc' | 'desc'): string {
  const t = messages[lang]
  const words =
    s.by === 'partner'
      ? { asc: t.heatmap_dirNameAsc, desc: t.heatmap_dirNameDesc }
      : s.by === 'gap'
        ? { asc: t.heatmap_dirNearFirst, desc: t.heatmap_dirFarFirst }
        : { asc: t.heatmap_dirLowFirst, desc: t.heatmap_dirHighFirst }
  return fill(t.heatmap_sortBy, { what: column, dir: words[dir] })
}

/** The column a sort control stands in, as its header names it. */
const columnName = (lang: Lang, d: Results, s: HeatSort) =>
  s.by === 'partner'
    ? messages[lang].partner
    : s.by === 'gap'
      ? messages[lang].heatmap_largestGap
      : dimensionLabel(d.dimensions, s.dimension, lang, '')

/** The heatmap's words for web/results.ts, which sorts it in place (`#results-data`, schema/page-data.ts). */
export function heatmapWords(lang: Lang, d: Results): ResultsScriptData['heatmap'] {
  const t = messages[lang]
  const sorts: HeatSort[] = [
    { by: 'partner' },
    ...d.dimensions.map((x): HeatSort => ({ by: 'dimension', dimension: x.key })),
    { by: 'gap' },
  ]
  return {
    caption: heatCaption(lang, d, '{sort}'),
    sorted: fill(t.heatmap_sortedBy, { what: '{what}', dir: '{dir}' }),
    ascending: t.heatmap_ascending,
    descending: t.heatmap_descending,
    names: Object.fromEntries(sorts.map((s) => [keyOf(s), heatSortName(lang, d, s)])),
    // Each control's label per order a press gives: the script relabels them as it sorts.
    controls: Object.fromEntries(
      sorts.map((s) => [
        keyOf(s),
        {
          asc: sortControlLabel(lang, columnName(lang, d, s), s, 'asc'),
          desc: sortControlLabel(lang, columnName(lang, d, s), s, 'desc'),
        },
      ]),
    ),
  }
}

/**
 * Partners × dimensions, sortable by links (no script needed), which web/results.ts turns into
 * buttons that sort in place; the first column stays in view while the table scrolls.
 */
export function Heatmap({
  lang,
  d,
  trendKey,
  sort: asked,
  actions = [],
}: Ctx & {
  sort: HeatSort
  /** The agreed actions the reader may see: each partner × dimension with actions of the shown or an earlier wave gets a marker. */
  actions?: { partnerId: string; waveId: string; dimension: string; status: ActionStatus; due: string | null }[]
}) {
  const t = messages[lang]
  if (!d.published) return null
  // A view without a gap column (tactical management's) has no order by it: by name instead.
  const sort: HeatSort = asked.by === 'gap' && !showsGap(d.role) ? { by: 'partner' } : asked
  const marks: Marks = new Map()
  const today = dayOf(new Date())
  // The waves up to the one shown (the dashboard lists them oldest first), by the rule the list of
  // actions beside the heatmap uses too (worker/domain/action-outcomes.ts `actionsInView`).
  for (const { action: a, wave, carried } of actionsInView(actions, d.waves, d.wave.id)) {
    const key = slotKey(a.partnerId, a.dimension)
    const mark = marks.get(key) ?? { count: 0, overdue: 0, earlier: [] }
    const overdue = isOverdue(a, today)
    if (!carried) {
      mark.count++
      if (overdue) mark.overdue++
    } else mark.earlier.push({ waveId: a.waveId, wave: wave.label, status: a.status, overdue })
    marks.set(key, mark)
  }
  const ctx = { lang, d, trendKey }
  const { programme, rows } = heatmapOf(
    {
      dimensions: d.dimensions.map((x) => x.key),
      programme: { ...d.programme, name: t.programmeWhole },
      // Partners not asked in this role are one line under the table, not a row each (`NotAsked`).
      partners: d.partners.filter((p) => p.hiddenBecause !== 'not-asked'),
      // The gap column and its order only in the views of the two roles a gap compares.
      gaps: showsGap(d.role) ? d.gap : [],
      bands: d.bands,
    },
    sort,
    lang,
  )
  const dirName = (dir: 'asc' | 'desc') => (dir === 'asc' ? t.heatmap_ascending : t.heatmap_descending)
  const caption = heatCaption(lang, d, `${heatSortName(lang, d, sort)}, ${dirName(heatSortDir(sort))}`)
  // Many rows: each cell short, so a lead sees most partners at once (40 rows had shown about 8).
  const compact = rows.length > TALL_HEATMAP
  // The key explains the short "(tot 4)" only with a cell of this table that carries one, and by that
  // cell's own words: it described a marker no cell used (lead review).
  const cells = [programme, ...rows].flatMap((r) => r.cells)
  const reaching = cells.find(
    (c): c is Extract<typeof c, { held: false; reaches: number[] }> => 'reaches' in c && c.reaches.length > 0,
  )
  // Likewise each entry of the key only for a kind of cell the table has, its example one of them: it
  // explained "geen niveau" and "3,2 niveau 3" beside a table of neither (a lead's review).
  const named = cells.find((c) => c.level !== null)
  const unclear = cells.find(
    (c): c is Extract<typeof c, { span: [number, number] | null }> => 'span' in c && c.mean !== null && !c.held,
  )
  const held = cells.some((c) => c.held)
  // A header links to its key's natural direction, or, when its column is the one sorted, to the other.
  const header = (label: string, s: HeatSort) => {
    const active = keyOf(s) === keyOf(sort)
    const dir = heatSortDir(sort)
    const next: HeatSort = active ? { ...s, dir: dir === 'asc' ? 'desc' : 'asc' } : s
    return (
      <th scope="col" aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <a
          href={`${pageUrl(ctx, { sort: heatSortParam(next) })}#heatmap-heading`}
          // The column's name once, inside what the control does (it was read twice: "Coachen en leren, sorteer op Coachen en leren"),
          // and the order a press gives.
          aria-label={sortControlLabel(lang, label, s, heatSortDir(next))}
          data-sort={keyOf(s)}
          data-sort-default={heatSortDefaultDir(s)}
        >
          {label}
          {active ? (
            <span class="sorted" aria-hidden="true">
              {' '}
              {dir === 'asc' ? '▲' : '▼'}
            </span>
          ) : null}
        </a>
      </th>
    )
  }
  return (
    <section aria-labelledby="heatmap-heading" class="heatmap-section">
      <h2 id="heatmap-heading">{t.heatmap_heading}</h2>
      <p>{t.heatmap_intro}</p>
      {/* Where the page's script (web/results.ts) says, politely, how it has just sorted the rows in place. */}
      <p class="visually-hidden" id="heatmap-status" role="status" aria-live="polite"></p>
      <Scroll label={caption} class={`heat-scroll${compact ? ' heat-tall' : ''}`}>
        <table
          class={compact ? 'heatmap heat-compact' : 'heatmap'}
          id="heatmap"
          data-sort={keyOf(sort)}
          data-sort-dir={heatSortDir(sort)}
        >
          <caption>{caption}</caption>
          <thead>
            <tr>
              {header(t.partner, { by: 'partner' })}
              {d.dimensions.map((x) => header(x.label[lang], { by: 'dimension', dimension: x.key }))}
              {showsGap(d.role) ? header(t.heatmap_largestGap, { by: 'gap' }) : null}
            </tr>
          </thead>
          <tbody>
            <HeatRowView ctx={ctx} row={programme} programme marks={marks} compact={compact} />
            {rows.map((row) => (
              <HeatRowView ctx={ctx} row={row} marks={marks} compact={compact} />
            ))}
          </tbody>
        </table>
      </Scroll>
      <NotAsked lang={lang} partners={d.partners} id="heatmap-not-asked" />
      {/* What the two cells without a level's colour mean, beside the table (the cells say it in words too). */}
      {/* No key to a table without a single number (the tactical view of a wave of hidden groups). */}
      <ul class="heat-key" id="heatmap-key" hidden={cells.every((c) => c.mean === null) ? true : undefined}>
        {/* The levels themselves, with their shades and bands, beside the table rather than only at the radar far below. */}
        <li id="heatmap-key-levels">
          {`${t.heatmap_keyLevels} `}
          {d.levels.map((l, i) => {
            const b = d.bands.find((x) => x.level === l.level)
            return (
              <>
                {i > 0 ? ', ' : ''}
                <span
                  class="swatch"
                  aria-hidden="true"
                  style={`background:${heatShade(l.level, d.levels.length)}`}
                ></span>
                <a href={`#level-${l.level}`} data-open>{`${l.level} ${l.name[lang]}`}</a>
                {b ? ` (${fmt(lang).format(b.from)}–${fmt(lang).format(b.to)})` : ''}
              </>
            )
          })}
        </li>
        {unclear ? (
          <li>
            <span class="swatch heat-unclear" aria-hidden="true"></span>{' '}
            <span
              class="swatch heat-unclear heat-tinted"
              aria-hidden="true"
              style={unclearTint(unclear.span ?? [3, 4], d.levels.length)}
            ></span>
            <a href="#unclear-explain">{t.levelNotYetClearShort}</a>
            {`: ${t.heatmap_keyUnclear}`}
            {unclear.span
              ? ` ${fill(t.heatmap_keyTint, {
                  example: compact
                    ? `${fmt(lang).format(unclear.mean)} ${shortNoLevel(t, false, unclear.span)}`
                    : `${fmt(lang).format(unclear.mean)} · ${t.levelNotYetClearShort} ${spanWords(t, unclear.span)}`,
                })}`
              : ''}
          </li>
        ) : null}
        {compact ? (
          <li id="heatmap-key-compact">
            {t.heatmap_keyCompact}
            {named?.level != null
              ? ` ${fill(t.heatmap_keyCompactNamed, {
                  cell: `${fmt(lang).format(named.mean)} ${fill(t.heatmap_level, { level: named.level })}`,
                })}`
              : ''}
            {reaching
              ? ` ${fill(t.heatmap_keyCompactReach, {
                  cell: `${fmt(lang).format(reaching.mean)} ${fill(t.heatmap_level, { level: reaching.level })} ${fill(t.heatmap_reachShort, { levels: reaching.reaches.join(t.levelsOr) })}`,
                  levels: reaching.reaches.join(t.levelsOr),
                })}`
              : ''}
            {` ${t.heatmap_keyCompactGap}`}
          </li>
        ) : null}
        {d.agreement && held ? (
          <li>
            <span class="swatch heat-held" aria-hidden="true"></span>
            <a href="#disagree-explain">{t.levelDisagreeShort}</a>
            {`: ${t.heatmap_keyHeld}`}
          </li>
        ) : null}
      </ul>
      {/* A maximum over dimensions is inflated; the gap table compares each gap with the other partners'. */}
      <p class="heat-note" id="heatmap-gap-note">
        <a href="#gap-heading">{t.heatmap_largestGap}</a>
        {`: ${t.heatmap_keyLargestGap}`}
      </p>
    </section>
  )
}

/**
 * The words for the wave's agreement rule: why a level is held back, and its glossary entry. The
 * mean item r_wg of version 2, or the split rule from version 3 on (schema/instrument.ts
 * `Agreement`), whose shares read as whole percentages.
 */
export function agreementWords(
  lang: Lang,
  agreement: NonNullable<Results['agreement']>,
): { explain: string; link: string; term: string; glossary: string } {
  const t = messages[lang]
  if (agreement.index === 'band_split') {
    const words = {
      n: agreement.minGroupSize,
      flank: Math.round(agreement.flank * 100),
      middle: Math.round(agreement.middle * 100),
    }
    return {
      explain: fill(t.levelSplitExplain, words),
      link: t.glossary_splitTerm,
      term: t.glossary_splitTerm,
      glossary: fill(t.glossary_split, words),
    }
  }
  const words = { n: agreement.minGroupSize, threshold: fmt(lang, AGREEMENT_DIGITS).format(agreement.threshold) }
  return {
    explain: fill(t.levelDisagreeExplain, words),
    // Plain words on the page; the term ("r_wg") in the glossary's summary, one click away (a lead's review).
    link: t.glossary_agreementLink,
    term: t.glossary_agreementTerm,
    glossary: fill(t.glossary_agreement, words),
  }
}

/** The technical terms behind the plain words on the page, one click away. */
export function Glossary({ lang, agreement }: { lang: Lang; agreement: Results['agreement'] }) {
  const t = messages[lang]
  const terms: [string, string, string][] = [
    ['margin', t.glossary_marginTerm, t.glossary_margin],
    ['spread', t.glossary_spreadTerm, t.glossary_spread],
    // Only where the wave's instrument has the agreement rule (version 1 has its spread cap instead).
    ...(agreement
      ? [
          ['agreement', agreementWords(lang, agreement).term, agreementWords(lang, agreement).glossary] as [
            string,
            string,
            string,
          ],
        ]
      : []),
    ['change', t.glossary_changeTerm, t.glossary_change],
    ['levels', t.glossary_levelsTerm, t.glossary_levels],
    ['gap', t.glossary_gapTerm, fill(t.glossary_gap, { min: MIN_OTHER_PARTNERS })],
  ]
  return (
    <section aria-labelledby="glossary-heading" class="explain" id="glossary">
      <h2 id="glossary-heading">{t.glossary_heading}</h2>
      {terms.map(([id, term, text]) => (
        <details id={`glossary-${id}`}>
          <summary>{term}</summary>
          <p>{text}</p>
        </details>
      ))}
    </section>
  )
}

/** How far the changes counted went, each a difference of two shown means (domain/standouts.ts `headlinesOf`). */
function rangeWords(t: Messages, lang: Lang, [from, to]: readonly [number, number]): string {
  return from === to
    ? fill(t.standouts_changesRangeOne, { diff: signed(lang, from) })
    : fill(t.standouts_changesRange, { from: signed(lang, from), to: signed(lang, to) })
}
