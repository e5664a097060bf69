/**
 * Twins: two programmes alike in everything but a hidden group (fewer than k answer sets) — its
 * size and its answers — over three waves. Every view the lead and a viewer limited to one partner
 * can read of the results (JSON, CSV, pages, quality, the moments export, the partner report) must
 * then be the same bytes in both, status and headers included (Content-Length, Content-Type,
 * Content-Disposition, caching), once the one programme's ids are written as the other's: a
 * difference anywhere, a length or a header, would be a side channel on the hidden group.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { signInAdmin } from '../helpers.ts'
import { answersFor, ins, ROLES } from './adversary.ts'
import { buildTwin, differences, type Read, readAs, renamer, type Twin, twinWaves } from './twins-kit.ts'

/** Per wave, per partner (A–E) and role, how many answer sets of which kind: `seed` simulated alike in both twins, or the twin's own. */
type Group = { seed: number; n: number } | { own: [Answers, number] }
type Groups = Record<string, Partial<Record<Role, Group>>>
type Plan = Groups[]

const PARTNERS = ['A', 'B', 'C', 'D', 'E']
const waveTimes = twinWaves(3)

/** What both twins share: staff of A–D in every wave (26 each, so quality is shown), team managers of B–D. */
function plan(hidden: (w: number) => Groups): Plan {
  return [0, 1, 2].map((w) => {
    const p: Record<string, Partial<Record<Role, Group>>> = {}
    for (const [i, name] of PARTNERS.entries()) {
      p[name] = {}
      if (i < 4) p[name]!.medewerker = { seed: 100 * w + i, n: 26 }
      if (i >= 1 && i < 4) p[name]!.teammanager = { seed: 100 * w + 10 + i, n: 6 }
      Object.assign(p[name]!, hidden(w)[name] ?? {})
    }
    return p
  })
}

let lead: string
/** `seed` groups simulated alike in both twins, `own` groups the twin's own answer sets. */
const build = (p: Plan): Promise<Twin> =>
  buildTwin(lead, {
    partners: PARTNERS,
    waves: waveTimes,
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

/** Every results view of a twin, as [what, status, headers, body]: the lead's and the viewer's. */
async function readAll(t: Twin): Promise<Read[]> {
  const paths: string[] = []
  for (const wave of t.waves)
    for (const role of ROLES) {
      const q = `wave=${wave}&role=${role}`
      paths.push(`/api/programmes/${t.pid}/dashboard?${q}&questions=all`)
      paths.push(`/api/programmes/${t.pid}/quality?${q}`, `/api/programmes/${t.pid}/quality/moments.json?${q}`)
      for (const lang of ['en', 'nl']) {
        paths.push(`/app/programmes/${t.pid}?${q}&lang=${lang}`, `/app/programmes/${t.pid}/quality?${q}&lang=${lang}`)
        for (const name of PARTNERS)
          paths.push(`/app/programmes/${t.pid}/partners/${t.ids[name]}/report?${q}&lang=${lang}`)
      }
    }
  for (const wave of t.waves)
    for (const lang of ['en', 'nl'])
      for (const sep of ['comma', 'semicolon'])
        paths.push(`/api/programmes/${t.pid}/export.csv?wave=${wave}&lang=${lang}&sep=${sep}`)
  for (const role of ROLES) {
    paths.push(`/api/programmes/${t.pid}/trend?role=${role}`)
    for (const name of PARTNERS) paths.push(`/api/programmes/${t.pid}/trend?role=${role}&partner=${t.ids[name]}`)
  }
  return readAs(lead, t, paths)
}

const madeAt = (text: string) => text.replace(/"createdAt":"[^"]*"/g, '"createdAt":"…"')

beforeAll(async () => {
  lead = await signInAdmin()
})

describe('twins that differ only in a hidden group give the same bytes in every view', { timeout: 180_000 }, () => {
  it("a hidden group's size and answers (team managers of E, staff of E, team managers of A) change no byte, header or status", async () => {
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
    const first = await build(one)
    const second = await build(two)
    const [a, b] = [await readAll(first), await readAll(second)]
    const rename = renamer(first, second, PARTNERS)
    expect(b.length).toBe(a.length)
    // The views are read at all: results shown, quality shown for staff, refused for the viewer.
    const shown = (what: string) => a.find(([w]) => w.startsWith(what))!
    expect(shown(`lead /api/programmes/${first.pid}/quality?`)[3]).toContain('"shown":true')
    expect(shown(`lead /api/programmes/${first.pid}/quality/moments.json`)[1]).toBe(200)
    expect(shown(`viewer /api/programmes/${first.pid}/export.csv`)[1]).toBe(403)
    // When a wave was made is a staff action's moment, given to the minute: the twins are made one after
    // the other, so two of one twin's waves may share a minute that the other's do not. Not a channel
    // about a hidden group; every other byte is compared.
    const differing = differences(a, b, rename, undefined, madeAt)
    expect(differing).toEqual([])
  })
})
