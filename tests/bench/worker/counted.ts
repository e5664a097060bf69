/**
 * Wraps the production Worker's bundle so that every request reports the D1 work it did, in the
 * `x-bench-d1` header: statements, batches, round trips (calls to D1: a batch is one), rows read,
 * rows written, and rows read and written per statement (its SQL beside it). The benchmark serves this wrapper
 * on its own host in Miniflare and takes timings only on the unwrapped Worker; the dashboard test
 * wraps the Worker with it too. The Worker reports nothing about its reads itself: any such number
 * would count rollup cells the reader may not see.
 */
import type { Env } from '../../../worker/env.ts'
import { ThroughAll } from '../../../worker/db/one-batch.ts'

/**
 * `sequential`: round trips that had to wait for the one before; a call made while another is still
 * in flight (`Promise.all`) is counted in `roundTrips` but not here. With the Worker placed far from
 * its database, each sequential round trip adds the distance twice; parallel ones do not.
 */
export type Tally = {
  statements: number
  batches: number
  roundTrips: number
  sequential: number
  inFlight: number
  rowsRead: number
  rowsWritten: number
  /** Every statement D1 ran, in order, with the rows it read and wrote (index entries included). */
  reads: { sql: string; rowsRead: number; rowsWritten: number }[]
}

/** Counts a call to D1 as sequential when none was in flight as it started. */
async function roundTrip<T>(tally: Tally, call: () => Promise<T>): Promise<T> {
  tally.roundTrips += 1
  if (tally.inFlight === 0) tally.sequential += 1
  tally.inFlight += 1
  try {
    return await call()
  } finally {
    tally.inFlight -= 1
  }
}

function add(tally: Tally, sql: string, meta: D1Meta): void {
  tally.reads.push({ sql: sql.replace(/\s+/g, ' ').trim(), rowsRead: meta.rows_read, rowsWritten: meta.rows_written })
  tally.rowsRead += meta.rows_read
  tally.rowsWritten += meta.rows_written
}

/** A prepared statement that adds its result's meta to the tally; `first()` goes through `all()` to see it. */
class CountedStatement extends ThroughAll {
  readonly inner: D1PreparedStatement
  readonly sql: string
  readonly tally: Tally
  constructor(inner: D1PreparedStatement, sql: string, tally: Tally) {
    super()
    this.inner = inner
    this.sql = sql
    this.tally = tally
  }
  bind(...values: unknown[]): CountedStatement {
    return new CountedStatement(this.inner.bind(...values), this.sql, this.tally)
  }
  async all<T>(): Promise<D1Result<T>> {
    const res = await roundTrip(this.tally, () => this.inner.all<T>())
    this.tally.statements += 1
    add(this.tally, this.sql, res.meta)
    return res
  }
  raw(): never {
    throw new Error('raw() is not counted by the benchmark wrapper; add it here when the Worker starts using it')
  }
}

function countingDb(db: D1Database, tally: Tally): D1Database {
  const counted = {
    prepare: (sql: string) => new CountedStatement(db.prepare(sql), sql, tally),
    batch: async (statements: CountedStatement[]) => {
      tally.batches += 1
      tally.statements += statements.length
      const results = await roundTrip(tally, () => db.batch(statements.map((s) => s.inner)))
      results.forEach((r, i) => {
        add(tally, statements[i]!.sql, r.meta)
      })
      return results
    },
    exec: (sql: string) => {
      tally.statements += 1
      return roundTrip(tally, () => db.exec(sql))
    },
  }
  return counted as unknown as D1Database
}

/** The Worker with a counting D1 binding and the tally in a response header. */
export function counted(worker: ExportedHandler<Env>): ExportedHandler<Env> {
  return {
    async fetch(request, env, ctx) {
      const tally: Tally = {
        statements: 0,
        batches: 0,
        roundTrips: 0,
        sequential: 0,
        inFlight: 0,
        rowsRead: 0,
        rowsWritten: 0,
        reads: [],
      }
      const res = await worker.fetch!(request, { ...env, DB: countingDb(env.DB, tally) }, ctx)
      const out = new Response(res.body, res)
      out.headers.set('x-bench-d1', JSON.stringify(tally))
      return out
    },
  }
}
