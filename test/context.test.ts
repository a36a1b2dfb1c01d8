/**
 * The context (DESIGN.md section 2): every field accepted and rejected with its path and
 * code, RFC 3339 with an offset only, clamping, deduplication, order independence, and
 * own-property-only reading of untrusted input.
 */
import { describe, expect, it } from 'vitest';
import { ContextError, parseContext, safeParseContext } from '../src/index.js';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const NOW = '2026-03-01T12:00:00+01:00';
const NOW_MS = Date.parse(NOW);

function base(): Obj {
  return {
    now: NOW,
    platform: { os: 'ios' },
    permission: 'not-determined',
    sessions: { count: 2 },
  };
}

/** A context with every field of section 2 set. */
function full(): Obj {
  return {
    now: NOW,
    userId: 'u-42',
    platform: {
      os: 'web',
      osVersion: '17.4.1',
      hostOs: 'macos',
      apiLevel: 34,
      targetSdk: 34,
      browser: 'firefox',
      installedToHomeScreen: true,
    },
    permission: 'denied',
    canAskAgain: true,
    sessions: {
      count: 7,
      firstSeenAt: '2026-02-01T08:00:00Z',
      currentStartedAt: '2026-03-01T11:50:00+01:00',
    },
    keyActions: { order_placed: { count: 2, lastAt: '2026-02-28T10:00:00Z' }, follow_topic: { count: 0 } },
    trigger: 'order_placed',
    asks: [
      { kind: 'soft-prompt', at: '2026-02-20T10:00:00Z', outcome: 'declined' },
      { kind: 'system-prompt', at: '2026-02-21T10:00:00Z', outcome: 'denied' },
      { kind: 'settings-link', at: '2026-02-22T10:00:00Z', outcome: 'opened' },
    ],
    cooldowns: [{ until: '2026-03-05T00:00:00Z', scope: 'soft-prompt', reason: 'support-ticket' }],
    attributes: { tier: 'gold', ltv: 120.5, beta: true, tags: ['news'], scores: [1, 2] },
  };
}

/** Sets `value` at `path` in a copy of `ctx` (`undefined` deletes the key). */
function withValue(ctx: Obj, path: (string | number)[], value: Json | undefined): Obj {
  const copy = structuredClone(ctx);
  let cur: Obj | Json[] = copy;
  for (const seg of path.slice(0, -1)) cur = (cur as Record<string | number, Json>)[seg] as Obj;
  const last = path[path.length - 1] as string | number;
  if (value === undefined) delete (cur as Record<string | number, Json>)[last];
  else (cur as Record<string | number, Json>)[last] = value;
  return copy;
}

describe('parseContext: accepted values', () => {
  it('accepts a minimal context and normalizes it', () => {
    const ctx = parseContext(base());

    expect(ctx).toEqual({
      now: NOW_MS,
      offsetMinutes: 60,
      platform: { os: 'ios' },
      permission: 'not-determined',
      sessions: { count: 2 },
      keyActions: {},
      asks: [],
      cooldowns: [],
      attributes: {},
    });
  });

  it('accepts every field of section 2 and converts times to epoch ms', () => {
    const ctx = parseContext(full());

    expect(ctx.userId).toBe('u-42');
    expect(ctx.platform).toEqual({
      os: 'web',
      osVersion: '17.4.1',
      hostOs: 'macos',
      apiLevel: 34,
      targetSdk: 34,
      browser: 'firefox',
      installedToHomeScreen: true,
    });
    expect(ctx.permission).toBe('denied');
    expect(ctx.canAskAgain).toBe(true);
    expect(ctx.sessions).toEqual({
      count: 7,
      firstSeenAt: Date.parse('2026-02-01T08:00:00Z'),
      currentStartedAt: Date.parse('2026-03-01T11:50:00+01:00'),
    });
    expect({ ...ctx.keyActions }).toEqual({
      order_placed: { count: 2, lastAt: Date.parse('2026-02-28T10:00:00Z') },
      follow_topic: { count: 0 },
    });
    expect(ctx.trigger).toBe('order_placed');
    expect(ctx.asks).toEqual([
      { kind: 'soft-prompt', at: Date.parse('2026-02-20T10:00:00Z'), outcome: 'declined' },
      { kind: 'system-prompt', at: Date.parse('2026-02-21T10:00:00Z'), outcome: 'denied' },
      { kind: 'settings-link', at: Date.parse('2026-02-22T10:00:00Z'), outcome: 'opened' },
    ]);
    expect(ctx.cooldowns).toEqual([
      { until: Date.parse('2026-03-05T00:00:00Z'), scope: 'soft-prompt', reason: 'support-ticket' },
    ]);
    expect({ ...ctx.attributes }).toEqual({
      tier: 'gold',
      ltv: 120.5,
      beta: true,
      tags: ['news'],
      scores: [1, 2],
    });
  });

  it('defaults a snooze without scope to "all"', () => {
    const ctx = parseContext({ ...base(), cooldowns: [{ until: '2026-03-02T00:00:00Z' }] });

    expect(ctx.cooldowns).toEqual([{ until: Date.parse('2026-03-02T00:00:00Z'), scope: 'all' }]);
  });

  it.each([
    ['os', ['platform', 'os'], ['ios', 'android', 'web']],
    [
      'hostOs',
      ['platform', 'hostOs'],
      ['ios', 'ipados', 'android', 'macos', 'windows', 'linux', 'chromeos', 'other'],
    ],
    [
      'browser',
      ['platform', 'browser'],
      ['chrome', 'edge', 'firefox', 'safari', 'samsung', 'opera', 'other'],
    ],
    ['permission', ['permission'], ['not-determined', 'provisional', 'ephemeral', 'granted', 'denied']],
  ] as const)('accepts every documented value of %s', (_name, path, values) => {
    for (const v of values) {
      const r = safeParseContext(withValue(base(), [...path], v));
      expect(r.success, `${path.join('.')} = ${v}`).toBe(true);
    }
  });

  it.each([
    ['soft-prompt', ['accepted', 'declined', 'dismissed']],
    ['system-prompt', ['granted', 'denied', 'dismissed', 'ignored', 'provisional']],
    ['settings-link', ['opened', 'dismissed']],
  ] as const)('accepts every outcome of a %s ask', (kind, outcomes) => {
    for (const outcome of outcomes) {
      const r = safeParseContext({ ...base(), asks: [{ kind, at: '2026-02-01T00:00:00Z', outcome }] });
      expect(r.success, `${kind}/${outcome}`).toBe(true);
    }
  });

  it('reads web\'s permission "default" as not-determined', () => {
    expect(parseContext({ ...base(), permission: 'default' })).toEqual(parseContext(base()));
  });

  it('ignores keys that are not fields of the context', () => {
    const ctx = parseContext({ ...base(), locale: 'de-DE', platform: { os: 'ios', model: 'iPhone15,2' } });

    expect(ctx).toEqual(parseContext(base()));
  });
});

describe('parseContext: rejected values, with path and code', () => {
  const cases: [string, (string | number)[], Json | undefined, string][] = [
    ['now missing', ['now'], undefined, 'missing'],
    ['now a number', ['now'], 1772362800000, 'invalid-type'],
    ['now without offset', ['now'], '2026-03-01T12:00:00', 'invalid-value'],
    ['userId a number', ['userId'], 42, 'invalid-type'],
    ['platform missing', ['platform'], undefined, 'missing'],
    ['platform.os missing', ['platform', 'os'], undefined, 'missing'],
    ['platform.os unknown', ['platform', 'os'], 'windows', 'invalid-value'],
    ['platform.osVersion not a version', ['platform', 'osVersion'], '17.x', 'invalid-value'],
    ['platform.osVersion a number', ['platform', 'osVersion'], 17.2, 'invalid-type'],
    ['platform.hostOs unknown', ['platform', 'hostOs'], 'beos', 'invalid-value'],
    ['platform.apiLevel fractional', ['platform', 'apiLevel'], 33.5, 'invalid-type'],
    ['platform.apiLevel zero', ['platform', 'apiLevel'], 0, 'invalid-value'],
    ['platform.apiLevel a string', ['platform', 'apiLevel'], '33', 'invalid-type'],
    ['platform.targetSdk negative', ['platform', 'targetSdk'], -1, 'invalid-value'],
    ['platform.browser unknown', ['platform', 'browser'], 'netscape', 'invalid-value'],
    ['platform.installedToHomeScreen a string', ['platform', 'installedToHomeScreen'], 'yes', 'invalid-type'],
    ['permission missing', ['permission'], undefined, 'missing'],
    ['canAskAgain a string', ['canAskAgain'], 'false', 'invalid-type'],
    ['sessions missing', ['sessions'], undefined, 'missing'],
    ['sessions.count missing', ['sessions', 'count'], undefined, 'missing'],
    ['sessions.count zero', ['sessions', 'count'], 0, 'invalid-value'],
    ['sessions.count fractional', ['sessions', 'count'], 1.5, 'invalid-type'],
    ['sessions.count a numeric string', ['sessions', 'count'], '2', 'invalid-type'],
    [
      'sessions.firstSeenAt without offset',
      ['sessions', 'firstSeenAt'],
      '2026-02-01T08:00:00',
      'invalid-value',
    ],
    [
      'sessions.currentStartedAt a date only',
      ['sessions', 'currentStartedAt'],
      '2026-03-01',
      'invalid-value',
    ],
    ['keyActions a list', ['keyActions'], [], 'invalid-type'],
    ['keyActions count negative', ['keyActions'], { x: { count: -1 } }, 'invalid-value'],
    ['keyActions count missing', ['keyActions'], { x: {} }, 'missing'],
    [
      'keyActions lastAt without offset',
      ['keyActions'],
      { x: { count: 1, lastAt: '2026-02-01' } },
      'invalid-value',
    ],
    ['trigger empty', ['trigger'], '', 'invalid-value'],
    ['trigger a number', ['trigger'], 3, 'invalid-type'],
    ['asks not a list', ['asks'], { kind: 'soft-prompt' }, 'invalid-type'],
    ['ask of unknown kind', ['asks'], [{ kind: 'email', at: NOW, outcome: 'opened' }], 'invalid-value'],
    [
      'ask outcome of another kind',
      ['asks'],
      [{ kind: 'soft-prompt', at: NOW, outcome: 'granted' }],
      'invalid-value',
    ],
    ['ask time missing', ['asks'], [{ kind: 'soft-prompt', outcome: 'declined' }], 'missing'],
    ['cooldown until missing', ['cooldowns'], [{ scope: 'all' }], 'missing'],
    ['cooldown scope unknown', ['cooldowns'], [{ until: NOW, scope: 'email' }], 'invalid-value'],
    ['attributes a list', ['attributes'], ['gold'], 'invalid-type'],
    ['attribute an object', ['attributes'], { tier: { name: 'gold' } }, 'invalid-value'],
    ['attribute a mixed list', ['attributes'], { tags: ['a', 1] }, 'invalid-value'],
  ];
  const issuePath: Record<string, (string | number)[]> = {
    'keyActions count negative': ['keyActions', 'x', 'count'],
    'keyActions count missing': ['keyActions', 'x', 'count'],
    'keyActions lastAt without offset': ['keyActions', 'x', 'lastAt'],
    'ask of unknown kind': ['asks', 0, 'kind'],
    'ask outcome of another kind': ['asks', 0, 'outcome'],
    'ask time missing': ['asks', 0, 'at'],
    'cooldown until missing': ['cooldowns', 0, 'until'],
    'cooldown scope unknown': ['cooldowns', 0, 'scope'],
    'attribute an object': ['attributes', 'tier'],
    'attribute a mixed list': ['attributes', 'tags'],
  };

  it.each(cases)('%s', (name, path, value, code) => {
    const r = safeParseContext(withValue(base(), path, value));

    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ path: issuePath[name] ?? path, code });
    expect(r.issues[0]?.message).toMatch(/\S/);
  });

  it.each([
    ['null', null],
    ['a number', 42],
    ['a string', '{"now":"2026-03-01T12:00:00Z"}'],
    ['a list', []],
  ])('rejects %s as a whole context at the root', (_name, input) => {
    const r = safeParseContext(input);

    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]).toMatchObject({ path: [], code: 'invalid-type' });
  });

  it('reports every issue at once', () => {
    const r = safeParseContext({ now: 'yesterday', platform: { os: 'bsd' }, sessions: { count: 0 } });

    expect(r.success).toBe(false);
    if (r.success) return;
    expect(r.issues.map((i) => [i.path.join('.'), i.code])).toEqual([
      ['now', 'invalid-value'],
      ['platform.os', 'invalid-value'],
      ['permission', 'missing'],
      ['sessions.count', 'invalid-value'],
    ]);
  });

  it('throws ContextError with the same issues from parseContext', () => {
    const input = withValue(base(), ['permission'], 'maybe');
    const expected = safeParseContext(input);

    let caught: unknown;
    try {
      parseContext(input);
    } catch (e) {
      caught = e;
    }

    expect(caught).toBeInstanceOf(ContextError);
    const err = caught as ContextError;
    expect(err.name).toBe('ContextError');
    expect(err.code).toBe('invalid-context');
    expect(expected.success).toBe(false);
    if (!expected.success) expect(err.issues).toEqual(expected.issues);
    expect(err.message).toContain('$.permission');
  });
});

describe('timestamps: RFC 3339 with an offset only', () => {
  it.each([
    ['2026-03-01T12:00:00Z'],
    ['2026-03-01T12:00:00z'],
    ['2026-03-01t12:00:00+00:00'],
    ['2026-03-01T12:00:00.5+05:30'],
    ['2026-03-01T12:00:00.123-09:30'],
    ['2024-02-29T23:59:59+05:45'],
  ])('accepts %s', (now) => {
    const r = safeParseContext({ ...base(), now });

    expect(r.success).toBe(true);
    if (r.success) expect(r.data.now).toBe(new Date(now.toUpperCase()).getTime());
  });

  it.each([
    ['no offset', '2026-03-01T12:00:00'],
    ['impossible day', '2024-02-30T10:00:00Z'],
    ['29 February of a common year', '2023-02-29T10:00:00Z'],
    ['US date', '03/10/2024'],
    ['date only', '2024-03-10'],
    ['space separator', '2024-03-10 10:00:00Z'],
    ['hour 24', '2024-03-10T24:00:00Z'],
    ['leap second', '2024-03-10T10:00:60Z'],
    ['offset without colon', '2024-03-10T10:00:00+0100'],
    ['empty fraction', '2024-03-10T10:00:00.Z'],
    ['trailing text', '2024-03-10T10:00:00Z extra'],
    ['epoch number as text', '1772362800000'],
  ])('rejects %s (%s) at its path', (_name, at) => {
    const r = safeParseContext({ ...base(), asks: [{ kind: 'soft-prompt', at, outcome: 'declined' }] });

    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.issues).toEqual([expect.objectContaining({ path: ['asks', 0, 'at'], code: 'invalid-value' })]);
  });

  it('takes the user offset from now, whatever the other timestamps use', () => {
    expect(parseContext({ ...base(), now: '2026-03-01T12:00:00-09:30' }).offsetMinutes).toBe(-570);
    expect(parseContext({ ...base(), now: '2026-03-01T12:00:00+05:45' }).offsetMinutes).toBe(345);
    expect(parseContext({ ...base(), now: '2026-03-01T12:00:00Z' }).offsetMinutes).toBe(0);
  });
});

describe('normalization', () => {
  it('clamps timestamps after now to now (clock skew is never an earlier prompt)', () => {
    const future = '2026-03-01T13:00:00+01:00';
    const ctx = parseContext({
      ...base(),
      sessions: { count: 2, firstSeenAt: future, currentStartedAt: future },
      keyActions: { save_item: { count: 1, lastAt: future } },
      asks: [{ kind: 'soft-prompt', at: future, outcome: 'declined' }],
    });

    expect(ctx.sessions.firstSeenAt).toBe(NOW_MS);
    expect(ctx.sessions.currentStartedAt).toBe(NOW_MS);
    expect(ctx.keyActions.save_item?.lastAt).toBe(NOW_MS);
    expect(ctx.asks[0]?.at).toBe(NOW_MS);
  });

  it('keeps a snooze end after now (it is a window, not an event)', () => {
    const ctx = parseContext({ ...base(), cooldowns: [{ until: '2026-03-09T00:00:00Z' }] });

    expect(ctx.cooldowns[0]?.until).toBe(Date.parse('2026-03-09T00:00:00Z'));
  });

  it('counts the same ask logged twice once, also when written at another offset', () => {
    const ctx = parseContext({
      ...base(),
      asks: [
        { kind: 'system-prompt', at: '2026-02-01T10:00:00Z', outcome: 'denied' },
        { kind: 'system-prompt', at: '2026-02-01T10:00:00Z', outcome: 'denied' },
        { kind: 'system-prompt', at: '2026-02-01T11:00:00+01:00', outcome: 'denied' },
      ],
    });

    expect(ctx.asks).toEqual([
      { kind: 'system-prompt', at: Date.parse('2026-02-01T10:00:00Z'), outcome: 'denied' },
    ]);
  });

  it('keeps asks that differ in kind, time or outcome', () => {
    const at = '2026-02-01T10:00:00Z';
    const ctx = parseContext({
      ...base(),
      asks: [
        { kind: 'system-prompt', at, outcome: 'denied' },
        { kind: 'system-prompt', at, outcome: 'dismissed' },
        { kind: 'system-prompt', at: '2026-02-01T10:00:01Z', outcome: 'denied' },
        { kind: 'settings-link', at, outcome: 'dismissed' },
      ],
    });

    expect(ctx.asks).toHaveLength(4);
  });

  it('gives the same context for asks in any order', () => {
    const asks = full().asks as Obj[];
    const orders = [asks, [...asks].reverse(), [asks[1], asks[2], asks[0]], [asks[2], asks[0], asks[1]]];

    const parsed = orders.map((a) => parseContext({ ...full(), asks: a as Json[] }));

    for (const p of parsed) expect(p).toEqual(parsed[0]);
    expect(parsed[0]?.asks.map((a) => a.at)).toEqual(
      [...(parsed[0]?.asks.map((a) => a.at) ?? [])].sort((x, y) => x - y),
    );
  });
});

describe('untrusted input: own properties only', () => {
  it('ignores "__proto__" and "constructor" keys at any level, also from JSON.parse', () => {
    const clean = parseContext(full());
    const text = JSON.stringify(full()).replace(
      '{"now"',
      '{"__proto__":{"canAskAgain":false,"trigger":"x"},"constructor":{"prototype":{"permission":"granted"}},"now"',
    );
    const hostile = JSON.parse(text.replace('"platform":{', '"platform":{"__proto__":{"hostOs":"ios"},'));

    expect(Object.hasOwn(hostile, '__proto__')).toBe(true);
    expect(parseContext(hostile)).toEqual(clean);
  });

  it('never reads properties inherited from a polluted Object.prototype', () => {
    const clean = parseContext(base());
    const proto = Object.prototype as Record<string, unknown>;
    const polluted = [
      'canAskAgain',
      'trigger',
      'asks',
      'cooldowns',
      'userId',
      'attributes',
      'keyActions',
      'hostOs',
    ];
    try {
      proto.canAskAgain = false;
      proto.trigger = 'order_placed';
      proto.asks = [{ kind: 'system-prompt', at: '2026-02-01T10:00:00Z', outcome: 'denied' }];
      proto.cooldowns = [{ until: '2027-01-01T00:00:00Z' }];
      proto.userId = 'attacker';
      proto.attributes = { tier: 'gold' };
      proto.keyActions = { order_placed: { count: 9 } };
      proto.hostOs = 'ios';

      const ctx = parseContext(base());

      expect(ctx).toEqual(clean);
      expect(ctx.canAskAgain).toBeUndefined();
      expect(ctx.trigger).toBeUndefined();
      expect(ctx.userId).toBeUndefined();
      expect(ctx.platform.hostOs).toBeUndefined();
      expect(ctx.asks).toEqual([]);
      expect(ctx.cooldowns).toEqual([]);
      expect(ctx.attributes.tier).toBeUndefined();
      expect(ctx.keyActions.order_placed).toBeUndefined();
    } finally {
      for (const k of polluted) delete proto[k];
    }
    expect(Object.keys(Object.prototype)).toEqual([]);
  });

  it('never runs getters: an accessor is an issue at its path', () => {
    let runs = 0;
    const input: Record<string, unknown> = { ...base() };
    Object.defineProperty(input, 'trigger', {
      enumerable: true,
      get() {
        runs++;
        return 'order_placed';
      },
    });

    const r = safeParseContext(input);

    expect(runs).toBe(0);
    expect(r.success).toBe(false);
    if (!r.success)
      expect(r.issues).toEqual([expect.objectContaining({ path: ['trigger'], code: 'invalid-type' })]);
  });

  it('refuses class instances and other non-plain objects', () => {
    const r = safeParseContext({ ...base(), sessions: new Map([['count', 2]]) });

    expect(r.success).toBe(false);
    if (!r.success) expect(r.issues[0]).toMatchObject({ path: ['sessions'], code: 'invalid-type' });
  });

  it('does not mutate its input (deep-frozen input parses the same)', () => {
    const input = full();
    (input.asks as Json[]).push((input.asks as Json[])[0] as Json, {
      kind: 'soft-prompt',
      at: '2027-01-01T00:00:00Z',
      outcome: 'dismissed',
    });
    const before = structuredClone(input);
    const freeze = (v: unknown): void => {
      if (typeof v === 'object' && v !== null) {
        Object.freeze(v);
        for (const x of Object.values(v)) freeze(x);
      }
    };

    const ctx = parseContext(input);
    freeze(input);
    const again = parseContext(input);

    expect(input).toEqual(before);
    expect(again).toEqual(ctx);
  });
});
