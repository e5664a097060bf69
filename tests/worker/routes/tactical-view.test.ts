import { beforeAll, describe, expect, it } from 'vitest'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * Tactical management is asked few dimensions, most of them beside the radar: over two axes a
 * radar is a line with every series stacked on it, so the page and the partner report say so and
 * leave the scores to the tables. And the manager–staff gap, which compares team managers with
 * their staff, is not on this view (worker/domain/gap.ts `showsGap`): only a pointer to it.
 */
const ins = findInstrument('coachende-manager')!
let admin: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>

beforeAll(async () => {
  admin = await signInAdmin()
  ctx = await setupProgramme(admin, ['UWV', 'SVB', 'Klein'])
  let seed = 1
  // Klein: two staff answer sets, fewer than k: hidden on the staff view.
  for (let i = 0; i < 2; i++)
    await postJson(
      `/api/s/${ctx.links[ctx.partners[2]!.id]!.medewerker}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(seed++), () => 3) },
      '',
    )
  for (const p of ctx.partners.slice(0, 2))
    for (const [role, n] of [
      ['medewerker', 6],
      ['teammanager', 5],
      ['tactisch', 5],
    ] as const)
      for (let i = 0; i < n; i++)
        await postJson(
          `/api/s/${ctx.links[p.id]![role]}/responses`,
          {
            id: crypto.randomUUID(),
            answers: simulateAnswers(ins, role, rng(seed++), () => (role === 'medewerker' ? 2.5 : 4)),
          },
          '',
        )
  await closeWave(admin, ctx.waveId)
}, 60_000)

describe('the tactical-management view', () => {
  it('draws no radar over fewer than three axes, on the results page and in the partner report', async () => {
    const onRadar = dimensionsFor(ins, 'tactisch').filter((key) => ins.dimensions.find((d) => d.key === key)?.radar)
    expect(onRadar.length).toBeLessThan(3)
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&role=tactisch&lang=nl`, { cookie: admin })
    ).text()
    expect(html).toContain('id="radar-too-few"')
    expect(html).not.toContain('<canvas id="radar"')
    const report = await (
      await call(
        `/app/programmes/${ctx.programmeId}/partners/${ctx.partners[0]!.id}/report?wave=${ctx.waveId}&role=tactisch&lang=en`,
        { cookie: admin },
      )
    ).text()
    expect(report).toContain('id="radar-too-few"')
    expect(report).not.toContain('class="report-radar"')
    // Staff's view keeps its radar.
    const staff = await (
      await call(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&role=medewerker&lang=nl`, { cookie: admin })
    ).text()
    expect(staff).toContain('<canvas id="radar"')
    expect(staff).not.toContain('id="radar-too-few"')
  })

  it('shows no manager–staff gap, which compares two other roles; the staff view does, naming its dimension', async () => {
    const view = async (role: string, sort = '') =>
      (
        await call(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&role=${role}&lang=nl${sort}`, {
          cookie: admin,
        })
      ).text()
    for (const html of [await view('tactisch'), await view('tactisch', '&sort=gap')]) {
      // No gap column, no order by it (an asked ?sort=gap orders by name), no gap table: a pointer to it.
      expect(html).not.toContain('class="heat-gap"')
      expect(html).not.toContain('data-sort="gap"')
      expect(html).toContain('data-sort="partner"')
      expect(html).not.toContain('id="gap-table"')
      expect(html).toContain('id="gap-elsewhere"')
      expect(html).toContain('role=medewerker&amp;lang=nl#gap-heading')
      // Nor does what stands out name a gap.
      expect(html).not.toMatch(/Verschil tussen zelfbeeld en ervaring|Verschil zelfbeeld en ervaring bij/)
    }
    const staff = await view('medewerker')
    const cells = [...staff.matchAll(/<td class="heat-gap">(.*?)<\/td>/gs)].map((m) => m[1]!)
    expect(cells.length).toBeGreaterThan(0)
    expect(cells.some((c) => /[+−]\d,\d \(/.test(c))).toBe(true)
    for (const c of cells) expect(c).not.toContain('()')
    expect(staff).not.toContain('id="gap-elsewhere"')
    // What the tactical view leaves out is there on the staff view: the checks above can fail.
    expect(staff).toContain('id="gap-table"')
    expect(staff).toMatch(/data-sort="gap/)
  })

  it('says in the stand-outs why a hidden partner has no line, as its heatmap row does', async () => {
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&role=medewerker&lang=nl`, { cookie: admin })
    ).text()
    const summaries = [...html.matchAll(/<details class="standout-partner"[^>]*>\s*<summary>(.*?)<\/summary>/gs)].map(
      (m) => m[1]!,
    )
    const klein = summaries.find((x) => x.startsWith('Klein'))
    expect(klein).toMatch(/^Klein · minder dan 5 antwoorden/)
    // Nor does the form for an agreed action offer Klein, which the results show no score of in any
    // role (an action on it would be refused); UWV, shown, it does.
    const form = /<select id="action-partner" name="partnerId">([\s\S]*?)<\/select>/.exec(html)?.[1] ?? ''
    expect(form).not.toContain(`<option value="${ctx.partners[2]!.id}">`)
    expect(form).toContain(`<option value="${ctx.partners[0]!.id}">`)
  })
})
