import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDecider } from '../src/index.js';

describe('default rule set', () => {
  it('shows the soft prompt after an order in a later session', () => {
    const decider = createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8')));
    const d = decider.decide(JSON.parse(readFileSync('examples/contexts/ios-after-order.json', 'utf8')));
    expect(d).toMatchObject({
      action: 'show-soft-prompt',
      reason: 'rule-matched',
      ruleId: 'after-first-order',
      params: { variant: 'order-updates' },
    });
  });
});
