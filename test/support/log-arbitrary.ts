/**
 * fast-check arbitraries of small decision logs that stress the report's definitions: few
 * users, experiments, arms and instants, so ties are common (the same instant written in
 * different offsets and cases), context asks both valid and malformed, every permission
 * status, users in two arms, decisions without userId, and bad lines of every kind. Used by
 * the order-invariance property and the SQL differential test.
 */
import fc from 'fast-check';
import { askLine, decisionLine, permissionLine } from './report-fixture.js';

/** A few instants, each writable in several equivalent ways. */
const INSTANTS = [
  [
    '2026-03-01T10:00:00Z',
    '2026-03-01T11:00:00+01:00',
    '2026-03-01t10:00:00z',
    '2026-03-01T05:00:00.000-05:00',
  ],
  ['2026-03-01T10:00:00.500Z', '2026-03-01T15:30:00.5+05:30'],
  ['2026-03-02T10:00:00Z', '2026-03-02T09:00:00-01:00'],
  ['2026-03-05T23:59:59.999Z', '2026-03-06T00:59:59.999+01:00'],
] as const;

const instant = fc
  .tuple(fc.nat(INSTANTS.length - 1), fc.nat(3))
  .map(([i, form]) => INSTANTS[i]![form % INSTANTS[i]!.length]!);

const user = fc.constantFrom('u1', 'u2', 'u3', 'u4');
const assignment = fc.record({ id: fc.constantFrom('x', 'y'), arm: fc.constantFrom('a', 'b', 'c') });
const status = fc.constantFrom('not-determined', 'default', 'denied', 'provisional', 'ephemeral', 'granted');

const validAsk = fc.oneof(
  fc.record({
    kind: fc.constant('soft-prompt'),
    at: instant,
    outcome: fc.constantFrom('accepted', 'declined', 'dismissed'),
  }),
  fc.record({
    kind: fc.constant('system-prompt'),
    at: instant,
    outcome: fc.constantFrom('granted', 'denied', 'dismissed', 'ignored', 'provisional'),
  }),
  fc.record({
    kind: fc.constant('settings-link'),
    at: instant,
    outcome: fc.constantFrom('opened', 'dismissed'),
  }),
);
/** Asks a context may carry that the ask schema refuses: ignored, the line still counts. */
const malformedAsk = fc.constantFrom(
  { kind: 'soft-prompt', at: '2026-03-01T10:00:00', outcome: 'accepted' },
  { kind: 'soft-prompt', at: '2026-03-01T10:00:00Z', outcome: 'granted' },
  { kind: 'system-prompt', at: '2026-02-30T10:00:00Z', outcome: 'granted' },
  { kind: 'push', at: '2026-03-01T10:00:00Z', outcome: 'accepted' },
);

const BAD = [
  '{oops',
  '[1,2]',
  '42',
  'null',
  '{"type":"click","at":"2026-03-01T10:00:00Z","userId":"u1"}',
  '{"type":"permission","at":"2026-03-01T24:00:00Z","userId":"u1","permission":"granted"}',
  '{"type":"permission","at":"2026-03-01T10:00:00Z","userId":"","permission":"granted"}',
  '{"type":"permission","at":"2026-03-01T10:00:00Z","userId":7,"permission":"granted"}',
  '{"type":"permission","at":"2026-03-01T10:00:00Z","userId":"u1","permission":"maybe"}',
  '{"type":"ask","at":"2026-03-01T10:00:00Z","userId":"u1","ask":{"kind":"soft-prompt","at":"2026-03-01T10:00:00Z","outcome":"granted"}}',
  '{"type":"decision","at":"2026-03-01T10:00:00Z","userId":"u1","ruleSet":"r","context":{},"decision":{"action":"wait","reason":"no-rule-matched","ruleSet":"r"}}',
  '{"type":"decision","at":"2026-03-01T10:00:00Z","userId":"u1","ruleSet":"r","context":{},"decision":{"action":"wait","reason":"no-rule-matched","retryAt":null,"ruleSet":"r","experiments":[{"id":"x"}]}}',
  '{"type":"decision","at":"2026-03-01T10:00:00Z","userId":"u1","ruleSet":"r","context":[],"decision":{"action":"wait","reason":"no-rule-matched","retryAt":null,"ruleSet":"r"}}',
];

/** One log line: mostly records, sometimes a bad line. */
export const logLineArbitrary: fc.Arbitrary<string> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        user: fc.option(user, { nil: undefined, freq: 8 }),
        at: instant,
        experiments: fc.array(assignment, { maxLength: 2 }),
        permission: fc.oneof(status, fc.constant('maybe')),
        asks: fc.array(fc.oneof({ weight: 4, arbitrary: validAsk }, { weight: 1, arbitrary: malformedAsk }), {
          maxLength: 3,
        }),
      })
      .map((r) =>
        decisionLine(r.user, r.at, {
          experiments: r.experiments,
          permission: r.permission,
          ...(r.asks.length > 0 && { asks: r.asks }),
        }),
      ),
  },
  { weight: 4, arbitrary: fc.tuple(user, validAsk).map(([u, a]) => askLine(u, a.at, a.kind, a.outcome)) },
  { weight: 3, arbitrary: fc.tuple(user, instant, status).map(([u, at, s]) => permissionLine(u, at, s)) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD) },
);

/** A small log. */
export const logArbitrary = fc.array(logLineArbitrary, { maxLength: 40 });

/** An experiments block for --rules: x declared (some arms, maybe a holdout), y sometimes. */
export const rulesArbitrary = fc.option(
  fc
    .record({
      x: fc.uniqueArray(fc.constantFrom('a', 'b', 'c'), { minLength: 1, maxLength: 3 }),
      weights: fc.array(fc.integer({ min: 1, max: 90 }), { minLength: 3, maxLength: 3 }),
      holdout: fc.option(fc.nat(2), { nil: undefined }),
      y: fc.boolean(),
    })
    .map((r) => ({
      experiments: {
        x: {
          arms: Object.fromEntries(
            r.x.map((a, i) => [a, { weight: r.weights[i]!, ...(r.holdout === i && { holdout: true }) }]),
          ),
        },
        ...(r.y && { y: { arms: { c: { weight: 1 }, b: { weight: 3 } } } }),
      },
    })),
  { nil: null },
);
