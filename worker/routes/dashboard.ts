import { zValidator } from '@hono/zod-validator'
import { z } from 'zod'
import { DashboardQuery, TrendQuery } from '../../schema/api.ts'
import { toCsv } from '../domain/csv.ts'
import { dashboardOf, exportRows, loadProgramme, participationIn, trendOf } from '../dashboard.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app.ts'
import { requireUser } from '../http/guards.ts'
import { validationHook } from '../http/problem.ts'
import { programmeFor } from './programmes.ts'
import { audit } from '../http/audit.ts'

const app = newApp()
app.use('*', requireUser)

app.get('/:pid/dashboard', zValidator('query', DashboardQuery, validationHook), async (c) => {
  const { programme, partnerId, canLead } = await programmeFor(c, 'read')
  const { role, wave } = c.req.valid('query')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  // No header about the reads (rows, cells): they would count cells this reader may not see.
  const data = await loadProgramme(c.env.DB, programme.id, k)
  const d = dashboardOf(programme, data, { waveId: wave, role, k, onlyPartner: partnerId })
  // Participation of a wave that is open, to chase the response rate: for its leads, and never scores.
  const participation = canLead && d.wave.state === 'open' ? await participationIn(c.env.DB, d.wave, data.partners, d.k) : null
  return c.json({ ...d, participation })
})

app.get('/:pid/trend', zValidator('query', TrendQuery, validationHook), async (c) => {
  const { programme, partnerId } = await programmeFor(c, 'read')
  const { role, partner } = c.req.valid('query')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const data = await loadProgramme(c.env.DB, programme.id, k)
  return c.json(trendOf(data, { partnerId: partner, role, k, onlyPartner: partnerId }))
})

const ExportQuery = z.object({ wave: z.string().min(1).optional(), sep: z.enum(['comma', 'semicolon']).default('comma'), lang: z.enum(['nl', 'en']).default('nl') })

app.get('/:pid/export.csv', zValidator('query', ExportQuery, validationHook), async (c) => {
  const { programme, partnerId } = await programmeFor(c, 'lead')
  const { wave: waveId, sep, lang } = c.req.valid('query')
  const k = readConfig(c.env).MIN_GROUP_SIZE
  const data = await loadProgramme(c.env.DB, programme.id, k)
  const { wave, rows } = exportRows(programme, data, { waveId, k, onlyPartner: partnerId, lang })
  const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-')
  await audit(c, { action: 'export.downloaded', target: wave.label, detail: `csv · ${lang} · ${sep}` }, { programmeId: programme.id })
  return c.body(toCsv(rows, sep === 'semicolon' ? ';' : ','), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="ketenradar-${slug(programme.name)}-${slug(wave.label)}.csv"`,
  })
})

export default app
