import { createExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import worker from '../../../worker/index.ts'
import { counted, type Tally } from '../../bench/worker/counted.ts'
import { BASE, closeWave, setupProgramme, signInAdmin } from '../helpers.ts'
import { addViewer } from './adversary.ts'

const countedWorker = counted(worker)
async function read(path: string, cookie: string) {
  const res = await countedWorker.fetch!(
    new Request(`${BASE}${path}`, { headers: { cookie }, redirect: 'manual' }) as Request<
      unknown,
      IncomingRequestCfProperties
    >,
    env,
    createExecutionContext(),
  )
  const tally = JSON.parse(res.headers.get('x-bench-d1')!) as Tally
  return { status: res.status, body: await res.text(), tally }
}

let admin: string
let large: string
let small: string
const unknown = crypto.randomUUID()
let stranger: string

beforeAll(async () => {
  admin = await signInAdmin()
  const big = await setupProgramme(
    admin,
    Array.from({ length: 24 }, (_, i) => `Partner ${i + 1}`),
  )
  await closeWave(admin, big.waveId)
  expect((await read(`/api/programmes/${big.programmeId}/dashboard`, admin)).status).toBe(200)
  large = big.programmeId
  small = (await setupProgramme(admin, ['Alleen'])).programmeId
  const elsewhere = await setupProgramme(admin, ['Elders'])
  stranger = (await addViewer(admin, elsewhere.programmeId, null)).cookie
})

/**
 * A signed-in reader of another programme asks for this one's CSV export: refused (404) as an unknown
 * id is, and the batch behind the refusal reads the same rows whatever the programme holds
 * (worker/db/users.ts `memberGate`), as every gated read does (refused-read.test.ts): it once read
 * 227 rows of a 24-partner programme, 33 of a one-partner one and 10 of an unknown id.
 */
describe('a refused export.csv', () => {
  it('reads the same rows whatever the programme holds (as the gated reads do)', async () => {
    const shape = async (pid: string) => {
      const r = await read(`/api/programmes/${pid}/export.csv`, stranger)
      return {
        status: r.status,
        body: r.body.replaceAll(pid, 'PID'),
        rowsRead: r.tally.rowsRead,
        perStatement: r.tally.reads.map((s) => [s.sql.slice(0, 60), s.rowsRead]),
      }
    }
    const ofLarge = await shape(large)
    const ofSmall = await shape(small)
    const ofUnknown = await shape(unknown)
    expect(ofLarge.status).toBe(404)
    expect(ofUnknown.status).toBe(404)
    expect(ofSmall).toEqual(ofLarge)
    expect(ofUnknown).toEqual(ofLarge)
  })
})
