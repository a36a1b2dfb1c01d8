// @ts-check
/**
 * `npm run mutation`: StrykerJS mutates the runtime's guarantee code (the guardrails, the
 * platform model, the history summary, experiment enrollment and the holdout, the client
 * kit's history records) and runs the guarantee tests
 * (vitest.mutation.config.ts) against each mutant, with per-test coverage. Reports:
 * reports/mutation/index.html and mutation.json; `node scripts/mutation-report.mjs --doc
 * docs/mutation.md` compares the survivors with the reviewed list. Not in CI: about 25 minutes on
 * two cores. See docs/mutation.md.
 *
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
import { MUTATED_FILES } from './scripts/mutation-doc.mjs';

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants, such as the platform's shared states) run the
  // whole suite each: about 40% of the time for 5% of the mutants. They stay in: a granted
  // state that says the dialog is available is exactly what this run exists to catch.
  ignoreStatic: false,
  mutate: [...MUTATED_FILES],
  reporters: ['html', 'json', 'clear-text', 'progress'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  concurrency: 2,
  timeoutFactor: 3,
  tempDirName: '.stryker-tmp',
  ignorePatterns: ['dist', 'coverage', 'reports', '.bench-tmp', 'examples/web/vendor'],
};
