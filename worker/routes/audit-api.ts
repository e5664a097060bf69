import { AuditQuery, pathParams } from '../../schema/api.ts'
import { AUDIT_PAGE_SIZE, listAudit } from '../db/audit.ts'
import { newApp } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { asLead } from '../http/programme-guards.ts'

/** A programme's trail of who did what, newest first, for its leads and administrators. Mounted at /api/programmes. */
const app = newApp().use('*', requireUser)

app.get(
  '/:pid/audit',
  doc({
    summary: "The programme's trail of who did what, newest first, a page at a time",
    who: 'lead, admin',
    ok: '200 { entries, page, pageSize, more }',
    errors: [400, 401, 403, 404],
  }),
  valid('param', pathParams('/:pid/audit')),
  asLead,
  valid('query', AuditQuery),
  async (c) => {
    const { page } = c.req.valid('query')
    const { entries, more } = await listAudit(c.env.DB, c.get('programme').id, page)
    return c.json({ entries, page, pageSize: AUDIT_PAGE_SIZE, more })
  },
)

export default app
