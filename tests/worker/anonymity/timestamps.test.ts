/**
 * No answer of the API carries a moment finer than it needs (README, "Anonymity"): answer sets
 * carry no time at all, and what the API says of staff actions (a wave made, a partner added) it
 * says to the minute, as the audit trail keeps its times (worker/db/audit.ts). A wave's opening and
 * closing are said to the minute too (schema/format.ts `waveToMinute`): a day's start, or the moment
 * a lead opened or closed it "now", a staff action's moment like the others. Every JSON answer a
 * lead and a respondent read, and the refusal a respondent reads once the wave is closed, is walked
 * for a string with seconds in it.
 */
import { describe, expect, it } from 'vitest'
import { call, closeWave, setupProgramme, signInAdmin } from '../helpers.ts'
import { answersFor, submit } from './adversary.ts'

/** Every path in `value` to a string holding a time with seconds (`…T12:34:56`). */
function precise(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value) ? [`${path} = ${value}`] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => precise(v, `${path}[${i}]`))
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => precise(v, `${path}.${k}`))
  return []
}

describe('moments in the API', { timeout: 60_000 }, () => {
  it('says when a wave was made and a partner added to the minute, and nothing finer anywhere a lead or respondent reads', async () => {
    const lead = await signInAdmin()
    const { programmeId, partners, waveId, links } = await setupProgramme(lead)
    const token = links[partners[0]!.id]!.medewerker!
    const read = async (path: string, init: Parameters<typeof call>[1] = {}) => {
      const res = await call(path, { cookie: lead, ...init })
      expect(res.status, path).toBeLessThan(300)
      return { path, body: (await res.json()) as unknown }
    }
    const answers = [
      await read(`/api/s/${token}`, { cookie: undefined }),
      await read(`/api/s/${token}/responses`, {
        cookie: undefined,
        method: 'POST',
        json: { id: crypto.randomUUID(), answers: answersFor('medewerker', {}) },
      }),
      await read(`/api/programmes/${programmeId}`),
      await read(`/api/programmes/${programmeId}/dashboard?wave=${waveId}`),
      await read(`/api/waves/${waveId}`, { method: 'PATCH', json: { label: '2026-1b' } }),
      await read(`/api/programmes/${programmeId}/partners/${partners[0]!.id}`, {
        method: 'PATCH',
        json: { headcount: 41 },
      }),
      await read(`/api/waves/${waveId}/links`),
      await read(`/api/programmes/${programmeId}/audit`),
    ]
    for (const _ of [1, 2, 3, 4]) expect((await submit(token, answersFor('medewerker', {}))).status).toBe(201)
    await closeWave(lead, waveId)
    answers.push(
      await read(`/api/programmes/${programmeId}/dashboard?wave=${waveId}`),
      await read(`/api/programmes/${programmeId}/trend?partner=${partners[0]!.id}`),
      await read(`/api/programmes/${programmeId}/actions`),
      await read(`/api/programmes/${programmeId}`),
    )
    // The respondent's refusal names when the wave closed: closed "now", by a lead, to the minute.
    const gone = await call(`/api/s/${token}`)
    expect(gone.status).toBe(410)
    answers.push({ path: 'gone', body: (await gone.json()) as unknown })
    expect(answers.flatMap((a) => precise(a.body, a.path))).toEqual([])
    // The moments themselves are there, to the minute.
    const view = answers[2]!.body as { waves: { createdAt: string }[]; partners: { addedAt: string }[] }
    expect(view.waves[0]!.createdAt).toMatch(/T\d\d:\d\dZ$/)
    expect(view.partners[0]!.addedAt).toMatch(/T\d\d:\d\dZ$/)
    expect((answers[3]!.body as { wave: { createdAt: string } }).wave.createdAt).toMatch(/T\d\d:\d\dZ$/)
    // The wave closed "now", to the minute wherever it is said.
    const closed = answers.at(-2)!.body as { waves: { closesAt: string }[] }
    expect(closed.waves[0]!.closesAt).toMatch(/T\d\d:\d\dZ$/)
    expect((answers.at(-1)!.body as { closesAt: string }).closesAt).toMatch(/T\d\d:\d\dZ$/)
  })
})
