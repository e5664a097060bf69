import { pathParams } from '../../schema/api.ts'
import { SetupPageQuery } from '../../schema/api-pages.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app-env.ts'
import { accessMode } from '../http/guards.ts'
import { pageRefusal, programmeReader } from '../http/page-reader.tsx'
import { valid } from '../http/validate.ts'
import { renderPage } from '../pages/layout.tsx'
import { SetupPage } from '../pages/setup-page.tsx'
import { setupOf } from '../services/setup-service.ts'

const app = newApp()
app.onError(pageRefusal)

/** The lead's setup page: partners, waves, links, cadence, people and the trail of one programme. */
app.get(
  '/programmes/:pid/setup',
  valid('param', pathParams('/programmes/:pid/setup')),
  valid('query', SetupPageQuery),
  async (c) => {
    const reader = await programmeReader(c, { title: (t) => t.setupHeading, need: 'lead' }, async () => null)
    if (reader instanceof Response) return reader
    const { user, lang, access } = reader
    const { audit: auditPage, wave: linkWaveId } = c.req.valid('query')
    const d = await setupOf(c.env.DB, access.programme, {
      auditPage,
      linkWaveId,
      minGroupSize: readConfig(c.env).MIN_GROUP_SIZE,
      userId: user.id,
      passwords: !accessMode(c.env),
      lang,
    })
    return renderPage(<SetupPage lang={lang} d={d} />, 200, c)
  },
)

export default app
