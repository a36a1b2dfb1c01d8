/**
 * The golden table: test/cases.json, a language-neutral list of decisions that any port
 * (Swift, Kotlin, …) of this engine must reproduce. The format is described in
 * test/cases.md. Expected values were worked out from DESIGN.md by hand, not recorded
 * from the engine.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createDecider, type Decider, type Decision, REASONS } from '../src/index.js';

interface Expected {
  readonly action: string;
  readonly reason: string;
  readonly ruleId?: string;
  readonly params?: Record<string, unknown>;
  readonly retryAt: string | null;
  readonly issues?: readonly { path: (string | number)[]; code: string }[];
  readonly experiments?: readonly { id: string; arm: string }[];
}
interface GoldenCase {
  readonly name: string;
  readonly ruleSet: string | { name: string };
  readonly context: unknown;
  readonly expected: Expected;
}

const CASES: GoldenCase[] = JSON.parse(readFileSync('test/cases.json', 'utf8'));

const presets = new Map<string, Decider>();
/** A preset name resolves to rules/<name>.json, loaded once. */
function deciderFor(ruleSet: GoldenCase['ruleSet']): Decider {
  if (typeof ruleSet !== 'string') return createDecider(ruleSet);
  let d = presets.get(ruleSet);
  if (d === undefined) {
    d = createDecider(JSON.parse(readFileSync(`rules/${ruleSet}.json`, 'utf8')));
    presets.set(ruleSet, d);
  }
  return d;
}

/** The decision fields a case compares; absent in the decision = absent here. */
function comparable(d: Decision): Omit<Expected, 'issues'> {
  return {
    action: d.action,
    reason: d.reason,
    ...('ruleId' in d && { ruleId: d.ruleId }),
    ...('params' in d && d.params !== undefined && { params: d.params }),
    retryAt: d.retryAt,
    ...(d.experiments !== undefined && { experiments: d.experiments }),
  };
}

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('golden table (test/cases.json)', () => {
  it.each(CASES)('$name', (c) => {
    const decider = deciderFor(c.ruleSet);
    const name = typeof c.ruleSet === 'string' ? c.ruleSet : c.ruleSet.name;

    const d = decider.decideUnknown(c.context);

    const { issues, ...expected } = c.expected;
    expect(comparable(d)).toEqual(expected);
    expect(d.ruleSet).toMatch(new RegExp(`^${escapeRe(name)}@[0-9a-f]{8}$`));
    if (issues !== undefined) {
      expect('issues' in d ? d.issues.map((i) => ({ path: i.path, code: i.code })) : null).toEqual(issues);
    }
  });
});

describe('the table itself', () => {
  it('has at least 80 cases with unique names', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(80);
    expect(new Set(CASES.map((c) => c.name)).size).toBe(CASES.length);
  });

  it('states retryAt in every case (null or an ISO time)', () => {
    for (const c of CASES) {
      expect(Object.hasOwn(c.expected, 'retryAt'), c.name).toBe(true);
      const r = c.expected.retryAt;
      if (r !== null) expect(r, c.name).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('covers every reason code and every action', () => {
    expect(new Set(CASES.map((c) => c.expected.reason))).toEqual(new Set(REASONS));
    expect(new Set(CASES.map((c) => c.expected.action))).toEqual(
      new Set(['show-soft-prompt', 'show-settings-link', 'wait']),
    );
  });

  it('covers every platform and permission state', () => {
    const seen = new Set(
      CASES.map((c) => {
        const ctx = c.context as { platform?: { os?: string }; permission?: string };
        return `${ctx.platform?.os}/${ctx.permission}`;
      }),
    );
    for (const os of ['ios', 'android', 'web']) {
      for (const p of ['not-determined', 'granted', 'denied'])
        expect(seen, `${os}/${p}`).toContain(`${os}/${p}`);
    }
    expect(seen).toContain('ios/provisional');
    expect(seen).toContain('ios/ephemeral');
  });
});
