import { Hono, type Context } from 'hono'
import type { Env } from '../env.ts'
import type { Programme } from '../db/programmes.ts'
import type { Asker, User } from '../db/users.ts'
import type { Wave } from '../db/waves.ts'
import type { ErrorCode } from '../i18n/errors.ts'
import type { ActionWriter } from '../services/action-service.ts'

/**
 * The Hono environment every sub-app shares: the bindings, and what may be known of a request
 * before any guard ran, so each may be missing: the Cloudflare Access identity (`accessGate`),
 * what a page under /app told its refusals (`framePage`), and the signed-in user when a guard
 * read them already. What a guard sets is in its own environment below, seen only by the
 * handlers behind that guard (worker/http/guards.ts, worker/http/programme-guards.ts): a handler
 * that reads a guard's variable without the guard does not type-check.
 */
export type AppEnv = {
  Bindings: Env
  Variables: {
    accessEmail?: string
    page?: PageFrame
    user?: User
    /** Who the request names, before it is read (`askFirst`, worker/http/guards.ts). */
    asker?: Asker
  }
}

/** Behind `requireUser`: the signed-in user. */
export type UserEnv = AppEnv & { Variables: { user: User } }
/** Behind `asLead`: the programme of the path, which the signed-in user leads. */
export type LeadEnv = UserEnv & { Variables: { programme: Programme } }
/** Behind `asWaveLead`: the wave of the path, whose programme the signed-in user leads. */
export type WaveLeadEnv = UserEnv & { Variables: { wave: Wave } }
/** Behind `asActionWriter`: who records agreed actions in the programme of the path. */
export type ActionWriterEnv = UserEnv & { Variables: { actionWriter: ActionWriter } }

/**
 * What a page under /app has told its refusals once it knows them (worker/http/page-reader.tsx,
 * `pageRefusal`): the title a refused page keeps, whether its reader is signed in, and the codes
 * it refuses with under that title (worded, as everywhere, by the refusal catalogue).
 */
export type PageFrame = { title: string; signedIn: boolean; owns: readonly ErrorCode[] }

export const newApp = () => new Hono<AppEnv>()

/**
 * What `valid('param', pathParams(...))` (worker/http/validate.ts) leaves for the handlers and
 * guards after it: the path's parameters `K`, checked, read with `c.req.valid('param')`.
 */
export type PathInput<K extends string> = { out: { param: Record<K, string> } }
/** A route's context once its path parameters `K` were validated; signed in (`UserEnv`) unless a page reads its reader itself (`AppEnv`, worker/http/page-reader.tsx). */
export type WithPath<K extends string, E extends AppEnv = UserEnv> = Context<E, string, PathInput<K>>
