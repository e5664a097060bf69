/**
 * Tokens of links the scheduled handler makes wait, encrypted, until a lead reveals them once.
 * AES-GCM with a key derived from LINK_SECRET: a copy of the database alone opens no link.
 */
import { fromBase64, toBase64 } from './base64.ts'

async function keyFrom(secret: string): Promise<CryptoKey> {
  const raw = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(`ketenradar-link-seal:${secret}`))
  return crypto.subtle.importKey('raw', raw, 'AES-GCM', false, ['encrypt', 'decrypt'])
}

export async function seal(secret: string, token: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const data = new Uint8Array(
    await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, await keyFrom(secret), new TextEncoder().encode(token)),
  )
  return `${toBase64(iv)}.${toBase64(data)}`
}

/** The token, or null when it was sealed with another secret (LINK_SECRET changed since). */
export async function unseal(secret: string, sealed: string): Promise<string | null> {
  const [iv, data] = sealed.split('.')
  if (!iv || !data) return null
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64(iv) },
      await keyFrom(secret),
      fromBase64(data),
    )
    return new TextDecoder().decode(plain)
  } catch {
    return null
  }
}
