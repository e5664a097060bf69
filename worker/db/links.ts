import type { Role } from '../../schema/instrument.ts'
import { askedKey } from '../domain/records.ts'
import { GROUP_HEADCOUNT_SQL } from './headcount-sql.ts'
import { LATEST_SHOWN_WAVE_SQL } from './shown-wave-sql.ts'
import { randomToken, sha256Hex } from './ids.ts'
import { toWave, type Wave, type WaveRow } from './waves.ts'

/**
 * What a token names. `answered` and `headcount` say whether its group is complete, for the
 * survey's kind message; the statement that stores an answer set checks that again itself.
 */
export type LinkTarget = {
  id: string
  wave: Wave
  partner: { id: string; name: string }
  role: Role
  revoked: boolean
  answered: number
  headcount: number | null
}

/**
 * Makes a link and returns its token: the only moment the token exists outside the link itself.
 * In one batch after `guards` (worker/db/meanwhile.ts: its wave and partner still there) and
 * before `also` (the wave's record of a link made while open).
 */
export async function createLink(
  db: D1Database,
  waveId: string,
  partnerId: string,
  role: Role,
  guards: D1PreparedStatement[] = [],
  also: D1PreparedStatement[] = [],
): Promise<{ id: string; token: string }> {
  const token = randomToken()
  const id = await sha256Hex(token)
  await db.batch([
    ...guards,
    db
      .prepare('INSERT INTO links (token_hash, wave_id, partner_id, role) VALUES (?1, ?2, ?3, ?4)')
      .bind(id, waveId, partnerId, role),
    ...also,
  ])
  return { id, token }
}

/** Whether a group (wave, partner, role) already has a link, withdrawn or not, or answer sets. */
export async function groupHadWayIn(db: D1Database, waveId: string, partnerId: string, role: Role): Promise<boolean> {
  const row = await db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM links WHERE wave_id = ?1 AND partner_id = ?2 AND role = ?3)
           OR EXISTS (SELECT 1 FROM rollups WHERE wave_id = ?1 AND partner_id = ?2 AND role = ?3 AND n > 0) AS had`,
    )
    .bind(waveId, partnerId, role)
    .first<{ had: number }>()
  return row?.had === 1
}

/**
 * Every group (wave, partner, role) of a programme that has or had a way in, as `groupHadWayIn`
 * says it: a link, withdrawn or not, or answer sets (which came through one), as
 * `wave|partner|role`. A group without either was not asked in that wave. Whether a
 * link existed is what the lead made; answers without a link do not happen, so this tells no
 * count either: a group that had a link reads the same with 0 answers as with k − 1. A group with
 * both comes twice (UNION ALL: the Set drops the second), which is cheaper than SQLite sorting
 * 1,200 rows to drop them (BENCHMARKS.md, "Where a dashboard read's time goes").
 */
export async function listAskedGroups(db: D1Database, programmeId: string): Promise<Set<string>> {
  const { results } = await db
    .prepare(
      `SELECT l.wave_id, l.partner_id, l.role FROM links l JOIN waves w ON w.id = l.wave_id WHERE w.programme_id = ?1
       UNION ALL
       SELECT r.wave_id, r.partner_id, r.role FROM rollups r JOIN waves w ON w.id = r.wave_id WHERE w.programme_id = ?1 AND r.n > 0`,
    )
    .bind(programmeId)
    .all<{ wave_id: string; partner_id: string; role: Role }>()
  return new Set(results.map((r) => askedKey(r.wave_id, r.partner_id, r.role)))
}

/**
 * The groups asked (as `listAskedGroups`) of one wave only: the wave named, else the one the
 * results open on (worker/db/shown-wave-sql.ts), what a read of one wave's results needs, with
 * that wave's id (null: no such wave of the programme). At 10 waves a tenth of the rows, which
 * D1 sends and the Worker reads (BENCHMARKS.md, "Where a dashboard read's time goes").
 */
export async function listAskedGroupsOfWave(
  db: D1Database,
  programmeId: string,
  waveId: string | undefined,
): Promise<{ wave: string | null; asked: Set<string> }> {
  const { results } = await db
    .prepare(
      `WITH target AS (
         SELECT w.id FROM waves w WHERE w.programme_id = ?1 AND w.id = COALESCE(?2, ${LATEST_SHOWN_WAVE_SQL('?1')})
       )
       SELECT id AS wave_id, NULL AS partner_id, NULL AS role FROM target
       UNION ALL
       SELECT l.wave_id, l.partner_id, l.role FROM links l WHERE l.wave_id = (SELECT id FROM target)
       UNION ALL
       SELECT r.wave_id, r.partner_id, r.role FROM rollups r WHERE r.wave_id = (SELECT id FROM target) AND r.n > 0`,
    )
    .bind(programmeId, waveId ?? null)
    .all<{ wave_id: string; partner_id: string | null; role: Role | null }>()
  const asked = new Set<string>()
  let wave: string | null = null
  for (const r of results) {
    if (r.partner_id === null || r.role === null) wave = r.wave_id
    else asked.add(askedKey(r.wave_id, r.partner_id, r.role))
  }
  return { wave, asked }
}

/**
 * A link as its lead sees it after it was made: no token, only what it names. Its id is the hash
 * of the token, which opens nothing.
 */
export type LinkSummary = { id: string; partnerId: string; role: Role; revoked: boolean; sealed: boolean }

export async function listLinks(db: D1Database, waveId: string): Promise<LinkSummary[]> {
  const { results } = await db
    .prepare(
      'SELECT l.token_hash, l.partner_id, l.role, l.revoked, l.sealed IS NOT NULL AS sealed FROM links l JOIN partners p ON p.id = l.partner_id WHERE l.wave_id = ?1 ORDER BY p.name, l.role, l.token_hash',
    )
    .bind(waveId)
    .all<{ token_hash: string; partner_id: string; role: Role; revoked: number; sealed: number }>()
  return results.map((r) => ({
    id: r.token_hash,
    partnerId: r.partner_id,
    role: r.role,
    revoked: r.revoked === 1,
    sealed: r.sealed === 1,
  }))
}

/** Revokes a link for good; its sealed token, if it still had one, goes with it. False when unknown. */
export async function revokeLink(db: D1Database, waveId: string, id: string): Promise<boolean> {
  const res = await db
    .prepare('UPDATE links SET revoked = 1, sealed = NULL WHERE wave_id = ?1 AND token_hash = ?2')
    .bind(waveId, id)
    .run()
  return res.meta.changes === 1
}

/** Sealed tokens of a wave's links, taken out of the database as they are read: they are shown once. */
export async function takeSealed(
  db: D1Database,
  waveId: string,
): Promise<{ id: string; partnerId: string; role: Role; sealed: string }[]> {
  // One transaction: what is read is what is cleared (RETURNING would give the cleared value).
  const [read] = await db.batch<{ token_hash: string; partner_id: string; role: Role; sealed: string }>([
    db
      .prepare(
        'SELECT token_hash, partner_id, role, sealed FROM links WHERE wave_id = ?1 AND sealed IS NOT NULL AND revoked = 0',
      )
      .bind(waveId),
    db.prepare('UPDATE links SET sealed = NULL WHERE wave_id = ?1 AND sealed IS NOT NULL').bind(waveId),
  ])
  return read!.results.map((r) => ({ id: r.token_hash, partnerId: r.partner_id, role: r.role, sealed: r.sealed }))
}

type LinkRow = WaveRow & {
  token_hash: string
  revoked: number
  role: Role
  partner_id: string
  partner_name: string
  answered: number
  headcount: number | null
}

/** What a token names: its wave, partner and role. */
export async function findLink(db: D1Database, token: string): Promise<LinkTarget | null> {
  const row = await db
    .prepare(
      `SELECT l.token_hash, l.revoked, l.role, p.id AS partner_id, p.name AS partner_name,
              coalesce((SELECT r.n FROM rollups r WHERE r.wave_id = l.wave_id AND r.partner_id = l.partner_id AND r.role = l.role), 0) AS answered,
              ${GROUP_HEADCOUNT_SQL('l.wave_id', 'l.partner_id', 'l.role')} AS headcount,
              w.id, w.programme_id, w.label, w.instrument_id, w.instrument_version, w.opens_at, w.closes_at, w.min_group_size, w.created_at
       FROM links l JOIN waves w ON w.id = l.wave_id JOIN partners p ON p.id = l.partner_id
       WHERE l.token_hash = ?1`,
    )
    .bind(await sha256Hex(token))
    .first<LinkRow>()
  if (!row) return null
  return {
    id: row.token_hash,
    revoked: row.revoked === 1,
    role: row.role,
    partner: { id: row.partner_id, name: row.partner_name },
    wave: toWave(row),
    answered: row.answered,
    headcount: row.headcount,
  }
}

/**
 * The INSERT of a link whose token is kept sealed until a lead reveals it, run only when its wave
 * exists: in the cadence's `batch()`, after the wave's own conditional INSERT.
 */
export function createSealedLink(
  db: D1Database,
  link: { tokenHash: string; waveId: string; partnerId: string; role: Role; sealed: string },
): D1PreparedStatement {
  return db
    .prepare(
      'INSERT INTO links (token_hash, wave_id, partner_id, role, sealed) SELECT ?1, ?2, ?3, ?4, ?5 WHERE EXISTS (SELECT 1 FROM waves WHERE id = ?2)',
    )
    .bind(link.tokenHash, link.waveId, link.partnerId, link.role, link.sealed)
}

/**
 * New links for the given groups of a wave, in one batch: every link of each group still working
 * is revoked (its sealed token with it) and one new link is made, so a group never has two ways in
 * and a half-done replacement cannot happen. `also` runs in the same batch (the wave's record of
 * links made while open), after `guards` (worker/db/meanwhile.ts). The tokens are returned and
 * exist nowhere else.
 */
export async function replaceLinks(
  db: D1Database,
  waveId: string,
  groups: { partnerId: string; role: Role }[],
  also: D1PreparedStatement[] = [],
  guards: D1PreparedStatement[] = [],
): Promise<{ id: string; partnerId: string; role: Role; token: string }[]> {
  const made = await Promise.all(
    groups.map(async (g) => {
      const token = randomToken()
      return { ...g, token, id: await sha256Hex(token) }
    }),
  )
  if (made.length === 0) return []
  await db.batch([
    ...guards,
    ...made.flatMap((m) => [
      db
        .prepare(
          'UPDATE links SET revoked = 1, sealed = NULL WHERE wave_id = ?1 AND partner_id = ?2 AND role = ?3 AND revoked = 0',
        )
        .bind(waveId, m.partnerId, m.role),
      db
        .prepare('INSERT INTO links (token_hash, wave_id, partner_id, role) VALUES (?1, ?2, ?3, ?4)')
        .bind(m.id, waveId, m.partnerId, m.role),
    ]),
    ...also,
  ])
  return made
}
