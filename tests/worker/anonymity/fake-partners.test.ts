import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSession, createUser } from '../../../worker/db/users.ts'
import { questionsFor } from '../../../worker/domain/instrument-rules.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { errorsEn } from '../../../worker/i18n/errors-en.ts'
import { closeWave, postJson, signInAdmin } from '../helpers.ts'
import { DAY, ins, ok, req, submit, type MomentsJson } from './adversary.ts'

/**
 * A lead beats the quality view's "3 partners, 100 answer sets" with two partners of their own
 * (a hostile reader's review): one real partner of 5 staff, answers the lead does not
 * know, beside 96 answer sets the lead sends through the made-up partners' links. The pool less
 * those is the real partner's item sums and cross-products, its floor and ceiling counts with its
 * answers per question are each question's whole distribution, and together they give back its 5
 * answer sets, exactly and as the only solution. No count can stop it, since the lead makes the
 * partners; so the view and its export are for administrators only (worker/services/quality-service.ts
 * `qualityOf`), and the second test keeps the attack itself, read as an administrator, as the proof of
 * what README's "What remains possible" says an administrator can still do.
 */

const radio = questionsFor(ins, 'medewerker').filter((q) => q.type === 'radiogroup')
const keyed = (name: string, v: number) => (radio.find((q) => q.name === name)!.reverse ? 6 - v : v)
/** The lead's own answer sets: every question 3. */
const MINE = 96

let admin: string
let lead: string
let pid: string
let wave: string
let real: Answers[]
let partner: string

beforeAll(async () => {
  admin = await signInAdmin()
  pid = (await postJson('/api/programmes', { name: 'Isolatie' }, admin)).id
  // A lead of this programme, not an administrator: made directly (sign-ins are rate limited).
  const user = await createUser(env.DB, `${crypto.randomUUID()}@fake-partners.test`, 'lead', null)
  await env.DB.prepare("INSERT INTO memberships (user_id, programme_id, role) VALUES (?1, ?2, 'lead')")
    .bind(user.id, pid)
    .run()
  lead = `kr_session=${await createSession(env.DB, user.id)}`
  partner = (await postJson(`/api/programmes/${pid}/partners`, { name: 'Echte partner', headcount: 5 }, lead)).id
  const fakes: string[] = []
  for (const name of ['Nep Q', 'Nep R'])
    fakes.push((await postJson(`/api/programmes/${pid}/partners`, { name, headcount: 60 }, lead)).id)
  const now = Date.now()
  wave = (
    await postJson(
      `/api/programmes/${pid}/waves`,
      {
        label: '2026-1',
        instrument: ins.id,
        opensAt: new Date(now - DAY).toISOString(),
        closesAt: new Date(now + 20 * DAY).toISOString(),
      },
      lead,
    )
  ).id
  const random = rng(7)
  real = Array.from({ length: 5 }, () => Object.fromEntries(radio.map((q) => [q.name, 1 + Math.floor(random() * 5)])))
  const link = await postJson<{ token: string }>(
    `/api/waves/${wave}/links`,
    { partnerId: partner, role: 'medewerker' },
    lead,
  )
  for (const a of real) expect((await submit(link.token, a)).status).toBe(201)
  const mine: Answers = Object.fromEntries(radio.map((q) => [q.name, 3]))
  for (const f of fakes)
    for (let done = 0; done < MINE / 2; done += 24) {
      const { token } = await postJson<{ token: string }>(
        `/api/waves/${wave}/links`,
        { partnerId: f, role: 'medewerker' },
        lead,
      )
      for (let i = 0; i < 24; i++) expect((await submit(token, mine)).status).toBe(201)
    }
  await closeWave(lead, wave)
}, 120_000)

/** Every ordering of a question's answers that keeps its cross-products with the questions already placed. */
function* orders(multiset: number[], placed: number[][], gram: (i: number) => number): Generator<number[]> {
  const n = multiset.length
  const used = new Array<boolean>(n).fill(false)
  const cur: number[] = []
  function* rec(): Generator<number[]> {
    if (cur.length === n) {
      if (placed.every((col, i) => col.reduce((a, x, r) => a + x * cur[r]!, 0) === gram(i))) yield [...cur]
      return
    }
    const seen = new Set<number>()
    for (let i = 0; i < n; i++) {
      if (used[i] || seen.has(multiset[i]!)) continue
      seen.add(multiset[i]!)
      used[i] = true
      cur.push(multiset[i]!)
      yield* rec()
      cur.pop()
      used[i] = false
    }
  }
  yield* rec()
}

describe('a lead with partners of their own', () => {
  it('is refused the quality view and its export, from the API and the page, and is offered no link to them', async () => {
    const q = `wave=${wave}&role=medewerker`
    for (const path of [`/api/programmes/${pid}/quality?${q}`, `/api/programmes/${pid}/quality/moments.json?${q}`]) {
      const res = await req(path, { cookie: lead })
      expect(res.status, path).toBe(403)
      expect(((await res.json()) as { code: string }).code).toBe('quality-admin-only')
    }
    const page = await req(`/app/programmes/${pid}/quality?${q}&lang=en`, { cookie: lead })
    expect(page.status).toBe(403)
    expect(await page.text()).toContain(errorsEn['quality-admin-only']().replace(/'/g, '&#39;'))
    const results = await (await req(`/app/programmes/${pid}?wave=${wave}&lang=en`, { cookie: lead })).text()
    expect(results).not.toContain('/quality?')
    const asAdmin = await (await req(`/app/programmes/${pid}?wave=${wave}&lang=en`, { cookie: admin })).text()
    expect(asAdmin).toContain(`/app/programmes/${pid}/quality?`)
  })

  it("gives back the real partner's five answer sets to whoever reads both, as an administrator can", async () => {
    const q = `wave=${wave}&role=medewerker`
    const view = await ok<{
      shown: boolean
      questions: { name: string; asked: number; dontKnowRate: number; floorShare: number; ceilingShare: number }[]
    }>(req(`/api/programmes/${pid}/quality?${q}`, { cookie: admin }))
    expect(view.shown).toBe(true)
    const exp = await ok<MomentsJson>(req(`/api/programmes/${pid}/quality/moments.json?${q}`, { cookie: admin }))
    type Bars = { disagree: { count: number }; neutral: { count: number }; agree: { count: number } }
    const dash = await ok<{ questions: { partners: Record<string, Record<string, Bars | null>> } }>(
      req(`/api/programmes/${pid}/dashboard?${q}&questions=all`, { cookie: lead }),
    )
    // Per question, the real partner's whole distribution: floor and ceiling from the view (the lead's are all 3), the rest from its bars.
    const dist: Record<string, number[]> = {}
    for (const x of view.questions) {
      const onScale = x.asked * (1 - x.dontKnowRate)
      const floor = Math.round(x.floorShare * onScale)
      const ceiling = Math.round(x.ceilingShare * onScale)
      const bars = dash.questions.partners[partner]![x.name]!
      const counts = [floor, bars.disagree.count - floor, bars.neutral.count, bars.agree.count - ceiling, ceiling]
      dist[x.name] = counts.flatMap((c, i) => new Array<number>(c).fill(keyed(x.name, i + 1)))
    }
    let rebuilt = 0
    for (const s of Object.values(exp.scales)) {
      const n = s.n!
      const sum = s.means!.map((m) => m * n)
      const cross = s.covariance!.map((row, i) => row.map((c, j) => c * (n - 1) + (sum[i]! * sum[j]!) / n))
      const f = s.items.map((it) => keyed(it, 3))
      const gram = cross.map((row, i) => row.map((c, j) => Math.round(c - MINE * f[i]! * f[j]!)))
      const truth = s.items.map((it) => real.map((a) => keyed(it, a[it] as number)))
      const solutions: number[][][] = []
      const search = (cols: number[][]) => {
        if (cols.length === s.items.length) return void solutions.push(cols.map((c) => [...c]))
        for (const o of orders(dist[s.items[cols.length]!]!, cols, (i) => gram[i]![cols.length]!)) search([...cols, o])
      }
      search([[...dist[s.items[0]!]!].sort()])
      const rowsOf = (cols: number[][]) =>
        cols[0]!
          .map((_, r) => cols.map((c) => c[r]).join(''))
          .sort()
          .join('|')
      const distinct = new Set(solutions.map(rowsOf))
      if (distinct.size === 1 && distinct.has(rowsOf(truth))) rebuilt++
    }
    expect(rebuilt).toBe(Object.keys(exp.scales).length)
  }, 60_000)
})
