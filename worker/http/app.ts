import { Hono } from 'hono'
import type { Env } from '../env.ts'
import type { User } from '../db/users.ts'

/** The Hono environment every sub-app shares: bindings, and the signed-in user once `requireUser` ran. */
export type AppEnv = { Bindings: Env; Variables: { user: User } }

export const newApp = () => new Hono<AppEnv>()
