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

type PublicationRow = {
  wave_id: string
  k: number
  shows: number
  stamp: string | null
  chosen: number
  body: string | null
  questions: string | null
}

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

type Kept = { stamp: string; programmeId: string | null; chars: number; publication: Publication }

/**
 * Publications parsed in this isolate, one per wave, by the stamp of the text they were parsed
 * from (schema/migrations/0016_publication_stamp.sql: D1 gives a text a new stamp whenever it is
 * written, so one stamp names one text). A read tells D1 the stamps it holds for the programme and
 * gets the text only of the others (`readPublications`): the 300 KB a dashboard read carried from
 * D1 at 40 partners is sent once per isolate, and the same object goes to every read, so what the
 * results service derives from it is kept with it (worker/services/results-service.ts `derived`;
 * BENCHMARKS.md, "Derived once per publication"). A new stamp (a purge and republication, a
 * restore, an edit) is a miss, parsed anew. Only the parsed object is kept, not its text, within
 * `publicationCache.budget` characters of the text it came from, the least recently read dropped
 * first.
 */
const kept = new Map<string, Kept>()
let keptChars = 0
/** How much is kept (for tests: the budget may be lowered to see it hold). */
export const publicationCache = {
  budget: 3_000_000,
  size: () => kept.size,
  chars: () => keptChars,
}
/** The publications this module handed out from stored text: shared between reads, so never to be changed. */
const shared = new WeakSet<Publication>()

/** Whether `publication` came from a stored row and is shared by every read of this isolate (never change it). */
export const isShared = (publication: Publication): boolean => shared.has(publication)

/** The stamp of the stored text each kept publication was parsed from: one stamp names one text. */
const stamps = new WeakMap<Publication, string>()

/**
 * The stamp of the text `publication` was parsed from, or undefined for one without (a row from
 * before 0016, or a publication a caller built): what an answer made from it is kept under
 * (worker/services/answer-cache.ts).
 */
export const stampOf = (publication: Publication): string | undefined => stamps.get(publication)

function forget(waveId: string): void {
  const entry = kept.get(waveId)
  if (!entry) return
  kept.delete(waveId)
  keptChars -= entry.chars
}

/** The kept publication of `waveId` read now with `stamp`, moved to the most recently read; else undefined. */
function keptOf(waveId: string, stamp: string | null, programmeId: string | null): Publication | undefined {
  const hit = kept.get(waveId)
  if (!hit || stamp === null || hit.stamp !== stamp) return undefined
  kept.delete(waveId)
  kept.set(waveId, programmeId && !hit.programmeId ? { ...hit, programmeId } : hit)
  return hit.publication
}

function parse(
  waveId: string,
  stamp: string | null,
  programmeId: string | null,
  body: string,
  questions: string | null,
): Publication {
  const hit = keptOf(waveId, stamp, programmeId)
  if (hit) return hit
  forget(waveId)
  const publication = parseStored(body, questions)
  shared.add(publication)
  // A row without a stamp (none can be since 0016's triggers) is parsed on every read, never kept.
  if (stamp === null) return publication
  stamps.set(publication, stamp)
  const chars = body.length + (questions?.length ?? 0)
  kept.set(waveId, { stamp, programmeId, chars, publication })
  keptChars += chars
  for (const id of kept.keys()) {
    if (keptChars <= publicationCache.budget || id === waveId) break
    forget(id)
  }
  return publication
}

/**
 * What this isolate holds of a programme's publications, as `wave|stamp` keys for the SQL, and
 * the objects themselves: held by the read, so that another request dropping one from the cache
 * while D1 answers does not leave this read without a text it was not sent.
 */
function heldFor(programmeId: string): { keys: string; held: Map<string, Kept> } {
  const held = new Map<string, Kept>()
  for (const [waveId, entry] of kept) if (entry.programmeId === programmeId) held.set(waveId, entry)
  // One string searched with instr(), not a JSON array: json_each's rows would count as rows read.
  return { keys: `,${[...held].map(([waveId, e]) => `${waveId}|${e.stamp}`).join(',')},`, held }
}

function toRead(
  results: PublicationRow[],
  programmeId: string | null,
  held: Map<string, Kept>,
): PublicationsRead & { missed: string[] } {
  const meta = new Map<string, PublicationMeta>()
  const read = new Map<string, Publication>()
  const missed: string[] = []
  for (const r of results) {
    meta.set(r.wave_id, { k: r.k, shows: r.shows === 1 })
    if (r.chosen !== 1) continue
    if (r.body !== null) {
      read.set(r.wave_id, parse(r.wave_id, r.stamp, programmeId, r.body, r.questions))
      continue
    }
    // No text: D1 found this read holds it (the stamp is among `held`'s keys).
    const entry = held.get(r.wave_id)
    if (!entry || entry.stamp !== r.stamp) {
      missed.push(r.wave_id)
      continue
    }
    keptOf(r.wave_id, r.stamp, programmeId)
    read.set(r.wave_id, entry.publication)
  }
  return { meta, parsed: read, missed }
}

/**
 * A wave's threshold, `shows` and stamp, read from their index (schema/migrations/0017): a seek
 * into the WITHOUT ROWID table reads each row it compares whole, some 160 KB of text at 40
 * partners, where the index holds a few bytes (BENCHMARKS.md, "Where a dashboard read's time goes").
 */
const META = 'INDEXED BY publications_meta'

// The shown wave (named, or the one the results open on: worker/db/shown-wave-sql.ts) and the
// published wave before it, in the order of worker/db/waves.ts listWaves (opens_at, id).
const SHOWN_AND_BEFORE = (wave: string) => `WITH pw AS (
    SELECT p.wave_id, p.shows, w.opens_at FROM publications p ${META} JOIN waves w ON w.id = p.wave_id WHERE w.programme_id = ?1
  ), target AS (
    SELECT w.id, w.opens_at FROM waves w WHERE w.programme_id = ?1 AND w.id = COALESCE(${wave}, ${LATEST_SHOWN_WAVE_SQL('?1')})
  ), chosen AS (
    SELECT id AS wave_id FROM target
    UNION ALL
    SELECT * FROM (SELECT pw.wave_id FROM pw, target WHERE (pw.opens_at, pw.wave_id) < (target.opens_at, target.id)
      ORDER BY pw.opens_at DESC, pw.wave_id DESC LIMIT 1)
  )`

/**
 * The publications of a programme's waves: which waves are published, and those the scope asks for
 * parsed. The text of a publication comes from D1 only when this isolate does not hold it under
 * the same stamp (`kept`): the stamps held are a parameter, compared in the SQL.
 */
export async function readPublications(
  db: D1Database,
  programmeId: string,
  scope: PublicationScope = { all: true },
): Promise<PublicationsRead> {
  const { keys, held } = heldFor(programmeId)
  // The text of a chosen wave, unless the read holds it under the same stamp (?2: `,wave|stamp,` keys).
  // Everything else is read from the index (`META`); the table is sought only for a text sent.
  const text = (column: 'body' | 'questions', chosen: string) =>
    `CASE WHEN ${chosen} AND (p.stamp IS NULL OR instr(?2, ',' || p.wave_id || '|' || p.stamp || ',') = 0)
      THEN (SELECT t.${column} FROM publications t WHERE t.wave_id = p.wave_id) END AS ${column}`
  const statement =
    'all' in scope
      ? db
          .prepare(
            `SELECT p.wave_id, p.k, p.shows, p.stamp, 1 AS chosen, ${text('body', '1')}, ${text('questions', '1')}
            FROM publications p ${META} JOIN waves w ON w.id = p.wave_id WHERE w.programme_id = ?1`,
          )
          .bind(programmeId, keys)
      : db
          .prepare(
            `${SHOWN_AND_BEFORE('?3')}
            SELECT p.wave_id, p.k, p.shows, p.stamp, p.wave_id IN (SELECT wave_id FROM chosen) AS chosen,
              ${text('body', 'p.wave_id IN (SELECT wave_id FROM chosen)')},
              ${text('questions', 'p.wave_id IN (SELECT wave_id FROM chosen)')}
            FROM publications p ${META} JOIN waves w ON w.id = p.wave_id WHERE w.programme_id = ?1`,
          )
          .bind(programmeId, keys, scope.wave ?? null)
  const { results } = await statement.all<PublicationRow>()
  const { meta, parsed: read, missed } = toRead(results, programmeId, held)
  // Sent without a text this read does not hold (none can be: the keys are the held ones): read it now.
  for (const [id, pub] of await readPublicationsOf(db, missed)) read.set(id, pub)
  return { meta, parsed: read }
}

/** The publications of the named waves, parsed: for a read whose scope missed a wave it turned out to need. */
export async function readPublicationsOf(db: D1Database, waveIds: string[]): Promise<Map<string, Publication>> {
  if (waveIds.length === 0) return new Map()
  const { results } = await db
    .prepare(
      `SELECT wave_id, k, shows, stamp, 1 AS chosen, body, questions FROM publications WHERE wave_id IN (${waveIds.map((_, i) => `?${i + 1}`).join(', ')})`,
    )
    .bind(...waveIds)
    .all<PublicationRow>()
  const { parsed: read } = toRead(results, null, new Map())
  return read
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
      `INSERT INTO publications (wave_id, k, body, questions, shows, stamp) VALUES (?1, ?2, ?3, ?4, ?5, lower(hex(randomblob(16))))
       ON CONFLICT (wave_id) DO UPDATE SET wave_id = wave_id RETURNING body, questions, stamp`,
    )
    .bind(waveId, publication.k, JSON.stringify(scores), JSON.stringify(questions), showsAnything(publication) ? 1 : 0)
    .first<{ body: string; questions: string | null; stamp: string | null }>()
  return parse(waveId, row!.stamp, null, row!.body, row!.questions)
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
