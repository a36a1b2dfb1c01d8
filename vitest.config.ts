import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The packed package in consumer projects and other runtimes: after the build, on their own (vitest.package.config.ts).
    exclude: ['test/package/**', 'node_modules/**'],
    testTimeout: 60_000,
    pool: 'forks',
  },
});
