/**
 * Guardrails: what holds a prompt of one kind back right now, whatever the rules say, and
 * the honest instant it can be retried. Built in; no rule can override them.
 */
import type { Context } from '../context/parse.js';
import type { KindPolicy, Policy } from '../rules/policy.js';
import { localHour, MS_PER_DAY, nextLocalHour } from '../shared/time.js';
import type { History } from './history.js';
import type { PlatformState } from './platform.js';

export type PromptKind = 'soft-prompt' | 'settings-link';
export type HoldReason =
  | 'holdout'
  | 'permission-blocked'
  | 'browser-embargo'
  | 'max-shows'
  | 'session-cap'
  | 'snoozed'
  | 'cooldown'
  | 'quiet-hours';

/** A settings-link rule while the system prompt can still be shown: not a guardrail, just not applicable. */
export const NOT_APPLICABLE = 'not-applicable' as const;

/**
 * The hold on a kind: its reason, `null` when it may be shown now, or `NOT_APPLICABLE`;
 * the instant it may be retried goes into `out.retryAt` (null: not with this context), so
 * the selection loop reuses one `out` and allocates nothing.
 *
 * Order of reasons: permanent ones first (an experiment's holdout arm, permission, lifetime
 * cap, session cap: retryAt null), then time windows (embargo, snooze, cooldown, quiet
 * hours). The holdout comes first: it is the rule set's own choice for this user, it lasts
 * as long as the experiment, and a holdout user's held-back prompts all say so (a soft
 * prompt in cooldown too). A settings link while the system prompt can still be shown is
 * not applicable before it is held back: that is not a guardrail. For time windows
 * `retryAt` is the first instant when all of them are over: the latest end among the
 * "until" windows, then pushed past quiet hours if it lands inside them. Every instant
 * before it is inside at least one window, so no prompt of this kind is shown earlier.
 *
 * @example
 * const out = { retryAt: null };
 * holdInto('soft-prompt', ctx, history, platform, ruleSet.policy, false, out); // 'cooldown'; out.retryAt = 1772…
 */
export function holdInto(
  kind: PromptKind,
  ctx: Context,
  h: History,
  p: PlatformState,
  policy: Policy,
  holdout: boolean,
  out: { retryAt: number | null },
): HoldReason | null | typeof NOT_APPLICABLE {
  const soft = kind === 'soft-prompt';
  const kp: KindPolicy = soft ? policy.softPrompt : policy.settingsLink;
  out.retryAt = null;
  // Settings links are for users the OS can no longer ask.
  if (!soft && (p.systemPromptAvailable || p.embargoUntil !== null)) return NOT_APPLICABLE;
  // An enrolled user in a holdout arm is never prompted, whatever the rules say (DESIGN.md
  // section 9): the baseline an experiment's lift is measured against.
  if (holdout) return 'holdout';
  let embargoEnd = 0;
  // The soft prompt exists to lead into the system prompt: only while it is available.
  if (soft && !p.systemPromptAvailable) {
    if (p.embargoUntil === null) return 'permission-blocked';
    embargoEnd = p.embargoUntil;
  }
  const shows = soft ? h.softPromptShows : h.settingsLinkShows;
  if (shows >= kp.maxShows) return 'max-shows';
  const inSession = soft ? h.softPromptShowsInSession : h.settingsLinkShowsInSession;
  if (inSession >= kp.maxPerSession) return 'session-cap';

  const now = ctx.now;
  let snoozeEnd = 0;
  const cooldowns = ctx.cooldowns;
  for (let i = 0; i < cooldowns.length; i++) {
    const c = cooldowns[i]!;
    if ((c.scope === 'all' || c.scope === kind) && c.until > snoozeEnd) snoozeEnd = c.until;
  }
  const cooldownEnd = ladderEnd(soft ? h.softPromptDeclineTimes : h.settingsLinkTimes, kp.cooldownDays);
  let reason: HoldReason | null = null;
  if (embargoEnd > now) reason = 'browser-embargo';
  else if (snoozeEnd > now) reason = 'snoozed';
  else if (cooldownEnd > now) reason = 'cooldown';
  let t = Math.max(now, embargoEnd, snoozeEnd, cooldownEnd);
  const q = policy.quietHours;
  // Written out, not a helper: a call with a double argument would box it on every decision.
  const hr = q === null ? 0 : localHour(t, ctx.offsetMinutes);
  if (q !== null && (q.from < q.to ? hr >= q.from && hr < q.to : hr >= q.from || hr < q.to)) {
    reason ??= 'quiet-hours';
    t = nextLocalHour(t, ctx.offsetMinutes, q.to);
  }
  if (reason !== null) out.retryAt = t;
  return reason;
}

/**
 * The end of the latest cooldown: the nth soft-prompt decline (the history's decline times:
 * a "Not now", a dismissal, or an accepted soft prompt whose system dialog was then walked
 * away from) or the nth settings link shown starts `days[min(n, len) - 1]` days.
 * OneSignal's slidedown backs off 3, 7, then 30 days the same way.
 */
function ladderEnd(starts: readonly number[], days: readonly number[]): number {
  if (days.length === 0) return 0;
  let end = 0;
  for (let n = 1; n <= starts.length; n++) {
    const d = days[Math.min(n, days.length) - 1] as number;
    // Rounded up to a whole millisecond: retryAt is written in whole ms, and a fractional
    // end (cooldownDays like 0.3) would otherwise print as an instant still inside the window.
    const e = Math.ceil((starts[n - 1] as number) + d * MS_PER_DAY);
    if (e > end) end = e;
  }
  return end;
}
