/**
 * The history an app keeps for the engine: sessions, key actions and asks, as a small
 * JSON-serializable state (localStorage, AsyncStorage, a server row) with pure update
 * functions and `toContext`. No clock, no I/O: the app passes every time in. Every function
 * returns a new state and never changes the one it is given.
 */

import type { ContextInput } from '../context/parse.js';
import { kindRank, outcomeRank } from '../shared/ask-order.js';
import { LIMITS } from '../shared/limits.js';
import { parseTimestamp } from '../shared/time.js';
import type { AskRecord } from './ask-record.js';
import { type AskBounds, compactAsks, type TimedAsk } from './compact.js';
import { localTimestamp } from './local-time.js';

/** An instant: a Date (written at the device's offset) or RFC 3339 text with an offset. */
export type Instant = Date | string;

/** An ask to record: its `at` may be a Date. */
export type AskInput = AskRecord extends infer A
  ? A extends AskRecord
    ? Omit<A, 'at'> & { readonly at: Instant }
    : never
  : never;

/**
 * The state's format version; `migrate` reads every earlier one.
 *
 * @example
 * emptyHistory().version === PROMPT_HISTORY_VERSION; // true
 */
export const PROMPT_HISTORY_VERSION = 1;

/** The history state: plain JSON, safe to `JSON.stringify` and read back with {@link migrate}. */
export interface PromptHistory {
  readonly version: typeof PROMPT_HISTORY_VERSION;
  readonly sessions: {
    /** Sessions recorded so far (the context's `sessions.count` once one is). */
    readonly count: number;
    readonly firstSeenAt?: string;
    readonly currentStartedAt?: string;
  };
  readonly keyActions: { readonly [name: string]: { readonly count: number; readonly lastAt: string } };
  /** Sorted by instant, then kind, then outcome, as the engine reads them; no duplicates. */
  readonly asks: readonly AskRecord[];
}

/** Keys a context ignores (prototype pollution): refused as key action names. */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);
const NAME_MAX = 100;
const COUNT_HEAD = 1_000; // POLICY_BOUNDS.maxCount: the largest maxShows/maxPerSession a policy may set
const BOUNDS: AskBounds = { maxAsks: LIMITS.context.maxAsks, countHead: COUNT_HEAD };
const OUTCOMES: Readonly<Record<AskRecord['kind'], readonly string[]>> = {
  'soft-prompt': ['accepted', 'declined', 'dismissed'],
  'system-prompt': ['granted', 'denied', 'dismissed', 'ignored', 'provisional'],
  'settings-link': ['opened', 'dismissed'],
};

/**
 * A history with nothing recorded yet.
 *
 * @example
 * let state = emptyHistory(); // { version: 1, sessions: { count: 0 }, keyActions: {}, asks: [] }
 */
export function emptyHistory(): PromptHistory {
  return { version: PROMPT_HISTORY_VERSION, sessions: { count: 0 }, keyActions: {}, asks: [] };
}

/**
 * Records the start of a session (app launch or return to the foreground after a while; a
 * page load on the web): counts it, and remembers when it started (for `maxPerSession`) and
 * when the first one did.
 *
 * @example
 * state = recordSession(state, clock()); // clock: the app's own clock, returning a Date
 */
export function recordSession(state: PromptHistory, at: Instant): PromptHistory {
  const t = text(at);
  const first = state.sessions.firstSeenAt;
  return {
    ...state,
    sessions: { count: state.sessions.count + 1, firstSeenAt: first ?? t, currentStartedAt: t },
  };
}

/**
 * Records a key action (`order_placed`, `article_read`…): its count and when it last
 * happened. At most LIMITS.context.maxKeyActions (1,000) names are kept: a new name past
 * that drops the one recorded longest ago. Throws a TypeError for a name a context cannot
 * carry (empty, over 100 characters, `__proto__`, `constructor`, `prototype`).
 *
 * @example
 * state = recordAction(state, 'order_placed', clock());
 */
export function recordAction(state: PromptHistory, name: string, at: Instant): PromptHistory {
  if (typeof name !== 'string' || name.length === 0 || name.length > NAME_MAX || FORBIDDEN.has(name)) {
    throw new TypeError(
      `recordAction: "${String(name).slice(0, 40)}" is not a key action name (1-100 characters)`,
    );
  }
  const t = text(at);
  const old = Object.hasOwn(state.keyActions, name) ? state.keyActions[name] : undefined;
  const lastAt = old !== undefined && ms(old.lastAt) > ms(t) ? old.lastAt : t;
  const entries = Object.entries(state.keyActions).filter(([k]) => k !== name);
  if (old === undefined && entries.length >= LIMITS.context.maxKeyActions) {
    entries.sort((x, y) => ms(x[1].lastAt) - ms(y[1].lastAt) || (x[0] < y[0] ? -1 : 1));
    entries.splice(0, entries.length - LIMITS.context.maxKeyActions + 1);
  }
  entries.push([name, { count: (old?.count ?? 0) + 1, lastAt }]);
  return { ...state, keyActions: Object.fromEntries(entries) };
}

/**
 * Records an ask: a soft prompt shown and how it ended, a system dialog and its outcome, a
 * settings link. The same ask recorded twice (same kind, instant and outcome) is kept once,
 * as the engine counts it. Past LIMITS.context.maxAsks (10,000) the oldest asks no decision
 * depends on are dropped (src/client/compact.ts says which). Throws a TypeError for a kind
 * and outcome a context cannot carry.
 *
 * @example
 * state = recordAsk(state, { kind: 'soft-prompt', outcome: 'accepted', at: clock() });
 */
export function recordAsk(state: PromptHistory, ask: AskInput): PromptHistory {
  const kind = ask.kind;
  if (!Object.hasOwn(OUTCOMES, kind) || !OUTCOMES[kind].includes(ask.outcome)) {
    throw new TypeError(
      `recordAsk: ${String(kind)} / ${String(ask.outcome)} is not an ask a context can carry`,
    );
  }
  const rec = { kind, at: text(ask.at), outcome: ask.outcome } as AskRecord;
  const item: TimedAsk = { rec, at: ms(rec.at) };
  const asks = state.asks;
  // Usually the newest: look for its place from the end.
  let i = asks.length;
  while (i > 0) {
    const c = compare(timed(asks[i - 1]!), item);
    if (c === 0) return state;
    if (c < 0) break;
    i--;
  }
  const next = [...asks.slice(0, i), rec, ...asks.slice(i)];
  if (next.length <= BOUNDS.maxAsks) return { ...state, asks: next };
  return { ...state, asks: bound(next.map(timed), state.sessions.currentStartedAt) };
}

/**
 * The system-prompt denials on record (what the request-outcome adapters need as `priorDenials`).
 *
 * @example
 * outcomeFromExpo(response, denialsOnRecord(state));
 */
export function denialsOnRecord(state: PromptHistory): number {
  let n = 0;
  for (const a of state.asks) if (a.kind === 'system-prompt' && a.outcome === 'denied') n++;
  return n;
}

/** What a context needs beyond the history: the moment, the device, the permission now. */
export interface ContextParts {
  /** The evaluation time: a Date (written at the device's offset) or RFC 3339 text. */
  readonly now: Instant;
  readonly platform: ContextInput['platform'];
  readonly permission: ContextInput['permission'];
  readonly canAskAgain?: boolean;
  readonly trigger?: string;
  readonly userId?: string;
  readonly attributes?: ContextInput['attributes'];
  readonly cooldowns?: ContextInput['cooldowns'];
}

/**
 * The context for a decision now: the history plus the moment and the device. A Date `now`
 * is written at the device's local offset (quiet hours read it). With no session recorded
 * yet, the count is 1 (this one).
 *
 * @example
 * const reading = permissionFromWeb(Notification.permission);
 * if (!('unsupported' in reading)) {
 *   decider.decide(toContext(state, { now: clock(), platform: { os: 'web', browser: 'chrome' }, ...reading }));
 * }
 */
export function toContext(state: PromptHistory, parts: ContextParts): ContextInput {
  const s = state.sessions;
  const keyActions: Record<string, { count: number; lastAt: string }> = {};
  for (const [k, v] of Object.entries(state.keyActions)) keyActions[k] = { count: v.count, lastAt: v.lastAt };
  return {
    now: text(parts.now),
    ...(parts.userId !== undefined && { userId: parts.userId }),
    platform: { ...parts.platform },
    permission: parts.permission,
    ...(parts.canAskAgain !== undefined && { canAskAgain: parts.canAskAgain }),
    sessions: {
      count: Math.max(1, s.count),
      ...(s.firstSeenAt !== undefined && { firstSeenAt: s.firstSeenAt }),
      ...(s.currentStartedAt !== undefined && { currentStartedAt: s.currentStartedAt }),
    },
    keyActions,
    ...(parts.trigger !== undefined && { trigger: parts.trigger }),
    asks: state.asks.map((a) => ({ ...a })),
    ...(parts.cooldowns !== undefined && { cooldowns: parts.cooldowns.map((c) => ({ ...c })) }),
    ...(parts.attributes !== undefined && { attributes: { ...parts.attributes } }),
  } as ContextInput;
}

/**
 * A history read back from storage (`JSON.parse` of what was saved), in the current format.
 * Version 1 is the first; a later format adds its conversion here. Never throws: nothing
 * saved (`null`, `undefined`) is an empty history, and whatever a context could not carry
 * (a bad time, an unknown outcome, a negative count) is dropped, keeping the rest. A newer
 * version's state is read for the fields this version knows.
 *
 * @example
 * let state = migrate(JSON.parse(localStorage.getItem('push-prompt') ?? 'null'));
 */
export function migrate(saved: unknown): PromptHistory {
  const o = record(saved);
  const s = record(o.sessions);
  const count = typeof s.count === 'number' && Number.isInteger(s.count) && s.count >= 0 ? s.count : 0;
  const firstSeenAt = validText(s.firstSeenAt);
  const currentStartedAt = validText(s.currentStartedAt);
  let state = emptyHistory();
  state = {
    ...state,
    sessions: {
      count,
      ...(firstSeenAt !== undefined && { firstSeenAt }),
      ...(currentStartedAt !== undefined && { currentStartedAt }),
    },
  };
  const actions: [string, { count: number; lastAt: string }][] = [];
  for (const [k, v] of Object.entries(record(o.keyActions))) {
    const e = record(v);
    const lastAt = validText(e.lastAt);
    const n = e.count;
    if (k.length === 0 || k.length > NAME_MAX || FORBIDDEN.has(k) || lastAt === undefined) continue;
    if (typeof n === 'number' && Number.isInteger(n) && n >= 0) actions.push([k, { count: n, lastAt }]);
  }
  actions.sort((x, y) => ms(y[1].lastAt) - ms(x[1].lastAt) || (x[0] < y[0] ? -1 : 1));
  const keyActions = Object.fromEntries(actions.slice(0, LIMITS.context.maxKeyActions));
  const asks: TimedAsk[] = [];
  for (const a of Array.isArray(o.asks) ? (o.asks as unknown[]) : []) {
    const r = record(a);
    const at = validText(r.at);
    const kind = r.kind;
    if (at === undefined || typeof kind !== 'string' || !Object.hasOwn(OUTCOMES, kind)) continue;
    if (!OUTCOMES[kind as AskRecord['kind']].includes(r.outcome as string)) continue;
    asks.push({ rec: { kind, at, outcome: r.outcome } as AskRecord, at: ms(at) });
  }
  asks.sort(compare);
  const unique = asks.filter((a, i) => i === 0 || compare(asks[i - 1]!, a) !== 0);
  return { ...state, keyActions, asks: bound(unique, currentStartedAt) };
}

function bound(asks: TimedAsk[], sessionStart: string | undefined): AskRecord[] {
  const start = sessionStart === undefined ? undefined : ms(sessionStart);
  return compactAsks(asks, start, BOUNDS).asks.map((a) => a.rec);
}

/** The engine's order (src/context/asks.ts): instant, then kind, then outcome; 0 for the same ask. */
function compare(x: TimedAsk, y: TimedAsk): number {
  const a = x.rec;
  const b = y.rec;
  return (
    x.at - y.at || kindRank(a.kind) - kindRank(b.kind) || outcomeRank(a.outcome) - outcomeRank(b.outcome)
  );
}

const timed = (rec: AskRecord): TimedAsk => ({ rec, at: ms(rec.at) });

function text(at: Instant): string {
  if (at instanceof Date) return localTimestamp(at);
  if (typeof at === 'string' && parseTimestamp(at) !== null) return at;
  throw new TypeError(`"${String(at).slice(0, 40)}" is not an RFC 3339 date-time with an offset (or a Date)`);
}

/** Epoch ms of a text the state holds (validated when it entered). */
const ms = (t: string): number => parseTimestamp(t)?.ms ?? Number.NaN;

function validText(v: unknown): string | undefined {
  return typeof v === 'string' && parseTimestamp(v) !== null ? v : undefined;
}

function record(v: unknown): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return {};
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const d = Object.getOwnPropertyDescriptor(v, k);
    if (d !== undefined && 'value' in d && !FORBIDDEN.has(k)) out[k] = d.value;
  }
  return out;
}
