/**
 * The trend's `margin`, the sentence under the trend (worker/pages/results-tables.tsx `TrendWhy`) and
 * the compact heatmap (past 12 rows), against twins over 14 partners that differ only in hidden
 * groups: whole hidden cells of several sizes, 0 answer sets against some, a partner hidden in one
 * wave and shown in the next (`partnersChanged`), a dimension hidden inside a shown cell. Read as
 * the lead and as a viewer limited to one partner, through the trend API, the dashboard, the results
 * page (trend, heatmap), partner reports and the CSV. And every published margin worked out again
 * from the figures the same reader is shown, so it tells nothing they do not already have (a hostile
 * review; twins.test.ts and twins-every-view.test.ts have 5 partners, too few for the
 * compact heatmap, and no partner hidden and then shown).
 */
import { beforeAll, describe, expect, it } from 'vitest'
import type { Role } from '../../../schema/instrument.ts'
import { rng, simulateAnswers } from '../../../worker/domain/simulated-answers.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { questionsFor } from '../../../worker/domain/instrument-rules.ts'
import { shown } from '../../../worker/domain/levels.ts'
import { tQuantile, welchCi95 } from '../../../worker/domain/stats.ts'
import { type Matched, matchedChange, type RolePublication } from '../../../worker/domain/publication.ts'
import { signInAdmin } from '../helpers.ts'
import { answersFor, ins, req, ROLES } from './adversary.ts'
import { buildTwin, differences, type Read, readAs, renamer, type Twin, twinWaves } from './twins-kit.ts'

type Group = Answers[]
type Groups = Record<string, Partial<Record<Role, Group>>>

const PARTNERS = Array.from({ length: 14 }, (_, i) => `P${String(i).padStart(2, '0')}`)
const waveTimes = twinWaves(3)

const seeded = (role: Role, seed: number, n: number, base: number): Answers[] =>
  Array.from({ length: n }, (_, i, random = rng(seed * 1000 + i)) =>
    simulateAnswers(ins, role, random, () => base + random() * 1.5),
  )
const coachingQs = questionsFor(ins, 'medewerker').flatMap((q) =>
  q.type === 'radiogroup' && q.dimension === 'coaching' ? [q] : [],
)
const withCoaching = (a: Answers, v: number | 'dk'): Answers => {
  const out = { ...a }
  for (const q of coachingQs)
    out[q.name] = v === 'dk' ? ins.scale.dontKnow.value : q.reverse ? ins.scale.min + ins.scale.max - v : v
  return out
}

/** `x` in 0 / 1 picks the twin: everything shown is alike, hidden groups differ. */
function plan(x: 0 | 1): Groups[] {
  return [0, 1, 2].map((w) => {
    const p: Groups = {}
    for (const [i, name] of PARTNERS.entries()) {
      p[name] = {}
      const base = 1.5 + (i % 5) * 0.3
      // Staff up 0,6 in wave 2 and back in wave 3: clear changes over the partners in both waves,
      // which the stand-outs name (domain/standouts.ts `matched`), so the twins read them too.
      if (i < 12) p[name].medewerker = seeded('medewerker', 100 * w + i, 6, base + (w === 1 ? 0.6 : 0))
      if (i >= 1 && i <= 5) p[name].teammanager = seeded('teammanager', 100 * w + 20 + i, 5, base)
      if (i >= 9 && i <= 11) p[name].tactisch = seeded('tactisch', 100 * w + 40 + i, 5, base)
    }
    // P12: hidden in wave 1 (0 answer sets vs 4), shown in waves 2 and 3 -> partnersChanged, then a tested change.
    p.P12!.medewerker =
      w === 0 ? (x ? Array(4).fill(answersFor('medewerker', {}, 5)) : []) : seeded('medewerker', 100 * w + 12, 6, 2)
    // P13: hidden in every wave, of other sizes and answers.
    p.P13!.medewerker = Array([2, 4, 3][w]! - (x ? 1 : 0)).fill(answersFor('medewerker', {}, x ? 5 : 1))
    // P00 in wave 3: coaching hidden inside a shown cell (3 "don't know", 3 hidden scores of 1 or 5).
    if (w === 2) p.P00!.medewerker = p.P00!.medewerker!.map((a, i) => withCoaching(a, i < 3 ? 'dk' : x ? 5 : 1))
    // Hidden team managers of P06 and tactical managers of P07 (0 vs 4, 3 vs 1).
    p.P06!.teammanager = Array(x ? 4 : 0).fill(answersFor('teammanager', {}, 2))
    p.P07!.tactisch = Array(x ? 1 : 3).fill(answersFor('tactisch', {}, x ? 1 : 4))
    return p
  })
}

let lead: string
const build = (p: Groups[]): Promise<Twin> =>
  buildTwin(lead, {
    partners: PARTNERS,
    waves: waveTimes,
    setsOf: (w, name, role) => p[w]![name]?.[role],
    viewerOf: 'P00',
  })

async function readAll(t: Twin): Promise<Read[]> {
  const paths: string[] = []
  for (const role of ROLES) {
    paths.push(`/api/programmes/${t.pid}/trend?role=${role}`)
    for (const name of PARTNERS) paths.push(`/api/programmes/${t.pid}/trend?role=${role}&partner=${t.ids[name]}`)
  }
  for (const wave of t.waves)
    for (const role of ROLES) {
      paths.push(`/api/programmes/${t.pid}/dashboard?wave=${wave}&role=${role}&questions=all`)
      // The page in both languages; its sorts, trends and reports in one (the words are checked elsewhere).
      for (const lang of ['en', 'nl']) paths.push(`/app/programmes/${t.pid}?wave=${wave}&role=${role}&lang=${lang}`)
      const q = `wave=${wave}&role=${role}&lang=nl`
      paths.push(`/app/programmes/${t.pid}?${q}&sort=gap`)
      for (const name of ['P00', 'P12', 'P13', 'P06'])
        paths.push(
          `/app/programmes/${t.pid}?${q}&trend=${t.ids[name]}`,
          `/app/programmes/${t.pid}/partners/${t.ids[name]}/report?${q}`,
        )
      paths.push(`/api/programmes/${t.pid}/export.csv?wave=${wave}&lang=nl&sep=comma`)
    }
  return readAs(lead, t, paths)
}

const madeAt = (text: string) =>
  text
    .replaceAll('<wbr/>', '')
    .replace(/"createdAt":"[^"]*"/g, '"createdAt":"…"')
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?Z?/g, 'T…')
    .replace(/(<time datetime="T…">)[^<]*(<\/time>)/g, '$1…$2')

beforeAll(async () => {
  lead = await signInAdmin()
})

type Sc = { n: number; mean: number; sd: number | null; ci95: [number, number] | null; designEffect?: number }
type Dash = {
  partners: { id: string; n: number | null; scores: Record<string, Sc | null> | null }[]
  dimensions: { key: string }[]
  standouts: {
    subject: { kind: string }
    items: { kind: string; dimension: string; from?: number; to?: number; partners?: number }[]
    partnersChanged: { dimensions: string[] } | null
  }[]
}

/**
 * A role publication made of what a reader is shown on the dashboard alone: per shown partner and
 * dimension n, mean and sd, as moments. What `matchedChange` gives from it is what that reader can
 * work out by hand.
 */
function fromShown(d: Dash): RolePublication {
  const partners: RolePublication['partners'] = {}
  for (const p of d.partners) {
    if (p.n === null || !p.scores) {
      partners[p.id] = { n: null, hidden: 'few', stats: null }
      continue
    }
    const stats: Record<string, number[] | null> = {}
    for (const { key } of d.dimensions) {
      const s = p.scores[key]
      stats[key] = s && s.sd !== null ? [s.n, s.mean * s.n, s.sd ** 2 * (s.n - 1) + s.mean ** 2 * s.n] : null
    }
    partners[p.id] = { n: p.n, hidden: null, stats }
  }
  return {
    dimensions: d.dimensions.map((x) => x.key),
    programme: { n: null, hidden: 'few', stats: null },
    partners,
  } as RolePublication
}
type TrendJson = {
  waves: {
    suppressed: boolean
    scores: Record<string, Sc | null> | null
    change: Record<
      string,
      { diff: number; p: number | null; margin?: number; partnersChanged?: true; matched?: Matched } | null
    > | null
  }[]
}

describe('the margin, the sentence under the trend and the compact heatmap against twins', { timeout: 600_000 }, () => {
  let first: Twin
  let second: Twin
  beforeAll(async () => {
    first = await build(plan(0))
    second = await build(plan(1))
  }, 600_000)

  it('every published margin follows from the same reader’s shown figures (sd, n, designEffect, J from ci95)', async () => {
    let checked = 0
    for (const cookie of [lead, first.viewer.cookie])
      for (const role of ROLES)
        for (const partner of [undefined, 'P00', 'P12']) {
          const res = await req(
            `/api/programmes/${first.pid}/trend?role=${role}${partner ? `&partner=${first.ids[partner]}` : ''}`,
            { cookie },
          )
          if (res.status !== 200) continue
          const tr = (await res.json()) as TrendJson
          tr.waves.forEach((w, i) => {
            for (const [d, c] of Object.entries(w.change ?? {})) {
              if (!c || c.margin === undefined) continue
              const a = tr.waves[i - 1]!.scores![d]!
              const b = w.scores![d]!
              let expected: number
              if (partner) {
                const m = (s: Sc) => ({ n: s.n, sum: s.mean * s.n, sumsq: s.sd! ** 2 * (s.n - 1) + s.mean ** 2 * s.n })
                expected = welchCi95(m(a), m(b))!.half
              } else {
                // J from the shown (unclipped) interval: half = t(.975, J-1) · sd · √(deff/n).
                const tq = (b.ci95![1] - b.ci95![0]) / 2 / (b.sd! * Math.sqrt(b.designEffect! / b.n))
                let J = 2
                while (Math.abs(tQuantile(0.975, J - 1) - tq) > 1e-6 && J < 200) J++
                expected =
                  tQuantile(0.975, J - 1) *
                  Math.sqrt((a.sd! ** 2 * a.designEffect!) / a.n + (b.sd! ** 2 * b.designEffect!) / b.n)
              }
              expect(Math.abs(expected - c.margin)).toBeLessThan(1e-9)
              checked++
            }
          })
        }
    expect(checked).toBeGreaterThan(10)
  })

  it("gives a lead the change over the partners in both waves only as it follows from the lead's own dashboard, and shows its means", async () => {
    let seen = 0
    let named = 0
    const fmt = new Intl.NumberFormat('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
    for (const role of ROLES) {
      const tr = (await (
        await req(`/api/programmes/${first.pid}/trend?role=${role}`, { cookie: lead })
      ).json()) as TrendJson
      const dash: Dash[] = []
      for (const w of first.waves)
        dash.push(
          (await (
            await req(`/api/programmes/${first.pid}/dashboard?wave=${w}&role=${role}`, { cookie: lead })
          ).json()) as Dash,
        )
      const page = await (
        await req(`/app/programmes/${first.pid}?wave=${first.waves[2]}&role=${role}&lang=en`, { cookie: lead })
      ).text()
      tr.waves.forEach((w, i) => {
        for (const [d, c] of Object.entries(w.change ?? {})) {
          if (!c?.partnersChanged) continue
          const expected = matchedChange(fromShown(dash[i - 1]!), fromShown(dash[i]!), d)
          if (!c.matched) {
            expect(expected).toBeNull()
            continue
          }
          seen++
          for (const f of ['partners', 'from', 'to', 'diff', 'p', 'margin'] as const)
            expect(Math.abs(c.matched[f] - expected![f])).toBeLessThan(1e-9)
          expect(c.matched.significant).toBe(expected!.significant)
          expect(page).toContain(
            `the ${c.matched.partners} partners in both waves: from ${fmt.format(c.matched.from)} to ${fmt.format(c.matched.to)},`,
          )
          // The stand-outs test it as the trend does: not "not comparable", and a clear one named
          // with the same partners and means as shown (the domain test names one: standouts.test.ts).
          const programme = dash[i]!.standouts.find((g) => g.subject.kind === 'programme')!
          expect(programme.partnersChanged?.dimensions ?? []).not.toContain(d)
          const told = programme.items.find((x) => x.kind === 'change' && x.dimension === d)
          if (told) named++
          if (told)
            expect(told).toMatchObject({
              partners: c.matched.partners,
              from: shown(c.matched.from),
              to: shown(c.matched.to),
            })
          if (!c.matched.significant) expect(told).toBeUndefined()
        }
      })
    }
    expect(seen).toBeGreaterThan(3)
    expect(named).toBeGreaterThan(0)
  })

  it('gives a viewer limited to one partner no change over the partners in both waves, by any route', async () => {
    const { pid, ids, waves } = first
    const paths = ROLES.flatMap((role) => [
      `/api/programmes/${pid}/trend?role=${role}`,
      `/api/programmes/${pid}/trend?role=${role}&partner=${ids.P00}`,
      ...waves.map((w) => `/api/programmes/${pid}/dashboard?wave=${w}&role=${role}`),
      ...waves.flatMap((w) =>
        ['en', 'nl'].flatMap((lang) => [
          `/app/programmes/${pid}?wave=${w}&role=${role}&lang=${lang}`,
          `/app/programmes/${pid}?wave=${w}&role=${role}&lang=${lang}&trend=${ids.P00}`,
          `/app/programmes/${pid}/partners/${ids.P00}/report?wave=${w}&role=${role}&lang=${lang}`,
        ]),
      ),
    ])
    // The lead reads first, so whatever a lead's read keeps is there when the viewer reads.
    const reads = await readAs(lead, first, paths)
    expect(
      reads
        .filter(([w]) => w.startsWith('lead'))
        .map((r) => r[3])
        .join('\n'),
    ).toContain('partners-matched')
    let otherSeen = 0
    for (const [what, status, , body] of reads.filter(([w]) => w.startsWith('viewer'))) {
      expect(body, what).not.toContain('matched')
      expect(body, what).not.toContain('in both waves')
      expect(body, what).not.toContain('beide rondes')
      // A stand-out over the partners in both waves carries how many they are.
      if (what.includes('/dashboard?')) {
        const d = JSON.parse(body) as Dash & { headlines: { kind: string; partners?: unknown }[] }
        const changes = [...d.standouts.flatMap((g) => g.items), ...d.headlines].filter((x) => x.kind === 'change')
        expect(
          changes.filter((x) => 'partners' in x),
          what,
        ).toEqual([])
        // Its stand-outs call every such dimension not comparable, as its trend does: none was
        // tested over the partners in both waves (which would show in what is named and what not).
        const [, w, role] = /wave=([^&]+)&role=(\w+)/.exec(what)!
        const trend = JSON.parse(
          reads.find(([x]) => x === `viewer /api/programmes/${pid}/trend?role=${role}`)![3],
        ) as TrendJson
        const i = waves.indexOf(w!)
        const other = Object.entries(trend.waves[i]?.change ?? {}).flatMap(([dim, c]) =>
          c?.partnersChanged ? [dim] : [],
        )
        if (other.length) {
          otherSeen++
          expect(d.standouts.find((g) => g.subject.kind === 'programme')?.partnersChanged?.dimensions, what).toEqual(
            other,
          )
        }
      }
      if (what.includes('trend?role=medewerker') && !what.includes('partner=')) {
        expect(status).toBe(200)
        expect(body).toContain('"partnersChanged":true')
      }
    }
    expect(otherSeen).toBeGreaterThan(0)
  })

  it('the twins read the same bytes; the reads do cover margin, partnersChanged, TrendWhy and the compact heatmap', async () => {
    const [a, b] = [await readAll(first), await readAll(second)]
    const rename = renamer(first, second, PARTNERS)
    const all = a.map((x) => x[3]).join('\n')
    expect(all).toContain('"margin":')
    expect(all).toContain('"partnersChanged":true')
    expect(all).toContain('"matched":')
    // A stand-out over the partners in both waves, named on the lead's page.
    expect(all).toMatch(/over the \d+ partners in both waves [▲▼]/)
    expect(all).toContain('"fewPartners":true')
    expect(all).toContain('id="trend-why"')
    expect(all).toContain('heat-compact')
    const differing = differences(a, b, rename, undefined, madeAt)
    expect(differing).toEqual([])
  })
})
