import { zValidator } from '@hono/zod-validator'
import { z } from 'zod'
import { DashboardQuery, TrendQuery } from '../../schema/api.ts'
import type { Instrument, Role } from '../../schema/instrument.ts'
import { changeBetween, waveView, type Cell, type CellView } from '../domain/dashboard.ts'
import { comparableDimensions } from '../domain/instrument.ts'
import { toCsv } from '../domain/csv.ts'
import { listPartners, type Partner } from '../db/programmes.ts'
import { readRollups } from '../db/responses.ts'
import { listWaves, waveState, type Wave } from '../db/waves.ts'
import { readConfig } from '../env.ts'
import { findInstrument } from '../instruments.ts'
import { newApp } from '../http/app.ts'
import { requireUser } from '../http/guards.ts'
import { HttpError, validationHook } from '../http/problem.ts'
import { programmeFor } from './programmes.ts'

const app = newApp()
app.use('*', requireUser)

const instrumentOf = (w: Wave): Instrument => findInstrument(w.instrument, w.instrumentVersion)!

function pickWave(waves: Wave[], id: string | undefined): Wave {
  if (id) {
    const wave = waves.find((w) => w.id === id)
    if (!wave) throw new HttpError(404, 'Wave not found', `This programme has no wave "${id.slice(0, 60)}". Leave "wave" out for the latest one.`)
    return wave
  }
  // The latest wave that has opened: a planned wave has nothing to show yet.
  const opened = waves.filter((w) => waveState(w) !== 'planned')
  const wave = opened.at(-1) ?? waves.at(-1)
  if (!wave) throw new HttpError(404, 'No waves yet', 'This programme has no assessment wave yet. Create one first.')
  return wave
}

/** Everything the dashboard of one wave shows, for every role at once (the gap needs two). */
async function loadWave(db: D1Database, programmeId: string, waveId: string | undefined) {
  const [partners, waves, { cells, rowsRead }] = await Promise.all([listPartners(db, programmeId), listWaves(db, programmeId), readRollups(db, programmeId)])
  const wave = pickWave(waves, waveId)
  return { partners, waves, wave, cells, rowsRead, instrument: instrumentOf(wave) }
}

const cellsOf = (cells: Awaited<ReturnType<typeof readRollups>>['cells'], waveId: string): Cell[] => cells.filter((c) => c.waveId === waveId)

function describeInstrument(ins: Instrument) {
  return {
    dimensions: ins.dimensions,
    levels: ins.levels.map(({ level, name, from, to, description, behaviour }) => ({ level, name, from, to, description, behaviour })),
    dispersionCap: ins.dispersionCap,
  }
}

/** Managers' self-view minus staff view per partner and dimension, where both cells are shown; largest first. */
function gaps(partners: Partner[], staff: Map<string, CellView>, managers: Map<string, CellView>) {
  const rows: { partnerId: string; partner: string; dimension: string; staff: number; manager: number; gap: number }[] = []
  for (const p of partners) {
    const s = staff.get(p.id)?.scores
    const m = managers.get(p.id)?.scores
    if (!s || !m) continue
    for (const [dim, ms] of Object.entries(m)) {
      const ss = s[dim]
      if (ms && ss) rows.push({ partnerId: p.id, partner: p.name, dimension: dim, staff: ss.mean, manager: ms.mean, gap: ms.mean - ss.mean })
    }
  }
  return rows.sort((a, b) => b.gap - a.gap)
}

app.get('/:pid/dashboard', zValidator('query', DashboardQuery, validationHook), async (c) => {
  const { programme, partnerId: only } = await programmeFor(c, 'read')
  const { role, wave: waveId } = c.req.valid('query')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const { partners, waves, wave, cells, rowsRead, instrument } = await loadWave(c.env.DB, programme.id, waveId)
  const ids = partners.map((p) => p.id)
  const waveCells = cellsOf(cells, wave.id)
  const view = waveView(instrument, ids, waveCells, role, k, only)
  const staff = role === 'medewerker' ? view : waveView(instrument, ids, waveCells, 'medewerker', k, only)
  const managers = role === 'teammanager' ? view : waveView(instrument, ids, waveCells, 'teammanager', k, only)
  const shown = only ? partners.filter((p) => p.id === only) : partners
  c.header('x-d1-rows-read', String(rowsRead))
  return c.json({
    programme: { id: programme.id, name: programme.name, ...view.programme },
    wave: { ...wave, state: waveState(wave) },
    waves: waves.map((w) => ({ id: w.id, label: w.label, state: waveState(w) })),
    role,
    k,
    ...describeInstrument(instrument),
    partners: shown.map((p) => {
      const cell = view.partners.get(p.id)!
      const staffN = staff.partners.get(p.id)!.n
      return {
        id: p.id,
        name: p.name,
        ...cell,
        headcount: p.headcount,
        // Response rate only for staff, whose headcount the lead entered; hidden with the count.
        responseRate: role === 'medewerker' && p.headcount && staffN !== null ? staffN / p.headcount : null,
      }
    }),
    gap: gaps(shown, staff.partners, managers.partners),
  })
})

app.get('/:pid/trend', zValidator('query', TrendQuery, validationHook), async (c) => {
  const { programme, partnerId: only } = await programmeFor(c, 'read')
  const { role, partner: partnerId } = c.req.valid('query')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const [partners, waves, { cells }] = await Promise.all([listPartners(c.env.DB, programme.id), listWaves(c.env.DB, programme.id), readRollups(c.env.DB, programme.id)])
  const partner = partnerId ? partners.find((p) => p.id === partnerId) : undefined
  if (partnerId && (!partner || (only && only !== partnerId))) {
    throw new HttpError(404, 'Partner not found', `This programme has no partner "${partnerId.slice(0, 60)}" that you may see. Leave "partner" out for the programme as a whole.`)
  }
  const ids = partners.map((p) => p.id)
  const opened = waves.filter((w) => waveState(w) !== 'planned')
  const series = opened.map((w) => {
    const ins = instrumentOf(w)
    const waveCells = cellsOf(cells, w.id)
    const view = waveView(ins, ids, waveCells, role, k, only)
    const cell = partner ? view.partners.get(partner.id)! : view.programme
    const stats: Record<string, number[]> = {}
    for (const x of waveCells) {
      if (x.role !== role || (partner && x.partnerId !== partner.id)) continue
      for (const [d, v] of Object.entries(x.stats)) {
        const acc = (stats[d] ??= new Array<number>(v.length).fill(0))
        v.forEach((y, i) => (acc[i] = (acc[i] ?? 0) + y))
      }
    }
    return { wave: w, ins, cell, stats }
  })
  return c.json({
    partner: partner ? { id: partner.id, name: partner.name } : null,
    role,
    k,
    waves: series.map((s, i) => {
      const prev = series[i - 1]
      const comparable = prev ? comparableDimensions(prev.ins, s.ins) : new Set<string>()
      return {
        wave: { id: s.wave.id, label: s.wave.label, opensAt: s.wave.opensAt, closesAt: s.wave.closesAt, instrumentVersion: s.wave.instrumentVersion },
        ...s.cell,
        change: prev ? changeBetween(prev.cell, s.cell, (d) => comparable.has(d), { prev: prev.stats, next: s.stats }) : null,
        notComparable: prev ? s.ins.dimensions.map((d) => d.key).filter((d) => !comparable.has(d)) : [],
      }
    }),
  })
})

const ExportQuery = z.object({ wave: z.string().min(1).optional(), sep: z.enum(['comma', 'semicolon']).default('comma'), lang: z.enum(['nl', 'en']).default('nl') })

app.get('/:pid/export.csv', zValidator('query', ExportQuery, validationHook), async (c) => {
  const { programme, partnerId: only } = await programmeFor(c, 'lead')
  const { wave: waveId, sep, lang } = c.req.valid('query')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const { partners, wave, cells, instrument } = await loadWave(c.env.DB, programme.id, waveId)
  const ids = partners.map((p) => p.id)
  const rows: (string | number | null)[][] = []
  for (const role of instrument.roles as Role[]) {
    const view = waveView(instrument, ids, cellsOf(cells, wave.id), role, k, only)
    const entries: [string, CellView][] = [[lang === 'nl' ? 'Programma als geheel' : 'Programme as a whole', view.programme], ...partners.map((p): [string, CellView] => [p.name, view.partners.get(p.id)!])]
    for (const [name, cell] of entries) {
      for (const d of instrument.dimensions) {
        const s = cell.scores?.[d.key] ?? null
        const level = s ? instrument.levels.find((l) => l.level === s.level) : undefined
        rows.push([
          wave.label, role, name, cell.suppressed ? `<${k}` : cell.n, d.key, d.label[lang],
          s?.n ?? null, s?.mean ?? null, s?.sd ?? null, s?.ci95?.[0] ?? null, s?.ci95?.[1] ?? null, s?.level ?? null, level?.name[lang] ?? null, s ? (s.capped ? 1 : 0) : null,
        ])
      }
    }
  }
  const header = lang === 'nl'
    ? ['ronde', 'rol', 'partner', 'n', 'dimensie', 'dimensie_naam', 'n_dimensie', 'gemiddelde', 'sd', 'bi95_laag', 'bi95_hoog', 'niveau', 'niveau_naam', 'niveau_begrensd']
    : ['wave', 'role', 'partner', 'n', 'dimension', 'dimension_name', 'n_dimension', 'mean', 'sd', 'ci95_low', 'ci95_high', 'level', 'level_name', 'level_capped']
  const body = toCsv([header, ...rows], sep === 'semicolon' ? ';' : ',')
  const file = `ketenradar-${programme.name.replace(/[^A-Za-z0-9]+/g, '-')}-${wave.label.replace(/[^A-Za-z0-9]+/g, '-')}.csv`
  return c.body(body, 200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}"` })
})

export default app
