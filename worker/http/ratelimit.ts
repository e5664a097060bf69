import { sha256Hex } from '../db/ids.ts'
import type { LimitScope } from '../i18n/errors.ts'
import { refuse, type Refusal } from '../services/refusal.ts'

/**
 * Asks a Workers Rate Limiting binding whether `key` may go on; the refusal to throw when not.
 * Keys are hashed so neither tokens, e-mail addresses nor client addresses leave the Worker in a
 * limiter key. Without the binding (a deployment that removed it) nothing is limited.
 */
export async function rateLimited(
  limiter: RateLimit | undefined,
  scope: LimitScope,
  key: string,
): Promise<Refusal | null> {
  if (!limiter) return null
  const { success } = await limiter.limit({ key: `${scope}:${await sha256Hex(key)}` })
  if (success) return null
  return refuse('too-many-requests', { limit: scope })
}

/**
 * The part of a client address that names one client for a limiter: an IPv4 address as it is,
 * an IPv6 address cut to its /64, because one subscriber is routinely given a whole /64 and a
 * limit per IPv6 address would be no limit at all.
 */
export function clientNetwork(address: string): string {
  const ip = address.trim().toLowerCase()
  if (!ip.includes(':')) return ip
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(ip)
  if (mapped) return mapped[1]!
  const [head = '', tail] = ip.split('::')
  const groups = (part: string) => (part ? part.split(':') : [])
  const h = groups(head)
  const full =
    tail === undefined
      ? h
      : [...h, ...Array<string>(Math.max(0, 8 - h.length - groups(tail).length)).fill('0'), ...groups(tail)]
  return `${full
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`
}
