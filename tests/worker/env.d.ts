// The bindings of the workerd test pool: the Worker's own (generated from wrangler.toml,
// worker/worker-configuration.d.ts) and those vitest.config.ts adds for tests only.
declare namespace Cloudflare {
  interface Env {
    /** An empty database the migration test fills step by step. */
    MIGRATION_DB: D1Database
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
  }
}
