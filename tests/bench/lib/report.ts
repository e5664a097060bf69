/** The figures of a run: the printed table and bench-results.json. */
import { readFileSync, writeFileSync } from 'node:fs'
import { cpus, totalmem, release, platform, arch } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './run.ts'

/** One measured figure; `held` is null when the figure has no target or could not be measured. */
export type Figure = {
  part: string
  name: string
  value: number | string | null
  unit: string
  target: string
  held: boolean | null
}

export class Report {
  readonly figures: Figure[] = []
  /** Raw samples behind the medians, for whoever wants to look closer. */
  readonly samples: Record<string, unknown> = {}

  add(
    part: string,
    name: string,
    value: number | string | null,
    unit = '',
    target = '',
    held: boolean | null = null,
  ): void {
    this.figures.push({ part, name, value, unit, target, held })
  }

  print(): void {
    const rows = this.figures.map((f) => [
      f.part,
      f.name,
      f.value === null ? 'n/a' : `${f.value}${f.unit ? ` ${f.unit}` : ''}`,
      f.target || '—',
      f.held === null ? '—' : f.held ? 'yes' : 'NO',
    ])
    const head = ['part', 'figure', 'value', 'target', 'held']
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)))
    const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')
    console.log(`\n${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`)
    for (const r of rows) console.log(line(r))
    const missed = this.figures.filter((f) => f.held === false)
    console.log(
      `\n${this.figures.filter((f) => f.held !== null).length} targets checked, ${missed.length} missed${missed.length ? `: ${missed.map((f) => f.name).join('; ')}` : ''}`,
    )
  }

  write(file: string, options: Record<string, unknown>, seconds: number): void {
    const version = (pkg: string) =>
      (JSON.parse(readFileSync(join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version
    const cpu = cpus()
    const result = {
      date: new Date().toISOString(),
      machine: {
        os: `${platform()} ${release()}`,
        arch: arch(),
        cpus: cpu.length,
        cpuModel: cpu[0]?.model ?? 'unknown',
        memoryGB: round1(totalmem() / 2 ** 30),
      },
      versions: {
        node: process.version,
        wrangler: version('wrangler'),
        miniflare: version('miniflare'),
        workerd: version('workerd'),
        sqliteForLoading: process.versions.sqlite,
      },
      options,
      seconds: Math.round(seconds),
      figures: this.figures,
      samples: this.samples,
    }
    writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`)
  }
}

const round1 = (x: number) => Math.round(x * 10) / 10
