/**
 * Noticing that a file changed, however it changed. `fs.watch` on the file's directory (not
 * the file: editors and deploy tools replace a file by renaming a new one over it, which
 * leaves a watch on the old inode silent), filtered by name; plus a periodic `stat` of the
 * file (inode, size, mtime) for the file systems where watch events do not arrive (network
 * mounts, some container volumes). Both only schedule a check, debounced, so a burst of
 * events (truncate, write, rename) becomes one reload after the writer is done.
 */
import { type FSWatcher, type Stats, statSync, watch } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';

/** How the watcher reacts. */
export interface WatchOptions {
  /** Quiet time after the last event before `onChange` runs (default 100 ms). */
  readonly debounceMs?: number;
  /** How often the file is `stat`ed as well (default 1000 ms). */
  readonly pollIntervalMs?: number;
  /** Use `fs.watch` events (default true); false: the stat poll alone. */
  readonly events?: boolean;
  /** Told when the directory watch fails (polling carries on alone). */
  readonly onWatchError?: (error: unknown) => void;
}

/** A running watch; `close()` stops it (idempotent). */
export interface FileWatch {
  close(): void;
}

/**
 * Calls `onChange` (debounced) whenever `file` may have changed: written, replaced,
 * deleted or created again.
 *
 * @example
 * const w = watchFile('rules/default.json', () => void rules.reload());
 * w.close(); // on shutdown
 */
export function watchFile(file: string, onChange: () => void, options: WatchOptions = {}): FileWatch {
  const debounceMs = options.debounceMs ?? 100;
  const name = basename(file);
  let signature = signatureOf(() => statSync(file));
  let timer: ReturnType<typeof setTimeout> | null = null;
  let closed = false;

  const fire = (): void => {
    timer = null;
    if (closed) return;
    // Remember what was seen now, so the poll does not report the same change again.
    signature = signatureOf(() => statSync(file));
    onChange();
  };
  const schedule = (): void => {
    if (closed) return;
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(fire, debounceMs);
    timer.unref?.();
  };

  let watcher: FSWatcher | null = null;
  if (options.events !== false) watchDirectory();
  function watchDirectory(): void {
    try {
      watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
        if (changed === null || changed === name) schedule();
      });
      watcher.on('error', (error) => {
        options.onWatchError?.(error);
        watcher?.close();
        watcher = null;
      });
    } catch (error) {
      options.onWatchError?.(error);
    }
  }

  let polling = false;
  const poll = setInterval(() => {
    if (polling || closed) return;
    polling = true;
    stat(file)
      .then(
        (s) => signatureOf(() => s),
        () => 'missing',
      )
      .then((now) => {
        polling = false;
        if (now !== signature && timer === null && !closed) {
          signature = now;
          schedule();
        }
      });
  }, options.pollIntervalMs ?? 1000);
  poll.unref?.();

  return {
    close(): void {
      if (closed) return;
      closed = true;
      clearInterval(poll);
      if (timer !== null) clearTimeout(timer);
      watcher?.close();
      watcher = null;
    },
  };
}

function signatureOf(read: () => Stats): string {
  try {
    const s = read();
    return `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
}
