import type { z } from 'zod'
import type { ExportQuery } from '../../schema/api.ts'
import { slug, toCsv } from '../../schema/format.ts'
import { ROLES } from '../../schema/instrument.ts'
import { exportAuditStatements, writeAudit } from '../db/audit.ts'
import { inOneBatch } from '../db/one-batch.ts'
import type { User } from '../db/users.ts'
import { exportDetail } from '../domain/audit-changes.ts'
import { requireProgramme } from './programme-access.ts'
import { exportRows, loadProgramme } from './results-service.ts'

/** A file to download: its text and the name a browser saves it under. */
export type Download = { body: string; filename: string }

/**
 * The visible cells of a wave as CSV, for a lead of programme `pid`, recorded in its trail. Access,
 * data and the trail's entry go in one batch, so that the export waits for D1 twice (the session,
 * then this) and is recorded in the transaction that read it (worker/db/audit.ts).
 */
export async function exportCsv(
  db: D1Database,
  user: User,
  pid: string,
  query: z.output<typeof ExportQuery>,
  k: number,
  route: string,
): Promise<Download> {
  const { wave: waveId, sep, lang } = query
  const detail = exportDetail({ kind: 'csv', lang, sep })
  const {
    value: [{ programme, partnerId }, data],
    also: [recorded, chosen],
  } = await inOneBatch(
    db,
    // Only the exported wave's publication is parsed (and the one before it; worker/db/publications.ts).
    (held) =>
      Promise.all([
        requireProgramme(held, user, pid, 'lead', route),
        loadProgramme(held, pid, k, undefined, { wave: waveId }),
      ]),
    exportAuditStatements(db, { programmeId: pid, user, waveId: waveId ?? null, detail }, ROLES),
  )
  const written = recorded!.meta.changes === 1
  // Written: the wave it names is the one exported (the same one the Worker would pick from these reads).
  const exportedWave = written ? (chosen!.results[0] as { wave_id: string }).wave_id : waveId
  const { wave, rows } = exportRows(data, { waveId: exportedWave, onlyPartner: partnerId, lang })
  // Not written: the wave was published by this request (or D1's clock and the Worker's disagreed at
  // an opening or closing): recorded now, after the reads, as every export was before.
  if (!written) {
    await writeAudit(db, [
      {
        programmeId: programme.id,
        actor: { id: user.id, email: user.email },
        action: 'export.downloaded',
        target: wave.label,
        detail,
      },
    ])
  }
  return {
    body: toCsv(rows, sep === 'semicolon' ? ';' : ','),
    filename: `ketenradar-${slug(programme.name)}-${slug(wave.label)}.csv`,
  }
}
