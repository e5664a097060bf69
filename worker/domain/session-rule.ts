/**
 * How long a session lasts: the rule, apart from where sessions are stored (worker/db/users.ts).
 * Pure: given when a session started and was last used, and the time now, it says whether the
 * session still holds and whether its last use should be written down.
 */
import { DAY_MS } from '../../schema/format.ts'

/** A session ends after this long without use. */
export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000
/** …and after this long in any case. */
export const SESSION_MAX_MS = 7 * DAY_MS
/** Its last use is written at most this often: a write per request would cost more than it tells. */
export const SESSION_TOUCH_MS = 60_000

export type SessionTimes = { createdAt: string; lastSeenAt: string }

/**
 * `ended` when the session was idle too long or is too old (it should be removed), `renew` when it
 * holds and its last use is older than `SESSION_TOUCH_MS`, `current` when it holds as written.
 */
export function sessionVerdict(s: SessionTimes, now: Date): 'ended' | 'renew' | 'current' {
  const t = now.getTime()
  const idle = t - Date.parse(s.lastSeenAt)
  if (idle > SESSION_IDLE_MS || t - Date.parse(s.createdAt) > SESSION_MAX_MS) return 'ended'
  return idle > SESSION_TOUCH_MS ? 'renew' : 'current'
}
