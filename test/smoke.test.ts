/**
 * Smoke test over the shipped files: the default rules load and every example context
 * gets a well-formed decision, the three actions all appearing (as `npm run demo` shows).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ACTIONS, createDecider, REASONS } from '../src/index.js';

const decider = createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8')));
const examples = readdirSync('examples/contexts')
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f, JSON.parse(readFileSync(`examples/contexts/${f}`, 'utf8'))] as const);

describe('default rules on the example contexts', () => {
  it('shows the soft prompt after an order in a later session', () => {
    const d = decider.decide(JSON.parse(readFileSync('examples/contexts/ios-after-order.json', 'utf8')));
    expect(d).toMatchObject({
      action: 'show-soft-prompt',
      reason: 'rule-matched',
      ruleId: 'after-first-order',
      params: { variant: 'order-updates' },
    });
  });

  it.each(examples)('%s gets a well-formed decision', (_file, ctx) => {
    const d = decider.decide(ctx);
    expect(ACTIONS).toContain(d.action);
    expect(REASONS).toContain(d.reason);
    expect(d.reason).not.toBe('invalid-context');
    expect(d.ruleSet).toBe(decider.ruleSet.id);
    expect(d.retryAt === null || !Number.isNaN(Date.parse(d.retryAt))).toBe(true);
  });

  it('all three actions appear across the examples', () => {
    expect(new Set(examples.map(([, ctx]) => decider.decide(ctx).action))).toEqual(new Set(ACTIONS));
  });
});
