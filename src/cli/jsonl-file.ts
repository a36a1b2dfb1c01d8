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
