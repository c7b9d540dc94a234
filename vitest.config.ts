import { defineConfig } from 'vitest/config';

// Unit and integration tests run on PGlite by default and on PostgreSQL when TEST_DATABASE_URL is
// set; either way each test file gets its own fresh copy of a migrated store with the demo directory.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'bench/**/*.test.ts'],
    globalSetup: ['src/test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Two cores: two files at a time keeps PGlite's memory and the CPU in check.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
