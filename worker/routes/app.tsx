import type { Context } from 'hono'
import { getCookie } from 'hono/cookie'
import { z } from 'zod'
import { ROLES } from '../../schema/instrument.ts'
import { dashboardOf, loadProgramme, trendOf } from '../dashboard.ts'
import { listProgrammes, readProgramme } from '../db/programmes.ts'
import { programmeAccess, readSession, type User } from '../db/users.ts'
import { readConfig } from '../env.ts'
import { newApp, type AppEnv } from '../http/app.ts'
import { SESSION_COOKIE } from '../http/guards.ts'
import { HttpError } from '../http/problem.ts'
import { messages, pickLang } from '../i18n/index.ts'
import { LoginPage, MessagePage, ProgrammesPage } from '../pages/app.tsx'
import { DashboardPage } from '../pages/dashboard.tsx'
import { renderPage } from '../pages/layout.tsx'

/** The lead's pages under /app: sign-in, programme list, dashboard. Server-rendered; charts are an island. */
const app = newApp()

const langOf = (c: Context<AppEnv>) => pickLang(c.req.query('lang'), c.req.header('accept-language'))
const pathOf = (c: Context<AppEnv>) => {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
async function userOr(c: Context<AppEnv>): Promise<User | Response> {
  const token = getCookie(c, SESSION_COOKIE)
  const user = token ? await readSession(c.env.DB, token) : null
  return user ?? c.redirect(`/app/login?next=${encodeURIComponent(pathOf(c))}`, 303)
}

app.get('/', (c) => c.redirect('/app/programmes', 303))

app.get('/login', async (c) => {
  const next = c.req.query('next') ?? '/app/programmes'
  return renderPage(<LoginPage lang={langOf(c)} next={next.startsWith('/') && !next.startsWith('//') ? next : '/app/programmes'} />)
})

app.get('/programmes', async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  return renderPage(<ProgrammesPage lang={langOf(c)} programmes={await listProgrammes(c.env.DB, user)} />)
})

const DashboardParams = z.object({
  wave: z.string().max(100).optional(),
  role: z.enum(ROLES).catch('medewerker'),
  trend: z.string().max(100).catch('programme').default('programme'),
})

app.get('/programmes/:pid', async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const lang = langOf(c)
  const t = messages[lang]
  const pid = c.req.param('pid')
  const programme = await readProgramme(c.env.DB, pid)
  const access = programme ? await programmeAccess(c.env.DB, user, pid) : null
  if (!programme || !access?.canRead) return renderPage(<MessagePage lang={lang} title={t.dashboardTitle} body={t.notFoundProgramme} />, 404)
  const q = DashboardParams.parse(c.req.query())
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const data = await loadProgramme(c.env.DB, programme.id)
  if (data.waves.length === 0) return renderPage(<MessagePage lang={lang} title={programme.name} body={t.noWaves} />)
  try {
    const d = dashboardOf(programme, data, { waveId: q.wave || undefined, role: q.role, k, onlyPartner: access.partnerId })
    const trendKey = d.partners.some((p) => p.id === q.trend) ? q.trend : 'programme'
    const trend = trendOf(data, { partnerId: trendKey === 'programme' ? undefined : trendKey, role: q.role, k, onlyPartner: access.partnerId })
    return renderPage(<DashboardPage lang={lang} d={d} trend={trend} trendKey={trendKey} path={pathOf(c)} />)
  } catch (error) {
    if (error instanceof HttpError && error.status === 404) return renderPage(<MessagePage lang={lang} title={programme.name} body={error.detail} />, 404)
    throw error
  }
})

export default app
