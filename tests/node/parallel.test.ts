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

  it("ends with a failed command's failures in brief: the test's name, the error and what was received", () => {
    // Vitest's own output of a failure, as CI's tail once showed only its code frame.
    const { code, out } = parallel(
      'node -e process.stdout.write(require("fs").readFileSync("tests/node/fixtures/vitest-failure.txt","utf8"));process.exit(1)',
    )
    expect(code).toBe(1)
    const tail = out.slice(out.lastIndexOf('in brief'))
    expect(tail).toContain('FAIL   worker  tests/worker/anonymity/attacks.test.ts > attack 3: fabricated answers')
    expect(tail).toContain('AssertionError: expected')
    expect(tail).toContain('"partner": "p-A",')
    // Not the passing files, nor the code frame the full output already ends with.
    expect(tail).not.toContain('a.test.ts')
    expect(tail).not.toContain('538|')
  })

  it('adds no brief where every command passes', () => {
    expect(parallel('node -e console.log("one"+"-out")').out).not.toContain('in brief')
  })
})
