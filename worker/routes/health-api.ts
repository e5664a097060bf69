import { databaseAnswers } from '../db/health.ts'
import { newApp } from '../http/app-env.ts'
import type { RouterRoute } from 'hono/types'
import { doc } from '../http/validate.ts'
import { openApi } from '../openapi.ts'

const app = newApp()

app.get('/', doc({ summary: 'D1 answers', who: 'anyone', ok: '200 { ok: true }', errors: [500] }), async (c) => {
  // A database that does not answer throws, and the Worker's handler answers 500.
  return c.json({ ok: await databaseAnswers(c.env.DB) })
})

export default app

/**
 * The API description, mounted at /api/openapi.json: of the routes of the whole router, which
 * worker/index.ts hands in (a route file does not import the router it is mounted on).
 */
export const openApiRoute = (routes: () => readonly RouterRoute[]) =>
  newApp().get('/', doc({ summary: 'This description', who: 'anyone', ok: '200', errors: [] }), (c) =>
    c.json(openApi(routes())),
  )
