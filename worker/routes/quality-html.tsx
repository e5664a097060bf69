import { pathParams } from '../../schema/api.ts'
import { QualityPageQuery } from '../../schema/api-pages.ts'
import { waveState } from '../domain/wave-lifecycle.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app-env.ts'
import { framePage, pageRefusal, pathOf, programmeReader } from '../http/page-reader.tsx'
import { valid } from '../http/validate.ts'
import { renderPage } from '../pages/layout.tsx'
import { QualityPage } from '../pages/quality-page.tsx'
import { qualityOf } from '../services/quality-service.ts'
import { loadProgramme } from '../services/results-service.ts'

const app = newApp()
app.onError(pageRefusal)

// Measurement quality: for administrators only (worker/services/quality-service.ts `qualityOf`).
app.get(
  '/programmes/:pid/quality',
  valid('param', pathParams('/programmes/:pid/quality')),
  valid('query', QualityPageQuery),
  async (c) => {
    const k = readConfig(c.env).MIN_GROUP_SIZE
    const reader = await programmeReader(c, { title: (t) => t.qualityTitle }, (db, pid, cleared) =>
      loadProgramme(db, pid, k, undefined, undefined, cleared),
    )
    if (reader instanceof Response) return reader
    const { lang, access, also: data } = reader
    const q = c.req.valid('query')
    // A wave or partner that is not there, or a reader who may not read quality (the page's own
    // refusal), is refused under the programme's own title, still signed in.
    framePage(c, { title: access.programme.name, owns: ['quality-admin-only'] })
    const quality = await qualityOf(c.env.DB, access, data, { waveId: q.wave || undefined, role: q.role })
    const waves = data.waves.filter((w) => waveState(w) !== 'planned').map((w) => ({ id: w.id, label: w.label }))
    return renderPage(
      <QualityPage lang={lang} programme={access.programme} q={quality} waves={waves} path={pathOf(c)} />,
      200,
      c,
    )
  },
)

export default app
