import { byNameIn, type Lang } from '../../schema/format.ts'
import { intervalLevels, marginReaches, shown } from './levels.ts'
import type { CellView, HiddenBecause } from './publication.ts'

/**
 * The heatmap: partners × dimensions of one role, each cell its shown mean and level, made only
 * from cells the publication shows (a hidden partner is one row saying so, a hidden dimension a
 * cell saying so, and neither is sorted by a number it does not have). Pure, so the page, its
 * sorting and the tests agree.
 */

/**
 * A shown cell names its level only where the data can tell it (publication.ts `Score.level`): a
 * cell with a mean and no level is "not yet clear", or `held` where the group agrees too little.
 */
type HeatCell =
  /** `reaches`: the other levels a level named from enough scores still reaches (levels.ts `marginReaches`), printed beside it. */
  | { dimension: string; mean: number; level: number; capped: boolean; held: false; reaches: number[] }
  /**
   * `span`: for a cell not yet clear, the levels its shown interval spans (levels.ts
   * `intervalLevels`), which the page tints palely and names as a range, never as one level; null
   * where it is held (more answers would not settle it) or has no interval.
   */
  | { dimension: string; mean: number; level: null; capped: false; held: boolean; span: [number, number] | null }
  | { dimension: string; mean: null; level: null; capped: false; held: false }
export type HeatRow = {
  /** null for the programme as a whole. */
  partnerId: string | null
  name: string
  hidden: HiddenBecause | null
  cells: HeatCell[]
  /**
   * The partner's manager–staff gap (both cells shown) furthest from the typical gap of its
   * dimension (the other partners' median, worker/domain/gap.ts `partnerGaps`; 0 where there is no
   * comparison), as the stand-outs rank gaps (worker/domain/standouts.ts `gapsOf`): `away` is
   * |shown gap − typical| as shown, what the gap sort orders by. With its 95% interval as shown
   * (null when a side has fewer than two scores); null without a gap. Picked among the gaps not
   * said to be as typical (`versusTypical` 'same'); `asTypical` when every gap of the partner is:
   * then no gap stands out, so none is shown nor sorted on (a row picking +0,6 of five gaps each
   * 0,1 from typical read as a finding).
   */
  furthestGap: {
    dimension: string
    gap: number
    ci95: [number, number] | null
    typical: number | null
    away: number
    asTypical: boolean
  } | null
}

/**
 * How the rows are ordered: by name, by one dimension's shown mean or by how far the partner's
 * gap lies from the typical gap (`furthestGap.away`), each either way. Without `dir` a key has its
 * natural direction (`heatSortDefaultDir`).
 */
export type HeatSort = ({ by: 'partner' } | { by: 'dimension'; dimension: string } | { by: 'gap' }) & {
  dir?: 'asc' | 'desc'
}

/**
 * A key's natural direction, what its first press gives: names A–Z, a dimension's means lowest
 * first, gaps furthest from the typical first. A lead reads the heatmap for where to act, as the
 * stand-outs and the programme-wide lines lead with the lowest partner (results-standouts.tsx);
 * a dimension sorted highest first put that partner at the bottom of 40 (a lead's review).
 */
export const heatSortDefaultDir = (s: HeatSort): 'asc' | 'desc' =>
  s.by === 'partner' || s.by === 'dimension' ? 'asc' : 'desc'
export const heatSortDir = (s: HeatSort): 'asc' | 'desc' => s.dir ?? heatSortDefaultDir(s)

/**
 * `?sort=` as the page links it: "partner", "gap" or "dim:<key>" of a dimension shown, with ":asc" or
 * ":desc" after it for the other direction; anything else is by partner.
 */
export function parseHeatSort(value: string | undefined, dimensions: string[]): HeatSort {
  const dir = value?.match(/:(asc|desc)$/)?.[1] as 'asc' | 'desc' | undefined
  const key = dir ? value!.slice(0, -(dir.length + 1)) : value
  const base: HeatSort =
    key === 'gap'
      ? { by: 'gap' }
      : key?.startsWith('dim:') && dimensions.includes(key.slice(4))
        ? { by: 'dimension', dimension: key.slice(4) }
        : { by: 'partner' }
  return dir && dir !== heatSortDefaultDir(base) && (key === 'partner' || base.by !== 'partner')
    ? { ...base, dir }
    : base
}
/**
 * The `?sort=` value of a sort: the natural direction needs no suffix. (A link of `dim:<key>` kept from
 * before dimensions sorted lowest first now opens lowest first: the order a lead asked for.)
 */
export const heatSortParam = (s: HeatSort) => {
  const key = s.by === 'dimension' ? `dim:${s.dimension}` : s.by
  return heatSortDir(s) === heatSortDefaultDir(s) ? key : `${key}:${heatSortDir(s)}`
}

type Input = {
  dimensions: string[]
  programme: CellView & { name: string }
  partners: (CellView & { id: string; name: string })[]
  /**
   * Manager–staff gaps per partner and dimension, already the difference of the shown values, each
   * with the typical gap it is compared with (null or absent: no comparison).
   */
  gaps: {
    partnerId: string
    dimension: string
    gap: number
    ci95: [number, number] | null
    typical?: number | null
    /** Against the typical gap, as the gap table says (worker/domain/gap.ts `partnerGaps`); absent: not compared. */
    versusTypical?: 'larger' | 'smaller' | 'same' | null
  }[]
  /** The legend's bands at the shown precision (levels.ts `shownBands`): the levels a "not yet clear" cell spans. */
  bands?: Bands
}
type Bands = readonly { level: number; from: number; to: number }[]

/**
 * Whether a cell shows dimension `d` held back: a shown mean without a level because the group's
 * answers fall apart (worker/domain/levels.ts levelVerdict: two groups by the split rule, or too
 * little agreement in version 2), which the heatmap marks "geen niveau". The one rule for that mark
 * and for the stand-outs that tell of it (worker/domain/standouts.ts), so a stand-out can never tell
 * of a split the cell does not show; a hidden cell or dimension is never held.
 */
export function shownHeld(cell: CellView, d: string): boolean {
  const s = cell.suppressed ? null : cell.scores?.[d]
  return !!s && s.level === null && s.verdict.because === 'disagree'
}

function rowOf(
  bands: Bands,
  dimensions: string[],
  id: string | null,
  cell: CellView & { name: string },
  gaps: Input['gaps'],
): HeatRow {
  const cells = dimensions.map((d): HeatCell => {
    const s = cell.suppressed ? null : cell.scores?.[d]
    if (!s) return { dimension: d, mean: null, level: null, capped: false, held: false }
    if (s.level !== null)
      return {
        dimension: d,
        mean: shown(s.mean),
        level: s.level,
        capped: s.capped,
        held: false,
        reaches: marginReaches(s.verdict),
      }
    const held = shownHeld(cell, d)
    const span = !held && s.ci95 && bands.length ? intervalLevels(bands, s.ci95) : null
    return { dimension: d, mean: shown(s.mean), level: null, capped: false, held, span }
  })
  const all = id === null || cell.suppressed ? [] : gaps.filter((g) => g.partnerId === id)
  const notable = all.filter((g) => g.versusTypical !== 'same')
  const asTypical = all.length > 0 && notable.length === 0
  const own = asTypical ? all : notable
  // Furthest from typical first, then the larger gap, then the dimension's order: one pick, however the gaps come.
  const furthest = own.reduce<Input['gaps'][number] | null>(
    (a, g) => (!a || awayOf(g) > awayOf(a) || (awayOf(g) === awayOf(a) && Math.abs(g.gap) > Math.abs(a.gap)) ? g : a),
    null,
  )
  return {
    partnerId: id,
    name: cell.name,
    hidden: cell.suppressed ? (cell.hiddenBecause ?? 'few') : null,
    cells,
    furthestGap: furthest
      ? {
          dimension: furthest.dimension,
          gap: furthest.gap,
          ci95: furthest.ci95,
          typical: furthest.typical ?? null,
          away: awayOf(furthest),
          asTypical,
        }
      : null,
  }
}

/** How far a shown gap lies from its typical gap, as shown (0 stands in for no comparison, as in the stand-outs). */
const awayOf = (g: { gap: number; typical?: number | null }) => Math.abs(shown(g.gap - (g.typical ?? 0)))

/**
 * The programme row and the partner rows in the order asked. Ties go by name A–Z in the reader's
 * language; rows without the number sorted on (hidden, or no comparison) go last in either
 * direction, by name. web/results.ts sorts the page's rows in place by the same rule, and
 * tests/e2e/heatmap.test.ts holds the two equal.
 */
export function heatmapOf(input: Input, sort: HeatSort, lang: Lang = 'nl'): { programme: HeatRow; rows: HeatRow[] } {
  const names = byNameIn(lang)
  const byName = (a: HeatRow, b: HeatRow) => names(a.name, b.name)
  const rows = input.partners.map((p) => rowOf(input.bands ?? [], input.dimensions, p.id, p, input.gaps))
  const key = (r: HeatRow): number | null => {
    if (sort.by === 'gap') return r.furthestGap && !r.furthestGap.asTypical ? r.furthestGap.away : null
    if (sort.by === 'dimension') return r.cells.find((c) => c.dimension === sort.dimension)?.mean ?? null
    return null
  }
  rows.sort((a, b) => {
    const sign = heatSortDir(sort) === 'asc' ? 1 : -1
    if (sort.by === 'partner') return sign * byName(a, b)
    const ka = key(a)
    const kb = key(b)
    if (ka === null || kb === null) return ka === kb ? byName(a, b) : ka === null ? 1 : -1
    return sign * (ka - kb) || byName(a, b)
  })
  return { programme: rowOf(input.bands ?? [], input.dimensions, null, input.programme, input.gaps), rows }
}
