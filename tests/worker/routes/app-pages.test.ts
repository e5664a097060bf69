import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { createSession, createUser } from '../../../worker/db/users.ts'
import { partnerOrder, programmeStyle, seriesStyle } from '../../../worker/pages/results-chart.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { call, closeWave, postJson, setupProgramme, signInAdmin } from '../helpers.ts'
import { shownInterval } from '../../../worker/domain/levels.ts'
import { appShellWords, messages } from '../../../worker/i18n/messages.ts'
import type { AppShellScriptData } from '../../../schema/page-data.ts'
import type { Headline } from '../../../worker/domain/standouts.ts'

type Score = {
  mean: number
  sd: number | null
  ci95: [number, number] | null
  level: number | null
  capped: boolean
  n: number
}
type Api = {
  wave: { id: string }
  partners: {
    id: string
    name: string
    n: number | null
    suppressed: boolean
    scores: Record<string, Score | null> | null
  }[]
  dimensions: { key: string; radar: boolean }[]
}
type Island = {
  radar: { labels: string[]; series: { label: string; values: (number | null)[]; style: unknown }[] }
  trend: { labels: string[] }
}

// The page is checked on a version-1 wave (eight radar axes); version 2 is covered by its own tests.
const ins = findInstrument('coachende-manager', 1)!
const nl = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
const en = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })

let cookie: string
let ctx: Awaited<ReturnType<typeof setupProgramme>>

const page = async (path: string, c = cookie) => {
  const res = await call(path, { cookie: c, redirect: 'manual' })
  return { res, html: await res.text() }
}
const island = (html: string) =>
  JSON.parse(/<script type="application\/json" id="results-data">(.*?)<\/script>/s.exec(html)![1]!) as Island
/** The cells of one row of a table, tags stripped. */
function row(html: string, tableId: string, name: string): string[] {
  const table = html.slice(html.indexOf(`id="${tableId}"`), html.indexOf('</table>', html.indexOf(`id="${tableId}"`)))
  const tr = new RegExp(`<tr><th scope="row">${name}</th>(.*?)</tr>`, 's').exec(table)
  if (!tr) throw new Error(`no row ${name} in ${tableId}`)
  return [...tr[1]!.matchAll(/<td[^>]*>(.*?)<\/td>/gs)].map((m) => m[1]!.replace(/<[^>]+>/g, ''))
}

/** A signed-in session for a new user of the given role, optionally a member of the programme. */
async function sessionFor(role: 'lead' | 'viewer', membership?: { partnerId: string | null }) {
  const user = await createUser(env.DB, `${crypto.randomUUID()}@test.local`, role, null)
  if (membership) {
    await env.DB.prepare('INSERT INTO memberships (user_id, programme_id, partner_id) VALUES (?1, ?2, ?3)')
      .bind(user.id, ctx.programmeId, membership.partnerId)
      .run()
  }
  return `kr_session=${await createSession(env.DB, user.id)}`
}

beforeAll(async () => {
  cookie = await signInAdmin()
  ctx = await setupProgramme(cookie, ['UWV', 'SVB', 'Gemeente Utrecht', 'Almere'], { instrumentVersion: 1 })
  const answer = async (partner: number, count: number, level: (i: number) => number) => {
    for (let i = 0; i < count; i++) {
      const answers = simulateAnswers(ins, 'medewerker', rng(partner * 100 + i), () => level(i))
      await postJson(
        `/api/s/${ctx.links[ctx.partners[partner]!.id]!.medewerker}/responses`,
        { id: crypto.randomUUID(), answers },
        '',
      )
    }
  }
  await answer(0, 7, () => 3.5)
  await answer(1, 8, () => 3.5)
  await answer(2, 2, () => 3.5)
  // Almere is split: six answer near 5, two near 1, so the mean is high and the spread too.
  await answer(3, 8, (i) => (i < 6 ? 5.5 : 0.5))
  // The dashboard shows results of closed waves only.
  await closeWave(cookie, ctx.waveId)
})

describe('signed out', () => {
  it('sends every /app page to the sign-in page, and back afterwards', async () => {
    const path = `/app/programmes/${ctx.programmeId}?role=teammanager`
    for (const p of [path, '/app', '/app/programmes', '/app/somewhere']) {
      const { res } = await page(p, '')
      expect(res.status, p).toBe(303)
      expect(res.headers.get('location'), p).toBe(`/app/login?next=${encodeURIComponent(p)}`)
    }
    expect((await call('/', { redirect: 'manual' })).headers.get('location')).toBe('/app')
  })

  it('has a sign-in page with labelled fields, an alert for errors and no inline script', async () => {
    const { res, html } = await page('/app/login', '')
    expect(res.status).toBe(200)
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true)
    expect(html).toContain('<label for="email">E-mailadres</label>')
    expect(html).toMatch(/<input id="email" name="email" type="email" autocomplete="username" required/)
    expect(html).toContain('<label for="password">Wachtwoord</label>')
    expect(html).toMatch(/role="alert"/)
    expect(html).not.toMatch(/<script(?![^>]*type="(module|application\/json)")/)
    expect(html).not.toMatch(/\son[a-z]+="/)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect((await page('/app/login?lang=en', '')).html).toContain('<label for="email">E-mail address</label>')
    // Without a script the form would post to the JSON API and meet its refusal: the page says so first.
    expect(html).toMatch(/<noscript><p class="notice">Inloggen werkt alleen met JavaScript\./)
    expect((await page('/app/login?lang=en', '')).html).toContain('Signing in needs JavaScript.')
  })

  it('hands the sign-in form’s words to its script in the one typed block, in the page’s language, none in data-* attributes', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const { html } = await page(`/app/login?lang=${lang}`, '')
      const block = /<script type="application\/json" id="app-shell-data">(.*?)<\/script>/s.exec(html)
      expect(block, lang).not.toBeNull()
      const { words } = JSON.parse(block![1]!) as AppShellScriptData
      expect(words).toEqual(appShellWords(messages[lang]))
      expect(words.signInFailed).toBe(messages[lang].signInFailed)
      expect(html).not.toMatch(/data-(failed|throttled)=/)
    }
  })

  it('only returns to a page of its own after signing in', async () => {
    for (const next of ['//evil.example/app', 'https://evil.example/', '/\\evil.example', '/api/programmes']) {
      const { html } = await page(`/app/login?next=${encodeURIComponent(next)}`, '')
      expect(html, next).toContain('data-next="/app/programmes"')
    }
    expect((await page(`/app/login?next=${encodeURIComponent('/app/programmes/x?role=tactisch')}`, '')).html).toContain(
      'data-next="/app/programmes/x?role=tactisch"',
    )
  })
})

describe('signed in', () => {
  it('goes straight on from the sign-in page, and lists the programmes', async () => {
    const { res } = await page(`/app/login?next=${encodeURIComponent('/app/programmes')}`)
    expect(res.headers.get('location')).toBe('/app/programmes')
    expect((await page('/app')).res.headers.get('location')).toBe('/app/programmes')
    expect((await page('/app/programmes')).html).toContain(`/app/programmes/${ctx.programmeId}`)
  })

  it("renders the dashboard table with the API's numbers, suppression, and no level the data cannot tell", async () => {
    const api = (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).json()) as Api
    const { res, html } = await page(`/app/programmes/${ctx.programmeId}`)
    expect(res.status).toBe(200)
    // Gemeente Utrecht (2) is hidden, and in no total.
    expect(api.partners.map((p) => [p.name, p.n])).toEqual([
      ['Almere', 8],
      ['Gemeente Utrecht', null],
      ['SVB', 8],
      ['UWV', 7],
    ])
    const radarKeys = api.dimensions.filter((d) => d.radar).map((d) => d.key)
    for (const name of ['SVB', 'Almere']) {
      const p = api.partners.find((x) => x.name === name)!
      const cells = row(html, 'scores-radar', name)
      expect(cells[0]).toBe('8')
      expect(cells[1]).toBe('20%') // 8 of a headcount of 40
      radarKeys.forEach((key, i) => {
        const s = p.scores![key]!
        // The interval's ends rounded outward (worker/domain/levels.ts shownInterval): what is shown holds the exact interval.
        const [low, high] = shownInterval(s.ci95!)
        expect(low).toBeLessThanOrEqual(s.ci95![0])
        expect(high).toBeGreaterThanOrEqual(s.ci95![1])
        expect(cells[i + 2]).toContain(`${nl.format(s.mean)} (${nl.format(low)}–${nl.format(high)})`)
        expect(cells[i + 2]).toContain(`${s.n} antwoorden`)
      })
    }
    expect(row(html, 'scores-radar', 'Gemeente Utrecht')).toEqual(['minder dan 5 antwoorden'])
    expect(row(html, 'scores-indicators', 'Gemeente Utrecht')).toEqual(['minder dan 5 antwoorden'])
    // Its report link says why its report shows no numbers; a shown partner's link says nothing more.
    const reports = html.slice(
      html.indexOf('id="partner-reports"'),
      html.indexOf('</ul>', html.indexOf('id="partner-reports"')),
    )
    expect(reports).toMatch(/Rapport van Gemeente Utrecht<\/a><span class="muted"> · minder dan 5 antwoorden<\/span>/)
    expect(reports).toMatch(/Rapport van Almere<\/a>(?!<span class="muted">)/)
    // The programme as a whole: Almere, SVB and UWV, 23 answers; Utrecht's 2 are in no number.
    expect(row(html, 'scores-radar', 'Programma als geheel')[0]).toBe('23')
    // Eight answer sets: most intervals span two levels, and there the table names none (nor a cap
    // on one); where it names a level, it is the API's.
    const almere = api.partners.find((x) => x.name === 'Almere')!
    const unclear = radarKeys.filter((k) => almere.scores![k]!.level === null)
    expect(unclear.length).toBeGreaterThan(0)
    radarKeys.forEach((key, i) => {
      const s = almere.scores![key]!
      const text = row(html, 'scores-radar', 'Almere')[i + 2]!
      if (s.level === null) {
        expect(text, key).toContain('Niveau nog niet duidelijk')
        expect(text, key).not.toContain('niveau begrensd')
      } else {
        expect(text, key).toContain(`${s.level} `)
        if (s.capped) expect(text, key).toContain('grote spreiding: niveau begrensd op 3')
      }
    })
    expect(html).toContain('<th scope="col">')
    expect(html).toContain('<caption>')
    expect(html).toContain('id="radar" role="img" aria-label="')
    expect(html).toContain('Groepen met minder dan 5 antwoorden tonen we niet')
    // Exports for this wave, in both separators.
    expect(html).toContain(`/api/programmes/${ctx.programmeId}/export.csv?wave=${api.wave.id}&amp;lang=nl"`)
    expect(html).toContain(
      `/api/programmes/${ctx.programmeId}/export.csv?wave=${api.wave.id}&amp;lang=nl&amp;sep=semicolon"`,
    )
  })

  it('gives the island only visible series, each partner in the colour of its place by name among the partners the reader sees', async () => {
    const { html } = await page(`/app/programmes/${ctx.programmeId}`)
    const data = island(html)
    expect(data.radar.labels).toHaveLength(8)
    expect(data.radar.series.map((s) => s.label)).toEqual(['Programma als geheel', 'Almere', 'SVB', 'UWV'])
    const order = partnerOrder(ctx.partners)
    const id = (name: string) => ctx.partners.find((p) => p.name === name)!.id
    expect(data.radar.series.map((s) => s.style)).toEqual([
      programmeStyle,
      seriesStyle(order.get(id('Almere'))!),
      seriesStyle(order.get(id('SVB'))!),
      seriesStyle(order.get(id('UWV'))!),
    ])
    // A viewer of SVB alone sees SVB in the first partner colour, not in its place among all the
    // partners (the lead's), which would tell them how many names sort before theirs.
    expect(order.get(id('SVB'))).toBeGreaterThan(0)
    const viewer = await sessionFor('viewer', { partnerId: id('SVB') })
    const theirs = island((await page(`/app/programmes/${ctx.programmeId}`, viewer)).html)
    expect(theirs.radar.series.find((s) => s.label === 'SVB')!.style).toEqual(seriesStyle(0))
    expect(theirs.radar.series.map((s) => s.label)).not.toContain('Almere')
    const report = await page(`/app/programmes/${ctx.programmeId}/partners/${id('SVB')}/report`, viewer)
    expect(report.html).toContain(seriesStyle(0).colour)
    expect(report.html).not.toContain(seriesStyle(1).colour)
    // On its own report the partner is the heavy solid line and the programme the thin dashed one
    // beside it (drawn as on the results page, the partner was the faintest line).
    const lines = [...report.html.matchAll(/<polygon[^>]*stroke="([^"]+)"[^>]*stroke-width="([^"]+)"([^>]*)>/g)]
    const partnerLine = lines.find((m) => m[1] === seriesStyle(0).colour)!
    const programmeLine = lines.find((m) => m[1] === programmeStyle.colour)!
    expect(Number(partnerLine[2])).toBeGreaterThan(Number(programmeLine[2]))
    expect(partnerLine[3]).not.toContain('stroke-dasharray')
    expect(programmeLine[3]).toContain('stroke-dasharray')
  })

  it('switches role and language, and the language switch keeps wave and role', async () => {
    const wave = ctx.waveId
    const { html } = await page(`/app/programmes/${ctx.programmeId}?wave=${wave}&role=teammanager&lang=en`)
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('Team managers (self-view)')
    // A self-rating view says that its levels are how managers see themselves, not the partner's maturity.
    expect(html).toMatch(
      /id="self-rating-explain"[^>]*>Team managers \(self-view\): managers rate their own style here\./,
    )
    expect(html).toContain('So compare them with their staff in the gap between self-rating and experience.')
    const tactical = (await page(`/app/programmes/${ctx.programmeId}?wave=${wave}&role=tactisch`)).html
    expect(tactical).toContain('managers beoordelen hier hun eigen stijl')
    // The gap is team managers against their staff: for tactical management the notice says there is none.
    expect(tactical).toContain('Voor tactisch management is er geen vergelijking met medewerkers')
    expect(tactical).not.toContain('Vergelijk ze daarom met hun medewerkers')
    // The partner report, which goes to that partner's management, says it too.
    const report = (
      await page(
        `/app/programmes/${ctx.programmeId}/partners/${ctx.partners[0]!.id}/report?wave=${wave}&role=teammanager&lang=en`,
      )
    ).html
    expect(report).toContain('managers rate their own style here')
    expect(html).toMatch(/<option value="teammanager" selected="">/)
    // No team manager answered: every row is hidden, with the reason in English.
    expect(row(html, 'scores-radar', 'SVB')).toEqual(['fewer than 5 responses'])
    const href = /href="([^"]+)"[^>]*data-lang-switch="nl"/.exec(html)![1]!.replace(/&amp;/g, '&')
    const params = new URL(href, 'http://x').searchParams
    expect([params.get('wave'), params.get('role'), params.get('lang')]).toEqual([wave, 'teammanager', 'nl'])
    const staffEn = (await page(`/app/programmes/${ctx.programmeId}?lang=en`)).html
    expect(staffEn).not.toContain('self-rating-explain')
    const svb = (
      (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).json()) as Api
    ).partners.find((p) => p.name === 'SVB')!
    expect(row(staffEn, 'scores-radar', 'SVB')[2]).toContain(en.format(svb.scores!.coaching!.mean))
  })

  it('answers 404 for an unknown programme, wave or page, and for a programme the user may not see', async () => {
    expect((await page('/app/programmes/nope')).res.status).toBe(404)
    expect((await page(`/app/programmes/${ctx.programmeId}?wave=nope`)).res.status).toBe(404)
    const other = await page('/app/nothing-here')
    expect(other.res.status).toBe(404)
    expect(other.res.headers.get('content-type')).toContain('text/html')
    const outsider = await page(`/app/programmes/${ctx.programmeId}`, await sessionFor('lead'))
    expect(outsider.res.status).toBe(404)
    expect(outsider.html).toContain('bestaat niet of u heeft er geen toegang toe')
  })

  it('answers a page query as the API does: 404 for a wave that is not there, however long, 400 for one that is not one value', async () => {
    // A wave id of 101 characters once failed the page's own parse: a 500 where the API said 404.
    const long = await page(`/app/programmes/${ctx.programmeId}?wave=${'w'.repeat(101)}`)
    expect(long.res.status).toBe(404)
    expect(long.res.headers.get('content-type')).toContain('text/html')
    const api = await call(`/api/programmes/${ctx.programmeId}/dashboard?wave=${'w'.repeat(101)}`, { cookie })
    expect(api.status).toBe(404)
    const twice = await page(`/app/programmes/${ctx.programmeId}?wave=a&wave=b&lang=en`)
    expect(twice.res.status).toBe(400)
    expect(twice.res.headers.get('content-type')).toContain('text/html')
    expect(twice.html).toContain('This address is not right')
    expect(twice.html).toContain('wave:')
    const setup = await page(`/app/programmes/${ctx.programmeId}/setup?wave=a&wave=b`)
    expect(setup.res.status).toBe(400)
    // A trail page that is no number still shows the newest page, as before.
    expect((await page(`/app/programmes/${ctx.programmeId}/setup?audit=abc`)).res.status).toBe(200)
  })
})

describe('series styles', () => {
  it('tells every one of 49 partners apart by colour and dash, and sorts partners by name', () => {
    const looks = Array.from({ length: 49 }, (_, i) => seriesStyle(i)).map((s) => `${s.colour} ${s.dash.join(',')}`)
    expect(new Set(looks).size).toBe(49)
    expect(looks).not.toContain(`${programmeStyle.colour} ${programmeStyle.dash.join(',')}`)
    const order = partnerOrder([
      { id: 'b', name: 'UWV' },
      { id: 'a', name: 'Gemeente Utrecht' },
      { id: 'c', name: 'SVB' },
    ])
    expect([...order.entries()]).toEqual([
      ['a', 0],
      ['c', 1],
      ['b', 2],
    ])
  })

  it('remembers a language chosen with ?lang= for the next page', async () => {
    const first = await call('/app/programmes?lang=en', { cookie })
    const remembered = first.headers.get('set-cookie')!.split(';')[0]!
    expect(remembered).toBe('kr_lang=en')
    const next = await call('/app/programmes', {
      cookie: `${cookie}; ${remembered}`,
      headers: { 'accept-language': 'nl' },
    })
    expect(await next.text()).toContain('<html lang="en">')
  })

  it('sets the language cookie once per response, however often the page asks for the language', async () => {
    // The page for a path that is not there reads the language twice (its title and its text).
    for (const path of [
      '/app/nothing-here?lang=en',
      `/app/programmes/${ctx.programmeId}?lang=en`,
      '/app/programmes?lang=nl',
    ]) {
      const res = await call(path, { cookie })
      const langCookies = res.headers.getSetCookie().filter((c) => c.startsWith('kr_lang='))
      expect(langCookies, path).toHaveLength(1)
    }
    const plain = await call('/app/programmes', { cookie })
    expect(plain.headers.getSetCookie().filter((c) => c.startsWith('kr_lang='))).toEqual([])
  })
})

describe('what stands out and the heatmap', () => {
  type Group = {
    subject: { kind: 'programme' } | { kind: 'partner'; id: string }
    items: { kind: string; dimension: string; mean?: number; level?: number }[]
  }
  const heatRows = (html: string) => {
    const table = html.slice(html.indexOf('id="heatmap"'), html.indexOf('</table>', html.indexOf('id="heatmap"')))
    return [...table.matchAll(/<tr[^>]*data-partner="([^"]+)"[^>]*><th scope="row">(.*?)<\/th>(.*?)<\/tr>/gs)].map(
      (m) => ({
        id: m[1]!,
        name: m[2]!,
        cells: [...m[3]!.matchAll(/<td[^>]*data-dimension="([^"]+)"[^>]*>(.*?)<\/td>/gs)].map((c) => ({
          dimension: c[1]!,
          text: c[2]!.replace(/<[^>]+>/g, ''),
        })),
        hidden: /class="suppressed"/.test(m[3]!),
        means: [...m[3]!.matchAll(/data-mean="([^"]+)"/g)].map((x) => Number(x[1])),
      }),
    )
  }

  it('shows every shown cell in the heatmap with its shown mean and level in text, and a hidden partner without a number', async () => {
    const api = (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).json()) as Api
    const { html } = await page(`/app/programmes/${ctx.programmeId}`)
    const rows = heatRows(html)
    expect(rows.map((r) => r.name)).toEqual(['Programma als geheel', 'Almere', 'Gemeente Utrecht', 'SVB', 'UWV'])
    for (const p of api.partners.filter((x) => !x.suppressed)) {
      const r = rows.find((x) => x.id === p.id)!
      for (const c of r.cells) {
        const s = p.scores![c.dimension]
        if (!s) expect(c.text).toBe('te weinig antwoorden')
        else if (s.level === null) {
          // Not yet clear: the mean, the words, and the levels its shown interval spans, by hand from the legend.
          expect(c.text).toContain(`${nl.format(s.mean)} · nog niet duidelijk`)
          const [low, high] = shownInterval(s.ci95!)
          const bandOf = (x: number) => [1.7, 2.5, 3.3, 4.1, 5].findIndex((to) => x <= to + 1e-9) + 1
          if (bandOf(low) !== bandOf(high))
            expect(c.text).toContain(`(tussen niveau ${bandOf(low)} en ${bandOf(high)})`)
        } else expect(c.text).toContain(`${nl.format(s.mean)} niveau ${s.level}`)
      }
    }
    // Eight answer sets tell few levels: the stand-outs then say "not yet clear", never "views differ",
    // with the levels the interval spans, as the heatmap names them.
    expect(html).toMatch(/\(niveau nog niet duidelijk: tussen niveau (\d) en (?!\1)\d\)<\/a>/)
    // A cell without a level's colour is explained in the key under the table, with its words.
    if (rows.some((r) => r.cells.some((c) => c.text.includes('nog niet duidelijk'))))
      expect(html).toMatch(/<ul class="heat-key" id="heatmap-key">[\s\S]*?nog niet duidelijk<\/a>: met deze antwoorden/)
    const utrecht = rows.find((r) => r.name === 'Gemeente Utrecht')!
    expect(utrecht.hidden).toBe(true)
    expect(utrecht.cells).toEqual([])
    expect(utrecht.means).toEqual([])
  })

  it('sorts the heatmap by a dimension through ?sort=, lowest first, hidden partners last', async () => {
    const { html } = await page(`/app/programmes/${ctx.programmeId}?sort=dim:coaching`)
    const rows = heatRows(html).slice(1)
    const coaching = rows
      .filter((r) => !r.hidden)
      .map((r) =>
        Number(
          r.cells
            .find((c) => c.dimension === 'coaching')!
            .text.split(' ')[0]!
            .replace(',', '.'),
        ),
      )
    expect(coaching.length).toBe(3)
    expect(coaching).toEqual([...coaching].sort((a, b) => a - b))
    expect(rows.at(-1)!.name).toBe('Gemeente Utrecht')
    expect(html).toMatch(/aria-sort="ascending"/)
    // The sorted column's control says what its next press gives; another dimension's, lowest first.
    expect(html).toMatch(/aria-label="Sorteer op [^"]*, hoogste eerst"\s+data-sort="dim:coaching"/)
    expect(html).toMatch(/aria-label="Sorteer op [^"]*, laagste eerst"\s+data-sort="dim:ruimte"/)
  })

  it('states stand-outs only about shown cells, with their shown numbers, and only about partners the reader may see', async () => {
    const api = (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).json()) as Api & {
      standouts: Group[]
      programme: { scores: Record<string, Score | null> }
    }
    const utrecht = ctx.partners.find((p) => p.name === 'Gemeente Utrecht')!.id
    expect(api.standouts[0]!.subject).toEqual({ kind: 'programme' })
    expect(api.standouts.find((g) => g.subject.kind === 'partner' && g.subject.id === utrecht)!.items).toEqual([])
    for (const g of api.standouts) {
      const cell =
        g.subject.kind === 'programme'
          ? api.programme
          : api.partners.find((p) => p.id === (g.subject as { id: string }).id)!
      for (const x of g.items.filter((i) => i.kind === 'strongest' || i.kind === 'weakest')) {
        const s = cell.scores![x.dimension]!
        expect(nl.format(x.mean!)).toBe(nl.format(s.mean))
        expect(x.level).toBe(s.level)
      }
    }
    const { html } = await page(`/app/programmes/${ctx.programmeId}`)
    expect(html).toContain('id="standouts-heading"')
    expect(html.indexOf('id="standouts-heading"')).toBeLessThan(html.indexOf('id="radar-heading"'))
    // Its role and wave on a line of their own in smaller type (worker/pages/layout.tsx `TitleOf`),
    // read as one heading with the dots between: the words are those of the title and its context.
    const heading = /<h2 id="standouts-heading">([\s\S]*?)<\/h2>/.exec(html)![1]!
    expect(heading).toContain('<span class="heading-context">')
    expect(heading.replace(/<[^>]+>/g, '')).toMatch(/^Wat valt op · Medewerkers \(over hun teammanager\) · \S/)
    // A viewer of SVB alone: the programme and SVB, nobody else.
    const svb = ctx.partners.find((p) => p.name === 'SVB')!.id
    const viewer = await sessionFor('viewer', { partnerId: svb })
    const theirs = (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie: viewer })).json()) as {
      standouts: Group[]
    }
    expect(theirs.standouts.map((g) => (g.subject.kind === 'partner' ? g.subject.id : 'programme'))).toEqual([
      'programme',
      svb,
    ])
  })

  it('leads with programme-wide sentences: the lowest and highest shown partners per dimension with their numbers and a link to each lowest cell', async () => {
    type Lowest = Extract<Headline, { kind: 'lowest' }>
    const api = (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie })).json()) as Api & {
      headlines: ({ kind: string } & Partial<Lowest>)[]
      programme: { scores: Record<string, Score | null> }
    }
    const lowest = api.headlines.filter((h): h is Lowest => h.kind === 'lowest')
    type After = Extract<Headline, { kind: 'lowestAfter' }>
    const after = (api.headlines as unknown as Headline[]).filter((h): h is After => h.kind === 'lowestAfter')
    // SVB is lowest on every dimension: each line leads with who comes next, or one line says that once.
    expect(lowest.length + after.length).toBeGreaterThan(0)
    const { html } = await page(`/app/programmes/${ctx.programmeId}`)
    const list = html.slice(
      html.indexOf('id="standouts-headlines"'),
      html.indexOf('</ul>', html.indexOf('id="standouts-headlines"')),
    )
    // Before the per-partner lines, and each sentence by hand: the lowest of the shown partners (Utrecht, hidden, never).
    expect(html.indexOf('id="standouts-headlines"')).toBeLessThan(html.indexOf('class="standout-partner"'))
    for (const h of lowest) {
      const shownPartners = api.partners.filter((p) => !p.suppressed && p.scores?.[h.dimension])
      const means = shownPartners.map((p) => Number(nl.format(p.scores![h.dimension]!.mean).replace(',', '.')))
      const [min, max] = [Math.min(...means), Math.max(...means)]
      expect(h.mean).toBe(min)
      expect(h.highest.mean).toBe(max)
      expect(h.of).toBe(shownPartners.length)
      expect(h.partners.map((p) => p.name)).not.toContain('Gemeente Utrecht')
      const label = ins.dimensions.find((d) => d.key === h.dimension)!.label.nl
      const names = (partners: { id: string; name: string }[], linked = true) => {
        const links = partners.map((p) => (linked ? `<a href="#heat-${p.id}-${h.dimension}">${p.name}</a>` : p.name))
        return links.length > 1 ? `${links.slice(0, -1).join(', ')} en ${links.at(-1)}` : links[0]
      }
      const highest = `hoogst ${names(h.highest.partners, false)} met ${nl.format(h.highest.mean)} (van ${h.of} partners met een getal; programma ${nl.format(h.programme!)})`
      // Every line leads with the lowest, whoever it is, each a link to its cell; the highest without one.
      // Where the lowest is named lowest on it above, the next-lowest of the others, the named once in words.
      if (h.next) {
        const rest = means.filter((m) => m !== min)
        expect(h.next.mean).toBe(Math.min(...rest))
        expect(list).toContain(
          `Laagst op ${label} na ${names(h.partners, false)} (${nl.format(h.mean)}): ${names(h.next.partners)} met ${nl.format(h.next.mean)}; ${highest}`,
        )
      } else expect(list).toContain(`Laagst op ${label}: ${names(h.partners)} met ${nl.format(h.mean)}; ${highest}`)
    }
    for (const h of after) {
      // Next-lowest by hand on each dimension named: the lowest of the shown partners after SVB.
      for (const dim of h.dimensions) {
        const rows = api.partners.filter((p) => !p.suppressed && p.scores?.[dim])
        const mean = (p: (typeof rows)[number]) => Number(nl.format(p.scores![dim]!.mean).replace(',', '.'))
        const min = Math.min(...rows.map(mean))
        const rest = rows.filter((p) => mean(p) !== min)
        expect(rows.filter((p) => mean(p) === min).map((p) => p.name)).toEqual(h.after.map((p) => p.name))
        const next = rest.filter((p) => mean(p) === Math.min(...rest.map(mean))).map((p) => p.name)
        expect(next).toContain(h.partner.name)
        // Every other partner at that value is named beside the dimension, as its own line names them.
        expect(h.tied.find((x) => x.dimension === dim)?.partners.map((p) => p.name) ?? []).toEqual(
          next.filter((name) => name !== h.partner.name),
        )
      }
      const which =
        h.dimensions.length < h.of
          ? `${h.dimensions.length} van die ${h.of} dimensies`
          : h.of === 2
            ? 'beide'
            : `alle ${h.of}`
      expect(list.replace(/<[^>]+>/g, '')).toContain(
        `Waar ${h.after.map((p) => p.name).join(' en ')} het laagst ${h.after.length === 1 ? 'is' : 'zijn'}, komt ${h.partner.name} daarna op ${which}`,
      )
    }
    const english = (await page(`/app/programmes/${ctx.programmeId}?lang=en`)).html
    expect(english).toContain('Across the programme')
    expect(english).toMatch(/Lowest on [^:]+: <a href="#heat-|Where [^,]+ (is|are) lowest, [^<]+ comes next on /)
    expect(english).not.toContain('Highest on ')
    // A viewer of SVB alone compares no partners: no "lowest" sentence, and nothing about the others.
    const svb = ctx.partners.find((p) => p.name === 'SVB')!.id
    const viewer = await sessionFor('viewer', { partnerId: svb })
    const theirs = (await (await call(`/api/programmes/${ctx.programmeId}/dashboard`, { cookie: viewer })).json()) as {
      headlines: { kind: string }[]
    }
    expect(theirs.headlines.filter((h) => h.kind === 'lowest' || h.kind === 'lowestOften')).toEqual([])
  })

  it('gives legend bands that do not overlap at the shown precision (defect 2)', async () => {
    const { html } = await page(`/app/programmes/${ctx.programmeId}`)
    expect(html).toContain('1 Sturend</a> (1,0–1,7)')
    expect(html).toContain('(3,4–4,1)')
    expect(html).not.toContain('(3,4–4,2)')
    expect(html).not.toContain('(2,6–3,4)')
  })
})
