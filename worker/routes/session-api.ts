import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SessionBody } from '../../schema/api.ts'
import { SESSION_MAX_MS } from '../domain/session-rule.ts'
import { newApp } from '../http/app-env.ts'
import { doc, valid } from '../http/validate.ts'
import { accessMode, SESSION_COOKIE } from '../http/guards.ts'
import { refuse } from '../services/refusal.ts'
import { signIn, signOut } from '../services/account-service.ts'
import { clientNetwork, rateLimited } from '../http/ratelimit.ts'

const app = newApp()

/** Localhost is served over plain HTTP by `wrangler dev`; everywhere else the cookie is Secure. */
const isLocal = (url: string) => ['localhost', '127.0.0.1', '[::1]'].includes(new URL(url).hostname)

app.post(
  '/',
  doc({
    summary: 'Sign in; sets an HttpOnly SameSite=Strict cookie',
    who: 'anyone',
    ok: '204',
    errors: [400, 401, 429],
  }),
  valid('json', SessionBody),
  async (c) => {
    if (accessMode(c.env)) {
      throw refuse('signed-in-by-access')
    }
    const { email, password } = c.req.valid('json')
    // Throttled per client network, and per account *from that network*, never per account alone:
    // a limit per account is one anyone can use up by guessing wrong, which would lock the rightful
    // user out from everywhere. So wrong guesses from one network slow only that network, and a
    // right password from another network goes through. The network limit is checked first, so a
    // client already refused spends no more of its victims' budgets. Cloudflare sets
    // CF-Connecting-IP on every request it forwards; only local development goes without, and is
    // then limited per account (all its requests come from one machine anyway).
    const client = c.req.header('cf-connecting-ip')
    const network = client ? clientNetwork(client) : 'no-address'
    const perClient = client ? await rateLimited(c.env.SIGNIN_CLIENT_LIMITER, 'signin-client', network) : null
    const limited =
      perClient ?? (await rateLimited(c.env.SIGNIN_LIMITER, 'signin', `${email.trim().toLowerCase()} ${network}`))
    if (limited) {
      console.warn('sign-in throttled', { per: perClient ? 'client' : 'account and client' })
      throw limited
    }
    const token = await signIn(c.env.DB, email, password, getCookie(c, SESSION_COOKIE), {
      email: c.env.ADMIN_EMAIL,
      password: c.env.ADMIN_PASSWORD,
    })
    setCookie(c, SESSION_COOKIE, token, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: !isLocal(c.req.url),
      path: '/',
      maxAge: SESSION_MAX_MS / 1000,
    })
    return c.body(null, 204)
  },
)

app.delete('/', doc({ summary: 'Sign out', who: 'signed in', ok: '204', errors: [] }), async (c) => {
  await signOut(c.env.DB, getCookie(c, SESSION_COOKIE))
  deleteCookie(c, SESSION_COOKIE, { path: '/' })
  return c.body(null, 204)
})

export default app
