/**
 * The baselines the benchmark holds the real Worker against, served beside it in the same
 * Miniflare and bound to the same D1 database. Never part of the production Worker.
 *
 * - POST /responses/:wave/:partner/:role `{ id, answers, scores }`: stores the same response
 *   row the survey route stores, with one statement and nothing else (no validation, scoring,
 *   rollup, replay check or rate limit).
 * - GET /naive/wave?wave=: the dashboard's numbers the naive way, a GROUP BY over every answer
 *   set of the wave.
 * - GET /naive/trend?programme=&role=: the trend's numbers the naive way, over every wave.
 */

type Env = { DB: D1Database }
type Moments = { n: number; sum: number; sumsq: number }

/** Mean and sample SD per group, as the dashboard would show them. */
function summarise(rows: (Moments & Record<string, unknown>)[]) {
  return rows.map((r) => ({
    ...r,
    mean: r.n ? r.sum / r.n : null,
    sd: r.n > 1 ? Math.sqrt(Math.max(0, (r.sumsq - (r.sum * r.sum) / r.n) / (r.n - 1))) : null,
  }))
}

// json_each over the stored scores: one row per respondent × dimension, then grouped.
const NAIVE_WAVE = `
  SELECT r.partner_id AS partner, r.role AS role, d.key AS dimension,
         count(d.value) AS n, total(d.value) AS sum, total(d.value * d.value) AS sumsq
  FROM responses r, json_each(r.scores) d
  WHERE r.wave_id = ?1
  GROUP BY r.partner_id, r.role, d.key`

const NAIVE_TREND = `
  SELECT r.wave_id AS wave, r.partner_id AS partner, d.key AS dimension,
         count(d.value) AS n, total(d.value) AS sum, total(d.value * d.value) AS sumsq
  FROM responses r, json_each(r.scores) d
  WHERE r.wave_id IN (SELECT id FROM waves WHERE programme_id = ?1) AND r.role = ?2
  GROUP BY r.wave_id, r.partner_id, d.key`

export default {
  async fetch(request, env) {
    const url = new URL(request.url)
    const parts = url.pathname.split('/')
    if (request.method === 'POST' && parts[1] === 'responses' && parts.length === 5) {
      const body = await request.json<{ id: string; answers: unknown; scores: unknown }>()
      const res = await env.DB.prepare(
        'INSERT INTO responses (id, wave_id, partner_id, role, answers, scores) VALUES (?1, ?2, ?3, ?4, ?5, ?6)',
      )
        .bind(body.id, parts[2], parts[3], parts[4], JSON.stringify(body.answers), JSON.stringify(body.scores))
        .run()
      return Response.json({ id: body.id, stored: true, rowsWritten: res.meta.rows_written }, { status: 201 })
    }
    if (url.pathname === '/naive/wave' || url.pathname === '/naive/trend') {
      const stmt =
        url.pathname === '/naive/wave'
          ? env.DB.prepare(NAIVE_WAVE).bind(url.searchParams.get('wave'))
          : env.DB.prepare(NAIVE_TREND).bind(
              url.searchParams.get('programme'),
              url.searchParams.get('role') ?? 'medewerker',
            )
      const res = await stmt.all<Moments & Record<string, unknown>>()
      return Response.json({ rowsRead: res.meta.rows_read, cells: summarise(res.results) })
    }
    return new Response('not found', { status: 404 })
  },
} satisfies ExportedHandler<Env>
