import type { Browser, Page } from 'playwright-core'
import { addDays, dayOf, momentOfDay } from '../../schema/format.ts'
import type { Role } from '../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../worker/domain/simulated-answers.ts'
import { parseInstrument } from '../../worker/domain/instrument-rules.ts'
import v2 from '../../surveys/coachende-manager.v2.json' with { type: 'json' }
import { adminCookie, apiCall, base } from './browser.ts'

/**
 * A programme of its own for the link and participation tests, set up through the API as a lead
 * would from the page: partners with long names (the words that broke mid-word), an open wave with
 * a link per group, people with long addresses, and answers so its groups stand at 0, k − 1 and k.
 */

export const K = 5
/** The start of the Dutch day `days` from today, as the setup page sets a wave's days (schema/format.ts). */
const startOf = (days: number) => momentOfDay(addDays(dayOf(new Date()), days), false)
export const PARTNERS = ['GGZ Centraal', 'Gemeente Súdwest-Fryslân', 'Veiligheidsregio Hollands Midden']
export const EMAILS = [
  'programmaleider.ketensamenwerking@gemeente-sudwest-fryslan.nl',
  'j.de.vries@veiligheidsregio-hollands-midden.nl',
]
export const instrument = parseInstrument(v2)

export type Chain = {
  programmeId: string
  waveId: string
  partners: { id: string; name: string }[]
  links: Record<string, Record<Role, string>>
  cookie: string
}

/** `apiCall` (tests/e2e/browser.ts) with the method first, as these tests read. */
export const api = <T>(cookie: string, method: string, path: string, body?: unknown): Promise<T> =>
  apiCall<T>(cookie, path, body, method)

/** `answers[partner index][role]` answer sets are sent through each group's link. */
export async function makeChain(answers: Partial<Record<Role, number>>[] = []): Promise<Chain> {
  const cookie = await adminCookie()
  const { id: programmeId } = await api<{ id: string }>(cookie, 'POST', '/api/programmes', {
    name: `Keten ${crypto.randomUUID().slice(0, 8)}`,
  })
  const partners: { id: string; name: string }[] = []
  for (const name of PARTNERS) {
    const { id } = await api<{ id: string }>(cookie, 'POST', `/api/programmes/${programmeId}/partners`, {
      name,
      headcount: 40,
      headcounts: { teammanager: 8, tactisch: 4 },
    })
    partners.push({ id, name })
  }
  const { id: waveId } = await api<{ id: string }>(cookie, 'POST', `/api/programmes/${programmeId}/waves`, {
    label: 'Nulmeting ketensamenwerking',
    instrument: instrument.id,
    instrumentVersion: instrument.version,
    // Whole days, as the setup page sets them: it opened yesterday and is open 14 more days after today.
    opensAt: startOf(-1),
    closesAt: startOf(15),
  })
  const links: Chain['links'] = {}
  for (const p of partners) {
    links[p.id] = {} as Record<Role, string>
    for (const role of ['medewerker', 'teammanager', 'tactisch'] as const)
      links[p.id]![role] = (
        await api<{ url: string }>(cookie, 'POST', `/api/waves/${waveId}/links`, { partnerId: p.id, role })
      ).url
  }
  const random = rng(15)
  for (const [i, counts] of answers.entries()) {
    for (const [role, n] of Object.entries(counts) as [Role, number][]) {
      const token = new URL(links[partners[i]!.id]![role]).pathname.split('/').pop()!
      for (let a = 0; a < n; a++)
        await api(cookie, 'POST', `/api/s/${token}/responses`, {
          id: crypto.randomUUID(),
          answers: simulateAnswers(instrument, role, random, () => 3),
        })
    }
  }
  for (const email of EMAILS)
    await api(cookie, 'POST', `/api/programmes/${programmeId}/people`, {
      email: email.replace('@', `.${crypto.randomUUID().slice(0, 4)}@`),
      role: 'viewer',
    })
  return { programmeId, waveId, partners, links, cookie }
}

/** A signed-in admin's page in a browser context of its own. */
export async function signedIn(
  browser: Browser,
  opts: { locale?: string; width?: number; height?: number } = {},
): Promise<Page> {
  const context = await browser.newContext({
    locale: opts.locale ?? 'nl-NL',
    bypassCSP: true,
    viewport: { width: opts.width ?? 1366, height: opts.height ?? 900 },
    acceptDownloads: true,
  })
  const [name, ...value] = (await adminCookie()).split('=')
  await context.addCookies([{ name: name!, value: value.join('='), url: base() }])
  return context.newPage()
}

/** Presses the setup page's "new links for every partner and role" (the page must accept its confirm). */
export const askNewLinks = (page: Page, lang: 'nl' | 'en') =>
  page
    .getByRole('button', {
      name: lang === 'nl' ? 'Nieuwe links voor elke partner en rol' : 'New links for every partner and role',
    })
    .click()
