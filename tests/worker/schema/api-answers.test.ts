import { describe, expect, it } from 'vitest'
import { LinkSetAnswer, Problem } from '../../../schema/api-answers.ts'
import { call, setupProgramme, signInAdmin } from '../helpers.ts'

/** The answers web/setup.ts reads are what schema/api-answers.ts declares, as the Worker really sends them. */
describe('API answers', () => {
  it('a link set and a refusal parse by the schemas the setup script is typed with', async () => {
    const admin = await signInAdmin()
    const ctx = await setupProgramme(admin, ['UWV'])
    const set = await call(`/api/waves/${ctx.waveId}/link-set`, {
      method: 'POST',
      json: { replace: true },
      cookie: admin,
    })
    expect(set.status).toBe(201)
    const answer = LinkSetAnswer.parse(await set.json())
    expect(answer.links).toHaveLength(3)
    expect(answer.skipped).toEqual([])
    const refused = await call(`/api/programmes/${ctx.programmeId}/partners`, {
      method: 'POST',
      json: { name: '' },
      cookie: admin,
    })
    expect(refused.status).toBe(400)
    expect(Problem.parse(await refused.json())).toMatchObject({ code: 'invalid-request', status: 400 })
  })
})
