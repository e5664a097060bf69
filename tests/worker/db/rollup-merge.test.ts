import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { cellDelta } from '../../../worker/domain/rollup.ts'
import type { Answers, Scores } from '../../../worker/domain/scoring.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { postJson, setupProgramme, signInAdmin } from '../helpers.ts'

const ins = findInstrument('coachende-manager', 2)!
let cookie: string

beforeAll(async () => {
  cookie = await signInAdmin()
})

/**
 * The rollup upsert of worker/db/responses.ts adds each answer set's `cellDelta` to its cell in
 * SQL, key by key and position by position, for both ways a submission is stored (with the
 * survey page's claim, in one round trip, and without it, reading the link first).
 */
describe('a rollup cell, added to in SQL', () => {
  it('holds the sum of its answer sets’ deltas, every key in position order; a key the cell lacks starts from 0', async () => {
    for (const role of ['medewerker', 'teammanager'] as Role[]) {
      const ctx = await setupProgramme(cookie, ['UWV'], { instrumentVersion: 2 })
      const partnerId = ctx.partners[0]!.id
      const token = ctx.links[partnerId]![role]!
      const random = rng(role === 'medewerker' ? 11 : 12)
      const send = (claimed: boolean) =>
        postJson(
          `/api/s/${token}/responses`,
          {
            id: crypto.randomUUID(),
            answers: simulateAnswers(ins, role, random, () => 1 + random() * 4),
            ...(claimed ? { instrument: ins.id, version: ins.version, role } : {}),
          },
          '',
          201,
        )
      const cell = env.DB.prepare(
        'SELECT stats FROM rollups WHERE wave_id = ?1 AND partner_id = ?2 AND role = ?3',
      ).bind(ctx.waveId, partnerId, role)
      await send(true)
      // A cell counted before `@items` was kept: the next answer sets start that key from 0.
      await env.DB.prepare(
        `UPDATE rollups SET stats = json_remove(stats, '$."@items"') WHERE wave_id = ?1 AND partner_id = ?2 AND role = ?3`,
      )
        .bind(ctx.waveId, partnerId, role)
        .run()
      const before = JSON.parse((await cell.first<{ stats: string }>())!.stats) as Record<string, number[]>
      expect(before['@items']).toBeUndefined()
      const { results: first } = await env.DB.prepare('SELECT id FROM responses WHERE wave_id = ?1 AND role = ?2')
        .bind(ctx.waveId, role)
        .all<{ id: string }>()
      for (let i = 0; i < 6; i++) await send(i % 2 === 0)

      const { results } = await env.DB.prepare(
        'SELECT id, answers, scores FROM responses WHERE wave_id = ?1 AND role = ?2',
      )
        .bind(ctx.waveId, role)
        .all<{ id: string; answers: string; scores: string }>()
      expect(results).toHaveLength(7)
      const expected: Record<string, number[]> = structuredClone(before)
      for (const r of results.filter((r) => r.id !== first[0]!.id)) {
        const delta = cellDelta(ins, role, JSON.parse(r.answers) as Answers, JSON.parse(r.scores) as Scores)
        for (const [key, values] of Object.entries(delta))
          expected[key] = values.map((x, i) => (expected[key]?.[i] ?? 0) + x)
      }
      const stats = JSON.parse((await cell.first<{ stats: string }>())!.stats) as Record<string, number[]>
      expect(Object.keys(stats).sort()).toEqual(Object.keys(expected).sort())
      for (const [key, values] of Object.entries(expected)) {
        expect(stats[key]!.length, key).toBe(values.length)
        for (const [i, x] of values.entries()) expect(stats[key]![i], `${key}[${i}]`).toBeCloseTo(x, 9)
      }
      expect(stats['@items']![0]).toBe(6)
    }
  })
})
