import { InstrumentParams } from '../../schema/api.ts'
import { surveyJsFor } from '../domain/instrument-rules.ts'
import { newApp } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { refuse } from '../services/refusal.ts'
import { findInstrument } from '../services/instrument-catalogue.ts'

/**
 * The SurveyJS JSON of an instrument version for one role. A version never changes once a wave
 * used it, so browsers may keep it for a year and the isolate builds it once. It names no wave,
 * partner or person: anyone may read it. Mounted at /api/instruments.
 */
const app = newApp()

const built = new Map<string, string>()

/** An instrument, version or role that does not exist; a malformed one names none either. */
const noInstrument = () => refuse('instrument-not-found')

app.get(
  '/:id/:version/:role',
  doc({
    summary: 'The SurveyJS JSON of an instrument version for a role; cached for a year (versions never change)',
    who: 'anyone',
    ok: '200',
    errors: [404],
  }),
  valid('param', InstrumentParams, noInstrument),
  (c) => {
    const params = c.req.valid('param')
    const instrument = findInstrument(params.id, params.version)
    if (!instrument) throw noInstrument()
    const key = `${instrument.id}/${instrument.version}/${params.role}`
    let body = built.get(key)
    if (!body) {
      body = JSON.stringify(surveyJsFor(instrument, params.role))
      built.set(key, body)
    }
    return c.body(body, 200, {
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=31536000, immutable',
    })
  },
)

export default app
