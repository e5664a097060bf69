import { z } from 'zod'
import { ROLES } from '../../schema/instrument.ts'
import { surveyJsFor } from '../domain/instrument.ts'
import { newApp } from '../http/app-env.ts'
import { refuse } from '../http/problem.ts'
import { findInstrument } from '../services/instrument-catalogue.ts'

/**
 * The SurveyJS JSON of an instrument version for one role. A version never changes once a wave
 * used it, so browsers may keep it for a year and the isolate builds it once. It names no wave,
 * partner or person: anyone may read it. Mounted at /api/instruments.
 */
const app = newApp()

const built = new Map<string, string>()

const Params = z.object({ id: z.string().max(100), version: z.coerce.number().int().min(1), role: z.enum(ROLES) })

app.get('/:id/:version/:role', (c) => {
  const parsed = Params.safeParse(c.req.param())
  const instrument = parsed.success ? findInstrument(parsed.data.id, parsed.data.version) : undefined
  if (!parsed.success || !instrument) {
    throw refuse('instrument-not-found')
  }
  const key = `${instrument.id}/${instrument.version}/${parsed.data.role}`
  let body = built.get(key)
  if (!body) {
    body = JSON.stringify(surveyJsFor(instrument, parsed.data.role))
    built.set(key, body)
  }
  return c.body(body, 200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'public, max-age=31536000, immutable' })
})

export default app
