import { ResponseBody, pathParams } from '../../schema/api.ts'
import { newApp } from '../http/app-env.ts'
import { clientNetwork, rateLimited } from '../http/ratelimit.ts'
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
    // Per link *and* client network: a limit per link alone is one counter that every respondent of
    // the group moves, so whoever holds the link could read off it, by spending what is left of the
    // minute's budget, how many others submitted through it, for a group too small to show any count
    // (tests/worker/anonymity/limiter-probe.test.ts). The address is only hashed into the key, never
    // kept (worker/http/ratelimit.ts); local development, without CF-Connecting-IP, is one client.
    const client = c.req.header('cf-connecting-ip')
    const network = client ? clientNetwork(client) : 'no-address'
    const result = await submitResponse(c.env.DB, token, c.req.valid('json'), () =>
      rateLimited(c.env.SUBMIT_LIMITER, 'submit', `${token} ${network}`),
    )
    return c.json(result, result.stored ? 201 : 200)
  },
)

export default app
