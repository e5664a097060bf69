import { HTTPException } from 'hono/http-exception'
import { readConfig, type Env } from './env.ts'
import { newApp } from './http/app-env.ts'
import { accessGate, jsonOnly, limitBody, securityHeaders } from './http/guards.ts'
import { HttpError, localizeProblems, problem } from './http/problem.ts'
import appPages from './routes/app-pages.tsx'
import actions from './routes/actions-api.ts'
import audit from './routes/audit-api.ts'
import dashboard from './routes/results-api.ts'
import health, { openApiRoute } from './routes/health-api.ts'
import instruments from './routes/instrument-api.ts'
import pages from './routes/survey-page.tsx'
import passwordLinks from './routes/password-link-api.ts'
import people from './routes/people-api.ts'
import programmes from './routes/programme-api.ts'
import session from './routes/session-api.ts'
import survey from './routes/survey-api.ts'
import waves from './routes/wave-api.ts'
import { scheduled } from './scheduled.ts'
import { notFoundPage } from './pages/not-found-page.tsx'

const app = newApp()

app.use('*', securityHeaders)
app.use('*', localizeProblems)
app.use('*', async (c, next) => {
  readConfig(c.env) // refuses to serve with an anonymity threshold below 3
  return next()
})
// Who asks before what is asked: behind Access, a stranger learns nothing from a 413 or 415.
app.use('*', accessGate)
app.use('/api/*', limitBody, jsonOnly)

app.route('/api/health', health)
app.route('/api/openapi.json', openApiRoute(() => app.routes))
app.route('/api/session', session)
app.route('/api/programmes', programmes)
app.route('/api/programmes', dashboard)
app.route('/api/programmes', people)
app.route('/api/programmes', audit)
app.route('/api/programmes', actions)
app.route('/api/password-links', passwordLinks)
app.route('/api/waves', waves)
app.route('/api/s', survey)
app.route('/api/instruments', instruments)
app.route('/app', appPages)
app.route('/', pages)

/** The methods the router has for a path, for a 405 that says which ones to use. */
function methodsFor(path: string): string[] {
  const methods = new Set<string>()
  for (const r of app.routes) {
    if (r.method === 'ALL') continue
    const pattern = new RegExp(`^${r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+').replace(/\*/g, '.*')}$`)
    if (pattern.test(path)) methods.add(r.method)
  }
  return [...methods].sort()
}

app.notFound((c) => {
  const path = new URL(c.req.url).pathname
  const allowed = path.startsWith('/api/') ? methodsFor(path) : []
  if (allowed.length) {
    return problem(405, 'Method not allowed', { en: `${path.slice(0, 100)} answers ${allowed.join(', ')}, not ${c.req.method}.`, nl: `${path.slice(0, 100)} kent ${allowed.join(', ')}, niet ${c.req.method}.` }, {}, { allow: allowed.join(', ') })
  }
  if (path.startsWith('/api/')) return problem(404, 'Not found', { en: `There is nothing at ${path.slice(0, 100)}. See the API table in the README.`, nl: `Op ${path.slice(0, 100)} staat niets. Zie de API-tabel in de README.` })
  return notFoundPage(c.req.query('lang'), c.req.header('accept-language'))
})
app.onError((error, c) => {
  if (error instanceof HttpError) return problem(error.status, error.title, error.detail, error.extra)
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals, such as a body that is not valid JSON.
    return problem(error.status, 'Invalid request', { en: `${error.message || 'The request could not be read'}. Send a JSON object.`, nl: `Het verzoek kon niet worden gelezen (${error.message || 'onleesbaar'}). Stuur een JSON-object.` })
  }
  // Log the error only: never the request, whose URL or body may hold a token or answers.
  console.error('unhandled error', error instanceof Error ? error.message : String(error))
  void c
  return problem(500, 'Internal error', { en: 'Something went wrong on our side; nothing was stored. Please try again in a minute.', nl: 'Er ging bij ons iets mis; er is niets opgeslagen. Probeer het over een minuut opnieuw.' })
})

export { app }
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>
