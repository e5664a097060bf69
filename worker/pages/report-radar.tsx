import type { SeriesStyle } from './results-chart.ts'

/**
 * A radar drawn on the server as SVG, for the partner report: it prints sharp at any size and
 * needs no script. Rings are the levels' lower bounds; a hidden value has no point, and a line
 * is closed only when every axis has one, so nothing is drawn where nothing is shown: a hidden
 * value breaks the line there, and the neighbouring shown axes are joined, as the results page's
 * radar draws it (web/results.ts, `spanGaps: false`).
 */

type RadarSeries = { label: string; values: (number | null)[]; style: SeriesStyle }

/** The rings' outer radius; the figure is as wide and high as its labels need around them (`frameOf`). */
const RADIUS = 140
/** Where an axis label stands: a tenth of the scale beyond the outer ring. */
const LABEL_RADIUS = RADIUS * 1.1
/** Room kept around the outermost label or ring. */
const MARGIN = 6

/** An axis label's font size, and the widest a character of it is (a share of the size, generous for bold-ish sans). */
const FONT = 12
const CHAR = 0.62 * FONT
/** A ring value's font size and widest character, for the backdrop that keeps the lines off it. */
const RING_FONT = 10
const RING_CHAR = 0.62 * RING_FONT
/** At most this many characters a line: a longer dimension name wraps at its spaces, so no label runs past the figure at A4. */
const LINE = 16

/** A label's lines: words joined while they fit in LINE characters; a single longer word stays whole. */
export function labelLines(label: string): string[] {
  const lines: string[] = []
  for (const word of label.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + 1 + word.length <= LINE) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

type Frame = { width: number; height: number; cx: number; cy: number }

/**
 * The figure's size, centred on the rings, only as wide and high as its labels reach (on either
 * side alike, so the centre stays the middle): a fixed 680 × 400 left a phone's 350 px half empty
 * at the sides, and drew the radar at half its size (a lead's review).
 */
function frameOf(labels: string[]): Frame {
  let across = RADIUS + MARGIN
  let down = RADIUS + MARGIN
  labels.forEach((label, i) => {
    const angle = -Math.PI / 2 + (2 * Math.PI * i) / labels.length
    const [lx, ly] = [LABEL_RADIUS * Math.cos(angle), LABEL_RADIUS * Math.sin(angle)]
    const lines = labelLines(label)
    const w = Math.max(...lines.map(labelWidth))
    across = Math.max(across, (Math.abs(lx) < 8 ? Math.abs(lx) + w / 2 : Math.abs(lx) + w) + MARGIN)
    const tall = (lines.length - 1) * 1.15 * FONT + FONT
    down = Math.max(down, (Math.abs(ly) > 8 ? Math.abs(ly) + tall - FONT / 2 : Math.abs(ly) + tall / 2) + MARGIN)
  })
  return { width: 2 * across, height: 2 * down, cx: across, cy: down }
}

function point(f: Frame, i: number, count: number, value: number, min: number, max: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / count
  const r = (RADIUS * (value - min)) / (max - min)
  return [f.cx + r * Math.cos(angle), f.cy + r * Math.sin(angle)]
}
const xy = (p: [number, number]) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`

/**
 * The runs of two or more neighbouring shown points of a line with a hidden value, around the
 * radar (its last axis beside its first), each begun after a hidden one; none when nothing is hidden.
 */
function shownRuns<T>(pts: (T | null)[]): T[][] {
  const gap = pts.indexOf(null)
  if (gap === -1) return []
  const out: T[][] = []
  let run: T[] = []
  for (let k = 1; k <= pts.length; k++) {
    const p = pts[(gap + k) % pts.length]!
    if (p !== null) run.push(p)
    else {
      if (run.length > 1) out.push(run)
      run = []
    }
  }
  return out
}

/** Where the ray from the centre along `u` (a unit vector) crosses the segment p–q: its distance from the centre, or null. */
function crossing(c: [number, number], u: [number, number], p: [number, number], q: [number, number]): number | null {
  const [dx, dy] = [q[0] - p[0], q[1] - p[1]]
  const den = u[0] * dy - u[1] * dx
  if (Math.abs(den) < 1e-9) return null
  const [ex, ey] = [p[0] - c[0], p[1] - c[1]]
  const t = (ex * dy - ey * dx) / den
  const s = (ex * u[1] - ey * u[0]) / den
  return t >= 0 && s >= 0 && s <= 1 ? t : null
}

/**
 * Between which two neighbouring axes the rings' values stand: where the lines drawn pass furthest
 * from them. Between the last axis and the first every line crossed them (a lead read the
 * partner's line through "3,4" beside "Samenwerken met ketenpartners"); a tie keeps that place.
 * `edge` i is between axis i and axis i + 1; `at` the distances from the centre the values stand at.
 */
function ringEdge(f: Frame, n: number, lines: [number, number][][], at: number[]): number {
  let best = n - 1
  let clearance = -1
  for (const k of [n - 1, ...Array.from({ length: n - 1 }, (_, i) => i)]) {
    const angle = -Math.PI / 2 + (2 * Math.PI * (k + 0.5)) / n
    const u: [number, number] = [Math.cos(angle), Math.sin(angle)]
    const crossed = lines.flatMap((line) =>
      line.slice(1).flatMap((q, j) => {
        const t = crossing([f.cx, f.cy], u, line[j]!, q)
        return t === null ? [] : [t]
      }),
    )
    const nearest = Math.min(Number.POSITIVE_INFINITY, ...at.flatMap((r) => crossed.map((t) => Math.abs(t - r))))
    if (nearest > clearance + 0.5) [best, clearance] = [k, nearest]
  }
  return best
}

/** The widest an axis label may be drawn (`CHAR` a character), for the figure's bounds. */
export const labelWidth = (line: string) => line.length * CHAR

export function ReportRadar({
  labels,
  series,
  rings,
  bands = [],
  min,
  max,
  title,
  ringLabel,
}: {
  labels: string[]
  series: RadarSeries[]
  rings: number[]
  /** The levels' bands, each filled with its shade behind the lines, as the results page's radar draws them (web/results.ts `levelRings`). */
  bands?: { from: number; to: number; shade: string }[]
  min: number
  max: number
  title: string
  /** A ring's value as the page writes it ("2,6"): each ring above the centre is labelled between two axes (`ringEdge`). */
  ringLabel?: (value: number) => string
}) {
  const n = labels.length
  if (n < 3) return null
  const f = frameOf(labels)
  const at = (i: number, value: number) => point(f, i, n, value, min, max)
  const ring = (value: number) => labels.map((_, i) => xy(at(i, value))).join(' ')
  // The lines as drawn: a closed polygon, or the runs of shown neighbours around a hidden value.
  const drawn = series.map((s) => {
    const pts = s.values.map((v, i) => (v === null ? null : at(i, v)))
    return pts.every((p) => p !== null)
      ? { pts, closed: true, runs: [[...pts, pts[0]!]] }
      : { pts, closed: false, runs: shownRuns(pts) }
  })
  // The rings' values where the lines pass furthest from them, each on its ring's edge between the two axes.
  const valued = ringLabel ? [...rings, max].filter((r) => r > min) : []
  const half = Math.cos(Math.PI / n)
  const edge = ringEdge(
    f,
    n,
    drawn.flatMap((d) => d.runs),
    valued.map((r) => (RADIUS * (r - min) * half) / (max - min)),
  )
  return (
    <svg
      class="report-radar"
      viewBox={`0 0 ${f.width.toFixed(1)} ${f.height.toFixed(1)}`}
      role="img"
      aria-labelledby="report-radar-title"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="report-radar-title">{title}</title>
      {bands.map((b) => (
        <path
          class="level-band"
          d={`M${ring(b.to)}Z${b.from > min ? `M${ring(b.from)}Z` : ''}`}
          fill={b.shade}
          fill-rule="evenodd"
        />
      ))}
      {[...rings, max].map((r) => (
        <polygon points={ring(r)} fill="none" stroke="#c8d0da" stroke-width="1" />
      ))}
      {labels.map((label, i) => {
        const [x, y] = at(i, max)
        const [lx, ly] = at(i, max + (max - min) * 0.1)
        const anchor = Math.abs(lx - f.cx) < 8 ? 'middle' : lx < f.cx ? 'end' : 'start'
        const lines = labelLines(label)
        // Centred on the label's point: a label above the rings grows upwards, one below downwards.
        const first = ly < f.cy - 8 ? -(lines.length - 1) * 1.15 : ly > f.cy + 8 ? 0 : -((lines.length - 1) * 1.15) / 2
        return (
          <g>
            <line
              x1={f.cx.toFixed(1)}
              y1={f.cy.toFixed(1)}
              x2={x.toFixed(1)}
              y2={y.toFixed(1)}
              stroke="#c8d0da"
              stroke-width="1"
            />
            <text
              x={lx.toFixed(1)}
              y={ly.toFixed(1)}
              text-anchor={anchor}
              dominant-baseline="middle"
              font-size={FONT}
              fill="#1a1a1a"
            >
              {lines.map((line, j) => (
                <tspan x={lx.toFixed(1)} dy={`${j === 0 ? first.toFixed(2) : '1.15'}em`}>
                  {line}
                </tspan>
              ))}
            </text>
          </g>
        )
      })}
      {series.map((s, k) => {
        const { pts, closed: complete } = drawn[k]!
        return (
          <g>
            {complete ? (
              <polygon
                points={pts.map((p) => xy(p!)).join(' ')}
                fill="none"
                stroke={s.style.colour}
                stroke-width={s.style.width}
                stroke-dasharray={s.style.dash.length ? s.style.dash.join(' ') : undefined}
              />
            ) : (
              shownRuns(pts).map((run) => (
                <polyline
                  points={run.map(xy).join(' ')}
                  fill="none"
                  stroke={s.style.colour}
                  stroke-width={s.style.width}
                  stroke-dasharray={s.style.dash.length ? s.style.dash.join(' ') : undefined}
                />
              ))
            )}
            {pts.map((p) =>
              p ? <circle cx={p[0].toFixed(1)} cy={p[1].toFixed(1)} r="3.5" fill={s.style.colour} /> : null,
            )}
          </g>
        )
      })}
      {/*
       * The rings' values, drawn over the lines on a white backdrop, where the ring's edge between
       * two neighbouring axes crosses their bisector, between the axes the lines pass furthest from
       * them (`ringEdge`): no point lies there (points sit on the axes), so no value of the scale
       * hides a point, and a line crossing it breaks for the label, never the label for the line.
       * A value whose backdrop would reach over an axis near the centre is left out: the bands'
       * key beside the figure gives every level's range.
       */}
      {ringLabel
        ? valued
            .filter((r) => {
              const w = ringLabel(r).length * RING_CHAR + 4
              const h = RING_FONT * 1.3
              // The backdrop's reach towards each of the two axes, against the distance from the middle
              // of the ring's edge to that axis: its distance from the centre times sin(π/n).
              const apart = ((RADIUS * (r - min)) / (max - min)) * half * Math.sin(Math.PI / n)
              return [edge, edge + 1].every((i) => {
                const a = -Math.PI / 2 + (2 * Math.PI * i) / n
                return (w / 2) * Math.abs(Math.sin(a)) + (h / 2) * Math.abs(Math.cos(a)) + 1 <= apart
              })
            })
            .map((r) => {
              const [ax, ay] = at(edge, r)
              const [bx, by] = at((edge + 1) % n, r)
              const [x, y] = [(ax + bx) / 2, (ay + by) / 2]
              const text = ringLabel(r)
              const w = text.length * RING_CHAR + 4
              return (
                <g class="ring-label">
                  <rect
                    x={(x - w / 2).toFixed(1)}
                    y={(y - RING_FONT * 0.65).toFixed(1)}
                    width={w.toFixed(1)}
                    height={(RING_FONT * 1.3).toFixed(1)}
                    rx="2"
                    fill="#fff"
                  />
                  <text
                    x={x.toFixed(1)}
                    y={y.toFixed(1)}
                    text-anchor="middle"
                    dominant-baseline="middle"
                    font-size={RING_FONT}
                    fill="#4a5059"
                  >
                    {text}
                  </text>
                </g>
              )
            })
        : null}
    </svg>
  )
}
