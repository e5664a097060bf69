import { toMinute, waveToMinute } from '../../schema/format.ts'
import type { z } from 'zod'
import type { ProgrammePatch } from '../../schema/api.ts'
import type { Actor } from '../db/audit.ts'
import { createProgramme, listPartners, updateProgramme, type Programme } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import { listWaves } from '../db/waves.ts'
import { programmeChanges } from '../domain/audit-changes.ts'
import { comingWaves } from '../domain/cadence.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { actorOf, recordChanges } from './audit-trail.ts'
import type { ProgrammeAccess } from './programme-access.ts'
import { refuse } from './refusal.ts'
import { cadenceOf, checkCadence } from './wave-service.ts'

/**
 * A programme itself: who may start one, what a reader of it is shown, and its settings (name,
 * retention, the re-assessment cadence). Its partners are `partner-service.ts`'s, its waves
 * `wave-service.ts`'s, who sees it `programme-access.ts`'s.
 */

/** Admins and leads start chains; a viewer only reads. Asked before the request's body is. */
export function requireMayCreateProgramme(user: User): void {
  if (user.role === 'viewer') throw refuse('create-programme-not-allowed')
}

/** A new programme named `name`; a lead who creates one leads it (an admin sees every programme anyway). */
export async function startProgramme(db: D1Database, user: User, name: string): Promise<Programme> {
  requireMayCreateProgramme(user)
  const programme = await createProgramme(db, name, user.role === 'admin' ? undefined : user.id)
  await recordChanges(db, programme.id, actorOf(user), { action: 'programme.created', target: programme.name })
  return programme
}

/**
 * The programme as its reader sees it: its partners (only their own for a viewer limited to
 * one), its waves with their state, and the next three waves of its cadence.
 */
export async function programmeView(db: D1Database, { programme, partnerId }: ProgrammeAccess) {
  const [partners, waves] = await Promise.all([listPartners(db, programme.id), listWaves(db, programme.id)])
  const cadence = cadenceOf(programme)
  return {
    ...programme,
    // Staff actions' moments to the minute (`toMinute`, `waveToMinute`): no reader needs more.
    partners: (partnerId ? partners.filter((p) => p.id === partnerId) : partners).map((p) => ({
      ...p,
      addedAt: toMinute(p.addedAt),
    })),
    waves: waves.map((w) => ({ ...waveToMinute(w), state: waveState(w) })),
    comingWaves: cadence ? comingWaves(cadence, 3) : [],
  }
}

/** The programme after a change of its settings, by `actor`: what is left out stays; a cadence is checked whole. */
export async function changeProgramme(
  db: D1Database,
  programme: Programme,
  body: z.output<typeof ProgrammePatch>,
  actor: Actor,
): Promise<Programme> {
  const next: Programme = {
    ...programme,
    name: body.name ?? programme.name,
    retentionDays: body.retentionDays ?? programme.retentionDays,
    waveRetentionYears: body.waveRetentionYears === undefined ? programme.waveRetentionYears : body.waveRetentionYears,
    cadenceMonths: body.cadenceMonths === undefined ? programme.cadenceMonths : body.cadenceMonths,
    cadenceOpenDays: body.cadenceOpenDays === undefined ? programme.cadenceOpenDays : body.cadenceOpenDays,
    nextWaveAt:
      body.nextWaveAt === undefined ? programme.nextWaveAt : body.nextWaveAt && new Date(body.nextWaveAt).toISOString(),
  }
  checkCadence(next)
  await updateProgramme(db, next)
  await recordChanges(db, programme.id, actor, programmeChanges(programme, next))
  return next
}
