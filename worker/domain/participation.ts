/**
 * Participation of one group while its wave is open: no link made for it (`unasked`), none yet,
 * fewer than k, or the exact count from k on. A group without a link has no answers (they come
 * through one), and whether it has a link is what the lead made: it tells no count.
 */
export type Participation = { status: 'unasked' | 'none' | 'few' | 'counted'; n: number | null; rate: number | null }

export function participationOf(n: number, k: number, headcount: number | null, asked = true): Participation {
  if (n === 0) return { status: asked ? 'none' : 'unasked', n: null, rate: null }
  if (n < k) return { status: 'few', n: null, rate: null }
  return { status: 'counted', n, rate: headcount ? n / headcount : null }
}
