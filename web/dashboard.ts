/**
 * The dashboard island: the radar and the trend chart, drawn from the numbers the server put in
 * the page (the tables beside them are the text alternative). Only the Chart.js parts these two
 * charts use are registered, to keep the bundle small.
 */
import {
  Chart, Filler, Legend, LineController, LineElement, LinearScale, CategoryScale, PointElement, RadarController, RadialLinearScale, Tooltip,
  type Plugin,
} from 'chart.js'

Chart.register(RadarController, LineController, RadialLinearScale, LinearScale, CategoryScale, PointElement, LineElement, Filler, Legend, Tooltip)

type Series = { label: string; index: number; values: (number | null)[] }
type Data = {
  lang: 'nl' | 'en'
  dimensions: string[]
  levels: { level: number; name: string; from: number; to: number }[]
  palette: string[]
  dashes: number[][]
  radar: Series[]
  trend: { labels: string[]; series: Series[] }
  strings: { downloadPng: string }
}

const data = JSON.parse(document.getElementById('dashboard-data')!.textContent!) as Data
const POINTS = ['circle', 'rect', 'triangle', 'rectRot', 'star', 'crossRot', 'rectRounded', 'cross'] as const
const colour = (i: number) => data.palette[i % data.palette.length]!
const format = new Intl.NumberFormat(data.lang === 'nl' ? 'nl-NL' : 'en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 })

/** Shades the maturity level bands as rings behind the radar, lightest inside. */
const levelRings: Plugin<'radar'> = {
  id: 'levelRings',
  beforeDatasetsDraw(chart) {
    const scale = chart.scales.r as RadialLinearScale
    const ctx = chart.ctx
    ctx.save()
    for (const band of [...data.levels].reverse()) {
      const outer = scale.getDistanceFromCenterForValue(band.to)
      ctx.beginPath()
      const n = chart.data.labels!.length
      for (let i = 0; i <= n; i++) {
        const p = scale.getPointPosition(i % n, outer)
        if (i === 0) ctx.moveTo(p.x, p.y)
        else ctx.lineTo(p.x, p.y)
      }
      ctx.fillStyle = `rgba(21, 66, 115, ${0.03 + band.level * 0.025})`
      ctx.fill()
    }
    ctx.restore()
  },
}

function radar(): Chart<'radar'> | null {
  const canvas = document.getElementById('radar') as HTMLCanvasElement | null
  if (!canvas) return null
  return new Chart(canvas, {
    type: 'radar',
    data: {
      labels: data.dimensions,
      datasets: data.radar.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: colour(s.index),
        backgroundColor: 'transparent',
        borderDash: data.dashes[s.index % data.dashes.length],
        borderWidth: s.index === data.palette.length - 1 ? 3 : 2,
        pointStyle: POINTS[s.index % POINTS.length],
        pointRadius: 4,
        pointBackgroundColor: colour(s.index),
        spanGaps: false,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: true,
      animation: false,
      scales: {
        r: {
          min: 1,
          max: 5,
          ticks: { stepSize: 0.8, callback: (v) => format.format(Number(v)), backdropColor: 'transparent', color: '#333' },
          pointLabels: { font: { size: 12 }, color: '#1b1b1f' },
          grid: { color: 'rgba(0,0,0,0.15)' },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, color: '#1b1b1f' } },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${item.raw == null ? '–' : format.format(Number(item.raw))}` } },
      },
    },
    plugins: [levelRings],
  })
}

function trend(): Chart<'line'> | null {
  const canvas = document.getElementById('trend') as HTMLCanvasElement | null
  if (!canvas) return null
  return new Chart(canvas, {
    type: 'line',
    data: {
      labels: data.trend.labels,
      datasets: data.trend.series.map((s) => ({
        label: s.label,
        data: s.values,
        borderColor: colour(s.index),
        backgroundColor: colour(s.index),
        borderDash: data.dashes[s.index % data.dashes.length],
        pointStyle: POINTS[s.index % POINTS.length],
        pointRadius: 4,
        spanGaps: false,
      })),
    },
    options: {
      animation: false,
      scales: { y: { min: 1, max: 5, ticks: { callback: (v) => format.format(Number(v)) } } },
      plugins: { legend: { position: 'bottom', labels: { usePointStyle: true } } },
    },
  })
}

const charts: Record<string, Chart | null> = { radar: radar(), trend: trend() }

// Real checkboxes beside the chart: the canvas legend cannot be reached with the keyboard.
const toggles = document.getElementById('radar-toggles')
const radarChart = charts.radar as Chart<'radar'> | null
if (toggles && radarChart) {
  data.radar.forEach((s, i) => {
    const id = `toggle-${i}`
    const wrap = document.createElement('div')
    wrap.className = 'toggle'
    const box = document.createElement('input')
    box.type = 'checkbox'
    box.id = id
    box.checked = true
    box.addEventListener('change', () => {
      radarChart.setDatasetVisibility(i, box.checked)
      radarChart.update()
    })
    const label = document.createElement('label')
    label.htmlFor = id
    const swatch = document.createElement('span')
    swatch.className = 'swatch'
    swatch.style.borderColor = colour(s.index)
    swatch.style.borderStyle = (data.dashes[s.index % data.dashes.length] ?? []).length ? 'dashed' : 'solid'
    label.append(swatch, document.createTextNode(s.label))
    wrap.append(box, label)
    toggles.append(wrap)
  })
}

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-png]')) {
  button.addEventListener('click', () => {
    const chart = charts[button.dataset.png!]
    if (!chart) return
    const link = document.createElement('a')
    link.href = chart.toBase64Image('image/png', 1)
    link.download = `ketenradar-${button.dataset.png}.png`
    link.click()
  })
}
for (const button of document.querySelectorAll<HTMLButtonElement>('[data-print]')) button.addEventListener('click', () => print())
