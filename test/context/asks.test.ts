/**
 * The ask history's normal form (src/context/asks.ts), which the validator and the zod
 * reference share (so the differential test cannot see a fault in it): order by time,
 * then kind (soft prompt, system prompt, settings link), then outcome; duplicates once;
 * times after `now` clamped.
 */
import { describe, expect, it } from 'vitest';
import { type DraftAsk, normalizeAsks } from '../../src/context/asks.js';

const ask = (kind: DraftAsk['kind'], at: number, outcome: string): DraftAsk => ({ kind, at, outcome });

describe('normalizeAsks', () => {
  it('orders by time, then kind, then outcome', () => {
    const asks = [
      ask('settings-link', 5, 'opened'),
      ask('system-prompt', 5, 'denied'),
      ask('soft-prompt', 5, 'dismissed'),
      ask('soft-prompt', 5, 'declined'),
      ask('soft-prompt', 1, 'accepted'),
    ];

    expect(normalizeAsks(asks, 10)).toEqual([
      ask('soft-prompt', 1, 'accepted'),
      ask('soft-prompt', 5, 'declined'),
      ask('soft-prompt', 5, 'dismissed'),
      ask('system-prompt', 5, 'denied'),
      ask('settings-link', 5, 'opened'),
    ]);
  });

  it('keeps one of each (kind, time as written, outcome), in place, and clamps to now', () => {
    const asks = [
      ask('system-prompt', 20, 'denied'),
      ask('system-prompt', 3, 'denied'),
      ask('system-prompt', 30, 'denied'),
      ask('system-prompt', 3, 'denied'),
      ask('system-prompt', 20, 'denied'),
    ];

    const out = normalizeAsks(asks, 10);

    expect(out).toBe(asks);
    // 20 and 30 are distinct asks that both happened "now" after clamping.
    expect(out).toEqual([
      ask('system-prompt', 3, 'denied'),
      ask('system-prompt', 10, 'denied'),
      ask('system-prompt', 10, 'denied'),
    ]);
  });

  it('gives the same result for any order of the same asks', () => {
    const asks = [
      ask('soft-prompt', 2, 'declined'),
      ask('settings-link', 1, 'opened'),
      ask('soft-prompt', 2, 'declined'),
    ];
    const expected = normalizeAsks(
      asks.map((a) => ({ ...a })),
      5,
    );

    for (const order of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 0, 2],
      [1, 2, 0],
    ]) {
      expect(
        normalizeAsks(
          order.map((i) => ({ ...(asks[i] as DraftAsk) })),
          5,
        ),
      ).toEqual(expected);
    }
  });
});
