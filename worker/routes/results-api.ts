import { toMinute } from '../../schema/format.ts'
import { ResultsAnswer, TrendAnswer } from '../../schema/api-answers.ts'
import { ResultsQuery, ExportQuery, QualityQuery, TrendQuery, pathParams } from '../../schema/api.ts'
import { resultsFor, loadProgramme, trendOf } from '../services/results-service.ts'
import { participationFor } from '../domain/wave-results.ts'
import { qualityJson, qualityOf } from '../services/quality-service.ts'
import { exportCsv, exportMoments } from '../services/export-service.ts'
import { actorOf } from '../services/audit-trail.ts'
import { readConfig } from '../env.ts'
import { newApp, type WithPath } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { requireUser } from '../http/guards.ts'
import { langOf } from '../http/lang.ts'
import { readWithAccess } from '../services/programme-access.ts'
import type { PublicationScope } from '../domain/records.ts'

const app = newApp().use('*', requireUser)

/**
 * Who asks and what the programme holds, with the threshold k it is shown at, read at once: one
 * D1 batch after the session (`readWithAccess`). The data is used only once the access check has
 * passed; reading it for someone who is then refused tells them nothing (the refusal is the same
 * 404 or 403).
 */
async function readingProgramme(c: WithPath<'pid'>, scope?: PublicationScope) {
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const { pid } = c.req.valid('param')
  const { access, value: data } = await readWithAccess(
    c.env.DB,
    { user: c.get('user'), pid, need: 'read', route: c.req.routePath },
    (db, cleared) => loadProgramme(db, pid, k, undefined, scope, cleared),
  )
  return { access, data, k }
}

app.get(
  '/:pid/dashboard',
  doc({
    summary:
      "Scores per partner and for the programme, suppression applied, with the manager–staff gap: `gap` per partner and dimension (both cells shown) with its 95% Welch interval `ci95` and `versusTypical` against `typical`, the median gap of the other partners shown (from three), and `gapTypical`, the programme as a whole's own gap per dimension. Question detail (`questions`, per question and group shown its shares, under the same suppression) only when asked: `?questions=all` for every dimension of the role, `?questions=<dimension>` for one",
    who: 'lead, viewer',
    ok: '200',
    errors: [400, 401, 404],
    answer: { name: 'ResultsAnswer', schema: ResultsAnswer },
  }),
  valid('param', pathParams('/:pid/dashboard')),
  valid('query', ResultsQuery),
  async (c) => {
    const { role, wave, questions } = c.req.valid('query')
    // No header about the reads (rows, cells): they would count cells this reader may not see.
    // Only the shown wave's publication and the one before it are parsed (the stand-outs' "since").
    const { access, data, k } = await readingProgramme(c, { wave })
    const { programme, partnerId, canLead } = access
    const d = resultsFor(programme, data, {
      waveId: wave,
      role,
      k,
      onlyPartner: partnerId,
      questions: questions ?? 'none',
    })
    // When the wave was made, a staff action's moment, to the minute (`toMinute`): no reader needs more.
    const made = { ...d.wave, createdAt: toMinute(d.wave.createdAt) }
    return c.json({ ...d, wave: made, participation: participationFor(data, d, canLead) })
  },
)

app.get(
  '/:pid/trend',
  doc({
    summary: "A partner's or the programme's cells per wave with Welch's test",
    who: 'lead, viewer',
    ok: '200',
    errors: [400, 401, 404],
    answer: { name: 'TrendAnswer', schema: TrendAnswer },
  }),
  valid('param', pathParams('/:pid/trend')),
  valid('query', TrendQuery),
  async (c) => {
    const { role, partner } = c.req.valid('query')
    const { access, data, k } = await readingProgramme(c)
    return c.json(trendOf(data, { partnerId: partner, role, k, onlyPartner: access.partnerId }))
  },
)

app.get(
  '/:pid/export.csv',
  doc({
    summary: 'The visible cells of a wave as CSV',
    who: 'lead',
    ok: '200 text/csv',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/export.csv')),
  valid('query', ExportQuery),
  async (c) => {
    const k = readConfig(c.env).MIN_GROUP_SIZE
    const { body, filename } = await exportCsv(
      c.env.DB,
      c.get('user'),
      c.req.valid('param').pid,
      c.req.valid('query'),
      k,
      c.req.routePath,
    )
    return c.body(body, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    })
  },
)

/** For administrators only (worker/services/quality-service.ts `qualityOf`). */
async function qualityFor(
  c: WithPath<'pid'>,
  query: { wave?: string; role: 'medewerker' | 'teammanager' | 'tactisch' },
) {
  const { access, data, k } = await readingProgramme(c)
  const quality = await qualityOf(c.env.DB, access, data, { waveId: query.wave, role: query.role })
  const { programme } = access
  return { programme, quality, k: data.publications.get(quality.wave.id)?.k ?? k }
}

app.get(
  '/:pid/quality',
  doc({
    summary:
      'How well the instrument measured in a published wave and role: pooled, from 100 answer sets and 3 partners',
    who: 'admin',
    ok: '200',
    errors: [400, 401, 403, 404],
  }),
  valid('param', pathParams('/:pid/quality')),
  valid('query', QualityQuery),
  async (c) => {
    const { quality } = await qualityFor(c, c.req.valid('query'))
    return c.json(qualityJson(quality))
  },
)

app.get(
  '/:pid/quality/moments.json',
  doc({
    summary:
      'Pooled item means, covariances and n per scale of a published wave and role, for a confirmatory factor analysis',
    who: 'admin',
    ok: '200',
    errors: [400, 401, 403, 404, 409],
  }),
  valid('param', pathParams('/:pid/quality/moments.json')),
  valid('query', QualityQuery),
  async (c) => {
    const { programme, quality, k } = await qualityFor(c, c.req.valid('query'))
    const { body, filename } = await exportMoments(c.env.DB, programme, quality, k, actorOf(c.get('user')), langOf(c))
    return c.body(body, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    })
  },
)

export default app
