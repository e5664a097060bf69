import { pathParams } from '../../schema/api.ts'
import { QuestionsPageQuery, ResultsPageQuery } from '../../schema/api-pages.ts'
import { listActions, readActionPolicy } from '../db/actions.ts'
import { parseHeatSort } from '../domain/heatmap.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app-env.ts'
import { framePage, pageRefusal, pathOf, pathReading, programmeReader } from '../http/page-reader.tsx'
import { valid } from '../http/validate.ts'
import { MessagePage } from '../pages/app-frame.tsx'
import { pageHtml, renderPage } from '../pages/layout.tsx'
import { dayOf, fill } from '../../schema/format.ts'
import { partnerOrder } from '../pages/results-chart.ts'
import { ResultsPage } from '../pages/results-page.tsx'
import { DimensionQuestions, QuestionsPage } from '../pages/question-section.tsx'
import { actionsVisible, resultsActions } from '../services/action-service.ts'
import { resultsFor, loadProgramme, trendOf } from '../services/results-service.ts'
import { openWaveBeside, participationFor } from '../domain/wave-results.ts'
import { keptAnswer, programmeKey } from '../services/answer-cache.ts'

/** The results page of a programme: what stands out, the heatmap, the radar, the trend and the agreed actions. */
const app = newApp()
app.onError(pageRefusal)

app.get(
  '/programmes/:pid',
  valid('param', pathParams('/programmes/:pid')),
  valid('query', ResultsPageQuery),
  async (c) => {
    const k = readConfig(c.env).MIN_GROUP_SIZE
    // At once, with the session, in one round trip (`programmeReader`); the data is used only once access is clear.
    const reader = await programmeReader(c, { title: (t) => t.dashboardTitle }, (db, pid, cleared) =>
      Promise.all([
        loadProgramme(db, pid, k, undefined, undefined, cleared),
        listActions(db, pid),
        readActionPolicy(db, pid),
      ]),
    )
    if (reader instanceof Response) return reader
    const { lang, t, access } = reader
    const [data, allActions, partnerViewers] = reader.also
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
    // A wave or partner that is not there is refused under the programme's own title, still signed in.
    framePage(c, { title: programme.name })
    const path = pathReading(c, Object.keys(ResultsPageQuery.shape))
    // Kept as HTML under everything it is made of (worker/services/answer-cache.ts): the rows read,
    // the reader's access, the query and the page's own address (the language switch links to it),
    // the language, the actions and who may record them, and the day (an action's due date is
    // overdue from it on: the day in the Netherlands, schema/format.ts `dayOf`).
    const inputs = {
      programme,
      // Every field of the reader's access (the programme is the field above), one added later too.
      access: { ...access, programme: undefined },
      q,
      path,
      lang,
      k,
      // Those the reader may see: another partner's action must not turn a limited viewer's key.
      actions: actionsVisible(allActions, access),
      partnerViewers,
    }
    const html = await keptAnswer(
      () => {
        const of = programmeKey(data, { canLead: access.canLead, k })
        return of === null ? null : JSON.stringify(['results-page', inputs, dayOf(new Date()), of])
      },
      () => {
        const d = resultsFor(programme, data, {
          waveId: q.wave || undefined,
          role: q.role,
          k,
          onlyPartner: access.partnerId,
        })
        // A lead of an open wave sees its participation (never scores); everyone else a notice.
        const participation = participationFor(data, d, access.canLead)
        const trendKey = d.partners.some((p) => p.id === q.trend) ? q.trend : 'programme'
        const trend = trendOf(data, {
          partnerId: trendKey === 'programme' ? undefined : trendKey,
          role: q.role,
          k,
          onlyPartner: access.partnerId,
        })
        const actions = resultsActions(access, data, d, q.role, k, inputs.actions, partnerViewers)
        return pageHtml(
          <ResultsPage
            lang={lang}
            d={d}
            trend={trend}
            trendKey={trendKey}
            order={partnerOrder(data.partners, access.partnerId)}
            path={path}
            canLead={access.canLead}
            readsQuality={access.readsQuality}
            participation={participation}
            openWave={openWaveBeside(data, d, access.canLead)}
            actions={actions}
            agree={
              q.actionPartner && q.actionDimension
                ? { partnerId: q.actionPartner, dimension: q.actionDimension }
                : undefined
            }
            sort={parseHeatSort(
              q.sort,
              d.dimensions.map((x) => x.key),
            )}
          />,
        )
      },
    )
    return c.html(html, 200)
  },
)

/**
 * One dimension's answers per question, for the programme and each partner this reader sees: the
 * table alone (`part=table`) for the results page to load when the dimension is opened, or a page
 * of its own. Read and refused as the results page is: the same access, the same suppression
 * (`resultsFor` with `questions` of this dimension), a dimension the role does not show refused.
 */
app.get(
  '/programmes/:pid/questions/:dimension',
  valid('param', pathParams('/programmes/:pid/questions/:dimension')),
  valid('query', QuestionsPageQuery),
  async (c) => {
    const k = readConfig(c.env).MIN_GROUP_SIZE
    const q = c.req.valid('query')
    const reader = await programmeReader(
      c,
      { title: (t) => t['questions:heading'], owns: ['no-such-wave', 'no-waves', 'questions-unknown-dimension'] },
      (db, pid, cleared) => loadProgramme(db, pid, k, undefined, { wave: q.wave }, cleared),
    )
    if (reader instanceof Response) return reader
    const { lang, t, access } = reader
    const { dimension } = c.req.valid('param')
    const d = resultsFor(access.programme, reader.also, {
      waveId: q.wave || undefined,
      role: q.role,
      k,
      onlyPartner: access.partnerId,
      questions: dimension,
    })
    const dim = d.dimensions.find((x) => x.key === dimension)!
    const roleLabel = t[`roleView_${d.role}`]
    const of = {
      lang,
      k: d.k,
      wave: d.wave.label,
      roleLabel,
      partners: d.partners,
      programmeSuppressed: d.programme.suppressed,
      programmeScores: d.programme.scores,
    }
    const table =
      d.questions?.available && d.published ? (
        <DimensionQuestions {...of} detail={d.questions} dimension={dim} />
      ) : (
        <p class="notice">{t['questions:notAvailable']}</p>
      )
    if (q.part === 'table') return c.html(table)
    const back = `/app/programmes/${access.programme.id}?wave=${encodeURIComponent(d.wave.id)}&role=${d.role}&lang=${lang}#questions-${dim.key}`
    return renderPage(
      <QuestionsPage lang={lang} programme={access.programme.name} dimension={dim} of={of} back={back} path={pathOf(c)}>
        {table}
      </QuestionsPage>,
      200,
      c,
    )
  },
)

export default app
