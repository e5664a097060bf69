import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { hashPassword } from '../../../worker/auth/password-hash.ts'
import { call, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

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
    const body = (await res.json()) as { code: string; detail: string; errors: unknown[] }
    expect(body.code).toBe('partner-lines-invalid')
    expect(body.errors).toEqual([
      { path: 'text', line: 2, field: 'name', code: 'not-empty', message: 'Regel 2, naam: mag niet leeg zijn' },
      {
        path: 'text',
        line: 3,
        field: 'name',
        code: 'partner-exists',
        message: 'Regel 3, naam: dit programma heeft de partner "UWV" al; laat de regel weg of kies een andere naam',
      },
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
    expect(body.detail).toMatch(/^Er is niets toegevoegd: 4 regels kloppen niet\. Regel 2, naam: mag niet leeg zijn\. /)
    expect(await names(ctx.programmeId)).toEqual(['Gemeente Utrecht', 'SVB', 'UWV'])
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
