/**
 * The decision routes' pure part: record lines (from the parsed context, or with the body
 * text as received), batch shapes, body parsing.
 */
import { describe, expect, it } from 'vitest';
import { decisionRecord, LogRecordSchema } from '../../src/authoring/index.js';
import { createDecider } from '../../src/index.js';
import { batchContexts, parseJsonBody, recordLine } from '../../src/server/decide.js';
import { CLOCK_ISO, CONTEXT, DEFAULT_RULES } from './helpers.js';

const decider = createDecider(JSON.parse(DEFAULT_RULES));

describe('recordLine', () => {
  it('is decisionRecord as one JSON line, with or without the body text, trace left out', () => {
    const d = decider.decideUnknown(CONTEXT, { explain: true });
    const { trace: _t, ...untraced } = d;
    const expected = JSON.parse(JSON.stringify(decisionRecord(CONTEXT, untraced as typeof d, CLOCK_ISO)));
    const lines = [
      recordLine(CONTEXT, d, CLOCK_ISO),
      recordLine(CONTEXT, d, CLOCK_ISO, JSON.stringify(CONTEXT)),
      recordLine(CONTEXT, untraced as typeof d, CLOCK_ISO, JSON.stringify(CONTEXT), JSON.stringify(untraced)),
    ];
    for (const line of lines as string[]) {
      expect(line).not.toContain('\n');
      expect(JSON.parse(line)).toStrictEqual(expected);
      expect(LogRecordSchema.safeParse(JSON.parse(line)).success).toBe(true);
    }
  });

  it('keeps the body text exactly as sent; a body with line breaks is written again as one line', () => {
    const raw = `{"now":"2026-11-23T19:05:00+01:00","userId":"u1","platform":{"os":"ios"},"permission":"not-determined","sessions":{"count":1.0}}`;
    const ctx = JSON.parse(raw);
    const line = recordLine(ctx, decider.decideUnknown(ctx), CLOCK_ISO, raw) as string;
    expect(line).toContain(`"context":${raw},"decision":`);
    const pretty = JSON.stringify(ctx, null, 2);
    const fromPretty = recordLine(ctx, decider.decideUnknown(ctx), CLOCK_ISO, pretty) as string;
    expect(fromPretty.split('\n')).toHaveLength(1);
    expect(JSON.parse(fromPretty).context).toStrictEqual(ctx);
  });

  it('hostile strings cannot break out of their fields', () => {
    const ctx = { ...CONTEXT, userId: '","context":{},"x":"' };
    const raw = JSON.stringify(ctx);
    const parsed = JSON.parse(recordLine(ctx, decider.decideUnknown(ctx), CLOCK_ISO, raw) as string);
    expect(parsed.userId).toBe(ctx.userId);
    expect(parsed.context).toStrictEqual(ctx);
  });

  it('null for a context that is not a JSON object (no record can hold it)', () => {
    for (const c of [null, 5, 'x', [CONTEXT]])
      expect(recordLine(c, decider.decideUnknown(c), CLOCK_ISO)).toBeNull();
  });
});

describe('batchContexts and parseJsonBody', () => {
  it('accepts { contexts: [...] } up to the limit, refuses other shapes and larger batches', () => {
    expect(batchContexts({ contexts: [1, 2] }, 2)).toStrictEqual([1, 2]);
    expect(() => batchContexts({ contexts: [1, 2, 3] }, 2)).toThrow(/3 contexts, more than the limit of 2/);
    for (const body of [[], null, 'x', { contexts: 'no' }, {}]) {
      expect(() => batchContexts(body, 2)).toThrow(/contexts/);
    }
  });

  it('parses JSON; anything else is an invalid-json HttpError with the parser message', () => {
    expect(parseJsonBody('{"a":1}')).toStrictEqual({ a: 1 });
    expect(() => parseJsonBody('{"a":')).toThrow(/^the body is not valid JSON: /);
  });
});
