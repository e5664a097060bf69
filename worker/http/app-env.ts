import { Hono } from 'hono'
import type { Env } from '../env.ts'
import type { Programme } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import type { Wave } from '../db/waves.ts'
import type { ErrorCode } from '../i18n/errors.ts'

/**
 * The Hono environment every sub-app shares: bindings, the signed-in user once `requireUser` ran,
 * and the programme or wave a lead-only route acts on once its guard ran.
 */
export type AppEnv = {
  Bindings: Env
  Variables: { user: User; programme: Programme; wave: Wave; accessEmail: string; page: PageFrame }
}

/**
 * What a page under /app has told its refusals once it knows them (worker/http/page-reader.tsx,
 * `pageRefusal`): the title a refused page keeps, whether its reader is signed in, and how the
 * page says a refusal that it words otherwise than the API's catalogue does.
 */
export type PageFrame = { title: string; signedIn: boolean; says: Partial<Record<ErrorCode, string>> }

export const newApp = () => new Hono<AppEnv>()
