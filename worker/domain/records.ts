import type { Role } from '../../schema/instrument.ts'

/**
 * A programme, its partners and its waves as they are stored, and what a read knows of their
 * publications: the objects worker/db/ reads rows into (programmes.ts, waves.ts, publications.ts)
 * and writes back. Declared here, beside the rules, because the rules
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

/** What a read knows of every published wave without parsing it: its threshold and whether it shows anything. */
export type PublicationMeta = { k: number; shows: boolean }

/**
 * Which publications a read parses: every one (the trend, the page, the report), or those of the
 * wave shown and of the published wave before it (the results API, the export), named by `wave`
 * or, without it, the latest that shows anything, as worker/services/results-service.ts `pickWave`
 * picks it. The SQL picks them the way pickWave does, so the read stays one round trip.
 */
export type PublicationScope = { all: true } | { wave: string | undefined }

/** A link made or a headcount changed after a wave opened (worker/db/publications.ts `readWaveChanges`). */
export type WaveChangeRecord = {
  partnerId: string
  role: Role
  kind: 'link' | 'headcount'
  headcountFrom: number | null
  headcountTo: number | null
  day: string
}

/**
 * The key of a group asked in a wave: one of the set worker/db/links.ts `listAskedGroups` reads
 * (a link was made, or answers came through one), so a role not asked of a partner can say so.
 */
export const askedKey = (waveId: string, partnerId: string, role: Role) => `${waveId}|${partnerId}|${role}`
