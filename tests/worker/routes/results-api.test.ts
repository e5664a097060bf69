import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { createExecutionContext } from 'cloudflare:test'
import worker, { app } from '../../../worker/index.ts'
import { addViewer } from '../anonymity/adversary.ts'
import { counted } from '../../bench/worker/counted.ts'
import { BASE, call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

const ins = findInstrument('coachende-manager')!
type Role = 'medewerker' | 'teammanager' | 'tactisch'
type Cell = {
  id?: string
  n: number | null
  suppressed: boolean
  scores: Record<string, { mean: number; ci95: [number, number] | null; level: number; n: number } | null> | null
  /** Staff's score on the questions team managers are also asked: a gap on autonomie and steun compares it. */
  shared?: Record<string, { mean: number; n: number } | null>
}
type Results = {
  k: number
  published: boolean
  participation: unknown
  programme: Cell & { responseRate: number | null }
  partners: (Cell & { id: string; name: string; responseRate: number | null })[]
  gap: (Gap & {
    partnerId: string
    partner: string
    dimension: string
    typical: number | null
    versusTypical: 'larger' | 'same' | 'smaller' | null
  })[]
  gapTypical: (Gap & { dimension: string })[]
  dimensions: { key: string }[]
}
type Gap = {
  manager: number
  staff: number
  gap: number
  ci95: [number, number] | null
  reading: 'higher' | 'lower' | 'unclear'
}
/**
 * A number at one decimal as the page prints it (Intl, halves away from zero on the decimal value):
 * toFixed rounds the binary value, so a mean of 3.15 read 3.1 here and 3,2 on the page.
 */
const printed = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  useGrouping: false,
})
const round1 = (x: number) => Number(printed.format(x)) + 0

let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let seed = 1

async function answer(partner: number, role: Role, count: number, level = 3.5, on = ctx) {
  const token = on.links[on.partners[partner]!.id]![role]!
  for (let i = 0; i < count; i++) {
    await postJson(
      `/api/s/${token}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, role, rng(seed++), () => level) },
      '',
    )
  }
}

async function dashboard(query = '', on = ctx): Promise<{ res: Response; body: Results }> {
  const res = await call(`/api/programmes/${on.programmeId}/dashboard${query}`, { cookie })
  return { res, body: (await res.clone().json()) as Results }
}

beforeAll(async () => {
  cookie = await signInAdmin()
  // Four partners: A has k−1 = 4 staff answers, B exactly k = 5, C 9, D 12.
  ctx = await setupProgramme(cookie, ['A', 'B', 'C', 'D'])
  await answer(0, 'medewerker', 4, 2)
  await answer(1, 'medewerker', 5, 3)
  await answer(2, 'medewerker', 9, 3.5)
  await answer(3, 'medewerker', 12, 4)
  await answer(3, 'teammanager', 6, 4.8)
  await answer(2, 'teammanager', 2, 4.8)
  // Results are published once, when the wave closes.
  await closeWave(cookie, ctx.waveId)
})

/** A programme of four partners with the given staff answers, closed: its publication. */
async function closedWith(staff: number[], managers: number[] = []) {
  const own = await setupProgramme(cookie, ['A', 'B', 'C', 'D'])
  for (const [i, n] of staff.entries()) await answer(i, 'medewerker', n, 3, own)
  for (const [i, n] of managers.entries()) await answer(i, 'teammanager', n, 4.8, own)
  await closeWave(cookie, own.waveId)
  return own
}

describe('GET /api/programmes/:pid/dashboard', () => {
  it('hides a cell of k−1 responses and leaves it out of the programme, which is the sum of the partners shown', async () => {
    const { res, body } = await dashboard('?role=medewerker')
    expect(res.status).toBe(200)
    expect(body.k).toBe(5)
    const [a, b, c, d] = body.partners
    expect(a).toMatchObject({ name: 'A', suppressed: true, n: null, scores: null, responseRate: null })
    // B has exactly k and is shown: A is in no total, so nothing can be subtracted to find it.
    expect(b).toMatchObject({ name: 'B', suppressed: false, n: 5 })
    expect(c).toMatchObject({ name: 'C', suppressed: false, n: 9 })
    expect(d).toMatchObject({ name: 'D', suppressed: false, n: 12 })
    expect(d!.responseRate).toBeCloseTo(12 / 40, 12)
    expect(body.programme).toMatchObject({ suppressed: false, n: 26 })
    // Per dimension too: the programme's n and sum are those of B, C and D.
    for (const key of Object.keys(body.programme.scores!)) {
      const parts = [b!, c!, d!].map((x) => x.scores![key]).filter((x) => x !== null)
      expect(body.programme.scores![key]!.n).toBe(parts.reduce((acc, x) => acc + x!.n, 0))
      expect(body.programme.scores![key]!.mean * body.programme.scores![key]!.n).toBeCloseTo(
        parts.reduce((acc, x) => acc + x!.mean * x!.n, 0),
        9,
      )
    }
    const score = d!.scores!.coaching!
    expect(score.ci95![0]).toBeLessThan(score.mean)
    expect(score.level).toBeGreaterThanOrEqual(1)
  })

  it('shows a cell of exactly k when nothing else needs hiding', async () => {
    const own = await closedWith([5, 5, 9, 12])
    const { body } = await dashboard('', own)
    expect(body.partners.map((p) => p.n)).toEqual([5, 5, 9, 12])
  })

  it('shows no scores while the wave is open, only participation to its lead', async () => {
    const own = await setupProgramme(cookie, ['A', 'B'])
    await answer(0, 'medewerker', 6, 3, own)
    await answer(1, 'medewerker', 2, 3, own)
    const { body } = await dashboard('', own)
    expect(body.published).toBe(false)
    expect(body.programme).toMatchObject({ n: null, suppressed: true, scores: null })
    expect(body.partners.every((p) => p.n === null && p.scores === null)).toBe(true)
    expect(body.gap).toEqual([])
    expect(body.participation).toEqual([
      {
        id: own.partners[0]!.id,
        name: 'A',
        roles: {
          medewerker: { status: 'counted', n: 6, rate: 6 / 40 },
          teammanager: { status: 'none', n: null, rate: null },
          tactisch: { status: 'none', n: null, rate: null },
        },
      },
      {
        id: own.partners[1]!.id,
        name: 'B',
        roles: {
          medewerker: { status: 'few', n: null, rate: null },
          teammanager: { status: 'none', n: null, rate: null },
          tactisch: { status: 'none', n: null, rate: null },
        },
      },
    ])
    const trend = (await (
      await call(`/api/programmes/${own.programmeId}/trend?partner=${own.partners[0]!.id}`, { cookie })
    ).json()) as { waves: unknown[] }
    expect(trend.waves).toEqual([])
    expect((await call(`/api/programmes/${own.programmeId}/export.csv`, { cookie })).status).toBe(409)
  })

  it('reports each role separately and a gap only where both cells are shown', async () => {
    const { body } = await dashboard('?role=teammanager')
    // C's 2 team managers are hidden and in no total; D's 6 are shown and are the programme.
    expect(body.partners.map((p) => p.suppressed)).toEqual([true, true, true, false])
    expect(body.programme).toMatchObject({ suppressed: false, n: 6 })
    // The gap only where both of a partner's cells are shown: D.
    const staff = await dashboard('?role=medewerker')
    expect(new Set(staff.body.gap.map((g) => g.partner))).toEqual(new Set(['D']))
    const tactical = await dashboard('?role=tactisch')
    expect(tactical.body.programme).toMatchObject({ suppressed: true, n: null, scores: null })
  })

  it('computes the gap, largest first, once team managers of a partner pass k', async () => {
    const own = await closedWith([4, 5, 9, 12], [0, 0, 5, 6]) // C has 5 team managers
    const { body } = await dashboard('?role=teammanager', own)
    expect(body.partners.filter((p) => !p.suppressed).map((p) => p.name)).toEqual(['C', 'D'])
    expect(body.gap.length).toBeGreaterThan(0)
    expect(body.gap.map((g) => g.gap)).toEqual([...body.gap.map((g) => g.gap)].sort((x, y) => y - x))
    expect(new Set(body.gap.map((g) => g.partner))).toEqual(new Set(['C', 'D']))
    // Every number adds up by hand from the two views' shown cells: the gap is the difference of the
    // shown means, the interval that gap ± one shown half-width.
    const staff = (await dashboard('?role=medewerker', own)).body
    const shownMean = (d: Results, id: string | null, dim: string) =>
      round1((id === null ? d.programme : d.partners.find((p) => p.id === id)!).scores![dim]!.mean)
    // Staff's side of a gap on autonomie and steun is their shown score on the shared questions.
    const staffMean = (id: string | null, dim: string) => {
      const cell = id === null ? staff.programme : staff.partners.find((p) => p.id === id)!
      return ['autonomie', 'steun'].includes(dim) ? round1(cell.shared![dim]!.mean) : shownMean(staff, id, dim)
    }
    const check = (g: Gap, id: string | null, dim: string) => {
      expect(g.manager).toBe(shownMean(body, id, dim))
      expect(g.staff).toBe(staffMean(id, dim))
      expect(g.gap).toBe(round1(g.manager - g.staff))
      const [low, high] = g.ci95!
      expect(round1(g.gap - low)).toBe(round1(high - g.gap))
      expect(g.reading).toBe(low > 0 ? 'higher' : high < 0 ? 'lower' : 'unclear')
    }
    // The programme's gap is the mean of the partner gaps from MIN_GAP_PARTNERS (4) partners with both
    // groups shown (domain/gap.ts `programmeGaps`): with C and D only, none. The programme rows would
    // set C's and D's managers against the staff of all four partners.
    expect(body.gapTypical).toEqual([])
    expect(staff.programme.n).toBeGreaterThan(body.programme.n!)
    for (const g of body.gap) {
      check(g, g.partnerId, g.dimension)
      // Against the median of the other partners' gaps in this table, from three others on (here
      // only C and D show a gap, so each has one other and no comparison).
      const others = body.gap
        .filter((x) => x.dimension === g.dimension && x.partnerId !== g.partnerId)
        .map((x) => x.gap)
        .sort((x, y) => x - y)
      const mid = others.length >> 1
      const typical =
        others.length < 3 ? null : round1(others.length % 2 ? others[mid]! : (others[mid - 1]! + others[mid]!) / 2)
      expect(g.typical).toBe(typical)
      expect(g.versusTypical).toBe(
        typical === null ? null : typical < g.ci95![0] ? 'larger' : typical > g.ci95![1] ? 'smaller' : 'same',
      )
    }
    // The same gaps whichever role is read: they compare two roles, not the one shown.
    expect(staff.gap).toEqual(body.gap)
    expect(staff.gapTypical).toEqual(body.gapTypical)
  })

  it('keeps the threshold a wave was opened under when MIN_GROUP_SIZE is lowered later', async () => {
    const own = await setupProgramme(cookie, ['P', 'Q'])
    for (const [partner, count] of [
      [0, 4],
      [1, 6],
    ] as const) {
      const token = own.links[own.partners[partner]!.id]!.medewerker!
      for (let i = 0; i < count; i++)
        await postJson(
          `/api/s/${token}/responses`,
          { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(seed++), () => 3) },
          '',
        )
    }
    await closeWave(cookie, own.waveId)
    // The same Worker, configured with k = 3: P's 4 answers were given under k = 5 and stay hidden.
    const lowered = { ...env, MIN_GROUP_SIZE: '3' }
    const req = new Request(`${BASE}/api/programmes/${own.programmeId}/dashboard?role=medewerker`, {
      headers: { cookie },
    })
    const body = (await (await app.fetch(req, lowered, createExecutionContext())).json()) as Results
    expect(body.k).toBe(5)
    expect(body.partners.find((p) => p.name === 'P')).toMatchObject({ suppressed: true, n: null })
    const row = await env.DB.prepare('SELECT min_group_size FROM waves WHERE id = ?1')
      .bind(own.waveId)
      .first<{ min_group_size: number }>()
    expect(row!.min_group_size).toBe(5)
  })

  it("gives the response rate of the role shown, from that role's headcount, and none where it is hidden", async () => {
    const own = await setupProgramme(cookie, ['A', 'B', 'C', 'D'])
    await call(`/api/programmes/${own.programmeId}/partners/${own.partners[3]!.id}`, {
      method: 'PATCH',
      json: { headcounts: { teammanager: 8 } },
      cookie,
    })
    for (const [i, n] of [5, 5, 9, 12].entries()) await answer(i, 'medewerker', n, 3, own)
    for (const [i, n] of [0, 0, 5, 6].entries()) await answer(i, 'teammanager', n, 4.8, own)
    await closeWave(cookie, own.waveId)
    const { body } = await dashboard('?role=teammanager', own)
    expect(body.partners.find((p) => p.name === 'D')!.responseRate).toBeCloseTo(6 / 8, 12)
    expect(body.partners.find((p) => p.name === 'C')!.responseRate).toBeCloseTo(5 / 40, 12)
    expect(body.partners.find((p) => p.name === 'A')!.responseRate).toBeNull()
    // Staff keep their own rate, from the staff headcount (40).
    expect(
      (await dashboard('?role=medewerker', own)).body.partners.find((p) => p.name === 'D')!.responseRate,
    ).toBeCloseTo(12 / 40, 12)
    // The programme's, over the headcounts of the partners its n is the sum of:
    // managers of C and D only (A and B hidden), all four partners' staff.
    expect(body.programme.responseRate).toBeCloseTo(11 / 48, 12)
    expect((await dashboard('?role=medewerker', own)).body.programme.responseRate).toBeCloseTo(31 / 160, 12)
    // None for a reader limited to one partner: with the programme's n it would give the others' headcounts.
    const limitedTo = await addViewer(cookie, own.programmeId, own.partners[3]!.id)
    const limited = await call(`/api/programmes/${own.programmeId}/dashboard?role=medewerker`, {
      cookie: limitedTo.cookie,
    })
    expect(limited.status).toBe(200)
    const seen = (await limited.json()) as { programme: { responseRate: number | null }; partners: unknown[] }
    expect(seen.partners).toHaveLength(1)
    expect(seen.programme.responseRate).toBeNull()
  })

  it('refuses an unknown role or wave and anyone not signed in', async () => {
    expect((await dashboard('?role=ceo')).res.status).toBe(400)
    expect((await dashboard('?wave=nope')).res.status).toBe(404)
    const anonymous = await call(`/api/programmes/${ctx.programmeId}/dashboard`)
    expect(anonymous.status).toBe(401)
  })

  it('reads the same number of rows whether the wave has 100 or 10,000 responses', async () => {
    // The Worker with a D1 binding that tallies rows read (the benchmark's wrapper): no response
    // header tells a reader how many rows, and so how many hidden cells, there are.
    const countedWorker = counted(worker)
    const rows = async () => {
      const res = await countedWorker.fetch!(
        new Request(`${BASE}/api/programmes/${own.programmeId}/dashboard`, { headers: { cookie } }) as Request<
          unknown,
          IncomingRequestCfProperties
        >,
        env,
        createExecutionContext(),
      )
      expect(res.status).toBe(200)
      return (JSON.parse(res.headers.get('x-bench-d1')!) as { rowsRead: number }).rowsRead
    }
    const own = await setupProgramme(cookie, ['A', 'B'])
    await answer(0, 'medewerker', 6, 3, own)
    await closeWave(cookie, own.waveId)
    const grow = async (to: number) => {
      // Responses go straight into the table: this test is about what the dashboard reads, not the write path.
      await env.DB.prepare(
        `WITH RECURSIVE seq(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM seq WHERE i < ?1)
         INSERT INTO responses (id, wave_id, partner_id, role, answers, scores)
         SELECT lower(hex(randomblob(16))), ?2, ?3, 'medewerker', '{}', '{}' FROM seq`,
      )
        .bind(
          to -
            (await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE wave_id = ?1')
              .bind(own.waveId)
              .first<{ n: number }>())!.n,
          own.waveId,
          own.partners[1]!.id,
        )
        .run()
    }
    await rows() // publishes the wave
    // The isolate then holds its publication, so D1 sends its text no more (rows read count it).
    await rows()
    await grow(100)
    const at100 = await rows()
    await grow(10_000)
    const at10000 = await rows()
    expect(at100).toBeGreaterThan(0)
    expect(at10000).toBe(at100)
    for (const path of ['dashboard', 'trend', 'export.csv']) {
      const res = await call(`/api/programmes/${own.programmeId}/${path}`, { cookie })
      expect([...res.headers.keys()].filter((h) => h.includes('rows') || h.startsWith('x-d1'))).toEqual([])
    }
  })

  /** A programme of two partners whose wave has just closed (six staff answers at A), and every read of its results. */
  async function closedProgramme() {
    const own = await setupProgramme(cookie, ['A', 'B'])
    await answer(0, 'medewerker', 6, 3, own)
    await closeWave(cookie, own.waveId)
    const pid = own.programmeId
    const reads = [
      `/api/programmes/${pid}/dashboard`,
      `/api/programmes/${pid}/trend`,
      `/api/programmes/${pid}/export.csv`,
      `/app/programmes/${pid}`,
      `/app/programmes/${pid}/partners/${own.partners[0]!.id}/report`,
      `/app/programmes/${pid}/questions/coaching`,
      `/app/programmes/${pid}/quality`,
    ]
    return { own, pid, reads }
  }

  it('reads a programme in one round trip, the session in the batch: the API, the page and the report', async () => {
    // Each statement on its own was a round trip, which D1 answers one after another: 8 for the
    // dashboard and 10 for the page; then 2, the session and one batch (BENCHMARKS.md, "One batch
    // per read", "One round trip per read").
    const countedWorker = counted(worker)
    const { pid, reads } = await closedProgramme()
    const d1 = async (path: string) => {
      const res = await countedWorker.fetch!(
        new Request(`${BASE}${path}`, { headers: { cookie } }) as Request<unknown, IncomingRequestCfProperties>,
        env,
        createExecutionContext(),
      )
      expect(res.status, path).toBe(200)
      await res.arrayBuffer()
      return JSON.parse(res.headers.get('x-bench-d1')!) as { roundTrips: number; batches: number }
    }
    await d1(`/api/programmes/${pid}/dashboard`) // publishes the wave
    for (const path of reads) {
      // The export writes who downloaded it in its batch, and reads the session first for that.
      const trips = path.includes('export.csv') ? 2 : 1
      expect(await d1(path), path).toMatchObject({ roundTrips: trips, batches: 1 })
    }
  })

  it('publishes nothing for a reader who is then refused: a stranger reading a wave just closed changes no row', async () => {
    // The access check and the programme's reads go to D1 in one batch; publishing a closed wave
    // waits for the check (`cleared` in worker/services/results-service.ts loadProgramme).
    const { own, pid, reads } = await closedProgramme()
    const other = await setupProgramme(cookie, ['X'])
    const stranger = await addViewer(cookie, other.programmeId, null)
    const publications = async () =>
      (await env.DB.prepare('SELECT count(*) AS n FROM publications WHERE wave_id = ?1')
        .bind(own.waveId)
        .first<{ n: number }>())!.n
    for (const path of reads) {
      expect((await call(path, { cookie: stranger.cookie })).status, path).toBe(404)
      expect(await publications(), path).toBe(0)
    }
    // The lead's first read publishes it.
    expect((await call(`/api/programmes/${pid}/dashboard`, { cookie })).status).toBe(200)
    expect(await publications()).toBe(1)
  })

  it('says nothing about its D1 reads in a response header', async () => {
    // Rows read grew with the rollup cells of partners the reader may not see: one more equation.
    const { res } = await dashboard()
    expect([...res.headers.keys()].filter((h) => /d1|rows/i.test(h))).toEqual([])
  })
})

describe('GET /api/programmes/:pid/trend', () => {
  it('derives a closed wave once, yet shows a renamed partner and each reader only its partners at once', async () => {
    // The stand-outs, gap table and question detail of a stored publication are kept with it
    // (results-service.ts `derived`); what they say must still follow the names and the reader.
    const own = await setupProgramme(cookie, ['A', 'B', 'C', 'D'])
    for (let i = 0; i < 4; i++) await answer(i, 'medewerker', 6, 2 + i * 0.6, own)
    await answer(3, 'teammanager', 6, 4.8, own)
    await closeWave(cookie, own.waveId)
    const first = (await dashboard('', own)).body as Results & { standouts: { subject: { name?: string } }[] }
    const again = (await dashboard('', own)).body
    expect(again).toEqual(first)
    const names = (d: typeof first) => d.standouts.flatMap((g) => (g.subject.name ? [g.subject.name] : []))
    expect(names(first)).toEqual(['A', 'B', 'C', 'D'])
    expect(first.gap.map((g) => g.partner)).toContain('D')
    const d = own.partners[3]!.id
    const renamed = await call(`/api/programmes/${own.programmeId}/partners/${d}`, {
      method: 'PATCH',
      json: { name: 'D Noord' },
      cookie,
    })
    expect(renamed.status).toBe(200)
    const after = (await dashboard('', own)).body as typeof first
    expect(names(after)).toEqual(['A', 'B', 'C', 'D Noord'])
    expect(after.gap.map((g) => g.partner)).toContain('D Noord')
    expect(after.gap.map((g) => g.partner)).not.toContain('D')
    // A viewer limited to B, reading after the lead, gets B's stand-outs alone.
    const email = `limited-${crypto.randomUUID().slice(0, 8)}@example.test`
    const added = await postJson<{ acceptance: unknown }>(
      `/api/programmes/${own.programmeId}/people`,
      { email, role: 'viewer', partnerId: own.partners[1]!.id },
      cookie,
    )
    expect(added).toBeDefined()
    const { hashPassword } = await import('../../../worker/auth/password-hash.ts')
    await env.DB.prepare('UPDATE users SET password_hash = ?1 WHERE email = ?2')
      .bind(await hashPassword('pw-limited-reader'), email)
      .run()
    const signIn = await call('/api/session', { method: 'POST', json: { email, password: 'pw-limited-reader' } })
    expect(signIn.status).toBe(204)
    const viewer = signIn.headers.get('set-cookie')!.split(';')[0]!
    const limited = (await (
      await call(`/api/programmes/${own.programmeId}/dashboard`, { cookie: viewer })
    ).json()) as typeof first
    expect(names(limited)).toEqual(['B'])
    expect(limited.partners.map((p) => p.name)).toEqual(['B'])
  })

  it('lists the opened waves oldest first with no change for the first', async () => {
    const res = await call(`/api/programmes/${ctx.programmeId}/trend?partner=${ctx.partners[3]!.id}&role=medewerker`, {
      cookie,
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { waves: { n: number; change: unknown }[] }
    expect(body.waves).toHaveLength(1)
    expect(body.waves[0]!.change).toBeNull()
  })

  it('answers 404 for a partner of another programme', async () => {
    const res = await call(`/api/programmes/${ctx.programmeId}/trend?partner=nope`, { cookie })
    expect(res.status).toBe(404)
  })
})

describe('GET /api/programmes/:pid/export.csv', () => {
  it('exports the visible cells with suppression applied', async () => {
    const res = await call(`/api/programmes/${ctx.programmeId}/export.csv?lang=en`, { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    const lines = (await res.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\r\n')
    expect(lines[0]).toBe(
      'wave,role,partner,n,dimension,dimension_name,n_dimension,mean,sd,ci95_low,ci95_high,level,level_name,level_capped,agreement_rwg,level_held,level_clear,level_margin_reaches,hidden_reason,n_shared_questions,mean_shared_questions,shared_hidden_reason,actions,mean_shown,ci95_shown_low,ci95_shown_high,margin_from_level,margin_to_level,level_shown',
    )
    const tactical = lines.filter((l) => l.includes(',tactisch,'))
    expect(tactical.length).toBeGreaterThan(0)
    // Asked (every group had a link) with too few answers: "<5", no numbers, and the reason.
    for (const l of tactical) expect(l).toMatch(/,<5,.*,,,,,,,,,too few answers,,,,,,,,,,$/)
    expect(lines.filter((l) => l.startsWith('2026-1,medewerker,D,12,coaching,'))).toHaveLength(1)
  })

  it('writes a ;-separated variant with decimal commas for Dutch Excel, and escapes formulas', async () => {
    const own = await setupProgramme(cookie, ['=HYPERLINK("http://x")', 'D'])
    await answer(1, 'medewerker', 12, 3, own)
    await closeWave(cookie, own.waveId)
    const res = await call(`/api/programmes/${own.programmeId}/export.csv?sep=semicolon`, { cookie })
    const text = await res.text()
    expect(text).toContain(`;"'=HYPERLINK(""http://x"")";`)
    const row = text.split('\r\n').find((l) => l.startsWith('2026-1;medewerker;D;12;coaching;'))!
    expect(row).toMatch(/;\d,\d{4};/)
  })
})
