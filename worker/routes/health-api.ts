import { databaseAnswers } from '../db/health.ts'
import { newApp } from '../http/app-env.ts'
import { doc } from '../http/validate.ts'

const app = newApp()

app.get('/', doc({ summary: 'D1 answers', who: 'anyone', ok: '200 { ok: true }', errors: [500] }), async (c) => {
  // A database that does not answer throws, and the Worker's handler answers 500.
  return c.json({ ok: await databaseAnswers(c.env.DB) })
})

export default app
