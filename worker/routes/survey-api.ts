import { ResponseBody, pathParams } from '../../schema/api.ts'
import { newApp } from '../http/app-env.ts'
import { rateLimited } from '../http/ratelimit.ts'
import { doc, valid } from '../http/validate.ts'
import { submitResponse, surveyOf } from '../services/response-service.ts'
import { unknownLink } from '../services/link-service.ts'

/** The respondent's API: the survey of a link, and submitting its answers (worker/services/response-service.ts). */
const app = newApp()

app.get(
  '/:token',
  doc({
    summary: 'The survey of a link',
    who: 'anyone with the link',
    ok: '200 { instrument, wave, partner, role, closesAt }',
    errors: [404, 410],
  }),
  valid('param', pathParams('/:token'), unknownLink),
  async (c) => c.json(await surveyOf(c.env.DB, c.req.valid('param').token)),
)

app.post(
  '/:token/responses',
  doc({
    summary: 'Submit an answer set once',
    who: 'anyone with the link',
    ok: '201 stored, 200 same id again',
    errors: [400, 404, 409, 410, 413, 415, 429],
  }),
  valid('param', pathParams('/:token/responses'), unknownLink),
  valid('json', ResponseBody),
  async (c) => {
    const { token } = c.req.valid('param')
    const result = await submitResponse(c.env.DB, token, c.req.valid('json'), () =>
      rateLimited(c.env.SUBMIT_LIMITER, 'submit', token),
    )
    return c.json(result, result.stored ? 201 : 200)
  },
)

export default app
