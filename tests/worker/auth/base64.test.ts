import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fromBase64, fromBase64Url, toBase64, toBase64Url } from '../../../worker/auth/base64.ts'

describe('base64', () => {
  it('gives back the bytes it was given, in both alphabets', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        expect([...fromBase64(toBase64(bytes))]).toEqual([...bytes])
        const url = toBase64Url(bytes)
        expect(url).toMatch(/^[A-Za-z0-9_-]*$/)
        expect([...fromBase64Url(url)!]).toEqual([...bytes])
      }),
    )
  })

  it('takes only unpadded base64url as base64url', () => {
    expect(toBase64Url(new Uint8Array([251, 255]))).toBe('-_8')
    expect(toBase64(new Uint8Array([251, 255]))).toBe('+/8=')
    expect(fromBase64Url('+/8=')).toBeNull()
    expect(fromBase64Url('-_8=')).toBeNull()
    expect(fromBase64Url('a')).toBeNull()
  })
})
