/**
 * The environment of every `wrangler` this repository starts (Node only).
 *
 * - `WRANGLER_SEND_METRICS=false`: no usage metrics leave the machine.
 * - `X_LOCAL_OBSERVABILITY=false`: from wrangler 4.16x, `wrangler dev` attaches Miniflare's trace
 *   collector to the Worker unless this says otherwise, and keeps every request's span (the URL,
 *   so each survey link's token, with start and end in milliseconds) and console line in a SQLite
 *   Durable Object under `<persist dir>/v3/observability/`. Neither `--log-level` nor
 *   `[observability] enabled = false` in wrangler.toml turns it off; nothing in wrangler.toml does.
 *   `tests/e2e/local-state.test.ts` fails if a token or a time of an answer is found on disk.
 */
export const WRANGLER_ENV: NodeJS.ProcessEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  X_LOCAL_OBSERVABILITY: 'false',
}
