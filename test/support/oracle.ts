/**
 * An independent, deliberately plain model of DESIGN.md sections 2-4 for the property
 * tests: it reads the raw context JSON (times through `Date.parse`, which is exact for
 * RFC 3339 text with an offset) and never calls src/time, src/history, src/platform or
 * src/guardrails. Only the policy defaults (configuration, not logic) come from src.
 */
import { DEFAULT_POLICY, type KindPolicy, type Policy } from '../../src/rules/policy.js';
import type { JsonObject, JsonValue } from './arbitraries.js';
import { MS_DAY, MS_HOUR, MS_MINUTE, offsetOf } from './arbitraries.js';

export type Kind = 'soft-prompt' | 'settings-link';

export interface OracleAsk {
  readonly kind: string;
  /** Clamped to `now`. */
  readonly at: number;
  readonly outcome: string;
  /** As written (clock skew not clamped): the order of the asks. */
  readonly written: number;
}

export interface Model {
  readonly now: number;
  readonly offset: number;
  readonly status: 'unsupported' | 'granted' | 'off';
  /** Whether the OS/browser dialog can still be shown (section 3). */
  readonly available: boolean;
  /** End of a Chromium embargo in force at `now`, else null. */
  readonly embargoUntil: number | null;
  /**
   * Denials the platform still takes before its dialog is gone (dismissals do not count):
   * iOS 1, Android 13+ 2 (1 when targeting 32 or lower) minus those counted, web 1; 0 when
   * it is gone; 1 during an embargo (a Block after it is final); null when granted or
   * unsupported.
   */
  readonly asksLeft: number | null;
  /** Deduplicated asks, times clamped to `now`, in time order. */
  readonly asks: readonly OracleAsk[];
}

const obj = (v: JsonValue | undefined): JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? v : {};
const list = (v: JsonValue | undefined): JsonValue[] => (Array.isArray(v) ? v : []);

function versionLess(a: string, b: string): boolean {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d < 0;
  }
  return false;
}

/**
 * Section 2: parse, deduplicate (same kind, instant and outcome), clamp to now, sort in the
 * order written (then soft prompt, system prompt, settings link at one instant, then outcome).
 */
export function oracleAsks(ctx: JsonObject): OracleAsk[] {
  const now = Date.parse(String(ctx.now));
  const seen = new Set<string>();
  const out: OracleAsk[] = [];
  for (const a of list(ctx.asks)) {
    const o = obj(a);
    const at = Date.parse(String(o.at));
    const key = `${String(o.kind)}/${at}/${String(o.outcome)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ kind: String(o.kind), at: Math.min(at, now), outcome: String(o.outcome), written: at });
  }
  // Kinds in this order at one instant; outcomes too (a system dialog's walk-aways first).
  const order = ['soft-prompt', 'system-prompt', 'settings-link'];
  const outcomes = [
    'accepted',
    'declined',
    'dismissed',
    'ignored',
    'denied',
    'granted',
    'provisional',
    'opened',
  ];
  return out.sort(
    (a, b) =>
      a.written - b.written ||
      order.indexOf(a.kind) - order.indexOf(b.kind) ||
      outcomes.indexOf(a.outcome) - outcomes.indexOf(b.outcome),
  );
}

const CHROMIUM = new Set(['chrome', 'edge', 'opera', 'samsung', 'other']);

/** Section 3, the platform permission model. */
export function platformModel(ctx: JsonObject): Model {
  const now = Date.parse(String(ctx.now));
  const offset = offsetOf(String(ctx.now));
  const asks = oracleAsks(ctx);
  const p = obj(ctx.platform);
  const permission = String(ctx.permission);
  const base = { now, offset, asks };
  const off = (
    available: boolean,
    embargoUntil: number | null = null,
    asksLeft = available ? 1 : 0,
  ): Model => ({
    ...base,
    status: 'off',
    available,
    embargoUntil,
    asksLeft: embargoUntil === null ? asksLeft : 1,
  });

  if (p.os === 'web' && (p.hostOs === 'ios' || p.hostOs === 'ipados')) {
    const old = typeof p.osVersion === 'string' && versionLess(p.osVersion, '16.4');
    if (old || p.installedToHomeScreen !== true)
      return { ...base, status: 'unsupported', available: false, embargoUntil: null, asksLeft: null };
  }
  if (permission === 'granted' || permission === 'ephemeral') {
    return { ...base, status: 'granted', available: false, embargoUntil: null, asksLeft: null };
  }
  const system = asks.filter((a) => a.kind === 'system-prompt');
  const denials = system.filter((a) => a.outcome === 'denied').length;
  // canAskAgain: false wins, except on Android when the last system-prompt outcome on record
  // was a dismissal (Android 11+ reports "can't ask again" after a mere dismissal): then the
  // denial count below decides. "Last": every system-prompt ask at the latest such instant.
  const lastAt = Math.max(...system.map((a) => a.at));
  const lastWasDismissal =
    system.length > 0 && system.filter((a) => a.at === lastAt).every((a) => a.outcome === 'dismissed');
  if (ctx.canAskAgain === false && !(p.os === 'android' && lastWasDismissal)) return off(false);
  if (p.os === 'ios') return off(permission === 'not-determined' || permission === 'provisional');
  if (p.os === 'android') {
    if (typeof p.apiLevel === 'number' && p.apiLevel <= 32) return off(false);
    const granted = system.some((a) => a.outcome === 'granted' || a.outcome === 'provisional');
    // Turned off in settings after a grant: a settings-link case, not a new dialog.
    if (permission === 'denied' && granted) return off(false);
    const counted = permission === 'denied' ? Math.max(1, denials) : denials;
    const allowed = typeof p.targetSdk === 'number' && p.targetSdk <= 32 ? 1 : 2;
    return off(counted < allowed, null, Math.max(0, allowed - counted));
  }
  // Web. Chromium (and unknown browsers) embargo 7 days from the 3rd, 4th… dismissal or
  // the 4th, 5th… ignore. A recorded denial means the user reset the site's permission
  // since (that clears the embargo), the engine's documented choice.
  const browser = p.browser;
  let embargoEnd = Number.NEGATIVE_INFINITY;
  if (browser === undefined || CHROMIUM.has(String(browser))) {
    let d = 0;
    let i = 0;
    for (const a of system) {
      if (a.outcome === 'dismissed' && ++d >= 3) embargoEnd = Math.max(embargoEnd, a.at + 7 * MS_DAY);
      if (a.outcome === 'ignored' && ++i >= 4) embargoEnd = Math.max(embargoEnd, a.at + 7 * MS_DAY);
    }
  }
  if (now < embargoEnd && denials === 0 && (permission === 'not-determined' || permission === 'denied')) {
    return off(false, embargoEnd);
  }
  return off(permission === 'not-determined');
}

/** The policy of a rule-set JSON, defaults filled in. */
export function policyOf(ruleSet: JsonObject): Policy {
  const p = obj(ruleSet.policy);
  const kind = (v: JsonValue | undefined, d: KindPolicy): KindPolicy => {
    const o = obj(v);
    return {
      cooldownDays: Array.isArray(o.cooldownDays) ? (o.cooldownDays as number[]) : d.cooldownDays,
      maxShows: typeof o.maxShows === 'number' ? o.maxShows : d.maxShows,
      maxPerSession: typeof o.maxPerSession === 'number' ? o.maxPerSession : d.maxPerSession,
    };
  };
  const q = obj(p.quietHours);
  return {
    softPrompt: kind(p.softPrompt, DEFAULT_POLICY.softPrompt),
    settingsLink: kind(p.settingsLink, DEFAULT_POLICY.settingsLink),
    quietHours: typeof q.from === 'number' && typeof q.to === 'number' ? { from: q.from, to: q.to } : null,
  };
}

export type Block =
  | 'holdout'
  | 'not-available'
  | 'not-applicable'
  | 'max-shows'
  | 'session-cap'
  | 'cooldown'
  | 'snoozed'
  | 'quiet-hours'
  | 'embargo';

/** The local wall-clock hour of `ms` at `offset` minutes. */
export function localHourAt(ms: number, offset: number): number {
  const local = ms + offset * MS_MINUTE;
  return Math.floor((((local % MS_DAY) + MS_DAY) % MS_DAY) / MS_HOUR);
}

export function quiet(ms: number, offset: number, q: Policy['quietHours']): boolean {
  if (q === null) return false;
  const h = localHourAt(ms, offset);
  return q.from < q.to ? h >= q.from && h < q.to : h >= q.from || h < q.to;
}

/**
 * When each soft-prompt decline happened: every "Not now" or dismissal, and every accepted
 * soft prompt whose system dialog was then walked away from: the first system-prompt ask
 * after it (in written order) and before the next soft prompt, if dismissed or ignored,
 * counts as a decline at its (clamped) time.
 */
export function softDeclineTimes(asks: readonly OracleAsk[]): number[] {
  const times: number[] = [];
  asks.forEach((a, i) => {
    if (a.kind !== 'soft-prompt') return;
    if (a.outcome !== 'accepted') {
      times.push(a.at);
      return;
    }
    const rest = asks.slice(i + 1);
    const nextSoft = rest.findIndex((x) => x.kind === 'soft-prompt');
    const dialog = rest
      .slice(0, nextSoft < 0 ? rest.length : nextSoft)
      .find((x) => x.kind === 'system-prompt');
    if (dialog !== undefined && (dialog.outcome === 'dismissed' || dialog.outcome === 'ignored'))
      times.push(dialog.at);
  });
  return times.sort((a, b) => a - b);
}

/** The latest end of the escalating cooldowns: the nth decline starts `days[min(n, len) - 1]`. */
export function cooldownEnd(kind: Kind, asks: readonly OracleAsk[], days: readonly number[]): number {
  const starts =
    kind === 'soft-prompt' ? softDeclineTimes(asks) : asks.filter((a) => a.kind === kind).map((a) => a.at);
  let end = Number.NEGATIVE_INFINITY;
  starts.forEach((at, i) => {
    const d = days[Math.min(i + 1, days.length) - 1];
    if (d !== undefined) end = Math.max(end, at + d * MS_DAY);
  });
  return end;
}

/**
 * Every reason (sections 3-4, and 9's holdout) a prompt of `kind` may not be shown now.
 * Empty: it may. `holdout`: the user is in a holdout arm of an experiment they are enrolled in.
 */
export function blocks(kind: Kind, ctx: JsonObject, ruleSet: JsonObject, m: Model, holdout = false): Block[] {
  const out: Block[] = [];
  const policy = policyOf(ruleSet);
  const kp = kind === 'soft-prompt' ? policy.softPrompt : policy.settingsLink;
  if (m.status !== 'off') return ['not-available'];
  const applicable = kind === 'soft-prompt' || !(m.available || m.embargoUntil !== null);
  if (holdout && applicable) out.push('holdout');
  if (kind === 'soft-prompt' && !m.available) out.push(m.embargoUntil === null ? 'not-available' : 'embargo');
  if (!applicable) out.push('not-applicable');
  const mine = m.asks.filter((a) => a.kind === kind);
  if (mine.length >= kp.maxShows) out.push('max-shows');
  const sessions = obj(ctx.sessions);
  const start =
    typeof sessions.currentStartedAt === 'string' ? Date.parse(sessions.currentStartedAt) : undefined;
  // Membership with clamped times (section 2: a future timestamp counts as now).
  const inSession = start === undefined ? 0 : mine.filter((a) => a.at >= Math.min(start, m.now)).length;
  if (inSession >= kp.maxPerSession) out.push('session-cap');
  if (m.now < cooldownEnd(kind, m.asks, kp.cooldownDays)) out.push('cooldown');
  for (const c of list(ctx.cooldowns)) {
    const o = obj(c);
    const scope = o.scope ?? 'all';
    if ((scope === 'all' || scope === kind) && m.now < Date.parse(String(o.until))) {
      out.push('snoozed');
      break;
    }
  }
  if (quiet(m.now, m.offset, policy.quietHours)) out.push('quiet-hours');
  return out;
}

/** Rules in decision order: priority (default 1) high to low, ties by file order. */
export function orderedRules(ruleSet: JsonObject): JsonObject[] {
  return list(ruleSet.rules)
    .map((r, i) => ({ r: obj(r), i }))
    .sort((a, b) => Number(b.r.priority ?? 1) - Number(a.r.priority ?? 1) || a.i - b.i)
    .map((x) => x.r);
}

/** The event type of a rule by id. */
export function eventTypeOf(ruleSet: JsonObject, id: string): string | undefined {
  const r = list(ruleSet.rules)
    .map(obj)
    .find((x) => x.id === id);
  return r === undefined ? undefined : String(obj(r.event).type);
}
