import { toBase64Url } from '../auth/base64.ts'

/** A random 128-bit token, URL-safe; it names a link and is never stored, only its hash. */
export function randomToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16))
  return toBase64Url(bytes)
}

/** SHA-256 in hex: how tokens of links and sessions are looked up without being kept. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('')
}

/** Shape of a link token: 22 characters of base64url (128 bits). */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{22}$/
