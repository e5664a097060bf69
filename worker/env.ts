import { z } from 'zod'

/** Bindings and variables the Worker receives (wrangler.toml, `.dev.vars`, secrets). */
export type Env = {
  DB: D1Database
  ASSETS?: Fetcher
  SUBMIT_LIMITER?: RateLimit
  SIGNIN_LIMITER?: RateLimit
  SIGNIN_CLIENT_LIMITER?: RateLimit
  MIN_GROUP_SIZE?: string
  ADMIN_EMAIL?: string
  ADMIN_PASSWORD?: string
  /** Seals the tokens of links the scheduled handler makes until a lead reveals them (a secret). */
  LINK_SECRET?: string
  /** Cloudflare Access: both set means every staff request must carry a valid Access JWT. */
  ACCESS_TEAM_DOMAIN?: string
  ACCESS_AUD?: string
}

const ConfigSchema = z.object({
  MIN_GROUP_SIZE: z.coerce
    .number({ message: 'must be a whole number' })
    .int('must be a whole number')
    .min(3, 'must be at least 3: smaller groups would let respondents be singled out')
    .default(5),
})
export type Config = z.infer<typeof ConfigSchema>

export class ConfigError extends Error {}

let cached: { source: string | undefined; config: Config } | undefined

/**
 * Parses the Worker's configuration once per isolate and fails loudly, naming the variable,
 * rather than running with an anonymity threshold nobody chose.
 */
export function readConfig(env: Env): Config {
  // One of the two alone would leave Cloudflare Access silently off.
  if (Boolean(env.ACCESS_TEAM_DOMAIN) !== Boolean(env.ACCESS_AUD)) {
    throw new ConfigError('Configuration variables ACCESS_TEAM_DOMAIN and ACCESS_AUD must be set together (or neither): with one alone Cloudflare Access would be off')
  }
  if (cached && cached.source === env.MIN_GROUP_SIZE) return cached.config
  const raw = env.MIN_GROUP_SIZE === undefined || env.MIN_GROUP_SIZE === '' ? {} : { MIN_GROUP_SIZE: env.MIN_GROUP_SIZE }
  const parsed = ConfigSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new ConfigError(`Configuration variable ${String(issue?.path[0] ?? 'MIN_GROUP_SIZE')} ${issue?.message ?? 'is invalid'}`)
  }
  cached = { source: env.MIN_GROUP_SIZE, config: parsed.data }
  return parsed.data
}
