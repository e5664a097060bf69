import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { LoginPageQuery, QualityPageQuery, ResultsPageQuery, SetupPageQuery } from '../../schema/api-pages.ts'
import { dashboardOf, loadProgramme, participationIn, trendOf } from '../services/results-service.ts'
import { partnerOrder } from '../pages/results-chart.ts'
import { parseHeatSort } from '../domain/heatmap.ts'
import { listProgrammes } from '../db/programmes.ts'
import type { User } from '../db/users.ts'
import { readConfig } from '../env.ts'
import { newApp, type AppEnv } from '../http/app-env.ts'
import { accessMode, currentUser } from '../http/guards.ts'
import { messageOf, Refusal } from '../http/problem.ts'
import { valid } from '../http/validate.ts'
import { LANG_COOKIE, messages, pickLang, type Lang } from '../i18n/index.ts'
import { LoginPage, MessagePage, PasswordPage, ProgrammesPage } from '../pages/app-frame.tsx'
import { SetupPage } from '../pages/setup-page.tsx'
import { listLinks } from '../db/links.ts'
import { findPasswordLink, listPeople } from '../db/people.ts'
import { linkSetsPassword } from '../services/account-service.ts'
import { listAudit } from '../db/audit.ts'
import { listPartners } from '../db/programmes.ts'
import { listWaves } from '../db/waves.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { comingWaves } from '../domain/cadence.ts'
import { questionsFor } from '../domain/instrument.ts'
import { groupSizeOf } from '../domain/wave-lifecycle.ts'
import { ROLES, type Role } from '../../schema/instrument.ts'
import { findInstrument, listInstruments } from '../services/instrument-catalogue.ts'
import { accessTo } from '../services/programme-access.ts'
import { cadenceOf } from '../services/wave-service.ts'
import { DashboardPage } from '../pages/results-page.tsx'
import { QualityPage } from '../pages/quality-page.tsx'
import { qualityOf } from '../services/quality-service.ts'
import { fill, renderPage } from '../pages/layout.tsx'
import { ReportPageQuery } from '../../schema/api-pages.ts'
import { listActions, readActionPolicy, type Action } from '../db/actions.ts'
import { actionsVisible } from '../services/action-service.ts'
import { outcomesOf, reportOf } from '../services/report-service.ts'
import type { ProgrammeAccess } from '../services/programme-access.ts'
import type { Dashboard, ProgrammeData } from '../services/results-service.ts'
import { ReportPage } from '../pages/report-page.tsx'
import { isAppPath, isLang } from '../../schema/format.ts'

/** The lead's pages under /app: sign-in, programme list, dashboard. Server-rendered; charts are an island. */
const app = newApp()

/**
 * A language chosen with `?lang=` is remembered in a cookie for the next page: set here, once
 * per response, however often the handler asks which language it is. Only under /app: the
 * survey keeps its choice in the respondent's own browser storage and sets no cookie.
 */
app.use('*', async (c, next) => {
  const chosen = c.req.query('lang')
  if (isLang(chosen))
    setCookie(c, LANG_COOKIE, chosen, { path: '/app', sameSite: 'Strict', httpOnly: true, maxAge: 365 * 24 * 3600 })
  return next()
})

/** The reader's language: `?lang=` when they just chose one, else the remembered choice, else the browser's. */
function langOf(c: Context<AppEnv>): Lang {
  const chosen = c.req.query('lang')
  return pickLang(isLang(chosen) ? chosen : getCookie(c, LANG_COOKIE), c.req.header('accept-language'))
}

const pathOf = (c: Context<AppEnv>) => {
  const url = new URL(c.req.url)
  return `${url.pathname}${url.search}`
}

/** The signed-in user, or a redirect to the sign-in page that comes back here afterwards. */
async function userOr(c: Context<AppEnv>): Promise<User | Response> {
  const user = await currentUser(c)
  if (user) return user
  // Behind Access there is no password to sign in with: say why instead of showing a form.
  if (accessMode(c.env))
    return renderPage(
      <MessagePage
        lang={langOf(c)}
        title={messages[langOf(c)].noAccessTitle}
        body={messages[langOf(c)].noAccessBody}
      />,
      403,
      c,
    )
  return c.redirect(`/app/login?next=${encodeURIComponent(pathOf(c))}`, 303)
}

app.get('/', async (c) => {
  const user = await userOr(c)
  return user instanceof Response ? user : c.redirect(`/app/programmes${new URL(c.req.url).search}`, 303)
})

app.get('/login', valid('query', LoginPageQuery), async (c) => {
  const query = c.req.valid('query')
  // Where to go after signing in: only a page of ours, else the sign-in page is an open redirect.
  const next = isAppPath(query.next) ? query.next : '/app/programmes'
  // Behind Access there is no password form: the identity comes with every request.
  const user = accessMode(c.env) ? await userOr(c) : await currentUser(c)
  if (user instanceof Response) return user
  if (user) return c.redirect(next, 303)
  return renderPage(
    <LoginPage lang={langOf(c)} next={next} email={query.email} passwordSet={query.set === '1'} />,
    200,
    c,
  )
})

app.get('/programmes', async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const programmes = await listProgrammes(c.env.DB, user)
  return renderPage(
    <ProgrammesPage lang={langOf(c)} programmes={programmes} canCreate={user.role !== 'viewer'} />,
    200,
    c,
  )
})

/** The lead's setup page: partners, waves, links, cadence, people and the trail of one programme. */
app.get('/programmes/:pid/setup', valid('query', SetupPageQuery), async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const lang = langOf(c)
  const t = messages[lang]
  const access = await accessTo(c.env.DB, user, c.req.param('pid'))
  if (!access) return renderPage(<MessagePage lang={lang} title={t.setupHeading} body={t.notFoundProgramme} />, 404, c)
  const { programme } = access
  if (!access.canLead) return renderPage(<MessagePage lang={lang} title={t.setupHeading} body={t.onlyLeads} />, 403, c)
  const { audit: auditPage, wave: linkWaveId } = c.req.valid('query')
  const [partners, waves, people, trail] = await Promise.all([
    listPartners(c.env.DB, programme.id),
    listWaves(c.env.DB, programme.id),
    listPeople(c.env.DB, programme.id),
    listAudit(c.env.DB, programme.id, auditPage),
  ])
  // The links shown: of the wave asked for, else the open one, else the latest.
  const linkWave =
    waves.find((w) => w.id === linkWaveId) ?? waves.find((w) => waveState(w) === 'open') ?? waves.at(-1) ?? null
  const cadence = cadenceOf(programme)
  // While the shown wave is open, its participation per partner and role, by the dashboard's rule.
  const k = linkWave ? groupSizeOf(linkWave, readConfig(c.env).MIN_GROUP_SIZE) : 0
  const participation =
    linkWave && waveState(linkWave) === 'open'
      ? { k, partners: participationIn(await loadProgramme(c.env.DB, programme.id, k), linkWave, k) }
      : null
  // What each role is asked in the wave's instrument version, for the time the invitation promises.
  const linkInstrument = linkWave ? findInstrument(linkWave.instrument, linkWave.instrumentVersion) : undefined
  const questions = Object.fromEntries(
    ROLES.map((r) => [r, linkInstrument ? questionsFor(linkInstrument, r).length : 0]),
  ) as Record<Role, number>
  const instruments = listInstruments().flatMap((i) =>
    i.versions.map((version) => ({ id: i.id, version, title: findInstrument(i.id, version)!.title[lang] })),
  )
  return renderPage(
    <SetupPage
      lang={lang}
      d={{
        programme,
        partners,
        waves: waves.map((w) => ({ ...w, state: waveState(w) })),
        linkWave,
        participation,
        questions,
        links: linkWave ? await listLinks(c.env.DB, linkWave.id) : [],
        people,
        coming: cadence ? comingWaves(cadence, 3) : [],
        instruments,
        userId: user.id,
        passwords: !accessMode(c.env),
        trail: { ...trail, page: auditPage },
      }}
    />,
    200,
    c,
  )
})

/**
 * Where an invited person (or one whose password was reset) sets a password — no sign-in needed:
 * the link is the key — and where an existing account accepts access granted to it.
 */
app.get('/password/:token', async (c) => {
  const lang = langOf(c)
  const t = messages[lang]
  const link = await findPasswordLink(c.env.DB, c.req.param('token'))
  if (!link || link.expiresAt <= new Date().toISOString()) {
    return renderPage(
      <MessagePage lang={lang} title={t.passwordLinkInvalidTitle} body={t.passwordLinkInvalid} signedIn={false} />,
      link ? 410 : 404,
      c,
    )
  }
  const setsPassword = await linkSetsPassword(c.env.DB, link, accessMode(c.env))
  // An invitation or reset that the rule no longer allows says so, rather than offering a form that fails.
  if (link.purpose !== 'accept' && !setsPassword)
    return renderPage(
      <MessagePage lang={lang} title={t.passwordLinkInvalidTitle} body={t.passwordLinkNotAllowed} signedIn={false} />,
      403,
      c,
    )
  const user = link.purpose === 'accept' ? await currentUser(c) : null
  const accept =
    link.purpose === 'accept'
      ? {
          programme: link.programmeName,
          role: link.role ?? 'viewer',
          issuer: link.issuer ?? '',
          signedInAs: user?.email ?? null,
          mine: user?.id === link.userId,
          accessMode: accessMode(c.env),
        }
      : undefined
  return renderPage(
    <PasswordPage
      lang={lang}
      token={c.req.param('token')}
      email={link.email}
      purpose={link.purpose}
      setsPassword={setsPassword}
      accept={accept}
    />,
    200,
    c,
  )
})

app.get('/programmes/:pid', valid('query', ResultsPageQuery), async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const lang = langOf(c)
  const t = messages[lang]
  const pid = c.req.param('pid')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  // At once, one round trip after the session; the data is used only once access is clear.
  const [access, data, allActions, partnerViewers] = await Promise.all([
    accessTo(c.env.DB, user, pid),
    loadProgramme(c.env.DB, pid, k),
    listActions(c.env.DB, pid),
    readActionPolicy(c.env.DB, pid),
  ])
  if (!access)
    return renderPage(<MessagePage lang={lang} title={t.dashboardTitle} body={t.notFoundProgramme} />, 404, c)
  const { programme } = access
  const q = c.req.valid('query')
  if (data.waves.length === 0) {
    const setup = access.canLead
      ? {
          href: `/app/programmes/${programme.id}/setup?lang=${lang}`,
          text: fill(t.setupOf, { programme: programme.name }),
        }
      : undefined
    return renderPage(<MessagePage lang={lang} title={programme.name} body={t.noWaves} link={setup} />, 200, c)
  }
  try {
    const d = dashboardOf(programme, data, {
      waveId: q.wave || undefined,
      role: q.role,
      k,
      onlyPartner: access.partnerId,
    })
    // A lead of an open wave sees its participation (never scores); everyone else a notice.
    const participation = access.canLead && d.wave.state === 'open' ? participationIn(data, d.wave, d.k) : null
    const openWave = access.canLead ? data.waves.find((w) => waveState(w) === 'open' && w.id !== d.wave.id) : undefined
    const trendKey = d.partners.some((p) => p.id === q.trend) ? q.trend : 'programme'
    const trend = trendOf(data, {
      partnerId: trendKey === 'programme' ? undefined : trendKey,
      role: q.role,
      k,
      onlyPartner: access.partnerId,
    })
    const actions = resultsActions(access, data, d, q.role, k, actionsVisible(allActions, access), partnerViewers)
    return renderPage(
      <DashboardPage
        lang={lang}
        d={d}
        trend={trend}
        trendKey={trendKey}
        order={partnerOrder(data.partners)}
        path={pathOf(c)}
        canLead={access.canLead}
        participation={participation}
        openWave={openWave ? { id: openWave.id, label: openWave.label } : null}
        actions={actions}
        sort={parseHeatSort(
          q.sort,
          d.dimensions.map((x) => x.key),
        )}
      />,
      200,
      c,
    )
  } catch (error) {
    if (error instanceof Refusal && error.status === 404)
      return renderPage(<MessagePage lang={lang} title={programme.name} body={messageOf(error, lang)} />, 404, c)
    throw error
  }
})

// Measurement quality (issue 16): pooled over partners, so for the programme's leads, not for a reader limited to one partner.
app.get('/programmes/:pid/quality', valid('query', QualityPageQuery), async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const lang = langOf(c)
  const t = messages[lang]
  const pid = c.req.param('pid')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const [access, data] = await Promise.all([accessTo(c.env.DB, user, pid), loadProgramme(c.env.DB, pid, k)])
  if (!access) return renderPage(<MessagePage lang={lang} title={t.qualityTitle} body={t.notFoundProgramme} />, 404, c)
  if (!access.canLead || access.partnerId !== null)
    return renderPage(<MessagePage lang={lang} title={t.qualityTitle} body={t.qualityLeadsOnly} />, 403, c)
  const q = c.req.valid('query')
  try {
    const quality = await qualityOf(c.env.DB, data, { waveId: q.wave || undefined, role: q.role })
    const waves = data.waves.filter((w) => waveState(w) !== 'planned').map((w) => ({ id: w.id, label: w.label }))
    return renderPage(
      <QualityPage lang={lang} programme={access.programme} q={quality} waves={waves} path={pathOf(c)} />,
      200,
      c,
    )
  } catch (error) {
    if (error instanceof Refusal && error.status === 404)
      return renderPage(<MessagePage lang={lang} title={access.programme.name} body={messageOf(error, lang)} />, 404, c)
    throw error
  }
})

/** The results page's agreed actions (issue 14): those the reader may see, and the partners they may record for. */
function resultsActions(
  access: ProgrammeAccess,
  data: ProgrammeData,
  d: Dashboard,
  role: Role,
  k: number,
  actions: Action[],
  partnerViewers: boolean,
) {
  if (!d.published) return undefined
  const writableFor = access.canLead
    ? d.partners
    : access.partnerId && partnerViewers
      ? d.partners.filter((p) => p.id === access.partnerId)
      : []
  return {
    outcomes: outcomesOf(data, actions, role, k),
    writableFor: writableFor.map((p) => ({ id: p.id, name: p.name })),
    partnerViewers,
  }
}

/**
 * A partner's report (issue 14): one printable document for its management. A viewer limited to
 * one partner reads that partner's report only; any other partner's is not there for them (404).
 */
app.get('/programmes/:pid/partners/:partnerId/report', valid('query', ReportPageQuery), async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const lang = langOf(c)
  const t = messages[lang]
  const pid = c.req.param('pid')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const [access, data, partnerViewers, allActions] = await Promise.all([
    accessTo(c.env.DB, user, pid),
    loadProgramme(c.env.DB, pid, k),
    readActionPolicy(c.env.DB, pid),
    listActions(c.env.DB, pid),
  ])
  if (!access) return renderPage(<MessagePage lang={lang} title={t.report_title} body={t.notFoundProgramme} />, 404, c)
  const q = c.req.valid('query')
  try {
    const actions = actionsVisible(allActions, access, { partner: c.req.param('partnerId') })
    const r = reportOf(access.programme, data, {
      partnerId: c.req.param('partnerId'),
      waveId: q.wave || undefined,
      role: q.role,
      k,
      onlyPartner: access.partnerId,
      actions,
    })
    const canWrite = access.canLead || (access.partnerId === r.partner.id && partnerViewers)
    return renderPage(
      <ReportPage
        lang={lang}
        r={r}
        path={pathOf(c)}
        order={partnerOrder(data.partners).get(r.partner.id) ?? 0}
        canWrite={canWrite}
      />,
      200,
      c,
    )
  } catch (error) {
    if (error instanceof Refusal && error.status === 404)
      return renderPage(<MessagePage lang={lang} title={t.report_title} body={messageOf(error, lang)} />, 404, c)
    throw error
  }
})

// Any other page under /app: sign in first, then a page (not the API's JSON) saying there is nothing here.
app.get('*', async (c) => {
  const user = await userOr(c)
  if (user instanceof Response) return user
  const t = messages[langOf(c)]
  return renderPage(<MessagePage lang={langOf(c)} title={t.notFoundHeading} body={t.notFoundBody} />, 404, c)
})

/**
 * A refusal on a page is a page: a query that `valid` refused (400), or a thing that is not there
 * (404), in the reader's language. Anything else goes on to the Worker's own handler (worker/index.ts).
 */
app.onError((error, c) => {
  if (!(error instanceof Refusal) || (error.status !== 400 && error.status !== 404)) throw error
  const lang = langOf(c)
  const t = messages[lang]
  return renderPage(
    <MessagePage
      lang={lang}
      title={error.status === 404 ? t.notFoundHeading : t.badAddressHeading}
      body={messageOf(error, lang)}
      signedIn={false}
    />,
    error.status,
    c,
  )
})

export default app
