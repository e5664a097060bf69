import { describe, expect, it } from 'vitest'
import type { GapBasis as Basis } from '../../../worker/domain/gap.ts'
import { GapBasis } from '../../../worker/pages/gap-words.tsx'

/**
 * "Waarop het verschil berust": dimensions whose bases read alike are one sentence naming them
 * all; the partner report printed two paragraphs the same word for word but for the dimension.
 */
const basis = (dimension: string, staff: number): Basis => ({
  dimension,
  staff,
  managers: 4,
  shared: 4,
  staffOnly: staff - 4,
  on: 'shared',
})
const label = (key: string) =>
  ({ ruimte: 'Ruimte en vertrouwen', steun: 'Steun en overleg', kader: 'Een helder kader' })[key]!
const items = async (bases: Basis[]) =>
  [
    ...String(
      await (GapBasis({ lang: 'nl', bases, label }) as { toString(): string | Promise<string> }).toString(),
    ).matchAll(/<li[^>]*>(.*?)<\/li>/g),
  ].map((m) => m[1]!)

describe('what the gap is computed on', () => {
  it('says alike bases once, naming their dimensions, and an unlike one apart', async () => {
    const said = await items([basis('ruimte', 5), basis('steun', 5), basis('kader', 6)])
    expect(said).toHaveLength(2)
    expect(said[0]).toMatch(
      /^Ruimte en vertrouwen en Steun en overleg: de score van medewerkers in het radardiagram rust op 5 vragen/,
    )
    expect(said[1]).toMatch(/^Een helder kader: de score van medewerkers in het radardiagram rust op 6 vragen/)
  })
})
