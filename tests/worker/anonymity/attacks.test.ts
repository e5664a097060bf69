/**
 * Four recovered attacks on an earlier suppression rule and a reviewer's decoy attack on the fix
 * that followed (R1, R1b), each replayed through the HTTP API with their numbers, and each required to fail now: what
 * the attacker reads goes into an exact linear solver (solver.ts) and no hidden group below k may
 * come out. Since the programme as a whole is the sum of the partners shown, a hidden group is in
 * no equation at all, which each attack checks outright. Where the attack used to work, the test
 * also shows that the same solver recovers the hidden group from the old release (a programme
 * total over all partners, hidden groups included), so a regression to it fails here.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { dayOf } from '../../../schema/format.ts'
import type { Role } from '../../../schema/instrument.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { addWave, closeWave, postJson, signInAdmin } from '../helpers.ts'
import { Frac, LinearSystem } from './solver.ts'
import {
  addViewer,
  answersFor,
  DAY,
  ins,
  Observer,
  ok,
  PARTS,
  req,
  ROLES,
  scoresOf,
  submit,
  type ResultsJson,
  type Spec,
  type TrendJson,
} from './adversary.ts'

let lead: string

beforeAll(async () => {
  lead = await signInAdmin()
})

type Setup = { programmeId: string; waveId: string; ids: Record<string, string>; names: Record<string, string> }

/** A programme whose partners have exactly the given headcounts, and one wave open since yesterday. */
async function programme(
  partners: Record<string, { medewerker?: number; teammanager?: number; tactisch?: number }>,
  name = `Keten ${crypto.randomUUID().slice(0, 8)}`,
): Promise<Setup> {
  const { id: programmeId } = await postJson('/api/programmes', { name }, lead)
  const ids: Record<string, string> = {}
  const names: Record<string, string> = {}
  for (const [p, h] of Object.entries(partners)) {
    const { id } = await postJson(
      `/api/programmes/${programmeId}/partners`,
      {
        name: p,
        headcount: h.medewerker ?? null,
        headcounts: { teammanager: h.teammanager ?? null, tactisch: h.tactisch ?? null },
      },
      lead,
    )
    ids[p] = id
    names[id] = p
  }
  const waveId = await addWave(lead, programmeId)
  return { programmeId, waveId, ids, names }
}

const link = async (s: Setup, partner: string, role: Role) =>
  (await postJson<{ token: string }>(`/api/waves/${s.waveId}/links`, { partnerId: s.ids[partner], role }, lead)).token
/** The lead's request for a link of partner `partnerId` (an id), answered as it comes: the attacks expect it refused. */
const askLink = (s: Setup, partnerId: string, role: Role) =>
  req(`/api/waves/${s.waveId}/links`, { method: 'POST', json: { partnerId, role }, cookie: lead })

/** The i-th respondent's answers in a group: a different whole point per dimension, some "don't know". */
const specOf = (base: number, i: number, role: Role = 'medewerker', dk = false): Spec =>
  Object.fromEntries(dimensionsFor(ins, role).map((d, j) => [d, dk && j === i % 3 ? 'dk' : ((base + i + j) % 5) + 1]))

async function answerAll(token: string, role: Role, specs: Spec[]) {
  for (const spec of specs) expect((await submit(token, answersFor(role, spec))).status).toBe(201)
}

async function dashboard(s: Setup, role: Role, cookie = lead): Promise<ResultsJson> {
  return ok<ResultsJson>(
    req(`/api/programmes/${s.programmeId}/dashboard?wave=${s.waveId}&role=${role}&questions=all`, { cookie }),
  )
}
async function trend(s: Setup, role: Role, partner: string | null, cookie = lead): Promise<TrendJson> {
  return ok<TrendJson>(
    req(`/api/programmes/${s.programmeId}/trend?role=${role}${partner ? `&partner=${partner}` : ''}`, { cookie }),
  )
}
const csv = (s: Setup) => req(`/api/programmes/${s.programmeId}/export.csv?wave=${s.waveId}&lang=en`, { cookie: lead })

const cellOf = (c: { n: number | null; suppressed: boolean; scores: unknown }) => ({
  n: c.n,
  suppressed: c.suppressed,
  scores: c.scores,
})

/** The true moments of a group from the answer sets the test gave it, in the Observer's units. */
function truth(role: Role, specs: Spec[]) {
  const o = new Observer(() => [])
  for (const spec of specs) o.addOwn(role, 'x', scoresOf(role, spec), answersFor(role, spec))
  return (q: string) => o.known.get(`${role}|x|${q}`) ?? 0
}

/**
 * The old release, rebuilt from what this run read: every equation the solver holds for one role
 * and quantity, plus the programme total over *all* partners, hidden groups included (`value`, the
 * true total, less what the attacker put in itself), as the release before the fix published it.
 * If the solver recovers a hidden group from this, it would catch a return to that rule.
 */
function withOldTotal(o: Observer, role: Role, quantity: string, all: string[], value: number): LinearSystem {
  const sys = o.systems.get(`${role}|${quantity}`)
  const out = new LinearSystem()
  for (const g of o.empty) if (g.startsWith(`${role}|`)) out.add({ [g.slice(role.length + 1)]: 1 }, 0)
  if (sys)
    for (const r of sys.rref().rows) out.add(Object.fromEntries(r.coeffs.map((c, j) => [sys.unknowns[j]!, c])), r.rhs)
  const own = all.reduce((a, p) => a + (o.known.get(`${role}|${p}|${quantity}`) ?? 0), 0)
  return out.add(Object.fromEntries(all.map((p) => [p, 1])), value - own)
}

/**
 * That what the run read, with the old total over every partner of the staff answer sets `specs`
 * (withOldTotal), gives A's staff `quantities` exactly: the solver would catch a return to that rule.
 */
function oldTotalGivesA(o: Observer, s: Setup, specs: Record<string, Spec[]>, quantities: string[]) {
  const all = Object.values(s.ids)
  const t = Object.fromEntries(Object.entries(specs).map(([p, list]) => [p, truth('medewerker', list)]))
  for (const q of quantities) {
    const total = Object.keys(specs).reduce((acc, p) => acc + t[p]!(q), 0)
    expect(
      withOldTotal(o, 'medewerker', q, all, total)
        .determined()
        .get(s.ids.A!)
        ?.equals(Frac.of(t.A!(q))),
      q,
    ).toBe(true)
  }
}

/** Every quantity the Observer keeps for a role: n, and per dimension its n, sum and sum of squares. */
const quantities = (role: Role) => ['n', ...dimensionsFor(ins, role).flatMap((d) => [`${d}:n`, `${d}:s`, `${d}:q`])]

/** Every view of a closed wave a reader can get: dashboards of all roles, trends (programme and partners), and for the lead the CSV. */
async function readEverything(
  o: Observer,
  s: Setup,
  who: string,
  cookie: string,
  partners: string[],
  withCsv: boolean,
) {
  for (const role of ['medewerker', 'teammanager', 'tactisch'] as Role[]) {
    o.dashboard(who, await dashboard(s, role, cookie))
    o.trend(who, await trend(s, role, null, cookie), s.waveId)
    for (const p of partners) o.trend(who, await trend(s, role, p, cookie), s.waveId)
  }
  if (withCsv)
    o.csv(who, await (await csv(s)).text(), (name) => (name === 'Programme as a whole' ? null : s.ids[name]!))
}

describe('attack 1: viewer-dependent suppression (A = 4, B = 5, C = 7, D = 12 staff, k = 5)', () => {
  let s: Setup
  const specs = {
    A: [0, 1, 2, 3].map((i) => specOf(0, i, 'medewerker', true)),
    B: [0, 1, 2, 3, 4].map((i) => specOf(2, i)),
    C: [0, 1, 2, 3, 4, 5, 6].map((i) => specOf(3, i)),
    D: Array.from({ length: 12 }, (_, i) => specOf(4, i)),
  }
  let leadView: ResultsJson
  let viewerView: ResultsJson
  let viewer: { cookie: string }
  let live: ResultsJson

  beforeAll(async () => {
    s = await programme({ A: { medewerker: 4 }, B: { medewerker: 5 }, C: { medewerker: 7 }, D: { medewerker: 12 } })
    for (const [p, list] of Object.entries(specs)) await answerAll(await link(s, p, 'medewerker'), 'medewerker', list)
    viewer = await addViewer(lead, s.programmeId, s.ids.B!)
    live = await dashboard(s, 'medewerker')
    await closeWave(lead, s.waveId)
    leadView = await dashboard(s, 'medewerker')
    viewerView = await dashboard(s, 'medewerker', viewer.cookie)
  })

  it('gives the lead B, C, D and as the programme their sum, 24; A hidden and in no number', () => {
    expect(leadView.published).toBe(true)
    expect(leadView.k).toBe(5)
    const shown = Object.fromEntries(leadView.partners.map((p) => [s.names[p.id], p.n]))
    expect(shown).toEqual({ A: null, B: 5, C: 7, D: 12 })
    expect(leadView.programme.n).toBe(24)
    // Per dimension too: the programme's count is that of B, C and D together.
    for (const d of dimensionsFor(ins, 'medewerker')) expect(leadView.programme.scores![d]!.n).toBe(24)
  })

  it("gives the B-limited viewer B and the programme, a subset of the lead's cells with identical numbers", () => {
    expect(viewerView.partners.map((p) => p.id)).toEqual([s.ids.B])
    expect(cellOf(viewerView.programme)).toEqual(cellOf(leadView.programme))
    for (const p of viewerView.partners)
      expect(cellOf(p)).toEqual(cellOf(leadView.partners.find((x) => x.id === p.id)!))
    expect(viewerView.partners[0]).toMatchObject({ n: 5, suppressed: false })
    expect(viewerView.programme.n).toBe(24)
  })

  it('leaves A undetermined from every view combined, in no equation at all; the pre-fix release would not', async () => {
    const o = new Observer(() => Object.values(s.ids))
    await readEverything(o, s, 'lead', lead, Object.values(s.ids), true)
    await readEverything(o, s, 'viewer', viewer.cookie, [s.ids.B!], false)
    expect(o.inconsistent()).toEqual([])
    // A hidden group appears in no published number: its unknown has a zero coefficient in every equation.
    expect(o.equations.length).toBeGreaterThan(100)
    for (const role of ROLES) expect(o.mentions(role, s.ids.A!)).toEqual([])
    expect(o.determined().filter((d) => d.partner === s.ids.A)).toEqual([])
    // The shown groups are simply shown (n ≥ k, not protected): B = 5 among them.
    expect(
      o
        .determined()
        .find((d) => d.partner === s.ids.B && d.role === 'medewerker' && d.quantity === 'n')
        ?.value.toString(),
    ).toBe('5')

    // The pre-fix release: the total over all four partners (28) and, for the viewer, B's cell.
    // Without B's cell A is not fixed; with it the solver recovers A's count, 4, as the issue did.
    const before = new LinearSystem()
    before
      .add({ [s.ids.A!]: 1, [s.ids.B!]: 1, [s.ids.C!]: 1, [s.ids.D!]: 1 }, 28)
      .add({ [s.ids.C!]: 1 }, 7)
      .add({ [s.ids.D!]: 1 }, 12)
    expect(before.isDetermined(s.ids.A!)).toBe(false)
    before.add({ [s.ids.B!]: 1 }, 5)
    expect(before.determined().get(s.ids.A!)?.toString()).toBe('4')
    // And what this run read plus a total over all partners gives A's count and every one of its
    // dimension moments exactly: the solver catches a return to a total that includes hidden groups.
    oldTotalGivesA(o, s, specs, quantities('medewerker'))
  })

  it("adds nothing from open-wave participation: with the published total it gives not even A's count", async () => {
    // While open the lead saw B = 5, C = 7, D = 12 exactly ("from k on") and A as "few". The
    // published total is B + C + D, so the two together say nothing about A.
    const o = new Observer(() => Object.values(s.ids))
    o.dashboard('lead', live)
    for (const p of live.participation!) {
      const r = p.roles.medewerker
      if (r.status === 'counted') o.cell('lead', 'medewerker', p.id, { n: r.n, suppressed: false, scores: {} }, false)
    }
    expect(live.participation!.map((p) => [s.names[p.id], p.roles.medewerker.status, p.roles.medewerker.n])).toEqual([
      ['A', 'few', null],
      ['B', 'counted', 5],
      ['C', 'counted', 7],
      ['D', 'counted', 12],
    ])
    o.dashboard('lead', leadView)
    o.dashboard('viewer', viewerView)
    expect(o.inconsistent()).toEqual([])
    expect(o.mentions('medewerker', s.ids.A!)).toEqual([])
    expect(o.determined().filter((d) => d.partner === s.ids.A)).toEqual([])
  })
})

describe.each([
  { places: 5, what: 'R1: a decoy of k = 5 places, shown' },
  { places: 4, what: 'R1b: a decoy of k − 1 = 4 places, hidden itself' },
])('the decoy partner ($what)', ({ places }) => {
  // A reviewer's attack on complementary suppression: before the wave opens the lead invents a
  // partner, "Projectbureau", and later answers all its places itself. Under the old rule it was
  // the hidden lone manager's complement, and total − B − C − decoy gave A's manager exactly.
  let s: Setup
  const specs = {
    A: [specOf(2, 0, 'teammanager')],
    B: Array.from({ length: 6 }, (_, i) => specOf(1, i, 'teammanager')),
    C: Array.from({ length: 8 }, (_, i) => specOf(3, i, 'teammanager')),
    Projectbureau: Array.from({ length: places }, (_, i) => specOf(4, i, 'teammanager')),
  }
  let viewerOfA: { cookie: string }
  let o: Observer

  beforeAll(async () => {
    // Everything before the wave opens: the partners, the decoy among them, and a planned wave.
    const { id: programmeId } = await postJson(
      '/api/programmes',
      { name: `Keten lokaas ${crypto.randomUUID().slice(0, 8)}` },
      lead,
    )
    const ids: Record<string, string> = {}
    const names: Record<string, string> = {}
    for (const [p, h] of Object.entries({ A: 1, B: 6, C: 8, Projectbureau: places })) {
      const { id } = await postJson(
        `/api/programmes/${programmeId}/partners`,
        { name: p, headcount: null, headcounts: { teammanager: h, tactisch: null } },
        lead,
      )
      ids[p] = id
      names[id] = p
    }
    const now = Date.now()
    const { id: waveId } = await postJson(
      `/api/programmes/${programmeId}/waves`,
      {
        label: '2026-1',
        instrument: 'coachende-manager',
        opensAt: new Date(now + DAY).toISOString(),
        closesAt: new Date(now + 20 * DAY).toISOString(),
      },
      lead,
    )
    s = { programmeId, waveId, ids, names }
    // The wave opens; the first links are made (setting up, recorded nowhere).
    await ok(
      req(`/api/waves/${waveId}`, {
        method: 'PATCH',
        json: { opensAt: new Date(now - DAY).toISOString() },
        cookie: lead,
      }),
    )
    const tokens = Object.fromEntries(
      await Promise.all(Object.keys(ids).map(async (p) => [p, await link(s, p, 'teammanager')] as const)),
    )
    // A's lone manager, B's six and C's eight answer; the lead answers every place of its decoy.
    for (const p of ['A', 'B', 'C'] as const) await answerAll(tokens[p]!, 'teammanager', specs[p])
    o = new Observer(() => Object.values(ids))
    for (const role of ROLES) o.assumeEmpty(role, ids.Projectbureau!)
    for (const spec of specs.Projectbureau) {
      expect((await submit(tokens.Projectbureau!, answersFor('teammanager', spec))).status).toBe(201)
      o.addOwn('teammanager', ids.Projectbureau!, scoresOf('teammanager', spec), answersFor('teammanager', spec))
    }
    // Its places are all taken: no more answers there, by anyone.
    expect((await submit(tokens.Projectbureau!, answersFor('teammanager', specOf(0, 9, 'teammanager')))).status).toBe(
      409,
    )
    await closeWave(lead, waveId)
    viewerOfA = await addViewer(lead, programmeId, ids.A!)
  })

  it('leaves no trace in the record of changes: the attack must fail on the numbers alone', async () => {
    for (const cookie of [lead, viewerOfA.cookie])
      expect((await dashboard(s, 'teammanager', cookie)).changes).toEqual([])
  })

  it(`shows B, C${places >= 5 ? ' and the decoy' : ''} and as the programme their sum; A hidden, for the lead and A's viewer alike`, async () => {
    const leadView = await dashboard(s, 'teammanager')
    const shown = Object.fromEntries(leadView.partners.map((p) => [s.names[p.id], p.n]))
    expect(shown).toEqual({ A: null, B: 6, C: 8, Projectbureau: places >= 5 ? places : null })
    expect(leadView.programme.n).toBe(6 + 8 + (places >= 5 ? places : 0))
    const viewerView = await dashboard(s, 'teammanager', viewerOfA.cookie)
    expect(viewerView.partners.map((p) => [p.id, p.n, p.suppressed])).toEqual([[s.ids.A, null, true]])
    expect(cellOf(viewerView.programme)).toEqual(cellOf(leadView.programme))
  })

  it("determines nothing about A's manager from every view combined; a total over all partners would give it away", async () => {
    await readEverything(o, s, 'lead', lead, Object.values(s.ids), true)
    await readEverything(o, s, 'viewer of A', viewerOfA.cookie, [s.ids.A!], false)
    // The A-limited viewer may not read another partner's trend.
    expect(
      (
        await req(`/api/programmes/${s.programmeId}/trend?role=teammanager&partner=${s.ids.B}`, {
          cookie: viewerOfA.cookie,
        })
      ).status,
    ).toBe(404)
    expect(o.inconsistent()).toEqual([])
    for (const role of ROLES) expect(o.mentions(role, s.ids.A!)).toEqual([])
    if (places < 5) expect(o.mentions('teammanager', s.ids.Projectbureau!)).toEqual([])
    expect(o.determined().filter((d) => d.partner === s.ids.A)).toEqual([])

    // The old rule: the total over all four partners (the decoy hidden as A's complement, or, of
    // k − 1 places, hidden for being few). The lead knows the decoy's part; the solver recovers
    // A's manager, count and every dimension moment, from that and what this run read.
    const all = Object.values(s.ids)
    const t = Object.fromEntries(Object.entries(specs).map(([p, list]) => [p, truth('teammanager', list)]))
    for (const q of quantities('teammanager')) {
      const total = Object.keys(specs).reduce((acc, p) => acc + t[p]!(q), 0)
      const recovered = withOldTotal(o, 'teammanager', q, all, total).determined().get(s.ids.A!)
      expect(recovered?.equals(Frac.of(t.A!(q))), `${q}: ${recovered}`).toBe(true)
    }
    expect(
      withOldTotal(o, 'teammanager', 'n', all, 1 + 6 + 8 + places)
        .determined()
        .get(s.ids.A!)
        ?.toString(),
    ).toBe('1')
  })
})

describe('attack 2: live numbers while a wave is open', () => {
  let s: Setup
  let limited: { cookie: string }
  let unlimited: { cookie: string }
  const read = async (cookie: string) =>
    Promise.all((['medewerker', 'teammanager', 'tactisch'] as Role[]).map((r) => dashboard(s, r, cookie)))

  beforeAll(async () => {
    // P: 7 staff answered so far, one more is about to; Q is the partner a limited viewer may see.
    s = await programme({ P: { medewerker: 8 }, Q: { medewerker: 9 } })
    await answerAll(
      await link(s, 'P', 'medewerker'),
      'medewerker',
      Array.from({ length: 7 }, (_, i) => specOf(1, i, 'medewerker', true)),
    )
    await answerAll(
      await link(s, 'Q', 'medewerker'),
      'medewerker',
      Array.from({ length: 6 }, (_, i) => specOf(2, i)),
    )
    limited = await addViewer(lead, s.programmeId, s.ids.Q!)
    unlimited = await addViewer(lead, s.programmeId, null)
  })

  it('shows no scores, gaps or per-dimension counts before and after one more answer; participation only counts', async () => {
    const o = new Observer(() => Object.values(s.ids))
    const before = {
      lead: await read(lead),
      limited: await read(limited.cookie),
      unlimited: await read(unlimited.cookie),
    }
    const token = await link(s, 'P', 'medewerker')
    const last = specOf(4, 0, 'medewerker', true)
    expect((await submit(token, answersFor('medewerker', last))).status).toBe(201)
    const after = {
      lead: await read(lead),
      limited: await read(limited.cookie),
      unlimited: await read(unlimited.cookie),
    }
    for (const [who, views] of Object.entries({ ...before }).concat(Object.entries(after))) {
      for (const d of views) {
        o.dashboard(who, d)
        expect(d.published).toBe(false)
        expect(d.gap).toEqual([])
        for (const c of [d.programme, ...d.partners]) {
          expect(cellOf(c)).toEqual({ n: null, suppressed: true, scores: null })
          expect((c as { responseRate?: unknown }).responseRate ?? null).toBeNull()
        }
        if (who !== 'lead') expect(d.participation).toBeNull()
      }
    }
    // Participation: status and count from k on, nothing per dimension.
    const p = (views: ResultsJson[]) => views[0]!.participation!.find((x) => x.id === s.ids.P)!.roles
    expect(p(before.lead).medewerker).toEqual({ status: 'counted', n: 7, rate: 7 / 8 })
    expect(p(after.lead).medewerker).toEqual({ status: 'counted', n: 8, rate: 1 })
    // P's team managers were given no link: said as such, which is what the lead made, not a count.
    expect(p(after.lead).teammanager).toEqual({ status: 'unasked', n: null, rate: null })
    for (const views of [before.lead, after.lead]) {
      for (const part of views[0]!.participation!)
        for (const r of Object.values(part.roles)) expect(Object.keys(r).sort()).toEqual(['n', 'rate', 'status'])
    }
    // Not one equation on any dimension, so 8·m′ − 7·m has nothing to work on.
    expect([...o.systems.keys()].filter((k) => k.includes(':'))).toEqual([])
    expect(o.determined()).toEqual([])
    // Trend lists published waves only; the CSV of an open wave is refused.
    for (const cookie of [lead, limited.cookie])
      expect((await trend(s, 'medewerker', cookie === lead ? null : s.ids.Q!, cookie)).waves).toEqual([])
    expect((await csv(s)).status).toBe(409)
  })
})

describe('attack 3: fabricated answers', () => {
  it('(a) a lone team manager: four more manager links take nothing past headcount 1; raising it to 5 is recorded for every reader', async () => {
    const s = await programme({ T: { medewerker: 6, teammanager: 1 }, U: { medewerker: 6, teammanager: 6 } })
    const own = await link(s, 'T', 'teammanager')
    const manager = { id: crypto.randomUUID(), answers: answersFor('teammanager', specOf(2, 0, 'teammanager')) }
    expect((await req(`/api/s/${own}/responses`, { method: 'POST', json: manager })).status).toBe(201)
    const fabricated = await Promise.all([1, 2, 3, 4].map(() => link(s, 'T', 'teammanager')))
    for (const [i, token] of fabricated.entries()) {
      const res = await submit(token, answersFor('teammanager', specOf(0, i, 'teammanager')))
      expect(res.status).toBe(409)
      expect(((await res.json()) as { code?: string }).code).toBe('group-complete')
    }
    // The acknowledged set, retried, is still answered as before.
    expect((await req(`/api/s/${own}/responses`, { method: 'POST', json: manager })).status).toBe(200)
    expect((await req(`/api/s/${own}`)).status).toBe(409)

    // The lead raises the headcount while the wave is open: now the links take answers, and it shows.
    await ok(
      req(`/api/programmes/${s.programmeId}/partners/${s.ids.T}`, {
        method: 'PATCH',
        json: { headcounts: { teammanager: 5 } },
        cookie: lead,
      }),
    )
    for (const [i, token] of fabricated.entries())
      expect((await submit(token, answersFor('teammanager', specOf(0, i, 'teammanager')))).status).toBe(201)
    await closeWave(lead, s.waveId)
    // The record's day is the Dutch one (schema/format.ts TIME_ZONE): from 23:00 UTC it is tomorrow's UTC date.
    const today = dayOf(new Date())
    const limitedToT = await addViewer(lead, s.programmeId, s.ids.T!)
    const unlimited = await addViewer(lead, s.programmeId, null)
    for (const cookie of [lead, limitedToT.cookie, unlimited.cookie]) {
      for (const role of ['medewerker', 'teammanager'] as Role[]) {
        const d = await dashboard(s, role, cookie)
        const mine = d.changes.filter((c) => c.partnerId === s.ids.T)
        expect(mine).toContainEqual({
          partnerId: s.ids.T,
          partner: 'T',
          role: 'teammanager',
          kind: 'headcount',
          headcountFrom: 1,
          headcountTo: 5,
          day: today,
        })
        // The four more links (the group's first link, made before anyone answered, is setting up).
        expect(mine.filter((c) => c.kind === 'link' && c.role === 'teammanager')).toHaveLength(4)
      }
    }
  })

  it('(a″) raising the headcount by a re-pasted sheet is the same edit: recorded for every reader, and a lowering still bounds the group by the old count', async () => {
    const s = await programme({ T: { medewerker: 6, teammanager: 1 }, U: { medewerker: 6, teammanager: 6 } })
    const own = await link(s, 'T', 'teammanager')
    expect((await submit(own, answersFor('teammanager', specOf(2, 0, 'teammanager')))).status).toBe(201)
    const fabricated = await Promise.all([1, 2, 3, 4].map(() => link(s, 'T', 'teammanager')))
    expect((await submit(fabricated[0]!, answersFor('teammanager', specOf(0, 0, 'teammanager')))).status).toBe(409)
    // The sheet pasted again, T's team managers now 5 and U's staff 4: written with `headcounts: 'update'`.
    const paste = (headcounts?: 'update') =>
      ok<{ updated: unknown[] }>(
        req(`/api/programmes/${s.programmeId}/partners/import`, {
          method: 'POST',
          json: { text: 'T;6;5\nU;4;6', ...(headcounts ? { headcounts } : {}) },
          cookie: lead,
        }),
      )
    // Told, not written: the links take no more than before.
    expect((await paste()).updated).toEqual([])
    expect((await submit(fabricated[0]!, answersFor('teammanager', specOf(0, 0, 'teammanager')))).status).toBe(409)
    expect((await paste('update')).updated).toHaveLength(2)
    for (const [i, token] of fabricated.entries())
      expect((await submit(token, answersFor('teammanager', specOf(0, i, 'teammanager')))).status).toBe(201)
    // U's staff lowered to 4 while the wave is open: its group still takes the 6 it was opened with.
    const u = await link(s, 'U', 'medewerker')
    await answerAll(
      u,
      'medewerker',
      Array.from({ length: 6 }, (_, i) => specOf(1, i)),
    )
    await closeWave(lead, s.waveId)
    const today = dayOf(new Date())
    const limitedToT = await addViewer(lead, s.programmeId, s.ids.T!)
    const limitedToU = await addViewer(lead, s.programmeId, s.ids.U!)
    for (const cookie of [lead, limitedToT.cookie, limitedToU.cookie]) {
      const d = await dashboard(s, 'medewerker', cookie)
      const headcounts = d.changes.filter((c) => c.kind === 'headcount')
      expect(headcounts).toEqual(
        expect.arrayContaining([
          {
            partnerId: s.ids.T,
            partner: 'T',
            role: 'teammanager',
            kind: 'headcount',
            headcountFrom: 1,
            headcountTo: 5,
            day: today,
          },
          {
            partnerId: s.ids.U,
            partner: 'U',
            role: 'medewerker',
            kind: 'headcount',
            headcountFrom: 6,
            headcountTo: 4,
            day: today,
          },
        ]),
      )
      expect(headcounts).toHaveLength(2)
    }
    expect((await dashboard(s, 'medewerker')).partners.find((p) => p.id === s.ids.U)!.n).toBe(6)
  })

  it('(a‴) a second way in made by withdrawing the link and asking the link set to replace it is recorded as through one more link', async () => {
    // A hostile review: the replace of POST /link-set recorded a new link only where the group had a
    // working one, so withdrawing it first left the new way in off the record every reader sees.
    const s = await programme({ P: { medewerker: 20 }, Q: { medewerker: 20 }, R: { medewerker: 20 } })
    const firstLinks: Record<string, { id: string; token: string }> = {}
    for (const p of ['P', 'Q', 'R'] as const) {
      firstLinks[p] = await postJson(`/api/waves/${s.waveId}/links`, { partnerId: s.ids[p], role: 'medewerker' }, lead)
      // R has answers and P has none: each had a way in all the same.
      if (p !== 'P')
        await answerAll(
          firstLinks[p]!.token,
          'medewerker',
          [0, 1, 2].map((i) => specOf(1, i)),
        )
      const res = await req(`/api/waves/${s.waveId}/links/${firstLinks[p]!.id}`, { method: 'DELETE', cookie: lead })
      expect(res.status).toBe(204)
    }
    // Q through one more link, P and R through the replace.
    await link(s, 'Q', 'medewerker')
    const set = await ok<{ links: { partnerId: string; token: string }[] }>(
      req(`/api/waves/${s.waveId}/link-set`, {
        method: 'POST',
        json: {
          replace: true,
          groups: ['P', 'R'].map((p) => ({ partnerId: s.ids[p]!, role: 'medewerker' })),
        },
        cookie: lead,
      }),
    )
    expect(set.links).toHaveLength(2)
    const r = set.links.find((l) => l.partnerId === s.ids.R)!
    expect((await submit(r.token, answersFor('medewerker', specOf(1, 3)))).status).toBe(201)
    await closeWave(lead, s.waveId)
    const viewerOfR = await addViewer(lead, s.programmeId, s.ids.R!)
    for (const cookie of [lead, viewerOfR.cookie]) {
      const linked = (await dashboard(s, 'medewerker', cookie)).changes.filter((c) => c.kind === 'link')
      expect(linked.map((c) => c.partner).sort()).toEqual(['P', 'Q', 'R'])
    }
  })

  it('(a′) a whole partner fabricated after opening no longer exposes anyone; the change is shown to the readers of every partner', async () => {
    // A has 4 staff (hidden). The lead gives E, which has no staff, a headcount of 5 while the wave
    // is open and answers through E five times. Under the old rule E was then A's complement, and
    // total − C − D − E (E known to the lead) was A. Now the total is C + D + E: A is in no number.
    // The headcount change is recorded all the same, and a viewer limited to A sees it too.
    const s = await programme({ A: { medewerker: 4 }, C: { medewerker: 7 }, D: { medewerker: 12 }, E: {} })
    const specs = {
      A: [0, 1, 2, 3].map((i) => specOf(0, i)),
      C: Array.from({ length: 7 }, (_, i) => specOf(1, i)),
      D: Array.from({ length: 12 }, (_, i) => specOf(2, i)),
      E: Array.from({ length: 5 }, (_, i) => specOf(3, i)),
    }
    for (const p of ['A', 'C', 'D'] as const) await answerAll(await link(s, p, 'medewerker'), 'medewerker', specs[p])
    expect((await askLink(s, s.ids.E!, 'medewerker')).status).toBe(409)
    await ok(
      req(`/api/programmes/${s.programmeId}/partners/${s.ids.E}`, {
        method: 'PATCH',
        json: { headcount: 5 },
        cookie: lead,
      }),
    )
    const o = new Observer(() => Object.values(s.ids))
    // E had no headcount and no link before: every answer set in it is the lead's own.
    for (const role of ROLES) o.assumeEmpty(role, s.ids.E!)
    const e = await link(s, 'E', 'medewerker')
    for (const spec of specs.E) {
      expect((await submit(e, answersFor('medewerker', spec))).status).toBe(201)
      o.addOwn('medewerker', s.ids.E!, scoresOf('medewerker', spec), answersFor('medewerker', spec))
    }
    await closeWave(lead, s.waveId)
    const viewerOfA = await addViewer(lead, s.programmeId, s.ids.A!)
    await readEverything(o, s, 'lead', lead, Object.values(s.ids), true)
    await readEverything(o, s, 'viewer of A', viewerOfA.cookie, [s.ids.A!], false)
    const staff = await dashboard(s, 'medewerker')
    expect(Object.fromEntries(staff.partners.map((p) => [s.names[p.id], p.n]))).toEqual({ A: null, C: 7, D: 12, E: 5 })
    expect(staff.programme.n).toBe(24)
    expect(o.inconsistent()).toEqual([])
    expect(o.mentions('medewerker', s.ids.A!)).toEqual([])
    expect(o.determined().filter((d) => d.partner === s.ids.A)).toEqual([])
    // The attack as it worked before: with a total over all partners A's count and sums come out.
    oldTotalGivesA(o, s, specs, ['n', 'coaching:n', 'coaching:s', 'coaching:q'])
    // Recorded, for the lead and beside the numbers A's readers see (partner named or not).
    expect(staff.changes.some((c) => c.partnerId === s.ids.E && c.kind === 'headcount' && c.headcountTo === 5)).toBe(
      true,
    )
    const seen = (await dashboard(s, 'medewerker', viewerOfA.cookie)).changes
    expect(seen.filter((c) => c.role === 'medewerker' && c.kind === 'headcount' && c.headcountTo === 5)).toHaveLength(1)
  })

  it('(b) a partner added after opening gets no link and is not in the publication', async () => {
    const s = await programme({
      A: { medewerker: 4 },
      B: { medewerker: 5 },
      C: { medewerker: 7 },
      D: { medewerker: 12 },
    })
    for (const [p, n] of Object.entries({ A: 4, B: 5, C: 7, D: 12 }))
      await answerAll(
        await link(s, p, 'medewerker'),
        'medewerker',
        Array.from({ length: n }, (_, i) => specOf(p.charCodeAt(0), i)),
      )
    const { id: late } = await postJson(
      `/api/programmes/${s.programmeId}/partners`,
      { name: 'Late', headcount: 5, headcounts: { teammanager: 5, tactisch: 5 } },
      lead,
    )
    for (const role of ROLES) expect((await askLink(s, late, role)).status).toBe(409)
    const set = await ok<{ links: { partnerId: string }[]; skipped: { partnerId: string }[] }>(
      req(`/api/waves/${s.waveId}/link-set`, { method: 'POST', json: {}, cookie: lead }),
    )
    expect(set.links.filter((l) => l.partnerId === late)).toEqual([])
    expect(set.skipped.filter((l) => l.partnerId === late)).toHaveLength(3)
    await closeWave(lead, s.waveId)
    for (const role of ['medewerker', 'teammanager', 'tactisch'] as Role[]) {
      const d = await dashboard(s, role)
      expect(d.partners.map((p) => p.id)).not.toContain(late)
    }
    const staff = await dashboard(s, 'medewerker')
    expect(staff.programme.n).toBe(24)
    expect(Object.fromEntries(staff.partners.map((p) => [s.names[p.id], p.n]))).toEqual({ A: null, B: 5, C: 7, D: 12 })
    const row = await env.DB.prepare('SELECT body FROM publications WHERE wave_id = ?1')
      .bind(s.waveId)
      .first<{ body: string }>()
    expect(row!.body).not.toContain(late)
  })

  it('(b) 600 answer sets a minute through one link: refused (429) from the 31st', async () => {
    const s = await programme({ Big: { medewerker: 1000 } })
    const token = await link(s, 'Big', 'medewerker')
    let accepted = 0
    let limitedAt = 0
    for (let i = 0; i < 600 && !limitedAt; i++) {
      const res = await submit(token, answersFor('medewerker', specOf(1, i)))
      if (res.status === 201) accepted++
      else if (res.status === 429) limitedAt = i + 1
      else throw new Error(`unexpected ${res.status}`)
    }
    expect(limitedAt).toBeGreaterThan(0)
    expect(accepted).toBeLessThanOrEqual(30)
    const row = await env.DB.prepare('SELECT n FROM rollups WHERE wave_id = ?1').bind(s.waveId).first<{ n: number }>()
    expect(row!.n).toBe(accepted)
  })

  it('(b) an answer set of only "don\'t know" is refused (400 no-scores) and counts nowhere', async () => {
    const s = await programme({ P: { medewerker: 9, teammanager: 3, tactisch: 3 } })
    for (const role of ['medewerker', 'teammanager', 'tactisch'] as Role[]) {
      const token = await link(s, 'P', role)
      const res = await submit(token, answersFor(role, {}, 'dk'))
      expect(res.status).toBe(400)
      expect(((await res.json()) as { code?: string }).code).toBe('no-scores')
    }
    const rows = await env.DB.prepare('SELECT count(*) AS c FROM rollups WHERE wave_id = ?1')
      .bind(s.waveId)
      .first<{ c: number }>()
    expect(rows!.c).toBe(0)
    const d = await dashboard(s, 'medewerker')
    expect(d.participation!.find((p) => p.id === s.ids.P)!.roles).toEqual({
      medewerker: { status: 'none', n: null, rate: null },
      teammanager: { status: 'none', n: null, rate: null },
      tactisch: { status: 'none', n: null, rate: null },
    })
  })
})

describe('attack 4: the wave lifecycle', () => {
  it('refuses to move a wave with answers into the future, reopen it, delete it or change its instrument; the publication stays the same', async () => {
    const s = await programme({ A: { medewerker: 4 }, B: { medewerker: 5 }, C: { medewerker: 7 } })
    for (const [p, n] of Object.entries({ A: 4, B: 5, C: 7 }))
      await answerAll(
        await link(s, p, 'medewerker'),
        'medewerker',
        Array.from({ length: n }, (_, i) => specOf(p.charCodeAt(0), i)),
      )
    const token = await link(s, 'A', 'medewerker')
    const future = (days: number) => new Date(Date.now() + days * DAY).toISOString()
    const patch = (json: unknown) => req(`/api/waves/${s.waveId}`, { method: 'PATCH', json, cookie: lead })
    // While open, with answers: not back to planned, not deleted, not another instrument.
    expect((await patch({ opensAt: future(5), closesAt: future(30) })).status).toBe(409)
    expect((await patch({ opensAt: future(5) })).status).toBe(409)
    expect((await req(`/api/waves/${s.waveId}`, { method: 'DELETE', cookie: lead })).status).toBe(409)
    // The wave has the latest version (adversary.ts `ins`); "another instrument" is any other version.
    const otherVersion = ins.version === 1 ? 2 : 1
    expect([400, 409]).toContain((await patch({ instrumentVersion: otherVersion })).status)
    await closeWave(lead, s.waveId)

    const snapshot = async () => {
      const views = await Promise.all(
        (['medewerker', 'teammanager', 'tactisch'] as Role[]).map((r) =>
          req(`/api/programmes/${s.programmeId}/dashboard?wave=${s.waveId}&role=${r}`, { cookie: lead }).then((x) =>
            x.json(),
          ),
        ),
      )
      const trends = await Promise.all(
        Object.values(s.ids).map((p) =>
          req(`/api/programmes/${s.programmeId}/trend?role=medewerker&partner=${p}`, { cookie: lead }).then((x) =>
            x.json(),
          ),
        ),
      )
      const row = await env.DB.prepare('SELECT body FROM publications WHERE wave_id = ?1')
        .bind(s.waveId)
        .first<{ body: string }>()
      const wave = await env.DB.prepare('SELECT * FROM waves WHERE id = ?1').bind(s.waveId).first()
      const rollups = await env.DB.prepare('SELECT * FROM rollups WHERE wave_id = ?1 ORDER BY partner_id, role')
        .bind(s.waveId)
        .all()
      return JSON.stringify({
        views: views.map((v) => ({
          ...(v as object),
          waves: undefined,
          wave: { ...(v as { wave: object }).wave, state: undefined },
        })),
        trends,
        row,
        wave,
        rollups: rollups.results,
        csv: await (await csv(s)).text(),
      })
    }
    const before = await snapshot()
    expect(JSON.parse(before).row).not.toBeNull()

    const attempts: [string, () => Promise<Response>][] = [
      ['move into the future', () => patch({ opensAt: future(5), closesAt: future(30) })],
      ['make it planned again by its opening date', () => patch({ opensAt: future(1) })],
      ['reopen by a later closing date', () => patch({ closesAt: future(10) })],
      ['delete', () => req(`/api/waves/${s.waveId}`, { method: 'DELETE', cookie: lead })],
      ['change the instrument', () => patch({ instrumentVersion: otherVersion })],
      [
        'change the instrument to the same and reopen',
        () => patch({ instrumentVersion: ins.version, closesAt: future(3) }),
      ],
    ]
    for (const [what, attempt] of attempts) {
      const res = await attempt()
      expect([400, 409], what).toContain(res.status)
    }
    // Still closed: no answer, no link; the same publication for everyone.
    expect((await submit(token, answersFor('medewerker', specOf(0, 9)))).status).toBe(410)
    expect((await askLink(s, s.ids.B!, 'medewerker')).status).toBe(409)
    expect(await snapshot()).toBe(before)
  })
})

describe('no side channel in response headers', () => {
  it('gives the same headers for two programmes that differ only in hidden cells', async () => {
    // The same visible numbers: B, C and D alike in both; A's staff group (hidden) with four answer
    // sets in one and two other ones in the other, and hidden manager and tactical groups only in
    // the first. Hidden groups are in no published number, the programme totals included.
    const name = `Keten gelijk ${crypto.randomUUID().slice(0, 6)}`
    const setA = [0, 1, 2, 3].map((i) => specOf(0, i, 'medewerker', true))
    const otherA = [0, 1].map((i) => specOf(3, i))
    const setB = [0, 1, 2, 3, 4].map((i) => specOf(3, i))
    const run = async (swap: boolean) => {
      const s = await programme(
        {
          A: { medewerker: 5, teammanager: 2 },
          B: { medewerker: 5 },
          C: { medewerker: 7, tactisch: 2 },
          D: { medewerker: 12 },
        },
        name,
      )
      await answerAll(await link(s, 'A', 'medewerker'), 'medewerker', swap ? otherA : setA)
      await answerAll(await link(s, 'B', 'medewerker'), 'medewerker', setB)
      await answerAll(
        await link(s, 'C', 'medewerker'),
        'medewerker',
        Array.from({ length: 7 }, (_, i) => specOf(1, i)),
      )
      await answerAll(
        await link(s, 'D', 'medewerker'),
        'medewerker',
        Array.from({ length: 12 }, (_, i) => specOf(2, i)),
      )
      if (!swap) {
        await answerAll(await link(s, 'A', 'teammanager'), 'teammanager', [
          specOf(1, 0, 'teammanager'),
          specOf(2, 1, 'teammanager'),
        ])
        await answerAll(await link(s, 'C', 'tactisch'), 'tactisch', [
          specOf(1, 0, 'tactisch'),
          specOf(4, 1, 'tactisch'),
        ])
      } else {
        // The same links, unanswered: the link records are alike in both programmes.
        await link(s, 'A', 'teammanager')
        await link(s, 'C', 'tactisch')
      }
      await closeWave(lead, s.waveId)
      return s
    }
    const x = await run(false)
    const y = await run(true)
    const vx = await addViewer(lead, x.programmeId, x.ids.A!)
    const vy = await addViewer(lead, y.programmeId, y.ids.A!)
    const paths = (s: Setup) => [
      ...(['medewerker', 'teammanager', 'tactisch'] as Role[]).map(
        (r) => `/api/programmes/${s.programmeId}/dashboard?wave=${s.waveId}&role=${r}`,
      ),
      ...(['medewerker', 'teammanager', 'tactisch'] as Role[]).flatMap((r) =>
        [null, ...Object.values(s.ids)].map(
          (p) => `/api/programmes/${s.programmeId}/trend?role=${r}${p ? `&partner=${p}` : ''}`,
        ),
      ),
      `/api/programmes/${s.programmeId}/export.csv?wave=${s.waveId}`,
    ]
    // Ids, and the waves' own moments and days, are the only things that may differ: the two are
    // made seconds apart, which may cross a minute (moments are given to it: 23:35Z and 23:36Z in a
    // CI run) or a Dutch midnight (a record's day).
    const ids = (s: Setup, text: string) =>
      [s.programmeId, s.waveId, ...Object.values(s.ids)]
        .reduce((t, id, i) => t.replaceAll(id, `#${i}`), text)
        .replace(/\d{4}-\d\d-\d\d(T\d\d:\d\d(:\d\d(\.\d{3})?)?Z)?/g, 'T')
    const normal = (text: string) => {
      if (!text.startsWith('{')) return text
      const body = JSON.parse(text) as { changes?: unknown[] }
      if (body.changes) body.changes = body.changes.map((c) => JSON.stringify(c)).sort()
      return body
    }
    const headers = (r: Response) => [...r.headers.entries()].filter(([h]) => h !== 'date').sort()
    const [px, py] = [paths(x), paths(y)]
    for (const [i, path] of px.entries()) {
      for (const [cx, cy] of [
        [lead, lead],
        [vx.cookie, vy.cookie],
      ] as const) {
        const [rx, ry] = [await req(path, { cookie: cx }), await req(py[i]!, { cookie: cy })]
        expect(ry.status, path).toBe(rx.status)
        expect(headers(ry), path).toEqual(headers(rx))
        expect(headers(rx).map(([h]) => h)).not.toContain('x-d1-rows-read')
        // Not only the headers: the bodies, ids aside, are the same too, so the two really differ
        // only in what is hidden (the record of changes is ordered by partner id: compared as a set).
        expect(normal(ids(y, await ry.text())), path).toEqual(normal(ids(x, await rx.text())))
      }
    }
    // About 80 requests in sequence: 4–7 s on a loaded two-core machine, so more than the default 5 s.
  }, 30_000)
})

/**
 * Question detail. Per group shown and question, the published parts (disagree,
 * neutral, agree, don't know) are further equations; a hidden group must be in none of them, and
 * nor may a question hidden in a shown group (fewer than k answers on the scale).
 */
describe('question detail: A = 4 (hidden), B = 5, C = 6 of whom 2 answer "don\'t know" to coaching_1, k = 5', () => {
  let s: Setup
  let o: Observer
  const specs = {
    A: [0, 1, 2, 3].map((i) => specOf(1, i)),
    B: [0, 1, 2, 3, 4].map((i) => specOf(2, i)),
    C: [0, 1, 2, 3, 4, 5].map((i) => specOf(3, i)),
  }
  /** C's answer sets: two of them "don't know" on coaching_1 only, which leaves coaching scored (3 of 4 items). */
  const answersOf = (p: keyof typeof specs, i: number) => {
    const a = answersFor('medewerker', specs[p][i]!)
    if (p === 'C' && i < 2) a.coaching_1 = ins.scale.dontKnow.value
    return a
  }
  let leadView: ResultsJson
  let viewerView: ResultsJson

  beforeAll(async () => {
    s = await programme({ A: { medewerker: 4 }, B: { medewerker: 5 }, C: { medewerker: 6 } })
    for (const p of ['A', 'B', 'C'] as const) {
      const token = await link(s, p, 'medewerker')
      for (let i = 0; i < specs[p].length; i++) expect((await submit(token, answersOf(p, i))).status).toBe(201)
    }
    const viewer = await addViewer(lead, s.programmeId, s.ids.A!)
    await closeWave(lead, s.waveId)
    o = new Observer(() => Object.values(s.ids))
    leadView = await dashboard(s, 'medewerker')
    viewerView = await dashboard(s, 'medewerker', viewer.cookie)
    o.dashboard('lead', leadView)
    o.dashboard('viewer:A', viewerView)
  })

  it("shows B's and C's questions, C's coaching_1 hidden (4 on the scale) and with it the rest of coaching while coaching's score shows; A none; the programme the sum of what is shown", () => {
    const q = leadView.questions!
    expect(q.partners[s.ids.A!]).toBeNull()
    expect(leadView.partners.find((p) => p.id === s.ids.C)!.scores!.coaching).not.toBeNull()
    // Beside coaching's score, made of their answers, C's other coaching questions would give coaching_1 away.
    expect(q.partners[s.ids.C!]!.coaching_1).toBeNull()
    expect(q.partners[s.ids.C!]!.coaching_2).toBeNull()
    expect(q.partners[s.ids.C!]!.kader_1).not.toBeNull()
    expect(q.programme!.coaching_1).toEqual(q.partners[s.ids.B!]!.coaching_1)
    expect(q.programme!.coaching_2).toEqual(q.partners[s.ids.B!]!.coaching_2)
    expect(q.programme!.kader_1!.n).toBe(11)
    // The limited viewer gets its own partner's question cell (none: hidden) and the same programme.
    expect(viewerView.questions).toEqual({ ...q, partners: { [s.ids.A!]: null } })
  })

  it("puts neither A nor C's hidden question into any equation, and determines nothing about either", () => {
    expect(o.inconsistent()).toEqual([])
    expect(o.mentions('medewerker', s.ids.A!)).toEqual([])
    expect(o.mentions('medewerker', s.ids.C!, 'q:coaching_1')).toEqual([])
    expect(o.mentions('medewerker', s.ids.C!, 'q:coaching_2')).toEqual([])
    // C's questions of other dimensions are in equations (the model reads them), so the checks above are not empty by accident.
    expect(o.mentions('medewerker', s.ids.C!, 'q:kader_1').length).toBeGreaterThan(0)
    const found = o
      .determined()
      .filter((d) => d.partner === s.ids.A || (d.partner === s.ids.C && d.quantity.startsWith('q:coaching_1:')))
    expect(found).toEqual([])
  })

  it("would give A's answers away under a programme total over all partners (the rule before complementary suppression)", () => {
    // A's "agree" count on kader_1 from the shown cells plus a total that included A.
    const real = truth('medewerker', specs.A)
    const all = Object.values(s.ids)
    const shown = [s.ids.B!, s.ids.C!].map((id) => leadView.questions!.partners[id]!.kader_1!.agree.count)
    const old = withOldTotal(
      o,
      'medewerker',
      'q:kader_1:agree',
      all,
      real('q:kader_1:agree') + shown.reduce((a, b) => a + b, 0),
    )
    expect(old.determined().get(s.ids.A!)?.toString()).toBe(String(real('q:kader_1:agree')))
  })
})

/**
 * What k allows inside a shown group, documented: a reader who knows k − 1 of a shown group's k
 * answer sets (its own, say, or colleagues') learns the last one's part (disagree, neutral, agree
 * or don't know) on every question, exactly as it learns that person's dimension scores from the
 * group's mean. The anonymity rules (README, "Threat model") protect groups below k, and accept
 * this within a shown group: k is the smallest group whose totals are published. Question detail
 * says no more than the parts (never the scale point itself: the API and page show four parts,
 * the publication's per-point counts are for the programme's own later derivations), and counts
 * per question are marginals: they never tell which answers on different questions came from one
 * person, once two or more answer sets are unknown.
 */
describe('question detail inside a shown group of k with k − 1 answer sets known (accepted, as for scores)', () => {
  it("gives the last person's part on each question, as the group's mean gives their dimension score", async () => {
    const s = await programme({ B: { medewerker: 5 } })
    const token = await link(s, 'B', 'medewerker')
    const o = new Observer(() => [s.ids.B!])
    const known = [0, 1, 2, 3].map((i) => specOf(2, i))
    for (const spec of known) {
      expect((await submit(token, answersFor('medewerker', spec))).status).toBe(201)
      o.addOwn('medewerker', s.ids.B!, scoresOf('medewerker', spec), answersFor('medewerker', spec))
    }
    const last = specOf(0, 9)
    expect((await submit(token, answersFor('medewerker', last))).status).toBe(201)
    await closeWave(lead, s.waveId)
    o.dashboard('lead', await dashboard(s, 'medewerker'))
    expect(o.inconsistent()).toEqual([])
    const determined = new Map(
      o
        .determined()
        .filter((d) => d.partner === s.ids.B)
        .map((d) => [d.quantity, d.value.toString()]),
    )
    const real = truth('medewerker', [last])
    // The dimension score of the last person, from the mean (as published before question detail)…
    expect(determined.get('coaching:s')).toBe(String(real('coaching:s')))
    // …and its part on each question, from the question detail: no more than that.
    for (const q of ['coaching_1', 'coaching_3', 'steun_2'])
      for (const part of PARTS) expect(determined.get(`q:${q}:${part}`)).toBe(String(real(`q:${q}:${part}`)))
  })
})
