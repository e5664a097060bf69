import { beforeAll, describe, expect, it } from 'vitest'
import { findInstrument } from '../../../worker/instruments.ts'
import { rng, simulateAnswers } from '../../../worker/dev/simulate.ts'
import { call, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['UWV', 'SVB', 'Gemeente Utrecht'])
  const ins = findInstrument('coachende-manager')!
  const answer = async (partner: number, count: number) => {
    for (let i = 0; i < count; i++) {
      await postJson(`/api/s/${ctx.links[ctx.partners[partner]!.id]!.medewerker}/responses`, { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(partner * 100 + i), () => 3.5) }, '')
    }
  }
  await answer(0, 7)
  await answer(1, 8)
  await answer(2, 2)
})

describe('GET /app pages', () => {
  it('sends anyone not signed in to the sign-in page, and back afterwards', async () => {
    const res = await call(`/app/programmes/${ctx.programmeId}?role=teammanager`, { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/app/login?next=${encodeURIComponent(`/app/programmes/${ctx.programmeId}?role=teammanager`)}`)
    expect((await call('/', { redirect: 'manual' })).headers.get('location')).toBe('/app')
  })

  it('has a sign-in page with labelled fields and no inline script', async () => {
    const res = await call('/app/login')
    const html = await res.text()
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<label for="email">E-mailadres</label>')
    expect(html).toContain('<label for="password">Wachtwoord</label>')
    expect(html).not.toMatch(/<script>(?!\s*<\/script>)/)
    expect(html).not.toMatch(/\son[a-z]+="/)
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('lists the programmes of the signed-in user', async () => {
    const html = await (await call('/app/programmes', { cookie })).text()
    expect(html).toContain(`/app/programmes/${ctx.programmeId}`)
  })

  it('renders the dashboard with the API\'s numbers and the suppression text, in Dutch and English', async () => {
    const api = (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).json()) as { partners: { name: string; n: number | null; scores: Record<string, { mean: number }> | null }[] }
    const html = await (await call(`/app/programmes/${ctx.programmeId}`, { cookie })).text()
    // Gemeente Utrecht (2) is hidden, and UWV (7) with it so Utrecht cannot be worked out; SVB (8) is shown.
    expect(api.partners.map((p) => p.n)).toEqual([null, 8, null])
    const svb = api.partners.find((p) => p.name === 'SVB')!
    const mean = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(svb.scores!.coaching!.mean)
    expect(html).toContain(`<span class="mean">${mean}</span>`)
    expect(html).toContain('minder dan 5 antwoorden')
    expect(html).toContain('id="radar"')
    expect(html).toContain('role="img"')
    const en = await (await call(`/app/programmes/${ctx.programmeId}?lang=en`, { cookie })).text()
    expect(en).toContain('fewer than 5 responses')
    expect(en).toContain('<html lang="en">')
  })

  it('answers 404 for a programme that does not exist', async () => {
    const res = await call('/app/programmes/nope', { cookie })
    expect(res.status).toBe(404)
  })
})
