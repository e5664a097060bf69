import type { Role } from '../../schema/instrument.ts'
import { randomToken, sha256Hex } from './ids.ts'
import { toWave, type Wave, type WaveRow } from './waves.ts'

export type LinkTarget = { wave: Wave; partner: { id: string; name: string }; role: Role; revoked: boolean }

/** Makes a link and returns its token: the only moment the token exists outside the link itself. */
export async function createLink(db: D1Database, waveId: string, partnerId: string, role: Role): Promise<string> {
  const token = randomToken()
  await db
    .prepare('INSERT INTO links (token_hash, wave_id, partner_id, role) VALUES (?1, ?2, ?3, ?4)')
    .bind(await sha256Hex(token), waveId, partnerId, role)
    .run()
  return token
}

type LinkRow = WaveRow & { revoked: number; role: Role; partner_id: string; partner_name: string }

/** What a token names: its wave, partner and role. */
export async function findLink(db: D1Database, token: string): Promise<LinkTarget | null> {
  const row = await db
    .prepare(
      `SELECT l.revoked, l.role, p.id AS partner_id, p.name AS partner_name,
              w.id, w.programme_id, w.label, w.instrument_id, w.instrument_version, w.opens_at, w.closes_at
       FROM links l JOIN waves w ON w.id = l.wave_id JOIN partners p ON p.id = l.partner_id
       WHERE l.token_hash = ?1`,
    )
    .bind(await sha256Hex(token))
    .first<LinkRow>()
  if (!row) return null
  return {
    revoked: row.revoked === 1,
    role: row.role,
    partner: { id: row.partner_id, name: row.partner_name },
    wave: toWave(row),
  }
}
