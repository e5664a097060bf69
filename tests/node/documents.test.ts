/**
 * The papers for a public body (docs/privacy.*.md, docs/security.md, docs/toegankelijkheidsverklaring.md,
 * and the README's capacity section) state settings of the product as numbers. Each number here is
 * read from where the product takes it — wrangler.toml through wrangler's own reader, the
 * migrations, the zod schemas, the session code — and every sentence in the documents that states
 * it must state the same. Change a setting without the documents and this fails, naming the phrase.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { unstable_readConfig, type Unstable_Config } from 'wrangler'
import { PasswordBody, ProgrammePatch } from '../../schema/api.ts'
import { PASSWORD_LINK_MS } from '../../worker/db/people.ts'
import { SESSION_IDLE_MS, SESSION_MAX_MS } from '../../worker/domain/session-rule.ts'
import { MAX_BODY_BYTES } from '../../worker/http/guards.ts'
import { en } from '../../worker/i18n/en.ts'
import { nl } from '../../worker/i18n/nl.ts'
import { isFieldMessage } from '../../schema/field-codes.ts'
import {
  AGREEMENT_TABLE,
  AT_MIN_N,
  LEVEL_TABLE,
  MC_SE,
  PROGRAMME_INTERVAL,
  PROGRAMME_TREND,
  RWG_AT_SD_1,
  RWG_J_AT_10,
  SENSITIVITY_SD_1,
  SPLIT_TABLE,
  SPLIT_WORST_MEAN,
  TOLERANCE,
} from '../worker/domain/simulation-figures.ts'

const ROOT = resolve(import.meta.dirname, '../..')
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const DOCS = {
  privacyNl: 'docs/privacy.nl.md',
  privacyEn: 'docs/privacy.en.md',
  security: 'docs/security.md',
  a11y: 'docs/toegankelijkheidsverklaring.md',
  readme: 'README.md',
  bench: 'BENCHMARKS.md',
} as const
type Doc = keyof typeof DOCS
const text = Object.fromEntries(Object.entries(DOCS).map(([k, f]) => [k, read(f).replace(/\s+/g, ' ')])) as Record<
  Doc,
  string
>

/** "100.000", "100,000" and "100 000" are one number; line breaks were made spaces above. */
const num = (s: string) => Number(s.replace(/[.,\u00a0 ]/g, ''))

/**
 * Every match of `pattern` (its first group a number) in the document must be `value`, and there
 * must be at least one: a document that stopped stating the setting is as wrong as one that states
 * another value, since the reader then has no number to check.
 */
function states(doc: Doc, pattern: RegExp, value: number) {
  const found = [...text[doc].matchAll(new RegExp(pattern.source, 'gi'))].map((m) => ({ phrase: m[0], n: num(m[1]!) }))
  expect(found.length, `${DOCS[doc]} no longer says ${pattern} (the code says ${value})`).toBeGreaterThan(0)
  for (const f of found) expect(f.n, `${DOCS[doc]}: "${f.phrase}", but the code says ${value}`).toBe(value)
}

const conf: Unstable_Config = unstable_readConfig({ config: join(ROOT, 'wrangler.toml') })
const limiter = (name: string) => {
  const r = (conf.ratelimits ?? []).find((l) => l.name === name)
  if (!r) throw new Error(`wrangler.toml has no [[ratelimits]] ${name}`)
  return r.simple
}

describe('the documents state the settings the product has', () => {
  it('the minimum group size k (wrangler.toml [vars] MIN_GROUP_SIZE) and its floor of 3 (worker/env.ts)', () => {
    const k = Number(conf.vars.MIN_GROUP_SIZE)
    expect(Number.isInteger(k)).toBe(true)
    states('privacyNl', /groepen van minstens (\d+)/, k)
    states('privacyNl', /minstens (\d+) antwoordsets/, k)
    states('privacyEn', /groups of at least (\d+)/, k)
    states('privacyEn', /at least (\d+) answer sets/, k)
    states('security', /`MIN_GROUP_SIZE` \((\d+)\)/, k)
    // The floor the Worker enforces at start.
    const floor = Number(/\.min\((\d+), 'must be at least \d+/.exec(read('worker/env.ts'))![1])
    states('privacyNl', /nooit onder (\d+)/, floor)
    states('privacyEn', /never below (\d+)/, floor)
    states('security', /`MIN_GROUP_SIZE` van minstens (\d+)/, floor)
  })

  it('the rate limits (wrangler.toml [[ratelimits]])', () => {
    for (const name of ['SUBMIT_LIMITER', 'SIGNIN_LIMITER', 'SIGNIN_CLIENT_LIMITER']) {
      const { limit, period } = limiter(name)
      states('security', new RegExp(`\\| \`${name}\` \\|[^|]*\\| (\\d+) \\w+ per \\d+ seconden`), limit)
      states('security', new RegExp(`\\| \`${name}\` \\|[^|]*\\| \\d+ \\w+ per (\\d+) seconden`), period)
    }
    // Prose says "a minute": true only while the period is 60 seconds.
    const submit = limiter('SUBMIT_LIMITER')
    expect(submit.period, 'the documents speak of "a minute" per link').toBe(60)
    states('privacyNl', /(\d+) per minuut per link/, submit.limit)
    states('privacyEn', /(\d+) a minute per link/, submit.limit)
    states('security', /limits submissions per link to (\d+) a minute/, submit.limit)
    states('readme', /limit of (\d+) submissions a minute per link/, submit.limit)
    states('bench', /(\d+) submissions a minute per link/, submit.limit)
    states('a11y', /na (\d+) inzendingen per minuut per link/, submit.limit)
  })

  it('the retention of answer sets: default from the migrations, bounds from the API schema, and the survey page says the same', () => {
    const migrations = readdirSync(join(ROOT, 'schema/migrations'))
      .filter((f) => f.endsWith('.sql'))
      .sort()
    const defaults = migrations.flatMap((f) =>
      [...read(`schema/migrations/${f}`).matchAll(/retention_days INTEGER NOT NULL DEFAULT (\d+)/g)].map((m) =>
        Number(m[1]),
      ),
    )
    expect(defaults.length, 'no migration sets the default of programmes.retention_days').toBeGreaterThan(0)
    const days = defaults.at(-1)!
    // A new programme's object (worker/db/programmes.ts) must carry the column's default, not its own.
    expect(
      Number(/retentionDays: (\d+)/.exec(read('worker/db/programmes.ts'))![1]),
      "worker/db/programmes.ts: a new programme's retentionDays differs from the column default",
    ).toBe(days)
    states('privacyNl', /tot (\d+) dagen na sluiten/, days)
    states('privacyNl', /standaard (\d+) dagen na sluiten/, days)
    states('privacyEn', /until (\d+) days after the wave closes/, days)
    states('privacyEn', /gone (\d+) days after closing/, days)
    states('security', /standaard (\d+) dagen na sluiten/, days)
    states('readme', /deleted (\d+) days after the wave closes/, days)
    // What respondents read on the survey page.
    states('privacyNl', /tot (\d+) dagen/, days)
    expect(nl.privacyGroups).toContain(`${days} dagen`)
    expect(en.privacyGroups).toContain(`${days} days`)

    const retention = ProgrammePatch.shape.retentionDays.unwrap()
    states('privacyNl', /hoogstens (\d+) \|/, retention.maxValue!)
    states('privacyEn', /at most (\d+) \|/, retention.maxValue!)
    const years = ProgrammePatch.shape.waveRetentionYears.unwrap().unwrap()
    for (const doc of ['privacyNl', 'privacyEn'] as const) {
      states(doc, /`waveRetentionYears` \((\d+)–\d+\)/, years.minValue!)
      states(doc, /`waveRetentionYears` \(\d+–(\d+)\)/, years.maxValue!)
    }
  })

  it('the hourly Cron Trigger that deletes them (wrangler.toml [triggers])', () => {
    expect(conf.triggers.crons, 'the documents say the purge runs every hour').toEqual([
      expect.stringMatching(/^\d{1,2} \* \* \* \*$/),
    ])
    expect(text.privacyNl).toContain('Cron Trigger van elk uur')
    expect(text.privacyEn).toContain('hourly Cron Trigger')
    expect(text.security).toContain('Cron Trigger van elk uur')
  })

  it('session lifetimes (worker/domain/session-rule.ts) and password links (worker/db/people.ts)', () => {
    const hour = 3_600_000
    const day = 24 * hour
    expect(SESSION_IDLE_MS % hour).toBe(0)
    expect(SESSION_MAX_MS % day).toBe(0)
    const idle = SESSION_IDLE_MS / hour
    const max = SESSION_MAX_MS / day
    states('privacyNl', /(\d+) uur zonder gebruik/, idle)
    states('privacyNl', /(\d+) dagen na inloggen/, max)
    states('privacyEn', /(\d+) hours without use/, idle)
    states('privacyEn', /(\d+) days after sign-in/, max)
    states('security', /na (\d+) uur zonder gebruik/, idle)
    states('security', /en na (\d+) dagen in elk geval/, max)
    states('a11y', /sessie eindigt na (\d+) uur zonder gebruik/, idle)

    expect(PASSWORD_LINK_MS % day).toBe(0)
    const link = PASSWORD_LINK_MS / day
    states('privacyNl', /vervaldatum \((\d+) dagen\)/, link)
    states('privacyNl', /wachtwoordlinks \| (\d+) dagen/, link)
    states('privacyEn', /expiry \((\d+) days\)/, link)
    states('privacyEn', /password links \| (\d+) days/, link)
    states('security', /herstel, (\d+) dagen geldig/, link)
  })

  it('password hashing (worker/auth/password-hash.ts), the shortest password (schema/api.ts) and the body limit (worker/http/guards.ts)', () => {
    const iterations = num(
      /const ITERATIONS = ([\d_]+)/.exec(read('worker/auth/password-hash.ts'))![1]!.replace(/_/g, ''),
    )
    states('privacyNl', /PBKDF2-SHA256, ([\d.]+) iteraties/, iterations)
    states('privacyEn', /PBKDF2-SHA256, ([\d,]+) iterations/, iterations)
    states('security', /PBKDF2-SHA256 met ([\d.]+) iteraties/, iterations)
    states('security', /wachtwoord is minstens (\d+) tekens/, PasswordBody.shape.password.minLength!)
    states('security', /groter dan (\d+) KB/, MAX_BODY_BYTES / 1024)
  })

  it('fails when a document states another number (the check itself can fail)', () => {
    const saved = text.security
    const idle = SESSION_IDLE_MS / 3_600_000
    try {
      text.security = saved.replace(/na \d+ uur zonder gebruik/, `na ${idle + 1} uur zonder gebruik`)
      expect(() => states('security', /na (\d+) uur zonder gebruik/, idle)).toThrow(
        `"na ${idle + 1} uur zonder gebruik", but the code says ${idle}`,
      )
      text.security = saved.replace(/na \d+ uur zonder gebruik/g, 'na een tijd')
      expect(() => states('security', /na (\d+) uur zonder gebruik/, idle)).toThrow(/no longer says/)
    } finally {
      text.security = saved
    }
  })
})

describe('field messages have their Dutch', () => {
  it('every message schema/api.ts writes itself is a code with Dutch and English wording (worker/i18n/field-messages.ts)', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../schema/api.ts'), 'utf8')
    // A message written as English text would reach a Dutch reader in English: each is `msg(code)`.
    const written = [...source.matchAll(/(?:message: |, |\()'((?:must|give) [^']*)'/g)].map((m) => m[1]!)
    expect(written).toEqual([])
    const codes = new Set([...source.matchAll(/\bmsg\('([a-z0-9-]+)'\)/g)].map((m) => m[1]!))
    expect(codes.size).toBeGreaterThan(10)
    expect([...codes].filter((code) => !isFieldMessage(code))).toEqual([])
  })
})

/**
 * The level and agreement figures the README and the glossary state are the ones their simulations
 * are held to (tests/worker/domain/simulation-figures.ts, asserted in level-rule.test.ts and
 * agreement-rule.test.ts): a figure read here must equal the module's, so a new simulation result
 * cannot leave an old figure in a document.
 */
describe('the documents state the simulated figures the tests hold', () => {
  /** The numbers `pattern`'s groups capture in the README, once; fails naming the pattern when it is gone. */
  const read = (pattern: RegExp, doc = text.readme) => {
    const m = new RegExp(pattern.source, 'i').exec(doc)
    expect(m, `README.md no longer says ${pattern}`).not.toBeNull()
    return m!.slice(1).map((x) => (x === undefined ? null : Number(x)))
  }
  const pct = '([\\d.]+)%'

  it('the table of wrong levels, and the share named wrongly where the minimum n is chosen', () => {
    for (const row of LEVEL_TABLE) {
      const marked = row.marked === null ? '—[^|]*' : `${row.marked.toFixed(1).replace('.', '\\.')}% `
      const shown = read(new RegExp(`\\| ${row.n} \\| ${pct} \\| ${pct} \\| ${pct} \\| ${marked}\\|`))
      expect(shown, `README level table, n = ${row.n}`).toEqual([row.every, row.unmarked, row.edge])
    }
    expect(read(new RegExp(`at ${AT_MIN_N.n}, ${pct} of 192,000 groups \\(standard error ([\\d.]+) point\\)`))).toEqual(
      [AT_MIN_N.every, MC_SE],
    )
    expect(
      read(new RegExp(`with scores of SD 1\\.0, ${pct} of the levels named at ${SENSITIVITY_SD_1.n} are wrong`)),
    ).toEqual([SENSITIVITY_SD_1.every])
    expect(read(/where the mean's 95% interval lies within one band, or from (\d+) scores on/)).toEqual([AT_MIN_N.n])
    const marked = LEVEL_TABLE.flatMap((r) => (r.marked === null ? [] : [r.marked]))
    const range = [Math.floor(Math.min(...marked)), Math.ceil(Math.max(...marked))]
    expect(read(/A marked one is wrong in (\d+)–(\d+)%/)).toEqual(range)
    expect(read(/is wrong (\d+) to (\d+) times in a hundred/, en.levelNotYetClearExplain)).toEqual(range)
    expect(read(/is (\d+) tot (\d+) keer op de honderd fout/, nl.levelNotYetClearExplain)).toEqual(range)
  })

  it('the glossary: an unmarked level under 10 in a hundred from 10 scores on, at 5 scores as found, and near a border at 5 and 10 scores', () => {
    const row = (n: number) => LEVEL_TABLE.find((r) => r.n === n)!
    expect(Math.max(...LEVEL_TABLE.filter((r) => r.n >= 10).map((r) => r.unmarked))).toBeLessThan(10)
    expect(en.levelNotYetClearExplain).toContain('fewer than 10 times in a hundred from 10 scores on')
    expect(nl.levelNotYetClearExplain).toContain('vanaf 10 scores minder dan 10 keer op de honderd fout')
    const [enFive] = read(/about (\d+) times in a hundred at 5 scores/, en.levelNotYetClearExplain) as number[]
    const [nlFive] = read(/bij 5 scores ongeveer (\d+) keer op de honderd/, nl.levelNotYetClearExplain) as number[]
    for (const five of [enFive, nlFive]) expect(Math.abs(five! - row(5).unmarked)).toBeLessThanOrEqual(TOLERANCE)
    // "about j times in k": 100·j/k within the tests' tolerance of the edge figure.
    const [enAt5, enJ5, enIn5, enAt10, enJ10, enIn10] = read(
      /at (\d+) scores about (\d+) times in (\d+), at (\d+) scores about (\d+) times in (\d+)/,
      en.levelNotYetClearExplain,
    ) as number[]
    const [nlAt5, nlJ5, nlIn5, nlAt10, nlJ10, nlIn10] = read(
      /bij (\d+) scores ongeveer (\d+) keer op de (\d+), bij (\d+) scores ongeveer (\d+) keer op de (\d+)/,
      nl.levelNotYetClearExplain,
    ) as number[]
    for (const [at, j, inK] of [
      [enAt5, enJ5, enIn5],
      [enAt10, enJ10, enIn10],
      [nlAt5, nlJ5, nlIn5],
      [nlAt10, nlJ10, nlIn10],
    ] as [number, number, number][])
      expect(
        Math.abs((100 * j) / inK - row(at).edge),
        `glossary: at ${at} scores ${j} times in ${inK}`,
      ).toBeLessThanOrEqual(TOLERANCE)
  })

  it('the agreement table and what r_wg(j) did', () => {
    for (const row of AGREEMENT_TABLE) {
      expect(read(new RegExp(`\\| ${row.n} \\| ${pct} / ${pct} \\| ${pct} / ${pct} \\|`)), `n = ${row.n}`).toEqual([
        ...row.flagged,
        ...row.caught,
      ])
    }
    expect(
      read(
        new RegExp(`r_wg\\(j\\) at \\.70 flagged ${pct} / ${pct} of them at n = 10 .{0,40}and caught ${pct} / ${pct}`),
      ),
    ).toEqual([...RWG_J_AT_10.flagged, ...RWG_J_AT_10.caught])
    // Version 3's split rule (tests/worker/domain/split-rule.test.ts).
    for (const row of SPLIT_TABLE)
      expect(
        read(new RegExp(`\\| ${row.n} \\| ${pct} / ${pct} \\| ${pct} / ${pct} \\|`)),
        `split, n = ${row.n}`,
      ).toEqual([...row.flagged, ...row.caught])
    expect(read(new RegExp(`at n = 20, the r_wg rule flagged ${pct} / ${pct}`))).toEqual(RWG_AT_SD_1)
    expect(read(new RegExp(`flagged in at most ${pct} / ${pct} at the worst`))).toEqual(SPLIT_WORST_MEAN)
  })

  it("the programme's interval and change", () => {
    expect(read(new RegExp(`drawn around in ${pct} of programmes, this one in ${pct}`))).toEqual([
      PROGRAMME_INTERVAL.simple,
      PROGRAMME_INTERVAL.widened,
    ])
    const t = PROGRAMME_TREND
    expect(
      read(
        new RegExp(
          `called changed in ${pct} by this test and in ${pct} by Welch's test on the totals; eight unequal partners with half the partner variance lasting, ${pct} against ${pct}\\. A real rise of 0\\.5 in ten partners of 25 was found in ${pct}`,
        ),
      ),
    ).toEqual([t.even.clustered, t.even.naive, t.uneven.clustered, t.uneven.naive, t.found])
  })
})

/**
 * What a comment, a test title or a message points to must be something a newcomer can open: a
 * file of the repository, or a heading of README.md or BENCHMARKS.md quoted as it begins there
 * (`README, "Threat model"`, `BENCHMARKS.md, "The results API in parts"`). An issue number or a
 * review's finding ("F4", "fault 2") names a tracker or a paper that is not in the repository.
 * The whole text of each file is read, not only its comments: a test title or an error message
 * is read by the same newcomer.
 */
const CITING_FOLDERS = ['worker', 'web', 'schema', 'tests']
const POINTERS = [
  /\b[Ii]ssues? #?\d+/,
  // "#14" (one or two digits: a CSS colour has three or more), a pull request, a ticket, a session.
  /(?<![\w&#]|[Ii]ssues? )#\d{1,2}\b/,
  /\b(?:PR|[Tt]icket) #?\d+/,
  /\b[Ss]ession \d+\b/,
  /\b(?:review|psychometrician's)\b[^.;:]{0,30}?\b(?:F|fault )\d+\b/i,
  /\bpsy\d+\b/,
  /\breview (?:lead|code|psy)\d+\b/i,
  /\(F\d+\)/,
]
const headingsOf = (doc: string) => [...read(doc).matchAll(/^#+ (.+)$/gm)].map((m) => m[1]!.trim())
const HEADINGS: Record<string, string[]> = {
  README: headingsOf('README.md'),
  'BENCHMARKS.md': headingsOf('BENCHMARKS.md'),
}

/** One line, comment marks at line starts dropped, so that a citation broken over two comment lines reads whole. */
const flat = (source: string) =>
  source.replace(/^[ \t]*(?:\/\/|\/\*+|\*\/|\*|--|\{\/\*)[ \t]?/gm, '').replace(/\s+/g, ' ')

/** Every file's name in the repository (not node_modules, not the build's output), for a file cited by its name alone. */
function namesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory())
      return ['node_modules', '.git', 'dist', '.wrangler'].includes(e.name) ? [] : namesUnder(join(dir, e.name))
    return [e.name]
  })
}
const FILE_NAMES = new Set(namesUnder(''))
/** Where a path written without `./` is read from: the root, or the room it sits in (`domain/gap.ts` in worker/). */
const CITE_BASES = ['', 'worker/', 'tests/', 'tests/worker/', 'web/', 'schema/']

/**
 * Whether a source path a text names (`worker/domain/gap.ts`, `domain/gap.ts`, `../db/waves.ts`,
 * `results-service.ts`) is a file a newcomer can open: from the root or a room, from the citing
 * file's folder, a package's file, or by its name alone a file somewhere in the repository.
 */
function citedFileExists(cited: string, from: string): boolean {
  if (!cited.includes('/')) return FILE_NAMES.has(cited)
  return (
    existsSync(resolve(ROOT, dirname(from), cited)) ||
    (!cited.startsWith('.') && CITE_BASES.some((base) => existsSync(join(ROOT, base + cited)))) ||
    existsSync(join(ROOT, 'node_modules', cited))
  )
}

/**
 * Whether a path-like word is a citation to check: a source file with its folder, or a .ts/.tsx by
 * name; a .js or .json only from a folder of the repository (`surveys/….json`), since code also
 * names built files (`./index.js`) and addresses (`quality/moments.json`).
 */
const citesFile = (p: string) =>
  /\.(?:jsx?|mjs|json)$/.test(p)
    ? /^(?:worker|web|schema|tests|surveys|docs)\//.test(p)
    : p.includes('/') || /\.tsx?$/.test(p)

/**
 * What in `source` (the text of the file `from`) points where a newcomer cannot follow, each fault
 * with the words that point.
 */
function citationFaults(source: string, from = 'worker/x.ts'): string[] {
  const faults: string[] = []
  const text = flat(source).replace(
    /\b(README(?:\.md)?|BENCHMARKS\.md)(?:'s)?,? \(?"([^"]+)"/g,
    (whole, doc: string, title) => {
      const of = doc === 'README.md' ? 'README' : doc
      if (!HEADINGS[of]!.some((h) => h.startsWith(title))) faults.push(`${whole}: no heading of ${doc} begins so`)
      return ''
    },
  )
  for (const p of POINTERS) for (const m of text.matchAll(new RegExp(p.source, `g${p.flags}`))) faults.push(m[0])
  for (const [md] of text.matchAll(/[\w./-]+\.md\b/g)) {
    const at = resolve(ROOT, md)
    if (!at.startsWith(`${ROOT}/`) || at.includes('node_modules') || !existsSync(at))
      faults.push(`${md}: not in the repository`)
  }
  // A source file named with its folder, or a .ts/.tsx by its name alone (a `.json`, `.sql` or `.css`
  // without a folder is as often a call, `res.json()`, or a file a script writes).
  for (const [, cited] of text.matchAll(
    /(?<![\w./:-])((?:\.{1,2}\/)?\w[\w-]*(?:\/[\w.-]+)*\.(?:tsx?|jsx?|mjs|css|sql|toml|json))\b/g,
  ))
    if (citesFile(cited!) && !citedFileExists(cited!, from)) faults.push(`${cited}: not in the repository`)
  return faults
}

function textFilesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`
    if (e.isDirectory()) return ['node_modules', 'generated'].includes(e.name) ? [] : textFilesUnder(path)
    return /\.(?:ts|tsx|css|sql|json|js)$/.test(e.name) ? [path] : []
  })
}

describe('comments and test titles cite only what is in the repository', () => {
  it('no issue numbers, review findings, missing headings or missing documents in worker/, web/, schema/, tests/', () => {
    // This file is left out: the check below must hold the very pointers it refuses; so is the
    // arrows test, whose made-up files (`worker/pages/x.tsx`) show what an import may not do.
    const files = CITING_FOLDERS.flatMap(textFilesUnder).filter(
      (f) => f !== 'tests/node/documents.test.ts' && f !== 'tests/node/architecture.test.ts',
    )
    expect(files.length).toBeGreaterThan(300)
    const faults = files.flatMap((f) => citationFaults(read(f), f).map((fault) => `${f}: ${fault}`))
    expect(faults).toEqual([])
  })

  it('fails on each kind of pointer (the check itself can fail)', () => {
    expect(citationFaults('// Question detail (issue 14): per group')).toEqual(['issue 14'])
    expect(citationFaults(" * Pairwise moments (the psychometrician's F4): the")).toEqual(["psychometrician's F4"])
    expect(citationFaults('it("says a tie in words (review lead10, fault 1)", () => {')).toEqual([
      'review lead10, fault 1',
      'review lead10',
    ])
    expect(citationFaults('// Two levels (F8): the same within matrix')).toEqual(['(F8)'])
    expect(citationFaults('-- A publication read in parts (BENCHMARKS.md "2026-12-02 session 6"): the')).toEqual([
      'BENCHMARKS.md "2026-12-02 session 6": no heading of BENCHMARKS.md begins so',
    ])
    expect(citationFaults('// as the rooms say (../shared/DESIGN.md, and docs/design.md)')).toEqual([
      '../shared/DESIGN.md: not in the repository',
      'docs/design.md: not in the repository',
    ])
    expect(citationFaults(' * quadratic (BENCHMARKS.md,\n * "The extra moments of issue 16\'s review").')).toEqual([])
    expect(citationFaults('// (README, "Levels and agreement"), tests/worker/domain/gap.test.ts')).toEqual([])
    // A newcomer's review fooled the check with each of these.
    expect(citationFaults('// as issue #14 asked (#13, PR 12, ticket 7, a review in session 15)')).toEqual([
      'issue #14',
      '#13',
      'PR 12',
      'ticket 7',
      'session 15',
    ])
    expect(
      citationFaults('// README.md, "No such heading" and surveys/coachende-manager.v9.json, web/legacy.js'),
    ).toEqual([
      'README.md, "No such heading": no heading of README.md begins so',
      'surveys/coachende-manager.v9.json: not in the repository',
      'web/legacy.js: not in the repository',
    ])
    // A colour is no pointer, nor is an address's file, nor a quoted heading that names a session.
    expect(citationFaults('// color: #000; GET /api/programmes/:pid/quality/moments.json')).toEqual([])
    expect(citationFaults('// (BENCHMARKS.md, "The results API in parts (2026-12-02, session 6)")')).toEqual([])
    // A source file, by its path from the root, from its room, from the citing file, or by its name alone.
    expect(
      citationFaults(
        "// as worker/domain/gaps.ts and domain/levels.ts say (see ../db/wave.ts, results-servce.ts)\nimport { x } from '../db/waves.ts'",
        'worker/services/x.ts',
      ),
    ).toEqual([
      'worker/domain/gaps.ts: not in the repository',
      '../db/wave.ts: not in the repository',
      'results-servce.ts: not in the repository',
    ])
  })
})
