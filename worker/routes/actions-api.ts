import {
  ActionBody,
  ActionPatch,
  ActionPolicyBody,
  ActionsCsvQuery,
  ActionsQuery,
  pathParams,
} from '../../schema/api.ts'
import { readActionPolicy } from '../db/actions.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app-env.ts'
import { requireUser } from '../http/guards.ts'
import { doc, valid } from '../http/validate.ts'
import { actionWriterFor, asActionWriter, asLead, programmeFor } from '../http/programme-guards.ts'
import {
  actionsCsv,
  actionsFor,
  changeAction,
  recordAction,
  removeAction,
  setActionPolicyOf,
} from '../services/action-service.ts'
import { actorOf } from '../services/audit-trail.ts'

/** Agreed actions per partner and dimension after a published wave. Mounted at /api/programmes. */
const app = newApp().use('*', requireUser)

app.get(
  '/:pid/actions',
  doc({
    summary: "Agreed actions; a viewer limited to one partner gets that partner's only",
    who: 'lead, viewer',
    ok: '200 { actions, partnerViewers }',
    errors: [400, 401, 404],
  }),
  valid('param', pathParams('/:pid/actions')),
  valid('query', ActionsQuery),
  async (c) => {
    const access = await programmeFor(c, 'read')
    const [actions, partnerViewers] = await Promise.all([
      actionsFor(c.env.DB, access, c.req.valid('query')),
      readActionPolicy(c.env.DB, access.programme.id),
    ])
    return c.json({ actions, partnerViewers })
  },
)

app.get(
  '/:pid/actions.csv',
  doc({
    summary:
      "Agreed actions as CSV (partner, dimension, what, who, by when, status, recorded on, wave); a viewer limited to one partner gets that partner's only, and none on a group the results hide",
    who: 'lead, viewer',
    ok: '200 text/csv',
    errors: [400, 401, 404],
  }),
  valid('param', pathParams('/:pid/actions.csv')),
  valid('query', ActionsCsvQuery),
  async (c) => {
    const access = await programmeFor(c, 'read')
    const { body, filename } = await actionsCsv(
      c.env.DB,
      access,
      c.req.valid('query'),
      readConfig(c.env).MIN_GROUP_SIZE,
    )
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    })
  },
)

app.post(
  '/:pid/actions',
  doc({
    summary: 'Record an agreed action for a partner and dimension of a published wave',
    who: 'lead; a viewer of that partner when the lead allows it',
    ok: '201 the action',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/actions')),
  asActionWriter,
  valid('json', ActionBody),
  async (c) => {
    const action = await recordAction(
      c.env.DB,
      c.get('actionWriter'),
      c.req.valid('json'),
      readConfig(c.env).MIN_GROUP_SIZE,
    )
    return c.json(action, 201)
  },
)

app.patch(
  '/:pid/actions/:aid',
  doc({
    summary: 'Change an agreed action: what, who, by when, status',
    who: 'lead; a viewer of that partner when the lead allows it',
    ok: '200 the action',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/actions/:aid')),
  asActionWriter,
  valid('json', ActionPatch),
  async (c) =>
    c.json(await changeAction(c.env.DB, c.get('actionWriter'), c.req.valid('param').aid, c.req.valid('json'))),
)

app.delete(
  '/:pid/actions/:aid',
  doc({
    summary: 'Remove an agreed action',
    who: 'lead; a viewer of that partner when the lead allows it',
    ok: '204',
    errors: [401, 403, 404],
  }),
  valid('param', pathParams('/:pid/actions/:aid')),
  async (c) => {
    await removeAction(c.env.DB, await actionWriterFor(c), c.req.valid('param').aid)
    return c.body(null, 204)
  },
)

app.put(
  '/:pid/action-policy',
  doc({
    summary: "Whether viewers limited to one partner may record that partner's agreed actions",
    who: 'lead',
    ok: '200 { partnerViewers }',
    errors: [400, 401, 403, 404],
  }),
  valid('param', pathParams('/:pid/action-policy')),
  asLead,
  valid('json', ActionPolicyBody),
  async (c) => {
    const { partnerViewers } = c.req.valid('json')
    await setActionPolicyOf(c.env.DB, c.get('programme'), partnerViewers, actorOf(c.get('user')))
    return c.json({ partnerViewers })
  },
)

export default app
