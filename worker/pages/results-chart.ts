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
 * Each partner's place in the programme's partners sorted by name. The colour follows from it,
 * so a partner keeps its colour on every chart and in every view, also when a viewer sees only
 * their own partner or some partners are hidden.
 */
export function partnerOrder(partners: { id: string; name: string }[]): Map<string, number> {
  const sorted = [...partners].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1))
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
 * Which series the radar shows first: the programme (when shown) and, when more partners are
 * shown than the radar has room for, partners from both ends on the mean of their shown dimension
 * scores (the lowest, then the highest, alternating), so that the first picture spans the
 * programme's range instead of whichever names come first in the alphabet. A partner whose colour
 * another chosen line already has (or reads as it: orange beside vermilion) is passed over for
 * the next one in, so the first lines never share a colour while others remain. Ties keep the
 * series' order (by name); a partner without a shown score on the radar's dimensions comes last.
 * It reads only the series on the page, so it says nothing the page does not show.
 */
export function defaultChosen(
  series: { programme: boolean; values?: readonly (number | null)[]; style?: SeriesStyle }[],
): boolean[] {
  const room = RADAR_MAX_LINES - (series.some((s) => s.programme) ? 1 : 0)
  const partners = series.flatMap((s, i) =>
    s.programme ? [] : [{ i, mean: meanOf(s.values ?? []), colour: s.style?.colour }],
  )
  const chosen = new Set<number>()
  if (partners.length <= room) for (const p of partners) chosen.add(p.i)
  else {
    const scored = partners.filter((p) => p.mean !== null)
    const ends = [
      [...scored].sort((a, b) => a.mean! - b.mean! || a.i - b.i),
      [...scored].sort((a, b) => b.mean! - a.mean! || a.i - b.i),
    ]
    const colours = () => [...chosen].map((i) => series[i]!.style?.colour)
    const take = (fits: (p: (typeof partners)[number]) => boolean) => {
      for (let end = 0; chosen.size < room; end = 1 - end) {
        const next =
          ends[end]!.find((p) => !chosen.has(p.i) && fits(p)) ?? ends[1 - end]!.find((p) => !chosen.has(p.i) && fits(p))
        if (!next) return
        chosen.add(next.i)
      }
    }
    take((p) => !colours().some((c) => c !== undefined && p.colour !== undefined && looksAlike(c, p.colour)))
    take(() => true)
    for (const p of partners) if (chosen.size < room) chosen.add(p.i)
  }
  return series.map((s, i) => s.programme || chosen.has(i))
}

/** Two partners' colours that a reader takes for one: the same, or orange beside vermilion. */
function looksAlike(a: string, b: string): boolean {
  return a === b || (ORANGES.has(a) && ORANGES.has(b))
}
const ORANGES = new Set(['#E69F00', '#D55E00'])

/** The lowest and the highest of the partner lines `defaultChosen` picks, by name, for the hint beside the radar. */
export function defaultEnds(
  series: { programme: boolean; label: string; values?: readonly (number | null)[] }[],
  chosen: readonly boolean[],
): { low: string[]; high: string[] } | null {
  const picked = series.flatMap((s, i) =>
    s.programme || !chosen[i] ? [] : [{ label: s.label, mean: meanOf(s.values ?? []) }],
  )
  if (picked.length === series.filter((s) => !s.programme).length) return null
  const scored = picked.filter((p) => p.mean !== null).sort((a, b) => a.mean! - b.mean!)
  const half = Math.ceil(scored.length / 2)
  return { low: scored.slice(0, half).map((p) => p.label), high: scored.slice(half).map((p) => p.label) }
}

function meanOf(values: readonly (number | null)[]): number | null {
  const shown = values.filter((v): v is number => v !== null)
  return shown.length ? shown.reduce((a, b) => a + b, 0) / shown.length : null
}
