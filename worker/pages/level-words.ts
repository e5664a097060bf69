import { fill } from '../../schema/format.ts'
import { messages, type Lang } from '../i18n/messages.ts'

/**
 * The mark beside a level named from MIN_N_FOR_LEVEL scores on whose interval still reaches
 * other levels (worker/domain/levels.ts `levelVerdict`, `marginReaches`): " (marge reikt tot niveau 3)".
 * Empty where it reaches none. The heatmap, the tables, the stand-outs and the report all print
 * it, so no view names such a level as if its interval lay within its band.
 */
export function levelMarginWords(lang: Lang, reaches: readonly number[]): string {
  if (reaches.length === 0) return ''
  const t = messages[lang]
  return ` ${fill(t.levelMargin, { levels: reaches.join(t.levelsAnd) })}`
}
