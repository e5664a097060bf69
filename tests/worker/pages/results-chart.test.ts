import { describe, expect, it } from 'vitest'
import { defaultChosen, programmeStyle, RADAR_MAX_LINES, seriesStyle } from '../../../worker/pages/results-chart.ts'

const series = (partners: number, programme = true) => [
  ...(programme ? [{ programme: true }] : []),
  ...Array.from({ length: partners }, () => ({ programme: false })),
]

describe("the radar's lines (issue #14, defect 4)", () => {
  it('draws the programme and the first four partners at first, never more than five lines', () => {
    expect(RADAR_MAX_LINES).toBe(5)
    expect(defaultChosen(series(7))).toEqual([true, true, true, true, true, false, false, false])
    expect(defaultChosen(series(3))).toEqual([true, true, true, true])
    // The programme hidden (its partners too few to show a sum): five partners then.
    expect(defaultChosen(series(7, false))).toEqual([true, true, true, true, true, false, false])
    for (let n = 0; n <= 40; n++)
      expect(defaultChosen(series(n)).filter(Boolean).length).toBe(Math.min(n + 1, RADAR_MAX_LINES))
  })

  it('gives the default lines five colours and five dashes, the programme alone solid', () => {
    const lines = [programmeStyle, ...[0, 1, 2, 3].map(seriesStyle)]
    expect(new Set(lines.map((s) => s.colour)).size).toBe(5)
    expect(new Set(lines.map((s) => s.dash.join(','))).size).toBe(5)
    for (let i = 0; i < 49; i++) expect(seriesStyle(i).dash.length, `partner ${i}`).toBeGreaterThan(0)
    // Orange and vermilion read as one orange: never both among the first four partners.
    const firstFour = [0, 1, 2, 3].map((i) => seriesStyle(i).colour)
    expect(firstFour.includes('#E69F00') && firstFour.includes('#D55E00')).toBe(false)
  })
})
