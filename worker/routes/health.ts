import { newApp } from '../http/app.ts'

const app = newApp()

app.get('/', async (c) => {
  await c.env.DB.prepare('SELECT 1').first()
  return c.json({ ok: true })
})

export default app
