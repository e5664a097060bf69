/** Participation of one group while its wave is open: none yet, fewer than k, or the exact count from k on. */
export type Participation = { status: 'none' | 'few' | 'counted'; n: number | null; rate: number | null }

export function participationOf(n: number, k: number, headcount: number | null): Participation {
  if (n === 0) return { status: 'none', n: null, rate: null }
  if (n < k) return { status: 'few', n: null, rate: null }
  return { status: 'counted', n, rate: headcount ? n / headcount : null }
}
