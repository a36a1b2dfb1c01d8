/**
 * The decision log's file: opened for append on the first write (so a directory created
 * after startup, or a file rotated away, is picked up), closed and reopened after a failed
 * write (so a disk that frees up, or a permission fixed, heals without a restart).
 * `O_APPEND` writes land at the end even when another process appends or logrotate's
 * `copytruncate` truncates the file.
 */
import { type FileHandle, open } from 'node:fs/promises';
import type { LogSink } from './decision-log.js';

/**
 * A {@link LogSink} appending to `path`.
 *
 * @example
 * createServer({ rules: { file: 'rules/default.json' }, clock: Date.now, log: { sink: fileSink('decisions.jsonl') } });
 */
export function fileSink(path: string): LogSink {
  let handle: FileHandle | null = null;
  const release = async (): Promise<void> => {
    const h = handle;
    handle = null;
    if (h !== null) await h.close();
  };
  return {
    target: path,
    async write(chunk: string): Promise<void> {
      handle ??= await open(path, 'a');
      try {
        // One write(2) of the string (half the main-thread cost of appendFile); a short
        // write, rare on a regular file, is finished from the encoded bytes.
        let written = (await handle.write(chunk, null, 'utf8')).bytesWritten;
        const total = Buffer.byteLength(chunk, 'utf8');
        if (written < total) {
          const bytes = Buffer.from(chunk, 'utf8');
          while (written < total) {
            const n = (await handle.write(bytes, written, total - written)).bytesWritten;
            if (n === 0) throw Object.assign(new Error('EIO: the file accepted no bytes'), { code: 'EIO' });
            written += n;
          }
        }
      } catch (error) {
        await release().catch(() => {});
        throw error;
      }
    },
    close: release,
  };
}
