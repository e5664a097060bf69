/**
 * The dashboard's numbers as they were read before results were published once per wave: every
 * rollup cell of the programme read on every request, and the suppression computed from them on
 * the spot, for the wave asked for. Served beside the real Worker in the same Miniflare, on the
 * same D1, so one run times both. Never part of the production Worker. It signs the reader in
 * and checks access with the Worker's own queries, as the route did: what differs is the read
 * of the results.
 */
import { cellView, publishWave } from '../../../worker/domain/publication.ts'
import { listPartners } from '../../../worker/db/programmes.ts'
import { sessionUser } from '../../../worker/services/account-service.ts'
import { accessTo } from '../../../worker/services/programme-access.ts'
import type { Role } from '../../../schema/instrument.ts'
import type { RollupCell } from '../../../worker/domain/rollup.ts'
import { listWaves } from '../../../worker/db/waves.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'

type Env = { DB: D1Database }

type RollupRow = { wave_id: string; partner_id: string; role: Role; n: number; stats: string }

/** Every rollup cell of a programme, as the dashboard read them before publications. */
async function readRollups(db: D1Database, programmeId: string): Promise<{ cells: RollupCell[]; rowsRead: number }> {
  const res = await db
    .prepare(
      `SELECT r.wave_id, r.partner_id, r.role, r.n, r.stats FROM rollups r
       WHERE r.wave_id IN (SELECT id FROM waves WHERE programme_id = ?1)`,
    )
    .bind(programmeId)
    .all<RollupRow>()
  return {
    cells: res.results.map((r) => ({
      waveId: r.wave_id,
      partnerId: r.partner_id,
      role: r.role,
      n: r.n,
      stats: JSON.parse(r.stats) as Record<string, number[]>,
    })),
    rowsRead: res.meta.rows_read,
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url)
    const programmeId = url.searchParams.get('programme') ?? ''
    const token = /kr_session=([^;]+)/.exec(request.headers.get('cookie') ?? '')?.[1] ?? ''
    const user = await sessionUser(env.DB, token)
    if (!user || !(await accessTo(env.DB, user, programmeId))) return new Response('no access', { status: 403 })
    const [partners, waves, { cells, rowsRead }] = await Promise.all([
      listPartners(env.DB, programmeId),
      listWaves(env.DB, programmeId),
      readRollups(env.DB, programmeId),
    ])
    const wave = waves.find((w) => w.id === url.searchParams.get('wave')) ?? waves.at(-1)!
    const ins = findInstrument(wave.instrument, wave.instrumentVersion)!
    const ids = partners.map((p) => p.id)
    const publication = publishWave(
      ins,
      ids,
      cells.filter((c) => c.waveId === wave.id),
      5,
    )
    const view = (role: 'medewerker' | 'teammanager') => {
      const pub = publication.roles[role]!
      return { programme: cellView(ins, pub.programme), partners: ids.map((id) => cellView(ins, pub.partners[id])) }
    }
    return Response.json({ rowsRead, staff: view('medewerker'), managers: view('teammanager') })
  },
} satisfies ExportedHandler<Env>
