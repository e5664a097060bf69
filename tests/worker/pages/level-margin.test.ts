import { describe, expect, it } from 'vitest'
import { toCsv } from '../../../schema/format.ts'
import type { Role } from '../../../schema/instrument.ts'
import { intervalLevels, MIN_N_FOR_LEVEL, shownBands, shownInterval } from '../../../worker/domain/levels.ts'
import { publishWave } from '../../../worker/domain/publication.ts'
import { messages, type Lang } from '../../../worker/i18n/messages.ts'
import { ReportPage } from '../../../worker/pages/report-page.tsx'
import { TALL_HEATMAP } from '../../../worker/pages/results-chart.ts'
import { Heatmap, Standouts } from '../../../worker/pages/results-standouts.tsx'
import { ScoreTable } from '../../../worker/pages/results-tables.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { reportOf } from '../../../worker/services/report-service.ts'
import { resultsFor, exportRows } from '../../../worker/services/results-service.ts'
import { cellOf, pageData, pagePartner, pageProgramme, pageText, pageWave } from '../fixtures.ts'

/**
 * A level named from MIN_N_FOR_LEVEL scores on whose interval reaches another level carries a mark
 * in every view (worker/domain/levels.ts `levelVerdict`, `reaches`): Alpha's 60 staff answer coaching
 * 3,4 with SD 0,8, so its interval 3,1–3,7 reaches level 3 while 3,4 is level 4; its other
 * dimensions, 3,0 with SD 0,5 over 60, lie within level 3 and are named without a mark.
 */
const ins = findInstrument('coachende-manager', 3)!
const role: Role = 'medewerker'

const cell = (partnerId: string, n: number, means: Record<string, [number, number]>) =>
  cellOf(ins, partnerId, role, n, (d, i) => {
    const [m, spread] = means[d] ?? [3, 0.5]
    // One group, not two camps (version 3's split rule holds back a level of two camps with an
    // empty band between them): a quarter each at m ∓ spread·√2, half at m, so the SD is `spread`.
    return m + [-1, 0, 0, 1][i % 4]! * spread * Math.SQRT2
  })
const partner = pagePartner
const partners = [partner('a', 'Alpha')]
const wave = pageWave({ instrumentVersion: 3 })
const programme = pageProgramme
const publication = publishWave(ins, ['a'], [cell('a', 60, { coaching: [3.4, 0.8] })], 5)
const data = pageData(partners, wave, publication)
const dashboard = () => resultsFor(programme, data, { role, k: 5, onlyPartner: null })
const text = pageText
const count = (s: string, part: string) => s.split(part).length - 1

describe('a level named from enough scores whose interval reaches another level is marked in every view', () => {
  const mark = { nl: 'niveau 4 (marge reikt tot niveau 3)', en: 'level 4 (margin reaches level 3)' }
  const words = { nl: '(marge reikt tot niveau', en: '(margin reaches level' }

  it('in the published score: level 4 from 60 scores, reaching 3; the other dimensions within level 3, unmarked', () => {
    expect(MIN_N_FOR_LEVEL).toBeLessThanOrEqual(60)
    const alpha = dashboard().partners[0]!.scores!
    expect(alpha.coaching!.verdict).toEqual({ level: 4, because: 'n', reaches: [3] })
    expect(alpha.kader!.verdict).toEqual({ level: 3, because: 'interval' })
  })

  it.each(['nl', 'en'] as Lang[])('in the heatmap, the tables and the stand-outs (%s)', async (lang) => {
    const d = dashboard()
    const heat = await text(Heatmap({ lang, d, trendKey: 'programme', sort: { by: 'partner' } }))
    expect(heat).toContain(mark[lang])
    // Alpha's row: coaching, nothing else marked. The programme's (Alpha alone) names no level, as
    // a programme of fewer than MIN_CLUSTERS shown partners has no design effect (worker/domain/publication.ts `scoreOf`).
    expect(count(heat, words[lang])).toBe(1)
    // Each cell says why it names a level or not.
    const html = String(await Heatmap({ lang, d, trendKey: 'programme', sort: { by: 'partner' } })?.toString())
    expect(html).toContain(
      lang === 'nl'
        ? `title="Niveau 4: genoeg antwoorden (vanaf ${MIN_N_FOR_LEVEL}) om een niveau te noemen; de marge raakt niveau 3"`
        : `title="Level 4: enough answers (from ${MIN_N_FOR_LEVEL}) to name a level; the margin reaches level 3"`,
    )
    expect(html).toContain(
      lang === 'nl'
        ? 'title="Niveau 3: de marge ligt binnen dit niveau"'
        : 'title="Level 3: the margin lies within this level"',
    )
    expect(html).toContain(
      lang === 'nl'
        ? `bij minder dan ${MIN_N_FOR_LEVEL} antwoorden wordt dan nog geen niveau genoemd`
        : `below ${MIN_N_FOR_LEVEL} answers no level is named then`,
    )
    expect(d.programme.scores!.coaching!.verdict).toEqual({ level: null, because: 'not-yet-clear' })
    const table = await text(
      ScoreTable({ id: 'scores', lang, d, keys: d.dimensions.map((x) => x.key), caption: 'scores' }),
    )
    expect(count(table, words[lang])).toBe(1)
    expect(table).toMatch(lang === 'nl' ? /4 \S+ \(marge reikt tot niveau 3\)/ : /4 \S+ \(margin reaches level 3\)/)
    // Coaching is Alpha's highest dimension, named with its mark.
    const standouts = await text(Standouts({ lang, d, trendKey: 'programme' }))
    expect(standouts).toContain(`${words[lang]} 3)`)
  })

  it.each(['nl', 'en'] as Lang[])("in the partner's report and the export (%s)", async (lang) => {
    const r = reportOf(programme, data, { partnerId: 'a', role, k: 5, onlyPartner: null, actions: [] })
    const report = await text(ReportPage({ lang, r, path: '/app', order: 1, canWrite: false }))
    expect(report).toContain(`${words[lang]} 3)`)
    const csv = exportRows(data, { onlyPartner: null, lang })
    const header = csv.rows[0]! as string[]
    const at = (name: string) => header.indexOf(name)
    const coaching = csv.rows.find((row) => row[2] === 'Alpha' && row[4] === 'coaching')!
    const kader = csv.rows.find((row) => row[2] === 'Alpha' && row[4] === 'kader')!
    const col = lang === 'nl' ? 'niveau_marge_reikt_tot' : 'level_margin_reaches'
    expect(at(col)).toBeGreaterThan(at(lang === 'nl' ? 'niveau_duidelijk' : 'level_clear'))
    expect(coaching[at(col)]).toBe('3')
    expect(kader[at(col)]).toBe('')
    // What the screen shows, checkable by hand from the CSV: the interval
    // rounded outward as the tables print it, the levels its ends lie in, and the level in words.
    const d = dashboard()
    const alpha = d.partners[0]!.scores!.coaching!
    const ci = shownInterval(alpha.ci95!)
    const name = (nl: string, en: string) => at(lang === 'nl' ? nl : en)
    const fixed = (x: number, digits: number) => ({ fixed: x, digits })
    expect(coaching[name('bi95_getoond_laag', 'ci95_shown_low')]).toEqual(fixed(ci[0], 1))
    expect(coaching[name('bi95_getoond_hoog', 'ci95_shown_high')]).toEqual(fixed(ci[1], 1))
    expect(coaching[name('gemiddelde_getoond', 'mean_shown')]).toEqual(fixed(3.4, 1))
    expect([
      coaching[name('marge_van_niveau', 'margin_from_level')],
      coaching[name('marge_tot_niveau', 'margin_to_level')],
    ]).toEqual([3, 4])
    expect(coaching[name('niveau_getoond', 'level_shown')]).toBe(mark[lang])
    expect(kader[name('niveau_getoond', 'level_shown')]).toBe(lang === 'nl' ? 'niveau 3' : 'level 3')
    expect([
      kader[name('marge_van_niveau', 'margin_from_level')],
      kader[name('marge_tot_niveau', 'margin_to_level')],
    ]).toEqual([3, 3])
    // The programme (Alpha alone) names no level: the CSV gives the range the heatmap names.
    const whole = csv.rows.find((row) => row[2] === messages[lang].programmeWhole && row[4] === 'coaching')!
    const span = intervalLevels(shownBands(ins), d.programme.scores!.coaching!.ci95!)
    expect(span[0]).toBeLessThan(span[1])
    expect(whole[name('niveau_getoond', 'level_shown')]).toBe(
      lang === 'nl'
        ? `nog niet duidelijk (tussen niveau ${span[0]} en ${span[1]})`
        : `not yet clear (between level ${span[0]} and ${span[1]})`,
    )
    expect(whole[at(lang === 'nl' ? 'niveau' : 'level')]).toBeNull()
    // One number format: the exact values at four decimals, the shown ones at one, whatever they are.
    const lines = toCsv(csv.rows, ';').split('\r\n')
    const alphaLine = lines.find((l) => l.includes(';Alpha;') && l.includes(';coaching;'))!.split(';')
    expect(alphaLine[name('gemiddelde', 'mean')]).toMatch(/^3,\d{4}$/)
    expect(alphaLine[name('bi95_getoond_laag', 'ci95_shown_low')]).toMatch(/^\d,\d$/)
    expect(
      toCsv(
        [
          [
            { fixed: 3, digits: 4 },
            { fixed: 2.8, digits: 1 },
          ],
        ],
        ';',
      ),
    ).toBe('\ufeff3,0000;2,8\r\n')
  })
})

describe("a long heatmap's key explains the short margin mark only by a cell that carries one", () => {
  // 13 partners make the compact table (results-chart.ts TALL_HEATMAP); each at 3,0 within level 3,
  // and in the second programme Alpha's coaching at 3,4 from 60 reaches level 3 ("(of 3)").
  const ids = Array.from({ length: TALL_HEATMAP + 1 }, (_, i) => `p${i}`)
  const many = ids.map((id, i) => partner(id, `Partner ${String(i).padStart(2, '0')}`))
  const heat = (withReach: boolean, lang: Lang) => {
    const cells = ids.map((id, i) => cell(id, 60, i === 0 && withReach ? { coaching: [3.4, 0.8] } : {}))
    const d = resultsFor(programme, pageData(many, wave, publishWave(ins, ids, cells, 5)), {
      role,
      k: 5,
      onlyPartner: null,
    })
    return text(Heatmap({ lang, d, trendKey: 'programme', sort: { by: 'partner' } }))
  }
  const marker = { nl: /\(of \d/, en: /\(or \d/ }

  it.each(['nl', 'en'] as Lang[])(
    'no cell reaches another level: the key says nothing of a mark (%s)',
    async (lang) => {
      const page = await heat(false, lang)
      expect(page).toContain(lang === 'nl' ? 'staat elke cel kort' : 'each cell is short')
      expect(page).not.toMatch(marker[lang])
      // Every cell is 3,0 named level 3: the key's example is that, and it explains no kind of cell the
      // table lacks ("not yet clear", "no level"), as it did beside a table of neither.
      expect(page).toContain(lang === 'nl' ? '3,0 niveau 3 is een genoemd niveau.' : '3.0 level 3 is a named level.')
      const key = page.slice(page.indexOf(lang === 'nl' ? 'De niveaus:' : 'The levels:'))
      expect(key).not.toContain(lang === 'nl' ? 'nog niet duidelijk:' : 'not yet clear:')
      expect(key).not.toContain(lang === 'nl' ? 'geen niveau:' : 'no level:')
    },
  )

  it.each(['nl', 'en'] as Lang[])("one does: the key quotes that cell's own words (%s)", async (lang) => {
    const page = await heat(true, lang)
    expect(page).toContain(
      lang === 'nl'
        ? 'zoals in 3,4 niveau 4 (of 3), dan kan het ook niveau 3 zijn'
        : 'as in 3.4 level 4 (or 3), it may also be level 3',
    )
  })
})
