/**
 * What the data takes on disk, from SQLite's own page accounting (the `dbstat` table) over the
 * D1 file: bytes per answer set (its row and its index entry) and per rollup cell, and per wave's
 * publication. D1 stores the same SQLite pages, so these are what count against its 10 GB limit.
 * README "How far one deployment goes" and BENCHMARKS.md work the capacity out from them.
 */
import { DatabaseSync } from 'node:sqlite'
import type { Report } from './report.ts'
import { round } from './run.ts'

export type Storage = {
  /** Bytes of whole pages (used and unused) ÷ rows, for the table and its indexes together. */
  bytesPerResponse: number
  /** The answer set's own content: answers, scores, id, wave, partner, role as SQLite stores them. */
  payloadPerResponse: number
  bytesPerRollup: number
  payloadPerRollup: number
  bytesPerPublication: number | null
  responses: number
  rollups: number
  publications: number
  fileBytes: number
}

/** Reads the file beside a running Miniflare: read-only, so it never writes what D1 writes. */
export function measureStorage(file: string): Storage {
  const db = new DatabaseSync(file, { readOnly: true })
  try {
    const pages = (...names: string[]) => {
      const row = db
        .prepare(
          `SELECT SUM(pgsize) AS bytes, SUM(payload) AS payload FROM dbstat WHERE name IN (${names.map(() => '?').join(', ')})`,
        )
        .get(...names) as { bytes: number | null; payload: number | null }
      return { bytes: row.bytes ?? 0, payload: row.payload ?? 0 }
    }
    const count = (table: string) => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n
    const responses = count('responses')
    const rollups = count('rollups')
    const publications = count('publications')
    // The index holds (wave, partner, role, id) once more per answer set, so it is part of its cost.
    const r = pages('responses', 'responses_by_cell')
    const rowPayload = pages('responses').payload
    const u = pages('rollups')
    const p = pages('publications')
    const { page_count, page_size } = db.prepare('SELECT * FROM pragma_page_count(), pragma_page_size()').get() as {
      page_count: number
      page_size: number
    }
    return {
      bytesPerResponse: r.bytes / responses,
      payloadPerResponse: rowPayload / responses,
      bytesPerRollup: u.bytes / rollups,
      payloadPerRollup: u.payload / rollups,
      bytesPerPublication: publications ? p.bytes / publications : null,
      responses,
      rollups,
      publications,
      fileBytes: page_count * page_size,
    }
  } finally {
    db.close()
  }
}

/** `at`: the instance's label, as the dashboard figures name it (`@1,000`, `@4,000 (40×10)`). */
export function reportStorage(report: Report, at: string, s: Storage): void {
  const part = '5 storage'
  report.add(part, `bytes per answer set on disk (row + index, whole pages) ${at}`, round(s.bytesPerResponse, 0), 'B')
  report.add(part, `bytes per answer set, its content alone ${at}`, round(s.payloadPerResponse, 0), 'B')
  report.add(part, `bytes per rollup cell on disk (whole pages) ${at}`, round(s.bytesPerRollup, 0), 'B')
  report.add(part, `bytes per rollup cell, its content alone ${at}`, round(s.payloadPerRollup, 0), 'B')
  report.add(
    part,
    `bytes per wave's publication on disk ${at}`,
    s.bytesPerPublication === null ? null : round(s.bytesPerPublication, 0),
    'B',
  )
  report.add(
    part,
    `D1 file ${at} (${s.responses} answer sets, ${s.rollups} rollup cells, ${s.publications} publications)`,
    round(s.fileBytes / 1e6, 1),
    'MB',
  )
}
