/**
 * The submission limiter as a counter of a hidden group's answer sets. Keyed by the link's token
 * alone, and asked before the answers were checked, it was one budget that every respondent of the
 * group spent: whoever holds the link (the lead, or anyone it was forwarded to) could spend what
 * was left of the minute with answer sets that are refused and store nothing, and 30 minus the
 * refusals before the first 429 was how many others had submitted through it that minute, for a
 * group of fewer than k that shows no count at all. Now the budget is the link's per client network
 * (worker/routes/survey-api.ts) and only a set that would be stored spends it
 * (worker/services/response-service.ts): the prober's refusals say the same whatever the others did.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { addWave, call, inOneWindow, postJson, signInAdmin } from '../helpers.ts'
import { answersFor } from './adversary.ts'

const ins = findInstrument('coachende-manager')!
let lead: string
beforeAll(async () => {
  lead = await signInAdmin()
})

/** A partner of four staff (fewer than k = 5) with a link, and `others` of them answering from the office's network. */
async function groupWith(others: number) {
  const { id: programmeId } = await postJson(
    '/api/programmes',
    { name: `Teller ${crypto.randomUUID().slice(0, 8)}` },
    lead,
  )
  const { id: partnerId } = await postJson(
    `/api/programmes/${programmeId}/partners`,
    { name: 'Klein', headcount: 4, headcounts: { teammanager: null, tactisch: null } },
    lead,
  )
  const waveId = await addWave(lead, programmeId)
  const { token } = await postJson<{ token: string }>(
    `/api/waves/${waveId}/links`,
    { partnerId, role: 'medewerker' },
    lead,
  )
  for (let i = 0; i < others; i++) {
    const res = await call(`/api/s/${token}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: answersFor('medewerker', {}, 2 + i) },
      headers: { 'cf-connecting-ip': '198.51.100.20' },
    })
    expect(res.status).toBe(201)
  }
  return { programmeId, waveId, token }
}

/** What the prober sees: the statuses of 35 probes from its own network, refused sets and then served ones. */
async function probe(token: string): Promise<string> {
  const statuses: number[] = []
  for (let i = 0; i < 5; i++) {
    const res = await call(`/api/s/${token}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: {} },
      headers: { 'cf-connecting-ip': '203.0.113.9' },
    })
    statuses.push(res.status)
  }
  // Served answers for another role: refused for the link (400), never stored.
  for (let i = 0; i < 30; i++) {
    const res = await call(`/api/s/${token}/responses`, {
      method: 'POST',
      json: {
        id: crypto.randomUUID(),
        answers: answersFor('teammanager', {}, 3),
        instrument: ins.id,
        version: ins.version,
        role: 'teammanager',
      },
      headers: { 'cf-connecting-ip': '203.0.113.9' },
    })
    statuses.push(res.status)
  }
  return statuses.join(',')
}

describe("the submission limiter, read by whoever holds a small group's link", { timeout: 60_000 }, () => {
  it('says the same whether 1 or 3 others answered through the link this minute', async () => {
    const seen = await inOneWindow(async () => {
      const one = await groupWith(1)
      const three = await groupWith(3)
      return [await probe(one.token), await probe(three.token)]
    })
    expect(seen[0]).toBe(seen[1])
    // Nothing refused is counted: no 429 at all.
    expect(seen[0]).not.toContain('429')
  })
})
