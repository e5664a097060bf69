import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { readPoolItems, readPools } from '../../../worker/db/pool-moments.ts'
import { pairsFromVector, pairsVector, roleItems } from '../../../worker/domain/pooled-covariance.ts'
import { addAnswerSet, emptyPool, poolFromVector, poolVector } from '../../../worker/domain/measurement-quality.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { call, postJson, setupProgramme, signInAdmin } from '../helpers.ts'

const ins = findInstrument('coachende-manager', 2)!
const ROLES: Role[] = ['medewerker', 'teammanager', 'tactisch']
let cookie: string

beforeAll(async () => {
  cookie = await signInAdmin()
})

describe('pooled moments per wave × role', () => {
  it('lays a pool out as a vector and back without loss', () => {
    for (const role of ROLES) {
      const pool = emptyPool(ins, role)
      const random = rng(7)
      for (let i = 0; i < 5; i++)
        addAnswerSet(
          ins,
          role,
          pool,
          simulateAnswers(ins, role, random, () => 3),
        )
      expect(poolFromVector(ins, role, poolVector(pool))).toEqual(pool)
      expect(() => poolFromVector(ins, role, [...poolVector(pool), 1])).toThrow(/expected/)
    }
  })

  it('equal addAnswerSet over the raw answer sets stored, across partners, concurrent submissions, retries and refusals', async () => {
    // A wave of version 2, the version these answer sets are simulated for (version 3 has a question more).
    const ctx = await setupProgramme(cookie, ['UWV', 'Gemeente Utrecht', 'SVB'], { instrumentVersion: 2 })
    const random = rng(2026)
    for (const role of ROLES) {
      // Concurrent submissions to one pool row: D1 adds them in its single writer, none lost.
      await Promise.all(
        ctx.partners.flatMap((p, pi) =>
          Array.from({ length: 4 }, (_, i) => {
            const answers = simulateAnswers(ins, role, random, () => 1.5 + pi + i / 4)
            return postJson(`/api/s/${ctx.links[p.id]![role]}/responses`, { id: crypto.randomUUID(), answers }, '', 201)
          }),
        ),
      )
      // A retry of the same id adds nothing.
      const id = crypto.randomUUID()
      const answers = simulateAnswers(ins, role, random, () => 4)
      const token = ctx.links[ctx.partners[0]!.id]![role]!
      expect((await call(`/api/s/${token}/responses`, { method: 'POST', json: { id, answers } })).status).toBe(201)
      expect((await call(`/api/s/${token}/responses`, { method: 'POST', json: { id, answers } })).status).toBeLessThan(
        300,
      )
    }
    // A withdrawn link's refused answer set adds nothing either.
    const revoked = ctx.links[ctx.partners[1]!.id]!.medewerker!
    await env.DB.prepare('UPDATE links SET revoked = 1 WHERE wave_id = ?1 AND partner_id = ?2 AND role = ?3')
      .bind(ctx.waveId, ctx.partners[1]!.id, 'medewerker')
      .run()
    const refused = await call(`/api/s/${revoked}/responses`, {
      method: 'POST',
      json: { id: crypto.randomUUID(), answers: simulateAnswers(ins, 'medewerker', random, () => 3) },
    })
    expect(refused.status).toBeGreaterThanOrEqual(400)

    const pools = await readPools(env.DB, ins, ctx.waveId)
    for (const role of ROLES) {
      const { results } = await env.DB.prepare('SELECT answers FROM responses WHERE wave_id = ?1 AND role = ?2')
        .bind(ctx.waveId, role)
        .all<{ answers: string }>()
      expect(results).toHaveLength(13)
      const expected = emptyPool(ins, role)
      for (const r of results) addAnswerSet(ins, role, expected, JSON.parse(r.answers) as Answers)
      const { completeAll, ...pool } = pools[role]!
      expect(pool, role).toEqual(expected)
      const raw = results.map((r) => JSON.parse(r.answers) as Answers)
      const names = roleItems(ins, role)
      expect(completeAll).toBe(raw.filter((a) => names.every((n) => typeof a[n] === 'number')).length)
      // The pairwise moments, added in SQL through concurrent submissions and retries, are the raw sets' sums.
      const pairs = raw.map((a) => pairsVector(ins, role, a)).reduce((a, v) => a.map((x, i) => x + v[i]!))
      expect((await readPoolItems(env.DB, ins, ctx.waveId, role)).pairs).toEqual(pairsFromVector(ins, role, pairs))
    }
    // One row per wave × role, nothing per partner.
    const rows = await env.DB.prepare('SELECT count(*) AS c FROM pool_moments WHERE wave_id = ?1')
      .bind(ctx.waveId)
      .first<{ c: number }>()
    expect(rows!.c).toBe(3)
  })
})
