import { env } from 'cloudflare:workers'
import { beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { call, inOneWindow, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

/**
 * Three takeovers of another's account, step by step, each now refused (README, "Accounts nobody
 * else can take over", says by what); and the pending access that refuses the second, from both sides: the lead who grants it and the account
 * that accepts it.
 */

const tokenOf = (url: string) => new URL(url).pathname.split('/').pop()!
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0]!
const unique = (what: string) => `${what}.${crypto.randomUUID().slice(0, 8)}@takeover.test`
const detailOf = async (res: Response) => ((await res.json()) as { detail: string }).detail

function signIn(email: string, password: string, client?: string): Promise<Response> {
  return call('/api/session', {
    method: 'POST',
    json: { email, password },
    headers: client ? { 'cf-connecting-ip': client } : {},
  })
}

type Added = { id: string; pending: boolean; invitation: { url: string } | null; acceptance: { url: string } | null }

/** `email` given access to a programme as `role` by whoever holds `by`: an invitation, or access pending for an account that exists. */
const addPerson = (by: string, programmeId: string, email: string, role: 'lead' | 'viewer') =>
  postJson<Added>(`/api/programmes/${programmeId}/people`, { email, role }, by)
/** A password set through the link at `url` (an invitation, reset or acceptance), by whoever holds it. */
const setPassword = (url: string, password: string) =>
  call(`/api/password-links/${tokenOf(url)}`, { method: 'POST', json: { password } })
/** The acceptance link's `token` used by the account signed in as `cookie`. */
const accept = (token: string, cookie: string) =>
  call(`/api/password-links/${token}/accept`, { method: 'POST', json: {}, cookie })
/** A reset link for person `id` of the programme, asked by whoever holds `by`. */
const resetLink = (by: string, programmeId: string, id: string) =>
  postJson<{ url: string; purpose: string }>(`/api/programmes/${programmeId}/people/${id}/password-link`, {}, by)
const emailOf = async (userId: string) =>
  (await env.DB.prepare('SELECT email FROM users WHERE id = ?1').bind(userId).first<{ email: string }>())!.email

/** Someone invited to a programme by its lead (or an administrator), who sets a password and signs in. */
async function invited(
  by: string,
  programmeId: string,
  email: string,
  role: 'lead' | 'viewer',
  password = 'een lang wachtwoord',
): Promise<{ id: string; cookie: string }> {
  const added = await addPerson(by, programmeId, email, role)
  expect((await setPassword(added.invitation!.url, password)).status).toBe(204)
  const res = await signIn(email, password)
  expect(res.status).toBe(204)
  return { id: added.id, cookie: cookieOf(res) }
}

/** Access given to an existing account waits for it: the account, signed in, accepts through the link the granter passed on. */
async function accepted(added: Added, cookie: string) {
  expect(added.pending).toBe(true)
  expect((await accept(tokenOf(added.acceptance!.url), cookie)).status).toBe(200)
}

const programmesOf = async (cookie: string) =>
  ((await (await call('/api/programmes', { cookie })).json()) as { programmes: { id: string }[] }).programmes.map(
    (p) => p.id,
  )
const trail = async (programmeId: string) =>
  (
    await env.DB.prepare('SELECT actor, action, target, detail FROM audit WHERE programme_id = ?1 ORDER BY seq')
      .bind(programmeId)
      .all<{ actor: string; action: string; target: string; detail: string | null }>()
  ).results

let admin: string

beforeAll(async () => {
  admin = await signInAdmin()
})

describe('attack 1: a lead takes over the administrator', () => {
  it("gives the lead no link that sets the administrator's password, so the administrator keeps the account", async () => {
    const home = await setupProgramme(admin, ['UWV'])
    const lead = await invited(admin, home.programmeId, unique('lead1'), 'lead')
    // 1. A programme of their own.
    const { id: own } = await postJson(`/api/programmes`, { name: 'Eigen keten' }, lead.cookie)
    // 2. The administrator's e-mail as viewer: refused, only an administrator may give that address access.
    const res = await call(`/api/programmes/${own}/people`, {
      method: 'POST',
      json: { email: env.ADMIN_EMAIL!.toUpperCase(), role: 'viewer' },
      cookie: lead.cookie,
    })
    expect(res.status).toBe(403)
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/)
    expect(await detailOf(res)).toMatch(/administrator's address; only an administrator may give it access/)
    // 3. So there is no person to issue a password link for, and the real administrator still signs in.
    expect((await signIn(env.ADMIN_EMAIL!, env.ADMIN_PASSWORD!)).status).toBe(204)
    // Nothing was added; the trail has only the programme.
    expect((await trail(own)).map((e) => e.action)).toEqual(['programme.created'])
    // Were the administrator in the programme anyway, the rule gives the lead no link that sets their password (tests/worker/domain/password-link-rule.test.ts).
  })

  it('refuses a reset of an accepted member who has access elsewhere, naming why (403)', async () => {
    const a = await setupProgramme(admin, ['UWV'])
    const b = await setupProgramme(admin, ['SVB'])
    const lead = await invited(admin, a.programmeId, unique('lead-a'), 'lead')
    const shared = unique('gedeeld')
    const { id, cookie } = await invited(admin, a.programmeId, shared, 'viewer')
    await accepted(await addPerson(admin, b.programmeId, shared, 'viewer'), cookie)
    const res = await call(`/api/programmes/${a.programmeId}/people/${id}/password-link`, {
      method: 'POST',
      json: {},
      cookie: lead.cookie,
      headers: { 'accept-language': 'nl' },
    })
    expect(res.status).toBe(403)
    expect(await res.json()).toMatchObject({
      title: 'Vraag een beheerder',
      reason: 'other-programme',
      detail: expect.stringMatching(/heeft ook toegang tot een programma dat u niet leidt/),
    })
    // An administrator may.
    expect(
      (
        await call(`/api/programmes/${a.programmeId}/people/${id}/password-link`, {
          method: 'POST',
          json: {},
          cookie: admin,
        })
      ).status,
    ).toBe(201)
  })

  it('checks a reset link again when it is used: access gained since makes it refuse', async () => {
    const a = await setupProgramme(admin, ['UWV'])
    const b = await setupProgramme(admin, ['SVB'])
    const lead = await invited(admin, a.programmeId, unique('lead-later'), 'lead')
    const email = unique('later')
    const { id, cookie } = await invited(admin, a.programmeId, email, 'viewer')
    const reset = await resetLink(lead.cookie, a.programmeId, id)
    await accepted(await addPerson(admin, b.programmeId, email, 'viewer'), cookie)
    const res = await setPassword(reset.url, 'overgenomen wachtwoord')
    expect(res.status).toBe(403)
    expect((await call(`/app/password/${tokenOf(reset.url)}`)).status).toBe(403)
  })
})

describe('attack 2: claiming an address before it is invited', () => {
  /** Lead 2 invites the address as viewer in their own programme and uses the invitation themself. */
  const claim = async (lead2: string, programmeId: string, victim: string) => {
    const claimed = await addPerson(lead2, programmeId, victim, 'viewer')
    expect((await setPassword(claimed.invitation!.url, 'wachtwoord van lead 2')).status).toBe(204)
    return { claimed, held: cookieOf(await signIn(victim, 'wachtwoord van lead 2')) }
  }
  /** Access added for the existing account `id`: pending, no invitation, a link to pass on. */
  const pendingFor = (id: string) => ({
    id,
    pending: true,
    invitation: null,
    acceptance: { url: expect.stringMatching(/\/app\/password\//) },
  })

  it('keeps it pending when the administrator is the one who grants it, too', async () => {
    const p1 = await setupProgramme(admin, ['UWV'])
    const p2 = await setupProgramme(admin, ['SVB'])
    const lead2 = await invited(admin, p2.programmeId, unique('lead-q2'), 'lead')
    const victim = unique('J.DeVries')
    const { claimed, held } = await claim(lead2.cookie, p2.programmeId, victim)
    // The administrator adds the same address (other case) as lead of another programme: pending, with a link to pass on.
    const added = await addPerson(admin, p1.programmeId, victim.toLowerCase(), 'lead')
    expect(added).toMatchObject(pendingFor(claimed.id))
    expect(await programmesOf(held)).toEqual([p2.programmeId])
    expect((await call(`/api/programmes/${p1.programmeId}/export.csv`, { cookie: held })).status).toBe(404)
  })

  it('keeps the other programme from whoever holds the account, until the address itself accepts', async () => {
    const p1 = await setupProgramme(admin, ['UWV'])
    const p2 = await setupProgramme(admin, ['SVB'])
    const lead1 = await invited(admin, p1.programmeId, unique('lead-p1'), 'lead')
    const lead2 = await invited(admin, p2.programmeId, unique('lead-p2'), 'lead')
    const victim = unique('j.devries')
    // 1. Lead 2 claims the address (claim).
    const { claimed, held } = await claim(lead2.cookie, p2.programmeId, victim)
    // 2. Later lead 1 adds the address as lead: the account exists, so the access is pending, and the link goes to lead 1.
    const added = await addPerson(lead1.cookie, p1.programmeId, victim, 'lead')
    expect(added).toMatchObject(pendingFor(claimed.id))
    // 3. Lead 2, signed in as the address, does not lead programme 1, nor read it, nor download its CSV.
    expect(await programmesOf(held)).toEqual([p2.programmeId])
    for (const path of [
      `/api/programmes/${p1.programmeId}`,
      `/api/programmes/${p1.programmeId}/export.csv`,
      `/api/programmes/${p1.programmeId}/dashboard`,
      `/api/programmes/${p1.programmeId}/people`,
    ]) {
      const res = await call(path, { cookie: held })
      expect(res.status, path).toBe(404)
      expect(await detailOf(res)).toMatch(/There is no programme ".*" that you have access to/)
    }
    expect((await call(`/app/programmes/${p1.programmeId}`, { cookie: held })).status).toBe(404)
    expect((await call(`/app/programmes/${p1.programmeId}/setup`, { cookie: held })).status).toBe(404)
    // The acceptance link cannot set a password either: the account has access lead 1 does not lead.
    const token = tokenOf(added.acceptance!.url)
    const set = await setPassword(added.acceptance!.url, 'een ander wachtwoord')
    expect(set.status).toBe(403)
    expect(await detailOf(set)).toMatch(
      /has access that lead-p1\..* does not lead\. Sign in as j\.devries\..* and accept/,
    )
    // The real person gets a reset from an administrator, which signs lead 2 out, and accepts.
    const reset = await resetLink(admin, p2.programmeId, claimed.id)
    expect((await setPassword(reset.url, 'van de echte j.devries')).status).toBe(204)
    expect((await call('/api/programmes', { cookie: held })).status).toBe(401)
    const real = cookieOf(await signIn(victim, 'van de echte j.devries'))
    const accepted = await accept(token, real)
    expect(accepted.status).toBe(200)
    expect(await accepted.json()).toEqual({ programmeId: p1.programmeId })
    expect((await programmesOf(real)).sort()).toEqual([p1.programmeId, p2.programmeId].sort())
    expect((await call(`/api/programmes/${p1.programmeId}/people`, { cookie: real })).status).toBe(200)
    // Once.
    expect((await accept(token, real)).status).toBe(404)
    expect((await trail(p1.programmeId)).slice(-3).map((e) => e.action)).toEqual([
      'person.added',
      'password-link.issued',
      'person.accepted',
    ])
  })
})

describe('pending access', () => {
  it('is shown to the lead as pending, can be given a new link (the old one stops), and is accepted by setting a password where the rule allows', async () => {
    const a = await setupProgramme(admin, ['UWV'])
    const b = await setupProgramme(admin, ['SVB'])
    const lead = await invited(admin, a.programmeId, unique('lead-ab'), 'lead')
    await accepted(await addPerson(admin, b.programmeId, await emailOf(lead.id), 'lead'), lead.cookie)
    // Someone only in A: when lead of A and B adds them to B, the acceptance link may set a password.
    const email = unique('alleen-a')
    const person = await invited(lead.cookie, a.programmeId, email, 'viewer', 'oud wachtwoord 1')
    const added = await addPerson(lead.cookie, b.programmeId, email, 'viewer')
    expect(added.pending).toBe(true)
    const people = (await (await call(`/api/programmes/${b.programmeId}/people`, { cookie: lead.cookie })).json()) as {
      people: { id: string; pending: boolean }[]
    }
    expect(people.people.find((p) => p.id === person.id)).toMatchObject({ pending: true })
    expect(
      await (await call(`/app/programmes/${b.programmeId}/setup?lang=nl`, { cookie: lead.cookie })).text(),
    ).toContain('wacht tot die de toegang aanvaardt')
    expect(await programmesOf(person.cookie)).toEqual([a.programmeId])
    // A new acceptance link replaces the first.
    const again = await resetLink(lead.cookie, b.programmeId, person.id)
    expect(again.purpose).toBe('accept')
    expect((await call(`/api/password-links/${tokenOf(added.acceptance!.url)}`)).status).toBe(404)
    const page = await (await call(`/app/password/${tokenOf(again.url)}?lang=en`)).text()
    expect(page).toContain('Accept access to')
    expect(page).toContain('Or choose a new password for')
    // Setting a password through it accepts, and ends every other session of the account.
    expect((await setPassword(again.url, 'nieuw wachtwoord 2')).status).toBe(204)
    expect((await call('/api/programmes', { cookie: person.cookie })).status).toBe(401)
    const fresh = cookieOf(await signIn(email, 'nieuw wachtwoord 2'))
    expect((await programmesOf(fresh)).sort()).toEqual([a.programmeId, b.programmeId].sort())
    expect((await trail(b.programmeId)).slice(-2)).toEqual([
      { actor: email, action: 'password.set', target: email, detail: JSON.stringify([{ word: 'accept' }]) },
      { actor: email, action: 'person.accepted', target: email, detail: JSON.stringify([{ word: 'viewer' }]) },
    ])
  })

  it("is accepted on the link's page by the account signed in, and refused to another account", async () => {
    const a = await setupProgramme(admin, ['UWV'])
    const b = await setupProgramme(admin, ['SVB'])
    const leadB = await invited(admin, b.programmeId, unique('lead-b'), 'lead')
    const email = unique('bestaand')
    const person = await invited(admin, a.programmeId, email, 'viewer')
    const added = await addPerson(leadB.cookie, b.programmeId, email, 'viewer')
    const token = tokenOf(added.acceptance!.url)
    const asOther = await (await call(`/app/password/${token}?lang=en`, { cookie: leadB.cookie })).text()
    expect(asOther).toContain('but this link is for')
    const mine = await (await call(`/app/password/${token}?lang=en`, { cookie: person.cookie })).text()
    expect(mine).toContain('data-accept=')
    // No password form: the account has access lead B does not lead.
    expect(mine).not.toContain('type="password"')
    expect((await accept(token, person.cookie)).status).toBe(200)
    expect((await programmesOf(person.cookie)).sort()).toEqual([a.programmeId, b.programmeId].sort())
  })

  it('goes with the person when the lead takes it away, acceptance link included', async () => {
    const a = await setupProgramme(admin, ['UWV'])
    const b = await setupProgramme(admin, ['SVB'])
    const leadB = await invited(admin, b.programmeId, unique('lead-weg'), 'lead')
    const person = await invited(admin, a.programmeId, unique('weg'), 'viewer')
    const added = await addPerson(leadB.cookie, b.programmeId, await emailOf(person.id), 'viewer')
    expect(
      (await call(`/api/programmes/${b.programmeId}/people/${person.id}`, { method: 'DELETE', cookie: leadB.cookie }))
        .status,
    ).toBe(204)
    expect((await accept(tokenOf(added.acceptance!.url), person.cookie)).status).toBe(404)
    expect(await programmesOf(person.cookie)).toEqual([a.programmeId])
  })
})

describe('attack 3: locking the rightful user out by guessing wrong', () => {
  const SIGNIN_LIMIT = 20 // wrangler.toml, SIGNIN_LIMITER: 20 per 60 s per account and client network
  const byte = () => Math.floor(Math.random() * 256)
  const ipv4 = () => `10.${byte()}.${byte()}.${byte()}`

  beforeEach(() => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
  })

  it(`lets the right password in from another network after ${SIGNIN_LIMIT} wrong ones, and refuses only the guessing network (429)`, async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const email = unique('doelwit')
    await invited(admin, ctx.programmeId, email, 'viewer', 'het echte wachtwoord')
    const { blocked, rightful } = await inOneWindow(async () => {
      const guesser = ipv4()
      const statuses: number[] = []
      // 1. Twenty wrong passwords for the account.
      for (let i = 0; i < SIGNIN_LIMIT; i++) statuses.push((await signIn(email, `fout ${i}`, guesser)).status)
      expect(statuses).toEqual(Array(SIGNIN_LIMIT).fill(401))
      // 2. The guessing network is refused from now on, even with the right password…
      const blocked = await signIn(email, 'het echte wachtwoord', guesser)
      // 3. …but the rightful user, from their own network, signs in.
      const rightful = await signIn(email, 'het echte wachtwoord', ipv4())
      return { blocked, rightful }
    })
    expect(blocked.status).toBe(429)
    expect(await detailOf(blocked)).toMatch(
      /sign-in attempts for this account from your network in a short time\. Wait a minute/,
    )
    expect(rightful.status).toBe(204)
  })

  it('has no limit per account alone: wrong guesses spread over many networks do not lock the account', async () => {
    const ctx = await setupProgramme(admin, ['UWV'])
    const email = unique('verspreid')
    await invited(admin, ctx.programmeId, email, 'viewer', 'het echte wachtwoord')
    const rightful = await inOneWindow(async () => {
      for (let i = 0; i < 3 * SIGNIN_LIMIT; i++) expect((await signIn(email, `fout ${i}`, ipv4())).status).toBe(401)
      return signIn(email, 'het echte wachtwoord', ipv4())
    })
    expect(rightful.status).toBe(204)
  }, 60_000)
})
