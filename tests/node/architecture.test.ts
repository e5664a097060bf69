/**
 * The one-way arrows between the rooms of the code (ARCHITECTURE.md), checked on every import
 * specifier of every source file (TypeScript and JavaScript, declarations too): static imports,
 * re-exports, `import x = require()`, `require()` and dynamic `import()`. An `import()` or
 * `require()` of a computed path is refused outright, since no test can tell where it leads. A
 * package is an arrow too: each room names the packages it may use, so a page cannot reach D1
 * through `cloudflare:workers`. A file that breaks one fails this test with its path and the
 * import, so the rule is met where it is broken rather than rediscovered in review.
 */
import { builtinModules } from 'node:module'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(import.meta.dirname, '../..')

/** `target` is the imported path from the repository root, or null for a package; `computed` an import of no literal path. */
type Import = { file: string; specifier: string; target: string | null; typeOnly: boolean; computed?: true }

const SOURCE = /\.(tsx?|jsx?|mjs|cjs|mts|cts)$/

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'generated' ? [] : sources(path)
    return SOURCE.test(e.name) ? [path] : []
  })
}

/** Every import of `file`. */
function importsOf(file: string, text = readFileSync(join(ROOT, file), 'utf8')): Import[] {
  const kind = /\.[jt]sx$/.test(file)
    ? ts.ScriptKind.TSX
    : /\.[mc]?js$/.test(file)
      ? ts.ScriptKind.JS
      : ts.ScriptKind.TS
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind)
  const found: Import[] = []
  const add = (specifier: string, typeOnly: boolean) => {
    const target = specifier.startsWith('.') ? relative(ROOT, resolve(ROOT, dirname(file), specifier)) : null
    found.push({ file, specifier, target, typeOnly })
  }
  const isLoad = (node: ts.CallExpression) =>
    node.expression.kind === ts.SyntaxKind.ImportKeyword ||
    (ts.isIdentifier(node.expression) && node.expression.text === 'require')
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      isLoad(node) &&
      !(node.arguments[0] && ts.isStringLiteralLike(node.arguments[0]))
    ) {
      found.push({ file, specifier: node.getText(source), target: null, typeOnly: false, computed: true })
    } else if (
      ts.isImportEqualsDeclaration(node) &&
      ts.isExternalModuleReference(node.moduleReference) &&
      ts.isStringLiteral(node.moduleReference.expression)
    ) {
      add(node.moduleReference.expression.text, node.isTypeOnly)
    } else if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.importClause?.isTypeOnly ?? false)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      add(node.moduleSpecifier.text, node.isTypeOnly)
    } else if (
      ts.isCallExpression(node) &&
      isLoad(node) &&
      node.arguments[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      add(node.arguments[0].text, false)
    } else if (
      ts.isImportTypeNode(node) &&
      ts.isLiteralTypeNode(node.argument) &&
      ts.isStringLiteral(node.argument.literal)
    ) {
      add(node.argument.literal.text, true)
    }
    ts.forEachChild(node, visit)
  }
  visit(source)
  // `/// <reference types="node" />` brings Node's types into a file as an import would (a
  // reviewer's `import 'node:fs'` then type-checked in the Worker); `/// <reference path>` a file.
  for (const ref of source.typeReferenceDirectives)
    found.push({ file, specifier: ref.fileName === 'node' ? 'node:' : ref.fileName, target: null, typeOnly: true })
  for (const ref of source.referencedFiles) add(ref.fileName.startsWith('.') ? ref.fileName : `./${ref.fileName}`, true)
  return found
}

const inRoom = (path: string | null, room: string) => path !== null && (path === room || path.startsWith(`${room}/`))
const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || builtinModules.includes(specifier.split('/')[0]!)

/** A rule: which files it applies to, and what it refuses of their imports, said in words for the failure. */
type Rule = { name: string; applies: (file: string) => boolean; refuses: (i: Import) => boolean }

const RULES: Rule[] = [
  {
    name: 'an import() or require() of a computed path (no one can check where it leads; name the file)',
    applies: (f) => !inRoom(f, 'tests'),
    refuses: (i) => i.computed === true,
  },
  {
    name: 'a route imports another route (share it through services/, domain/ or db/)',
    applies: (f) => inRoom(f, 'worker/routes'),
    refuses: (i) => inRoom(i.target, 'worker/routes'),
  },
  {
    name: 'Worker code imports a Node built-in (Node scripts belong in worker/cli/)',
    applies: (f) => inRoom(f, 'worker') && !inRoom(f, 'worker/cli'),
    refuses: (i) => isNodeBuiltin(i.specifier),
  },
  {
    name: 'domain/ imports something other than domain/ or schema/ (pure rules take their data as arguments)',
    applies: (f) => inRoom(f, 'worker/domain'),
    refuses: (i) => i.target === null || (!inRoom(i.target, 'worker/domain') && !inRoom(i.target, 'schema')),
  },
  // A page may name a row's shape (`import type`, erased at build); it never calls the database.
  {
    name: 'a page reaches db/ (it gets its data from its route)',
    applies: (f) => inRoom(f, 'worker/pages'),
    refuses: (i) => inRoom(i.target, 'worker/db') && !i.typeOnly,
  },
  {
    name: 'browser code imports Worker code (web/ is bundled for the browser)',
    applies: (f) => inRoom(f, 'web'),
    refuses: (i) => inRoom(i.target, 'worker'),
  },
  {
    name: 'a service imports a route, a page or http/ (it refuses with worker/services/refusal.ts; http/ maps that to HTTP)',
    applies: (f) => inRoom(f, 'worker/services'),
    refuses: (i) => ['worker/routes', 'worker/pages', 'worker/http'].some((room) => inRoom(i.target, room)),
  },
  {
    name: 'db/ imports something above it (routes, services, http, pages)',
    applies: (f) => inRoom(f, 'worker/db'),
    refuses: (i) =>
      ['worker/routes', 'worker/services', 'worker/http', 'worker/pages'].some((room) => inRoom(i.target, room)),
  },
  {
    name: 'a file outside worker/cli/ and tests/ imports worker/cli/ (Node scripts are not part of the Worker)',
    applies: (f) => !inRoom(f, 'worker/cli') && !inRoom(f, 'tests'),
    refuses: (i) => inRoom(i.target, 'worker/cli'),
  },
]

// surveys/ too: it holds instruments as data, and a source file there imports like any other.
const FILES = ['worker', 'web', 'schema', 'surveys', 'tests'].flatMap(sources)

/**
 * The rooms the arrows of ARCHITECTURE.md name, by the paths they hold. The files at the top of
 * worker/ are rooms of their own, so that "pages may use `asset`" does not also let a page import
 * the router in worker/index.ts.
 */
const ROOMS: Record<string, (path: string) => boolean> = {
  routes: (p) => inRoom(p, 'worker/routes'),
  http: (p) => inRoom(p, 'worker/http'),
  services: (p) => inRoom(p, 'worker/services'),
  domain: (p) => inRoom(p, 'worker/domain'),
  db: (p) => inRoom(p, 'worker/db'),
  pages: (p) => inRoom(p, 'worker/pages'),
  i18n: (p) => inRoom(p, 'worker/i18n'),
  auth: (p) => inRoom(p, 'worker/auth'),
  cli: (p) => inRoom(p, 'worker/cli'),
  entry: (p) => p === 'worker/index.ts' || p === 'worker/scheduled.ts',
  env: (p) => p === 'worker/env.ts' || p === 'worker/worker-configuration.d.ts',
  assets: (p) => p === 'worker/assets.ts' || inRoom(p, 'worker/generated'),
  openapi: (p) => p === 'worker/openapi.ts',
  web: (p) => inRoom(p, 'web'),
  schema: (p) => inRoom(p, 'schema'),
  surveys: (p) => inRoom(p, 'surveys'),
  tests: (p) => inRoom(p, 'tests'),
}
const roomOf = (path: string) => Object.keys(ROOMS).find((room) => ROOMS[room]!(path)) ?? null

/**
 * A room's arrows, as ARCHITECTURE.md draws them in its `arrows` block: one line a room,
 * `routes ─► http, services, …, hono`, where `db (type)` allows `import type` only, `*` everything
 * and `—` nothing; a name that is no room is a package (`hono` allows `hono/jsx` too), and `node:`
 * is Node's built-ins.
 */
type Arrows = Map<string, { any: boolean; rooms: Set<string>; typeOnly: Set<string>; packages: Set<string> }>

/** The package an import specifier names, as the arrows block names it: `hono/jsx` → `hono`, `node:fs` → `node:`. */
function packageOf(specifier: string): string {
  if (isNodeBuiltin(specifier)) return 'node:'
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!
}

function arrowsOf(markdown: string): Arrows {
  const block = /```arrows\n([\s\S]*?)```/.exec(markdown)?.[1]
  if (!block) throw new Error('ARCHITECTURE.md has no ```arrows block')
  const arrows: Arrows = new Map()
  for (const line of block.split('\n').filter((l) => l.trim())) {
    const [from, to = ''] = line.split('─►').map((part) => part.trim())
    const entry = { any: false, rooms: new Set<string>(), typeOnly: new Set<string>(), packages: new Set<string>() }
    for (const item of to
      .split(',')
      .map((t) => t.trim())
      .filter((t) => t && t !== '—')) {
      if (item === '*') entry.any = true
      else if (item.endsWith(' (type)')) entry.typeOnly.add(item.slice(0, -' (type)'.length))
      else if (item in ROOMS) entry.rooms.add(item)
      else entry.packages.add(item)
    }
    arrows.set(from!, entry)
  }
  return arrows
}

const ARROWS = arrowsOf(readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8'))

/** An import the arrows do not draw, from a file in a room (or in none). */
function offArrow(i: Import, arrows: Arrows = ARROWS): boolean {
  const from = roomOf(i.file)
  const entry = from === null ? undefined : arrows.get(from)
  if (!entry) return true
  if (entry.any) return false
  if (i.target === null) return i.computed === true || !entry.packages.has(packageOf(i.specifier))
  const to = roomOf(i.target)
  return to === null || !(entry.rooms.has(to) || (i.typeOnly && entry.typeOnly.has(to)))
}

RULES.push({
  name: 'an import ARCHITECTURE.md does not draw (its `arrows` block: add the arrow there, or import through a room it allows)',
  applies: () => true,
  refuses: (i) => offArrow(i),
})

/**
 * Each bad import once, as "file imports 'specifier': rule" (the first rule it breaks, the most
 * specific), the line a reviewer needs.
 */
function violations(imports: Import[]): string[] {
  return imports.flatMap((i) => {
    const rule = RULES.find((r) => r.applies(i.file) && r.refuses(i))
    return rule ? [`${i.file} imports '${i.specifier}': ${rule.name}`] : []
  })
}

describe('the arrows between rooms (ARCHITECTURE.md)', () => {
  const all = FILES.flatMap((f) => importsOf(f))

  it('reads the imports of every room', () => {
    // Not vacuous: the parser sees the wiring, and each room the rules speak of has files.
    expect(all).toContainEqual(
      expect.objectContaining({ file: 'worker/index.ts', target: 'worker/routes/app-html.tsx' }),
    )
    for (const room of [
      'worker/routes',
      'worker/services',
      'worker/domain',
      'worker/db',
      'worker/pages',
      'worker/cli',
      'web',
    ]) {
      expect(
        FILES.some((f) => inRoom(f, room)),
        room,
      ).toBe(true)
    }
  })

  it('no file breaks an arrow', () => {
    expect(violations(all)).toEqual([])
  })

  it('draws every room, and no arrow that no import takes', () => {
    // Every room has its line, every room a line names is one the test knows, and every file is in a room.
    expect([...ARROWS.keys()].sort()).toEqual(Object.keys(ROOMS).sort())
    for (const { rooms, typeOnly } of ARROWS.values())
      for (const room of [...rooms, ...typeOnly]) expect(Object.keys(ROOMS), room).toContain(room)
    expect(FILES.filter((f) => roomOf(f) === null)).toEqual([])
    // So that the drawing stays true when code moves: an arrow no import takes is one to erase.
    const taken = new Set(
      all.flatMap((i) =>
        i.computed ? [] : [`${roomOf(i.file)} ─► ${i.target === null ? packageOf(i.specifier) : roomOf(i.target)}`],
      ),
    )
    const drawn = [...ARROWS].flatMap(([from, e]) =>
      [...e.rooms, ...e.typeOnly, ...e.packages].map((to) => `${from} ─► ${to}`),
    )
    expect(drawn.filter((arrow) => !taken.has(arrow))).toEqual([])
  })

  it('refuses the imports the drawing leaves out, for http/, pages/ and auth/ too', () => {
    const bad = [
      ...importsOf('worker/http/x.ts', "import app from '../routes/wave-api.ts'"),
      ...importsOf('worker/pages/x.tsx', "import { langOf } from '../http/lang.ts'"),
      ...importsOf('worker/pages/x.tsx', "import { resultsFor } from '../services/results-service.ts'"),
      ...importsOf('worker/pages/x.tsx', "import { app } from '../index.ts'"),
      ...importsOf('worker/auth/x.ts', "import { readUserByEmail } from '../db/users.ts'"),
      ...importsOf('worker/db/x.ts', "import { refuse } from '../services/refusal.ts'"),
      ...importsOf('worker/x.ts', "import { env } from './env.ts'"),
      // A page or a service reaching D1 through the runtime's own module, not through db/.
      ...importsOf('worker/pages/x.tsx', "import { env } from 'cloudflare:workers'"),
      ...importsOf('worker/services/x.ts', "const { env } = await import('cloudflare:workers')"),
      // A package a room does not name: browser code pulling in the server's router.
      ...importsOf('web/x.ts', "import { Hono } from 'hono'"),
      ...importsOf('worker/auth/x.ts', "import { z } from 'zod'"),
      ...importsOf('worker/domain/x.ts', "import { z } from 'zod'"),
    ]
    expect(bad.filter((i) => !offArrow(i)).map((i) => `${i.file} ${i.specifier}`)).toEqual([])
    const fine = [
      ...importsOf('worker/http/x.ts', "import { readSession } from '../db/users.ts'"),
      ...importsOf('worker/http/x.ts', "import { MessagePage } from '../pages/app-frame.tsx'"),
      ...importsOf('worker/pages/x.tsx', "import type { Results } from '../services/results-service.ts'"),
      ...importsOf('worker/pages/x.tsx', "import { asset } from '../assets.ts'"),
      ...importsOf('worker/db/x.ts', "import { toBase64Url } from '../auth/base64.ts'"),
      ...importsOf('worker/pages/x.tsx', "import { jsx } from 'hono/jsx'"),
      ...importsOf('worker/cli/x.ts', "import { readFileSync } from 'node:fs'"),
    ]
    expect(fine.filter((i) => offArrow(i)).map((i) => `${i.file} ${i.specifier}`)).toEqual([])
  })

  it('names the file and the import when one does', () => {
    const bad = [
      ...importsOf('worker/routes/wave-api.ts', "import { cadenceOf } from './programme-api.ts'"),
      ...importsOf('worker/services/x.ts', "export { default } from '../routes/survey-html.tsx'"),
      ...importsOf('worker/http/x.ts', "const fs = await import('node:fs')"),
      ...importsOf('worker/domain/x.ts', "import type { Wave } from '../db/waves.ts'"),
      ...importsOf('worker/pages/x.tsx', "import { listWaves } from '../db/waves.ts'"),
      ...importsOf('web/x.ts', "import { messages } from '../worker/i18n/messages.ts'"),
      ...importsOf('worker/db/x.ts', "import { HttpError } from '../http/problem.ts'"),
      ...importsOf('worker/services/x.ts', "import { statusOf } from '../http/problem.ts'"),
      ...importsOf('worker/index.ts', "import { seedDemo } from './cli/seed.ts'"),
      // Imports no literal path names, which the arrows could not check.
      ...importsOf('worker/routes/x.ts', 'const other = await import(p)'),
      // biome-ignore lint/suspicious/noTemplateCurlyInString: the source text of a template literal, as a file would hold it
      ...importsOf('worker/routes/x.ts', 'const other = await import(`./${name}-api.ts`)'),
      ...importsOf('worker/pages/x.js', "const db = require('../db/waves.ts')"),
      ...importsOf('worker/domain/x.d.ts', "import type { Wave } from '../db/waves.ts'"),
      ...importsOf('worker/pages/x.tsx', "import waves = require('../db/waves.ts')"),
      ...importsOf('worker/http/x.ts', '/// <reference types="node" />\nexport const x = 1'),
      ...importsOf('surveys/x.ts', "export { default } from '../worker/routes/wave-api.ts'"),
    ]
    const found = violations(bad)
    expect(found).toHaveLength(bad.length)
    expect(found[0]).toBe(
      "worker/routes/wave-api.ts imports './programme-api.ts': a route imports another route (share it through services/, domain/ or db/)",
    )
    expect(found).toContain(
      "worker/routes/x.ts imports 'import(p)': an import() or require() of a computed path (no one can check where it leads; name the file)",
    )
    // What is allowed stays allowed: a page naming a row's type, domain/ using schema/, schema/ using zod.
    const fine = [
      ...importsOf('worker/pages/x.tsx', "import type { Wave } from '../db/waves.ts'"),
      ...importsOf('worker/domain/x.ts', "import type { Role } from '../../schema/instrument.ts'"),
      ...importsOf('schema/x.ts', "import { z } from 'zod'"),
      ...importsOf('tests/x.ts', "import { seedDemo } from '../worker/cli/seed.ts'"),
      ...importsOf('worker/services/x.ts', "import { refuse } from './refusal.ts'"),
    ]
    expect(violations(fine)).toEqual([])
  })
})

/**
 * Every path ARCHITECTURE.md names in backticks, as it is written: from the repository's root, or
 * from the room it sits in (`services/refusal.ts` in worker/, `routes/` among the tests in
 * tests/worker/), or a bare file name that some file of the repository has; an address (`/api/…`) is none.
 */
function citedPaths(text: string): string[] {
  return [...text.matchAll(/`([^`\s]+)`/g)]
    .map((m) => m[1]!)
    .filter(
      (p) =>
        !/[*:(){}<>]/.test(p) && !p.startsWith('/') && (/\.(tsx?|json|md|sql|css|toml)$/.test(p) || p.endsWith('/')),
    )
}

const ARCHITECTURE = readFileSync(join(ROOT, 'ARCHITECTURE.md'), 'utf8')
const BASES = ['', 'worker/', 'tests/', 'tests/worker/']

function tracked(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = dir ? `${dir}/${e.name}` : e.name
    if (e.isDirectory())
      return ['node_modules', 'dist', '.git', '.wrangler'].includes(e.name) ? [] : [`${path}/`, ...tracked(path)]
    return [path]
  })
}
// A git-ignored folder the build writes (`worker/generated/`) counts as there on a fresh clone too, so this
// test does not depend on `npm run build` having run.
const BUILT = readFileSync(join(ROOT, '.gitignore'), 'utf8')
  .split('\n')
  .filter((line) => /^[\w-]+\/[\w/-]+\/$/.test(line))
const TREE = new Set([...tracked(''), ...BUILT])
const exists = (cited: string) =>
  cited.includes('/')
    ? BASES.some((base) => TREE.has(base + cited))
    : [...TREE].some((path) => path.endsWith(`/${cited}`) || path === cited)

describe('the paths ARCHITECTURE.md names', () => {
  it('names paths, of files and folders, from the root and from their room', () => {
    const cited = citedPaths(ARCHITECTURE)
    expect(cited.length).toBeGreaterThan(40)
    expect(cited).toEqual(expect.arrayContaining(['worker/routes/', 'services/refusal.ts', 'audit-trail.ts']))
    expect(exists('worker/nothing-here.ts')).toBe(false)
    expect(exists('nothing-here.ts')).toBe(false)
  })

  it('names only paths that exist', () => {
    expect(citedPaths(ARCHITECTURE).filter((p) => !exists(p))).toEqual([])
  })

  it('names every file at the top of worker/ and of tests/worker/, which no room folder holds', () => {
    const top = [...TREE].filter((p) => /^(worker|tests\/worker)\/[^/]+\.tsx?$/.test(p) && !p.endsWith('.test.ts'))
    expect(top.length).toBeGreaterThan(5)
    expect(top.filter((p) => !ARCHITECTURE.includes(`\`${p.split('/').at(-1)}\``))).toEqual([])
  })

  it("names every folder of the Worker, the schemas and the tests' rooms", () => {
    const folders = [...TREE].filter((p) => /^(worker|web|schema|tests|tests\/worker)\/[^/]+\/$/.test(p))
    const named = (folder: string) =>
      ARCHITECTURE.includes(`\`${folder}\``) ||
      BASES.some((base) => folder.startsWith(base) && base && ARCHITECTURE.includes(`\`${folder.slice(base.length)}\``))
    expect(folders.filter((f) => !named(f))).toEqual([])
  })
})

/** Every file of `dir` and below, from the repository root, without node_modules and the build's output. */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`
    if (e.isDirectory()) return ['node_modules', 'generated'].includes(e.name) ? [] : filesUnder(path)
    return [path]
  })
}

/**
 * Base names two files of worker/, web/ and schema/ may share, each with why a file's name cannot
 * say its room; none does. Add a line only with its reason; the test fails on a line no longer needed.
 */
const SHARED_NAMES: Record<string, string> = {}

describe('file names', () => {
  it('gives no two files of worker/, web/ and schema/ one base name, but the listed ones', () => {
    // By base name, the folders holding it: a script and its stylesheet in one folder (web/report.ts
    // and web/report.css, one page's two assets) are one name.
    const byName = new Map<string, Set<string>>()
    for (const path of ['worker', 'web', 'schema'].flatMap(filesUnder)) {
      const file = path.split('/').at(-1)!
      // A folder's own config (tsconfig.json) and the type declarations beside a source are not names to tell apart.
      if (file === 'tsconfig.json' || file.endsWith('.d.ts')) continue
      const base = file.replace(/\.[^.]+$/, '')
      byName.set(base, (byName.get(base) ?? new Set()).add(dirname(path)))
    }
    const shared = [...byName].filter(([, folders]) => folders.size > 1).map(([base]) => base)
    expect(shared.sort()).toEqual(Object.keys(SHARED_NAMES).sort())
  })
})

describe('the tsconfigs', () => {
  it('map no import path (paths, baseUrl), which would let a name pass for a package the arrows allow', () => {
    // A reviewer's `"paths": { "hono/db/*": ["./db/*"] }` let a page import db/ as the package hono.
    const configs = [
      'tsconfig.base.json',
      'tsconfig.json',
      'worker/tsconfig.json',
      'web/tsconfig.json',
      'tests/worker/tsconfig.json',
    ]
    for (const c of configs) {
      const { config } = ts.readConfigFile(join(ROOT, c), ts.sys.readFile)
      expect(config, c).toBeDefined()
      expect(config.compilerOptions?.paths, `${c} paths`).toBeUndefined()
      expect(config.compilerOptions?.baseUrl, `${c} baseUrl`).toBeUndefined()
    }
  })
})
