/**
 * The proof that bounding the kit's asks keeps decisions: histories longer than the bound,
 * compacted with small bounds (at most 40 asks, counts exact up to 7: above every cap and
 * count threshold the generated rule sets use), decide exactly as the full history does, for
 * arbitrary rule sets and contexts, and `systemPrompt` answers the same. The same argument
 * scales to the real bounds (10,000 asks, counts exact up to 1,000: the largest maxShows a
 * policy may set); src/client/compact.ts gives it.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compactAsks, type TimedAsk } from '../../src/client/compact.js';
import { type AskRecord, migrate } from '../../src/client/index.js';
import { summarizeHistory } from '../../src/evaluate/history.js';
import { createDecider, type Decision, parseContext, systemPrompt } from '../../src/index.js';
import { formatAt, type JsonObject, MS_DAY, MS_HOUR, scenarioArb } from '../support/arbitraries.js';
import { propertySeed, runOptions } from '../support/seed.js';

const seed = propertySeed('client/compact');
/** Decisions are compared at these bounds (counts exact above every generated cap and threshold). */
const BOUNDS = { maxAsks: 64, countHead: 7 };
/** Tighter bounds, where every protected ask matters: only what the engine reads is compared. */
const TIGHT = { maxAsks: 30, countHead: 2 };
const OUTCOMES = {
  'soft-prompt': ['accepted', 'declined', 'dismissed'],
  'system-prompt': ['granted', 'denied', 'dismissed', 'ignored', 'provisional'],
  'settings-link': ['opened', 'dismissed'],
} as const;

/**
 * A long history before `now`, as episodes: a soft prompt (sometimes two answers at the same
 * instant), then zero to three system-prompt asks at the same or later instants, sometimes a
 * settings link. Few distinct instants, so ties are common: that is where the window rule,
 * Chromium's counters and the last system-prompt instant are decided.
 */
const episodeArb = fc.record({
  soft: fc.array(fc.constantFrom(...OUTCOMES['soft-prompt'], 'accepted', 'accepted'), { maxLength: 2 }),
  system: fc.array(fc.tuple(fc.constantFrom(...OUTCOMES['system-prompt']), fc.constantFrom(0, 0, 1, 2)), {
    maxLength: 3,
  }),
  link: fc.option(fc.constantFrom(...OUTCOMES['settings-link']), { nil: undefined, freq: 4 }),
  gap: fc.constantFrom(0, 1, 1, 2, 5),
});
const historyArb = (now: number): fc.Arbitrary<JsonObject[]> =>
  fc
    .tuple(fc.array(episodeArb, { minLength: 20, maxLength: 60 }), fc.integer({ min: 1, max: 12 }))
    .map(([episodes, unitHours]) => {
      const out: { kind: string; outcome: string; slot: number }[] = [];
      let slot = 0;
      for (const e of episodes) {
        slot += e.gap;
        for (const outcome of e.soft) out.push({ kind: 'soft-prompt', outcome, slot });
        let t = slot;
        for (const [outcome, dt] of e.system) {
          t += dt;
          out.push({ kind: 'system-prompt', outcome, slot: t });
        }
        if (e.link !== undefined) out.push({ kind: 'settings-link', outcome: e.link, slot: t });
        slot = t;
      }
      return out.map(({ kind, outcome, slot: k }) => ({
        kind,
        outcome,
        at: formatAt(now - (slot + 1 - k) * unitHours * MS_HOUR, 0, false, true),
      }));
    });

/**
 * What the engine reads from the asks (src/evaluate/history.ts), counts saturated at the
 * head: equal views give equal guardrails, platform states and count facts for every policy
 * within the bounds (the ladder reads the first decline times and the newest).
 */
function view(context: object, H: number) {
  const h = summarizeHistory(parseContext(context));
  const sat = (n: number) => Math.min(n, H);
  return {
    softPromptShows: sat(h.softPromptShows),
    softPromptDeclines: sat(h.softPromptDeclines),
    firstDeclines: h.softPromptDeclineTimes.slice(0, H),
    lastDecline: h.softPromptDeclineTimes.at(-1),
    lastSoftPromptAt: h.lastSoftPromptAt,
    softPromptShowsInSession: sat(h.softPromptShowsInSession),
    systemPromptShows: sat(h.systemPromptShows),
    systemPromptDenials: sat(h.systemPromptDenials),
    previouslyGranted: h.previouslyGranted,
    lastSystemPromptDismissed: h.lastSystemPromptDismissed,
    settingsLinkShows: sat(h.settingsLinkShows),
    firstLinks: h.settingsLinkTimes.slice(0, H),
    lastSettingsLinkAt: h.lastSettingsLinkAt,
    settingsLinkShowsInSession: sat(h.settingsLinkShowsInSession),
    chromiumEmbargoEnd: h.chromiumEmbargoEnd,
  };
}

const comparable = (d: Decision) => ({
  action: d.action,
  reason: d.reason,
  ruleId: 'ruleId' in d ? d.ruleId : undefined,
  retryAt: d.retryAt,
});

/** A scenario (rule set, context) whose asks are a long generated history. */
const longArb = scenarioArb.chain(({ ruleSet, context }) => {
  const now = Date.parse(String(context.now));
  return fc
    .tuple(historyArb(now), fc.option(fc.integer({ min: 0, max: 50 }), { nil: undefined }))
    .map(([asks, sessionHoursAgo]) => {
      const sessions = { ...(context.sessions as JsonObject) };
      delete sessions.currentStartedAt;
      if (sessionHoursAgo !== undefined) {
        sessions.currentStartedAt = formatAt(now - sessionHoursAgo * MS_HOUR, 0, false, true);
      }
      return { ruleSet, context: { ...context, sessions, asks } as JsonObject };
    });
});

/** The kit's stored asks (its order, the same ask once) for a context, and their bound. */
function bound(context: JsonObject, bounds: typeof BOUNDS) {
  const stored = migrate({ version: 1, sessions: { count: 1 }, asks: context.asks }).asks;
  const timed: TimedAsk[] = stored.map((rec) => ({ rec, at: Date.parse(rec.at) }));
  const start = (context.sessions as JsonObject).currentStartedAt;
  const r = compactAsks(timed, typeof start === 'string' ? Date.parse(start) : undefined, bounds);
  expect(r.asks.length).toBeLessThanOrEqual(bounds.maxAsks);
  return {
    full: { ...context, asks: stored },
    bounded: { ...context, asks: r.asks.map((a) => a.rec) },
    cut: r.asks.length < timed.length,
    exact: r.exact,
  };
}

describe('bounding the kit history', () => {
  it('keeps what the engine reads, every decision and the systemPrompt answer of the full history', () => {
    const stats = { cut: 0, inexact: 0 };
    fc.assert(
      fc.property(longArb, ({ ruleSet, context }) => {
        const { full, bounded, cut, exact } = bound(context, BOUNDS);
        if (!exact) {
          stats.inexact++;
          return;
        }
        if (cut) stats.cut++;
        expect(view(bounded, BOUNDS.countHead)).toEqual(view(full, BOUNDS.countHead));
        const decider = createDecider(ruleSet);
        const before = decider.decideUnknown(full);
        if (before.reason !== 'invalid-context') {
          expect(comparable(decider.decideUnknown(bounded))).toEqual(comparable(before));
          expect(systemPrompt(bounded as never)).toEqual(systemPrompt(full as never));
        }
      }),
      runOptions(seed, 500),
    );
    console.log(`compaction coverage (decisions): ${JSON.stringify(stats)}`);
    // Not vacuous: most histories were over the bound and were cut, exactly.
    expect(stats.cut).toBeGreaterThan(250);
    expect(stats.inexact).toBeLessThan(stats.cut / 4);
  });

  it('keeps what the engine reads under tight bounds, where every protected ask counts', () => {
    const stats = { cut: 0, inexact: 0 };
    fc.assert(
      fc.property(longArb, ({ context }) => {
        const { full, bounded, cut, exact } = bound(context, TIGHT);
        if (!exact) {
          stats.inexact++;
          return;
        }
        if (cut) stats.cut++;
        expect(view(bounded, TIGHT.countHead)).toEqual(view(full, TIGHT.countHead));
      }),
      runOptions(seed, 1500),
    );
    console.log(`compaction coverage (tight): ${JSON.stringify(stats)}`);
    expect(stats.cut).toBeGreaterThan(300);
  });

  // Directed cases: system-prompt asks, then settings links that may go (the droppable ones
  // are newer, so dropping oldest first would take a needed ask if it were not protected).
  it.each([
    ['the first grant (previouslyGranted)', ['denied', 'granted', 'denied'], 6],
    ['every ask at the last instant (the Android rule)', ['denied', 'denied', 'denied+dismissed'], 6],
    [
      'the first three dismissals (Chromium counts them)',
      ['dismissed', 'dismissed', 'dismissed', 'dismissed'],
      6,
    ],
    [
      'the first four ignores (Chromium counts them)',
      ['ignored', 'ignored', 'ignored', 'ignored', 'ignored'],
      7,
    ],
  ] as const)('keeps %s', (_, outcomes, maxAsks) => {
    const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i)).toISOString();
    const asks: AskRecord[] = [
      ...outcomes.flatMap((o, i) =>
        o.split('+').map((outcome) => ({ kind: 'system-prompt', outcome, at: day(i) })),
      ),
      ...[10, 11, 12, 13, 14, 15].map((i) => ({ kind: 'settings-link', outcome: 'opened', at: day(i) })),
    ] as AskRecord[];
    const r = compactAsks(
      asks.map((rec) => ({ rec, at: Date.parse(rec.at) })),
      undefined,
      { maxAsks, countHead: 1 },
    );
    const ctx = (a: readonly AskRecord[]) => ({
      now: day(16),
      platform: { os: 'web' },
      permission: 'denied',
      sessions: { count: 1 },
      asks: a,
    });
    expect(r).toMatchObject({ exact: true });
    expect(r.asks.length).toBe(maxAsks);
    expect(view(ctx(r.asks.map((a) => a.rec)), 1)).toEqual(view(ctx(asks), 1));
  });

  it('cuts only down to the bound when it can, and says when it cannot be exact', () => {
    const t = (i: number): TimedAsk => ({
      rec: { kind: 'settings-link', outcome: 'opened', at: new Date(i * MS_DAY).toISOString() },
      at: i * MS_DAY,
    });
    const links = Array.from({ length: 12 }, (_, i) => t(i));
    // Settings links: the first 7 (counts) and the newest are needed; 4 can go.
    const r = compactAsks(links, undefined, { maxAsks: 10, countHead: 7 });
    expect(r).toMatchObject({ exact: true });
    expect(r.asks.map((a) => a.at / MS_DAY)).toEqual([0, 1, 2, 3, 4, 5, 6, 9, 10, 11]); // the oldest middle ones
    const tight = compactAsks(links, undefined, { maxAsks: 5, countHead: 7 });
    expect(tight.exact).toBe(false);
    // 8 asks are needed, 5 allowed: the oldest go regardless.
    expect(tight.asks.map((a) => a.at / MS_DAY)).toEqual([3, 4, 5, 6, 11]);
  });
});
