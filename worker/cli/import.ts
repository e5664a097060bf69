/**
 * `npm run import -- FILE [--remote]`: restores a dump made by `npm run export` into an empty
 * database (migrations applied, no programmes). Refuses a database that already has data,
 * rather than mixing two histories.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { checkDump, insertStatements } from './backup.ts'

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { remote: { type: 'boolean', default: false }, 'persist-to': { type: 'string' } },
})
const file = positionals[0]
if (!file) {
  console.error('Usage: npm run import -- FILE [--remote]')
  process.exit(2)
}
const where = values.remote
  ? ['--remote']
  : ['--local', ...(values['persist-to'] ? ['--persist-to', values['persist-to']] : [])]
const env = { ...process.env, WRANGLER_SEND_METRICS: 'false' }
const wrangler = (...args: string[]) =>
  spawnSync('npx', ['wrangler', 'd1', ...args], { encoding: 'utf8', env, maxBuffer: 256 * 1024 * 1024 })

const dump = checkDump(JSON.parse(readFileSync(file, 'utf8')))
const migrate = wrangler('migrations', 'apply', 'DB', ...where)
if (migrate.status !== 0) throw new Error(`migrations failed: ${migrate.stderr}`)
const count = wrangler(
  'execute',
  'DB',
  ...where,
  '--json',
  '--command',
  'SELECT (SELECT count(*) FROM programmes) + (SELECT count(*) FROM users) AS n',
)
if (count.status !== 0) throw new Error(count.stderr)
if ((JSON.parse(count.stdout) as { results: { n: number }[] }[])[0]!.results[0]!.n > 0) {
  console.error('The target database already has programmes or people; import restores into an empty database only.')
  process.exit(1)
}
const dir = mkdtempSync(join(tmpdir(), 'ketenradar-import-'))
try {
  const sql = join(dir, 'restore.sql')
  writeFileSync(sql, `${insertStatements(dump).join('\n')}\n`)
  const r = wrangler('execute', 'DB', ...where, '--file', sql, '--yes')
  if (r.status !== 0) throw new Error(`restore failed: ${r.stderr || r.stdout}`)
} finally {
  rmSync(dir, { recursive: true, force: true })
}
console.log(
  `Restored ${file} (made at migration ${dump.migration}): ${Object.entries(dump.tables)
    .map(([t, rows]) => `${t} ${rows.length}`)
    .join(', ')}`,
)
