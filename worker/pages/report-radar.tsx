import type { SeriesStyle } from './results-chart.ts'

/**
 * A radar drawn on the server as SVG, for the partner report: it prints sharp at any size and
 * needs no script. Rings are the levels' lower bounds; a hidden value has no point, and a line
 * is closed only when every axis has one, so nothing is drawn where nothing is shown.
 */

type RadarSeries = { label: string; values: (number | null)[]; style: SeriesStyle }

// Wider than high: the axis labels sit left and right of the rings and must not be clipped.
const WIDTH = 680
const HEIGHT = 400
const CX = WIDTH / 2
const CY = HEIGHT / 2
const RADIUS = 140

function point(i: number, count: number, value: number, min: number, max: number): [number, number] {
  const angle = -Math.PI / 2 + (2 * Math.PI * i) / count
  const r = (RADIUS * (value - min)) / (max - min)
  return [CX + r * Math.cos(angle), CY + r * Math.sin(angle)]
}
const xy = (p: [number, number]) => `${p[0].toFixed(1)},${p[1].toFixed(1)}`

export function ReportRadar({
  labels,
  series,
  rings,
  min,
  max,
  title,
}: {
  labels: string[]
  series: RadarSeries[]
  rings: number[]
  min: number
  max: number
  title: string
}) {
  const n = labels.length
  if (n < 3) return null
  return (
    <svg
      class="report-radar"
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      role="img"
      aria-labelledby="report-radar-title"
      xmlns="http://www.w3.org/2000/svg"
    >
      <title id="report-radar-title">{title}</title>
      {[...rings, max].map((r) => (
        <polygon
          points={labels.map((_, i) => xy(point(i, n, r, min, max))).join(' ')}
          fill="none"
          stroke="#c8d0da"
          stroke-width="1"
        />
      ))}
      {labels.map((label, i) => {
        const [x, y] = point(i, n, max, min, max)
        const [lx, ly] = point(i, n, max + (max - min) * 0.1, min, max)
        const anchor = Math.abs(lx - CX) < 8 ? 'middle' : lx < CX ? 'end' : 'start'
        return (
          <g>
            <line x1={CX} y1={CY} x2={x.toFixed(1)} y2={y.toFixed(1)} stroke="#c8d0da" stroke-width="1" />
            <text
              x={lx.toFixed(1)}
              y={ly.toFixed(1)}
              text-anchor={anchor}
              dominant-baseline="middle"
              font-size="12"
              fill="#1a1a1a"
            >
              {label}
            </text>
          </g>
        )
      })}
      {series.map((s) => {
        const pts = s.values.map((v, i) => (v === null ? null : point(i, n, v, min, max)))
        const complete = pts.every((p) => p !== null)
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
            ) : null}
            {pts.map((p) =>
              p ? <circle cx={p[0].toFixed(1)} cy={p[1].toFixed(1)} r="3.5" fill={s.style.colour} /> : null,
            )}
          </g>
        )
      })}
    </svg>
  )
}
