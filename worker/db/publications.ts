import { dayOf } from '../../schema/format.ts'
import type { Role } from '../../schema/instrument.ts'
import type { PublicationMeta, PublicationScope, WaveChangeRecord } from '../domain/records.ts'
import { withDesign, type Publication } from '../domain/publication.ts'
import type { RollupCell } from '../domain/rollup.ts'
import { LATEST_SHOWN_WAVE_SQL } from './shown-wave-sql.ts'
import { WAVE_CLOSED_SQL, WAVE_OPEN_SQL } from './wave-state-sql.ts'
import { questionRollupsOf, readQuestionRollups } from './question-rollups.ts'
import { joinQuestions, showsAnything, splitQuestions, type PublicationQuestions } from '../domain/publication-parts.ts'

/** The published waves of a programme (every one) and the publications parsed for the scope, by wave id. */
type PublicationsRead = { meta: Map<string, PublicationMeta>; parsed: Map<string, Publication> }

type PublicationRow = { wave_id: string; k: number; shows: number; body: string | null; questions: string | null }

/**
 * A stored publication whole: the body, and the question counts kept apart from it since 0011 (NULL
 * before: in the body), with each programme cell's design effects worked out again by today's rule
 * (worker/domain/publication.ts `withDesign`), so a wave published before it has them too.
 */
const parseStored = (body: string, questions: string | null): Publication => {
  const scores = JSON.parse(body) as Publication
  const whole = questions === null ? scores : joinQuestions(scores, JSON.parse(questions) as PublicationQuestions)
  const roles = Object.fromEntries(
    Object.entries(whole.roles).map(([role, pub]) => [role, pub && withDesign(pub)]),
  ) as Publication['roles']
  return { ...whole, roles }
}

/**
 * Publications parsed in this isolate, by wave, with the text they were parsed from: a stored
 * publication is never changed (`storePublication` keeps the first), so the same text gives the
 * same object to every read, and what the results service derives from it can be kept with it
 * (worker/services/results-service.ts `derived`; BENCHMARKS.md, "Derived once per publication").
 * A hit needs the very text read now, so a restored or replaced row is parsed again. Kept to
 * PARSED_BUDGET characters of text, the least recently read dropped first.
 */
const parsed = new Map<string, { body: string; questions: string | null; publication: Publication }>()
let parsedChars = 0
const PARSED_BUDGET = 3_000_000
/** The publications this module handed out from stored text: shared between reads, so never to be changed. */
const shared = new WeakSet<Publication>()

/** Whether `publication` came from a stored row and is shared by every read of this isolate (never change it). */
export const isShared = (publication: Publication): boolean => shared.has(publication)

function parse(waveId: string, body: string, questions: string | null): Publication {
  const hit = parsed.get(waveId)
  if (hit && hit.body === body && hit.questions === questions) {
    parsed.delete(waveId)
    parsed.set(waveId, hit)
    return hit.publication
  }
  if (hit) {
    parsed.delete(waveId)
    parsedChars -= hit.body.length + (hit.questions?.length ?? 0)
  }
  const publication = parseStored(body, questions)
  shared.add(publication)
  parsed.set(waveId, { body, questions, publication })
  parsedChars += body.length + (questions?.length ?? 0)
  for (const [id, entry] of parsed) {
    if (parsedChars <= PARSED_BUDGET || id === waveId) break
    parsed.delete(id)
    parsedChars -= entry.body.length + (entry.questions?.length ?? 0)
  }
  return publication
}

function toRead(results: PublicationRow[]): PublicationsRead {
  const meta = new Map<string, PublicationMeta>()
  const read = new Map<string, Publication>()
  for (const r of results) {
    meta.set(r.wave_id, { k: r.k, shows: r.shows === 1 })
    if (r.body !== null) read.set(r.wave_id, parse(r.wave_id, r.body, r.questions))
  }
  return { meta, parsed: read }
}

// The shown wave (named, or the one the results open on: worker/db/shown-wave-sql.ts) and the
// published wave before it, in the order of worker/db/waves.ts listWaves (opens_at, id).
const SHOWN_AND_BEFORE = `WITH pw AS (
    SELECT p.wave_id, p.shows, w.opens_at FROM publications p JOIN waves w ON w.id = p.wave_id WHERE w.programme_id = ?1
  ), target AS (
    SELECT w.id, w.opens_at FROM waves w WHERE w.programme_id = ?1 AND w.id = COALESCE(?2, ${LATEST_SHOWN_WAVE_SQL('?1')})
  ), chosen AS (
    SELECT id AS wave_id FROM target
    UNION ALL
    SELECT * FROM (SELECT pw.wave_id FROM pw, target WHERE (pw.opens_at, pw.wave_id) < (target.opens_at, target.id)
      ORDER BY pw.opens_at DESC, pw.wave_id DESC LIMIT 1)
  )`

/** The publications of a programme's waves: which waves are published, and those the scope asks for parsed. */
export async function readPublications(
  db: D1Database,
  programmeId: string,
  scope: PublicationScope = { all: true },
): Promise<PublicationsRead> {
  const statement =
    'all' in scope
      ? db
          .prepare(
            'SELECT p.wave_id, p.k, p.shows, p.body, p.questions FROM publications p JOIN waves w ON w.id = p.wave_id WHERE w.programme_id = ?1',
          )
          .bind(programmeId)
      : db
          .prepare(
            `${SHOWN_AND_BEFORE}
            SELECT p.wave_id, p.k, p.shows,
              CASE WHEN p.wave_id IN (SELECT wave_id FROM chosen) THEN p.body END AS body,
              CASE WHEN p.wave_id IN (SELECT wave_id FROM chosen) THEN p.questions END AS questions
            FROM publications p JOIN waves w ON w.id = p.wave_id WHERE w.programme_id = ?1`,
          )
          .bind(programmeId, scope.wave ?? null)
  const { results } = await statement.all<PublicationRow>()
  return toRead(results)
}

/** The publications of the named waves, parsed: for a read whose scope missed a wave it turned out to need. */
export async function readPublicationsOf(db: D1Database, waveIds: string[]): Promise<Map<string, Publication>> {
  if (waveIds.length === 0) return new Map()
  const { results } = await db
    .prepare(
      `SELECT wave_id, k, shows, body, questions FROM publications WHERE wave_id IN (${waveIds.map((_, i) => `?${i + 1}`).join(', ')})`,
    )
    .bind(...waveIds)
    .all<PublicationRow>()
  return toRead(results).parsed
}

/**
 * The rollups of a wave that D1 itself holds closed, or null while D1's clock says it is still
 * open. Submissions check the same clock in the statement that stores them, and D1 runs one
 * statement at a time: no answer set can be stored after this read, so none is left out of the
 * publication made from it.
 */
export async function readClosedRollups(db: D1Database, waveId: string): Promise<RollupCell[] | null> {
  const [closed, cells, questionRows] = await db.batch([
    db.prepare(`SELECT 1 AS closed FROM waves WHERE id = ?1 AND ${WAVE_CLOSED_SQL(null)}`).bind(waveId),
    db.prepare('SELECT partner_id, role, n, stats FROM rollups WHERE wave_id = ?1').bind(waveId),
    readQuestionRollups(db, waveId),
  ])
  if (!closed!.results.length) return null
  const questions = questionRollupsOf(questionRows!.results)
  return (cells!.results as { partner_id: string; role: Role; n: number; stats: string }[]).map((r) => ({
    waveId,
    partnerId: r.partner_id,
    role: r.role,
    n: r.n,
    stats: JSON.parse(r.stats) as Record<string, number[]>,
    questions: questions.get(`${r.partner_id}|${r.role}`),
  }))
}

/**
 * Stores a wave's publication once, its question counts apart from its moments; when another
 * request stored it first, that one is the publication.
 */
export async function storePublication(db: D1Database, waveId: string, publication: Publication): Promise<Publication> {
  const { scores, questions } = splitQuestions(publication)
  const row = await db
    .prepare(
      'INSERT INTO publications (wave_id, k, body, questions, shows) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (wave_id) DO UPDATE SET wave_id = wave_id RETURNING body, questions',
    )
    .bind(waveId, publication.k, JSON.stringify(scores), JSON.stringify(questions), showsAnything(publication) ? 1 : 0)
    .first<{ body: string; questions: string | null }>()
  return parse(waveId, row!.body, row!.questions)
}

/** How many answer sets each group of a programme's open waves holds: participation, never scores. */
export async function readParticipation(
  db: D1Database,
  programmeId: string,
): Promise<{ waveId: string; partnerId: string; role: Role; n: number }[]> {
  const { results } = await db
    .prepare(
      `SELECT r.wave_id, r.partner_id, r.role, r.n FROM rollups r JOIN waves w ON w.id = r.wave_id
       WHERE w.programme_id = ?1 AND ${WAVE_OPEN_SQL('w')}`,
    )
    .bind(programmeId)
    .all<{ wave_id: string; partner_id: string; role: Role; n: number }>()
  return results.map((r) => ({ waveId: r.wave_id, partnerId: r.partner_id, role: r.role, n: r.n }))
}

/** Links made and headcounts changed after a wave opened, oldest first: shown beside its numbers. */
export async function readWaveChanges(db: D1Database, programmeId: string): Promise<Map<string, WaveChangeRecord[]>> {
  const { results } = await db
    .prepare(
      // By the partner's name, not its id: an order by a random id is one more difference between two
      // programmes alike in what they show (tests/worker/anonymity/twins.test.ts).
      `SELECT c.wave_id, c.partner_id, c.role, c.kind, c.headcount_from, c.headcount_to, c.day FROM wave_changes c JOIN waves w ON w.id = c.wave_id
       JOIN partners p ON p.id = c.partner_id
       WHERE w.programme_id = ?1 ORDER BY c.day, p.name, c.partner_id, c.role, c.kind`,
    )
    .bind(programmeId)
    .all<{
      wave_id: string
      partner_id: string
      role: Role
      kind: 'link' | 'headcount'
      headcount_from: number | null
      headcount_to: number | null
      day: string
    }>()
  const byWave = new Map<string, WaveChangeRecord[]>()
  for (const r of results) {
    const list = byWave.get(r.wave_id) ?? []
    list.push({
      partnerId: r.partner_id,
      role: r.role,
      kind: r.kind,
      headcountFrom: r.headcount_from,
      headcountTo: r.headcount_to,
      day: r.day,
    })
    byWave.set(r.wave_id, list)
  }
  return byWave
}

/** A statement that records a change to a group of a wave that has opened (see 0006_publication.sql). */
export function recordWaveChange(
  db: D1Database,
  waveId: string,
  change: Omit<WaveChangeRecord, 'day'>,
  now = new Date(),
): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO wave_changes (wave_id, partner_id, role, kind, headcount_from, headcount_to, day) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)',
    )
    .bind(waveId, change.partnerId, change.role, change.kind, change.headcountFrom, change.headcountTo, dayOf(now))
}

/** Waves closed by `now` that have no publication yet, with their programme. */
export async function listUnpublishedClosed(db: D1Database, now: Date): Promise<{ id: string; programmeId: string }[]> {
  const { results } = await db
    .prepare(
      `SELECT w.id, w.programme_id FROM waves w WHERE ${WAVE_CLOSED_SQL('w', '?1')} AND NOT EXISTS (SELECT 1 FROM publications p WHERE p.wave_id = w.id)`,
    )
    .bind(now.toISOString())
    .all<{ id: string; programme_id: string }>()
  return results.map((r) => ({ id: r.id, programmeId: r.programme_id }))
}
