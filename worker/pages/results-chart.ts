/**
 * How the dashboard tells its series apart: colour, dash pattern and point style. Pure, so the
 * page, the island's data and the tests agree on it.
 */
import type { PointName, SeriesStyle } from '../../schema/page-data.ts'

export type { SeriesStyle }

/**
 * Okabe–Ito, distinguishable under the common colour-vision deficiencies. Its yellow (#F0E442)
 * is replaced by a dark yellow that stands out on white; black is kept for the programme. The
 * order puts the four most different hues first (blue, orange, green, purple), the ones the
 * radar's default lines get; orange and vermilion, which read as one orange, are four apart.
 */
const PALETTE = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#8C6D00'] as const
const PROGRAMME_COLOUR = '#000000'
/**
 * The second cue beside colour, for print in grey and for readers who cannot tell the colours apart.
 * Solid is the programme's alone, so no partner's line can pass for it.
 */
const DASHES: readonly number[][] = [
  [8, 4],
  [2, 3],
  [12, 4, 2, 4],
  [4, 4],
  [16, 6],
  [1, 6],
  [6, 2, 1, 2],
]
const POINTS: readonly PointName[] = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded']

/**
 * The style of the i-th series. Past seven series the colours repeat, so the dash and the point
 * shift by one per round: no two of the first 49 series look alike.
 */
export function seriesStyle(i: number): SeriesStyle {
  const round = Math.floor(i / PALETTE.length)
  return {
    colour: PALETTE[i % PALETTE.length]!,
    dash: DASHES[(i + round) % DASHES.length]!,
    point: POINTS[(i + 2 * round) % POINTS.length]!,
    width: 2,
  }
}

/** The programme as a whole: black, solid and heavier than any partner. */
export const programmeStyle: SeriesStyle = { colour: PROGRAMME_COLOUR, dash: [], point: 'cross', width: 3 }

/**
 * Each partner's place, by name, among the partners the reader may see. The colour follows from
 * it, so a partner keeps its colour on every chart and in every view of that reader, also when
 * some partners are hidden. A viewer limited to one partner sees it in the first colour: a place
 * among all partners would tell them how many partners' names sort before theirs.
 */
export function partnerOrder(
  partners: { id: string; name: string }[],
  onlyPartner?: string | null,
): Map<string, number> {
  const seen = onlyPartner ? partners.filter((p) => p.id === onlyPartner) : partners
  const sorted = [...seen].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
  return new Map(sorted.map((p, i) => [p.id, i]))
}

/** The shade of a maturity level's ring on the radar, and of its swatch in the key: darker is more mature. */
export function levelShade(level: number, levels: number): string {
  const step = levels > 1 ? (level - 1) / (levels - 1) : 1
  return `rgba(21, 66, 115, ${(0.04 + 0.16 * step).toFixed(3)})`
}

/**
 * The radar compares at most this many lines (the programme and partners the reader picks); past
 * it, lines cross too often to follow, so the page draws one small radar per partner instead.
 */
export const RADAR_MAX_LINES = 5

/**
 * Past this many partner rows, the heatmap scrolls in its own box with its header row in view, and
 * each cell is short (web/results.css `.heat-tall`, `.heat-compact`); the scores table below the
 * radar, which repeats the heatmap's numbers with their margins, is folded (results-page.tsx), and
 * the report links stand in columns (actions-section.tsx).
 */
export const TALL_HEATMAP = 12

/** Fewer axes than this draw no radar (two axes make a line, one a point); the table shows the scores. */
export const MIN_RADAR_AXES = 3

/**
 * Which series the radar shows first: the programme (when shown) and, when more partners are
 * shown than the radar has room for, partners spread over the range of the mean of their shown
 * dimension scores: the lowest, the highest, and the rest at even steps between them in rank
 * (with four places, the partners a third and two thirds of the way up). The first picture then
 * spans the programme's range, as the alphabet's first names did not, without stacking the two
 * lowest (or highest) lines on each other, which would hide one. Ties keep the series' order (by
 * name); a partner without a shown score on the radar's dimensions is drawn only where room is
 * left. It reads only the series on the page, so it says nothing the page does not show.
 */
export function defaultChosen(series: { programme: boolean; values?: readonly (number | null)[] }[]): boolean[] {
  const room = RADAR_MAX_LINES - (series.some((s) => s.programme) ? 1 : 0)
  const partners = series.flatMap((s, i) => (s.programme ? [] : [{ i, mean: meanOf(s.values ?? []) }]))
  const chosen = new Set<number>()
  if (partners.length <= room) for (const p of partners) chosen.add(p.i)
  else {
    const ranked = partners.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean! || a.i - b.i)
    const places = Math.min(room, ranked.length)
    for (let k = 0; k < places; k++) {
      const at = places === 1 ? 0 : Math.round((k * (ranked.length - 1)) / (places - 1))
      chosen.add(ranked[at]!.i)
    }
    for (const p of partners) if (chosen.size < room) chosen.add(p.i)
  }
  return series.map((s, i) => s.programme || chosen.has(i))
}

/**
 * The partner lines `defaultChosen` picks, for the sentence beside the radar: the lowest, the
 * highest and those between, each with its mean as shown; null when every partner is drawn.
 */
export function defaultEnds(
  series: { programme: boolean; label: string; values?: readonly (number | null)[] }[],
  chosen: readonly boolean[],
): { low: string; high: string; between: string[] } | null {
  const picked = series.flatMap((s, i) =>
    s.programme || !chosen[i] ? [] : [{ label: s.label, mean: meanOf(s.values ?? []) }],
  )
  if (picked.length === series.filter((s) => !s.programme).length) return null
  const scored = picked.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!)
  if (scored.length < 2) return null
  return {
    low: scored[0]!.label,
    high: scored.at(-1)!.label,
    between: scored.slice(1, -1).map((p) => p.label),
  }
}

function meanOf(values: readonly (number | null)[]): number | null {
  const shown = values.filter((v): v is number => v !== null)
  return shown.length ? shown.reduce((a, b) => a + b, 0) / shown.length : null
}
