/**
 * Experiments in the simulation: a holdout arm is never prompted (a guardrail, checked by
 * the simulator's own counts), and `push-prompt report` measures on the simulated log a
 * lift whose 95% interval contains the model's true lift in at least 90% of 50 seeds.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/authoring/index.js';
import { summarize } from '../../src/authoring/simulate/results.js';
import { prepareSimulation, simulateRange } from '../../src/authoring/simulate/simulate.js';
import { cli } from '../cli/helpers.js';
import { ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';
import { populationArb } from './arbitraries.js';

const seed = propertySeed('simulate/experiments');
const dir = mkdtempSync(join(tmpdir(), 'pp-exp-'));
const IOS = JSON.parse(readFileSync('populations/ios.json', 'utf8'));
const DEFAULT = JSON.parse(readFileSync('rules/default.json', 'utf8'));

/** The default rules with a 10% never-prompted holdout (DESIGN.md section 9). */
const EXPERIMENT = {
  'sim-holdout': {
    description: 'Default rules vs a 10% holdout',
    salt: 'sim-holdout-salt',
    arms: {
      holdout: { weight: 10, holdout: true },
      benefit: { weight: 45 },
      generic: { weight: 45 },
    },
  },
};
/** The rule set with the holdout experiment added (beside any it declares: generated rules may read theirs). */
const withExperiment = (ruleSet: Record<string, unknown>) => ({
  ...ruleSet,
  experiments: { ...(ruleSet.experiments as object | undefined), ...EXPERIMENT },
});
const rulesFile = join(dir, 'experiment.json');
writeFileSync(rulesFile, JSON.stringify(withExperiment(DEFAULT), null, 2));

describe('experiments in the simulation', () => {
  it('a holdout arm is never prompted (iOS population, default rules)', () => {
    const p = prepareSimulation({
      population: IOS,
      strategies: [{ kind: 'rules', name: 'default', ruleSet: withExperiment(DEFAULT) }],
      users: 3000,
      days: 60,
      seed: 1,
    });
    const arms = summarize(p, simulateRange(p, 0, 3000)).strategies[0]?.experiments?.['sim-holdout'];
    expect(arms?.holdout?.users).toBeGreaterThan(200);
    expect(arms?.holdout).toMatchObject({
      softPromptsShown: 0,
      settingsLinksShown: 0,
      systemPromptsShown: 0,
      optedIn: 0,
    });
    expect(arms?.benefit?.softPromptsShown).toBeGreaterThan(0);
  });

  it('a holdout arm is never prompted, over generated populations and rule sets', () => {
    let holdoutUsers = 0;
    let treatedPrompts = 0;
    fc.assert(
      fc.property(populationArb(), ruleSetArb, fc.integer(), (population, ruleSet, s) => {
        const p = prepareSimulation({
          population,
          strategies: [{ kind: 'rules', name: 'generated', ruleSet: withExperiment(ruleSet) }],
          users: 40,
          days: 30,
          seed: s,
        });
        const arms = summarize(p, simulateRange(p, 0, 40)).strategies[0]?.experiments?.['sim-holdout'];
        treatedPrompts += (arms?.benefit?.softPromptsShown ?? 0) + (arms?.generic?.softPromptsShown ?? 0);
        const holdout = arms?.holdout;
        if (holdout === undefined) return; // no user landed in the holdout this time
        holdoutUsers += holdout.users;
        expect(holdout.softPromptsShown).toBe(0);
        expect(holdout.settingsLinksShown).toBe(0);
        expect(holdout.systemPromptsShown).toBe(0);
      }),
      runOptions(seed, 100),
    );
    // Not vacuous: holdout users were simulated, and the same rule sets prompted the others.
    expect(holdoutUsers).toBeGreaterThan(100);
    expect(treatedPrompts).toBeGreaterThan(100);
  });

  /** The lift of `arm` against the holdout in `push-prompt report --json` (src/authoring/report/types.ts). */
  function liftOf(
    report: Report,
    experiment: string,
    arm: string,
  ): { diff: number; ci: readonly [number, number] } {
    const e = report.experiments.find((x) => x.id === experiment);
    const lift = e?.arms.find((a) => a.arm === arm)?.lift;
    if (lift === null || lift === undefined) throw new Error(`no lift for ${experiment}/${arm}`);
    expect(lift.baseline).toBe('holdout');
    return lift;
  }

  it("report's 95% interval for the lift contains the model's true lift in >= 90% of 50 seeds", async () => {
    // The true lift, from the model. No rule reads the arm, so "benefit" and "generic" are
    // the same treatment: pooled over a large run, their opt-in rate minus the holdout's has
    // a sampling error (sd ~0.002) small against the interval's half-width at 1,200 users
    // (~0.05).
    const big = prepareSimulation({
      population: IOS,
      strategies: [{ kind: 'rules', name: 'default', ruleSet: withExperiment(DEFAULT) }],
      users: 20_000,
      days: 60,
      seed: 999_999,
    });
    const arms = summarize(big, simulateRange(big, 0, 20_000)).strategies[0]?.experiments?.['sim-holdout'];
    const treated = [arms?.benefit, arms?.generic];
    const treatedRate =
      treated.reduce((n, a) => n + (a?.optedIn ?? 0), 0) / treated.reduce((n, a) => n + (a?.users ?? 0), 0);
    const truth = treatedRate - (arms?.holdout?.optInRate ?? 0);

    let covered = 0;
    for (let s = 1; s <= 50; s++) {
      const log = join(dir, `seed-${s}.jsonl`);
      const sim = await cli([
        'simulate',
        '--population',
        'ios',
        '--rules',
        rulesFile,
        '--users',
        '600',
        '--days',
        '60',
        '--seed',
        String(s),
        '--workers',
        '1',
        '--log',
        log,
        '--json',
      ]);
      expect(sim.code).toBe(0);
      const report = await cli(['report', '--log', log, '--rules', rulesFile, '--json']);
      expect(report.code).toBe(0);
      const { ci } = liftOf(JSON.parse(report.out), 'sim-holdout', 'benefit');
      if (ci[0] <= truth && truth <= ci[1]) covered++;
    }
    console.log(`lift coverage: ${covered} of 50 seeds (true lift ${truth.toFixed(4)})`);
    expect(covered).toBeGreaterThanOrEqual(45);
  }, 600_000);
});
