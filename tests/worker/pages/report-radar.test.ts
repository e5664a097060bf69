import { describe, expect, it } from 'vitest'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { labelLines, labelWidth, ReportRadar } from '../../../worker/pages/report-radar.tsx'
import { programmeStyle } from '../../../worker/pages/results-chart.ts'

/**
 * The partner report's radar at A4: no axis label runs past the figure, whatever the
 * dimension's name in either language, and the rings carry their values.
 */

/** The radar's SVG text for `props`, on the five-level scale every test draws. */
const radarSvg = async (props: Partial<Parameters<typeof ReportRadar>[0]> & { labels: string[] }): Promise<string> =>
  String(
    await (
      ReportRadar({
        series: [],
        rings: [1, 1.8, 2.6, 3.4, 4.2],
        min: 1,
        max: 5,
        title: 'radar',
        ...props,
      }) as { toString(): string | Promise<string> }
    ).toString(),
  )

const svgOf = (labels: string[], ringLabel?: (v: number) => string) => radarSvg({ labels, ringLabel })

describe('the report radar', () => {
  it('keeps every axis label, in every instrument and language, inside the figure', async () => {
    const names = [1, 2, 3].flatMap((v) =>
      findInstrument('coachende-manager', v)!.dimensions.flatMap((d) => [d.label.nl, d.label.en]),
    )
    for (let count = 5; count <= 9; count++) {
      const labels = Array.from({ length: count }, (_, i) => names[(i * 7 + count) % names.length]!)
      const svg = await svgOf(labels)
      const [, , width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number)
      for (const [, x, anchor, body] of svg.matchAll(
        /<text x="([\d.]+)" y="[\d.]+" text-anchor="(\w+)"[^>]*>([\s\S]*?)<\/text>/g,
      )) {
        for (const [, line] of body!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)) {
          // The label as drawn, not as escaped in the markup ("Managers&#39; own" is 13 characters wide).
          const w = labelWidth(
            line!
              .replace(/&#39;/g, "'")
              .replace(/&quot;/g, '"')
              .replace(/&amp;/g, '&'),
          )
          const [left, right] =
            anchor === 'start'
              ? [Number(x), Number(x) + w]
              : anchor === 'end'
                ? [Number(x) - w, Number(x)]
                : [Number(x) - w / 2, Number(x) + w / 2]
          expect(left, `${line} at ${x} (${anchor})`).toBeGreaterThanOrEqual(0)
          expect(right, `${line} at ${x} (${anchor})`).toBeLessThanOrEqual(width!)
        }
      }
      expect(height).toBeGreaterThan(0)
      // No wider than its labels need: a fixed 680 left a phone's width half empty at the sides.
      expect(width, labels.join(' | ')).toBeLessThan(680)
    }
  })

  it('wraps a long name at its spaces, keeping every word', () => {
    expect(labelLines('Samenwerken met ketenpartners')).toEqual(['Samenwerken met', 'ketenpartners'])
    expect(labelLines('Coaching')).toEqual(['Coaching'])
  })

  it('labels the rings above the centre with their values, as the page writes them', async () => {
    const svg = await svgOf(['a', 'b', 'c', 'd', 'e'], (v) => v.toFixed(1).replace('.', ','))
    const rings = [...svg.matchAll(/class="ring-label">[\s\S]*?<text[^>]*>([^<]+)</g)].map(([, x]) => x)
    expect(rings).toEqual(['1,8', '2,6', '3,4', '4,2', '5,0'])
    expect(await svgOf(['a', 'b', 'c'])).not.toContain('ring-label')
  })

  it("draws the rings' values over the lines on a backdrop, off every axis where the points lie", async () => {
    const labels = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h']
    const svg = await radarSvg({
      labels,
      series: [{ label: 'P', values: labels.map(() => 3.4), style: programmeStyle }],
      ringLabel: (v) => v.toFixed(1),
    })
    expect(svg.indexOf('class="ring-label"')).toBeGreaterThan(svg.lastIndexOf('<circle'))
    const [, , width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number)
    const [cx, cy] = [width! / 2, height! / 2]
    // Each on a white backdrop, then its value.
    const rings = [
      ...svg.matchAll(/class="ring-label"><rect [^>]*fill="#fff"[^>]*><\/rect><text x="([\d.]+)" y="([\d.]+)"/g),
    ]
    // 1,8 is left out: at eight axes its backdrop would reach over the two axes beside it (the bands' key has its range).
    expect(rings.map((m) => m[0].match(/>([^<]+)$/)?.[1] ?? '')).toHaveLength(4)
    for (const [, x, y] of rings) {
      const angle = Math.atan2(Number(y) - cy, Number(x) - cx)
      // At least a third of the way between two axes (each axis at -90° + i · 45°).
      const fromAxis = Math.min(
        ...labels.map((_, i) =>
          Math.abs(((angle - (-Math.PI / 2 + (i * Math.PI) / 4) + 3 * Math.PI) % (2 * Math.PI)) - Math.PI),
        ),
      )
      expect(fromAxis, `${x},${y}`).toBeGreaterThan(Math.PI / 12)
    }
  })
})

describe("the report radar's lines", () => {
  const svgWith = async (values: (number | null)[]) =>
    radarSvg({ labels: values.map((_, i) => `D${i}`), series: [{ label: 'A', values, style: programmeStyle }] })
  const lines = (svg: string) => [...svg.matchAll(/<polyline points="([^"]+)"/g)].map((m) => m[1]!.split(' ').length)

  it('closes the line where every axis has a value', async () => {
    const svg = await svgWith([3, 3, 3, 3, 3])
    expect(svg).toContain(`fill="none" stroke="${programmeStyle.colour}"`)
    expect(lines(svg)).toEqual([])
  })

  it('breaks it at a hidden value and joins the shown neighbours, the last axis beside the first', async () => {
    // D2 hidden: one line D3 → D4 → D0 → D1, four points, not a closed shape and not dots alone.
    const svg = await svgWith([3, 3, null, 3, 3])
    expect(svg.match(new RegExp(`<polygon[^>]*stroke="${programmeStyle.colour}"`, 'g'))).toBeNull()
    expect(lines(svg)).toEqual([4])
    expect(svg.match(/<circle /g)).toHaveLength(4)
    // D1 and D4 hidden: D2 → D3 is a line, D0 alone a dot.
    const two = await svgWith([3, null, 3, 3, null])
    expect(lines(two)).toEqual([2])
    expect(two.match(/<circle /g)).toHaveLength(3)
  })
})

describe("the report radar's scale and bands", () => {
  const labels = ['Coachen', 'Ruimte', 'Kader', 'Steun', 'Samenwerken']
  const svgOf = async (values: number[][]) =>
    radarSvg({
      labels,
      series: values.map((v, i) => ({ label: `S${i}`, values: v, style: programmeStyle })),
      bands: [1, 1.8, 2.6, 3.4, 4.2].map((from, i) => ({ from, to: from + 0.8, shade: `#00000${i}` })),
      ringLabel: (v) => v.toFixed(1),
    })
  const geometry = (svg: string) => {
    const [, , width, height] = /viewBox="([^"]+)"/.exec(svg)![1]!.split(' ').map(Number)
    const boxes = [
      ...svg.matchAll(
        /class="ring-label"><rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"[\s\S]*?<text[^>]*>([^<]+)</g,
      ),
    ].map(([, x, y, w, h, text]) => ({ x: Number(x), y: Number(y), w: Number(w), h: Number(h), text: text! }))
    return { cx: width! / 2, cy: height! / 2, boxes }
  }

  it("fills each level's band with its shade behind the lines, as the results page's radar does", async () => {
    const svg = await svgOf([[3, 3, 3, 3, 3]])
    const bands = [...svg.matchAll(/<path class="level-band" d="([^"]+)" fill="([^"]+)" fill-rule="evenodd"/g)]
    expect(bands.map((m) => m[2])).toEqual(['#000000', '#000001', '#000002', '#000003', '#000004'])
    // The lowest band is the whole inner polygon; every other a ring between two polygons.
    expect(bands.map((m) => m[1]!.split('M').length - 1)).toEqual([1, 2, 2, 2, 2])
    expect(svg.indexOf('level-band')).toBeLessThan(svg.indexOf('<circle'))
  })

  it('keeps every value of the scale off the axes, its backdrop clear of every spoke', async () => {
    for (const values of [[[3, 3, 3, 3, 3]], [[3.4, 3.4, 2.6, 4.2, 3.4]]]) {
      const { cx, cy, boxes } = geometry(await svgOf(values))
      expect(boxes.length).toBeGreaterThanOrEqual(3)
      for (const b of boxes)
        labels.forEach((_, i) => {
          const a = -Math.PI / 2 + (2 * Math.PI * i) / labels.length
          // Each corner's side of the spoke's line, and how far out along the spoke it lies.
          const corners = [
            [b.x, b.y],
            [b.x + b.w, b.y],
            [b.x, b.y + b.h],
            [b.x + b.w, b.y + b.h],
          ] as const
          const side = corners.map(([x, y]) => Math.cos(a) * (y - cy) - Math.sin(a) * (x - cx))
          const along = corners.some(([x, y]) => Math.cos(a) * (x - cx) + Math.sin(a) * (y - cy) > 0)
          const crosses = Math.min(...side) < 0 && Math.max(...side) > 0
          expect(crosses && along, `${b.text} over spoke ${labels[i]}`).toBe(false)
        })
    }
  })

  it('moves the values away from the edge between the last axis and the first when the lines cross there', async () => {
    // Every line through the middle of that edge at the rings' values: between two other axes they are clear of it.
    const onLast = (await svgOf([[3.4, 3, 3, 3, 3.4]])).match(/class="ring-label"><rect x="([\d.]+)" y="([\d.]+)"/)!
    const level = await svgOf([[3, 3, 3, 3, 3]])
    const { cx, cy } = geometry(level)
    const angle = Math.atan2(Number(onLast[2]) - cy, Number(onLast[1]) - cx)
    const lastEdge = -Math.PI / 2 - Math.PI / labels.length
    expect(Math.abs(Math.atan2(Math.sin(angle - lastEdge), Math.cos(angle - lastEdge)))).toBeGreaterThan(0.5)
  })
})
