import { DB_NOW, WAVE_PLANNED_SQL } from './wave-state-sql.ts'

/**
 * "The wave a programme's results open on" (`pickWave` with no wave named, in
 * worker/services/results-service.ts) in SQL, for a statement that must decide it where it reads
 * or writes: the latest published wave that shows anything (`publications.shows`, stored beside
 * the publication), else the latest that has opened, else the latest wave; "latest" in the order
 * of worker/db/waves.ts listWaves (opens_at, id). Written once here;
 * tests/worker/db/shown-wave-sql.test.ts checks it against `pickWave`.
 *
 * Its publications are read through their index (schema/migrations/0017_publication_meta_index.sql):
 * a seek into the table reads each row it compares whole, the publication's text with it.
 *
 * `programme` is SQL naming the programme, such as `?1`; `now` is D1's clock by default. A
 * scalar subquery: the wave's id, or NULL for a programme without waves.
 */
export const LATEST_SHOWN_WAVE_SQL = (programme: string, now: string = DB_NOW) =>
  `(SELECT sw.id FROM waves sw LEFT JOIN publications sp INDEXED BY publications_meta ON sp.wave_id = sw.id WHERE sw.programme_id = ${programme}
    ORDER BY (NOT ${WAVE_PLANNED_SQL('sw', now)}) DESC, coalesce(sp.shows, 0) DESC, sw.opens_at DESC, sw.id DESC LIMIT 1)`
