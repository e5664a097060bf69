/**
 * Twins put through headcount edits while their wave is open: alike but for the size and answers of
 * a hidden group (staff of A: 2 answer sets at 1 against 4 at 5, k = 5), both take the same steps,
 * A's headcount set by PATCH and by a re-paste (worker/services/partner-import.ts, headcounts
 * 'update' and 'keep') to the one twin's count and to the other's, below both and to none, then all
 * links made and a second one. A headcount bounds a group (a group takes at most its headcount of
 * answer sets, worker/services/partner-service.ts `headcountRecorder`), so an edit is the lead's way
 * to probe one: a refusal, a response rate, a "group complete", a link page or trail entry that came
 * out differently in the twins would say how many answered, and how. After every step what a
 * headcount feeds is read, by the lead and by a viewer limited to A, with A's link pages as anyone
 * holding them; then the wave is closed and every view read, and actions are tried on the hidden
 * group and beside it (worker/services/action-service.ts refuses one on a hidden group) by the lead
 * and viewers limited to A and to B, B's also changing and deleting one of C's. Every read and every
 * answer must be the same bytes.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { forgetLinks } from '../../../worker/services/link-service.ts'
import { postJson, signInAdmin } from '../helpers.ts'
import { addViewer, answersFor, DAY, ins, req, ROLES, submit } from './adversary.ts'
import { differences, madeAt, randomIds, type Read, readBy, renamer, T, type Twin } from './twins-kit.ts'

let lead: string
const PARTNERS = ['A', 'B', 'C']

type Open = Twin & { tokens: Record<string, Record<string, string>>; viewerA: { email: string; cookie: string } }

/** A twin with one wave open now and a link per partner and role; A's staff give `hidden`. */
async function build(hidden: { n: number; score: number }): Promise<Open> {
  const { id: pid } = await postJson('/api/programmes', { name: 'Tweeling kop' }, lead)
  const ids: Record<string, string> = {}
  for (const name of PARTNERS)
    ids[name] = (
      await postJson(
        `/api/programmes/${pid}/partners`,
        { name: `Partner ${name}`, headcount: 20, headcounts: { teammanager: 10, tactisch: 10 } },
        lead,
      )
    ).id
  const { id: wid } = await postJson(
    `/api/programmes/${pid}/waves`,
    {
      label: 'Open',
      instrument: ins.id,
      opensAt: new Date(T - DAY).toISOString(),
      closesAt: new Date(T + 20 * DAY).toISOString(),
    },
    lead,
  )
  const tokens: Record<string, Record<string, string>> = {}
  for (const name of PARTNERS) {
    tokens[name] = {}
    for (const role of ROLES)
      tokens[name]![role] = (
        await postJson<{ token: string }>(`/api/waves/${wid}/links`, { partnerId: ids[name], role }, lead)
      ).token
  }
  const sets: [string, Role, number, number][] = [
    ['A', 'medewerker', hidden.n, hidden.score],
    ['A', 'teammanager', 3, 3],
    ['B', 'medewerker', 6, 2],
    ['B', 'teammanager', 6, 4],
    ['C', 'medewerker', 7, 4],
    ['C', 'teammanager', 5, 2],
  ]
  for (const [name, role, n, score] of sets)
    for (let i = 0; i < n; i++)
      expect(
        (await submit(tokens[name]![role]!, answersFor(role, {}, i % 2 ? score : Math.max(1, score - 1)))).status,
      ).toBe(201)
  const viewer = await addViewer(lead, pid, ids.B!)
  const viewerA = await addViewer(lead, pid, ids.A!)
  return { pid, ids, waves: [wid], viewer, tokens, viewerA }
}

/**
 * What is read after a step: `edit` after each headcount edit, what a headcount feeds (participation,
 * the setup page, the trail, the links and A's link pages, the lead's and A's viewer's results);
 * `closed` every view, as the lead and A's viewer; `actions` the views with actions, as all three.
 */
async function readAll(t: Open, step: string, what: 'edit' | 'closed' | 'actions'): Promise<Read[]> {
  // The link pages are cached per isolate (worker/services/link-service.ts); read them as they are now.
  forgetLinks()
  const wid = t.waves[0]!
  const p = `/api/programmes/${t.pid}`
  const app = `/app/programmes/${t.pid}`
  const results = [`${p}/dashboard?role=medewerker`, `${app}?lang=nl`]
  const ofLead = [`${app}/setup?lang=nl`, `${p}/audit`, p, `/api/waves/${wid}`, `/api/waves/${wid}/links`]
  const withActions = [
    `${p}/actions`,
    `${p}/actions.csv`,
    `${app}?lang=nl`,
    `${app}/partners/${t.ids.A}/report?lang=nl`,
  ]
  const every = [
    ...results,
    ...ofLead,
    ...withActions,
    `${p}/dashboard?role=teammanager`,
    `${p}/trend?partner=${t.ids.A}&role=medewerker`,
    `${p}/trend?role=medewerker`,
    `${app}?lang=en&role=teammanager`,
    `${p}/export.csv?wave=${wid}`,
    `${app}/partners/${t.ids.B}/report?lang=nl`,
  ]
  const reads =
    what === 'edit'
      ? [
          ...(await readBy([['lead', lead]], [...results, ...ofLead])),
          ...(await readBy([['viewerA', t.viewerA.cookie]], results)),
        ]
      : what === 'closed'
        ? await readBy(
            [
              ['lead', lead],
              ['viewerA', t.viewerA.cookie],
            ],
            every,
          )
        : await readBy(
            [
              ['lead', lead],
              ['viewerB', t.viewer.cookie],
              ['viewerA', t.viewerA.cookie],
            ],
            withActions,
          )
  const out: Read[] = reads.map(([w, ...rest]) => [`${step} ${w}`, ...rest])
  if (what !== 'actions')
    for (const role of ['medewerker', 'teammanager'] as const) {
      const res = await req(`/api/s/${t.tokens.A![role]}`)
      out.push([`${step} link A ${role}`, res.status, {}, await res.text()])
    }
  return out
}

/** An answer of a step, kept as a read. */
const answer = async (what: string, res: Promise<Response>): Promise<Read> => {
  const r = await res
  return [`${what} answer`, r.status, {}, await r.text()]
}
const patch = (t: Open, name: string, json: unknown) =>
  req(`/api/programmes/${t.pid}/partners/${t.ids[name]}`, { method: 'PATCH', json, cookie: lead })
const paste = (t: Open, text: string, headcounts: 'update' | 'keep') =>
  req(`/api/programmes/${t.pid}/partners/import`, { method: 'POST', json: { text, headcounts }, cookie: lead })

/**
 * The steps both twins take, A's staff headcount set to twin two's count (by a paste), twin one's
 * (by PATCH), below both (team managers' too), kept in a paste that differs, and none.
 */
const steps: [string, (t: Open) => Promise<Response>][] = [
  ['paste-update-A-4', (t) => paste(t, 'Partner A\t4\t10\t10\nPartner B\t20\t10\t10', 'update')],
  ['patch-A-2', (t) => patch(t, 'A', { headcount: 2 })],
  ['paste-update-A-1-tm-1', (t) => paste(t, 'Partner A,1,1,1', 'update')],
  ['paste-keep-diff', (t) => paste(t, 'Partner A\t7\t8\t9\nPartner D\t20\t10\t10', 'keep')],
  ['patch-A-null', (t) => patch(t, 'A', { headcount: null, headcounts: { teammanager: null } })],
  ['link-set-all', (t) => req(`/api/waves/${t.waves[0]}/link-set`, { method: 'POST', json: {}, cookie: lead })],
  [
    'second-link-A',
    (t) =>
      req(`/api/waves/${t.waves[0]}/links`, {
        method: 'POST',
        json: { partnerId: t.ids.A, role: 'medewerker' },
        cookie: lead,
      }),
  ],
]

async function run(t: Open): Promise<Read[]> {
  const out: Read[] = await readAll(t, 'start', 'edit')
  for (const [name, act] of steps) {
    out.push(await answer(name, act(t)))
    out.push(...(await readAll(t, name, 'edit')))
  }
  // Closed, so published: read again, then actions on the hidden group and beside it.
  const closesAt = new Date().toISOString()
  out.push(
    await answer('close', req(`/api/waves/${t.waves[0]}`, { method: 'PATCH', json: { closesAt }, cookie: lead })),
  )
  out.push(...(await readAll(t, 'closed', 'closed')))
  await req(`/api/programmes/${t.pid}/action-policy`, { method: 'PUT', json: { partnerViewers: true }, cookie: lead })
  // Two dimensions: each is shown for B and C and hidden for A alike, so more add no other answer.
  for (const { key: dim } of ins.dimensions.slice(0, 2))
    for (const [who, cookie] of [
      ['lead', lead],
      ['viewerB', t.viewer.cookie],
      ['viewerA', t.viewerA.cookie],
    ] as const)
      for (const name of [...PARTNERS, 'nobody']) {
        const json = {
          waveId: t.waves[0],
          partnerId: t.ids[name] ?? crypto.randomUUID(),
          dimension: dim,
          what: `Afspraak ${name} ${dim}`,
        }
        out.push(
          await answer(
            `action ${who} ${name} ${dim}`,
            req(`/api/programmes/${t.pid}/actions`, { method: 'POST', json, cookie }),
          ),
        )
      }
  // B's viewer tries one of C's actions (the lead's) by its id, and a made-up id: refused alike.
  const list = (await (await req(`/api/programmes/${t.pid}/actions`, { cookie: lead })).json()) as {
    actions: { id: string; partnerId: string }[]
  }
  const ofC = list.actions.find((a) => a.partnerId === t.ids.C)
  expect(ofC).toBeDefined()
  for (const [label, id] of [
    ['C', ofC!.id],
    ['made-up', crypto.randomUUID()],
  ])
    for (const method of ['PATCH', 'DELETE']) {
      const json = method === 'PATCH' ? { status: 'done' } : undefined
      const res = req(`/api/programmes/${t.pid}/actions/${id}`, { method, json, cookie: t.viewer.cookie })
      out.push(await answer(`viewerB ${method} ${label}`, res))
    }
  out.push(...(await readAll(t, 'actions', 'actions')))
  return out
}

// The setup page breaks a long e-mail address with <wbr/> (worker/pages/setup-page.tsx): read it whole
// before the viewers' addresses are renamed. A link's token is random, about nobody's answers.
const whole = (text: string) => text.replaceAll('<wbr/>', '')
const settled = (text: string) => randomIds(madeAt(text)).replace(/[A-Za-z0-9_-]{22,}/g, 'token')

beforeAll(async () => {
  lead = await signInAdmin()
})

describe('twins through headcount edits while their wave is open, then closed and actions tried', {
  timeout: 300_000,
}, () => {
  it('a hidden group of 2 or 4 answer sets changes no byte, header or status of any read or answer', async () => {
    const one = await build({ n: 2, score: 1 })
    const two = await build({ n: 4, score: 5 })
    const [a, b] = [await run(one), await run(two)]
    const rename = renamer(one, two, PARTNERS, [[two.viewerA.email, one.viewerA.email]])
    // The actions were tried at all: some recorded, C's among them.
    expect(a.filter(([w, s]) => w.startsWith('action lead') && s === 201).length).toBeGreaterThan(0)
    expect(a.find(([w]) => w === `actions lead /api/programmes/${one.pid}/actions.csv`)?.[3]).toContain('Partner C')
    expect(differences(a, b, rename, whole, settled)).toEqual([])
  })
})
