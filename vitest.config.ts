import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin'
import { availableParallelism } from 'node:os'
import { defineConfig } from 'vitest/config'

export default defineConfig(async () => {
  const migrations = await readD1Migrations('schema/migrations')
  return {
    test: {
      // Vitest's default in a run is one worker fewer than the cores: on CI's two cores, one. The
      // workerd tests then ran one file at a time and waited on each file's start (transform and
      // setup were a third of their time), while the browser tests beside them wait on Chromium and
      // a server; two at a time took the `npm test` step from 627 s to 536 s on this machine.
      maxWorkers: Math.max(2, availableParallelism() - 1),
      projects: [
        {
          // Unit and API tests inside workerd, against a real D1 with every migration applied.
          plugins: [
            cloudflareTest({
              wrangler: { configPath: './wrangler.toml' },
              miniflare: {
                bindings: {
                  TEST_MIGRATIONS: migrations,
                  ADMIN_EMAIL: 'admin@test.local',
                  ADMIN_PASSWORD: 'test-admin-password',
                  LINK_SECRET: 'test-link-secret',
                },
                // An empty database the migration test fills step by step.
                d1Databases: { MIGRATION_DB: 'migration-test' },
              },
            }),
          ],
          test: {
            name: 'worker',
            include: ['tests/worker/**/*.test.ts'],
            setupFiles: ['tests/worker/apply-migrations.ts'],
            // With two test files at a time beside the browser tests, a test of a few seconds on a
            // quiet machine takes several times that; a hung one still fails. A file's beforeAll
            // that builds a programme of answers likewise (refused-read.test.ts's took over 10 s,
            // the default, on this machine with other work running).
            testTimeout: 30_000,
            hookTimeout: 60_000,
          },
        },
        {
          // Node-side scripts (the deploy command) and the documents checked against the code.
          test: {
            name: 'node',
            include: ['tests/node/**/*.test.ts'],
            environment: 'node',
            testTimeout: 60_000,
          },
        },
        {
          // Browser tests: a real Chromium against `wrangler dev` with its own local D1.
          test: {
            name: 'e2e',
            include: ['tests/e2e/**/*.test.ts'],
            environment: 'node',
            globalSetup: ['tests/e2e/server.ts'],
            testTimeout: 60_000,
            hookTimeout: 120_000,
            fileParallelism: false,
            // A real Chromium against a real server on a shared two-core machine: a page turn or a
            // load can miss its wait when the workerd tests run beside it, and one such miss threw a
            // whole CI run away. A test that fails three times running still fails CI, and a test
            // that needed a retry is marked "(retry xN)" where the report lists it.
            retry: 2,
          },
        },
      ],
    },
  }
})
