/**
 * A programme's chain partners: one added, many pasted from a sheet, one renamed or given its
 * headcounts, one removed. Mounted beside worker/routes/programme-api.ts under /api/programmes.
 */
import { toMinute } from '../../schema/format.ts'
import { PartnerImportAnswer } from '../../schema/api-answers.ts'
import { PartnerBody, PartnerImportBody, PartnerPatch, pathParams } from '../../schema/api.ts'
import { newApp } from '../http/app-env.ts'
import { asLead } from '../http/programme-guards.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { langOf } from '../http/lang.ts'
import { pasteOutcomeIn } from '../i18n/messages.ts'
import { actorOf } from '../services/audit-trail.ts'
import { addPartner, changePartner, dropPartner } from '../services/partner-service.ts'
import { importPartners } from '../services/partner-import.ts'

const app = newApp().use('*', requireUser)

app.post(
  '/:pid/partners',
  doc({ summary: 'Add a chain partner', who: 'lead', ok: '201 { id }', errors: [400, 401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/partners')),
  asLead,
  valid('json', PartnerBody),
  async (c) => {
    const partner = await addPartner(c.env.DB, c.get('programme').id, c.req.valid('json'), actorOf(c.get('user')))
    return c.json({ id: partner.id }, 201)
  },
)

app.post(
  '/:pid/partners/import',
  doc({
    summary:
      "Add many chain partners at once from pasted lines (a name, then headcounts of staff, team managers, tactical managers; tab, semicolon or comma between, cells quoted as a spreadsheet quotes them), all or none; a name the programme has is skipped, its headcounts kept and each one the paste gives otherwise told, or with `headcounts: 'update'` written as an edit of the partner writes them (in the trail, and for an open wave in its record of changes)",
    who: 'lead',
    ok: '201 { added, ids, updated, skipped, message }; 200 when nothing was added',
    errors: [400, 401, 403, 404, 409, 413],
    answer: { name: 'PartnerImportAnswer', schema: PartnerImportAnswer },
  }),
  valid('param', pathParams('/:pid/partners/import')),
  asLead,
  valid('json', PartnerImportBody),
  async (c) => {
    const { text, headcounts } = c.req.valid('json')
    const { added, updated, skipped } = await importPartners(
      c.env.DB,
      c.get('programme').id,
      text,
      actorOf(c.get('user')),
      headcounts,
    )
    const told = (lines: typeof skipped) =>
      lines.map((s) => ({ line: s.line, partnerId: s.partner.id, name: s.partner.name, differences: s.differences }))
    const answer = {
      added: added.length,
      ids: added.map((p) => p.id),
      updated: told(updated),
      skipped: told(skipped),
      message: pasteOutcomeIn(langOf(c, 'en'), { added: added.length, updated: told(updated), skipped: told(skipped) }),
    } satisfies PartnerImportAnswer
    // Nothing made, nothing created: every line was there already (its headcounts written or not).
    return c.json(answer, added.length ? 201 : 200)
  },
)

app.patch(
  '/:pid/partners/:partnerId',
  doc({
    summary: 'Rename a partner or set its headcount',
    who: 'lead',
    ok: '200 the partner',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/partners/:partnerId')),
  asLead,
  valid('json', PartnerPatch),
  async (c) => {
    const { partnerId } = c.req.valid('param')
    const partner = await changePartner(
      c.env.DB,
      c.get('programme').id,
      partnerId,
      c.req.valid('json'),
      actorOf(c.get('user')),
    )
    // When it was added, a staff action's moment, to the minute (`toMinute`).
    return c.json({ ...partner, addedAt: toMinute(partner.addedAt) })
  },
)

/** A partner nobody answered for can be removed; what keeps one is `dropPartner`'s (services/partner-service.ts). */
app.delete(
  '/:pid/partners/:partnerId',
  doc({ summary: 'Remove a partner without answers', who: 'lead', ok: '204', errors: [401, 403, 404, 409] }),
  valid('param', pathParams('/:pid/partners/:partnerId')),
  asLead,
  async (c) => {
    await dropPartner(c.env.DB, c.get('programme').id, c.req.valid('param').partnerId, actorOf(c.get('user')))
    return c.body(null, 204)
  },
)

export default app
