import { defineConfig } from 'vitest/config';

// Browser tests: each file starts its own node (a real `kizuna serve`) and drives Debian's Chromium.
// One file at a time: a node and a browser each are as much as the machine should carry at once.
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 150_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
