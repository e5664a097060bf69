/**
 * Agreed actions beside a group hidden in the next wave: twins over two closed waves, alike but for
 * a hidden group in the second (staff of C: 2 answer sets at 1 against 4 at 5). In the first wave,
 * where C is shown, the lead agrees actions on every partner and C's own limited viewer on C; in the
 * second, C's viewer tries every dimension of C, where only its team managers are shown
 * (worker/services/action-service.ts refuses an action on a hidden group). Every view with actions
 * (the results page and its trend, C's report in both waves, the trend, the actions JSON and CSV,
 * the CSV export) is then read by the lead, C's viewer and a viewer limited to B: an action that
 * showed, marked or counted anything of the hidden group, or a refusal that differed, would tell
 * the one twin's group from the other's. So would the order the actions are listed in: it was by
 * random ids, which put the same actions in different orders in the twins (worker/db/actions.ts
 * `listActions` now orders by what a reader sees); the lead agrees two actions a partner and
 * dimension, on four partners, so an order by ids differs between the twins all but never by chance.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { signInAdmin } from '../helpers.ts'
import { addViewer, answersFor, ins, req, ROLES } from './adversary.ts'
import {
  buildTwin,
  differences,
  madeAt,
  randomIds,
  type Read,
  readBy,
  renamer,
  type Twin,
  twinWaves,
} from './twins-kit.ts'

let lead: string
const PARTNERS = ['A', 'B', 'C', 'D']

/** Per wave, partner and role the answer sets: staff of every partner, team managers of A–C, and C's staff hidden in the second wave. */
const setsOf = (hiddenN: number, hiddenScore: number) => (w: number, name: string, role: Role) => {
  const i = PARTNERS.indexOf(name)
  if (role === 'tactisch') return undefined
  if (role === 'teammanager')
    return name === 'D' ? undefined : Array.from({ length: 5 }, (_, j) => answersFor(role, {}, 2 + (j % 3)))
  if (w === 1 && name === 'C') return Array.from({ length: hiddenN }, () => answersFor(role, {}, hiddenScore))
  return Array.from({ length: 6 + i }, (_, j) => answersFor(role, {}, 1 + ((j + w + i) % 5)))
}

/** The actions both twins agree, each answer kept as a read (an action's random id left out). */
async function agree(t: Twin, viewerC: string): Promise<Read[]> {
  await req(`/api/programmes/${t.pid}/action-policy`, { method: 'PUT', json: { partnerViewers: true }, cookie: lead })
  const dims = ins.dimensions.map((d) => d.key)
  const out: Read[] = []
  const post = async (what: string, cookie: string, json: Record<string, string>) => {
    const res = await req(`/api/programmes/${t.pid}/actions`, { method: 'POST', json, cookie })
    out.push([what, res.status, {}, (await res.text()).replace(/"id":"[^"]*"/, '"id":"…"')])
  }
  // The lead: partners against their names' order, texts against theirs.
  for (const name of [...PARTNERS].reverse())
    for (const dim of dims.slice(0, 3))
      for (const text of ['Tweede', 'Eerste'])
        await post(`lead ${name} ${dim} ${text}`, lead, {
          waveId: t.waves[0]!,
          partnerId: t.ids[name]!,
          dimension: dim,
          what: `${text} afspraak ${name} ${dim}`,
          due: '2026-01-01',
          owner: 'Team',
        })
  for (const dim of dims.slice(3, 6))
    await post(`viewerC ${dim}`, viewerC, {
      waveId: t.waves[0]!,
      partnerId: t.ids.C!,
      dimension: dim,
      what: `C ${dim}`,
    })
  // The second wave, where C's staff are hidden and its team managers shown.
  for (const dim of dims)
    await post(`viewerC w2 ${dim}`, viewerC, {
      waveId: t.waves[1]!,
      partnerId: t.ids.C!,
      dimension: dim,
      what: `w2 ${dim}`,
    })
  return out
}

/** Every view with actions, for the second wave (and C's report for the first). */
function paths(t: Twin): string[] {
  const [w1, w2] = t.waves
  const out: string[] = []
  for (const role of ROLES)
    out.push(
      `/app/programmes/${t.pid}?wave=${w2}&role=${role}&lang=nl`,
      `/app/programmes/${t.pid}?wave=${w2}&role=${role}&lang=en&trend=${t.ids.C}`,
      `/app/programmes/${t.pid}/partners/${t.ids.C}/report?wave=${w2}&role=${role}&lang=nl`,
      `/app/programmes/${t.pid}/partners/${t.ids.C}/report?wave=${w1}&role=${role}&lang=en`,
      `/api/programmes/${t.pid}/trend?partner=${t.ids.C}&role=${role}`,
    )
  out.push(
    `/api/programmes/${t.pid}/actions`,
    `/api/programmes/${t.pid}/actions.csv`,
    `/api/programmes/${t.pid}/actions.csv?wave=${w2}`,
    `/api/programmes/${t.pid}/export.csv?wave=${w2}`,
    `/api/programmes/${t.pid}/export.csv?wave=${w1}`,
  )
  return out
}

beforeAll(async () => {
  lead = await signInAdmin()
})

describe('twins with actions agreed beside a group hidden in the next wave', { timeout: 300_000 }, () => {
  it('the hidden group changes no byte, header or status, the actions and their order included', async () => {
    const made: { t: Twin; viewerC: { email: string; cookie: string }; reads: Read[] }[] = []
    for (const [n, score] of [
      [2, 1],
      [4, 5],
    ] as const) {
      const t = await buildTwin(lead, {
        partners: PARTNERS,
        waves: twinWaves(2),
        setsOf: setsOf(n, score),
        viewerOf: 'B',
      })
      const viewerC = await addViewer(lead, t.pid, t.ids.C!)
      const reads = await agree(t, viewerC.cookie)
      reads.push(
        ...(await readBy(
          [
            ['lead', lead],
            ['viewerC', viewerC.cookie],
            ['viewerB', t.viewer.cookie],
          ],
          paths(t),
        )),
      )
      made.push({ t, viewerC, reads })
    }
    const [one, two] = made as [(typeof made)[0], (typeof made)[0]]
    // The actions were agreed: the lead's 24, C's viewer's in the first wave, and some in the second on C's team managers.
    const recorded = (prefix: string) => one.reads.filter(([w, s]) => w.startsWith(prefix) && s === 201).length
    expect(recorded('lead ')).toBe(24)
    expect(recorded('viewerC w2 ')).toBeGreaterThan(0)
    const rename = renamer(one.t, two.t, PARTNERS, [[two.viewerC.email, one.viewerC.email]])
    // What is left of an id once the twins' are renamed is an action's or a person's, random.
    const settled = (text: string) => randomIds(madeAt(text))
    expect(differences(one.reads, two.reads, rename, undefined, settled)).toEqual([])
  })
})
