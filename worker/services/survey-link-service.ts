import type { Instrument } from '../../schema/instrument.ts'
import { TOKEN_PATTERN } from '../db/ids.ts'
import { findLink, type LinkTarget } from '../db/links.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { refuse } from './refusal.ts'
import { findInstrument } from './instrument-catalogue.ts'

/**
 * Links this isolate looked up in the last few seconds. A team that answers together after a
 * meeting submits through one link many times a minute; each submission then costs the batch it
 * writes and not also a read. Revoking a link or changing a wave empties the cache in the isolate
 * that did it; other isolates see the change within LINK_CACHE_MS. Tokens stay in memory only.
 */
const LINK_CACHE_MS = 5_000
const LINK_CACHE_MAX = 2_000
const linkCache = new Map<string, { link: LinkTarget; until: number }>()

async function cachedLink(db: D1Database, token: string): Promise<LinkTarget | null> {
  const now = Date.now()
  const hit = linkCache.get(token)
  if (hit && hit.until > now) return hit.link
  const link = await findLink(db, token)
  if (linkCache.size >= LINK_CACHE_MAX) linkCache.clear()
  if (link) linkCache.set(token, { link, until: now + LINK_CACHE_MS })
  else linkCache.delete(token)
  return link
}

/** After a lead revokes a link or changes a wave: this isolate reads links afresh. */
export const forgetLinks = () => linkCache.clear()

/** A token that names nothing, or a withdrawn link: the same answer for both. */
export const unknownLink = () => refuse('unknown-survey-link')

/**
 * What a survey token names, and the wave's instrument. Shared by the API and the survey page.
 * Throws 404 for a token that does not exist or was revoked, 410 for a wave that is not open.
 */
export async function openLink(
  db: D1Database,
  token: string,
): Promise<{ link: LinkTarget; instrument: Instrument; state: 'planned' | 'open' | 'closed' }> {
  const link = TOKEN_PATTERN.test(token) ? await cachedLink(db, token) : null
  if (!link || link.revoked) {
    throw unknownLink()
  }
  const instrument = findInstrument(link.wave.instrument, link.wave.instrumentVersion)
  if (!instrument) throw new Error(`instrument ${link.wave.instrument} v${link.wave.instrumentVersion} is not shipped`)
  return { link, instrument, state: waveState(link.wave) }
}

/**
 * Whether a link's group takes answer sets: not when it holds its headcount already (said
 * kindly, before anyone starts), nor when it has no headcount at all (a link from before
 * headcounts were required; the statement that stores an answer set refuses both).
 */
export function groupClosedFor(link: Pick<LinkTarget, 'headcount' | 'answered'>): 'complete' | 'uncounted' | null {
  if (!link.headcount) return 'uncounted'
  return link.answered >= link.headcount ? 'complete' : null
}
