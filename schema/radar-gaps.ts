import { fill } from './format.ts'

/**
 * Where the lines the radar draws have no point: per chosen line, the axes it has no score on
 * ("Gemeente Utrecht (Steun en overleg)"), in one sentence, or empty. Chart.js leaves a gap in
 * the line there, which a reader took for a drawing fault (a lead's walk-through). The page says
 * it under the radar for the first lines (worker/pages/results-page.tsx) and web/results.ts again
 * whenever the lines chosen change.
 */
export function radarGapsText(
  series: readonly { label: string; values: readonly (number | null)[] }[],
  chosen: readonly boolean[],
  axes: readonly string[],
  sentence: string,
): string {
  const gaps = series.flatMap((s, i) => {
    if (!chosen[i]) return []
    const missing = axes.filter((_, a) => s.values[a] == null)
    return missing.length ? [`${s.label} (${missing.join(', ')})`] : []
  })
  return gaps.length ? fill(sentence, { list: gaps.join('; ') }) : ''
}

/**
 * Whether a partner's line is the programme's line as the reader sees it: a point on every axis the
 * programme has one on, each the same value as `show` prints it (the page's one decimal: the lines
 * carry the exact means, 3.2 beside 3.2000000000000006), and none where it has none. Drawn over it,
 * one line vanished under the other in a small radar (a lead's review), so the page draws the
 * partner's above, in its own dash and points, and says it in words (web/results.ts `drawMultiples`).
 */
export function sameLine(
  partner: readonly (number | null)[],
  programme: readonly (number | null)[],
  show: (value: number) => string,
): boolean {
  const seen = (v: number | null | undefined) => (v == null ? null : show(v))
  return (
    partner.length === programme.length &&
    partner.some((v) => v != null) &&
    partner.every((v, i) => seen(v) === seen(programme[i]))
  )
}

/**
 * The main radar's text alternative, for the lines it draws: the partners' lines, then the
 * programme's named apart as the line they are read against (solid black, drawn under theirs, as
 * in the small radars: web/results.ts `radar`), then the partners whose line lies on it
 * (`sameLine`), which a reader of the picture sees only as a dashed line on the black. Without the
 * programme among the lines drawn, `alt` names them all; `programme` is its index, -1 when the
 * page has no programme line. The page says it for the first lines (worker/pages/results-page.tsx)
 * and web/results.ts again whenever the lines chosen change.
 */
export function radarAltText(
  series: readonly { label: string; values: readonly (number | null)[] }[],
  chosen: readonly boolean[],
  programme: number,
  words: { alt: string; altProgramme: string; sameLines: string },
  show: (value: number) => string,
): string {
  const reference = programme >= 0 && chosen[programme] ? series[programme] : undefined
  const partners = series.filter((_, i) => chosen[i] && i !== programme).map((s) => s.label)
  if (!reference || partners.length === 0)
    return fill(words.alt, {
      partners: series
        .filter((_, i) => chosen[i])
        .map((s) => s.label)
        .join(', '),
    })
  const same = series.filter((s, i) => chosen[i] && i !== programme && sameLine(s.values, reference.values, show))
  const text = fill(words.altProgramme, { partners: partners.join(', '), programme: reference.label })
  return same.length
    ? `${text} ${fill(words.sameLines, { programme: reference.label, list: same.map((s) => s.label).join(', ') })}`
    : text
}
