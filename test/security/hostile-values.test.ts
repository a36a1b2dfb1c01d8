/**
 * Hostile values: prototype keys, JSONPath expressions, numbers that are not numbers, and
 * timestamps that are not instants. Each case asserts the exact outcome.
 */
import { describe, expect, it } from 'vitest';
import { createDecider, type Issue } from '../../src/index.js';
import {
  defaultDecider,
  defaultRules,
  exampleContexts,
  guarded,
  loadIssues,
  promptingContext,
  timed,
  usePrototypeGuard,
  useTimingReport,
} from './support.js';

usePrototypeGuard();
useTimingReport('hostile-values');

const FORBIDDEN = ['__proto__', 'constructor', 'prototype'] as const;
const forbiddenIssue = (key: string, path: (string | number)[]): Issue => ({
  code: 'forbidden-key',
  path: [...path, key],
  message: `"${key}" is not allowed as a key`,
});

/** The default rules as JSON text with `"KEY": {"x": 1}` inserted where `marker` is. */
function rulesTextWith(marker: string, key: string): string {
  const text = JSON.stringify(defaultRules());
  expect(text).toContain(marker);
  return text.replace(marker, `${marker}"${key}":{"x":1},`);
}

describe('forbidden keys in a rule file', () => {
  // Where the key goes (after the marker text) and the path it is reported at.
  const places: [string, string, (string | number)[]][] = [
    ['root', '{', []],
    ['policy', '"policy":{', ['policy']],
    ['policy.softPrompt', '"softPrompt":{', ['policy', 'softPrompt']],
    ['attributes', '"variants":{', ['variants']],
    ['a rule', '"rules":[{', ['rules', 0]],
    ['a condition group', '"conditions":{', ['rules', 0, 'conditions']],
    ['a leaf condition', '"all":[{', ['rules', 0, 'conditions', 'all', 0]],
    ['event', '"event":{', ['rules', 0, 'event']],
    ['event.params', '"params":{', ['rules', 0, 'event', 'params']],
  ];
  for (const key of FORBIDDEN) {
    it.each(places)(`"${key}" in %s (JSON.parse): RuleSetError with the path`, (_, marker, path) => {
      const json = JSON.parse(rulesTextWith(marker, key)) as unknown;
      const issues = guarded([json], () => loadIssues(json));
      expect(issues).toEqual([forbiddenIssue(key, path)]);
    });
  }

  it('deep inside event.params, and as an own property made with defineProperty', () => {
    const rules = defaultRules() as { rules: { event: { params: Record<string, unknown> } }[] };
    const params = (rules.rules[0] as { event: { params: Record<string, unknown> } }).event.params;
    params.nested = JSON.parse('{"a":{"b":{"__proto__":{"polluted":true}}}}');
    Object.defineProperty(params, 'constructor', { value: { prototype: {} }, enumerable: true });
    const issues = guarded([rules], () => loadIssues(rules));
    expect(issues).toEqual([
      forbiddenIssue('__proto__', ['rules', 0, 'event', 'params', 'nested', 'a', 'b']),
      forbiddenIssue('constructor', ['rules', 0, 'event', 'params']),
    ]);
  });

  it('in a path: refused, never followed', () => {
    for (const [fact, path] of [
      ['attributes', '$.__proto__'],
      ['attributes', '$.constructor'],
      ['keyActions', '$.__proto__.count'],
      ['keyActions', '$.constructor.count'],
      ['keyActions', '$.prototype.count'],
    ]) {
      const rules = {
        ...defaultRules(),
        attributes: { tier: 'string' },
        rules: [
          {
            id: 'p',
            conditions: { all: [{ fact, path, operator: 'equal', value: 1 }] },
            event: { type: 'wait' },
          },
        ],
      };
      const key = (path as string).split('.')[1] as string;
      expect(guarded([rules], () => loadIssues(rules))).toEqual([
        {
          code: 'forbidden-key',
          path: ['rules', 0, 'conditions', 'all', 0, 'path'],
          message: `"${key}" is not allowed in a path`,
        },
      ]);
    }
  });
});

describe('forbidden keys in a context', () => {
  const where: (string | number)[][] = [
    [],
    ['platform'],
    ['sessions'],
    ['keyActions'],
    ['keyActions', 'order_placed'],
    ['attributes'],
  ];

  it('JSON.parse contexts with __proto__/constructor/prototype anywhere decide like the clean context', () => {
    const decider = defaultDecider();
    for (const [name, clean] of exampleContexts()) {
      const expected = decider.decideUnknown(clean);
      for (const key of FORBIDDEN) {
        for (const at of where) {
          const text = JSON.stringify({ ...clean, attributes: { ...(clean.attributes as object) } });
          const hostile = JSON.parse(injectAt(text, at, key)) as unknown;
          const got = guarded([hostile], () => decider.decideUnknown(hostile));
          expect(got, `${name} ${key} at ${at.join('.')}`).toEqual(expected);
        }
      }
    }
  });

  it('keys that would flip the decision if read (permission, canAskAgain) change nothing', () => {
    const decider = defaultDecider();
    const clean = promptingContext();
    const expected = decider.decideUnknown(clean);
    expect(expected.action).toBe('show-soft-prompt');
    const hostile = JSON.parse(
      `{"__proto__":{"permission":"denied","canAskAgain":false},"constructor":{"prototype":{"asks":[]}},${JSON.stringify(clean).slice(1)}`,
    ) as unknown;
    expect(guarded([hostile], () => decider.decideUnknown(hostile))).toEqual(expected);
    expect(({} as Record<string, unknown>).permission).toBeUndefined();
  });
});

/** Inserts `"key": {...}` into the object at `at` of the text's JSON. */
function injectAt(text: string, at: (string | number)[], key: string): string {
  const json = JSON.parse(text) as Record<string, unknown>;
  let target = json;
  for (const seg of at) {
    // Where the clean context has no such object, the key goes into a new empty one,
    // except for a key action (an empty one is invalid on its own): that place is skipped.
    if (target[seg] === undefined && seg === 'order_placed') return text;
    const next = target[seg] ?? {};
    target[seg] = next;
    target = next as Record<string, unknown>;
  }
  target.__marker__ = 1;
  return JSON.stringify(json).replace(
    '"__marker__":1',
    `"${key}":{"permission":"granted","count":99,"polluted":true,"os":"web"}`,
  );
}

describe('JSONPath expressions are refused at load', () => {
  const invalid = (p: string, shape = '$.NAME'): Issue => ({
    code: 'invalid-path',
    path: ['rules', 0, 'conditions', 'all', 0, 'path'],
    message: `path must be plain ${shape} (no filters, wildcards or brackets), got "${p}"`,
  });
  const attributePaths = [
    '$..tier', // recursive descent
    '$.*', // wildcard
    '$[0]', // bracket index
    "$['tier']", // bracket name
    '$.tier[?(@.x)]', // filter
    '$..[?(@.constructor.constructor("return process")())]', // CVE-2024-21534-style filter
    '$[?(@property.match(/(a+)+$/))]', // a regex filter (ReDoS)
    '$.tier()',
    'tier',
    '$',
    '$.',
    '$.a..b',
  ];
  it.each(attributePaths)('attributes path %s', (p) => {
    const rules = {
      ...defaultRules(),
      attributes: { tier: 'string' },
      rules: [
        {
          id: 'p',
          conditions: { all: [{ fact: 'attributes', path: p, operator: 'equal', value: 'gold' }] },
          event: { type: 'wait' },
        },
      ],
    };
    expect(guarded([rules], () => loadIssues(rules))).toEqual([invalid(p)]);
  });

  it.each(['$.order_placed..count', '$.*.count', '$.order_placed["count"]', '$..count'])(
    'keyActions path %s',
    (p) => {
      const rules = {
        ...defaultRules(),
        rules: [
          {
            id: 'p',
            conditions: { all: [{ fact: 'keyActions', path: p, operator: 'equal', value: 1 }] },
            event: { type: 'wait' },
          },
        ],
      };
      expect(guarded([rules], () => loadIssues(rules))).toEqual([
        invalid(p, '$.NAME.count or $.NAME.hoursSinceLast'),
      ]);
    },
  );
});

describe('numbers that are not numbers: invalid-context, never coerced', () => {
  const decider = createDecider({ ...defaultRules(), attributes: { ltv: 'number' } });
  const notFinite = (got: string, path: (string | number)[]) => ({
    code: 'invalid-value',
    path,
    message: `must be a finite number (got ${got})`,
  });
  const cases: [string, unknown, object][] = [
    ['NaN', Number.NaN, notFinite('NaN', ['sessions', 'count'])],
    ['Infinity', Number.POSITIVE_INFINITY, notFinite('Infinity', ['sessions', 'count'])],
    ['-Infinity', Number.NEGATIVE_INFINITY, notFinite('-Infinity', ['sessions', 'count'])],
    ['-0', -0, notFinite('-0', ['sessions', 'count'])],
    ['1e999 (JSON.parse)', JSON.parse('1e999'), notFinite('Infinity', ['sessions', 'count'])],
    ['"5"', '5', { code: 'invalid-type', path: ['sessions', 'count'], message: 'expected number, got "5"' }],
    [
      '" 5"',
      ' 5',
      { code: 'invalid-type', path: ['sessions', 'count'], message: 'expected number, got " 5"' },
    ],
    [
      '"0x5"',
      '0x5',
      { code: 'invalid-type', path: ['sessions', 'count'], message: 'expected number, got "0x5"' },
    ],
    [
      '[5]',
      [5],
      { code: 'invalid-type', path: ['sessions', 'count'], message: 'expected number, got a list' },
    ],
    [
      '["5"]',
      ['5'],
      { code: 'invalid-type', path: ['sessions', 'count'], message: 'expected number, got a list' },
    ],
    [
      'true',
      true,
      { code: 'invalid-type', path: ['sessions', 'count'], message: 'expected number, got true' },
    ],
    ['5.5', 5.5, { code: 'invalid-type', path: ['sessions', 'count'], message: 'expected int, got 5.5' }],
  ];
  it.each(cases)('sessions.count = %s', (_, value, issue) => {
    const ctx = promptingContext();
    ctx.sessions = { ...(ctx.sessions as object), count: value };
    const d = guarded([ctx], () => decider.decideUnknown(ctx));
    expect(d).toEqual({
      action: 'wait',
      reason: 'invalid-context',
      retryAt: null,
      ruleSet: decider.ruleSet.id,
      issues: [issue],
    });
  });

  it('a declared number attribute sent as "5" (json-rules-engine: "5" < 10 is true) is refused', () => {
    for (const [value, issue] of [
      [
        '5',
        { code: 'invalid-type', path: ['attributes', 'ltv'], message: 'attribute "ltv" is declared number' },
      ],
      [
        [5],
        { code: 'invalid-type', path: ['attributes', 'ltv'], message: 'attribute "ltv" is declared number' },
      ],
      [Number.NaN, notFinite('NaN', ['attributes', 'ltv'])],
      [-0, notFinite('-0', ['attributes', 'ltv'])],
    ] as const) {
      const ctx = { ...promptingContext(), attributes: { ltv: value } };
      expect(decider.decideUnknown(ctx)).toMatchObject({ reason: 'invalid-context', issues: [issue] });
    }
  });

  it('apiLevel and key-action counts as strings are refused', () => {
    const android = { ...promptingContext(), platform: { os: 'android', apiLevel: '34' } };
    expect(decider.decideUnknown(android)).toMatchObject({
      reason: 'invalid-context',
      issues: [
        { code: 'invalid-type', path: ['platform', 'apiLevel'], message: 'expected number, got "34"' },
      ],
    });
    const counts = { ...promptingContext(), keyActions: { order_placed: { count: '1' } } };
    expect(decider.decideUnknown(counts)).toMatchObject({
      reason: 'invalid-context',
      issues: [{ code: 'invalid-type', path: ['keyActions', 'order_placed', 'count'] }],
    });
  });
});

describe('timestamps', () => {
  const badNow = {
    code: 'invalid-value',
    path: ['now'],
    message: 'must be an RFC 3339 date-time with an offset, e.g. 2026-03-01T09:30:00Z or …+01:00',
  };
  it.each([
    '2024-02-30T10:00:00Z', // no such day
    '2023-02-29T10:00:00Z', // not a leap year
    '03/10/2024', // ambiguous local format
    '2024-03-10T10:00:00', // no offset: would depend on the machine's TZ
    '2024-03-10', // a date, not an instant
    '2024-03-10T10:00:00+0100', // offset without a colon
    '2024-03-10 10:00:00Z', // space separator
    '2026-03-01T24:00:00Z',
    '2026-03-01T23:59:60Z', // leap second
    '2026-03-01T10:00:00+24:00',
    '+002026-03-01T10:00:00Z',
    'Sun, 01 Mar 2026 10:00:00 GMT',
    '1772357400000',
  ])('now = %s: invalid-context', (now) => {
    const decider = defaultDecider();
    const ctx = { ...promptingContext(), now };
    const d = guarded([ctx], () => decider.decideUnknown(ctx));
    expect(d).toEqual({
      action: 'wait',
      reason: 'invalid-context',
      retryAt: null,
      ruleSet: decider.ruleSet.id,
      issues: [badNow],
    });
  });

  it('DST gap and overlap: instants with an offset are exact, whatever the wall clock did', () => {
    // 2026-03-08 02:30 does not exist in New York (spring forward), 2026-11-01 01:30 happens
    // twice; with an explicit offset each is one exact instant, and quiet hours use that offset.
    const decider = defaultDecider();
    const cases: [string, string][] = [
      ['2026-03-08T02:30:00-05:00', '2026-03-08T13:00:00.000Z'],
      ['2026-03-08T02:30:00-04:00', '2026-03-08T12:00:00.000Z'],
      ['2026-11-01T01:30:00-04:00', '2026-11-01T12:00:00.000Z'],
      ['2026-11-01T01:30:00-05:00', '2026-11-01T13:00:00.000Z'],
    ];
    for (const [now, retryAt] of cases) {
      const ctx = {
        ...promptingContext(),
        now,
        sessions: { count: 3 },
        keyActions: { order_placed: { count: 1 } },
      };
      expect(
        guarded([ctx], () => decider.decideUnknown(ctx)),
        now,
      ).toEqual({
        action: 'wait',
        reason: 'quiet-hours',
        ruleId: 'after-first-order',
        params: { variant: 'order-updates' },
        retryAt, // 08:00 at the offset `now` was written with
        ruleSet: decider.ruleSet.id,
      });
    }
  });

  it('a valid instant far from UTC (+14:00, -12:00, Chatham +13:45) decides by its own local hour', () => {
    const decider = defaultDecider();
    const { result } = timed('three far offsets', () =>
      ['2026-03-01T10:00:00+14:00', '2026-03-01T10:00:00-12:00', '2026-03-01T10:00:00+13:45'].map((now) =>
        decider.decideUnknown({ ...promptingContext(), now, sessions: { count: 3 } }),
      ),
    );
    for (const d of result)
      expect(d).toMatchObject({ action: 'show-soft-prompt', ruleId: 'after-first-order' });
  });
});
