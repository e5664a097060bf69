import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { addViewer } from '../anonymity/adversary.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * Question detail through the API: counts kept per group and question as answer sets
 * are stored, published once at closing under the same suppression, read back as shares.
 */

// Version 1, whose questions these tests name; waves made here are of version 1 too.
const ins = findInstrument('coachende-manager', 1)!
const staff = scoredQuestions(ins, 'medewerker')
type Part = { count: number; percent: number }
type Shares = { n: number; onScale: number; disagree: Part; neutral: Part; agree: Part; dontKnow: Part }
type QuestionDetail = {
  available: boolean
  scale: { min: number; max: number }
  questions: { name: string; dimension: string; reverse: boolean; wording: { nl: string; en: string } }[]
  programme: Record<string, Shares | null> | null
  partners: Record<string, Record<string, Shares | null> | null>
}
type Results = {
  k: number
  published: boolean
  programme: { n: number | null; scores: Record<string, unknown> | null }
  partners: { id: string; name: string; n: number | null; scores: Record<string, unknown> | null }[]
  questions: QuestionDetail | null
}

let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>

const claim = (role: string) => ({ instrument: 'coachende-manager', version: 1, role })
const all = (value: number | 'nvt', extra: Answers = {}): Answers => ({
  ...Object.fromEntries(staff.map((q) => [q.name, value])),
  ...extra,
})

async function send(partner: number, sets: Answers[], on = ctx, role = 'medewerker') {
  const token = on.links[on.partners[partner]!.id]![role]!
  // As the survey page sends them: with the instrument, version and role it served (stored in one round trip).
  for (const answers of sets)
    await postJson(`/api/s/${token}/responses`, { id: crypto.randomUUID(), answers, ...claim(role) }, '')
}

async function dashboard(on = ctx, query = '?role=medewerker&questions=all'): Promise<Results> {
  const res = await call(`/api/programmes/${on.programmeId}/dashboard${query}`, { cookie })
  expect(res.status).toBe(200)
  return (await res.json()) as Results
}

/** The results page and each dimension's table, read through the link the page gives it (web/results.ts loads it when opened). */
async function withTables(lang: 'nl' | 'en', who = cookie) {
  const page = await (
    await call(`/app/programmes/${ctx.programmeId}?lang=${lang}&role=medewerker`, { cookie: who })
  ).text()
  const links = [...page.matchAll(/class="question-load" data-src="([^"]+)"/g)].map((m) =>
    m[1]!.replaceAll('&amp;', '&'),
  )
  const tables = await Promise.all(
    links.map(async (link) => {
      const res = await call(`${link}&part=table`, { cookie: who })
      expect(res.status, link).toBe(200)
      return res.text()
    }),
  )
  return { page, links, tables: tables.join('\n') }
}

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['A', 'B', 'C'], { instrumentVersion: 1 })
  // A: six staff; two of them "don't know" on coaching_1 (four on the scale: hidden, while
  // coaching shows with six scores); three "don't know" on ruimte_1 and ruimte_2 (ruimte has three
  // scores: hidden).
  await send(0, [
    all(4, { coaching_1: 'nvt', ruimte_1: 'nvt', ruimte_2: 'nvt' }),
    all(4, { coaching_1: 'nvt', ruimte_1: 'nvt', ruimte_2: 'nvt' }),
    all(5, { ruimte_1: 'nvt', ruimte_2: 'nvt' }),
    all(2),
    all(1),
    all(3),
  ])
  // B: five staff, every question on the scale.
  await send(1, [all(1), all(2), all(3), all(4), all(5)])
  // C: four staff (fewer than k): hidden, in no total.
  await send(2, [all(5), all(5), all(5), all(5)])
})

describe('question detail', () => {
  it('is counted as answer sets are stored: one row per group, one answer per question', async () => {
    const row = await env.DB.prepare(
      "SELECT counts FROM question_rollups WHERE wave_id = ?1 AND partner_id = ?2 AND role = 'medewerker'",
    )
      .bind(ctx.waveId, ctx.partners[1]!.id)
      .first<{ counts: string }>()
    const counts = JSON.parse(row!.counts) as Record<string, number[]>
    expect(Object.keys(counts).sort()).toEqual(staff.map((q) => q.name).sort())
    for (const q of staff) expect(counts[q.name]).toEqual([1, 1, 1, 1, 1, 0])
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM question_rollups WHERE wave_id = ?1')
      .bind(ctx.waveId)
      .first<{ n: number }>()
    expect(rows!.n).toBe(3)
  })

  it('counts nothing for an answer set that is refused or sent again', async () => {
    const own = await setupProgramme(cookie, ['A'], { instrumentVersion: 1 })
    const token = own.links[own.partners[0]!.id]!.medewerker!
    const id = crypto.randomUUID()
    await postJson(`/api/s/${token}/responses`, { id, answers: all(4) }, '')
    // The same id again: answered with the first result, stored once, counted once.
    await postJson(`/api/s/${token}/responses`, { id, answers: all(4) }, '', 200)
    await postJson(`/api/s/${token}/responses`, { id, answers: all(4), ...claim('medewerker') }, '', 200)
    // Refused: not valid.
    const bad = await call(`/api/s/${token}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: all(7) },
    })
    expect(bad.status).toBe(400)
    // Refused by the store's own guard: the group is full (headcount 1, set in D1 itself: lowered through
    // the API while the wave is open, it would count only from the next wave, worker/db/headcount-sql.ts).
    await env.DB.prepare('UPDATE partners SET headcount = 1 WHERE id = ?1').bind(own.partners[0]!.id).run()
    const full = await call(`/api/s/${token}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: all(2) },
    })
    expect(full.status).toBe(409)
    // The same, as the survey page sends it (refused by the one-round-trip statement's own guard).
    const claimed = await call(`/api/s/${token}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: all(2), ...claim('medewerker') },
    })
    expect(claimed.status).toBe(409)
    const row = await env.DB.prepare('SELECT counts FROM question_rollups WHERE wave_id = ?1')
      .bind(own.waveId)
      .first<{ counts: string }>()
    for (const c of Object.values(JSON.parse(row!.counts) as Record<string, number[]>))
      expect(c).toEqual([0, 0, 0, 1, 0, 0])
  })

  it('is not shown while the wave is open', async () => {
    const d = await dashboard()
    expect(d.published).toBe(false)
    expect(d.questions).toBeNull()
  })

  it('shows per question the shares from k answers on the scale, the programme as the sum of what is shown', async () => {
    await closeWave(cookie, ctx.waveId)
    const d = await dashboard()
    expect(d.k).toBe(5)
    const q = d.questions!
    expect(q.available).toBe(true)
    expect(q.questions.map((x) => x.name)).toEqual(staff.map((x) => x.name))
    expect(q.questions.find((x) => x.name === 'coaching_3')).toMatchObject({ dimension: 'coaching', reverse: true })
    const [a, b, c] = ctx.partners.map((p) => q.partners[p.id])
    // A question hidden while its dimension shows, and with it every other question of that
    // dimension: beside the dimension's score, made of their answers, they would give it away.
    expect(d.partners[0]!.scores!.coaching).not.toBeNull()
    for (const name of ['coaching_1', 'coaching_2', 'coaching_3', 'coaching_4']) expect(a![name], name).toBeNull()
    // Ruimte's score hidden (three scores), and its questions, two of them with three answers on the scale.
    expect(d.partners[0]!.scores!.ruimte).toBeNull()
    for (const name of ['ruimte_1', 'ruimte_2', 'ruimte_3']) expect(a![name], name).toBeNull()
    // A's questions of a dimension whose every question has six answers on the scale show.
    expect(a!.loslaten_1).toEqual({
      n: 6,
      onScale: 6,
      disagree: { count: 2, percent: 33 },
      neutral: { count: 1, percent: 17 },
      agree: { count: 3, percent: 50 },
      dontKnow: { count: 0, percent: 0 },
    })
    expect(b!.coaching_1).toMatchObject({
      n: 5,
      disagree: { count: 2, percent: 40 },
      neutral: { count: 1, percent: 20 },
      agree: { count: 2, percent: 40 },
    })
    // C has fewer than k answer sets: no question cell, and in no total.
    expect(d.partners[2]!.n).toBeNull()
    expect(c).toBeNull()
    expect(d.programme.n).toBe(11)
    // coaching and ruimte: only B shows them, so the programme's are B's; loslaten_1: A and B.
    for (const name of ['coaching_1', 'coaching_2', 'ruimte_1', 'ruimte_3'])
      expect(q.programme![name]).toEqual(b![name])
    expect(q.programme!.loslaten_1).toMatchObject({
      n: 11,
      disagree: { count: 4 },
      neutral: { count: 2 },
      agree: { count: 5 },
    })
  })

  it('is left out of the API answer unless asked for; the rest of the answer is the same', async () => {
    const asked = (await dashboard(ctx, '?role=medewerker&questions=all')) as Results & Record<string, unknown>
    const plain = (await dashboard(ctx, '?role=medewerker')) as Results & Record<string, unknown>
    expect(asked.questions?.available).toBe(true)
    expect('questions' in plain).toBe(false)
    const { questions: _, ...rest } = asked
    expect(plain).toEqual(rest)
  })

  it("gives one dimension's questions for ?questions=<dimension>: those of the whole detail, hidden ones still hidden", async () => {
    const whole = (await dashboard(ctx, '?role=medewerker&questions=all')).questions!
    const one = (await dashboard(ctx, '?role=medewerker&questions=ruimte')).questions!
    const names = staff.filter((q) => q.dimension === 'ruimte').map((q) => q.name)
    expect(one.questions.map((q) => q.name)).toEqual(names)
    const only = (cell: Record<string, Shares | null> | null) =>
      cell && Object.fromEntries(Object.entries(cell).filter(([name]) => names.includes(name)))
    expect(one.programme).toEqual(only(whole.programme))
    for (const p of ctx.partners) expect(one.partners[p.id]).toEqual(only(whole.partners[p.id]!))
    // A's ruimte_1 stays hidden, C (fewer than k) stays without a cell.
    expect(one.partners[ctx.partners[0]!.id]!.ruimte_1).toBeNull()
    expect(one.partners[ctx.partners[2]!.id]).toBeNull()
  })

  it('refuses a dimension the role was not asked, naming the ones it was', async () => {
    for (const [query, lang, words] of [
      ['?role=medewerker&questions=onbekend', 'en', 'give "questions" as "all" or one of: coaching'],
      ['?role=medewerker&questions=onbekend&lang=nl', 'nl', 'geef voor "questions" "all" of een van: coaching'],
    ] as const) {
      const res = await call(`/api/programmes/${ctx.programmeId}/dashboard${query}`, {
        cookie,
        headers: { 'accept-language': lang },
      })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      const body = (await res.json()) as { code: string; detail: string }
      expect(body.code).toBe('questions-unknown-dimension')
      expect(body.detail).toContain(words)
    }
    const bad = await call(`/api/programmes/${ctx.programmeId}/dashboard?questions=Coaching!`, { cookie })
    expect(bad.status).toBe(400)
  })

  it('says "not available" for a wave published before question counts were kept', async () => {
    const own = await setupProgramme(cookie, ['A'], { instrumentVersion: 1 })
    await send(0, [all(4), all(4), all(4), all(4), all(4)], own)
    await closeWave(cookie, own.waveId)
    // A publication as stored before question detail: no question counts in any cell.
    const body = {
      k: 5,
      roles: {
        medewerker: {
          dimensions: ['coaching'],
          programme: { n: 5, hidden: null, stats: { coaching: [5, 20, 80, 0, 0, 0, 5, 0] } },
          partners: { [own.partners[0]!.id]: { n: 5, hidden: null, stats: { coaching: [5, 20, 80, 0, 0, 0, 5, 0] } } },
        },
      },
    }
    await env.DB.prepare(
      // And kept no counts apart from the body (schema/migrations/0011_publication_questions.sql).
      'INSERT INTO publications (wave_id, k, body) VALUES (?1, 5, ?2) ON CONFLICT (wave_id) DO UPDATE SET body = excluded.body, questions = NULL',
    )
      .bind(own.waveId, JSON.stringify(body))
      .run()
    const d = await dashboard(own)
    expect(d.published).toBe(true)
    expect(d.programme.n).toBe(5)
    expect(d.questions).toMatchObject({ available: false, programme: null, partners: { [own.partners[0]!.id]: null } })
    const page = await call(`/app/programmes/${own.programmeId}?lang=en`, { cookie })
    expect(await page.text()).toContain('Answers per question are not available for this wave')
  })

  it('is on the results page per dimension, with the numbers in text and the bar beside them, in Dutch and English', async () => {
    const { page, links, tables } = await withTables('nl')
    // The page holds a link per dimension, not the tables: they are read when a dimension is opened.
    expect(page).toContain('id="question-detail"')
    expect(page).toContain('Antwoorden per vraag')
    expect(page).toContain('id="questions-coaching"')
    expect(page).not.toContain('<table class="questions"')
    expect(links.length).toBeGreaterThan(1)
    expect(tables).toContain('id="questions-table-ruimte"')
    expect(tables).toContain('minder dan 5 antwoorden op de schaal')
    expect(tables).toContain('Oneens (1–2)')
    // A's loslaten_1: 33% (2) disagree, 17% (1) neutral, 50% (3) agree.
    expect(tables).toMatch(/33&nbsp;%|33\s?%/)
    expect(tables).toContain('class="question-bar" aria-hidden="true"')
    const en = await withTables('en')
    expect(en.page).toContain('Answers per question')
    expect(en.tables).toContain('fewer than 5 answers on the scale')
    expect(en.tables).toContain('worded the other way round')
    // A question worded the other way round draws its "agree" in the red of the undesired side: its
    // bars swap the colours, and no other question's do.
    const bodies = [...tables.matchAll(/<tbody>([\s\S]*?)<\/tbody>/g)]
      .map((m) => m[1]!)
      .filter((b) => b.includes('question-bar'))
    const reversed = bodies.filter((b) => b.includes('class="question-reverse"'))
    expect(reversed.length).toBeGreaterThan(0)
    expect(reversed.length).toBeLessThan(bodies.length)
    for (const b of bodies) {
      const bars = b.match(/class="question-bar(?: reverse)?"/g)!
      expect(new Set(bars)).toEqual(
        new Set([b.includes('class="question-reverse"') ? 'class="question-bar reverse"' : 'class="question-bar"']),
      )
    }
    expect(tables).toContain('in de balk rood en links')
    // And its red part comes first, as every other row's does: the undesired side at the left.
    for (const b of reversed)
      for (const bar of b.match(/<div class="question-bar reverse"[^>]*>[\s\S]*?<\/div>/g)!) {
        const order = [...bar.matchAll(/bar-part bar-(\w+)/g)].map((m) => m[1]!)
        const at = (k: string) => (order.includes(k) ? order.indexOf(k) : null)
        if (at('agree') !== null && at('disagree') !== null) expect(at('agree')!).toBeLessThan(at('disagree')!)
      }
  })

  it("reads a dimension's table with the results page's access and suppression, alone or as a page of its own", async () => {
    const pid = ctx.programmeId
    const [a, b, c] = ctx.partners.map((p) => p.name)
    const row = (name: string) => `<th scope="row">${name}</th>`
    const table = async (who: string, dimension = 'coaching', query = 'role=medewerker&part=table') =>
      call(`/app/programmes/${pid}/questions/${dimension}?lang=nl&${query}`, { cookie: who })
    // The lead: the programme and every partner, C hidden (four answers) with the reason and no number.
    const lead = await (await table(cookie)).text()
    expect(lead.startsWith('<div class="table-scroll questions-scroll"')).toBe(true)
    for (const name of [a!, b!, c!]) expect(lead).toContain(row(name))
    const cRow = lead.slice(lead.indexOf(row(c!))).split('</tr>')[0]!
    expect(cRow).toContain('minder dan 5 antwoorden')
    expect(cRow).not.toMatch(/\d\s?%/)
    // A viewer limited to A: the programme and A, no other partner's row or name.
    const viewer = await addViewer(cookie, pid, ctx.partners[0]!.id)
    const theirs = await (await table(viewer.cookie)).text()
    expect(theirs).toContain(row(a!))
    expect(theirs).not.toContain(row(b!))
    expect(theirs).not.toContain(row(c!))
    // Someone without access to the programme: not found, as the results page says it.
    const other = await setupProgramme(await signInAdmin(true), ['X'])
    const stranger = await addViewer(cookie, other.programmeId, null)
    expect((await table(stranger.cookie)).status).toBe(404)
    // A dimension the role was not asked, or none of the instrument: refused, naming what it may be.
    expect((await table(cookie, 'nope')).status).toBe(400)
    expect((await table(cookie, 'coaching', 'role=tactisch&part=table')).status).toBe(400)
    // Without `part`: a page of its own, with a way back to the dimension on the results page.
    const own = await (await table(cookie, 'coaching', 'role=medewerker')).text()
    expect(own).toContain('<h1>Antwoorden per vraag: ')
    expect(own).toContain('id="questions-table-coaching"')
    // The language switch keeps this page; the way back is above the table and below it.
    expect(own).toContain(`href="/app/programmes/${pid}/questions/coaching?lang=en&amp;role=medewerker"`)
    expect(own.split('Terug naar de resultaten')).toHaveLength(3)
    expect(own).toMatch(
      new RegExp(`href="/app/programmes/${pid}\\?wave=[^"]+&amp;role=medewerker&amp;lang=nl#questions-coaching"`),
    )
  })
})

describe('a dimension with no score beside its shown questions', () => {
  // Fifteen staff of one partner each answer one of ruimte's three questions, another "don't know":
  // five answers on each question (shown, k = 5), none with the share of ruimte's questions a score
  // needs (half of them in version 1, scoring.ts `scoreAnswers`), so ruimte has no score there.
  it('says why beside the table, in Dutch and English, and only for that dimension', async () => {
    const on = await setupProgramme(cookie, ['Eén'], { instrumentVersion: 1 })
    const ruimte = staff.filter((q) => q.dimension === 'ruimte').map((q) => q.name)
    expect(ruimte).toHaveLength(3)
    await send(
      0,
      Array.from({ length: 15 }, (_, i) =>
        all(3, Object.fromEntries(ruimte.map((name, j) => [name, j === i % 3 ? 3 : 'nvt']))),
      ),
      on,
    )
    await closeWave(cookie, on.waveId)
    const d = await dashboard(on)
    expect(d.partners[0]!.scores!.ruimte).toBeFalsy()
    expect(d.partners[0]!.scores!.coaching).toBeTruthy()
    for (const name of ruimte) expect(d.questions!.partners[on.partners[0]!.id]![name]!.onScale).toBe(5)
    for (const [lang, words] of [
      [
        'nl',
        'Eén: geen score voor Ruimte voor ketenoplossingen, al staan de vragen hier. Een score telt alleen voor wie minstens 2 van de 3 vragen van de dimensie beantwoordde, en dat deden er minder dan 5',
      ],
      [
        'en',
        "Eén: no score for Room for joint chain solutions, though its questions are shown here. A score counts only for those who answered at least 2 of the dimension's 3 questions, and fewer than 5 did",
      ],
    ] as const) {
      const base = `/app/programmes/${on.programmeId}/questions`
      const table = await (
        await call(`${base}/ruimte?wave=${on.waveId}&role=medewerker&lang=${lang}&part=table`, { cookie })
      ).text()
      expect(table.replace(/\s+/g, ' ').replaceAll('&#39;', "'")).toContain(words)
      const coaching = await (
        await call(`${base}/coaching?wave=${on.waveId}&role=medewerker&lang=${lang}&part=table`, { cookie })
      ).text()
      expect(coaching).not.toContain('questions-unscored')
    }
  })
})
