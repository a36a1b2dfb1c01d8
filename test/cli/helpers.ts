/**
 * Runs the CLI in-process with captured output (and optional stdin and in-memory files),
 * or as a real process through tsx for the end-to-end checks.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Io } from '../../src/cli/io.js';
import { run } from '../../src/cli/run.js';

export interface CliResult {
  readonly code: number;
  readonly out: string;
  readonly err: string;
}

/** In-memory files override the disk (paths as given on the command line). */
export async function cli(
  argv: readonly string[],
  opts: { stdin?: string; files?: Record<string, string> } = {},
): Promise<CliResult> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    readStdin: async () => opts.stdin ?? '',
    readFile: (f) => opts.files?.[f] ?? readFileSync(f, 'utf8'),
  };
  const code = await run(argv, io);
  return { code, out, err };
}

/** The real binary path: `node --import tsx src/cli/main.ts …`. */
export function spawnCli(argv: readonly string[], stdin?: string): CliResult {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...argv], {
    encoding: 'utf8',
    input: stdin ?? '',
    timeout: 30_000,
  });
  return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
}

/** The default rule set with one edit, pretty-printed as an author would write it. */
export function editedDefault(edit: (json: Record<string, unknown>) => void): string {
  const json = JSON.parse(readFileSync('rules/default.json', 'utf8'));
  edit(json);
  return `${JSON.stringify(json, null, 2)}\n`;
}

/** 1-based line and column of the first occurrence of `needle` in `text`. */
export function lineColOf(text: string, needle: string): { line: number; column: number } {
  const i = text.indexOf(needle);
  if (i < 0) throw new Error(`"${needle}" not in text`);
  const before = text.slice(0, i).split('\n');
  return { line: before.length, column: (before[before.length - 1] ?? '').length + 1 };
}
