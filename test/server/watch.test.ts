/**
 * watchFile: a change is noticed however it happens (written in place, replaced by rename,
 * deleted, created again), by directory events and by the stat poll alone, and a burst of
 * events becomes one call.
 */
import { mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type FileWatch, watchFile } from '../../src/server/watch.js';
import { until } from './helpers.js';

let w: FileWatch | undefined;
let dir = '';
afterEach(() => {
  w?.close();
  rmSync(dir, { recursive: true, force: true });
});

const modes = [
  { name: 'directory events (poll too slow to matter)', events: true, pollIntervalMs: 60_000 },
  { name: 'the stat poll alone', events: false, pollIntervalMs: 40 },
];

describe.each(modes)('watchFile by $name', ({ events, pollIntervalMs }) => {
  it('notices a write in place, a rename over the file, a deletion and a re-creation', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-watch-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, 'one');
    let calls = 0;
    w = watchFile(file, () => calls++, { events, pollIntervalMs, debounceMs: 20 });
    const steps: [string, () => void][] = [
      ['write', () => writeFileSync(file, 'two, longer')],
      [
        'rename',
        () => {
          writeFileSync(`${file}.new`, 'three');
          renameSync(`${file}.new`, file);
        },
      ],
      ['delete', () => rmSync(file)],
      ['create', () => writeFileSync(file, 'four')],
    ];
    for (const [name, step] of steps) {
      const before = calls;
      step();
      await until(() => calls > before, 3000).catch(() => {
        throw new Error(`${name} was not noticed`);
      });
      await new Promise((r) => setTimeout(r, 60));
    }
  });
});

describe('watchFile debouncing', () => {
  it('a burst of writes becomes one call after the writer is done; nothing after close()', async () => {
    dir = mkdtempSync(join(tmpdir(), 'pp-watch-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, '0');
    let calls = 0;
    w = watchFile(file, () => calls++, { pollIntervalMs: 60_000, debounceMs: 80 });
    // Truncate-and-write five times, then a rename: a dozen events, one change.
    for (let i = 1; i <= 5; i++) writeFileSync(file, String(i).repeat(i));
    writeFileSync(`${file}.new`, 'final');
    renameSync(`${file}.new`, file);
    await until(() => calls > 0, 3000);
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(1);
    w.close();
    writeFileSync(file, 'after close');
    await new Promise((r) => setTimeout(r, 200));
    expect(calls).toBe(1);
  });
});
