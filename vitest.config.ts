import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/.tmp/**', 'test/fixtures/**', 'node_modules/**'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default (one worker less than the cores) is a single worker on these two-core
    // machines, and most of a test's time here is spent waiting on git and the tools' processes.
    maxWorkers: Math.max(2, availableParallelism() - 1),
  },
});
