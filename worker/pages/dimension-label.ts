import type { Lang } from '../../schema/format.ts'

/**
 * A dimension's name in the page's language, by its key, from the dimensions a view carries (an
 * instrument's, a dashboard's, an action's): the one lookup every page uses. `fallback` (the key
 * itself unless told) where none of them has the key.
 */
export const dimensionLabel = (
  dimensions: readonly { key: string; label: Readonly<Record<Lang, string>> }[],
  key: string,
  lang: Lang,
  fallback: string = key,
): string => dimensions.find((x) => x.key === key)?.label[lang] ?? fallback
