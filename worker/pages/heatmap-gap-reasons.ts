import { fill } from '../../schema/format.ts'
import type { NoGap } from '../domain/gap.ts'
import type { Results } from '../domain/wave-results.ts'
import { listWords, messages, type Lang } from '../i18n/messages.ts'
import { gapLabel } from './results-tables.tsx'

/**
 * Why a partner's cell in the heatmap's gap column has no gap, or has none on some dimensions, in
 * a few words: one of its two groups hidden or not asked (`Results['gapGroups']`), or, with both
 * shown, per dimension what is hidden (`Results['gapMissing']`, worker/domain/gap.ts `whyNoGap`).
 * "geen vergelijking" alone left a lead of 40 partners to guess. Read off what the dashboard
 * answer already holds, the reasons the gap section and the partner's report give, so nothing new
 * is told.
 */
export function heatGapWhy(
  lang: Lang,
  d: Results,
  partnerId: string,
): { groups: string | null; dimensions: string | null } {
  const t = messages[lang]
  const g = d.gapGroups.find((x) => x.id === partnerId)
  const side = (why: 'few' | 'not-asked' | null, few: string, notAsked: string) =>
    why === null ? [] : [fill(why === 'not-asked' ? notAsked : few, { k: d.k })]
  const groups = g
    ? [
        ...side(g.managers, t.heatmap_noGapManagersFew, t.heatmap_noGapManagersNotAsked),
        ...side(g.staff, t.heatmap_noGapStaffFew, t.heatmap_noGapStaffNotAsked),
      ]
    : []
  // Per reason the dimensions it holds for, in the dimensions' order: "Loslaten, Steun: teammanagers minder dan 5".
  const missing = d.gapMissing.dimensions.flatMap((x) =>
    x.partners.filter((p) => p.id === partnerId).map((p) => ({ dimension: x.dimension, why: p.why })),
  )
  const reasons = [...new Set(missing.map((m) => m.why))].map(
    (why) =>
      `${listWords(
        t,
        missing.filter((m) => m.why === why).map((m) => gapLabel(d, lang, m.dimension)),
      )}: ${fill(shortWhy(lang, why), { k: d.k })}`,
  )
  return {
    groups: groups.length > 0 ? groups.join('; ') : null,
    dimensions: reasons.length > 0 ? reasons.join('; ') : null,
  }
}

const shortWhy = (lang: Lang, why: NoGap) => {
  const t = messages[lang]
  return {
    'managers-few': t.heatmap_noGapWhy_managersFew,
    'staff-few': t.heatmap_noGapWhy_staffFew,
    'shared-few': t.heatmap_noGapWhy_sharedFew,
    'shared-hidden': t.heatmap_noGapWhy_sharedHidden,
    'shared-not-kept': t.heatmap_noGapWhy_sharedNotKept,
  }[why]
}
