import { fill, percent } from '../../schema/format.ts'
import type { Messages, Lang } from '../i18n/messages.ts'
import type { Participation } from '../domain/participation.ts'
import { groupBound } from '../domain/wave-lifecycle.ts'

/**
 * How one group's participation in an open wave reads, on the results page and the setup page
 * alike, by the rule `participationOf` (worker/domain/participation.ts) decides: no link made,
 * none yet, fewer than k, or the count with its rate where the headcount is known.
 *
 * - `full`: the table cell of the results page and the setup page, "10 antwoorden (8% van 120)";
 * - `sentence`: the same inside a reminder's sentence, where "nog geen" needs its noun.
 */
export function participationText(
  t: Messages,
  lang: Lang,
  x: Participation,
  k: number,
  form: 'full' | 'sentence',
  headcount: number | null = null,
): string {
  const words = form === 'sentence'
  if (x.status === 'unasked') return words ? t.participationUnaskedWords : t.participationUnasked
  if (x.status === 'none') return words ? t.participationNoneWords : t.participationNone
  if (x.status === 'few') return fill(words ? t.participationFewWords : t.participationFew, { k })
  const n = x.n ?? 0
  return x.rate !== null && headcount
    ? fill(t.participationRate, { n, rate: percent(lang).format(x.rate), headcount })
    : fill(t.participationCount, { n })
}

/**
 * The number a group's rate is of on the results and setup pages alike: the most it may take in
 * the wave (`groupBound`, worker/domain/wave-lifecycle.ts), by its partner's id.
 */
export const boundOf =
  (partners: readonly Parameters<typeof groupBound>[0][], changes: Parameters<typeof groupBound>[2]) =>
  (partnerId: string, role: string): number | null => {
    const partner = partners.find((p) => p.id === partnerId)
    return partner ? groupBound(partner, role, changes) : null
  }
