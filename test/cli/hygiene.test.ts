/**
 * What a user can get wrong, run through the real binary (`node --import tsx
 * src/cli/main.ts`, a process of its own): each mistake is one line that says what to do,
 * with the right exit code, and never a stack trace. And a closed output (`| head -1`)
 * ends the CLI quietly.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const dir = mkdtempSync(join(tmpdir(), 'ppe-cli-hygiene-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const badJson = join(dir, 'bad.json');
writeFileSync(badJson, '{ "name": "x", }\n');
const missing = join(dir, 'missing.json');
const ctx = 'examples/contexts/ios-after-order.json';

const STACK = /\n\s+at .+:\d+:\d+/;

/** [what the user did, argv, exit code, the one line it must print (stdout or stderr)] */
const MISTAKES: [string, string[], number, RegExp][] = [
  [
    'validate a missing file',
    ['validate', missing],
    1,
    /missing\.json:1:1 {2}error {2}\$ {2}no such file: check the path/,
  ],
  [
    'validate a directory',
    ['validate', 'rules'],
    1,
    /^rules:1:1 {2}error {2}\$ {2}is a directory: name the files in it instead/m,
  ],
  [
    'validate a file that is not JSON',
    ['validate', badJson],
    1,
    /bad\.json:1:16 {2}error {2}\$ {2}not valid JSON: /,
  ],
  ['lint a directory', ['lint', 'examples'], 1, /^examples:1:1 {2}error {2}\$ {2}is a directory/m],
  [
    'misspell a flag',
    ['validate', '--strikt', 'rules/default.json'],
    2,
    /^push-prompt: unknown option "--strikt" \(see "push-prompt validate --help"\)$/m,
  ],
  [
    'give a flag no value',
    ['decide', '--rules'],
    2,
    /^push-prompt: option --rules needs a value \(see "push-prompt decide --help"\)$/m,
  ],
  [
    'give a boolean flag a value',
    ['lint', '--strict=yes', 'rules/default.json'],
    2,
    /^push-prompt: option --strict takes no value/m,
  ],
  [
    'misspell a command',
    ['valdate', 'rules/default.json'],
    2,
    /^push-prompt: unknown command "valdate" \(see "push-prompt --help"\)$/m,
  ],
  ['forget the rules', ['decide', '--context', ctx], 2, /^push-prompt: decide needs --rules <file>/m],
  [
    'decide with missing rules',
    ['decide', '--rules', missing, '--context', ctx],
    1,
    /missing\.json:1:1 {2}error {2}\$ {2}no such file/,
  ],
  [
    'decide with a missing context',
    ['decide', '--rules', 'rules/default.json', '--context', missing],
    1,
    /missing\.json: no such file: check the path/,
  ],
  [
    'decide with a directory as context',
    ['decide', '--rules', 'rules/default.json', '--context', 'rules'],
    1,
    /^rules: is a directory/m,
  ],
  [
    'decide with a context that is not JSON',
    ['decide', '--rules', 'rules/default.json', '--context', badJson],
    1,
    /bad\.json:1:16 {2}error {2}\$ {2}not valid JSON/,
  ],
  [
    'pass schema an argument',
    ['schema', 'rules/default.json'],
    2,
    /^push-prompt: schema takes no arguments/m,
  ],
];

/** The real binary, asynchronously (the cases run side by side: each is a Node start-up). */
function spawnCli(argv: readonly string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((ok) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', ...argv],
      { encoding: 'utf8', timeout: 60_000 },
      (error, out, err) => ok({ code: error ? Number(error.code ?? -1) : 0, out, err }),
    );
  });
}

describe('every mistake a user can make: one line, what to do, no stack trace', () => {
  it.concurrent.each(MISTAKES)('%s', async (_, argv, code, line) => {
    const r = await spawnCli(argv);
    const all = r.out + r.err;
    expect(all).not.toMatch(STACK);
    expect(all).toMatch(line);
    expect(r.code).toBe(code);
    // The error itself is one line; validate and lint may add their totals line.
    const lines = all
      .split('\n')
      .filter((l) => l.trim() !== '' && !/^\d+ errors?(, \d+ warnings?)? in \d+ files?$/.test(l));
    expect(lines, all).toHaveLength(1);
  });

  it('a file it may not read (EACCES, not reproducible as root) says how to fix it', async () => {
    const denied = Object.assign(new Error("EACCES: permission denied, open 'rules/x.json'"), {
      code: 'EACCES',
    });
    const io = await cliWithReadError(denied);
    expect(io.out).toBe(
      'rules/x.json:1:1  error  $  permission denied: make the file readable (chmod +r) [EACCES]  [unreadable]\n\n1 error in 1 file\n',
    );
  });
});

/** `validate rules/x.json` in-process, with a filesystem that refuses to read. */
async function cliWithReadError(error: Error): Promise<{ out: string }> {
  const { run } = await import('../../src/cli/run.js');
  let out = '';
  await run(['validate', 'rules/x.json'], {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      out += t;
    },
    readStdin: async () => '',
    readFile: () => {
      throw error;
    },
  });
  return { out };
}

describe('a closed output ends the CLI quietly (EPIPE; Node ignores SIGPIPE)', () => {
  /** `cmd | head -1` under bash's pipefail, so the CLI's own exit status counts. */
  function piped(args: string): { code: number; out: string; err: string } {
    const r = spawnSync(
      'bash',
      ['-c', `set -o pipefail; node --import tsx src/cli/main.ts ${args} | head -1`],
      {
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    return { code: r.status ?? -1, out: r.stdout, err: r.stderr };
  }

  it('push-prompt schema | head -1', () => {
    const r = piped('schema');
    expect(r).toEqual({ code: 0, out: '{\n', err: '' });
  });

  it('push-prompt decide --jsonl … | head -1 (thousands of decisions, the reader gone after one)', () => {
    const line = JSON.stringify(JSON.parse(readFileSync(ctx, 'utf8')));
    const file = join(dir, 'many.jsonl');
    writeFileSync(file, `${Array.from({ length: 5000 }, () => line).join('\n')}\n`);
    const r = piped(`decide --rules rules/default.json --jsonl --context ${file}`);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ action: 'show-soft-prompt' });
  });
});
