/**
 * Forms a page's script sends to the JSON API, as a browser without that script sends them: a
 * form without a method went as a GET to the page itself, with its fields (a new password, an
 * action's words) in the address and the history, and saved nothing without a word (a lead's
 * review). Each now posts to /app/needs-script, which says so (worker/pages/layout.tsx SCRIPT_FORM).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

let cookie: string
let pages: Record<string, string>

beforeAll(async () => {
  cookie = await signInAdmin()
  const ctx = await setupProgramme(cookie, ['UWV', 'SVB'])
  const ins = findInstrument('coachende-manager')!
  const partner = ctx.partners[0]!.id
  for (let i = 0; i < 5; i++)
    await postJson(
      `/api/s/${ctx.links[partner]!.medewerker}/responses`,
      { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', rng(i), () => 3) },
      '',
    )
  await closeWave(cookie, ctx.waveId)
  const base = `/app/programmes/${ctx.programmeId}`
  const dimension = ins.dimensions[0]!.key
  await postJson(
    `/api/programmes/${ctx.programmeId}/actions`,
    { waveId: ctx.waveId, partnerId: partner, dimension, what: 'Maandelijks ketenoverleg', status: 'planned' },
    cookie,
  )
  const { invitation } = await postJson<{ invitation: { url: string } }>(
    `/api/programmes/${ctx.programmeId}/people`,
    { email: `formulier.${crypto.randomUUID().slice(0, 6)}@keten.nl`, role: 'viewer' },
    cookie,
  )
  const read = async (path: string, who = cookie) => {
    const res = await call(path, { cookie: who })
    expect(res.status, path).toBe(200)
    return res.text()
  }
  pages = {
    programmes: await read('/app/programmes'),
    setup: await read(`${base}/setup?wave=${ctx.waveId}`),
    results: await read(`${base}?wave=${ctx.waveId}`),
    report: await read(`${base}/partners/${partner}/report?wave=${ctx.waveId}`),
    password: await read(new URL(invitation.url).pathname, ''),
  }
})

describe('forms sent by a script', () => {
  it('post to the page that says a script is needed, on every page that has them; every other form is a GET of the page', () => {
    const counted: Record<string, number> = {}
    for (const [name, html] of Object.entries(pages)) {
      for (const [form] of html.matchAll(/<form\b[^>]*>/g)) {
        if (/data-(api|password)=/.test(form)) {
          expect(form, name).toContain('method="post"')
          expect(form, name).toContain('action="/app/needs-script"')
          counted[name] = (counted[name] ?? 0) + 1
        } else if (!form.includes('data-login')) {
          // The pickers: a choice of wave, role or order, which belongs in the address.
          expect(form, name).toContain('method="get"')
        }
      }
    }
    // The invitation, the new programme, the setup page's forms, and the actions' add and edit forms.
    expect(Object.keys(counted).sort()).toEqual(['password', 'programmes', 'report', 'results', 'setup'])
    expect(counted.results, 'add and edit an action').toBeGreaterThanOrEqual(2)
    expect(counted.setup).toBeGreaterThan(3)
  })

  it('are answered, without a script, with a page that says nothing was saved, in Dutch and English', async () => {
    for (const [lang, words] of [
      ['nl', 'Dit formulier werkt alleen met JavaScript'],
      ['en', 'This form works only with JavaScript'],
    ] as const) {
      const res = await call(`/app/needs-script?lang=${lang}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'password=een+lang+wachtwoord',
      })
      expect(res.status).toBe(400)
      expect(res.headers.get('content-type')).toContain('text/html')
      const html = await res.text()
      expect(html).toContain(words)
      expect(html).toContain(lang === 'nl' ? 'JavaScript nodig' : 'JavaScript required')
      expect(html).not.toContain('wachtwoord')
    }
  })
})
