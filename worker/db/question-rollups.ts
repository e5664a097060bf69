import type { Instrument, Role } from '../../schema/instrument.ts'
import { answerIndex, questionDelta, type QuestionCounts } from '../domain/question-detail.ts'
import { scoredQuestions } from '../domain/instrument-rules.ts'
import type { Answers } from '../domain/scoring.ts'

/**
 * The per-question counts of a group (schema/migrations/0010_question_rollups.sql): one row per
 * wave × partner × role, so a submission writes one row more, whatever the number of questions.
 */

/**
 * The statement that adds one answer set to its group's question counts, for the submission's
 * batch after the rollup upsert and the pool statement (worker/db/responses.ts). It runs only when the statement before
 * changed a row (`changes() = 1`), which it does only when the answer set was stored: one
 * submission stays one batch, and an answer set refused or replayed counts nowhere. The first
 * answer set of a group writes the whole delta; later ones add 1 at the one place per question
 * their answer takes, so the update does one addition per question, not one per answer option.
 * Question names and places come from a validated instrument (`[a-z][a-z0-9_]*`, whole numbers),
 * never from a request, also where they go into the text. `changes()` is that of the statement before: SQLite sets it when a
 * statement ends, so it holds for every row this INSERT … SELECT makes.
 */
export function addQuestionCounts(
  db: D1Database,
  ins: Instrument,
  cell: { waveId: string; partnerId: string; role: Role } | { responseId: string; role: Role },
  answers: Answers,
): D1PreparedStatement {
  const questions = scoredQuestions(ins, cell.role)
  const paths = questions.map((q) => `$.${q.name}[${answerIndex(ins, answers[q.name])}]`)
  // The paths are bound, so the statement's text is the same for every answer set of a role and
  // D1 can reuse it once prepared; past D1's 100 bound values a statement, they go into the text.
  const bound = paths.length + 4 <= 100
  const path = (i: number) => (bound ? `?${i + 5}` : `'${paths[i]}'`)
  const bumps = paths.map((_, i) => `${path(i)}, coalesce(json_extract(counts, ${path(i)}), 0) + 1`)
  // A submission that joined its link in SQL (storeClaimedResponse) knows its group only there:
  // it is read from the answer set just stored, as the rollup statement before does.
  const group =
    'responseId' in cell
      ? 'SELECT wave_id, partner_id, role, ?4 FROM responses WHERE id = ?1 AND changes() = 1'
      : 'SELECT ?1, ?2, ?3, ?4 WHERE changes() = 1'
  const keys = 'responseId' in cell ? [cell.responseId, null, cell.role] : [cell.waveId, cell.partnerId, cell.role]
  return db
    .prepare(
      `INSERT INTO question_rollups (wave_id, partner_id, role, counts) ${group}
       ON CONFLICT (wave_id, partner_id, role) DO UPDATE SET counts = json_set(counts, ${bumps.join(', ')})`,
    )
    .bind(...keys, JSON.stringify(questionDelta(ins, cell.role, answers)), ...(bound ? paths : []))
}

/** The question counts of a wave's groups, `${partnerId}|${role}` → counts per question. */
type QuestionRollups = Map<string, Record<string, QuestionCounts>>

/** The statement that reads a wave's question counts, for the batch that reads its closed rollups. */
export function readQuestionRollups(db: D1Database, waveId: string): D1PreparedStatement {
  return db.prepare('SELECT partner_id, role, counts FROM question_rollups WHERE wave_id = ?1').bind(waveId)
}

export function questionRollupsOf(rows: unknown[]): QuestionRollups {
  return new Map(
    (rows as { partner_id: string; role: Role; counts: string }[]).map((r) => [
      `${r.partner_id}|${r.role}`,
      JSON.parse(r.counts) as Record<string, QuestionCounts>,
    ]),
  )
}
