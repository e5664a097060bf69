import { listUnpublishedClosed } from '../db/publications.ts'
import { loadProgramme } from './results-service.ts'

/**
 * Publishes the waves that have closed since the last run, so their results are fixed once
 * whether or not anyone has read them yet (a dashboard read would publish them too).
 */
export async function publishClosedWaves(db: D1Database, minGroupSize: number, now: Date): Promise<number> {
  const results = await listUnpublishedClosed(db, now)
  let published = 0
  for (const programmeId of new Set(results.map((r) => r.programmeId))) {
    const data = await loadProgramme(db, programmeId, minGroupSize, now)
    published += results.filter((r) => r.programmeId === programmeId && data.publications.has(r.id)).length
  }
  return published
}
