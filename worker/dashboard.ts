import type { Instrument, Role } from '../schema/instrument.ts'
import { addStats, changeBetween, waveView, type Cell, type CellView } from './domain/dashboard.ts'
import { comparableDimensions } from './domain/instrument.ts'
import { listPartners, type Partner, type Programme } from './db/programmes.ts'
import { readRollups, type RollupCell } from './db/responses.ts'
import { groupSizeOf, listWaves, waveState, type Wave } from './db/waves.ts'
import { findInstrument } from './instruments.ts'
import { HttpError } from './http/problem.ts'

/**
 * What the dashboard shows, composed once for the JSON API, the page and the export: every
 * number comes from rollups through the same suppression, so no view can be differenced
 * against another.
 */

export const instrumentOf = (w: Wave): Instrument => findInstrument(w.instrument, w.instrumentVersion)!

function pickWave(waves: Wave[], id: string | undefined, cells: RollupCell[] = [], k = 1): Wave {
  if (id) {
    const wave = waves.find((w) => w.id === id)
    if (!wave) throw new HttpError(404, 'Wave not found', { en: `This programme has no wave "${id.slice(0, 60)}". Leave "wave" out for the latest one.`, nl: `Dit programma heeft geen ronde "${id.slice(0, 60)}". Laat "wave" weg voor de laatste ronde.` })
    return wave
  }
  // The latest wave with enough answers to show anything (k), else the latest that has opened:
  // a wave that just opened has nothing to show yet, and the lead wants the last real result.
  const opened = waves.filter((w) => waveState(w) !== 'planned')
  const answered = opened.filter((w) => cells.reduce((n, c) => n + (c.waveId === w.id ? c.n : 0), 0) >= k)
  const wave = answered.at(-1) ?? opened.at(-1) ?? waves.at(-1)
  if (!wave) throw new HttpError(404, 'No waves yet', { en: 'This programme has no assessment wave yet. Create one first.', nl: 'Dit programma heeft nog geen meetronde. Maak er eerst een.' })
  return wave
}

export type ProgrammeData = { partners: Partner[]; waves: Wave[]; cells: RollupCell[]; rowsRead: number }

/** One read of everything a programme's dashboard needs: rows grow with waves × partners × roles. */
export async function loadProgramme(db: D1Database, programmeId: string): Promise<ProgrammeData> {
  const [partners, waves, { cells, rowsRead }] = await Promise.all([listPartners(db, programmeId), listWaves(db, programmeId), readRollups(db, programmeId)])
  return { partners, waves, cells, rowsRead }
}

const cellsOf = (cells: RollupCell[], waveId: string): Cell[] => cells.filter((c) => c.waveId === waveId)

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

export function dashboardOf(programme: Programme, data: ProgrammeData, opts: { waveId?: string; role: Role; k: number; onlyPartner: string | null }) {
  const wave = pickWave(data.waves, opts.waveId, data.cells, opts.k)
  const instrument = instrumentOf(wave)
  const ids = data.partners.map((p) => p.id)
  const waveCells = cellsOf(data.cells, wave.id)
  const k = groupSizeOf(wave, opts.k)
  const viewFor = (role: Role) => waveView(instrument, ids, waveCells, role, k, opts.onlyPartner)
  const view = viewFor(opts.role)
  const staff = opts.role === 'medewerker' ? view : viewFor('medewerker')
  const managers = opts.role === 'teammanager' ? view : viewFor('teammanager')
  const shown = opts.onlyPartner ? data.partners.filter((p) => p.id === opts.onlyPartner) : data.partners
  return {
    programme: { id: programme.id, name: programme.name, ...view.programme },
    wave: { ...wave, state: waveState(wave) },
    waves: data.waves.map((w) => ({ id: w.id, label: w.label, state: waveState(w) })),
    role: opts.role,
    k,
    dimensions: instrument.dimensions,
    levels: instrument.levels.map(({ level, name, from, to, description, behaviour }) => ({ level, name, from, to, description, behaviour })),
    dispersionCap: instrument.dispersionCap,
    partners: shown.map((p) => {
      const cell = view.partners.get(p.id)!
      const headcount = p.headcounts[opts.role]
      return {
        id: p.id,
        name: p.name,
        ...cell,
        headcount: p.headcount,
        headcounts: p.headcounts,
        // The response rate of the role shown, when the lead entered its headcount; hidden with the count.
        responseRate: headcount && cell.n !== null ? cell.n / headcount : null,
      }
    }),
    gap: gaps(shown, staff.partners, managers.partners),
  }
}
export type Dashboard = ReturnType<typeof dashboardOf>

export function trendOf(data: ProgrammeData, opts: { partnerId?: string; role: Role; k: number; onlyPartner: string | null }) {
  const partner = opts.partnerId ? data.partners.find((p) => p.id === opts.partnerId) : undefined
  if (opts.partnerId && (!partner || (opts.onlyPartner && opts.onlyPartner !== opts.partnerId))) {
    throw new HttpError(404, 'Partner not found', { en: `This programme has no partner "${opts.partnerId.slice(0, 60)}" that you may see. Leave "partner" out for the programme as a whole.`, nl: `Dit programma heeft geen partner "${opts.partnerId.slice(0, 60)}" die u mag zien. Laat "partner" weg voor het programma als geheel.` })
  }
  const ids = data.partners.map((p) => p.id)
  const series = data.waves
    .filter((w) => waveState(w) !== 'planned')
    .map((w) => {
      const ins = instrumentOf(w)
      const waveCells = cellsOf(data.cells, w.id)
      const view = waveView(ins, ids, waveCells, opts.role, groupSizeOf(w, opts.k), opts.onlyPartner)
      const cell = partner ? view.partners.get(partner.id)! : view.programme
      // The moments behind the shown cell, for Welch's test: one partner's, or all partners' summed.
      const stats: Record<string, number[]> = {}
      for (const x of waveCells) {
        if (x.role === opts.role && (!partner || x.partnerId === partner.id)) addStats(stats, x.stats)
      }
      return { wave: w, ins, cell, stats }
    })
  return {
    partner: partner ? { id: partner.id, name: partner.name } : null,
    role: opts.role,
    // The largest threshold of the waves shown, for the "fewer than k" wording.
    k: Math.max(opts.k, ...series.map((s) => groupSizeOf(s.wave, opts.k))),
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
  }
}
export type Trend = ReturnType<typeof trendOf>

/** Rows of the CSV export: every visible cell of a wave for every role, suppression applied. */
export function exportRows(programme: Programme, data: ProgrammeData, opts: { waveId?: string; k: number; onlyPartner: string | null; lang: 'nl' | 'en' }) {
  const wave = pickWave(data.waves, opts.waveId, data.cells, opts.k)
  const instrument = instrumentOf(wave)
  const ids = data.partners.map((p) => p.id)
  const { lang } = opts
  const k = groupSizeOf(wave, opts.k)
  const rows: (string | number | null)[][] = []
  for (const role of instrument.roles as Role[]) {
    const view = waveView(instrument, ids, cellsOf(data.cells, wave.id), role, k, opts.onlyPartner)
    const entries: [string, CellView][] = [
      [lang === 'nl' ? 'Programma als geheel' : 'Programme as a whole', view.programme],
      ...data.partners.map((p): [string, CellView] => [p.name, view.partners.get(p.id)!]),
    ]
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
  const header =
    lang === 'nl'
      ? ['ronde', 'rol', 'partner', 'n', 'dimensie', 'dimensie_naam', 'n_dimensie', 'gemiddelde', 'sd', 'bi95_laag', 'bi95_hoog', 'niveau', 'niveau_naam', 'niveau_begrensd']
      : ['wave', 'role', 'partner', 'n', 'dimension', 'dimension_name', 'n_dimension', 'mean', 'sd', 'ci95_low', 'ci95_high', 'level', 'level_name', 'level_capped']
  return { wave, rows: [header, ...rows] }
}
