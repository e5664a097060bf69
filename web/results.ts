/**
 * The dashboard island: the radar and the trend chart, drawn from the numbers the server put in
 * the page (the tables beside them are the text alternative and hold every number). Only the
 * Chart.js parts these two charts use are registered, to keep the bundle small.
 */
import {
  CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, RadarController, RadialLinearScale, Tooltip,
  type ChartDataset, type Plugin, type Scale,
} from 'chart.js'
import { decimal } from '../schema/format.ts'
import type { ChartSeries, ResultsScriptData } from '../schema/page-data.ts'

Chart.register(RadarController, LineController, RadialLinearScale, LinearScale, CategoryScale, PointElement, LineElement, Legend, Tooltip)

const data = JSON.parse(document.getElementById('dashboard-data')!.textContent!) as ResultsScriptData
const format = decimal(data.lang)
const INK = '#1b1b1f'
const score = (v: unknown) => (v == null ? data.strings.noScore : format.format(Number(v)))

const styled = (s: ChartSeries) => ({
  label: s.label,
  data: s.values,
  borderColor: s.style.colour,
  backgroundColor: s.style.colour,
  borderDash: s.style.dash,
  borderWidth: s.style.width,
  pointStyle: s.style.point,
  pointBorderColor: s.style.colour,
  spanGaps: false,
})

/** The level bands of the instrument as rings behind the radar, each band its own shade. */
const levelRings: Plugin<'radar'> = {
  id: 'levelRings',
  beforeDatasetsDraw(chart) {
    const scale = chart.scales.r as RadialLinearScale
    const n = chart.data.labels?.length ?? 0
    if (n < 3) return
    const ctx = chart.ctx
    const polygon = (value: number) => {
      const r = scale.getDistanceFromCenterForValue(value)
      for (let i = 0; i <= n; i++) {
        const p = scale.getPointPosition(i % n, r)
        if (i === 0) ctx.moveTo(p.x, p.y)
        else ctx.lineTo(p.x, p.y)
      }
      ctx.closePath()
    }
    ctx.save()
    for (const band of data.radar.levels) {
      ctx.beginPath()
      polygon(band.to)
      if (band.from > scale.min) polygon(band.from)
      ctx.fillStyle = band.shade
      ctx.fill('evenodd')
    }
    ctx.restore()
  },
}

type Values = (number | null)[]

/** A long axis name over two or more lines, so the labels leave the radar room to grow. */
function wrap(label: string, width = 16): string[] {
  const lines: string[] = []
  for (const word of label.split(' ')) {
    const last = lines.at(-1)
    if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`
    else lines.push(word)
  }
  return lines
}

function radar(canvas: HTMLCanvasElement): Chart<'radar', Values, string[]> {
  // Grid lines on the level boundaries, so each ring is one level.
  const bounds = [...new Set(data.radar.levels.flatMap((l) => [l.from, l.to]))].sort((a, b) => a - b)
  return new Chart<'radar', Values, string[]>(canvas, {
    type: 'radar',
    data: {
      labels: data.radar.labels.map((l) => wrap(l)),
      datasets: data.radar.series.map((s): ChartDataset<'radar', Values> => ({ ...styled(s), backgroundColor: 'transparent', pointBackgroundColor: s.style.colour, pointRadius: 4, pointHoverRadius: 6 })),
    },
    options: {
      animation: false,
      aspectRatio: 1,
      scales: {
        r: {
          min: bounds[0] ?? 1,
          max: bounds.at(-1) ?? 5,
          afterBuildTicks: (scale: Scale) => {
            scale.ticks = bounds.map((value) => ({ value }))
          },
          ticks: { callback: (v) => format.format(Number(v)), backdropColor: 'rgba(255,255,255,0.8)', color: INK, font: { size: 11 } },
          pointLabels: { font: { size: 12 }, color: INK },
          grid: { color: 'rgba(0,0,0,0.18)' },
          angleLines: { color: 'rgba(0,0,0,0.18)' },
        },
      },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { usePointStyle: true, color: INK },
          // Keep the checkboxes beside the chart in step with a click on the legend.
          onClick: (_event, item) => toggle(item.datasetIndex ?? -1, null),
        },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${score(item.raw)}` } },
      },
    },
    plugins: [levelRings],
  })
}

function trend(canvas: HTMLCanvasElement): Chart<'line', Values, string> {
  const marks = data.trend.series.map((s) => s.marks)
  return new Chart<'line', Values, string>(canvas, {
    type: 'line',
    data: {
      labels: data.trend.labels,
      datasets: data.trend.series.map((s): ChartDataset<'line', Values> => ({
        ...styled(s),
        // A meaningful change gets a larger, filled point; others stay small.
        pointRadius: s.marks.map((m) => (m ? 7 : 3)),
        pointBackgroundColor: s.marks.map((m) => (m ? s.style.colour : '#ffffff')),
      })),
    },
    options: {
      animation: false,
      aspectRatio: 2,
      scales: { y: { min: 1, max: 5, ticks: { callback: (v) => format.format(Number(v)), color: INK } }, x: { ticks: { color: INK } } },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, color: INK } },
        tooltip: {
          callbacks: {
            label: (item) => {
              const mark = marks[item.datasetIndex]?.[item.dataIndex]
              return `${item.dataset.label}: ${score(item.raw)}${mark ? ` ${mark === 'up' ? data.strings.changeUp : data.strings.changeDown}` : ''}`
            },
          },
        },
      },
    },
  })
}

const radarCanvas = document.getElementById('radar') as HTMLCanvasElement | null
const trendCanvas = document.getElementById('trend') as HTMLCanvasElement | null
const charts: Record<string, { chart: Chart; file: string } | null> = {
  radar: radarCanvas && data.radar.series.length ? { chart: radar(radarCanvas), file: data.radar.file } : null,
  trend: trendCanvas ? { chart: trend(trendCanvas), file: data.trend.file } : null,
}

/** Shows or hides one radar series; `visible` null flips it. The checkbox and the legend follow. */
function toggle(index: number, visible: boolean | null) {
  const chart = charts.radar?.chart
  if (!chart || index < 0) return
  const show = visible ?? !chart.isDatasetVisible(index)
  chart.setDatasetVisibility(index, show)
  chart.update()
  const box = document.querySelector<HTMLInputElement>(`#radar-toggles input[data-series="${index}"]`)
  if (box) box.checked = show
}

// Real checkboxes beside the chart: the canvas legend cannot be reached with the keyboard.
const toggles = document.getElementById('radar-toggles')
if (toggles && charts.radar) {
  for (const box of toggles.querySelectorAll<HTMLInputElement>('input[data-series]')) {
    box.addEventListener('change', () => toggle(Number(box.dataset.series), box.checked))
  }
  toggles.hidden = false
}

/** The chart on white: the canvas itself is transparent, which shows black in many image viewers. */
function png(chart: Chart): string {
  const source = chart.canvas
  const out = document.createElement('canvas')
  out.width = source.width
  out.height = source.height
  const ctx = out.getContext('2d')!
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, out.width, out.height)
  ctx.drawImage(source, 0, 0)
  return out.toDataURL('image/png')
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-png]')) {
  const entry = charts[button.dataset.png ?? '']
  if (!entry) continue
  button.hidden = false
  button.addEventListener('click', () => {
    const link = document.createElement('a')
    link.href = png(entry.chart)
    link.download = entry.file
    document.body.append(link)
    link.click()
    link.remove()
  })
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) {
  button.hidden = false
  button.addEventListener('click', () => print())
}

// A link to a level's or dimension's explanation opens it: the explanation is one click away.
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-open]')) {
  link.addEventListener('click', () => {
    const target = document.getElementById(decodeURIComponent(link.hash.slice(1)))
    if (target instanceof HTMLDetailsElement) target.open = true
  })
}

// A printout shows every explanation, then the page returns to how the reader left it.
let closed: HTMLDetailsElement[] = []
addEventListener('beforeprint', () => {
  closed = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open])')]
  for (const d of closed) d.open = true
})
addEventListener('afterprint', () => {
  for (const d of closed) d.open = false
  closed = []
})
