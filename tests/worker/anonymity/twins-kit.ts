/**
 * What the twins tests share (twins.test.ts, twins-every-view.test.ts, twins-margin.test.ts,
 * twins-actions.test.ts, twins-headcounts.test.ts): two programmes made alike through the API but for
 * their hidden groups, every view read as the lead and as viewers limited to one partner, and the two
 * twins' reads compared byte for byte, status and headers included, once the second twin's ids are
 * written as the first's.
 */
import { expect } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { postJson } from '../helpers.ts'
import { addViewer, answersFor, DAY, ins, ok, req, ROLES, submit } from './adversary.ts'

export type Twin = {
  pid: string
  ids: Record<string, string>
  waves: string[]
  viewer: { email: string; cookie: string }
}
/** One read: what (reader and path), status, headers (but the cookie and the date) and body. */
export type Read = [string, number, Record<string, string>, string]

/** The same fixed moments for both twins: `count` waves that opened and closed in the past, one after another. */
export const T = Math.floor(Date.now() / DAY) * DAY
export const twinWaves = (count: number) =>
  Array.from({ length: count }, (_, w) => ({
    label: `2026-${w + 1}`,
    opensAt: new Date(T - (10 - 3 * w) * DAY).toISOString(),
    closesAt: new Date(T - (9 - 3 * w) * DAY).toISOString(),
  }))

/**
 * A twin: the partners, then per wave its groups' answer sets (`setsOf`; undefined for a group not
 * asked), each group through its own link, a new one per 20 answer sets (the limiter allows 30 a
 * minute a link), and a link even for a group that gets none, so both twins make the same links.
 * Each wave is open while answered and then closed at its fixed moment; the viewer sees `viewerOf`.
 */
export async function buildTwin(
  lead: string,
  opts: {
    partners: string[]
    waves: { label: string; opensAt: string; closesAt: string }[]
    setsOf: (wave: number, partner: string, role: Role) => Answers[] | undefined
    viewerOf: string
  },
): Promise<Twin> {
  const { id: pid } = await postJson('/api/programmes', { name: 'Tweeling' }, lead)
  const ids: Record<string, string> = {}
  for (const name of opts.partners)
    ids[name] = (
      await postJson(
        `/api/programmes/${pid}/partners`,
        { name: `Partner ${name}`, headcount: 40, headcounts: { teammanager: 10, tactisch: 10 } },
        lead,
      )
    ).id
  const waves: string[] = []
  for (const [w, { label, opensAt, closesAt }] of opts.waves.entries()) {
    // Open now while answered, then closed at its fixed moment (moving closesAt to the past closes it at once).
    const { id } = await postJson(
      `/api/programmes/${pid}/waves`,
      { label, instrument: ins.id, opensAt, closesAt: new Date(T + 20 * DAY).toISOString() },
      lead,
    )
    waves.push(id)
    for (const name of opts.partners)
      for (const role of ROLES) {
        const sets = opts.setsOf(w, name, role)
        if (!sets) continue
        for (let done = 0; done === 0 || done < sets.length; done += 20) {
          const { token } = await postJson<{ token: string }>(
            `/api/waves/${id}/links`,
            { partnerId: ids[name], role },
            lead,
          )
          for (const a of sets.slice(done, done + 20)) expect((await submit(token, a)).status).toBe(201)
        }
      }
    await ok(req(`/api/waves/${id}`, { method: 'PATCH', json: { closesAt }, cookie: lead }))
  }
  const viewer = await addViewer(lead, pid, ids[opts.viewerOf]!)
  return { pid, ids, waves, viewer }
}

/** Every path read by the lead, then by the twin's viewer. */
export const readAs = (lead: string, t: Twin, paths: string[]): Promise<Read[]> =>
  readBy(
    [
      ['lead', lead],
      ['viewer', t.viewer.cookie],
    ],
    paths,
  )

/** Every path read by each reader in turn (a name for the reads, a session cookie). */
export async function readBy(readers: [string, string][], paths: string[]): Promise<Read[]> {
  const out: Read[] = []
  for (const [who, cookie] of readers)
    for (const path of paths) {
      const res = await req(path, { cookie })
      const headers = Object.fromEntries([...res.headers].filter(([h]) => h !== 'set-cookie' && h !== 'date'))
      out.push([`${who} ${path}`, res.status, headers, await res.text()])
    }
  return out
}

/** The second twin's ids (and its viewer's address, and any `more` pairs) written as the first's. */
export function renamer(first: Twin, second: Twin, partners: string[], more: [string, string][] = []) {
  const pairs: [string, string][] = [
    ...more,
    [second.pid, first.pid],
    ...partners.map((n): [string, string] => [second.ids[n]!, first.ids[n]!]),
    ...second.waves.map((w, i): [string, string] => [w, first.waves[i]!]),
    [second.viewer.email, first.viewer.email],
  ]
  return (text: string) => pairs.reduce((s, [a, b]) => s.replaceAll(a, b), text)
}

/**
 * When the lead made each twin (and the audit trail's times of the lead's own steps, to the minute:
 * the twins may be made a minute apart) is about the lead, not about any answer.
 */
export const madeAt = (text: string) =>
  text
    .replace(/"createdAt":"[^"]*"/g, '"createdAt":"…"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z?/g, 'T…')
    .replace(/(<time datetime="T…">)[^<]*(<\/time>)/g, '$1…$2')

/** A random id left once the twins' ids are renamed (an action's, a person's) is about nobody's answers. */
export const randomIds = (text: string) =>
  text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, 'id')

/**
 * Where the two twins' reads differ: status, headers (renamed) or body, the body compared after
 * `prepare` (before renaming) and `settle` (after it), each a test's own allowance for what is about
 * the lead and not about any answer (when a wave was made, to the minute).
 */
export function differences(
  a: Read[],
  b: Read[],
  rename: (text: string) => string,
  prepare: (text: string) => string = (x) => x,
  settle: (text: string) => string = (x) => x,
): string[] {
  return a.flatMap(([what, status, headers, raw], i) => {
    const [, status2, headers2, body2] = b[i]!
    const renamedHeaders = Object.fromEntries(Object.entries(headers2).map(([h, v]) => [h, rename(v)]))
    const out: string[] = []
    if (status !== status2) out.push(`${what}: status ${status} / ${status2}`)
    if (JSON.stringify(headers) !== JSON.stringify(renamedHeaders))
      out.push(`${what}: headers ${JSON.stringify(headers)} / ${JSON.stringify(renamedHeaders)}`)
    const renamed = settle(rename(prepare(body2)))
    const body = settle(prepare(raw))
    if (body !== renamed) {
      let at = 0
      while (body[at] === renamed[at]) at++
      out.push(`${what}: body differs at ${at}: ${body.slice(at - 60, at + 40)} / ${renamed.slice(at - 60, at + 40)}`)
    }
    return out
  })
}

/*
 * The five-partner twins of twins.test.ts and twins-every-view.test.ts: three waves, the same shown
 * groups, the same hidden groups in either twin, and the same results views read; each test adds
 * its own views and allowances.
 */

/** Per wave, per partner (A–E) and role, how many answer sets of which kind: `seed` simulated alike in both twins, or the twin's own. */
type Group = { seed: number; n: number } | { own: [Answers, number] }
type Groups = Record<string, Partial<Record<Role, Group>>>
type Plan = Groups[]

export const FIVE = ['A', 'B', 'C', 'D', 'E']
const fiveWaves = twinWaves(3)

/** What both twins share: staff of A–D in every wave (26 each, so quality is shown), team managers of B–D. */
function plan(hidden: (w: number) => Groups): Plan {
  return [0, 1, 2].map((w) => {
    const p: Record<string, Partial<Record<Role, Group>>> = {}
    for (const [i, name] of FIVE.entries()) {
      p[name] = {}
      if (i < 4) p[name]!.medewerker = { seed: 100 * w + i, n: 26 }
      if (i >= 1 && i < 4) p[name]!.teammanager = { seed: 100 * w + 10 + i, n: 6 }
      Object.assign(p[name]!, hidden(w)[name] ?? {})
    }
    return p
  })
}

/**
 * The two plans, alike but for a hidden group a wave, of other sizes and answers: team managers of
 * E, staff of E, team managers of A.
 */
export function hiddenPlans(): [Plan, Plan] {
  const low = answersFor('teammanager', {}, 1)
  const high = answersFor('teammanager', {}, 5)
  const one = plan(
    (w): Groups =>
      w === 0
        ? { E: { teammanager: { own: [low, 2] } } }
        : w === 1
          ? { E: { medewerker: { own: [answersFor('medewerker', {}, 1), 1] } } }
          : { A: { teammanager: { own: [low, 4] } } },
  )
  const two = plan(
    (w): Groups =>
      w === 0
        ? { E: { teammanager: { own: [high, 4] } } }
        : w === 1
          ? { E: { medewerker: { own: [answersFor('medewerker', {}, 5), 4] } } }
          : { A: { teammanager: { own: [high, 1] } } },
  )
  return [one, two]
}

/** A five-partner twin of `p`: `seed` groups simulated alike in both twins, `own` groups the twin's own answer sets. */
export const buildFive = (lead: string, p: Plan): Promise<Twin> =>
  buildTwin(lead, {
    partners: FIVE,
    waves: fiveWaves,
    setsOf: (w, name, role) => {
      const g = p[w]![name]?.[role]
      if (!g) return undefined
      return 'seed' in g
        ? Array.from({ length: g.n }, (_, i, random = rng(g.seed * 1000 + i)) =>
            simulateAnswers(ins, role, random, () => 2 + random() * 2),
          )
        : Array.from({ length: g.own[1] }, () => g.own[0])
    },
    viewerOf: 'A',
  })

/**
 * Every results view of a five-partner twin, as [what, status, headers, body], the lead's and the
 * viewer's: what both tests read, with a test's own `extra` paths before the trends.
 */
export const readFive = (lead: string, t: Twin, extra: (t: Twin) => string[] = () => []): Promise<Read[]> =>
  readAs(lead, t, [...resultsPaths(t), ...extra(t), ...trendPaths(t)])

/** Per wave and role the dashboard, quality, pages and partner reports, then the CSVs. */
function resultsPaths(t: Twin): string[] {
  const paths: string[] = []
  for (const wave of t.waves)
    for (const role of ROLES) {
      const q = `wave=${wave}&role=${role}`
      paths.push(`/api/programmes/${t.pid}/dashboard?${q}&questions=all`)
      paths.push(`/api/programmes/${t.pid}/quality?${q}`, `/api/programmes/${t.pid}/quality/moments.json?${q}`)
      for (const lang of ['en', 'nl']) {
        paths.push(`/app/programmes/${t.pid}?${q}&lang=${lang}`, `/app/programmes/${t.pid}/quality?${q}&lang=${lang}`)
        for (const name of FIVE) paths.push(`/app/programmes/${t.pid}/partners/${t.ids[name]}/report?${q}&lang=${lang}`)
        // Each dimension's answers per question, which the page loads when it is opened (a
        // dimension the role was not asked is refused alike), and one as a page of its own.
        for (const { key } of ins.dimensions)
          paths.push(`/app/programmes/${t.pid}/questions/${key}?${q}&lang=${lang}&part=table`)
        paths.push(`/app/programmes/${t.pid}/questions/${ins.dimensions[0]!.key}?${q}&lang=${lang}`)
      }
    }
  for (const wave of t.waves)
    for (const lang of ['en', 'nl'])
      for (const sep of ['comma', 'semicolon'])
        paths.push(`/api/programmes/${t.pid}/export.csv?wave=${wave}&lang=${lang}&sep=${sep}`)
  return paths
}

/** The trend, the programme's and each partner's, per role. */
function trendPaths(t: Twin): string[] {
  return ROLES.flatMap((role) => [
    `/api/programmes/${t.pid}/trend?role=${role}`,
    ...FIVE.map((name) => `/api/programmes/${t.pid}/trend?role=${role}&partner=${t.ids[name]}`),
  ])
}

/**
 * The checks both five-partner tests make of their reads: as many each, the views read at all
 * (results shown, quality shown for staff, refused for the viewer), and `differing` empty.
 */
export function expectAlike(first: Twin, a: Read[], b: Read[], differing: string[]) {
  expect(b.length).toBe(a.length)
  const shown = (what: string) => a.find(([w]) => w.startsWith(what))!
  expect(shown(`lead /api/programmes/${first.pid}/quality?`)[3]).toContain('"shown":true')
  expect(shown(`lead /api/programmes/${first.pid}/quality/moments.json`)[1]).toBe(200)
  expect(shown(`viewer /api/programmes/${first.pid}/export.csv`)[1]).toBe(403)
  // The answers per question a results page loads: tables for the lead and the viewer, not only refusals.
  for (const who of ['lead', 'viewer'])
    expect(shown(`${who} /app/programmes/${first.pid}/questions/${ins.dimensions[0]!.key}?`)[3]).toContain(
      '<table class="questions"',
    )
  expect(differing).toEqual([])
}
