/**
 * The researcher's moments export's pairwise block (worker/services/export-service.ts
 * `pairwiseBlock`, worker/domain/pooled-covariance.ts `pairwiseCovariance`) attacked by small
 * differences: each pair of items is pooled over the answer sets that answered both, so a pair's
 * answer sets hold a scale's complete ones, and an item's (the diagonal) hold every pair's with it.
 * Two waves of 104 staff, each with one answer set the lead is after:
 *  - wave 1: "don't know" on kader_1 and kader_2 (too few kader answers to be scored, so the kader
 *    scale's 103 complete answer sets are exactly the dimension's 103 scores and the scale is
 *    published); kader_3, kader_4 and kader_5 were answered by all 104, so their means and variances
 *    on the diagonal minus the kader scale's gave that person's answers to them and their products;
 *  - wave 2: "don't know" on kader_1 only (scored on the other four): the kader scale is withheld
 *    (tests/worker/anonymity/small-difference.test.ts), but the published programme cell's kader
 *    scores (104) and the five diagonals' sums, with the quality view's one "don't know" on kader_1,
 *    gave that person's kader score: 5 × scores' sum − the items' sums.
 * Both are replayed on the pools as D1 holds them (what the export gave before the pairwise block
 * joined small-difference withholding) and then on the export as served.
 */
import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { readPoolItems, readPools } from '../../../worker/db/pool-moments.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { covariance, questionQuality } from '../../../worker/domain/measurement-quality.ts'
import { pairwiseCovariance } from '../../../worker/domain/pooled-covariance.ts'
import type { Answers } from '../../../worker/domain/scoring.ts'
import { en } from '../../../worker/i18n/en.ts'
import { nl } from '../../../worker/i18n/nl.ts'
import { signInAdmin } from '../helpers.ts'
import { answersFor, ins, ok, req, type ResultsJson, type QuestionsJson } from './adversary.ts'
import { staffWave } from './staff-wave.ts'

const K = 5
const escapeHtml = (x: string) =>
  x.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;')
type Scale = { items: string[]; n: number | null; means: number[] | null; covariance: number[][] | null }
type Pairwise = {
  names: string[]
  withheld: string | null
  n: number[][] | null
  means: number[] | null
  covariance: number[][] | null
}
type Moments = { scales: Record<string, Scale>; pairwise: Pairwise }

const items = scoredQuestions(ins, 'medewerker')
const keyed = (name: string, v: number) =>
  items.find((q) => q.name === name)!.reverse ? ins.scale.min + ins.scale.max - v : v
/** The kader scale's questions (five from version 5 on, four before) and their count. */
const KADER = items.filter((q) => q.dimension === 'kader').map((q) => q.name)
const N = KADER.length

/** An answer set with every dimension at 3 but kader: "don't know" on `skipped`, the rest of kader as `kader` gives (keyed values). */
function target(skipped: string[], kader: Record<string, number>): Answers {
  const a = answersFor('medewerker', {})
  for (const name of skipped) a[name] = ins.scale.dontKnow.value
  for (const [name, v] of Object.entries(kader)) a[name] = keyed(name, v)
  return a
}

/** A finding: `few` answer sets' sum of `what` (an item, or the product of two). */
type Finding = { scale: string; what: string; few: number; sum: number }

/**
 * Wave 1's arithmetic over every published scale and the pairwise block: an item's diagonal
 * (its answer sets, their sum and sum of squares) minus the scale's complete answer sets on it,
 * where the two differ by 1 to k − 1; and a pair's cross-products minus the scale's where the pair
 * was answered by exactly the diagonals' answer sets (same n, nested, so the same ones).
 */
function scaleVersusPairs(file: Moments): Finding[] {
  const pw = file.pairwise
  if (!pw.n || !pw.means || !pw.covariance) return []
  const out: Finding[] = []
  for (const [key, s] of Object.entries(file.scales)) {
    if (s.n === null || !s.means || !s.covariance) continue
    const at = s.items.map((name) => pw.names.indexOf(name))
    const few = at.map((i) => pw.n![i]![i]! - s.n!)
    const sum = (i: number) => pw.means![at[i]!]! * pw.n![at[i]!]![at[i]!]!
    for (const [i, name] of s.items.entries()) {
      if (few[i]! < 1 || few[i]! >= K) continue
      out.push({ scale: key, what: name, few: few[i]!, sum: Math.round(sum(i) - s.means[i]! * s.n) })
      for (let j = i + 1; j < s.items.length; j++) {
        const nij = pw.n[at[i]!]![at[j]!]!
        if (few[j] !== few[i] || nij !== s.n + few[i]!) continue
        const pair = pw.covariance[at[i]!]![at[j]!]! * (nij - 1) + (sum(i) * sum(j)) / nij
        const inScale = s.covariance[i]![j]! * (s.n - 1) + s.means[i]! * s.means[j]! * s.n
        out.push({ scale: key, what: `${name}×${s.items[j]}`, few: few[i]!, sum: Math.round(pair - inScale) })
      }
    }
  }
  return out
}

/**
 * Wave 2's arithmetic: the reader sees in the quality view one "don't know", on kader_1, and the
 * kader scores of all 104 answer sets in the results. The 103 others' scores are a 1/N of their N
 * items, the one's a 1/(N − 1) of its N − 1: N × scores' sum − (Σ of the kader items over the
 * diagonals) = that one's N − 1 answers / (N − 1), its score. Null without the diagonals.
 */
function scoreVersusDiagonals(file: Moments, kader: { n: number; mean: number }): number | null {
  const pw = file.pairwise
  if (!pw.n || !pw.means) return null
  const sums = KADER.map((name) => {
    const i = pw.names.indexOf(name)
    return pw.means![i]! * pw.n![i]![i]!
  })
  return Math.round((N - 1) * (N * kader.n * kader.mean - sums.reduce((a, b) => a + b, 0))) / (N - 1)
}

type QualityQuestion = {
  name: string
  asked: number
  dontKnowRate: number | null
  floorShare: number | null
  ceilingShare: number | null
}

/**
 * Without the pairwise block: a question's distribution over the answer sets that answered it, from
 * the results' question detail (disagree = 1 or 2, neutral 3, agree 4 or 5) and the quality view's
 * floor and ceiling shares (1 and 5): its sum over its answerers, the diagonal's. Minus a published
 * scale's sum of it, where the two differ by 1 to k − 1 answer sets.
 */
function scaleVersusQuestions(file: Moments, detail: QuestionsJson, quality: QualityQuestion[]): Finding[] {
  const out: Finding[] = []
  for (const [key, s] of Object.entries(file.scales)) {
    if (s.n === null || !s.means) continue
    for (const [i, name] of s.items.entries()) {
      const q = questionSum(name, detail, quality)
      const few = q ? q.answered - s.n : 0
      if (q && few >= 1 && few < K)
        out.push({ scale: key, what: name, few, sum: Math.round(q.sum - s.means[i]! * s.n) })
    }
  }
  return out
}

/** A question's answer sets and keyed sum over them, from its distribution; null where floor or ceiling is not given. */
function questionSum(name: string, detail: QuestionsJson, quality: QualityQuestion[]) {
  const shares = detail.programme?.[name]
  const q = quality.find((x) => x.name === name)
  if (!shares || !q || q.floorShare === null || q.ceilingShare === null) return null
  const answered = shares.onScale
  const floor = Math.round(q.floorShare * answered)
  const ceiling = Math.round(q.ceilingShare * answered)
  const raw =
    floor +
    2 * (shares.disagree.count - floor) +
    3 * shares.neutral.count +
    4 * (shares.agree.count - ceiling) +
    5 * ceiling
  return { answered, sum: keyed(name, 1) === 1 ? raw : (ins.scale.min + ins.scale.max) * answered - raw }
}

/**
 * Without the export at all: the results' kader scores and the N kader questions' sums
 * (`questionSum`). A complete answer set's score is 1/N of its N answers, so N(N − 1) × the
 * scores' sum − (N − 1) × the questions' sums leaves nothing of it: what is left is the sum of the
 * answers of those scored on N − 1 (× 1) and, × −(N − 1), of those who answered some but too few to
 * be scored. With one such answer set, that one's answers. Null where a question's sum is not given.
 */
function scoresVersusQuestions(kader: { n: number; mean: number }, detail: QuestionsJson, quality: QualityQuestion[]) {
  const sums = KADER.map((name) => questionSum(name, detail, quality))
  if (sums.some((x) => x === null)) return null
  return Math.round(N * (N - 1) * kader.n * kader.mean - (N - 1) * sums.reduce((a, x) => a + x!.sum, 0))
}

/** The quality view's questions as the pool in D1 gives them, withholding nothing. */
async function unguardedQuestions(waveId: string): Promise<QualityQuestion[]> {
  const pool = (await readPools(env.DB, ins, waveId)).medewerker!
  return Object.entries(pool.questions).map(([name, q]) => questionQuality(name, q))
}

/** The export's scales and pairwise block as the pools in D1 give them, withholding nothing. */
async function unguarded(waveId: string): Promise<Moments> {
  const pool = (await readPools(env.DB, ins, waveId)).medewerker!
  const { pairs } = await readPoolItems(env.DB, ins, waveId, 'medewerker')
  const m = pairwiseCovariance(pairs!)!
  return {
    scales: Object.fromEntries(
      Object.entries(pool.scales).map(([key, s]) => [
        key,
        { items: s.items, n: s.n, means: s.sum.map((x) => x / s.n), covariance: covariance(s) },
      ]),
    ),
    pairwise: { names: pairs!.items, withheld: null, n: m.n, means: m.means, covariance: m.covariance },
  }
}

let lead: string
/** One programme a wave (waves of one programme may not overlap): [programme, wave]. */
const waves: [string, string][] = []
beforeAll(async () => {
  lead = await signInAdmin()
  const targets = [
    // kader_5 (version 5's fifth kader question) answered 3 in wave 1 and 2 in wave 2.
    target(['kader_1', 'kader_2'], { kader_3: 2, kader_4: 4, kader_5: 3 }),
    target(['kader_1'], { kader_2: 1, kader_3: 2, kader_4: 3, kader_5: 2 }),
  ]
  for (const one of targets) waves.push(await staffWave(lead, 'Paren', one))
}, 180_000)

const read = <T>(w: number, what: string, more = '') => {
  const [programmeId, waveId] = waves[w]!
  return ok<T>(req(`/api/programmes/${programmeId}/${what}?wave=${waveId}&role=medewerker${more}`, { cookie: lead }))
}
const served = (w: number) => read<Moments>(w, 'quality/moments.json')

describe("small differences in the moments export's pairwise block", () => {
  it('gives away nothing of one who skipped two kader questions, where the diagonals minus the kader scale gave their answers', async () => {
    const view = await read<{
      shown: boolean
      scales: Record<string, { n: number; alpha: number | null; withheld?: string }>
    }>(0, 'quality')
    expect(view.shown).toBe(true)
    // The quality view's α and item statistics of that scale are functions of its covariance matrix: withheld as well.
    expect(view.scales.kader).toMatchObject({ n: 103, alpha: null, withheld: 'small-difference' })
    expect(view.scales.coaching).toMatchObject({ n: 104 })
    expect(view.scales.coaching!.alpha).not.toBeNull()
    // And the page says why, in both languages.
    const [programmeId, waveId] = waves[0]!
    for (const [lang, words] of [
      ['en', en.qualityAgreeSmallDifference],
      ['nl', nl.qualityAgreeSmallDifference],
    ] as const) {
      const page = await (
        await req(`/app/programmes/${programmeId}/quality?wave=${waveId}&role=medewerker&lang=${lang}`, {
          cookie: lead,
        })
      ).text()
      expect(page).toContain(escapeHtml(words))
    }
    const before = scaleVersusPairs(await unguarded(waves[0]![1]))
    expect(before).toEqual(
      expect.arrayContaining([
        { scale: 'kader', what: 'kader_3', few: 1, sum: 2 },
        { scale: 'kader', what: 'kader_4', few: 1, sum: 4 },
        { scale: 'kader', what: 'kader_3×kader_4', few: 1, sum: 8 },
      ]),
    )
    const file = await served(0)
    // First, so a release that gave the pairs fails on what they give away.
    expect(scaleVersusPairs(file)).toEqual([])
    // The kader scale goes (103 complete, 104 answered kader_3: scaleVersusQuestions) and the pairs, all of them.
    expect(file.scales.kader).toMatchObject({ n: null, means: null, covariance: null, withheld: 'small-difference' })
    expect(file.pairwise).toMatchObject({ withheld: 'small-difference', n: null, means: null, covariance: null })
  })

  it('gives away nothing of one who skipped kader_1, where the published kader scores and the diagonals gave their score', async () => {
    const dashboard = await read<ResultsJson>(1, 'dashboard')
    const kader = dashboard.programme.scores!.kader!
    expect(kader.n).toBe(104)
    expect(scoreVersusDiagonals(await unguarded(waves[1]![1]), kader)).toBe(2)
    const file = await served(1)
    expect(scoreVersusDiagonals(file, kader)).toBeNull()
    expect(file.pairwise.withheld).toBe('small-difference')
  })

  it("gives away nothing of them through the questions' distributions either, where those minus the kader scale gave their answers", async () => {
    const dashboard = await read<ResultsJson>(0, 'dashboard', '&questions=all')
    const view = await read<{ questions: QualityQuestion[] }>(0, 'quality')
    const before = scaleVersusQuestions(
      await unguarded(waves[0]![1]),
      dashboard.questions!,
      await unguardedQuestions(waves[0]![1]),
    )
    expect(before).toEqual([
      { scale: 'kader', what: 'kader_5', few: 1, sum: 3 },
      { scale: 'kader', what: 'kader_3', few: 1, sum: 2 },
      { scale: 'kader', what: 'kader_4', few: 1, sum: 4 },
    ])
    expect(scaleVersusQuestions(await served(0), dashboard.questions!, view.questions)).toEqual([])
  })

  it('gives away nothing through the results and the quality view alone, where the kader scores minus the questions gave both', async () => {
    for (const [w, left] of [
      // Wave 1: scored on no kader question, three answered (2, 4 and 3): −(N − 1) × 9.
      [0, -4 * 9],
      // Wave 2: scored on four (1, 2, 3 and 2): their sum, 4 × the score 2.
      [1, 8],
    ] as const) {
      const dashboard = await read<ResultsJson>(w, 'dashboard', '&questions=all')
      const view = await read<{ questions: QualityQuestion[] }>(w, 'quality')
      const kader = dashboard.programme.scores!.kader!
      expect(scoresVersusQuestions(kader, dashboard.questions!, await unguardedQuestions(waves[w]![1]))).toBe(left)
      // The kader questions' floor and ceiling shares are withheld with the scale's α.
      expect(scoresVersusQuestions(kader, dashboard.questions!, view.questions)).toBeNull()
      const kader3 = view.questions.find((q) => q.name === 'kader_3')!
      expect(kader3).toMatchObject({ floorShare: null, ceilingShare: null })
      expect(view.questions.find((q) => q.name === 'coaching_1')!.floorShare).not.toBeNull()
    }
  })
})
