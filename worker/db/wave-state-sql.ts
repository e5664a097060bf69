/**
 * A wave's state (`waveState` in worker/domain/wave-lifecycle.ts) in SQL, for the statements that
 * must decide it where they read or write, against D1's clock or a time they are given. Written
 * once here, so every statement asks what `waveState` answers; tests/worker/db/wave-state-sql.test.ts
 * checks each fragment against it at the boundaries.
 */

/** D1's own clock, in the format waves' dates are stored in: one clock for every writer and reader. */
export const DB_NOW = "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"

/** The column `name` of the wave table aliased `alias` (none: unqualified). */
const column = (alias: string | null, name: 'opens_at' | 'closes_at') => (alias ? `${alias}.${name}` : name)

/**
 * "The wave is open at `now`" (opened, not yet closed): `waveState(...) === 'open'`. `now` is SQL:
 * D1's clock by default, or a parameter such as `?2` bound to an ISO time.
 */
export const WAVE_OPEN_SQL = (alias: string | null, now: string = DB_NOW) =>
  `(${column(alias, 'opens_at')} <= ${now} AND ${column(alias, 'closes_at')} > ${now})`

/** "The wave has not opened at `now`": `waveState(...) === 'planned'`. */
export const WAVE_PLANNED_SQL = (alias: string | null, now: string = DB_NOW) =>
  `(${column(alias, 'opens_at')} > ${now})`

/** "The wave has closed at `now`": `waveState(...) === 'closed'`. */
export const WAVE_CLOSED_SQL = (alias: string | null, now: string = DB_NOW) =>
  `(${column(alias, 'closes_at')} <= ${now} AND ${column(alias, 'opens_at')} <= ${now})`
