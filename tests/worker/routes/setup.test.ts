import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { momentOfDay } from '../../../schema/format.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { addWave, call, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/** Setting up a chain through the API the setup page uses: people, partners, waves, links. */

let admin: string
const day = 24 * 60 * 60 * 1000
const iso = (offsetDays: number) => new Date(Date.now() + offsetDays * day).toISOString()
const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!
const count = async (sql: string, ...args: unknown[]) =>
  (await env.DB.prepare(sql)
    .bind(...args)
    .first<{ n: number }>())!.n

async function signIn(email: string, password: string): Promise<Response> {
  return call('/api/session', { method: 'POST', json: { email, password } })
}
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!

beforeAll(async () => {
  admin = await signInAdmin()
})

describe('people: invitation, roles, removal, password reset', () => {
  let ctx: Awaited<ReturnType<typeof setupProgramme>>
  beforeAll(async () => {
    ctx = await setupProgramme(admin, ['UWV', 'SVB'])
  })

  it('invites a new person with a one-time link that sets a password and then signs them in', async () => {
    const res = await postJson<{ id: string; invitation: { url: string; expiresAt: string } }>(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: 'Nieuw@Keten.nl', role: 'lead' },
      admin,
    )
    const token = tokenOf(res.invitation.url)
    expect(res.invitation.url).toMatch(/\/app\/password\/[A-Za-z0-9_-]{22}$/)
    // Only the hash is stored.
    expect(await count('SELECT count(*) AS n FROM password_links WHERE token_hash = ?1', token)).toBe(0)
    expect(Date.parse(res.invitation.expiresAt) - Date.now()).toBeGreaterThan(6 * day)
    expect((await signIn('nieuw@keten.nl', 'een lang wachtwoord')).status).toBe(401)

    const info = await call(`/api/password-links/${token}`)
    expect(await info.json()).toMatchObject({ email: 'Nieuw@Keten.nl', purpose: 'invite' })
    expect((await call(`/api/password-links/${token}`, { method: 'POST', json: { password: 'kort' } })).status).toBe(
      400,
    )
    expect(
      (await call(`/api/password-links/${token}`, { method: 'POST', json: { password: 'een lang wachtwoord' } }))
        .status,
    ).toBe(204)
    // Once: the link is used up.
    expect(
      (await call(`/api/password-links/${token}`, { method: 'POST', json: { password: 'nog een wachtwoord' } })).status,
    ).toBe(404)

    const signedIn = await signIn('nieuw@keten.nl', 'een lang wachtwoord')
    expect(signedIn.status).toBe(204)
    const lead = cookieOf(signedIn)
    expect((await call(`/api/programmes/${ctx.programmeId}/people`, { cookie: lead })).status).toBe(200)
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/partners`, {
          method: 'POST',
          json: { name: 'CAK' },
          cookie: lead,
        })
      ).status,
    ).toBe(201)
    // The list says they lead it, and the page offers its setup.
    const list = (await (await call('/api/programmes', { cookie: lead })).json()) as {
      programmes: { id: string; canLead: boolean }[]
    }
    expect(list.programmes).toEqual([expect.objectContaining({ id: ctx.programmeId, canLead: true })])
    expect(await (await call('/app/programmes?lang=nl', { cookie: lead })).text()).toContain(
      `/app/programmes/${ctx.programmeId}/setup`,
    )
  })

  it('refuses an expired invitation with 410', async () => {
    const res = await postJson<{ invitation: { url: string } }>(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: 'laat@keten.nl', role: 'viewer' },
      admin,
    )
    const token = tokenOf(res.invitation.url)
    await env.DB.prepare("UPDATE password_links SET expires_at = '2020-01-01T00:00:00.000Z' WHERE user_id = ?1")
      .bind((await env.DB.prepare("SELECT id FROM users WHERE email = 'laat@keten.nl'").first<{ id: string }>())!.id)
      .run()
    expect((await call(`/api/password-links/${token}`)).status).toBe(410)
    expect(
      (await call(`/api/password-links/${token}`, { method: 'POST', json: { password: 'een lang wachtwoord' } }))
        .status,
    ).toBe(410)
    expect((await call(`/app/password/${token}`, { redirect: 'manual' })).status).toBe(410)
  })

  it('limits a viewer to a partner, changes a role, refuses a partner limit for a lead and a duplicate', async () => {
    const partner = ctx.partners[0]!.id
    const { id } = await postJson(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: 'lezer@keten.nl', role: 'viewer', partnerId: partner },
      admin,
    )
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/people`, {
          method: 'POST',
          json: { email: 'lezer@keten.nl', role: 'viewer' },
          cookie: admin,
        })
      ).status,
    ).toBe(409)
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/people`, {
          method: 'POST',
          json: { email: 'x@keten.nl', role: 'lead', partnerId: partner },
          cookie: admin,
        })
      ).status,
    ).toBe(400)
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/people`, {
          method: 'POST',
          json: { email: 'geen-adres', role: 'viewer' },
          cookie: admin,
        })
      ).status,
    ).toBe(400)
    const list = (await (await call(`/api/programmes/${ctx.programmeId}/people`, { cookie: admin })).json()) as {
      people: { id: string; role: string; partnerId: string | null; active: boolean }[]
    }
    expect(list.people.find((p) => p.id === id)).toEqual({
      id,
      email: 'lezer@keten.nl',
      role: 'viewer',
      partnerId: partner,
      active: false,
      pending: false,
    })

    const patched = await call(`/api/programmes/${ctx.programmeId}/people/${id}`, {
      method: 'PATCH',
      json: { role: 'lead' },
      cookie: admin,
    })
    expect(await patched.json()).toMatchObject({ role: 'lead', partnerId: null })
    const row = await env.DB.prepare('SELECT role, partner_id FROM memberships WHERE user_id = ?1').bind(id).first()
    expect(row).toEqual({ role: 'lead', partner_id: null })
  })

  it('removes a person: with no programme left, the account and its sessions go too', async () => {
    const res = await postJson<{ id: string; invitation: { url: string } }>(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: 'weg@keten.nl', role: 'viewer' },
      admin,
    )
    await call(`/api/password-links/${tokenOf(res.invitation.url)}`, {
      method: 'POST',
      json: { password: 'een lang wachtwoord' },
    })
    const viewer = cookieOf(await signIn('weg@keten.nl', 'een lang wachtwoord'))
    expect((await call(`/api/programmes/${ctx.programmeId}`, { cookie: viewer })).status).toBe(200)
    // A viewer's list offers no setup.
    const list = (await (await call('/api/programmes', { cookie: viewer })).json()) as {
      programmes: { canLead: boolean }[]
    }
    expect(list.programmes.map((p) => p.canLead)).toEqual([false])
    expect(await (await call('/app/programmes?lang=nl', { cookie: viewer })).text()).not.toContain('/setup')
    expect(
      (await call(`/api/programmes/${ctx.programmeId}/people/${res.id}`, { method: 'DELETE', cookie: admin })).status,
    ).toBe(204)
    expect((await call(`/api/programmes/${ctx.programmeId}`, { cookie: viewer })).status).toBe(401)
    expect(await count('SELECT count(*) AS n FROM users WHERE id = ?1', res.id)).toBe(0)
  })

  it('lets a lead reset the password of someone only in this programme, not of someone with another programme; a reset ends their sessions', async () => {
    const other = await setupProgramme(admin, ['Elders'])
    const lead = await postJson<{ id: string; invitation: { url: string } }>(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: 'leider@keten.nl', role: 'lead' },
      admin,
    )
    await call(`/api/password-links/${tokenOf(lead.invitation.url)}`, {
      method: 'POST',
      json: { password: 'een lang wachtwoord' },
    })
    const leadCookie = cookieOf(await signIn('leider@keten.nl', 'een lang wachtwoord'))

    const local = await postJson<{ id: string; invitation: { url: string } }>(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: 'lokaal@keten.nl', role: 'viewer' },
      admin,
    )
    await call(`/api/password-links/${tokenOf(local.invitation.url)}`, {
      method: 'POST',
      json: { password: 'oud wachtwoord 1' },
    })
    const localCookie = cookieOf(await signIn('lokaal@keten.nl', 'oud wachtwoord 1'))
    const reset = await postJson<{ url: string }>(
      `/api/programmes/${ctx.programmeId}/people/${local.id}/password-link`,
      {},
      leadCookie,
    )
    expect((await call(`/api/password-links/${tokenOf(reset.url)}`)).status).toBe(200)
    expect(
      (
        await call(`/api/password-links/${tokenOf(reset.url)}`, {
          method: 'POST',
          json: { password: 'nieuw wachtwoord 2' },
        })
      ).status,
    ).toBe(204)
    expect((await call(`/api/programmes/${ctx.programmeId}`, { cookie: localCookie })).status).toBe(401)
    expect((await signIn('lokaal@keten.nl', 'oud wachtwoord 1')).status).toBe(401)
    expect((await signIn('lokaal@keten.nl', 'nieuw wachtwoord 2')).status).toBe(204)

    const shared = await postJson<{ id: string }>(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: 'gedeeld@keten.nl', role: 'viewer' },
      admin,
    )
    // An existing account's access waits for it to accept, whoever grants it; accepted (here by setting a password through the link), it counts.
    const elsewhere = await postJson<{ pending: boolean; acceptance: { url: string } }>(
      `/api/programmes/${other.programmeId}/people`,
      { email: 'gedeeld@keten.nl', role: 'viewer' },
      admin,
    )
    expect(elsewhere.pending).toBe(true)
    expect(
      (
        await call(`/api/password-links/${tokenOf(elsewhere.acceptance.url)}`, {
          method: 'POST',
          json: { password: 'gedeeld wachtwoord' },
        })
      ).status,
    ).toBe(204)
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/people/${shared.id}/password-link`, {
          method: 'POST',
          json: {},
          cookie: leadCookie,
        })
      ).status,
    ).toBe(403)
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/people/${shared.id}/password-link`, {
          method: 'POST',
          json: {},
          cookie: admin,
        })
      ).status,
    ).toBe(201)
    // Nobody changes their own access here.
    expect(
      (await call(`/api/programmes/${ctx.programmeId}/people/${lead.id}`, { method: 'DELETE', cookie: leadCookie }))
        .status,
    ).toBe(409)
  })
})

describe('partners', () => {
  it('marks in the partner table which groups are smaller than k, and tells them once beside the links: how many, what it means, which, and a link for one alone', async () => {
    // A wave that opens tomorrow: a headcount lowered while one is open counts from the next (the test below).
    const ctx = await setupProgramme(admin, ['Klein', 'Groot'], { opensInDays: 1 })
    const [small] = ctx.partners
    await call(`/api/programmes/${ctx.programmeId}/partners/${small!.id}`, {
      method: 'PATCH',
      json: { headcounts: { teammanager: 3, tactisch: 0 } },
      cookie: admin,
    })
    // Its team managers' link goes, so the page offers one for them alone.
    const { links } = (await (await call(`/api/waves/${ctx.waveId}/links`, { cookie: admin })).json()) as {
      links: { id: string; partnerId: string; role: string }[]
    }
    const theirs = links.find((l) => l.partnerId === small!.id && l.role === 'teammanager')!
    await call(`/api/waves/${ctx.waveId}/links/${theirs.id}`, { method: 'DELETE', cookie: admin })
    for (const [lang, count, group, anyway] of [
      ['nl', '1 groep heeft minder dan 5 mensen.', 'Klein, teammanager: 3', 'Toch een link maken: Klein, teammanager'],
      ['en', '1 group has fewer than 5 people.', 'Klein, team manager: 3', 'Make a link anyway: Klein, team manager'],
    ] as const) {
      const html = await (await call(`/app/programmes/${ctx.programmeId}/setup?lang=${lang}`, { cookie: admin })).text()
      // Only the small partner's team managers: 40 is not below k, and 0 is no headcount.
      const marked = [...html.matchAll(/<td class="count" data-role="([a-z]+)" data-below-k="">/g)].map((m) => m[1])
      expect(marked).toEqual(['teammanager'])
      expect(html).not.toMatch(
        /Hun antwoorden worden nooit getoond, ook niet als iedereen|Their answers are never shown, even if everyone answers:/,
      )
      const summary = html.slice(html.indexOf('id="below-k"'), html.indexOf('id="status-links"'))
      expect(summary).toContain(`<strong>${count}</strong>`)
      expect(summary).toMatch(
        lang === 'nl' ? /tellen niet mee in het programma als geheel/ : /do not count in the programme as a whole/,
      )
      expect(summary).toContain(group)
      expect(summary).toContain(`aria-label="${anyway}"`)
      expect(summary).toContain(
        `data-body="{&quot;groups&quot;:[{&quot;partnerId&quot;:&quot;${small!.id}&quot;,&quot;role&quot;:&quot;teammanager&quot;}]}"`,
      )
      // The summary sits beside the links' actions, before their announcement.
      expect(html.indexOf('id="below-k"')).toBeGreaterThan(html.indexOf('link-set'))
    }
  })

  it('says where a partner is added that one added while a wave is open takes part from the next wave on, and only then', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    for (const [lang, words] of [
      ['nl', 'Ronde “2026-1” is open. Een partner die u nu toevoegt, doet pas mee vanaf de volgende ronde'],
      ['en', 'Wave “2026-1” is open. A partner you add now takes part from the next wave on'],
    ] as const) {
      const html = await (await call(`/app/programmes/${ctx.programmeId}/setup?lang=${lang}`, { cookie: admin })).text()
      expect(html).toMatch(new RegExp(`<p class="notice" id="partner-joins-next">${words}`))
      expect(html).toMatch(/<input id="partner-name"[^>]*aria-describedby="partner-joins-next"/)
    }
    const planned = await setupProgramme(admin, ['UWV'], { opensInDays: 3 })
    const html = await (await call(`/app/programmes/${planned.programmeId}/setup?lang=nl`, { cookie: admin })).text()
    expect(html).not.toContain('partner-joins-next')
  })

  it('changes a headcount and refuses a name another partner has', async () => {
    const ctx = await setupProgramme(admin, ['UWV', 'SVB'])
    const [uwv] = ctx.partners
    const res = await call(`/api/programmes/${ctx.programmeId}/partners/${uwv!.id}`, {
      method: 'PATCH',
      json: { headcount: 120 },
      cookie: admin,
    })
    expect(await res.json()).toMatchObject({
      name: 'UWV',
      headcount: 120,
      headcounts: { medewerker: 120, teammanager: 40, tactisch: 40 },
    })
    // Per role, for the managers' response rate; what is left out stays as it was.
    const roles = await call(`/api/programmes/${ctx.programmeId}/partners/${uwv!.id}`, {
      method: 'PATCH',
      json: { headcounts: { teammanager: 8, tactisch: 0 } },
      cookie: admin,
    })
    expect(await roles.json()).toMatchObject({
      headcount: 120,
      headcounts: { medewerker: 120, teammanager: 8, tactisch: 0 },
    })
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/partners/${uwv!.id}`, {
          method: 'PATCH',
          json: { headcounts: { directeur: 1 } },
          cookie: admin,
        })
      ).status,
    ).toBe(400)
    // The wave is open: each change is recorded for every reader of its results, a refused one not.
    const recorded = await env.DB.prepare(
      'SELECT role, headcount_from, headcount_to FROM wave_changes WHERE wave_id = ?1 ORDER BY role',
    )
      .bind(ctx.waveId)
      .all()
    expect(recorded.results).toEqual([
      { role: 'medewerker', headcount_from: 40, headcount_to: 120 },
      { role: 'tactisch', headcount_from: 40, headcount_to: 0 },
      { role: 'teammanager', headcount_from: 40, headcount_to: 8 },
    ])
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/partners/${uwv!.id}`, {
          method: 'PATCH',
          json: { name: 'SVB' },
          cookie: admin,
        })
      ).status,
    ).toBe(409)
    expect(
      (
        await call(`/api/programmes/${ctx.programmeId}/partners/nope`, {
          method: 'PATCH',
          json: { name: 'X' },
          cookie: admin,
        })
      ).status,
    ).toBe(404)
    expect(await count('SELECT count(*) AS n FROM wave_changes WHERE wave_id = ?1', ctx.waveId)).toBe(3)
  })
})

describe('waves: overlap, instrument, deletion', () => {
  it('offers the newest instrument version first, chosen and marked recommended, the earlier ones marked so', async () => {
    const { programmeId } = await setupProgramme(admin, ['Alfa'])
    for (const [lang, latest, earlier] of [
      ['nl', 'aanbevolen', 'eerdere'],
      ['en', 'recommended', 'earlier'],
    ] as const) {
      const html = await (await call(`/app/programmes/${programmeId}/setup?lang=${lang}`, { cookie: admin })).text()
      const select = /<select id="wave-instrument"[\s\S]*?<\/select>/.exec(html)?.[0] ?? ''
      const options = [...select.matchAll(/<option value="([^"]+)"( selected="")?>([^<]+)<\/option>/g)]
      const newest = Math.max(...options.map(([, v]) => Number(v!.split('@')[1])))
      expect(options[0]![1]).toBe(`coachende-manager@${newest}`)
      expect(options[0]![2]).toBeDefined()
      expect(options[0]![3]).toContain(`${newest}, ${latest})`)
      for (const o of options.slice(1)) {
        expect(o[2]).toBeUndefined()
        expect(o[3]).toContain(`, ${earlier})`)
      }
      expect(html).toContain('aria-describedby="wave-instrument-hint"')
      // The opening day says what today or earlier means: open at once, later changes on the record.
      expect(html).toMatch(/<input id="wave-opens"[^>]*aria-describedby="wave-opens-hint"/)
      expect(html).toMatch(
        lang === 'nl'
          ? /id="wave-opens-hint" class="hint">Vandaag of eerder: de ronde is meteen open/
          : /id="wave-opens-hint" class="hint">Today or earlier: the wave is open at once/,
      )
    }
  })

  it('refuses a wave that overlaps another of the programme, on creation and on a change', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const before = await count('SELECT count(*) AS n FROM waves WHERE programme_id = ?1', ctx.programmeId)
    const res = await call(`/api/programmes/${ctx.programmeId}/waves`, {
      method: 'POST',
      json: { label: 'b', instrument: 'coachende-manager', opensAt: iso(5), closesAt: iso(40) },
      cookie: admin,
    })
    expect(res.status).toBe(409)
    const detail = ((await res.json()) as { detail: string }).detail
    expect(detail).toMatch(/may not overlap/)
    // Dates as an English sentence writes them, not as ISO codes.
    expect(detail).not.toMatch(/\d{4}-\d\d-\d\d/)
    expect(detail).toMatch(/runs from \d{1,2} [A-Z][a-z]+ \d{4} to \d{1,2} [A-Z][a-z]+ \d{4} inclusive/)
    const nl = await call(`/api/programmes/${ctx.programmeId}/waves`, {
      method: 'POST',
      json: { label: 'b', instrument: 'coachende-manager', opensAt: iso(5), closesAt: iso(40) },
      cookie: admin,
      headers: { 'accept-language': 'nl' },
    })
    expect(((await nl.json()) as { detail: string }).detail).toMatch(
      /loopt van \d{1,2} [a-z]+ \d{4} tot en met \d{1,2} [a-z]+ \d{4};/,
    )
    expect(await count('SELECT count(*) AS n FROM waves WHERE programme_id = ?1', ctx.programmeId)).toBe(before)
    // Back to back is fine: one closes the moment the next opens.
    const next = await addWave(admin, ctx.programmeId, { opensInDays: 30, closesInDays: 50, label: 'volgende' })
    expect(
      (await call(`/api/waves/${next}`, { method: 'PATCH', json: { opensAt: iso(10) }, cookie: admin })).status,
    ).toBe(409)
  })

  it('offers an open wave "close now" (PATCH closesAt, the moment sent), and a closed wave no date form but where its results are, in both languages', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const page = async (lang: 'nl' | 'en') =>
      (await call(`/app/programmes/${ctx.programmeId}/setup?lang=${lang}`, { cookie: admin })).text()
    const closeForm = (html: string) => /<form[^>]*class="close-now"[^>]*>[\s\S]*?<\/form>/.exec(html)?.[0] ?? ''
    for (const [lang, button, confirmed] of [
      [
        'nl',
        'Ronde nu sluiten',
        /neemt daarna geen antwoorden meer aan[^"]*resultaten worden op het dashboard gepubliceerd/,
      ],
      ['en', 'Close the wave now', /takes no more answers[^"]*results are published on the dashboard/],
    ] as const) {
      const form = closeForm(await page(lang))
      expect(form).toContain(`data-api="/api/waves/${ctx.waveId}"`)
      expect(form).toContain('data-method="PATCH"')
      expect(form).toContain('data-now="closesAt"')
      // Without the script it posts where every form of the page goes, saying it needs one.
      expect(form).toMatch(/method="post" action="\/app\/needs-script"/)
      expect(form).toMatch(new RegExp(`<button type="submit"[^>]*>${button}</button>`))
      expect(/data-confirm="([^"]*)"/.exec(form)?.[1]).toMatch(confirmed)
    }
    expect(await page('nl')).toContain(`id="closes-${ctx.waveId}"`)

    const res = await call(`/api/waves/${ctx.waveId}`, {
      method: 'PATCH',
      json: { closesAt: new Date().toISOString() },
      cookie: admin,
    })
    expect(res.status).toBe(200)
    expect(((await res.json()) as { state: string }).state).toBe('closed')
    for (const [lang, note] of [
      ['nl', 'Gesloten: de ronde neemt geen antwoorden meer aan'],
      ['en', 'Closed: the wave takes no more answers'],
    ] as const) {
      const html = await page(lang)
      expect(closeForm(html)).toBe('')
      // The dates of a closed wave are refused whatever they say (wave-closed): no form for them.
      expect(html).not.toContain(`id="closes-${ctx.waveId}"`)
      expect(html).not.toContain(`id="opens-${ctx.waveId}"`)
      expect(html).toContain(note)
      expect(html).toContain(`href="/app/programmes/${ctx.programmeId}?wave=${ctx.waveId}&amp;lang=${lang}"`)
    }
    const moved = await call(`/api/waves/${ctx.waveId}`, { method: 'PATCH', json: { closesAt: iso(5) }, cookie: admin })
    expect(moved.status).toBe(409)
  })

  it('changes the instrument version of a planned wave only; deletes a planned wave but not an open one', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const planned = await addWave(admin, ctx.programmeId, { opensInDays: 30, closesInDays: 50, label: 'later' })
    expect(
      (await call(`/api/waves/${planned}`, { method: 'PATCH', json: { instrumentVersion: 1 }, cookie: admin })).status,
    ).toBe(200)
    expect(
      (await call(`/api/waves/${planned}`, { method: 'PATCH', json: { instrumentVersion: 99 }, cookie: admin })).status,
    ).toBe(400)
    const open = await call(`/api/waves/${ctx.waveId}`, {
      method: 'PATCH',
      json: { instrumentVersion: 99 },
      cookie: admin,
    })
    expect(open.status).toBe(409)
    expect(((await open.json()) as { detail: string }).detail).toMatch(/once it has opened/)
    expect((await call(`/api/waves/${ctx.waveId}`, { method: 'DELETE', cookie: admin })).status).toBe(409)
    expect((await call(`/api/waves/${planned}`, { method: 'DELETE', cookie: admin })).status).toBe(204)
    expect(await count('SELECT count(*) AS n FROM waves WHERE id = ?1', planned)).toBe(0)
  })
})

describe('links: list, revoke, a set for every partner and role', () => {
  it('lists links without tokens, revokes one so the survey no longer opens, and makes only what is missing', async () => {
    const ctx = await setupProgramme(admin, ['UWV', 'SVB'])
    const token = ctx.links[ctx.partners[0]!.id]!.medewerker!
    const list = (await (await call(`/api/waves/${ctx.waveId}/links`, { cookie: admin })).json()) as {
      links: { id: string; partnerId: string; role: string; revoked: boolean }[]
    }
    expect(list.links).toHaveLength(6)
    expect(JSON.stringify(list)).not.toContain(token)
    const link = list.links.find((l) => l.partnerId === ctx.partners[0]!.id && l.role === 'medewerker')!

    expect((await call(`/api/s/${token}`)).status).toBe(200)
    expect((await call(`/api/waves/${ctx.waveId}/links/${link.id}`, { method: 'DELETE', cookie: admin })).status).toBe(
      204,
    )
    expect((await call(`/api/s/${token}`)).status).toBe(404)

    const set = await call(`/api/waves/${ctx.waveId}/link-set`, { method: 'POST', json: {}, cookie: admin })
    expect(set.status).toBe(201)
    const made = ((await set.json()) as { links: { partnerId: string; role: string; url: string }[] }).links
    expect(made.map((l) => [l.partnerId, l.role])).toEqual([[ctx.partners[0]!.id, 'medewerker']])
    expect((await call(`/api/s/${tokenOf(made[0]!.url)}`)).status).toBe(200)
    const again = await call(`/api/waves/${ctx.waveId}/link-set`, { method: 'POST', json: {}, cookie: admin })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { links: unknown[] }).links).toEqual([])
  })
})

describe('links: replacing those of every or chosen groups', () => {
  it('replaces the links of two chosen groups in one step: their old links stop working, the others keep working, the record says so', async () => {
    const ctx = await setupProgramme(admin, ['UWV', 'SVB'])
    const [uwv, svb] = [ctx.partners[0]!, ctx.partners[1]!]
    const groups = [
      { partnerId: uwv.id, role: 'medewerker' },
      { partnerId: svb.id, role: 'tactisch' },
    ]
    const res = await call(`/api/waves/${ctx.waveId}/link-set`, {
      method: 'POST',
      json: { replace: true, groups },
      cookie: admin,
    })
    expect(res.status).toBe(201)
    const made = ((await res.json()) as { links: { partnerId: string; role: string; url: string }[] }).links
    // In the order of the page's table: partners by name.
    expect(made.map((l) => ({ partnerId: l.partnerId, role: l.role }))).toEqual([groups[1], groups[0]])
    for (const l of made) expect((await call(`/api/s/${tokenOf(l.url)}`)).status).toBe(200)
    expect((await call(`/api/s/${ctx.links[uwv.id]!.medewerker}`)).status).toBe(404)
    expect((await call(`/api/s/${ctx.links[svb.id]!.tactisch}`)).status).toBe(404)
    expect((await call(`/api/s/${ctx.links[uwv.id]!.teammanager}`)).status).toBe(200)
    // One working link per group, the replaced ones listed as withdrawn.
    const list = (
      (await (await call(`/api/waves/${ctx.waveId}/links`, { cookie: admin })).json()) as {
        links: { partnerId: string; role: string; revoked: boolean }[]
      }
    ).links
    expect(list.filter((l) => !l.revoked)).toHaveLength(6)
    expect(list.filter((l) => l.revoked)).toHaveLength(2)
    // A new way in while the wave is open is on the record every reader sees.
    expect(await count("SELECT count(*) AS n FROM wave_changes WHERE wave_id = ?1 AND kind = 'link'", ctx.waveId)).toBe(
      2,
    )
  })

  it("replaces every group's link when none are named, and refuses a partner of another programme", async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const res = await call(`/api/waves/${ctx.waveId}/link-set`, {
      method: 'POST',
      json: { replace: true },
      cookie: admin,
    })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { links: unknown[] }).links).toHaveLength(3)
    for (const token of Object.values(ctx.links[ctx.partners[0]!.id]!))
      expect((await call(`/api/s/${token}`)).status).toBe(404)
    const other = await setupProgramme(admin, ['Elders'])
    const refused = await call(`/api/waves/${ctx.waveId}/link-set`, {
      method: 'POST',
      json: { replace: true, groups: [{ partnerId: other.partners[0]!.id, role: 'medewerker' }] },
      cookie: admin,
    })
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { detail: string }).detail).toMatch(/is not a partner of this wave's programme/)
  })
})

describe('links: groups below k', () => {
  it("leaves a group whose headcount is below k out of the links for every group, with a code and the reason in the reader's language, and makes its link when the lead names it", async () => {
    const { id: programmeId } = await postJson(
      '/api/programmes',
      { name: `Klein ${crypto.randomUUID().slice(0, 8)}` },
      admin,
    )
    const partner = (name: string, headcounts: Record<string, number>) =>
      postJson(`/api/programmes/${programmeId}/partners`, { name, headcount: 40, headcounts }, admin)
    const small = await partner('Klein', { teammanager: 3, tactisch: 4 })
    await partner('Groot', { teammanager: 8, tactisch: 5 })
    const waveId = await addWave(admin, programmeId)
    type Answer = {
      links: { partnerId: string; role: string; url: string }[]
      skipped: { partnerId: string; role: string; code: string; reason: string }[]
    }
    const set = async (json: unknown, lang: 'nl' | 'en') =>
      (await (
        await call(`/api/waves/${waveId}/link-set`, {
          method: 'POST',
          json,
          cookie: admin,
          headers: { 'accept-language': lang },
        })
      ).json()) as Answer
    const first = await set({}, 'en')
    // Four groups of 40, 8 and 5 people get a link; 3 and 4 are below k = 5 and never shown.
    expect(first.links).toHaveLength(4)
    expect(first.skipped.map((s) => [s.partnerId, s.role, s.code])).toEqual([
      [small.id, 'teammanager', 'group-below-k'],
      [small.id, 'tactisch', 'group-below-k'],
    ])
    expect(first.skipped[0]!.reason).toMatch(
      /^"Klein" has 3 people in this role, fewer than 5: their answers are never shown/,
    )
    const again = await set({}, 'nl')
    expect(again.links).toEqual([])
    expect(again.skipped[1]!.reason).toMatch(
      /^"Klein" heeft in deze rol 4 mensen, minder dan 5: hun antwoorden worden nooit getoond/,
    )
    // Named, the group gets its link: the lead chose it knowing.
    const chosen = await set({ groups: [{ partnerId: small.id, role: 'teammanager' }] }, 'nl')
    expect(chosen.links.map((l) => [l.partnerId, l.role])).toEqual([[small.id, 'teammanager']])
    expect(chosen.skipped).toEqual([])
    expect((await call(`/api/s/${tokenOf(chosen.links[0]!.url)}`)).status).toBe(200)
    // Replacing every link gives that group a new one too (its old one must stop working), not the group without a link.
    const replaced = await set({ replace: true }, 'nl')
    expect(replaced.links).toHaveLength(5)
    expect(replaced.skipped.map((s) => [s.role, s.code])).toEqual([['tactisch', 'group-below-k']])
    expect((await call(`/api/s/${tokenOf(chosen.links[0]!.url)}`)).status).toBe(404)
  })

  it('goes by the largest headcount since the wave opened: a group lowered below k while it is open may still be shown', async () => {
    // Klein's team managers were 8 when the wave opened and are lowered to 3 while it is open: the
    // group still takes 8 answer sets (worker/db/headcount-sql.ts), so it is not 'never shown'.
    const { id: programmeId } = await postJson(
      '/api/programmes',
      { name: `Verlaagd ${crypto.randomUUID().slice(0, 8)}` },
      admin,
    )
    const { id } = await postJson(
      `/api/programmes/${programmeId}/partners`,
      { name: 'Klein', headcount: 40, headcounts: { teammanager: 8, tactisch: 3 } },
      admin,
    )
    const waveId = await addWave(admin, programmeId)
    const lowered = await call(`/api/programmes/${programmeId}/partners/${id}`, {
      method: 'PATCH',
      json: { headcounts: { teammanager: 3 } },
      cookie: admin,
    })
    expect(lowered.status).toBe(200)
    const html = await (await call(`/app/programmes/${programmeId}/setup?lang=nl`, { cookie: admin })).text()
    const summary = html.slice(html.indexOf('id="below-k"'), html.indexOf('id="status-links"'))
    // Only the tactical managers, 3 from the start; the team managers' 3 counts from the next wave.
    expect(summary).toContain('<strong>1 groep heeft minder dan 5 mensen.</strong>')
    expect(summary).toContain('Klein, tactisch management: 3')
    expect(summary).not.toContain('Klein, teammanager')
    const set = (await (
      await call(`/api/waves/${waveId}/link-set`, { method: 'POST', json: {}, cookie: admin })
    ).json()) as { links: { role: string }[]; skipped: { role: string; code: string }[] }
    expect(set.links.map((l) => l.role).sort()).toEqual(['medewerker', 'teammanager'])
    expect(set.skipped.map((x) => [x.role, x.code])).toEqual([['tactisch', 'group-below-k']])
  })
})

describe('partners: removal', () => {
  it('removes a partner without answers, with its headcounts and its links of a planned wave, and records it', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const { id } = await postJson<{ id: string }>(
      `/api/programmes/${ctx.programmeId}/partners`,
      { name: 'Te veel', headcount: 5, headcounts: { teammanager: 2, tactisch: 1 } },
      admin,
    )
    const planned = await addWave(admin, ctx.programmeId, { opensInDays: 60, closesInDays: 70, label: 'later' })
    await postJson(`/api/waves/${planned}/links`, { partnerId: id, role: 'medewerker' }, admin)
    const res = await call(`/api/programmes/${ctx.programmeId}/partners/${id}`, { method: 'DELETE', cookie: admin })
    expect(res.status).toBe(204)
    expect(await count('SELECT count(*) AS n FROM partners WHERE id = ?1', id)).toBe(0)
    expect(await count('SELECT count(*) AS n FROM links WHERE partner_id = ?1', id)).toBe(0)
    expect(
      await count(
        "SELECT count(*) AS n FROM audit WHERE programme_id = ?1 AND action = 'partner.removed' AND target = 'Te veel'",
        ctx.programmeId,
      ),
    ).toBe(1)
    expect(
      (await call(`/api/programmes/${ctx.programmeId}/partners/${id}`, { method: 'DELETE', cookie: admin })).status,
    ).toBe(404)
  })

  it('keeps a partner with working links in the open wave, with answers, or with viewers limited to it, saying why', async () => {
    const ctx = await setupProgramme(admin, ['UWV', 'SVB'])
    const [uwv, svb] = [ctx.partners[0]!, ctx.partners[1]!]
    const del = (pid: string) =>
      call(`/api/programmes/${ctx.programmeId}/partners/${pid}`, { method: 'DELETE', cookie: admin })
    const links = await del(uwv.id)
    expect(links.status).toBe(409)
    expect(((await links.json()) as { detail: string }).detail).toMatch(
      /working links in the open wave.*Withdraw its links first/,
    )

    // Withdrawn links no longer hold it, but one answer does, for good.
    const list = (
      (await (await call(`/api/waves/${ctx.waveId}/links`, { cookie: admin })).json()) as {
        links: { id: string; partnerId: string }[]
      }
    ).links
    const answers = simulateAnswers(findInstrument('coachende-manager')!, 'medewerker', rng(3), () => 3)
    expect(
      (
        await call(`/api/s/${ctx.links[uwv.id]!.medewerker}/responses`, {
          method: 'POST',
          json: { id: crypto.randomUUID(), answers },
        })
      ).status,
    ).toBe(201)
    for (const l of list.filter((l) => l.partnerId === uwv.id))
      await call(`/api/waves/${ctx.waveId}/links/${l.id}`, { method: 'DELETE', cookie: admin })
    const answered = await del(uwv.id)
    expect(answered.status).toBe(409)
    expect(((await answered.json()) as { detail: string }).detail).toMatch(/has answers in a wave/)

    for (const l of list.filter((l) => l.partnerId === svb.id))
      await call(`/api/waves/${ctx.waveId}/links/${l.id}`, { method: 'DELETE', cookie: admin })
    await postJson(
      `/api/programmes/${ctx.programmeId}/people`,
      { email: `beperkt.${crypto.randomUUID().slice(0, 6)}@keten.nl`, role: 'viewer', partnerId: svb.id },
      admin,
    )
    const people = await del(svb.id)
    expect(people.status).toBe(409)
    expect(((await people.json()) as { detail: string }).detail).toMatch(/Some people see only "SVB"/)
    expect(await count('SELECT count(*) AS n FROM partners WHERE programme_id = ?1', ctx.programmeId)).toBe(2)
  })
})

describe('cadence settings', () => {
  it('needs all three parts, refuses waves open longer than the cadence, and shows the coming waves', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const patch = (json: unknown) =>
      call(`/api/programmes/${ctx.programmeId}`, { method: 'PATCH', json, cookie: admin })
    expect((await patch({ cadenceMonths: 6 })).status).toBe(400)
    expect((await patch({ cadenceMonths: 1, cadenceOpenDays: 40, nextWaveAt: '2027-03-01T00:00:00Z' })).status).toBe(
      400,
    )
    // The start of 1 March in Amsterdam, as the setup page sends it: the coming waves open at the
    // start of the same Dutch day, in winter and in summer time alike.
    const start = (day: string) => momentOfDay(day, false)
    expect((await patch({ cadenceMonths: 6, cadenceOpenDays: 21, nextWaveAt: start('2027-03-01') })).status).toBe(200)
    const p = (await (await call(`/api/programmes/${ctx.programmeId}`, { cookie: admin })).json()) as {
      comingWaves: { opensAt: string; closesAt: string }[]
    }
    expect(p.comingWaves).toEqual([
      { opensAt: '2027-02-28T23:00:00.000Z', closesAt: '2027-03-21T23:00:00.000Z' },
      { opensAt: '2027-08-31T22:00:00.000Z', closesAt: '2027-09-21T22:00:00.000Z' },
      { opensAt: start('2028-03-01'), closesAt: start('2028-03-22') },
    ])
  })

  it('warns of a cadence shorter than the months the instrument asks about, and only then', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const patch = (json: unknown) =>
      call(`/api/programmes/${ctx.programmeId}`, { method: 'PATCH', json, cookie: admin })
    const setup = async (lang: 'nl' | 'en') =>
      (await call(`/app/programmes/${ctx.programmeId}/setup?lang=${lang}`, { cookie: admin })).text()
    // The instrument of the next wave asks about the past six months (its instruction, surveys/*.v3.json).
    expect(await setup('nl')).toContain('De vragenlijst vraagt naar de afgelopen 6 maanden')
    expect(await setup('nl')).not.toContain('id="cadence-overlap"')
    expect((await patch({ cadenceMonths: 3, cadenceOpenDays: 21, nextWaveAt: '2027-03-01T00:00:00Z' })).status).toBe(
      200,
    )
    expect(await setup('nl')).toMatch(
      /id="cadence-overlap"[^>]*>Een ronde elke 3 maanden, terwijl de vragenlijst naar de afgelopen 6 maanden vraagt/,
    )
    expect(await setup('en')).toMatch(
      /id="cadence-overlap"[^>]*>A wave every 3 months, while the questionnaire asks about the past 6 months/,
    )
    expect((await patch({ cadenceMonths: 6, cadenceOpenDays: 21, nextWaveAt: '2027-03-01T00:00:00Z' })).status).toBe(
      200,
    )
    expect(await setup('nl')).not.toContain('id="cadence-overlap"')
  })
})
