/**
 * systemPrompt(context): will the OS/browser dialog show if requested now? Golden cases in
 * test/system-prompt.cases.json (language-neutral; worked out by hand from the platform
 * model, DESIGN.md sections 3 and 14), the parsed-Context form, and never throwing.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ContextInput, parseContext, type SystemPrompt, systemPrompt } from '../src/index.js';
import { propertySeed, runOptions } from './support/seed.js';

interface Case {
  readonly name: string;
  readonly context: ContextInput;
  readonly expected: {
    status: string;
    asksLeft: number | null;
    retryAt: string | null;
    requiresUserGesture: boolean;
    issuePaths?: (string | number)[][];
  };
}
const CASES: Case[] = JSON.parse(readFileSync('test/system-prompt.cases.json', 'utf8'));

function comparable(r: SystemPrompt) {
  const { issues, ...rest } = r as SystemPrompt & { issues?: { path: (string | number)[] }[] };
  return issues === undefined ? rest : { ...rest, issuePaths: issues.map((i) => i.path) };
}

describe('systemPrompt (test/system-prompt.cases.json)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_, c) => {
    expect(comparable(systemPrompt(c.context))).toEqual(c.expected);
  });

  it('covers every status', () => {
    expect(new Set(CASES.map((c) => c.expected.status))).toEqual(
      new Set(['available', 'exhausted', 'embargoed', 'granted', 'unsupported', 'invalid-context']),
    );
  });

  it('answers the same for a Context from parseContext', () => {
    for (const c of CASES.filter((x) => x.expected.status !== 'invalid-context')) {
      expect(systemPrompt(parseContext(c.context)), c.name).toEqual(systemPrompt(c.context));
    }
  });

  it('never throws, whatever it is given', () => {
    const seed = propertySeed('system-prompt/never-throws');
    fc.assert(
      fc.property(fc.anything(), (x) => {
        expect(systemPrompt(x as ContextInput).status).toBe('invalid-context');
      }),
      runOptions(seed, 300),
    );
    const hostile = {
      get now(): string {
        throw new Error('boom');
      },
    };
    expect(systemPrompt(hostile as unknown as ContextInput).status).toBe('invalid-context');
    expect(systemPrompt({ now: 1 } as unknown as ContextInput)).toMatchObject({ status: 'invalid-context' });
  });
});
