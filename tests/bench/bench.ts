/**
 * `npm run bench`: how Ketenradar holds up at scale, printed as a table of figures with their
 * targets and written to bench-results.json (machine, versions, every figure and raw sample).
 * BENCHMARKS.md explains each figure and records a full run.
 *
 *   npm run bench                                  # 1,000, 100,000 and 1,000,000 responses, 10 and 40 partners
 *   npm run bench -- --sizes 1000,100000           # other sizes
 *   npm run bench -- --shapes 40x10                # other programmes: partners × waves
 *   npm run bench:smoke                            # smallest size, few rounds: a check that it still runs
 *
 * Every size is loaded once per shape, raised to 10 answer sets per wave × partner where a shape
 * needs more (1,000 becomes 4,000 at 40 × 10: the same groups as 1,000 at 10 × 10).
 * Options: --rounds N (timed rounds per request, 15), --naive-rounds N (5), --submit-rounds N (5),
 * --cold-starts N (3), --begin-rounds N (7, "Begin" → first question
 * per throttling), --out FILE, --keep (leave the temporary D1 folders), --strict (exit 1 when
 * a target is missed).
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import instrumentFile from '../../surveys/coachende-manager.v2.json' with { type: 'json' }
import { parseInstrument } from '../../worker/domain/instrument-rules.ts'
import { bundleWorker, measureColdStart, reportBundle } from './lib/coldstart.ts'
import { measureFirstQuestion } from './lib/first-question.ts'
import { demoServer, measureLighthouse } from './lib/lighthouse.ts'
import { measurePages } from './lib/pages.ts'
import { Report } from './lib/report.ts'
import { ROOT, runNode } from './lib/run.ts'
import { FEWEST_PER_CELL } from './lib/load.ts'
import { measureScale, prepare, shapeName, type Instance } from './lib/scale.ts'
import { reportStorage } from './lib/storage.ts'
import { measureSubmissions } from './lib/submit.ts'

const { values: args } = parseArgs({
  options: {
    smoke: { type: 'boolean', default: false },
    sizes: { type: 'string' },
    shapes: { type: 'string' },
    rounds: { type: 'string' },
    'naive-rounds': { type: 'string' },
    'submit-rounds': { type: 'string' },
    'cold-starts': { type: 'string' },
    'begin-rounds': { type: 'string' },
    out: { type: 'string', default: join(ROOT, 'bench-results.json') },
    keep: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    'no-lighthouse': { type: 'boolean', default: false },
  },
})
const smoke = args.smoke
const num = (value: string | undefined, full: number, quick: number) =>
  value === undefined ? (smoke ? quick : full) : Number(value)
const options = {
  smoke,
  sizes: (args.sizes ?? (smoke ? '1000' : '1000,100000,1000000'))
    .split(',')
    .map(Number)
    .sort((a, b) => a - b),
  // The 10 × 10 programme of every earlier run, and 40 partners × 10 waves (BENCHMARKS.md, "Results,
  // heatmap and partner report at 40 partners and a million responses (2026-12-02)").
  shapes: (args.shapes ?? '10x10,40x10').split(',').map((s) => {
    const m = /^(\d+)x(\d+)$/.exec(s.trim())
    if (!m || Number(m[1]) < 1 || Number(m[2]) < 2)
      throw new Error(`--shapes: partners x waves, such as 40x10 (at least 2 waves for a trend), not "${s}"`)
    return { partners: Number(m[1]), waves: Number(m[2]) }
  }),
  rounds: num(args.rounds, 15, 5),
  naiveRounds: num(args['naive-rounds'], 5, 3),
  submitRounds: num(args['submit-rounds'], 5, 3),
  submitPerRound: smoke ? { 1: 50, 16: 100 } : { 1: 300, 16: 500 },
  coldStarts: num(args['cold-starts'], 3, 1),
  beginRounds: num(args['begin-rounds'], 7, 7),
}
if (options.sizes.some((s) => !Number.isInteger(s) || s < 1))
  throw new Error(
    '--sizes: whole numbers (each raised to one response per wave × partner × role where a shape needs it)',
  )

const started = performance.now()
const step = (text: string) =>
  console.log(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${text}`)
const report = new Report()
const tmp = mkdtempSync(join(tmpdir(), 'ketenradar-bench-'))
const instances: Instance[] = []
try {
  step('building web assets (npm run build)')
  runNode(['worker/cli/build-web.ts'])
  measurePages(report)

  step('bundling the Worker (wrangler deploy --dry-run)')
  const bundle = bundleWorker(join(tmp, 'deploy'))
  reportBundle(report, bundle)
  step(`cold starts of wrangler dev (${options.coldStarts})`)
  await measureColdStart(report, options.coldStarts)
  // One demo server for the page figures in Chromium. Not in the CI smoke run: seeding the demo and
  // loading pages under throttling take a minute and a half, which would check the page, not that
  // the bench runs.
  if (!smoke) {
    step(
      `survey page in Chromium: "Begin" → first question (${options.beginRounds} rounds each)${args['no-lighthouse'] ? '' : ', then Lighthouse on the survey page and the dashboard'}`,
    )
    const server = await demoServer()
    try {
      await measureFirstQuestion(report, server, options.beginRounds)
      if (!args['no-lighthouse']) await measureLighthouse(report, server)
    } finally {
      await server.stop()
    }
  }

  const ins = parseInstrument(instrumentFile)
  for (const shape of options.shapes) {
    const fewest = shape.partners * shape.waves * FEWEST_PER_CELL
    for (const size of new Set(options.sizes.map((s) => Math.max(s, fewest)))) {
      step(`loading ${size.toLocaleString('en')} responses into a local D1 (${shapeName(shape)} partners × waves)`)
      instances.push(await prepare(size, shape, ins, bundle.bundle, tmp))
    }
  }
  for (const inst of instances) reportStorage(report, inst.label, inst.storage!)
  step(`timing dashboard, gap, trend, export, page and report against the naive queries (${options.rounds} rounds)`)
  await measureScale(instances, report, options.rounds, options.naiveRounds)
  // Submissions on the largest database, the first shape's when two are as large (the shape changes nothing a submission does).
  const largest = instances.reduce((a, b) => (b.size > a.size ? b : a))
  step(`timing submissions against the bare insert, on the ${largest.size.toLocaleString('en')}-response database`)
  await measureSubmissions(largest, ins, report, options.submitRounds, options.submitPerRound)
  report.samples.submissionDatabase = largest.label
} finally {
  for (const inst of instances) await inst.mf.dispose()
  if (args.keep) console.log(`kept ${tmp}`)
  else rmSync(tmp, { recursive: true, force: true })
}

const seconds = (performance.now() - started) / 1000
step('done')
report.print()
report.write(args.out, options, seconds)
console.log(`\nwrote ${args.out} (${Math.round(seconds)} s)`)
if (args.strict && report.figures.some((f) => f.held === false)) process.exitCode = 1
