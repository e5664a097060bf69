import type { Instrument, Role } from '../../schema/instrument.ts'
import { comparableDimensions } from './instrument-rules.ts'
import { partnerGaps, programmeGaps, showsGap, type PartnerGap } from './gap.ts'
import { shownHeld } from './heatmap.ts'
import { SHOWN_DIGITS, clearAsShown, intervalLevels, marginReaches, shown, shownBands, shownDiff } from './levels.ts'
import {
  cellView,
  changeBetween,
  matchedChange,
  partnersChangedBetween,
  type CellView,
  type Publication,
  type PublishedCell,
  type ViewOf,
} from './publication.ts'

/**
 * "What stands out, first": the few statements a programme lead reads before any table, made
 * from one publication (and the previous one, for changes) by pure rules. Every statement carries
 * the numbers it rests on, as shown (one decimal, levels.ts `shown`), and comes only from cells
 * the publication shows: a hidden cell or dimension is never strongest, weakest, in a gap or in a
 * change, so a stand-out says nothing a reader could not read off the shown cells themselves.
 */

/** Whom a statement is about: the programme as a whole or one partner. */
export type Subject = { kind: 'programme' } | { kind: 'partner'; id: string; name: string }

export type Standout =
  /** One of the highest or lowest shown dimension means of its subject in the role shown. */
  | {
      kind: 'strongest' | 'weakest'
      subject: Subject
      role: Role
      dimension: string
      mean: number
      /** Null where the data cannot tell the level (publication.ts `Score.level`)... */
      level: number | null
      /** ...and of those, where the group disagrees too much for one (worker/domain/levels.ts levelVerdict). */
      held: boolean
      /** The other levels a named level's interval reaches (levels.ts `marginReaches`), said beside it. */
      reaches: number[]
      /**
       * Where the level is not yet clear (null and not held): the lowest and highest level its
       * shown interval spans (levels.ts `intervalLevels`), as the heatmap names them
       * ("between level 3 and 4"); null otherwise.
       */
      span: [number, number] | null
    }
  /**
   * Team managers' shown mean minus their staff's shown mean, both cells shown, with its interval
   * (domain/gap.ts). A partner's stands out when it is larger or smaller than the other partners'
   * median gap (`typical`, `versusTypical`); the programme's when its interval excludes 0 and it
   * is at least NOTABLE_GAP (then `typical`, `typicalPartners` and `versusTypical` are null).
   */
  | ({ kind: 'gap'; subject: Subject; dimension: string } & PartnerGap)
  /**
   * A dimension on which a partner's shown cell names no level because its answers fall apart (two
   * groups by the split rule, or too little agreement in version 2; worker/domain/levels.ts
   * levelVerdict): the cell the heatmap marks "geen niveau" (heatmap.ts `shownHeld`, the one rule
   * for both). No number: the mean of two camps describes neither, which is why no level is named.
   * Never the programme's (it gets no agreement, publication.ts `cellView`).
   */
  | { kind: 'held'; subject: Subject; role: Role; dimension: string }
  /** A change since the previous wave that Welch's test calls real (publication.ts `changeBetween`). */
  | {
      kind: 'change'
      subject: Subject
      role: Role
      dimension: string
      previousWave: string
      from: number
      to: number
      diff: number
      p: number
      /**
       * The programme's only, where its total holds other partners than the previous wave: the
       * change over the partners shown in both (publication.ts `matchedChange`), how many they
       * are; `from` and `to` are their means, so the numbers said are theirs.
       */
      partners?: number
    }

/**
 * `more`: how many gaps and changes that stand out were left out past MOST, so the page can say
 * "and 2 more" (with a link to the table that has them) rather than seem to list them all.
 */
export type StandoutGroup = {
  subject: Subject
  items: Standout[]
  more: { gap: number; change: number }
  /**
   * Of its clear changes since the previous wave (named or left out), the dimensions that went up
   * and those that went down, largest shown change first: a partner's collapsed line names them.
   */
  moved: { up: string[]; down: string[] }
  /**
   * Ties the strongest and weakest leave out (too wide to name in a line, or reaching the last
   * dimension), so the line says them in words ("4 dimensies gelijk op 1,9") rather than nothing:
   * how many shown dimensions share that shown mean; `all` where every shown dimension does.
   */
  ties: Tie[]
  /**
   * The programme's only: the dimensions (of the role read, shown in both waves) whose total holds
   * other partners than in the previous wave (publication.ts `partnersChangedBetween`), so no
   * change of the programme is named for them and the page says why; null when there are none,
   * and always for a partner.
   */
  partnersChanged: { previousWave: string; dimensions: string[] } | null
}

/** How many strongest and weakest dimensions: three from six shown, else up to two, never one dimension in both lists. */
const extremesFor = (shownDimensions: number) =>
  shownDimensions >= 6 ? 3 : Math.min(2, Math.floor(shownDimensions / 2))
/**
 * The programme's manager–staff gap stands out from this size on (in scale points, as shown), when
 * its interval excludes 0; smaller ones are in the gap table. A partner's gap stands out by
 * another rule: when it differs from the programme's, since a positive gap is the normal case.
 */
export const NOTABLE_GAP = 0.5
/** At most this many gaps and changes per subject: the table behind them has the rest. */
export const MOST = 3

type StandoutInput = {
  ins: Instrument
  publication: Publication
  /** The previous published wave of the programme, if any: its label, instrument and publication. */
  previous: { label: string; ins: Instrument; publication: Publication } | null
  role: Role
  /** The partners the reader may see, in display order (a viewer limited to a partner: only that one). */
  partners: { id: string; name: string }[]
  /**
   * Whether the reader sees every partner, so a programme change whose total holds other partners
   * is tested over those shown in both waves (publication.ts `matchedChange`), as the trend does
   * for such a reader alone: beside the programme's total, a viewer limited to one partner would
   * have the sum of the partners left out (worker/services/results-service.ts `trendOf`).
   */
  matched?: boolean
  /**
   * How a cell's view is made: `cellView` unless given. The dashboard gives its `cellViews()`, so
   * a cell it has viewed for its tables is not viewed again here (BENCHMARKS.md, "The results API
   * in parts"); the views are only read.
   */
  view?: ViewOf
}

/**
 * The strongest and the weakest of a cell's shown dimensions, by shown mean (`mean` must be the
 * shown value, levels.ts `shown`): `extremesFor` of each, strongest first and weakest lowest
 * first, never one dimension in both. The stand-outs and the partner report both rank by this, so
 * the two never name different dimensions for the same cell.
 */
export function strongestAndWeakest<T extends { mean: number; ci95?: [number, number] | null }>(
  shownDims: T[],
  opts: { wholeTies?: boolean; withinMargins?: boolean } = {},
): { high: T[]; low: T[] } {
  const n = extremesFor(shownDims.length)
  if (n === 0 || closeTogether(shownDims, opts.withinMargins)) return { high: [], low: [] }
  // Dimensions tied (as shown) across the cut are named together (`cutWithTies`), never one of equals.
  // With `wholeTies` (the partner report, about one partner with room enough) a tie of any width is
  // named whole: a partner at 1,9 on four of five dimensions must read those four as its weakest.
  const limit = opts.wholeTies ? Number.POSITIVE_INFINITY : 2 * n
  const desc = [...shownDims].sort((a, b) => b.mean - a.mean)
  const high = cutWithTies(desc, n, (x) => x.mean, true, limit)
  // Weakest from the rest, and only below every strongest: a shown tie is neither strong nor weak.
  // With no strongest (all dimensions equal as shown) there is no weakest either.
  if (high.length === 0 && opts.wholeTies) return { high, low: [] }
  const floor = Math.min(...high.map((x) => x.mean))
  const asc = shownDims.filter((x) => !high.includes(x) && x.mean < floor).sort((a, b) => a.mean - b.mean)
  // The rest lies below every strongest, so with `wholeTies` a tie reaching its end is still weakest.
  const low = cutWithTies(asc, n, (x) => -x.mean, !opts.wholeTies, limit)
  return { high, low }
}

/**
 * Shown means this close (one step at the shown precision) are not strongest and weakest: a lead
 * read every one of five dimensions named as highest (3,2) or lowest (3,1), which told nothing.
 */
const CLOSE_STEPS = 1

/**
 * The lowest and highest of `shownDims`' shown means, when there are two or more and all lie
 * within CLOSE_STEPS of each other (equal included), or, `withinMargins`, when every shown mean
 * lies inside every dimension's shown margin (so a reader sees each one in every other's range);
 * null otherwise. `within` marks the second.
 */
export function closeTogether<T extends { mean: number; ci95?: [number, number] | null }>(
  shownDims: T[],
  withinMargins = false,
): { min: number; max: number; within?: true } | null {
  if (shownDims.length < 2) return null
  const means = shownDims.map((x) => x.mean)
  const [min, max] = [Math.min(...means), Math.max(...means)]
  if (Math.round((max - min) * 10 ** SHOWN_DIGITS) <= CLOSE_STEPS) return { min, max }
  const inside = withinMargins && shownDims.every((x) => x.ci95 && shown(x.ci95[0]) <= min && max <= shown(x.ci95[1]))
  return inside ? { min, max, within: true } : null
}

/**
 * A tie of `count` shown dimensions at the shown mean `mean`, left out of the strongest or
 * weakest, named (`dimensions`, in the instrument's order) so a line can say which: "2 dimensies
 * gelijk op 2,2" after the lowest left a lead guessing which two, and that they came next; or
 * `all` of them, from `mean` to `max` (equal when `max` is `mean`).
 */
export type Tie =
  | { kind: 'strongest' | 'weakest'; count: number; mean: number; dimensions: string[] }
  | { kind: 'all'; count: number; mean: number; max: number; within?: boolean }

/**
 * The ties the line's rule leaves out: what the report's rule (`wholeTies`) names beyond it. All
 * close together (as shown) is one tie of every dimension; nothing else is told that the cells do not show.
 */
function tiesLeftOut<T extends { d: string; mean: number; ci95?: [number, number] | null }>(
  shownDims: T[],
  named: { high: T[]; low: T[] },
  withinMargins = false,
): Tie[] {
  const close = closeTogether(shownDims, withinMargins)
  if (close?.within) return [{ kind: 'all', count: shownDims.length, mean: close.min, max: close.max, within: true }]
  if (close) return [{ kind: 'all', count: shownDims.length, mean: close.min, max: close.max }]
  const whole = strongestAndWeakest(shownDims, { wholeTies: true })
  return (['strongest', 'weakest'] as const).flatMap((kind) => {
    const [all, some] = kind === 'strongest' ? [whole.high, named.high] : [whole.low, named.low]
    const extra = all.filter((x) => !some.includes(x))
    if (extra.length === 0) return []
    const mean = extra[0]!.mean
    const tied = shownDims.filter((x) => all.includes(x) && x.mean === mean)
    return [{ kind, count: tied.length, mean, dimensions: tied.map((x) => x.d) }]
  })
}

/** Strongest and weakest shown dimensions of one cell, by shown mean, and the ties left out. */
function extremes(
  subject: Subject,
  role: Role,
  view: CellView,
  dimensions: string[],
  bands: ReturnType<typeof shownBands>,
): { items: Standout[]; ties: Tie[] } {
  if (view.suppressed || !view.scores) return { items: [], ties: [] }
  const shownDims = dimensions.flatMap((d) => {
    const s = view.scores![d]
    if (!s) return []
    const held = s.verdict.because === 'disagree'
    // The heatmap's rule (domain/heatmap.ts `rowOf`): a range only where more answers could settle the level.
    const span = s.level === null && !held && s.ci95 ? intervalLevels(bands, s.ci95) : null
    return [{ d, mean: shown(s.mean), ci95: s.ci95, level: s.level, held, span, reaches: marginReaches(s.verdict) }]
  })
  // The programme's margins are wide where its partners differ (its interval is over partners,
  // worker/domain/publication.ts `scoreOf`): dimensions each within every other's margin are not named
  // highest and lowest (a lead read all five so named, 3,0 to 3,2, over margins of 2,7 to 3,5). A
  // partner's dimensions are told apart by shown mean, its own relative strengths, as its report says.
  const withinMargins = subject.kind === 'programme'
  const { high, low } = strongestAndWeakest(shownDims, { withinMargins })
  const item =
    (kind: 'strongest' | 'weakest') =>
    (x: (typeof shownDims)[number]): Standout => ({
      kind,
      subject,
      role,
      dimension: x.d,
      mean: x.mean,
      level: x.level,
      held: x.held,
      reaches: x.reaches,
      span: x.span,
    })
  return {
    items: [...high.map(item('strongest')), ...low.map(item('weakest'))],
    ties: tiesLeftOut(shownDims, { high, low }, withinMargins),
  }
}

/**
 * The manager–staff gaps of one subject that stand out, where both cells show the dimension: for
 * a partner (`partner` its gaps from gap.ts `partnerGaps`) those larger or smaller than the other
 * partners' median gap (by its interval), furthest from it first; for the programme (`partner`
 * null) those of its gap over the partners in `pairs` (gap.ts `programmeGaps`) clearly not 0 and
 * at least NOTABLE_GAP.
 */
function gapsOf(
  ins: Instrument,
  subject: Subject,
  dimensions: string[],
  partner: Map<string, PartnerGap> | null,
  pairs: readonly { managers: CellView; staff: CellView }[] = [],
): Standout[] {
  const rows: (Standout & { kind: 'gap' })[] = []
  if (partner === null) {
    // The programme's gap over the partners where both groups are shown (gap.ts `programmeGaps`).
    for (const [d, g] of programmeGaps(ins, pairs, dimensions))
      if (g.reading !== 'unclear' && Math.abs(g.gap) >= NOTABLE_GAP)
        rows.push({
          kind: 'gap',
          subject,
          dimension: d,
          ...g,
          typical: null,
          typicalPartners: null,
          versusTypical: null,
        })
  } else {
    for (const [d, x] of partner)
      if (x.versusTypical === 'larger' || x.versusTypical === 'smaller')
        rows.push({ kind: 'gap', subject, dimension: d, ...x })
  }
  const away = (x: PartnerGap) => Math.abs(shown(x.gap - (x.typical ?? 0)))
  return rows.sort((a, b) => away(b) - away(a))
}

/**
 * Significant changes of one subject since the previous wave, largest shown difference first, and
 * the dimensions whose change is not tested because the programme's total holds other partners
 * (`partnersChanged`, given for the programme only).
 */
function changesOf(
  input: StandoutInput,
  subject: Subject,
  now: PublishedCell | undefined,
  before: PublishedCell | undefined,
  scoresOf: (ins: Instrument, cell: PublishedCell | undefined) => CellView,
  comparable: Set<string>,
  programme?: Parameters<typeof changeBetween>[4],
): { rows: Standout[]; partnersChanged: string[]; tested: number } {
  const prev = input.previous
  if (!prev || !now || !before) return { rows: [], partnersChanged: [], tested: 0 }
  const next = scoresOf(input.ins, now)
  const was = scoresOf(prev.ins, before)
  const change = changeBetween(
    was,
    next,
    (d) => comparable.has(d),
    { prev: before.stats ?? {}, next: now.stats ?? {} },
    programme,
  )
  if (!change) return { rows: [], partnersChanged: [], tested: 0 }
  const rows: Standout[] = []
  const other: string[] = []
  let tested = 0
  // A change as told: its two means and their difference as shown (`partners`: over those in both waves).
  const told = (dimension: string, from: number, to: number, p: number, partners?: number): Standout => ({
    kind: 'change',
    subject,
    role: input.role,
    dimension,
    previousWave: prev.label,
    from: shown(from),
    to: shown(to),
    diff: shownDiff(to, from),
    p,
    ...(partners === undefined ? {} : { partners }),
  })
  for (const [d, c] of Object.entries(change)) {
    if (c?.partnersChanged && c.matched) {
      // Tested over the partners shown in both waves: named as theirs, with their two means.
      const m = c.matched
      tested++
      if (clearAsShown(m.significant, m.from, m.to)) rows.push(told(d, m.from, m.to, m.p, m.partners))
      continue
    }
    if (c?.partnersChanged) {
      other.push(d)
      continue
    }
    const from = was.scores?.[d]
    const to = next.scores?.[d]
    if (c && from && to) tested++
    // Significant yet "0,0" as shown: nothing a reader could see, so nothing said.
    if (!c?.significant || !from || !to || !clearAsShown(c.significant, from.mean, to.mean)) continue
    rows.push(told(d, from.mean, to.mean, c.p))
  }
  rows.sort((a, b) => Math.abs((b as { diff: number }).diff) - Math.abs((a as { diff: number }).diff))
  return { rows, partnersChanged: other, tested }
}

/** Per subject (the programme first, then each partner the reader may see): what stands out. */
export function standoutsOf(input: StandoutInput): StandoutGroup[] {
  return standoutsAndHeadlines(input).groups
}

/**
 * A programme-wide sentence: what a lead of many partners reads before the per-partner
 * lines. Each names its numbers as shown and only shown cells of partners the reader may see.
 */
export type Headline =
  /**
   * The partner (or partners, tied as shown) with the lowest shown mean on a dimension, among the
   * `of` partners the reader sees whose cell shows it; `highest` those with the highest (whom a
   * lead can learn from); `programme` the programme's shown mean.
   */
  | {
      kind: 'lowest'
      role: Role
      dimension: string
      mean: number
      partners: { id: string; name: string }[]
      highest: { mean: number; partners: { id: string; name: string }[] }
      of: number
      programme: number | null
      /**
       * Where every partner at `mean` is already named lowest on this dimension by a `lowestOften`
       * line above: the lowest shown value among the other partners showing it, every partner at
       * it named (`nextLowest`). The line leads with them and says the named ones once, briefly:
       * "SVB is het laagst op 10 van de 10" followed by five lines "Laagst op …: SVB" told a lead
       * one fact six times and not who came next (a new lead's walk-through).
       */
      next?: { mean: number; partners: { id: string; name: string }[] }
    }
  /**
   * The partners with a held cell (`held` stand-outs, each partner's own line), most such
   * dimensions first, then in the reader's order: up to HEADLINES.held named, each with its
   * dimensions; `more` how many other partners have one (their own lines name them); `dimensions`
   * how many the role has, so "every dimension" can be said.
   */
  | {
      kind: 'held'
      role: Role
      partners: { id: string; name: string; dimensions: string[] }[]
      more: number
      dimensions: number
    }
  /** A partner named lowest (ties included) on `dimensions.length` of the `of` dimensions compared. */
  | { kind: 'lowestOften'; role: Role; partner: { id: string; name: string }; dimensions: string[]; of: number }
  /**
   * A partner the next-lowest (a "lowest" line's `next`) on `dimensions.length` of the `of`
   * dimensions where the partners `after` are the lowest and named so above: "Na SVB is Gemeente
   * Utrecht het laagst op 7 van de 10 dimensies waar SVB het laagst is". Of four partners, with SVB
   * lowest everywhere, seven lines led "na SVB: Gemeente Utrecht" in turn (a new lead's walk-through).
   */
  | {
      kind: 'lowestAfter'
      role: Role
      partner: { id: string; name: string }
      after: { id: string; name: string }[]
      dimensions: string[]
      of: number
      /**
       * Of `dimensions`, those where others show the same next-lowest value (as shown), with them:
       * the line names them beside the dimension, as the dimension's own line does. "Humanitas
       * comes next on Ruimte en vertrouwen" above "Gemeente Eindhoven en Humanitas met 2,3" told a
       * lead two different things (a lead's review).
       */
      tied: { dimension: string; partners: { id: string; name: string }[] }[]
    }
  /**
   * The partners whose clear changes since `previousWave` went `direction` on every one of the
   * role's `dimensions` (`movedEverywhere`): what each of their own lines says, gathered in one.
   */
  | {
      kind: 'everywhere'
      direction: 'up' | 'down'
      partners: { id: string; name: string }[]
      dimensions: number
      previousWave: string
    }
  /** A partner's gap that stands out (as in its own lines), among the furthest from typical. */
  | (Standout & { kind: 'gap' })
  /** A significant change of the programme or a partner, among the largest as shown. */
  | (Standout & { kind: 'change' })
  /** How many more gaps or changes stand out than are named here: the per-partner lines and tables have them. */
  /** `named`: how many of them are named above it; none where a tie at the cut was too wide to name (`firstClear`). */
  | { kind: 'more'; of: 'gap'; n: number; named: number }
  /**
   * `n`: the clear changes not named, so `n` + `named` are every clear change of those `tested`.
   * `range`: the lowest and highest shown difference of the changes counted (not named), so "27
   * clear changes" says how far they went ("from −0,4 to +0,6") and each is one a partner's line holds.
   * `tested`: how many changes of shown cells (programme and partners, every dimension compared)
   * were tested, so the page can say how many chance alone marks clear at the test's 5% (a lead
   * with 40 partners read 34 clear changes, 7 of them where nothing had changed).
   */
  | { kind: 'more'; of: 'change'; n: number; named: number; range: [number, number]; tested: number }

/**
 * The share of changes Welch's test calls clear where nothing changed (p < 0.05), and from how
 * many tested changes the page says how many that makes: from 20, chance alone gives one or more.
 */
export const CHANCE = { share: 0.05, from: 20 } as const

/**
 * At most this many "lowest on a dimension" sentences, gaps and "lowest often" (fewer where ties at
 * the edge leave some out), this many changes, each of another subject (`largestChanges`), and
 * this many partners named in the line on held cells (`heldAcross`; the others counted).
 */
export const HEADLINES = { lowest: 5, gap: 2, change: 3, often: 2, held: 5 } as const

/**
 * The first `n` of `sorted` (largest `key` first) with the rows tied (as shown) across the cut:
 * naming one of equals would be arbitrary, and leaving them all out would make the sentence say
 * less than the table beside it (a lead read "Hoogst: A" while B and C showed the same 4,2 as the
 * one after A). So all rows tied at the cut are named together, up to `limit` (`2n`) rows in all; past that
 * (a tie too wide to name in one sentence), or, with `restBelow`, where the tie reaches the last
 * row (nothing is left below it to be higher than), none of the tied rows is, and a caller says
 * how many were left out.
 */
function cutWithTies<T>(sorted: T[], n: number, key: (x: T) => number, restBelow = false, limit = 2 * n): T[] {
  if (sorted.length <= n) return sorted.slice()
  const edge = key(sorted[n - 1]!)
  let end = n
  while (end < sorted.length && key(sorted[end]!) === edge) end++
  if (end === n) return sorted.slice(0, n)
  if (end <= limit && !(restBelow && end === sorted.length)) return sorted.slice(0, end)
  return sorted.slice(0, n).filter((x) => key(x) !== edge)
}

/**
 * The first `n` of `rows` sorted by `key` (largest first), with every row tied (as shown) across
 * the cut named too, or, where that tie is wider than `n` more, none of it (`cutWithTies`); a
 * caller says how many were left out.
 */
export function firstClear<T>(rows: T[], n: number, key: (x: T) => number): T[] {
  return cutWithTies(
    [...rows].sort((a, b) => key(b) - key(a)),
    n,
    key,
  )
}

/**
 * The lowest partner per dimension among the shown partner cells (`cells`, the reader's partners),
 * and the highest beside it, ties named together; none where fewer than two partners show the dimension (a comparison of one
 * says nothing). Means are compared as shown, so equals on the page are equals here. Each with
 * the next-lowest of the others (`after`), which `headlinesOf` leads with where the lowest are
 * named on that dimension already.
 */
function lowestPerDimension(
  role: Role,
  dimensions: string[],
  cells: { id: string; name: string; view: CellView }[],
  programme: CellView,
): Lowest[] {
  const out: Lowest[] = []
  for (const d of dimensions) {
    const showing = cells.flatMap((c) => {
      const s = c.view.suppressed ? null : c.view.scores?.[d]
      return s ? [{ id: c.id, name: c.name, mean: shown(s.mean) }] : []
    })
    if (showing.length < 2) continue
    const min = Math.min(...showing.map((x) => x.mean))
    const max = Math.max(...showing.map((x) => x.mean))
    const named = showing.filter((x) => x.mean === min)
    // All equal as shown: nobody is lowest.
    if (named.length === showing.length) continue
    const p = programme.suppressed ? null : programme.scores?.[d]
    const names = (xs: typeof showing) => xs.map(({ id, name }) => ({ id, name }))
    out.push({
      line: {
        kind: 'lowest',
        role,
        dimension: d,
        mean: min,
        partners: names(named),
        highest: { mean: max, partners: names(showing.filter((x) => x.mean === max)) },
        of: showing.length,
        programme: p ? shown(p.mean) : null,
      },
      after: nextLowest(
        showing.filter((x) => x.mean !== min),
        names,
      ),
    })
  }
  return out
}

/** A dimension's "lowest" line, with the next-lowest of the partners left when its lowest are set aside. */
type Lowest = {
  line: Headline & { kind: 'lowest' }
  after: NonNullable<(Headline & { kind: 'lowest' })['next']> | null
}

/**
 * The lowest shown value of `rest` (the partners showing a dimension other than its lowest) and
 * every partner at it, by the rule of the line itself: none where fewer than two are left or all
 * of them are equal as shown (then nobody of them is lowest, and "next" would be "highest" too).
 */
function nextLowest<T extends { id: string; name: string; mean: number }>(
  rest: T[],
  names: (xs: T[]) => { id: string; name: string }[],
): Lowest['after'] {
  if (rest.length < 2) return null
  const min = Math.min(...rest.map((x) => x.mean))
  if (rest.every((x) => x.mean === min)) return null
  return { mean: min, partners: names(rest.filter((x) => x.mean === min)) }
}

/**
 * The `n` largest clear changes by shown difference, up or down alike, each of another subject
 * (the programme or a partner): its largest, the rest of its changes in its own line and counted
 * in "N more". A lead of 40 partners read one partner's two +0,9 and nothing else: a tie of many at
 * 0,8 across the cut was too wide to name together (`firstClear`), so a drop of 0,8 went unnamed
 * beside a second line of the same partner. So equals at the cut are taken, not left out: of equal
 * shown size a decrease first (a lead reads these for where to act, as the lowest lead each line
 * per dimension), then the clearer (smaller p), then the order given (the programme, then the
 * partners in the reader's order). The count after them gives the range of those left, so a reader
 * sees that equals of the last one named are among them.
 */
export function largestChanges<T extends { subject: Subject; diff: number; p: number }>(changes: T[], n: number): T[] {
  const down = (c: T) => (c.diff < 0 ? 0 : 1)
  const order = [...changes].sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff) || down(a) - down(b) || a.p - b.p)
  const subjects = new Set<string>()
  const named: T[] = []
  for (const c of order) {
    const key = c.subject.kind === 'partner' ? `partner:${c.subject.id}` : 'programme'
    if (named.length === n) break
    if (subjects.has(key)) continue
    subjects.add(key)
    named.push(c)
  }
  return named
}

/**
 * The programme-wide sentences from what the groups say in full: partners lowest on several
 * dimensions, the lowest per dimension (lowest first; where its lowest are those named just above,
 * the next-lowest, or no line), the gaps furthest from typical and the
 * largest changes (`largestChanges`). Pure and made only from the statements about shown cells, so no sentence says
 * more than the per-partner lines and the tables do.
 */
export function headlinesOf(
  lowestAll: Lowest[],
  gaps: (Standout & { kind: 'gap' })[],
  changes: (Standout & { kind: 'change' })[],
  tested = 0,
  everywhere: Headline[] = [],
): Headline[] {
  const lowest = lowestAll.map((l) => l.line)
  // A partner lowest on several dimensions: counted over every dimension compared, before the cut.
  const count = new Map<string, { partner: { id: string; name: string }; dims: string[] }>()
  for (const l of lowest)
    for (const p of l.partners) {
      const e = count.get(p.id) ?? { partner: p, dims: [] }
      e.dims.push(l.dimension)
      count.set(p.id, e)
    }
  const role = lowest[0]?.role
  const often = firstClear(
    [...count.values()].filter((e) => e.dims.length >= 2),
    HEADLINES.often,
    (e) => e.dims.length,
  ).map(
    (e): Headline => ({ kind: 'lowestOften', role: role!, partner: e.partner, dimensions: e.dims, of: lowest.length }),
  )
  // A dimension whose lowest are all named on it just above is not led by them again: its line leads
  // with the next-lowest of the others, the named said once beside it, or, with no next-lowest
  // (nobody else lower than the rest), it is left out, the line above having named that dimension.
  // Which lines are kept (the lowest first) goes by the value each leads with.
  const namedOn = (id: string, dimension: string) =>
    often.some((o) => o.kind === 'lowestOften' && o.partner.id === id && o.dimensions.includes(dimension))
  const perDimension = lowestAll.flatMap(({ line, after }) => {
    if (!line.partners.every((p) => namedOn(p.id, line.dimension))) return [line]
    return after ? [{ ...line, next: after }] : []
  })
  // Of those, a partner next-lowest on several dimensions after the same named partners is said so
  // once, as "lowest often" is (counted before the cut, the most first), and the lines it leads there go.
  const afterOf = (l: Headline & { kind: 'lowest' }) => l.partners.map((p) => p.id).join(' ')
  type Next = {
    partner: { id: string; name: string }
    dims: string[]
    tied: (Headline & { kind: 'lowestAfter' })['tied']
  }
  const groups = new Map<string, { after: { id: string; name: string }[]; of: number; next: Map<string, Next> }>()
  for (const { line } of lowestAll) {
    if (!line.partners.every((p) => namedOn(p.id, line.dimension))) continue
    const g = groups.get(afterOf(line)) ?? { after: line.partners, of: 0, next: new Map() }
    g.of++
    groups.set(afterOf(line), g)
  }
  for (const l of perDimension)
    for (const p of l.next?.partners ?? []) {
      const next = groups.get(afterOf(l))!.next
      const e = next.get(p.id) ?? { partner: p, dims: [], tied: [] }
      e.dims.push(l.dimension)
      const others = l.next!.partners.filter((x) => x.id !== p.id)
      if (others.length) e.tied.push({ dimension: l.dimension, partners: others })
      next.set(p.id, e)
    }
  const afterLines = [...groups.values()].flatMap((g) =>
    firstClear(
      [...g.next.values()].filter((e) => e.dims.length >= 2),
      HEADLINES.often,
      (e) => e.dims.length,
    ).map((e): Headline & { kind: 'lowestAfter' } => ({
      kind: 'lowestAfter',
      role: role!,
      partner: e.partner,
      after: g.after,
      dimensions: e.dims,
      of: g.of,
      tied: e.tied,
    })),
  )
  const saidAfter = (id: string, dimension: string) =>
    afterLines.some((a) => a.partner.id === id && a.dimensions.includes(dimension))
  const lines = perDimension.filter((l) => !l.next?.partners.every((p) => saidAfter(p.id, l.dimension)))
  const away = (x: PartnerGap) => Math.abs(shown(x.gap - (x.typical ?? 0)))
  const partnerGaps = gaps.filter((g) => g.subject.kind === 'partner')
  const namedGaps = firstClear(partnerGaps, HEADLINES.gap, away)
  const namedChanges = largestChanges(changes, HEADLINES.change)
  const moreGaps: Headline[] =
    partnerGaps.length > namedGaps.length
      ? [{ kind: 'more', of: 'gap', n: partnerGaps.length - namedGaps.length, named: namedGaps.length }]
      : []
  const left = changes.filter((c) => !namedChanges.includes(c)).map((c) => c.diff)
  const moreChanges: Headline[] =
    left.length > 0
      ? [
          {
            kind: 'more',
            of: 'change',
            n: left.length,
            named: namedChanges.length,
            range: [Math.min(...left), Math.max(...left)],
            tested,
          },
        ]
      : []
  return [
    ...everywhere,
    ...often,
    ...afterLines,
    ...firstClear(lines, HEADLINES.lowest, (l) => -(l.next?.mean ?? l.mean)),
    ...namedGaps,
    ...moreGaps,
    ...namedChanges,
    ...moreChanges,
  ]
}

/**
 * The partners whose answers fall apart on some shown dimension (their `held` stand-outs), in one
 * line above everything else: for a lead reading only the top that is the main fact about such a
 * partner, since none of its levels there describes anyone, and on 40 collapsed lines it was told
 * nowhere. Nothing new is said: each partner's own line names the same dimensions, each a shown
 * cell the heatmap marks (heatmap.ts `shownHeld`).
 */
function heldAcross(groups: { subject: Subject; items: Standout[] }[], role: Role, dimensions: number): Headline[] {
  const partners = groups.flatMap((g) => {
    const held = g.items.flatMap((x) => (x.kind === 'held' ? [x.dimension] : []))
    return g.subject.kind === 'partner' && held.length
      ? [{ id: g.subject.id, name: g.subject.name, dimensions: held }]
      : []
  })
  if (partners.length === 0) return []
  // Most dimensions first; of equals, the reader's order (a stable sort keeps it).
  const named = [...partners].sort((a, b) => b.dimensions.length - a.dimensions.length).slice(0, HEADLINES.held)
  return [{ kind: 'held', role, partners: named, more: partners.length - named.length, dimensions }]
}

/**
 * The partners whose clear changes since the previous wave all went one way, on every dimension
 * of the role (two or more), a line each way. On 40 collapsed lines the four partners that fell on
 * every dimension were the pattern a lead most needed and could find only by opening each line (a
 * lead's review). Nothing new is said: each partner's own line names the same changes.
 */
export function movedEverywhere(
  groups: { subject: Subject; moved: { up: string[]; down: string[] } }[],
  dimensions: number,
  previousWave: string | undefined,
): Headline[] {
  if (!previousWave || dimensions < 2) return []
  return (['down', 'up'] as const).flatMap((direction): Headline[] => {
    const partners = groups.flatMap((g) =>
      g.subject.kind === 'partner' && g.moved[direction].length === dimensions
        ? [{ id: g.subject.id, name: g.subject.name }]
        : [],
    )
    return partners.length ? [{ kind: 'everywhere', direction, partners, dimensions, previousWave }] : []
  })
}

/** The stand-out groups and the programme-wide sentences above them, from one pass over the cells. */
export function standoutsAndHeadlines(input: StandoutInput): { groups: StandoutGroup[]; headlines: Headline[] } {
  const { ins, publication, role } = input
  // The programme's cells viewed as the programme's (no agreement: publication.ts `cellView`), as
  // the dashboard's programme row is, so a programme stand-out never holds back a level that row
  // names; a partner's as a partner's. The same statements whichever `view` is given
  // (tests/worker/domain/standouts-views.test.ts).
  const view = input.view ?? cellView
  const scoresIn =
    (group: 'partner' | 'programme') =>
    (i: Instrument, cell: PublishedCell | undefined): CellView =>
      view(i, cell, group)
  // The same for every subject: which dimensions the two waves' instruments let be compared.
  const comparable = input.previous ? comparableDimensions(input.previous.ins, ins) : new Set<string>()
  const pub = publication.roles[role]
  if (!pub) return { groups: [], headlines: [] }
  const bands = shownBands(ins)
  const managers = publication.roles.teammanager
  const staff = publication.roles.medewerker
  // A gap compares the dimensions asked of both roles (publication.ts keeps only those asked)
  // and shown in the role read, so every gap named is one the page's tables show too; and only on
  // the view of one of those two roles: tactical management's stand-outs named team managers
  // against their staff, and a staff score "above" that its view does not show (a lead's review).
  const both =
    showsGap(role) && managers && staff
      ? managers.dimensions.filter((d) => staff.dimensions.includes(d) && pub.dimensions.includes(d))
      : []
  const before = input.previous?.publication.roles[role]
  const ofProgramme = scoresIn('programme')
  const ofPartner = scoresIn('partner')
  // Each partner against the median of the other partners the reader is shown, as the gap table.
  const byPartner = partnerGaps(
    ins,
    input.partners
      .filter((p) => p.id in pub.partners)
      .map((p) => ({
        id: p.id,
        managers: ofPartner(ins, managers?.partners[p.id]),
        staff: ofPartner(ins, staff?.partners[p.id]),
      })),
    both,
  )
  // The partners the reader is shown, as for the median (gap.ts `programmeGaps`).
  const programmePairs = input.partners
    .filter((p) => p.id in pub.partners)
    .map(({ id }) => ({
      managers: ofPartner(ins, managers?.partners[id]),
      staff: ofPartner(ins, staff?.partners[id]),
    }))
  const group = (
    subject: Subject,
    cell: PublishedCell | undefined,
    prev: PublishedCell | undefined,
  ): StandoutGroup & {
    gaps: (Standout & { kind: 'gap' })[]
    changes: (Standout & { kind: 'change' })[]
    tested: number
  } => {
    const scoresOf = subject.kind === 'programme' ? ofProgramme : scoresIn('partner')
    // Every gap and change that stands out, most notable first; MOST of each are named.
    const gaps = gapsOf(
      ins,
      subject,
      both,
      subject.kind === 'programme' ? null : (byPartner.get(subject.id) ?? new Map()),
      subject.kind === 'programme' ? programmePairs : [],
    )
    // The programme's total is a sum over the partners shown: where they differ between the two
    // waves, the total moved by who is in it as much as by any change, so none is tested.
    const {
      rows: changes,
      partnersChanged,
      tested,
    } = changesOf(
      input,
      subject,
      cell,
      prev,
      scoresOf,
      comparable,
      subject.kind === 'programme'
        ? {
            partnersChanged: (d) => partnersChangedBetween(before, pub, d),
            design: { prev: before?.programme.design, next: pub.programme.design },
            ...(input.matched ? { matched: (d: string) => matchedChange(before, pub, d) } : {}),
          }
        : undefined,
    )
    const own = scoresOf(ins, cell)
    const ends = extremes(subject, role, own, pub.dimensions, bands)
    // Told first: where the answers fall apart, the levels there describe nobody.
    const held: Standout[] =
      subject.kind === 'partner'
        ? pub.dimensions
            .filter((d) => shownHeld(own, d))
            .map((dimension) => ({ kind: 'held', subject, role, dimension }))
        : []
    return {
      subject,
      items: [...held, ...ends.items, ...gaps.slice(0, MOST), ...changes.slice(0, MOST)],
      more: { gap: Math.max(0, gaps.length - MOST), change: Math.max(0, changes.length - MOST) },
      moved: {
        up: changes.flatMap((c) => (c.kind === 'change' && c.diff > 0 ? [c.dimension] : [])),
        down: changes.flatMap((c) => (c.kind === 'change' && c.diff < 0 ? [c.dimension] : [])),
      },
      ties: ends.ties,
      partnersChanged:
        partnersChanged.length && input.previous
          ? { previousWave: input.previous.label, dimensions: partnersChanged }
          : null,
      gaps: gaps as (Standout & { kind: 'gap' })[],
      changes: changes as (Standout & { kind: 'change' })[],
      tested,
    }
  }
  const programme: Subject = { kind: 'programme' }
  const full = [
    group(programme, pub.programme, before?.programme),
    ...input.partners
      .filter((p) => p.id in pub.partners)
      .map((p) => group({ kind: 'partner', id: p.id, name: p.name }, pub.partners[p.id], before?.partners[p.id])),
  ]
  const seen = input.partners.filter((p) => p.id in pub.partners)
  const lowest = lowestPerDimension(
    role,
    pub.dimensions,
    seen.map((p) => ({ id: p.id, name: p.name, view: scoresIn('partner')(ins, pub.partners[p.id]) })),
    ofProgramme(ins, pub.programme),
  )
  return {
    groups: full.map(({ gaps: _g, changes: _c, tested: _t, ...g }) => g),
    headlines: [
      ...heldAcross(full, role, pub.dimensions.length),
      ...headlinesOf(
        lowest,
        full.flatMap((g) => g.gaps),
        full.flatMap((g) => g.changes),
        full.reduce((sum, g) => sum + g.tested, 0),
        movedEverywhere(full, pub.dimensions.length, input.previous?.label),
      ),
    ],
  }
}
