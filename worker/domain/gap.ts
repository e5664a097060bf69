import type { Instrument, Role } from '../../schema/instrument.ts'
import { SHOWN_DIGITS, shown, shownDiff } from './levels.ts'
import type { CellView, SharedScore } from './publication.ts'
import { sharedItemsOf } from './shared-items.ts'
import { sampleSd, tQuantile, welchCi95, type Moments } from './stats.ts'

/**
 * The manager–staff gap: team managers' self-rating mean minus
 * their staff's mean, with a 95% interval and against the other partners' median gap
 * (`typicalOfOthers`). Self-ratings are milder than ratings by others on average, so a positive
 * gap is the normal case; what a reader can learn is whether a partner's gap is larger or smaller
 * than the other partners', and a gap says that views differ, not who is right.
 *
 * Every number is made from what the two cells show (n, mean and sd, all in the dashboard; on
 * `autonomie` and `steun` staff's side is their shown score on the shared questions, `CellView.shared`) and
 * at the shown precision: the gap is the difference of the shown means (levels.ts `shownDiff`),
 * the interval is that gap ± the shown half-width, so "0,6 (0,2 to 1,0)" adds up by hand, and
 * every verdict compares shown numbers. The programme's own gap (`programmeGaps`) is the mean of
 * the partners' gaps where both groups are shown, with an interval from their spread; a partner is
 * compared with the median of the other partners' shown gaps, which the reader's own gap table holds.
 */

/** Which way the interval points: managers above their staff, below, or the interval holds 0 (the data cannot tell). */
type GapReading = 'higher' | 'lower' | 'unclear'

/** A partner's gap against the typical gap: the typical gap lies above, inside or below the partner's interval. */
type VersusTypical = 'larger' | 'same' | 'smaller'

export type Gap = {
  /** Managers' and staff's means as shown. */
  manager: number
  staff: number
  /** manager − staff, as shown. */
  gap: number
  /** The 95% interval as shown: gap ± the shown half-width (Welch); null when a side has fewer than two scores. */
  ci95: [number, number] | null
  reading: GapReading
}

/** What a side of the gap needs of a shown score: a dimension's score, or staff's on the shared questions. */
type Side = SharedScore

/** n, sum and sum of squares back from a shown cell's n, mean and sd: what Welch's interval needs. */
const momentsOf = (s: Side): Moments => ({
  n: s.n,
  sum: s.n * s.mean,
  sumsq: (s.n - 1) * (s.sd ?? 0) ** 2 + s.n * s.mean * s.mean,
})

/** One dimension's gap from the two scores shown; the interval cannot leave ±(scale max − min). */
export function gapOf(ins: Instrument, manager: Side, staff: Side): Gap {
  const gap = shownDiff(manager.mean, staff.mean)
  const w = manager.sd === null || staff.sd === null ? null : welchCi95(momentsOf(staff), momentsOf(manager))
  const span = ins.scale.max - ins.scale.min
  const clip = (x: number) => Math.min(span, Math.max(-span, x))
  // Around the gap as shown, with the half-width as shown: the exact difference may round to a
  // neighbouring value, and an interval centred on it would not match the gap beside it.
  const half = w ? shown(w.half) : null
  const ci95: [number, number] | null = half === null ? null : [shown(clip(gap - half)), shown(clip(gap + half))]
  const reading: GapReading = !ci95 ? 'unclear' : ci95[0] > 0 ? 'higher' : ci95[1] < 0 ? 'lower' : 'unclear'
  return { manager: shown(manager.mean), staff: shown(staff.mean), gap, ci95, reading }
}

/**
 * The gap per dimension where both cells are shown and show the dimension, in `dimensions` order.
 * Where staff answer questions of the dimension that team managers are not asked, staff's side is
 * their score on the shared questions (`CellView.shared`, worker/domain/shared-items.ts): no gap
 * where that is hidden. Only a publication that keeps no shared scores at all (a wave published
 * before they were kept) compares staff's whole score, and the pages say so (`gapBases`).
 */
export function gapsBetween(
  ins: Instrument,
  managers: CellView | undefined,
  staff: CellView | undefined,
  dimensions: string[],
): Map<string, Gap> {
  const out = new Map<string, Gap>()
  if (!managers?.scores || !staff?.scores) return out
  const differ = new Set(sharedItemsOf(ins).map((s) => s.dimension))
  for (const d of dimensions) {
    const m = managers.scores[d]
    const s = differ.has(d) && staff.shared ? staff.shared[d] : staff.scores[d]
    if (m && s) out.set(d, gapOf(ins, m, s))
  }
  return out
}

/**
 * Why a partner whose two groups are both shown has no gap on `dimension` (as `gapsBetween` leaves
 * it out), or null where it has one: team managers' score on it is hidden (`managers-few`: fewer
 * than k scored it), staff's is (`staff-few`), or staff's score on the shared questions is:
 * `shared-hidden` where a question only staff are asked hides its counts, so that the shared score
 * would give its few answers away (worker/domain/publication.ts `withShared`, rule 3);
 * `shared-few` where fewer than k have a score on them; `shared-not-kept` where the group's rollup
 * did not keep it for this wave. The reasons the CSV gives (worker/services/results-service.ts
 * `exportRows`), each read off what the publication shows: `staffQuestionHidden` says whether a
 * staff question's counts are hidden in the staff cell as the reader is shown them
 * (worker/domain/question-detail.ts `questionHiddenIn`).
 */
export type NoGap = 'managers-few' | 'staff-few' | 'shared-hidden' | 'shared-few' | 'shared-not-kept'

export function whyNoGap(
  ins: Instrument,
  managers: CellView,
  staff: CellView,
  dimension: string,
  staffQuestionHidden: (question: string) => boolean,
): NoGap | null {
  if (!managers.scores || !staff.scores) return null
  if (!managers.scores[dimension]) return 'managers-few'
  if (!staff.scores[dimension]) return 'staff-few'
  const items = sharedItemsOf(ins).find((s) => s.dimension === dimension)
  if (!items || !staff.shared) return null
  if (!(dimension in staff.shared)) return 'shared-not-kept'
  if (staff.shared[dimension]) return null
  return items.staffOnly.some((q) => staffQuestionHidden(q.name)) ? 'shared-hidden' : 'shared-few'
}

/**
 * The programme's own gap per dimension: the mean of the partners' gaps, over the
 * partners where both groups show the dimension (and staff's shared score where the dimension
 * needs it, as `gapsBetween`), each partner once, with the interval t(0.975, J − 1) · sd / √J from
 * the spread of those J gaps; only from MIN_GAP_PARTNERS such partners on, else none: not
 * comparable. The two programme rows are not used: each sums its own shown partners, so managers'
 * row (whose groups of 2–6 are often hidden) and staff's hold different partners, and the rows'
 * Welch interval counts clustered answers as independent ones. `manager` and `staff` are the
 * means of the partners' shown means, rounded so that the gap is their difference as shown
 * (`meansBesideGap`). Made from the partner cells every
 * reader's publication holds; like the design effect (publication.ts MIN_CLUSTERS) from four on,
 * so a reader who knows one partner's gap learns from the mean and spread only sums over three
 * or more others.
 */
export const MIN_GAP_PARTNERS = 4

/**
 * The mean of values as shown, at the shown precision, worked in whole steps of it so a half step
 * rounds away from zero as by hand (0,15 is 0,2; as a binary fraction it is a hair under).
 */
function meanAsShown(values: readonly number[]): number {
  const step = 10 ** SHOWN_DIGITS
  const q = values.reduce((a, v) => a + Math.round(shown(v) * step), 0) / values.length
  return shown((Math.sign(q) * Math.floor(Math.abs(q) + 0.5)) / step)
}

/**
 * The two means shown beside the programme's gap, rounded so that they differ by exactly that
 * gap: a lead checks "teammanagers 3,9 en hun medewerkers 3,4, +0,6" by hand (a lead's review),
 * and three means each rounded to the nearest step may not add up. The mean whose
 * nearest step is nearer its own value keeps it; the other is that step plus or minus the gap, a
 * step at most from its own mean of the rows' shown values (the gap's and the first mean's
 * rounding are half a step each).
 */
function meansBesideGap(managers: number[], staff: number[], gap: number): { manager: number; staff: number } {
  // In whole steps and sums, never float means: which mean moves must not depend on the order the
  // partners are added in (a hostile reader's review: renaming a partner reordered them and moved a
  // closed wave's shown means). On a tie the staff mean moves.
  const step = 10 ** SHOWN_DIGITS
  const steps = (x: number) => Math.round(shown(x) * step)
  const J = managers.length
  const [mSum, sSum] = [managers.reduce((a, x) => a + steps(x), 0), staff.reduce((a, x) => a + steps(x), 0)]
  const [m0, s0, g] = [steps(meanAsShown(managers)), steps(meanAsShown(staff)), steps(gap)]
  if (m0 - s0 === g) return { manager: m0 / step, staff: s0 / step }
  // Each moved mean's distance from its rows' mean, times J: whole numbers.
  const staffOff = Math.abs((m0 - g) * J - sSum)
  const managerOff = Math.abs((s0 + g) * J - mSum)
  return staffOff <= managerOff
    ? { manager: m0 / step, staff: (m0 - g) / step }
    : { manager: (s0 + g) / step, staff: s0 / step }
}

export function programmeGaps(
  ins: Instrument,
  pairs: readonly { managers: CellView | undefined; staff: CellView | undefined }[],
  dimensions: string[],
): Map<string, Gap & { partners: number; median: number }> {
  const out = new Map<string, Gap & { partners: number; median: number }>()
  const differ = new Set(sharedItemsOf(ins).map((s) => s.dimension))
  const span = ins.scale.max - ins.scale.min
  const clip = (x: number) => Math.min(span, Math.max(-span, x))
  for (const d of dimensions) {
    const sides = pairs.flatMap(({ managers, staff }) => {
      const m = managers?.scores?.[d]
      const s = staff?.scores ? (differ.has(d) && staff.shared ? staff.shared[d] : staff.scores[d]) : null
      return m && s ? [{ m: m.mean, s: s.mean }] : []
    })
    const J = sides.length
    if (J < MIN_GAP_PARTNERS) continue
    // Of the partners' gaps as their rows show them (`gapOf`: shown manager − shown staff), so the
    // mean a reader works out from the rows under it is the one shown (a lead's review found +0,8
    // above twelve rows averaging 0,71: the difference of the two rounded means).
    const diffs = sides.map((x) => shownDiff(x.m, x.s))
    const sd = sampleSd({ n: J, sum: diffs.reduce((a, x) => a + x, 0), sumsq: diffs.reduce((a, x) => a + x * x, 0) })!
    const gap = meanAsShown(diffs)
    const { manager, staff } = meansBesideGap(
      sides.map((x) => x.m),
      sides.map((x) => x.s),
      gap,
    )
    const half = shown((tQuantile(0.975, J - 1) * sd) / Math.sqrt(J))
    const ci95: [number, number] = [shown(clip(gap - half)), shown(clip(gap + half))]
    const reading: GapReading = ci95[0] > 0 ? 'higher' : ci95[1] < 0 ? 'lower' : 'unclear'
    // `partners`: how many partners the means are of, so a reader can tell the rows' bases apart.
    // `median`: the middle of the same gaps, beside the mean, since each partner is set against the
    // median of the others (`typicalOfOthers`): a mean of +0,5 above rows that say "usual +0,7" read
    // as two numbers for one programme (a lead's review).
    out.set(d, { manager, staff, gap, ci95, reading, partners: J, median: medianAsShown(diffs) })
  }
  return out
}

/**
 * Whether a view of `role` shows the manager–staff gap: only the views of the two roles it
 * compares. Tactical management is asked about itself, so its view says nothing of team managers
 * against their staff (a lead's reviews found its heatmap and stand-outs doing so).
 */
export const showsGap = (role: Role): boolean => role === 'teammanager' || role === 'medewerker'

/**
 * A partner's gap is set against the other partners': the median of their gaps on the
 * same dimension, leaving the partner itself out (else a partner pulls its own yardstick towards
 * it) and counting only partners whose both groups are shown, each once whatever its size (the
 * programme row's gap weighs partners by respondents and holds partners without a gap). From this
 * many other partners on; with fewer there is nothing to set it against.
 */
export const MIN_OTHER_PARTNERS = 3

/** The other partners' median gap as shown, and how many partners it is the median of. */
type Typical = { gap: number; partners: number }

/**
 * The median of the shown gaps of every partner in `byPartner` but `partnerId` on `dimension`,
 * at the shown precision (for an even count, the mean of the middle two, rounded as shown: a reader
 * can check it from the gap table's rows). Null below MIN_OTHER_PARTNERS others. `byPartner` holds
 * only gaps of partners the reader is shown, so the median says nothing about any other.
 */
export function typicalOfOthers(
  byPartner: ReadonlyMap<string, ReadonlyMap<string, Gap>>,
  partnerId: string,
  dimension: string,
): Typical | null {
  const others = [...byPartner]
    .filter(([id]) => id !== partnerId)
    .flatMap(([, gaps]) => {
      const g = gaps.get(dimension)
      return g ? [g.gap] : []
    })
  if (others.length < MIN_OTHER_PARTNERS) return null
  return { gap: medianAsShown(others), partners: others.length }
}

/**
 * The median of shown values at the shown precision; of an even count the mean of the middle two,
 * rounded as `meanAsShown` rounds, in whole steps: (0,6 + 0,7) / 2 in floating point is
 * 0.6499…, which read +0,6 beside the same gaps' mean +0,7 (a lead's walk-through).
 */
function medianAsShown(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 ? shown(sorted[mid]!) : meanAsShown([sorted[mid - 1]!, sorted[mid]!])
}

/**
 * A partner's gap against the typical one, judged on its interval as shown: larger when the
 * typical gap lies below the interval, smaller when above, and otherwise not shown to differ
 * (edges included: an interval that reaches the typical gap does not tell them apart). Null
 * without an interval or a typical gap.
 */
export function versusTypical(gap: Gap, typical: { gap: number } | undefined | null): VersusTypical | null {
  if (!gap.ci95 || !typical) return null
  if (typical.gap < gap.ci95[0]) return 'larger'
  if (typical.gap > gap.ci95[1]) return 'smaller'
  return 'same'
}

/**
 * Whether a gap lies nearer to 0 than the typical gap, or further from it: the size of the gap, not
 * its sign. "Lower than usual" is not "closer to agreement" when the two have different signs: a
 * gap of −0,1 against a usual +0,6 read "lower than usual: managers here see themselves less
 * favourably than their staff" although its interval held 0 (a psychometrician's review). Judged
 * on the interval as shown, as `versusTypical`, edges included: `closer` when the whole interval
 * lies strictly between −|typical| and +|typical|, `further` when it lies wholly beyond one of them,
 * and null when it reaches either (the data cannot tell which is nearer to 0) or there is no interval.
 */
export function sizeVersusTypical(gap: Gap, typical: number | null | undefined): 'closer' | 'further' | null {
  if (!gap.ci95 || typical === null || typical === undefined) return null
  const t = Math.abs(typical)
  const [low, high] = gap.ci95
  if (low > -t && high < t) return 'closer'
  if (low > t || high < -t) return 'further'
  return null
}

/**
 * A partner's gap with the typical gap of its dimension beside it: the other partners' median and
 * how many they are (null when fewer than MIN_OTHER_PARTNERS others show one).
 */
export type PartnerGap = Gap & {
  typical: number | null
  typicalPartners: number | null
  versusTypical: VersusTypical | null
}

export function partnerGap(gap: Gap, typical: Typical | null | undefined): PartnerGap {
  return {
    ...gap,
    typical: typical?.gap ?? null,
    typicalPartners: typical?.partners ?? null,
    versusTypical: versusTypical(gap, typical),
  }
}

/**
 * Every shown partner's gaps with each set against the other shown partners' median: what the gap
 * table, the stand-outs and the partner report read, so all three say the same. `partners` are the
 * partners the reader is shown, each with both cells (undefined where hidden).
 */
export function partnerGaps(
  ins: Instrument,
  partners: readonly { id: string; managers: CellView | undefined; staff: CellView | undefined }[],
  dimensions: string[],
): Map<string, Map<string, PartnerGap>> {
  const byPartner = new Map(partners.map((p) => [p.id, gapsBetween(ins, p.managers, p.staff, dimensions)]))
  return new Map(
    [...byPartner].map(([id, gaps]) => [
      id,
      new Map([...gaps].map(([d, g]) => [d, partnerGap(g, typicalOfOthers(byPartner, id, d))])),
    ]),
  )
}

/**
 * What a dimension's gap rests on, where the two roles' scores are made of different questions:
 * staff's and team managers' question counts, how many are the same question worded for each role
 * (the instrument's items carry a wording per role, so an item with both is answered by both), and
 * how many of staff's are not asked of team managers. `on` says what the gap compares: `shared`,
 * team managers' score with staff's score on the shared questions alone (each staff answer set's
 * score over them is kept in the rollups, worker/domain/shared-items.ts); `all`, for a wave
 * published before those were kept, the two scores as stored, so the gap also holds staff's own
 * questions. The pages say which.
 */
export type GapBasis = {
  dimension: string
  staff: number
  managers: number
  shared: number
  staffOnly: number
  on: 'shared' | 'all'
}

export function gapBases(ins: Instrument, dimensions: string[], on: 'shared' | 'all' = 'all'): GapBasis[] {
  const wanted = new Set(dimensions)
  return sharedItemsOf(ins)
    .filter((s) => wanted.has(s.dimension))
    .sort((a, b) => dimensions.indexOf(a.dimension) - dimensions.indexOf(b.dimension))
    .map((s) => ({
      dimension: s.dimension,
      staff: s.shared.length + s.staffOnly.length,
      managers: s.managers,
      shared: s.shared.length,
      staffOnly: s.staffOnly.length,
      on,
    }))
}
