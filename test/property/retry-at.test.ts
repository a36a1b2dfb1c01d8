/**
 * DESIGN.md section 6, invariant 5 (section 5): `retryAt` is honest. When a decision is a
 * wait with a `retryAt` and the id of a held-back rule, no prompt of that rule's kind is
 * shown for any `now` in [now, retryAt) with the rest of the context unchanged (sampled:
 * now, retryAt - 1 ms and 18 instants between); and at `retryAt` itself that kind is no
 * longer held back by a time window.
 *
 * The second check runs on contexts without clock skew. Timestamps after `now` count as
 * `now` (DESIGN.md section 2); re-read at a later instant, such a timestamp moves forward
 * with it, so a window it opened can end after `retryAt`: the prompt is then still held at
 * `retryAt` (a new wait with a later retryAt, never an early prompt). The test counts those
 * cases and prints them, and requires that only skew causes them.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDecider } from '../../src/index.js';
import { formatAt, type JsonObject, type JsonValue, offsetOf, scenarioArb } from '../support/arbitraries.js';
import { eventTypeOf } from '../support/oracle.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('property/retry-at');
const RUNS = 1000;
const TIME_WINDOWS: readonly string[] = ['cooldown', 'snoozed', 'quiet-hours', 'browser-embargo'];

/** The same context at another instant, written at the offset `now` was written with. */
function at(context: JsonObject, ms: number): JsonObject {
  return { ...context, now: formatAt(ms, offsetOf(String(context.now)), true, false) };
}

/** Past-facing timestamps after `now` replaced by `now`, as the engine reads them. */
function clampedToNow(context: JsonObject): { context: JsonObject; skewed: boolean } {
  const now = Date.parse(String(context.now));
  let skewed = false;
  const clamp = (v: JsonValue | undefined): JsonValue | undefined => {
    if (typeof v !== 'string' || Date.parse(v) <= now) return v;
    skewed = true;
    return String(context.now);
  };
  const asks = ((context.asks ?? []) as JsonObject[]).map((a) => ({ ...a, at: clamp(a.at) ?? null }));
  const sessions = { ...(context.sessions as JsonObject) };
  if (sessions.currentStartedAt !== undefined)
    sessions.currentStartedAt = clamp(sessions.currentStartedAt) ?? null;
  if (sessions.firstSeenAt !== undefined) sessions.firstSeenAt = clamp(sessions.firstSeenAt) ?? null;
  const out: JsonObject = { ...context, sessions, ...(context.asks !== undefined && { asks }) };
  return { context: out, skewed };
}

/** Generated rule sets, plus lowest-priority always-true rules when absent: more held-back waits. */
const retryScenarioArb = scenarioArb.map(({ ruleSet, context }) => {
  const rules = [...(ruleSet.rules as JsonObject[])];
  for (const [id, type] of [
    ['always-soft-prompt', 'show-soft-prompt'],
    ['always-settings-link', 'show-settings-link'],
  ] as const) {
    if (!rules.some((r) => r.id === id)) rules.push({ id, conditions: { all: [] }, event: { type } });
  }
  return { ruleSet: { ...ruleSet, rules }, context };
});

const samplesArb = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
  minLength: 18,
  maxLength: 18,
});

describe('invariant 5: retryAt is honest', () => {
  it('no prompt of the held kind in [now, retryAt); at retryAt no time window holds it', () => {
    const reasons = new Map<string, number>();
    const rawStillHeld = { skewed: 0, notSkewed: 0, sessionStartAfterNow: 0 };
    fc.assert(
      fc.property(retryScenarioArb, samplesArb, ({ ruleSet, context }, fractions) => {
        const decider = createDecider(ruleSet);
        const d = decider.decideUnknown(context);
        fc.pre(d.action === 'wait' && d.retryAt !== null && 'ruleId' in d);
        if (d.action !== 'wait' || d.retryAt === null || !('ruleId' in d)) return;
        reasons.set(d.reason, (reasons.get(d.reason) ?? 0) + 1);
        const action = eventTypeOf(ruleSet, d.ruleId);
        expect(['show-soft-prompt', 'show-settings-link']).toContain(action);
        const now = Date.parse(String(context.now));
        const retry = Date.parse(d.retryAt);
        expect(retry).toBeGreaterThan(now);

        // Honest: nothing of that kind before retryAt.
        const span = retry - now;
        for (const t of [now, retry - 1, ...fractions.map((f) => now + Math.floor(f * span))]) {
          const later = decider.decideUnknown(at(context, t));
          expect(later.reason).not.toBe('invalid-context');
          expect(later.action, `at ${new Date(t).toISOString()}`).not.toBe(action);
        }

        // Exact: at retryAt, no time window holds that kind (context as the engine read it).
        const heldBy = (c: JsonObject): string[] =>
          (decider.decideUnknown(at(c, retry), { explain: true }).trace ?? [])
            .filter((r) => r.action === action && r.status === 'held-back')
            .map((r) => r.hold?.reason ?? '')
            .filter((r) => TIME_WINDOWS.includes(r));
        // With clock skew the rewrite to `now` is only an approximation of what the engine read
        // (the engine keeps the order the asks were written in, a rewrite to `now` cannot), so
        // exactness is checked on contexts without skew; honesty above holds for all.
        const clamped = clampedToNow(context);
        if (!clamped.skewed) expect(heldBy(clamped.context), `at retryAt ${d.retryAt}`).toEqual([]);
        if (heldBy(context).length > 0) {
          if (clamped.skewed) rawStillHeld.skewed++;
          else rawStillHeld.notSkewed++;
          const s = (context.sessions as JsonObject).currentStartedAt;
          if (typeof s === 'string' && Date.parse(s) > now) rawStillHeld.sessionStartAfterNow++;
        }
      }),
      { ...runOptions(seed, RUNS), maxSkipsPerRun: 100 },
    );
    console.log(
      `invariant 5 reasons: ${JSON.stringify(Object.fromEntries(reasons))}; ` +
        `raw context still held at retryAt: ${JSON.stringify(rawStillHeld)}`,
    );
    for (const r of TIME_WINDOWS) expect(reasons.get(r) ?? 0).toBeGreaterThan(5);
    // Only clock skew (a timestamp after now) can move a window past retryAt.
    expect(rawStillHeld.notSkewed).toBe(0);
  });
});

describe('regressions found by invariant 5', () => {
  it('a fractional-millisecond cooldown end gives a retryAt after now, outside the window', () => {
    // Shrunk counterexample (seed -1958186860): cooldownDays [1.4e-12] is 0.00012 ms. The
    // end was printed truncated to whole ms, so retryAt equalled now and was still inside it.
    const decider = createDecider({
      name: 'generated',
      policy: { softPrompt: { cooldownDays: [1.4128508391203705e-12] } },
      rules: [{ id: 'always-soft-prompt', conditions: { all: [] }, event: { type: 'show-soft-prompt' } }],
    });
    const context = {
      now: '2026-06-08T06:58:30-12:00',
      platform: { os: 'ios' },
      permission: 'not-determined',
      sessions: { count: 1 },
      asks: [{ kind: 'soft-prompt', at: '2026-06-08T18:58:30+00:00', outcome: 'dismissed' }],
    };
    const d = decider.decideUnknown(context);
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown', retryAt: '2026-06-08T18:58:30.001Z' });
    expect(decider.decideUnknown({ ...context, now: '2026-06-08T18:58:30.001Z' })).toMatchObject({
      action: 'show-soft-prompt',
      ruleId: 'always-soft-prompt',
    });
  });

  it('an accepted soft prompt whose dialog was dismissed after now keeps its back-off at every later now', () => {
    // Shrunk counterexample (seed -17624696): the dialog written 1 ms after `now` read as
    // `now`, beside a grant at the same instant; read again later it moved to its own instant,
    // the back-off vanished and the soft prompt showed before retryAt. Asks are now ordered
    // as written, so which dialog followed the soft prompt never depends on `now`.
    const decider = createDecider({
      name: 'generated',
      rules: [{ id: 'always-soft-prompt', conditions: { all: [] }, event: { type: 'show-soft-prompt' } }],
    });
    const context = {
      now: '2027-01-01T05:44:46+05:45',
      platform: { os: 'ios' },
      permission: 'not-determined',
      sessions: { count: 1 },
      asks: [
        { kind: 'soft-prompt', at: '2026-12-31T23:59:46+00:00', outcome: 'accepted' },
        { kind: 'system-prompt', at: '2026-12-31T23:59:46.001+00:00', outcome: 'ignored' },
        { kind: 'system-prompt', at: '2026-12-31T23:59:46+00:00', outcome: 'granted' },
      ],
    };
    // Its dialog is the grant written with it: no back-off, at `now` and at every later instant
    // (the old reading held it back at `now` until +3 days, then showed it the next day).
    for (const t of [
      Date.parse(context.now),
      Date.parse('2027-01-02T00:00:00Z'),
      Date.parse('2027-01-03T23:59:45Z'),
    ]) {
      expect(decider.decideUnknown(at(context, t))).toMatchObject({ action: 'show-soft-prompt' });
    }
    // Written the other way round (the walk-away first), it is a back-off from the start.
    const walkedAway = {
      ...context,
      asks: [
        { kind: 'soft-prompt', at: '2026-12-31T23:59:46+00:00', outcome: 'accepted' },
        { kind: 'system-prompt', at: '2026-12-31T23:59:46+00:00', outcome: 'ignored' },
        { kind: 'system-prompt', at: '2026-12-31T23:59:46.001+00:00', outcome: 'granted' },
      ],
    };
    const d = decider.decideUnknown(walkedAway);
    expect(d).toMatchObject({ action: 'wait', reason: 'cooldown' });
    expect(decider.decideUnknown(at(walkedAway, Date.parse(d.retryAt ?? '') - 1)).action).toBe('wait');
  });

  it('a dialog written before its soft prompt but after now never reads as following it', () => {
    // Both after `now`: read at `now` they share an instant, yet the dialog was written first.
    const decider = createDecider({
      name: 'generated',
      rules: [{ id: 'always-soft-prompt', conditions: { all: [] }, event: { type: 'show-soft-prompt' } }],
    });
    const context = {
      now: '2026-05-01T10:00:00Z',
      platform: { os: 'ios' },
      permission: 'not-determined',
      sessions: { count: 2 },
      asks: [
        { kind: 'system-prompt', at: '2026-05-01T10:00:01Z', outcome: 'dismissed' },
        { kind: 'soft-prompt', at: '2026-05-01T10:00:02Z', outcome: 'accepted' },
      ],
    };
    // Not a back-off: the soft prompt shows at `now` and later alike.
    expect(decider.decideUnknown(context).action).toBe('show-soft-prompt');
    expect(decider.decideUnknown(at(context, Date.parse('2026-05-01T12:00:00Z'))).action).toBe(
      'show-soft-prompt',
    );
  });
});
