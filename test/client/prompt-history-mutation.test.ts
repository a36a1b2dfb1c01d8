/**
 * The client kit's history state at its edges, found by mutation testing
 * (src/client/prompt-history.ts): the exact name and count bounds, which key action goes when
 * the cap is reached (the oldest, ties by name), what migrate drops from a saved state and
 * what it keeps, the current session's asks kept when bounding, and error messages that name
 * the bad value (cut to 40 characters).
 */
import { describe, expect, it } from 'vitest';
import {
  type AskInput,
  emptyHistory,
  migrate,
  type PromptHistory,
  recordAction,
  recordAsk,
  recordSession,
} from '../../src/client/index.js';
import { LIMITS } from '../../src/index.js';

const MINUTE = 60_000;
const T0 = Date.parse('2026-03-01T09:00:00Z');
/** The instant `minutes` after T0, as RFC 3339 text in UTC. */
const iso = (minutes: number): string => new Date(T0 + minutes * MINUTE).toISOString();
const MAX_KEYS = LIMITS.context.maxKeyActions;
const pad = (i: number): string => String(i).padStart(4, '0');

/** The error `f` throws (the test fails when it throws none). */
function thrown(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected a throw');
}

/** A saved state (plain JSON) with these key actions and nothing else. */
const savedActions = (keyActions: Record<string, unknown>): unknown => ({
  version: 1,
  sessions: { count: 1 },
  keyActions,
  asks: [],
});

describe('recordAction names', () => {
  it('accepts a name of exactly 100 characters', () => {
    const name = 'n'.repeat(100);
    expect(recordAction(emptyHistory(), name, iso(0)).keyActions[name]).toEqual({ count: 1, lastAt: iso(0) });
  });

  it('refuses a name over 100 characters, naming its first 40 in the message', () => {
    const err = thrown(() => recordAction(emptyHistory(), 'n'.repeat(101), iso(0)));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe(`recordAction: "${'n'.repeat(40)}" is not a key action name (1-100 characters)`);
  });

  it('refuses a name that is not a string (a plain JS caller passing an id)', () => {
    const err = thrown(() => recordAction(emptyHistory(), 42 as unknown as string, iso(0)));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe('recordAction: "42" is not a key action name (1-100 characters)');
  });
});

describe('recordAction times', () => {
  it('takes the newer text for the same instant recorded again (the device offset now)', () => {
    const paris = '2026-03-01T10:00:00+01:00';
    const newYork = '2026-03-01T04:00:00-05:00';
    const s = recordAction(recordAction(emptyHistory(), 'a', paris), 'a', newYork);
    expect(s.keyActions).toEqual({ a: { count: 2, lastAt: newYork } });
  });
});

describe('the key action cap', () => {
  it('drops the action done longest ago, whatever its name', () => {
    // k0000 is the newest and first by name; k0999 the oldest and last by name.
    const actions: Record<string, unknown> = {};
    for (let i = 0; i < MAX_KEYS; i++) actions[`k${pad(i)}`] = { count: 1, lastAt: iso(-i) };
    const s = recordAction(migrate(savedActions(actions)), 'new', iso(1));
    expect(Object.keys(s.keyActions)).toHaveLength(MAX_KEYS);
    expect(s.keyActions).not.toHaveProperty('k0999');
    expect(s.keyActions).toHaveProperty('k0000');
    expect(s.keyActions).toHaveProperty('new');
  });

  it('drops the first name in order among actions last done at the same instant', () => {
    // Recorded out of name order, so neither the first nor the last recorded is the first by name.
    let s: PromptHistory = emptyHistory();
    const half = MAX_KEYS / 2;
    for (let i = 0; i < MAX_KEYS; i++) s = recordAction(s, `a${pad((i + half) % MAX_KEYS)}`, iso(0));
    s = recordAction(s, 'new', iso(1));
    expect(Object.keys(s.keyActions)).toHaveLength(MAX_KEYS);
    expect(s.keyActions).not.toHaveProperty('a0000');
    for (const kept of ['a0001', `a${pad(half)}`, `a${pad(half - 1)}`, `a${pad(MAX_KEYS - 1)}`, 'new'])
      expect(s.keyActions).toHaveProperty(kept);
  });
});

describe('recordAsk and instants refused', () => {
  it('names the kind and outcome it refuses', () => {
    const bad = { kind: 'soft-prompt', outcome: 'granted', at: iso(0) } as unknown as AskInput;
    const err = thrown(() => recordAsk(emptyHistory(), bad));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe('recordAsk: soft-prompt / granted is not an ask a context can carry');
  });

  it('refuses epoch milliseconds with a message that names the value', () => {
    const err = thrown(() => recordSession(emptyHistory(), T0 as unknown as string));
    expect(err).toBeInstanceOf(TypeError);
    expect(err.message).toBe(`"${T0}" is not an RFC 3339 date-time with an offset (or a Date)`);
  });

  it('names only the first 40 characters of a long bad time', () => {
    const err = thrown(() => recordSession(emptyHistory(), `${iso(0)} (Central European Standard Time)`));
    expect(err.message).toBe(
      `"${`${iso(0)} (Central European Standard Time)`.slice(0, 40)}" is not an RFC 3339 date-time with an offset (or a Date)`,
    );
  });
});

describe('migrate: sessions', () => {
  it.each([['3'], [1.5], [-1], [null]])('reads a saved session count of %j as 0', (count) => {
    expect(migrate({ version: 1, sessions: { count } }).sessions.count).toBe(0);
  });

  it('leaves out a session time it cannot read (no key at all, not one set to undefined)', () => {
    const first = migrate({
      version: 1,
      sessions: { count: 2, firstSeenAt: iso(0), currentStartedAt: 'now' },
    });
    expect(first.sessions).toStrictEqual({ count: 2, firstSeenAt: iso(0) });
    const current = migrate({
      version: 1,
      sessions: { count: 2, firstSeenAt: 'then', currentStartedAt: iso(5) },
    });
    expect(current.sessions).toStrictEqual({ count: 2, currentStartedAt: iso(5) });
  });

  it('reads nothing from a saved "__proto__" key (no fields smuggled in through the prototype)', () => {
    const saved = JSON.parse(
      `{"__proto__": {"sessions": {"count": 5}, "keyActions": {"x": {"count": 1, "lastAt": "${iso(0)}"}}}}`,
    );
    expect(migrate(saved)).toEqual(emptyHistory());
  });
});

describe('migrate: key actions', () => {
  it('drops saved names a context cannot carry and keeps a name of exactly 100 characters', () => {
    const lastAt = iso(0);
    const s = migrate(
      savedActions({
        '': { count: 1, lastAt },
        ['x'.repeat(101)]: { count: 1, lastAt },
        ['y'.repeat(100)]: { count: 1, lastAt },
        constructor: { count: 1, lastAt },
      }),
    );
    expect(Object.keys(s.keyActions)).toEqual(['y'.repeat(100)]);
  });

  it('keeps a count of 0 and drops counts that are not non-negative integers', () => {
    const lastAt = iso(0);
    const s = migrate(
      savedActions({
        zero: { count: 0, lastAt },
        half: { count: 1.5, lastAt },
        text: { count: '2', lastAt },
        negative: { count: -1, lastAt },
      }),
    );
    expect(s.keyActions).toEqual({ zero: { count: 0, lastAt } });
  });

  it('keeps the most recent actions when a saved state has more than the cap', () => {
    // Listed oldest first; k0000 is the oldest and first by name.
    const actions: Record<string, unknown> = {};
    for (let i = 0; i <= MAX_KEYS; i++) actions[`k${pad(i)}`] = { count: 1, lastAt: iso(i) };
    const s = migrate(savedActions(actions));
    expect(Object.keys(s.keyActions)).toHaveLength(MAX_KEYS);
    expect(s.keyActions).not.toHaveProperty('k0000');
    expect(s.keyActions).toHaveProperty(`k${pad(MAX_KEYS)}`);
    expect(s.keyActions).toHaveProperty('k0001');
  });

  it('keeps the first names in order among actions last done at the same instant', () => {
    // Listed out of name order: the last by name is neither listed first nor last.
    const actions: Record<string, unknown> = {};
    const n = MAX_KEYS + 1;
    const shift = Math.floor(n / 2);
    for (let i = 0; i < n; i++) actions[`a${pad((i + shift) % n)}`] = { count: 1, lastAt: iso(0) };
    const s = migrate(savedActions(actions));
    expect(Object.keys(s.keyActions)).toHaveLength(MAX_KEYS);
    expect(s.keyActions).not.toHaveProperty(`a${pad(MAX_KEYS)}`);
    for (const kept of ['a0000', `a${pad(shift)}`, `a${pad(shift - 1)}`, `a${pad(MAX_KEYS - 1)}`])
      expect(s.keyActions).toHaveProperty(kept);
  });
});

describe('migrate: asks', () => {
  it('drops an ask whose kind is not a string, even one that reads as a kind', () => {
    const asks = [
      { kind: ['soft-prompt'], at: iso(0), outcome: 'accepted' },
      { kind: 'soft-prompt', at: iso(1), outcome: 'declined' },
    ];
    expect(migrate({ version: 1, sessions: { count: 1 }, asks }).asks).toEqual([
      { kind: 'soft-prompt', at: iso(1), outcome: 'declined' },
    ]);
  });

  it('keeps the current session asks when bounding an overfull history', () => {
    // 1,000 settings links before the session, 500 in it, then 9,000 ignored browser prompts:
    // 500 over maxAsks. The session's settings links are what maxPerSession counts.
    const start = 2_000;
    const asks: unknown[] = [];
    for (let i = 0; i < 1_000; i++) asks.push({ kind: 'settings-link', outcome: 'opened', at: iso(i) });
    for (let i = 0; i < 500; i++) asks.push({ kind: 'settings-link', outcome: 'opened', at: iso(start + i) });
    for (let i = 0; i < 9_000; i++)
      asks.push({ kind: 'system-prompt', outcome: 'ignored', at: iso(start + 500 + i) });
    expect(asks.length - LIMITS.context.maxAsks).toBe(500);
    const s = migrate({ version: 1, sessions: { count: 9, currentStartedAt: iso(start) }, asks });
    expect(s.asks).toHaveLength(LIMITS.context.maxAsks);
    const inSession = s.asks.filter(
      (a) => a.kind === 'settings-link' && Date.parse(a.at) >= T0 + start * MINUTE,
    );
    expect(inSession).toHaveLength(500);
  });
});
