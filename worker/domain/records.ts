import type { Role } from '../../schema/instrument.ts'

/**
 * A programme, its partners and its waves as they are stored: the objects worker/db/ reads rows
 * into (programmes.ts, waves.ts) and writes back. Declared here, beside the rules, because the rules
 * take them whole (results, trend, gaps): domain/ may not import db/, and a copy would drift.
 */

export type Programme = {
  id: string
  name: string
  retentionDays: number
  waveRetentionYears: number | null
  /** Re-assessment: a wave every `cadenceMonths` months, open `cadenceOpenDays` days, the next from `nextWaveAt`. */
  cadenceMonths: number | null
  cadenceOpenDays: number | null
  nextWaveAt: string | null
}

/** `headcount` is the staff headcount (the API's original field); `headcounts` has every role's. */
export type Partner = {
  id: string
  programmeId: string
  name: string
  headcount: number | null
  headcounts: Record<Role, number | null>
  /** When it joined the programme; null for partners from before this was kept. */
  addedAt: string | null
}

export type Wave = {
  id: string
  programmeId: string
  label: string
  instrument: string
  instrumentVersion: number
  opensAt: string
  closesAt: string
  /** MIN_GROUP_SIZE when the wave was made; null for waves from before it was kept. */
  minGroupSize: number | null
  /** When the wave was made; null for waves from before it was kept. */
  createdAt: string | null
}
