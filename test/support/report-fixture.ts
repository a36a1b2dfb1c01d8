/**
 * Shared by the report's tests: a generated log with known counts (three experiments: one
 * with a holdout, one without, one the rule set does not declare), the rule set it was
 * "made with", and small builders of hand-written log lines.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateLog, type LogSpec, type Truth } from './log-generator.js';

export const FIXTURE_SPEC: LogSpec = {
  seed: 20261203,
  users: 4000,
  badLines: 9,
  blankLines: 4,
  experiments: [
    {
      id: 'primer-copy',
      arms: [
        { name: 'holdout', weight: 10, holdout: true, optInRate: 0.3 },
        { name: 'benefit', weight: 45, optInRate: 0.58 },
        { name: 'generic', weight: 45, optInRate: 0.5 },
      ],
    },
    {
      id: 'ask-timing',
      audience: 0.6,
      arms: [
        { name: 'session-2', weight: 1, optInRate: 0.5 },
        { name: 'session-3', weight: 1, optInRate: 0.5 },
      ],
    },
    {
      id: 'legacy-copy',
      audience: 0.3,
      arms: [
        { name: 'old', weight: 1, optInRate: 0.4 },
        { name: 'new', weight: 1, optInRate: 0.4 },
      ],
    },
  ],
};

/**
 * The log docs/experiments.md shows (`npx tsx scripts/generate-log.ts`): iOS-like opt-in
 * rates from FIELD.md, 40% without a soft prompt (the holdout; published range 35-45%), 60%
 * with benefit copy and 52% with generic copy (55-65% with a pre-permission prompt), and an
 * ask-timing experiment with no real difference. Its experiments block is
 * examples/experiments/primer-copy.json.
 */
export const EXAMPLE_SPEC: LogSpec = {
  seed: 7,
  users: 20_000,
  badLines: 3,
  experiments: [
    {
      id: 'primer-copy',
      arms: [
        { name: 'holdout', weight: 10, holdout: true, optInRate: 0.4 },
        { name: 'benefit', weight: 45, optInRate: 0.6 },
        { name: 'generic', weight: 45, optInRate: 0.52 },
      ],
    },
    {
      id: 'ask-timing',
      audience: 0.5,
      arms: [
        { name: 'session-2', weight: 50, optInRate: 0.55 },
        { name: 'session-3', weight: 50, optInRate: 0.55 },
      ],
    },
  ],
};

/** The rule set the fixture log was made with: primer-copy and ask-timing, not legacy-copy. */
export const FIXTURE_RULES = {
  name: 'fixture',
  experiments: {
    'primer-copy': {
      description: 'Benefit copy vs generic copy, with a 10% never-prompted holdout',
      arms: { holdout: { weight: 10, holdout: true }, benefit: { weight: 45 }, generic: { weight: 45 } },
    },
    'ask-timing': { arms: { 'session-2': { weight: 1 }, 'session-3': { weight: 1 } } },
  },
  rules: [],
};

/** A fresh temporary directory. */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'push-prompt-report-'));

/** Generates `spec` into `dir/name`; returns the path, the lines and the truth. */
export function writeGeneratedLog(
  dir: string,
  spec: LogSpec = FIXTURE_SPEC,
  name = 'decisions.jsonl',
): { path: string; lines: string[]; truth: Truth } {
  const lines: string[] = [];
  const truth = generateLog(spec, (l) => lines.push(l));
  const path = join(dir, name);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return { path, lines, truth };
}

type Ask = { kind: string; at: string; outcome: string };

/** A decision record line. */
export function decisionLine(
  userId: string | undefined,
  at: string,
  opts: { experiments?: { id: string; arm: string }[]; permission?: string; asks?: Ask[] } = {},
): string {
  return JSON.stringify({
    type: 'decision',
    at,
    ...(userId !== undefined && { userId }),
    ruleSet: 'fixture@00000000',
    context: {
      now: at,
      ...(userId !== undefined && { userId }),
      platform: { os: 'ios' },
      permission: opts.permission ?? 'not-determined',
      sessions: { count: 2 },
      ...(opts.asks && { asks: opts.asks }),
    },
    decision: {
      action: 'wait',
      reason: 'no-rule-matched',
      retryAt: null,
      ruleSet: 'fixture@00000000',
      ...(opts.experiments && { experiments: opts.experiments }),
    },
  });
}

/** An ask record line. */
export const askLine = (userId: string, at: string, kind: string, outcome: string): string =>
  JSON.stringify({ type: 'ask', at, userId, ask: { kind, at, outcome } });

/** A permission record line. */
export const permissionLine = (userId: string, at: string, permission: string): string =>
  JSON.stringify({ type: 'permission', at, userId, permission });
