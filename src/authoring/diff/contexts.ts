/**
 * Finding the contexts in what `diff` and `replay` are given. Pure: the CLI reads files and
 * folders and hands the parsed JSON (or the lines) here.
 *
 * A JSON file is read as:
 * - one context: an object with any of the context's own fields (`now`, `platform`,
 *   `permission`, `sessions`);
 * - a decision record (`{"type":"decision", "context": …}`, DESIGN.md section 10): its context;
 * - a batch (`{"contexts": […]}`, the decision endpoint's body): each context;
 * - a list: each item that is a context, or that holds one under `context` (decision
 *   records, and the golden table `test/cases.json`, whose entries are
 *   `{ name, ruleSet, context, expected }`: the context is decided by the two rule sets
 *   being compared, the entry's own `ruleSet` and `expected` are not read);
 * - anything else is skipped with a counted note: a rule set (`rules`), a JSON Schema
 *   (`$schema` with `properties`/`$defs`/`definitions`), or another document.
 *
 * A JSON Lines file (and a decision log) holds one context or one log record per line;
 * ask and permission records are counted and skipped.
 */
import { ACTIONS, REASONS } from '../../index.js';
import { parseLogLine } from '../logs/jsonl.js';
import type { ComparableDecision } from './compare.js';
import type { SkipReason } from './report.js';

/** A context found in a JSON document, with the JSON path where it sits. */
export interface FoundContext {
  readonly path: readonly (string | number)[];
  readonly context: unknown;
}

/** What a JSON document holds: contexts, or the reason it holds none. */
export type JsonContents =
  | { readonly kind: 'contexts'; readonly contexts: readonly FoundContext[]; readonly notContexts: number }
  | { readonly kind: 'skip'; readonly reason: SkipReason };

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

const CONTEXT_FIELDS = ['now', 'platform', 'permission', 'sessions'] as const;

/**
 * Whether an object looks like a context (it names one of the context's own fields and is
 * not a rule set). Whether it is a *valid* context is the decider's call.
 *
 * @example
 * looksLikeContext({ now: '2026-03-01T09:00:00Z', platform: { os: 'ios' } }); // true
 * looksLikeContext({ name: 'default', rules: [] });                            // false
 */
export function looksLikeContext(v: unknown): boolean {
  return isObject(v) && !('rules' in v) && CONTEXT_FIELDS.some((f) => Object.hasOwn(v, f));
}

function isJsonSchema(v: Obj): boolean {
  return typeof v.$schema === 'string' && ('properties' in v || '$defs' in v || 'definitions' in v);
}

/** The context an item of a list holds: the item itself, or its `context`. */
function itemContext(item: unknown): unknown {
  if (isObject(item) && isObject(item.context) && !looksLikeContext(item)) return item.context;
  return looksLikeContext(item) ? item : undefined;
}

/**
 * The contexts in one parsed JSON document (see the module comment for the readings).
 *
 * @example
 * contextsInJson(JSON.parse(readFileSync('test/cases.json', 'utf8')));
 * // { kind: 'contexts', contexts: [{ path: [0, 'context'], context: {…} }, …], notContexts: 0 }
 * contextsInJson({ name: 'default', rules: [] }); // { kind: 'skip', reason: 'rule-set' }
 */
export function contextsInJson(json: unknown): JsonContents {
  if (Array.isArray(json)) return listContents(json, []);
  if (!isObject(json)) return { kind: 'skip', reason: 'not-a-context' };
  if (Array.isArray(json.rules)) return { kind: 'skip', reason: 'rule-set' };
  if (isJsonSchema(json)) return { kind: 'skip', reason: 'json-schema' };
  if (json.type === 'decision' && isObject(json.context)) {
    return { kind: 'contexts', contexts: [{ path: ['context'], context: json.context }], notContexts: 0 };
  }
  if (Array.isArray(json.contexts) && !looksLikeContext(json))
    return listContents(json.contexts, ['contexts']);
  if (looksLikeContext(json))
    return { kind: 'contexts', contexts: [{ path: [], context: json }], notContexts: 0 };
  return { kind: 'skip', reason: 'not-a-context' };
}

function listContents(list: readonly unknown[], prefix: readonly (string | number)[]): JsonContents {
  if (list.length === 0) return { kind: 'skip', reason: 'empty-list' };
  const contexts: FoundContext[] = [];
  let notContexts = 0;
  list.forEach((item, i) => {
    const c = itemContext(item);
    if (c === undefined) notContexts++;
    else contexts.push({ path: c === item ? [...prefix, i] : [...prefix, i, 'context'], context: c });
  });
  if (contexts.length === 0) return { kind: 'skip', reason: 'not-a-context' };
  return { kind: 'contexts', contexts, notContexts };
}

/** One line of a JSON Lines input. */
export type LineContents =
  | { readonly kind: 'context'; readonly context: unknown }
  | { readonly kind: 'decision'; readonly context: Obj; readonly decision: ComparableDecision }
  | { readonly kind: 'other-record' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'bad'; readonly message: string };

const ACTION_SET: ReadonlySet<unknown> = new Set(ACTIONS);
const REASON_SET: ReadonlySet<unknown> = new Set(REASONS);

/** The checks replay relies on, without the cost of the full record schema on every line. */
function isLoggedDecision(d: unknown): d is ComparableDecision {
  return (
    isObject(d) &&
    ACTION_SET.has(d.action) &&
    REASON_SET.has(d.reason) &&
    (d.ruleId === undefined || typeof d.ruleId === 'string') &&
    (d.retryAt === null || typeof d.retryAt === 'string') &&
    typeof d.ruleSet === 'string'
  );
}

/**
 * Reads one line of JSON Lines: a bare context, a decision record (its context and the
 * decision it logged), another log record (ask, permission), or a bad line with the
 * reason. A decision record is checked for what replay uses (its context is an object; its
 * decision has a known action and reason, `retryAt`, `ruleSet`); a line that fails is
 * explained by the full record schema.
 *
 * @example
 * readContextLine('{"type":"ask","at":"2026-03-01T09:30:00Z","userId":"u1","ask":{…}}'); // { kind: 'other-record' }
 * readContextLine('{"now":"2026-03-01T09:30:00Z","platform":{"os":"ios"}}');            // { kind: 'context', context: {…} }
 */
export function readContextLine(text: string): LineContents {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (text.trim() === '') return { kind: 'blank' };
    return { kind: 'bad', message: `not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (!isObject(json)) return { kind: 'bad', message: 'not a context or a log record (an object per line)' };
  const type = json.type;
  if (type === undefined) return { kind: 'context', context: json };
  if (type === 'decision' && isObject(json.context) && isLoggedDecision(json.decision)) {
    return { kind: 'decision', context: json.context, decision: json.decision };
  }
  if (type === 'ask' || type === 'permission') return { kind: 'other-record' };
  const why = parseLogLine(text, 0);
  return { kind: 'bad', message: why !== null && !why.ok ? why.message : 'not a decision record' };
}

/**
 * Lines to read: strings one by one, or batches of them (a reader that hands over a chunk's
 * lines at once costs one promise per chunk instead of one per line). Sync or async.
 */
export type LineSource = AsyncIterable<string | readonly string[]> | Iterable<string | readonly string[]>;

/**
 * Calls `fn` with each line and its 1-based number, in order.
 *
 * @example
 * await forEachLine(['{"a":1}', ['{"b":2}', '']], (text, line) => …); // lines 1, 2, 3
 */
export async function forEachLine(
  lines: LineSource,
  fn: (text: string, line: number) => void,
): Promise<void> {
  let n = 0;
  for await (const item of lines) {
    if (typeof item === 'string') fn(item, ++n);
    else for (const text of item) fn(text, ++n);
  }
}
