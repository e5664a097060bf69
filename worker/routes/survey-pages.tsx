import { lastOpenDay, longDate } from '../../schema/format.ts'
import { readConfig } from '../env.ts'
import { groupSizeOf } from '../domain/wave-lifecycle.ts'
import { instrumentPath } from '../services/instrument-catalogue.ts'
import { questionsFor } from '../domain/instrument.ts'
import { newApp } from '../http/app-env.ts'
import { Refusal } from '../services/refusal.ts'
import { statusOf } from '../http/problem.ts'
import { messages } from '../i18n/index.ts'
import { langOf } from '../http/lang.ts'
import { renderPage } from '../pages/layout.tsx'
import { fill } from '../../schema/format.ts'
import { LinkProblemPage, SurveyPage } from '../pages/survey-page.tsx'
import { groupClosedFor, openLink, unknownLink } from '../services/link-service.ts'
import { pathParams } from '../../schema/api.ts'
import { valid } from '../http/validate.ts'

const app = newApp()

app.get('/', (c) => c.redirect('/app', 303))

/**
 * The respondent's refusals are pages in their language, never problem+json: a token that names
 * no link is one page whatever made it so (too long or empty, refused by `valid`; unknown or
 * withdrawn, by `openLink`). Anything else goes on to the Worker's own handler (worker/index.ts).
 */
app.onError((error, c) => {
  if (!(error instanceof Refusal) || statusOf(error) !== 404) throw error
  const lang = langOf(c)
  const t = messages[lang]
  return renderPage(
    <LinkProblemPage
      lang={lang}
      token={(c.req.param('token') ?? '').slice(0, 40)}
      heading={t.unknownLinkHeading}
      body={t.unknownLinkBody}
    />,
    404,
  )
})

app.get('/s/:token', valid('param', pathParams('/s/:token'), unknownLink), async (c) => {
  const token = c.req.param('token')
  const lang = langOf(c)
  const t = messages[lang]
  const { link, instrument, state } = await openLink(c.env.DB, token)
  if (state !== 'open') {
    const closed = state === 'closed'
    return renderPage(
      <LinkProblemPage
        lang={lang}
        token={token}
        heading={closed ? t.closedHeading : t.notOpenHeading}
        body={fill(closed ? t.closedBody : t.notOpenBody, {
          date: longDate(lang, closed ? lastOpenDay(link.wave.closesAt) : link.wave.opensAt),
        })}
      />,
      410,
    )
  }
  const closedFor = groupClosedFor(link)
  if (closedFor) {
    const [heading, body] =
      closedFor === 'complete'
        ? [t.groupCompleteHeading, t.groupCompleteBody]
        : [t.groupUncountedHeading, t.groupUncountedBody]
    return renderPage(<LinkProblemPage lang={lang} token={token} heading={heading} body={body} />, 409)
  }
  return renderPage(
    <SurveyPage
      token={token}
      lang={lang}
      k={groupSizeOf(link.wave, readConfig(c.env).MIN_GROUP_SIZE)}
      wave={link.wave.label}
      partner={link.partner.name}
      role={link.role}
      closesAt={link.wave.closesAt}
      instrumentUrl={instrumentPath(instrument, link.role)}
      answering={{ instrument: instrument.id, version: instrument.version, role: link.role }}
      questions={questionsFor(instrument, link.role).length}
      pages={instrument.survey.pages.filter((p) => p.elements.some((q) => q.wording[link.role] !== undefined)).length}
      ratesTactical={instrument.dimensions.some((x) => x.raters?.[link.role] === 'tactisch')}
    />,
  )
})

export default app
