import { expect, it } from 'vitest'
import { answersFor, submit } from '../anonymity/adversary.ts'
import { addWave, call, postJson, signInAdmin } from '../helpers.ts'

/**
 * A headcount changed while its wave is open: the wave takes answer sets up to the largest
 * headcount since it opened (worker/domain/wave-lifecycle.ts `groupBound`), and the pages say what
 * they say of the group by that number. A hostile review found the setup page tagging a group
 * lowered from 20 to 3 "minder dan 5" though it may still take 20 and be shown, its rate "200% van
 * 3", and a group emptied of its headcount listed below k as "{n}" with a button that could only be
 * refused.
 */

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
const staffCell = (page: string, partner: string) =>
  text(
    page.match(
      new RegExp(`<tr data-partner="${partner}">.*?<td class="count" data-role="medewerker"[^>]*>(.*?)</td>`, 's'),
    )?.[1] ?? '',
  )

it('words a group lowered while its wave is open by the most it may still take', async () => {
  const lead = await signInAdmin()
  const { id: pid } = await postJson('/api/programmes', { name: `Grens ${crypto.randomUUID().slice(0, 8)}` }, lead)
  const { id } = await postJson(
    `/api/programmes/${pid}/partners`,
    { name: 'Groot', headcount: 20, headcounts: { teammanager: 20, tactisch: 20 } },
    lead,
  )
  const wid = await addWave(lead, pid)
  const { token } = await postJson<{ token: string }>(
    `/api/waves/${wid}/links`,
    { partnerId: id, role: 'medewerker' },
    lead,
  )
  for (let i = 0; i < 6; i++) expect((await submit(token, answersFor('medewerker', {}, 3))).status).toBe(201)
  const pasted = await call(`/api/programmes/${pid}/partners/import`, {
    method: 'POST',
    json: { text: 'Groot\t3', headcounts: 'update' },
    cookie: lead,
  })
  expect(pasted.status).toBe(200)
  for (const [lang, bound, rate] of [
    ['nl', '(tot 20 in deze ronde)', '6 antwoorden (30% van 20)'],
    ['en', '(up to 20 in this wave)', '6 answers (30% of 20)'],
  ] as const) {
    const page = await (await call(`/app/programmes/${pid}/setup?lang=${lang}`, { cookie: lead })).text()
    const cell = staffCell(page, 'Groot')
    expect(cell).toContain(`3 ${bound}`)
    expect(cell).not.toMatch(/minder dan|fewer than/)
    expect(page).not.toContain('below-k-list')
    const participation = text(page.match(/id="setup-participation-heading".*?<\/table>/s)?.[0] ?? '')
    expect(participation).toContain(rate)
    const results = await (await call(`/app/programmes/${pid}?wave=${wid}&lang=${lang}`, { cookie: lead })).text()
    expect(text(results)).toContain(rate)
  }
  const dashboard = (await (await call(`/api/programmes/${pid}/dashboard?wave=${wid}`, { cookie: lead })).json()) as {
    participation: { roles: { medewerker: { rate: number } } }[]
  }
  expect(dashboard.participation[0]!.roles.medewerker.rate).toBeCloseTo(0.3, 10)
})

it('lists a group below k emptied of its headcount by the number it is judged on, with no link offered', async () => {
  const lead = await signInAdmin()
  const { id: pid } = await postJson('/api/programmes', { name: `Leeg ${crypto.randomUUID().slice(0, 8)}` }, lead)
  const { id } = await postJson(
    `/api/programmes/${pid}/partners`,
    { name: 'Klein', headcount: 3, headcounts: { teammanager: 20, tactisch: 20 } },
    lead,
  )
  const wid = await addWave(lead, pid)
  const emptied = await call(`/api/programmes/${pid}/partners/${id}`, {
    method: 'PATCH',
    json: { headcount: null },
    cookie: lead,
  })
  expect(emptied.status).toBe(200)
  const page = await (await call(`/app/programmes/${pid}/setup?lang=nl`, { cookie: lead })).text()
  const list = page.match(/<ul class="below-k-list">(.*?)<\/ul>/s)?.[1] ?? ''
  expect(text(list)).toContain('Klein, medewerker: 3 (Aantal nodig)')
  expect(list).not.toContain('{n}')
  expect(list).not.toContain('Toch een link maken')
  expect(staffCell(page, 'Klein')).toContain('niet ingevuld (tot 3 in deze ronde) (minder dan 5)')
  // The link for it alone is refused for the reason the list gives.
  const one = await call(`/api/waves/${wid}/links`, {
    method: 'POST',
    json: { partnerId: id, role: 'medewerker' },
    cookie: lead,
  })
  expect(((await one.json()) as { code: string }).code).toBe('headcount-needed')
})
