/**
 * Scenario helpers for the preset tests: a typical context (session 3, iOS 17, not yet
 * asked, 15:00 local) that each scenario changes in one or two places.
 */
import { readFileSync } from 'node:fs';
import { createDecider, type Decider, type Decision } from '../../src/index.js';

export const NOW = '2026-03-04T15:00:00+01:00';
const NOW_MS = Date.parse(NOW);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The preset file's decider. */
export function preset(name: string): Decider {
  return createDecider(JSON.parse(readFileSync(`rules/${name}.json`, 'utf8')));
}

/** An RFC 3339 time `hours` before NOW (UTC notation). */
export function hoursAgo(hours: number): string {
  return new Date(NOW_MS - hours * HOUR).toISOString();
}

/** The instant `days` after an ISO time, as the engine formats retryAt. */
export function plusDays(iso: string, days: number): string {
  return new Date(Date.parse(iso) + days * DAY).toISOString();
}

type Json = { [k: string]: unknown };

/** A context: iOS 17.4, session 3 started 10 minutes ago, no asks yet; `over` replaces fields. */
export function ctx(over: Json = {}): Json {
  return {
    now: NOW,
    userId: 'u-42',
    platform: { os: 'ios', osVersion: '17.4' },
    permission: 'not-determined',
    sessions: { count: 3, firstSeenAt: hoursAgo(24 * 30), currentStartedAt: hoursAgo(1 / 6) },
    ...over,
  };
}

/** An iOS user who denied the system dialog once (the OS will not ask again). */
export function iosDenied(over: Json = {}): Json {
  return ctx({
    permission: 'denied',
    asks: [
      { kind: 'soft-prompt', at: hoursAgo(24 * 40), outcome: 'accepted' },
      { kind: 'system-prompt', at: hoursAgo(24 * 40 - 0.01), outcome: 'denied' },
    ],
    ...over,
  });
}

/** A "Not now" on the soft prompt `hours` ago. */
export function declinedAgo(hours: number): Json[] {
  return [{ kind: 'soft-prompt', at: hoursAgo(hours), outcome: 'declined' }];
}

export function variantOf(d: Decision): unknown {
  return 'params' in d ? d.params?.variant : undefined;
}
