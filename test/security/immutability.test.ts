/**
 * What a caller holds cannot change the decider: a returned decision mutated in every
 * reachable place leaves later decisions unchanged, the compiled rule set is deeply
 * frozen, and the JSON it was loaded from can be changed freely afterwards.
 */
import { describe, expect, it } from 'vitest';
import { createDecider, loadRuleSet } from '../../src/index.js';
import { defaultRules, exampleContexts, usePrototypeGuard } from './support.js';

usePrototypeGuard();

/** Every object reachable from `root` (iterative). */
function reachable(root: unknown): object[] {
  const out: object[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v !== 'object' || v === null || seen.has(v)) continue;
    seen.add(v);
    out.push(v);
    for (const k of Reflect.ownKeys(v)) stack.push((v as Record<PropertyKey, unknown>)[k]);
  }
  return out;
}

/** Tries to change every reachable property; frozen parts throw (strict mode), and that is fine. */
function vandalize(root: unknown): number {
  let changed = 0;
  for (const o of reachable(root)) {
    for (const k of Reflect.ownKeys(o)) {
      try {
        (o as Record<PropertyKey, unknown>)[k] = Array.isArray(o) ? 'vandal' : { vandal: true };
        changed++;
      } catch {
        // frozen
      }
      try {
        if (Array.isArray(o)) o.push('vandal');
      } catch {
        // frozen
      }
    }
  }
  return changed;
}

describe('immutability', () => {
  it('a returned decision (and its trace) mutated by the caller does not change later decisions', () => {
    const decider = createDecider(defaultRules());
    for (const [name, ctx] of exampleContexts()) {
      for (const explain of [false, true]) {
        const first = decider.decideUnknown(ctx, { explain });
        const expected = structuredClone(first);
        const changed = vandalize(first);
        expect(changed, name).toBeGreaterThan(0); // the decision object itself is the caller's
        expect(decider.decideUnknown(ctx, { explain }), name).toEqual(expected);
      }
    }
  });

  it('event params shared by decisions are frozen', () => {
    const decider = createDecider(defaultRules());
    const d = decider.decideUnknown(exampleContexts().find(([n]) => n === 'ios-after-order.json')?.[1]);
    expect(d.action).toBe('show-soft-prompt');
    if (d.reason !== 'rule-matched') throw new Error('expected a rule decision');
    expect(Object.isFrozen(d.params)).toBe(true);
    expect(() => {
      (d.params as Record<string, unknown>).variant = 'hacked';
    }).toThrow(TypeError);
  });

  it('the compiled rule set and the decider are deeply frozen', () => {
    const decider = createDecider(defaultRules());
    const objects = reachable(decider.ruleSet);
    expect(objects.length).toBeGreaterThan(50);
    for (const o of objects) expect(Object.isFrozen(o)).toBe(true);
    expect(Object.isFrozen(decider)).toBe(true);
    expect(Object.isFrozen(loadRuleSet(defaultRules()))).toBe(true);
  });

  it('changing the rule-set JSON after loading changes nothing', () => {
    const json = defaultRules();
    const decider = createDecider(json);
    const contexts = exampleContexts();
    const before = contexts.map(([, c]) => decider.decideUnknown(c, { explain: true }));
    vandalize(json);
    expect(contexts.map(([, c]) => decider.decideUnknown(c, { explain: true }))).toEqual(before);
  });
});
