import { decimal } from '../../schema/format.ts'
import type { Gap, GapBasis as Basis, PartnerGap } from '../domain/gap.ts'
import { countOf, messages, type Lang } from '../i18n/messages.ts'
import { fill, signed } from '../../schema/format.ts'

/**
 * The manager–staff gap in plain words, for the results page, the stand-outs and the
 * partner report alike: every number is one the table beside it shows (worker/domain/gap.ts), and
 * the words say what a gap can mean (views differ; a positive gap is the normal case) and not
 * what it cannot (who is right, whether managers have adapted). A partner is compared with the
 * median gap of the other partners (worker/domain/gap.ts `typicalOfOthers`); where the data cannot
 * tell them apart the words say "not clearly different", never "the same" or "as usual"; the
 * median is "the usual gap" on the page, its term in the glossary.
 */

/** A shown value with a real minus sign when negative. */
export const num = (lang: Lang, x: number) => `${x < 0 ? '−' : ''}${decimal(lang).format(Math.abs(x))}`

/** "0,2 to 1,0", or a dash without an interval. */
export const intervalText = (lang: Lang, ci: readonly [number, number] | null) =>
  ci ? fill(messages[lang].gap_intervalValue, { low: num(lang, ci[0]), high: num(lang, ci[1]) }) : '–'

/** What the gap and its interval say: higher, lower, or not to be told from none. */
export function gapSentence(lang: Lang, g: Gap): string {
  const t = messages[lang]
  const values = {
    gap: num(lang, Math.abs(g.gap)),
    low: g.ci95 ? num(lang, g.ci95[0]) : '–',
    high: g.ci95 ? num(lang, g.ci95[1]) : '–',
  }
  if (g.reading === 'higher') return fill(t.gap_higher, values)
  if (g.reading === 'lower') return fill(t.gap_lower, values)
  return fill(g.gap > 0 ? t.gap_unclearHigher : g.gap < 0 ? t.gap_unclearLower : t.gap_unclearZero, values)
}

/** The other partners' median gap in words, with how many partners it is the median of. */
function typicalSentence(lang: Lang, typical: number, partners: number): string {
  return fill(messages[lang].gap_typicalOthers, { typical: signed(lang, typical), partners })
}

/** A partner's gap against the other partners' median; a positive gap among positive ones is named as the common case. */
function versusSentence(lang: Lang, g: PartnerGap): string {
  const t = messages[lang]
  if (g.versusTypical === 'larger') return t.gap_larger
  if (g.versusTypical === 'smaller') return t.gap_smaller
  if (g.versusTypical === 'same') return g.gap > 0 && (g.typical ?? 0) > 0 ? t.gap_sameCommon : t.gap_same
  return ''
}

/**
 * The whole reading of a partner's gap: what it says, the other partners' median, how the two compare, and
 * (unless a list of them says it once, `caveat: false`) what a gap cannot say.
 */
export function gapWords(lang: Lang, g: PartnerGap, { caveat = true } = {}): string {
  return [
    gapSentence(lang, g),
    g.typical === null || g.typicalPartners === null ? '' : typicalSentence(lang, g.typical, g.typicalPartners),
    versusSentence(lang, g),
    caveat ? messages[lang].gap_caveat : '',
  ]
    .filter(Boolean)
    .join(' ')
}

/** The short verdict in a table cell: larger / not clearly different / smaller than the usual gap at the other partners, with it. */
export function versusText(lang: Lang, g: PartnerGap): string {
  if (g.versusTypical === null || g.typical === null) return '–'
  return fill(messages[lang][`gap_versus_${g.versusTypical}`], {
    typical: signed(lang, g.typical),
    partners: g.typicalPartners ?? 0,
  })
}

/** Where staff's and team managers' scores rest on different questions, one line per dimension saying so (domain/gap.ts `gapBases`). */
export function GapBasis({
  lang,
  bases,
  label,
  heading: H = 'h4',
}: {
  lang: Lang
  bases: Basis[]
  label: (key: string) => string
  /** One level under the section it is in: h4 under the results page's h3, h3 under the report's h2 (axe heading-order). */
  heading?: 'h3' | 'h4'
}) {
  const t = messages[lang]
  if (bases.length === 0) return null
  // Dimensions whose bases read alike are one sentence naming them all: the report printed two
  // paragraphs word for word the same but for the dimension (a lead's review).
  const alike = new Map<string, Basis[]>()
  for (const b of bases) {
    const key = JSON.stringify([b.on, b.staff, b.managers, b.shared, b.staffOnly])
    alike.set(key, [...(alike.get(key) ?? []), b])
  }
  const names = (xs: Basis[]) => {
    const ls = xs.map((b) => label(b.dimension))
    return ls.length < 2 ? ls.join('') : `${ls.slice(0, -1).join(', ')} ${t.standouts_and} ${ls.at(-1)}`
  }
  return (
    <section class="gap-basis" aria-label={t.gap_basisHeading}>
      <H>{t.gap_basisHeading}</H>
      <ul>
        {[...alike.values()].map((group) => {
          const b = group[0]!
          return (
            <li data-dimension={group.map((x) => x.dimension).join(' ')}>
              {countOf(t, lang, b.on === 'shared' ? 'gap_basisShared' : 'gap_basis', b.staffOnly, {
                dimension: names(group),
                staff: b.staff,
                managers: b.managers,
                shared: b.shared,
              })}
            </li>
          )
        })}
      </ul>
    </section>
  )
}

/** Whether a dimension's gap compares staff's score on the shared questions (`gapBases`, `on: 'shared'`). */
export const onShared = (bases: readonly Basis[], dimension: string) =>
  bases.some((b) => b.dimension === dimension && b.on === 'shared')

/**
 * Staff's side of a gap as shown, and, where it is their score on the questions team managers are
 * also asked (`onShared`), saying so: the staff score beside it in the other tables is the whole
 * score, on every question, so without the words the gap would not add up by hand.
 */
function StaffSide({ lang, staff, shared }: { lang: Lang; staff: number; shared: boolean }) {
  return (
    <>
      {decimal(lang).format(staff)}
      {shared && <span class="gap-shared">{` (${messages[lang].gap_staffShared})`}</span>}
    </>
  )
}

/**
 * The four cells every gap row has, in every gap table (the programme's, the partners', the
 * partner report's): managers' view, staff's (`StaffSide`), the gap and its interval, as shown.
 */
export function GapCells({ lang, g, bases }: { lang: Lang; g: Gap & { dimension: string }; bases: readonly Basis[] }) {
  return (
    <>
      <td>{decimal(lang).format(g.manager)}</td>
      <td>
        <StaffSide lang={lang} staff={g.staff} shared={onShared(bases, g.dimension)} />
      </td>
      <td class={g.gap > 0 ? 'gap-positive' : undefined}>{signed(lang, g.gap)}</td>
      <td>{intervalText(lang, g.ci95)}</td>
    </>
  )
}
