/**
 * The wave pairwise.test.ts and small-difference.test.ts attack: one programme of four partners and
 * a closed wave of 26 staff answer sets each (104: the matrices over all items come from 100
 * complete answer sets), whole dimensions with every item answered, but for the first of partner
 * A's, the one under attack.
 */
import { expect } from 'vitest'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { addWave, closeWave, postJson } from '../helpers.ts'
import { answersFor, ins, type Spec, submit } from './adversary.ts'

/** Staff member `i` of partner `p`: each dimension a whole score, every item answered. */
const base = (p: number, i: number): Spec =>
  Object.fromEntries(dimensionsFor(ins, 'medewerker').map((d, j) => [d, ((p + i + j) % 5) + 1]))

/** A programme named `name` and a random suffix, its closed wave answered as above with `first` first. */
export async function staffWave(lead: string, name: string, first: Answers): Promise<[string, string]> {
  const { id: programmeId } = await postJson(
    '/api/programmes',
    { name: `${name} ${crypto.randomUUID().slice(0, 8)}` },
    lead,
  )
  const ids: string[] = []
  for (const p of 'ABCD')
    ids.push(
      (await postJson(`/api/programmes/${programmeId}/partners`, { name: `Partner ${p}`, headcount: 200 }, lead)).id,
    )
  const waveId = await addWave(lead, programmeId)
  for (const [p, id] of ids.entries()) {
    const { token } = await postJson<{ token: string }>(
      `/api/waves/${waveId}/links`,
      { partnerId: id, role: 'medewerker' },
      lead,
    )
    for (let i = 0; i < 26; i++)
      expect((await submit(token, p === 0 && i === 0 ? first : answersFor('medewerker', base(p, i)))).status).toBe(201)
  }
  await closeWave(lead, waveId)
  return [programmeId, waveId]
}
