import { waveToMinute } from '../../schema/format.ts'
import { ResultsAnswer, TrendAnswer } from '../../schema/api-answers.ts'
import { ResultsQuery, ExportQuery, QualityQuery, TrendQuery, pathParams } from '../../schema/api.ts'
import { resultsFor, loadProgramme, trendOf } from '../services/results-service.ts'
import { participationFor } from '../domain/wave-results.ts'
import { qualityJson, qualityOf } from '../services/quality-service.ts'
import { exportCsv, exportMoments } from '../services/export-service.ts'
import { actorOf } from '../services/audit-trail.ts'
import { readConfig } from '../env.ts'
import { type AppEnv, newApp, type WithPath } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { askFirst, requireUser } from '../http/guards.ts'
import { langOf } from '../http/lang.ts'
import { readAsAsker } from '../services/programme-access.ts'
import { keptAnswer, programmeKey } from '../services/answer-cache.ts'
import type { PublicationScope } from '../domain/records.ts'

// The reads look up the session in their own batch (`askFirst`, `readingProgramme`); the export,
// which writes the trail with who asked in its batch, reads it first (`requireUser`).
const app = newApp()

/** A read route's context: who asks is known (`askFirst`), not yet read. */
type ReadContext = WithPath<'pid', AppEnv>

/**
 * Who asks and what the programme holds, with the threshold k it is shown at, read at once: the
 * session, the access check and the programme's statements, gated on the check in SQL, in ONE D1
 * batch (`readAsAsker`). The data is used only once the access check has passed; a refused reader
 * reads nothing of the programme (the refusal is the same 401, 404 or 403).
 */
async function readingProgramme(c: ReadContext, scope?: PublicationScope) {
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const { pid } = c.req.valid('param')
  const {
    user,
    access,
    value: data,
  } = await readAsAsker(
    c.env.DB,
    { asker: c.get('asker')!, pid, need: 'read', route: c.req.routePath, known: (u) => c.set('user', u) },
    (db, cleared) => loadProgramme(db, pid, k, undefined, scope, cleared),
  )
  return { user, access, data, k }
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
  askFirst,
  valid('param', pathParams('/:pid/dashboard')),
  valid('query', ResultsQuery),
  async (c) => {
    const { role, wave, questions } = c.req.valid('query')
    // No header about the reads (rows, cells): they would count cells this reader may not see.
    // Only the shown wave's publication and the one before it are parsed (the stand-outs' "since").
    const { access, data, k } = await readingProgramme(c, { wave })
    const { programme, partnerId, canLead } = access
    // Kept as text under everything it is made of (worker/services/answer-cache.ts): the rows read,
    // the reader's partner limit and whether they lead (the participation is a lead's only), the query.
    const inputs = { programme, partnerId, canLead, role, wave: wave ?? null, questions: questions ?? 'none', k }
    const body = await keptAnswer(
      () => {
        const of = programmeKey(data, { canLead, k })
        return of === null ? null : JSON.stringify(['dashboard', inputs, of])
      },
      () => {
        const d = resultsFor(programme, data, {
          waveId: wave,
          role,
          k,
          onlyPartner: partnerId,
          questions: questions ?? 'none',
        })
        // When the wave was made, opened and closed, to the minute (`waveToMinute`): no reader needs more.
        const made = waveToMinute(d.wave)
        return JSON.stringify({ ...d, wave: made, participation: participationFor(data, d, canLead) })
      },
    )
    // As `c.json` would send it.
    return c.body(body, 200, { 'content-type': 'application/json' })
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
  askFirst,
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
  requireUser,
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
async function qualityFor(c: ReadContext, query: { wave?: string; role: 'medewerker' | 'teammanager' | 'tactisch' }) {
  const { user, access, data, k } = await readingProgramme(c)
  const quality = await qualityOf(c.env.DB, access, data, { waveId: query.wave, role: query.role })
  const { programme } = access
  return { user, programme, quality, k: data.publications.get(quality.wave.id)?.k ?? k }
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
  askFirst,
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
  askFirst,
  valid('param', pathParams('/:pid/quality/moments.json')),
  valid('query', QualityQuery),
  async (c) => {
    const { user, programme, quality, k } = await qualityFor(c, c.req.valid('query'))
    const { body, filename } = await exportMoments(c.env.DB, programme, quality, k, actorOf(user), langOf(c))
    return c.body(body, 200, {
      'content-type': 'application/json; charset=utf-8',
      'content-disposition': `attachment; filename="${filename}"`,
    })
  },
)

export default app
