/**
 * One decider shared by concurrent callers: json-rules-engine keeps run state on the
 * engine and gives wrong answers when 200 runs share it. Ours holds no state between
 * calls, so 10,000 decisions interleaved in any order equal the sequential ones.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../src/index.js';
import {
  defaultDecider,
  exampleContexts,
  recordTiming,
  usePrototypeGuard,
  useTimingReport,
} from './support.js';
import { tzCorpus } from './tz-corpus.js';

usePrototypeGuard();
useTimingReport('concurrency');

const N = 10_000;
const seed = readSeed();

function readSeed(): number {
  const raw = process.env.FC_SEED;
  const s = raw !== undefined && raw !== '' ? Number(raw) | 0 : (Math.random() * 0x1_0000_0000) | 0;
  console.log(`fast-check seed: ${s} (security/concurrency); replay with FC_SEED=${s}`);
  return s;
}

/** 10,000 calls cycling through the corpus, a third with explain, some invalid. */
function calls(): { ctx: unknown; explain: boolean }[] {
  const corpus = [
    ...tzCorpus().map(([, c]) => c),
    ...exampleContexts().map(([, c]) => ({ ...c, now: 'bad' })),
  ];
  return Array.from({ length: N }, (_, i) => ({ ctx: corpus[i % corpus.length], explain: i % 3 === 0 }));
}

describe('concurrency', () => {
  it('10,000 decisions interleaved by fc.scheduler equal the sequential results', async () => {
    const decider = defaultDecider();
    const work = calls();
    const sequential = work.map((w) => decider.decideUnknown(w.ctx, { explain: w.explain }));
    let runs = 0;
    const t0 = performance.now();
    await fc.assert(
      fc.asyncProperty(fc.scheduler(), async (s) => {
        runs++;
        const results: Decision[] = new Array(N);
        // Each decision is split around two scheduled awaits, so the scheduler interleaves
        // the start, the decision and the read-back of all 10,000 in a random order.
        const tasks = work.map(async (w, i) => {
          await s.schedule(Promise.resolve(i));
          const d = decider.decideUnknown(w.ctx, { explain: w.explain });
          await s.schedule(Promise.resolve(i));
          results[i] = d;
        });
        await s.waitAll();
        await Promise.all(tasks);
        expect(results).toEqual(sequential);
      }),
      { seed, numRuns: 3 },
    );
    recordTiming(`${runs} scheduler orders x ${N} interleaved decisions`, performance.now() - t0);
    expect(runs).toBe(3);
  });

  it('interleaving with microtasks and timers (no scheduler) gives the same results', async () => {
    const decider = defaultDecider();
    const work = calls();
    const sequential = work.map((w) => decider.decideUnknown(w.ctx, { explain: w.explain }));
    const t0 = performance.now();
    const got = await Promise.all(
      work.map(
        (w, i) =>
          new Promise<Decision>((resolve) => {
            const go = () => resolve(decider.decideUnknown(w.ctx, { explain: w.explain }));
            if (i % 3 === 0) setTimeout(go, (i * 7919) % 5);
            else if (i % 3 === 1) queueMicrotask(go);
            else setImmediate(go);
          }),
      ),
    );
    recordTiming(`${N} decisions over timers, microtasks and immediates`, performance.now() - t0);
    expect(got).toEqual(sequential);
  });
});
