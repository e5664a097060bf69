import shippedV2 from '../../../surveys/coachende-manager.v2.json'
import shippedV3 from '../../../surveys/coachende-manager.v3.json'

/**
 * An instrument file of version 2 on, loosely typed, so that a test can break an edited copy in
 * any way the validator must refuse (tests/worker/domain/instrument-rules.test.ts and
 * instrument-edited-copy.test.ts).
 */
export type Words = { nl: string; en: string }
export type RawV2 = {
  version: number
  rules?: number
  observes?: Record<string, string[]>
  scale: { guide?: Words }
  survey: {
    pages: { name: string; description?: Words; descriptionFor?: Record<string, Words>; elements: unknown[] }[]
  }
  dimensions: { key: string; raters?: Record<string, string> }[]
  minAnswered?: { numerator: number; denominator: number }
  agreement?: { index: string; null?: string; minGroupSize: number; threshold?: number }
  dispersionCap?: { sdAbove: number; maxLevel: number }
}
type RawQuestion = {
  name: string
  dimension: string
  reverse: boolean
  wording: Record<string, Words | undefined>
}

export const copyV2 = (): RawV2 => structuredClone(shippedV2) as unknown as RawV2
export const copyV3 = (): RawV2 => structuredClone(shippedV3) as unknown as RawV2
const questionsOf = (raw: RawV2) => raw.survey.pages.flatMap((p) => p.elements) as unknown as RawQuestion[]
/** The question `name` of `raw`, to edit in place; a version without it says so, for a case to point at another item. */
export const question = (raw: RawV2, name: string) => {
  const q = questionsOf(raw).find((x) => x.name === name)
  if (!q) throw new Error(`version ${raw.version} has no question "${name}": point this case at another item`)
  return q
}
export const dimension = (raw: RawV2, key: string) => raw.dimensions.find((d) => d.key === key)!
