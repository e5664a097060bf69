import { describe, expect, it } from 'vitest'
import { radarAltText, radarGapsText } from '../../../schema/radar-gaps.ts'
import { nl } from '../../../worker/i18n/nl.ts'
import {
  defaultChosen,
  defaultEnds,
  programmeStyle,
  RADAR_MAX_LINES,
  seriesStyle,
} from '../../../worker/pages/results-chart.ts'

const series = (partners: number, programme = true) => [
  ...(programme ? [{ programme: true }] : []),
  ...Array.from({ length: partners }, () => ({ programme: false })),
]

describe("the radar's lines", () => {
  it('draws the programme and the first four partners at first, never more than five lines', () => {
    expect(RADAR_MAX_LINES).toBe(5)
    expect(defaultChosen(series(7))).toEqual([true, true, true, true, true, false, false, false])
    expect(defaultChosen(series(3))).toEqual([true, true, true, true])
    // The programme hidden (its partners too few to show a sum): five partners then.
    expect(defaultChosen(series(7, false))).toEqual([true, true, true, true, true, false, false])
    for (let n = 0; n <= 40; n++)
      expect(defaultChosen(series(n)).filter(Boolean).length).toBe(Math.min(n + 1, RADAR_MAX_LINES))
  })

  it('draws, of many partners, the lowest, the highest and two spread between them on their mean score, not the first by name', () => {
    const means = [3.1, 2.2, 4.0, 3.3, 1.9, 3.6, 4.4, 2.9]
    const lines = [
      { programme: true, label: 'Programma', values: [3, 3] },
      ...means.map((m, i) => ({ programme: false, label: `P${i}`, values: [m, null, m] })),
    ]
    const chosen = defaultChosen(lines)
    // Ranked: P4 1,9 · P1 2,2 · P7 2,9 · P0 3,1 · P3 3,3 · P5 3,6 · P2 4,0 · P6 4,4. Four places at
    // ranks 0, 2, 5 and 7 (0, ⅓, ⅔ and all of the way): not the two lowest on top of each other.
    expect(lines.filter((_, i) => chosen[i]).map((l) => l.label)).toEqual(['Programma', 'P4', 'P5', 'P6', 'P7'])
    expect(defaultEnds(lines, chosen)).toEqual({ low: 'P4', high: 'P6', between: ['P7', 'P5'] })
    // Without the programme there is room for five: ranks 0, 2, 4, 5 and 7.
    const partnersOnly = lines.slice(1)
    const five = defaultChosen(partnersOnly)
    expect(partnersOnly.filter((_, i) => five[i]).map((l) => l.label)).toEqual(['P3', 'P4', 'P5', 'P6', 'P7'])
    expect(defaultEnds(partnersOnly, five)).toEqual({ low: 'P4', high: 'P6', between: ['P7', 'P3', 'P5'] })
    // A partner without a shown radar score is drawn only when room is left; all fit: no sentence.
    const few = [lines[0]!, { programme: false, label: 'Q', values: [null] }, lines[1]!]
    expect(defaultChosen(few)).toEqual([true, true, true])
    expect(defaultEnds(few, defaultChosen(few))).toBeNull()
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

describe("the radar's note of lines without a point", () => {
  const axes = ['Coachen', 'Ruimte', 'Kader']
  const series = [
    { label: 'Programma als geheel', values: [3.1, 3.4, 3.0] },
    { label: 'Gemeente Utrecht', values: [3.2, null, 2.9] },
    { label: 'SVB', values: [null, null, 3.3] },
  ]
  const sentence = 'Geen punt waar te weinig antwoorden zijn: {list}.'

  it('names each line drawn with the axes it has no score on, and nothing for lines not drawn', () => {
    expect(radarGapsText(series, [true, true, true], axes, sentence)).toBe(
      'Geen punt waar te weinig antwoorden zijn: Gemeente Utrecht (Ruimte); SVB (Coachen, Ruimte).',
    )
    expect(radarGapsText(series, [true, false, true], axes, sentence)).toBe(
      'Geen punt waar te weinig antwoorden zijn: SVB (Coachen, Ruimte).',
    )
  })

  it('says nothing when every line drawn has every point', () => {
    expect(radarGapsText(series, [true, false, false], axes, sentence)).toBe('')
  })
})

describe("the main radar's text alternative", () => {
  const one = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
  const show = (v: number) => one.format(v)
  const words = { alt: nl.radarAlt, altProgramme: nl.radar_altProgramme, sameLines: nl.radar_sameLines }
  const lines = [
    { label: 'Programma als geheel', values: [3.2000000000000006, 2.5, null] },
    { label: 'SVB', values: [3.2, 2.5, null] },
    { label: 'UWV', values: [3.3, 2.5, null] },
    { label: 'Gemeente Utrecht', values: [3.2, 2.5, 4.1] },
  ]

  it('names the programme apart as the line under the partners, and the partners on it as shown', () => {
    expect(radarAltText(lines, [true, true, true, true], 0, words, show)).toBe(
      'Radardiagram van de gemiddelde scores per dimensie voor SVB, UWV, Gemeente Utrecht, boven de lijn van Programma als geheel (zwart en doorgetrokken). Dezelfde getallen staan in de tabel hieronder. Op de lijn van Programma als geheel, gelijk op elke dimensie: SVB.',
    )
    expect(radarAltText(lines, [true, false, true, false], 0, words, show)).toBe(
      'Radardiagram van de gemiddelde scores per dimensie voor UWV, boven de lijn van Programma als geheel (zwart en doorgetrokken). Dezelfde getallen staan in de tabel hieronder.',
    )
  })

  it('names the lines drawn alone without the programme among them, or with it alone', () => {
    expect(radarAltText(lines, [false, true, true, false], 0, words, show)).toBe(
      'Radardiagram van de gemiddelde scores per dimensie voor SVB, UWV. Dezelfde getallen staan in de tabel hieronder.',
    )
    expect(radarAltText(lines, [true, false, false, false], 0, words, show)).toBe(
      'Radardiagram van de gemiddelde scores per dimensie voor Programma als geheel. Dezelfde getallen staan in de tabel hieronder.',
    )
    // No programme line on the page (its partners too few to show a sum): the series are all partners.
    expect(radarAltText(lines.slice(1), [true, true, false], -1, words, show)).toBe(
      'Radardiagram van de gemiddelde scores per dimensie voor SVB, UWV. Dezelfde getallen staan in de tabel hieronder.',
    )
  })
})
