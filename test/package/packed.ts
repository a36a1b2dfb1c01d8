/**
 * The package as a user gets it: `npm pack` of the built dist/, installed into fresh
 * projects in a temporary folder. Dependencies come from the npm cache (or the registry):
 * `--prefer-offline` keeps a warm run to a second or two per project.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const REPO = process.cwd();
const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};

/** A fresh temporary folder for one test file's projects. */
export function tempRoot(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/**
 * Packs the repository (dist/ must be built: `npm run build`) into `dir`; returns the
 * tarball's path. Scripts are not run, so what is packed is exactly the dist/ CI built.
 */
export async function packTarball(dir: string): Promise<string> {
  const dist = join(REPO, 'dist', 'index.js');
  if (!existsSync(dist)) throw new Error('dist/ is missing: run `npm run build` first');
  const newest = ['src', 'rules', 'tsup.config.ts']
    .map((p) => join(REPO, p))
    .map((p) => statSync(p).mtimeMs)
    .reduce((a, b) => Math.max(a, b));
  if (statSync(dist).mtimeMs < newest - 1) {
    // Not fatal (a checkout sets mtimes arbitrarily), but worth a line when a test fails.
    process.stderr.write('note: dist/ may be older than src/: run `npm run build` if a test fails\n');
  }
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], {
    cwd: REPO,
  });
  const [info] = JSON.parse(stdout) as [{ filename: string }];
  return join(dir, info.filename);
}

/** One consumer project: its package.json fields, its files, and what it installs. */
export interface ProjectSpec {
  readonly type?: 'module' | 'commonjs';
  readonly files: Readonly<Record<string, string>>;
  /** Extra dependencies, at the versions this repository uses (e.g. the optional peer). */
  readonly with?: readonly string[];
}

/**
 * Writes a project under `root/name` and installs the tarball into it (plus `spec.with`,
 * each at the version range this repository's devDependencies name). Returns its path.
 */
export async function makeProject(
  root: string,
  name: string,
  tarball: string,
  spec: ProjectSpec,
): Promise<string> {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  const manifest = { name: `consumer-${name}`, private: true, ...(spec.type && { type: spec.type }) };
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  for (const [file, text] of Object.entries(spec.files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  const extra = (spec.with ?? []).map((d) => `${d}@${pkg.devDependencies[d] ?? 'latest'}`);
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball, ...extra],
    { cwd: dir },
  );
  return dir;
}

export interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command in `cwd`; never throws on a non-zero exit (the result says it). */
export async function exec(cmd: string, args: readonly string[], cwd: string): Promise<Ran> {
  try {
    const { stdout, stderr } = await run(cmd, [...args], { cwd, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof err.code === 'number' ? err.code : 1,
      stdout: err.stdout ?? '',
      stderr: err.stderr ?? '',
    };
  }
}

/** The repository's TypeScript compiler, run on a consumer project's tsconfig. */
export function tsc(project: string, config = 'tsconfig.json'): Promise<Ran> {
  return exec(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', config], project);
}

export const PACKAGE_NAME = pkg.name;
