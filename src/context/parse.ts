/**
 * The context's public entry points (DESIGN.md section 2): `safeParseContext` never
 * throws, `parseContext` throws a ContextError. Both run the one validator (validate.ts).
 */
import { ContextError, type Issue } from '../shared/errors.js';
import { describeThrown, MAX_SNAPSHOT_ISSUES } from '../shared/json-snapshot.js';
import { newWalk } from './read.js';
import type { Context, ContextParseResult } from './types.js';
import { validateContext } from './validate.js';

export type {
  Ask,
  AskKind,
  AttributeValue,
  Context,
  ContextInput,
  ContextParseResult,
  KeyActionStat,
  Os,
  Permission,
  Snooze,
} from './types.js';

/**
 * Validates and normalizes a context without throwing: timestamps become epoch ms, those
 * after `now` count as `now`, the same ask logged twice counts once, asks are sorted.
 * Invalid input gives every issue, each with its path, a stable code and a one-line message.
 *
 * @example
 * const r = safeParseContext({ now: '2026-03-01T09:30:00Z', platform: { os: 'web' },
 *   permission: 'not-determined', sessions: { count: 2 } });
 * if (r.success) r.data.now; // 1772357400000
 */
export function safeParseContext(input: unknown): ContextParseResult {
  const w = newWalk();
  let data: Context | undefined;
  try {
    data = validateContext(w, input);
  } catch (error) {
    // A Proxy trap threw: report it rather than let it escape.
    const issue: Issue = {
      code: 'invalid-type',
      path: [],
      message: `input could not be read: ${describeThrown(error)}`,
    };
    return { success: false, issues: [...w.read, issue] };
  }
  if (w.read.length > 0) {
    if (w.read.length >= MAX_SNAPSHOT_ISSUES) {
      w.read.push({
        code: 'limit-exceeded',
        path: [],
        message: `stopped reading after ${MAX_SNAPSHOT_ISSUES} issues`,
      });
    }
    return { success: false, issues: w.read };
  }
  return data === undefined ? { success: false, issues: w.issues } : { success: true, data };
}

/**
 * Validates and normalizes a context; throws {@link ContextError} with every issue.
 * For strict callers (a server that wants a 400); `decide` does this for you and never throws.
 *
 * @example
 * const ctx = parseContext(JSON.parse(body));
 * decider.decideParsed(ctx);
 */
export function parseContext(input: unknown): Context {
  const r = safeParseContext(input);
  if (!r.success) throw new ContextError(r.issues);
  return r.data;
}
