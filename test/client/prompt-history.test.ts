/**
 * The client kit's history state: pure updates that never change their input, the engine's
 * reading of asks (sorted, the same ask once), JSON round trips, migration of saved states,
 * toContext, and the bounds of LIMITS.context at full size.
 */
import { describe, expect, it } from 'vitest';
import {
  type AskInput,
  denialsOnRecord,
  emptyHistory,
  migrate,
  type PromptHistory,
  recordAction,
  recordAsk,
  recordSession,
  toContext,
} from '../../src/client/index.js';
import { createDecider, LIMITS, safeParseContext, systemPrompt } from '../../src/index.js';

const DAY = 86_400_000;
const T0 = Date.parse('2026-03-01T09:00:00Z');
const at = (days: number, offset = '+01:00'): string => {
  const ms = T0 + days * DAY;
  const sign = offset.startsWith('-') ? -1 : 1;
  const [h, m] = offset.slice(1).split(':').map(Number) as [number, number];
  const local = new Date(ms + sign * (h * 60 + m) * 60_000).toISOString().slice(0, 19);
  return `${local}${offset}`;
};

function deepFreeze<T>(o: T): T {
  if (typeof o === 'object' && o !== null) {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}

describe('the history state', () => {
  it('starts empty, at version 1', () => {
    expect(emptyHistory()).toEqual({ version: 1, sessions: { count: 0 }, keyActions: {}, asks: [] });
  });

  it('counts sessions, keeps the first and the current start', () => {
    let s = recordSession(emptyHistory(), at(0));
    s = recordSession(s, at(2));
    expect(s.sessions).toEqual({ count: 2, firstSeenAt: at(0), currentStartedAt: at(2) });
  });

  it('writes a Date at the device offset, the same instant', () => {
    const s = recordSession(emptyHistory(), new Date(T0));
    expect(Date.parse(s.sessions.currentStartedAt!)).toBe(T0);
    expect(s.sessions.currentStartedAt).toMatch(/[+-]\d\d:\d\d$/);
  });

  it('counts key actions and keeps the latest time, whatever the order recorded', () => {
    let s = recordAction(emptyHistory(), 'order_placed', at(3));
    s = recordAction(s, 'order_placed', at(1));
    expect(s.keyActions).toEqual({ order_placed: { count: 2, lastAt: at(3) } });
  });

  it.each(['', 'x'.repeat(101), '__proto__', 'constructor', 'prototype'])(
    'refuses the key action name %j',
    (n) => {
      expect(() => recordAction(emptyHistory(), n, at(0))).toThrow(TypeError);
    },
  );

  it('refuses a time without an offset, and an ask a context cannot carry', () => {
    expect(() => recordSession(emptyHistory(), '2026-03-01T09:00:00')).toThrow(TypeError);
    const bad = { kind: 'soft-prompt', outcome: 'granted', at: at(0) } as unknown as AskInput;
    expect(() => recordAsk(emptyHistory(), bad)).toThrow(TypeError);
  });

  it('keeps asks in the engine order, the same ask once (the same instant in another offset too)', () => {
    let s = emptyHistory();
    s = recordAsk(s, { kind: 'system-prompt', outcome: 'dismissed', at: at(2) });
    s = recordAsk(s, { kind: 'soft-prompt', outcome: 'accepted', at: at(2) });
    s = recordAsk(s, { kind: 'soft-prompt', outcome: 'declined', at: at(1) });
    s = recordAsk(s, { kind: 'soft-prompt', outcome: 'declined', at: at(1, '-05:00') });
    expect(s.asks.map((a) => `${a.kind}/${a.outcome}@${Date.parse(a.at) - T0}`)).toEqual([
      `soft-prompt/declined@${DAY}`,
      `soft-prompt/accepted@${2 * DAY}`,
      `system-prompt/dismissed@${2 * DAY}`,
    ]);
  });

  it('never changes the state it is given', () => {
    let s = recordSession(emptyHistory(), at(0));
    s = recordAction(s, 'a', at(0));
    s = recordAsk(s, { kind: 'soft-prompt', outcome: 'declined', at: at(0) });
    const frozen = deepFreeze(s);
    const copy = structuredClone(frozen);
    recordSession(frozen, at(1));
    recordAction(frozen, 'a', at(1));
    recordAction(frozen, 'b', at(1));
    recordAsk(frozen, { kind: 'system-prompt', outcome: 'denied', at: at(1) });
    toContext(frozen, { now: at(1), platform: { os: 'ios' }, permission: 'denied' }).asks?.push({
      kind: 'settings-link',
      at: at(1),
      outcome: 'opened',
    });
    migrate(frozen);
    expect(frozen).toEqual(copy);
  });

  it('round-trips through JSON', () => {
    let s = recordSession(emptyHistory(), at(0, '+05:45'));
    s = recordAction(s, 'article_read', at(0.5, '-09:30'));
    s = recordAsk(s, { kind: 'soft-prompt', outcome: 'accepted', at: at(1) });
    s = recordAsk(s, { kind: 'system-prompt', outcome: 'provisional', at: at(1) });
    expect(migrate(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });

  it('counts the denials on record', () => {
    let s = recordAsk(emptyHistory(), { kind: 'system-prompt', outcome: 'denied', at: at(0) });
    s = recordAsk(s, { kind: 'system-prompt', outcome: 'dismissed', at: at(1) });
    expect(denialsOnRecord(s)).toBe(1);
  });
});

describe('migrate', () => {
  it('reads nothing saved as an empty history', () => {
    expect(migrate(null)).toEqual(emptyHistory());
    expect(migrate(undefined)).toEqual(emptyHistory());
    expect(migrate('garbage')).toEqual(emptyHistory());
  });

  it('keeps what a context can carry and drops the rest, without throwing', () => {
    const saved = JSON.parse(`{
      "version": 1,
      "sessions": { "count": 3, "firstSeenAt": "yesterday", "currentStartedAt": "${at(2)}" },
      "keyActions": {
        "ok": { "count": 2, "lastAt": "${at(1)}" },
        "neg": { "count": -1, "lastAt": "${at(1)}" },
        "__proto__": { "count": 1, "lastAt": "${at(1)}" },
        "nolast": { "count": 1 }
      },
      "asks": [
        { "kind": "system-prompt", "at": "${at(1)}", "outcome": "denied" },
        { "kind": "soft-prompt", "at": "${at(0)}", "outcome": "accepted" },
        { "kind": "soft-prompt", "at": "${at(0)}", "outcome": "accepted" },
        { "kind": "soft-prompt", "at": "${at(0)}", "outcome": "granted" },
        { "kind": "nope", "at": "${at(0)}", "outcome": "opened" },
        { "kind": "settings-link", "at": "03/01/2026", "outcome": "opened" },
        null
      ]
    }`);
    expect(migrate(saved)).toEqual({
      version: 1,
      sessions: { count: 3, currentStartedAt: at(2) },
      keyActions: { ok: { count: 2, lastAt: at(1) } },
      asks: [
        { kind: 'soft-prompt', at: at(0), outcome: 'accepted' },
        { kind: 'system-prompt', at: at(1), outcome: 'denied' },
      ],
    });
    expect(Object.getPrototypeOf(migrate(saved).keyActions)).toBe(Object.prototype);
  });

  it('reads a newer version for the fields version 1 knows', () => {
    const s = migrate({ version: 7, sessions: { count: 2 }, asks: [], keyActions: {}, extra: { x: 1 } });
    expect(s).toEqual({ version: 1, sessions: { count: 2 }, keyActions: {}, asks: [] });
  });
});

describe('toContext', () => {
  it('is a valid context with the history and the parts, count 1 before any session', () => {
    const c = toContext(emptyHistory(), {
      now: '2026-03-01T23:10:00+09:00',
      platform: { os: 'web', browser: 'chrome' },
      permission: 'not-determined',
    });
    expect(c).toEqual({
      now: '2026-03-01T23:10:00+09:00',
      platform: { os: 'web', browser: 'chrome' },
      permission: 'not-determined',
      sessions: { count: 1 },
      keyActions: {},
      asks: [],
    });
    expect(safeParseContext(c).success).toBe(true);
  });

  it('carries every optional part given', () => {
    let s = recordSession(emptyHistory(), at(0));
    s = recordAction(s, 'order_placed', at(0));
    const c = toContext(s, {
      now: at(0.1),
      platform: { os: 'android', apiLevel: 34 },
      permission: 'denied',
      canAskAgain: false,
      trigger: 'order_placed',
      userId: 'u-1',
      attributes: { tier: 'gold' },
      cooldowns: [{ until: at(3), scope: 'soft-prompt' }],
    });
    expect(c).toMatchObject({
      userId: 'u-1',
      canAskAgain: false,
      trigger: 'order_placed',
      attributes: { tier: 'gold' },
      cooldowns: [{ until: at(3), scope: 'soft-prompt' }],
      sessions: { count: 1, firstSeenAt: at(0), currentStartedAt: at(0) },
      keyActions: { order_placed: { count: 1, lastAt: at(0) } },
    });
    expect(safeParseContext(c).success).toBe(true);
  });
});

describe('the context limits at full size', () => {
  // 10,047 browser prompts ignored, a minute apart (an app requesting on every page view,
  // past the engine), after three soft prompts: more than a context may carry.
  function overfull(): PromptHistory {
    const asks = [0, 1, 2].map((d) => ({ kind: 'soft-prompt', outcome: 'declined', at: at(d) }));
    for (let i = 0; i < 10_047; i++) {
      asks.push({
        kind: 'system-prompt',
        outcome: 'ignored',
        at: new Date(T0 + 5 * DAY + i * 60_000).toISOString(),
      });
    }
    return migrate({ version: 1, sessions: { count: 40, currentStartedAt: at(30) }, keyActions: {}, asks });
  }

  it('keeps at most maxAsks asks and stays a valid context, the decisive asks kept', () => {
    const s = overfull();
    expect(s.asks).toHaveLength(LIMITS.context.maxAsks);
    const soft = s.asks.filter((a) => a.kind === 'soft-prompt');
    expect(soft).toHaveLength(3);
    const newest = new Date(T0 + 5 * DAY + 10_046 * 60_000).toISOString();
    expect(s.asks.at(-1)).toEqual({ kind: 'system-prompt', outcome: 'ignored', at: newest });
    const c = toContext(s, {
      now: at(40),
      platform: { os: 'web', browser: 'chrome' },
      permission: 'not-determined',
    });
    expect(safeParseContext(c).success).toBe(true);
    // Still under Chromium's embargo from the newest ignore: the answer is the full history's.
    expect(systemPrompt({ ...c, now: newest })).toMatchObject({ status: 'embargoed' });
  });

  it('records one more ask on a full state, dropping an old one', () => {
    const s = overfull();
    const next = recordAsk(s, { kind: 'settings-link', outcome: 'opened', at: at(45) });
    expect(next.asks).toHaveLength(LIMITS.context.maxAsks);
    expect(next.asks.at(-1)).toEqual({ kind: 'settings-link', outcome: 'opened', at: at(45) });
    expect(next.asks.filter((a) => a.kind === 'soft-prompt')).toHaveLength(3);
    const decider = createDecider({ name: 'x', rules: [] });
    const c = toContext(next, { now: at(46), platform: { os: 'web' }, permission: 'denied' });
    expect(decider.decide(c).reason).toBe('no-rule-matched');
  });

  it('keeps at most maxKeyActions names, dropping the one recorded longest ago', () => {
    const keyActions: Record<string, { count: number; lastAt: string }> = {};
    for (let i = 0; i < LIMITS.context.maxKeyActions; i++)
      keyActions[`k${i}`] = { count: 1, lastAt: at(i / 100) };
    const s = recordAction(
      migrate({ version: 1, sessions: { count: 1 }, keyActions, asks: [] }),
      'new',
      at(20),
    );
    expect(Object.keys(s.keyActions)).toHaveLength(LIMITS.context.maxKeyActions);
    expect(s.keyActions).not.toHaveProperty('k0');
    expect(s.keyActions.new).toEqual({ count: 1, lastAt: at(20) });
  });
});
