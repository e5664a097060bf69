import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../worker/auth/password-hash.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { questionInfoOf } from '../../../worker/domain/question-detail.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { insertAction } from '../../../worker/db/actions.ts'
import { isOverdue } from '../../../worker/domain/action-outcomes.ts'
import { parseCsv } from '../anonymity/adversary.ts'
import { dayOf } from '../../../schema/format.ts'
import { addWave, call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'
import { readUserByEmail } from '../../../worker/db/users.ts'
import { readConfig } from '../../../worker/env.ts'
import { recordAction } from '../../../worker/services/action-service.ts'
import { publishClosedWaves } from '../../../worker/services/publication-service.ts'
import { accessTo } from '../../../worker/services/programme-access.ts'
import { meanwhile } from '../services/d1-fixtures.ts'

/**
 * Agreed actions: recorded after a published wave per partner and dimension, checked
 * at the edge, written by leads (and by a partner's own viewer when the lead allows it), in the
 * trail, and shown beside the next wave's change on the partner report.
 */

const ins = findInstrument('coachende-manager')!
const dim = ins.dimensions[0]!.key
let admin: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
let wave2: string
let links2: Record<string, string>
let limited: string
let seed = 1

type Action = {
  id: string
  partnerId: string
  waveId: string
  dimension: string
  what: string
  owner: string | null
  due: string | null
  status: string
}

async function person(
  email: string,
  role: 'lead' | 'viewer',
  partnerId: string | null,
  programmeId = ctx.programmeId,
): Promise<string> {
  await env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(crypto.randomUUID(), email, role, await hashPassword(`pw-${email}`), new Date().toISOString())
    .run()
  await env.DB.prepare(
    'INSERT INTO memberships (user_id, programme_id, partner_id, role) SELECT id, ?1, ?2, ?3 FROM users WHERE email = ?4',
  )
    .bind(programmeId, partnerId, role, email)
    .run()
  const res = await call('/api/session', { method: 'POST', json: { email, password: `pw-${email}` } })
  return res.headers.get('set-cookie')!.split(';')[0]!
}

async function answer(token: string, role: 'medewerker' | 'teammanager', count: number, level: number) {
  for (let i = 0; i < count; i++)
    await postJson(
      `/api/s/${token}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, role, rng(seed++), () => level) },
      '',
    )
}

/** An action stored as the API stored it before it refused hidden groups: what older data holds. */
async function recordedEarlier(partnerId: string, what: string): Promise<Action> {
  const a = {
    id: crypto.randomUUID(),
    programmeId: ctx.programmeId,
    waveId: ctx.waveId,
    partnerId,
    dimension: dim,
    what,
    owner: null,
    due: null,
    status: 'planned' as const,
    recordedOn: '2026-01-05',
  }
  await insertAction(env.DB, a).run()
  return a
}

const actionsUrl = () => `/api/programmes/${ctx.programmeId}/actions`
const send = (method: string, path: string, json: unknown, cookie = admin) => call(path, { method, json, cookie })
const trail = async () =>
  (
    await env.DB.prepare('SELECT action, target, detail, actor FROM audit WHERE programme_id = ?1 ORDER BY seq')
      .bind(ctx.programmeId)
      .all<{ action: string; target: string; detail: string | null; actor: string }>()
  ).results

beforeAll(async () => {
  admin = await signInAdmin()
  // A: 3 staff answers (hidden at k = 5), B: 8 at 2.5, then 8 at 4.2 in the next wave.
  ctx = await setupProgramme(admin, ['A', 'B'], { opensInDays: -30, label: 'Najaar 2025' })
  const [a, b] = ctx.partners
  await answer(ctx.links[a!.id]!.medewerker!, 'medewerker', 3, 3)
  await answer(ctx.links[b!.id]!.medewerker!, 'medewerker', 8, 2.5)
  limited = await person('limited@actions.test', 'viewer', b!.id)
  // An open wave first: no actions yet.
  const early = await send('POST', actionsUrl(), {
    waveId: ctx.waveId,
    partnerId: b!.id,
    dimension: dim,
    what: 'Te vroeg',
  })
  expect(early.status).toBe(409)
  await closeWave(admin, ctx.waveId)
  wave2 = await addWave(admin, ctx.programmeId, { opensInDays: 0, closesInDays: 20, label: 'Voorjaar 2026' })
  const made = await postJson<{ links: { partnerId: string; role: string; token: string }[] }>(
    `/api/waves/${wave2}/link-set`,
    {},
    admin,
    201,
  )
  links2 = Object.fromEntries(made.links.filter((l) => l.role === 'medewerker').map((l) => [l.partnerId, l.token]))
})

describe('agreed actions', () => {
  it('refuses what does not fit, saying what to do', async () => {
    const [, b] = ctx.partners
    const cases: [unknown, number, RegExp][] = [
      [{ waveId: ctx.waveId, partnerId: b!.id, dimension: dim }, 400, /what/],
      [{ waveId: ctx.waveId, partnerId: b!.id, dimension: dim, what: 'x', status: 'someday' }, 400, /status/],
      [{ waveId: ctx.waveId, partnerId: b!.id, dimension: dim, what: 'x', due: '30-06-2026' }, 400, /2026-06-30/],
      [{ waveId: ctx.waveId, partnerId: b!.id, dimension: dim, what: 'x', extra: 1 }, 400, /extra/],
      [{ waveId: 'nope', partnerId: b!.id, dimension: dim, what: 'x' }, 400, /not a wave of this programme/],
      [{ waveId: ctx.waveId, partnerId: 'nope', dimension: dim, what: 'x' }, 400, /not a partner that took part/],
      [{ waveId: ctx.waveId, partnerId: b!.id, dimension: 'nope', what: 'x' }, 400, new RegExp(`use one of: ${dim}`)],
    ]
    for (const [body, status, detail] of cases) {
      const res = await send('POST', actionsUrl(), body)
      expect(res.status, JSON.stringify(body)).toBe(status)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(((await res.json()) as { detail: string }).detail).toMatch(detail)
    }
    expect((await trail()).filter((e) => e.action.startsWith('action'))).toEqual([])
  })

  it('refuses an action for a hidden group, and for a role never asked, saying which in Dutch and in English', async () => {
    const [a] = ctx.partners
    // A's 3 staff answers are hidden at k = 5; its team managers and tactical managers gave none.
    const hidden = await send('POST', `${actionsUrl()}?lang=nl`, {
      waveId: ctx.waveId,
      partnerId: a!.id,
      dimension: dim,
      what: 'x',
    })
    expect(hidden.status).toBe(409)
    expect(hidden.headers.get('content-type')).toContain('application/problem+json')
    const body = (await hidden.json()) as { code: string; detail: string }
    expect(body.code).toBe('action-hidden-group')
    expect(body.detail).toMatch(/te weinig antwoorden, of verborgen zodat een kleine groep niet te herleiden is/)
    // A programme whose second partner was asked nothing: no link for any role.
    const other = await postJson('/api/programmes', { name: `Keten ${crypto.randomUUID().slice(0, 8)}` }, admin)
    const [p, q] = [
      await postJson(`/api/programmes/${other.id}/partners`, { name: 'P', headcount: 40 }, admin),
      await postJson(`/api/programmes/${other.id}/partners`, { name: 'Q', headcount: 40 }, admin),
    ]
    const w = await addWave(admin, other.id, { opensInDays: -30, label: 'Najaar 2025' })
    const { token } = await postJson<{ token: string }>(
      `/api/waves/${w}/links`,
      { partnerId: p.id, role: 'medewerker' },
      admin,
    )
    await answer(token, 'medewerker', 6, 3)
    await closeWave(admin, w)
    const url = `/api/programmes/${other.id}/actions`
    const asked = await send('POST', `${url}?lang=en`, { waveId: w, partnerId: q.id, dimension: dim, what: 'x' })
    expect(asked.status).toBe(409)
    const detail = (await asked.json()) as { code: string; detail: string }
    expect(detail.code).toBe('action-not-asked')
    // The dimension by its name for a person (it said "coaching", the key, in a lead's review).
    expect(detail.detail).toMatch(/^Q was not asked "Coaching and learning" in "Najaar 2025"/)
    // P's staff were asked and are shown: there an action is recorded.
    expect((await send('POST', url, { waveId: w, partnerId: p.id, dimension: dim, what: 'x' })).status).toBe(201)
    expect((await trail()).filter((e) => e.action.startsWith('action'))).toEqual([])
  })

  it('records, changes and removes an action, each in the trail', async () => {
    const [, b] = ctx.partners
    const res = await send('POST', actionsUrl(), {
      waveId: ctx.waveId,
      partnerId: b!.id,
      dimension: dim,
      what: 'Maandelijks ketenoverleg',
      owner: 'teammanager Werk',
      due: '2026-06-30',
    })
    expect(res.status).toBe(201)
    const made = (await res.json()) as Action
    expect(made).toMatchObject({ status: 'planned', owner: 'teammanager Werk', due: '2026-06-30', dimension: dim })
    const listed = (await (await call(actionsUrl(), { cookie: admin })).json()) as {
      actions: Action[]
      partnerViewers: boolean
    }
    expect(listed.actions.map((a) => a.id)).toContain(made.id)
    expect(listed.partnerViewers).toBe(false)

    expect((await send('PATCH', `${actionsUrl()}/${made.id}`, { status: 'in-progress', owner: null })).status).toBe(200)
    // A change that changes nothing leaves no entry.
    expect((await send('PATCH', `${actionsUrl()}/${made.id}`, { status: 'in-progress' })).status).toBe(200)
    expect((await send('PATCH', `${actionsUrl()}/${made.id}`, { status: 'later' })).status).toBe(400)
    const extra = (await (
      await send('POST', actionsUrl(), { waveId: ctx.waveId, partnerId: b!.id, dimension: dim, what: 'Weg ermee' })
    ).json()) as Action
    expect((await call(`${actionsUrl()}/${extra.id}`, { method: 'DELETE', cookie: admin })).status).toBe(204)
    expect((await call(`${actionsUrl()}/${extra.id}`, { method: 'DELETE', cookie: admin })).status).toBe(404)

    const entries = (await trail()).filter((e) => e.action.startsWith('action'))
    expect(entries.map((e) => e.action)).toEqual(['action.added', 'action.changed', 'action.added', 'action.removed'])
    expect(entries[0]!.target).toBe(`Najaar 2025 · B · ${dim}`)
    // Stored as data, no word in it: the trail words it in the reader's language.
    expect(JSON.parse(entries[1]!.detail!)).toEqual([
      { field: 'status', from: { word: 'planned' }, to: { word: 'in-progress' } },
      { field: 'owner', from: 'teammanager Werk', to: null },
    ])
    expect(entries.every((e) => e.actor === env.ADMIN_EMAIL)).toBe(true)
  })

  it('lets a viewer of one partner record for it only once the lead allows it, and shows them only their own', async () => {
    const [a, b] = ctx.partners
    const body = { waveId: ctx.waveId, partnerId: b!.id, dimension: dim, what: 'Eigen afspraak' }
    expect((await send('POST', actionsUrl(), body, limited)).status).toBe(403)
    expect(
      (await send('PUT', `/api/programmes/${ctx.programmeId}/action-policy`, { partnerViewers: true }, limited)).status,
    ).toBe(403)
    expect(
      (await send('PUT', `/api/programmes/${ctx.programmeId}/action-policy`, { partnerViewers: 'yes' })).status,
    ).toBe(400)
    expect(
      (await send('PUT', `/api/programmes/${ctx.programmeId}/action-policy`, { partnerViewers: true })).status,
    ).toBe(200)
    expect((await trail()).at(-1)).toMatchObject({
      action: 'action-policy.changed',
      detail: JSON.stringify([{ word: 'partnerViewers' }]),
    })

    const own = await send('POST', actionsUrl(), body, limited)
    expect(own.status).toBe(201)
    expect((await send('POST', actionsUrl(), { ...body, partnerId: a!.id }, limited)).status).toBe(403)
    // A's action, recorded by the lead before actions for hidden groups were refused (A had 3
    // answers): not there for B's viewer, neither to read nor to change.
    const theirs = await recordedEarlier(a!.id, 'Van A')
    expect((await send('PATCH', `${actionsUrl()}/${theirs.id}`, { status: 'done' }, limited)).status).toBe(404)
    const seen = (await (await call(actionsUrl(), { cookie: limited })).json()) as { actions: Action[] }
    expect(seen.actions.length).toBeGreaterThan(0)
    expect(seen.actions.every((x) => x.partnerId === b!.id)).toBe(true)
    expect(
      ((await (await call(`${actionsUrl()}?partner=${a!.id}`, { cookie: limited })).json()) as { actions: Action[] })
        .actions,
    ).toEqual([])
    expect((await trail()).at(-1)).toMatchObject({ action: 'action.added', actor: 'limited@actions.test' })
    await send('PUT', `/api/programmes/${ctx.programmeId}/action-policy`, { partnerViewers: false })
    expect(
      (await send('PATCH', `${actionsUrl()}/${((await own.json()) as Action).id}`, { status: 'done' }, limited)).status,
    ).toBe(403)
  })
})

describe('the order of actions', () => {
  it('lists them by partner name, dimension and text, not by their random ids', async () => {
    const own = await setupProgramme(admin, ['Eerste', 'Tweede'], { opensInDays: -30 })
    await closeWave(admin, own.waveId)
    // Named against the order of their ids: a list by id comes out Zeeland first.
    const [low, high] = [...own.partners].sort((x, y) => (x.id < y.id ? -1 : 1))
    for (const [p, name] of [
      [low!, 'Zeeland'],
      [high!, 'Almere'],
    ] as const)
      expect((await send('PATCH', `/api/programmes/${own.programmeId}/partners/${p.id}`, { name })).status).toBe(200)
    const dims = ins.dimensions.map((d) => d.key)
    for (const [partner, dimension, what] of [
      [low!, dims[0]!, 'b'],
      [high!, dims[1]!, 'a'],
      [high!, dims[0]!, 'z'],
      [high!, dims[0]!, 'y'],
    ] as const)
      await insertAction(env.DB, {
        // Ids in the reverse of the order they should come in.
        id: `${String.fromCharCode(122 - what.charCodeAt(0) + 97)}-${crypto.randomUUID()}`,
        programmeId: own.programmeId,
        waveId: own.waveId,
        partnerId: partner.id,
        dimension,
        what,
        owner: null,
        due: null,
        status: 'planned',
        recordedOn: '2026-01-05',
      }).run()
    const listed = await (await call(`/api/programmes/${own.programmeId}/actions`, { cookie: admin })).json()
    const order = (listed as { actions: Action[] }).actions.map((a) => a.what)
    const byDimension = dims[0]! < dims[1]! ? ['y', 'z', 'a'] : ['a', 'y', 'z']
    expect(order).toEqual([...byDimension, 'b'])
  })
})

describe('action markers in the heatmap', () => {
  it('marks the cell of a partner and dimension with agreed actions in text, and no other cell', async () => {
    const [, b] = ctx.partners
    for (const lang of ['en', 'nl'] as const) {
      const html = await (
        await call(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&role=medewerker&lang=${lang}`, {
          cookie: admin,
        })
      ).text()
      const slots = [
        ...html.matchAll(/<span class="action-slot" data-action-slot="([^"]+)">([\s\S]*?)<\/span>\s*<\/td>/g),
      ]
      expect(slots.length).toBeGreaterThan(1)
      const marked = slots.filter(([, , inner]) => inner!.includes('action-marker')).map(([, key]) => key)
      // B's two actions on `dim` (the lead's and its own viewer's); A is hidden and has no cells.
      expect(marked).toEqual([`${b!.id}:${dim}`])
      const inner = slots.find(([, key]) => key === `${b!.id}:${dim}`)![2]!
      expect(inner).toContain(lang === 'en' ? '2 agreed actions' : '2 verbeterafspraken')
    }
    // One more, overdue (its date long passed, still planned): the marker says how many are, as
    // the list does; the others by today's date (`isOverdue`), so the test holds on any day.
    const late = { ...(await recordedEarlier(b!.id, 'Te laat')), due: '2020-01-31' }
    await env.DB.prepare('UPDATE actions SET due = ?1 WHERE id = ?2').bind(late.due, late.id).run()
    const rows = await env.DB.prepare(
      'SELECT due, status FROM actions WHERE partner_id = ?1 AND dimension = ?2 AND wave_id = ?3',
    )
      .bind(b!.id, dim, ctx.waveId)
      .all<{ due: string | null; status: string }>()
    const count = rows.results.filter((a) => isOverdue(a, dayOf(new Date()))).length
    expect(count).toBeGreaterThanOrEqual(1)
    const overdue = await (
      await call(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&role=medewerker&lang=nl`, { cookie: admin })
    ).text()
    expect(overdue).toContain(`>⚑ 3 verbeterafspraken, ${count} over tijd</span>`)
    await env.DB.prepare('DELETE FROM actions WHERE id = ?1').bind(late.id).run()
    // The next wave has no actions yet: no marker (it is not published either).
    const next = await (
      await call(`/app/programmes/${ctx.programmeId}?wave=${wave2}&lang=en`, { cookie: admin })
    ).text()
    expect(next).not.toContain('class="action-marker"')
  })
})

describe('the CSV export', () => {
  it("writes a partner's actions beside its shown scores, none beside a hidden group, and staff's shared score as the dashboard shows it", async () => {
    const [a, b] = ctx.partners
    const text = await (
      await call(`/api/programmes/${ctx.programmeId}/export.csv?wave=${ctx.waveId}&lang=en`, { cookie: admin })
    ).text()
    const [header, ...rows] = parseCsv(text.replace(/^\ufeff/, ''))
    const col = (name: string) => header!.indexOf(name)
    const staff = rows.filter((r) => r[col('role')] === 'medewerker')
    const row = (partner: string, d: string) =>
      staff.find((r) => r[col('partner')] === partner && r[col('dimension')] === d)!
    expect(row('B', dim)[col('actions')]).toMatch(/Maandelijks ketenoverleg/)
    expect(row('B', dim)[col('actions')]).toMatch(/Eigen afspraak/)
    // A's action (recorded before hidden groups were refused) is not written beside A's hidden rows.
    expect(staff.filter((r) => r[col('partner')] === 'A').map((r) => r[col('actions')])).toEqual(
      staff.filter((r) => r[col('partner')] === 'A').map(() => ''),
    )
    expect(text).not.toContain('Van A')
    expect(a).toBeDefined()
    // The shared score, where the dashboard shows one, with its n; beside the hidden group none.
    const dash = (await (
      await call(`/api/programmes/${ctx.programmeId}/dashboard?wave=${ctx.waveId}&role=medewerker`, { cookie: admin })
    ).json()) as { partners: { id: string; shared?: Record<string, { n: number; mean: number } | null> }[] }
    const shared = dash.partners.find((p) => p.id === b!.id)!.shared!
    const keys = Object.keys(shared)
    expect(keys.length).toBeGreaterThan(0)
    for (const d of keys) {
      const r = row('B', d)
      const s = shared[d]
      expect([r[col('n_shared_questions')], r[col('mean_shared_questions')]]).toEqual(
        s ? [String(s.n), s.mean.toFixed(4)] : ['', ''],
      )
      expect(r[col('shared_hidden_reason')]).toBe(s ? '' : expect.any(String))
      expect(row('A', d)[col('n_shared_questions')]).toBe('')
      expect(row('A', d)[col('shared_hidden_reason')]).toBe('too few answers')
    }
    expect(row('B', dim)[col('shared_hidden_reason')]).toBe('')
  })
})

describe('the actions CSV', () => {
  const csvOf = async (query: string, cookie: string) => {
    const res = await call(`/api/programmes/${ctx.programmeId}/actions.csv${query}`, { cookie })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/csv')
    return parseCsv((await res.text()).replace(/^\ufeff/, ''))
  }

  it("gives the lead every shown group's actions with partner, dimension name, who, by when, status, recorded on and wave, in Dutch and English", async () => {
    const name = ins.dimensions[0]!.label
    const [nlHeader, ...nl] = await csvOf(`?wave=${ctx.waveId}`, admin)
    expect(nlHeader).toEqual(['partner', 'dimensie', 'afspraak', 'wie', 'klaar_op', 'status', 'vastgelegd_op', 'ronde'])
    const [enHeader, ...en] = await csvOf(`?wave=${ctx.waveId}&lang=en`, admin)
    expect(enHeader).toEqual(['partner', 'dimension', 'what', 'owner', 'due', 'status', 'recorded_on', 'wave'])
    const meeting = en.find((r) => r[2] === 'Maandelijks ketenoverleg')!
    expect(meeting).toEqual([
      'B',
      name.en,
      'Maandelijks ketenoverleg',
      '',
      '2026-06-30',
      'in progress',
      expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      'Najaar 2025',
    ])
    expect(nl.find((r) => r[2] === 'Maandelijks ketenoverleg')!.slice(0, 2)).toEqual(['B', name.nl])
    expect(en.map((r) => r[2]).sort()).toEqual(['Eigen afspraak', 'Maandelijks ketenoverleg'])
    // A's action, on a group the results hide, is in no row; the next wave has none yet.
    expect(en.flat()).not.toContain('Van A')
    expect(await csvOf(`?wave=${wave2}`, admin)).toHaveLength(1)
    const semicolon = await call(`/api/programmes/${ctx.programmeId}/actions.csv?sep=semicolon`, { cookie: admin })
    expect((await semicolon.text()).split('\n')[0]).toContain('partner;dimensie;afspraak')
  })

  it("gives a viewer limited to one partner that partner's only, and nothing on a hidden group even when it is theirs", async () => {
    const [a, b] = ctx.partners
    const [, ...own] = await csvOf('', limited)
    expect(own.length).toBeGreaterThan(0)
    expect(own.every((r) => r[0] === 'B')).toBe(true)
    const ofA = await person('a-viewer@actions.test', 'viewer', a!.id)
    // The list gives A's viewer A's action (it is theirs); the CSV leaves it out, as the results hide A.
    const listed = (await (await call(actionsUrl(), { cookie: ofA })).json()) as { actions: Action[] }
    expect(listed.actions.map((x) => x.what)).toContain('Van A')
    expect(await csvOf('', ofA)).toHaveLength(1)
    expect(b).toBeDefined()
    expect((await call(`/api/programmes/${ctx.programmeId}/actions.csv`)).status).toBe(401)
  })
})

describe('partner report', () => {
  it('shows question detail for the two weakest shown dimensions (a tie with the second included), and none for a hidden partner', async () => {
    const [a, b] = ctx.partners
    const info = questionInfoOf(ins, 'medewerker')
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}/partners/${b!.id}/report?wave=${ctx.waveId}&lang=en`, {
        cookie: admin,
      })
    ).text()
    const weakest = [
      ...(/<ul id="report-weakest">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/<li>([^<]+): /g),
    ].map(([, label]) => ins.dimensions.find((x) => x.label.en === label)!.key)
    // Named by the stand-outs' rule (worker/domain/standouts.ts strongestAndWeakest): dimensions tied at the cut together.
    expect(weakest.length).toBeGreaterThanOrEqual(1)
    const tables = [...html.matchAll(/<table class="questions" id="report-questions-([^"]+)">([\s\S]*?)<\/table>/g)]
    // The two weakest (lowest first), a tie with the second whole: a third table ran the printed report a page longer.
    const means = [
      ...(/<ul id="report-weakest">([\s\S]*?)<\/ul>/.exec(html)?.[1] ?? '').matchAll(/: ([\d.]+)<\/li>/g),
    ].map(([, m]) => m!)
    expect(means).toHaveLength(weakest.length)
    const detailed = weakest.filter((_, i) => means.length < 2 || Number(means[i]) <= Number(means[1]))
    expect(tables.map(([, key]) => key)).toEqual(detailed)
    if (detailed.length < weakest.length)
      expect(html).toContain(
        `Of the ${weakest.length} weakest dimensions above, the ${detailed.length} with the lowest scores are here.`,
      )
    for (const [, key, table] of tables) {
      const rows = [...table!.matchAll(/<tr><th scope="row">/g)].length
      expect(rows).toBe(info.questions.filter((q) => q.dimension === key).length)
      // 8 answers at k = 5: each question shows its shares, or says it has too few answers on the scale.
      expect(table).toMatch(/class="part-percent"/)
    }
    const hidden = await (
      await call(`/app/programmes/${ctx.programmeId}/partners/${a!.id}/report?wave=${ctx.waveId}&lang=en`, {
        cookie: admin,
      })
    ).text()
    expect(hidden).not.toContain('report-questions')
    expect(hidden).not.toContain('class="questions"')
    expect(hidden).not.toContain('part-percent')
  })

  it('says why this partner has no gap, about this partner only', async () => {
    const b = ctx.partners[1]!
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}/partners/${b.id}/report?wave=${ctx.waveId}&lang=en`, {
        cookie: admin,
      })
    ).text()
    // B's team managers had a link and gave no answers: hidden as too few, as B's heatmap cell says.
    expect(html).toContain('No comparison is possible yet for B: team managers’ answers are not shown (fewer than 5).')
    // Not the dashboard's sentence about every partner, which a partner's report cannot know to be true.
    expect(html).not.toContain('no partner has both staff and team managers')
  })

  it('shows a limited viewer their own partner and nothing of another', async () => {
    const [a, b] = ctx.partners
    const own = await call(`/app/programmes/${ctx.programmeId}/partners/${b!.id}/report?wave=${ctx.waveId}&lang=en`, {
      cookie: limited,
    })
    expect(own.status).toBe(200)
    const html = await own.text()
    expect(html).toContain('Report: B')
    expect(html).toContain('Maandelijks ketenoverleg')
    expect(html).not.toContain('Van A')
    const other = await call(`/app/programmes/${ctx.programmeId}/partners/${a!.id}/report?wave=${ctx.waveId}&lang=en`, {
      cookie: limited,
    })
    expect(other.status).toBe(404)
    expect(await other.text()).not.toContain('Van A')
  })

  it('says why a hidden partner shows nothing, and shows no number of it', async () => {
    const [a] = ctx.partners
    const res = await call(`/app/programmes/${ctx.programmeId}/partners/${a!.id}/report?wave=${ctx.waveId}&lang=en`, {
      cookie: admin,
    })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('There are no results to show for A in this wave: fewer than 5 responses.')
    expect(html).not.toContain('id="report-scores"')
    expect(html).not.toContain('<svg class="report-radar"')
    // Its facts: no count, the threshold.
    expect(html).not.toMatch(/<dt>Responses<\/dt><dd>\d/)
    // Its trend in one sentence, not a table of "fewer than 5" in every cell.
    expect(html).toContain(
      'In the one published wave A has fewer than 5 answers in this role, so there is no trend to show.',
    )
    expect(html).not.toContain('id="trend-table"')
  })

  it('shows a partner against the programme, its strongest and weakest, and the next level', async () => {
    const [, b] = ctx.partners
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}/partners/${b!.id}/report?wave=${ctx.waveId}&lang=nl`, {
        cookie: admin,
      })
    ).text()
    expect(html).toContain('<svg class="report-radar"')
    expect(html).toContain('id="report-scores"')
    expect(html).toContain('id="report-strongest"')
    expect(html).toContain('id="report-next-level"')
    // Per dimension: what the next level asks where the level is named; where 8 answers cannot tell
    // it yet, which levels its interval spans, and no "next level" that may be the one it has.
    const pairs = [
      ...(/<dl class="next-level" id="report-next-level">([\s\S]*?)<\/dl>/.exec(html)?.[1] ?? '').matchAll(
        /<dt>([^<]*)<\/dt><dd>([\s\S]*?)<\/dd>/g,
      ),
    ]
    expect(pairs.length).toBeGreaterThan(0)
    let unclear = 0
    for (const [, dt, dd] of pairs) {
      if (dt!.includes('Niveau nog niet duidelijk')) {
        unclear++
        expect(dd).toMatch(/het interval \d,\d tot \d,\d loopt van niveau \d \S+ tot niveau \d \S+\./)
        expect(dd).not.toContain('vraagt van een coachende manager')
        // And what each level it spans asks, from the lowest to the highest of them.
        const [, from, to] = /loopt van niveau (\d) \S+ tot niveau (\d)/.exec(dd!)!
        expect([...dd!.matchAll(/<li><strong>(\d) /g)].map((m) => Number(m[1]))).toEqual(
          Array.from({ length: Number(to) - Number(from) + 1 }, (_, i) => Number(from) + i),
        )
      } else if (!dt!.includes('geen niveau')) {
        expect(dt).toMatch(/ · \d \S/)
        expect(dd).toMatch(/vraagt van een coachende manager|hoogste niveau/)
      }
    }
    expect(unclear).toBeGreaterThan(0)
    // And in the scores table, which levels its margin spans, as the heatmap says (not a bare "not yet clear").
    expect(html).toMatch(
      /<span class="level level-unclear">Niveau nog niet duidelijk \(tussen niveau \d en \d\)<\/span>/,
    )
    // Why such a level is not named, and what the list under it gives, is said once, above the list.
    expect(html.match(/met deze antwoorden is nog niet te zeggen welk niveau het is/g)).toHaveLength(1)
    expect(html).toMatch(/<dt>Responses<\/dt><dd>8<\/dd>|<dt>Antwoorden<\/dt><dd>8<\/dd>/)
  })

  it('shows an action beside the change of its dimension in the next wave', async () => {
    const [, b] = ctx.partners
    await answer(links2[b!.id]!, 'medewerker', 8, 4.2)
    await closeWave(admin, wave2)
    const res = await call(`/app/programmes/${ctx.programmeId}/partners/${b!.id}/report?wave=${wave2}&lang=nl`, {
      cookie: admin,
    })
    const html = await res.text()
    expect(html).toMatch(/Verbeterafspraak in Najaar 2025 → Voorjaar 2026: \+\d,\d, duidelijk hoger\./)
    // And on the results page, beside B's trend.
    const page = await (
      await call(`/app/programmes/${ctx.programmeId}?wave=${wave2}&trend=${b!.id}&lang=nl`, { cookie: admin })
    ).text()
    // The report's form offers what the results page's does, by one rule (`recordableFor`): the wave
    // shown, and B, shown in it. The report had offered every published wave.
    const options = (html: string, select: string) =>
      [
        ...(new RegExp(`<select id="${select}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? '').matchAll(
          /<option value="([^"]+)"/g,
        ),
      ].map((m) => m[1])
    expect(options(html, 'action-wave')).toEqual([wave2])
    expect(options(page, 'action-wave')).toEqual([wave2])
    expect(options(html, 'action-partner')).toEqual([b!.id])
    expect(options(page, 'action-partner')).toContain(b!.id)
    expect(page).toContain('id="trend-actions"')
    // Beside its own dimension's row of the trend, not under the table.
    const trendRow = new RegExp(`<tr id="trend-row-${dim}"[\\s\\S]*?</tr>`).exec(page)?.[0] ?? ''
    // (What became of it in a span of its own, which the printed report leaves to its list of actions.)
    expect(trendRow).toMatch(
      /Maandelijks ketenoverleg<span class="trend-action-outcome"> — Verbeterafspraak in Najaar 2025 → Voorjaar 2026/,
    )
    // The later wave's heatmap still marks the cell: agreed in Najaar 2025, with its status.
    const cell = new RegExp(`<td[^>]*id="heat-${b!.id}-${dim}"[\\s\\S]*?</td>`).exec(page)?.[0] ?? ''
    expect(cell).toMatch(
      /class="action-marker action-earlier"[^>]*>⚑ <span class="action-words">afspraak uit <\/span>Najaar 2025, (gepland|bezig|gedaan|vervallen)</,
    )
    // The list beside it shows what the marker shows: the action carried over, not "none" (one rule, `actionsInView`).
    const list = /<section aria-labelledby="actions-heading"[\s\S]*?<\/section>/.exec(page)?.[0] ?? ''
    expect(list).not.toContain('id="actions-none"')
    expect(list).toMatch(new RegExp(`data-action-partner="${b!.id}" data-action-wave="${ctx.waveId}"`))
    expect(list).toContain('Maandelijks ketenoverleg')
    // And the report links mark it too, beside B's link: what the heatmap marks, not only this wave's actions.
    const reports = /<ul id="partner-reports">[\s\S]*?<\/ul>/.exec(page)?.[0] ?? ''
    const line = new RegExp(`<li data-partner="${b!.id}">[\\s\\S]*?</li>`).exec(reports)?.[0] ?? ''
    expect(line).toMatch(
      new RegExp(`data-action-partner="${b!.id}" data-action-dimension="${dim}"[^>]*>⚑ \\d+ verbeterafspra`),
    )
    // The wave it was agreed in counts it as that wave's own, not as an earlier one.
    const first = await (
      await call(`/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&lang=nl`, { cookie: admin })
    ).text()
    expect(first).not.toContain('action-earlier')
    // The lead sees who may record actions, and a way to change it.
    expect(page).toContain('Alleen programmaleiders leggen verbeterafspraken vast.')
    expect(page).toContain('data-body="{&quot;partnerViewers&quot;:true}"')
    expect(page).toMatch(
      /Maandelijks ketenoverleg<span class="trend-action-outcome"> — Verbeterafspraak in Najaar 2025 → Voorjaar 2026: \+\d,\d, duidelijk hoger\./,
    )
  })

  it('says nothing of a hidden group beside an action: no change, no number', async () => {
    // A had 3 answers in the first wave (hidden at k = 5) and none in the next: no change to show.
    const [a] = ctx.partners
    const html = await (
      await call(`/app/programmes/${ctx.programmeId}/partners/${a!.id}/report?wave=${wave2}&lang=en`, { cookie: admin })
    ).text()
    const item = /<li class="action[^"]*"[^>]*data-action-partner="[^"]*"[^>]*>([\s\S]*?)<\/li>/.exec(html)?.[1] ?? ''
    expect(item).toContain('Van A')
    // Which wave and why, as the trend's cell of that wave says already.
    expect(item).toContain(
      'Action agreed in Najaar 2025 → Voorjaar 2026: no change to show (too few answers in Najaar 2025)',
    )
    expect(item).not.toMatch(/\d\.\d/)
    // Nor does its report offer to record an action on A for this wave, where A is hidden (it would be refused).
    expect(html).not.toContain('id="action-form"')
  })
})

describe('what an action form offers', () => {
  it('offers, in each role view and report, only partners that view shows, each with its shown dimensions, and every pair offered is accepted', async () => {
    // P: staff and team managers shown; Q: staff shown, 2 team managers (hidden at k = 5).
    const pid = (await postJson('/api/programmes', { name: `Keten ${crypto.randomUUID().slice(0, 8)}` }, admin)).id
    const partner = (name: string) =>
      postJson(`/api/programmes/${pid}/partners`, { name, headcount: 40, headcounts: { teammanager: 10 } }, admin)
    const [p, q] = [await partner('P'), await partner('Q')]
    const w = await addWave(admin, pid, { opensInDays: -30, label: 'Najaar 2025' })
    const link = async (partnerId: string, role: string) =>
      (await postJson<{ token: string }>(`/api/waves/${w}/links`, { partnerId, role }, admin)).token
    await answer(await link(p.id, 'medewerker'), 'medewerker', 6, 3)
    await answer(await link(p.id, 'teammanager'), 'teammanager', 6, 4)
    await answer(await link(q.id, 'medewerker'), 'medewerker', 6, 2)
    await answer(await link(q.id, 'teammanager'), 'teammanager', 2, 4)
    await closeWave(admin, w)

    const form = (html: string) => {
      const select = (id: string) => new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1] ?? ''
      const partners = [...select('action-partner').matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]!)
      const dims = [...select('action-dimension').matchAll(/<option value="([^"]+)" data-for="([^"]*)"/g)].map(
        (m) => [m[1]!, m[2]!.split(' ')] as const,
      )
      return { partners, dims }
    }
    const page = async (path: string) => (await call(path, { cookie: admin })).text()
    const staff = form(await page(`/app/programmes/${pid}?wave=${w}&role=medewerker&lang=nl`))
    const managers = form(await page(`/app/programmes/${pid}?wave=${w}&role=teammanager&lang=nl`))
    expect(staff.partners.sort()).toEqual([p.id, q.id].sort())
    // The team managers' view showed Q as hidden, and its form offered Q (shown in another role).
    expect(managers.partners).toEqual([p.id])
    expect(managers.dims.length).toBeGreaterThan(0)
    expect(managers.dims.every(([, of]) => of.join() === p.id)).toBe(true)
    const reportOf = (partnerId: string, role: string) =>
      page(`/app/programmes/${pid}/partners/${partnerId}/report?wave=${w}&role=${role}&lang=nl`)
    expect(form(await reportOf(q.id, 'medewerker')).partners).toEqual([q.id])
    expect(await reportOf(q.id, 'teammanager')).not.toContain('id="action-form"')

    // Every pair a form offers, the API takes.
    const offered = new Set<string>()
    for (const f of [staff, managers, form(await reportOf(p.id, 'teammanager'))])
      for (const [dimension, of] of f.dims) for (const partnerId of of) offered.add(`${partnerId} ${dimension}`)
    expect(offered.size).toBeGreaterThan(2)
    for (const pair of offered) {
      const [partnerId, dimension] = pair.split(' ')
      const res = await send('POST', `/api/programmes/${pid}/actions`, { waveId: w, partnerId, dimension, what: 'x' })
      expect(res.status, pair).toBe(201)
    }
  })
})

/**
 * A stand-out's next step (worker/pages/results-standouts.tsx `Step`): the link opens the action
 * form with its partner and dimension chosen, without a script, for a lead; a viewer who may not
 * record sees none; once agreed, the action is said in its place.
 */
describe('the next step beside the weakest named', () => {
  it('opens the form with partner and dimension chosen from the link, ignores a pair not offered, and says the action once agreed', async () => {
    // P at 3, Q at 2, R at 4 on every staff dimension: Q lowest on all, P next.
    const pid = (await postJson('/api/programmes', { name: `Keten ${crypto.randomUUID().slice(0, 8)}` }, admin)).id
    const partner = (name: string) => postJson(`/api/programmes/${pid}/partners`, { name, headcount: 40 }, admin)
    const [p, q, r] = [await partner('P'), await partner('Q'), await partner('R')]
    const w = await addWave(admin, pid, { opensInDays: -30, label: 'Najaar 2025' })
    const link = async (partnerId: string) =>
      (await postJson<{ token: string }>(`/api/waves/${w}/links`, { partnerId, role: 'medewerker' }, admin)).token
    await answer(await link(p.id), 'medewerker', 6, 3)
    await answer(await link(q.id), 'medewerker', 6, 2)
    await answer(await link(r.id), 'medewerker', 6, 4)
    await closeWave(admin, w)
    const page = async (query: string, cookie = admin) =>
      (await call(`/app/programmes/${pid}?wave=${w}&role=medewerker&lang=nl${query}`, { cookie })).text()
    const html = await page('')
    const steps = [...html.matchAll(/<a href="([^"]+)" data-agree-partner="([^"]+)" data-agree-dimension="([^"]+)"/g)]
    expect(steps.length).toBeGreaterThan(0)
    // The first: Q, named lowest on every dimension, on the first of them.
    const [, href, who, on] = steps[0]!
    expect(who).toBe(q.id)
    const form = (x: string) => /<details class="no-print" id="action-add"[^>]*>/.exec(x)![0]
    expect(form(html)).not.toContain('open')
    const opened = await (await call(href!.replaceAll('&amp;', '&'), { cookie: admin })).text()
    expect(form(opened)).toContain('open')
    expect(opened).toContain(`<option value="${q.id}" selected="">Q</option>`)
    expect(opened).toMatch(new RegExp(`<option value="${on}" selected="" data-for=`))
    // A pair the form does not offer (a partner of no programme): the form as ever, nothing chosen.
    const stray = await page(`&actionPartner=nope&actionDimension=${on}`)
    expect(form(stray)).not.toContain('open')
    expect(stray).not.toContain('selected="" data-for=')
    // A viewer of the whole programme reads the results but records no actions: no link to a form not there.
    const viewer = await person(`viewer-${crypto.randomUUID().slice(0, 8)}@actions.test`, 'viewer', null, pid)
    const theirs = await page('', viewer)
    expect(theirs).toContain('id="standouts"')
    expect(theirs).not.toContain('data-agree-partner')
    // Agreed: said in its place, for the lead and the viewer alike.
    expect(
      (
        await send('POST', `/api/programmes/${pid}/actions`, {
          waveId: w,
          partnerId: q.id,
          dimension: on,
          what: 'Ketenoverleg',
        })
      ).status,
    ).toBe(201)
    const after = await page('')
    expect(after).not.toContain(`data-agree-partner="${q.id}" data-agree-dimension="${on}"`)
    expect(after).toMatch(/Actie afgesproken met Q over [^:]+: ‘Ketenoverleg’, gepland/)
    expect(await page('', viewer)).toMatch(/Actie afgesproken met Q over [^:]+: ‘Ketenoverleg’, gepland/)
  })
})

describe('an action recorded as its wave is removed', () => {
  it('is refused as removed meanwhile, recording nothing, not met at the foreign key', async () => {
    const own = await setupProgramme(admin, ['C'], { opensInDays: -30, label: 'Najaar' })
    const c = own.partners[0]!
    await answer(own.links[c.id]!.medewerker!, 'medewerker', 8, 3)
    await closeWave(admin, own.waveId)
    await publishClosedWaves(env.DB, readConfig(env).MIN_GROUP_SIZE, new Date())
    const user = (await readUserByEmail(env.DB, env.ADMIN_EMAIL))!
    const writer = {
      access: (await accessTo(env.DB, user, own.programmeId))!,
      actor: { id: user.id, email: user.email },
      partnerViewers: false,
    }
    // The wave removed between the action's checks and its batch (its retention ended, say).
    const db = meanwhile(() => env.DB.prepare('DELETE FROM waves WHERE id = ?1').bind(own.waveId).run())
    const body = { waveId: own.waveId, partnerId: c.id, dimension: dim, what: 'Te laat', status: 'planned' } as const
    await expect(recordAction(db, writer, body, readConfig(env).MIN_GROUP_SIZE)).rejects.toMatchObject({
      code: 'wave-removed-meanwhile',
      params: { label: 'Najaar' },
    })
    const kept = await env.DB.prepare(
      "SELECT (SELECT count(*) FROM actions WHERE programme_id = ?1) + (SELECT count(*) FROM audit WHERE programme_id = ?1 AND action = 'action.added') AS n",
    )
      .bind(own.programmeId)
      .first<number>('n')
    expect(kept).toBe(0)
  })
})
