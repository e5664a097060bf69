import manifest from './generated/assets.json'

/**
 * Hashed file names of the built browser assets (written by `npm run build`), so pages can
 * link them with a year-long immutable cache.
 */
export function asset(name: keyof typeof manifest): string {
  return manifest[name]
}
