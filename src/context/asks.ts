/**
 * The ask history's normal form, written once for the validator and the authoring
 * wing's reference: the same ask logged twice (same kind, instant and outcome) counts
 * once, times after `now` count as `now` (clock skew is never an earlier prompt), and the
 * order is by the time as written, then kind, then outcome, so the order sent never matters.
 * Ordering by the time as written (not the clamped time, which makes asks after `now`
 * collide) keeps the relation "this dialog followed that soft prompt" the same at every
 * later `now`; clamped times are still in order, since clamping never reorders.
 */
import { kindRank, outcomeRank } from '../shared/ask-order.js';
import type { Ask, AskKind } from './types.js';

/** An ask being built: `at` is the instant as written until {@link normalizeAsks} clamps it. */
export interface DraftAsk {
  kind: AskKind;
  at: number;
  outcome: string;
}

/**
 * Deduplicates, clamps to `now` and sorts, in place; returns the same array.
 *
 * Sorted by (time as written, kind, outcome), duplicates sit next to each other and are
 * dropped in one sweep: O(n log n) for the 10,000 asks a context may hold.
 *
 * @example
 * normalizeAsks([{ kind: 'soft-prompt', at: 5, outcome: 'declined' },
 *   { kind: 'soft-prompt', at: 5, outcome: 'declined' }], 3); // [{ kind: 'soft-prompt', at: 3, outcome: 'declined' }]
 */
export function normalizeAsks(asks: DraftAsk[], now: number): Ask[] {
  if (asks.length > 1) {
    asks.sort(
      (x, y) =>
        x.at - y.at || kindRank(x.kind) - kindRank(y.kind) || outcomeRank(x.outcome) - outcomeRank(y.outcome),
    );
    let kept = 1;
    for (let i = 1; i < asks.length; i++) {
      const a = asks[i] as DraftAsk;
      const p = asks[kept - 1] as DraftAsk;
      if (a.at !== p.at || a.kind !== p.kind || a.outcome !== p.outcome) asks[kept++] = a;
    }
    asks.length = kept;
  }
  for (const a of asks) if (a.at > now) a.at = now;
  return asks as Ask[];
}
