/**
 * The context's public entry points (DESIGN.md section 2): `safeParseContext` never
 * throws, `parseContext` throws a ContextError. Both run the one validator (validate.ts).
 */
import { ContextError } from '../shared/errors.js';
import { LIMITS } from '../shared/limits.js';
import { newWalk, type ReadLimits, readSafely } from '../shared/read.js';
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
  const w = newWalk(READ_LIMITS);
  const data = readSafely(w, validateContext, input);
  if (w.read.length > 0) return { success: false, issues: w.read };
  return data === undefined ? { success: false, issues: w.issues } : { success: true, data };
}

const L = LIMITS.context;
/** A context as JSON data: objects may have as many keys as the longest list. */
const READ_LIMITS: ReadLimits = {
  maxDepth: L.maxDepth,
  maxNodes: L.maxNodes,
  maxChars: L.maxChars,
  maxKeys: L.maxAsks,
  maxString: L.maxStringLength,
  reportForbidden: false,
};

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
