import { HTTPException } from 'hono/http-exception'
import { readConfig, type Env } from './env.ts'
import { newApp } from './http/app-env.ts'
import { accessGate, apiGuard, securityHeaders } from './http/guards.ts'
import { renderRefusal } from './http/problem.ts'
import { pageRefusal, rememberLang } from './http/page-reader.tsx'
import { refuse, Refusal } from './services/refusal.ts'
import appHtml from './routes/app-html.tsx'
import qualityHtml from './routes/quality-html.tsx'
import reportHtml from './routes/report-html.tsx'
import resultsHtml from './routes/results-html.tsx'
import setupHtml from './routes/setup-html.tsx'
import actions from './routes/actions-api.ts'
import audit from './routes/audit-api.ts'
import results from './routes/results-api.ts'
import health from './routes/health-api.ts'
import { openApiRoute } from './routes/openapi-api.ts'
import instruments from './routes/instrument-api.ts'
import surveyHtml from './routes/survey-html.tsx'
import passwordLinks from './routes/password-link-api.ts'
import people from './routes/people-api.ts'
import programmes from './routes/programme-api.ts'
import partners from './routes/partner-api.ts'
import session from './routes/session-api.ts'
import survey from './routes/survey-api.ts'
import waves from './routes/wave-api.ts'
import { scheduled } from './scheduled.ts'

const app = newApp()

app.use('*', securityHeaders)
app.use('*', async (c, next) => {
  readConfig(c.env) // refuses to serve with an anonymity threshold below 3
  return next()
})
// Who asks before what is asked: behind Access, a stranger learns nothing from a 413 or 415.
app.use('*', accessGate)
app.use('/api/*', apiGuard)

app.route('/api/health', health)
app.route(
  '/api/openapi.json',
  openApiRoute(() => app.routes),
)
app.route('/api/session', session)
// The results before the other sub-apps under /api/programmes: its reads look up the session in
// their own batch, and the others' `requireUser` would read it first (worker/http/guards.ts `askFirst`).
app.route('/api/programmes', results)
app.route('/api/programmes', programmes)
app.route('/api/programmes', partners)
app.route('/api/programmes', people)
app.route('/api/programmes', audit)
app.route('/api/programmes', actions)
app.route('/api/password-links', passwordLinks)
app.route('/api/waves', waves)
app.route('/api/s', survey)
app.route('/api/instruments', instruments)
app.use('/app/*', rememberLang)
app.route('/app', resultsHtml)
app.route('/app', setupHtml)
app.route('/app', qualityHtml)
app.route('/app', reportHtml)
// Last: its catch-all answers every /app address the pages above do not.
app.route('/app', appHtml)
app.route('/', surveyHtml)

/** The methods the router has for a path, for a 405 that says which ones to use. */
function methodsFor(path: string): string[] {
  const methods = new Set<string>()
  for (const r of app.routes) {
    if (r.method === 'ALL') continue
    const pattern = new RegExp(
      `^${r.path
        .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        .replace(/:\w+/g, '[^/]+')
        .replace(/\*/g, '.*')}$`,
    )
    if (pattern.test(path)) methods.add(r.method)
  }
  return [...methods].sort()
}

app.notFound((c) => {
  const path = new URL(c.req.url).pathname
  const allowed = path.startsWith('/api/') ? methodsFor(path) : []
  if (allowed.length) {
    throw refuse('method-not-allowed', { path: path.slice(0, 100), allowed: allowed.join(', '), method: c.req.method })
  }
  // A person who typed or followed a wrong address gets a page, not JSON (worker/http/page-reader.tsx).
  throw refuse(path.startsWith('/api/') ? 'not-found' : 'page-not-found', { path: path.slice(0, 100) })
})
app.onError((error, c) => {
  if (error instanceof Refusal && error.code === 'page-not-found') return pageRefusal(error, c)
  if (error instanceof Refusal) return renderRefusal(c, error)
  if (error instanceof HTTPException && error.status < 500) {
    // Hono's own refusals, such as a body that is not valid JSON, keep the status Hono gave them; its
    // English message is not passed on, so a Dutch refusal stays Dutch.
    return renderRefusal(c, refuse('unreadable-request'), error.status)
  }
  // Log the error only: never the request, whose URL or body may hold a token or answers.
  console.error('unhandled error', error instanceof Error ? error.message : String(error))
  return renderRefusal(c, refuse('internal-error'))
})

export { app }
export default { fetch: app.fetch, scheduled } satisfies ExportedHandler<Env>
