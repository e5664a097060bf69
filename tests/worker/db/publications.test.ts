import { env } from 'cloudflare:workers'
import { beforeAll, describe, expect, it } from 'vitest'
import { isShared, publicationCache, readPublications, storePublication } from '../../../worker/db/publications.ts'
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

/**
 * The real D1, with the text columns of every row it answers counted: what crossed from D1 into the
 * Worker. Nothing is changed on the way.
 */
function textSent(db: D1Database): { db: D1Database; chars: () => number } {
  let chars = 0
  const count = (rows: Record<string, unknown>[]) => {
    for (const r of rows) for (const c of ['body', 'questions'] as const) chars += String(r[c] ?? '').length
  }
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    ({
      bind: (...values: unknown[]) => wrap(stmt.bind(...values)),
      all: async () => {
        const res = await stmt.all<Record<string, unknown>>()
        count(res.results)
        return res
      },
    }) as unknown as D1PreparedStatement
  return { db: { prepare: (sql: string) => wrap(db.prepare(sql)) } as unknown as D1Database, chars: () => chars }
}

describe('publications kept per isolate by their stamp', () => {
  const programme = async (id: string, waves: string[]) => {
    const db = env.DB
    await db.batch([
      db
        .prepare(
          "INSERT INTO programmes (id, name, retention_days, created_at) VALUES (?1, ?1, 90, '2026-01-01T00:00:00.000Z')",
        )
        .bind(id),
      db
        .prepare("INSERT INTO partners (id, programme_id, name, headcount) VALUES (?1, ?2, 'A', 10)")
        .bind(`${id}-a`, id),
      ...waves.map((w, i) =>
        db
          .prepare(
            "INSERT INTO waves (id, programme_id, label, instrument_id, instrument_version, opens_at, closes_at) VALUES (?1, ?2, ?1, 'coachende-manager', 2, ?3, ?4)",
          )
          .bind(w, id, `2026-0${i + 1}-01T00:00:00.000Z`, `2026-0${i + 1}-20T00:00:00.000Z`),
      ),
    ])
  }
  const stampOf = async (wave: string) =>
    (await env.DB.prepare('SELECT stamp FROM publications WHERE wave_id = ?1').bind(wave).first<{ stamp: string }>())!
      .stamp

  it('sends the text once: a second read of the same stamps carries none, and gets the same objects', async () => {
    await programme('ka', ['ka1', 'ka2'])
    await storePublication(env.DB, 'ka1', shown)
    await storePublication(env.DB, 'ka2', empty)
    const first = textSent(env.DB)
    const a = (await readPublications(first.db, 'ka')).parsed
    // Stored by this isolate but not yet known as the programme's: its text comes once more.
    expect(first.chars()).toBeGreaterThan(1000)
    const second = textSent(env.DB)
    const b = (await readPublications(second.db, 'ka')).parsed
    const c = (await readPublications(second.db, 'ka', { wave: 'ka2' })).parsed
    expect(second.chars()).toBe(0)
    expect(b.get('ka1')).toBe(a.get('ka1'))
    expect(c.get('ka2')).toBe(a.get('ka2'))
    expect(b.get('ka1')).toEqual(shown)
    expect(b.get('ka2')).toEqual(empty)
  })

  it("never gives one programme's publication to another, not even under a copied stamp", async () => {
    await programme('kb', ['kb1'])
    await programme('kc', ['kc1'])
    const other = publishWave(ins, ['kc-a'], [staffCell('kc-a', 9)], 5)
    await storePublication(env.DB, 'kb1', shown)
    await storePublication(env.DB, 'kc1', other)
    expect((await readPublications(env.DB, 'kb')).parsed.get('kb1')).toEqual(shown)
    // kc's row made to carry kb's stamp (only by hand: D1 gives each text its own).
    await env.DB.prepare('UPDATE publications SET stamp = ?1 WHERE wave_id = ?2')
      .bind(await stampOf('kb1'), 'kc1')
      .run()
    const read = textSent(env.DB)
    const kc = await readPublications(read.db, 'kc')
    expect([...kc.parsed.keys()]).toEqual(['kc1'])
    expect(kc.parsed.get('kc1')).toEqual(other)
    expect(read.chars()).toBeGreaterThan(1000)
    expect((await readPublications(env.DB, 'kb')).parsed.get('kb1')).toEqual(shown)
  })

  it('gives no stale publication after a purge and republication, an edit, or the wave deleted', async () => {
    await programme('kd', ['kd1'])
    await storePublication(env.DB, 'kd1', shown)
    expect((await readPublications(env.DB, 'kd')).parsed.get('kd1')).toEqual(shown)
    const before = await stampOf('kd1')
    // Purged and published again from other rollups (tests/worker/anonymity/republish.test.ts).
    await env.DB.prepare("DELETE FROM publications WHERE wave_id = 'kd1'").run()
    const again = publishWave(ins, ['kd-a'], [staffCell('kd-a', 8)], 5)
    await storePublication(env.DB, 'kd1', again)
    expect(await stampOf('kd1')).not.toBe(before)
    expect((await readPublications(env.DB, 'kd')).parsed.get('kd1')).toEqual(again)
    expect((await readPublications(env.DB, 'kd', { wave: 'kd1' })).parsed.get('kd1')).toEqual(again)
    // Written by hand, without a stamp: D1 gives the new text a new one.
    const { scores, questions } = splitQuestions(shown)
    await env.DB.prepare("UPDATE publications SET body = ?1, questions = ?2 WHERE wave_id = 'kd1'")
      .bind(JSON.stringify(scores), JSON.stringify(questions))
      .run()
    expect((await readPublications(env.DB, 'kd')).parsed.get('kd1')).toEqual(shown)
    await env.DB.prepare("DELETE FROM publications WHERE wave_id = 'kd1'").run()
    await env.DB.prepare("DELETE FROM waves WHERE id = 'kd1'").run()
    const gone = await readPublications(env.DB, 'kd')
    expect([...gone.meta.keys()]).toEqual([])
    expect([...gone.parsed.keys()]).toEqual([])
  })

  it('keeps within its budget of text, the least recently read dropped first, and reads right past it', async () => {
    await programme('ke', ['ke1', 'ke2', 'ke3'])
    const pubs = [1, 2, 3].map((i) => publishWave(ins, ['ke-a'], [staffCell('ke-a', 5 + i)], 5))
    const parts = splitQuestions(pubs[0]!)
    const one = JSON.stringify(parts.scores).length + JSON.stringify(parts.questions).length
    const budget = publicationCache.budget
    publicationCache.budget = Math.ceil(one * 2.5)
    try {
      for (const [i, p] of pubs.entries()) await storePublication(env.DB, `ke${i + 1}`, p)
      for (let round = 0; round < 2; round++) {
        const read = (await readPublications(env.DB, 'ke')).parsed
        for (const [i, p] of pubs.entries()) expect(read.get(`ke${i + 1}`)).toEqual(p)
        expect(publicationCache.chars()).toBeLessThanOrEqual(publicationCache.budget)
        expect(publicationCache.size()).toBeLessThanOrEqual(2)
      }
    } finally {
      publicationCache.budget = budget
    }
  })
})
