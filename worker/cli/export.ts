/**
 * `npm run export -- --out FILE [--programme ID] [--remote]`: a full, versioned JSON dump of the
 * local (or, with --remote, the deployed) D1 database, or of one programme.
 */
import { spawnSync } from 'node:child_process'
import { readdirSync, writeFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { DUMP_FORMAT, DUMP_VERSION, selectSql, TABLES, type Dump, type Row } from './backup.ts'

const { values } = parseArgs({
  options: {
    out: { type: 'string' },
    programme: { type: 'string' },
    remote: { type: 'boolean', default: false },
    'persist-to': { type: 'string' },
  },
})
if (!values.out) {
  console.error('Usage: npm run export -- --out FILE [--programme ID] [--remote]')
  process.exit(2)
}

/** Runs one statement through wrangler, so local and remote databases are read the same way. */
function d1(sql: string, remote: boolean, persistTo?: string): Row[] {
  const where = remote ? ['--remote'] : ['--local', ...(persistTo ? ['--persist-to', persistTo] : [])]
  const r = spawnSync('npx', ['wrangler', 'd1', 'execute', 'DB', ...where, '--json', '--command', sql], {
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
  })
  if (r.status !== 0) throw new Error(`wrangler d1 execute failed: ${r.stderr || r.stdout}`)
  return (JSON.parse(r.stdout) as { results: Row[] }[])[0]!.results
}

const migration = readdirSync('schema/migrations')
  .filter((f) => f.endsWith('.sql'))
  .sort()
  .at(-1)!
const dump: Dump = {
  format: DUMP_FORMAT,
  version: DUMP_VERSION,
  migration,
  programme: values.programme ?? null,
  tables: Object.fromEntries(
    TABLES.map((t) => [t, d1(selectSql(t, values.programme ?? null), values.remote, values['persist-to'])]),
  ) as Dump['tables'],
}
writeFileSync(values.out, JSON.stringify(dump, null, 1))
console.log(`Wrote ${values.out}: ${TABLES.map((t) => `${t} ${dump.tables[t].length}`).join(', ')}`)
