import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { dimensionsFor } from '../../worker/domain/instrument-rules.ts'
import { findInstrument } from '../../worker/services/instrument-catalogue.ts'
import { adminCookie, apiCall, artefactDir, base, d1, launch, rollupStats, violations } from './browser.ts'
import { imageCount, pageOf, pageTexts } from './pdf-text.ts'

/**
 * The heatmap and the stand-outs of a programme with 40 partners: readable on a
 * 1366 px desktop without the page scrolling sideways, usable on a 390 px phone (the partner
 * column stays in view while the table scrolls in its own box), sortable by links without a script
 * and in place with one (in the server's order for the same ?sort=), and without axe violations in
 * Dutch and English.
 */

const ins = findInstrument('coachende-manager')!
const PARTNERS = 40
let browser: Browser
let cookie: string
let pid: string
/** The first wave, and the partner and dimension of the action agreed after it. */
let first: string
let actionPartner: string
let actionDimension: string

const api = <T>(path: string, body: unknown, method = 'POST') => apiCall<T>(cookie, path, body, method)

beforeAll(async () => {
  browser = await launch()
  cookie = await adminCookie()
  pid = (await api<{ id: string }>('/api/programmes', { name: `Veertig partners ${crypto.randomUUID().slice(0, 6)}` }))
    .id
  const partners: string[] = []
  for (let i = 0; i < PARTNERS; i++)
    partners.push(
      (
        await api<{ id: string }>(`/api/programmes/${pid}/partners`, {
          // One name with a word too long for the partner column and no space in it, as "Belastingdienst/Toeslagen".
          name:
            i === 1 ? 'Gemeente 02 Belastingdienst/Toeslagen' : `Gemeente ${String(i + 1).padStart(2, '0')} Zuid-Oost`,
          headcount: 20,
          headcounts: { teammanager: 10 },
        })
      ).id,
    )
  // Two closed waves, Najaar and then Voorjaar, with an action agreed after Najaar: the page shows
  // Voorjaar, where that action is a marker in its cell and stands beside its trend row.
  // Waves may not overlap: the first runs from 20 to 10 days ago (closed by moving its end there), the second from 5 days ago until now.
  const seedWave = async (label: string, days: [number, number], shift: (i: number, j: number) => number) => {
    const wave = await api<{ id: string }>(`/api/programmes/${pid}/waves`, {
      label,
      instrument: 'coachende-manager',
      opensAt: new Date(Date.now() - days[0] * 86_400_000).toISOString(),
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    })
    // The answers as their rollups, straight into the test server's D1: 40 × 6 answer sets through
    // the survey would take minutes. Partner 7 has 3 answers (below k, hidden); every fifth has team managers.
    const rows = partners.flatMap((id, i) => {
      const staff = `('${wave.id}', '${id}', 'medewerker', ${i === 7 ? 3 : 6}, '${JSON.stringify(rollupStats(ins, 'medewerker', i === 7 ? 3 : 6, (j) => Math.min(4.9, 1.5 + ((i * 7 + j * 3) % 30) / 10 + shift(i, j))))}')`
      const managers =
        i % 5 === 0
          ? [
              `('${wave.id}', '${id}', 'teammanager', 5, '${JSON.stringify(rollupStats(ins, 'teammanager', 5, (j) => 2 + ((i + j * 5) % 25) / 10))}')`,
            ]
          : []
      return [staff, ...managers]
    })
    d1(`INSERT INTO rollups (wave_id, partner_id, role, n, stats) VALUES ${rows.join(', ')}`)
    await api(`/api/waves/${wave.id}`, { closesAt: new Date(Date.now() - days[1] * 86_400_000).toISOString() }, 'PATCH')
    // The first read publishes it, before the next wave opens.
    await api(`/api/programmes/${pid}/dashboard?wave=${wave.id}`, undefined, 'GET')
    return wave.id
  }
  first = await seedWave('Najaar', [20, 10], () => 0)
  actionPartner = partners[0]!
  actionDimension = dimensionsFor(ins, 'medewerker')[0]!
  await api(`/api/programmes/${pid}/actions`, {
    waveId: first,
    partnerId: actionPartner,
    dimension: actionDimension,
    what: 'Maandelijks ketenoverleg',
    owner: 'teammanager',
  })
  // Some partners a point up on some dimensions in the second wave: clear changes to stand out.
  await seedWave('Voorjaar', [5, 0], (i, j) => (i % 4 === 0 && j % 2 === 0 ? 1 : 0))
}, 180_000)
afterAll(async () => {
  await browser?.close()
})

async function open(width: number, lang: 'nl' | 'en' = 'nl', query = ''): Promise<Page> {
  const context = await browser.newContext({
    locale: lang === 'nl' ? 'nl-NL' : 'en-GB',
    viewport: { width, height: 900 },
    bypassCSP: true,
  })
  await context.addCookies([{ name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() }])
  const page = await context.newPage()
  await page.goto(`${base()}/app/programmes/${pid}?lang=${lang}${query}`)
  await page.locator('#heatmap').waitFor()
  return page
}

/** Whether the page itself scrolls sideways (a table scrolling inside its own box does not count). */
const pageScrollsSideways = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth)

/** The partner names that run out of their cell, over the first score: none may. */
const namesRunningOver = (page: Page) =>
  page
    .locator('#heatmap tbody th[scope="row"]')
    .evaluateAll((ths) => ths.filter((th) => th.scrollWidth > th.clientWidth + 1).map((th) => th.textContent))

/** The partner rows and the dimension columns whole in the heatmap's box, as it stands. */
const dimensionsInView = (page: Page) =>
  page.$eval('.heat-scroll', (el) => {
    const b = el.getBoundingClientRect()
    const rows = [...el.querySelectorAll('tbody tr')].filter((r) => r.getBoundingClientRect().bottom <= b.bottom)
    const columns = [...el.querySelectorAll('thead th')].filter((th) => th.getBoundingClientRect().right <= b.right)
    return { rows: rows.length, dimensions: columns.length - 1 }
  })

/**
 * Whether the programme row, with the box scrolled down, sits right under the header row
 * (`underHeader`) and is what the reader sees there, not a partner row under it (`onTop`).
 */
const programmeRowInView = async (page: Page) => {
  await page.locator('.heat-scroll').scrollIntoViewIfNeeded()
  return page.$eval('.heat-scroll', (box) => {
    // A header cell, not the row group: the cells stick, the group scrolls away.
    const head = box.querySelector('thead th')!.getBoundingClientRect()
    const row = box.querySelector('tr.heat-programme')!
    const cell = row.querySelector('td')!.getBoundingClientRect()
    const seen = document.elementFromPoint(cell.left + cell.width / 2, cell.top + cell.height / 2)
    return { underHeader: Math.abs(cell.top - head.bottom) < 2, onTop: !!seen && row.contains(seen) }
  })
}

describe('the heatmap at 40 partners', () => {
  it('fits a 1366 px desktop without horizontal page scroll, every partner in it', async () => {
    const page = await open(1366)
    expect(await page.locator('#heatmap tbody tr').count()).toBe(PARTNERS + 1)
    expect(await pageScrollsSideways(page)).toBe(false)
    expect(await namesRunningOver(page)).toEqual([])
    // The value and the level in text in every shown cell, never colour alone; the hidden partner says why.
    const cells = await page.$$eval('#heatmap td.heat[data-mean]', (tds) =>
      tds.map((td) => ({ text: td.textContent ?? '', named: td.hasAttribute('data-level') })),
    )
    // Every shown partner (39: one is hidden) and the programme, on every dimension asked of staff.
    expect(cells.length).toBe(PARTNERS * dimensionsFor(ins, 'medewerker').length)
    // A named level in words; where the data cannot tell it (or the group disagrees), words say so.
    for (const c of cells)
      expect(c.text).toMatch(
        c.named ? /^\d,\d niveau \d/ : /^\d,\d · (nog niet duidelijk( \(tussen niveau \d en \d\))?|geen niveau)/,
      )
    expect(cells.some((c) => c.named)).toBe(true)
    // At a glance: in a table this long each cell is short, so that most of a screenful of partners
    // show in the box at once, not the 8 of 40 that cells with their words in full left room for.
    const rowsInView = await page.$eval('.heat-scroll', (box) => {
      const bottom = box.getBoundingClientRect().bottom
      return [...box.querySelectorAll('tbody tr')].filter((r) => r.getBoundingClientRect().bottom <= bottom).length
    })
    expect(rowsInView).toBeGreaterThanOrEqual(15)
    // The short form for the eye, the full words for a screen reader: "2,5 niveau 2–3" is read as
    // "nog niet duidelijk (tussen niveau 2 en 3)", and the key says what the short form means.
    const unclear = page.locator('#heatmap td.heat-unclear[data-span]').first()
    const [from, to] = ((await unclear.getAttribute('data-span')) ?? '').split('-')
    expect(await unclear.locator('[aria-hidden="true"]').textContent()).toBe(
      from === to ? ` binnen niveau ${from}` : ` niveau ${from}–${to}`,
    )
    expect(await unclear.locator('.visually-hidden').textContent()).toContain('nog niet duidelijk')
    // The key explains "(of …)" only by a cell of the table that carries it (it described one no cell used).
    const reachMark = await page.$$eval('#heatmap td.heat [aria-hidden="true"]', (els) =>
      els.map((el) => el.textContent ?? '').find((s) => /\(of \d/.test(s)),
    )
    const key = (await page.locator('#heatmap-key-compact').textContent()) ?? ''
    if (reachMark) expect(key).toContain(reachMark.trim())
    else expect(key).not.toMatch(/\(of \d/)
    // Each sort control says its column's name once, inside what it does ("Coachen en leren, sorteer op
    // Coachen en leren" was read twice).
    const controls = await page
      .locator('#heatmap thead [data-sort]')
      .evaluateAll((els) =>
        els.map((el) => [el.getAttribute('aria-label'), (el.textContent ?? '').replace(/[▲▼]/g, '').trim()]),
      )
    expect(controls.length).toBeGreaterThan(2)
    // And the order a press gives: the names, sorted A to Z, the other way; a dimension lowest first,
    // where a lead acts (it came highest first, the partner to act on at the bottom of 40).
    expect(controls[0]![0]).toBe(`Sorteer op ${controls[0]![1]}, Z tot A`)
    for (const [label, text] of controls.slice(1, -1)) expect(label).toBe(`Sorteer op ${text}, laagste eerst`)
    expect(controls.at(-1)![0]).toBe(`Sorteer op ${controls.at(-1)![1]}, verste eerst`)
    // No link in a cell: 39 × 5 of them were as many stops for the keyboard before the gap column.
    expect(await page.locator('#heatmap tbody td a').count()).toBe(0)
    // Nor in the scores table below, whose cells name the levels their margin spans, as the heatmap does.
    expect(await page.locator('#scores-radar tbody td a').count()).toBe(0)
    expect(await page.locator('#scores-radar-explain a[href="#unclear-explain"]').count()).toBe(1)
    expect(
      await page
        .locator('#scores-radar tbody td', { hasText: /nog niet duidelijk \(tussen niveau \d en \d\)/ })
        .count(),
    ).toBeGreaterThan(0)
    expect(await page.locator('#heatmap tr[data-partner] td.suppressed').first().textContent()).toContain(
      'minder dan 5 antwoorden',
    )
    // The whole table fits: the gap column is not cut off behind its box's scroll.
    const box = await page.$eval('.heat-scroll', (el) => ({ scroll: el.scrollWidth, client: el.clientWidth }))
    expect(box.scroll).toBeLessThanOrEqual(box.client + 1)
    const gapRight = await page.$eval('#heatmap td.heat-gap', (td) => td.getBoundingClientRect().right)
    expect(gapRight).toBeLessThanOrEqual(1366)
    // Every level's shade keeps dark text above 4.5:1, and every shown cell's edge is 3:1 against the page.
    const colours = await page.$$eval('#heatmap td.heat[data-level]', (tds) =>
      tds.map((td) => {
        const s = getComputedStyle(td)
        return { bg: s.backgroundColor, fg: s.color, edge: s.borderTopColor, edgeWidth: parseFloat(s.borderTopWidth) }
      }),
    )
    const lum = (c: string) => {
      const [r, g, b] = c
        .match(/\d+(\.\d+)?/g)!
        .slice(0, 3)
        .map((x) => {
          const v = Number(x) / 255
          return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4
        })
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!
    }
    const ratio = (a: string, b: string) => {
      const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p)
      return (x! + 0.05) / (y! + 0.05)
    }
    expect(colours.length).toBeGreaterThan(0)
    for (const c of colours) {
      expect(ratio(c.fg, c.bg)).toBeGreaterThan(4.5)
      expect(c.edgeWidth).toBeGreaterThanOrEqual(1)
      expect(ratio(c.edge, 'rgb(255, 255, 255)')).toBeGreaterThanOrEqual(3)
    }
    // Every shown cell has a slot for an agreed action's marker.
    expect(await page.locator('#heatmap [data-action-slot]').count()).toBe(cells.length)
    await page.screenshot({ path: `${artefactDir()}/heatmap-1366.png`, fullPage: true })
    await page.locator('#standouts').screenshot({ path: `${artefactDir()}/standouts.png` })
    await page.locator('.heatmap-section').screenshot({ path: `${artefactDir()}/heatmap.png` })
    await page.context().close()
  })

  it('keeps the header row in view while the 40 rows scroll in their box', async () => {
    const page = await open(1366)
    const box = page.locator('.heat-scroll')
    expect(await box.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true)
    await box.evaluate((el) => el.scrollBy(0, 1200))
    expect(await box.evaluate((el) => el.scrollTop)).toBeGreaterThan(0)
    // The dimension names stay at the top of the box, above the rows now under them.
    const top = await box.evaluate((el) => el.getBoundingClientRect().top)
    const header = await page
      .locator('#heatmap thead th')
      .nth(1)
      .evaluate((el) => el.getBoundingClientRect().top)
    expect(Math.abs(header - top)).toBeLessThan(3)
    // And the programme row under it, every partner's comparison, rather than scrolled away with the
    // first rows (a lead's review): drawn over the partner rows passing under it.
    expect(await programmeRowInView(page)).toEqual({ underHeader: true, onTop: true })
    await page.context().close()
  })

  it('sorts by a dimension through its header link, without a script, and stays at the heatmap', async () => {
    const context = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 1366, height: 900 },
      javaScriptEnabled: false,
    })
    await context.addCookies([
      { name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() },
    ])
    const page = await context.newPage()
    await page.goto(`${base()}/app/programmes/${pid}?lang=nl`)
    const header = page.locator('#heatmap thead th').nth(2).locator('a')
    const dimension = (await header.getAttribute('data-sort'))!.slice(4)
    await Promise.all([page.waitForURL(/sort=dim%3A|sort=dim:/), header.click()])
    expect(page.url()).toContain('#heatmap-heading')
    expect(await page.locator('#heatmap thead th').nth(2).getAttribute('aria-sort')).toBe('ascending')
    // The next press gives the other order, and the control says so.
    expect(await header.getAttribute('aria-label')).toMatch(/, hoogste eerst$/)
    const means = await page.$$eval(`#heatmap tbody tr:not(.heat-programme) td[data-dimension="${dimension}"]`, (tds) =>
      tds.map((td) => Number(td.getAttribute('data-mean') ?? 'NaN')),
    )
    const shown = means.filter((m) => !Number.isNaN(m))
    expect(shown.length).toBeGreaterThan(30)
    // Weakest first: the partner to act on at the top.
    expect(shown).toEqual([...shown].sort((a, b) => a - b))
    // The hidden partner last: it has no number to sort by.
    expect(await page.locator('#heatmap tbody tr').last().locator('td.suppressed').count()).toBe(1)
    // Scrolled to the heatmap, not to the top of the page.
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(100)
    await context.close()
  })

  it('sorts in place from the keyboard, in the order the server gives the same ?sort= (every key, both ways)', async () => {
    const page = await open(1366)
    const noScript = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 1366, height: 900 },
      javaScriptEnabled: false,
    })
    await noScript.addCookies([
      { name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() },
    ])
    const server = await noScript.newPage()
    const order = (p: Page) => p.$$eval('#heatmap tbody tr', (trs) => trs.map((tr) => tr.getAttribute('data-partner')))
    const sortOf = (url: string) => new URL(url).searchParams.get('sort')
    // With the script the links are buttons; without it they stay links (tested above).
    expect(await page.locator('#heatmap thead a').count()).toBe(0)
    const buttons = page.locator('#heatmap thead th button.heat-sort')
    const columns = dimensionsFor(ins, 'medewerker').length + 2
    expect(await buttons.count()).toBe(columns)
    await page.locator('#heatmap-heading').scrollIntoViewIfNeeded()
    await page.evaluate(() => window.scrollBy(0, 200))
    const scrolled = await page.evaluate(() => window.scrollY)
    expect(scrolled).toBeGreaterThan(100)
    // Each sort key's name, as the page hands it to its script (schema/page-data.ts, `heatmap.names`).
    const names = await page.evaluate(
      () =>
        (
          JSON.parse(document.getElementById('results-data')!.textContent!) as {
            heatmap: { names: Record<string, string> }
          }
        ).heatmap.names,
    )
    // Reach the first header button as a Tab would, then only keys: Tab to the next, Enter and Space to sort.
    await buttons.first().focus()
    for (let i = 0; i < columns; i++) {
      if (i > 0) await page.keyboard.press('Tab')
      const button = buttons.nth(i)
      expect(await button.evaluate((b) => b === document.activeElement), `column ${i} focused`).toBe(true)
      const key = (await button.getAttribute('data-sort'))!
      const name = names[key]!
      expect(name, key).toBeTruthy()
      const seen = new Set<string>()
      for (const press of ['Enter', 'Space'] as const) {
        await page.keyboard.press(press)
        const th = page.locator('#heatmap thead th').nth(i)
        const dir = (await th.getAttribute('aria-sort'))!
        expect(['ascending', 'descending'], key).toContain(dir)
        seen.add(dir)
        expect(await page.locator('#heatmap thead th[aria-sort]').count()).toBe(1)
        expect(await button.evaluate((b) => b === document.activeElement), `${key} keeps focus`).toBe(true)
        expect(await page.locator('#heatmap-status').textContent()).toBe(
          `Gesorteerd op ${name}, ${dir === 'ascending' ? 'oplopend' : 'aflopend'}`,
        )
        expect(await page.evaluate(() => window.scrollY)).toBe(scrolled)
        const rows = await order(page)
        expect(rows[0], 'the programme row stays first').toBe('programme')
        // The address carries the order; the server, asked for it without a script, gives the same order.
        const sort = sortOf(page.url())!
        expect(sort.startsWith(key), sort).toBe(true)
        await server.goto(page.url())
        expect(await order(server), sort).toEqual(rows)
        expect(await server.locator('#heatmap thead th').nth(i).getAttribute('aria-sort')).toBe(dir)
        expect(await server.locator('#heatmap caption').textContent()).toBe(
          await page.locator('#heatmap caption').textContent(),
        )
        if (key !== 'partner') {
          // Rows without the number sorted on (the hidden partner; for the gap, partners without team
          // managers) go last in either direction, by name.
          const has = await page.$$eval(
            '#heatmap tbody tr:not(.heat-programme)',
            (trs, k) =>
              trs.map((tr) =>
                k === 'gap'
                  ? tr.hasAttribute('data-gap')
                  : !!tr.querySelector(`td[data-dimension="${k.slice(4)}"][data-mean]`),
              ),
            key,
          )
          const numbered = has.filter(Boolean).length
          expect(numbered, sort).toBeGreaterThan(5)
          expect(numbered, sort).toBeLessThan(has.length)
          expect(has, sort).toEqual(has.map((_, n) => n < numbered))
        }
      }
      expect(seen.size, `${key} both ways`).toBe(2)
    }
    // A reload with the script keeps the order the reader chose.
    const before = await order(page)
    await page.reload()
    await page.locator('#heatmap').waitFor()
    expect(await order(page)).toEqual(before)
    await noScript.close()
    await page.context().close()
  }, 180_000)

  it('reaches the first sort button from the top of the page in a few keys, through the contents list', async () => {
    const page = await open(1366)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur())
    const focused = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null
        return { href: el?.getAttribute('href') ?? null, sort: el?.classList.contains('heat-sort') ?? false }
      })
    let presses = 0
    // Tab to the contents list's link to the heatmap, follow it, then Tab to the first sort button.
    while (presses < 60 && (await focused()).href !== '#heatmap-heading') {
      await page.keyboard.press('Tab')
      presses++
    }
    expect((await focused()).href).toBe('#heatmap-heading')
    await page.keyboard.press('Enter')
    presses++
    while (presses < 60 && !(await focused()).sort) {
      await page.keyboard.press('Tab')
      presses++
    }
    expect((await focused()).sort).toBe(true)
    // Once 72 Tabs, through every partner's stand-outs; a keyboard reader now needs at most 15 keys.
    expect(presses).toBeLessThanOrEqual(15)
  })

  it('lets the keyboard past what stands out in two keys, and holds fewer stops in it', async () => {
    const page = await open(1366)
    const sel = 'a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex="-1"])'
    // The stops a Tab reaches in the section as it opens: not a link inside a folded partner's line.
    const stops = await page.$$eval(
      `#standouts :is(${sel})`,
      (els) =>
        els.filter((el) => {
          const folded = el.closest('details:not([open])')
          return (!folded || folded.querySelector(':scope > summary') === el) && el.tagName !== 'DIV'
        }).length,
    )
    // 65 with 40 partners before (a lead's review counted them): each highest partner of a
    // programme-wide line was a link too; now its lowest alone, and two links past it all; and the
    // lead's next step for the first lines' weakest alone, not one per line.
    const steps = await page.locator('#standouts-headlines a[data-agree-partner]').count()
    expect(steps).toBeGreaterThan(0)
    // At most HEADLINE_STEPS (worker/pages/results-standouts.tsx).
    expect(steps).toBeLessThanOrEqual(3)
    expect(stops).toBeLessThanOrEqual(56 + steps)
    expect(await page.locator('#standouts-headlines a').count()).toBeLessThanOrEqual(14 + steps)
    await page.locator('#standouts-heading').evaluate((el) => {
      el.tabIndex = -1
      el.focus()
    })
    await page.keyboard.press('Tab')
    const skip = page.locator('#standouts-skip')
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true)
    // Seen when it has the focus, not only heard.
    expect((await skip.boundingBox())!.width).toBeGreaterThan(100)
    await page.keyboard.press('Enter')
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => !!document.activeElement?.closest('.heatmap-section'))).toBe(true)
    // And past the 40 partners' folded lines, from the programme-wide ones.
    const partners = page.locator('#standouts-skip-partners')
    expect(await partners.textContent()).toContain(`De ${PARTNERS} partners overslaan`)
    await page.context().close()
  })

  it('is usable on a 390 px phone: no page scroll, the partner column stays while the table scrolls', async () => {
    const page = await open(390)
    expect(await pageScrollsSideways(page)).toBe(false)
    // What stands out starts higher: the first sentence about all partners at about 1,180 px (it
    // stood at 1,467 px under the whole explanation of how its points are chosen, now one click away).
    const first = await page.locator('ul.headlines li').first().boundingBox()
    expect(first!.y).toBeLessThan(1300)
    const box = page.locator('.heat-scroll')
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    // Less to scroll sideways: the gap column's words wrap in a column of their own, where on one
    // line it was 356 px, as wide as the phone, and the table 959 px; now about 790.
    const widths = await page.$eval('#heatmap', (table) => ({
      table: table.getBoundingClientRect().width,
      gap: table.querySelector('td.heat-gap')!.getBoundingClientRect().width,
    }))
    expect(widths.table).toBeLessThan(850)
    expect(widths.gap).toBeLessThanOrEqual(12 * 16 + 10)
    // Without losing a number: every shown cell's mean, and a keyboard reader can scroll the box,
    // which is named by the table's caption.
    expect(await page.locator('#heatmap td.heat[data-mean]').count()).toBe(
      PARTNERS * dimensionsFor(ins, 'medewerker').length,
    )
    expect(await box.getAttribute('tabindex')).toBe('0')
    expect(await box.getAttribute('aria-label')).toBe(await page.locator('#heatmap caption').textContent())
    await box.focus()
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    // Chromium scrolls for an arrow key smoothly, over a few frames: read the box once it has moved
    // (read at once, it was still 0 in CI whenever the page's layout took a frame longer).
    await expect.poll(() => box.evaluate((el) => el.scrollLeft), { timeout: 5_000 }).toBeGreaterThan(0)
    await box.evaluate((el) => el.scrollTo(0, 0))
    const firstRowHeader = page.locator('#heatmap tbody tr').nth(3).locator('th')
    const before = (await firstRowHeader.boundingBox())!
    await box.evaluate((el) => el.scrollBy(600, 0))
    const after = (await firstRowHeader.boundingBox())!
    // Within 2 px: once scrolled it sits 1 px past the box's edge, over the collapsed border (web/results.css).
    expect(Math.abs(after.x - before.x)).toBeLessThanOrEqual(2)
    // The cell next to it moved under it: the table did scroll.
    const cell = page.locator('#heatmap tbody tr').nth(3).locator('td').first()
    expect((await cell.boundingBox())!.x).toBeLessThan(before.x + before.width)
    // Within the phone's width, and wide enough to read a name.
    expect(before.x + before.width).toBeLessThan(390)
    expect(before.width).toBeGreaterThan(60)
    // A row as tall as its name (which may wrap to three lines), not the ~150 px of words wrapped in every cell.
    // (The one name with a long word wraps to a line more.)
    const heights = await page
      .locator('#heatmap tbody tr:not(.heat-programme)')
      .evaluateAll((rows) =>
        rows.filter((r) => !r.textContent?.includes('/')).map((r) => r.getBoundingClientRect().height),
      )
    expect(heights.length).toBe(PARTNERS - 1)
    expect(Math.max(...heights)).toBeLessThanOrEqual(80)
    expect(await namesRunningOver(page)).toEqual([])
    // A name's words whole ("Programm-a als geheel" broke anywhere); only a word longer than the column may break.
    const broken = await page.locator('#heatmap tbody th[scope="row"]').evaluateAll((ths) =>
      ths.flatMap((th) => {
        const out: string[] = []
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT)
        for (let node = walker.nextNode(); node; node = walker.nextNode())
          for (const m of (node.textContent ?? '').matchAll(/[^\s/]{4,}/g)) {
            const range = document.createRange()
            range.setStart(node, m.index!)
            range.setEnd(node, m.index! + m[0].length)
            if (range.getClientRects().length > 1 && range.getBoundingClientRect().width < th.clientWidth)
              out.push(m[0])
          }
        return out
      }),
    )
    expect(broken).toEqual([])
    // The caption whole within the box, not as wide as the table and cut off after its first words;
    // it stays while the table scrolls sideways.
    const caption = await page.$eval('.heat-scroll', (el) => {
      const [c, b] = [el.querySelector('caption')!.getBoundingClientRect(), el.getBoundingClientRect()]
      return { left: c.left - b.left, right: b.right - c.right }
    })
    expect(caption.left).toBeGreaterThanOrEqual(-1)
    expect(caption.right).toBeGreaterThanOrEqual(-1)
    // More of the 40 at once: thirteen partners in the box (nine, then twelve before) and three
    // dimensions whole beside their names (one, cut off, then two before: a 136 px partner column
    // and 83 px cells), from the top of the box.
    await box.evaluate((el) => el.scrollTo(0, 0))
    const inView = await dimensionsInView(page)
    expect(inView.rows).toBeGreaterThanOrEqual(12)
    expect(inView.dimensions).toBeGreaterThanOrEqual(3)
    // The programme row stays under the header when the partners scroll here too.
    await box.evaluate((el) => el.scrollBy(0, 800))
    expect(await programmeRowInView(page)).toEqual({ underHeader: true, onTop: true })
    await box.evaluate((el) => el.scrollTo(0, 0))
    await page.locator('#heatmap-heading').evaluate((el) => el.scrollIntoView())
    await page.screenshot({ path: `${artefactDir()}/heatmap-390.png`, fullPage: false })
    await page.context().close()
    // The English names are other words: three dimensions whole beside them there too, and no name over its cell.
    const en = await open(390, 'en')
    expect((await dimensionsInView(en)).dimensions).toBeGreaterThanOrEqual(3)
    expect(await namesRunningOver(en)).toEqual([])
    expect(await pageScrollsSideways(en)).toBe(false)
    await en.context().close()
  })

  it("tints a not-yet-clear cell palely and names its levels; a stand-out's link outlines and focuses its cell", async () => {
    const page = await open(1366)
    const cell = page.locator('#heatmap td.heat-unclear[data-span]').first()
    const text = (await cell.textContent()) ?? ''
    const [, from, to] = /· nog niet duidelijk \(tussen niveau (\d) en (\d)\)/.exec(text) ?? []
    expect(from, text).toBeDefined()
    expect(await cell.getAttribute('data-span')).toBe(`${from}-${to}`)
    // The tint is a gradient of the levels' pale shades under the hatching: never the only sign.
    expect(await cell.evaluate((el) => getComputedStyle(el).backgroundImage)).toMatch(
      /linear-gradient[\s\S]*linear-gradient/,
    )
    expect(await page.locator('#heatmap-key').textContent()).toContain('lichte tint')
    // The levels and their bands beside the table, not only at the radar far below it.
    expect(await page.locator('#heatmap-key-levels').textContent()).toMatch(
      /1 Sturend \(1,0–1,7\).*5 Verankerd \(4,2–5,0\)/,
    )
    // The programme-wide sentences come first, and their link lands on a cell that is outlined and has the focus.
    const link = page.locator('#standouts-headlines a[href^="#heat-"]').first()
    const id = ((await link.getAttribute('href')) ?? '').slice(1)
    await link.click()
    const target = await page.evaluate((x) => {
      const el = document.getElementById(x)!
      const s = getComputedStyle(el)
      return { outline: `${s.outlineStyle} ${s.outlineWidth}`, focused: document.activeElement === el }
    }, id)
    expect(target).toEqual({ outline: 'solid 3px', focused: true })
    await page.context().close()
  })

  it("marks the action agreed after the first wave in the later wave's cell, and shows it beside its trend row", async () => {
    const page = await open(1366)
    // The wave shown is the later one; the action's own wave is named in its marker, with its status.
    const cell = page.locator(`#heat-${actionPartner}-${actionDimension}`)
    const marker = cell.locator(`.action-earlier[data-action-wave="${first}"]`)
    expect(await marker.count()).toBe(1)
    expect(await marker.textContent()).toBe('⚑ afspraak uit Najaar, gepland')
    // Only that cell carries it, and no marker counts it as an action of the wave shown.
    expect(await page.locator('#heatmap .action-earlier').count()).toBe(1)
    expect(await cell.locator('.action-marker:not(.action-earlier)').count()).toBe(0)
    // The first wave's own heatmap counts it as its action, not as an earlier one.
    await page.goto(`${base()}/app/programmes/${pid}?lang=nl&wave=${first}`)
    const own = page.locator(`#heat-${actionPartner}-${actionDimension} .action-marker`)
    expect(await own.count()).toBe(1)
    expect(await own.getAttribute('class')).not.toContain('action-earlier')
    // The partner's trend in the later wave: the action beside its dimension's row, with the change since Najaar.
    await page.goto(`${base()}/app/programmes/${pid}?lang=nl&trend=${actionPartner}`)
    const beside = page.locator(`#trend-row-${actionDimension} .trend-action`)
    expect(await beside.count()).toBe(1)
    expect(await beside.getAttribute('data-action-wave')).toBe(first)
    expect(await beside.textContent()).toMatch(
      /^⚑ Maandelijks ketenoverleg — Verbeterafspraak in Najaar → Voorjaar: [+−±]\d,\d, (geen duidelijk verschil|duidelijk hoger|duidelijk lager)\. De andere dimensies veranderden in dezelfde tijd [+−±]\d,\d( tot [+−±]\d,\d)?\.( Andere dimensies veranderden even veel of meer, dus deze verandering alleen laat niet zien dat de afspraak werkte\.)?$/,
    )
    // In the row of its dimension only.
    expect(await page.locator('#trend-table .trend-action').count()).toBe(1)
    expect(await violations(page)).toEqual([])
    await page.context().close()
  })

  it("opens the action form from a stand-out's next step with its partner and dimension chosen, the keyboard on what to agree, with a script and without", async () => {
    const page = await open(1366)
    const step = page.locator('#standouts-headlines a[data-agree-partner]').first()
    const partner = await step.getAttribute('data-agree-partner')
    const dimension = await step.getAttribute('data-agree-dimension')
    const href = await step.getAttribute('href')
    const before = page.url()
    expect(await page.locator('#action-add').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(false)
    await step.focus()
    await page.keyboard.press('Enter')
    // In place: no page loaded, the form open where it is, the rest to fill in from the keyboard.
    expect(await page.locator('#action-add').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true)
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('action-what')
    expect(await page.locator('#action-partner').inputValue()).toBe(partner)
    expect(await page.locator('#action-dimension').inputValue()).toBe(dimension)
    expect(page.url()).toBe(before)
    expect(await violations(page)).toEqual([])
    await page.context().close()
    // Without a script the link loads the page with the form so opened.
    const bare = await browser.newContext({
      locale: 'nl-NL',
      viewport: { width: 1366, height: 900 },
      javaScriptEnabled: false,
    })
    await bare.addCookies([{ name: cookie.split('=')[0]!, value: cookie.slice(cookie.indexOf('=') + 1), url: base() }])
    const plain = await bare.newPage()
    await plain.goto(`${base()}${href}`)
    expect(await plain.locator('#action-add').evaluate((el) => (el as HTMLDetailsElement).open)).toBe(true)
    expect(await plain.locator('#action-partner').inputValue()).toBe(partner)
    expect(await plain.locator('#action-dimension').inputValue()).toBe(dimension)
    await bare.close()
  })

  it('links every stand-out to a figure on the page', async () => {
    const page = await open(1366)
    const hrefs = await page.$$eval('#standouts a', (as) => as.map((a) => a.getAttribute('href') ?? ''))
    expect(hrefs.length).toBeGreaterThan(PARTNERS)
    for (const href of hrefs.filter((h) => h.startsWith('#'))) expect(await page.locator(href).count(), href).toBe(1)
    // A gap a stand-out names is in the table shown, not among those folded away as typical (#gap-same).
    for (const href of hrefs.filter((h) => h.startsWith('#gap-')))
      expect(await page.locator(`#gap-same ${href}`).count(), href).toBe(0)
    await page.context().close()
  })

  it('prints at A4 small enough to mail, every row in its words, without an image per "not yet clear" cell', async () => {
    // A lead printed this page for a steering group: 25 pages of 45 MB with 896 images, the team
    // managers' view 4.6 MB. Each hatched, tinted cell became images (Chromium prints a CSS
    // gradient as one, 540 × 786 pixels whatever the cell's size): 186 cells here, 53 MB, 1,120 images.
    for (const role of ['medewerker', 'teammanager'] as const) {
      const page = await open(1366, 'nl', `&role=${role}`)
      await page.emulateMedia({ media: 'print' })
      // A chart is the one image a printout should carry: each canvas one, and one more for its
      // transparency (a soft mask). The page without a rasterised cell printed at 0.5 MB.
      const canvases = await page.locator('canvas:visible').count()
      expect(canvases, role).toBeGreaterThan(0)
      // What each row says on paper, in order: its name, then each cell's mean and level as printed
      // (not the words only a screen reader gets), an action's marker and the gap.
      const rows = await page.$$eval('#heatmap tbody tr', (trs) =>
        trs.map((tr) => {
          const copy = tr.cloneNode(true) as HTMLElement
          for (const hidden of copy.querySelectorAll('.visually-hidden')) hidden.remove()
          return copy.textContent ?? ''
        }),
      )
      // Every partner and the programme; of the team managers, the eight partners that have them.
      expect(rows.length, role).toBe((role === 'medewerker' ? PARTNERS : PARTNERS / 5) + 1)
      // The key's swatches in their colours: as plain backgrounds they printed empty beside its words.
      expect(
        await page.$$eval('#heatmap-key .swatch', (s) => s.map((e) => getComputedStyle(e).printColorAdjust)),
        role,
      ).not.toContain('economy')
      const pdf = await page.pdf({ path: `${artefactDir()}/heatmap-print-${role}.pdf`, format: 'A4' })
      expect(imageCount(pdf), `${role}: images in the PDF`).toBeLessThanOrEqual(2 * canvases)
      expect(pdf.length, `${role}: bytes`).toBeLessThan(2_000_000)
      const pages = await pageTexts(pdf)
      for (const row of rows) expect(pageOf(pages, row), `${role}: "${row}" on paper`).toBeGreaterThanOrEqual(0)
      await page.context().close()
    }
  })

  for (const lang of ['nl', 'en'] as const) {
    it(`has no axe violations with 40 partners, before and after sorting in place (${lang})`, async () => {
      const page = await open(1366, lang)
      expect(await violations(page)).toEqual([])
      // A dimension lowest first, then highest first: the sorted header, its mark, the control's words and the announcement.
      const button = page.locator('#heatmap thead th button.heat-sort').nth(2)
      await button.focus()
      await page.keyboard.press('Enter')
      expect(await page.locator('#heatmap thead th').nth(2).getAttribute('aria-sort')).toBe('ascending')
      expect(await button.getAttribute('aria-label')).toMatch(lang === 'nl' ? /, hoogste eerst$/ : /, highest first$/)
      await page.keyboard.press('Enter')
      expect(await page.locator('#heatmap thead th').nth(2).getAttribute('aria-sort')).toBe('descending')
      expect(await button.getAttribute('aria-label')).toMatch(lang === 'nl' ? /, laagste eerst$/ : /, lowest first$/)
      expect(await page.locator('#heatmap-status').textContent()).toMatch(
        lang === 'nl' ? /^Gesorteerd op .+, aflopend$/ : /^Sorted by .+, descending$/,
      )
      expect(await violations(page)).toEqual([])
      await page.context().close()
    })
  }
})
