import { beforeAll, describe, expect, it } from 'vitest'
import { ResultsAnswer } from '../../../schema/api-answers.ts'
import { sharedItemsOf } from '../../../worker/domain/shared-items.ts'
import { whyNoGap } from '../../../worker/domain/gap.ts'
import { allScored, questionHiddenIn } from '../../../worker/domain/question-detail.ts'
import type { CellView, Score } from '../../../worker/domain/publication.ts'
import { messages, type Lang } from '../../../worker/i18n/messages.ts'
import { call, closeWave, setupProgramme, signInAdmin } from '../helpers.ts'
import { pageText } from '../fixtures.ts'
import { answersFor, ins, submit } from '../anonymity/adversary.ts'

/**
 * A partner whose two groups are both shown, left out of one dimension's gap, on real D1: Halt's
 * staff (6) and team managers (5) are shown, but two of its staff say "don't know" on the question
 * only staff are asked of a dimension, so that question's counts are hidden and with them staff's
 * score on the shared questions (worker/domain/publication.ts `withShared`, rule 3): Halt has no gap
 * there. The dashboard's answer, the results page's gap section and Halt's report say so, and the
 * programme's count on that dimension plus the partners named adds up to those with both groups shown.
 */

const { dimension, staffOnly } = sharedItemsOf(ins)[0]!
const DK = ins.scale.dontKnow.value
let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
const NAMES = ['UWV', 'SVB', 'Gemeente', 'Werkbedrijf', 'Halt']

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, NAMES)
  for (const [i, p] of ctx.partners.entries()) {
    for (let j = 0; j < 6; j++) {
      const a = answersFor('medewerker', {}, 3)
      if (p.name === 'Halt' && j < 2) for (const q of staffOnly) a[q.name] = DK
      expect((await submit(ctx.links[p.id]!.medewerker!, a)).status).toBe(201)
    }
    for (let j = 0; j < 5; j++)
      expect((await submit(ctx.links[p.id]!.teammanager!, answersFor('teammanager', {}, 4 - (i % 2)))).status).toBe(201)
  }
  await closeWave(cookie, ctx.waveId)
})

const haltId = () => ctx.partners.find((p) => p.name === 'Halt')!.id

describe('the dashboard answer names the partners without a gap and why', () => {
  it('gives Halt on the one dimension, and the programme counts the other four there', async () => {
    const res = await call(`/api/programmes/${ctx.programmeId}/dashboard?role=medewerker`, { cookie })
    const d = ResultsAnswer.parse(await res.json())
    expect(d.partners.every((p) => !p.suppressed)).toBe(true)
    expect(d.gapMissing).toEqual({
      partners: 5,
      dimensions: [{ dimension, partners: [{ id: haltId(), name: 'Halt', why: 'shared-hidden' }] }],
    })
    expect(d.gap.filter((g) => g.partner === 'Halt').map((g) => g.dimension)).not.toContain(dimension)
    // Adds up: 4 with a gap + 1 named = 5 with both groups shown; 5 on every other dimension.
    for (const g of d.gapTypical) expect(g.partners).toBe(g.dimension === dimension ? 4 : 5)
  })
})

describe.each(['nl', 'en'] as Lang[])('the pages say why Halt has no gap on it (%s)', (lang) => {
  const t = messages[lang]
  const label = ins.dimensions.find((d) => d.key === dimension)!.label[lang]
  const why = t.gap_noGap_sharedHidden

  it('lists it per dimension under the gap tables, with how many of the partners with both groups shown', async () => {
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}?role=medewerker&lang=${lang}`, { cookie })
    ).text()
    const from = html.indexOf('id="gap-both"')
    expect(from).toBeGreaterThan(-1)
    const part = html.slice(from, html.indexOf('</ul>', html.indexOf('id="gap-missing"')))
    const text = await pageText(part)
    expect(text).toContain(t.gap_bothShown.replace('{n}', '5').replace('{of}', '5'))
    expect(text).toContain(
      t.gap_missingDimension
        .replace('{dimension}', label)
        .replace('{n}', '1')
        .replace('{of}', '5')
        .replace('{reasons}', `Halt: ${why}`),
    )
    // One dimension only: every other has all five partners' gaps.
    expect(part.match(/<li data-dimension=/g)?.length).toBe(1)
  })

  it("says it in Halt's cell of the heatmap's gap column, beside the gap picked without it", async () => {
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}?role=medewerker&lang=${lang}`, { cookie })
    ).text()
    const cellOf = (id: string) => {
      const heatmap = html.slice(html.indexOf('id="heatmap"'))
      const row = heatmap.slice(heatmap.indexOf(`data-partner="${id}"`))
      return row.slice(row.indexOf('<td class="heat-gap">'), row.indexOf('</tr>'))
    }
    expect(await pageText(cellOf(haltId()))).toContain(
      t.heatmap_noGapOn.replace('{reasons}', `${label}: ${t.heatmap_noGapWhy_sharedHidden}`),
    )
    const uwv = ctx.partners.find((p) => p.name === 'UWV')!.id
    expect(cellOf(uwv)).not.toContain('data-no-gap')
  })

  it("says it in Halt's report, beside its gaps", async () => {
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}/partners/${haltId()}/report?lang=${lang}`, { cookie })
    ).text()
    const from = html.indexOf('id="report-gap-missing"')
    expect(from).toBeGreaterThan(-1)
    expect(await pageText(html.slice(from, html.indexOf('</p>', from)))).toContain(
      t.report_gapMissing.replace('{partner}', 'Halt').replace('{dimensions}', `${label} — ${why}`),
    )
    // Another partner's report names nothing of Halt's.
    const uwv = ctx.partners.find((p) => p.name === 'UWV')!.id
    const other = await (
      await call(`/app/programmes/${ctx.programmeId}/partners/${uwv}/report?lang=${lang}`, { cookie })
    ).text()
    expect(other).not.toContain('id="report-gap-missing"')
  })
})

describe('whyNoGap', () => {
  const score = { n: 6, mean: 3, sd: 0.5 } as Score
  const view = (scores: Record<string, Score | null>, shared?: CellView['shared']): CellView => ({
    n: 6,
    suppressed: false,
    hiddenBecause: null,
    scores,
    ...(shared ? { shared } : {}),
  })
  const managers = view({ [dimension]: score })
  const none = () => false

  it('names the side whose score is hidden, or why staff have none on the shared questions', () => {
    expect(whyNoGap(ins, view({ [dimension]: null }), managers, dimension, none)).toBe('managers-few')
    expect(whyNoGap(ins, managers, view({ [dimension]: null }, { [dimension]: null }), dimension, none)).toBe(
      'staff-few',
    )
    const staff = view({ [dimension]: score }, { [dimension]: null })
    expect(whyNoGap(ins, managers, staff, dimension, none)).toBe('shared-few')
    expect(whyNoGap(ins, managers, staff, dimension, (q) => q === staffOnly[0]!.name)).toBe('shared-hidden')
    expect(whyNoGap(ins, managers, view({ [dimension]: score }, {}), dimension, none)).toBe('shared-not-kept')
    expect(whyNoGap(ins, managers, view({ [dimension]: score }, { [dimension]: score }), dimension, none)).toBeNull()
    // A publication that keeps no shared scores compares the whole score: it has a gap.
    expect(whyNoGap(ins, managers, view({ [dimension]: score }), dimension, none)).toBeNull()
  })

  it('reads a question as hidden as the reader is shown it, not as stored (a hostile review)', () => {
    // A publication stored before a dimension's questions were hidden all or none: the question only
    // staff are asked kept its counts while a shared one of the dimension was hidden. The reader is
    // shown every question of it hidden; 'too few shared scores' would tell them which one was.
    const questions = allScored(ins).filter((q) => q.dimension === dimension)
    const shared = questions.find((q) => !staffOnly.some((x) => x.name === q.name))!
    const stored = Object.fromEntries(questions.map((q) => [q.name, q.name === shared.name ? null : [1, 1, 1, 1, 1]]))
    const staff = view({ [dimension]: score }, { [dimension]: null })
    expect(whyNoGap(ins, managers, staff, dimension, questionHiddenIn(ins, stored))).toBe('shared-hidden')
    // Every question shown: what is left is too few shared scores; no counts kept: nothing hidden.
    const all = Object.fromEntries(questions.map((q) => [q.name, [1, 1, 1, 1, 1]]))
    expect(whyNoGap(ins, managers, staff, dimension, questionHiddenIn(ins, all))).toBe('shared-few')
    expect(questionHiddenIn(ins, undefined)(staffOnly[0]!.name)).toBe(false)
  })
})
