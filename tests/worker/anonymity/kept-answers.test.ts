/**
 * Answers kept in the isolate (worker/services/answer-cache.ts): the dashboard's JSON and the
 * results page's HTML are kept under a key of everything they are made from, so a kept answer
 * must be, byte for byte, the answer made afresh for the same reader at the same moment. Each case
 * reads with the cache warmed by another reader or by the state before a change, then again with
 * the cache emptied, and compares: a key that missed the reader's partner limit, whether they lead,
 * a publication made again, a recorded action or an open wave's participation would serve the
 * first answer, and the case fails.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { answerCache, keptAnswer } from '../../../worker/services/answer-cache.ts'
import { addWave, closeWave, postJson, signInAdmin } from '../helpers.ts'
import { addViewer, answersFor, ok, req, submit } from './adversary.ts'

let lead: string
let pid: string
let closed: string
let open: string
const ids: Record<string, string> = {}
const openLinks: Record<string, string> = {}
let viewerA: string
let viewerAll: string

/** What `cookie` is answered at `path` with what the isolate holds now, and made afresh. */
async function keptAndFresh(path: string, cookie: string): Promise<{ kept: string; fresh: string }> {
  const res = await req(path, { cookie })
  expect(res.status).toBe(200)
  const kept = await res.text()
  answerCache.clear()
  const again = await req(path, { cookie })
  return { kept, fresh: await again.text() }
}

const dashboard = (wave = closed) => `/api/programmes/${pid}/dashboard?role=medewerker&wave=${wave}`
const page = () => `/app/programmes/${pid}?wave=${closed}&role=medewerker&lang=en`

beforeAll(async () => {
  lead = await signInAdmin()
  pid = (await postJson('/api/programmes', { name: `Bewaard ${crypto.randomUUID().slice(0, 8)}` }, lead)).id
  for (const name of ['Alfa', 'Bravo', 'Charlie', 'Delta'])
    ids[name] = (
      await postJson(
        `/api/programmes/${pid}/partners`,
        { name, headcount: 40, headcounts: { teammanager: 40, tactisch: 40 } },
        lead,
      )
    ).id
  closed = await addWave(lead, pid, { label: 'Gesloten', opensInDays: -10, closesInDays: 20 })
  for (const [name, id] of Object.entries(ids)) {
    const { token } = await postJson<{ token: string }>(
      `/api/waves/${closed}/links`,
      { partnerId: id, role: 'medewerker' },
      lead,
    )
    for (let i = 0; i < 6; i++)
      expect((await submit(token, answersFor('medewerker', { coaching: ((i + name.length) % 5) + 1 }))).status).toBe(
        201,
      )
  }
  await closeWave(lead, closed)
  open = await addWave(lead, pid, { label: 'Open', opensInDays: 0, closesInDays: 20 })
  for (const [name, id] of Object.entries(ids))
    openLinks[name] = (
      await postJson<{ token: string }>(`/api/waves/${open}/links`, { partnerId: id, role: 'medewerker' }, lead)
    ).token
  viewerA = (await addViewer(lead, pid, ids.Alfa!)).cookie
  viewerAll = (await addViewer(lead, pid, null)).cookie
})

describe('an answer kept in the isolate', { timeout: 60_000 }, () => {
  it('is kept: a second read of the same answer adds nothing to what is kept', async () => {
    answerCache.clear()
    const first = await (await req(dashboard(), { cookie: lead })).text()
    expect(answerCache.size()).toBe(1)
    expect(await (await req(dashboard(), { cookie: lead })).text()).toBe(first)
    expect(answerCache.size()).toBe(1)
  })

  it("is never another reader's: a viewer of one partner after a lead, a lead after that viewer", async () => {
    for (const path of [dashboard(), page()]) {
      answerCache.clear()
      await req(path, { cookie: lead })
      const limited = await keptAndFresh(path, viewerA)
      expect(limited.kept).toBe(limited.fresh)
      // The viewer of Alfa sees no other partner by name.
      for (const other of ['Bravo', 'Charlie', 'Delta']) expect(limited.kept).not.toContain(other)
      await req(path, { cookie: viewerA })
      const whole = await keptAndFresh(path, lead)
      expect(whole.kept).toBe(whole.fresh)
      expect(whole.kept).toContain('Delta')
      // A viewer of every partner, after the lead, as the lead reads it less what only a lead sees.
      await req(path, { cookie: lead })
      const viewer = await keptAndFresh(path, viewerAll)
      expect(viewer.kept).toBe(viewer.fresh)
      // Neither leads: only the partner limit tells the two viewers apart.
      await req(path, { cookie: viewerAll })
      const one = await keptAndFresh(path, viewerA)
      expect(one.kept).toBe(one.fresh)
      expect(one.kept).not.toContain('Delta')
    }
  })

  it("follows an open wave's participation, which a lead sees and a viewer does not", async () => {
    answerCache.clear()
    const before = await ok<{ participation: { id: string; roles: { medewerker: { n: number | null } } }[] | null }>(
      req(dashboard(open), { cookie: lead }),
    )
    expect(before.participation).not.toBeNull()
    const viewer = await keptAndFresh(dashboard(open), viewerAll)
    expect(viewer.kept).toBe(viewer.fresh)
    expect(JSON.parse(viewer.kept).participation).toBeNull()
    await req(dashboard(open), { cookie: lead })
    for (let i = 0; i < 5; i++) expect((await submit(openLinks.Alfa!, answersFor('medewerker', {}))).status).toBe(201)
    const after = await keptAndFresh(dashboard(open), lead)
    expect(after.kept).toBe(after.fresh)
    expect(after.kept).not.toBe(JSON.stringify(before))
  })

  it('turns on nothing the reader cannot see: whether a read was kept shows in its time', async () => {
    // A kept read is several times faster than one made afresh (BENCHMARKS.md, "A read answered
    // from what the isolate holds"), so a key turned by a hidden count tells the reader it moved.
    await submit(openLinks.Bravo!, answersFor('medewerker', {}))
    answerCache.clear()
    const reads = async () => {
      for (const [path, cookie] of [
        [dashboard(open), lead],
        [dashboard(), viewerA],
        [page(), viewerA],
      ] as const)
        expect((await req(path, { cookie })).status).toBe(200)
    }
    await reads()
    const kept = answerCache.size()
    expect(kept).toBe(3)
    // Bravo's open group from 1 answer to 3, still under k: the lead is shown "fewer than 5" before
    // and after; the viewer of Alfa is shown nothing of it. An action on Bravo, which Alfa's viewer
    // does not see. Each read again is the one kept.
    expect((await submit(openLinks.Bravo!, answersFor('medewerker', {}))).status).toBe(201)
    expect((await submit(openLinks.Bravo!, answersFor('medewerker', {}))).status).toBe(201)
    await postJson(
      `/api/programmes/${pid}/actions`,
      { waveId: closed, partnerId: ids.Bravo, dimension: 'coaching', what: 'Niet voor Alfa' },
      lead,
    )
    await reads()
    expect(answerCache.size()).toBe(kept)
    // And kept is what a fresh read gives.
    for (const [path, cookie] of [
      [dashboard(open), lead],
      [page(), viewerA],
    ] as const) {
      const { kept: k, fresh } = await keptAndFresh(path, cookie)
      expect(k).toBe(fresh)
    }
  })

  it('follows the query, the language, the action policy and a headcount', async () => {
    // Each second read with the first one's answer kept: equal keys would serve it.
    const pairs: [string, string, string][] = [
      [dashboard(), `/api/programmes/${pid}/dashboard?role=teammanager&wave=${closed}`, lead],
      [dashboard(), dashboard(open), lead],
      [dashboard(), `${dashboard()}&questions=all`, lead],
      [page(), page().replace('lang=en', 'lang=nl'), lead],
      [page(), page().replace('role=medewerker', 'role=teammanager'), viewerA],
    ]
    for (const [first, second, cookie] of pairs) {
      answerCache.clear()
      const one = await (await req(first, { cookie })).text()
      const { kept, fresh } = await keptAndFresh(second, cookie)
      expect(kept, second).toBe(fresh)
      expect(kept, second).not.toBe(one)
    }
    // The language remembered in the cookie, the address the same.
    answerCache.clear()
    const bare = page().replace('&lang=en', '')
    const dutch = await (await req(bare, { cookie: `${lead}; kr_lang=nl` })).text()
    const english = await keptAndFresh(bare, `${lead}; kr_lang=en`)
    expect(english.kept).toBe(english.fresh)
    expect(english.kept).not.toBe(dutch)
    // Whether Alfa's viewer may record Alfa's actions: the form comes and goes on their page.
    answerCache.clear()
    const before = await (await req(page(), { cookie: viewerA })).text()
    await ok(
      req(`/api/programmes/${pid}/action-policy`, { method: 'PUT', json: { partnerViewers: true }, cookie: lead }),
    )
    const allowed = await keptAndFresh(page(), viewerA)
    expect(allowed.kept).toBe(allowed.fresh)
    expect(allowed.kept).toContain('id="action-form"')
    expect(before).not.toContain('id="action-form"')
    await ok(
      req(`/api/programmes/${pid}/action-policy`, { method: 'PUT', json: { partnerViewers: false }, cookie: lead }),
    )
    // A headcount, from which the lead's open wave gives its response rates.
    answerCache.clear()
    await req(dashboard(open), { cookie: lead })
    await ok(
      req(`/api/programmes/${pid}/partners/${ids.Alfa}`, { method: 'PATCH', json: { headcount: 7 }, cookie: lead }),
    )
    const rates = await keptAndFresh(dashboard(open), lead)
    expect(rates.kept).toBe(rates.fresh)
    // A partner renamed: the name is in every answer, read from the partners' rows.
    await req(page(), { cookie: lead })
    await ok(
      req(`/api/programmes/${pid}/partners/${ids.Delta}`, { method: 'PATCH', json: { name: 'Echo' }, cookie: lead }),
    )
    const renamed = await keptAndFresh(page(), lead)
    expect(renamed.kept).toBe(renamed.fresh)
    expect(renamed.kept).toContain('Echo')
  })

  it('keeps one page for an address padded with parameters the page does not read', async () => {
    answerCache.clear()
    const first = await (await req(page(), { cookie: lead })).text()
    for (let i = 0; i < 5; i++) expect(await (await req(`${page()}&x=${i}`, { cookie: lead })).text()).toBe(first)
    expect(answerCache.size()).toBe(1)
  })

  it('follows a publication made again from other rows', async () => {
    for (const path of [dashboard(), page()]) {
      answerCache.clear()
      const first = await (await req(path, { cookie: lead })).text()
      expect(first).toContain('Charlie')
      // Made again without Charlie's staff: the same wave, a new stored text with a new stamp
      // (schema/migrations/0016_publication_stamp.sql), as a restore or a hand edit would leave it.
      const row = await env.DB.prepare('SELECT body, questions FROM publications WHERE wave_id = ?1')
        .bind(closed)
        .first<{ body: string; questions: string }>()
      await env.DB.prepare('UPDATE publications SET body = ?2, questions = ?3 WHERE wave_id = ?1')
        .bind(closed, row!.body.replaceAll(ids.Charlie!, 'elders'), row!.questions.replaceAll(ids.Charlie!, 'elders'))
        .run()
      const after = await keptAndFresh(path, lead)
      expect(after.kept).toBe(after.fresh)
      expect(after.kept).not.toBe(first)
      await env.DB.prepare('UPDATE publications SET body = ?2, questions = ?3 WHERE wave_id = ?1')
        .bind(closed, row!.body, row!.questions)
        .run()
    }
  })

  it('follows an action recorded on the page', async () => {
    answerCache.clear()
    const first = await (await req(page(), { cookie: lead })).text()
    await postJson(
      `/api/programmes/${pid}/actions`,
      { waveId: closed, partnerId: ids.Alfa, dimension: 'coaching', what: 'Een gesprek per kwartaal' },
      lead,
    )
    const after = await keptAndFresh(page(), lead)
    expect(after.kept).toBe(after.fresh)
    expect(after.kept).not.toBe(first)
    expect(after.kept).toContain('Een gesprek per kwartaal')
  })

  it('is not served to a member removed since', async () => {
    const removed = await addViewer(lead, pid, ids.Bravo!)
    answerCache.clear()
    for (const path of [dashboard(), page()]) expect((await req(path, { cookie: removed.cookie })).status).toBe(200)
    await env.DB.prepare('DELETE FROM memberships WHERE user_id = ?1').bind(removed.id).run()
    expect((await req(dashboard(), { cookie: removed.cookie })).status).toBe(404)
    expect((await req(page(), { cookie: removed.cookie })).status).toBe(404)
  })

  it('is not kept when its key changed while it was made (a wave closing, the day turning), nor past the budget', async () => {
    answerCache.clear()
    let day = 'maandag'
    const made = await keptAnswer(
      () => `key ${day}`,
      () => {
        day = 'dinsdag'
        return 'made on monday'
      },
    )
    expect(made).toBe('made on monday')
    expect(answerCache.size()).toBe(0)
    expect(
      await keptAnswer(
        () => `key ${day}`,
        () => 'made on tuesday',
      ),
    ).toBe('made on tuesday')
    expect(
      await keptAnswer(
        () => `key ${day}`,
        () => 'made again',
      ),
    ).toBe('made on tuesday')
    const budget = answerCache.budget
    try {
      answerCache.budget = 40
      for (const n of [1, 2, 3])
        await keptAnswer(
          () => `k${n}`,
          () => 'x'.repeat(15),
        )
      // Each takes 17 characters of 40: the oldest went.
      expect(answerCache.size()).toBe(2)
      expect(answerCache.chars()).toBe(34)
      expect(
        await keptAnswer(
          () => 'k1',
          () => 'made anew',
        ),
      ).toBe('made anew')
    } finally {
      answerCache.budget = budget
      answerCache.clear()
    }
  })
})
