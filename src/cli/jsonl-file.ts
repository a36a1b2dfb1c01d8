/**
 * Lines of a file (or standard input for `-`), streamed: a log of any size is read in
 * bounded memory.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

/**
 * The lines of `file` (`-` = standard input), without their line endings.
 *
 * @example
 * for await (const l of readLogLines(fileLines('decisions.jsonl'), 'decisions.jsonl')) …
 */
export function fileLines(file: string): AsyncIterable<string> {
  const input = file === '-' ? process.stdin : createReadStream(file, { encoding: 'utf8' });
  return createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
}

/**
 * The lines of `file` (`-` = standard input) in batches, one per chunk read: the same lines
 * as {@link fileLines}, at a fraction of the cost per line (one promise per chunk, not per
 * line), for the commands that read millions of lines (`diff`, `replay`).
 *
 * @example
 * for await (const batch of fileLineBatches('decisions.jsonl')) for (const line of batch) …
 */
export async function* fileLineBatches(file: string): AsyncGenerator<string[]> {
  const input =
    file === '-'
      ? process.stdin.setEncoding('utf8')
      : createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let tail = '';
  for await (const chunk of input as AsyncIterable<string>) {
    const lines = (tail + chunk).split('\n');
    tail = lines.pop() ?? '';
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as string;
      if (l.endsWith('\r')) lines[i] = l.slice(0, -1);
    }
    yield lines;
  }
  if (tail !== '') yield [tail.endsWith('\r') ? tail.slice(0, -1) : tail];
}
