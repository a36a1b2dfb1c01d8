/**
 * The generators themselves: every generated rule set loads, every generated context
 * parses, and together they reach every fact, operator, event type, attribute type,
 * platform and permission state (so the other properties are not vacuous).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadRuleSet, safeParseContext } from '../../src/index.js';
import { ACTIONS, FACTS, OPERATORS_BY_TYPE, PERMISSION_VALUES } from '../../src/rules/catalog.js';
import {
  ATTRIBUTE_POOL,
  contextArb,
  type JsonObject,
  type JsonValue,
  ruleSetArb,
} from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/arbitraries');

function leaves(node: JsonValue, out: JsonObject[] = []): JsonObject[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return out;
  if (Array.isArray(node.all)) for (const c of node.all) leaves(c, out);
  else if (Array.isArray(node.any)) for (const c of node.any) leaves(c, out);
  else if (node.not !== undefined) leaves(node.not, out);
  else out.push(node);
  return out;
}

describe('generated rule sets', () => {
  it('always load, and cover every fact, operator, event type and attribute type', () => {
    const facts = new Set<string>();
    const ops = new Set<string>();
    const events = new Set<string>();
    const attrTypes = new Set<string>();
    let alwaysSoftOnTop = 0;
    fc.assert(
      fc.property(ruleSetArb, (json) => {
        const rs = loadRuleSet(json);
        expect(rs.rules.length).toBe((json.rules as JsonValue[]).length);
        for (const r of rs.rules) {
          events.add(r.event.type);
          for (const l of leaves((json.rules as JsonObject[])[r.index]?.conditions ?? null)) {
            facts.add(String(l.fact));
            ops.add(`${String(l.fact)}:${String(l.operator)}`);
            if (l.fact === 'attributes') attrTypes.add(ATTRIBUTE_POOL[String(l.path).slice(2)] ?? '?');
          }
        }
        const top = [...rs.rules].sort((a, b) => b.priority - a.priority || a.index - b.index)[0];
        if (top?.id === 'always-soft-prompt') alwaysSoftOnTop++;
      }),
      runOptions(seed, 1000),
    );
    expect([...facts].sort()).toEqual(FACTS.map((f) => f.name).sort());
    const expectedOps = FACTS.flatMap((f) =>
      f.path === 'attributes' ? [] : OPERATORS_BY_TYPE[f.type].map((o) => `${f.name}:${o}`),
    );
    for (const o of expectedOps) expect(ops).toContain(o);
    for (const t of ['string', 'number', 'boolean', 'string[]', 'number[]']) expect(attrTypes).toContain(t);
    expect([...events].sort()).toEqual([...ACTIONS].sort());
    expect(alwaysSoftOnTop).toBeGreaterThan(100);
  });
});

describe('generated contexts', () => {
  it('always parse, and cover every platform and permission state', () => {
    const seen = new Set<string>();
    let futureAsks = 0;
    let futureSessionStart = 0;
    fc.assert(
      fc.property(contextArb, (json) => {
        const r = safeParseContext(json);
        expect(r.success ? [] : r.issues).toEqual([]);
        const p = json.platform as JsonObject;
        seen.add(`${String(p.os)}:${String(json.permission)}`);
        const now = Date.parse(String(json.now));
        const asks = (json.asks ?? []) as JsonObject[];
        if (asks.some((a) => Date.parse(String(a.at)) > now)) futureAsks++;
        const s = (json.sessions as JsonObject).currentStartedAt;
        if (typeof s === 'string' && Date.parse(s) > now) futureSessionStart++;
      }),
      runOptions(seed, 1000),
    );
    for (const os of ['ios', 'android', 'web'])
      for (const p of PERMISSION_VALUES) expect(seen).toContain(`${os}:${p}`);
    expect(futureAsks).toBeGreaterThan(10);
    expect(futureSessionStart).toBeGreaterThan(10);
  });
});
