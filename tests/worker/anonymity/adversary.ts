/**
 * Shared tools of the adversarial anonymity tests: requests through the real Worker
 * entry with a chosen anonymity threshold, answer sets whose dimension scores the attacker knows
 * exactly, extra readers (viewers, limited or not), and an `Observer` that turns everything a
 * reader was shown into linear equations over the hidden groups (see solver.ts).
 */
import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import type { Role } from '../../../schema/instrument.ts'
import { hashPassword } from '../../../worker/auth/password-hash.ts'
import { dimensionsFor, questionsFor, scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import worker from '../../../worker/index.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { welchCi95 } from '../../../worker/domain/stats.ts'
import type { Headline } from '../../../worker/domain/standouts.ts'
import { MIN_OTHER_PARTNERS } from '../../../worker/domain/gap.ts'
import { shownScaleQuality } from '../../../worker/domain/measurement-quality.ts'
import { sharedItemsOf, sharedScores } from '../../../worker/domain/shared-items.ts'
import type { QualityJson } from '../../../worker/services/quality-service.ts'
import { BASE, call } from '../helpers.ts'
import { Frac, LinearSystem } from './solver.ts'

export const ins = findInstrument('coachende-manager')!
export const ROLES: Role[] = ['medewerker', 'teammanager', 'tactisch']
export const DAY = 24 * 60 * 60 * 1000

/**
 * A request through the Worker's real entry point. With `k`, the Worker runs configured with
 * MIN_GROUP_SIZE = k (a wave made so keeps k as its threshold): the wrangler var is 5, the
 * property test needs 3–6.
 */
export async function req(
  path: string,
  init: RequestInit & { json?: unknown; cookie?: string; k?: number } = {},
): Promise<Response> {
  if (init.k === undefined) return call(path, init)
  const headers = new Headers(init.headers)
  if (init.json !== undefined) headers.set('content-type', 'application/json')
  if (init.cookie) headers.set('cookie', init.cookie)
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.body
  const { json: _j, cookie: _c, k, ...rest } = init
  const bindings = { ...env, MIN_GROUP_SIZE: String(k) }
  return (worker as unknown as { fetch: (r: Request, e: unknown, c: ExecutionContext) => Promise<Response> }).fetch(
    new Request(`${BASE}${path}`, { ...rest, headers, body }),
    bindings,
    createExecutionContext(),
  )
}

export async function ok<T>(res: Promise<Response> | Response, expected = [200, 201]): Promise<T> {
  const r = await res
  if (!expected.includes(r.status)) throw new Error(`${r.url}: ${r.status} ${await r.text()}`)
  return (await r.json()) as T
}

/** What a respondent gives per dimension: a whole scale point, or "don't know" on all its items. */
export type Spec = Record<string, number | 'dk'>

/**
 * An answer set whose dimension scores are exactly `spec` (reverse-keyed items answered the other
 * way round), "don't know" on every item of a 'dk' dimension; unnamed dimensions get `fill`.
 */
export function answersFor(role: Role, spec: Spec, fill: number | 'dk' = 3): Answers {
  const answers: Answers = {}
  for (const q of questionsFor(ins, role)) {
    if (q.type !== 'radiogroup') continue
    const v = spec[q.dimension] ?? fill
    answers[q.name] = v === 'dk' ? ins.scale.dontKnow.value : q.reverse ? ins.scale.min + ins.scale.max - v : v
  }
  return answers
}

/** The scores such an answer set gets, as the Worker computes them: the spec, null for 'dk'. */
export function scoresOf(role: Role, spec: Spec, fill: number | 'dk' = 3): Record<string, number | null> {
  return Object.fromEntries(
    dimensionsFor(ins, role).map((d) => [d, (spec[d] ?? fill) === 'dk' ? null : ((spec[d] ?? fill) as number)]),
  )
}

export async function submit(token: string, answers: Answers, k?: number): Promise<Response> {
  return req(`/api/s/${token}/responses`, { method: 'POST', json: { id: crypto.randomUUID(), answers }, k })
}

let readers = 0
/** A person with a password who reads one programme as a viewer (limited to a partner or not); signs in once. */
export async function addViewer(
  leadCookie: string,
  programmeId: string,
  partnerId: string | null,
  k?: number,
): Promise<{ id: string; email: string; cookie: string }> {
  const email = `reader-${++readers}-${crypto.randomUUID().slice(0, 8)}@anonymity.test`
  const id = crypto.randomUUID()
  await env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(id, email, 'viewer', await hashPassword(`pw-${email}`), new Date().toISOString())
    .run()
  // Access through the API, as a lead gives it.
  const added = await ok<{ acceptance: { url: string } | null }>(
    req(`/api/programmes/${programmeId}/people`, {
      method: 'POST',
      json: { email, role: 'viewer', partnerId },
      cookie: leadCookie,
      k,
    }),
    [201],
  )
  const res = await req('/api/session', { method: 'POST', json: { email, password: `pw-${email}` } })
  if (res.status !== 204) throw new Error(`viewer sign-in: ${res.status} ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!
  // Access to an existing account waits until the account accepts it through the link passed on.
  if (added.acceptance)
    await ok(
      req(`/api/password-links/${new URL(added.acceptance.url).pathname.split('/').pop()}/accept`, {
        method: 'POST',
        json: {},
        cookie,
      }),
      [200, 204],
    )
  return { id, email, cookie }
}

/** The parts of the API's answers the tests read. */
export type Score = {
  n: number
  mean: number
  sd: number | null
  ci95: [number, number] | null
  level: number
  /** Agreement, the mean item r_wg: a shown partner's only, never the programme's (tests/worker/anonymity/agreement.test.ts). */
  agreement?: number | null
  /** Why a level is named or not (worker/domain/levels.ts levelVerdict): 'disagree' where the answers fall apart. */
  verdict?: { level: number | null; because: string }
} | null
/** A quality view as read: without `partnersLeftOut`, one of the release before, whose pool held every answer set (quality.test.ts, observer.test.ts). */
export type QualityViewJson =
  | Extract<QualityJson, { shown: false }>
  | (Omit<Extract<QualityJson, { shown: true }>, 'partnersLeftOut'> & { partnersLeftOut?: number })

export type CellJson = {
  n: number | null
  suppressed: boolean
  scores: Record<string, Score> | null
  /** Staff's score on the questions team managers are also asked (worker/domain/publication.ts `withShared`): what a gap on autonomie or steun compares. */
  shared?: Record<string, { n: number; mean: number; sd: number | null } | null>
}
export type Change = {
  partnerId: string
  partner: string
  role: Role
  kind: 'link' | 'headcount'
  headcountFrom: number | null
  headcountTo: number | null
  day: string
}
export type Participation = { status: 'unasked' | 'none' | 'few' | 'counted'; n: number | null; rate: number | null }
export type ResultsJson = {
  k: number
  published: boolean
  role: Role
  wave: { id: string; state: string }
  programme: CellJson
  partners: (CellJson & {
    id: string
    name: string
    responseRate: number | null
    headcounts: Record<Role, number | null>
  })[]
  gap: (GapJson & {
    partnerId: string
    dimension: string
    typical?: number | null
    versusTypical?: 'larger' | 'same' | 'smaller' | null
  })[]
  /** The programme's typical gap per dimension: absent in hand-made views. */
  gapTypical?: (GapJson & { dimension: string; median?: number; partners?: number })[]
  /** What each gap is computed on, where the two roles' questions differ: absent in hand-made views. */
  gapBasis?: { dimension: string; on: 'shared' | 'all' }[]
  changes: Change[]
  participation: { id: string; name: string; roles: Record<Role, Participation> }[] | null
  /** Question detail: per group shown, per question its parts, or null when hidden. */
  questions: QuestionsJson | null
  /** What stands out (worker/domain/standouts.ts): every number in it must be one a shown cell gives. */
  standouts?: StandoutJson[]
  /** The programme-wide sentences above them: each number a shown value, each name a partner shown. */
  headlines?: HeadlineJson[]
}
/**
 * The programme-wide sentences as the dashboard sends them (worker/domain/standouts.ts `Headline`):
 * a gap or change line as a stand-out's item, and a "more" line without `named` in hand-made views.
 */
export type HeadlineJson =
  | Extract<Headline, { kind: 'lowest' | 'lowestOften' | 'lowestAfter' | 'everywhere' | 'held' }>
  | Omit<Extract<Headline, { kind: 'more' }>, 'named'>
  | Exclude<StandoutJson['items'][number], { kind: 'held' }>
/** A manager–staff gap as the dashboard gives it (worker/domain/gap.ts); the interval absent in hand-made views. */
export type GapJson = { manager?: number; staff?: number; gap: number; ci95?: [number, number] | null }
type Subject = { kind: 'programme' } | { kind: 'partner'; id: string; name: string }
export type StandoutJson = {
  subject: Subject
  items: (
    | { kind: 'strongest' | 'weakest'; subject: Subject; role: Role; dimension: string; mean: number; level: number }
    | { kind: 'held'; subject: Subject; role: Role; dimension: string }
    | { kind: 'gap'; subject: Subject; dimension: string; manager: number; staff: number; gap: number }
    | { kind: 'change'; subject: Subject; role: Role; dimension: string; from: number; to: number; diff: number }
  )[]
  /** How many more gaps and changes stand out than are named ("and 2 more"); absent in hand-made views. */
  more?: { gap: number; change: number }
}
/** The pooled moments export (worker/services/export-service.ts `momentsExport`), the parts the observer reads. */
export type MomentsJson = {
  respondents: number
  partners: number
  scales: Record<
    string,
    {
      items: string[]
      n: number | null
      means: number[] | null
      covariance: number[][] | null
      withheld?: string | null
    }
  >
}
export const PARTS = ['disagree', 'neutral', 'agree', 'dontKnow'] as const
export type SharesJson = { n: number; onScale: number } & Record<
  (typeof PARTS)[number],
  { count: number; percent: number }
>
export type QuestionCellJson = Record<string, SharesJson | null> | null
export type QuestionsJson = {
  available: boolean
  programme: QuestionCellJson
  partners: Record<string, QuestionCellJson>
}

/** The part of a question's bar an answer falls in, as the product counts it (worker/domain/question-detail.ts). */
export function partOf(value: number | string): (typeof PARTS)[number] {
  const mid = (ins.scale.min + ins.scale.max) / 2
  if (typeof value !== 'number') return 'dontKnow'
  return value < mid ? 'disagree' : value > mid ? 'agree' : 'neutral'
}
export type TrendJson = { partner: { id: string } | null; role: Role; waves: (CellJson & { wave: { id: string } })[] }

/** A small CSV reader for the export (quotes, commas, CRLF, the BOM). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  const s = text.replace(/^\ufeff/, '')
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      row.push(cell.replace(/\r$/, ''))
      rows.push(row)
      row = []
      cell = ''
    } else cell += ch
  }
  if (cell || row.length) rows.push([...row, cell])
  return rows
}

/**
 * Dimension sums are sums of means of 3–4 items of whole scale points: multiples of 1/12, so
 * 12 × n × mean is a whole number, and 144 × the sum of squares is too. Released floats are
 * rounded to those and the equations stay exact.
 */
/**
 * A value at one decimal as the pages print it (Intl, rounding the shortest decimal that reads
 * back as the number, half away from zero: 2.55 reads 2,6), not `toFixed`, which rounds the binary
 * value (2.55 → 2.5): a stand-out or headline compares means as printed (worker/domain/levels.ts).
 */
const printer = new Intl.NumberFormat('en-US', {
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
  useGrouping: false,
})
export const printed = (x: number) => Number(printer.format(x)) + 0

/** Whether a view's cell shows dimension `dim` held back for answers apart, as the heatmap marks it (worker/domain/heatmap.ts `shownHeld`). */
const heldIn = (cell: CellJson | undefined, dim: string) => {
  const s = cell && !cell.suppressed ? cell.scores?.[dim] : null
  return !!s && s.level === null && s.verdict?.because === 'disagree'
}

const S = 12
const Q = 144

/** A question's answer as its scores count it: reversed where reverse-keyed, 0 for "don't know". */
const scoredValue = (q: { name: string; reverse?: boolean }, answers: Answers) => {
  const v = answers[q.name]
  return typeof v !== 'number' ? 0 : q.reverse ? ins.scale.min + ins.scale.max - v : v
}

/** What the attacker knows it put into one group itself, per quantity: n, and per dimension n, sum, sum of squares. */
export type Known = Map<string, number>

/** One equation as built from a reading: the system it went to and its coefficients. */
export type Equation = { reader: string; system: string; coeffs: Record<string, number> }

/** Which partners a publication shows for one role: the response counts, and per dimension. */
export type Shown = { n: Set<string>; dims: Map<string, Set<string>> }

/**
 * Everything one adversary has been shown, as linear equations over the hidden (honest) part of
 * each group: one system per role and quantity (the response count, and per dimension its count,
 * 12 × sum and 144 × sum of squares), each over the partners. What the attacker put in itself is
 * subtracted from every reading at the time it reads.
 *
 * The programme as a whole is modelled as the product publishes it: the sum of the partners
 * shown, per role for the count and per dimension over the partners whose dimension is shown. A
 * limited reader's view shows only its own partner, so which partners those are is learnt from a
 * complete view of the same publication (the lead's dashboard or export; the publication is one
 * for every reader, which the tests check); a programme reading waits for one. Were the product
 * to put a hidden group into the total after all, its total and the shown cells would contradict
 * each other in this model: `inconsistent()` names that.
 */
export class Observer {
  private readonly _systems = new Map<string, LinearSystem>()
  /** The attacker's own contribution to each group so far: `${role}|${partner}|${quantity}`. */
  readonly known: Known = new Map()
  /** Every cell value read, with who read it, for the subset and stability checks. */
  readonly readings: { reader: string; role: Role; partner: string | null; cell: CellJson; published: boolean }[] = []
  /** Every equation built from a reading (not the attacker's assumptions), for the zero-coefficient check. */
  readonly equations: Equation[] = []
  /** Per role, the partners its publication shows, from the first complete view read. */
  readonly shown = new Map<Role, Shown>()
  /** Readings that do not fit the model of the publication (two complete views that differ, a total that is not a sum). */
  readonly mismatches: string[] = []
  /**
   * Numbers a stand-out states about a cell (its shown mean of one dimension): each must be the
   * shown value of a cell some reading showed, never of a hidden one (checked in `inconsistent()`,
   * once every view is read: the publication is one for every reader).
   */
  readonly claims: {
    reader: string
    role: Role
    partner: string | null
    dimension: string
    mean: number
    what: string
    /** Staff's side of a gap: on a dimension whose gap compares the shared questions, their shared score. */
    gapStaff?: true
  }[] = []
  /**
   * Stand-outs and headline entries checked to tell of a held cell ("geen niveau": the answers fall
   * apart) only where the reader's own view shows that cell so (worker/domain/heatmap.ts `shownHeld`):
   * a claim with no number, so none of `claims`, and never of a hidden cell or dimension.
   */
  heldClaims = 0
  /** Programme readings waiting for a complete view of their role, with what the attacker had put in by then. */
  private pending: { reader: string; role: Role; cell: CellJson; known: Known }[] = []
  /** Quality views read before a complete view of the role told which cells are shown whole: read once one has. */
  private pendingQuality: Parameters<Observer['quality']>[] = []
  /**
   * Per role, per question, the partners whose question a complete view shows (question detail):
   * the programme's counts of a question are modelled as the sum of exactly those.
   */
  readonly shownQuestions = new Map<Role, Map<string, Set<string>>>()
  /** Per role, the shown partners with a question hidden in their cell, from the first complete view read. */
  private readonly partlyShownQuestions = new Map<Role, Set<string>>()
  /** Programme question counts read before any complete view of their role: not placed in any system. */
  unplacedQuestions = 0

  /** `partners()`: the partners that take part in the wave, as the lead knows them (a view listing them all is complete). */
  readonly partners: () => string[]
  constructor(partners: () => string[]) {
    this.partners = partners
  }

  /** Groups the attacker knows hold nothing but its own answer sets (no headcount and no link before it made one, or a partner it invented). */
  readonly empty = new Set<string>()

  private system(role: Role, quantity: string): LinearSystem {
    const key = `${role}|${quantity}`
    let s = this._systems.get(key)
    if (!s) {
      this._systems.set(key, (s = new LinearSystem()))
      for (const g of this.empty) if (g.startsWith(`${role}|`)) s.add({ [g.slice(role.length + 1)]: 1 }, 0)
    }
    return s
  }

  /** Every system, `${role}|${quantity}`; programme readings still waiting for a complete view are not in them. */
  get systems(): ReadonlyMap<string, LinearSystem> {
    return this._systems
  }

  /** The honest part of this group is known to be nothing at all. */
  assumeEmpty(role: Role, partner: string) {
    this.empty.add(`${role}|${partner}`)
    for (const [key, s] of this._systems) if (key.startsWith(`${role}|`)) s.add({ [partner]: 1 }, 0)
    for (const [key, s] of this._across)
      if (key.startsWith(`${role}|`))
        this.tie(s, key, partner, sharedItemsOf(ins).find((x) => x.dimension === key.slice(role.length + 1))!, true)
  }

  private knownOf(known: Known, role: Role, partners: Iterable<string>, quantity: string): number {
    let sum = 0
    for (const p of partners) sum += known.get(`${role}|${p}|${quantity}`) ?? 0
    return sum
  }

  /** The attacker answered once in this group with these dimension scores. */
  addOwn(role: Role, partner: string, scores: Record<string, number | null>, answers?: Answers) {
    const bump = (q: string, by: number) =>
      this.known.set(`${role}|${partner}|${q}`, (this.known.get(`${role}|${partner}|${q}`) ?? 0) + by)
    bump('n', 1)
    // Its answer to each question: one in that question's part (question detail), and in its n.
    if (answers) {
      for (const q of scoredQuestions(ins, role)) {
        bump(`q:${q.name}:${partOf(answers[q.name]!)}`, 1)
        bump(`q:${q.name}:n`, 1)
        // The scale's two ends, as the measurement-quality pool counts them (the answer as given, not reversed).
        if (answers[q.name] === ins.scale.min) bump(`q:${q.name}:floor`, 1)
        if (answers[q.name] === ins.scale.max) bump(`q:${q.name}:ceiling`, 1)
      }
    } else this.withoutAnswers = true
    for (const [d, v] of Object.entries(scores)) {
      if (v === null) continue
      bump(`${d}:n`, 1)
      bump(`${d}:s`, Math.round(v * S))
      bump(`${d}:q`, Math.round(v * v * Q))
    }
    // The staff-only questions' 12 × sum where the dimension is scored (`across`).
    if (answers && role === 'medewerker')
      for (const split of sharedItemsOf(ins))
        if (split.staffOnly.length > 0 && scores[split.dimension] != null)
          bump(`${split.dimension}:rest:s`, S * split.staffOnly.reduce((a, q) => a + scoredValue(q, answers), 0))
    // Staff's score on the questions team managers are also asked, as the rollup keeps it (`sharedScores`).
    for (const [d, v] of Object.entries(answers ? sharedScores(ins, role, answers) : {})) {
      if (v === null) continue
      bump(`${d}:shared:n`, 1)
      bump(`${d}:shared:s`, Math.round(v * S))
      bump(`${d}:shared:q`, Math.round(v * v * Q))
    }
  }

  private equation(
    reader: string,
    role: Role,
    partners: Iterable<string>,
    quantity: string,
    value: number,
    known: Known = this.known,
  ) {
    const coeffs: Record<string, number> = {}
    for (const p of partners) coeffs[p] = 1
    this.equations.push({ reader, system: `${role}|${quantity}`, coeffs })
    const rhs = new Frac(BigInt(value - this.knownOf(known, role, Object.keys(coeffs), quantity)))
    this.system(role, quantity).add(coeffs, rhs)
    this.across(role, quantity, coeffs, rhs)
  }

  /**
   * One more system per staff dimension whose score has questions its shared score has not
   * (worker/domain/shared-items.ts `sharedItemsOf`: autonomie_5, steun_5), across the two kinds of
   * number the others keep apart: per partner its 12 × whole score sum (`${p}|whole`), 12 × shared
   * score sum (`${p}|shared`) and the staff-only questions' 12 × sum (`${p}|rest`), tied per
   * partner by m × whole − s × shared = rest (m and s the two scores' question counts: 5 × whole −
   * 4 × shared is one question's sum). The tie holds where every answer set answers the dimension
   * whole or not at all, as these tests' do (`answersFor`), so it is read for what it determines
   * (`determined()`, as `${dimension}:rest:s`), not checked for consistency (the whole scores of
   * five questions are 12 × sums rounded). Fed by every `${d}:s` and `${d}:shared:s` equation, and
   * by the export's item sums of the staff-only questions (`quality`).
   */
  private readonly _across = new Map<string, LinearSystem>()
  private readonly tied = new Set<string>()

  private acrossSystem(role: Role, dimension: string): LinearSystem | null {
    const split = role === 'medewerker' ? sharedItemsOf(ins).find((x) => x.dimension === dimension) : undefined
    if (!split || split.staffOnly.length === 0) return null
    const key = `${role}|${dimension}`
    let s = this._across.get(key)
    if (!s) {
      this._across.set(key, (s = new LinearSystem()))
      for (const g of this.empty) if (g.startsWith(`${role}|`)) this.tie(s, key, g.slice(role.length + 1), split, true)
    }
    return s
  }

  private tie(
    s: LinearSystem,
    key: string,
    partner: string,
    split: { shared: unknown[]; staffOnly: unknown[] },
    empty = false,
  ) {
    if (empty) s.add({ [`${partner}|whole`]: 1 }, 0).add({ [`${partner}|shared`]: 1 }, 0)
    if (this.tied.has(`${key}|${partner}`)) return
    this.tied.add(`${key}|${partner}`)
    s.add({
      [`${partner}|whole`]: split.shared.length + split.staffOnly.length,
      [`${partner}|shared`]: -split.shared.length,
      [`${partner}|rest`]: -1,
    })
  }

  private across(role: Role, quantity: string, coeffs: Record<string, number>, rhs: Frac) {
    const m = /^([a-z][a-z0-9_]*):(shared:|rest:)?s$/.exec(quantity)
    const s = m ? this.acrossSystem(role, m[1]!) : null
    if (!m || !s) return
    const split = sharedItemsOf(ins).find((x) => x.dimension === m[1])!
    for (const p of Object.keys(coeffs)) this.tie(s, `${role}|${m[1]}`, p, split)
    const part = m[2] === 'shared:' ? 'shared' : m[2] === 'rest:' ? 'rest' : 'whole'
    s.add(Object.fromEntries(Object.entries(coeffs).map(([p, c]) => [`${p}|${part}`, c])), rhs)
  }

  /** The equations of one cell over the given partners (per dimension its own set of them). */
  private cellEquations(
    reader: string,
    role: Role,
    n: Iterable<string>,
    dims: (d: string) => Iterable<string>,
    cell: CellJson,
    known?: Known,
  ) {
    if (cell.n !== null) this.equation(reader, role, n, 'n', cell.n, known)
    for (const [d, s] of Object.entries(cell.scores ?? {})) {
      if (!s) continue
      this.equation(reader, role, dims(d), `${d}:n`, s.n, known)
      this.equation(reader, role, dims(d), `${d}:s`, Math.round(s.n * s.mean * S), known)
      if (s.sd !== null)
        this.equation(
          reader,
          role,
          dims(d),
          `${d}:q`,
          Math.round(((s.n - 1) * s.sd * s.sd + s.n * s.mean * s.mean) * Q),
          known,
        )
    }
  }

  /** A programme cell over the partners its publication shows: a sum of exactly those, nothing of a hidden group. */
  private programmeEquations(reader: string, role: Role, cell: CellJson, known: Known, shown: Shown) {
    // The model says which numbers the total must have: a count iff a partner is shown, a dimension iff a partner shows it.
    if ((cell.n !== null) !== shown.n.size > 0)
      this.mismatches.push(
        `${role}: ${reader} reads a programme count of ${cell.n} with ${shown.n.size} partners shown`,
      )
    for (const [d, members] of shown.dims) {
      if (cell.n !== null && !cell.scores?.[d] !== (members.size === 0))
        this.mismatches.push(
          `${role}: ${reader} reads programme ${d} as ${JSON.stringify(cell.scores?.[d] ?? null)} with ${members.size} partners showing it`,
        )
    }
    this.cellEquations(reader, role, shown.n, (d) => shown.dims.get(d) ?? [], cell, known)
  }

  /** One cell as shown: `partner` null for the programme as a whole. */
  cell(reader: string, role: Role, partner: string | null, cell: CellJson, published: boolean) {
    this.readings.push({ reader, role, partner, cell, published })
    // Agreement is a partner's alone: a programme total carrying it would carry a hidden group's spread too.
    if (partner === null && Object.values(cell.scores ?? {}).some((s) => s?.agreement != null))
      this.mismatches.push(`${role}: ${reader} reads an agreement for the programme as a whole`)
    if (partner !== null) return this.cellEquations(reader, role, [partner], () => [partner], cell)
    if (!published) {
      if (cell.n !== null || cell.scores)
        this.mismatches.push(`${role}: ${reader} reads a programme total before the wave is published`)
      return
    }
    const known = new Map(this.known)
    const shown = this.shown.get(role)
    if (shown) this.programmeEquations(reader, role, cell, known, shown)
    else this.pending.push({ reader, role, cell, known })
  }

  /** A complete view of one role's publication (every partner of the wave listed): which partners it shows. */
  private complete(reader: string, role: Role, cells: { id: string; cell: CellJson }[]) {
    const shown: Shown = { n: new Set(), dims: new Map(dimensionsFor(ins, role).map((d) => [d, new Set<string>()])) }
    for (const { id, cell } of cells) {
      if (cell.n === null) continue
      shown.n.add(id)
      for (const [d, s] of Object.entries(cell.scores ?? {}))
        if (s) (shown.dims.get(d) ?? shown.dims.set(d, new Set()).get(d)!).add(id)
    }
    const key = (x: Shown) => JSON.stringify([[...x.n].sort(), [...x.dims].map(([d, m]) => [d, [...m].sort()]).sort()])
    const before = this.shown.get(role)
    if (before) {
      if (key(before) !== key(shown))
        this.mismatches.push(`${role}: ${reader}'s complete view shows other partners than an earlier one`)
      return
    }
    this.shown.set(role, shown)
    const waiting = this.pending.filter((x) => x.role === role)
    this.pending = this.pending.filter((x) => x.role !== role)
    for (const x of waiting) this.programmeEquations(x.reader, role, x.cell, x.known, shown)
  }

  private isComplete(ids: string[]) {
    return this.partners().every((p) => ids.includes(p))
  }

  /**
   * The gap view: every gap, interval and typical gap a dashboard gives, to be checked
   * once all is read against the readings of both roles' cells (`ungrounded()`): each must be what
   * those shown cells' n, mean and sd give, so it adds no equation, and none may be of a hidden cell.
   */
  readonly gapClaims: { reader: string; partner: string | null; dimension: string; g: GapJson; what: string }[] = []

  /** The dimensions whose gaps, as a dashboard said (`gapBasis`), compare staff's score on the shared questions. */
  private readonly gapsOnShared = new Set<string>()

  private gaps(reader: string, d: ResultsJson) {
    for (const b of d.gapBasis ?? []) if (b.on === 'shared') this.gapsOnShared.add(b.dimension)
    if (!d.published && (d.gap.length || d.gapTypical?.length))
      this.mismatches.push(`${reader} reads gaps before the wave is published`)
    for (const g of d.gap) {
      const what = `${reader} gap ${g.partnerId} ${g.dimension}`
      if (!d.partners.some((p) => p.id === g.partnerId))
        this.mismatches.push(`${what}: a gap about a partner its view does not show`)
      this.gapClaims.push({ reader, partner: g.partnerId, dimension: g.dimension, g, what })
      // A partner is set against the median of the other partners' gaps in this same view, from
      // MIN_OTHER_PARTNERS others on (worker/domain/gap.ts): a median made of anything the reader's
      // own gap rows do not hold (a partner it may not see, a hidden one) reads differently here.
      if (g.versusTypical !== undefined) {
        const others = d.gap.filter((x) => x.dimension === g.dimension && x.partnerId !== g.partnerId).map((x) => x.gap)
        const median = others.length < MIN_OTHER_PARTNERS ? null : printedMedian(others)
        const versus =
          median === null || !g.ci95 ? null : median < g.ci95[0] ? 'larger' : median > g.ci95[1] ? 'smaller' : 'same'
        if (g.typical !== median || g.versusTypical !== versus)
          this.mismatches.push(
            `${what}: against ${g.typical} read ${g.versusTypical}, not the other partners' median's ${versus} (${median})`,
          )
      }
    }
    for (const t of d.gapTypical ?? []) {
      // Its median and its count of partners are the reader's own gap rows' (worker/domain/gap.ts
      // `programmeGaps`): made of anything else, they would read differently here.
      const rows = d.gap.filter((x) => x.dimension === t.dimension).map((x) => x.gap)
      const median = rows.length ? printedMedian(rows) : null
      if (t.median !== undefined && (t.median !== median || t.partners !== rows.length))
        this.mismatches.push(
          `${reader} typical gap ${t.dimension}: median ${t.median} of ${t.partners}, not its rows' ${median} of ${rows.length}`,
        )
      this.gapClaims.push({
        reader,
        partner: null,
        dimension: t.dimension,
        g: t,
        what: `${reader} typical gap ${t.dimension}`,
      })
    }
  }

  /** How many gap intervals `ungrounded()` recomputed from readings with a spread (a CSV reading has none). */
  gapIntervalsChecked = 0

  /**
   * Each gap claim against the readings: its means are shown values of a shown manager and staff
   * cell (a CSV mean has four decimals: within the rounding, as `unfounded()` allows), its gap their
   * difference, and its interval the gap ± the shown half-width that Welch gives from those cells'
   * n, mean and sd (read from a dashboard or trend; within 0.05 + 1e-3 of it).
   */
  private ungrounded(): string[] {
    const round = printed
    const span = ins.scale.max - ins.scale.min
    const bad: string[] = []
    const scoresOf = (role: Role, partner: string | null, dim: string) =>
      this.readings.flatMap((r) => {
        const s =
          r.published && r.role === role && r.partner === partner && r.cell.n !== null ? r.cell.scores?.[dim] : null
        return s ? [s] : []
      })
    const near = (claim: number | undefined, mean: number) =>
      claim === undefined || Math.abs(claim - mean) <= 0.05 + 1e-4
    const mom = (x: { n: number; mean: number; sd: number | null }) => ({
      n: x.n,
      sum: x.n * x.mean,
      sumsq: (x.n - 1) * (x.sd ?? 0) ** 2 + x.n * x.mean ** 2,
    })
    // Where staff's side is their score on the questions team managers are also asked (worker/domain/gap.ts
    // `gapsBetween`), only a reading that carries it (a dashboard's `shared`) can ground
    // it: a CSV or report reading of the same cell has the whole score only, so such a claim is
    // checked against the readings of `shared` when there are any, and otherwise left unchecked.
    const sharedOf = (partner: string | null, dim: string) =>
      this.readings.flatMap((r) => {
        const s =
          r.published && r.role === 'medewerker' && r.partner === partner && r.cell.n !== null
            ? r.cell.shared?.[dim]
            : null
        return s ? [s] : []
      })
    const onShared = (partner: string | null, dim: string) =>
      this.readings.some(
        (r) => r.role === 'medewerker' && r.partner === partner && r.cell.shared && dim in r.cell.shared,
      )
    for (const c of this.gapClaims) {
      if (c.partner === null) {
        // The programme's gap is the mean of partner gaps (worker/domain/gap.ts `programmeGaps`),
        // from four partners on, made only of the gap rows this reader is shown: it needs four or
        // more of them on its dimension (readings carry no wave, so their mean is not checked).
        const rows = this.gapClaims.filter(
          (x) => x.reader === c.reader && x.partner !== null && x.dimension === c.dimension,
        )
        const ids = new Set(rows.map((x) => x.partner))
        if (ids.size < 4) {
          bad.push(`${c.what}: a programme gap from ${ids.size} partner gaps the reader is shown, not four or more`)
          continue
        }
        // Its two means are rounded so that they add up by hand (worker/domain/gap.ts `meansBesideGap`):
        // the shown gap is manager − staff as shown, to the step.
        if (
          c.g.manager !== undefined &&
          c.g.staff !== undefined &&
          Math.round(c.g.gap * 10) !== Math.round(c.g.manager * 10) - Math.round(c.g.staff * 10)
        )
          bad.push(`${c.what}: ${c.g.gap} is not ${c.g.manager} − ${c.g.staff}`)
        continue
      }
      const managers = scoresOf('teammanager', c.partner, c.dimension).filter((m) => near(c.g.manager, m.mean))
      // As the dashboard said; a publication that keeps no shared scores compares the whole scores.
      const viaShared = this.gapsOnShared.has(c.dimension)
      if (viaShared && !onShared(c.partner, c.dimension)) continue
      const staff = (
        viaShared ? sharedOf(c.partner, c.dimension) : scoresOf('medewerker', c.partner, c.dimension)
      ).filter((s) => near(c.g.staff, s.mean))
      // Readings carry no wave: a reader may hold staff's shared scores of one wave only (its staff
      // dashboard) and of another wave the whole scores (a trend), so a shared-questions gap of that
      // other wave is grounded by the staff cell being shown there, a whole-score reading of it, and
      // its interval is left unchecked (the shared score's own suppression: shared-items.test.ts).
      if (viaShared && !staff.length && managers.length && scoresOf('medewerker', c.partner, c.dimension).length)
        continue
      if (!managers.length || !staff.length) {
        bad.push(`${c.what}: ${JSON.stringify(c.g)} is about no shown cell (hidden) or no shown mean of one`)
        continue
      }
      if (c.g.manager !== undefined && c.g.staff !== undefined && c.g.gap !== round(c.g.manager - c.g.staff))
        bad.push(`${c.what}: ${c.g.gap} is not ${c.g.manager} − ${c.g.staff}`)
      const ci = c.g.ci95
      if (!ci) continue
      const withSd = managers
        .flatMap((m) => staff.map((s) => [m, s] as const))
        .filter(([m, s]) => m.sd !== null && s.sd !== null)
      if (!withSd.length) continue
      this.gapIntervalsChecked++
      const clipped = Math.abs(ci[0]) >= span || Math.abs(ci[1]) >= span
      const fits = withSd.some(([m, s]) => {
        const half = welchCi95(mom(s), mom(m))!.half
        const shownHalf = (ci[1] - ci[0]) / 2
        return (
          (clipped || Math.abs((ci[0] + ci[1]) / 2 - c.g.gap) < 1e-9) &&
          (clipped || Math.abs(shownHalf - half) <= 0.05 + 1e-3)
        )
      })
      if (!fits)
        bad.push(`${c.what}: interval ${JSON.stringify(ci)} is not ${c.g.gap} ± the half-width the shown cells give`)
    }
    return bad
  }

  dashboard(reader: string, d: ResultsJson) {
    this.standouts(reader, d)
    this.headlines(reader, d)
    this.gaps(reader, d)
    for (const p of d.partners) this.cell(reader, d.role, p.id, p, d.published)
    if (d.published && this.isComplete(d.partners.map((p) => p.id)))
      this.complete(
        reader,
        d.role,
        d.partners.map((p) => ({ id: p.id, cell: p })),
      )
    this.cell(reader, d.role, null, d.programme, d.published)
    this.questions(reader, d)
    this.sharedScores(reader, d)
  }

  /** Per dimension, the partners whose staff shared score a complete view shows: the programme's is modelled as their sum. */
  readonly shownShared = new Map<string, Set<string>>()
  /** Programme shared scores read before any complete view: not placed in any system. */
  unplacedShared = 0

  /**
   * Staff's published shared scores (worker/domain/publication.ts `withShared`) as equations, as
   * the dimensions' are: per shown cell and dimension its n, 12 × sum and 144 × sum of squares
   * (`${dimension}:shared:n|s|q`), and the programme's over the partners a complete view shows it
   * for. Each its own system, beside the dimension's; the combination across the two (5 × whole −
   * 4 × shared is one question's sum) is one more system's (`across`).
   */
  private sharedScores(reader: string, d: ResultsJson) {
    const cells = [...d.partners.map((p) => [p.id, p] as const), [null, d.programme] as const]
    if (!cells.some(([, c]) => c.shared && Object.values(c.shared).some((x) => x))) return
    if (!d.published) {
      this.mismatches.push(`${d.role}: ${reader} reads shared scores before the wave is published`)
      return
    }
    if (this.withoutAnswers) throw new Error("shared scores read, but addOwn was not given the attacker's answers")
    const equations = (members: Iterable<string>, dim: string, x: { n: number; mean: number; sd: number | null }) => {
      this.equation(reader, d.role, members, `${dim}:shared:n`, x.n)
      this.equation(reader, d.role, members, `${dim}:shared:s`, Math.round(x.n * x.mean * S))
      if (x.sd !== null)
        this.equation(
          reader,
          d.role,
          members,
          `${dim}:shared:q`,
          Math.round(((x.n - 1) * x.sd * x.sd + x.n * x.mean * x.mean) * Q),
        )
    }
    for (const p of d.partners) {
      if (p.n === null && p.shared && Object.values(p.shared).some((x) => x))
        this.mismatches.push(`${d.role}: ${reader} reads a shared score of a hidden partner`)
      for (const [dim, x] of Object.entries(p.shared ?? {})) if (x) equations([p.id], dim, x)
    }
    if (this.isComplete(d.partners.map((p) => p.id)) && this.shownShared.size === 0)
      for (const p of d.partners)
        for (const [dim, x] of Object.entries(p.shared ?? {}))
          if (x) (this.shownShared.get(dim) ?? this.shownShared.set(dim, new Set()).get(dim)!).add(p.id)
    if (!d.programme.shared) return
    if (this.shownShared.size === 0) {
      this.unplacedShared++
      return
    }
    for (const [dim, x] of Object.entries(d.programme.shared)) {
      const members = this.shownShared.get(dim) ?? new Set<string>()
      if (!x !== (members.size === 0))
        this.mismatches.push(
          `${d.role}: ${reader} reads programme shared ${dim} as ${JSON.stringify(x)} with ${members.size} partners showing it`,
        )
      if (x) equations(members, dim, x)
    }
  }

  /** Set when the attacker's own answers were not given to `addOwn`: question counts cannot be read as equations then. */
  private withoutAnswers = false

  /**
   * Question detail as equations: per group and question shown, its n and its four
   * parts; the programme's per question over the partners a complete view shows it for. A
   * question hidden in a shown group, like a hidden group, must then be in no equation.
   */
  private questions(reader: string, d: ResultsJson) {
    const q = d.questions
    if (!q || !d.published) {
      if (q) this.mismatches.push(`${d.role}: ${reader} reads question detail before the wave is published`)
      return
    }
    if (this.withoutAnswers) throw new Error("question detail read, but addOwn was not given the attacker's answers")
    const equations = (partners: Iterable<string>, name: string, s: SharesJson, known?: Known) => {
      const members = [...partners]
      this.equation(reader, d.role, members, `q:${name}:n`, s.n, known)
      for (const part of PARTS) this.equation(reader, d.role, members, `q:${name}:${part}`, s[part].count, known)
      // No one disagreeing means no one at the scale's bottom (agreeing: its top): what a reader
      // holding the quality view's floor and ceiling counts deduces from a part of 0.
      if (s.disagree.count === 0) this.equation(reader, d.role, members, `q:${name}:floor`, 0, known)
      if (s.agree.count === 0) this.equation(reader, d.role, members, `q:${name}:ceiling`, 0, known)
    }
    for (const p of d.partners) {
      const cell = q.partners[p.id]
      if (p.n === null && cell) this.mismatches.push(`${d.role}: ${reader} reads question detail of a hidden partner`)
      for (const [name, s] of Object.entries(cell ?? {})) if (s) equations([p.id], name, s)
    }
    if (this.isComplete(d.partners.map((p) => p.id))) {
      const shown = new Map<string, Set<string>>()
      for (const p of d.partners)
        for (const [name, s] of Object.entries(q.partners[p.id] ?? {}))
          if (s) (shown.get(name) ?? shown.set(name, new Set()).get(name)!).add(p.id)
      const key = (m: Map<string, Set<string>>) => JSON.stringify([...m].map(([n, ids]) => [n, [...ids].sort()]).sort())
      const before = this.shownQuestions.get(d.role)
      if (before && key(before) !== key(shown))
        this.mismatches.push(`${d.role}: ${reader}'s complete view shows other questions than an earlier one`)
      if (!before) {
        this.shownQuestions.set(d.role, shown)
        this.partlyShownQuestions.set(
          d.role,
          new Set(
            d.partners.filter((p) => Object.values(q.partners[p.id] ?? {}).some((x) => x === null)).map((p) => p.id),
          ),
        )
      }
    }
    if (this.shown.has(d.role)) {
      const waiting = this.pendingQuality.filter(([, role]) => role === d.role)
      this.pendingQuality = this.pendingQuality.filter(([, role]) => role !== d.role)
      for (const args of waiting) this.quality(...args)
    }
    const shown = this.shownQuestions.get(d.role)
    if (!q.programme) return
    if (!shown) {
      this.unplacedQuestions++
      return
    }
    for (const [name, s] of Object.entries(q.programme)) {
      const members = shown.get(name) ?? new Set<string>()
      if (!s !== (members.size === 0))
        this.mismatches.push(
          `${d.role}: ${reader} reads programme question ${name} as ${JSON.stringify(s)} with ${members.size} partners showing it`,
        )
      if (s) equations(members, name, s)
    }
  }

  /**
   * The stand-outs of a dashboard: about the programme and the partners this reader sees only, none
   * before publication, and every number they state a claim on a shown cell (a gap: on both roles'
   * cells, and the difference of the two shown values). They add no equation: what they say is the
   * rounding of numbers already read, which `inconsistent()` checks.
   */
  private standouts(reader: string, d: ResultsJson) {
    const list = d.standouts ?? []
    if (!d.published && list.some((g) => g.items.length))
      this.mismatches.push(`${reader} reads stand-outs before the wave is published`)
    const round = printed
    for (const g of list) {
      const pid = g.subject.kind === 'partner' ? g.subject.id : null
      if (pid !== null && !d.partners.some((p) => p.id === pid))
        this.mismatches.push(`${reader} reads stand-outs about partner ${pid}, which its view does not show`)
      for (const x of g.items) {
        const what = `${reader} stand-out ${x.kind} ${d.role} ${pid ?? 'programme'} ${x.dimension}`
        if (x.kind === 'held') {
          this.heldClaims++
          if (!heldIn(pid === null ? d.programme : d.partners.find((p) => p.id === pid), x.dimension))
            this.mismatches.push(`${what}: tells of a split the view's cell does not show`)
        } else if (x.kind === 'change')
          this.claims.push({ reader, role: x.role, partner: pid, dimension: x.dimension, mean: x.to, what })
        else if (x.kind === 'gap' && pid === null) {
          // The programme's gap is the mean of partner gaps, not of its rows (worker/domain/gap.ts
          // `programmeGaps`): checked as the programme's gap table is, against the reader's gap rows.
          this.gapClaims.push({ reader, partner: null, dimension: x.dimension, g: x, what })
        } else if (x.kind === 'gap') {
          this.claims.push({ reader, role: 'teammanager', partner: pid, dimension: x.dimension, mean: x.manager, what })
          this.claims.push({
            reader,
            role: 'medewerker',
            partner: pid,
            dimension: x.dimension,
            mean: x.staff,
            what,
            gapStaff: true,
          })
          if (round(x.manager - x.staff) !== x.gap)
            this.mismatches.push(`${what}: ${x.gap} is not ${x.manager} − ${x.staff}`)
        } else this.claims.push({ reader, role: x.role, partner: pid, dimension: x.dimension, mean: x.mean, what })
      }
      // Every held cell of the subject told, and only those: what the heatmap row shows, no more, no less.
      const row = pid === null ? d.programme : d.partners.find((p) => p.id === pid)
      const heldCells = Object.keys(row && !row.suppressed ? (row.scores ?? {}) : {}).filter((k) => heldIn(row, k))
      const told = g.items.flatMap((x) => (x.kind === 'held' ? [x.dimension] : []))
      if (JSON.stringify([...told].sort()) !== JSON.stringify(heldCells.sort()))
        this.mismatches.push(
          `${reader} stand-outs of ${pid ?? 'programme'}: held ${told}, the view's cells held ${heldCells}`,
        )
      // "And N more" counts statements left unsaid: each must be one the reader's tables hold, about
      // shown cells, so a count says nothing of a hidden group (a gap: one of the subject's shown
      // gaps beyond the named; a change: one of the subject's dimensions shown in this role).
      const more = g.more ?? { gap: 0, change: 0 }
      const named = (kind: string) => g.items.filter((x) => x.kind === kind).length
      const gaps = d.gap.filter((x) => x.partnerId === pid).length
      const cell = pid === null ? d.programme : d.partners.find((p) => p.id === pid)
      const dims = cell && !cell.suppressed && cell.scores ? Object.values(cell.scores).filter(Boolean).length : 0
      if (pid !== null && more.gap > 0 && named('gap') + more.gap > gaps)
        this.mismatches.push(
          `${reader} stand-outs of ${pid}: ${named('gap')} + ${more.gap} more gaps, the table shows ${gaps}`,
        )
      if (named('change') + more.change > dims)
        this.mismatches.push(
          `${reader} stand-outs of ${pid ?? 'programme'}: ${named('change')} + ${more.change} more changes, ${dims} dimensions shown`,
        )
    }
  }

  /**
   * The programme-wide sentences of a dashboard: none before publication; every name a
   * partner this reader's view shows; every number a claim on a shown cell, as the stand-outs'. A
   * "lowest" must be the lowest shown value among this view's shown partners, with every partner at
   * that value named and `of` the number of them showing the dimension: so it is a fact of the
   * view's own rows, and a hidden group could change neither who is named nor the count.
   */
  private headlines(reader: string, d: ResultsJson) {
    const list = d.headlines ?? []
    if (!d.published && list.length) this.mismatches.push(`${reader} reads headlines before the wave is published`)
    const round = printed
    const seen = (id: string) => d.partners.some((p) => p.id === id && !p.suppressed)
    // "Lowest on two or more dimensions", recomputed from this view's own rows: per dimension that
    // at least two shown partners show and not all at one value, the partners at the lowest shown
    // value; a partner named so on two or more is said, the two named most often and any tied with
    // the second across the cut (worker/domain/standouts.ts `cutWithTies`). So a hidden cell can
    // neither name a partner nor change the count.
    const dims = [...new Set(d.partners.flatMap((p) => (p.suppressed ? [] : Object.keys(p.scores ?? {}))))]
    const lowestOf = new Map<string, string[]>()
    let compared = 0
    for (const dim of dims) {
      const showing = d.partners.flatMap((p) => {
        const s = p.suppressed ? null : p.scores?.[dim]
        return s ? [{ id: p.id, mean: round(s.mean) }] : []
      })
      const min = Math.min(...showing.map((x) => x.mean))
      const named = showing.filter((x) => x.mean === min)
      if (showing.length < 2 || named.length === showing.length) continue
      compared++
      for (const x of named) lowestOf.set(x.id, [...(lowestOf.get(x.id) ?? []), dim])
    }
    const often = [...lowestOf].filter(([, ds]) => ds.length >= 2).sort((a, b) => b[1].length - a[1].length)
    // Those tied with the second across the cut are named with it, up to four in all; a wider tie is not named.
    const edge = often[1]?.[1].length
    let end = Math.min(2, often.length)
    while (end < often.length && often[end]![1].length === edge) end++
    const kept = end <= 4 ? often.slice(0, end) : often.slice(0, 2).filter(([, ds]) => ds.length !== edge)
    const expected = kept.map(([id, ds]) => `${id}: ${[...ds].sort()} of ${compared}`).sort()
    const said = list
      .flatMap((h) => (h.kind === 'lowestOften' ? [`${h.partner.id}: ${[...h.dimensions].sort()} of ${h.of}`] : []))
      .sort()
    if (JSON.stringify(said) !== JSON.stringify(expected))
      this.mismatches.push(
        `${reader} headline lowestOften ${d.role}: says ${JSON.stringify(said)}, the view's rows give ${JSON.stringify(expected)}`,
      )
    for (const h of list) {
      const what = `${reader} headline ${h.kind} ${d.role} ${'dimension' in h ? h.dimension : ''}`
      if (h.kind === 'lowest') {
        const showing = d.partners.flatMap((p) => {
          const s = p.suppressed ? null : p.scores?.[h.dimension]
          return s ? [{ id: p.id, mean: round(s.mean) }] : []
        })
        const min = Math.min(...showing.map((x) => x.mean))
        const named = showing.filter((x) => x.mean === min).map((x) => x.id)
        if (h.of !== showing.length) this.mismatches.push(`${what}: of ${h.of}, the view shows ${showing.length}`)
        if (h.mean !== min || JSON.stringify(h.partners.map((p) => p.id)) !== JSON.stringify(named))
          this.mismatches.push(
            `${what}: names ${h.partners.map((p) => p.id)} at ${h.mean}, the view's lowest ${named} at ${min}`,
          )
        const max = Math.max(...showing.map((x) => x.mean))
        const top = showing.filter((x) => x.mean === max).map((x) => x.id)
        if (h.highest.mean !== max || JSON.stringify(h.highest.partners.map((p) => p.id)) !== JSON.stringify(top))
          this.mismatches.push(
            `${what}: names ${h.highest.partners.map((p) => p.id)} highest at ${h.highest.mean}, the view's ${top} at ${max}`,
          )
        // Where its lowest are each named lowest on this dimension by a "lowest often" line, it
        // leads with the next-lowest (worker/domain/standouts.ts `next`): the lowest shown value of
        // the other partners showing it, every one at it named, at least two left and not all equal;
        // and it never leads with the named again without one.
        const namedAbove = h.partners.every((p) =>
          list.some((o) => o.kind === 'lowestOften' && o.partner.id === p.id && o.dimensions.includes(h.dimension)),
        )
        const rest = showing.filter((x) => x.mean !== min)
        const restMin = Math.min(...rest.map((x) => x.mean))
        const restLow = rest.length >= 2 && rest.some((x) => x.mean !== restMin)
        if (h.next) {
          const next = rest.filter((x) => x.mean === restMin).map((x) => x.id)
          if (!namedAbove) this.mismatches.push(`${what}: leads with the next-lowest, its lowest not named above`)
          if (
            !restLow ||
            h.next.mean !== restMin ||
            JSON.stringify(h.next.partners.map((p) => p.id)) !== JSON.stringify(next)
          )
            this.mismatches.push(
              `${what}: names ${h.next.partners.map((p) => p.id)} next-lowest at ${h.next.mean}, the view's ${restLow ? next : 'none'} at ${restMin}`,
            )
        } else if (namedAbove)
          this.mismatches.push(`${what}: leads with ${h.partners.map((p) => p.id)} again, named lowest on it above`)
        // Nor with a next-lowest named so on this dimension by a "lowest after" line above.
        const saidAfter = (id: string) =>
          list.some((o) => o.kind === 'lowestAfter' && o.partner.id === id && o.dimensions.includes(h.dimension))
        if (h.next?.partners.every((p) => saidAfter(p.id)))
          this.mismatches.push(
            `${what}: leads with ${h.next.partners.map((p) => p.id)} again, named next-lowest on it above`,
          )
        for (const [p, mean] of [
          ...h.partners.map((p) => [p, h.mean] as const),
          ...(h.next?.partners ?? []).map((p) => [p, h.next!.mean] as const),
          ...h.highest.partners.map((p) => [p, h.highest.mean] as const),
        ]) {
          if (!seen(p.id)) this.mismatches.push(`${what}: names partner ${p.id}, which its view does not show`)
          this.claims.push({ reader, role: h.role, partner: p.id, dimension: h.dimension, mean, what })
        }
        if (h.programme !== null)
          this.claims.push({ reader, role: h.role, partner: null, dimension: h.dimension, mean: h.programme, what })
      } else if (h.kind === 'more') {
        // A count of statements left unsaid: no more than this view's shown cells and gap table hold.
        const shownDims = [d.programme, ...d.partners].reduce(
          (a, c) => a + (c.suppressed || !c.scores ? 0 : Object.values(c.scores).filter(Boolean).length),
          0,
        )
        const standing = d.gap.filter((g) => g.versusTypical === 'larger' || g.versusTypical === 'smaller').length
        const most =
          h.of === 'gap' ? (d.gap.some((g) => g.versusTypical !== undefined) ? standing : d.gap.length) : shownDims
        if (h.n > most) this.mismatches.push(`${what}: ${h.n} more ${h.of}s, the view holds ${most}`)
        // How many changes were tested (for the sentence on chance): each a change of a cell this
        // view shows, so never more than its shown cells; a hidden group counted would tell it is there.
        const tested = h.of === 'change' ? (h as { tested?: number }).tested : undefined
        if (tested !== undefined && tested > shownDims)
          this.mismatches.push(`${what}: ${tested} changes tested, the view shows ${shownDims} cells`)
      } else if (h.kind === 'held') {
        // Partners whose shown cells name no level for answers apart: each one shown, each dimension
        // a cell its view shows so, and every such partner of the view named or counted.
        for (const p of h.partners) {
          const row = d.partners.find((x) => x.id === p.id)
          if (!seen(p.id)) this.mismatches.push(`${what}: names partner ${p.id}, which its view does not show`)
          for (const dim of p.dimensions) {
            this.heldClaims++
            if (!heldIn(row, dim)) this.mismatches.push(`${what}: ${p.id} ${dim} is not a held cell of its view`)
          }
        }
        const partnersHeld = d.partners.filter((p) => Object.keys(p.scores ?? {}).some((k) => heldIn(p, k))).length
        if (h.partners.length + h.more !== partnersHeld)
          this.mismatches.push(`${what}: ${h.partners.length} + ${h.more} partners, the view holds ${partnersHeld}`)
      } else if (h.kind === 'lowestOften') {
        if (!seen(h.partner.id))
          this.mismatches.push(`${what}: names partner ${h.partner.id}, which its view does not show`)
      } else if (h.kind === 'lowestAfter') {
        // Next-lowest after the partners `after` on each dimension it names, from this view's rows: they
        // the lowest there (and named so above), it at the lowest value of the rest, at least two left
        // and not all equal; `of` the dimensions where they are the lowest.
        const key = h.after.map((p) => p.id).join(' ')
        const rowsOf = (dim: string) =>
          d.partners.flatMap((p) => {
            const s = p.suppressed ? null : p.scores?.[dim]
            return s ? [{ id: p.id, mean: round(s.mean) }] : []
          })
        const lowestOn = (dim: string) => {
          const showing = rowsOf(dim)
          const min = Math.min(...showing.map((x) => x.mean))
          const low = showing.filter((x) => x.mean === min)
          return showing.length < 2 || low.length === showing.length
            ? null
            : { low, rest: showing.filter((x) => x.mean !== min) }
        }
        const of = dims.filter(
          (dim) =>
            lowestOn(dim)
              ?.low.map((x) => x.id)
              .join(' ') === key,
        ).length
        if (of !== h.of) this.mismatches.push(`${what}: of ${h.of}, the view's rows give ${of}`)
        if (!seen(h.partner.id))
          this.mismatches.push(`${what}: names partner ${h.partner.id}, which its view does not show`)
        for (const dim of h.dimensions) {
          const on = lowestOn(dim)
          const named = h.after.every((p) =>
            list.some((o) => o.kind === 'lowestOften' && o.partner.id === p.id && o.dimensions.includes(dim)),
          )
          const restMin = Math.min(...(on?.rest ?? []).map((x) => x.mean))
          const next = on?.rest.find((x) => x.id === h.partner.id)
          const restLow = !!on && on.rest.length >= 2 && on.rest.some((x) => x.mean !== restMin)
          if (!on || on.low.map((x) => x.id).join(' ') !== key || !named || !restLow || next?.mean !== restMin)
            this.mismatches.push(
              `${what}: ${h.partner.id} is not the next-lowest after ${key} on ${dim} in the view's rows`,
            )
          // The others at that value, named beside the dimension: exactly the view's rows there, none hidden.
          const tied =
            (h.tied ?? [])
              .find((x) => x.dimension === dim)
              ?.partners.map((p) => p.id)
              .sort() ?? []
          const others = (on?.rest ?? [])
            .filter((x) => x.mean === restMin && x.id !== h.partner.id)
            .map((x) => x.id)
            .sort()
          if (tied.join(' ') !== others.join(' '))
            this.mismatches.push(
              `${what}: names ${tied.join(' ')} tied on ${dim}, the view's rows give ${others.join(' ')}`,
            )
        }
      } else if (h.kind === 'everywhere') {
        // The partners whose own lines say they moved one way on every dimension: each one shown,
        // and each with a clear change of every one of the view's dimensions named or counted in its line.
        for (const p of h.partners) {
          if (!seen(p.id)) this.mismatches.push(`${what}: names partner ${p.id}, which its view does not show`)
          const line = d.standouts?.find((g) => g.subject.kind === 'partner' && g.subject.id === p.id)
          const moved = (line as { moved?: { up: string[]; down: string[] } } | undefined)?.moved?.[h.direction]
          if (moved && moved.length !== h.dimensions)
            this.mismatches.push(`${what}: ${p.id} moved ${h.direction} on ${moved.length}, not ${h.dimensions}`)
        }
      } else {
        const pid = h.subject.kind === 'partner' ? h.subject.id : null
        // A gap is of team managers and staff, not of the role read: its partner need only be one
        // this reader is shown (its row may be hidden in this role, as the stand-outs allow); the
        // numbers it states are claims on the two roles' shown cells, checked in `inconsistent()`.
        const inView = h.kind === 'gap' ? d.partners.some((p) => p.id === pid) : seen(pid ?? '')
        if (pid !== null && !inView) this.mismatches.push(`${what}: about partner ${pid}, which its view does not show`)
        if (h.kind === 'change')
          this.claims.push({ reader, role: h.role, partner: pid, dimension: h.dimension, mean: h.to, what })
        else if (h.kind === 'gap') {
          this.claims.push({ reader, role: 'teammanager', partner: pid, dimension: h.dimension, mean: h.manager, what })
          this.claims.push({
            reader,
            role: 'medewerker',
            partner: pid,
            dimension: h.dimension,
            mean: h.staff,
            what,
            gapStaff: true,
          })
          if (round(h.manager - h.staff) !== h.gap)
            this.mismatches.push(`${what}: ${h.gap} is not ${h.manager} − ${h.staff}`)
        } else this.claims.push({ reader, role: h.role, partner: pid, dimension: h.dimension, mean: h.mean, what })
      }
    }
  }

  /** Each claim against the readings: some reading of that cell shows the dimension, and its mean rounds to the claim. */
  private unfounded(): string[] {
    const bad: string[] = []
    for (const c of this.claims) {
      // Staff's side of a gap on the shared questions (domain/gap.ts `gapsBetween`) is their shared
      // score: grounded by a reading of it where one holds it, else (readings carry no wave) by the
      // cell being shown, as `ungrounded()` does for the gap table.
      if (c.gapStaff && this.gapsOnShared.has(c.dimension)) {
        const shared = this.readings.filter(
          (r) => r.published && r.role === 'medewerker' && r.partner === c.partner && r.cell.shared?.[c.dimension],
        )
        if (shared.some((r) => Math.abs(r.cell.shared![c.dimension]!.mean - c.mean) <= 0.05 + 1e-4)) continue
      }
      const shown = this.readings.filter(
        (r) =>
          r.published &&
          r.role === c.role &&
          r.partner === c.partner &&
          r.cell.n !== null &&
          r.cell.scores?.[c.dimension],
      )
      // A CSV mean has four decimals: its rounding to one may differ from the exact mean's only at a .x5 edge.
      if (!shown.length) bad.push(`${c.what}: a stand-out about a cell no reading shows (hidden)`)
      else if (c.gapStaff && this.gapsOnShared.has(c.dimension)) continue
      else if (!shown.some((r) => Math.abs(r.cell.scores![c.dimension]!.mean - c.mean) <= 0.05 + 1e-4))
        bad.push(`${c.what}: ${c.mean} is no shown value of that cell`)
    }
    return bad
  }

  /** Quality views read shown, with how many carried their export: the property test's counts. */
  qualityShown = 0
  qualityExports = 0

  /**
   * The measurement-quality view and its export as equations. The pool is over every
   * answer set of the wave and role, a hidden group's too (worker/db/pool-moments.ts), so each of
   * its numbers is a sum over every partner of the wave, the reader's own answers subtracted, in
   * the system of its quantity: pool minus the programme's published totals (the sum of the
   * partners shown) is then what the solver finds of a hidden group. The answer sets of these
   * tests answer a dimension whole or not at all (`answersFor`), so a scale's complete cases are
   * its scored answer sets: the scale's n is the dimension's `n`, and from the export's item means
   * and covariances (sums Σxᵢ = n·x̄ᵢ, cross-products Σxᵢxⱼ = (n − 1)·cᵢⱼ + n·x̄ᵢx̄ⱼ) 12 × its scores'
   * sum (Σᵢ Σxᵢ / k) and 144 × their sum of squares (Σᵢⱼ Σxᵢxⱼ / k²). Per question: asked (its `n`),
   * "don't know", and the floor and ceiling counts its shares give. α, item–rest r and α if dropped
   * are functions of the export's moments: checked to be what those give, they add no equation of
   * their own. ICC rests on the shown cells only: checked to count exactly the partners showing the
   * dimension and their scores. Equations are read as `${reader}:quality`.
   */
  /** The partners whose published cell of `role` shows every dimension, question and shared score it holds. */
  private wholeCells(role: Role): string[] {
    const shown = this.shown.get(role)
    if (!shown) throw new Error('a quality view read before a complete view of its publication')
    const partly = this.partlyShownQuestions.get(role) ?? new Set<string>()
    const questions = this.shownQuestions.get(role)
    return [...shown.n].filter((p) => {
      // From a reading of the whole cell: a report's reading holds its count only (`scores: {}`,
      // property.test.ts `readReport`), which would make every cell look whole.
      const cell = this.readings.findLast(
        (r) => r.published && r.role === role && r.partner === p && !r.reader.endsWith(':report'),
      )?.cell
      // Every dimension and question of the role shown in it: a hidden one is left out of the
      // reading, not read as null, so what the cell leaves out is what the publication shows elsewhere.
      return (
        cell &&
        !partly.has(p) &&
        [...shown.dims.values()].every((ids) => ids.has(p)) &&
        (!questions ||
          questionsFor(ins, role)
            .filter((q) => q.type === 'radiogroup')
            .every((q) => questions.get(q.name)?.has(p))) &&
        Object.values(cell.scores ?? {}).every((x) => x !== null) &&
        Object.values(cell.shared ?? {}).every((x) => x !== null)
      )
    })
  }

  quality(reader: string, role: Role, view: QualityViewJson, exported: MomentsJson | null, published: boolean) {
    const who = `${reader}:quality`
    if (!view.shown) {
      if (exported) this.mismatches.push(`${role}: ${who} reads an export of a quality view that is not shown`)
      return
    }
    if (!published) this.mismatches.push(`${role}: ${who} reads a quality view before the wave is published`)
    // Which cells it is over is told by a complete view of the publication: until the reader has
    // one (a quality view read right after the close), its equations wait for the next dashboard read.
    if (!this.shown.has(role)) return void this.pendingQuality.push([reader, role, view, exported, published])
    this.qualityShown++
    // The pool is over the shown cells with nothing hidden inside them (worker/services/quality-service.ts
    // `wholeCell`), which the reader tells from the publication: every partner of the wave for a
    // view without `partnersLeftOut` (the release before, replayed by quality.test.ts), whose pool held every answer set.
    const all = view.partnersLeftOut === undefined ? this.partners() : this.wholeCells(role)
    if (view.partnersLeftOut !== undefined && all.length !== view.partners)
      this.mismatches.push(`${role}: ${who} is over ${view.partners} partners, ${all.length} shown whole`)
    this.equation(who, role, all, 'n', view.respondents)
    for (const q of view.questions) {
      const dk = Math.round((q.dontKnowRate ?? 0) * q.asked)
      const answered = q.asked - dk
      this.equation(who, role, all, `q:${q.name}:n`, q.asked)
      this.equation(who, role, all, `q:${q.name}:dontKnow`, dk)
      // Null with answers: withheld with a small-difference scale's α (worker/services/quality-service.ts), no equation.
      if (q.floorShare !== null || answered === 0)
        this.equation(who, role, all, `q:${q.name}:floor`, Math.round((q.floorShare ?? 0) * answered))
      if (q.ceilingShare !== null || answered === 0)
        this.equation(who, role, all, `q:${q.name}:ceiling`, Math.round((q.ceilingShare ?? 0) * answered))
    }
    const shown = this.shown.get(role)
    for (const [d, s] of Object.entries(view.scales)) {
      this.equation(who, role, all, `${d}:n`, s.n)
      const members = shown?.dims.get(d)
      if (s.icc && members) {
        const ns = [...members].map(
          (p) =>
            this.readings.findLast((r) => r.published && r.role === role && r.partner === p && r.cell.scores?.[d])?.cell
              .scores?.[d]?.n ?? 0,
        )
        if (s.icc.groups !== members.size || s.icc.n !== ns.reduce((a, b) => a + b, 0))
          this.mismatches.push(
            `${role}: ${who} ICC of ${d} over ${s.icc.groups} groups and ${s.icc.n} scores, ${members.size} partners showing ${ns.join('+')}`,
          )
      }
    }
    if (!exported) return
    this.qualityExports++
    if (exported.respondents !== view.respondents)
      this.mismatches.push(`${role}: ${who} export of ${exported.respondents} answer sets, view of ${view.respondents}`)
    for (const [d, e] of Object.entries(exported.scales)) {
      // Withheld (a small difference, worker/domain/pool-differences.ts): no number of it to read.
      if (e.n === null) {
        if (e.means || e.covariance) this.mismatches.push(`${role}: ${who} export's ${d} is withheld but gives moments`)
        continue
      }
      const n = e.n
      const k = e.items.length
      const sum = e.items.map((_, i) => (e.means ? n * e.means[i]! : 0))
      const cross = e.items.map((_, i) =>
        e.items.map((_, j) => (e.means ? (n - 1) * (e.covariance?.[i]?.[j] ?? 0) + n * e.means[i]! * e.means[j]! : 0)),
      )
      if (e.n !== view.scales[d]?.n)
        this.mismatches.push(`${role}: ${who} export's ${d} n ${e.n}, view's ${view.scales[d]?.n}`)
      this.equation(who, role, all, `${d}:s`, Math.round((S * sum.reduce((a, b) => a + b, 0)) / k))
      // The staff-only questions' sums, for the system across whole and shared scores (`across`).
      const staffOnly = new Set(
        (role === 'medewerker' ? sharedItemsOf(ins).find((x) => x.dimension === d)?.staffOnly : undefined)?.map(
          (q) => q.name,
        ),
      )
      if (staffOnly.size > 0)
        this.equation(
          who,
          role,
          all,
          `${d}:rest:s`,
          Math.round(S * e.items.reduce((a, name, i) => a + (staffOnly.has(name) ? sum[i]! : 0), 0)),
        )
      this.equation(who, role, all, `${d}:q`, Math.round((Q * cross.flat().reduce((a, b) => a + b, 0)) / (k * k)))
      // The view's statistics, from these moments (upper triangle, row by row, as the pool keeps them).
      // As the view shows them: α withheld below MIN_COMPLETE_CASES complete answer sets of the scale.
      const again = shownScaleQuality({
        items: e.items,
        n,
        sum: sum.map((x) => Math.round(x)),
        cross: e.items.flatMap((_, i) => e.items.slice(i).map((__, j) => Math.round(cross[i]![i + j]!))),
      })
      const v = view.scales[d]
      const near = (a: number | null | undefined, b: number | null) =>
        (a ?? null) === null ? b === null : b !== null && Math.abs(a! - b) < 1e-6
      if (
        !v ||
        !near(v.alpha, again.alpha) ||
        v.items.some(
          (it, i) =>
            !near(it.itemRest, again.items[i]!.itemRest) || !near(it.alphaIfDropped, again.items[i]!.alphaIfDropped),
        )
      )
        this.mismatches.push(`${role}: ${who} view's ${d} statistics are not what the export's moments give`)
    }
  }

  trend(reader: string, t: TrendJson, waveId: string) {
    for (const w of t.waves.filter((x) => x.wave.id === waveId))
      this.cell(reader, t.role, t.partner?.id ?? null, w, true)
  }

  /**
   * The CSV export (lang=en): per role and partner (by name) the n column, per dimension its n and
   * mean. The mean has 4 decimals, enough to give 12 × n × mean exactly for any n below 800.
   */
  csv(reader: string, text: string, idOf: (name: string) => string | null) {
    const [header, ...rows] = parseCsv(text)
    const col = (name: string) => header!.indexOf(name)
    const c = {
      role: col('role'),
      partner: col('partner'),
      n: col('n'),
      dim: col('dimension'),
      dn: col('n_dimension'),
      mean: col('mean'),
      sd: col('sd'),
      lo: col('ci95_low'),
      hi: col('ci95_high'),
      level: col('level'),
    }
    const num = (x: string | undefined) => (x ? Number(x) : null)
    const cells = new Map<string, { role: Role; partner: string | null; cell: CellJson }>()
    for (const r of rows) {
      if (r.length < header!.length) continue
      const role = r[c.role] as Role
      const partner = idOf(r[c.partner]!)
      const key = `${role}|${partner}`
      const n = /^\d+$/.test(r[c.n]!) ? Number(r[c.n]) : null
      const entry = cells.get(key) ?? {
        role,
        partner,
        cell: { n, suppressed: n === null, scores: n === null ? null : {} },
      }
      cells.set(key, entry)
      if (r[c.mean] && entry.cell.scores) {
        entry.cell.scores[r[c.dim]!] = { n: Number(r[c.dn]), mean: Number(r[c.mean]), sd: null, ci95: null, level: 0 }
        // Its sd (four decimals: too coarse for an exact sum of squares), interval and level: checked
        // against the dashboard's readings of the same cell, to say nothing those do not.
        const [lo, hi] = [num(r[c.lo]), num(r[c.hi])]
        this.csvSpreads.push({
          reader,
          role,
          partner,
          dimension: r[c.dim]!,
          sd: num(r[c.sd]),
          ci95: lo === null || hi === null ? null : [lo, hi],
          level: num(r[c.level]),
        })
      }
    }
    const all = [...cells.values()]
    for (const { role, partner, cell } of all) if (partner !== null) this.cell(reader, role, partner, cell, true)
    for (const role of new Set(all.map((x) => x.role))) {
      const mine = all.filter((x) => x.role === role && x.partner !== null)
      if (this.isComplete(mine.map((x) => x.partner!)))
        this.complete(
          reader,
          role,
          mine.map((x) => ({ id: x.partner!, cell: x.cell })),
        )
    }
    for (const { role, partner, cell } of all) if (partner === null) this.cell(reader, role, null, cell, true)
  }

  /** The CSV's sd, interval and level per cell and dimension, for `csvUngrounded()`. */
  readonly csvSpreads: {
    reader: string
    role: Role
    partner: string | null
    dimension: string
    sd: number | null
    ci95: [number, number] | null
    level: number | null
  }[] = []
  /** How many CSV spreads `csvUngrounded()` found a dashboard or trend reading to check against. */
  csvSpreadsChecked = 0

  /**
   * Each CSV sd, interval and level against the readings with a spread of the same cell (a
   * dashboard's or trend's; readings carry no wave, so one of them must fit): within the CSV's four
   * decimals, and the same level. A CSV number no reading shows is left to `unfounded()`.
   */
  private csvUngrounded(): string[] {
    const bad: string[] = []
    const near = (a: number | null, b: number | null) =>
      a === null ? b === null : b !== null && Math.abs(a - b) <= 5e-5 + 1e-9
    for (const x of this.csvSpreads) {
      const shown = this.readings.flatMap((r) => {
        const s = r.published && r.role === x.role && r.partner === x.partner ? r.cell.scores?.[x.dimension] : null
        return s && s.sd !== null ? [s] : []
      })
      if (!shown.length) continue
      this.csvSpreadsChecked++
      if (
        !shown.some(
          (s) =>
            near(x.sd, s.sd) &&
            near(x.ci95?.[0] ?? null, s.ci95?.[0] ?? null) &&
            near(x.ci95?.[1] ?? null, s.ci95?.[1] ?? null) &&
            (x.level ?? null) === (s.level ?? null),
        )
      )
        bad.push(
          `${x.reader} CSV ${x.role} ${x.partner ?? 'programme'} ${x.dimension}: sd ${x.sd}, interval ${JSON.stringify(x.ci95)}, level ${x.level} are no reading's of that cell`,
        )
    }
    return bad
  }

  /** The equations read that give this group's unknown a non-zero coefficient (`dimension` set: only that dimension's). */
  mentions(role: Role, partner: string, dimension?: string): Equation[] {
    return this.equations.filter(
      (e) => e.system.startsWith(`${role}|${dimension ? `${dimension}:` : ''}`) && (e.coeffs[partner] ?? 0) !== 0,
    )
  }

  /** Every (role, partner, quantity) the equations fix. */
  determined(): { role: Role; partner: string; quantity: string; value: Frac }[] {
    this.settled()
    const out: { role: Role; partner: string; quantity: string; value: Frac }[] = []
    for (const [key, s] of this._systems) {
      const [role, quantity] = key.split('|') as [Role, string]
      for (const [partner, value] of s.determined()) out.push({ role, partner, quantity, value })
    }
    // Across a dimension's whole and shared scores (`across`): what neither system gives alone.
    for (const [key, s] of this._across) {
      const [role, dimension] = key.split('|') as [Role, string]
      for (const [name, value] of s.determined())
        if (name.endsWith('|rest'))
          out.push({ role, partner: name.slice(0, -'|rest'.length), quantity: `${dimension}:rest:s`, value })
    }
    return out
  }

  /** Systems whose equations contradict each other, and readings that do not fit: the model of what was published is wrong. */
  inconsistent(): string[] {
    this.settled()
    return [
      ...[...this._systems].filter(([, s]) => !s.rref().consistent).map(([k]) => k),
      ...this.mismatches,
      ...this.unfounded(),
      ...this.ungrounded(),
      ...this.csvUngrounded(),
    ]
  }

  /** A programme total read without any complete view of its role: the model cannot place it. */
  private settled() {
    if (this.pending.length)
      throw new Error(
        `programme totals of ${[...new Set(this.pending.map((x) => x.role))].join(', ')} read, but no complete view of that role: read one (the lead's dashboard) first`,
      )
  }
}

/**
 * The median of shown gaps as printed; of an even count the mean of the middle two, in tenths and
 * a half away from zero, as a reader works it out by hand ((0,6 + 0,7) / 2 = 0,65 → 0,7).
 */
function printedMedian(values: readonly number[]): number {
  const sorted = [...values].sort((x, y) => x - y)
  const mid = sorted.length >> 1
  if (sorted.length % 2) return printed(sorted[mid]!)
  const half = (Math.round(sorted[mid - 1]! * 10) + Math.round(sorted[mid]! * 10)) / 2
  return (Math.sign(half) * Math.floor(Math.abs(half) + 0.5)) / 10 + 0
}
