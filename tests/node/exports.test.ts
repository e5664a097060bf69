/**
 * An export says that another file uses it: a name exported from worker/, web/ or schema/ that no
 * other file (source or test) even mentions is the file's own and is not exported. Found by a
 * word search, not by the type checker, so a name that another file mentions only in a comment
 * counts as used: the test errs on the side of leaving an export alone.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'generated' ? [] : sources(path)
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : []
  })
}

const EXPORT = /^export\s+(?:async\s+)?(?:const|function|type|class|let|interface|enum)\s+([A-Za-z_$][\w$]*)/gm

describe('exports', () => {
  it('exports only what another file uses', () => {
    const files = ['worker', 'web', 'schema', 'tests'].flatMap(sources)
    const text = new Map(files.map((f) => [f, readFileSync(join(ROOT, f), 'utf8')]))
    const own: string[] = []
    for (const file of files.filter((f) => !f.startsWith('tests/'))) {
      for (const [, name] of text.get(file)!.matchAll(EXPORT)) {
        const word = new RegExp(`\\b${name!.replace(/\$/g, '\\$')}\\b`)
        const used = files.some((other) => other !== file && word.test(text.get(other)!))
        if (!used) own.push(`${file}: ${name} is used only in its own file`)
      }
    }
    expect(own).toEqual([])
  })
})
