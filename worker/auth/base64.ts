/**
 * Bytes as text and back, in the two alphabets the app uses: base64 for what it stores (sealed
 * link tokens, password hashes) and base64url, without padding, for what travels in URLs and
 * headers (link tokens, the JWTs Cloudflare Access sends).
 */

export const toBase64 = (bytes: Uint8Array): string => btoa(String.fromCharCode(...bytes))

/** Throws on text that is not base64 (atob's own error). */
export const fromBase64 = (text: string): Uint8Array<ArrayBuffer> =>
  Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0))

export const toBase64Url = (bytes: Uint8Array): string =>
  toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

/** The bytes, or null when the text is not unpadded base64url (atob alone would also take padding, `+` and `/`). */
export function fromBase64Url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null
  try {
    return fromBase64(text.replace(/-/g, '+').replace(/_/g, '/'))
  } catch {
    return null
  }
}
