import { describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { heatmapOf } from '../../../worker/domain/heatmap.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { cellView, publishWave } from '../../../worker/domain/publication.ts'
import { HEADLINES, standoutsAndHeadlines, type Headline } from '../../../worker/domain/standouts.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { cellOf } from '../fixtures.ts'

/**
 * A partner whose staff fall into two camps on a dimension (version 3's split rule, README "Levels
 * and agreement") shows "geen niveau" in that cell; what stands out says so, in its own line and in
 * one programme-wide line, of exactly the cells the heatmap marks, never of a hidden one.
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'
const dims = dimensionsFor(ins, role)
const K = 5

/** `n` staff: on the dimensions in `split` two camps (half at 1,5, half at 4,5), elsewhere one group around 3. */
const cell = (id: string, n: number, split: string[]) =>
  cellOf(ins, id, role, n, (d, i) => (split.includes(d) ? (i % 2 ? 4.5 : 1.5) : 3 + [-0.5, 0, 0, 0.5][i % 4]!))

const told = (partners: { id: string; name: string }[], cells: ReturnType<typeof cell>[]) => {
  const publication = publishWave(
    ins,
    partners.map((p) => p.id),
    cells,
    K,
  )
  return { publication, ...standoutsAndHeadlines({ ins, publication, previous: null, role, partners }) }
}

describe('stand-outs of a group whose answers fall into two groups', () => {
  const partners = [
    { id: 's', name: 'Split' },
    { id: 'a', name: 'All' },
    { id: 'b', name: 'Beta' },
    { id: 'y', name: 'Young' },
    { id: 'h', name: 'Hidden' },
  ]
  const { publication, groups, headlines } = told(partners, [
    cell('s', 24, [dims[0]!, dims[2]!]),
    cell('a', 30, dims),
    cell('b', 24, []),
    // Two camps, but 12 scores: below the rule's 20, so a level is held back nowhere (the cell says "not yet clear").
    cell('y', 12, dims),
    // Two camps and three answer sets: hidden, never told.
    cell('h', 3, dims),
  ])
  const heldOf = (id: string) =>
    groups
      .find((g) => g.subject.kind === 'partner' && g.subject.id === id)!
      .items.flatMap((x) => (x.kind === 'held' ? [x.dimension] : []))

  it("names, first in a partner's own line, the dimensions whose shown cell names no level for two groups", () => {
    expect(ins.agreement?.index).toBe('band_split')
    expect(heldOf('s')).toEqual([dims[0], dims[2]])
    expect(heldOf('a')).toEqual(dims)
    expect(heldOf('b')).toEqual([])
    expect(heldOf('y')).toEqual([])
    expect(heldOf('h')).toEqual([])
    const s = groups.find((g) => g.subject.kind === 'partner' && g.subject.id === 's')!
    expect(s.items.slice(0, 2)).toEqual([
      { kind: 'held', subject: { kind: 'partner', id: 's', name: 'Split' }, role, dimension: dims[0] },
      { kind: 'held', subject: { kind: 'partner', id: 's', name: 'Split' }, role, dimension: dims[2] },
    ])
    // The programme gets no agreement, so nothing of it is held.
    expect(groups[0]!.items.filter((x) => x.kind === 'held')).toEqual([])
  })

  it('tells exactly the cells the heatmap marks "geen niveau", by the same rule', () => {
    const view = (id: string) => cellView(ins, publication.roles[role]!.partners[id], 'partner')
    const { rows } = heatmapOf(
      {
        dimensions: publication.roles[role]!.dimensions,
        programme: { ...cellView(ins, publication.roles[role]!.programme, 'programme'), name: 'Programma' },
        partners: partners.map((p) => ({ ...view(p.id), id: p.id, name: p.name })),
        gaps: [],
      },
      { by: 'partner' },
      'nl',
    )
    for (const row of rows)
      expect(heldOf(row.partnerId!), row.name).toEqual(row.cells.flatMap((c) => (c.held ? [c.dimension] : [])))
  })

  it('says first, across the programme, which partners it happens at and on which dimensions, most first', () => {
    expect(headlines[0]).toEqual({
      kind: 'held',
      role,
      partners: [
        { id: 'a', name: 'All', dimensions: dims },
        { id: 's', name: 'Split', dimensions: [dims[0], dims[2]] },
      ],
      more: 0,
      dimensions: dims.length,
    })
    expect(headlines.filter((h) => h.kind === 'held')).toHaveLength(1)
    expect(JSON.stringify(headlines)).not.toContain('Hidden')
  })

  it(`names at most ${HEADLINES.held} partners there and counts the others, whose own lines name them`, () => {
    const many = Array.from({ length: HEADLINES.held + 3 }, (_, i) => ({ id: `p${i}`, name: `P${i}` }))
    // The last one split on two dimensions: named first, then the others in the reader's order.
    const { headlines: h } = told(
      many,
      many.map((p, i) => cell(p.id, 20, i === many.length - 1 ? [dims[0]!, dims[1]!] : [dims[0]!])),
    )
    const line = h[0] as Headline & { kind: 'held' }
    expect(line.kind).toBe('held')
    expect(line.partners.map((p) => p.id)).toEqual([`p${many.length - 1}`, 'p0', 'p1', 'p2', 'p3'])
    expect(line.more).toBe(3)
  })

  it('says nothing where no shown cell is held', () => {
    const { headlines: h } = told(partners.slice(2, 4), [cell('b', 24, []), cell('y', 12, dims)])
    expect(h.filter((x) => x.kind === 'held')).toEqual([])
  })
})
