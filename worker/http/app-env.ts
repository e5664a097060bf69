import { Hono, type Context } from 'hono'
import type { Env } from '../env.ts'
import type { Programme } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import type { Wave } from '../db/waves.ts'
import type { ErrorCode } from '../i18n/errors.ts'
import type { ActionWriter } from '../services/action-service.ts'

/**
 * The Hono environment every sub-app shares: bindings, the signed-in user once `requireUser` ran,
 * the programme or wave a lead-only route acts on once its guard ran, and who records an agreed
 * action once `asActionWriter` (worker/http/programme-guards.ts) ran.
 */
export type AppEnv = {
  Bindings: Env
  Variables: {
    user: User
    programme: Programme
    wave: Wave
    accessEmail: string
    page: PageFrame
    actionWriter: ActionWriter
  }
}

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
/** A route's context once its path parameters `K` were validated. */
export type WithPath<K extends string> = Context<AppEnv, string, PathInput<K>>
