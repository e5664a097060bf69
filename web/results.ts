/**
 * The dashboard island: the radar and the trend chart, drawn from the numbers the server put in
 * the page (the tables beside them are the text alternative and hold every number). Only the
 * Chart.js parts these two charts use are registered, to keep the bundle small.
 */
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  RadarController,
  RadialLinearScale,
  Tooltip,
  type ChartDataset,
  type LegendItem,
  type Plugin,
  type Scale,
} from 'chart.js'
import { byNameIn, decimal } from '../schema/format.ts'
import { radarAltText, radarGapsText, sameLine } from '../schema/radar-gaps.ts'
import type { ChartSeries } from '../schema/page-data.ts'
import { wireDocumentControls } from './document-controls.ts'
import { pageData } from './page-data-reader.ts'

Chart.register(
  RadarController,
  LineController,
  RadialLinearScale,
  LinearScale,
  CategoryScale,
  PointElement,
  LineElement,
  Legend,
  Tooltip,
)

const data = pageData('results-data')!
const format = decimal(data.lang)
const INK = '#1b1b1f'
const MUTED = '#4a4f57'
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

/**
 * Legend entries that show a line switched off as off (grey, hollow, the word "off") rather than
 * struck through, which reads as deleted; `keepOff` false leaves switched-off lines out.
 */
function onOffLabels(keepOff: boolean) {
  return (chart: Chart): LegendItem[] =>
    Chart.defaults.plugins.legend.labels.generateLabels(chart).flatMap((item) => {
      if (!item.hidden) return [item]
      if (!keepOff) return []
      return [
        {
          ...item,
          hidden: false,
          text: `${item.text} (${data.strings.off})`,
          fontColor: MUTED,
          fillStyle: '#ffffff',
          strokeStyle: MUTED,
          lineDash: [],
        },
      ]
    })
}

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

/** The level boundaries: the radar's grid rings and its scale labels, one ring per level. */
const bounds = [...new Set(data.radar.levels.flatMap((l) => [l.from, l.to]))].sort((a, b) => a - b)

/**
 * A radar over the instrument's axes. Its scale labels are drawn above the lines on a white
 * backdrop (ticks.z), so no line hides a label such as "3,4"; on a narrow chart the axis names
 * wrap shorter and smaller, which leaves the radar itself most of the width.
 */
function radarChart(
  canvas: HTMLCanvasElement,
  datasets: ChartDataset<'radar', Values>[],
  small: boolean,
): Chart<'radar', Values, string> {
  const narrow = (width: number) => small || width < 480
  return new Chart<'radar', Values, string>(canvas, {
    type: 'radar',
    data: { labels: data.radar.labels, datasets },
    options: {
      animation: false,
      aspectRatio: 1,
      layout: { padding: 0 },
      scales: {
        r: {
          min: bounds[0] ?? 1,
          max: bounds.at(-1) ?? 5,
          afterBuildTicks: (scale: Scale) => {
            scale.ticks = bounds.map((value) => ({ value }))
          },
          ticks: {
            z: 1,
            callback: (v) => format.format(Number(v)),
            showLabelBackdrop: true,
            backdropColor: 'rgba(255,255,255,0.9)',
            backdropPadding: 1,
            color: INK,
            font: (ctx) => ({ size: narrow(ctx.chart.width) ? 10 : 11 }),
          },
          pointLabels: {
            // Chart.js calls this with the scale as `this`.
            callback: function (this: unknown, label: string) {
              return wrap(label, narrow((this as RadialLinearScale).chart.width) ? 11 : 16)
            },
            font: (ctx) => ({ size: narrow(ctx.chart.width) ? 10 : 12 }),
            padding: 4,
            color: INK,
          },
          grid: { color: 'rgba(0,0,0,0.18)' },
          angleLines: { color: 'rgba(0,0,0,0.18)' },
        },
      },
      plugins: {
        legend: {
          display: !small,
          position: 'bottom',
          // Only the chosen lines: the checkboxes beside the chart choose them, and stay in step with a click here.
          // In the series' order, the programme first as beside the chart, not in the drawing order (`order`).
          labels: {
            usePointStyle: true,
            color: INK,
            generateLabels: onOffLabels(false),
            sort: (a, b) => (a.datasetIndex ?? 0) - (b.datasetIndex ?? 0),
          },
          onClick: (_event, item) => toggle(item.datasetIndex ?? -1, null),
        },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${score(item.raw)}` } },
      },
    },
    plugins: [levelRings],
  })
}

const radarDataset = (s: ChartSeries, small = false): ChartDataset<'radar', Values> => ({
  ...styled(s),
  backgroundColor: 'transparent',
  pointBackgroundColor: s.style.colour,
  pointRadius: small ? 3 : 4,
  pointHoverRadius: 6,
})

/** The programme's series on the radar: the one drawn in its style (worker/pages/results-chart.ts `programmeStyle`), or -1. */
const programmeIndex = data.radar.series.findIndex((s) => s.style.colour === '#000000' && s.style.width === 3)

function radar(canvas: HTMLCanvasElement): Chart<'radar', Values, string> {
  // The chosen partners' lines above the programme's, as in the small radars (`drawMultiples`): a
  // lower `order` is drawn later in Chart.js, and with one `order` for all the first series, the
  // programme, was drawn last, over every partner's line. Its solid black line, heavier than
  // theirs, still shows beside a dashed line drawn on it; the legend keeps the series' order.
  const chart = radarChart(
    canvas,
    data.radar.series.map((s, i) => ({ ...radarDataset(s), order: i === programmeIndex ? 1 : 0 })),
    false,
  )
  data.radar.chosen.forEach((on, i) => {
    chart.setDatasetVisibility(i, on)
  })
  chart.update()
  return chart
}

function trend(canvas: HTMLCanvasElement): Chart<'line', Values, string> {
  const marks = data.trend.series.map((s) => s.marks)
  return new Chart<'line', Values, string>(canvas, {
    type: 'line',
    data: {
      labels: data.trend.labels,
      datasets: data.trend.series.map(
        (s): ChartDataset<'line', Values> => ({
          ...styled(s),
          // A meaningful change gets a larger, filled point; others stay small.
          pointRadius: s.marks.map((m) => (m ? 7 : 3)),
          pointBackgroundColor: s.marks.map((m) => (m ? s.style.colour : '#ffffff')),
        }),
      ),
    },
    options: {
      animation: false,
      // On a phone, twice as wide as tall left the lines about 40 px once the legend of ten
      // dimensions took its rows under them (a lead's review at 390 px): there it is taller than wide.
      aspectRatio: (canvas.parentElement?.clientWidth ?? 800) < 600 ? 0.75 : 2,
      scales: {
        y: { min: 1, max: 5, ticks: { callback: (v) => format.format(Number(v)), color: INK } },
        x: { ticks: { color: INK } },
      },
      plugins: {
        legend: { position: 'bottom', labels: { usePointStyle: true, color: INK, generateLabels: onOffLabels(true) } },
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
const charts: Record<string, { chart: Chart; file: string; title: string[] } | null> = {
  radar:
    radarCanvas && data.radar.series.length
      ? { chart: radar(radarCanvas), file: data.radar.file, title: data.radar.title }
      : null,
  trend: trendCanvas ? { chart: trend(trendCanvas), file: data.trend.file, title: data.trend.title } : null,
}
// For the browser tests (tests/e2e/dashboard.test.ts), which measure the charts' scales, and the console.
Object.assign(globalThis, { ketenradar: { charts, multiples: () => multiples, png } })

const chosen = [...data.radar.chosen]
let multiples: Chart[] = []

/**
 * Shows or hides one radar series; `visible` null flips it. The checkbox and the legend follow.
 * Past the most lines one radar holds, the page switches to one small radar per chosen partner.
 */
function toggle(index: number, visible: boolean | null) {
  const chart = charts.radar?.chart
  if (!chart || index < 0) return
  chosen[index] = visible ?? !chosen[index]
  const box = document.querySelector<HTMLInputElement>(`#radar-toggles input[data-series="${index}"]`)
  if (box) box.checked = chosen[index]!
  const many = chosen.filter(Boolean).length > data.radar.max
  document.querySelector<HTMLButtonElement>('[data-png="radar"]')?.toggleAttribute('hidden', many)
  document.querySelector('.radar-layout')?.classList.toggle('multiples-on', many)
  drawMultiples(many)
  if (many) return
  chosen.forEach((on, i) => {
    chart.setDatasetVisibility(i, on)
  })
  chart.update()
  const gaps = document.getElementById('radar-gaps')
  if (gaps) gaps.textContent = radarGapsText(data.radar.series, chosen, data.radar.labels, data.strings.radarGaps)
  // Its text alternative names the lines drawn now, as the server named the first ones.
  chart.canvas.setAttribute(
    'aria-label',
    radarAltText(
      data.radar.series,
      chosen,
      programmeIndex,
      {
        alt: data.strings.radarAlt,
        altProgramme: data.strings.radarAltProgramme,
        sameLines: data.strings.radarSameLines,
      },
      (v) => format.format(v),
    ),
  )
}

/** One small radar per chosen partner, each with the programme (when it is shown) beside it. */
function drawMultiples(on: boolean) {
  for (const m of multiples) m.destroy()
  multiples = []
  const box = document.getElementById('radar-multiples')
  const list = box?.querySelector('ul')
  if (!box || !list) return
  list.replaceChildren()
  box.hidden = !on
  if (!on) return
  const programme = data.radar.series[programmeIndex]
  data.radar.series.forEach((s, i) => {
    if (!chosen[i] || i === programmeIndex) return
    const item = document.createElement('li')
    const figure = document.createElement('figure')
    const canvas = document.createElement('canvas')
    const caption = document.createElement('figcaption')
    const names = { partner: s.label, programme: programme?.label ?? '' }
    // A partner's line equal to the programme's is said in words too, in the caption and the text alternative.
    const same =
      programme && sameLine(s.values, programme.values, (v) => format.format(v))
        ? fill(data.strings.sameAsProgramme, names)
        : ''
    canvas.setAttribute('role', 'img')
    canvas.setAttribute('aria-label', `${fill(data.strings.multipleAlt, names)}${same ? ` ${same}.` : ''}`)
    canvas.width = 300
    canvas.height = 300
    caption.textContent = programme ? fill(data.strings.against, names) : s.label
    if (same) {
      const note = document.createElement('span')
      note.className = 'multiple-same'
      note.textContent = same
      caption.append(note)
    }
    figure.append(canvas, caption)
    item.append(figure)
    list.append(item)
    // The partner's line above the programme's (a lower `order` is drawn later in Chart.js), in its
    // own dash and points: drawn under it, a line equal to the programme's vanished.
    multiples.push(
      radarChart(
        canvas,
        [
          ...(programme ? [{ ...radarDataset(programme, true), order: 1 }] : []),
          { ...radarDataset(s, true), order: 0 },
        ],
        true,
      ),
    )
  })
}

const fill = (text: string, values: Record<string, string>) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '')

// Real checkboxes beside the chart: the canvas legend cannot be reached with the keyboard.
const toggles = document.getElementById('radar-toggles')
if (toggles && charts.radar) {
  for (const box of toggles.querySelectorAll<HTMLInputElement>('input[data-series]')) {
    box.addEventListener('change', () => toggle(Number(box.dataset.series), box.checked))
  }
  toggles.hidden = false
}

/**
 * The chart on white with its title above it: the canvas itself is transparent (black in many
 * image viewers), and a PNG passed on must still say what it shows (chart, programme, wave, role).
 */
function png(chart: Chart, title: string[]): string {
  const source = chart.canvas
  const ratio = chart.currentDevicePixelRatio || 1
  const line = (size: number) => Math.ceil(size * 1.4 * ratio)
  const band = line(16) + line(13) + Math.ceil(12 * ratio)
  const out = document.createElement('canvas')
  out.width = source.width
  out.height = source.height + band
  const ctx = out.getContext('2d')!
  ctx.fillStyle = '#ffffff'
  ctx.fillRect(0, 0, out.width, out.height)
  ctx.fillStyle = INK
  ctx.textBaseline = 'top'
  const family = getComputedStyle(document.body).fontFamily || 'sans-serif'
  const pad = Math.ceil(8 * ratio)
  ctx.font = `700 ${16 * ratio}px ${family}`
  ctx.fillText(title[0] ?? '', pad, pad, out.width - 2 * pad)
  ctx.font = `${13 * ratio}px ${family}`
  ctx.fillText(title[1] ?? '', pad, pad + line(16), out.width - 2 * pad)
  ctx.drawImage(source, 0, band)
  return out.toDataURL('image/png')
}

// The trend's key only beside a drawn trend with a clear change to mark: beside the programme's,
// which had none, it described a point not on screen (a lead's review).
const trendKey = document.querySelector<HTMLElement>('[data-chart-key="trend"]')
if (trendKey && charts.trend && data.trend.series.some((s) => s.marks.some(Boolean))) trendKey.hidden = false

for (const button of document.querySelectorAll<HTMLButtonElement>('[data-png]')) {
  const entry = charts[button.dataset.png ?? '']
  if (!entry) continue
  button.hidden = false
  button.addEventListener('click', () => {
    const link = document.createElement('a')
    link.href = png(entry.chart, entry.title)
    link.download = entry.file
    document.body.append(link)
    link.click()
    link.remove()
  })
}

// Print buttons, and a link to a level's or dimension's explanation that opens it.
wireDocumentControls()

// A stand-out's link lands on a cell or row, a contents or skip link on a section's heading: it
// takes the focus too, so a keyboard or screen-reader user is where the outline is (web/results.css
// `:target`), and the next Tab goes on from there. Chromium left the focus on the body after Enter on
// "Rapport per partner" in the contents list (a lead's review).
function focusTarget() {
  const id = decodeURIComponent(location.hash.slice(1))
  const target = id ? document.getElementById(id) : null
  if (!target?.matches('.heatmap td, table.gap tr, table.trend tr, main h2[id], main h3[id]')) return
  if (!target.hasAttribute('tabindex')) target.tabIndex = -1
  target.focus()
}
addEventListener('hashchange', focusTarget)
// A link to the hash the page is at already changes no hash: its target takes the focus all the same.
document.addEventListener('click', (e) => {
  const link = e.target instanceof Element ? e.target.closest('a[href^="#"]') : null
  if (link && link.getAttribute('href') === location.hash) queueMicrotask(focusTarget)
})
focusTarget()

/**
 * A stand-out's "Actie afspreken" link (worker/pages/results-standouts.tsx `Step`) opens the action
 * form where it is, with its partner and dimension chosen, and puts the keyboard on what to agree:
 * the rest is filled in. Without the script the link loads the page with the form so opened
 * (worker/pages/actions-section.tsx `agree`), which takes the keyboard there too.
 */
const actionAdd = document.getElementById('action-add')
const actionWhat = document.getElementById('action-what')
function agreeOn(partner: string, dimension: string): boolean {
  const who = document.getElementById('action-partner')
  const what = document.getElementById('action-dimension')
  if (!(actionAdd instanceof HTMLDetailsElement) || !(who instanceof HTMLSelectElement)) return false
  if (!(what instanceof HTMLSelectElement)) return false
  who.value = partner
  // The dimensions follow the partner chosen (web/setup.ts `data-follows`).
  who.dispatchEvent(new Event('change'))
  what.value = dimension
  if (who.value !== partner || what.value !== dimension) return false
  actionAdd.open = true
  actionWhat?.focus()
  return true
}
for (const link of document.querySelectorAll<HTMLAnchorElement>('a[data-agree-partner]'))
  link.addEventListener('click', (event) => {
    if (agreeOn(link.dataset.agreePartner ?? '', link.dataset.agreeDimension ?? '')) event.preventDefault()
  })
if (location.hash === '#action-add' && actionAdd instanceof HTMLDetailsElement && actionAdd.open) actionWhat?.focus()

/**
 * A dimension's answers per question are loaded when it is first opened (worker/pages/question-section.tsx
 * `QuestionSection`): the server's table, the same as the link's page shows, put in place of the
 * link, and the status beside it says so. A failure leaves the link and says so; opening the
 * dimension again tries again. A redirect is a failure too: a session that ended sends the sign-in
 * page, which does not belong inside the results.
 */
function loadQuestions(details: HTMLDetailsElement) {
  const holder = details.querySelector<HTMLElement>('.question-load[data-src]')
  if (!details.open || !holder || holder.dataset.state === 'loading') return
  const status = details.querySelector<HTMLElement>('.question-status')
  holder.dataset.state = 'loading'
  details.setAttribute('aria-busy', 'true')
  if (status) status.textContent = holder.dataset.loading ?? ''
  fetch(`${holder.dataset.src}&part=table`, { credentials: 'same-origin', redirect: 'manual' })
    .then(async (res) => {
      if (res.status !== 200) throw new Error(String(res.status))
      const html = await res.text()
      const hadFocus = holder.contains(document.activeElement)
      const range = document.createRange()
      range.selectNode(holder)
      const table = range.createContextualFragment(html)
      const region = table.querySelector<HTMLElement>('[tabindex]')
      holder.replaceWith(table)
      if (status) status.textContent = holder.dataset.loaded ?? ''
      // The link the reader was on is gone: the table's scrolling region takes the focus.
      if (hadFocus) region?.focus()
    })
    .catch(() => {
      holder.dataset.state = 'failed'
      if (status) status.textContent = holder.dataset.failed ?? ''
    })
    .finally(() => details.removeAttribute('aria-busy'))
}
for (const d of document.querySelectorAll<HTMLDetailsElement>('details.question-dimension')) {
  d.addEventListener('toggle', () => loadQuestions(d))
  // Come back from a dimension's own page (its link back names it): that dimension open again.
  if (location.hash === `#${d.id}`) d.open = true
  loadQuestions(d)
}

// A printout shows every explanation, then the page returns to how the reader left it. Not the
// answers per question of every dimension: at 40 partners those were 44 of a printout's 73 A4
// pages (a lead's review); a dimension the reader opened prints.
let closed: HTMLDetailsElement[] = []
addEventListener('beforeprint', () => {
  closed = [...document.querySelectorAll<HTMLDetailsElement>('details:not([open]):not(.question-dimension)')]
  for (const d of closed) d.open = true
})
addEventListener('afterprint', () => {
  for (const d of closed) d.open = false
  closed = []
})

/**
 * The heatmap sorted in place: the header links, which reload the page sorted by the
 * server (worker/pages/results-standouts.tsx), become buttons that reorder the rows where they are,
 * so the reader keeps their place and the focus stays on the button pressed. The order is the
 * server's rule (worker/domain/heatmap.ts, heatmapOf): ties by name A–Z, rows without the number
 * (hidden, or no comparison) last in either direction, the programme row first. The address takes
 * the new `?sort=`, so a reload or a shared link shows the same order.
 */
function sortableHeatmap(table: HTMLTableElement) {
  const body = table.tBodies[0]
  const words = data.heatmap
  const status = document.getElementById('heatmap-status')
  const region = table.closest<HTMLElement>('.heat-scroll')
  if (!body) return
  // In the page's language, as the server sorts them (heatmapOf in worker/domain/heatmap.ts).
  const byName = byNameIn(data.lang)
  const nameOf = (row: HTMLTableRowElement) => row.querySelector('th')?.textContent ?? ''
  const numberOf = (row: HTMLTableRowElement, key: string): number | null => {
    const raw =
      key === 'gap'
        ? row.dataset.gap
        : row.querySelector<HTMLElement>(`td[data-dimension="${CSS.escape(key.slice(4))}"]`)?.dataset.mean
    return raw === undefined ? null : Number(raw)
  }
  const buttons = [...table.tHead!.querySelectorAll<HTMLAnchorElement>('a[data-sort]')].map((link) => {
    const button = document.createElement('button')
    button.type = 'button'
    button.className = 'heat-sort'
    for (const name of ['sort', 'sortDefault'] as const) button.dataset[name] = link.dataset[name]
    button.setAttribute('aria-label', link.getAttribute('aria-label') ?? '')
    button.append(...link.childNodes)
    link.replaceWith(button)
    return button
  })

  const defaultDirOf = (key: string) => buttons.find((b) => b.dataset.sort === key)?.dataset.sortDefault ?? 'asc'

  function sort(key: string, dir: 'asc' | 'desc', name: string) {
    const sign = dir === 'asc' ? 1 : -1
    const programme = body!.querySelector<HTMLTableRowElement>('tr.heat-programme')
    const rows = [...body!.rows].filter((row) => row !== programme)
    const keyed = rows.map((row) => ({ row, name: nameOf(row), n: key === 'partner' ? null : numberOf(row, key) }))
    keyed.sort((a, b) => {
      if (key === 'partner') return sign * byName(a.name, b.name)
      if (a.n === null || b.n === null) return a.n === b.n ? byName(a.name, b.name) : a.n === null ? 1 : -1
      return sign * (a.n - b.n) || byName(a.name, b.name)
    })
    body!.append(...(programme ? [programme] : []), ...keyed.map((k) => k.row))
    for (const button of buttons) {
      const th = button.closest('th')!
      button.querySelector('.sorted')?.remove()
      // Each control says the order its press gives now: the other way for the column sorted, else its natural one.
      const own = button.dataset.sort ?? 'partner'
      const next = own === key ? (dir === 'asc' ? 'desc' : 'asc') : defaultDirOf(own) === 'asc' ? 'asc' : 'desc'
      const label = words.controls[own]?.[next]
      if (label) button.setAttribute('aria-label', label)
      if (button.dataset.sort !== key) {
        th.removeAttribute('aria-sort')
        continue
      }
      th.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending')
      const mark = document.createElement('span')
      mark.className = 'sorted'
      mark.setAttribute('aria-hidden', 'true')
      mark.textContent = ` ${dir === 'asc' ? '▲' : '▼'}`
      button.append(mark)
    }
    table.dataset.sort = key
    table.dataset.sortDir = dir
    const dirName = dir === 'asc' ? words.ascending : words.descending
    const caption = fill(words.caption, { sort: `${name}, ${dirName}` })
    if (table.caption) table.caption.textContent = caption
    region?.setAttribute('aria-label', caption)
    if (status) status.textContent = fill(words.sorted, { what: name, dir: dirName })
    const url = new URL(location.href)
    url.searchParams.set('sort', dir === defaultDirOf(key) ? key : `${key}:${dir}`)
    history.replaceState(history.state, '', url)
  }

  for (const button of buttons)
    button.addEventListener('click', () => {
      const key = button.dataset.sort ?? 'partner'
      const current = table.dataset.sort === key ? table.dataset.sortDir : undefined
      const dir = current ? (current === 'asc' ? 'desc' : 'asc') : button.dataset.sortDefault === 'asc' ? 'asc' : 'desc'
      sort(key, dir, words.names[key] ?? '')
      button.focus()
    })
}

/**
 * The programme row kept in view under the header row while many partners scroll in the
 * heatmap's box (web/results.css `.heat-programme-sticky`): it sticks at the header row's height,
 * which changes as the names wrap with the width and the reader's text size, so that height is
 * measured, and measured again whenever it changes.
 */
function stickyProgrammeRow(table: HTMLTableElement) {
  const head = table.tHead
  const programme = table.querySelector<HTMLTableRowElement>('tr.heat-programme')
  if (!head || !programme || !table.closest('.heat-tall')) return
  const measure = () => {
    const h = head.getBoundingClientRect().height
    table.style.setProperty('--heat-head', `${h}px`)
    // What a linked cell must clear to be seen: the header and the programme row over it.
    table.style.setProperty('--heat-stuck', `${h + programme.getBoundingClientRect().height}px`)
  }
  measure()
  const observer = new ResizeObserver(measure)
  observer.observe(head)
  observer.observe(programme)
  table.classList.add('heat-programme-sticky')
}

const heatmap = document.getElementById('heatmap')
if (heatmap instanceof HTMLTableElement) {
  sortableHeatmap(heatmap)
  stickyProgrammeRow(heatmap)
}
