/**
 * The order of asks at one instant, shared by the context's normal form (src/context/asks.ts)
 * and the client kit's stored history: kinds as soft prompt, system prompt, settings link;
 * outcomes with a system dialog's walk-aways (dismissed, ignored) before its answers, so
 * when several dialogs share an instant the first one read is a walk-away if any is (the
 * soft-prompt back-off takes the safe side). Compared with ===, not looked up by key: the
 * strings come from callers.
 */

/**
 * Sort rank of an ask kind.
 *
 * @example
 * kindRank('system-prompt'); // 1
 */
export const kindRank = (k: string): number => (k === 'soft-prompt' ? 0 : k === 'system-prompt' ? 1 : 2);

/**
 * Sort rank of an ask outcome.
 *
 * @example
 * outcomeRank('ignored') < outcomeRank('granted'); // true
 */
export function outcomeRank(o: string): number {
  if (o === 'accepted') return 0;
  if (o === 'declined') return 1;
  if (o === 'dismissed') return 2;
  if (o === 'ignored') return 3;
  if (o === 'denied') return 4;
  if (o === 'granted') return 5;
  return o === 'provisional' ? 6 : 7;
}
