import type { Instrument } from '../../schema/instrument.ts'
import { meanItemRwg } from './measurement-quality.ts'
import { onScale, type QuestionCounts } from './question-detail.ts'

/** The level whose score band holds `score`; the top band includes the scale maximum. */
export function bandOf(ins: Instrument, score: number): number {
  for (const l of ins.levels) {
    if (score >= l.from && score < l.to) return l.level
  }
  return score >= ins.levels.at(-1)!.to ? ins.levels.at(-1)!.level : ins.levels[0]!.level
}

/**
 * From this many scores on, a cell's level may be named even when its 95% interval spans two
 * bands; below it, only when the interval lies within one band (otherwise "level not yet clear",
 * with mean and interval). Found by simulation in tests/worker/domain/level-rule.test.ts: groups
 * whose true means lie evenly over the scale (every 0.004 from the lowest band's centre to the
 * highest's, so that a cell's distance to its nearest band edge is anything from 0 to half a band),
 * scores with SD 0.8. The smallest n, in steps of 5, at which the levels named for every cell are
 * wrong in under 10% by more than twice the Monte Carlo error: at n = 55, 9.8% (± 0.07, 192,000
 * groups); at n = 50, 10.3%; at 45, 10.7% (45 was chosen before on 13 positions at band centres
 * and near edges, which flattered the rule). With SD 1.0 instead, 11.8% at 55. A level named
 * because its interval lies within one band is wrong in about 11% of the few such cells at n = 5
 * (a tiny sample's SD can be near 0, so its interval is too narrow), 4% at n = 10 and under 1%
 * from n = 45. A level named from this n on while its interval reaches another band is wrong in
 * 13–16% (n = 55 to 200; more scores barely lower it, as these are the groups near an edge),
 * above the 10% an unmarked level may be wrong in (README, "Levels and agreement"), so it is
 * marked with the levels it reaches (`reaches`). The figures the tests hold are in
 * tests/worker/domain/simulation-figures.ts (`LEVEL_TABLE`, `AT_MIN_N`); where this comment and
 * they differ, they are right. A publication stores moments, not levels
 * (schema/migrations/0006_publication.sql): its bytes stay as published, and every read, of an
 * earlier wave too, takes the verdict with this n.
 */
export const MIN_N_FOR_LEVEL = 55

type LevelResult = { level: number; capped: boolean }

/**
 * A cell's level by rule set 1 only: the band of its mean, capped where the SD is above the
 * instrument's `dispersionCap` (surveys/coachende-manager.v1.json). From rule set 2 on there is no
 * cap and the level is the band of the mean; whether it is named is `levelVerdict`'s (interval,
 * n and the agreement or split rule).
 */
export function levelOf(ins: Instrument, mean: number, sd: number | null): LevelResult {
  const band = bandOf(ins, mean)
  // Rule set 1 only; from rule set 2 on, disagreement holds the level back (`levelVerdict`).
  if (!ins.dispersionCap) return { level: band, capped: false }
  const { sdAbove, maxLevel } = ins.dispersionCap
  if (sd !== null && sd > sdAbove && band > maxLevel) return { level: maxLevel, capped: true }
  return { level: band, capped: false }
}

/**
 * Agreement (the mean item r_wg) is shown, and held against the instrument's threshold, at two
 * decimals rounded down: rounded to nearest, a pure half-at-2/half-at-4 split of 102 or more
 * answers (r_wg 1 − n/(2(n − 1)) = .4950 …) read "0,50" and passed, though it is below .50
 * (tests/worker/domain/agreement-rule.test.ts). Rounded down, what passes reads as passing and
 * .4995 reads "0,49". The 1e-9 keeps an exact .50 that the arithmetic left at .4999999… at .50.
 * The pages print this value, which Intl at two decimals prints unchanged.
 */
export const AGREEMENT_DIGITS = 2
export const shownAgreement = (r: number): number => {
  const f = 10 ** AGREEMENT_DIGITS
  return Math.floor(r * f + 1e-9) / f
}

/**
 * Rounds as the pages print (schema/format.ts `decimal`, Intl.NumberFormat): Intl rounds the
 * shortest decimal that reads back as the double, half away from zero, so 23/20 = 1.15 prints
 * "1,2", where `toFixed` rounds the double's exact binary value (1.1499…) down to "1.1" and
 * `Math.round(x * 10) / 10` does the same. A level or difference made from another rounding
 * than the printed one would not add up by hand; tests/worker/domain/level-verdict.test.ts holds
 * this to the printed text for every mean of up to 60 answers.
 */
const rounders = new Map<number, Intl.NumberFormat>()
function roundedAsShown(x: number, digits: number): number {
  let f = rounders.get(digits)
  if (!f) {
    f = new Intl.NumberFormat('en-US', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
      useGrouping: false,
    })
    rounders.set(digits, f)
  }
  // `+ 0` turns the "-0.0" of a small negative into 0, as the pages print it.
  return Number(f.format(x)) + 0
}

/**
 * The agreement of one partner's group on one dimension (the instrument's `agreement` rule): the
 * mean of its items' single-item r_wg, from the published counts of the dimension's items in that
 * group: each count vector gives its item's n, sum and sum of squares on the scale ("weet ik niet"
 * left out), and meanItemRwg (worker/domain/measurement-quality.ts) sets each item's variance
 * against the uniform null of the scale's A options, (A² − 1)/12. Null when the instrument has no agreement
 * rule, when any item of the dimension is hidden (no number of a hidden item goes into a shown
 * one), or when an item has fewer than `minGroupSize` answers on the scale: below that size the
 * index calls too many agreeing groups split by chance (tests/worker/domain/agreement-rule.test.ts).
 */
export function agreementOf(ins: Instrument, items: readonly (QuestionCounts | null | undefined)[]): number | null {
  const rule = ins.agreement
  if (rule?.index !== 'rwg_mean' || items.length === 0) return null
  const moments = []
  for (const c of items) {
    if (!c || onScale(c) < rule.minGroupSize) return null
    let sum = 0
    let sumsq = 0
    c.slice(0, -1).forEach((count, i) => {
      const v = ins.scale.min + i
      sum += count * v
      sumsq += count * v * v
    })
    moments.push({ n: onScale(c), sum, sumsq })
  }
  return meanItemRwg(moments, ins.scale.max - ins.scale.min + 1)
}

/**
 * The split rule (`"index": "band_split"`, schema/instrument.ts): of a partner's person scores on
 * a dimension, counted per level band (`levelCounts`, the level counts its rollup cell keeps), the
 * largest share s such that, around some band b between the first and the last, at least s lie in
 * the bands below b and at least s above it while at most the rule's `middle` lie in b: how far the
 * group falls into two camps with a gap between them. Null for another rule, or below
 * `minGroupSize` scores. The level is held back from the rule's `flank` on (`heldBack`).
 */
export function splitOf(ins: Instrument, levelCounts: readonly number[] | null | undefined): number | null {
  const rule = ins.agreement
  if (rule?.index !== 'band_split' || !levelCounts) return null
  const n = levelCounts.reduce((a, x) => a + x, 0)
  if (n < rule.minGroupSize) return null
  let share = 0
  for (let b = 1; b < levelCounts.length - 1; b++) {
    const below = levelCounts.slice(0, b).reduce((a, x) => a + x, 0)
    const above = levelCounts.slice(b + 1).reduce((a, x) => a + x, 0)
    // Counts are whole, so the 1e-9 only keeps 6 of 20 at exactly .30 where the arithmetic left it.
    if (levelCounts[b]! <= rule.middle * n + 1e-9) share = Math.max(share, Math.min(below, above) / n)
  }
  return share
}

/** Whether a cell's agreement value (`agreementOf` or `splitOf`, by the instrument's rule) holds its level back. */
export function heldBack(ins: Instrument, agreement: number): boolean {
  const rule = ins.agreement
  if (!rule) return false
  if (rule.index === 'band_split') return agreement + 1e-9 >= rule.flank
  return shownAgreement(agreement) < rule.threshold
}

/**
 * The precision every score is shown at (one decimal, schema/format.ts `decimal`). A
 * reader checks what is shown, so levels, differences and legend bands are made from the shown
 * value, never from the exact mean behind it: the same "3,4" never gets two levels.
 */
export const SHOWN_DIGITS = 1

/** A score as shown: rounded at the shown precision exactly as the page prints it (`roundedAsShown`). */
export function shown(x: number): number {
  return roundedAsShown(x, SHOWN_DIGITS)
}

/**
 * A 95% interval as shown: its ends rounded outward at the shown precision (3.36–4.04 reads
 * "3,3–4,1"), so the interval a reader sees holds the exact one. The level verdict is taken on
 * these ends: a level named because "the interval lies within one band" is then true of the exact
 * interval too, and a reader can check it against the legend's bands by hand.
 */
export function shownInterval(ci: readonly [number, number]): [number, number] {
  const step = 10 ** SHOWN_DIGITS
  // The 1e-9 keeps an end that is already on the grid (3.0, or 3.4 stored as 3.4000000000000004) where it is.
  return [Math.floor(ci[0] * step + 1e-9) / step, Math.ceil(ci[1] * step - 1e-9) / step]
}

/** The difference of two shown values, itself at the shown precision (4,1 − 3,6 = 0,5, not 0,49…). */
export function shownDiff(a: number, b: number): number {
  return shown(shown(a) - shown(b))
}

/** The fewest and most decimals `checkableChange` says a change at. */
export const CHECK_DIGITS = { from: 2, to: 4 } as const

/**
 * A change without an arrow as a sentence says it (worker/pages/results-tables.tsx `TrendWhy`), so a
 * reader checks "the change may also be 0" by hand: its two means, their difference and its margin
 * (the half-width of its 95% interval, domain/publication.ts `Change`), each the true rounding of
 * its number at `digits` decimals, as the trend API and the CSV export give them. The change is the
 * difference of the two means as printed, as every difference is of the shown values (`shownDiff`). At one
 * decimal, as the table shows the means, a margin of 0.247 prints 0,2 beside a shown change of 0,3;
 * rounding the margin up to 0,3 printed a number that is no rounding of it (a lead compared it with
 * the API). So two decimals, and more where two still set the printed change past the printed
 * margin although the exact one is within it: `digits` is the fewest from `CHECK_DIGITS.from` on
 * at which |diff| ≤ margin as printed, and at which a change the table shows (`tableDiff`, of its
 * one-decimal means, not 0) does not print as 0. Past `CHECK_DIGITS.to` (the change within 0.00015
 * of its margin, p a hair above 0.05) the most decimals are taken, and the check may fail there by
 * its last digit.
 */
export function checkableChange(
  from: number,
  to: number,
  margin: number,
  tableDiff: number,
): { digits: number; from: number; to: number; diff: number; margin: number } {
  let digits: number = CHECK_DIGITS.from
  for (; ; digits++) {
    const step = 10 ** digits
    // In whole steps, so the check is the integer sum a reader does, with no binary remainder.
    const [a, b, m] = [from, to, margin].map((x) => Math.round(roundedAsShown(x, digits) * step))
    const diff = b! - a!
    const checks = Math.abs(diff) <= m! && (diff !== 0 || shown(tableDiff) === 0)
    if (checks || digits >= CHECK_DIGITS.to)
      return { digits, from: a! / step, to: b! / step, diff: diff / step, margin: m! / step }
  }
}

/**
 * Whether a change from `from` to `to` is told as clear (an arrow, "clearly higher"): its test
 * calls it real and the two means differ as shown. A real change of 0,05 reads "3,1 → 3,1 ▲" (a
 * hostile review), which no reader can check by hand; such a change is told as no change.
 */
export const clearAsShown = (significant: boolean, from: number, to: number): boolean =>
  significant && shownDiff(to, from) !== 0

/**
 * The level bands as a reader sees them at the shown precision: band l holds the shown values
 * from its first to its last step, so no shown value lies in two bands (1,0–1,7 / 1,8–2,5 …).
 */
export function shownBands(ins: Instrument): { level: number; from: number; to: number }[] {
  const step = 10 ** -SHOWN_DIGITS
  const last = ins.levels.length - 1
  return ins.levels.map((l, i) => {
    const from = shown(Math.ceil(shown(l.from) / step - 1e-9) * step)
    // Up to the step below the next band's start; the top band includes the scale maximum.
    const to = i === last ? shown(Math.max(l.to, ins.scale.max)) : shown(shown(ins.levels[i + 1]!.from) - step)
    return { level: l.level, from, to }
  })
}

/**
 * A level the data can tell, or why it cannot: the interval spans two bands and n is below
 * MIN_N_FOR_LEVEL ('not-yet-clear'), or the group agrees too little for its mean to describe it
 * ('disagree': the instrument's agreement rule holds it back, `heldBack`: in version 2 the mean
 * item r_wg below its threshold, from version 3 on the scores split into two camps; they may rate
 * different managers, so this is not called rater disagreement).
 */
export type LevelVerdict =
  | { level: number; because: 'interval' }
  /**
   * Named from MIN_N_FOR_LEVEL scores on although the interval spans another band: `reaches` are
   * the other levels the shown interval reaches (`intervalLevels`, lowest first), which every view
   * names beside the level ("niveau 4 (marge reikt tot niveau 3)"), since such a level is wrong far
   * more often than one whose interval lies within its band (tests/worker/domain/level-rule.test.ts).
   */
  | { level: number; because: 'n'; reaches: number[] }
  | { level: null; because: 'not-yet-clear' }
  | { level: null; because: 'disagree' }

/**
 * The rule MIN_N_FOR_LEVEL was chosen by (tests/worker/domain/level-rule.test.ts): a level is
 * named where the 95% interval `ci` (clipped to the scale) lies within one band, or from
 * MIN_N_FOR_LEVEL scores on; otherwise the level is not yet clear and only the mean and interval
 * are shown. `mean` is the mean as shown (the caller decides its rounding); its band is the level.
 * A cell without an interval (one score) has no level below MIN_N_FOR_LEVEL.
 *
 * Before that, agreement: where `agreement` (by the instrument's rule: the mean item r_wg from
 * `agreementOf` in version 2, the split share from `splitOf` from version 3 on; null where not
 * computed) holds the level back (`heldBack`), no level is named at all, however many scores. A
 * mean of a split group (half around 2, half around 4) describes nobody in it, so neither a level
 * nor a cap at some level would be true; "no level" also tells the reader more data will not settle it.
 */
export function levelVerdict(
  ins: Instrument,
  mean: number,
  ci: readonly [number, number] | null,
  n: number,
  agreement: number | null = null,
): LevelVerdict {
  if (agreement !== null && heldBack(ins, agreement)) return { level: null, because: 'disagree' }
  const clip = (x: number) => Math.min(ins.scale.max, Math.max(ins.scale.min, x))
  if (ci !== null) {
    const low = bandOf(ins, clip(ci[0]))
    if (low === bandOf(ins, clip(ci[1])) && low === bandOf(ins, mean)) return { level: low, because: 'interval' }
  }
  if (n >= MIN_N_FOR_LEVEL) {
    const level = bandOf(ins, mean)
    const span = ci === null ? null : intervalLevels(shownBands(ins), ci)
    const reaches = span === null ? [] : levelsBetween(span).filter((l) => l !== level)
    return { level, because: 'n', reaches }
  }
  return { level: null, because: 'not-yet-clear' }
}

/**
 * The levels a shown interval's ends lie in, read off the legend's bands at the shown precision
 * (`shownBands`), lowest first: what a "level not yet clear" cell may be, which the heatmap tints
 * and the partner report names. The ends are those the reader sees (`shownInterval`), so the levels
 * can be checked against the legend by hand.
 */
export function intervalLevels(
  bands: readonly { level: number; from: number; to: number }[],
  ci: readonly [number, number],
): [number, number] {
  const [low, high] = shownInterval(ci)
  const at = (x: number) =>
    (bands.find((b) => shown(x) >= b.from && shown(x) <= b.to) ?? (x < bands[0]!.from ? bands[0]! : bands.at(-1)!))
      .level
  return [at(low), at(high)]
}

/** The levels from the first to the last of a span, both included: [3, 5] → [3, 4, 5]. */
function levelsBetween(span: readonly [number, number]): number[] {
  const out: number[] = []
  for (let l = span[0]; l <= span[1]; l++) out.push(l)
  return out
}

/** The other levels a named level's interval reaches (a level named from MIN_N_FOR_LEVEL on), none for any other verdict. */
export const marginReaches = (v: LevelVerdict): number[] => (v.because === 'n' ? v.reaches : [])
