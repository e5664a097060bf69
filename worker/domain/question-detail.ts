import type { Instrument, Role, ScoredQuestion } from '../../schema/instrument.ts'
import { scoredQuestions } from './instrument-rules.ts'
import type { Answers } from './scoring.ts'

/**
 * Question detail: per group and question, how many disagree, are neutral, agree or
 * said "don't know". Pure functions: the counts a submission adds (worker/db/question-rollups.ts
 * writes them), what a publication shows of them, and the shares a page prints.
 *
 * Counts of one question in one group: [answers at scale min, …, answers at scale max, "don't
 * know"], as the answer was given (a reverse-keyed question is not turned round: the shares are
 * about the question's own wording, which the reader sees beside them).
 */
export type QuestionCounts = number[]

/**
 * The counts one answer set adds: one answer per question the role is asked. Every scored
 * question is required (worker/domain/scoring.ts validateAnswers), so each question gets exactly
 * one +1, at its answer's place or at "don't know".
 */
export function questionDelta(ins: Instrument, role: Role, answers: Answers): Record<string, QuestionCounts> {
  const width = ins.scale.max - ins.scale.min + 2
  const delta: Record<string, QuestionCounts> = {}
  for (const q of scoredQuestions(ins, role)) {
    const counts = new Array<number>(width).fill(0)
    counts[answerIndex(ins, answers[q.name])] = 1
    delta[q.name] = counts
  }
  return delta
}

/** Where an answer is counted: its scale point's place, or the last place for "don't know" (or no answer). */
export function answerIndex(ins: Instrument, value: unknown): number {
  return typeof value === 'number' ? value - ins.scale.min : ins.scale.max - ins.scale.min + 1
}

/**
 * The count a question's threshold is held against: the answers on the scale, "don't know" left
 * out. The same as for dimensions, where k counts scores and a score leaves "don't know" out
 * (worker/domain/scoring.ts scoreAnswers); and counting every answer would make the rule empty,
 * since every question is required and so answered by the whole shown group.
 */
export const onScale = (counts: QuestionCounts): number => counts.slice(0, -1).reduce((a, b) => a + b, 0)

/**
 * What a shown group publishes per question: its counts from k answers on the scale, else null
 * (nothing at all, not even "don't know": with the group's n shown that would give the count),
 * with the other questions of a hidden one's dimension hidden too (`wholeDimensions`). Only the
 * questions the role is asked.
 */
export function publishQuestions(
  ins: Instrument,
  role: Role,
  counts: Record<string, QuestionCounts> | undefined,
  k: number,
): Record<string, QuestionCounts | null> {
  const out: Record<string, QuestionCounts | null> = {}
  for (const q of scoredQuestions(ins, role)) {
    const c = counts?.[q.name]
    out[q.name] = c && onScale(c) >= k ? [...c] : null
  }
  return wholeDimensions(ins, out)
}

/**
 * A group's question counts with every question of a dimension hidden where one of them is. The
 * dimension's shown n, mean and sd are made of its questions' answers: beside the counts of the
 * others they gave the hidden question away, its count from the n where who answered what was
 * otherwise known, and its very answers from the mean where the others read all one way (a
 * hostile reader's review; tests/worker/anonymity/hidden-question.test.ts). Applied when a
 * publication is made and again when one is read, so one stored before the rule keeps to it too.
 */
export function wholeDimensions(
  ins: Instrument,
  counts: Record<string, QuestionCounts | null>,
): Record<string, QuestionCounts | null> {
  const dimensionOf = new Map(allScored(ins).map((q) => [q.name, q.dimension]))
  const hidden = new Set(Object.entries(counts).flatMap(([name, c]) => (c ? [] : [dimensionOf.get(name)])))
  if (hidden.size === 0) return counts
  return Object.fromEntries(
    Object.entries(counts).map(([name, c]) => [name, hidden.has(dimensionOf.get(name)) ? null : c]),
  )
}

/**
 * Whether a question's counts are hidden in a published cell as a reader is shown them
 * (`wholeDimensions`), not as stored: a reason given beside a number (the gap's `whyNoGap`, the
 * CSV's) may say no more of a dimension's questions than its question detail does.
 */
export function questionHiddenIn(
  ins: Instrument,
  counts: Record<string, QuestionCounts | null> | undefined,
): (question: string) => boolean {
  const shown = counts && wholeDimensions(ins, counts)
  return (question) => shown?.[question] === null
}

/** Every scored question of the instrument, whichever role it is worded for, without repeats; once per instrument, as every cell of every read asks. */
const scoredOf = new WeakMap<Instrument, ScoredQuestion[]>()
export const allScored = (ins: Instrument): ScoredQuestion[] => {
  let all = scoredOf.get(ins)
  if (!all) {
    const seen = new Map<string, ScoredQuestion>()
    for (const role of ins.roles) for (const q of scoredQuestions(ins, role as Role)) seen.set(q.name, q)
    all = [...seen.values()]
    scoredOf.set(ins, all)
  }
  return all
}

/**
 * The programme's counts per question: the sum of the shown groups' shown questions, nothing
 * more (as for dimensions in worker/domain/publication.ts publishRole): a hidden group or a
 * hidden question is in no published number. Null for a question no shown group shows.
 */
function sumQuestions(
  shown: Record<string, QuestionCounts | null>[],
  questions: string[],
): Record<string, QuestionCounts | null> {
  const out: Record<string, QuestionCounts | null> = {}
  for (const name of questions) {
    let acc: QuestionCounts | null = null
    for (const cell of shown) {
      const c = cell[name]
      if (!c) continue
      acc = acc ? acc.map((x, i) => x + (c[i] ?? 0)) : [...c]
    }
    out[name] = acc
  }
  return out
}

/** One part of a stacked bar: how many, and their share of all answers in whole percent (`wholePercents`). */
export type Part = { count: number; percent: number }
/** A shown question in one group, in four parts: disagree (below the middle), neutral (the middle), agree (above), don't know. */
export type QuestionShares = { n: number; onScale: number; disagree: Part; neutral: Part; agree: Part; dontKnow: Part }

/**
 * Whole percentages, each its own count's share rounded to the nearest whole percent (a half up):
 * a reader who divides a part's count by the answers gets the percentage printed beside it, and
 * equal counts always read the same percentage. The four parts may therefore add up to 98–102
 * (each is off by at most a half);
 * largest-remainder rounding, which makes them add up to 100, prints 17% beside one count of 1 in
 * 6 and 16% beside another (README, "Levels and agreement"). Zero counts stay 0%.
 */
export function wholePercents(counts: number[]): number[] {
  const total = counts.reduce((a, b) => a + b, 0)
  if (total === 0) return counts.map(() => 0)
  // c × 100 / total is exact at a half (k + 0.5 is a binary fraction), so the half rounds up as printed.
  return counts.map((c) => Math.round((c * 100) / total))
}

/** The shares a page shows for one question's published counts. With an even number of scale points there is no middle: neutral is 0. */
export function sharesOf(ins: Instrument, counts: QuestionCounts): QuestionShares {
  const mid = (ins.scale.min + ins.scale.max) / 2
  const sum = (pred: (v: number) => boolean) =>
    counts.slice(0, -1).reduce((a, c, i) => (pred(ins.scale.min + i) ? a + c : a), 0)
  const raw = [sum((v) => v < mid), sum((v) => v === mid), sum((v) => v > mid), counts.at(-1) ?? 0]
  const pct = wholePercents(raw)
  const part = (i: number): Part => ({ count: raw[i]!, percent: pct[i]! })
  return {
    n: raw.reduce((a, b) => a + b, 0),
    onScale: raw[0]! + raw[1]! + raw[2]!,
    disagree: part(0),
    neutral: part(1),
    agree: part(2),
    dontKnow: part(3),
  }
}

/**
 * Question detail of one published cell: per question the role is asked, its shares or null
 * (hidden: fewer than k answers on the scale). Null as a whole when the cell is hidden, or was
 * published before question counts were kept ("not available for this wave").
 */
export type QuestionCell = Record<string, QuestionShares | null> | null

export function questionCellOf(
  ins: Instrument,
  cell: { n: number | null; questions?: Record<string, QuestionCounts | null> } | undefined,
): QuestionCell {
  if (!cell || cell.n === null || !cell.questions) return null
  return Object.fromEntries(
    Object.entries(wholeDimensions(ins, cell.questions)).map(([name, c]) => [name, c ? sharesOf(ins, c) : null]),
  )
}

/** The scored questions of a dimension that a role is asked, in survey order. */
export function questionsOf(ins: Instrument, role: Role, dimension: string): ScoredQuestion[] {
  return scoredQuestions(ins, role).filter((q) => q.dimension === dimension)
}

/**
 * Adds question counts to one role's publication (worker/domain/publication.ts publishWave): to
 * each shown partner its shown questions, and to the programme their sum. A group whose counts
 * do not cover every one of its answer sets (counted before question counts were kept) gets
 * none, and then neither does the programme, which would otherwise be the sum of fewer groups
 * than its n says: "not available for this wave", as for a publication made before.
 */
export function withQuestions<
  P extends {
    dimensions: string[]
    programme: { n: number | null; questions?: Record<string, QuestionCounts | null> }
    partners: Record<string, { n: number | null; questions?: Record<string, QuestionCounts | null> }>
  },
>(
  ins: Instrument,
  role: Role,
  pub: P,
  cells: { partnerId: string; role: Role; n: number; questions?: Record<string, QuestionCounts> }[],
  k: number,
): P {
  const byPartner = new Map(cells.filter((c) => c.role === role).map((c) => [c.partnerId, c]))
  const names = scoredQuestions(ins, role).map((q) => q.name)
  const shown: Record<string, QuestionCounts | null>[] = []
  let complete = true
  const partners = Object.fromEntries(
    Object.entries(pub.partners).map(([id, cell]) => {
      if (cell.n === null) return [id, cell]
      const counts = byPartner.get(id)?.questions
      const covers =
        counts !== undefined && names.every((name) => (counts[name] ?? []).reduce((a, b) => a + b, 0) === cell.n)
      if (!covers) {
        complete = false
        return [id, cell]
      }
      const questions = publishQuestions(ins, role, counts, k)
      shown.push(questions)
      return [id, { ...cell, questions }]
    }),
  )
  const programme =
    pub.programme.n !== null && complete ? { ...pub.programme, questions: sumQuestions(shown, names) } : pub.programme
  return { ...pub, programme, partners }
}

/** What a page needs to print a role's question detail: the scale's ends and the role's questions. */
export function questionInfoOf(
  ins: Instrument,
  role: Role,
): {
  scale: { min: number; max: number }
  minAnswered: { numerator: number; denominator: number }
  questions: QuestionInfo[]
} {
  return {
    scale: { min: ins.scale.min, max: ins.scale.max },
    // The share of a dimension's questions a score needs (scoring.ts `scoreAnswers`): why a group
    // whose every question is shown can still have no score for their dimension.
    minAnswered: ins.minAnswered ?? { numerator: 1, denominator: 2 },
    questions: scoredQuestions(ins, role).map(
      (q): QuestionInfo => ({ name: q.name, dimension: q.dimension, reverse: q.reverse, wording: q.wording[role]! }),
    ),
  }
}
export type QuestionInfoSet = ReturnType<typeof questionInfoOf>

/** A question as the results show it: its name, dimension, the role's wording, and whether agreeing is the undesired pole. */
type QuestionInfo = { name: string; dimension: string; reverse: boolean; wording: { nl: string; en: string } }

/**
 * The question detail of one role's publication for a reader: the role's questions and, per group
 * the reader may see, its question cell. `available` is false for a publication made before
 * question counts were kept, and for one that has none (every group counted before that).
 */
export function questionDetailOf(
  ins: Instrument,
  role: Role,
  pub:
    | {
        programme: { n: number | null; questions?: Record<string, QuestionCounts | null> }
        partners: Record<string, { n: number | null; questions?: Record<string, QuestionCounts | null> }>
      }
    | undefined,
  partnerIds: string[],
) {
  const cells = pub ? [pub.programme, ...Object.values(pub.partners)] : []
  // The programme's counts summed again from its groups' as they read now (`wholeDimensions`): a
  // publication stored before that rule summed questions its groups now hide.
  const partnerCounts = Object.values(pub?.partners ?? {}).flatMap((c) =>
    c.n !== null && c.questions ? [wholeDimensions(ins, c.questions)] : [],
  )
  const programme = pub?.programme.questions
    ? { ...pub.programme, questions: sumQuestions(partnerCounts, Object.keys(pub.programme.questions)) }
    : pub?.programme
  return {
    available: cells.some((c) => c.questions !== undefined),
    ...questionInfoOf(ins, role),
    programme: questionCellOf(ins, programme),
    partners: Object.fromEntries(partnerIds.map((id) => [id, questionCellOf(ins, pub?.partners[id])])) as Record<
      string,
      QuestionCell
    >,
  }
}
export type QuestionDetail = ReturnType<typeof questionDetailOf>

/**
 * The question detail of one dimension only: its questions, and of each group's cell only theirs
 * (a hidden question stays null, a hidden group null), for a reader who opens one dimension.
 */
export function detailOfDimension(detail: QuestionDetail, dimension: string): QuestionDetail {
  const questions = detail.questions.filter((q) => q.dimension === dimension)
  const names = new Set(questions.map((q) => q.name))
  const keep = (cell: QuestionCell): QuestionCell =>
    cell === null ? null : Object.fromEntries(Object.entries(cell).filter(([name]) => names.has(name)))
  return {
    ...detail,
    questions,
    programme: keep(detail.programme),
    partners: Object.fromEntries(Object.entries(detail.partners).map(([id, cell]) => [id, keep(cell)])),
  }
}
