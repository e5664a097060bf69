import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { parseCsv } from '../anonymity/adversary.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * A role never asked of a partner in a wave (no link made for the group) says so, and a role asked
 * of nobody is not offered as a view but with that reason; a role asked with too few
 * answers keeps the suppression words, whether 0 or k − 1 answered: "not asked" rests on whether a
 * link existed, which the lead made, and never on a count below k.
 */
const ins = findInstrument('coachende-manager')!
let admin: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let seed = 1

type Cell = {
  id: string
  name: string
  n: number | null
  suppressed: boolean
  hiddenBecause: string | null
  scores: unknown
}
type Dash = { rolesAsked: Record<string, boolean>; programme: Cell; partners: Cell[] }

async function answer(token: string, role: 'medewerker' | 'teammanager', count: number) {
  for (let i = 0; i < count; i++)
    await postJson(
      `/api/s/${token}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, role, rng(seed++), () => 3.5) },
      '',
    )
}

const dashboard = async (role: string) =>
  (await (await call(`/api/programmes/${ctx.programmeId}/dashboard?role=${role}`, { cookie: admin })).json()) as Dash
const page = async (role: string) =>
  (await call(`/app/programmes/${ctx.programmeId}?role=${role}&lang=nl`, { cookie: admin })).text()

beforeAll(async () => {
  admin = await signInAdmin()
  ctx = await setupProgramme(admin, ['Anker', 'Brug', 'Castor'])
  const [a, b, c] = ctx.partners
  for (const p of ctx.partners) await answer(ctx.links[p.id]!.medewerker!, 'medewerker', 6)
  // Team managers: Anker 2 answers, Castor a link and none, Brug never asked. Tactical: nobody asked.
  await answer(ctx.links[a!.id]!.teammanager!, 'teammanager', 2)
  await env.DB.prepare(
    "DELETE FROM links WHERE wave_id = ?1 AND (role = 'tactisch' OR (role = 'teammanager' AND partner_id = ?2))",
  )
    .bind(ctx.waveId, b!.id)
    .run()
  expect(c).toBeDefined()
  await closeWave(admin, ctx.waveId)
})

describe('roles not asked in a wave', () => {
  it('says which roles were asked of anyone, and "not asked" only of a group that never had a link', async () => {
    const [a, b, c] = ctx.partners
    const staff = await dashboard('medewerker')
    expect(staff.rolesAsked).toEqual({ medewerker: true, teammanager: true, tactisch: false })
    const managers = await dashboard('teammanager')
    const of = (id: string) => managers.partners.find((p) => p.id === id)!
    expect(of(b!.id)).toMatchObject({ suppressed: true, hiddenBecause: 'not-asked', n: null, scores: null })
    // Two answers and none read the same: fewer than k, no count.
    const { id: _a, name: _an, ...anker } = of(a!.id)
    const { id: _c, name: _cn, ...castor } = of(c!.id)
    expect(anker).toMatchObject({ suppressed: true, hiddenBecause: 'few', n: null, scores: null })
    expect(castor).toEqual(anker)
    const tactical = await dashboard('tactisch')
    expect(tactical.programme.hiddenBecause).toBe('not-asked')
    expect(tactical.partners.every((p) => p.hiddenBecause === 'not-asked')).toBe(true)
  })

  it('offers a role asked of nobody only disabled, with the reason, in Dutch and English', async () => {
    const html = await page('medewerker')
    expect(html).toContain(
      '<option value="tactisch" disabled="">Tactisch management (zelfbeeld) (niet gevraagd in deze ronde)</option>',
    )
    expect(html).toMatch(/<option value="teammanager">[^<]+<\/option>/)
    const en = await (
      await call(`/app/programmes/${ctx.programmeId}?role=medewerker&lang=en`, { cookie: admin })
    ).text()
    expect(en).toMatch(/<option value="tactisch" disabled="">[^<]+ \(not asked in this wave\)<\/option>/)
  })

  it('lists a partner never asked in one line under the heatmap and the stand-outs, not as a row, and keeps the suppression words for too few answers', async () => {
    const [a, b] = ctx.partners
    const html = await page('teammanager')
    const section = (id: string) =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)))
    const heatmap = section('heatmap-heading')
    const heatRow = (id: string) => new RegExp(`<tr[^>]*data-partner="${id}"[\\s\\S]*?</tr>`).exec(heatmap)?.[0] ?? ''
    expect(heatRow(b!.id)).toBe('')
    expect(heatRow(a!.id)).toContain('minder dan 5 antwoorden')
    expect(heatRow(a!.id)).not.toContain('niet gevraagd')
    const line = `Niet gevraagd in deze ronde (geen link voor deze rol): 1 van de ${ctx.partners.length} partners`
    for (const [where, id] of [
      [heatmap, 'heatmap-not-asked'],
      [section('standouts-heading'), 'standouts-not-asked'],
    ] as const) {
      const block = where.slice(where.indexOf(`id="${id}"`), where.indexOf('</details>', where.indexOf(`id="${id}"`)))
      expect(block).toContain(line)
      expect(block).toContain(b!.name)
      expect(block).not.toContain(a!.name)
    }
    // The stand-outs give the partner no line of its own.
    expect(section('standouts-heading')).not.toContain(`data-partner="${b!.id}"`)
    // Its report link says why its report is one page, as the link of a partner with too few answers does:
    // every reason a report shows no numbers, by the words the report uses (a lead's review found it bare).
    const reports = html.slice(
      html.indexOf('id="partner-reports"'),
      html.indexOf('</ul>', html.indexOf('id="partner-reports"')),
    )
    const link = (id: string) => new RegExp(`<li data-partner="${id}">[\\s\\S]*?</li>`).exec(reports)?.[0] ?? ''
    expect(link(b!.id)).toMatch(/<\/a><span class="muted"> · niet gevraagd in deze ronde<\/span>/)
    expect(link(a!.id)).toMatch(/<\/a><span class="muted"> · minder dan 5 antwoorden<\/span>/)
    const en = await (
      await call(`/app/programmes/${ctx.programmeId}?role=teammanager&lang=en`, { cookie: admin })
    ).text()
    expect(en).toContain(`Not asked in this wave (no link for this role): 1 of the ${ctx.partners.length} partners`)
    expect(en).toMatch(/<\/a><span class="muted"> · not asked in this wave<\/span>/)
  })

  it('lists a partner never asked in one line under the score and question tables too, not a row in each', async () => {
    const [a, b] = ctx.partners
    const html = await page('teammanager')
    const table = (id: string) =>
      html.slice(html.indexOf(`id="${id}"`), html.indexOf('</table>', html.indexOf(`id="${id}"`)))
    const scores = table('scores-radar')
    expect(scores).toContain(`<th scope="row">${a!.name}</th>`)
    expect(scores).not.toContain(b!.name)
    const under = html.slice(
      html.indexOf('id="scores-radar-not-asked"'),
      html.indexOf('</details>', html.indexOf('id="scores-radar-not-asked"')),
    )
    expect(under).toContain(
      `Niet gevraagd in deze ronde (geen link voor deze rol): 1 van de ${ctx.partners.length} partners`,
    )
    expect(under).toContain(b!.name)
    // No team managers' group is shown here, so no question table: said as the view says it, not as
    // "not kept when this wave ran".
    expect(html).toContain('Antwoorden per vraag staan er niet: geen groep heeft in deze rol 5 of meer antwoorden.')
    // A dimension's question table, as the results page loads it, in a programme where team
    // managers of one partner answered (here none is shown, so there is no question detail).
    const other = await setupProgramme(admin, ['Delta', 'Eems'])
    const [d, e] = other.partners
    await answer(other.links[d!.id]!.teammanager!, 'teammanager', 5)
    await env.DB.prepare("DELETE FROM links WHERE wave_id = ?1 AND role = 'teammanager' AND partner_id = ?2")
      .bind(other.waveId, e!.id)
      .run()
    await closeWave(admin, other.waveId)
    const tm = await (
      await call(`/app/programmes/${other.programmeId}?role=teammanager&lang=nl`, { cookie: admin })
    ).text()
    const link = /class="question-load" data-src="([^"]+)"/.exec(tm)![1]!.replaceAll('&amp;', '&')
    const questions = await (await call(`${link}&part=table`, { cookie: admin })).text()
    const rows = questions.slice(0, questions.indexOf('</table>'))
    expect(rows).toContain('Delta')
    expect(rows).not.toContain('Eems')
    expect(rows).not.toContain('niet gevraagd')
    expect(questions.slice(questions.indexOf('</table>'))).toMatch(/id="questions-not-asked-[^"]+"[\s\S]*Eems/)
  })

  it('says a role asked of nobody in one line, with no stand-out or heatmap row per partner', async () => {
    const html = await page('tactisch')
    expect(html).toContain('id="role-not-asked"')
    expect(html).toContain('Tactisch management (zelfbeeld): in deze ronde niet gevraagd, bij geen enkele partner.')
    expect(html).not.toContain('id="heatmap"')
    expect(html).not.toContain('class="standout-partner"')
    expect(html).not.toContain('id="standouts-heading"')
    // Outside the trend, which says why the wave has none (not asked, not "no partner has 5"), once
    // for the wave, in one cell down its column, not in each dimension's row.
    const trend = html.slice(
      html.indexOf('id="trend-table"'),
      html.indexOf('</table>', html.indexOf('id="trend-table"')),
    )
    expect(html.replace(trend, '').split('niet gevraagd').length - 1).toBeLessThanOrEqual(3)
    expect(trend.split('niet gevraagd in deze ronde').length - 1).toBe(1)
    expect(trend).toMatch(
      /<td class="suppressed wave-hidden" data-hidden="not-asked" rowspan="\d+">niet gevraagd in deze ronde/,
    )
    expect(trend).not.toContain('geen partner heeft 5 of meer antwoorden')
    // A role asked of some shows its heatmap as before.
    expect(await page('teammanager')).not.toContain('id="role-not-asked"')
  })

  it('lists the sections after the pickers, each link to a heading on the page', async () => {
    const html = await page('medewerker')
    const nav = /<nav aria-label="Op deze pagina"[^>]*>([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? ''
    const targets = [...nav.matchAll(/href="#([^"]+)"/g)].map(([, id]) => id!)
    expect(targets).toEqual(
      expect.arrayContaining(['standouts-heading', 'heatmap-heading', 'gap-heading', 'trend-heading']),
    )
    for (const id of targets) expect(html).toContain(`id="${id}"`)
    // Before the first partner's stand-outs, so it saves the Tab stops through them.
    expect(html.indexOf('id="page-contents"')).toBeLessThan(html.indexOf('class="standout-partner"'))
  })

  it('writes in the CSV why a row shows no score: too few answers, or not asked, with no count where nobody was asked', async () => {
    for (const [lang, few, notAsked] of [
      ['en', 'too few answers', 'not asked (no survey link for this group)'],
      ['nl', 'te weinig antwoorden', 'niet gevraagd (geen enquêtelink voor deze groep)'],
    ] as const) {
      const text = await (
        await call(`/api/programmes/${ctx.programmeId}/export.csv?lang=${lang}`, { cookie: admin })
      ).text()
      const [header, ...rows] = parseCsv(text.replace(/^\ufeff/, ''))
      const col = (en: string, nl: string) => header!.indexOf(lang === 'en' ? en : nl)
      const [role, partner, n, reason] = [
        col('role', 'rol'),
        col('partner', 'partner'),
        col('n', 'n'),
        col('hidden_reason', 'reden_niet_getoond'),
      ]
      expect(reason).toBeGreaterThan(0)
      const of = (r: string, p: string) => rows.filter((x) => x[role] === r && x[partner] === p)
      // Brug's team managers never had a link: no "<5", and the reason says so.
      expect(of('teammanager', 'Brug').length).toBeGreaterThan(0)
      for (const r of of('teammanager', 'Brug')) expect([r[n], r[reason]]).toEqual(['', notAsked])
      // Anker's 2 answers and Castor's none were asked for: fewer than k, said the same way.
      for (const p of ['Anker', 'Castor'])
        for (const r of of('teammanager', p)) expect([r[n], r[reason]]).toEqual(['<5', few])
      // Tactical management was asked of nobody, the programme as a whole included.
      const tactical = rows.filter((x) => x[role] === 'tactisch')
      expect(tactical.length).toBeGreaterThan(0)
      for (const r of tactical) expect([r[n], r[reason]]).toEqual(['', notAsked])
      // A shown score has no reason.
      for (const r of of('medewerker', 'Anker')) expect([r[n], r[reason]]).toEqual(['6', ''])
    }
  })
})
