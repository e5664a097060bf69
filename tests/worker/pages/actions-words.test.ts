import { describe, expect, it } from 'vitest'
import { shortened } from '../../../worker/pages/actions-section.tsx'

describe('shortened: an action in its edit line', () => {
  it('keeps a short text whole and cuts a long one at a word, with "…", never mid-word', () => {
    expect(shortened('Maandelijks ketenoverleg')).toBe('Maandelijks ketenoverleg')
    const long = 'Maandelijks ketenoverleg met de teammanagers over de knelpunten die medewerkers melden'
    const cut = shortened(long)
    expect(cut).toBe('Maandelijks ketenoverleg met de teammanagers over de…')
    expect(cut.length).toBeLessThanOrEqual(61)
    expect(long.startsWith(cut.slice(0, -1))).toBe(true)
    // One word longer than the line: cut there, as there is no space to cut at.
    expect(shortened('x'.repeat(80))).toBe(`${'x'.repeat(60)}…`)
  })
})
