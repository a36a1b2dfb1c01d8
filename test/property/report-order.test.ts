/**
 * The report does not depend on the order of the log's lines, nor on lines logged twice.
 *
 * Why it must hold: logs arrive merged from several servers, rotated, replayed, and
 * delivered at least once. So nothing the report keeps may depend on line order: the
 * enrollment arm is the earliest by `at` (then by arm name), "last known permission" is the
 * latest by `at` (then by source, then by status), and prompted / accepted compare the
 * latest soft-prompt ask with the enrollment instant. Each is a maximum or minimum under a
 * total order, which shuffling cannot change and duplicates cannot move.
 *
 * What changes and is excluded: the line numbers of skipped lines (they follow the order),
 * and with duplicated lines the record and skipped counts (the lines are there twice). The
 * distinct users, the experiments and every number in them stay the same.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { experimentDeclarations } from '../../src/authoring/report/experiments-block.js';
import { buildReport } from '../../src/authoring/report/report.js';
import { loadRuleSet } from '../../src/rules/load.js';
import { logArbitrary, rulesArbitrary } from '../support/log-arbitrary.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/report-order');
const RUNS = 1000;

async function report(lines: readonly string[], rules: unknown) {
  const d = rules === null ? null : { experiments: experimentDeclarations(asRuleSet(rules)) };
  return buildReport([{ source: 'p.jsonl', lines }], { experiments: d === null ? null : d.experiments });
}

describe('report: order and duplicates', () => {
  it('shuffling the lines changes nothing but the line numbers of skipped lines', async () => {
    await fc.assert(
      fc.asyncProperty(
        logArbitrary.chain((lines) =>
          fc.tuple(
            fc.constant(lines),
            fc.shuffledSubarray(lines, { minLength: lines.length, maxLength: lines.length }),
          ),
        ),
        rulesArbitrary,
        async ([lines, shuffled], rules) => {
          const a = await report(lines, rules);
          const b = await report(shuffled, rules);
          expect(b.experiments).toEqual(a.experiments);
          expect({ ...b.input, skippedLines: [] }).toEqual({ ...a.input, skippedLines: [] });
        },
      ),
      runOptions(seed, RUNS),
    );
  });

  it('duplicating lines (anywhere) changes no user count, rate, interval or check', async () => {
    await fc.assert(
      fc.asyncProperty(
        logArbitrary.chain((lines) =>
          fc.tuple(fc.constant(lines), fc.array(fc.nat(Math.max(0, lines.length - 1)), { maxLength: 20 })),
        ),
        rulesArbitrary,
        async ([lines, picks], rules) => {
          const copies = lines.length === 0 ? [] : picks.map((i) => lines[i]!);
          const a = await report(lines, rules);
          const half = copies.length >> 1;
          const b = await report([...copies.slice(0, half), ...lines, ...copies.slice(half)], rules);
          expect(b.experiments).toEqual(a.experiments);
          expect(b.input.users).toBe(a.input.users);
          expect(b.input.records + b.input.skipped).toBe(a.input.records + a.input.skipped + copies.length);
        },
      ),
      runOptions(seed, RUNS),
    );
  });
});

/** A test's experiments block as a whole rule set (the report takes the loaded RuleSet). */
function asRuleSet(rules: unknown) {
  return loadRuleSet({ name: 'report-test', rules: [], ...(rules as object) });
}
