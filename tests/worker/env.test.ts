import { describe, expect, it } from 'vitest'
import { ConfigError, readConfig, type Env } from '../../worker/env.ts'

const env = (MIN_GROUP_SIZE?: string) => ({ MIN_GROUP_SIZE }) as Env

describe('readConfig', () => {
  it('defaults the minimum group size to 5', () => {
    expect(readConfig(env(undefined)).MIN_GROUP_SIZE).toBe(5)
    expect(readConfig(env('')).MIN_GROUP_SIZE).toBe(5)
  })

  it('accepts 3 and more', () => {
    expect(readConfig(env('3')).MIN_GROUP_SIZE).toBe(3)
    expect(readConfig(env('10')).MIN_GROUP_SIZE).toBe(10)
  })

  it('refuses a value below 3 or not a whole number, naming the variable', () => {
    for (const bad of ['2', '0', '-5', '4.5', 'vijf']) {
      expect(() => readConfig(env(bad))).toThrow(ConfigError)
      expect(() => readConfig(env(bad))).toThrow(/MIN_GROUP_SIZE/)
    }
  })

  it('refuses one Cloudflare Access variable without the other, which would leave Access silently off', () => {
    expect(() => readConfig({ ACCESS_TEAM_DOMAIN: 'kr.cloudflareaccess.com' } as Env)).toThrow(
      /ACCESS_TEAM_DOMAIN and ACCESS_AUD/,
    )
    expect(() => readConfig({ ACCESS_AUD: 'aud' } as Env)).toThrow(ConfigError)
    expect(readConfig({ ACCESS_TEAM_DOMAIN: 'kr.cloudflareaccess.com', ACCESS_AUD: 'aud' } as Env).MIN_GROUP_SIZE).toBe(
      5,
    )
  })
})
