/**
 * `push-prompt simulate` end to end: the readable table, the JSON shape of DESIGN.md
 * section 12, the SVG chart, the section 10 decision log (which replay reads back with no
 * change), and usage errors.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LogRecordSchema } from '../../src/authoring/index.js';
import { cli } from '../cli/helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'pp-simcli-'));
const BASE = ['simulate', '--population', 'ios', '--users', '300', '--days', '20', '--workers', '1'];

describe('push-prompt simulate', () => {
  it('prints a table with one row per strategy', async () => {
    const r = await cli([
      ...BASE,
      '--rules',
      'rules/default.json',
      '--baseline',
      'first-launch',
      '--baseline',
      'primer-first-launch',
    ]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(
      /^Simulated 300 users of population "ios" for 20 days \(seed 1, from 2026-03-02\)\./,
    );
    for (const name of ['default', 'first-launch', 'primer-first-launch'])
      expect(r.out).toMatch(new RegExp(`^${name} +\\d`, 'm'));
    expect(r.out).not.toContain('Invariant breaches');
  });

  it('--json gives every field of section 12 per strategy', async () => {
    const r = await cli([...BASE, '--rules', 'rules/default.json', '--baseline', 'first-launch', '--json']);
    const j = JSON.parse(r.out);
    expect(j).toMatchObject({ population: 'ios', users: 300, days: 20, seed: 1 });
    for (const s of j.strategies) {
      expect(Object.keys(s)).toEqual(
        expect.arrayContaining([
          'users',
          'optInRate',
          'optInByDay',
          'burned',
          'softPromptsShown',
          'systemPromptsShown',
          'settingsLinksShown',
          'medianDaysToOptIn',
        ]),
      );
      expect(Object.keys(s.optInByDay)).toEqual(['1', '7', '14', '20']);
      expect(s.optInByDay['20']).toBe(s.optInRate);
      expect(s.optInCurve).toHaveLength(20);
    }
    expect(j.strategies.map((s: { ruleSet: string | null }) => s.ruleSet)).toEqual([
      expect.stringMatching(/^default@/),
      null,
    ]);
  });

  it('--svg writes a line chart: one line and one legend entry per strategy, axis labels', async () => {
    const svg = join(dir, 'chart.svg');
    await cli([...BASE, '--rules', 'rules/default.json', '--baseline', 'first-launch', '--svg', svg]);
    const text = readFileSync(svg, 'utf8');
    expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(text.trimEnd().endsWith('</svg>')).toBe(true);
    expect(text.match(/<polyline /g)).toHaveLength(2);
    expect(text).toContain('Days since install');
    expect(text).toContain('Opted in (share of all users)');
    expect(text).toContain('>default</text>');
    expect(text).toContain('>first-launch</text>');
    for (const pts of text.matchAll(/points="([^"]+)"/g)) expect(pts[1]?.split(' ')).toHaveLength(20);
  });

  it('--log writes section 10 records that replay reads back with no change', async () => {
    const log = join(dir, 'sim.jsonl');
    // Android: users on 12 and below are on by default, which the log reports as a permission record.
    const android = [
      'simulate',
      '--population',
      'android',
      '--users',
      '300',
      '--days',
      '20',
      '--workers',
      '1',
    ];
    const r = await cli([
      ...android,
      '--rules',
      'rules/default.json',
      '--baseline',
      'first-launch',
      '--log',
      log,
    ]);
    expect(r.code).toBe(0);
    const lines = readFileSync(log, 'utf8').trimEnd().split('\n');
    const types = new Map<string, number>();
    for (const line of lines) {
      const parsed = LogRecordSchema.safeParse(JSON.parse(line));
      expect(parsed.success, line).toBe(true);
      const t = JSON.parse(line).type as string;
      types.set(t, (types.get(t) ?? 0) + 1);
    }
    expect([...types.keys()].sort()).toEqual(['ask', 'decision', 'permission']);
    const replay = await cli(['replay', '--rules', 'rules/default.json', '--log', log, '--json']);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.out)).toMatchObject({ total: types.get('decision'), changed: 0 });
  });

  it('with several rule sets, --log writes one file per rule set', async () => {
    const log = join(dir, 'two.jsonl');
    const r = await cli([
      ...BASE,
      '--rules',
      'rules/default.json',
      '--rules',
      'rules/news.json',
      '--log',
      log,
    ]);
    expect(r.code).toBe(0);
    for (const name of ['default', 'news']) {
      const first = JSON.parse(readFileSync(join(dir, `two.${name}.jsonl`), 'utf8').split('\n')[0] as string);
      expect(first.ruleSet).toMatch(new RegExp(`^${name}@`));
    }
  });

  it('usage errors exit 2 with a one-line message', async () => {
    const cases: [string[], RegExp][] = [
      [['simulate', '--baseline', 'first-launch'], /needs --population/],
      [['simulate', '--population', 'ios'], /needs --rules <file> or --baseline/],
      [['simulate', '--population', 'mars', '--baseline', 'first-launch'], /no shipped population "mars"/],
      [[...BASE, '--baseline', 'never'], /unknown baseline "never"/],
      [[...BASE, '--baseline', 'first-launch', '--users', '0'], /users must be/],
      [[...BASE, '--baseline', 'first-launch', '--log', join(dir, 'x.jsonl')], /--log needs a --rules/],
      [[...BASE, '--baseline', 'first-launch', '--vary', 'nope=0..1'], /names no parameter/],
      [[...BASE, '--baseline', 'first-launch', '--rank-by', 'fun'], /--rank-by/],
      [[...BASE, '--baseline', 'first-launch', '--workers', '0'], /--workers/],
    ];
    for (const [args, message] of cases) {
      const r = await cli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a rule file that does not load exits 1 with its issues', async () => {
    const r = await cli([...BASE, '--rules', 'bad.json'], {
      files: { 'bad.json': '{"name":"x","rules":[{"id":"a"}]}' },
    });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^bad\.json:\d+:\d+ {2}error {2}\$\.rules\[0\]/);
  });
});
