/**
 * The figures the README and the glossary state of the level and agreement rules, in one place:
 * tests/worker/domain/level-rule.test.ts and agreement-rule.test.ts run the simulations and hold
 * each result within `TOLERANCE` percentage points of the figure here, and
 * tests/node/documents.test.ts fails when the README ("Levels and agreement") or the glossary
 * (worker/i18n/en.ts, nl.ts `glossary_notYetClear…`) shows another figure. A figure changes
 * here, with its simulation, and the documents follow. Percentages, as the README prints them
 * (one decimal).
 */

/** How far a simulation may land from its stated figure, in percentage points. */
export const TOLERANCE = 2

/**
 * The level rule (worker/domain/levels.ts), by tests/worker/domain/level-rule.test.ts: groups whose
 * true means lie evenly over the scale (800 of them, every 0.004 from the lowest band's centre, 1.4,
 * to the highest's, 4.6), scores with SD 0.8 clipped to 1–5, 250 groups per position up to n = 20
 * (where few cells are named) and 60 above (48,000 groups a row: a standard error of at most 0.14
 * point at 10%). `every`: of every cell named as the band of its shown mean, the share wrong: what
 * the product names from MIN_N_FOR_LEVEL on, and below it only the alternative of naming every
 * cell. `unmarked`: of the cells named because their interval lies within one band, the share
 * wrong; `edge`: the same for true means within 0.15 of a band edge; `marked`: of the cells named
 * from MIN_N_FOR_LEVEL on although the interval reaches another band, the share wrong (null below
 * MIN_N_FOR_LEVEL, where none is named).
 */
export const LEVEL_TABLE: { n: number; every: number; unmarked: number; edge: number; marked: number | null }[] = [
  { n: 5, every: 31.6, unmarked: 10.6, edge: 29.5, marked: null },
  { n: 10, every: 22.8, unmarked: 3.9, edge: 18.6, marked: null },
  { n: 20, every: 16.2, unmarked: 1.4, edge: 10.1, marked: null },
  { n: 45, every: 10.7, unmarked: 0.2, edge: 2.4, marked: null },
  { n: 50, every: 10.3, unmarked: 0.3, edge: 2.9, marked: null },
  { n: 55, every: 9.6, unmarked: 0.1, edge: 1.4, marked: 15.7 },
  { n: 60, every: 9.3, unmarked: 0.1, edge: 1.4, marked: 15.7 },
  { n: 100, every: 7.3, unmarked: 0.1, edge: 0.9, marked: 15.0 },
  { n: 200, every: 5.1, unmarked: 0.0, edge: 0.1, marked: 13.5 },
]

/**
 * The share of levels named wrongly at MIN_N_FOR_LEVEL where the 10% verdict is taken (240 groups
 * per position, 192,000), and its standard error in points, which the test holds at most `MC_SE`.
 */
export const AT_MIN_N = { n: 55, every: 9.8 }
export const MC_SE = 0.07

/** The same groups with scores of SD 1.0 (60 per position): the share of every cell named at n = 55 that is wrong. */
export const SENSITIVITY_SD_1 = { n: 55, every: 11.8 }

/**
 * The agreement rule (mean item r_wg below .50): groups sharing a view (item SD about 0.9) and
 * groups split into two camps 2 points apart, at means 2.2, 3.0 and 3.8, 3,000 each; per group
 * size, on four and on five items, the share of agreeing groups flagged and of split groups caught.
 */
export const AGREEMENT_TABLE: { n: number; flagged: [number, number]; caught: [number, number] }[] = [
  { n: 5, flagged: [17.5, 16.5], caught: [85.0, 87.0] },
  { n: 10, flagged: [12.4, 10.7], caught: [94.0, 95.0] },
  { n: 30, flagged: [3.0, 2.1], caught: [99.6, 99.6] },
]

/**
 * The split rule of version 3 (tests/worker/domain/split-rule.test.ts): ordinary groups (item SD
 * about 1.0) and groups split into two camps 2 points apart, at means 2.2, 3.0 and 3.8, 2,000
 * each; per group size, on four and on five items, the share of ordinary groups flagged and of
 * split groups caught.
 */
export const SPLIT_TABLE: { n: number; flagged: [number, number]; caught: [number, number] }[] = [
  { n: 20, flagged: [6.2, 3.2], caught: [83.4, 79.1] },
  { n: 45, flagged: [0.8, 0.1], caught: [85.2, 79.7] },
]

/** At n = 20, groups a little wider (item SD about 1.03): the share flagged at the worst of the three means (four / five items). */
export const SPLIT_WORST_MEAN: [number, number] = [8.7, 6.7]

/** Version 2's rule (mean item r_wg below .50) on the same ordinary groups at n = 20 (four / five items). */
export const RWG_AT_SD_1: [number, number] = [45.7, 45.8]

/** r_wg(j) at .70, which version 2 first used, at n = 10: agreeing groups flagged, split groups caught (four / five items). */
export const RWG_J_AT_10 = { flagged: [1.6, 0.4] as [number, number], caught: [77.0, 68.0] as [number, number] }

/** `rate` (a share, 0–1) against a stated figure (percent): within TOLERANCE points. */
export const withinFigure = (rate: number, figure: number) => Math.abs(rate * 100 - figure) <= TOLERANCE

/**
 * The programme's interval (tests/worker/domain/programme-interval.test.ts): ten partners of 25 at
 * ICC(1) about .15, 600 programmes; the share whose simple and whose widened interval held the mean
 * the partners were drawn around.
 */
export const PROGRAMME_INTERVAL = { simple: 64.0, widened: 93.5 }

/**
 * The programme's change between waves (tests/worker/domain/programme-trend.test.ts), 1,500
 * programmes with no true change each: called changed by the programme's test (`clustered`) and by
 * Welch's test on the totals (`naive`), for ten partners of 25 with partner effects drawn again each
 * wave (`even`) and eight unequal partners with half the partner variance lasting (`uneven`); and
 * of 200 programmes with a real rise of 0.5, the share found.
 */
export const PROGRAMME_TREND = {
  even: { clustered: 4.1, naive: 36.5 },
  uneven: { clustered: 1.4, naive: 30.5 },
  found: 84.0,
}
