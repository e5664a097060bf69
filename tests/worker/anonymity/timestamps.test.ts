/**
 * No answer of the API carries a moment finer than it needs (README, "Anonymity"): answer sets
 * carry no time at all, and what the API says of staff actions (a wave made, a partner added) it
 * says to the minute, as the audit trail keeps its times (worker/db/audit.ts). The exceptions are
 * a wave's opening and closing moments, the dates the lead set, echoed as given. Every JSON answer
 * a lead and a respondent read is walked for a string with seconds in it.
 */
import { describe, expect, it } from 'vitest'
import { call, closeWave, setupProgramme, signInAdmin } from '../helpers.ts'
import { answersFor, submit } from './adversary.ts'

/** The dates the lead set, given back as they were set (worker/domain/wave-lifecycle.ts). */
const LEAD_DATES = new Set(['opensAt', 'closesAt'])

/** Every path in `value` to a string holding a time with seconds (`…T12:34:56`), but the lead's dates. */
function precise(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/.test(value) ? [`${path} = ${value}`] : []
  if (Array.isArray(value)) return value.flatMap((v, i) => precise(v, `${path}[${i}]`))
  if (value && typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => (LEAD_DATES.has(k) ? [] : precise(v, `${path}.${k}`)))
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
    )
    expect(answers.flatMap((a) => precise(a.body, a.path))).toEqual([])
    // The moments themselves are there, to the minute.
    const view = answers[2]!.body as { waves: { createdAt: string }[]; partners: { addedAt: string }[] }
    expect(view.waves[0]!.createdAt).toMatch(/T\d\d:\d\dZ$/)
    expect(view.partners[0]!.addedAt).toMatch(/T\d\d:\d\dZ$/)
    expect((answers[3]!.body as { wave: { createdAt: string } }).wave.createdAt).toMatch(/T\d\d:\d\dZ$/)
  })
})
