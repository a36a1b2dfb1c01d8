/**
 * Mechanical truths of the simulation, over generated populations and generated rule sets
 * (test/support/arbitraries.ts): the engine is checked against the simulator's own model
 * of the OS (src/authoring/simulate/world.ts), which is written independently of it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  prepareSimulation,
  type SimulationSpec,
  simulateRange,
  simulateUser,
} from '../../src/authoring/simulate/simulate.js';
import { ruleSetArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';
import { ANDROID_ONLY, IOS_ONLY, populationArb, WEB_ONLY } from './arbitraries.js';

const seed = propertySeed('simulate/invariants');

/** [label, platforms, users who rarely allow and never deny (they reach Chromium's auto-block), runs]. */
const CASES = [
  ['any platform', undefined, false, 150],
  ['Android', ANDROID_ONLY, false, 100],
  ['web, users who dismiss and ignore', WEB_ONLY, true, 150],
] as const;

describe('simulation invariants', () => {
  it.each(CASES)(
    '%s: no simulated user is shown a soft prompt once the OS would not show the dialog, nor a settings link while it would, nor any prompt once opted in',
    (_, platforms, dismissive, runs) => {
      let softShown = 0;
      fc.assert(
        fc.property(
          populationArb(platforms, { dismissive }),
          ruleSetArb,
          fc.integer(),
          (population, ruleSet, s) => {
            const spec: SimulationSpec = {
              population,
              strategies: [{ kind: 'rules', name: 'generated', ruleSet }],
              users: 25,
              days: 30,
              seed: s,
            };
            const [t] = simulateRange(prepareSimulation(spec), 0, spec.users);
            expect(t?.anomalies).toEqual({
              softPromptWithoutDialog: 0,
              settingsLinkWhileAskable: 0,
              promptWhileGranted: 0,
              invalidContext: 0,
            });
            softShown += t?.softPromptsShown ?? 0;
          },
        ),
        runOptions(seed, runs),
      );
      // Not vacuous: generated rule sets did show soft prompts.
      expect(softShown).toBeGreaterThan(100);
    },
  );

  it('first-launch shows the system dialog exactly once to every iOS user (each has a first session)', () => {
    fc.assert(
      fc.property(populationArb(IOS_ONLY), ruleSetArb, fc.integer(), (population, ruleSet, s) => {
        const p = prepareSimulation({
          population,
          strategies: [
            { kind: 'baseline', name: 'first-launch' },
            { kind: 'rules', name: 'generated', ruleSet },
            { kind: 'baseline', name: 'primer-first-launch' },
          ],
          users: 30,
          days: 20,
          seed: s,
        });
        for (let i = 0; i < 30; i++) {
          const [firstLaunch, rules, primer] = simulateUser(p, i);
          expect(firstLaunch?.systemPromptsShown).toBe(1);
          expect(firstLaunch?.softPromptsShown).toBe(0);
          // iOS shows its alert once per install, whatever the strategy.
          expect(rules?.systemPromptsShown).toBeLessThanOrEqual(1);
          expect(primer?.softPromptsShown).toBe(1);
          expect(primer?.systemPromptsShown).toBe(primer?.softAccepted);
        }
      }),
      runOptions(seed, 60),
    );
  });
});
