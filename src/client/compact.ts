/**
 * Bounding the asks the client kit keeps (a context takes at most LIMITS.context.maxAsks)
 * without changing a decision. Dropping an ask can change what the engine reads from the
 * history, so only asks that nothing depends on are dropped, oldest first. What the
 * engine reads, and what keeps it unchanged (src/evaluate/history.ts, guardrails.ts,
 * platform.ts):
 *
 * - counts (`softPromptShows`, `systemPromptShows`, `settingsLinkShows`, and per session):
 *   the first `countHead` asks of each kind, overall and in the current session, are kept, so
 *   every count stays exact up to `countHead` (1,000: the largest `maxShows` and
 *   `maxPerSession` a policy may set) and at least that beyond;
 * - declines (a "Not now", a dismissal, an accepted soft prompt whose dialog was then walked
 *   away from) and denials: the first `countHead` of each are kept (exact up to that), and
 *   the newest decline. The cooldown ladder gives the nth decline `days[min(n, len) - 1]`
 *   with `len` at most 20, so every decline after the first 20 gets the last step, and the
 *   newest of them ends last: the middle ones change nothing;
 * - Chromium's embargo: the first 3 dismissals and first 4 ignores keep every later one past
 *   the threshold, and the newest of each ends the latest embargo; the first grant
 *   (`previouslyGranted`); every system-prompt ask at the newest such instant (the Android
 *   rule reads the last outcome); the newest soft prompt and settings link (`…Since…`);
 * - which dialog follows an accepted soft prompt: the first system-prompt ask after it (in
 *   the engine's order, before the next soft prompt) is never dropped while the soft prompt
 *   is kept.
 *
 * When even those exceed the bound (only with thousands of asks per kind in one session),
 * the oldest are dropped regardless and the result says it is no longer exact.
 */
import type { AskRecord } from './ask-record.js';

/** A stored ask with its instant (epoch ms). */
export interface TimedAsk {
  readonly rec: AskRecord;
  readonly at: number;
}

export interface AskBounds {
  /** At most this many asks are kept. */
  readonly maxAsks: number;
  /** Counts stay exact up to this (and at least this beyond). */
  readonly countHead: number;
}

/** Chromium's auto-blocker thresholds (src/evaluate/history.ts). */
const DISMISSALS_BEFORE_BLOCK = 3;
const IGNORES_BEFORE_BLOCK = 4;
const KIND_INDEX = { 'soft-prompt': 0, 'system-prompt': 1, 'settings-link': 2 } as const;

/**
 * The asks (sorted as the engine sorts them) bounded to `bounds.maxAsks`; `exact` is false
 * only when asks that decisions depend on had to go.
 *
 * @example
 * compactAsks(sorted, sessionStartMs, { maxAsks: 10_000, countHead: 1_000 }).asks.length; // ≤ 10,000
 */
export function compactAsks(
  asks: readonly TimedAsk[],
  sessionStart: number | undefined,
  bounds: AskBounds,
): { asks: TimedAsk[]; exact: boolean } {
  if (asks.length <= bounds.maxAsks) return { asks: asks.slice(), exact: true };
  const keep = protectedAsks(asks, sessionStart, bounds.countHead);
  const drop = new Uint8Array(asks.length);
  let need = asks.length - bounds.maxAsks;
  // The last kept soft prompt was accepted and its dialog is not on record yet.
  let open = false;
  for (let i = 0; i < asks.length; ) {
    const a = asks[i]!;
    if (a.rec.kind === 'soft-prompt') {
      let j = i;
      let pinned = false;
      while (j < asks.length && asks[j]!.rec.kind === 'soft-prompt' && asks[j]!.at === a.at) {
        pinned ||= keep[j] === 1;
        j++;
      }
      // Dropping it lets the window before take its dialogs in, which changes nothing the
      // engine reads up to the first countHead declines: if that window was still open, the
      // dialog moves with its outcome (the same decline, at the same instant, now owned by
      // the older soft prompt, or none); this group's own decline is past the first
      // countHead and not the newest (it is unpinned).
      if (need > 0 && !pinned) {
        drop.fill(1, i, j);
        need -= j - i;
      } else {
        // At one instant the engine reads the soft prompts in order; the last one leaves the window open or not.
        open = asks[j - 1]!.rec.outcome === 'accepted';
      }
      i = j;
      continue;
    }
    const first = a.rec.kind === 'system-prompt' && open;
    if (need > 0 && keep[i] === 0 && !first) {
      drop[i] = 1;
      need--;
    } else if (first) open = false;
    i++;
  }
  let kept = asks.filter((_, i) => drop[i] === 0);
  const exact = kept.length <= bounds.maxAsks;
  if (!exact) kept = kept.slice(kept.length - bounds.maxAsks);
  return { asks: kept, exact };
}

/** Marks (1) the asks that something the engine reads depends on. */
function protectedAsks(
  asks: readonly TimedAsk[],
  sessionStart: number | undefined,
  head: number,
): Uint8Array {
  const keep = new Uint8Array(asks.length);
  const perKind = [0, 0, 0];
  const inSession = [0, 0, 0];
  const newest = [-1, -1, -1];
  let denials = 0;
  let dismissals = 0;
  let ignores = 0;
  let granted = false;
  let newestDismissal = -1;
  let newestIgnore = -1;
  let lastSystemAt = Number.NaN;
  let lastInstant: number[] = []; // the system-prompt asks at the latest such instant
  for (let i = 0; i < asks.length; i++) {
    const { rec, at } = asks[i]!;
    const k = KIND_INDEX[rec.kind];
    newest[k] = i;
    if (perKind[k]!++ < head) keep[i] = 1;
    if (sessionStart !== undefined && at >= sessionStart && inSession[k]!++ < head) keep[i] = 1;
    if (rec.kind !== 'system-prompt') continue;
    if (at !== lastSystemAt) lastInstant = [];
    lastInstant.push(i);
    lastSystemAt = at;
    const o = rec.outcome;
    if (o === 'denied' && denials++ < head) keep[i] = 1;
    if ((o === 'granted' || o === 'provisional') && !granted) {
      keep[i] = 1;
      granted = true;
    }
    if (o === 'dismissed') {
      if (dismissals++ < DISMISSALS_BEFORE_BLOCK) keep[i] = 1;
      newestDismissal = i;
    }
    if (o === 'ignored') {
      if (ignores++ < IGNORES_BEFORE_BLOCK) keep[i] = 1;
      newestIgnore = i;
    }
  }
  for (const i of [...newest, newestDismissal, newestIgnore, ...lastInstant]) if (i >= 0) keep[i] = 1;
  const owners = declineOwners(asks);
  for (let n = 0; n < owners.length && n < head; n++) keep[owners[n]!] = 1;
  if (owners.length > 0) keep[owners[owners.length - 1]!] = 1;
  return keep;
}

/**
 * The soft prompt behind each decline, in the engine's order: a declined or dismissed one
 * itself; for an accepted one whose first dialog was dismissed or ignored, the accepted one
 * (its dialog is kept with it by the window rule in compactAsks).
 */
function declineOwners(asks: readonly TimedAsk[]): number[] {
  const owners: number[] = [];
  let accepted = -1;
  for (let i = 0; i < asks.length; i++) {
    const { rec } = asks[i]!;
    if (rec.kind === 'soft-prompt') {
      if (rec.outcome !== 'accepted') owners.push(i);
      accepted = rec.outcome === 'accepted' ? i : -1;
    } else if (rec.kind === 'system-prompt' && accepted >= 0) {
      if (rec.outcome === 'dismissed' || rec.outcome === 'ignored') owners.push(accepted);
      accepted = -1;
    }
  }
  return owners;
}
