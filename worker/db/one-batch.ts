/**
 * Runs the reads a function makes, and statements of the caller's own, as ONE `db.batch()`: one
 * round trip to D1 and one transaction, so every statement sees the same database. The readers
 * in worker/db/ stay as they are (each prepares its statement and awaits it): `read` gets a D1
 * stand-in that holds back each statement it is asked to run, and once `read` has asked for
 * everything it asks for before its first await, the held statements go to D1 together, `also`
 * after them. A statement asked for later (after an await, such as publishing a wave that has
 * just closed, worker/services/results-service.ts) goes to D1 on its own, as it would without
 * this: slower, never wrong.
 *
 * Why a transaction matters, not only the round trip: `also` may write something that must hold
 * if and only if the reads found what they found (worker/db/audit.ts, `exportAuditStatements`,
 * records an export in the trail in the same transaction that reads the data exported).
 */

type Held = { stmt: D1PreparedStatement; resolve: (r: D1Result) => void; reject: (e: unknown) => void }

/**
 * A D1 statement stand-in whose `run()` and `first()` go through its `all()`, so a wrapper that
 * intercepts `all()` (this file's held statement, the benchmark's counted one in
 * tests/bench/worker/counted.ts) sees every statement, whichever of the three a reader calls.
 */
export abstract class ThroughAll {
  abstract all<T>(): Promise<D1Result<T>>
  run<T>(): Promise<D1Result<T>> {
    return this.all<T>()
  }
  async first<T>(column?: string): Promise<T | null> {
    const row = (await this.all<Record<string, unknown>>()).results[0]
    if (row === undefined) return null
    return (column === undefined ? row : (row[column] ?? null)) as T | null
  }
}

/** A prepared statement whose `all`/`first`/`run` wait for the batch while it has not gone yet. */
class HeldStatement extends ThroughAll {
  /** The statement itself, for a batch of the caller's own. */
  readonly inner: D1PreparedStatement
  private readonly gate: Gate
  constructor(inner: D1PreparedStatement, gate: Gate) {
    super()
    this.inner = inner
    this.gate = gate
  }
  bind(...values: unknown[]): HeldStatement {
    return new HeldStatement(this.inner.bind(...values), this.gate)
  }
  all<T>(): Promise<D1Result<T>> {
    return this.gate.run(this.inner) as Promise<D1Result<T>>
  }
  raw<T>(options?: { columnNames?: boolean }): Promise<T[]> {
    if (!this.gate.sent) throw new Error('raw() cannot wait for a batch: call it after the first await, or use all()')
    return this.inner.raw(options as { columnNames: true }) as unknown as Promise<T[]>
  }
}

class Gate {
  sent = false
  held: Held[] = []
  run(stmt: D1PreparedStatement): Promise<D1Result> {
    if (this.sent) return stmt.all()
    return new Promise((resolve, reject) => this.held.push({ stmt, resolve, reject }))
  }
}

export async function inOneBatch<T>(
  db: D1Database,
  read: (db: D1Database) => Promise<T>,
  also: D1PreparedStatement[] = [],
): Promise<{ value: T; also: D1Result[] }> {
  const gate = new Gate()
  const standIn = {
    prepare: (sql: string) => new HeldStatement(db.prepare(sql), gate),
    // Batches and the rest are the caller's own round trips: straight to D1.
    batch: <R>(statements: HeldStatement[]) => db.batch<R>(statements.map((s) => s.inner)),
    exec: (sql: string) => db.exec(sql),
    withSession: (...args: Parameters<D1Database['withSession']>) => db.withSession(...args),
    dump: () => db.dump(),
  } as unknown as D1Database
  // Everything `read` asks for before its first await is held now; its promise settles after the batch.
  const pending = read(standIn)
  const held = gate.held
  gate.sent = true
  gate.held = []
  let results: D1Result[]
  try {
    results = held.length + also.length ? await db.batch([...held.map((h) => h.stmt), ...also]) : []
  } catch (error) {
    for (const h of held) h.reject(error)
    // `read` fails with the batch's error; wait for it so that no rejection is left unhandled.
    await pending.catch(() => undefined)
    throw error
  }
  held.forEach((h, i) => {
    h.resolve(results[i]!)
  })
  return { value: await pending, also: results.slice(held.length) }
}
