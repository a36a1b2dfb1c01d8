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

/**
 * Why a file could not be read, and what to do, in one line (no stack, no errno jargon
 * beyond the code in brackets).
 *
 * @example
 * readFailure(Object.assign(new Error('…'), { code: 'ENOENT' })); // 'no such file: check the path [ENOENT]'
 */
export function readFailure(error: unknown): string {
  const code = typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : '';
  switch (code) {
    case 'ENOENT':
      return 'no such file: check the path (a shell pattern that matched nothing is passed as is) [ENOENT]';
    case 'EISDIR':
      return 'is a directory: name the files in it instead (e.g. rules/*.json) [EISDIR]';
    case 'EACCES':
    case 'EPERM':
      return `permission denied: make the file readable (chmod +r) [${code}]`;
    case 'ENOTDIR':
      return 'a part of the path is a file, not a directory: check the path [ENOTDIR]';
    case 'ERR_STRING_TOO_LONG':
    case 'ERR_FS_FILE_TOO_LARGE':
      return `too large to read: rule and context files are at most a few megabytes [${code}]`;
    default: {
      const why = error instanceof Error ? error.message.split('\n')[0] : String(error);
      return `cannot read the file: ${why}${code ? ` [${code}]` : ''}`;
    }
  }
}

/**
 * Makes a closed output (`push-prompt schema | head -1`) end the process quietly: Node
 * ignores SIGPIPE, so a write to a closed pipe is an EPIPE error event, which would
 * otherwise be an uncaught exception with a stack trace. Stops the work too: nobody reads
 * what comes next.
 *
 * @example
 * exitQuietlyOnClosedOutput(process.stdout, process.stderr);
 */
export function exitQuietlyOnClosedOutput(...streams: NodeJS.WritableStream[]): void {
  for (const stream of streams) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      // Any other output failure (a full disk behind a redirect): one line where it can go.
      if (stream !== process.stderr)
        process.stderr.write(`push-prompt: cannot write the output: ${error.message}\n`);
      process.exit(1);
    });
  }
}

/** A usage error (exit code 2): bad flags, missing arguments. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
