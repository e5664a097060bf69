/**
 * The same pool cut twice: a wave's results are published once, when it closes, and every later
 * read is that publication (worker/db/publications.ts keeps it with its k). Were a wave published
 * again under another threshold, or after its answer sets were deleted, or reopened to take more
 * answers, two cuts of the same answer sets would stand side by side and their difference would be
 * the groups one shows and the other hides. Here D's 4 staff and A's 2 team managers are hidden at
 * k = 5 and D's would be shown at k = 3: every read stays the first publication's bytes. Another
 * wave's pool holds none of these answer sets (an answer set is one wave's), and a role's figures
 * are over that role alone, which the twins (twins.test.ts) check across every role's views.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { addWave, closeWave, postJson, runCron, signInAdmin } from '../helpers.ts'
import { answersFor, DAY, req, ROLES, submit } from './adversary.ts'

let lead: string
beforeAll(async () => {
  lead = await signInAdmin()
})

describe('a published wave, read again', { timeout: 60_000 }, () => {
  it('is the same publication under another k, after a refused reopening and after its answer sets are deleted', async () => {
    const { id: pid } = await postJson('/api/programmes', { name: `Opnieuw ${crypto.randomUUID().slice(0, 8)}` }, lead)
    const groups: Record<string, Partial<Record<'medewerker' | 'teammanager', number>>> = {
      A: { medewerker: 6, teammanager: 2 },
      B: { medewerker: 6, teammanager: 5 },
      C: { medewerker: 6, teammanager: 5 },
      D: { medewerker: 4 },
    }
    const ids: Record<string, string> = {}
    for (const name of Object.keys(groups))
      ids[name] = (
        await postJson(
          `/api/programmes/${pid}/partners`,
          { name, headcount: 40, headcounts: { teammanager: 40, tactisch: 40 } },
          lead,
        )
      ).id
    const now = Date.now()
    const waveId = await addWave(lead, pid)
    let token = ''
    for (const [name, roles] of Object.entries(groups))
      for (const [role, n] of Object.entries(roles)) {
        token = (await postJson<{ token: string }>(`/api/waves/${waveId}/links`, { partnerId: ids[name], role }, lead))
          .token
        for (let i = 0; i < n; i++)
          expect((await submit(token, answersFor(role as 'medewerker', { coaching: (i % 5) + 1 }))).status).toBe(201)
      }
    await closeWave(lead, waveId)
    const paths = [
      ...ROLES.flatMap((role) => [
        `/api/programmes/${pid}/dashboard?wave=${waveId}&role=${role}&questions=all`,
        `/api/programmes/${pid}/trend?role=${role}&partner=${ids.D}`,
        `/api/programmes/${pid}/trend?role=${role}`,
      ]),
      `/api/programmes/${pid}/export.csv?wave=${waveId}&lang=en`,
    ]
    const readAll = async (k?: number) =>
      Promise.all(
        paths.map(async (p) => {
          const res = await req(p, { cookie: lead, k })
          return `${p} ${res.status} ${await res.text()}`
        }),
      )
    const first = await readAll()
    // D's 4 staff are hidden, as A's 2 team managers are.
    const staff = JSON.parse(first[0]!.slice(first[0]!.indexOf('{'))) as {
      partners: { id: string; n: number | null }[]
    }
    expect(staff.partners.find((p) => p.id === ids.D)!.n).toBeNull()
    // Another threshold now (a lower one would show D's 4): the publication keeps its own. A
    // trend's own `k` is the wording's "fewer than k", the larger of the configured threshold and its
    // waves' (worker/services/results-service.ts `trendOf`): configuration, not a cut of the answers.
    const wording = (reads: string[]) => reads.map((r) => (r.includes('/trend?') ? r.replace(/"k":\d+,/, '"k":_,') : r))
    expect(await readAll(3)).toEqual(first)
    expect(wording(await readAll(8))).toEqual(wording(first))
    // Closed is final: no new dates, no more answers.
    const reopen = await req(`/api/waves/${waveId}`, {
      method: 'PATCH',
      json: { closesAt: new Date(now + 30 * DAY).toISOString() },
      cookie: lead,
    })
    expect(reopen.status).toBe(409)
    expect((await submit(token, answersFor('medewerker', {}))).status).toBe(410)
    expect(await readAll()).toEqual(first)
    // The answer sets deleted after the retention period (90 days): the rollups and the publication remain.
    await runCron(now + 120 * DAY)
    const left = await env.DB.prepare('SELECT count(*) AS n FROM responses WHERE wave_id = ?1')
      .bind(waveId)
      .first<{ n: number }>()
    expect(left!.n).toBe(0)
    expect(await readAll()).toEqual(first)
    // Made again it is still the same: the wave keeps the threshold its respondents were promised
    // (`minGroupSize`), whatever is configured now.
    await env.DB.prepare('DELETE FROM publications WHERE wave_id = ?1').bind(waveId).run()
    expect(await readAll(3)).toEqual(first)
    // What the test guards against: made again under another threshold, from the rollups that
    // remain, it is another cut, and shows D's 4 staff.
    await env.DB.batch([
      env.DB.prepare('DELETE FROM publications WHERE wave_id = ?1').bind(waveId),
      env.DB.prepare('UPDATE waves SET min_group_size = 3 WHERE id = ?1').bind(waveId),
    ])
    const again = await readAll(3)
    expect(again).not.toEqual(first)
    const recut = JSON.parse(again[0]!.slice(again[0]!.indexOf('{'))) as typeof staff
    expect(recut.partners.find((p) => p.id === ids.D)!.n).toBe(4)
  })
})
