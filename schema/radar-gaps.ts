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
