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
