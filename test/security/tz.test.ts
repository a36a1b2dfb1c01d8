/**
 * The machine's time zone changes nothing: the corpus of tz-corpus.ts decided in child
 * processes under four `TZ` values gives byte-identical output, equal to this process's.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { recordTiming, usePrototypeGuard, useTimingReport } from './support.js';
import { decideCorpus } from './tz-corpus.js';

usePrototypeGuard();
useTimingReport('tz');
const run = promisify(execFile);

/** getTimezoneOffset() on 2026-01-15 and 2026-07-15 (minutes west of UTC). */
const ZONES: [string, [number, number]][] = [
  ['America/New_York', [300, 240]],
  ['Europe/London', [0, -60]],
  ['Asia/Kolkata', [-330, -330]],
  ['Pacific/Chatham', [-825, -765]],
];

describe('TZ', () => {
  it('America/New_York, Europe/London, Asia/Kolkata and Pacific/Chatham give identical decisions', async () => {
    const local = JSON.stringify(decideCorpus());
    const t0 = performance.now();
    const outputs = await Promise.all(
      ZONES.map(([tz]) =>
        run(process.execPath, ['--import', 'tsx', 'test/security/tz-child.ts'], {
          env: { ...process.env, TZ: tz },
          maxBuffer: 64 * 1024 * 1024,
        }),
      ),
    );
    recordTiming(`4 child processes, ${JSON.parse(local).length} contexts x 2`, performance.now() - t0);
    outputs.forEach(({ stdout }, i) => {
      const [tz, offsets] = ZONES[i] as [string, [number, number]];
      const child = JSON.parse(stdout) as { tz: string; offsets: number[]; decisions: unknown[] };
      expect(child.tz).toBe(tz);
      expect(child.offsets).toEqual(offsets);
      expect(JSON.stringify(child.decisions), tz).toBe(local);
    });
    const decisions = JSON.parse(local) as { plain: { reason: string } }[];
    // The corpus exercises more than one outcome (quiet hours, prompts, holds).
    expect(new Set(decisions.map((d) => d.plain.reason)).size).toBeGreaterThan(4);
  });
});
