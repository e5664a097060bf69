import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { isShared, readPublications, storePublication } from '../../../worker/db/publications.ts'
import { joinQuestions, splitQuestions } from '../../../worker/domain/publication-parts.ts'
import { publishWave, type Cell } from '../../../worker/domain/publication.ts'
import { questionDelta } from '../../../worker/domain/question-detail.ts'
import { dimensionsFor } from '../../../worker/domain/instrument-rules.ts'
import { scoredQuestions } from '../../../worker/domain/instrument-rules.ts'
import { findInstrument } from '../../../worker/services/instrument-catalogue.ts'

/**
 * A publication stored in two parts and read in part (schema/migrations/0011_publication_questions.sql):
 * the results API parses only the wave it shows and the published wave before it.
 */

const ins = findInstrument('coachende-manager', 2)!

/** A group of n staff who all answer 4, with its question counts, as a rollup cell holds them. */
function staffCell(partnerId: string, n: number): Cell {
  const stats = Object.fromEntries(dimensionsFor(ins, 'medewerker').map((d) => [d, [n, 4 * n, 16 * n, 0, 0, 0, n, 0]]))
  const one = questionDelta(
    ins,
    'medewerker',
    Object.fromEntries(scoredQuestions(ins, 'medewerker').map((q) => [q.name, 4])),
  )
  const questions = Object.fromEntries(Object.entries(one).map(([name, c]) => [name, c.map((x) => x * n)]))
  return { partnerId, role: 'medewerker', n, stats, questions }
}

// Four waves in order of opening: w1 and w2 show, w3 shows nothing (its group is below k), w4 is not published.
const WAVES = ['w1', 'w2', 'w3', 'w4'] as const
const shown = publishWave(ins, ['pa'], [staffCell('pa', 6)], 5)
const empty = publishWave(ins, ['pa'], [staffCell('pa', 3)], 5)

beforeAll(async () => {
  const db = env.DB
  await db.batch([
    db.prepare(
      "INSERT INTO programmes (id, name, retention_days, created_at) VALUES ('pp', 'Parts', 90, '2026-01-01T00:00:00.000Z')",
    ),
    db.prepare("INSERT INTO partners (id, programme_id, name, headcount) VALUES ('pa', 'pp', 'A', 10)"),
    ...WAVES.map((id, i) =>
      db
        .prepare(
          "INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at) VALUES (?1, 'pp', ?1, 'coachende-manager', 2, ?2, ?3)",
        )
        .bind(id, `2026-0${i + 1}-01T00:00:00.000Z`, `2026-0${i + 1}-20T00:00:00.000Z`),
    ),
  ])
  await storePublication(db, 'w1', shown)
  await storePublication(db, 'w2', shown)
  await storePublication(db, 'w3', empty)
})

describe('publications in two parts', () => {
  it('split into moments and question counts, and joined again, give the publication back', () => {
    const { scores, questions } = splitQuestions(shown)
    expect(JSON.stringify(scores)).not.toContain('questions')
    expect(Object.keys(questions.medewerker!.partners)).toEqual(['pa'])
    expect(joinQuestions(scores, questions)).toEqual(shown)
    // A cell without counts (hidden, or published before they were kept) stays without them.
    expect(joinQuestions(splitQuestions(empty).scores, splitQuestions(empty).questions)).toEqual(empty)
  })

  it('are stored apart, with whether the wave shows anything, and read back whole', async () => {
    const row = await env.DB.prepare("SELECT body, questions, shows FROM publications WHERE wave_id = 'w1'").first<{
      body: string
      questions: string
      shows: number
    }>()
    expect(row!.body).not.toContain('questions')
    expect(row!.questions).toContain('"pa"')
    expect(row!.shows).toBe(1)
    const { meta, parsed } = await readPublications(env.DB, 'pp')
    expect(parsed.get('w1')).toEqual(shown)
    expect(parsed.get('w3')).toEqual(empty)
    expect([...meta]).toEqual([
      ['w1', { k: 5, shows: true }],
      ['w2', { k: 5, shows: true }],
      ['w3', { k: 5, shows: false }],
    ])
  })

  it('parse, for a wave shown, only its publication and that of the published wave before it', async () => {
    const parsedFor = async (wave: string | undefined) =>
      [...(await readPublications(env.DB, 'pp', { wave })).parsed.keys()].sort()
    // Without a wave: the latest that shows anything (w2, not w3) and the one before it.
    expect(await parsedFor(undefined)).toEqual(['w1', 'w2'])
    expect(await parsedFor('w3')).toEqual(['w2', 'w3'])
    expect(await parsedFor('w1')).toEqual(['w1'])
    // A wave not published: only the one before it; a wave of no programme here: none.
    expect(await parsedFor('w4')).toEqual(['w3'])
    expect(await parsedFor('elsewhere')).toEqual([])
    // Every published wave is known either way.
    expect([...(await readPublications(env.DB, 'pp', { wave: 'w1' })).meta.keys()]).toEqual(['w1', 'w2', 'w3'])
  })

  it('are parsed once per isolate: the same stored text gives the same shared object, other text a new one', async () => {
    const first = (await readPublications(env.DB, 'pp')).parsed.get('w1')!
    const again = (await readPublications(env.DB, 'pp', { wave: 'w2' })).parsed.get('w1')!
    // The results service keeps what it derives with this object (results-service.ts `derived`).
    expect(again).toBe(first)
    expect(isShared(first)).toBe(true)
    expect(isShared(shown)).toBe(false)
    // A row whose text is not the text parsed (a restore, another test's database) is parsed anew.
    const other = publishWave(ins, ['pa'], [staffCell('pa', 7)], 5)
    const { scores, questions } = splitQuestions(other)
    await env.DB.prepare("UPDATE publications SET body = ?1, questions = ?2 WHERE wave_id = 'w1'")
      .bind(JSON.stringify(scores), JSON.stringify(questions))
      .run()
    const fresh = (await readPublications(env.DB, 'pp')).parsed.get('w1')!
    expect(fresh).not.toBe(first)
    expect(fresh).toEqual(other)
    expect(isShared(fresh)).toBe(true)
    const { scores: s1, questions: q1 } = splitQuestions(shown)
    await env.DB.prepare("UPDATE publications SET body = ?1, questions = ?2 WHERE wave_id = 'w1'")
      .bind(JSON.stringify(s1), JSON.stringify(q1))
      .run()
  })
})
