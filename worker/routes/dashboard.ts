import { zValidator } from '@hono/zod-validator'
import { z } from 'zod'
import { DashboardQuery, TrendQuery } from '../../schema/api.ts'
import { toCsv } from '../domain/csv.ts'
import { dashboardOf, exportRows, loadProgramme, trendOf } from '../dashboard.ts'
import { readConfig } from '../env.ts'
import { newApp } from '../http/app.ts'
import { requireUser } from '../http/guards.ts'
import { validationHook } from '../http/problem.ts'
import { programmeFor } from './programmes.ts'
import { audit } from '../http/audit.ts'

const app = newApp()
app.use('*', requireUser)

app.get('/:pid/dashboard', zValidator('query', DashboardQuery, validationHook), async (c) => {
  const { programme, partnerId } = await programmeFor(c, 'read')
  const { role, wave } = c.req.valid('query')
  const data = await loadProgramme(c.env.DB, programme.id)
  c.header('x-d1-rows-read', String(data.rowsRead))
  return c.json(dashboardOf(programme, data, { waveId: wave, role, k: readConfig(c.env).MIN_GROUP_SIZE, onlyPartner: partnerId }))
})

app.get('/:pid/trend', zValidator('query', TrendQuery, validationHook), async (c) => {
  const { programme, partnerId } = await programmeFor(c, 'read')
  const { role, partner } = c.req.valid('query')
  const data = await loadProgramme(c.env.DB, programme.id)
  return c.json(trendOf(data, { partnerId: partner, role, k: readConfig(c.env).MIN_GROUP_SIZE, onlyPartner: partnerId }))
})

const ExportQuery = z.object({ wave: z.string().min(1).optional(), sep: z.enum(['comma', 'semicolon']).default('comma'), lang: z.enum(['nl', 'en']).default('nl') })

app.get('/:pid/export.csv', zValidator('query', ExportQuery, validationHook), async (c) => {
  const { programme, partnerId } = await programmeFor(c, 'lead')
  const { wave: waveId, sep, lang } = c.req.valid('query')
  const data = await loadProgramme(c.env.DB, programme.id)
  const { wave, rows } = exportRows(programme, data, { waveId, k: readConfig(c.env).MIN_GROUP_SIZE, onlyPartner: partnerId, lang })
  const slug = (s: string) => s.replace(/[^A-Za-z0-9]+/g, '-')
  await audit(c, { action: 'export.downloaded', target: wave.label, detail: `csv · ${lang} · ${sep}` }, { programmeId: programme.id })
  return c.body(toCsv(rows, sep === 'semicolon' ? ';' : ','), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="ketenradar-${slug(programme.name)}-${slug(wave.label)}.csv"`,
  })
})

export default app
