/**
 * Shared checks for the security suite: every case runs inside `guarded`, which proves
 * afterwards that `Object.prototype` (and `Array.prototype`) did not change and that every
 * input is deep-equal to a clone taken before the case ran. Timings are recorded and
 * printed once per file, so the measured cost of each hostile input is in the test log.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, afterEach, beforeEach, expect } from 'vitest';
import { createDecider, type Decider, type Decision, loadRuleSet, RuleSetError } from '../../src/index.js';

type ProtoState = [PropertyKey, PropertyDescriptor | undefined][];

function protoState(target: object): ProtoState {
  return Reflect.ownKeys(target).map((k) => [k, Object.getOwnPropertyDescriptor(target, k)]);
}

/** Registers the prototype checks around every test of the calling file. */
export function usePrototypeGuard(): void {
  let objectBefore: ProtoState = [];
  let arrayBefore: ProtoState = [];
  beforeEach(() => {
    objectBefore = protoState(Object.prototype);
    arrayBefore = protoState(Array.prototype);
  });
  afterEach(() => {
    expect(protoState(Object.prototype)).toEqual(objectBefore);
    expect(protoState(Array.prototype)).toEqual(arrayBefore);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
}

/**
 * Runs `act` and then checks that no input was mutated and `Object.prototype` is unchanged.
 * Inputs are compared through {@link fingerprint}, which walks without recursion, so a
 * 10,000-deep or million-element input can be checked too.
 */
export function guarded<T>(inputs: readonly unknown[], act: () => T): T {
  const before = Reflect.ownKeys(Object.prototype).length;
  const prints = inputs.map(fingerprint);
  const result = act();
  expect(Reflect.ownKeys(Object.prototype).length).toBe(before);
  inputs.forEach((input, k) => {
    expect(fingerprint(input), `input ${k} was mutated`).toBe(prints[k]);
  });
  return result;
}

/**
 * A hash of everything observable in JSON-like data: types, own keys in order, array
 * lengths, numbers (with -0), booleans, and strings (whole up to 4,096 characters; past
 * that the length, head and tail, as strings cannot be changed in place). Iterative.
 */
export function fingerprint(root: unknown): string {
  let h = 0x811c9dc5;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  };
  const stack: unknown[] = [root];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === 'string') {
      mix(v.length <= 4096 ? `s${v}` : `S${v.length}:${v.slice(0, 64)}:${v.slice(-64)}`);
    } else if (typeof v === 'number') {
      mix(`n${Object.is(v, -0) ? '-0' : String(v)}`);
    } else if (typeof v !== 'object' || v === null) {
      mix(`${typeof v}${String(v)}`);
    } else if (seen.has(v)) {
      mix('cycle');
    } else {
      seen.add(v);
      const keys = Object.keys(v);
      mix(`${Array.isArray(v) ? 'a' : 'o'}${keys.length}:${Array.isArray(v) ? '' : keys.join('\u0000')}`);
      const obj = v as Record<string, unknown>;
      for (let i = keys.length - 1; i >= 0; i--) stack.push(obj[keys[i] as string]);
    }
  }
  return (h >>> 0).toString(16);
}

/** The issues a `loadRuleSet` call throws; fails the test if it returns or throws anything else. */
export function loadIssues(json: unknown): RuleSetError['issues'] {
  try {
    loadRuleSet(json);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleSetError);
    return (error as RuleSetError).issues;
  }
  throw new Error('expected loadRuleSet to throw RuleSetError');
}

const timings: { label: string; ms: number }[] = [];

/** Runs `act`, records its wall time under `label`, and returns the result and the time. */
export function timed<T>(label: string, act: () => T): { result: T; ms: number } {
  const t0 = performance.now();
  const result = act();
  const ms = performance.now() - t0;
  timings.push({ label, ms });
  return { result, ms };
}

/** Records a time measured elsewhere (an async step). */
export function recordTiming(label: string, ms: number): void {
  timings.push({ label, ms });
}

/** Prints the file's recorded timings after its tests. */
export function useTimingReport(file: string): void {
  afterAll(() => {
    if (timings.length === 0) return;
    const lines = timings.map((t) => `  ${t.ms.toFixed(1).padStart(8)} ms  ${t.label}`);
    console.log(`[security timings] ${file}\n${lines.join('\n')}`);
  });
}

/** rules/default.json, parsed fresh on each call (callers may change their copy). */
export function defaultRules(): Record<string, unknown> {
  return JSON.parse(readFileSync('rules/default.json', 'utf8')) as Record<string, unknown>;
}

/** The example contexts, parsed fresh: `[file name, context JSON]`. */
export function exampleContexts(): [string, Record<string, unknown>][] {
  const dir = 'examples/contexts';
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f, JSON.parse(readFileSync(`${dir}/${f}`, 'utf8')) as Record<string, unknown>]);
}

let shared: Decider | undefined;

/** One decider over the default rules, shared by a file's tests. */
export function defaultDecider(): Decider {
  shared ??= createDecider(defaultRules());
  return shared;
}

/** A valid context for rules/default.json that shows the soft prompt (iOS, after an order). */
export function promptingContext(): Record<string, unknown> {
  return JSON.parse(readFileSync('examples/contexts/ios-after-order.json', 'utf8')) as Record<
    string,
    unknown
  >;
}

/** Asserts an invalid-context decision and returns its issues. */
export function invalidIssues(d: Decision): readonly { code: string; path: readonly (string | number)[] }[] {
  expect(d.action).toBe('wait');
  expect(d.reason).toBe('invalid-context');
  expect(d.retryAt).toBeNull();
  if (d.reason !== 'invalid-context') throw new Error('unreachable');
  return d.issues;
}
