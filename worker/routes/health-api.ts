import { newApp } from '../http/app-env.ts'
import { openApi } from '../openapi.ts'

const app = newApp()

app.get('/', async (c) => {
  await c.env.DB.prepare('SELECT 1').first()
  return c.json({ ok: true })
})

export default app

/** The API description, mounted at /api/openapi.json. */
export const openApiRoute = newApp().get('/', (c) => c.json(openApi()))
