import { defineConfig } from 'vitest/config';

/**
 * The tests `npm run mutation` runs against each mutant (stryker.config.mjs): everything that
 * exercises the runtime's guarantees (unit, golden, property, differential, experiments, the
 * client kit), without the authoring tools' slow suites (simulate, report, server, CLI, the
 * packed package, browsers), which cover the same code through these. The fast-check seed is
 * fixed so a mutant's verdict does not depend on the draw (change it to widen the search).
 */
export default defineConfig({
  test: {
    include: [
      'test/*.test.ts',
      'test/property/**/*.test.ts',
      'test/differential/**/*.test.ts',
      'test/experiments/**/*.test.ts',
      'test/client/**/*.test.ts',
      'test/context/**/*.test.ts',
      'test/rules/**/*.test.ts',
    ],
    exclude: [
      'node_modules/**',
      'test/chromium-harness.test.ts',
      'test/readme.test.ts',
      'test/docs.test.ts',
      'test/package-json.test.ts',
      'test/property/report-order.test.ts',
      'test/mutation-doc.test.ts',
    ],
    env: { FC_SEED: '20261202' },
    testTimeout: 120_000,
  },
});
