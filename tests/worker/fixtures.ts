import type { Instrument, Role } from '../../schema/instrument.ts'
import type { Partner, Programme } from '../../worker/db/programmes.ts'
import type { Wave } from '../../worker/db/waves.ts'
import { dimensionsFor, parseInstrument, scoredQuestions } from '../../worker/domain/instrument-rules.ts'
import { bandOf } from '../../worker/domain/levels.ts'
import type { Cell, Publication } from '../../worker/domain/publication.ts'
import { showsAnything } from '../../worker/domain/publication-parts.ts'
import type { ProgrammeData } from '../../worker/domain/wave-results.ts'
import { questionDelta } from '../../worker/domain/question-detail.ts'
import { cellDelta } from '../../worker/domain/rollup.ts'
import { scoreAnswers, type Answers } from '../../worker/domain/scoring.ts'
import { rng } from '../../worker/domain/simulated-answers.ts'

const t = (s: string) => ({ nl: s, en: s })
const behaviour = { a: t('a'), b: t('b') }

/** A two-dimension instrument small enough to score by hand. */
export const mini: Instrument = parseInstrument({
  id: 'mini',
  version: 1,
  title: t('Mini'),
  description: t('Mini'),
  scale: {
    min: 1,
    max: 5,
    labels: [t('1'), t('2'), t('3'), t('4'), t('5')],
    dontKnow: { value: 'nvt', label: t('?') },
  },
  roles: ['medewerker', 'teammanager', 'tactisch'],
  dimensions: [
    { key: 'a', label: t('A'), description: t('A'), radar: true },
    { key: 'b', label: t('B'), description: t('B'), radar: true },
  ],
  levels: [
    { level: 1, name: t('1'), from: 1, to: 1.8, description: t('1'), behaviour },
    { level: 2, name: t('2'), from: 1.8, to: 2.6, description: t('2'), behaviour },
    { level: 3, name: t('3'), from: 2.6, to: 3.4, description: t('3'), behaviour },
    { level: 4, name: t('4'), from: 3.4, to: 4.2, description: t('4'), behaviour },
    { level: 5, name: t('5'), from: 4.2, to: 5, description: t('5'), behaviour },
  ],
  dispersionCap: { sdAbove: 1.2, maxLevel: 3 },
  survey: {
    pages: [
      {
        name: 'p1',
        title: t('P1'),
        elements: [
          { type: 'radiogroup', name: 'a1', dimension: 'a', wording: { medewerker: t('a1'), teammanager: t('a1') } },
          {
            type: 'radiogroup',
            name: 'a2',
            dimension: 'a',
            reverse: true,
            wording: { medewerker: t('a2'), teammanager: t('a2') },
          },
          { type: 'radiogroup', name: 'a3', dimension: 'a', wording: { medewerker: t('a3'), teammanager: t('a3') } },
          { type: 'radiogroup', name: 'b1', dimension: 'b', wording: { medewerker: t('b1'), tactisch: t('b1') } },
          { type: 'radiogroup', name: 'b2', dimension: 'b', wording: { medewerker: t('b2'), tactisch: t('b2') } },
          {
            type: 'radiogroup',
            name: 'b3',
            dimension: 'b',
            reverse: true,
            wording: { medewerker: t('b3'), tactisch: t('b3') },
          },
          { type: 'radiogroup', name: 'b4', dimension: 'b', wording: { medewerker: t('b4'), tactisch: t('b4') } },
        ],
      },
    ],
  },
})

/**
 * A rollup cell's moments of one dimension's `scores` on `ins`, as a submission adds them
 * (worker/domain/rollup.ts): n, sum, sum of squares, then how many fell in each level's band.
 */
export function scoreStats(ins: Instrument, scores: number[]): number[] {
  const s = new Array<number>(3 + ins.levels.length).fill(0)
  for (const x of scores) {
    s[0]! += 1
    s[1]! += x
    s[2]! += x * x
    s[2 + bandOf(ins, x)]! += 1
  }
  return s
}

/**
 * The rollup cell of `n` answer sets of `role` on `ins` built from their scores, not their answers:
 * answer set i scores `score(dimension, i)` on each dimension `role` rates. For the tests whose
 * numbers are worked by hand (tests/worker/domain/gap.test.ts, tests/worker/pages/).
 */
export function cellOf(
  ins: Instrument,
  partnerId: string,
  role: Role,
  n: number,
  score: (dimension: string, i: number) => number,
): Cell {
  const stats: Record<string, number[]> = {}
  for (const d of dimensionsFor(ins, role))
    stats[d] = scoreStats(
      ins,
      Array.from({ length: n }, (_, i) => score(d, i)),
    )
  return { partnerId, role, n, stats }
}

/** `n` answer sets alternating mean − 0.5 and mean + 0.5 on each dimension, its mean in `means` or 3. */
export const alternatingCell = (
  ins: Instrument,
  partnerId: string,
  role: Role,
  n: number,
  means: Record<string, number>,
): Cell => cellOf(ins, partnerId, role, n, (d, i) => (means[d] ?? 3) + (i % 2 ? 0.5 : -0.5))

/**
 * The rollup cell of one group of `role` on `ins`, made as D1 makes it (worker/domain/rollup.ts):
 * each answer set's cellDelta and question counts added.
 */
export function rollupCell(ins: Instrument, role: Role, partnerId: string, sets: Answers[]): Cell {
  const stats: Record<string, number[]> = {}
  const questions: Record<string, number[]> = {}
  const add = (into: Record<string, number[]>, from: Record<string, number[]>) => {
    for (const [key, v] of Object.entries(from)) into[key] = v.map((x, i) => x + (into[key]?.[i] ?? 0))
  }
  for (const a of sets) {
    add(stats, cellDelta(ins, role, a, scoreAnswers(ins, role, a)))
    add(questions, questionDelta(ins, role, a))
  }
  return { partnerId, role, n: sets.length, stats, questions }
}

/**
 * Staff answer sets on `ins` and their rollup cells, for the tests of the shared-questions score
 * (tests/worker/anonymity/shared-items.test.ts, tests/worker/pages/csv-shared-reasons.test.ts).
 */
export const staffSets = (ins: Instrument) => {
  const questions = scoredQuestions(ins, 'medewerker')
  return {
    /** A staff answer set: every question at `base`, with the answers given in `set` instead. */
    answerSet: (base: number, set: Answers = {}): Answers => ({
      ...Object.fromEntries(questions.map((q) => [q.name, base])),
      ...set,
    }),
    /** The rollup cell of one staff group, made as D1 makes it. */
    cellOf: (partnerId: string, sets: Answers[]): Cell => rollupCell(ins, 'medewerker', partnerId, sets),
  }
}

/** A standard normal draw (Box–Muller) from `random`. */
export const normal = (random: () => number) =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random())

/**
 * A staff group's answer sets on `ins`, for the agreement tests (tests/worker/domain/agreement-rule.test.ts,
 * tests/worker/anonymity/agreement.test.ts, tests/e2e/agreement.test.ts): each person's view around
 * `centre(p)` with SD 0.55, item noise of SD 0.67, rounded onto the scale; with `dk`, "don't know"
 * with that chance (drawn only then, so a group without it is drawn as before).
 */
export function agreementSets(
  ins: Instrument,
  n: number,
  centre: (p: number) => number,
  seed: number,
  dk?: number,
): Answers[] {
  const random = rng(seed)
  return Array.from({ length: n }, (_, p) => {
    const view = centre(p) + 0.55 * normal(random)
    const a: Answers = {}
    for (const page of ins.survey.pages)
      for (const q of page.elements) {
        if (q.type !== 'radiogroup' || !q.wording.medewerker) continue
        if (dk !== undefined && random() < dk) a[q.name] = ins.scale.dontKnow.value
        else {
          const v = Math.min(ins.scale.max, Math.max(ins.scale.min, Math.round(view + 0.67 * normal(random))))
          a[q.name] = q.reverse ? ins.scale.min + ins.scale.max - v : v
        }
      }
    return a
  })
}

/**
 * A programme, its partners and a closed wave as stored, for the page tests that publish a wave by
 * hand (tests/worker/pages/): programme "p", wave "w1" of Voorjaar 2026 with k 5 unless `wave` says other.
 */
export const pageProgramme: Programme = {
  id: 'p',
  name: 'Keten',
  retentionDays: 30,
  waveRetentionYears: null,
  cadenceMonths: null,
  cadenceOpenDays: null,
  nextWaveAt: null,
}
export const pagePartner = (id: string, name: string): Partner => ({
  id,
  programmeId: 'p',
  name,
  headcount: null,
  headcounts: { medewerker: null, teammanager: null, tactisch: null },
  addedAt: null,
})
export const pageWave = (wave: Partial<Wave> & Pick<Wave, 'instrumentVersion'>): Wave => ({
  id: 'w1',
  programmeId: 'p',
  label: 'Voorjaar',
  instrument: 'coachende-manager',
  opensAt: '2026-01-01T00:00:00.000Z',
  closesAt: '2026-02-01T00:00:00.000Z',
  minGroupSize: 5,
  createdAt: null,
  ...wave,
})

/** What the results read of `waves`, each published as `publications` holds it by wave id: every partner in scope, no changes. */
export const wavesData = (
  partners: Partner[],
  waves: Wave[],
  publications: Map<string, Publication>,
): ProgrammeData => ({
  partners,
  waves,
  published: new Map([...publications].map(([id, pub]) => [id, { k: pub.k, shows: showsAnything(pub) }])),
  publications,
  scope: { all: true },
  changes: new Map(),
  participation: [],
  asked: new Set<string>(),
})

/** What the results read of `wave` published as `publication`, every partner in scope and no other wave. */
export const pageData = (partners: Partner[], wave: Wave, publication: Publication): ProgrammeData =>
  wavesData(partners, [wave], new Map([[wave.id, publication]]))

/** A rendered page's text: tags as spaces, quotes unescaped, white space folded. */
export const pageText = async (node: unknown) =>
  String(await (node as { toString(): string | Promise<string> }).toString())
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')

/** `x` as a page prints it at `digits` decimals (Intl rounds as the reader reads it, not as toFixed does), in whole steps. */
export const printedSteps = (x: number, digits: number): number =>
  Math.round(
    Number(
      new Intl.NumberFormat('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
        useGrouping: false,
      }).format(x),
    ) *
      10 ** digits,
  )
