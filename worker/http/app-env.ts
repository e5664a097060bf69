import { Hono } from 'hono'
import type { Env } from '../env.ts'
import type { Programme } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import type { Wave } from '../db/waves.ts'

/**
 * The Hono environment every sub-app shares: bindings, the signed-in user once `requireUser` ran,
 * and the programme or wave a lead-only route acts on once its guard ran.
 */
export type AppEnv = { Bindings: Env; Variables: { user: User; programme: Programme; wave: Wave; accessEmail: string } }

export const newApp = () => new Hono<AppEnv>()
