/**
 * What the real `wrangler dev` keeps on disk after people answered: nothing that names a link or
 * tells when someone answered. Every file under the server's persist dir (the `.wrangler/state`
 * of `npm start`) is read byte by byte, free pages and WAL frames included, and every SQLite file
 * value by value. wrangler 4.16x's local trace store kept each request's URL, token included,
 * with millisecond times (`v3/observability/`), whatever `--log-level` said: this fails if it,
 * or anything like it, comes back.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import { DatabaseSync } from 'node:sqlite'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest'
import { answerEveryPage, launch, startSurvey } from './browser.ts'

let browser: Browser

beforeAll(async () => {
  browser = await launch()
})
afterAll(async () => {
  await browser?.close()
})

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f)
    return statSync(path).isDirectory() ? filesUnder(path) : [path]
  })
}

/**
 * Whether a value is a time in [from, to], each at its own precision: milliseconds, seconds or
 * minutes since 1970 (told apart by size), or ISO 8601 with or without seconds.
 */
function inWindow(from: number, to: number) {
  const within = (t: number, unit: number) => t >= Math.floor(from / unit) && t <= Math.floor(to / unit)
  const number = (v: number) =>
    v >= 1e12 ? within(v, 1) : v >= 1e9 ? within(v, 1000) : v >= 1e7 && v < 1e8 && within(v, 60_000)
  const iso = (m: string) => {
    const unit = /T\d\d:\d\d:/.test(m) ? 1000 : 60_000
    return within(Math.floor(Date.parse(/Z$|[+-]\d\d:\d\d$/.test(m) ? m : `${m}Z`) / unit), unit)
  }
  // Runs of 13, 10 or 8 digits (ms, s, min since 1970) and ISO times, wherever they are in a text.
  const pattern =
    /\d{4}-\d\d-\d\dT\d\d:\d\d(?::\d\d(?:\.\d+)?)?(?:Z|[+-]\d\d:\d\d)?|(?<!\d)(?:\d{13}|\d{10}|\d{8})(?!\d)/g
  const text = (s: string) => [...s.matchAll(pattern)].some(([m]) => (m.includes('T') ? iso(m) : number(Number(m))))
  return { number, text }
}

describe('local development state', () => {
  it('keeps no survey token, link path or submission time under the persist dir', async () => {
    const persistDir = inject('persistDir')
    const links = inject('demo').links
    // A group no other browser test reads (the dashboard test counts UWV's and Werkbedrijf Regio's), so
    // answering it once more on a second try changes no other test's numbers.
    const link = links.find((l) => l.partner === 'Gemeente Amersfoort' && l.role === 'tactisch')!
    // One answer through the link, then a scan of every file under the persist dir for what it must
    // not have left: the tokens, their paths, and a time of the answer at any precision.
    const answerAndScan = async (): Promise<string[]> => {
      const from = Date.now()
      const context = await browser.newContext({ locale: 'nl-NL' })
      const page = await context.newPage()
      await page.goto(link.url)
      await startSurvey(page)
      await answerEveryPage(page)
      await context.close()
      // The trace store wrote its spans within a second of the request; give any such writer time.
      await new Promise((r) => setTimeout(r, 3000))
      const to = Date.now()

      // Every demo link, not only this one: the other browser tests answered through some of them.
      const tokens = links.map((l) => new URL(l.url).pathname.replace('/s/', ''))
      const needles = tokens.flatMap((t) => [
        { what: `token ${t.slice(0, 6)}…`, bytes: Buffer.from(t) },
        { what: `path /s/${t.slice(0, 6)}…`, bytes: Buffer.from(`/s/${t}`) },
      ])
      const time = inWindow(from, to)
      const files = filesUnder(persistDir)
      expect(files.some((f) => f.includes('/d1/'))).toBe(true) // the scan reads the server's real state
      const found: string[] = []
      for (const file of files) {
        const name = relative(persistDir, file)
        const bytes = readFileSync(file)
        for (const n of needles) if (bytes.includes(n.bytes)) found.push(`${name}: ${n.what}`)
        if (time.text(bytes.toString('latin1'))) found.push(`${name}: a time of the answer (as text)`)
        if (!file.endsWith('.sqlite')) continue
        const db = new DatabaseSync(file, { readOnly: true })
        try {
          for (const { name: table } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as {
            name: string
          }[]) {
            for (const row of db.prepare(`SELECT * FROM "${table.replaceAll('"', '""')}"`).all()) {
              for (const [column, value] of Object.entries(row)) {
                const hit =
                  typeof value === 'number' || typeof value === 'bigint'
                    ? time.number(Number(value))
                    : typeof value === 'string' && time.text(value)
                if (!hit) continue
                // Miniflare's local rate limiter keeps the current minute of each key on disk, and
                // no setting turns that off (README, "What remains where"); anything else fails.
                if (name.startsWith('v3/ratelimit/') && table === '_mf_ratelimit_buckets' && column === 'epoch')
                  continue
                found.push(`${name}: ${table}.${column} is a time of the answer`)
              }
            }
          }
        } finally {
          db.close()
        }
      }
      return found
    }
    // The audit trail keeps staff actions to the minute (README, "Audit trail"): an action of an
    // earlier test in this minute reads as a time of the answer. So a first scan that finds
    // anything is repeated in a minute of its own, in which nothing but the answer happens, and
    // only that one decides; a real leak shows in it as well.
    let found = await answerAndScan()
    if (found.length > 0) {
      await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 100))
      found = await answerAndScan()
    }
    expect(found).toEqual([])
  }, 150_000)
})
