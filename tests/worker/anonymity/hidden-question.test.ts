/**
 * A question hidden in a shown group (fewer than k answers on the scale) against the score of its
 * dimension, which is made of its answers (a hostile reader's review): beside the other questions'
 * counts, the dimension's n gave the hidden question's count where who answered what was known,
 * and its mean gave the hidden question's one answer where the other questions read all neutral.
 * So a dimension's questions are shown all or none (worker/domain/question-detail.ts `wholeDimensions`).
 */
import { describe, expect, it } from 'vitest'
import { questionsFor } from '../../../worker/domain/instrument-rules.ts'
import { addWave, closeWave, postJson, signInAdmin } from '../helpers.ts'
import { answersFor, ins, ok, req, submit, type QuestionsJson, type ResultsJson } from './adversary.ts'

const DK = ins.scale.dontKnow.value
const scaled = (dimension: string) =>
  questionsFor(ins, 'medewerker')
    .filter((q) => q.type === 'radiogroup' && q.dimension === dimension)
    .map((q) => q.name)
const kader = scaled('kader')
/** Kader's last question, the one few answer, and the others (four and three before version 5). */
const hidden = kader.at(-1)!
const rest = kader.slice(0, -1)

/** Neutral on the questions of `kader` named, "don't know" on its others, `last` on the hidden one if named. */
function set(onScale: string[], last = 3) {
  const a = answersFor('medewerker', {}, 3)
  for (const name of kader) a[name] = onScale.includes(name) ? (name === hidden ? last : 3) : DK
  return a
}

/** A programme of one partner, A, with an open wave and a staff link. */
async function onePartner(lead: string, name: string) {
  const { id: pid } = await postJson<{ id: string }>(
    '/api/programmes',
    { name: `${name} ${crypto.randomUUID().slice(0, 8)}` },
    lead,
  )
  const { id: partner } = await postJson<{ id: string }>(
    `/api/programmes/${pid}/partners`,
    { name: 'A', headcount: 40 },
    lead,
  )
  const wid = await addWave(lead, pid)
  const { token } = await postJson<{ token: string }>(
    `/api/waves/${wid}/links`,
    { partnerId: partner, role: 'medewerker' },
    lead,
  )
  return { pid, partner, wid, token }
}

/**
 * One partner, nine staff answer sets: five answer all of kader's questions but the last and say
 * "don't know" on it (always scored: all but one), four answer all but one of the others, and
 * `c` of those the last too (scored only then, by the two-thirds rule). The last has `c` < k
 * answers on the scale.
 */
async function wave(lead: string, c: number, last = 3) {
  const { pid, partner, wid, token } = await onePartner(lead, 'Vraag')
  for (let i = 0; i < 5; i++) expect((await submit(token, set(rest))).status).toBe(201)
  for (let i = 0; i < 4; i++) {
    // Each leaves out another of the others, the last one first.
    const dropped = rest.at(-1 - (i % rest.length))
    const some = rest.filter((name) => name !== dropped)
    expect((await submit(token, set(i < c ? [...some, hidden] : some, last))).status).toBe(201)
  }
  await closeWave(lead, wid)
  const d = await ok<ResultsJson & { questions: QuestionsJson }>(
    req(`/api/programmes/${pid}/dashboard?wave=${wid}&role=medewerker&questions=all`, { cookie: lead }),
  )
  const page = await (
    await req(`/app/programmes/${pid}/questions/kader?wave=${wid}&role=medewerker&part=table`, { cookie: lead })
  ).text()
  return { d, partner, page }
}

describe('a question hidden in a shown group', () => {
  it('hides the other questions of its dimension, for the partner and the programme, in the API and the page', async () => {
    const lead = await signInAdmin()
    for (const c of [1, 4]) {
      const { d, partner, page } = await wave(lead, c)
      const cell = d.partners.find((p) => p.id === partner)!
      // The dimension is still scored, from 5 + c answer sets: that alone tells nothing of the last question.
      expect(cell.scores!.kader!.n, `c = ${c}`).toBe(5 + c)
      for (const name of kader) {
        expect(d.questions.partners[partner]![name], `${name}, c = ${c}`).toBeNull()
        expect(d.questions.programme![name], `programme ${name}, c = ${c}`).toBeNull()
      }
      // Another dimension, every question of it answered by all nine, is shown.
      for (const name of scaled('coaching')) expect(d.questions.partners[partner]![name]!.onScale).toBe(9)
      // The page's table says why, and prints no share of kader's questions.
      expect(page).toContain('minder dan 5 antwoorden op de schaal, op deze of een andere vraag van de dimensie')
      expect(page).not.toMatch(/\d+%/)
    }
  })

  it("leaves the one answer to the hidden question out of reach: the other questions' counts it was worked out from are hidden", async () => {
    const lead = await signInAdmin()
    const { d, partner } = await wave(lead, 1, 5)
    const s = d.partners.find((p) => p.id === partner)!.scores!.kader!
    // With kader's other questions all neutral and shown, 3 + (N − 1) × (sum − 3n) gave the last one's answer (5):
    // the one who answered it is scored on N − 1 questions, the others on neutral answers alone.
    expect(3 + (kader.length - 1) * (s.mean! * s.n - 3 * s.n)).toBeCloseTo(5)
    for (const name of rest) expect(d.questions.partners[partner]![name]).toBeNull()
  })
})

describe("a partner report whose weakest dimensions' questions are all hidden", () => {
  it('says so once per dimension, not in every row of a table', async () => {
    const lead = await signInAdmin()
    const { pid, partner, wid, token } = await onePartner(lead, 'Rapport')
    // Five answer sets, dimensions apart in score; one of them says "don't know" to each dimension's first
    // question, so every question of every dimension has 4 answers on the scale, below k = 5.
    const dims = [
      ...new Set(questionsFor(ins, 'medewerker').flatMap((q) => (q.type === 'radiogroup' ? [q.dimension] : []))),
    ]
    for (let i = 0; i < 5; i++) {
      const a = answersFor('medewerker', Object.fromEntries(dims.map((d, j) => [d, 1 + ((i + j) % 5)])))
      if (i === 0) for (const d of dims) a[scaled(d)[0]!] = DK
      expect((await submit(token, a)).status).toBe(201)
    }
    await closeWave(lead, wid)
    for (const [lang, words] of [
      ['nl', 'van deze dimensie te tonen: minder dan 5 antwoorden op de schaal'],
      ['en', 'questions can be shown: fewer than 5 answers on the scale'],
    ] as const) {
      const html = await (
        await req(`/app/programmes/${pid}/partners/${partner}/report?wave=${wid}&lang=${lang}`, { cookie: lead })
      ).text()
      const notices = html.split(words).length - 1
      expect(notices, lang).toBeGreaterThanOrEqual(1)
      expect(html).not.toContain('<table class="questions" id="report-questions-')
      // One sentence per dimension detailed, where the rows each said it before.
      expect(notices).toBe([...html.matchAll(/id="report-questions-[a-z_]+-hidden"/g)].length)
    }
  })
})
