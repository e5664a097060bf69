import type { Instrument, Role, ScoredQuestion } from '../../schema/instrument.ts'
import { questionsFor } from './instrument-rules.ts'

type AnswerValue = number | string
export type Answers = Record<string, AnswerValue>
/** Dimension key → score, or null when too few of its items were answered. */
export type Scores = Record<string, number | null>

/**
 * What is wrong with an answer set, one entry per fault, worded per language by the API's
 * refusal (worker/i18n/field-messages.ts `answerProblemIn`) for whoever sends answers through it: a
 * Dutch refusal once went on in English. The survey page itself checks its answers before it sends them.
 */
export type AnswerProblem =
  | { code: 'not-an-object' }
  | { code: 'not-a-question'; question: string }
  | { code: 'off-scale'; question: string; min: number; max: number; dontKnow: string; value: string }
  | { code: 'text-too-long'; question: string }
  | { code: 'unanswered'; questions: string[] }
  | { code: 'more'; count: number }

/**
 * The most faults a refusal lists, the rest counted (`more`): a body of bogus keys just under the
 * size limit was answered with each key three times over (a hostile review).
 */
export const MAX_ANSWER_PROBLEMS = 20

type Validation = { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] }

/**
 * The server-side guard on answers, generated from the instrument: only the role's questions,
 * only whole scale points or "don't know", every required question present. SurveyJS's own
 * checks in the browser are for comfort; they accept a 7 on a 1–5 scale and unknown keys.
 */
export function validateAnswers(ins: Instrument, role: Role, raw: unknown): Validation {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { ok: false, problems: [{ code: 'not-an-object' }] }
  }
  const questions = new Map(questionsFor(ins, role).map((q) => [q.name, q]))
  const problems: AnswerProblem[] = []
  const faulty = new Set<string>()
  const answers: Answers = Object.create(null) as Answers
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    const q = Object.hasOwn(raw, name) ? questions.get(name) : undefined
    if (!q) {
      problems.push({ code: 'not-a-question', question: name.slice(0, 60) })
      continue
    }
    if (q.type === 'radiogroup') {
      const onScale =
        typeof value === 'number' && Number.isInteger(value) && value >= ins.scale.min && value <= ins.scale.max
      if (!onScale && value !== ins.scale.dontKnow.value) {
        problems.push({
          code: 'off-scale',
          question: name,
          min: ins.scale.min,
          max: ins.scale.max,
          dontKnow: String(ins.scale.dontKnow.value),
          value: String(JSON.stringify(value)).slice(0, 40),
        })
        faulty.add(name)
        continue
      }
      answers[name] = value as AnswerValue
    } else {
      if (typeof value !== 'string' || value.length > 2000) {
        problems.push({ code: 'text-too-long', question: name })
        faulty.add(name)
        continue
      }
      answers[name] = value
    }
  }
  const missing = [...questions.values()].filter(
    (q) => q.type === 'radiogroup' && !(q.name in answers) && !faulty.has(q.name),
  )
  if (missing.length > 0) problems.push({ code: 'unanswered', questions: missing.map((q) => q.name) })
  if (problems.length > MAX_ANSWER_PROBLEMS)
    problems.splice(MAX_ANSWER_PROBLEMS, Infinity, { code: 'more', count: problems.length - MAX_ANSWER_PROBLEMS })
  return problems.length ? { ok: false, problems } : { ok: true, answers: { ...answers } }
}

/**
 * Dimension score = mean of the answered items after reverse-keying; "don't know" is left out,
 * and a dimension with fewer than the instrument's `minAnswered` share of its items answered
 * (two thirds from rule set 2; half when the file sets none, as version 1 was scored) gets no
 * score rather than a shaky one. Only dimensions the role is asked about appear in the result.
 */
export function scoreAnswers(ins: Instrument, role: Role, answers: Answers): Scores {
  const byDimension = new Map<string, { asked: number; values: number[] }>()
  for (const q of questionsFor(ins, role)) {
    if (q.type !== 'radiogroup') continue
    const entry = byDimension.get(q.dimension) ?? { asked: 0, values: [] }
    entry.asked += 1
    const value = answers[q.name]
    if (typeof value === 'number') entry.values.push(q.reverse ? ins.scale.min + ins.scale.max - value : value)
    byDimension.set(q.dimension, entry)
  }
  const scores: Scores = {}
  for (const d of ins.dimensions) {
    const entry = byDimension.get(d.key)
    if (!entry) continue
    scores[d.key] = meanIfEnough(ins, entry.asked, entry.values)
  }
  return scores
}

/** The mean of the keyed answers given when enough of the `asked` questions were answered (`scoreAnswers`' rule), else null. */
function meanIfEnough(ins: Instrument, asked: number, values: number[]): number | null {
  const enough = values.length >= fewestAnswered(ins.minAnswered ?? HALF, asked)
  return enough ? values.reduce((a, b) => a + b, 0) / values.length : null
}

/** Version 1's rule, for a file that sets no `minAnswered`. */
const HALF = { numerator: 1, denominator: 2 }

/**
 * The fewest of `asked` questions a score needs (`scoreAnswers`' rule): the smallest v, at least 1,
 * with v · denominator ≥ asked · numerator, in whole numbers so that two of three is exactly two thirds.
 */
export function fewestAnswered(minAnswered: { numerator: number; denominator: number }, asked: number): number {
  return Math.max(1, Math.ceil((asked * minAnswered.numerator) / minAnswered.denominator))
}

/** The score of one answer set over some scored questions, by `scoreAnswers`' rule (worker/domain/shared-items.ts). */
export function scoreOfItems(ins: Instrument, questions: readonly ScoredQuestion[], answers: Answers): number | null {
  const values: number[] = []
  for (const q of questions) {
    const value = answers[q.name]
    if (typeof value === 'number') values.push(q.reverse ? ins.scale.min + ins.scale.max - value : value)
  }
  return meanIfEnough(ins, questions.length, values)
}

/** Stable JSON of an answer set, so a replay with the same answers compares equal whatever the key order. */
export function canonicalAnswers(answers: Answers): string {
  return JSON.stringify(Object.fromEntries(Object.entries(answers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))))
}
