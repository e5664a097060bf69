/**
 * The one bit a survey link tells about its group (README, "What remains possible"): while the wave
 * is open, `GET /api/s/:token` answers 409 group-complete once the group holds its headcount of
 * answer sets, so a lead holding the link learns that a group whose headcount is below k is
 * complete — its exact count, which participation shows only as "fewer than k". Accepted: the
 * submission that would pass the headcount must be refused anyway (the fabrication bound), and a
 * hidden group is in no published number, so the count gives no answer away. Once the wave has
 * closed the link says nothing of it: a complete group's link and an incomplete one's answer alike.
 *
 * The bit is at the largest headcount the group has had since its wave opened
 * (worker/db/headcount-sql.ts): were it at the headcount now, a lead could lower it while the wave
 * is open and ask the link again, and a binary search of five such steps would give the exact count
 * of a group of 20 of whom a few answered. Refusing the lowering would tell the same bit.
 */
import { describe, expect, it } from 'vitest'
import { forgetLinks } from '../../../worker/services/link-service.ts'
import { addWave, call, closeWave, postJson, signInAdmin } from '../helpers.ts'
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

  it('does not follow a headcount lowered while the wave is open: a lead stepping it down reads the same for 2 and 4 answer sets', async () => {
    const lead = await signInAdmin()
    const { id: pid } = await postJson('/api/programmes', { name: `Zoek ${crypto.randomUUID().slice(0, 8)}` }, lead)
    const partner = async (name: string) =>
      (
        await postJson(
          `/api/programmes/${pid}/partners`,
          { name, headcount: 20, headcounts: { teammanager: null, tactisch: null } },
          lead,
        )
      ).id
    const [two, four] = [await partner('Twee'), await partner('Vier')]
    const wid = await addWave(lead, pid)
    const link = async (partnerId: string) =>
      (await postJson<{ token: string }>(`/api/waves/${wid}/links`, { partnerId, role: 'medewerker' }, lead)).token
    const tokens = { [two]: await link(two), [four]: await link(four) }
    for (const [id, n] of [
      [two, 2],
      [four, 4],
    ] as const)
      for (let i = 0; i < n; i++)
        expect((await submit(tokens[id]!, answersFor('medewerker', {}, 2 + i), 5)).status).toBe(201)
    /** What the lead reads stepping the headcount of `id` down from 20 to 1 and asking its link each time. */
    const probe = async (id: string) => {
      const seen: string[] = []
      for (const headcount of [10, 5, 4, 3, 2, 1]) {
        const res = await call(`/api/programmes/${pid}/partners/${id}`, {
          method: 'PATCH',
          json: { headcount },
          cookie: lead,
        })
        expect(res.status).toBe(200)
        forgetLinks()
        const read = await req(`/api/s/${tokens[id]}`, { k: 5 })
        seen.push(`${headcount}:${read.status}`)
      }
      return seen.join(' ')
    }
    const [a, b] = [await probe(two), await probe(four)]
    expect(a).toBe(b)
    expect(a).not.toContain('409')
    // The group still takes answer sets up to the largest headcount since the opening: the five
    // steps down changed nothing a respondent meets (and each is recorded beside the wave's numbers).
    expect((await submit(tokens[two]!, answersFor('medewerker', {}, 4), 5)).status).toBe(201)
    // Raised, the headcount counts at once: 4 answer sets and 17 more are 21 of 21, so complete.
    const raise = async (headcount: number) =>
      (await call(`/api/programmes/${pid}/partners/${four}`, { method: 'PATCH', json: { headcount }, cookie: lead }))
        .status
    expect(await raise(21)).toBe(200)
    for (let i = 0; i < 17; i++)
      expect((await submit(tokens[four]!, answersFor('medewerker', {}, 3), 5)).status).toBe(201)
    forgetLinks()
    expect((await req(`/api/s/${tokens[four]}`, { k: 5 })).status).toBe(409)
    expect((await submit(tokens[four]!, answersFor('medewerker', {}, 3), 5)).status).toBe(409)
  })
})
