import { readConfig } from '../env.ts'
import { groupSizeOf } from '../domain/wave-lifecycle.ts'
import { instrumentPath } from '../services/instrument-catalogue.ts'
import { questionsFor } from '../domain/instrument-rules.ts'
import { newApp } from '../http/app-env.ts'
import { langOf } from '../http/lang.ts'
import { surveyRefusal } from '../http/page-reader.tsx'
import { renderPage } from '../pages/layout.tsx'
import { SurveyPage } from '../pages/survey-page.tsx'
import { unknownLink } from '../services/link-service.ts'
import { answerableLink } from '../services/response-service.ts'
import { pathParams } from '../../schema/api.ts'
import { PageQuery } from '../../schema/api-pages.ts'
import { valid } from '../http/validate.ts'

const app = newApp()

app.get('/', (c) => c.redirect('/app', 303))

// The respondent's refusals are pages in their language, never problem+json (worker/http/page-reader.tsx).
app.onError(surveyRefusal)

app.get('/s/:token', valid('param', pathParams('/s/:token'), unknownLink), valid('query', PageQuery), async (c) => {
  const { token } = c.req.valid('param')
  const lang = langOf(c)
  const { link, instrument } = await answerableLink(c.env.DB, token)
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
      guide={instrument.scale.guide?.[lang]}
    />,
  )
})

export default app
