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

/**
 * A condition in SQL that every statement of a batch must meet to return anything (the reader's
 * access check, worker/db/users.ts `askerGate`): `where(n)` is the condition with its parameters
 * numbered from `n`, `params` their values.
 */
export type SqlGate = { where: (first: number) => string; params: unknown[] }

/**
 * A prepared statement whose `all`/`first`/`run` wait for the batch while it has not gone yet. Its
 * SQL and values are kept until it runs: held in the batch behind a gate, it goes as
 * `SELECT * FROM (<its SQL>) LIMIT CASE WHEN <gate> THEN -1 ELSE 0 END`, the gate's parameters
 * numbered after its own. SQLite computes a LIMIT once, before the query's first row, and stops
 * at once on 0, so when the gate fails the statement reads nothing, CTEs included (an outer
 * `WHERE <gate>` still ran them, 27 rows against 3; a CROSS JOIN behind a one-row gate copied a
 * statement with an ORDER BY into a temporary table first, doubling its rows read:
 * tests/worker/anonymity/refused-read.test.ts). The outer query has no ORDER BY of its own, so
 * SQLite keeps the statement's. Run after the batch, it goes as written.
 */
class HeldStatement extends ThroughAll {
  private readonly db: D1Database
  private readonly sql: string
  private readonly values: unknown[]
  private readonly gate: Gate
  private readonly gated: boolean
  constructor(db: D1Database, sql: string, values: unknown[], gate: Gate, gated: boolean) {
    super()
    this.db = db
    this.sql = sql
    this.values = values
    this.gate = gate
    this.gated = gated
  }
  /** The statement itself, for a batch of the caller's own or a run after the batch. */
  get inner(): D1PreparedStatement {
    return this.db.prepare(this.sql).bind(...this.values)
  }
  /** The statement as it goes in the batch. */
  held(): D1PreparedStatement {
    const gate = this.gate.sqlGate
    if (!this.gated || !gate) return this.inner
    return this.db
      .prepare(`SELECT * FROM (${this.sql}) LIMIT CASE WHEN ${gate.where(this.values.length + 1)} THEN -1 ELSE 0 END`)
      .bind(...this.values, ...gate.params)
  }
  bind(...values: unknown[]): HeldStatement {
    return new HeldStatement(this.db, this.sql, values, this.gate, this.gated)
  }
  all<T>(): Promise<D1Result<T>> {
    return this.gate.run(this) as Promise<D1Result<T>>
  }
  raw<T>(options?: { columnNames?: boolean }): Promise<T[]> {
    if (!this.gate.sent) throw new Error('raw() cannot wait for a batch: call it after the first await, or use all()')
    return this.inner.raw(options as { columnNames: true }) as unknown as Promise<T[]>
  }
}

class Gate {
  sent = false
  held: Held[] = []
  readonly sqlGate: SqlGate | undefined
  constructor(sqlGate: SqlGate | undefined) {
    this.sqlGate = sqlGate
  }
  run(stmt: HeldStatement): Promise<D1Result> {
    if (this.sent) return stmt.inner.all()
    return new Promise((resolve, reject) => this.held.push({ stmt: stmt.held(), resolve, reject }))
  }
}

/**
 * `read` gets two stand-ins for `db`: the first holds its statements behind `gate` when one is
 * given (each returns nothing unless the gate holds, in the same transaction), the second holds
 * them as written (for the statement the gate is decided from).
 */
export async function inOneBatch<T>(
  db: D1Database,
  read: (db: D1Database, ungated: D1Database) => Promise<T>,
  also: D1PreparedStatement[] = [],
  sqlGate?: SqlGate,
): Promise<{ value: T; also: D1Result[] }> {
  const gate = new Gate(sqlGate)
  const standIn = (gated: boolean) =>
    ({
      prepare: (sql: string) => new HeldStatement(db, sql, [], gate, gated),
      // Batches and the rest are the caller's own round trips: straight to D1.
      batch: <R>(statements: HeldStatement[]) => db.batch<R>(statements.map((s) => s.inner)),
      exec: (sql: string) => db.exec(sql),
      withSession: (...args: Parameters<D1Database['withSession']>) => db.withSession(...args),
      dump: () => db.dump(),
    }) as unknown as D1Database
  // Everything `read` asks for before its first await is held now; its promise settles after the batch.
  const pending = read(standIn(true), standIn(false))
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
