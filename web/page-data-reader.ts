import type { PageScripts } from '../schema/page-data.ts'

/**
 * The typed block a page handed this script (`ScriptData` in worker/pages/layout.tsx), by its id;
 * undefined on a page without it.
 */
export function pageData<K extends keyof PageScripts>(id: K): PageScripts[K] | undefined {
  const text = document.getElementById(id)?.textContent
  return text ? (JSON.parse(text) as PageScripts[K]) : undefined
}
