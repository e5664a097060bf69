import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../worker/auth/password-hash.ts'
import { call, postJson, setupProgramme, signInAdmin } from '../helpers.ts'
import { MAX_PASTE_BYTES } from '../../../schema/api.ts'
import { PartnerImportAnswer } from '../../../schema/api-answers.ts'
import { MAX_BODY_BYTES } from '../../../worker/http/guards.ts'

/** POST /api/programmes/:pid/partners/import: many partners in one request, all or none, the lead's only. */

let admin: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>
const names = async (programmeId: string) =>
  (
    await env.DB.prepare('SELECT name FROM partners WHERE programme_id = ?1 ORDER BY name')
      .bind(programmeId)
      .all<{ name: string }>()
  ).results.map((r) => r.name)

/** A signed-in account with `role` in programme `programmeId`. */
async function person(email: string, role: 'lead' | 'viewer', programmeId: string): Promise<string> {
  const id = crypto.randomUUID()
  await env.DB.prepare('INSERT INTO users (id, email, role, password_hash, created_at) VALUES (?1, ?2, ?3, ?4, ?5)')
    .bind(id, email, role, await hashPassword(`pw-${email}`), new Date().toISOString())
    .run()
  await env.DB.prepare('INSERT INTO memberships (user_id, programme_id, role) VALUES (?1, ?2, ?3)')
    .bind(id, programmeId, role)
    .run()
  const res = await call('/api/session', { method: 'POST', json: { email, password: `pw-${email}` } })
  return res.headers.get('set-cookie')!.split(';')[0]!
}

beforeAll(async () => {
  admin = await signInAdmin()
  ctx = await setupProgramme(admin, ['UWV'])
})

describe('POST /api/programmes/:pid/partners/import', () => {
  it('adds every pasted partner and answers how many, with their ids', async () => {
    const lead = await person('lead@import.test', 'lead', ctx.programmeId)
    const res = await postJson<{ added: number; ids: string[] }>(
      `/api/programmes/${ctx.programmeId}/partners/import`,
      { text: 'SVB\t80\nGemeente Utrecht;1.500;12\n' },
      lead,
    )
    expect(res.added).toBe(2)
    expect(res.ids).toHaveLength(2)
    expect(await names(ctx.programmeId)).toEqual(['Gemeente Utrecht', 'SVB', 'UWV'])
  })

  it('refuses a paste with a wrong line as problem+json naming each line, in the Dutch asked for, adding nothing', async () => {
    const res = await call(`/api/programmes/${ctx.programmeId}/partners/import`, {
      method: 'POST',
      cookie: admin,
      headers: { 'accept-language': 'nl' },
      json: { text: 'GGD\t40\n\t12\nuwv\t3\nggd\nPolitie\tveel' },
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    const body = (await res.json()) as { code: string; title: string; detail: string; errors: unknown[] }
    expect(body.code).toBe('partner-lines-invalid')
    // The line of a name the programme has (UWV) is no fault; the title is Dutch, as the detail is.
    expect(body.title).toBe('Ongeldige partnerregels')
    expect(body.errors).toEqual([
      { path: 'text', line: 2, field: 'name', code: 'not-empty', message: 'Regel 2, naam: mag niet leeg zijn' },
      {
        path: 'text',
        line: 4,
        field: 'name',
        code: 'same-as-line',
        message: 'Regel 4, naam: staat al op regel 1 (hetzelfde, op hoofdletters en spaties na); laat er één weg',
      },
      {
        path: 'text',
        line: 5,
        field: 'headcounts.medewerker',
        code: 'whole-number',
        message: 'Regel 5, aantal medewerkers (“veel”): moet een geheel getal zijn',
      },
    ])
    expect(body.detail).toMatch(/^Er is niets toegevoegd: 3 regels kloppen niet\. Regel 2, naam: mag niet leeg zijn\. /)
    expect(await names(ctx.programmeId)).toEqual(['Gemeente Utrecht', 'SVB', 'UWV'])
  })

  it('skips the names the programme has and says so, with the headcounts the paste gives otherwise, in Dutch and in English', async () => {
    const sheet = await setupProgramme(admin, ['UWV', 'SVB', 'GGD'])
    const path = `/api/programmes/${sheet.programmeId}/partners/import`
    // Stored with 40 in every role (tests/worker/helpers.ts); the sheet has 1250 staff at UWV now.
    const text = 'Naam;Medewerkers\nUWV;1250\nsvb;40\nGGD\nPolitie;80\nOM;12'
    const res = await call(path, {
      method: 'POST',
      cookie: admin,
      headers: { 'accept-language': 'nl' },
      json: { text },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as PartnerImportAnswer
    expect(PartnerImportAnswer.strict().parse(body)).toBeTruthy()
    expect(body).toMatchObject({
      added: 2,
      skipped: [
        { line: 2, name: 'UWV', differences: [{ role: 'medewerker', stored: 40, pasted: 1250 }] },
        { line: 3, name: 'SVB', differences: [] },
        { line: 4, name: 'GGD', differences: [] },
      ],
      message:
        '2 partners toegevoegd; 3 stonden er al en zijn overgeslagen. UWV: in de tabel 40 medewerkers, in de plak 1250. Klopt de plak, neem de aantallen dan over met de knop hieronder, of pas ze aan in de tabel.',
    })
    expect(body.ids).toHaveLength(2)
    expect(await names(sheet.programmeId)).toEqual(['GGD', 'OM', 'Politie', 'SVB', 'UWV'])
    // The whole sheet again, with one row more: in English by default.
    const again = await call(path, { method: 'POST', cookie: admin, json: { text: `${text}\nCJIB;9;1` } })
    expect(again.status).toBe(201)
    expect(((await again.json()) as PartnerImportAnswer).message).toBe(
      '1 partner added; 5 were already there and were skipped. UWV: in the table 40 staff, in the paste 1250. If the paste is right, use its headcounts with the button below, or change them in the table.',
    )
  })

  it('answers 200 with nothing added when every line was there already, as a success, in both languages', async () => {
    const sheet = await setupProgramme(admin, ['UWV', 'SVB'])
    const path = `/api/programmes/${sheet.programmeId}/partners/import`
    const said = async (lang: string, text: string) => {
      const res = await call(path, {
        method: 'POST',
        cookie: admin,
        headers: { 'accept-language': lang },
        json: { text },
      })
      expect(res.status).toBe(200)
      const body = (await res.json()) as PartnerImportAnswer
      expect(body).toMatchObject({ added: 0, ids: [] })
      return body.message
    }
    expect(await said('nl', 'UWV\nSVB')).toBe('Er is niets toegevoegd: alle 2 partners stonden er al.')
    expect(await said('en', 'uwv')).toBe('Nothing was added: the partner was already there.')
    expect(await said('nl', 'SVB;40;41')).toBe(
      'Er is niets toegevoegd: de partner stond er al. SVB: in de tabel 40 teammanagers, in de plak 41. Klopt de plak, neem de aantallen dan over met de knop hieronder, of pas ze aan in de tabel.',
    )
    const trail = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM audit WHERE programme_id = ?1 AND action = 'partner.added'",
    )
      .bind(sheet.programmeId)
      .first<{ n: number }>()
    expect(trail!.n).toBe(2)
  })

  it("with headcounts 'update' writes the headcounts it gives otherwise and adds the new partners, in one go, as edits of each partner write them", async () => {
    const sheet = await setupProgramme(admin, ['UWV Eemland', 'SVB', 'GGD'])
    const path = `/api/programmes/${sheet.programmeId}/partners/import`
    // Stored with 40 in every role (tests/worker/helpers.ts), and the wave open since yesterday.
    const text = 'UWV Eemland;85\nsvb;40;41;3\nGGD;40\nPolitie;80'
    const paste = (lang: string, json: unknown) =>
      call(path, { method: 'POST', cookie: admin, headers: { 'accept-language': lang }, json })
    const headcounts = async () =>
      (
        await env.DB.prepare(
          'SELECT name, headcount, headcount_teammanager AS tm, headcount_tactisch AS tac FROM partners WHERE programme_id = ?1 ORDER BY name',
        )
          .bind(sheet.programmeId)
          .all()
      ).results
    const records = async () =>
      (
        await env.DB.prepare(
          'SELECT p.name, c.role, c.kind, c.headcount_from AS "from", c.headcount_to AS "to" FROM wave_changes c JOIN partners p ON p.id = c.partner_id WHERE c.wave_id = ?1 ORDER BY p.name, c.role',
        )
          .bind(sheet.waveId)
          .all()
      ).results

    // Without it, as before: told, nothing of it written.
    const told = (await (await paste('nl', { text })).json()) as PartnerImportAnswer
    expect(told.updated).toEqual([])
    expect(told.skipped.map((s) => s.differences.length)).toEqual([1, 2, 0])
    expect((await headcounts()).filter((p) => p.name !== 'Politie')).toEqual(
      ['GGD', 'SVB', 'UWV Eemland'].map((name) => ({ name, headcount: 40, tm: 40, tac: 40 })),
    )
    expect(await records()).toEqual([])

    // The same text with `headcounts: 'update'`, in a fresh programme of the same partners.
    const fresh = await setupProgramme(admin, ['UWV Eemland', 'SVB', 'GGD'])
    const res = await call(`/api/programmes/${fresh.programmeId}/partners/import`, {
      method: 'POST',
      cookie: admin,
      headers: { 'accept-language': 'nl' },
      json: { text, headcounts: 'update' },
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as PartnerImportAnswer
    expect(PartnerImportAnswer.strict().parse(body)).toBeTruthy()
    const ids = Object.fromEntries(fresh.partners.map((p) => [p.name, p.id]))
    expect(body).toMatchObject({
      added: 1,
      updated: [
        {
          line: 1,
          partnerId: ids['UWV Eemland'],
          name: 'UWV Eemland',
          differences: [{ role: 'medewerker', stored: 40, pasted: 85 }],
        },
        {
          line: 2,
          partnerId: ids.SVB,
          name: 'SVB',
          differences: [
            { role: 'teammanager', stored: 40, pasted: 41 },
            { role: 'tactisch', stored: 40, pasted: 3 },
          ],
        },
      ],
      skipped: [{ line: 3, name: 'GGD', differences: [] }],
      message:
        '1 partner toegevoegd; 3 aantallen bijgewerkt; 1 stond er al en is overgeslagen. UWV Eemland: medewerkers van 40 naar 85. SVB: teammanagers van 40 naar 41; tactisch managers van 40 naar 3.',
    })
    const now = (
      await env.DB.prepare(
        'SELECT name, headcount, headcount_teammanager AS tm, headcount_tactisch AS tac FROM partners WHERE programme_id = ?1 ORDER BY name',
      )
        .bind(fresh.programmeId)
        .all()
    ).results
    expect(now).toEqual([
      { name: 'GGD', headcount: 40, tm: 40, tac: 40 },
      { name: 'Politie', headcount: 80, tm: null, tac: null },
      { name: 'SVB', headcount: 40, tm: 41, tac: 3 },
      { name: 'UWV Eemland', headcount: 85, tm: 40, tac: 40 },
    ])

    // Each change in the trail and in the open wave's record exactly as the single edit writes it:
    // the same edits through PATCH in the first programme leave the same rows.
    const pasted = {
      trail: (
        await env.DB.prepare(
          "SELECT action, target, detail FROM audit WHERE programme_id = ?1 AND action = 'headcount.changed' ORDER BY target",
        )
          .bind(fresh.programmeId)
          .all()
      ).results,
      records: (
        await env.DB.prepare(
          'SELECT p.name, c.role, c.kind, c.headcount_from AS "from", c.headcount_to AS "to", c.day FROM wave_changes c JOIN partners p ON p.id = c.partner_id WHERE c.wave_id = ?1 ORDER BY p.name, c.role',
        )
          .bind(fresh.waveId)
          .all()
      ).results,
    }
    const byName = Object.fromEntries(sheet.partners.map((p) => [p.name, p.id]))
    for (const [name, json] of [
      ['UWV Eemland', { headcount: 85 }],
      ['SVB', { headcounts: { teammanager: 41, tactisch: 3 } }],
    ] as const) {
      const edit = await call(`/api/programmes/${sheet.programmeId}/partners/${byName[name]}`, {
        method: 'PATCH',
        cookie: admin,
        json,
      })
      expect(edit.status).toBe(200)
    }
    const edited = {
      trail: (
        await env.DB.prepare(
          "SELECT action, target, detail FROM audit WHERE programme_id = ?1 AND action = 'headcount.changed' ORDER BY target",
        )
          .bind(sheet.programmeId)
          .all()
      ).results,
      records: (
        await env.DB.prepare(
          'SELECT p.name, c.role, c.kind, c.headcount_from AS "from", c.headcount_to AS "to", c.day FROM wave_changes c JOIN partners p ON p.id = c.partner_id WHERE c.wave_id = ?1 ORDER BY p.name, c.role',
        )
          .bind(sheet.waveId)
          .all()
      ).results,
    }
    expect(pasted.trail).toHaveLength(2)
    expect(pasted.records).toHaveLength(3)
    expect(pasted).toEqual(edited)
    // The added partner's entry as a single add writes it.
    expect(
      (
        await env.DB.prepare(
          "SELECT target FROM audit WHERE programme_id = ?1 AND action = 'partner.added' ORDER BY rowid",
        )
          .bind(fresh.programmeId)
          .all<{ target: string }>()
      ).results.map((r) => r.target),
    ).toEqual(['UWV Eemland', 'SVB', 'GGD', 'Politie'])

    // Once more: nothing left to write, said as a paste of partners that are all there, in English.
    const again = await call(`/api/programmes/${fresh.programmeId}/partners/import`, {
      method: 'POST',
      cookie: admin,
      json: { text, headcounts: 'update' },
    })
    expect(again.status).toBe(200)
    expect(((await again.json()) as PartnerImportAnswer).message).toBe(
      'Nothing was added: all 4 partners were already there.',
    )
    const en = await call(`/api/programmes/${fresh.programmeId}/partners/import`, {
      method: 'POST',
      cookie: admin,
      json: { text: 'UWV Eemland;86;;7', headcounts: 'update' },
    })
    expect(((await en.json()) as PartnerImportAnswer).message).toBe(
      '2 headcounts updated. UWV Eemland: staff from 85 to 86; tactical managers from 40 to 7.',
    )
  })

  it("refuses a paste with headcounts 'update' as the paste and a single edit are refused, writing nothing", async () => {
    const sheet = await setupProgramme(admin, ['UWV', 'SVB'])
    const path = `/api/programmes/${sheet.programmeId}/partners/import`
    const state = async () => ({
      partners: (
        await env.DB.prepare(
          'SELECT name, headcount, headcount_teammanager, headcount_tactisch FROM partners WHERE programme_id = ?1 ORDER BY name',
        )
          .bind(sheet.programmeId)
          .all()
      ).results,
      audit: (await env.DB.prepare('SELECT COUNT(*) AS n FROM audit WHERE programme_id = ?1')
        .bind(sheet.programmeId)
        .first())!.n,
      records: (await env.DB.prepare('SELECT COUNT(*) AS n FROM wave_changes WHERE wave_id = ?1')
        .bind(sheet.waveId)
        .first())!.n,
    })
    const before = await state()
    const refusal = async (json: unknown) => {
      const res = await call(path, { method: 'POST', cookie: admin, headers: { 'accept-language': 'nl' }, json })
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      return [res.status, ((await res.json()) as { code: string }).code]
    }
    // A wrong line elsewhere: the right lines' headcounts are not written either.
    expect(await refusal({ text: 'UWV;85\nSVB;-3', headcounts: 'update' })).toEqual([400, 'partner-lines-invalid'])
    expect(await refusal({ text: 'UWV;1000001', headcounts: 'update' })).toEqual([400, 'partner-lines-invalid'])
    expect(await refusal({ text: 'UWV;85', headcounts: 'overwrite' })).toEqual([400, 'invalid-request'])
    const viewer = await person('update-viewer@import.test', 'viewer', sheet.programmeId)
    const asViewer = await call(path, {
      method: 'POST',
      cookie: viewer,
      json: { text: 'UWV;85', headcounts: 'update' },
    })
    expect(asViewer.status).toBe(403)
    expect(await state()).toEqual(before)
  })

  it('refuses more than 200 lines by their count even past the 64 KB of other requests, and a paste too large by bytes clearly', async () => {
    const path = `/api/programmes/${ctx.programmeId}/partners/import`
    const post = (text: string) =>
      call(path, { method: 'POST', cookie: admin, headers: { 'accept-language': 'nl' }, json: { text } })
    // 400 lines of a long name (192 characters) and three headcounts: about 85 KB, over the 64 KB every other route takes.
    const long = Array.from({ length: 400 }, (_, i) => `${'Gemeente '.repeat(21)}${i}\t1.200\t40\t5`).join('\r\n')
    expect(JSON.stringify({ text: long }).length).toBeGreaterThan(MAX_BODY_BYTES)
    const tooMany = await post(long)
    expect(tooMany.status).toBe(400)
    expect(await tooMany.json()).toMatchObject({
      code: 'too-many-partner-lines',
      title: 'Te veel partners',
      detail: expect.stringMatching(
        /^De tekst heeft 400 regels met een partner; in één keer kunnen er ten hoogste 200\./,
      ),
    })
    // 200 such lines are the most one paste takes: they go in.
    const room = await setupProgramme(admin, [])
    const most = await call(`/api/programmes/${room.programmeId}/partners/import`, {
      method: 'POST',
      cookie: admin,
      json: { text: long.split('\r\n').slice(0, 200).join('\r\n') },
    })
    expect(most.status).toBe(201)
    // A few lines, too large by bytes: its own refusal, with both limits, before anything is read.
    const huge = await post(`SVB\t${'9'.repeat(MAX_PASTE_BYTES)}`)
    expect(huge.status).toBe(413)
    expect(await huge.json()).toMatchObject({
      code: 'partner-paste-too-large',
      title: 'Geplakte tekst te groot',
      detail: expect.stringMatching(
        /^De geplakte tekst is groter dan 256 KB, meer dan 200 regels .* plak ten hoogste 200 regels/,
      ),
    })
    // A line longer than any partner's, under the limit: named by its line and column.
    const wide = await post(`UWV;1\n${'x'.repeat(100_000)};2`)
    expect(wide.status).toBe(400)
    expect(await wide.json()).toMatchObject({ code: 'partner-lines-invalid', errors: [{ line: 2, field: 'name' }] })
    // Every other route keeps its 64 KB: the single add refuses the same size with the generic 413.
    const single = await call(`/api/programmes/${ctx.programmeId}/partners`, {
      method: 'POST',
      cookie: admin,
      headers: { 'accept-language': 'nl' },
      json: { name: 'x'.repeat(MAX_BODY_BYTES) },
    })
    expect(single.status).toBe(413)
    expect(await single.json()).toMatchObject({ code: 'request-too-large', title: 'Verzoek te groot' })
  })

  it('refuses more than 200 lines with what to do, in English by default', async () => {
    const text = Array.from({ length: 201 }, (_, i) => `P${i}`).join('\n')
    const res = await call(`/api/programmes/${ctx.programmeId}/partners/import`, {
      method: 'POST',
      cookie: admin,
      json: { text },
    })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({
      code: 'too-many-partner-lines',
      detail:
        'The text has 201 lines with a partner; at most 200 can be added at once. Nothing was added: split the list over several pastes.',
    })
    expect(await names(ctx.programmeId)).toHaveLength(3)
  })

  it('titles every refusal of the paste and of the partner routes in Dutch for a Dutch request', async () => {
    const viewer = await person('titles@import.test', 'viewer', ctx.programmeId)
    const path = `/api/programmes/${ctx.programmeId}/partners`
    const titled = async (url: string, init: { method?: string; json?: unknown; cookie?: string }) => {
      const res = await call(url, { method: 'POST', cookie: admin, headers: { 'accept-language': 'nl' }, ...init })
      const body = (await res.json()) as { code: string; title: string }
      return [res.status, body.code, body.title]
    }
    expect([
      await titled(`${path}/import`, { json: { text: '\n' } }),
      await titled(`${path}/import`, { json: { text: 3 } }),
      await titled(`${path}/import`, { json: { text: 'Nieuw' }, cookie: viewer }),
      await titled(`/api/programmes/${crypto.randomUUID()}/partners/import`, { json: { text: 'Nieuw' } }),
      await titled(path, { json: { name: 'uwv' } }),
      await titled(`${path}/${crypto.randomUUID()}`, { method: 'PATCH', json: { name: 'Nieuw' } }),
    ]).toEqual([
      [400, 'no-partner-lines', 'Geen partners'],
      [400, 'invalid-request', 'Ongeldig verzoek'],
      [403, 'lead-only', 'Niet toegestaan'],
      [404, 'programme-not-found', 'Programma niet gevonden'],
      [409, 'partner-exists', 'Partner bestaat al'],
      [404, 'partner-not-found', 'Partner niet gevonden'],
    ])
  })

  it('refuses a viewer of the programme and a lead of another, before reading the paste', async () => {
    const viewer = await person('viewer@import.test', 'viewer', ctx.programmeId)
    const other = await setupProgramme(admin, ['Elders'])
    const otherLead = await person('other@import.test', 'lead', other.programmeId)
    const path = `/api/programmes/${ctx.programmeId}/partners/import`
    const asViewer = await call(path, { method: 'POST', cookie: viewer, json: { text: 'Nieuw' } })
    expect(asViewer.status).toBe(403)
    const asOther = await call(path, { method: 'POST', cookie: otherLead, json: { text: 'Nieuw' } })
    expect(asOther.status).toBe(404)
    expect(await names(ctx.programmeId)).toEqual(['Gemeente Utrecht', 'SVB', 'UWV'])
  })
})
