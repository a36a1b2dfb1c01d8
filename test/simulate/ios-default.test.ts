/**
 * On the shipped iOS population, the default rules against the first-launch baseline: the
 * default rules must burn fewer users (opted out of the one iOS alert for good) than asking
 * at first launch. Fails if a change to the rules, the engine or the simulator makes the
 * default rules burn more. The numbers follow the model's assumptions (docs/before-you-ship.md).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { summarize } from '../../src/authoring/simulate/results.js';
import { prepareSimulation, simulateRange } from '../../src/authoring/simulate/simulate.js';

describe('iOS population: default rules vs first-launch', () => {
  it('the default rules burn fewer users than first-launch', () => {
    const p = prepareSimulation({
      population: JSON.parse(readFileSync('populations/ios.json', 'utf8')),
      strategies: [
        { kind: 'rules', name: 'default', ruleSet: JSON.parse(readFileSync('rules/default.json', 'utf8')) },
        { kind: 'baseline', name: 'first-launch' },
      ],
      users: 3000,
      days: 60,
      seed: 1,
    });
    const [rules, firstLaunch] = summarize(p, simulateRange(p, 0, 3000)).strategies;
    expect(rules?.burned).toBeLessThan(firstLaunch?.burned ?? 0);
    // first-launch shows every iOS user the one alert: each ends opted in or burned.
    expect((firstLaunch?.burned ?? 0) + Math.round((firstLaunch?.optInRate ?? 0) * 3000)).toBe(3000);
    expect(rules?.anomalies).toEqual({
      softPromptWithoutDialog: 0,
      settingsLinkWhileAskable: 0,
      promptWhileGranted: 0,
      invalidContext: 0,
    });
  });
});
