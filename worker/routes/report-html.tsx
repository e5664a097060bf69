import { pathParams } from '../../schema/api.ts'
import { ReportPageQuery } from '../../schema/api-pages.ts'
import { listActions, readActionPolicy } from '../db/actions.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app-env.ts'
import { framePage, pageRefusal, pathOf, programmeReader } from '../http/page-reader.tsx'
import { valid } from '../http/validate.ts'
import { renderPage } from '../pages/layout.tsx'
import { ReportPage } from '../pages/report-page.tsx'
import { partnerOrder } from '../pages/results-chart.ts'
import { actionsVisible, mayWriteActions, recordableFor } from '../services/action-service.ts'
import { reportOf } from '../services/report-service.ts'
import { loadProgramme } from '../services/results-service.ts'

const app = newApp()
app.onError(pageRefusal)

/**
 * A partner's report: one printable document for its management. A viewer limited to
 * one partner reads that partner's report only; any other partner's is not there for them (404).
 */
app.get(
  '/programmes/:pid/partners/:partnerId/report',
  valid('param', pathParams('/programmes/:pid/partners/:partnerId/report')),
  valid('query', ReportPageQuery),
  async (c) => {
    const k = readConfig(c.env).MIN_GROUP_SIZE
    const reader = await programmeReader(c, { title: (t) => t.report_title }, (db, pid, cleared) =>
      Promise.all([
        loadProgramme(db, pid, k, undefined, undefined, cleared),
        readActionPolicy(db, pid),
        listActions(db, pid),
      ]),
    )
    if (reader instanceof Response) return reader
    const { lang, t, access } = reader
    const [data, partnerViewers, allActions] = reader.also
    const q = c.req.valid('query')
    const { partnerId } = c.req.valid('param')
    // A wave or partner that is not there is refused under the programme's own title, still signed in.
    framePage(c, { title: t.report_title })
    const actions = actionsVisible(allActions, access, { partner: partnerId })
    const r = reportOf(access.programme, data, {
      partnerId,
      waveId: q.wave || undefined,
      role: q.role,
      k,
      onlyPartner: access.partnerId,
      actions,
    })
    const canWrite = mayWriteActions(access, partnerViewers, r.partner.id)
    // What the add form offers, by the results page's rule: the wave shown, the partner and its
    // dimensions only where the report's role shows them.
    const recordable = recordableFor(access, data, r.d.wave.id, partnerViewers, [r.partner], r.d.role)
    return renderPage(
      <ReportPage
        lang={lang}
        r={r}
        path={pathOf(c)}
        order={partnerOrder(data.partners, access.partnerId).get(r.partner.id) ?? 0}
        canWrite={canWrite}
        recordable={recordable}
      />,
      200,
      c,
    )
  },
)

export default app
