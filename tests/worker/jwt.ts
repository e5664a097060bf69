import { vi } from 'vitest'

/**
 * RS256 tokens as Cloudflare Access issues them, signed with keys the tests make, for the Access
 * tests of the verifier and of the Worker behind it.
 */
export type SigningKey = { kid: string; privateKey: CryptoKey; jwk: JsonWebKey & { kid: string } }

export async function makeKey(kid: string): Promise<SigningKey> {
  const pair = (await crypto.subtle.generateKey(
    { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' },
    true,
    ['sign', 'verify'],
  )) as CryptoKeyPair
  const jwk = (await crypto.subtle.exportKey('jwk', pair.publicKey)) as JsonWebKey
  // The shape Cloudflare serves: public numbers plus kid, alg and use.
  return { kid, privateKey: pair.privateKey, jwk: { kty: 'RSA', n: jwk.n, e: jwk.e, kid, alg: 'RS256', use: 'sig' } }
}

export const b64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
export const b64json = (value: unknown) => b64url(new TextEncoder().encode(JSON.stringify(value)))

/** A compact JWS over `payload`; `header` overrides the RS256 header (for `alg: none` and the like). */
export async function signJwt(
  key: SigningKey,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const signingInput = `${b64json({ alg: 'RS256', kid: key.kid, typ: 'JWT', ...header })}.${b64json(payload)}`
  const signature = await crypto.subtle.sign(
    'RSASSA-PKCS1-v1_5',
    key.privateKey,
    new TextEncoder().encode(signingInput),
  )
  return `${signingInput}.${b64url(new Uint8Array(signature))}`
}

/**
 * Serves the team's key set from memory in place of the network: `keys` answers the certs URL,
 * and any other address is recorded in `unexpected` (a request the code should not make) and fails.
 */
export function serveJwks(certsUrl: string, keys: () => Response, unexpected: string[]) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const url = input instanceof Request ? input.url : String(input)
    if (url !== certsUrl) {
      unexpected.push(url)
      throw new Error(`unexpected fetch of ${url}`)
    }
    return keys()
  })
}
