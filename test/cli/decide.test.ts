import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDecider } from '../../src/index.js';
import { cli, lineColOf } from './helpers.js';

const read = (f: string) => JSON.parse(readFileSync(f, 'utf8'));
const afterOrder = 'examples/contexts/ios-after-order.json';
const notNow = 'examples/contexts/ios-not-now-yesterday.json';
const rules = ['--rules', 'rules/default.json'];
const decider = createDecider(read('rules/default.json'));

describe('push-prompt decide', () => {
  it('prints the decision as JSON, the same as the library', async () => {
    const r = await cli(['decide', ...rules, '--context', afterOrder]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toEqual(decider.decide(read(afterOrder)));
    expect(JSON.parse(r.out)).toMatchObject({ action: 'show-soft-prompt', ruleId: 'after-first-order' });
  });

  it('--json prints one compact line', async () => {
    const r = await cli(['decide', ...rules, '--context', afterOrder, '--json']);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out).reason).toBe('rule-matched');
  });

  it('--explain prints each rule in priority order with the values it saw, and why the winner won', async () => {
    const r = await cli(['decide', ...rules, '--context', afterOrder, '--explain']);
    expect(r.code).toBe(0);
    const lines = r.out.split('\n');
    expect(lines[0]).toBe('Decision: show-soft-prompt');
    expect(r.out).toContain('  variant:  order-updates');
    const order = decider.ruleSet.rules
      .slice()
      .sort((a, b) => b.priority - a.priority || a.index - b.index)
      .map((x) => x.id);
    const listed = lines.filter((l) => /^\d+\. /.test(l)).map((l) => l.split(/\s+/)[1]);
    expect(listed).toEqual(order);
    expect(r.out).toContain('✗ sessionCount < 2   saw 3');
    expect(r.out).toContain('✓ trigger = "order_placed"   saw "order_placed"');
    expect(r.out).toContain('WINNER: conditions hold and no guardrail held it back');
    expect(r.out).toContain('not reached: a higher-priority rule already decided');
    expect(r.out).toContain('Why: "after-first-order" won');
  });

  it('--explain names the guardrail that held a rule back and its retryAt', async () => {
    const r = await cli(['decide', ...rules, '--context', notNow, '--explain']);
    const d = decider.decide(read(notNow));
    expect(d.reason).toBe('cooldown');
    expect(r.out).toContain(`matched, but held back by cooldown until ${d.retryAt}`);
    expect(r.out).toContain(
      `Why: Nothing is shown: "after-save" matched but was held back by cooldown; ask again from ${d.retryAt}.`,
    );
  });

  it('--explain --json gives the decision with its trace', async () => {
    const r = await cli(['decide', ...rules, '--context', notNow, '--explain', '--json']);
    const out = JSON.parse(r.out);
    expect(out.trace.find((t: { ruleId: string }) => t.ruleId === 'after-save')).toMatchObject({
      status: 'held-back',
      hold: { reason: 'cooldown' },
    });
  });

  it('reads the context from stdin with --context -', async () => {
    const r = await cli(['decide', ...rules, '--context', '-'], { stdin: readFileSync(afterOrder, 'utf8') });
    expect(JSON.parse(r.out).ruleId).toBe('after-first-order');
  });

  it('--jsonl replays one context per line, one decision per line', async () => {
    const files = [afterOrder, notNow, 'examples/contexts/ios-denied.json'];
    const stdin = `${files.map((f) => JSON.stringify(read(f))).join('\n')}\n`;
    const r = await cli(['decide', ...rules, '--jsonl'], { stdin });
    expect(r.code).toBe(0);
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toEqual(files.map((f) => decider.decide(read(f))));
  });

  it('--jsonl answers a broken line with invalid-context and exits 1', async () => {
    const stdin = `${JSON.stringify(read(afterOrder))}\n{"now": \n{}\n`;
    const r = await cli(['decide', ...rules, '--jsonl'], { stdin });
    expect(r.code).toBe(1);
    const out = r.out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((d) => d.reason)).toEqual(['rule-matched', 'invalid-context', 'invalid-context']);
    expect(out[1].issues[0].code).toBe('invalid-json');
  });

  it('an invalid context prints the wait decision and each issue with its line:column, exit 1', async () => {
    const text =
      '{\n  "now": "2026-03-01 10:00",\n  "platform": { "os": "ios" },\n  "permission": "denied",\n  "sessions": { "count": 2 }\n}\n';
    const r = await cli(['decide', ...rules, '--context', 'c.json'], { files: { 'c.json': text } });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({ action: 'wait', reason: 'invalid-context' });
    const { line, column } = lineColOf(text, '"2026-03-01 10:00"');
    expect(r.err).toContain(`c.json:${line}:${column}  error  $.now`);
  });

  it('an invalid rule set prints its issues and exits 1', async () => {
    const bad =
      '{ "name": "x", "rules": [{ "id": "a", "conditions": { "all": [{ "fact": "sesionCount", "operator": "equal", "value": 1 }] }, "event": { "type": "wait" } }] }';
    const r = await cli(['decide', '--rules', 'r.json', '--context', afterOrder], {
      files: { 'r.json': bad },
    });
    expect(r.code).toBe(1);
    expect(r.err).toContain('did you mean "sessionCount"?');
  });

  it('usage errors exit 2; --help exits 0', async () => {
    expect((await cli(['decide', '--context', afterOrder])).code).toBe(2);
    expect((await cli(['decide', ...rules])).code).toBe(2);
    expect((await cli(['decide', ...rules, '--context'])).code).toBe(2);
    const help = await cli(['decide', '--help']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('--jsonl');
  });
});

describe('push-prompt decide --explain with an experiment', () => {
  it('names the arms the user is in', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ppe-explain-'));
    const ctx = join(dir, 'ctx.json');
    writeFileSync(
      ctx,
      JSON.stringify({
        now: '2026-03-01T19:00:00+01:00',
        userId: 'u-7',
        platform: { os: 'ios' },
        permission: 'not-determined',
        sessions: { count: 3 },
        trigger: 'order_placed',
      }),
    );
    const r = await cli(['decide', '--rules', 'rules/primer-experiment.json', '--context', ctx, '--explain']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^ {2}experiments: primer-copy = (holdout|benefit|generic)$/m);
  });
});
