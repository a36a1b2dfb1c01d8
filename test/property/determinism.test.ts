/**
 * DESIGN.md section 6, invariant 4: determinism and purity. Equal inputs give deep-equal
 * decisions; inputs are not mutated; shuffled or duplicated asks change nothing; the
 * machine's TZ changes nothing (child processes under three time zones).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider, parseContext } from '../../src/index.js';
import {
  contextArb,
  formatAt,
  type JsonObject,
  type JsonValue,
  OFFSETS,
  scenarioArb,
} from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';
import { decideSample } from '../support/tz-sample.js';

const seed = propertySeed('property/determinism');
const RUNS = 1000;
const run = promisify(execFile);

describe('invariant 4: determinism and purity', () => {
  /**
   * The same JSON with object keys in the opposite order, except under `experiments`, whose
   * order is meaningful (arms are assigned in the order written; test/experiments).
   */
  const reversed = (v: JsonValue): JsonValue =>
    Array.isArray(v)
      ? v.map(reversed)
      : typeof v === 'object' && v !== null
        ? Object.fromEntries(
            Object.keys(v)
              .reverse()
              .map((k) => [k, k === 'experiments' ? (v[k] as JsonValue) : reversed(v[k] as JsonValue)]),
          )
        : v;

  // One pass checks several faces of "equal inputs, equal decisions" on the same
  // generated scenario, so the file stays fast.
  it('equal inputs give deep-equal decisions and nothing is mutated', () => {
    fc.assert(
      fc.property(scenarioArb, contextArb, ({ ruleSet, context }, other) => {
        const rsBefore = structuredClone(ruleSet);
        const ctxBefore = structuredClone(context);
        const decider = createDecider(ruleSet);
        const first = decider.decideUnknown(context, { explain: true });
        decider.decideUnknown(other); // no state carried between calls
        expect(decider.decideUnknown(structuredClone(context), { explain: true })).toEqual(first);
        // Without explain: the same decision minus the trace.
        const { trace: _trace, ...withoutTrace } = first;
        expect(decider.decideUnknown(context)).toEqual(withoutTrace);
        // The pre-parsed path decides the same.
        expect(decider.decideParsed(parseContext(context), { explain: true })).toEqual(first);
        // A fresh decider from the same JSON with its keys in another order: same id, same decision.
        const fresh = createDecider(reversed(ruleSet));
        expect(fresh.ruleSet.id).toBe(decider.ruleSet.id);
        expect(fresh.decideUnknown(context, { explain: true })).toEqual(first);
        expect(decider.decideUnknown(reversed(context), { explain: true })).toEqual(first);
        // Inputs are not mutated.
        expect(ruleSet).toEqual(rsBefore);
        expect(context).toEqual(ctxBefore);
      }),
      runOptions(seed, RUNS),
    );
  });

  it('shuffled and duplicated asks (also rewritten at another offset) change nothing', () => {
    const reorderArb = fc.record({
      keys: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
      dups: fc.array(fc.tuple(fc.nat(), fc.constantFrom(...OFFSETS)), { maxLength: 4 }),
    });
    let withAsks = 0;
    fc.assert(
      fc.property(scenarioArb, reorderArb, ({ ruleSet, context }, { keys, dups }) => {
        const asks = (context.asks ?? []) as JsonObject[];
        if (asks.length > 1) withAsks++;
        const shuffled = asks
          .map((a, i) => ({ a, k: keys[i % keys.length] ?? 0, i }))
          .sort((x, y) => x.k - y.k || y.i - x.i)
          .map((x) => x.a);
        const copies =
          asks.length === 0
            ? []
            : dups.map(([i, off]) => {
                const a = asks[i % asks.length] as JsonObject;
                return { ...a, at: formatAt(Date.parse(String(a.at)), off, true, false) };
              });
        const decider = createDecider(ruleSet);
        const expected = decider.decideUnknown(context, { explain: true });
        const changed = { ...context, asks: [...copies, ...shuffled] };
        expect(decider.decideUnknown(changed, { explain: true })).toEqual(expected);
      }),
      runOptions(seed, RUNS),
    );
    expect(withAsks).toBeGreaterThan(RUNS / 4);
  });

  it('the machine time zone changes nothing (child processes under three TZ values)', async () => {
    const n = 300;
    const local = decideSample(seed, n);
    // Local offsets on 2026-01-01: -05:00, +05:30, +13:45 (Chatham summer time).
    const zones = [
      ['America/New_York', -300],
      ['Asia/Kolkata', 330],
      ['Pacific/Chatham', 825],
    ] as const;
    const outputs = await Promise.all(
      zones.map(([tz]) =>
        run(process.execPath, ['--import', 'tsx', 'test/support/tz-child.ts', String(seed), String(n)], {
          env: { ...process.env, TZ: tz },
          maxBuffer: 256 * 1024 * 1024,
        }),
      ),
    );
    outputs.forEach(({ stdout }, i) => {
      const child = JSON.parse(stdout) as ReturnType<typeof decideSample>;
      expect(child.localOffset).toBe(zones[i]?.[1]);
      expect(child.decisions).toHaveLength(n);
      expect(child.decisions).toEqual(local.decisions);
    });
  });
});
