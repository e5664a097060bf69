import { ROLES, type Role } from '../../schema/instrument.ts'
import type { Publication, PublishedCell } from './publication.ts'
import type { QuestionCounts } from './question-detail.ts'

/**
 * A publication is stored in two parts (schema/migrations/0011_publication_questions.sql): the
 * moments every read needs, and the question counts, which only the waves a read shows need and
 * which are most of its bytes. Pure: the same publication goes in as comes out.
 */

/** One group's question counts, as publishQuestions made them (worker/domain/question-detail.ts). */
type GroupQuestions = Record<string, QuestionCounts | null>

/** The question counts of a publication: per role, the programme's and each partner's, only for groups that have them. */
export type PublicationQuestions = Partial<
  Record<Role, { programme?: GroupQuestions; partners: Record<string, GroupQuestions> }>
>

const without = (cell: PublishedCell): PublishedCell => {
  const { questions: _, ...rest } = cell
  return rest
}

/** The two parts of a publication: its moments (no cell with `questions`) and its question counts. */
export function splitQuestions(pub: Publication): { scores: Publication; questions: PublicationQuestions } {
  const scores: Publication = { k: pub.k, roles: {} }
  const questions: PublicationQuestions = {}
  for (const [role, rp] of Object.entries(pub.roles) as [Role, NonNullable<Publication['roles'][Role]>][]) {
    const partners: Record<string, GroupQuestions> = {}
    for (const [id, cell] of Object.entries(rp.partners)) if (cell.questions) partners[id] = cell.questions
    questions[role] = {
      ...(rp.programme.questions ? { programme: rp.programme.questions } : {}),
      partners,
    }
    scores.roles[role] = {
      dimensions: rp.dimensions,
      programme: without(rp.programme),
      partners: Object.fromEntries(Object.entries(rp.partners).map(([id, cell]) => [id, without(cell)])),
    }
  }
  return { scores, questions }
}

/** A publication whole again: each group's counts back in its cell, where `splitQuestions` took them from. */
export function joinQuestions(scores: Publication, questions: PublicationQuestions): Publication {
  const roles: Publication['roles'] = {}
  for (const [role, rp] of Object.entries(scores.roles) as [Role, NonNullable<Publication['roles'][Role]>][]) {
    const q = questions[role]
    const withCounts = (cell: PublishedCell, counts: GroupQuestions | undefined): PublishedCell =>
      counts ? { ...cell, questions: counts } : cell
    roles[role] = {
      dimensions: rp.dimensions,
      programme: withCounts(rp.programme, q?.programme),
      partners: Object.fromEntries(
        Object.entries(rp.partners).map(([id, cell]) => [id, withCounts(cell, q?.partners[id])]),
      ),
    }
  }
  return { k: scores.k, roles }
}

/**
 * Whether a wave's publication shows anything: the programme as a whole has a number in some
 * role. The wave the results open on is the latest that does (worker/services/results-service.ts
 * pickWave); stored beside the publication so a read can tell without parsing it.
 */
export const showsAnything = (pub: Publication): boolean => ROLES.some((r) => pub.roles[r]?.programme.n != null)
