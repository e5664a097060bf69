import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { ROLES } from '../../../schema/instrument.ts'
import { questionsFor } from '../../../worker/domain/instrument-rules.ts'
import { minutesFor, SECONDS_PER_ITEM } from '../../../worker/pages/survey-page.tsx'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'
import { call, closeWave, setupProgramme, signInAdmin } from '../helpers.ts'

let token: string
let currentToken: string
let currentRoleTokens: Record<string, string>
let roleTokens: Record<string, string>
let closedToken: string

beforeAll(async () => {
  const cookie = await signInAdmin()
  // A wave of version 1, which stays for the waves that used it; new waves get the latest, version 5.
  const ctx = await setupProgramme(cookie, ['UWV'], { instrumentVersion: 1 })
  token = ctx.links[ctx.partners[0]!.id]!.medewerker!
  roleTokens = ctx.links[ctx.partners[0]!.id]!
  const current = await setupProgramme(cookie, ['SVB'])
  currentToken = current.links[current.partners[0]!.id]!.medewerker!
  currentRoleTokens = current.links[current.partners[0]!.id]!
  // A closed wave gets no new links: this one's link was made while it was open.
  const closed = await setupProgramme(cookie, ['Elders'])
  await closeWave(cookie, closed.waveId)
  closedToken = closed.links[closed.partners[0]!.id]!.medewerker!
})

describe('GET /s/:token', () => {
  it('serves the survey page in Dutch by default, with the privacy statement and its strings inline', async () => {
    const res = await call(`/s/${token}`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('text/html')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
    const html = await res.text()
    expect(html).toContain('<html lang="nl">')
    expect(html).toContain('Uw privacy')
    // What is stored with an answer set is the respondent's own organisation, not "the chain partner" (another organisation).
    expect(html).toContain('de ronde, uw eigen organisatie en uw rol')
    expect(html).not.toContain('de ronde, de ketenpartner')
    expect(html).toMatch(/minstens 5 personen/)
    expect(html).toContain('id="survey-data"')
    // Every script and stylesheet comes from this host (the empty icon is inline: no request at all).
    for (const [, src] of html.matchAll(/(?:src|href)="([^"]+)"/g))
      expect(src!.startsWith('/') || src!.startsWith('?') || src!.startsWith('#') || src === 'data:,').toBe(true)
  })

  it("tells each role whom the questions are about and how many there are in the wave's instrument, in both languages", async () => {
    const ins = findInstrument('coachende-manager', 1)!
    const subject = {
      medewerker: ['over uw leidinggevende', 'about your manager'],
      teammanager: ['over uzelf als leidinggevende', 'about yourself as a manager'],
      tactisch: ['over uzelf op tactisch niveau', 'about yourself at tactical level'],
    }
    for (const role of ROLES) {
      const questions = questionsFor(ins, role).length
      const pages = ins.survey.pages.filter((p) => p.elements.some((q) => q.wording[role])).length
      const minutes = Math.ceil((questions * SECONDS_PER_ITEM) / 60)
      expect(minutesFor(questions)).toBe(minutes)
      // The intro itself: the inline strings for the island hold every role's wording.
      const intro = async (lang: string) =>
        (await (await call(`/s/${roleTokens[role]}?lang=${lang}`)).text()).match(
          /<section class="survey-intro"[\s\S]*?<\/section>/,
        )![0]
      const nl = await intro('nl')
      expect(nl).toContain(subject[role][0])
      expect(nl).toContain(
        `Het zijn ${questions} vragen op ${pages} pagina’s. Het invullen duurt ongeveer ${minutes} minuten.`,
      )
      const en = await intro('en')
      expect(en).toContain(subject[role][1])
      expect(en).toContain(`There are ${questions} questions on ${pages} pages. It takes about ${minutes} minutes.`)
      // The threat model's promise, not only what is stored.
      expect(nl).toContain('ook de programmaleider die de links uitdeelt niet')
      expect(en).toContain('including the programme lead who hands out the links')
      for (const other of ROLES.filter((r) => r !== role)) expect(nl).not.toContain(subject[other][0])
    }
    // The counts are the instrument's: tactical managers answer fewer questions than staff.
    expect(questionsFor(ins, 'tactisch').length).toBeLessThan(questionsFor(ins, 'medewerker').length)
  })

  it('tells a team manager of the current version (3) that some questions are about the tactical level they rate, and nobody else', async () => {
    const intro = async (role: string, lang: string, tokens: Record<string, string>) =>
      (await (await call(`/s/${tokens[role]}?lang=${lang}`)).text()).match(
        /<section class="survey-intro"[\s\S]*?<\/section>/,
      )![0]
    expect(await intro('teammanager', 'nl', currentRoleTokens)).toContain('over het tactisch management boven u')
    expect(await intro('teammanager', 'en', currentRoleTokens)).toContain('about the tactical management above you')
    // Version 1 asks team managers about themselves only; staff and tactical managers rate no tactical level above them.
    expect(await intro('teammanager', 'nl', roleTokens)).not.toContain('tactisch management boven u')
    for (const role of ['medewerker', 'tactisch'])
      expect(await intro(role, 'nl', currentRoleTokens)).not.toContain('tactisch management boven u')
  })

  it('follows Accept-Language, and ?lang= over it', async () => {
    expect(await (await call(`/s/${token}`, { headers: { 'accept-language': 'en-GB,en;q=0.9' } })).text()).toContain(
      '<html lang="en">',
    )
    expect(
      await (await call(`/s/${token}`, { headers: { 'accept-language': 'fr, en;q=0.5, nl;q=0.8' } })).text(),
    ).toContain('<html lang="nl">')
    const en = await (await call(`/s/${token}?lang=en`, { headers: { 'accept-language': 'nl' } })).text()
    expect(en).toContain('Your privacy')
    expect(en).toContain('the assessment wave, your own organisation and your role')
  })

  it('shows a clear page for an unknown link (404) and a closed wave (410)', async () => {
    const unknown = await call('/s/AAAAAAAAAAAAAAAAAAAAAA')
    expect(unknown.status).toBe(404)
    expect(await unknown.text()).toContain('Deze link werkt niet')
    const closed = await call(`/s/${closedToken}`, { headers: { 'accept-language': 'en' } })
    expect(closed.status).toBe(410)
    expect(await closed.text()).toContain('This survey is closed')
  })

  it('words a refusal on the page as the API words it: one wording per code (worker/i18n/errors-nl.ts)', async () => {
    for (const lang of ['nl', 'en'] as const) {
      const headers = { 'accept-language': lang }
      const page = await (await call(`/s/${closedToken}`, { headers })).text()
      const api = (await (await call(`/api/s/${closedToken}`, { headers })).json()) as { code: string; detail: string }
      expect(api.code).toBe('survey-closed')
      expect(page).toContain(api.detail)
      const unknownPage = await (await call('/s/AAAAAAAAAAAAAAAAAAAAAA', { headers })).text()
      const unknownApi = (await (await call('/api/s/AAAAAAAAAAAAAAAAAAAAAA', { headers })).json()) as { detail: string }
      expect(unknownPage).toContain(unknownApi.detail)
    }
  })

  it('refuses a wave not yet open, a complete group and an uncounted one with the code and words the API gives', async () => {
    // One rule decides whether a link may be answered now (answerableLink in worker/services/response-service.ts).
    const cookie = await signInAdmin()
    const planned = await setupProgramme(cookie, ['Later'], { opensInDays: 3, closesInDays: 10 })
    const own = await setupProgramme(cookie, ['Klein'])
    const partner = own.partners[0]!.id
    // The team managers' group holds its headcount already; the tactical group has none (from before headcounts).
    await env.DB.prepare('UPDATE partners SET headcount_teammanager = 1, headcount_tactisch = NULL WHERE id = ?1')
      .bind(partner)
      .run()
    await env.DB.prepare(
      "INSERT INTO rollups (wave_id, partner_id, role, n, stats) VALUES (?1, ?2, 'teammanager', 1, '{}')",
    )
      .bind(own.waveId, partner)
      .run()
    const cases = [
      [planned.links[planned.partners[0]!.id]!.medewerker!, 'survey-not-open', 410],
      [own.links[partner]!.teammanager!, 'group-complete', 409],
      [own.links[partner]!.tactisch!, 'group-uncounted', 409],
    ] as const
    for (const lang of ['nl', 'en'] as const)
      for (const [linkToken, code, status] of cases) {
        const headers = { 'accept-language': lang }
        const page = await call(`/s/${linkToken}`, { headers })
        const api = await call(`/api/s/${linkToken}`, { headers })
        const problem = (await api.json()) as { code: string; detail: string }
        expect([problem.code, api.status, page.status]).toEqual([code, status, status])
        expect(await page.text()).toContain(problem.detail)
      }
  })

  it('answers a token longer than any link with the same page, refused by the path check before any lookup', async () => {
    // `valid('param', …)` refuses it, and the survey page's own onError renders a page, not problem+json.
    const long = await call(`/s/${'A'.repeat(101)}`, { headers: { 'accept-language': 'en' } })
    expect(long.status).toBe(404)
    expect(long.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await long.text()
    expect(html).toContain('This link does not work')
    // The page's own address names at most the first 40 characters of what was asked.
    expect(html).not.toContain('A'.repeat(41))
  })

  it('loads the questions from a URL per instrument version and role, cached for a year, naming nobody', async () => {
    const page = await call(`/s/${token}`)
    expect(page.headers.get('cache-control')).toBe('no-store')
    const url = (await page.text()).match(/data-instrument="([^"]+)"/)![1]!
    expect(url).toBe('/api/instruments/coachende-manager/1/medewerker')
    const res = await call(url)
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    const json = (await res.json()) as { pages: unknown[] }
    expect(json.pages.length).toBeGreaterThan(5)
    expect(JSON.stringify(json)).not.toContain(token)
    expect((await call('/api/instruments/coachende-manager/99/medewerker')).status).toBe(404)
    const unknownRole = await call('/api/instruments/coachende-manager/1/directeur')
    expect(unknownRole.status).toBe(404)
    expect(unknownRole.headers.get('cache-control')).toBe('no-store')
  })

  it("loads a current (version-5) wave's questions from the version-5 URL", async () => {
    const html = await (await call(`/s/${currentToken}`)).text()
    const url = html.match(/data-instrument="([^"]+)"/)![1]!
    expect(url).toBe('/api/instruments/coachende-manager/5/medewerker')
    // The scale's guide (scale.guide) in the intro, before the first question: what never happens is answered with.
    expect(html).toContain('<h2>Zo antwoordt u</h2>')
    expect(html).toContain(
      'Had wat de uitspraak beschrijft kunnen gebeuren, maar gebeurde het nooit? Kies dan &#39;Oneens&#39; of &#39;Helemaal oneens&#39;.',
    )
    // A version-1 wave's intro has none: its file gives no guide.
    expect(await (await call(`/s/${token}`)).text()).not.toContain('Zo antwoordt u')
    const json = (await (await call(url)).json()) as { pages: { name: string; description: { nl: string } }[] }
    expect(json.pages.map((p) => p.name)).toEqual([
      'p_coaching',
      'p_autonomie',
      'p_kader',
      'p_steun',
      'p_ketensamenwerking',
    ])
    expect(JSON.stringify(json)).toContain('afgelopen zes maanden')
    // And every page in brief (scale.pageReminder, version 5 on): the guide read once was forgotten pages later.
    // It agrees with the guide: never happened though it could is disagreement, what one cannot judge is n.v.t.
    for (const p of json.pages)
      expect(p.description.nl, p.name).toContain(
        "Had het kunnen gebeuren, maar gebeurde het nooit? Kies 'Oneens' of 'Helemaal oneens'. Kunt u het niet beoordelen? Kies 'Weet ik niet / n.v.t.'.",
      )
  })

  it('escapes the inline JSON so no string can close the script element', async () => {
    const html = await (await call(`/s/${token}`)).text()
    const json = html.split('id="survey-data">')[1]!.split('</script>')[0]!
    expect(json).not.toContain('<')
    expect(() => JSON.parse(json)).not.toThrow()
  })
})
