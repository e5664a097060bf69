import { dayOf } from '../../schema/format.ts'
import { type Instrument, ROLES } from '../../schema/instrument.ts'
import { seal } from '../auth/seal.ts'
import { auditStatementIfWave, CADENCE_ACTOR } from '../db/audit.ts'
import { randomToken, sha256Hex } from '../db/ids.ts'
import { createSealedLink } from '../db/links.ts'
import { advanceCadence, listDueCadences, listPartners } from '../db/programmes.ts'
import { createWaveAfterChange, listWaves, type Wave } from '../db/waves.ts'
import { waveCreatedDetail } from '../domain/audit-changes.ts'
import { cadenceLabel, dueAt } from '../domain/cadence.ts'
import { belowGroupSize, overlapping, whyNoLink } from '../domain/wave-lifecycle.ts'
import { findInstrument } from './instrument-catalogue.ts'

/** Instrument of a programme's first wave when it has none yet to follow. */
const DEFAULT_INSTRUMENT = 'coachende-manager'

/** The instrument a wave the cadence opens uses: the latest version of the programme's last wave's instrument. */
export function cadenceInstrument(waves: readonly Pick<Wave, 'instrument'>[]): Instrument {
  const last = waves.at(-1)
  return findInstrument(last?.instrument ?? DEFAULT_INSTRUMENT) ?? findInstrument(DEFAULT_INSTRUMENT)!
}

/** What the cadence needs of the Worker's configuration (worker/env.ts). */
type CadenceSettings = { linkSecret: string | undefined; minGroupSize: number }

/**
 * Opens the waves that programmes' cadences make due: the wave row and a link for every partner and
 * role, in one batch that first moves the programme's `next_wave_at` on — guarded by its old value,
 * so a second run (or two overlapping ones) finds nothing to do and a half-done run leaves nothing.
 * The links' tokens are sealed with LINK_SECRET until a lead reveals them; without a secret the
 * wave opens without links and the lead makes them on the setup page.
 * Closing needs no write: a wave is closed from its `closes_at` on, everywhere it is read.
 */
export async function openDueWaves(db: D1Database, settings: CadenceSettings, now: Date): Promise<number> {
  let opened = 0
  for (const p of await listDueCadences(db, now)) {
    const due = dueAt(p.cadence, now)
    if (!due) continue
    const advance = advanceCadence(db, p.id, p.cadence.next, due.next)
    const waves = await listWaves(db, p.id)
    // A wave the lead made by hand for this period stands in for the cadence's.
    if (!due.open || overlapping(waves, due.open.opensAt, due.open.closesAt)) {
      await advance.run()
      continue
    }
    const instrument = cadenceInstrument(waves)
    const base = cadenceLabel(due.open.opensAt)
    const label = waves.some((w) => w.label === base) ? `${base} (${dayOf(p.cadence.next)})` : base
    const waveId = crypto.randomUUID()
    const statements = [
      advance,
      createWaveAfterChange(db, {
        id: waveId,
        programmeId: p.id,
        label,
        instrument: instrument.id,
        instrumentVersion: instrument.version,
        opensAt: due.open.opensAt,
        closesAt: due.open.closesAt,
        minGroupSize: settings.minGroupSize,
        createdAt: now.toISOString(),
      }),
    ]
    if (settings.linkSecret) {
      for (const partner of await listPartners(db, p.id)) {
        for (const role of ROLES) {
          // By the setup page's rule: e.g. a group without a headcount gets no link (it would take no answers).
          if (whyNoLink({ ...due.open, createdAt: now.toISOString() }, partner, role, now)) continue
          // Nor a group whose headcount is below k, as the setup page's links for every group (linkSet).
          if (belowGroupSize(partner, role, settings.minGroupSize)) continue
          const token = randomToken()
          statements.push(
            createSealedLink(db, {
              tokenHash: await sha256Hex(token),
              waveId,
              partnerId: partner.id,
              role,
              sealed: await seal(settings.linkSecret, token),
            }),
          )
        }
      }
    } else {
      console.warn('cadence: LINK_SECRET is not set, so the wave opened without links')
    }
    // The trail names the cadence as the actor, in the same transaction as the wave it opened.
    statements.push(
      auditStatementIfWave(
        db,
        {
          programmeId: p.id,
          actor: CADENCE_ACTOR,
          action: 'wave.created',
          target: label,
          detail: waveCreatedDetail({ ...due.open, instrumentVersion: instrument.version }, true),
        },
        waveId,
        now,
      ),
    )
    const [, inserted] = await db.batch(statements)
    opened += inserted!.meta.changes
  }
  return opened
}
