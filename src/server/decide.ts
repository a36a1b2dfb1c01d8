/**
 * The decision routes' pure part: a parsed body in, decisions and their log lines out.
 * No I/O here: the handler reads the body and writes the response and the log.
 */
import { decisionRecord } from '../authoring/logs/jsonl.js';
import type { Decider, Decision } from '../index.js';
import { HttpError } from './respond.js';

/**
 * The decision record's JSON line for one decision, or null when the context is not a JSON
 * object (a record's `context` must be one; the caller counts such decisions). The trace,
 * when explain was asked, is left out: a record is the same whoever asked.
 *
 * `raw`, when given, is the context's JSON text as received: it goes into the line as it
 * is (the context exactly as sent, and no second `JSON.stringify` of it on the hot path),
 * unless it holds a line break, which a JSON Lines record cannot. The record itself is
 * still `decisionRecord`'s; only the serialization of its `context` is the received text.
 *
 * @example
 * recordLine(ctx, decider.decideUnknown(ctx), '2026-03-01T09:30:00.000Z');
 * // '{"type":"decision","at":"2026-03-01T09:30:00.000Z","userId":"u1","ruleSet":"default@…",…}'
 */
export function recordLine(
  context: unknown,
  decision: Decision,
  at: string,
  raw?: string,
  /** The decision's JSON text, when the caller already made it (a decision without trace). */
  decisionJson?: string,
): string | null {
  if (context === null || typeof context !== 'object' || Array.isArray(context)) return null;
  let logged = decision;
  if (decision.trace !== undefined) {
    const { trace: _trace, ...rest } = decision;
    logged = rest as Decision;
  }
  const record = decisionRecord(context as { readonly [k: string]: unknown }, logged, at);
  if (raw === undefined || raw.includes('\n') || raw.includes('\r')) return JSON.stringify(record);
  // `context` and `decision` are the record's last two keys: the head is written as JSON,
  // then the received text, then the decision.
  const { context: _context, decision: d, ...head } = record;
  const h = JSON.stringify(head);
  return `${h.slice(0, -1)},"context":${raw},"decision":${decisionJson ?? JSON.stringify(d)}}`;
}

/**
 * The contexts of a batch body `{ "contexts": [ … ] }`; throws {@link HttpError}
 * `invalid-batch` (422) for another shape and `batch-too-large` (413) past `maxBatchSize`.
 *
 * @example
 * batchContexts({ contexts: [ctxA, ctxB] }, 1000); // [ctxA, ctxB]
 */
export function batchContexts(body: unknown, maxBatchSize: number): readonly unknown[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new HttpError('invalid-batch', '$: a batch must be an object { "contexts": [ … ] }');
  }
  const contexts = (body as { contexts?: unknown }).contexts;
  if (!Array.isArray(contexts)) {
    throw new HttpError('invalid-batch', '$.contexts: must be an array of contexts');
  }
  if (contexts.length > maxBatchSize) {
    throw new HttpError(
      'batch-too-large',
      `$.contexts: ${contexts.length} contexts, more than the limit of ${maxBatchSize} per batch`,
    );
  }
  return contexts;
}

/**
 * Parses a request body as JSON; throws {@link HttpError} `invalid-json` (400) with the
 * parser's message.
 *
 * @example
 * parseJsonBody('{"now":…}'); // the parsed value
 * parseJsonBody('{oops'); // HttpError invalid-json: the body is not valid JSON: …
 */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new HttpError('invalid-json', `the body is not valid JSON: ${message}`);
  }
}

/**
 * Decides for every context with one decider (so a reload in the middle of a batch cannot
 * split it across two rule sets).
 *
 * @example
 * decideAll(decider, [ctxA, ctxB], false).length; // 2
 */
export function decideAll(decider: Decider, contexts: readonly unknown[], explain: boolean): Decision[] {
  const options = explain ? { explain: true } : undefined;
  const out = new Array<Decision>(contexts.length);
  for (let i = 0; i < contexts.length; i++) out[i] = decider.decideUnknown(contexts[i], options);
  return out;
}
