/**
 * The one bit a survey link tells about its group (README, "What remains possible"): while the wave
 * is open, `GET /api/s/:token` answers 409 group-complete once the group holds its headcount of
 * answer sets, so a lead holding the link learns that a group whose headcount is below k is
 * complete — its exact count, which participation shows only as "fewer than k". Accepted: the
 * submission that would pass the headcount must be refused anyway (the fabrication bound), and a
 * hidden group is in no published number, so the count gives no answer away. Once the wave has
 * closed the link says nothing of it: a complete group's link and an incomplete one's answer alike.
 */
import { describe, expect, it } from 'vitest'
import { forgetLinks } from '../../../worker/services/link-service.ts'
import { addWave, closeWave, postJson, signInAdmin } from '../helpers.ts'
import { answersFor, req, submit } from './adversary.ts'

describe("a survey link's answer about its group", () => {
  it('is 409 group-complete at the headcount while open, and the same 410 for a complete and an incomplete group once closed', async () => {
    const lead = await signInAdmin()
    const { id: pid } = await postJson('/api/programmes', { name: `Vol ${crypto.randomUUID().slice(0, 8)}` }, lead)
    const ids: string[] = []
    for (const name of ['A', 'B'])
      ids.push(
        (
          await postJson(
            `/api/programmes/${pid}/partners`,
            { name, headcount: 20, headcounts: { teammanager: 2, tactisch: 2 } },
            lead,
          )
        ).id,
      )
    const wid = await addWave(lead, pid)
    const link = async (partnerId: string) =>
      (await postJson<{ token: string }>(`/api/waves/${wid}/links`, { partnerId, role: 'teammanager' }, lead)).token
    const [full, partly] = [await link(ids[0]!), await link(ids[1]!)]
    for (let i = 0; i < 2; i++) expect((await submit(full, answersFor('teammanager', {}, 3))).status).toBe(201)
    expect((await submit(partly, answersFor('teammanager', {}, 3))).status).toBe(201)
    // Read afresh, past the few seconds a link is cached (worker/services/link-service.ts `cachedLink`):
    // the Worker of this module graph (`req` with k), whose cache the test empties.
    forgetLinks()
    const open = [await req(`/api/s/${full}`, { k: 5 }), await req(`/api/s/${partly}`, { k: 5 })]
    expect(open.map((r) => r.status)).toEqual([409, 200])
    expect(((await open[0]!.json()) as { code: string }).code).toBe('group-complete')
    await closeWave(lead, wid)
    forgetLinks()
    const closed = await Promise.all([full, partly].map((t) => req(`/api/s/${t}`, { k: 5 })))
    expect(closed.map((r) => r.status)).toEqual([410, 410])
    const [a, b] = await Promise.all(closed.map((r) => r.text()))
    expect(a).toBe(b)
  })
})
