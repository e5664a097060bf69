/**
 * Property: whatever an adversary does and reads, no hidden real group below k can be worked out.
 *
 * Each case is a random programme (2–6 partners, random group sizes per role including 0 and
 * sizes below k, random "don't know" patterns, k from 3 to 6) with one wave, and a random sequence
 * of adversary operations: reading views (dashboard, trend, CSV) as the lead and as viewers
 * limited to any partner, making links, answering through them with answer sets it knows, raising
 * headcounts, adding partners, limiting viewers, changing the wave's dates or closing it, and —
 * the reviewer's attack R1 (attacks.test.ts) — filling every place of a partner of its own, a
 * decoy with any headcounts it added before the wave opened. The honest respondents answer first
 * (their answer sets stored by the Worker's own scoring and rollup code, straight into D1, for
 * speed), and honest headcounts equal the real group sizes: the adversary has no room for answers
 * of its own in a real group unless it raises a headcount or makes a further link, which is
 * recorded. Afterwards every number it was shown becomes a linear equation over the honest part of
 * each group (response count, and per dimension its count, 12 × sum and 144 × sum of squares, per
 * partner and programme total, per role and reader; the programme total as the sum of the partners
 * shown, per dimension of those showing it; participation counts while open too), what it put in
 * itself is subtracted, and an exact solver (solver.ts) says what is determined. The property: a
 * hidden group is in no equation at all (zero coefficient everywhere), the readings fit that model
 * (every number a stand-out of the dashboard states is the shown value of a cell some reading
 * shows, never of a hidden one: worker/domain/standouts.ts adds nothing to the equations),
 * and no group with 1..k−1 real answer sets (per dimension: 1..k−1 real scores) is determined,
 * except in a role whose record shows a change after opening (a headcount raised, a further link
 * made) — and then every reader finds that change in `changes`: the residual risk is bounded and
 * visible.
 *
 * The final reads are few, for speed: the export as the lead (a complete view of every role), the
 * lead's dashboard in one role, and a viewer limited to a partner that view hides; the cases run
 * in two streams side by side (see the test).
 *
 * A failure names its stream and prints fast-check's seed and path. To replay exactly that case
 * (shrunk): set STREAMS to 1 and put `seed` and `path` into the `fc.assert` options below, i.e.
 *   fc.assert(prop, { numRuns: RUNS, seed: <seed>, path: '<path>', endOnFailure: true })
 * and run
 *   npx vitest run --project worker tests/worker/anonymity/property.test.ts
 * The failing case's operations and each reader's view are in the thrown message.
 */
import { env } from 'cloudflare:workers'
import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { dimensionsFor, scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { answerSetVector } from '../../../worker/domain/measurement-quality.ts'
import { itemsVector } from '../../../worker/domain/pooled-covariance.ts'
import { cellDelta } from '../../../worker/domain/rollup.ts'
import type { QualityJson } from '../../../worker/services/quality-service.ts'
import { questionDelta } from '../../../worker/domain/question-detail.ts'
import { scoreAnswers } from '../../../worker/domain/scoring.ts'
import { rng } from '../../../worker/domain/simulated-answers.ts'
import { signInAdmin } from '../helpers.ts'
import {
  addViewer,
  answersFor,
  DAY,
  ins,
  ok,
  Observer,
  partOf,
  req,
  ROLES,
  scoresOf,
  submit,
  type Change,
  type ResultsJson,
  type MomentsJson,
  type Spec,
  type TrendJson,
} from './adversary.ts'

const RUNS = 300
const STREAMS = 2
let stopped = false

type Reader = 'lead' | 'v0' | 'v1'
type Op =
  | { t: 'read'; reader: Reader; role: Role }
  | { t: 'trend'; reader: Reader; role: Role; partner: number | null }
  | { t: 'csv' }
  | { t: 'report'; reader: Reader; role: Role; partner: number }
  | { t: 'link'; partner: number; role: Role }
  | { t: 'answer'; partner: number; role: Role; seed: number }
  | { t: 'allDontKnow'; partner: number; role: Role }
  | { t: 'headcount'; partner: number; role: Role; by: number }
  | { t: 'fabricate'; partner: number; role: Role; by: number; seed: number }
  | { t: 'addPartner' }
  | { t: 'limit'; viewer: 'v0' | 'v1'; partner: number | null }
  | { t: 'extend' }
  | { t: 'moveOpens' }
  | { t: 'delete' }
  | { t: 'close' }
  | { t: 'reopen' }
  | { t: 'decoy'; role: Role }
  | { t: 'quality'; reader: Reader; role: Role }

type Sizes = { medewerker: number; teammanager: number; tactisch: number }
type Case = {
  k: number
  groups: Sizes[]
  /**
   * Three large partners, so that every role's pool reaches the quality view's 100 answer sets;
   * `tidy`: the other groups' sizes below k made 0, so that the view is shown unless a
   * dimension or question is hidden inside a shown cell (or the adversary makes a small group).
   */
  bulk: { sizes: Sizes[]; tidy: boolean } | null
  decoy: Sizes | null
  dontKnow: number
  seed: number
  preLinks: { partner: number; role: Role }[]
  ops: Op[]
}

const role = fc.constantFrom<Role>('medewerker', 'teammanager', 'tactisch')
const reader = fc.constantFrom<Reader>('lead', 'v0', 'v1')
const p = fc.nat({ max: 7 })
const op: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constant('read' as const), reader, role }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('trend' as const), reader, role, partner: fc.option(p, { nil: null }) }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'csv' as const }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('report' as const), reader, role, partner: p }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('link' as const), partner: p, role }) },
  { weight: 3, arbitrary: fc.record({ t: fc.constant('answer' as const), partner: p, role, seed: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('allDontKnow' as const), partner: p, role }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('headcount' as const),
      partner: p,
      role,
      by: fc.integer({ min: 1, max: 5 }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('fabricate' as const),
      partner: p,
      role,
      by: fc.integer({ min: 1, max: 6 }),
      seed: fc.nat(),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'addPartner' as const }) },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('limit' as const),
      viewer: fc.constantFrom<'v0' | 'v1'>('v0', 'v1'),
      partner: fc.option(p, { nil: null }),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      { t: 'extend' as const },
      { t: 'moveOpens' as const },
      { t: 'delete' as const },
      { t: 'reopen' as const },
    ),
  },
  { weight: 1, arbitrary: fc.constant({ t: 'close' as const }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('decoy' as const), role }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('quality' as const), reader, role }) },
)

/** Group sizes lean small: 0, below k, around k; now and then a larger one. */
const size = (max: number) =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(0) },
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 5 }) },
    { weight: 2, arbitrary: fc.integer({ min: 5, max: max }) },
  )

const caseArb: fc.Arbitrary<Case> = fc.record({
  k: fc.integer({ min: 3, max: 6 }),
  groups: fc.array(fc.record({ medewerker: size(9), teammanager: size(7), tactisch: size(6) }), {
    minLength: 2,
    maxLength: 6,
  }),
  bulk: fc.option(
    fc.record({
      sizes: fc.array(
        fc.record({
          medewerker: fc.integer({ min: 34, max: 40 }),
          teammanager: fc.integer({ min: 34, max: 40 }),
          tactisch: fc.integer({ min: 34, max: 40 }),
        }),
        { minLength: 3, maxLength: 3 },
      ),
      tidy: fc.boolean(),
    }),
    { nil: null, freq: 2 },
  ),
  // A partner of the adversary's own, added before the wave opens, with any headcount per role.
  decoy: fc.option(
    fc.record({ medewerker: fc.nat({ max: 7 }), teammanager: fc.nat({ max: 7 }), tactisch: fc.nat({ max: 7 }) }),
    { nil: null, freq: 2 },
  ),
  dontKnow: fc.constantFrom(0, 0.15, 0.4),
  seed: fc.nat(),
  preLinks: fc.array(fc.record({ partner: p, role }), { maxLength: 2 }),
  ops: fc.array(op, { maxLength: 6 }),
})

/** An honest answer set: a whole point per dimension, "don't know" on some, never on all. */
function honestSpec(r: Role, random: () => number, dontKnow: number): Spec {
  const dims = dimensionsFor(ins, r)
  const spec: Spec = {}
  for (const d of dims) spec[d] = random() < dontKnow ? 'dk' : 1 + Math.floor(random() * 5)
  if (dims.every((d) => spec[d] === 'dk')) spec[dims[0]!] = 3
  return spec
}

let lead: string
const viewers: Record<'v0' | 'v1', { id: string; email: string; cookie: string }> = {} as never
const fresh = () => ({
  bulk: 0,
  sharedEquations: 0,
  csvSpreads: 0,
  qualityShown: 0,
  qualityExports: 0,
  questionViews: 0,
  hiddenQuestionsAbsent: 0,
  cases: 0,
  determinedExempt: 0,
  tainted: 0,
  checked: 0,
  ops: 0,
  reads: 0,
  decoys: 0,
  decoysFilled: 0,
  decoysUnrecorded: 0,
  hiddenAbsent: 0,
  standoutClaims: 0,
  heldClaims: 0,
  gapClaims: 0,
  gapIntervals: 0,
})
let stats = fresh()

beforeAll(async () => {
  lead = await signInAdmin()
  // Two viewer accounts, signed in once; each case gives them access to its programme.
  const { id: home } = await ok<{ id: string }>(
    req('/api/programmes', { method: 'POST', json: { name: 'Anonymity property home' }, cookie: lead }),
    [201],
  )
  const { id: partner } = await ok<{ id: string }>(
    req(`/api/programmes/${home}/partners`, { method: 'POST', json: { name: 'Home' }, cookie: lead }),
    [201],
  )
  viewers.v0 = await addViewer(lead, home, partner)
  viewers.v1 = await addViewer(lead, home, null)
})

async function runCase(c: Case): Promise<void> {
  const { k } = c
  const t0 = Date.now()
  const r = (path: string, init: Parameters<typeof req>[1] = {}) => req(path, { ...init, k })
  const random = rng(c.seed)
  const log: string[] = []
  const fail = (msg: string): never => {
    throw new Error(`${msg}\ncase: ${JSON.stringify(c)}\nlog:\n${log.join('\n')}`)
  }
  const expectStatus = async (res: Response, allowed: number[], what: string) => {
    log.push(`${what}: ${res.status}`)
    if (!allowed.includes(res.status)) fail(`${what}: ${res.status} ${await res.text()}, expected ${allowed.join('/')}`)
    return res
  }

  // The programme, before its wave opens: partners with honest headcounts (the decoy among them),
  // a planned wave keeping the case's k, and the viewers' access, straight into D1 in one batch
  // for speed (what a lead does later goes through the API: partners added, viewers limited, the
  // wave opened, changed and closed).
  const pid = crypto.randomUUID()
  const wid = crypto.randomUUID()
  const partners: { id: string; name: string; headcounts: Record<Role, number | null>; late: boolean }[] = []
  const tidied = (g: Sizes): Sizes =>
    c.bulk?.tidy ? { medewerker: tidy(g.medewerker), teammanager: tidy(g.teammanager), tactisch: tidy(g.tactisch) } : g
  const tidy = (n: number) => (n < k ? 0 : n)
  const groups = [...c.groups.map(tidied), ...(c.bulk?.sizes ?? [])]
  if (c.bulk) stats.bulk++
  for (const [i, g] of groups.entries()) {
    const headcounts = {
      medewerker: g.medewerker || null,
      teammanager: g.teammanager || null,
      tactisch: g.tactisch || null,
    }
    partners.push({ id: crypto.randomUUID(), name: `P${i}`, headcounts, late: false })
  }
  // The decoy: no honest respondent in it; the adversary may fill its places itself (op 'decoy').
  const decoy = c.decoy
    ? {
        id: crypto.randomUUID(),
        name: 'Projectbureau',
        headcounts: {
          medewerker: c.decoy.medewerker || null,
          teammanager: c.decoy.teammanager || null,
          tactisch: c.decoy.tactisch || null,
        },
        late: false,
      }
    : null
  if (decoy) partners.push(decoy)
  const original = partners.map((x) => x.id)
  if (decoy) stats.decoys++
  const now = Date.now()
  const created = new Date(now).toISOString()
  await env.DB.batch([
    env.DB.prepare('INSERT INTO programmes (id, name, created_at) VALUES (?1, ?2, ?3)').bind(
      pid,
      `Eigenschap ${pid.slice(0, 8)}`,
      created,
    ),
    ...partners.map((x) =>
      env.DB.prepare(
        'INSERT INTO partners (id, programme_id, name, headcount, headcount_teammanager, headcount_tactisch, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
      ).bind(x.id, pid, x.name, x.headcounts.medewerker, x.headcounts.teammanager, x.headcounts.tactisch, created),
    ),
    env.DB.prepare(
      'INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at, min_group_size, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)',
    ).bind(
      wid,
      pid,
      'w',
      ins.id,
      ins.version,
      new Date(now + DAY).toISOString(),
      new Date(now + 20 * DAY).toISOString(),
      k,
      created,
    ),
    ...(['v0', 'v1'] as const).map((v) =>
      env.DB.prepare(
        "INSERT INTO memberships (user_id, programme_id, partner_id, role) VALUES (?1, ?2, ?3, 'viewer')",
      ).bind(viewers[v].id, pid, v === 'v0' ? partners[0]!.id : null),
    ),
  ])
  const tokens = new Map<string, string[]>()
  const used = new Map<string, number>() // token → answer sets sent through it
  const filled = new Set<Role>() // roles in which the adversary filled its decoy
  const gkey = (partner: string, ro: Role) => `${ro}|${partner}`
  for (const l of c.preLinks) {
    const partner = partners[l.partner % partners.length]!
    if (!partner.headcounts[l.role]) continue
    const { token } = await ok<{ token: string }>(
      r(`/api/waves/${wid}/links`, { method: 'POST', json: { partnerId: partner.id, role: l.role }, cookie: lead }),
      [201],
    )
    tokens.set(gkey(partner.id, l.role), [...(tokens.get(gkey(partner.id, l.role)) ?? []), token])
  }
  const limits: Record<'v0' | 'v1', string | null> = { v0: partners[0]!.id, v1: null }
  // It opens now.
  await expectStatus(
    await r(`/api/waves/${wid}`, {
      method: 'PATCH',
      json: { opensAt: new Date(now - DAY).toISOString() },
      cookie: lead,
    }),
    [200],
    'open',
  )

  timing.setup += Date.now() - t0
  // The honest respondents answer, all of them (headcount = group size), before the adversary acts.
  const truth = new Map<string, Map<string, number>>() // group → quantity → honest value
  const count = new Map<string, number>() // group → answer sets stored, honest and the adversary's
  const statements: D1PreparedStatement[] = []
  // The pool of each role (measurement quality), as the submissions would have added to it.
  const pools = new Map<Role, number[]>()
  const poolItems = new Map<Role, number[]>()
  for (const [i, g] of groups.entries()) {
    for (const ro of ROLES) {
      const n = g[ro]
      if (!n) continue
      const t = new Map<string, number>([['n', n]])
      const acc: Record<string, number[]> = {}
      const questions: Record<string, number[]> = {}
      for (let j = 0; j < n; j++) {
        const spec = honestSpec(ro, random, c.dontKnow)
        const answers = answersFor(ro, spec)
        const scores = scoreAnswers(ins, ro, answers)
        // Stored as a submission stores it: the quality view pools the cells shown whole again from these.
        statements.push(
          env.DB.prepare(
            'INSERT INTO responses (id, wave_id, partner_id, role, answers, scores) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
          ).bind(crypto.randomUUID(), wid, partners[i]!.id, ro, JSON.stringify(answers), JSON.stringify(scores)),
        )
        const add = (into: number[] | undefined, v: number[]) => (into ?? v.map(() => 0)).map((x, m) => x + v[m]!)
        pools.set(ro, add(pools.get(ro), answerSetVector(ins, ro, answers)))
        poolItems.set(ro, add(poolItems.get(ro), itemsVector(ins, ro, answers)))
        // Question detail: the counts the Worker keeps per question, and their truth.
        for (const [name, counts] of Object.entries(questionDelta(ins, ro, answers))) {
          const acc = (questions[name] ??= counts.map(() => 0))
          counts.forEach((x, m) => {
            acc[m] = acc[m]! + x
          })
          const part = partOf(answers[name]!)
          t.set(`q:${name}:${part}`, (t.get(`q:${name}:${part}`) ?? 0) + 1)
          if (part !== 'dontKnow') t.set(`q:${name}:onScale`, (t.get(`q:${name}:onScale`) ?? 0) + 1)
        }
        for (const [d, v] of Object.entries(scoresOf(ro, spec))) {
          if (v === null) continue
          t.set(`${d}:n`, (t.get(`${d}:n`) ?? 0) + 1)
          t.set(`${d}:s`, (t.get(`${d}:s`) ?? 0) + v * 12)
          t.set(`${d}:q`, (t.get(`${d}:q`) ?? 0) + v * v * 144)
        }
        // Everything a submission adds to its cell (worker/domain/rollup.ts `cellDelta`): the shared-question scores and item sums too.
        for (const [d, s] of Object.entries(cellDelta(ins, ro, answers, scores))) {
          const a = (acc[d] ??= new Array<number>(s.length).fill(0))
          s.forEach((x, m) => {
            a[m] = a[m]! + x
          })
        }
      }
      truth.set(gkey(partners[i]!.id, ro), t)
      count.set(gkey(partners[i]!.id, ro), n)
      statements.push(
        env.DB.prepare('INSERT INTO rollups (wave_id, partner_id, role, n, stats) VALUES (?1, ?2, ?3, ?4, ?5)').bind(
          wid,
          partners[i]!.id,
          ro,
          n,
          JSON.stringify(acc),
        ),
      )
      statements.push(
        env.DB.prepare('INSERT INTO question_rollups (wave_id, partner_id, role, counts) VALUES (?1, ?2, ?3, ?4)').bind(
          wid,
          partners[i]!.id,
          ro,
          JSON.stringify(questions),
        ),
      )
    }
  }
  for (const [ro, v] of pools)
    statements.push(
      env.DB.prepare('INSERT INTO pool_moments (wave_id, role, moments, items) VALUES (?1, ?2, ?3, ?4)').bind(
        wid,
        ro,
        JSON.stringify(v),
        JSON.stringify(poolItems.get(ro)),
      ),
    )
  if (statements.length) await env.DB.batch(statements)

  const o = new Observer(() => original)
  // The lead knows which groups had no headcount: nobody honest is in them; nor in its decoy.
  for (const x of partners) for (const ro of ROLES) if (!x.headcounts[ro] || x === decoy) o.assumeEmpty(ro, x.id)
  const expectedChanges: Omit<Change, 'partner' | 'day'>[] = []
  const hadWayIn = (g: string) => (tokens.get(g)?.length ?? 0) > 0 || (count.get(g) ?? 0) > 0
  let closed = false
  const seen: { reader: Reader; partner: string | null; d: ResultsJson }[] = []
  const cookieOf = (who: Reader) => (who === 'lead' ? lead : viewers[who].cookie)

  const readDashboard = async (who: Reader, ro: Role) => {
    const d = await ok<ResultsJson>(
      r(`/api/programmes/${pid}/dashboard?wave=${wid}&role=${ro}&questions=all`, { cookie: cookieOf(who) }),
    )
    stats.reads++
    if (d.k !== k) fail(`the wave's threshold is ${d.k}, not ${k}`)
    const limit = who === 'lead' ? null : limits[who]
    o.dashboard(`${who}:${limit}`, d)
    seen.push({ reader: who, partner: limit, d })
    if (!d.published) {
      if (d.gap.length || [d.programme, ...d.partners].some((x) => x.n !== null || x.scores !== null))
        fail(`numbers while the wave is not closed: ${JSON.stringify(d)}`)
    }
    if (who !== 'lead' && d.participation !== null) fail('a viewer got participation')
    for (const part of d.participation ?? []) {
      for (const [pr, x] of Object.entries(part.roles) as [Role, (typeof part.roles)[Role]][]) {
        if (Object.keys(x).sort().join() !== 'n,rate,status' || (x.status !== 'counted' && x.n !== null))
          fail(`participation says more than its status: ${JSON.stringify(x)}`)
        // The lead's exact counts from k on while open: equations too (the adversary's own answers so far subtracted).
        if (x.status === 'counted')
          o.cell('lead:participation', pr, part.id, { n: x.n, suppressed: false, scores: {} }, false)
      }
    }
    if (d.partners.some((x) => !original.includes(x.id))) fail('a partner added after opening is in the wave')
    if (limit && d.partners.some((x) => x.id !== limit)) fail('a limited viewer sees another partner')
    return d
  }
  const readTrend = async (who: Reader, ro: Role, partner: string | null) => {
    const limit = who === 'lead' ? null : limits[who]
    const res = await r(`/api/programmes/${pid}/trend?role=${ro}${partner ? `&partner=${partner}` : ''}`, {
      cookie: cookieOf(who),
    })
    stats.reads++
    if (limit && partner && partner !== limit) return void (await expectStatus(res, [404], 'trend of another partner'))
    const t = (await (await expectStatus(res, [200], 'trend')).json()) as TrendJson
    if (!closed && t.waves.length) fail('trend lists a wave that is not closed')
    o.trend(`${who}:${limit}`, t, wid)
  }
  const readCsv = async () => {
    const res = await r(`/api/programmes/${pid}/export.csv?wave=${wid}&lang=en`, { cookie: lead })
    stats.reads++
    await expectStatus(res, closed ? [200] : [409], 'csv')
    if (res.status === 200)
      o.csv('lead', await res.text(), (name) => {
        if (name === 'Programme as a whole') return null
        const x = partners.find((q) => q.name === name)
        if (!x || x.late) fail(`the export names "${name}"`)
        return x!.id
      })
  }
  // A partner's report: the same publication as the dashboard, a limited reader's own
  // partner only. Its exact count is an equation like the dashboard's; its means are rounded to
  // one decimal and add none. A report of a hidden cell has no count and no scores.
  const readReport = async (who: Reader, ro: Role, partner: string) => {
    const limit = who === 'lead' ? null : limits[who]
    const res = await r(`/app/programmes/${pid}/partners/${partner}/report?wave=${wid}&role=${ro}&lang=en`, {
      cookie: cookieOf(who),
    })
    stats.reads++
    if (limit && partner !== limit) return void (await expectStatus(res, [404], 'report of another partner'))
    const html = await (await expectStatus(res, [200], 'report')).text()
    const n = /<dt>Responses<\/dt><dd>(\d+)<\/dd>/.exec(html)
    const scores = html.includes('id="report-scores"')
    if (!closed && (n || scores)) fail('a report shows numbers before the wave is published')
    if (scores && !n) fail('a report shows scores without the count of its cell')
    if (n) o.cell(`${who}:${limit}:report`, ro, partner, { n: Number(n[1]), suppressed: false, scores: {} }, true)
  }
  // The measurement-quality view and its moments export: an administrator's only (the lead here
  // is one), pooled over partners; the Observer reads them as sums (adversary.ts `quality`).
  const readQuality = async (who: Reader, ro: Role) => {
    const q = `?wave=${wid}&role=${ro}`
    const view = await r(`/api/programmes/${pid}/quality${q}`, { cookie: cookieOf(who) })
    const exp = await r(`/api/programmes/${pid}/quality/moments.json${q}`, { cookie: cookieOf(who) })
    stats.reads += 2
    if (who !== 'lead') {
      await expectStatus(view, [403], `quality as ${who}`)
      await expectStatus(exp, [403], `moments as ${who}`)
      return
    }
    const body = (await (await expectStatus(view, [200], `quality ${ro}`)).json()) as QualityJson
    await expectStatus(exp, body.shown ? [200] : [409], `moments ${ro}`)
    log.push(`quality ${ro}: ${body.shown ? 'shown' : body.because}`)
    if (body.shown && !closed) fail('a quality view of a wave that is not closed')
    o.quality('lead', ro, body, exp.status === 200 ? ((await exp.json()) as MomentsJson) : null, closed)
  }
  const makeLink = async (x: (typeof partners)[number], ro: Role) => {
    const res = await r(`/api/waves/${wid}/links`, {
      method: 'POST',
      json: { partnerId: x.id, role: ro },
      cookie: lead,
    })
    const may = !closed && !x.late && !!x.headcounts[ro]
    await expectStatus(res, may ? [201] : [409], `link ${x.name} ${ro}`)
    if (res.status !== 201) return null
    const g = gkey(x.id, ro)
    if (hadWayIn(g))
      expectedChanges.push({ partnerId: x.id, role: ro, kind: 'link', headcountFrom: null, headcountTo: null })
    const { token } = (await res.json()) as { token: string }
    tokens.set(g, [...(tokens.get(g) ?? []), token])
    return token
  }

  /** An answer set of the adversary's own (null: only "don't know") through its latest link to the group. */
  const answer = async (x: (typeof partners)[number], ro: Role, spec: Spec | null) => {
    const g = gkey(x.id, ro)
    // A link takes 30 answer sets a minute (SUBMIT_LIMITER): past that, another link (a recorded change).
    const latest = tokens.get(g)?.at(-1)
    const token = latest && (used.get(latest) ?? 0) < 30 ? latest : await makeLink(x, ro)
    if (!token) return
    used.set(token, (used.get(token) ?? 0) + 1)
    const res = await submit(token, answersFor(ro, spec ?? {}, spec ? 3 : 'dk'), k)
    const room = (count.get(g) ?? 0) < (x.headcounts[ro] ?? 0)
    const expected = closed ? 410 : !spec ? 400 : room ? 201 : 409
    await expectStatus(res, [expected], `answer ${spec ? '' : "(only don't know) "}${x.name} ${ro}`)
    const body = (await res.json()) as { code?: string }
    if (expected === 409 && body.code !== 'group-complete') fail(`409 without group-complete: ${JSON.stringify(body)}`)
    if (expected === 400 && body.code !== 'no-scores') fail(`400 without no-scores: ${JSON.stringify(body)}`)
    if (res.status === 201) {
      count.set(g, (count.get(g) ?? 0) + 1)
      o.addOwn(ro, x.id, scoresOf(ro, spec!), answersFor(ro, spec!))
    }
  }
  const raise = async (x: (typeof partners)[number], ro: Role, by: number) => {
    const to = (x.headcounts[ro] ?? 0) + by
    const json = ro === 'medewerker' ? { headcount: to } : { headcounts: { [ro]: to } }
    await expectStatus(
      await r(`/api/programmes/${pid}/partners/${x.id}`, { method: 'PATCH', json, cookie: lead }),
      [200],
      `headcount ${x.name} ${ro} → ${to}`,
    )
    if (!closed && !x.late)
      expectedChanges.push({
        partnerId: x.id,
        role: ro,
        kind: 'headcount',
        headcountFrom: x.headcounts[ro],
        headcountTo: to,
      })
    x.headcounts[ro] = to
  }

  const t1 = Date.now()
  for (const step of c.ops) {
    stats.ops++
    const x =
      'partner' in step && typeof step.partner === 'number' ? partners[step.partner % partners.length]! : undefined
    log.push(JSON.stringify(step))
    switch (step.t) {
      case 'read':
        await readDashboard(step.reader, step.role)
        break
      case 'trend':
        await readTrend(step.reader, step.role, x ? x.id : null)
        break
      case 'csv':
        await readCsv()
        break
      case 'quality':
        await readQuality(step.reader, step.role)
        break
      case 'report':
        await readReport(step.reader, step.role, x!.id)
        break
      case 'link':
        await makeLink(x!, step.role)
        break
      case 'answer':
      case 'allDontKnow':
        await answer(x!, step.role, step.t === 'answer' ? honestSpec(step.role, rng(step.seed), 0.3) : null)
        break
      case 'fabricate': {
        // Room for `by` answer sets of its own, and then it gives them: the issue's attack 3.
        await raise(x!, step.role, step.by)
        for (let i = 0; i < step.by; i++) await answer(x!, step.role, honestSpec(step.role, rng(step.seed + i), 0.3))
        break
      }
      case 'headcount':
        await raise(x!, step.role, step.by)
        break
      case 'addPartner': {
        const name = `Late${partners.length}`
        const { id } = await ok<{ id: string }>(
          r(`/api/programmes/${pid}/partners`, {
            method: 'POST',
            json: { name, headcount: 5, headcounts: { teammanager: 5, tactisch: 5 } },
            cookie: lead,
          }),
          [201],
        )
        const late = { id, name, headcounts: { medewerker: 5, teammanager: 5, tactisch: 5 }, late: true }
        partners.push(late)
        // It takes no part in this wave: no link, whatever the adversary tries.
        await makeLink(late, 'medewerker')
        break
      }
      case 'limit': {
        const target = step.partner === null ? null : partners[step.partner % partners.length]!.id
        await expectStatus(
          await r(`/api/programmes/${pid}/people/${viewers[step.viewer].id}`, {
            method: 'PATCH',
            json: { partnerId: target },
            cookie: lead,
          }),
          [200],
          `limit ${step.viewer}`,
        )
        limits[step.viewer] = target
        break
      }
      case 'extend':
        await expectStatus(
          await r(`/api/waves/${wid}`, {
            method: 'PATCH',
            json: { closesAt: new Date(now + 30 * DAY).toISOString() },
            cookie: lead,
          }),
          closed ? [409] : [200],
          'extend',
        )
        break
      case 'moveOpens':
        await expectStatus(
          await r(`/api/waves/${wid}`, {
            method: 'PATCH',
            json: { opensAt: new Date(now + 2 * DAY).toISOString(), closesAt: new Date(now + 40 * DAY).toISOString() },
            cookie: lead,
          }),
          [409],
          'back to planned',
        )
        break
      case 'reopen':
        await expectStatus(
          await r(`/api/waves/${wid}`, {
            method: 'PATCH',
            json: { closesAt: new Date(now + 50 * DAY).toISOString() },
            cookie: lead,
          }),
          closed ? [409] : [200],
          'reopen / extend',
        )
        break
      case 'delete': {
        const answered = [...count.values()].some((n) => n > 0)
        // A closed wave without answers may go; keep it here, it is what the adversary reads.
        if (closed && !answered) break
        await expectStatus(await r(`/api/waves/${wid}`, { method: 'DELETE', cookie: lead }), [409], 'delete')
        break
      }
      case 'decoy': {
        // Every remaining place of its own partner, with answer sets it knows: the reviewer's R1.
        if (!decoy?.headcounts[step.role]) break
        const g = gkey(decoy.id, step.role)
        for (let i = count.get(g) ?? 0; i < decoy.headcounts[step.role]!; i++) {
          await answer(decoy, step.role, honestSpec(step.role, rng(c.seed + i), 0.3))
          if (closed) break
        }
        if (!closed) filled.add(step.role)
        break
      }
      case 'close':
        if (closed) break
        await expectStatus(
          await r(`/api/waves/${wid}`, { method: 'PATCH', json: { closesAt: new Date().toISOString() }, cookie: lead }),
          [200],
          'close',
        )
        closed = true
        break
    }
  }
  if (!closed) {
    await expectStatus(
      await r(`/api/waves/${wid}`, { method: 'PATCH', json: { closesAt: new Date().toISOString() }, cookie: lead }),
      [200],
      'close',
    )
    closed = true
  }

  timing.ops += Date.now() - t1
  const t2 = Date.now()
  // The final reads, few for speed but everything there is: the export as the lead (every role
  // and partner, a complete view of the publication), the lead's dashboard in one role a case,
  // and in that role a viewer limited to a partner the lead's view hides (where a
  // reader-dependent cut would show it).
  await readCsv()
  for (const ro of ROLES) await readQuality('lead', ro)
  const finalRole = ROLES[c.seed % 3]!
  const leadFinal = await readDashboard('lead', finalRole)
  const hiddenThere = leadFinal.partners.filter((x) => x.suppressed && (count.get(gkey(x.id, finalRole)) ?? 0) > 0)
  const toHidden = hiddenThere[c.seed % Math.max(1, hiddenThere.length)]
  if (toHidden) {
    await expectStatus(
      await r(`/api/programmes/${pid}/people/${viewers.v0.id}`, {
        method: 'PATCH',
        json: { partnerId: toHidden.id },
        cookie: lead,
      }),
      [200],
      `limit v0 to ${toHidden.name}`,
    )
    limits.v0 = toHidden.id
    await readDashboard('v0', finalRole)
    await readReport('v0', finalRole, toHidden.id)
  }
  // The gap's intervals rest on both roles' n, mean and sd, which the export does not
  // carry: the lead's dashboard of the other role it compares gives them, a case in two.
  if (finalRole !== 'tactisch' && c.seed % 2 === 0)
    await readDashboard('lead', finalRole === 'medewerker' ? 'teammanager' : 'medewerker')

  timing.final += Date.now() - t2
  const t3 = Date.now()
  // 1. A restricted reader gets a subset of the lead's cells, with identical numbers: compared
  // whole with the lead's dashboard of that role where the lead read one (the final read's role
  // always), and in every role through the equations (a cell or total read otherwise by another
  // reader contradicts the lead's export in step 2).
  const cellOf = (x: { n: number | null; suppressed: boolean; scores: unknown }) =>
    JSON.stringify({ n: x.n, suppressed: x.suppressed, scores: x.scores })
  const leadViews = new Map(seen.filter((x) => x.reader === 'lead' && x.d.published).map((x) => [x.d.role, x.d]))
  for (const { reader: who, d } of seen.filter((s) => s.d.published)) {
    const leadView = leadViews.get(d.role)
    if (!leadView) continue
    if (cellOf(d.programme) !== cellOf(leadView.programme)) fail(`${who} sees another programme total than the lead`)
    for (const x of d.partners) {
      const l = leadView.partners.find((q) => q.id === x.id)
      if (!l || cellOf(l) !== cellOf(x)) fail(`${who} sees partner ${x.name} otherwise than the lead`)
    }
  }
  // 2. The readings fit the model of what was stored (the solver would otherwise prove nonsense).
  const bad = o.inconsistent()
  if (bad.length) fail(`readings contradict the model (${bad.length}), e.g. ${bad.slice(0, 4).join('; ')}`)
  // A hidden group is in no published number: its unknown has a zero coefficient in every
  // equation read (a hidden dimension of a shown partner: in every equation of that dimension).
  for (const ro of ROLES) {
    const shown = o.shown.get(ro)
    if (!shown) fail(`no complete view of ${ro} read`)
    for (const x of partners.filter((q) => original.includes(q.id))) {
      const hidden = !shown!.n.has(x.id)
        ? [undefined]
        : [...shown!.dims].filter(([, members]) => !members.has(x.id)).map(([dim]) => dim)
      for (const dim of hidden) {
        // The pool is over every partner (adversary.ts `quality`): its sums name a hidden group
        // too, which may be only where that group holds nothing there (the view is shown only then).
        const real = truth.get(gkey(x.id, ro))?.get(dim ? `${dim}:n` : 'n') ?? 0
        const m = o.mentions(ro, x.id, dim).filter((e) => real > 0 || !e.reader.endsWith(':quality'))
        if (m.length)
          fail(
            `hidden ${ro} ${x.name}${dim ? ` ${dim}` : ''} is in ${m.length} equations, e.g. ${JSON.stringify(m[0])}`,
          )
        if ((truth.get(gkey(x.id, ro))?.get(dim ? `${dim}:n` : 'n') ?? 0) > 0) stats.hiddenAbsent++
      }
      // A question hidden in a shown group (fewer than k answers on the scale) is in no equation
      // either; known from the lead's complete dashboard of the role, when it read one.
      const questions = o.shownQuestions.get(ro)
      if (!questions || !shown!.n.has(x.id)) continue
      for (const q of scoredQuestions(ins, ro).filter((q) => !questions.get(q.name)?.has(x.id))) {
        const real = truth.get(gkey(x.id, ro))?.get(`q:${q.name}:onScale`) ?? 0
        const m = o.mentions(ro, x.id, `q:${q.name}`).filter((e) => real > 0 || !e.reader.endsWith(':quality'))
        if (m.length)
          fail(`hidden question ${q.name} of ${ro} ${x.name} is in ${m.length} equations, e.g. ${JSON.stringify(m[0])}`)
        if ((truth.get(gkey(x.id, ro))?.get(`q:${q.name}:onScale`) ?? 0) > 0) stats.hiddenQuestionsAbsent++
      }
      stats.questionViews++
    }
  }

  // 3. Every change after opening is recorded and shown to every reader beside the numbers.
  const norm = (list: Omit<Change, 'partner' | 'day'>[]) =>
    list.map((x) => `${x.partnerId}|${x.role}|${x.kind}|${x.headcountFrom}|${x.headcountTo}`).sort()
  const shownChanges = leadFinal.changes
  if (JSON.stringify(norm(shownChanges)) !== JSON.stringify(norm(expectedChanges)))
    fail(`changes: shown ${JSON.stringify(norm(shownChanges))}, made ${JSON.stringify(norm(expectedChanges))}`)
  // Every reader, a limited viewer too: fabricated answers in another partner's group change what
  // the totals around its own partner give away (attacks.test.ts, attack 3a′).
  for (const { reader: who, partner, d } of seen.filter((x) => x.d.published)) {
    if (JSON.stringify(norm(d.changes)) !== JSON.stringify(norm(expectedChanges)))
      fail(`${who}, limited to ${partner}, does not see the wave's whole record of changes`)
  }
  const tainted = new Set(expectedChanges.map((x) => x.role))
  stats.tainted += tainted.size
  stats.decoysFilled += filled.size
  stats.decoysUnrecorded += [...filled].filter((ro) => !tainted.has(ro)).length
  stats.checked += ROLES.filter(
    (ro) => !tainted.has(ro) && original.some((id) => (truth.get(gkey(id, ro))?.get('n') ?? 0) > 0),
  ).length

  // 4. Nothing about a hidden real group below k is determined, in a role without changes.
  for (const det of o.determined()) {
    const g = gkey(det.partner, det.role)
    const t = truth.get(g)
    if (!t) continue // no honest answers in the group: nothing to protect
    const [dim, question] = det.quantity.split(':')
    // A question's count is held against k on its answers on the scale (worker/domain/question-detail.ts).
    const real =
      det.quantity === 'n'
        ? t.get('n')!
        : dim === 'q'
          ? (t.get(`q:${question}:onScale`) ?? 0)
          : (t.get(`${dim}:n`) ?? 0)
    if (real === 0 || real >= k) continue
    if (tainted.has(det.role)) {
      stats.determinedExempt++
      continue
    }
    fail(
      `determined: ${det.role} ${partners.find((x) => x.id === det.partner)!.name} ${det.quantity} = ${det.value} (${real} real answer sets, k = ${k})`,
    )
  }
  timing.solve += Date.now() - t3
  // Every stand-out number was checked against a shown cell in step 2 (Observer `inconsistent()`).
  stats.standoutClaims += o.claims.length
  stats.heldClaims += o.heldClaims
  // Every gap, interval and typical gap was checked against both roles' shown cells in step 2.
  stats.gapClaims += o.gapClaims.length
  stats.gapIntervals += o.gapIntervalsChecked
  stats.qualityShown += o.qualityShown
  stats.qualityExports += o.qualityExports
  // Staff's shared scores as equations, and the CSV's sd, interval and level checked against the dashboard's.
  stats.sharedEquations += o.equations.filter((e) => e.system.includes(':shared:')).length
  stats.csvSpreads += o.csvSpreadsChecked
  stats.cases++
}
const timing = { setup: 0, ops: 0, final: 0, solve: 0 }

describe('no combination of reads and writes determines a hidden group below k', () => {
  it(`holds over ${RUNS} random programmes and adversaries`, { timeout: 1_200_000 }, async () => {
    stats = fresh()
    Object.assign(timing, { setup: 0, ops: 0, final: 0, solve: 0 })
    const started = Date.now()
    // Two streams of cases side by side: a case spends much of its time waiting on D1, and the
    // other stream's requests fill that time. Each stream is its own fc.assert, with its own seed;
    // once one fails the other stops taking new cases (they pass unrun), so the failure reported
    // is that stream's, shrunk.
    stopped = false
    const run = (i: number) =>
      fc
        .assert(
          fc.asyncProperty(caseArb, async (c) => (stopped ? undefined : runCase(c))),
          { numRuns: RUNS / STREAMS },
        )
        .catch((error: unknown) => {
          stopped = true
          throw new Error(`stream ${i + 1} of ${STREAMS}: ${error instanceof Error ? error.message : String(error)}`, {
            cause: error,
          })
        })
    const results = await Promise.allSettled(Array.from({ length: STREAMS }, (_, i) => run(i)))
    const failed = results.find((x) => x.status === 'rejected')
    if (failed) throw failed.reason
    console.log(
      `anonymity property: ${stats.cases} cases, ${stats.ops} operations, ${stats.reads} reads, ${stats.checked} (case, role) margins with honest answers checked, ${stats.tainted} with recorded changes (${stats.determinedExempt} small-group values determined there, all shown in changes), ${stats.decoys} with a decoy partner (${stats.decoysFilled} decoy groups filled, ${stats.decoysUnrecorded} of them in a role with no recorded change), ${stats.hiddenAbsent} hidden real groups or dimensions checked to be in no equation, ${stats.hiddenQuestionsAbsent} hidden questions of shown groups in ${stats.questionViews} (role, partner) question views likewise, ${stats.standoutClaims} stand-out numbers checked against shown cells, ${stats.heldClaims} held cells told checked against the view's cells, ${stats.gapClaims} gaps (${stats.gapIntervals} with their interval) likewise, ${stats.qualityShown} quality views shown (${stats.qualityExports} with their export) in ${stats.bulk} cases with a pool of 100, ${stats.sharedEquations} equations from staff's shared scores, ${stats.csvSpreads} CSV spreads checked, ${((Date.now() - started) / 1000).toFixed(1)} s (ms setting up ${timing.setup}, adversary ${timing.ops}, final reads ${timing.final}, solving ${timing.solve})`,
    )
    expect(stats.cases).toBeGreaterThanOrEqual(RUNS)
    expect(stats.standoutClaims).toBeGreaterThan(0)
    expect(stats.gapClaims).toBeGreaterThan(0)
    expect(stats.gapIntervals).toBeGreaterThan(0)
    expect(stats.qualityShown).toBeGreaterThan(0)
    expect(stats.sharedEquations).toBeGreaterThan(0)
    expect(stats.csvSpreads).toBeGreaterThan(0)
  })
})
