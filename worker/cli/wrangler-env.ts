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

/**
 * The arguments after `wrangler` of every local `wrangler dev` this repository starts (`npm start`,
 * the browser, load and benchmark runs): on 127.0.0.1 at `port`, without the interactive session,
 * and at `--log-level warn`, since wrangler's request log would print every survey token to the
 * output (WRANGLER_ENV keeps its trace store from writing them to disk). `persistTo` is the local
 * state's folder (wrangler's own `.wrangler/state` without it); `vars` are bound as `--var`.
 */
export function wranglerDevArgs(o: { port: number; persistTo?: string; vars?: Record<string, string> }): string[] {
  return [
    'dev',
    '--ip',
    '127.0.0.1',
    '--port',
    String(o.port),
    ...(o.persistTo ? ['--persist-to', o.persistTo] : []),
    '--show-interactive-dev-session=false',
    '--log-level',
    'warn',
    ...Object.entries(o.vars ?? {}).flatMap(([name, value]) => ['--var', `${name}:${value}`]),
  ]
}
