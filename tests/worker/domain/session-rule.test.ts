import { describe, expect, it } from 'vitest'
import {
  SESSION_IDLE_MS,
  SESSION_MAX_MS,
  SESSION_TOUCH_MS,
  sessionVerdict,
} from '../../../worker/domain/session-rule.ts'

/** How long a session lasts, at and either side of each limit. */

const start = Date.parse('2027-03-01T09:00:00.000Z')
const at = (ms: number) => new Date(start + ms).toISOString()
const session = (createdMs: number, lastSeenMs: number) => ({ createdAt: at(createdMs), lastSeenAt: at(lastSeenMs) })
const now = (ms: number) => new Date(start + ms)

describe('sessionVerdict', () => {
  it('holds a session as written within a minute of its last use', () => {
    expect(sessionVerdict(session(0, 0), now(0))).toBe('current')
    expect(sessionVerdict(session(0, 0), now(SESSION_TOUCH_MS))).toBe('current')
  })

  it('renews a session used longer ago than that, up to the idle limit', () => {
    expect(sessionVerdict(session(0, 0), now(SESSION_TOUCH_MS + 1))).toBe('renew')
    expect(sessionVerdict(session(0, 0), now(SESSION_IDLE_MS))).toBe('renew')
  })

  it('ends a session idle longer than the idle limit', () => {
    expect(sessionVerdict(session(0, 0), now(SESSION_IDLE_MS + 1))).toBe('ended')
  })

  it('ends a session older than the absolute limit, however recently it was used', () => {
    const recent = SESSION_MAX_MS - 1000
    expect(sessionVerdict(session(0, recent), now(SESSION_MAX_MS))).toBe('current')
    expect(sessionVerdict(session(0, recent), now(SESSION_MAX_MS + 1))).toBe('ended')
  })

  it('keeps its limits: eight hours idle, seven days in all', () => {
    expect(SESSION_IDLE_MS).toBe(8 * 3_600_000)
    expect(SESSION_MAX_MS).toBe(7 * 24 * 3_600_000)
  })
})
