import type { RouterRoute } from 'hono/types'
import { newApp } from '../http/app-env.ts'
import { doc } from '../http/validate.ts'
import { openApi } from '../openapi.ts'

/**
 * The API description, mounted at /api/openapi.json: of the routes of the whole router, which
 * worker/index.ts hands in (a route file does not import the router it is mounted on).
 */
export const openApiRoute = (routes: () => readonly RouterRoute[]) =>
  newApp().get('/', doc({ summary: 'This description', who: 'anyone', ok: '200', errors: [] }), (c) =>
    c.json(openApi(routes())),
  )
