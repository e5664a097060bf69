/**
 * `npm run deploy` (worker/cli/deploy.ts) offline: against copies of wrangler.toml in a temporary
 * folder, and with a stand-in for wrangler that records its arguments and answers `secret list`
 * from a file. Nothing here reaches Cloudflare, and the real wrangler.toml is never edited.
 */
import { spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')
const SCRIPT = join(ROOT, 'worker/cli/deploy.ts')
const FAKE_ID = '3f2a9c1e-7b4d-4e8a-9c0f-1a2b3c4d5e6f'
const tmp = mkdtempSync(join(tmpdir(), 'ketenradar-deploy-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

/** The stand-in: appends each call to calls.log; `secret list` prints secrets.json, `d1 info` info.json. */
const fake = join(tmp, 'wrangler')
writeFileSync(
  fake,
  `#!/bin/sh\necho "$*" >> "${tmp}/calls.log"\nif [ "$1 $2" = "secret list" ]; then cat "${tmp}/secrets.json"; fi\nif [ "$1 $2" = "d1 info" ]; then cat "${tmp}/info.json"; fi\n`,
)
chmodSync(fake, 0o755)
const calls = () =>
  existsSync(join(tmp, 'calls.log')) ? readFileSync(join(tmp, 'calls.log'), 'utf8').trim().split('\n') : []

/** A copy of the real wrangler.toml with `edit` applied; paths made absolute so the copy may live elsewhere. */
function config(name: string, edit: (toml: string) => string = (t) => t): string {
  const real = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')
  const absolute = real.replace(
    'migrations_dir = "schema/migrations"',
    `migrations_dir = "${join(ROOT, 'schema/migrations')}"`,
  )
  expect(absolute, 'wrangler.toml no longer names schema/migrations: update this test').not.toBe(real)
  const file = join(tmp, `${name}.toml`)
  writeFileSync(file, edit(absolute))
  return file
}
const withId = (toml: string) => toml.replace(/database_id = "[^"]*"/, `database_id = "${FAKE_ID}"`)

function deploy(...argv: string[]) {
  rmSync(join(tmp, 'calls.log'), { force: true })
  // process.execPath: the Node running the tests, the repository's Node 22 under `npm test`.
  const r = spawnSync(process.execPath, [SCRIPT, '--wrangler', fake, ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  return { status: r.status, out: `${r.stdout}${r.stderr}` }
}

describe('npm run deploy -- --dry-run', () => {
  it('refuses the placeholder database id, naming the command that creates the database in the EU', () => {
    expect(readFileSync(join(ROOT, 'wrangler.toml'), 'utf8')).toContain(
      'database_id = "00000000-0000-0000-0000-000000000000"',
    )
    const r = deploy('--dry-run', '--no-build', '--config', config('placeholder'))
    expect(r.status).toBe(1)
    expect(r.out).toContain('still has the placeholder database_id')
    expect(r.out).toContain('npx wrangler d1 create ketenradar --jurisdiction eu')
    expect(calls()).toEqual([])
  })

  it('passes the offline checks with a real-looking id and lists what it would do, calling nothing', () => {
    const file = config('fake-id', withId)
    const r = deploy('--dry-run', '--no-build', '--config', file)
    expect(r.out).not.toContain('stopped')
    expect(r.status).toBe(0)
    expect(r.out).toContain(`D1 database ketenradar (${FAKE_ID})`)
    expect(r.out).toContain('placement smart')
    expect(r.out).toContain('no network call was made')
    for (const step of [
      'wrangler secret list --format json',
      'wrangler d1 info DB --json',
      'wrangler d1 migrations apply DB --remote',
      'wrangler deploy --config',
    ])
      expect(r.out).toContain(step)
    expect(calls()).toEqual([])
  })

  it.each([
    [
      'an id that is no id',
      (t: string) => t.replace(/database_id = "[^"]*"/, 'database_id = "my-database"'),
      'which is not a D1 database id',
    ],
    [
      'a secret in [vars]',
      (t: string) => withId(t).replace('[vars]', '[vars]\nLINK_SECRET = "in the repository"'),
      'LINK_SECRET is in [vars]',
    ],
    ['no cron', (t: string) => withId(t).replace(/crons = \[[^\]]*\]/, 'crons = []'), 'no [triggers] crons'],
    [
      'a threshold below 3',
      (t: string) => withId(t).replace('MIN_GROUP_SIZE = "5"', 'MIN_GROUP_SIZE = "2"'),
      'MIN_GROUP_SIZE must be at least 3',
    ],
  ])('stops at %s', (_, edit, message) => {
    const r = deploy('--dry-run', '--no-build', '--config', config('bad', edit))
    expect(r.status).toBe(1)
    expect(r.out).toContain(message)
  })
})

describe('npm run deploy (stand-in wrangler)', () => {
  const secrets = (...names: string[]) =>
    writeFileSync(join(tmp, 'secrets.json'), JSON.stringify(names.map((name) => ({ name, type: 'secret_text' }))))
  /** What `wrangler d1 info --json` prints: D1's record of the database (its API's GET database). */
  const info = (fields: Record<string, unknown>) =>
    writeFileSync(
      join(tmp, 'info.json'),
      JSON.stringify(
        {
          uuid: FAKE_ID,
          name: 'ketenradar',
          created_at: '2026-11-20T09:00:00.000Z',
          num_tables: 9,
          read_replication: { mode: 'disabled' },
          database_size: 86016,
          ...fields,
        },
        null,
        2,
      ),
    )
  beforeEach(() => info({ jurisdiction: 'eu' }))

  it('stops at missing secrets before touching the database, naming each command', () => {
    secrets('ADMIN_EMAIL')
    const file = config('secrets', withId)
    const r = deploy('--no-build', '--config', file)
    expect(r.status).toBe(1)
    expect(r.out).toContain('secrets not set: ADMIN_PASSWORD, LINK_SECRET')
    expect(r.out).toContain('`npx wrangler secret put LINK_SECRET`')
    expect(calls()).toEqual([`secret list --format json --config ${file}`])
  })

  it('behind Cloudflare Access needs no admin password, but both Access values', () => {
    const file = config('access', withId)
    secrets('LINK_SECRET', 'ACCESS_AUD')
    expect(deploy('--no-build', '--config', file).out).toContain('only one of ACCESS_TEAM_DOMAIN and ACCESS_AUD is set')
    secrets('LINK_SECRET', 'ACCESS_AUD', 'ACCESS_TEAM_DOMAIN')
    expect(deploy('--no-build', '--config', file).status).toBe(0)
  })

  it('with everything in place: secrets, then the jurisdiction, then migrations, then deploy, in that order', () => {
    secrets('ADMIN_EMAIL', 'ADMIN_PASSWORD', 'LINK_SECRET')
    const file = config('complete', withId)
    const r = deploy('--no-build', '--config', file)
    expect(r.status).toBe(0)
    expect(calls()).toEqual([
      `secret list --format json --config ${file}`,
      `d1 info DB --json --config ${file}`,
      `d1 migrations apply DB --remote --config ${file}`,
      `deploy --config ${file}`,
    ])
    expect(r.out).toContain('D1 database ketenradar is in the EU jurisdiction')
  })

  it('stops before migrating a database outside the EU jurisdiction, saying how to move the data', () => {
    secrets('ADMIN_EMAIL', 'ADMIN_PASSWORD', 'LINK_SECRET')
    const file = config('not-eu', withId)
    for (const jurisdiction of [null, 'fedramp']) {
      info({ jurisdiction })
      const r = deploy('--no-build', '--config', file)
      expect(r.status).toBe(1)
      expect(r.out).toContain(jurisdiction ? 'is in the "fedramp" jurisdiction' : 'is in no jurisdiction')
      for (const step of [
        'npm run export -- --out ketenradar.json --remote',
        'npx wrangler d1 create ketenradar-eu --jurisdiction eu',
        'npm run import -- ketenradar.json --remote',
      ])
        expect(r.out).toContain(step)
      expect(calls()).toEqual([`secret list --format json --config ${file}`, `d1 info DB --json --config ${file}`])
    }
  })

  it('an empty database outside the EU is to be created again, there being nothing to move', () => {
    secrets('ADMIN_EMAIL', 'ADMIN_PASSWORD', 'LINK_SECRET')
    info({ jurisdiction: null, num_tables: 0 })
    const r = deploy('--no-build', '--config', config('empty', withId))
    expect(r.status).toBe(1)
    expect(r.out).toContain('`npx wrangler d1 delete ketenradar`')
    expect(r.out).toContain('npx wrangler d1 create ketenradar --jurisdiction eu')
    expect(r.out).not.toContain('npm run export')
  })

  it('says so when D1 does not report a jurisdiction, and goes on only when told it was checked', () => {
    secrets('ADMIN_EMAIL', 'ADMIN_PASSWORD', 'LINK_SECRET')
    writeFileSync(join(tmp, 'info.json'), JSON.stringify({ uuid: FAKE_ID, name: 'ketenradar', num_tables: 9 }))
    const file = config('unreported', withId)
    const r = deploy('--no-build', '--config', file)
    expect(r.status).toBe(1)
    expect(r.out).toContain('did not report the jurisdiction of ketenradar')
    expect(calls()).toHaveLength(2)
    const checked = deploy('--no-build', '--jurisdiction-checked', '--config', file)
    expect(checked.status).toBe(0)
    expect(calls().at(-1)).toBe(`deploy --config ${file}`)
  })
})
