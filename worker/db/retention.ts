/**
 * Retention: what the scheduled handler (worker/scheduled.ts) deletes once a programme's periods
 * have passed, answer sets first and whole waves later, overwritten before they are deleted.
 */

/**
 * A moment (an ISO text in UTC, or a parameter holding one) as SQL text of the Dutch wall clock:
 * an hour ahead of UTC, two from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last
 * Sunday of October (the EU's rule; schema/format.ts `TIME_ZONE` has it from `Intl`, which SQLite
 * lacks; tests/worker/scheduled.test.ts holds the two to each other). Retention counts Dutch days,
 * as the waves' own days are: answers kept 90 days after a wave that closed at midnight go at
 * midnight 90 days on, not an hour before or after it when the clocks changed in between.
 */
const dutchClock = (moment: string) =>
  `datetime(${moment}, CASE WHEN ${moment} >= date(strftime('%Y', ${moment}) || '-03-25', 'weekday 0') || 'T01:00:00'
    AND ${moment} < date(strftime('%Y', ${moment}) || '-10-25', 'weekday 0') || 'T01:00:00' THEN '+2 hours' ELSE '+1 hour' END)`

/** Waves whose answer sets are due for deletion: closed longer ago than their programme's retention, in Dutch days. */
const ANSWERS_DUE = `SELECT w.id FROM waves w JOIN programmes p ON p.id = w.programme_id
  WHERE julianday(${dutchClock('w.closes_at')}) + p.retention_days <= julianday(${dutchClock('?1')})`

/** Waves due for deletion as a whole: closed longer ago than their programme's wave retention, on the Dutch calendar. */
const WAVES_DUE = `SELECT w.id FROM waves w JOIN programmes p ON p.id = w.programme_id
  WHERE p.wave_retention_years IS NOT NULL
    AND julianday(${dutchClock('w.closes_at')}, '+' || p.wave_retention_years || ' years') <= julianday(${dutchClock('?1')})`

/** The published waves whose answer sets the next purge deletes and that still have some, with their programmes. */
export async function listAnswersDue(db: D1Database, now: Date): Promise<{ id: string; programmeId: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT w.id, w.programme_id FROM waves w WHERE w.id IN (${ANSWERS_DUE})
        AND EXISTS (SELECT 1 FROM responses r WHERE r.wave_id = w.id)`,
    )
    .bind(now.toISOString())
    .all<{ id: string; programme_id: string }>()
  return results.map((r) => ({ id: r.id, programmeId: r.programme_id }))
}

/** SQL for blanks as long, in bytes, as the text in `column`. */
const blank = (column: string) => `replace(hex(zeroblob(length(CAST(${column} AS BLOB)))), '00', ' ')`

/**
 * Statements that overwrite, in place, the answers and scores of the waves `waveIds` selects (and
 * their rollups' and pooled moments, which for a cell of one are that person's scores), before a DELETE in
 * the same batch. SQLite leaves a deleted row's bytes in the page's free space until they are
 * reused, and D1 refuses `PRAGMA secure_delete` (SQLITE_AUTH) and VACUUM; an update to a value of
 * the same size rewrites the cell where it is. Older copies remain out of our reach: D1 Time
 * Travel's 30 days of history in production, and locally the WAL until SQLite checkpoints it
 * (README, "What remains where"). `tests/e2e/purge.test.ts` reads the file to check.
 */
function overwrite(db: D1Database, waveIds: string, at: string, withRollups: boolean): D1PreparedStatement[] {
  const statements = [
    db
      .prepare(
        `UPDATE responses SET answers = ${blank('answers')}, scores = ${blank('scores')} WHERE wave_id IN (${waveIds})`,
      )
      .bind(at),
  ]
  if (withRollups) {
    statements.push(db.prepare(`UPDATE rollups SET stats = ${blank('stats')} WHERE wave_id IN (${waveIds})`).bind(at))
    statements.push(
      db
        .prepare(
          `UPDATE pool_moments SET moments = ${blank('moments')}, items = ${blank('items')}, pairs = ${blank('pairs')}, shown = ${blank('shown')} WHERE wave_id IN (${waveIds})`,
        )
        .bind(at),
    )
    // A group's question counts, for a group of one, are that person's answers (0010_question_rollups.sql).
    statements.push(
      db.prepare(`UPDATE question_rollups SET counts = ${blank('counts')} WHERE wave_id IN (${waveIds})`).bind(at),
    )
  }
  return statements
}

/**
 * Deletes individual answer sets of waves that closed more than their programme's retention
 * period ago, overwritten first. Rollups stay, so every dashboard, trend and export still works
 * and no answer set is left to single anyone out. Safe to run twice or late: it deletes what is
 * due, once.
 */
export async function purgeExpiredAnswers(db: D1Database, now: Date): Promise<number> {
  const at = now.toISOString()
  const results = await db.batch([
    ...overwrite(db, ANSWERS_DUE, at, false),
    db.prepare(`DELETE FROM responses WHERE wave_id IN (${ANSWERS_DUE})`).bind(at),
  ])
  return results.at(-1)!.meta.changes
}

/**
 * Deletes whole waves — links, rollups and all — closed longer ago than their programme's
 * `wave_retention_years`. Foreign keys cascade, so nothing of the wave is left behind; answer
 * sets still there (a retention in days longer than that in years) and rollups are overwritten
 * first.
 */
export async function purgeExpiredWaves(db: D1Database, now: Date): Promise<number> {
  const at = now.toISOString()
  const results = await db.batch([
    ...overwrite(db, WAVES_DUE, at, true),
    db.prepare(`DELETE FROM waves WHERE id IN (${WAVES_DUE})`).bind(at),
  ])
  return results.at(-1)!.meta.changes
}
