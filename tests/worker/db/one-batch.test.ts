import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import { inOneBatch } from '../../../worker/db/one-batch.ts'

/**
 * worker/db/one-batch.ts against the real D1: what a reader asks for before its first await goes
 * to D1 in one batch with the caller's statements (one transaction), what it asks for later goes
 * on its own, and a failing batch fails the reader and the caller alike.
 */

/** D1 with every call to it written down: `batch` for a batch of n, `call` for a statement on its own. */
function watched(db: D1Database) {
  const calls: string[] = []
  const wrap = (stmt: D1PreparedStatement): D1PreparedStatement =>
    new Proxy(stmt, {
      get(target, prop) {
        if (prop === 'bind') return (...values: unknown[]) => wrap(target.bind(...values))
        if (prop === 'all' || prop === 'first' || prop === 'run' || prop === 'raw') {
          return (...args: unknown[]) => {
            calls.push('call')
            return (target[prop] as (...a: unknown[]) => unknown).apply(target, args)
          }
        }
        const value = Reflect.get(target, prop, target) as unknown
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
  const proxy = {
    prepare: (sql: string) => wrap(db.prepare(sql)),
    batch: (statements: D1PreparedStatement[]) => {
      calls.push(`batch ${statements.length}`)
      return db.batch(statements)
    },
  } as unknown as D1Database
  return { db: proxy, calls }
}

describe('inOneBatch', () => {
  it("sends what is asked for before the first await as one batch with the caller's statements", async () => {
    const { db, calls } = watched(env.DB)
    const { value, also } = await inOneBatch(
      db,
      async (d) => {
        const [a, b] = await Promise.all([
          d.prepare('SELECT 1 AS n').first<{ n: number }>(),
          d.prepare('SELECT ?1 AS n').bind(2).all<{ n: number }>(),
        ])
        // After an await: on its own.
        const c = await d.prepare('SELECT 3 AS n').first<number>('n')
        return [a!.n, b.results[0]!.n, c]
      },
      [env.DB.prepare('SELECT 4 AS n')],
    )
    expect(value).toEqual([1, 2, 3])
    expect(also.map((r) => (r.results[0] as { n: number }).n)).toEqual([4])
    expect(calls).toEqual(['batch 3', 'call'])
  })

  it("runs the batch as one transaction: a failing statement undoes the caller's write and fails the reader", async () => {
    const { db } = watched(env.DB)
    const id = crypto.randomUUID()
    const write = env.DB.prepare(
      "INSERT INTO programmes (id, name, created_at) VALUES (?1, 'Eenmalig', '2026-12-01T00:00:00.000Z')",
    ).bind(id)
    await expect(inOneBatch(db, (d) => d.prepare('SELECT * FROM no_such_table').all(), [write])).rejects.toThrow(
      /no_such_table/,
    )
    expect(await env.DB.prepare('SELECT 1 FROM programmes WHERE id = ?1').bind(id).first()).toBeNull()
  })

  it('with nothing asked for and nothing of its own, makes no call at all', async () => {
    const { db, calls } = watched(env.DB)
    expect((await inOneBatch(db, async () => 'nothing')).value).toBe('nothing')
    expect(calls).toEqual([])
  })
})
