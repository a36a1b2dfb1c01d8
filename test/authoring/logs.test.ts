/**
 * Decision-log records (DESIGN.md section 10): a decision record made from a real decision
 * reads back as one; bad lines are reported with their line number and reading goes on.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  decisionRecord,
  LogRecordSchema,
  logRecordJsonSchema,
  readLogLines,
} from '../../src/authoring/index.js';
import { createDecider } from '../../src/index.js';

const decider = createDecider(JSON.parse(readFileSync('rules/default.json', 'utf8')));
const ctx = JSON.parse(readFileSync('examples/contexts/ios-after-order.json', 'utf8'));

describe('decision-log records', () => {
  it('a decision record of a real decision is a valid log line that round-trips', () => {
    const record = decisionRecord(ctx, decider.decide(ctx));
    expect(record).toMatchObject({ type: 'decision', at: ctx.now, ruleSet: decider.ruleSet.id });
    const back = LogRecordSchema.parse(JSON.parse(JSON.stringify(record)));
    expect(back).toStrictEqual(JSON.parse(JSON.stringify(record)));
  });

  it('keeps an explained and an invalid-context decision readable', () => {
    for (const d of [decider.decide(ctx, { explain: true }), decider.decideUnknown({ now: 'x' })]) {
      expect(LogRecordSchema.safeParse(JSON.parse(JSON.stringify(decisionRecord(ctx, d)))).success).toBe(
        true,
      );
    }
  });

  it('reports bad lines with their number and goes on; blank lines are skipped', async () => {
    const good = JSON.stringify({
      type: 'permission',
      at: '2026-03-01T09:30:00Z',
      userId: 'u1',
      permission: 'granted',
    });
    const lines = [good, '{oops', '', JSON.stringify({ type: 'ask', at: 'yesterday', userId: 'u1' }), good];
    const out = [];
    for await (const l of readLogLines(lines, 'x.jsonl')) out.push(l);
    expect(out.map((l) => [l.line, l.ok])).toEqual([
      [1, true],
      [2, false],
      [4, false],
      [5, true],
    ]);
    expect(out[1]).toMatchObject({ source: 'x.jsonl', message: expect.stringMatching(/^not JSON/) });
    expect(out[2]).toMatchObject({ message: expect.stringMatching(/^not a log record: \$\.at/) });
  });

  it('publishes a JSON Schema for the three record types', () => {
    const s = JSON.stringify(logRecordJsonSchema());
    for (const t of ['decision', 'ask', 'permission']) expect(s).toContain(`"const":"${t}"`);
  });
});
