/**
 * The practical limit: rules/default.json written by hand as one TypeScript function over
 * a parsed Context, guardrails and platform model included, with the same decisions as
 * `createDecider(default).decideParsed` (checked on every fixture by the bench and by
 * test/perf/handwritten.test.ts). One pass over the asks, no allocation but the decision.
 */
import type { Context, Decision } from '../src/index.js';
import { compareVersions } from '../src/index.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const EMBARGO = 7 * DAY;
const SOFT_COOLDOWN_DAYS = [3, 7, 30] as const;
const LINK_COOLDOWN_DAYS = 30;
const QUIET_FROM = 22;
const QUIET_TO = 8;

const P = {
  midTask: Object.freeze({ why: 'mid-task' }),
  firstSession: Object.freeze({ why: 'first-session' }),
  order: Object.freeze({ variant: 'order-updates' }),
  follow: Object.freeze({ variant: 'followed-updates' }),
  save: Object.freeze({ variant: 'saved-item-alerts' }),
  welcome: Object.freeze({ variant: 'welcome-updates' }),
  content: Object.freeze({ variant: 'new-content' }),
  missing: Object.freeze({ variant: 'missing-updates' }),
};

const mod = (a: number, m: number) => {
  const r = a % m;
  return r < 0 ? r + m : r;
};
const hourAt = (t: number, off: number) => Math.floor(mod(t + off * MINUTE, DAY) / HOUR);
const quiet = (t: number, off: number) => {
  const h = hourAt(t, off);
  return h >= QUIET_FROM || h < QUIET_TO;
};
const nextHour = (t: number, off: number, hour: number) => {
  const local = t + off * MINUTE;
  let c = Math.floor(local / DAY) * DAY + hour * HOUR;
  if (c < local) c += DAY;
  return c - off * MINUTE;
};
const iso = (ms: number) => new Date(ms).toISOString();

/** Builds the hand-written decide for the default rule set identified by `ruleSet` (`name@hash`). */
export function handwrittenDefault(ruleSet: string): (ctx: Context) => Decision {
  const matched = (
    action: 'show-soft-prompt' | 'show-settings-link' | 'wait',
    ruleId: string,
    params: Readonly<Record<string, string>>,
  ): Decision => ({ action, reason: 'rule-matched', ruleId, params, retryAt: null, ruleSet });
  const wait = (reason: 'no-rule-matched' | 'already-granted' | 'unsupported'): Decision => ({
    action: 'wait',
    reason,
    retryAt: null,
    ruleSet,
  });

  return function decide(ctx: Context): Decision {
    const p = ctx.platform;
    const perm = ctx.permission;
    const now = ctx.now;
    const off = ctx.offsetMinutes;
    if (
      p.os === 'web' &&
      (p.hostOs === 'ios' || p.hostOs === 'ipados') &&
      ((p.osVersion !== undefined && compareVersions(p.osVersion, '16.4') < 0) ||
        p.installedToHomeScreen !== true)
    ) {
      return wait('unsupported');
    }
    if (perm === 'granted' || perm === 'ephemeral') return wait('already-granted');

    // One pass over the asks (sorted by time): counts, cooldown ends, Chromium embargo.
    const start = ctx.sessions.currentStartedAt;
    let softShows = 0;
    let softInSession = 0;
    let softDeclines = 0;
    let softCooldownEnd = 0;
    let linkShows = 0;
    let linkInSession = 0;
    let linkCooldownEnd = 0;
    let denials = 0;
    let dismissals = 0;
    let ignores = 0;
    let granted = false;
    let embargoEnd: number | undefined;
    let lastSystemAt = Number.NEGATIVE_INFINITY;
    let lastDismissed = false;
    // An accepted soft prompt whose dialog is not on record yet.
    let pending = false;
    const asks = ctx.asks;
    for (let i = 0; i < asks.length; i++) {
      const a = asks[i]!;
      const inSession = start !== undefined && a.at >= start;
      if (a.kind === 'soft-prompt') {
        softShows++;
        if (inSession) softInSession++;
        pending = a.outcome === 'accepted';
        if (!pending) softCooldownEnd = ladder(softCooldownEnd, a.at, ++softDeclines);
      } else if (a.kind === 'system-prompt') {
        const o = a.outcome;
        if (pending && (o === 'dismissed' || o === 'ignored'))
          softCooldownEnd = ladder(softCooldownEnd, a.at, ++softDeclines);
        pending = false;
        if (a.at > lastSystemAt) lastDismissed = o === 'dismissed';
        else lastDismissed &&= o === 'dismissed';
        lastSystemAt = a.at;
        if (o === 'denied') denials++;
        else if (o === 'granted' || o === 'provisional') granted = true;
        else if (o === 'dismissed') {
          if (++dismissals >= 3) embargoEnd = Math.max(embargoEnd ?? 0, a.at + EMBARGO);
        } else if (++ignores >= 4) embargoEnd = Math.max(embargoEnd ?? 0, a.at + EMBARGO);
      } else {
        linkShows++;
        if (inSession) linkInSession++;
        const e = a.at + LINK_COOLDOWN_DAYS * DAY;
        if (e > linkCooldownEnd) linkCooldownEnd = e;
      }
    }

    // Platform: can the OS/browser dialog still be shown, or is it embargoed?
    let available: boolean;
    let embargoUntil: number | null = null;
    if (ctx.canAskAgain === false && !(p.os === 'android' && lastDismissed)) available = false;
    else if (p.os === 'ios') available = perm === 'not-determined' || perm === 'provisional';
    else if (p.os === 'android') {
      const api = p.apiLevel;
      if ((api !== undefined && api <= 32) || (perm === 'denied' && granted)) available = false;
      else {
        const d = perm === 'denied' ? Math.max(denials, 1) : denials;
        available = d < (p.targetSdk !== undefined && p.targetSdk <= 32 ? 1 : 2);
      }
    } else {
      const b = p.browser;
      const chromium =
        b === undefined ||
        b === 'other' ||
        b === 'chrome' ||
        b === 'edge' ||
        b === 'opera' ||
        b === 'samsung';
      if (
        chromium &&
        embargoEnd !== undefined &&
        now < embargoEnd &&
        denials === 0 &&
        (perm === 'not-determined' || perm === 'denied')
      ) {
        available = false;
        embargoUntil = embargoEnd;
      } else available = perm === 'not-determined';
    }

    // Rules in priority order; the first matching rule that no guardrail holds decides.
    const trigger = ctx.trigger;
    if (trigger === 'checkout_started' || trigger === 'payment_started' || trigger === 'level_started') {
      return matched('wait', 'never-mid-task', P.midTask);
    }
    if (ctx.sessions.count < 2) return matched('wait', 'value-first-session', P.firstSession);
    let softId: string | undefined;
    let softParams: Readonly<Record<string, string>> = P.order;
    if (trigger === 'order_placed') softId = 'after-first-order';
    else if (trigger === 'follow_topic' || trigger === 'follow_creator' || trigger === 'follow_team') {
      softId = 'after-follow';
      softParams = P.follow;
    } else if (trigger === 'save_item' || trigger === 'add_to_wishlist') {
      softId = 'after-save';
      softParams = P.save;
    } else if (trigger === 'onboarding_completed') {
      softId = 'onboarding-complete';
      softParams = P.welcome;
    } else if (trigger === 'content_viewed' && (ctx.keyActions.content_viewed?.count ?? 0) >= 3) {
      softId = 'content-consumed';
      softParams = P.content;
    }
    const linkRule =
      !available &&
      (trigger === 'order_placed' ||
        trigger === 'delivery_started' ||
        trigger === 'save_item' ||
        trigger === 'follow_topic');

    // Soft prompt guardrails.
    let heldReason: string | undefined;
    let heldRetry: number | null = null;
    if (softId !== undefined) {
      if (!available && embargoUntil === null) heldReason = 'permission-blocked';
      else if (softShows >= 3) heldReason = 'max-shows';
      else if (softInSession >= 1) heldReason = 'session-cap';
      else {
        let snooze = 0;
        for (const c of ctx.cooldowns) {
          if ((c.scope === 'all' || c.scope === 'soft-prompt') && c.until > snooze) snooze = c.until;
        }
        const r = timeHold(now, off, available ? 0 : (embargoUntil as number), snooze, softCooldownEnd);
        if (r === null) return matched('show-soft-prompt', softId, softParams);
        heldReason = r.reason;
        heldRetry = r.retryAt;
      }
    }
    // Settings link: only for users the OS can no longer ask (and not during an embargo).
    if (linkRule && embargoUntil === null) {
      let reason: string | undefined;
      let retry: number | null = null;
      if (linkShows >= 2) reason = 'max-shows';
      else if (linkInSession >= 1) reason = 'session-cap';
      else {
        let snooze = 0;
        for (const c of ctx.cooldowns) {
          if ((c.scope === 'all' || c.scope === 'settings-link') && c.until > snooze) snooze = c.until;
        }
        const r = timeHold(now, off, 0, snooze, linkCooldownEnd);
        if (r === null) return matched('show-settings-link', 'denied-high-value-moment', P.missing);
        reason = r.reason;
        retry = r.retryAt;
      }
      // Both held: report the hold that ends soonest (the soft prompt's rules rank higher on a tie).
      if (heldReason === undefined || (retry !== null && (heldRetry === null || retry < heldRetry))) {
        return held(reason, 'denied-high-value-moment', P.missing, retry);
      }
    }
    if (softId !== undefined && heldReason !== undefined) {
      return held(heldReason, softId, softParams, heldRetry);
    }
    return wait('no-rule-matched');
  };

  function held(
    reason: string,
    ruleId: string,
    params: Readonly<Record<string, string>>,
    retryAt: number | null,
  ): Decision {
    return {
      action: 'wait',
      reason: reason as 'cooldown',
      ruleId,
      params,
      retryAt: retryAt === null ? null : iso(retryAt),
      ruleSet,
    };
  }
}

/** The soft-prompt cooldown end after the nth decline at `at` (3, 7, then 30 days). */
function ladder(end: number, at: number, n: number): number {
  const e = at + SOFT_COOLDOWN_DAYS[Math.min(n, 3) - 1]! * DAY;
  return e > end ? e : end;
}

// Shared by both kinds: the time windows (embargo, snooze, cooldown) then quiet hours.
const holdOut = { reason: '', retryAt: 0 };
function timeHold(
  now: number,
  off: number,
  embargo: number,
  snooze: number,
  cooldown: number,
): { reason: string; retryAt: number } | null {
  let reason = '';
  if (embargo > now) reason = 'browser-embargo';
  else if (snooze > now) reason = 'snoozed';
  else if (cooldown > now) reason = 'cooldown';
  let t = Math.max(now, embargo, snooze, cooldown);
  if (quiet(t, off)) {
    if (reason === '') reason = 'quiet-hours';
    t = nextHour(t, off, QUIET_TO);
  }
  if (reason === '') return null;
  holdOut.reason = reason;
  holdOut.retryAt = t;
  return holdOut;
}
