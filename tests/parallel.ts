/**
 * Runs commands at the same time and fails when any of them fails: `npm run typecheck` (the four
 * tsc) and `npm run test:vitest` (the workerd and Node tests beside the browser tests) use it.
 *
 *   node tests/parallel.ts 'tsc -p worker' 'tsc -p web'
 *
 * Each command is split on spaces (no shell, no quoting) and run with this process's environment,
 * so npm's PATH finds node_modules/.bin. Its stdout and stderr are kept and printed in one piece,
 * under a line naming it, so outputs never interleave: a command that passed when it ends, one that
 * failed only after all have ended, so the failure is what the tail of a CI log shows (a log kept
 * only by its tail once lost an e2e failure printed minutes before the worker tests' output). A
 * line every minute says what still runs. At the end, one line per command with its exit code and
 * time, and under them, for each command that failed, its failures in brief (`brief`): a CI log
 * shown only by its last lines once gave a failed assertion's code frame without the test's name
 * or what it received. The exit code is 0 only when every command exited 0. SIGINT or SIGTERM is passed on to the commands, which then
 * stop as they would alone (the browser tests' global teardown stops its server).
 */
import { spawn } from 'node:child_process'

type Run = {
  command: string
  code: number | null
  signal: NodeJS.Signals | null
  seconds: number
  /** What the command printed, with a heading naming it. */
  printed: string
}

const commands = process.argv.slice(2)
if (commands.length === 0) {
  console.error("usage: node tests/parallel.ts 'command one' 'command two' …")
  process.exit(2)
}

const started = Date.now()
const elapsed = (from: number) => ((Date.now() - from) / 1000).toFixed(1)
// Colour as if on the terminal when the runner itself is on one (Vitest reads FORCE_COLOR).
const env = process.stdout.isTTY && !process.env.FORCE_COLOR ? { ...process.env, FORCE_COLOR: '1' } : process.env

const children = new Set<ReturnType<typeof spawn>>()
const running = new Set(commands)
let stopping: NodeJS.Signals | null = null
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    stopping = signal
    for (const child of children) child.kill(signal)
  })
}

console.log(`parallel: ${commands.map((c) => `\`${c}\``).join(', ')}`)
const heartbeat = setInterval(
  () => console.log(`parallel: ${elapsed(started)} s, still running ${[...running].map((c) => `\`${c}\``).join(', ')}`),
  60_000,
)

function run(command: string): Promise<Run> {
  const [file, ...args] = command.split(' ').filter(Boolean)
  const from = Date.now()
  return new Promise((resolve) => {
    const output: Buffer[] = []
    const child = spawn(file!, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
    children.add(child)
    child.stdout.on('data', (d: Buffer) => output.push(d))
    child.stderr.on('data', (d: Buffer) => output.push(d))
    let finished = false
    const done = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      if (finished) return
      finished = true
      children.delete(child)
      running.delete(command)
      const seconds = (Date.now() - from) / 1000
      const text = Buffer.concat(output).toString()
      const ran = { command, code: error ? 127 : code, signal, seconds, printed: '' }
      ran.printed = [
        `\n──── ${command}: ${verdict(ran)} ────\n`,
        error ? `could not start: ${error.message}\n` : '',
        text.endsWith('\n') || text === '' ? text : `${text}\n`,
      ].join('')
      if (ran.code === 0) process.stdout.write(ran.printed)
      resolve(ran)
    }
    child.once('error', (error) => done(null, null, error))
    child.once('close', (code, signal) => done(code, signal))
  })
}

// Vitest's colours, which CI's log keeps (ESC [ … m).
const COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g')

/**
 * A failed command's failures in few lines: Vitest's 'FAIL' lines (file and test), each error's
 * first line and the diff's received and expected lines, at most `max` lines in all.
 */
function brief(printed: string, max = 40): string[] {
  const lines = printed.replace(COLOUR, '').split('\n')
  const start = lines.findIndex((l) => /Failed Tests \d+/.test(l))
  const wanted = (l: string) => /^\s*FAIL\s/.test(l) || /^\s*(\w*Error|Caused by)\b.*:/.test(l) || /^\s*[-+] /.test(l)
  const picked = lines
    .slice(start < 0 ? 0 : start)
    .filter(wanted)
    .map((l) => l.trimEnd().slice(0, 300))
  return picked.length > max ? [...picked.slice(0, max), `… ${picked.length - max} lines more above`] : picked
}

const verdict = (r: Run) => `${r.signal ? `killed by ${r.signal}` : `exit ${r.code}`} after ${r.seconds.toFixed(1)} s`

const results = await Promise.all(commands.map(run))
clearInterval(heartbeat)
const failed = results.filter((r) => r.code !== 0)
for (const r of failed) process.stdout.write(r.printed)
console.log(`\nparallel: ${elapsed(started)} s in all`)
for (const r of results) console.log(`  ${r.code === 0 ? 'ok  ' : 'FAIL'}  ${verdict(r)}  ${r.command}`)
for (const r of failed) {
  const lines = brief(r.printed)
  if (lines.length)
    console.log(`\nparallel: in brief, what failed in \`${r.command}\`:\n${lines.map((l) => `  ${l}`).join('\n')}`)
}
process.exitCode = stopping ? (stopping === 'SIGINT' ? 130 : 143) : failed.length > 0 ? 1 : 0
