/**
 * `decide --explain` warns, on stderr and in one line with what to do, when `now` is UTC
 * and the rule set reads the local time (quiet hours, localHour, localDayOfWeek): the usual
 * `new Date().toISOString()` silently moves quiet hours to UTC.
 */
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const ctx = (now: string) =>
  JSON.stringify({ now, platform: { os: 'ios' }, permission: 'not-determined', sessions: { count: 3 } });
const rulesWith = (extra: object) =>
  JSON.stringify({
    name: 'r',
    ...extra,
    rules: [{ id: 'ask', conditions: { all: [] }, event: { type: 'show-soft-prompt' } }],
  });
const QUIET = rulesWith({ policy: { quietHours: { from: 22, to: 8 } } });
const LOCAL_HOUR = JSON.stringify({
  name: 'r',
  rules: [
    {
      id: 'evening',
      conditions: { all: [{ fact: 'localHour', operator: 'greaterThanInclusive', value: 18 }] },
      event: { type: 'show-soft-prompt' },
    },
  ],
});
const PLAIN = rulesWith({});

async function decide(rules: string, context: string, ...flags: string[]) {
  return cli(['decide', '--rules', 'r.json', '--context', 'c.json', ...flags], {
    files: { 'r.json': rules, 'c.json': context },
  });
}

describe('decide --explain and a UTC now', () => {
  it.each(['2026-03-01T14:10:00Z', '2026-03-01T14:10:00+00:00', '2026-03-01T14:10:00-00:00'])(
    'warns for %s with quiet hours, in one line that says what to do',
    async (now) => {
      const r = await decide(QUIET, ctx(now), '--explain');
      expect(r.code).toBe(0);
      const lines = r.err.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(`now is UTC (${now})`);
      expect(lines[0]).toContain('quiet hours');
      expect(lines[0]).toContain('localTimestamp');
    },
  );

  it('warns when a rule reads localHour', async () => {
    const r = await decide(LOCAL_HOUR, ctx('2026-03-01T14:10:00Z'), '--explain');
    expect(r.err).toMatch(/^c\.json: warning: now is UTC .* \(localHour\)/);
  });

  it('says nothing for a local offset, a rule set without local time, or without --explain', async () => {
    expect((await decide(QUIET, ctx('2026-03-01T23:10:00+09:00'), '--explain')).err).toBe('');
    expect((await decide(PLAIN, ctx('2026-03-01T14:10:00Z'), '--explain')).err).toBe('');
    expect((await decide(QUIET, ctx('2026-03-01T14:10:00Z'))).err).toBe('');
  });

  it('warns once in a --jsonl replay, at the first UTC line', async () => {
    const lines = [
      ctx('2026-03-01T23:10:00+09:00'),
      ctx('2026-03-01T14:10:00Z'),
      ctx('2026-03-02T14:10:00Z'),
    ];
    const r = await cli(['decide', '--rules', 'r.json', '--jsonl', '--explain'], {
      files: { 'r.json': QUIET },
      stdin: `${lines.join('\n')}\n`,
    });
    expect(r.code).toBe(0);
    expect(r.err.trimEnd().split('\n')).toEqual([expect.stringMatching(/^line 2: warning: now is UTC/)]);
    expect(r.out.trimEnd().split('\n')).toHaveLength(3);
  });
});
