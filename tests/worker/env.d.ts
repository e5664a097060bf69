declare namespace Cloudflare {
  interface Env {
    DB: D1Database
    MIGRATION_DB: D1Database
    TEST_MIGRATIONS: import('cloudflare:test').D1Migration[]
    MIN_GROUP_SIZE?: string
    ADMIN_EMAIL?: string
    ADMIN_PASSWORD?: string
  }
}
