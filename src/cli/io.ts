/**
 * The CLI's only contact with the process: output streams and stdin. Commands take an
 * `Io`, so tests call them directly and capture what they print.
 */
import { readFileSync } from 'node:fs';

export interface Io {
  out(text: string): void;
  err(text: string): void;
  /** The whole of stdin as text. */
  readStdin(): Promise<string>;
  readFile(file: string): string;
  /** stderr is a terminal: long commands may show progress there. */
  readonly errIsTty?: boolean;
}

/** Exit codes, documented in every `--help`. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * The real process streams.
 *
 * @example
 * process.exitCode = await run(process.argv.slice(2), nodeIo());
 */
export function nodeIo(): Io {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const c of process.stdin) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    readFile: (file) => readFileSync(file, 'utf8'),
    errIsTty: process.stderr.isTTY === true,
  };
}

/** A usage error (exit code 2): bad flags, missing arguments. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
