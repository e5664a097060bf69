import { zValidator } from '@hono/zod-validator'
import { AuditQuery } from '../../schema/api.ts'
import { AUDIT_PAGE_SIZE, listAudit } from '../db/audit.ts'
import { newApp } from '../http/app-env.ts'
import { requireUser } from '../http/guards.ts'
import { validationHook } from '../http/problem.ts'
import { asLead } from '../http/programme-guards.ts'

/** A programme's trail of who did what, newest first, for its leads and administrators. Mounted at /api/programmes. */
const app = newApp()
app.use('*', requireUser)

app.get('/:pid/audit', asLead, zValidator('query', AuditQuery, validationHook), async (c) => {
  const { page } = c.req.valid('query')
  const { entries, more } = await listAudit(c.env.DB, c.get('programme').id, page)
  return c.json({ entries, page, pageSize: AUDIT_PAGE_SIZE, more })
})

export default app
