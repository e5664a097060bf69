import { spawnSync } from 'node:child_process'
import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { chromium, type Browser, type Page } from 'playwright-core'
import { expect, inject } from 'vitest'
import type { Instrument, Role } from '../../schema/instrument.ts'
import { dimensionsFor } from '../../worker/domain/instrument-rules.ts'
import { bandOf } from '../../worker/domain/levels.ts'
import { CHROMIUM, CHROMIUM_FLAGS } from '../chromium.ts'

export function launch(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS })
}

export const base = () => inject('base')

let adminSession: Promise<string> | undefined

/**
 * The administrator's session cookie (`name=value`), signed in through the API as the app's form
 * does, once per test file. The app allows 20 sign-ins a minute for one account from one network
 * (SIGNIN_LIMITER in wrangler.toml), and every test here signs in as the same administrator from
 * the same machine: a sign-in per test went past that once the suite ran fast, and a retry in the
 * same minute was refused again. No test ends this session; those that sign in or out through the
 * form do so with sessions of their own.
 */
export function adminCookie(): Promise<string> {
  adminSession ??= signInAdmin().catch((error: unknown) => {
    adminSession = undefined
    throw error
  })
  return adminSession
}

async function signInAdmin(): Promise<string> {
  const signIn = await fetch(`${base()}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(inject('admin')),
  })
  const cookie = signIn.headers.get('set-cookie')
  if (signIn.status !== 204 || !cookie) throw new Error(`admin sign-in: ${signIn.status} ${await signIn.text()}`)
  return cookie.split(';')[0]!
}

/**
 * A JSON call of the API with `cookie`, its answer parsed; a status that is not OK throws with the
 * body. After the seconds `wrangler d1 execute` takes, the kept-alive socket may be gone: once
 * more, on a new one.
 */
export async function apiCall<T>(cookie: string, path: string, body: unknown, method = 'POST'): Promise<T> {
  const send = () =>
    fetch(`${base()}${path}`, {
      method,
      headers: { 'content-type': 'application/json', cookie },
      body: method === 'GET' || body === undefined ? undefined : JSON.stringify(body),
    })
  const res = await send().catch(send)
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`)
  return (res.status === 204 ? undefined : await res.json()) as T
}

/**
 * Turns the page with `act` and waits until the next page's questions are on screen: counting the
 * radio groups straight after the press can still count the old page's, whose inputs then vanish.
 */
export async function turnPage(page: Page, act: () => Promise<void>) {
  const first = page.locator('.sd-question').first()
  const before = await first.getAttribute('data-name')
  await act()
  // Up to 10 s, not expect.poll's 1 s: on a loaded CI machine a page turn took longer (survey.test.ts failed so once).
  await expect.poll(() => first.getAttribute('data-name'), { timeout: 10_000 }).not.toBe(before)
}

/**
 * Answers every page of a Dutch survey by clicking the `choice`-th label of each question, then
 * sends it and waits for the thank-you page. `onPage` runs on each page once it is answered.
 */
export async function answerEveryPage(page: Page, choice = 3, onPage?: (n: number) => Promise<void>): Promise<void> {
  for (let n = 1; n <= 20; n++) {
    const groups = page.locator('[role="radiogroup"]')
    await groups.first().waitFor()
    for (let i = 0; i < (await groups.count()); i++) await groups.nth(i).locator('label').nth(choice).click()
    await onPage?.(n)
    const send = page.getByRole('button', { name: 'Verzenden' })
    if (await send.isVisible()) {
      await send.click()
      break
    }
    await turnPage(page, () => page.getByRole('button', { name: 'Volgende' }).click())
  }
  await page.getByRole('heading', { name: 'Bedankt voor het invullen' }).waitFor()
}

/** Presses the survey page's start button (SurveyJS loads then) and waits for the first question. */
export async function startSurvey(page: Page, lang: 'nl' | 'en' = 'nl'): Promise<void> {
  await page.getByRole('button', { name: lang === 'nl' ? 'Begin met de vragenlijst' : 'Start the survey' }).click()
  await page.locator('[role="radiogroup"]').first().waitFor()
}

/** Screenshots and downloads kept as test artefacts (ignored by git). */
export function artefactDir(): string {
  const dir = 'test-results'
  mkdirSync(dir, { recursive: true })
  return dir
}

/** Runs SQL against the local D1 that the test server uses, as the Worker would see it. */
export function d1(sql: string): Record<string, unknown>[] {
  const r = spawnSync(
    'npx',
    ['wrangler', 'd1', 'execute', 'DB', '--local', '--persist-to', inject('persistDir'), '--json', '--command', sql],
    {
      encoding: 'utf8',
      env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
    },
  )
  if (r.status !== 0) throw new Error(`wrangler d1 execute failed: ${r.stderr}`)
  const out = JSON.parse(r.stdout) as { results: Record<string, unknown>[] }[]
  return out[0]!.results
}

/**
 * axe-core in the page itself, at the WCAG 2.1 A and AA rules (the law for Dutch public bodies).
 * Our CSP rightly refuses the injected script, so contexts that call this bypass it.
 */
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']

/**
 * axe's WCAG 2.1 A/AA violations on the page; with `bestPractice` also its best-practice rules
 * (heading order, one name per landmark), which a lead's review ran on the report.
 */
export async function violations(page: Page, opts: { bestPractice?: boolean } = {}): Promise<string[]> {
  await page.addScriptTag({ path: AXE })
  const result = (await page.evaluate(
    async (tags) => {
      const axe = (
        window as unknown as {
          axe: {
            run: (
              ctx: unknown,
              opts: unknown,
            ) => Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }>
          }
        }
      ).axe
      return axe.run(document, { runOnly: { type: 'tag', values: tags } })
    },
    opts.bestPractice ? [...TAGS, 'best-practice'] : TAGS,
  )) as { violations: { id: string; help: string; nodes: { target: string[] }[] }[] }
  return result.violations.map(
    (v) =>
      `${v.id}: ${v.help} (${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')})`,
  )
}

/**
 * A rollup cell of n answer sets around a mean per dimension of `role` (half at mean − 0.5, half at
 * mean + 0.5), for tests that write a wave's rollups straight into D1 (`d1`) to build a programme of
 * many partners at once. `meanOf(j)` is the mean on the role's j-th dimension.
 */
export function rollupStats(
  ins: Instrument,
  role: Role,
  n: number,
  meanOf: (j: number) => number,
): Record<string, number[]> {
  return Object.fromEntries(
    dimensionsFor(ins, role).map((d, j) => {
      const m = meanOf(j)
      const s = new Array<number>(3 + ins.levels.length).fill(0)
      s[0] = n
      s[1] = n * m
      s[2] = n * m * m + n * 0.25
      s[2 + bandOf(ins, m)] = n
      return [d, s]
    }),
  )
}
