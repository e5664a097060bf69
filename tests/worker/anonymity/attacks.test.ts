/**
 * Issue 11's four recovered attacks, each replayed through the HTTP API with the issue's numbers,
 * and each required to fail now: what the attacker reads goes into an exact linear solver
 * (solver.ts) and no hidden group below k may come out. Where the attack used to work, the test
 * also shows that the same solver recovers the hidden group from the pre-fix release, so a
 * regression to it fails here.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { dimensionsFor } from '../../../worker/domain/instrument.ts'
import { closeWave, postJson, signInAdmin } from '../helpers.ts'
import { Frac, LinearSystem } from './solver.ts'
import { addViewer, answersFor, DAY, ins, Observer, ok, req, scoresOf, submit, type DashboardJson, type Spec, type TrendJson } from './adversary.ts'

let lead: string

beforeAll(async () => {
  lead = await signInAdmin()
})

type Setup = { programmeId: string; waveId: string; ids: Record<string, string>; names: Record<string, string> }

/** A programme whose partners have exactly the given headcounts, and one wave open since yesterday. */
async function programme(partners: Record<string, { medewerker?: number; teammanager?: number; tactisch?: number }>, name = `Keten ${crypto.randomUUID().slice(0, 8)}`): Promise<Setup> {
  const { id: programmeId } = await postJson('/api/programmes', { name }, lead)
  const ids: Record<string, string> = {}
  const names: Record<string, string> = {}
  for (const [p, h] of Object.entries(partners)) {
    const { id } = await postJson(`/api/programmes/${programmeId}/partners`, { name: p, headcount: h.medewerker ?? null, headcounts: { teammanager: h.teammanager ?? null, tactisch: h.tactisch ?? null } }, lead)
    ids[p] = id
    names[id] = p
  }
  const now = Date.now()
  const { id: waveId } = await postJson(`/api/programmes/${programmeId}/waves`, { label: '2026-1', instrument: 'coachende-manager', opensAt: new Date(now - DAY).toISOString(), closesAt: new Date(now + 20 * DAY).toISOString() }, lead)
  return { programmeId, waveId, ids, names }
}

const link = async (s: Setup, partner: string, role: Role) => (await postJson<{ token: string }>(`/api/waves/${s.waveId}/links`, { partnerId: s.ids[partner], role }, lead)).token

/** The i-th respondent's answers in a group: a different whole point per dimension, some "don't know". */
const specOf = (base: number, i: number, role: Role = 'medewerker', dk = false): Spec =>
  Object.fromEntries(dimensionsFor(ins, role).map((d, j) => [d, dk && j === (i % 3) ? 'dk' : ((base + i + j) % 5) + 1]))

async function answerAll(token: string, role: Role, specs: Spec[]) {
  for (const spec of specs) expect((await submit(token, answersFor(role, spec))).status).toBe(201)
}

async function dashboard(s: Setup, role: Role, cookie = lead): Promise<DashboardJson> {
  return ok<DashboardJson>(req(`/api/programmes/${s.programmeId}/dashboard?wave=${s.waveId}&role=${role}`, { cookie }))
}
async function trend(s: Setup, role: Role, partner: string | null, cookie = lead): Promise<TrendJson> {
  return ok<TrendJson>(req(`/api/programmes/${s.programmeId}/trend?role=${role}${partner ? `&partner=${partner}` : ''}`, { cookie }))
}
const csv = (s: Setup) => req(`/api/programmes/${s.programmeId}/export.csv?wave=${s.waveId}&lang=en`, { cookie: lead })

const cellOf = (c: { n: number | null; suppressed: boolean; scores: unknown }) => ({ n: c.n, suppressed: c.suppressed, scores: c.scores })

/** The true moments of a group from the answer sets the test gave it, in the Observer's units. */
function truth(role: Role, specs: Spec[]) {
  const o = new Observer(() => [])
  for (const spec of specs) o.addOwn(role, 'x', scoresOf(role, spec))
  return (q: string) => o.known.get(`${role}|x|${q}`) ?? 0
}

describe('attack 1: viewer-dependent suppression (A = 4, B = 5, C = 7, D = 12 staff, k = 5)', () => {
  let s: Setup
  const specs = { A: [0, 1, 2, 3].map((i) => specOf(0, i, 'medewerker', true)), B: [0, 1, 2, 3, 4].map((i) => specOf(2, i)), C: [0, 1, 2, 3, 4, 5, 6].map((i) => specOf(3, i)), D: Array.from({ length: 12 }, (_, i) => specOf(4, i)) }
  let leadView: DashboardJson
  let viewerView: DashboardJson
  let viewer: { cookie: string }
  let live: DashboardJson

  beforeAll(async () => {
    s = await programme({ A: { medewerker: 4 }, B: { medewerker: 5 }, C: { medewerker: 7 }, D: { medewerker: 12 } })
    for (const [p, list] of Object.entries(specs)) await answerAll(await link(s, p, 'medewerker'), 'medewerker', list)
    viewer = await addViewer(lead, s.programmeId, s.ids.B!)
    live = await dashboard(s, 'medewerker')
    await closeWave(lead, s.waveId)
    leadView = await dashboard(s, 'medewerker')
    viewerView = await dashboard(s, 'medewerker', viewer.cookie)
  })

  it('gives the lead C, D and the total; A and B hidden', () => {
    expect(leadView.published).toBe(true)
    expect(leadView.k).toBe(5)
    const shown = Object.fromEntries(leadView.partners.map((p) => [s.names[p.id], p.n]))
    expect(shown).toEqual({ A: null, B: null, C: 7, D: 12 })
    expect(leadView.programme.n).toBe(28)
  })

  it('gives the B-limited viewer a subset of the lead\'s cells with identical numbers, the total included', () => {
    expect(viewerView.partners.map((p) => p.id)).toEqual([s.ids.B])
    expect(cellOf(viewerView.programme)).toEqual(cellOf(leadView.programme))
    for (const p of viewerView.partners) expect(cellOf(p)).toEqual(cellOf(leadView.partners.find((x) => x.id === p.id)!))
    expect(viewerView.partners[0]).toMatchObject({ n: null, suppressed: true, scores: null })
  })

  it('leaves A undetermined from every view combined: total − shown cells never isolates it', async () => {
    const members = () => Object.values(s.ids)
    const o = new Observer(members)
    for (const role of ['medewerker', 'teammanager', 'tactisch'] as Role[]) {
      o.dashboard('lead', await dashboard(s, role))
      o.dashboard('viewer', await dashboard(s, role, viewer.cookie))
      o.trend('lead', await trend(s, role, null), s.waveId)
      o.trend('viewer', await trend(s, role, s.ids.B!, viewer.cookie), s.waveId)
      for (const p of Object.values(s.ids)) o.trend('lead', await trend(s, role, p), s.waveId)
    }
    const text = await (await csv(s)).text()
    o.csv('lead', text, (name) => (name === 'Programme as a whole' ? null : s.ids[name]!))
    expect(o.inconsistent()).toEqual([])
    const leaks = o.determined().filter((d) => d.partner === s.ids.A || d.partner === s.ids.B)
    expect(leaks).toEqual([])

    // The pre-fix release added B's cell (n = 5 and its sums) for the viewer: the same solver then
    // recovers A's count and every one of A's dimension sums exactly, as the issue did.
    const staff = o.systems.get('medewerker|n')!
    const before = new LinearSystem()
    before.add({ [s.ids.A!]: 1, [s.ids.B!]: 1, [s.ids.C!]: 1, [s.ids.D!]: 1 }, 28).add({ [s.ids.C!]: 1 }, 7).add({ [s.ids.D!]: 1 }, 12)
    expect(before.isDetermined(s.ids.A!)).toBe(false)
    before.add({ [s.ids.B!]: 1 }, 5)
    expect(before.determined().get(s.ids.A!)?.toString()).toBe('4')
    expect(staff.isDetermined(s.ids.A!)).toBe(false)
    const a = truth('medewerker', specs.A)
    const b = truth('medewerker', specs.B)
    for (const d of dimensionsFor(ins, 'medewerker')) {
      const sys = o.systems.get(`medewerker|${d}:s`)
      if (!sys) continue
      const withB = new LinearSystem()
      // What this run published, plus the pre-fix B cell.
      for (const r of sys.rref().rows) withB.add(Object.fromEntries(r.coeffs.map((c, j) => [sys.unknowns[j]!, c])), r.rhs)
      withB.add({ [s.ids.B!]: 1 }, b(`${d}:s`))
      expect(withB.determined().get(s.ids.A!)?.equals(Frac.of(a(`${d}:s`)))).toBe(true)
    }
  })

  it('adds nothing per dimension from open-wave participation: with the published total it gives counts only', async () => {
    // While open the lead saw B = 5, C = 7, D = 12 exactly ("from k on") and A as "few". With the
    // published total of 28 that is A's response count, 4, which a lead knows roughly from the
    // headcount anyway; but no dimension count or sum: participation has none.
    const o = new Observer(() => Object.values(s.ids))
    o.dashboard('lead', live)
    for (const p of live.participation!) {
      const r = p.roles.medewerker
      if (r.status === 'counted') o.cell('lead', 'medewerker', p.id, { n: r.n, suppressed: false, scores: {} }, false)
    }
    expect(live.participation!.map((p) => [s.names[p.id], p.roles.medewerker.status, p.roles.medewerker.n])).toEqual([['A', 'few', null], ['B', 'counted', 5], ['C', 'counted', 7], ['D', 'counted', 12]])
    o.dashboard('lead', leadView)
    o.dashboard('viewer', viewerView)
    expect(o.determined().filter((d) => d.partner === s.ids.A && d.quantity !== 'n')).toEqual([])
  })
})

describe('attack 2: live numbers while a wave is open', () => {
  let s: Setup
  let limited: { cookie: string }
  let unlimited: { cookie: string }
  const read = async (cookie: string) => Promise.all((['medewerker', 'teammanager', 'tactisch'] as Role[]).map((r) => dashboard(s, r, cookie)))

  beforeAll(async () => {
    // P: 7 staff answered so far, one more is about to; Q is the partner a limited viewer may see.
    s = await programme({ P: { medewerker: 8 }, Q: { medewerker: 9 } })
    await answerAll(await link(s, 'P', 'medewerker'), 'medewerker', Array.from({ length: 7 }, (_, i) => specOf(1, i, 'medewerker', true)))
    await answerAll(await link(s, 'Q', 'medewerker'), 'medewerker', Array.from({ length: 6 }, (_, i) => specOf(2, i)))
    limited = await addViewer(lead, s.programmeId, s.ids.Q!)
    unlimited = await addViewer(lead, s.programmeId, null)
  })

  it('shows no scores, gaps or per-dimension counts before and after one more answer; participation only counts', async () => {
    const o = new Observer(() => Object.values(s.ids))
    const before = { lead: await read(lead), limited: await read(limited.cookie), unlimited: await read(unlimited.cookie) }
    const token = await link(s, 'P', 'medewerker')
    const last = specOf(4, 0, 'medewerker', true)
    expect((await submit(token, answersFor('medewerker', last))).status).toBe(201)
    const after = { lead: await read(lead), limited: await read(limited.cookie), unlimited: await read(unlimited.cookie) }
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
    const p = (views: DashboardJson[]) => views[0]!.participation!.find((x) => x.id === s.ids.P)!.roles
    expect(p(before.lead).medewerker).toEqual({ status: 'counted', n: 7, rate: 7 / 8 })
    expect(p(after.lead).medewerker).toEqual({ status: 'counted', n: 8, rate: 1 })
    expect(p(after.lead).teammanager).toEqual({ status: 'none', n: null, rate: null })
    for (const views of [before.lead, after.lead]) {
      for (const part of views[0]!.participation!) for (const r of Object.values(part.roles)) expect(Object.keys(r).sort()).toEqual(['n', 'rate', 'status'])
    }
    // Not one equation on any dimension, so 8·m′ − 7·m has nothing to work on.
    expect([...o.systems.keys()].filter((k) => k.includes(':'))).toEqual([])
    expect(o.determined()).toEqual([])
    // Trend lists published waves only; the CSV of an open wave is refused.
    for (const cookie of [lead, limited.cookie]) expect((await trend(s, 'medewerker', cookie === lead ? null : s.ids.Q!, cookie)).waves).toEqual([])
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
    await ok(req(`/api/programmes/${s.programmeId}/partners/${s.ids.T}`, { method: 'PATCH', json: { headcounts: { teammanager: 5 } }, cookie: lead }))
    for (const [i, token] of fabricated.entries()) expect((await submit(token, answersFor('teammanager', specOf(0, i, 'teammanager')))).status).toBe(201)
    await closeWave(lead, s.waveId)
    const today = new Date().toISOString().slice(0, 10)
    const limitedToT = await addViewer(lead, s.programmeId, s.ids.T!)
    const unlimited = await addViewer(lead, s.programmeId, null)
    for (const cookie of [lead, limitedToT.cookie, unlimited.cookie]) {
      for (const role of ['medewerker', 'teammanager'] as Role[]) {
        const d = await dashboard(s, role, cookie)
        const mine = d.changes.filter((c) => c.partnerId === s.ids.T)
        expect(mine).toContainEqual({ partnerId: s.ids.T, partner: 'T', role: 'teammanager', kind: 'headcount', headcountFrom: 1, headcountTo: 5, day: today })
        // The four more links (the group's first link, made before anyone answered, is setting up).
        expect(mine.filter((c) => c.kind === 'link' && c.role === 'teammanager')).toHaveLength(4)
      }
    }
  })

  it('(a′) fabricating into another partner after opening is shown to the readers of the group it exposes', async () => {
    // A has 4 staff (hidden). The lead gives E, which has no staff, a headcount of 5 while the wave
    // is open and answers through E five times: E is then A's complement, and total − C − D − E
    // (E known to the lead) is A. The headcount change is recorded; a viewer limited to A, the
    // partner whose staff it exposes, must see that such a change was made in this wave too.
    const s = await programme({ A: { medewerker: 4 }, C: { medewerker: 7 }, D: { medewerker: 12 }, E: {} })
    await answerAll(await link(s, 'A', 'medewerker'), 'medewerker', [0, 1, 2, 3].map((i) => specOf(0, i)))
    await answerAll(await link(s, 'C', 'medewerker'), 'medewerker', Array.from({ length: 7 }, (_, i) => specOf(1, i)))
    await answerAll(await link(s, 'D', 'medewerker'), 'medewerker', Array.from({ length: 12 }, (_, i) => specOf(2, i)))
    expect((await req(`/api/waves/${s.waveId}/links`, { method: 'POST', json: { partnerId: s.ids.E, role: 'medewerker' }, cookie: lead })).status).toBe(409)
    await ok(req(`/api/programmes/${s.programmeId}/partners/${s.ids.E}`, { method: 'PATCH', json: { headcount: 5 }, cookie: lead }))
    const o = new Observer(() => Object.values(s.ids))
    // E had no headcount and no link before: every answer set in it is the lead's own.
    o.assumeEmpty('medewerker', s.ids.E!)
    const e = await link(s, 'E', 'medewerker')
    for (let i = 0; i < 5; i++) {
      const spec = specOf(3, i)
      expect((await submit(e, answersFor('medewerker', spec))).status).toBe(201)
      o.addOwn('medewerker', s.ids.E!, scoresOf('medewerker', spec))
    }
    await closeWave(lead, s.waveId)
    o.dashboard('lead', await dashboard(s, 'medewerker'))
    // The residual risk the issue accepts: bounded (E's headcount) and recorded, so visible.
    const exposed = o.determined().filter((d) => d.partner === s.ids.A)
    // The attack works: A's count and its dimension sums come out.
    expect(exposed.map((d) => d.quantity)).toContain('n')
    expect(exposed.map((d) => d.quantity)).toContain('coaching:s')
    const forLead = (await dashboard(s, 'medewerker')).changes
    expect(forLead.some((c) => c.partnerId === s.ids.E && c.kind === 'headcount' && c.headcountTo === 5)).toBe(true)
    const viewerOfA = await addViewer(lead, s.programmeId, s.ids.A!)
    const seen = (await dashboard(s, 'medewerker', viewerOfA.cookie)).changes
    // The change that exposes A's staff, beside the numbers A's readers see (partner named or not).
    expect(seen.filter((c) => c.role === 'medewerker' && c.kind === 'headcount' && c.headcountTo === 5)).toHaveLength(1)
  })

  it('(b) a partner added after opening gets no link and is not in the publication', async () => {
    const s = await programme({ A: { medewerker: 4 }, B: { medewerker: 5 }, C: { medewerker: 7 }, D: { medewerker: 12 } })
    for (const [p, n] of Object.entries({ A: 4, B: 5, C: 7, D: 12 })) await answerAll(await link(s, p, 'medewerker'), 'medewerker', Array.from({ length: n }, (_, i) => specOf(p.charCodeAt(0), i)))
    const { id: late } = await postJson(`/api/programmes/${s.programmeId}/partners`, { name: 'Late', headcount: 5, headcounts: { teammanager: 5, tactisch: 5 } }, lead)
    for (const role of ['medewerker', 'teammanager', 'tactisch']) {
      const res = await req(`/api/waves/${s.waveId}/links`, { method: 'POST', json: { partnerId: late, role }, cookie: lead })
      expect(res.status).toBe(409)
    }
    const set = await ok<{ links: { partnerId: string }[]; skipped: { partnerId: string }[] }>(req(`/api/waves/${s.waveId}/link-set`, { method: 'POST', json: {}, cookie: lead }))
    expect(set.links.filter((l) => l.partnerId === late)).toEqual([])
    expect(set.skipped.filter((l) => l.partnerId === late)).toHaveLength(3)
    await closeWave(lead, s.waveId)
    for (const role of ['medewerker', 'teammanager', 'tactisch'] as Role[]) {
      const d = await dashboard(s, role)
      expect(d.partners.map((p) => p.id)).not.toContain(late)
    }
    const staff = await dashboard(s, 'medewerker')
    expect(staff.programme.n).toBe(28)
    expect(Object.fromEntries(staff.partners.map((p) => [s.names[p.id], p.n]))).toEqual({ A: null, B: null, C: 7, D: 12 })
    const row = await env.DB.prepare('SELECT body FROM publications WHERE wave_id = ?1').bind(s.waveId).first<{ body: string }>()
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
    const rows = await env.DB.prepare('SELECT count(*) AS c FROM rollups WHERE wave_id = ?1').bind(s.waveId).first<{ c: number }>()
    expect(rows!.c).toBe(0)
    const d = await dashboard(s, 'medewerker')
    expect(d.participation!.find((p) => p.id === s.ids.P)!.roles).toEqual({ medewerker: { status: 'none', n: null, rate: null }, teammanager: { status: 'none', n: null, rate: null }, tactisch: { status: 'none', n: null, rate: null } })
  })
})

describe('attack 4: the wave lifecycle', () => {
  it('refuses to move a wave with answers into the future, reopen it, delete it or change its instrument; the publication stays the same', async () => {
    const s = await programme({ A: { medewerker: 4 }, B: { medewerker: 5 }, C: { medewerker: 7 } })
    for (const [p, n] of Object.entries({ A: 4, B: 5, C: 7 })) await answerAll(await link(s, p, 'medewerker'), 'medewerker', Array.from({ length: n }, (_, i) => specOf(p.charCodeAt(0), i)))
    const token = await link(s, 'A', 'medewerker')
    const future = (days: number) => new Date(Date.now() + days * DAY).toISOString()
    const patch = (json: unknown) => req(`/api/waves/${s.waveId}`, { method: 'PATCH', json, cookie: lead })
    // While open, with answers: not back to planned, not deleted, not another instrument.
    expect((await patch({ opensAt: future(5), closesAt: future(30) })).status).toBe(409)
    expect((await patch({ opensAt: future(5) })).status).toBe(409)
    expect((await req(`/api/waves/${s.waveId}`, { method: 'DELETE', cookie: lead })).status).toBe(409)
    expect([400, 409]).toContain((await patch({ instrumentVersion: 2 })).status)
    await closeWave(lead, s.waveId)

    const snapshot = async () => {
      const views = await Promise.all((['medewerker', 'teammanager', 'tactisch'] as Role[]).map((r) => req(`/api/programmes/${s.programmeId}/dashboard?wave=${s.waveId}&role=${r}`, { cookie: lead }).then((x) => x.json())))
      const trends = await Promise.all(Object.values(s.ids).map((p) => req(`/api/programmes/${s.programmeId}/trend?role=medewerker&partner=${p}`, { cookie: lead }).then((x) => x.json())))
      const row = await env.DB.prepare('SELECT body FROM publications WHERE wave_id = ?1').bind(s.waveId).first<{ body: string }>()
      const wave = await env.DB.prepare('SELECT * FROM waves WHERE id = ?1').bind(s.waveId).first()
      const rollups = await env.DB.prepare('SELECT * FROM rollups WHERE wave_id = ?1 ORDER BY partner_id, role').bind(s.waveId).all()
      return JSON.stringify({ views: views.map((v) => ({ ...(v as object), waves: undefined, wave: { ...(v as { wave: object }).wave, state: undefined } })), trends, row, wave, rollups: rollups.results, csv: await (await csv(s)).text() })
    }
    const before = await snapshot()
    expect(JSON.parse(before).row).not.toBeNull()

    const attempts: [string, () => Promise<Response>][] = [
      ['move into the future', () => patch({ opensAt: future(5), closesAt: future(30) })],
      ['make it planned again by its opening date', () => patch({ opensAt: future(1) })],
      ['reopen by a later closing date', () => patch({ closesAt: future(10) })],
      ['delete', () => req(`/api/waves/${s.waveId}`, { method: 'DELETE', cookie: lead })],
      ['change the instrument', () => patch({ instrumentVersion: 2 })],
      ['change the instrument to the same and reopen', () => patch({ instrumentVersion: 1, closesAt: future(3) })],
    ]
    for (const [what, attempt] of attempts) {
      const res = await attempt()
      expect([400, 409], what).toContain(res.status)
    }
    // Still closed: no answer, no link; the same publication for everyone.
    expect((await submit(token, answersFor('medewerker', specOf(0, 9)))).status).toBe(410)
    expect((await req(`/api/waves/${s.waveId}/links`, { method: 'POST', json: { partnerId: s.ids.B, role: 'medewerker' }, cookie: lead })).status).toBe(409)
    expect(await snapshot()).toBe(before)
  })
})

describe('no side channel in response headers', () => {
  it('gives the same headers for two programmes that differ only in hidden cells', async () => {
    // The same visible numbers: A's and B's answer sets swapped between the two (both hidden, the
    // total the same), and hidden manager and tactical groups only in the first.
    const name = `Keten gelijk ${crypto.randomUUID().slice(0, 6)}`
    const setA = [0, 1, 2, 3].map((i) => specOf(0, i, 'medewerker', true))
    const setB = [0, 1, 2, 3, 4].map((i) => specOf(3, i))
    const run = async (swap: boolean) => {
      const s = await programme({ A: { medewerker: 5, teammanager: 2 }, B: { medewerker: 5 }, C: { medewerker: 7, tactisch: 2 }, D: { medewerker: 12 } }, name)
      const forA = swap ? setB.slice(0, 4) : setA
      const forB = swap ? [...setA, setB[4]!] : setB
      await answerAll(await link(s, 'A', 'medewerker'), 'medewerker', forA)
      await answerAll(await link(s, 'B', 'medewerker'), 'medewerker', forB)
      await answerAll(await link(s, 'C', 'medewerker'), 'medewerker', Array.from({ length: 7 }, (_, i) => specOf(1, i)))
      await answerAll(await link(s, 'D', 'medewerker'), 'medewerker', Array.from({ length: 12 }, (_, i) => specOf(2, i)))
      if (!swap) {
        await answerAll(await link(s, 'A', 'teammanager'), 'teammanager', [specOf(1, 0, 'teammanager'), specOf(2, 1, 'teammanager')])
        await answerAll(await link(s, 'C', 'tactisch'), 'tactisch', [specOf(1, 0, 'tactisch'), specOf(4, 1, 'tactisch')])
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
      ...(['medewerker', 'teammanager', 'tactisch'] as Role[]).map((r) => `/api/programmes/${s.programmeId}/dashboard?wave=${s.waveId}&role=${r}`),
      ...(['medewerker', 'teammanager', 'tactisch'] as Role[]).flatMap((r) => [null, ...Object.values(s.ids)].map((p) => `/api/programmes/${s.programmeId}/trend?role=${r}${p ? `&partner=${p}` : ''}`)),
      `/api/programmes/${s.programmeId}/export.csv?wave=${s.waveId}`,
    ]
    // Ids, and the wave's own dates (made a second apart), are the only things that may differ.
    const ids = (s: Setup, text: string) => [s.programmeId, s.waveId, ...Object.values(s.ids)].reduce((t, id, i) => t.replaceAll(id, `#${i}`), text).replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z/g, 'T')
    const normal = (text: string) => {
      if (!text.startsWith('{')) return text
      const body = JSON.parse(text) as { changes?: unknown[] }
      if (body.changes) body.changes = body.changes.map((c) => JSON.stringify(c)).sort()
      return body
    }
    const headers = (r: Response) => [...r.headers.entries()].filter(([h]) => h !== 'date').sort()
    const [px, py] = [paths(x), paths(y)]
    for (const [i, path] of px.entries()) {
      for (const [cx, cy] of [[lead, lead], [vx.cookie, vy.cookie]] as const) {
        const [rx, ry] = [await req(path, { cookie: cx }), await req(py[i]!, { cookie: cy })]
        expect(ry.status, path).toBe(rx.status)
        expect(headers(ry), path).toEqual(headers(rx))
        expect(headers(rx).map(([h]) => h)).not.toContain('x-d1-rows-read')
        // Not only the headers: the bodies, ids aside, are the same too, so the two really differ
        // only in what is hidden (the record of changes is ordered by partner id: compared as a set).
        expect(normal(ids(y, await ry.text())), path).toEqual(normal(ids(x, await rx.text())))
      }
    }
  })
})
