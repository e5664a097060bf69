import { sha256Hex } from '../db/ids.ts'
import { problem } from './problem.ts'

/**
 * Asks a Workers Rate Limiting binding whether `key` may go on; a 429 problem when not.
 * Keys are hashed so neither tokens nor e-mail addresses leave the Worker in a limiter key.
 * Without the binding (a deployment that removed it) nothing is limited.
 */
export async function rateLimited(limiter: RateLimit | undefined, scope: string, key: string, what: string): Promise<Response | null> {
  if (!limiter) return null
  const { success } = await limiter.limit({ key: `${scope}:${await sha256Hex(key)}` })
  if (success) return null
  return problem(429, 'Too many requests', `Too many ${what} in a short time. Wait a minute and try again.`, {}, { 'retry-after': '60' })
}
