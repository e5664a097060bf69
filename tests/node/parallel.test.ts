/**
 * The runner `npm test` uses for the workerd and browser tests side by side (tests/parallel.ts).
 * CI keeps only the tail of a log, so a failing command's output must come after every passing
 * one, and the exit code must be non-zero when any command fails.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

function parallel(...commands: string[]) {
  const run = spawnSync(process.execPath, ['tests/parallel.ts', ...commands], { cwd: ROOT, encoding: 'utf8' })
  return { code: run.status, out: run.stdout }
}

describe('tests/parallel.ts', () => {
  it('prints a failing command last, after one that ended later, and exits 1', () => {
    // The failing one ends first; its output must still come after the passing one's. Each prints a
    // word its command line does not hold, so a heading naming the command is not taken for output.
    const { code, out } = parallel(
      'node -e console.log("failing"+"-out");process.exit(3)',
      'node -e setTimeout(()=>console.log("passing"+"-out"),300)',
    )
    expect(code).toBe(1)
    expect(out.indexOf('passing-out')).toBeGreaterThan(-1)
    expect(out.indexOf('failing-out')).toBeGreaterThan(out.indexOf('passing-out'))
    expect(out).toMatch(/FAIL {2}exit 3 after [\d.]+ s {2}node -e console\.log\("failing"\+"-out"\)/)
  })

  it('exits 0 when every command passes, each output printed once', () => {
    const { code, out } = parallel('node -e console.log("one"+"-out")', 'node -e console.log("two"+"-out")')
    expect(code).toBe(0)
    expect(out.split('one-out')).toHaveLength(2)
    expect(out.split('two-out')).toHaveLength(2)
  })
})
