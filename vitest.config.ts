import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts', 'web/**/*.test.ts'],
    // Lets each worker answer vitest between tests (see the file).
    setupFiles: ['test/support/yield-between-tests.ts'],
    // Tests wait on events (a process exiting, a message arriving), never on a time budget: the
    // timeout only ends a test that hangs. Generous, so that a busy 2-core machine (load near 8 and
    // more) runs the real-footage and real-time tests to the end, slower.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
